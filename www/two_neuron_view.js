// The two-neuron lab's step view: the status lines, the tables of values and parameters, the chain rule
// written out, the settings form, the buttons and the two canvases. Every function here reads the snapshot
// (lab.snapshot) and writes the page; none sends a command.

import { keyed, setClass, setSentence, setText, tableRow } from "./dom.js";

const $ = (id) => document.getElementById(id);


const STAGES = {
  start: "nothing computed yet",
  forward: "forward pass",
  backward: "backward pass",
  update: "update",
  done: "iteration complete",
};

const NEURON_VALUES = [["z", "fwd"], ["a", "fwd"], ["de_da", "bwd"], ["da_dz", "bwd"], ["de_dz", "bwd"]];

export function stepView(lab) {
  const { app, fmt, show } = lab;

  function render() {
    renderStatus();
    renderNeurons();
    renderParameters();
    renderChain();
    renderLoss();
    renderSettings();
    renderButtons();
    lab.renderCheck();
    drawCanvases();
  }

  function renderStatus() {
    const snapshot = lab.snapshot;
    setText($("iteration"), String(snapshot.iteration));
    setText($("done"), String(snapshot.done));
    setText($("operation-count"), String(snapshot.operation_count));
    setText($("stage"), STAGES[snapshot.stage]);
    const lastText = snapshot.last ? snapshot.last.text : "nothing yet";
    setSentence(
      $("last-operation"),
      lab.switchNote
        ? `switched the error function to ${snapshot.loss_formula} (details under “Error function”)`
        : lastText,
    );
    setText($("loss-switched"), lab.switchNote);
    const next = snapshot.next ? snapshot.next.prompt : "the next iteration, with the updated values";
    setSentence($("next-operation"), next);
    lab.renderPrediction();
    if (snapshot.diverged || snapshot.stalled || snapshot.overflow_note) lab.setMessage("");
    // The core says whether this is the course's chain and which optimizer (if not plain descent) trains it.
    const example = snapshot.course_chain;
    const trained = snapshot.trained_with ? `, trained with ${snapshot.trained_with}` : "";
    const title =
      (example
        ? "The two-neuron network"
        : `Your network: ${snapshot.architecture.join(" → ")} (${snapshot.activations.join(", ")})`) + trained;
    setText($("two-neuron-title"), title);
    // The course's words describe its chain; another network gets a sentence of its own.
    $("intro-example").hidden = !example;
    $("intro-custom").hidden = example;
    if (!example) {
      const [inputs, ...layers] = snapshot.architecture;
      // "2 inputs feed 2 sigmoid neurons, which feed 1 tanh neuron": each verb agrees with what comes before.
      let sentence = `${inputs} input${inputs === 1 ? " feeds" : "s feed"}`;
      layers.forEach((n, l) => {
        const which = l === 0 ? "" : layers[l - 1] === 1 ? ", which feeds" : ", which feed";
        sentence += `${which} ${n} ${snapshot.activations[l]} neuron${n === 1 ? "" : "s"}`;
      });
      setText($("intro-custom"), `${sentence}; each neuron takes every output of the layer before it.`);
    }
  }

  function renderNeurons() {
    keyed(
      $("neuron-table").tBodies[0],
      lab.snapshot.neurons,
      () => tableRow(NEURON_VALUES.map(([key]) => key)),
      (tr, n) => {
        setText(tr.cells[0], n.label);
        NEURON_VALUES.forEach(([key, kind], k) => {
          // A value that overflowed is a word, never inf or NaN; the note under the banner says why.
          const overflowed = n.overflowed.includes(key);
          setText(tr.cells[k + 1], overflowed ? "overflowed" : show(n[key]));
          setClass(tr.cells[k + 1], n[key] === null && !overflowed ? "unknown" : kind);
        });
        tr.dataset.layer = n.layer;
        tr.dataset.neuron = n.neuron;
      },
    );
  }

  function renderParameters() {
    keyed(
      $("param-table").tBodies[0],
      lab.snapshot.parameters,
      () => tableRow(["value", "gradient", "after"]),
      (tr, p) => {
        setText(tr.cells[0], p.label);
        tr.dataset.param = p.label;
        setText(tr.cells[1], show(p.value));
        setText(tr.cells[2], show(p.gradient));
        setClass(tr.cells[2], p.gradient === null ? "unknown" : "bwd");
        setText(tr.cells[3], show(p.after));
        setClass(tr.cells[3], p.after === null ? "unknown" : "upd");
      },
    );
  }

  function renderChain() {
    const box = $("chain");
    if (lab.snapshot.chain.length === 0) {
      setText(
        box,
        "The full product is written out for a chain of single neurons; for wider networks each gradient is " +
          "∂E/∂z of its neuron times the input of its edge, as the operations above show.",
      );
      return;
    }
    keyed(
      box,
      lab.snapshot.chain,
      () => {
        const p = document.createElement("p");
        p.className = "chain-rule";
        const head = document.createElement("span");
        head.className = "chain-head";
        const values = document.createElement("span");
        values.className = "chain-values";
        values.append(document.createTextNode(""), document.createElement("output"));
        const meanings = document.createElement("span");
        meanings.className = "chain-meaning";
        p.append(head, document.createElement("br"), values, document.createElement("br"), meanings);
        return p;
      },
      (p, rule) => {
        p.dataset.param = rule.parameter;
        const [head, , values, , meanings] = p.childNodes;
        const labels = rule.factors.map((f) => f.label).join(" · ");
        const numbers = rule.factors.map((f) => (f.overflowed ? "overflowed" : show(f.value))).join(" × ");
        setText(head, `∂E/∂${rule.parameter} = ${labels}`);
        const text = `= ${numbers} = `;
        if (values.firstChild.data !== text) values.firstChild.data = text;
        const result = values.lastChild;
        setClass(result, rule.product === null && !rule.product_overflowed ? "unknown" : "bwd");
        setText(result, rule.product_overflowed ? "overflowed (the note above says why)" : show(rule.product));
        setText(meanings, rule.factors.map((f) => `${f.label} = ${f.meaning}`).join(";  "));
      },
    );
  }

  function renderLoss() {
    const snapshot = lab.snapshot;
    setText($("loss-formula"), snapshot.loss_formula);
    setText($("loss"), show(snapshot.view.loss));
    for (const radio of document.querySelectorAll('input[name="loss"]')) {
      radio.checked = radio.value === snapshot.loss_name;
    }
    // Where the iteration on screen is not the course's, under the course's error, its printed 0.05706 is
    // not on the page: the sentence about it goes.
    $("course-numbers").hidden = !(snapshot.course_values && snapshot.loss_name === "half_squared_error");
    setText($("loss-note"), lossNote(snapshot, lab.predictingNow()));
    setText($("curve-iteration"), String(snapshot.loss_count || snapshot.iteration));
    setText($("curve-loss"), snapshot.latest_loss === null ? "not computed yet" : fmt(snapshot.latest_loss));
  }

  // The settings form is rebuilt only when the network's shape changes, so typing is not interrupted.
  let settingsShape = "";
  function renderSettings() {
    const snapshot = lab.snapshot;
    const form = $("settings");
    const shape = JSON.stringify([snapshot.architecture, snapshot.inputs.length]);
    if (shape !== settingsShape) {
      settingsShape = shape;
      form.replaceChildren(...settingsFields(snapshot).map(settingsField));
    }
    for (const input of form.querySelectorAll("input")) {
      if (document.activeElement === input) continue;
      const value = fmtExact(currentValue(snapshot, JSON.parse(input.dataset.command)));
      if (input.value !== value) input.value = value;
    }
  }

  function renderButtons() {
    const snapshot = lab.snapshot;
    const predicting = lab.predictingNow();
    const atEnd = snapshot.done === snapshot.operation_count;
    const blocked = Boolean(snapshot.diverged) && atEnd;
    $("step-back").disabled = !snapshot.can_step_back;
    $("step").disabled = blocked;
    $("next-iteration").disabled = blocked;
    $("play").disabled = (blocked || predicting) && !lab.player.playing;
    $("play").title = predicting ? "Untick Predict first to play: a class cannot guess numbers that run past" : "";
    $("run-100").disabled = blocked;
    $("run-1000").disabled = blocked;
    const stageOrder = { start: 0, forward: 1, backward: 2, update: 3, done: 4 };
    const at = stageOrder[snapshot.stage];
    $("finish-forward").disabled = at >= 2 || (at === 1 && snapshot.next && snapshot.next.phase !== "forward");
    $("finish-backward").disabled = at >= 3 || (at === 2 && snapshot.next && snapshot.next.phase !== "backward");
    $("finish-update").disabled = at >= 4;
  }

  function drawCanvases() {
    try {
      app.draw_network($("network-canvas"));
      app.draw_error_curve($("error-canvas"));
    } catch (e) {
      lab.showBanner(`Drawing failed: ${e}`);
    }
  }

  return { render, renderStatus, renderButtons, drawCanvases };
}

// The note under the error function's choice: what its ½ does to ∂E/∂a and to the steps, and, on the course's
// chain, to the course's numbers (left out while a class predicts: they would be answers).
function lossNote(snapshot, predicting) {
  const half = snapshot.loss_name === "half_squared_error";
  const squared = snapshot.loss_name === "squared_error";
  // The course's sentences name its chain's a₂ and w₂; another network gets them without the names.
  const chain = snapshot.course_chain;
  // Doubling every gradient doubles every step of gradient descent and momentum (the same as doubling η);
  // RMSprop and Adam divide by the gradient's own size, so their steps barely change.
  const doubled = ["sgd", "momentum"].includes(snapshot.optimizer)
    ? "and so is every update step (the same as ½(T − a)² with twice the learning rate)"
    : "but RMSprop and Adam divide by the gradient's own size, so their steps barely change";
  const courseNumbers = predicting ? "" : " (∂E/∂w₂ ≈ 0.0571, w₂ → 0.427)";
  if (!half && !squared) return `This spec uses ${snapshot.loss_formula}; choose one of the two squared errors to compare them.`;
  if (!chain) {
    return half
      ? "With E = ½(T − a)², ∂E/∂a = a − T at the output: the ½ cancels the 2 that differentiating the square " +
          "brings down. The course's two-neuron example writes its error as (T − a)² but computes the gradients " +
          "of ½(T − a)²."
      : `With E = (T − a)², ∂E/∂a = 2(a − T) at the output: every gradient is exactly twice the ½ version, ${doubled}.`;
  }
  return half
    ? "With E = ½(T − a)², ∂E/∂a₂ = a₂ − T: the ½ cancels the 2 that differentiating the square brings down. " +
        (snapshot.course_values
          ? `These are the course example's numbers${courseNumbers}: `
          : `From the course's starting values, with plain gradient descent at η = 0.4, it gives the course's numbers${courseNumbers}: `) +
        "the course writes the error as (T − a)² but computes the gradients of ½(T − a)²."
    : `With E = (T − a)², ∂E/∂a₂ = 2(a₂ − T): every gradient is exactly twice the ½ version, ${doubled}. ` +
        "The course's numbers belong to ½(T − a)².";
}

// One field per setting, in the order of the network, input to output: x and T, then each neuron's weights
// then its bias (the snapshot lists them in the order the update reaches them, output first), then η.
function settingsFields(snapshot) {
  const fields = [];
  snapshot.input_labels.forEach((label, index) => fields.push({ label, command: { type: "set_input", index } }));
  snapshot.target_labels.forEach((label, index) => fields.push({ label, command: { type: "set_target", index } }));
  const order = (p) => [p.layer, p.neuron, p.kind === "weight" ? 0 : 1, p.input ?? 0];
  const inNetworkOrder = (a, b) => {
    const [x, y] = [order(a), order(b)];
    const k = x.findIndex((v, i) => v !== y[i]);
    return k < 0 ? 0 : x[k] - y[k];
  };
  for (const p of [...snapshot.parameters].sort(inNetworkOrder)) {
    const command =
      p.kind === "weight"
        ? { type: "set_weight", layer: p.layer, neuron: p.neuron, input: p.input }
        : { type: "set_bias", layer: p.layer, neuron: p.neuron };
    fields.push({ label: p.label, command, param: p.label });
  }
  fields.push({ label: "η (learning rate)", command: { type: "set_learning_rate" }, id: "learning-rate" });
  return fields;
}

function settingsField(f, k) {
  const label = document.createElement("label");
  const id = f.id || `setting-${k}`;
  label.htmlFor = id;
  label.textContent = f.label;
  const input = document.createElement("input");
  input.id = id;
  input.type = "text";
  // No decimal keypad: iOS's has no minus key, and weights, biases and x can be negative.
  input.autocomplete = "off";
  input.dataset.command = JSON.stringify(f.command);
  if (f.param) input.dataset.param = f.param;
  const error = document.createElement("span");
  error.className = "field-error";
  error.id = `${id}-error`;
  input.setAttribute("aria-describedby", error.id);
  const wrap = document.createElement("div");
  wrap.className = "field";
  wrap.append(label, input, error);
  return wrap;
}

// Edit fields show full precision, so editing one value does not round the others.
const fmtExact = (v) => String(Number(v.toPrecision(6)));

function currentValue(snapshot, command) {
  switch (command.type) {
    case "set_input":
      return snapshot.inputs[0][command.index];
    case "set_target":
      return snapshot.targets[0][command.index];
    case "set_learning_rate":
      return snapshot.learning_rate;
    case "set_weight":
    case "set_bias":
      return snapshot.parameters.find(
        (p) =>
          p.layer === command.layer &&
          p.neuron === command.neuron &&
          p.kind === (command.type === "set_weight" ? "weight" : "bias") &&
          (command.type === "set_bias" || p.input === command.input),
      ).value;
  }
  return NaN;
}
