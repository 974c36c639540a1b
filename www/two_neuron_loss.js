// The two-neuron lab's error-function switch. Switching the error function keeps the place
// (core::session::Session::switch_loss): the run is recomputed from the same starting values under the new
// function up to the iteration and operation on screen, so the same iteration can be compared under both. The
// page says so, and what the switch changes in the numbers.
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

// What the switch did, read off the snapshots before and after it: the core keeps the place (the run
// recomputed from the same starting values under the new function), unless that run diverges on the way, or
// the place is too far into the run to recompute in one click.
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
  const kept = after.iteration === k && after.done === before.done;
  if (kept) {
    parts.push(
      k === 1
        ? "Iteration 1 is recomputed under it, from the same starting values."
        : `Iterations 1 to ${k} are recomputed under it, from the same starting values; this is that run's ` +
            (after.done === 0 ? `iteration ${k}, before its first operation.` : `iteration ${k}, operation ${after.done}.`),
    );
  } else if (after.diverged) {
    parts.push(
      `Recomputed under it from the same starting values, the run diverges at iteration ${after.iteration}, ` +
        `before iteration ${k}: this is where its numbers overflowed.`,
    );
  } else {
    parts.push(
      `Iteration ${k} is too far to recompute in one click, so the run started again at iteration 1 from the ` +
        "values it began with; Reset now comes back to these values.",
    );
  }
  const pair = [before.loss_name, after.loss_name].join(" → ");
  const first = after.iteration === 1 ? "" : " of iteration 1";
  if (pair === "half_squared_error → squared_error") {
    parts.push(
      `∂E/∂a at the output is now 2(a − T) instead of a − T, so E, every gradient and every update step${first} ` +
        "are exactly twice what they are with E = ½(T − a)²; after that the weights differ too.",
    );
  } else if (pair === "squared_error → half_squared_error") {
    parts.push(
      `∂E/∂a at the output is now a − T instead of 2(a − T), so E, every gradient and every update step${first} ` +
        "are half what they are with E = (T − a)²." +
        (after.course_values && after.iteration === 1 ? " These are the course's numbers." : ""),
    );
  }
  return parts.join(" ");
}
