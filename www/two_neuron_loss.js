// The two-neuron lab's error-function switch. Switching the error function restarts the run
// (core::session::Session::edit): iteration 1, nothing computed, from the weights and biases the iteration on
// screen began with, and Reset comes back there. The page says so, and what the switch changes in the numbers.
//
// While a radio button has focus, ← and → move the choice: that is how a keyboard reaches the other button, so
// it stays. app.js leaves keys on inputs alone, so those arrows never step; a switch made by an arrow key says
// so, since it was most likely meant as a step.

export function wireLossSwitch(lab) {
  let arrowSwitch = false;
  const lossChoice = document.querySelector(".loss-choice");
  lossChoice.addEventListener("keydown", (event) => {
    arrowSwitch = event.key.startsWith("Arrow");
  });
  lossChoice.addEventListener("pointerdown", () => {
    arrowSwitch = false;
  });
  for (const radio of document.querySelectorAll('input[name="loss"]')) {
    radio.addEventListener("change", () => {
      const before = lab.snapshot;
      const byArrow = arrowSwitch;
      const wasPlaying = lab.player.playing;
      arrowSwitch = false;
      // Play would clear the note with its next step, before anyone could read it.
      lab.player.pause();
      if (lab.dispatch({ type: "set_loss", loss: radio.value })) return;
      lab.switchNote =
        describeSwitch(before, lab.snapshot, byArrow) + (wasPlaying ? " Play is paused, so you can read this." : "");
      lab.renderStatus();
    });
  }
}

function describeSwitch(before, after, byArrow) {
  const k = before.iteration;
  const parts = [];
  if (byArrow) {
    parts.push(
      "An arrow key made this switch: while these buttons have focus, the arrow keys choose the error function " +
        "instead of stepping. Click Step ▶ and ← and → step again.",
    );
  }
  parts.push(`The error function is now ${after.loss_formula}.`);
  parts.push(
    `The run started again at iteration 1, with nothing computed, from the weights and biases that ` +
      `iteration ${k} began with; x, T and η are unchanged.`,
  );
  if (k > 1) {
    parts.push(
      `The ${k - 1 === 1 ? "earlier iteration" : `${k - 1} earlier iterations`} and the error curve so far ` +
        "were cleared, and Reset now comes back to these values (“Load the course example” brings back the " +
        "course's values).",
    );
  }
  const pair = [before.loss_name, after.loss_name].join(" → ");
  if (pair === "half_squared_error → squared_error") {
    parts.push(
      "What changes: ∂E/∂a at the output is now 2(a − T) instead of a − T, so in this first iteration E, every " +
        "gradient and every update step are exactly twice what they are with E = ½(T − a)²; from then on the " +
        "run is the one ½(T − a)² would take with twice the learning rate.",
    );
  } else if (pair === "squared_error → half_squared_error") {
    parts.push(
      "What changes: ∂E/∂a at the output is now a − T instead of 2(a − T), so in this first iteration E, every " +
        "gradient and every update step are half what they are with E = (T − a)²." +
        (after.course_values ? " These are the course's starting values, so these are the course's numbers." : ""),
    );
  }
  return parts.join(" ");
}
