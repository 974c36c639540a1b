// The playground's challenges: a question, a prediction made first, then the prepared setup run to its
// epoch; the answer, with the run's own numbers, comes from the core (snapshot.challenge) once it is there.

const $ = (id) => document.getElementById(id);

export function challenges(lab) {
  let predicted = null; // { key, choice }
  const current = () => lab.snapshot.challenges.find((c) => c[0] === $("pg-challenge").value);

  function showQuestion() {
    const [key, , question, choices] = current();
    $("pg-question").textContent = question;
    $("pg-choices").replaceChildren(
      ...choices.map((text, k) => {
        const label = document.createElement("label");
        label.className = "inline";
        const radio = document.createElement("input");
        radio.type = "radio";
        radio.name = "pg-choice";
        radio.value = String(k);
        radio.addEventListener("change", () => ($("pg-challenge-run").disabled = false));
        label.append(radio, ` ${text}`);
        return label;
      }),
    );
    $("pg-challenge-run").disabled = true;
    $("pg-challenge-answer").replaceChildren();
    if (predicted && predicted.key !== key) predicted = null;
  }

  function fill() {
    const select = $("pg-challenge");
    if (select.options.length) return;
    for (const [key, title] of lab.snapshot.challenges) select.add(new Option(title, key));
    showQuestion();
  }

  // The answer, once the run reached its epoch and while the setup is still the challenge's own.
  let shown = "";
  function render() {
    fill();
    const c = lab.snapshot.challenge;
    const text = c && predicted && predicted.key === c.key && c.answer !== null ? c.answer : "";
    const key = `${text}|${predicted ? predicted.choice : ""}`;
    if (key === shown) return;
    shown = key;
    if (!text) {
      const waiting = c && predicted && predicted.key === c.key ? `Training to epoch ${c.epochs}…` : "";
      $("pg-challenge-answer").textContent = waiting;
      return;
    }
    const right = predicted.choice === c.correct;
    const verdict = document.createElement("p");
    verdict.className = "current";
    verdict.textContent = `You predicted “${c.choices[predicted.choice]}”: ${right ? "right" : `the run says “${c.choices[c.correct]}”`}.`;
    const why = document.createElement("p");
    why.textContent = text;
    $("pg-challenge-answer").replaceChildren(verdict, why);
  }

  $("pg-challenge").addEventListener("change", showQuestion);
  $("pg-challenge-run").addEventListener("click", () => {
    const picked = document.querySelector('input[name="pg-choice"]:checked');
    if (!picked) return;
    predicted = { key: current()[0], choice: Number(picked.value) };
    shown = "";
    lab.dispatch({ type: "start_challenge", challenge: predicted.key });
  });

  return { renderChallenge: render };
}
