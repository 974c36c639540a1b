// The losses lab: controls → commands for the Rust lab → snapshot → the table, the sentence and three
// canvases.

import { choose, keyed, setText, tableRow, onCanvasResize } from "./dom.js";

const $ = (id) => document.getElementById(id);

export function startLosses(bindings, { showBanner, onChange }) {
  const { LossesApp, format_number: fmt } = bindings;
  const app = new LossesApp();
  let snapshot = null;

  function dispatch(command) {
    const reply = app.dispatch(command);
    snapshot = reply.snapshot;
    const box = $("lo-message");
    box.textContent = reply.error || "";
    box.hidden = !reply.error;
    render();
    onChange();
    return !reply.error;
  }

  // ---- rendering: reads the snapshot only ----

  function render() {
    const s = snapshot;
    // z and T as they were set (a slider's tenths, a menu's value), not padded to four figures.
    const z = String(s.setup.z);
    setText($("lo-z-value"), z);
    setText($("lo-z-echo"), z);
    setText($("lo-a"), fmt(s.a));
    setText($("lo-t-echo"), String(s.setup.target));
    if (document.activeElement !== $("lo-z")) $("lo-z").value = String(s.setup.z);
    $("lo-z").setAttribute("aria-valuetext", `z = ${z}`);
    choose($("lo-target"), s.setup.target);
    choose($("lo-rate"), s.setup.learning_rate);
    choose($("lo-iterations"), s.setup.iterations);
    keyed(
      $("lo-table").tBodies[0],
      s.rows,
      () => tableRow(["e", "de_da", "da_dz", "de_dz"]),
      (tr, row) => {
        setText(tr.cells[0], row.name);
        tr.dataset.loss = row.loss;
        for (const key of ["e", "de_da", "da_dz", "de_dz"]) setText(tr.querySelector(`[data-value="${key}"]`), fmt(row[key]));
      },
    );
    setText($("lo-summary"), s.summary);
    setText($("lo-runs-count"), String(s.setup.iterations));
    keyed(
      $("lo-runs-table").tBodies[0],
      s.runs,
      () => tableRow(["last", "settled"]),
      (tr, run) => {
        setText(tr.cells[0], run.name);
        tr.dataset.loss = run.loss;
        setText(tr.querySelector('[data-value="last"]'), fmt(run.last_output));
        const settled = run.settled_after;
        setText(
          tr.querySelector('[data-value="settled"]'),
          settled === null ? `not within ${s.setup.iterations}` : settled === 0 ? "0 (starts there)" : String(settled),
        );
      },
    );
    draw();
  }

  function draw() {
    try {
      app.draw_curves($("lo-loss-canvas"), false);
      app.draw_curves($("lo-slope-canvas"), true);
      app.draw_runs($("lo-runs-canvas"));
    } catch (e) {
      showBanner(`Drawing failed: ${e}`);
    }
  }

  // ---- events → commands ----

  $("lo-z").addEventListener("input", (event) => dispatch({ type: "set_z", z: Number(event.target.value) }));
  $("lo-target").addEventListener("change", (event) => dispatch({ type: "set_target", target: Number(event.target.value) }));
  $("lo-rate").addEventListener("change", (event) => dispatch({ type: "set_learning_rate", rate: Number(event.target.value) }));
  $("lo-iterations").addEventListener("change", (event) =>
    dispatch({ type: "set_iterations", iterations: Number(event.target.value) }),
  );

  $("lo-reset").addEventListener("click", () => dispatch({ type: "reset" }));

  // ← and → move z by a step of the slider, as they would with the slider focused.
  function onKey(event) {
    const by = { ArrowLeft: -0.1, ArrowRight: 0.1 }[event.key];
    if (by === undefined) return false;
    const z = Math.round((snapshot.setup.z + by) * 10) / 10;
    if (Math.abs(z) <= 8) dispatch({ type: "set_z", z });
    return true;
  }

  // One observer for the three canvases: a window resize redraws them once, not once per canvas.
  onCanvasResize(
    ["lo-loss-canvas", "lo-slope-canvas", "lo-runs-canvas"].map((id) => $(id)),
    () => snapshot && draw(),
  );

  snapshot = app.snapshot().snapshot;
  render();

  function openLink(query) {
    const reply = app.open_link(query);
    snapshot = reply.snapshot;
    render();
    return reply.error;
  }

  return { app, onKey, tick: () => {}, openLink, redraw: draw, pause: () => {} };
}
