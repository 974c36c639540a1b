// The two-neuron lab's gradient check: backpropagation's gradients against central differences.
// Once asked for, the check follows the iteration on screen. It costs two forward passes of the batch per
// parameter, so it runs once per iteration (not per operation), waits while Play runs, and is not offered for
// big imported networks (the core says which).

import { keyed, setText, tableRow } from "./dom.js";

const $ = (id) => document.getElementById(id);

// Ten figures in both columns: the point is how many of them agree.
const long = (v) => (v !== 0 && Math.abs(v) < 1e-4 ? v.toExponential(9) : v.toPrecision(10));

export function gradientCheck(lab) {
  let checking = false;
  let checkedKey = null;

  function renderCheck() {
    const snapshot = lab.snapshot;
    const table = $("check-table");
    if (!checking) {
      table.hidden = true;
      return;
    }
    const backwardDone = ["update", "done"].includes(snapshot.stage) || snapshot.next?.phase === "update";
    if (lab.predictingNow() && !backwardDone) {
      // Its backprop column is this iteration's gradients: a class predicting them would find them here.
      table.hidden = true;
      setText(
        $("check-verdict"),
        "While a class predicts, the check waits for this iteration's backward pass: it would give the gradients away.",
      );
      checkedKey = null;
      return;
    }
    if (lab.player.playing) {
      setText($("check-verdict"), "The check waits while Play runs; it follows again when you pause.");
      // Pausing within the same iteration must still replace this sentence with the check's verdict.
      checkedKey = null;
      return;
    }
    const key = JSON.stringify([snapshot.iteration, snapshot.loss_name, snapshot.parameters.map((p) => p.value), snapshot.inputs, snapshot.targets]);
    if (key === checkedKey) return;
    checkedKey = key;
    let rows;
    try {
      rows = lab.app.gradient_check();
    } catch (why) {
      // The core decides which networks are too big to check, and says so.
      table.hidden = true;
      setText($("check-caption"), "");
      setText($("check-verdict"), String(why));
      return;
    }
    table.hidden = false;
    keyed(
      table.tBodies[0],
      rows,
      () => tableRow(["backprop", "numerical", "difference"]),
      (tr, row) => {
        tr.dataset.parameter = row.name;
        setText(tr.cells[0], row.name);
        const finite = Number.isFinite(row.numerical) && Number.isFinite(row.difference);
        setText(tr.cells[1], Number.isFinite(row.backprop) ? long(row.backprop) : "no number");
        setText(tr.cells[2], finite ? long(row.numerical) : "no number");
        setText(
          tr.cells[3],
          !finite ? "—" : row.too_small ? "both ≈ 0" : row.difference === 0 ? "0" : row.difference.toExponential(1),
        );
      },
    );
    setText(
      $("check-caption"),
      `Iteration ${snapshot.iteration}, ${snapshot.loss_formula}; each parameter θ nudged by h = 10⁻⁵ (times |θ| when |θ| > 1).`,
    );
    setText($("check-verdict"), verdict(rows));
  }

  $("check-gradients").addEventListener("click", () => {
    checking = true;
    checkedKey = null;
    renderCheck();
  });

  return {
    renderCheck,
    // A new network is checked only when asked again: it may be big.
    stopChecking: () => {
      checking = false;
    },
  };
}

function verdict(rows) {
  let worst = 0;
  let finite = true;
  for (const row of rows) {
    if (!Number.isFinite(row.difference) || !Number.isFinite(row.backprop)) finite = false;
    else if (!row.too_small) worst = Math.max(worst, row.difference);
  }
  const small = rows.filter((r) => r.too_small).length;
  if (!finite) return "The error is not a finite number here, so there is nothing to compare.";
  if (!rows.every((r) => r.agrees)) {
    return (
      `They differ, by up to ${worst.toExponential(1)}. Where E has a kink (a ReLU at z = 0) or is clamped (a ` +
      "saturated sigmoid under cross-entropy), a nudge measures a different slope from the one backpropagation uses."
    );
  }
  return (
    `They agree${small ? ` (${small === rows.length ? "every gradient" : `${small} of them`} is smaller than the nudge's own error, about 10⁻⁸ (times E when E > 1), as at a minimum or where saturated neurons pass almost nothing back: “both ≈ 0”)` : ""}: ` +
    `the largest relative difference is ${worst.toExponential(1)}, what rounding and the size of h leave. Backpropagation's gradients are right.`
  );
}
