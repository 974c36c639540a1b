// The two-neuron lab's Predict first: a guess for the next number, judged by the core when Step reveals it.
// The typed text goes to the core as typed: reading it, counting its significant figures, the verdict and the
// score are the core's (labs::two_neuron::predict). Whether it is on is the core's too, so the link keeps it.

import { setText } from "./dom.js";

const $ = (id) => document.getElementById(id);

export function predictFirst(lab) {
  const predictingNow = () => Boolean(lab.snapshot && lab.snapshot.predict_first);

  function renderPrediction() {
    const snapshot = lab.snapshot;
    $("predict-first").checked = snapshot.predict_first;
    const on = predictingNow() && snapshot.next !== null && !lab.player.playing;
    $("predict-row").hidden = !on;
    if (on) setText($("predict-name"), snapshot.next.quantity);
    const score = snapshot.score;
    setText($("prediction-score"), score ? `Score: ${score.right} of ${score.made} right` : "");
    // Unticking Predict first puts its verdict away with the rest of it.
    const verdict = predictingNow() ? snapshot.prediction : null;
    showResult(verdict && verdict.verdict, verdict ? verdict.message : "");
    // The course's own numbers, written in the notes, would give the answers away.
    document.body.classList.toggle("predicting", predictingNow());
  }

  function clearPrediction() {
    $("prediction").value = "";
    showResult(null, "");
  }

  // One operation, with the typed guess (if any) judged against the number it reveals.
  function step() {
    const field = $("prediction");
    const text = field.value.trim();
    const predicting = predictingNow() && lab.snapshot.next !== null && text !== "";
    if (!predicting) {
      lab.dispatch({ type: "step", count: 1 });
      return;
    }
    // A refused guess (not a number, or one significant figure) changes nothing: it stays in the field, and
    // why is said where the verdict goes.
    const refused = lab.dispatch({ type: "predict", guess: text }, { atField: true });
    if (refused) {
      field.value = text;
      showResult("refused", refused);
      field.focus();
    }
  }

  function showResult(verdict, text) {
    const box = $("prediction-result");
    box.textContent = text;
    box.hidden = !text;
    if (verdict) box.dataset.verdict = verdict;
  }

  $("predict-first").addEventListener("change", (event) => {
    lab.dispatch({ type: "set_predict_first", on: event.target.checked });
    // Play runs numbers past faster than a class can guess them: predicting pauses it (and disables it).
    // Paused after the command, since pausing renders the box from the snapshot.
    if (predictingNow()) {
      lab.player.pause();
      $("prediction").focus();
    }
  });
  $("prediction").addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (!$("step").disabled) step();
  });

  return { predictingNow, renderPrediction, clearPrediction, step };
}
