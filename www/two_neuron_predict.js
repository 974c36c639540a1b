// The two-neuron lab's Predict first: a guess for the next number, judged by the core when Step reveals it.
// Only the reading of the typed text happens here; the verdict and the score are the core's (core::predict).

import { setText, typedNumber } from "./dom.js";

const $ = (id) => document.getElementById(id);

export function predictFirst(lab) {
  const predictingNow = () => $("predict-first").checked;

  function renderPrediction() {
    const snapshot = lab.snapshot;
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
    const guess = typedNumber(text);
    if (predicting && !Number.isFinite(guess)) {
      showResult("off", `“${field.value}” is not a number: type one such as 0.415, or leave the field empty to step.`);
      return;
    }
    field.value = "";
    lab.dispatch(predicting ? { type: "predict", guess } : { type: "step", count: 1 });
  }

  function showResult(verdict, text) {
    const box = $("prediction-result");
    box.textContent = text;
    box.hidden = !text;
    if (verdict) box.dataset.verdict = verdict;
  }

  $("predict-first").addEventListener("change", () => {
    clearPrediction();
    // Play runs numbers past faster than a class can guess them: predicting pauses it (and disables it).
    if (predictingNow()) lab.player.pause();
    lab.render();
    if (predictingNow()) $("prediction").focus();
  });
  $("prediction").addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (!$("step").disabled) step();
  });

  return { predictingNow, renderPrediction, clearPrediction, step };
}
