// The two-neuron lab: turns its controls' events into commands for the Rust session and renders each
// snapshot into text and canvases: event → command → snapshot → render.

import { keyed, setClass, setSentence, setText, tableRow, typedNumber } from "./dom.js";
import { createPlayer } from "./play.js";

const $ = (id) => document.getElementById(id);

// The course's own network: one input, two sigmoid neurons in a chain. Its sentences (a₂, w₂, 0.0571) are
// about this network only.
function courseChain(snapshot) {
  return JSON.stringify(snapshot.architecture) === "[1,1,1]" && snapshot.activations.every((a) => a === "sigmoid");
}

// An imported optimizer changes every update's arithmetic, so the title says which one trains (plain
// gradient descent, the course's, goes unnamed).
const OPTIMIZERS = { momentum: "momentum", rmsprop: "RMSprop", adam: "Adam" };

export function startTwoNeuron(bindings, { showBanner, onChange }) {
  const { App, format_number: fmt } = bindings;
  const app = new App();
  let snapshot = null;
  // What the last switch of the error function did, said until the next command.
  let switchNote = "";

  const show = (value) => (value === null || value === undefined ? "?" : fmt(value));

  // Returns why the command was refused, or null. A refused edit says so at its field, so it passes
  // `{ atField: true }` and the banner stays out of it.
  function dispatch(command, { atField = false } = {}) {
    switchNote = "";
    // A guess belongs to the operation it was typed for: any other command moves on, so it goes.
    clearPrediction();
    const reply = app.dispatch(command);
    snapshot = reply.snapshot;
    if (reply.error) {
      if (!atField) setMessage(reply.error);
      player.pause();
    } else {
      setMessage("");
      clearFieldErrors();
    }
    render();
    onChange();
    return reply.error;
  }

  function setMessage(text) {
    const box = $("diverged");
    const message = snapshot && snapshot.diverged ? snapshot.diverged.message : text || (snapshot && snapshot.stalled) || "";
    box.textContent = message;
    box.hidden = !message;
  }

  // ---- rendering: every function below reads the snapshot and nothing else ----

  function render() {
    renderStatus();
    renderNeurons();
    renderParameters();
    renderChain();
    renderLoss();
    renderSettings();
    renderButtons();
    renderCheck();
    drawCanvases();
  }

  // The gradient check, once asked for, follows the iteration on screen. It costs two forward passes of the
  // batch per parameter, so it runs once per iteration (not per operation), waits while Play runs, and is
  // not offered for big imported networks.
  let checking = false;
  let checkedKey = null;
  const long = (v) => (v !== 0 && Math.abs(v) < 1e-4 ? v.toExponential(9) : v.toPrecision(10));
  function renderCheck() {
    const table = $("check-table");
    if (!checking) {
      table.hidden = true;
      return;
    }
    const backwardDone = ["update", "done"].includes(snapshot.stage) || snapshot.next?.phase === "update";
    if (predictingNow() && !backwardDone) {
      // Its backprop column is this iteration's gradients: a class predicting them would find them here.
      table.hidden = true;
      setText(
        $("check-verdict"),
        "While a class predicts, the check waits for this iteration's backward pass: it would give the gradients away.",
      );
      checkedKey = null;
      return;
    }
    if (player.playing) {
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
      rows = app.gradient_check();
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
        // Ten figures in both columns: the point is how many of them agree.
        setText(tr.cells[1], Number.isFinite(row.backprop) ? long(row.backprop) : "no number");
        setText(tr.cells[2], finite ? long(row.numerical) : "no number");
        setText(
          tr.cells[3],
          !finite ? "—" : row.too_small ? "both ≈ 0" : row.difference === 0 ? "0" : row.difference.toExponential(1),
        );
      },
    );
    let worst = 0;
    let finite = true;
    for (const row of rows) {
      if (!Number.isFinite(row.difference) || !Number.isFinite(row.backprop)) finite = false;
      else if (!row.too_small) worst = Math.max(worst, row.difference);
    }
    const small = rows.filter((r) => r.too_small).length;
    setText(
      $("check-caption"),
      `Iteration ${snapshot.iteration}, ${snapshot.loss_formula}; each parameter θ nudged by h = 10⁻⁵ (times |θ| when |θ| > 1).`,
    );
    setText(
      $("check-verdict"),
      !finite
        ? "The error is not a finite number here, so there is nothing to compare."
        : rows.every((r) => r.agrees)
          ? `They agree${small ? ` (${small === rows.length ? "every gradient" : `${small} of them`} is smaller than the nudge's own error, about 10⁻⁸ (times E when E > 1), as at a minimum or where saturated neurons pass almost nothing back: “both ≈ 0”)` : ""}: ` +
            `the largest relative difference is ${worst.toExponential(1)}, what rounding and the size of h leave. Backpropagation's gradients are right.`
          : `They differ, by up to ${worst.toExponential(1)}. Where E has a kink (a ReLU at z = 0) or is clamped (a ` +
            "saturated sigmoid under cross-entropy), a nudge measures a different slope from the one backpropagation uses.",
    );
  }

  function renderStatus() {
    setText($("iteration"), String(snapshot.iteration));
    setText($("done"), String(snapshot.done));
    setText($("operation-count"), String(snapshot.operation_count));
    const stages = {
      start: "nothing computed yet",
      forward: "forward pass",
      backward: "backward pass",
      update: "update",
      done: "iteration complete",
    };
    setText($("stage"), stages[snapshot.stage]);
    const lastText = snapshot.last ? snapshot.last.text : "nothing yet";
    setSentence(
      $("last-operation"),
      switchNote
        ? `switched the error function to ${snapshot.loss_formula}; the run started again (details under ` +
            "“Error function”)"
        : lastText,
    );
    setText($("loss-switched"), switchNote);
    const next = snapshot.next ? snapshot.next.prompt : "the next iteration, with the updated values";
    setSentence($("next-operation"), next);
    renderPrediction();
    if (snapshot.diverged || snapshot.stalled) setMessage("");
    const example = courseChain(snapshot);
    const trained = OPTIMIZERS[snapshot.optimizer] ? `, trained with ${OPTIMIZERS[snapshot.optimizer]}` : "";
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

  const NEURON_VALUES = [["z", "fwd"], ["a", "fwd"], ["de_da", "bwd"], ["da_dz", "bwd"], ["de_dz", "bwd"]];

  function renderNeurons() {
    keyed(
      $("neuron-table").tBodies[0],
      snapshot.neurons,
      () => tableRow(NEURON_VALUES.map(([key]) => key)),
      (tr, n) => {
        setText(tr.cells[0], n.label);
        NEURON_VALUES.forEach(([key, kind], k) => {
          setText(tr.cells[k + 1], show(n[key]));
          setClass(tr.cells[k + 1], n[key] === null ? "unknown" : kind);
        });
        tr.dataset.layer = n.layer;
        tr.dataset.neuron = n.neuron;
      },
    );
  }

  function renderParameters() {
    keyed(
      $("param-table").tBodies[0],
      snapshot.parameters,
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
    if (snapshot.chain.length === 0) {
      setText(
        box,
        "The full product is written out for a chain of single neurons; for wider networks each gradient is " +
          "∂E/∂z of its neuron times the input of its edge, as the operations above show.",
      );
      return;
    }
    keyed(
      box,
      snapshot.chain,
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
        const numbers = rule.factors.map((f) => `${show(f.value)}`).join(" × ");
        setText(head, `∂E/∂${rule.parameter} = ${labels}`);
        const text = `= ${numbers} = `;
        if (values.firstChild.data !== text) values.firstChild.data = text;
        const result = values.lastChild;
        setClass(result, rule.product === null ? "unknown" : "bwd");
        setText(result, show(rule.product));
        setText(meanings, rule.factors.map((f) => `${f.label} = ${f.meaning}`).join(";  "));
      },
    );
  }

  function renderLoss() {
    setText($("loss-formula"), snapshot.loss_formula);
    setText($("loss"), show(snapshot.view.loss));
    for (const radio of document.querySelectorAll('input[name="loss"]')) {
      radio.checked = radio.value === snapshot.loss_name;
    }
    const half = snapshot.loss_name === "half_squared_error";
    const squared = snapshot.loss_name === "squared_error";
    // The course's sentences name its chain's a₂ and w₂; another network gets them without the names.
    const chain = courseChain(snapshot);
    // Doubling every gradient doubles every step of gradient descent and momentum (the same as doubling η);
    // RMSprop and Adam divide by the gradient's own size, so their steps barely change.
    const doubled = ["sgd", "momentum"].includes(snapshot.optimizer)
      ? "and so is every update step (the same as ½(T − a)² with twice the learning rate)"
      : "but RMSprop and Adam divide by the gradient's own size, so their steps barely change";
    // Where the iteration on screen is not the course's, under the course's error, its printed 0.05706 is
    // not on the page: the sentence about it goes.
    $("course-numbers").hidden = !(snapshot.course_values && half);
    const note = !half && !squared
      ? `This spec uses ${snapshot.loss_formula}; choose one of the two squared errors to compare them.`
      : !chain
      ? (half
          ? "With E = ½(T − a)², ∂E/∂a = a − T at the output: the ½ cancels the 2 that differentiating the square " +
            "brings down. The course's two-neuron example writes its error as (T − a)² but computes the gradients " +
            "of ½(T − a)²."
          : `With E = (T − a)², ∂E/∂a = 2(a − T) at the output: every gradient is exactly twice the ½ version, ${doubled}.`)
      : half
      ? "With E = ½(T − a)², ∂E/∂a₂ = a₂ − T: the ½ cancels the 2 that differentiating the square brings down. " +
        // While a class predicts, the course's numbers would be answers: they are left out.
        (snapshot.course_values
          ? `These are the course example's numbers${predictingNow() ? "" : " (∂E/∂w₂ ≈ 0.0571, w₂ → 0.427)"}: `
          : `From the course's starting values, with plain gradient descent at η = 0.4, it gives the course's numbers${predictingNow() ? "" : " (∂E/∂w₂ ≈ 0.0571, w₂ → 0.427)"}: `) +
        "the course writes the error as (T − a)² but computes the gradients of ½(T − a)²."
      : `With E = (T − a)², ∂E/∂a₂ = 2(a₂ − T): every gradient is exactly twice the ½ version, ${doubled}. ` +
        "The course's numbers belong to ½(T − a)².";
    setText($("loss-note"), note);
    setText($("curve-iteration"), String(snapshot.loss_count || snapshot.iteration));
    setText($("curve-loss"), snapshot.latest_loss === null ? "not computed yet" : fmt(snapshot.latest_loss));
  }

  // The settings form is rebuilt only when the network's shape changes, so typing is not interrupted.
  let settingsShape = "";
  function renderSettings() {
    const form = $("settings");
    const shape = JSON.stringify([snapshot.architecture, snapshot.inputs.length]);
    if (shape !== settingsShape) {
      settingsShape = shape;
      const fields = [];
      snapshot.input_labels.forEach((label, index) => fields.push({ label, command: { type: "set_input", index } }));
      snapshot.target_labels.forEach((label, index) => fields.push({ label, command: { type: "set_target", index } }));
      // In the order of the network, input to output, each neuron's weights then its bias (the snapshot
      // lists them in the order the update reaches them, output first).
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
      form.replaceChildren(
        ...fields.map((f, k) => {
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
        }),
      );
    }
    for (const input of form.querySelectorAll("input")) {
      if (document.activeElement === input) continue;
      const value = fmtExact(currentValue(JSON.parse(input.dataset.command)));
      if (input.value !== value) input.value = value;
    }
  }

  // Edit fields show full precision, so editing one value does not round the others.
  const fmtExact = (v) => String(Number(v.toPrecision(6)));

  function currentValue(command) {
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

  function renderButtons() {
    const atEnd = snapshot.done === snapshot.operation_count;
    const blocked = Boolean(snapshot.diverged) && atEnd;
    $("step-back").disabled = !snapshot.can_step_back;
    $("step").disabled = blocked;
    $("next-iteration").disabled = blocked;
    $("play").disabled = (blocked || predictingNow()) && !player.playing;
    $("play").title = predictingNow() ? "Untick Predict first to play: a class cannot guess numbers that run past" : "";
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
      showBanner(`Drawing failed: ${e}`);
    }
  }

  // ---- predict first: a guess for the next number, judged by the core when Step reveals it ----

  const predictingNow = () => $("predict-first").checked;
  function renderPrediction() {
    const on = predictingNow() && snapshot.next !== null && !player.playing;
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

  // One operation, with the typed guess (if any) judged against the number it reveals. Only the reading of
  // the typed text happens here; the verdict and the score are the core's (core::predict).
  function step() {
    const field = $("prediction");
    const text = field.value.trim();
    const predicting = predictingNow() && snapshot.next !== null && text !== "";
    const guess = typedNumber(text);
    if (predicting && !Number.isFinite(guess)) {
      showResult("off", `“${field.value}” is not a number: type one such as 0.415, or leave the field empty to step.`);
      return;
    }
    field.value = "";
    dispatch(predicting ? { type: "predict", guess } : { type: "step", count: 1 });
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
    if (predictingNow()) player.pause();
    render();
    if (predictingNow()) $("prediction").focus();
  });
  $("prediction").addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (!$("step").disabled) step();
  });

  // ---- events → commands ----

  const on = (id, command) => $(id).addEventListener("click", () => dispatch(command));
  $("step").addEventListener("click", step);
  on("step-back", { type: "step", count: -1 });
  on("finish-forward", { type: "finish", phase: "forward" });
  on("finish-backward", { type: "finish", phase: "backward" });
  on("finish-update", { type: "finish", phase: "update" });
  on("next-iteration", { type: "next_iteration" });
  on("run-100", { type: "run_iterations", count: 100 });
  on("run-1000", { type: "run_iterations", count: 1000 });
  on("load-example", { type: "load_example" });
  $("reset").addEventListener("click", () => {
    player.pause();
    dispatch({ type: "reset" });
  });

  // Switching the error function restarts the run (core::session::Session::edit): iteration 1, nothing
  // computed, from the weights and biases the iteration on screen began with, and Reset comes back there.
  // The page says so, and what the switch changes in the numbers.
  //
  // While a radio button has focus, ← and → move the choice: that is how a keyboard reaches the other
  // button, so it stays. app.js leaves keys on inputs alone, so those arrows never step; a switch made by an
  // arrow key says so, since it was most likely meant as a step.
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
      const before = snapshot;
      const byArrow = arrowSwitch;
      const wasPlaying = player.playing;
      arrowSwitch = false;
      // Play would clear the note with its next step, before anyone could read it.
      player.pause();
      if (dispatch({ type: "set_loss", loss: radio.value })) return;
      switchNote = describeSwitch(before, snapshot, byArrow) + (wasPlaying ? " Play is paused, so you can read this." : "");
      renderStatus();
    });
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

  function clearFieldErrors() {
    for (const input of $("settings").querySelectorAll("input[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
      $(`${input.id}-error`).textContent = "";
    }
  }

  $("settings").addEventListener("change", (event) => {
    const input = event.target;
    const value = typedNumber(input.value);
    const error = $(`${input.id}-error`);
    if (!Number.isFinite(value)) {
      input.setAttribute("aria-invalid", "true");
      error.textContent = "Enter a number, such as 0.15 or -0.25.";
      return;
    }
    const typed = input.value;
    const refused = dispatch({ ...JSON.parse(input.dataset.command), value }, { atField: true });
    if (refused) {
      // The run kept its values; the field keeps what was typed, and says why it was not taken.
      input.value = typed;
      input.setAttribute("aria-invalid", "true");
      error.textContent = refused.replace(/^.*learning_rate: /, "η ");
    } else {
      input.blur();
    }
  });
  $("settings").addEventListener("submit", (event) => event.preventDefault());

  // Play: operation by operation at a few per second, or whole iterations every frame; the first frame does
  // one operation at once. A refused step (a run that has diverged) stops it.
  const player = createPlayer({
    button: $("play"),
    panel: $("two-neuron-lab"),
    immediate: true,
    rate: () => {
      const [unit, rate] = $("speed").value.split(":");
      return unit === "iterations" ? { perFrame: Number(rate) } : { perSecond: Number(rate) };
    },
    step: (count, rate) => !dispatch(rate.perFrame ? { type: "run_iterations", count } : { type: "step", count }),
    // Play runs numbers past faster than a class can guess them.
    canStart: () => !predictingNow(),
    onChange: () => {
      if (!snapshot) return;
      renderPrediction();
      renderButtons();
      renderCheck();
    },
  });
  // One frame of Play at the chosen speed, run at once (the in-browser benchmark times these).
  const tick = () => player.advance(1000 / 60);

  // Keys, routed here by app.js while this lab is shown.
  function onKey(event) {
    if (event.key === "ArrowRight" && !$("step").disabled) step();
    else if (event.key === "ArrowLeft" && !$("step-back").disabled) dispatch({ type: "step", count: -1 });
    else if (event.key === " ") player.toggle();
    else return false;
    return true;
  }

  // ---- import and export ----

  $("export-spec").addEventListener("click", () => {
    $("spec-text").value = app.export_spec();
    $("spec-message").textContent = "The current starting values, as a spec. Copy it, or edit it and import it.";
  });
  $("export-trace").addEventListener("click", () => {
    $("spec-text").value = app.export_trace();
    const overflowed = snapshot.diverged ? " Numbers that overflowed are written as null (JSON has no ∞)." : "";
    $("spec-message").textContent =
      `Every value of iteration ${snapshot.iteration} (its "step" counts from 0), as JSON: a record, not a spec, ` +
      `so it cannot be imported.${overflowed}`;
  });
  function importText(text) {
    switchNote = "";
    // A new network is checked only when asked again: it may be big.
    checking = false;
    const reply = app.import_spec(text);
    snapshot = reply.snapshot;
    $("spec-message").textContent = reply.error ? reply.error : "Imported: the run starts again from this spec.";
    $("spec-message").classList.toggle("error", Boolean(reply.error));
    if (!reply.error) setMessage("");
    render();
  }
  $("import-spec").addEventListener("click", () => importText($("spec-text").value));
  $("check-gradients").addEventListener("click", () => {
    checking = true;
    checkedKey = null;
    renderCheck();
  });
  $("spec-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    if (file.size > 5_000_000) {
      $("spec-message").textContent = "That file is larger than 5 MB; a spec is a few kilobytes.";
      return;
    }
    const text = await file.text();
    $("spec-text").value = text;
    importText(text);
  });

  // Redraw the canvases when their size (or the screen's pixel ratio) changes.
  new ResizeObserver(() => snapshot && drawCanvases()).observe($("network-canvas"));
  new ResizeObserver(() => snapshot && drawCanvases()).observe($("error-canvas"));

  snapshot = app.snapshot().snapshot;
  render();
  // Opens a link's setup; returns why it was refused, or null. A link to another network than the course's
  // chain carries its whole spec, as JSON (see `link`).
  function openLink(query) {
    switchNote = "";
    const spec = new URLSearchParams(query).get("spec");
    const reply = spec === null ? app.open_link(query) : app.import_spec(spec);
    snapshot = reply.snapshot;
    render();
    return reply.error;
  }

  // The address of the lab as it stands. The course's chain has short named settings (core::link); any
  // other network (an import) is written as its spec at the start of the iteration on screen, so the
  // address still opens it.
  function link() {
    const query = app.link();
    return query !== "" ? query : `spec=${encodeURIComponent(JSON.stringify(JSON.parse(app.export_spec())))}`;
  }

  return { app, link, onKey, tick, openLink, redraw: drawCanvases, pause: player.pause };
}

