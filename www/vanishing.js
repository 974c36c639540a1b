// The activations and vanishing-gradient lab: controls → commands for the Rust lab → snapshot → text and
// five canvases.

import { choose, keyed, setSentence, setText, tableRow, tell, typedNumber, onCanvasResize } from "./dom.js";
import { createPlayer } from "./play.js";

const $ = (id) => document.getElementById(id);

const ZERO_WHY = {
  relu_off: "exactly 0: a ReLU between that layer and the output has z ≤ 0, so its slope is 0 and no signal gets back past it",
  dead_input: "exactly 0: that layer's input is 0, because the ReLUs feeding it are off, and a = 0 multiplies every weight",
  underflow: "0 by underflow: the true value is smaller than the smallest number a double can hold",
};
const ZERO_SHORT = { relu_off: "0 (ReLU off)", dead_input: "0 (input is 0)", underflow: "0 (underflow)" };

export function startVanishing(bindings, { showBanner, onChange }) {
  const { VanishingApp, format_number: fmt } = bindings;
  const app = new VanishingApp();
  let snapshot = null;

  // Which canvases a command can change; anything else (a new chain) redraws them all.
  const VIEWS_OF = {
    reveal: ["flow", "bars"],
    reveal_all: ["flow", "bars"],
    set_gallery_activation: ["activation"],
    set_gallery_z: ["activation"],
    set_scores: ["softmax"],
    set_temperature: ["softmax"],
  };

  function dispatch(command) {
    const reply = app.dispatch(command);
    snapshot = reply.snapshot;
    // Softmax errors are said in its own panel, the chain's in the chain's.
    const softmax = command.type === "set_scores" || command.type === "set_temperature";
    const box = $("va-message");
    box.textContent = softmax ? "" : reply.error || "";
    box.hidden = softmax || !reply.error;
    if (softmax) $("va-softmax-message").textContent = reply.error || "";
    // The panel keeps both fields as typed, refused or not (core::vanishing::softmax): a refused field is
    // marked until it is mended, and the bars are redrawn either way, so they never stand for other input.
    const refused = { "va-scores": snapshot.softmax.scores_error, "va-temperature": snapshot.softmax.temperature_error };
    for (const [id, why] of Object.entries(refused)) {
      if (why) $(id).setAttribute("aria-invalid", "true");
      else $(id).removeAttribute("aria-invalid");
    }
    render(reply.error && !softmax ? [] : VIEWS_OF[command.type]);
    onChange();
    return !reply.error;
  }

  // ---- rendering: reads the snapshot only ----

  function render(views) {
    const s = snapshot;
    const g = s.gallery;
    $("va-z-value").textContent = fmt(g.z);
    $("va-f").textContent = fmt(g.f);
    $("va-df").textContent = fmt(g.df);
    if (document.activeElement !== $("va-z")) $("va-z").value = String(g.z);
    for (const r of document.querySelectorAll('input[name="va-gallery"]')) r.checked = r.value === s.gallery_activation;
    for (const r of document.querySelectorAll('input[name="va-activation"]')) r.checked = r.value === s.setup.activation;
    const probabilities = s.softmax.probabilities;
    $("va-probabilities").textContent = probabilities.length ? probabilities.map(fmt).join(", ") : "none while the input is refused";
    $("va-sum").textContent = s.softmax.sum === null ? "—" : fmt(s.softmax.sum);
    if (document.activeElement !== $("va-depth")) $("va-depth").value = String(s.setup.depth);
    $("va-width").value = String(s.setup.width);
    $("va-dying").checked = s.setup.dying_relu;
    choose($("va-rate"), s.setup.train_rate);
    renderTable();
    // A new chain (every view redrawn) is the only thing that changes these.
    if (!views || views.includes("training")) {
      renderSummary();
      renderDepthTable();
      renderChangeTable();
    }
    $("va-toward-output").disabled = s.revealed === 0;
    $("va-toward-input").disabled = s.revealed === s.setup.depth;
    draw(views);
  }

  function renderSummary() {
    const s = snapshot;
    const name = s.chosen.label;
    const layers = s.chosen.layers;
    const first = layers[0];
    const last = layers[layers.length - 1];
    let text;
    if (layers.length < 2) text = "With one layer there is nothing to vanish: add layers.";
    else if (s.chosen.ratio !== null) {
      const r = s.chosen.ratio;
      const how =
        r >= 1.25 ? `${fmt(r)} times smaller than` : r > 0.8 ? "about the same size as" : `${fmt(1 / r)} times larger than`;
      text = `With ${name} and ${layers.length} layers, the first layer's gradient |∂E/∂w| = ${fmt(first.gradient)} is ${how} the last layer's (${fmt(last.gradient)}).`;
    }
    else if (last.gradient === 0) {
      // With the dying box ticked, layer 2's bias of −3 keeps it off whatever the weights; otherwise other
      // weights may turn the ReLUs on.
      const remedy = s.setup.dying_relu
        ? "Untick “push layer 2 below zero” to bring it back."
        : "Press “New weights” for another start.";
      text =
        last.zero === "dead_input"
          ? `With ${name}, every weight's gradient is 0: the layer before the output is entirely off, so the output's input is 0 and multiplies every weight. Only the output's bias still learns: it can move the output, but not use the input. ${remedy}`
          : last.zero === "relu_off"
            ? `With ${name}, every gradient is 0, the output's bias included: the output's ReLU has z ≤ 0, so its slope is 0 and no signal starts back at all. Nothing in this chain can learn. ${remedy}`
            : `With ${name}, every weight's gradient is ${ZERO_WHY[last.zero] || "0"}.`;
    }
    else text = `With ${name}, the first layer's gradient is ${ZERO_WHY[first.zero] || "0"}; the last layer's is ${fmt(last.gradient)}.`;
    setSentence($("va-summary"), text);
    const seed = s.seed_ratio;
    $("va-seed").textContent = seed
      ? `The same effect in the two-neuron example, through one sigmoid: ∂E/∂b₁ = ${fmt(seed.de_db1)} is ` +
        `${fmt(seed.de_db2 / seed.de_db1)} times smaller than ∂E/∂b₂ = ${fmt(seed.de_db2)}, the factor w₂·σ′(z₁) on the way back. ` +
        `∂E/∂w₁ = ${fmt(seed.de_dw1)} is ${fmt(seed.ratio)} times smaller than ∂E/∂w₂ = ${fmt(seed.de_dw2)}: the same factor, ` +
        `times the inputs the two weights multiply, x = ${fmt(seed.x)} against a₁ = ${fmt(seed.a1)}.`
      : "";
  }

  function cells(tr, values) {
    for (const [text, key] of values) {
      const td = document.createElement("td");
      td.textContent = text;
      if (key) td.dataset.value = key;
      tr.append(td);
    }
  }

  const LAYER_VALUES = ["z", "slope", "factor", "signal", "gradient"];

  function renderTable() {
    const s = snapshot;
    // A wider stack has no single factor per layer (each neuron has its own): the column goes.
    $("va-table").classList.toggle("no-factor", s.chosen.layers.every((l) => l.factor === null));
    const hiddenBelow = s.setup.depth - s.revealed;
    const notes = new Set();
    keyed(
      $("va-table").tBodies[0],
      s.chosen.layers,
      () => tableRow(LAYER_VALUES),
      (tr, layer, k) => {
        tr.dataset.layer = layer.layer;
        setText(tr.cells[0], String(layer.layer));
        const shown = k >= hiddenBelow;
        const gradient = !shown ? "?" : layer.zero ? ZERO_SHORT[layer.zero] : fmt(layer.gradient);
        if (shown && layer.zero) notes.add(layer.zero);
        // The factor that carries the signal from the layer above into this one is w_above·f′(z) with this
        // row's own f′(z); the core files it under the layer above, where the signal comes from.
        const above = s.chosen.layers[k + 1];
        const factor = !above || above.factor === null ? "—" : shown ? `× ${fmt(above.factor)}` : "?";
        const texts = [
          layer.z.length === 1 ? fmt(layer.z[0]) : `${layer.z.length} values`,
          shown ? fmt(layer.slope) : "?",
          factor,
          shown ? fmt(layer.signal) : "?",
          gradient,
        ];
        texts.forEach((text, j) => setText(tr.cells[j + 1], text));
      },
    );
    // One sentence per kind of 0, named as the table writes it: two reasons both opening "0 means exactly 0"
    // read as one said twice.
    setText($("va-zero-note"), [...notes].map((z) => `“${ZERO_SHORT[z]}” is ${ZERO_WHY[z]}.`).join(" "));
  }

  function renderDepthTable() {
    const depths = document.createElement("tr");
    const ratios = document.createElement("tr");
    const head = (text) => {
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = text;
      return th;
    };
    depths.append(head("layers"));
    ratios.append(head("last ÷ first"));
    const zeros = new Set();
    for (const { depth, ratio, zero } of snapshot.ratio_by_depth) {
      cells(depths, [[String(depth)]]);
      // No ratio where the first layer's gradient is 0: the cell says so, and the note below says why.
      if (ratio === null) zeros.add(zero);
      cells(ratios, [[ratio === null ? "no ratio" : fmt(ratio), `ratio-${depth}`]]);
    }
    $("va-depth-table").tBodies[0].replaceChildren(depths, ratios);
    setText(
      $("va-depth-note"),
      [...zeros].map((z) => `“no ratio”: the first layer's gradient is ${ZERO_WHY[z] || "0"}.`).join(" "),
    );
  }

  function renderChangeTable() {
    const s = snapshot;
    setText($("va-train-rate"), String(s.train_rate));
    setText($("va-train-steps"), String(s.train_steps));
    setText($("va-train-steps-2"), String(s.train_steps));
    // Which runs stopped learning and why, and how leaky ReLU went beside a dead ReLU: written by the core
    // (core::vanishing::training_note) from the runs' own numbers.
    setText($("va-stuck"), s.training_note);
    const headRow = document.createElement("tr");
    for (const text of ["layer", ...s.compared.map((r) => r.label)]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = text;
      headRow.append(th);
    }
    $("va-change-table").tHead.replaceChildren(headRow);
    const rows = s.chosen.layers.map((layer, k) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = layer.layer;
      tr.append(th);
      cells(
        tr,
        s.compared.map((r) => [r.diverged_at ? "diverged" : fmt(r.weight_change[k]), r.activation]),
      );
      return tr;
    });
    // The error each run ends with, for reading the chart's right edge as numbers.
    const last = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = "E at the end";
    last.append(th);
    cells(
      last,
      s.compared.map((r) => [r.diverged_at ? `diverged at step ${r.diverged_at}` : fmt(r.final_loss), `final-${r.activation}`]),
    );
    rows.push(last);
    $("va-change-table").tBodies[0].replaceChildren(...rows);
  }

  const DRAW = {
    activation: () => app.draw_activation($("va-activation-canvas")),
    softmax: () => app.draw_softmax($("va-softmax-canvas")),
    flow: () => app.draw_gradient_flow($("va-flow-canvas")),
    bars: () => app.draw_gradient_bars($("va-bars-canvas")),
    training: () => app.draw_training($("va-train-canvas")),
  };

  function draw(views = Object.keys(DRAW)) {
    try {
      for (const view of views) DRAW[view]();
    } catch (e) {
      showBanner(`Drawing failed: ${e}`);
    }
  }

  // ---- events → commands ----

  for (const r of document.querySelectorAll('input[name="va-gallery"]')) {
    r.addEventListener("change", () => dispatch({ type: "set_gallery_activation", activation: r.value }));
  }
  for (const r of document.querySelectorAll('input[name="va-activation"]')) {
    r.addEventListener("change", () => dispatch({ type: "set_activation", activation: r.value }));
  }
  $("va-z").addEventListener("input", () => dispatch({ type: "set_gallery_z", z: Number($("va-z").value) }));
  const plot = $("va-activation-canvas");
  const zFromPointer = (event) => {
    const z = app.z_at(event.clientX - plot.getBoundingClientRect().left);
    if (z !== undefined) dispatch({ type: "set_gallery_z", z: Math.round(z * 100) / 100 });
  };
  plot.addEventListener("pointerdown", (event) => {
    plot.setPointerCapture(event.pointerId);
    zFromPointer(event);
  });
  plot.addEventListener("pointermove", (event) => event.buttons & 1 && zFromPointer(event));

  // The core reads the scores as typed (core::vanishing::read_scores) and names one that is not a number.
  $("va-scores").addEventListener("change", () => dispatch({ type: "set_scores", text: $("va-scores").value }));
  $("va-temperature").addEventListener("change", () =>
    dispatch({ type: "set_temperature", temperature: typedNumber($("va-temperature").value) }),
  );
  // Refused beside the field (dom.js `tell`), not in the chain's message under the activations.
  $("va-depth").addEventListener("change", () => {
    const field = $("va-depth");
    const depth = Number(field.value);
    const said = { refused: $("va-depth-refused"), field };
    if (field.value.trim() === "" || !Number.isInteger(depth)) {
      tell(said, "The number of layers must be a whole number from 1 to 20.", true);
      return;
    }
    replay.pause();
    const used = dispatch({ type: "set_depth", depth: Math.max(0, depth) });
    tell(said, used ? "" : $("va-message").textContent, !used);
    if (!used) $("va-message").hidden = true;
  });
  $("va-width").addEventListener("change", () => dispatch({ type: "set_width", width: Number($("va-width").value) }));
  $("va-dying").addEventListener("change", () => dispatch({ type: "set_dying_relu", on: $("va-dying").checked }));
  $("va-rate").addEventListener("change", () => dispatch({ type: "set_train_rate", rate: typedNumber($("va-rate").value) }));
  let seed = 1;
  $("va-reseed").addEventListener("click", () => dispatch({ type: "reseed", seed: ++seed }));

  // The backward-pass animation, the lab's Play: it hides every layer's gradient, then reveals one layer every
  // 0.6 s from the output, and stops at the input. Its button starts it again from the output; it has no
  // Pause, and any other move of the signal stops it.
  const replay = createPlayer({
    panel: $("vanishing-lab"),
    rate: () => ({ perSecond: 1000 / 600 }),
    step: (count) => {
      for (let k = 0; k < count; k++) {
        dispatch({ type: "reveal", count: 1 });
        if (snapshot.revealed >= snapshot.setup.depth) return false;
      }
      return true;
    },
  });
  $("va-replay").addEventListener("click", () => {
    replay.pause();
    dispatch({ type: "reveal", count: -snapshot.setup.depth });
    replay.play();
  });
  // The output is drawn on the right, so the signal travels leftward, toward the input.
  $("va-toward-input").addEventListener("click", () => {
    replay.pause();
    dispatch({ type: "reveal", count: 1 });
  });
  $("va-toward-output").addEventListener("click", () => {
    replay.pause();
    dispatch({ type: "reveal", count: -1 });
  });
  $("va-all").addEventListener("click", () => {
    replay.pause();
    dispatch({ type: "reveal_all" });
  });

  function onKey(event) {
    if (event.key === "ArrowLeft" && !$("va-toward-input").disabled) $("va-toward-input").click();
    else if (event.key === "ArrowRight" && !$("va-toward-output").disabled) $("va-toward-output").click();
    else return false;
    return true;
  }

  snapshot = app.snapshot().snapshot;
  render();
  // One frame of the backward-pass animation, starting over when it has reached the input.
  function tick() {
    if (snapshot.revealed >= snapshot.setup.depth) dispatch({ type: "reveal", count: -snapshot.setup.depth });
    dispatch({ type: "reveal", count: 1 });
  }

  function openLink(query) {
    const reply = app.open_link(query);
    snapshot = reply.snapshot;
    render();
    return reply.error;
  }

  // A wider or narrower window (or the page's type crossing a wide-screen step) resizes the canvases: redraw
  // them at their new size, so they stay sharp and a click on the activation plot reads the z it shows.
  onCanvasResize([$("va-activation-canvas")], () => snapshot && !$("vanishing-lab").hidden && draw());

  return { app, onKey, tick, openLink, redraw: () => draw(), pause: replay.pause };
}
