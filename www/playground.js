// The playground: controls → commands for the Rust lab → snapshot → text, the data with the output painted
// under it, the network with each neuron's picture, the losses, and the picked point's numbers.
import { choose, setText, keyed, tableRow } from "./dom.js";
import { createPlayer } from "./play.js";

const $ = (id) => document.getElementById(id);

export function startPlayground(bindings, { showBanner, onChange }) {
  const { PlaygroundApp, format_number: fmt } = bindings;
  const app = new PlaygroundApp();
  let snapshot = null;

  function dispatch(command) {
    const reply = app.dispatch(command);
    snapshot = reply.snapshot;
    // A refused setting puts the controls back as they were.
    if (reply.error) setupShown = "";
    setMessage(reply.error);
    if (reply.error || snapshot.finished) player.pause();
    render();
    onChange();
    return !reply.error;
  }

  function setMessage(error) {
    const box = $("pg-message");
    box.textContent = error || "";
    box.hidden = !error;
  }

  const percent = (share) => `${(100 * share).toFixed(1)}%`;
  const shown = (v) => (v === null || v === undefined ? "–" : fmt(v));
  function figures(m) {
    if (snapshot.task === "classification") return m.accuracy === null ? "accuracy –" : `accuracy ${percent(m.accuracy)}`;
    return `RMSE ${shown(m.rmse)} · R² ${shown(m.r2)}`;
  }

  // ---- rendering: reads the snapshot only ----

  function render() {
    const s = snapshot;
    setText($("pg-epoch-count"), String(s.epoch));
    setText($("pg-updates"), String(s.updates));
    setText($("pg-training-loss"), shown(s.training.loss));
    setText($("pg-test-loss"), shown(s.test.loss));
    setText($("pg-training-figures"), figures(s.training));
    setText($("pg-test-figures"), figures(s.test));
    setText($("pg-training-count"), String(s.training_count));
    setText($("pg-test-count"), String(s.test_count));
    setText($("pg-summary"), s.summary[0].toUpperCase() + s.summary.slice(1));
    const stuck = Boolean(s.finished) || s.replay_to !== null;
    $("pg-batch").disabled = stuck;
    $("pg-epoch").disabled = stuck;
    $("pg-play").disabled = stuck && !player.playing;
    renderSetup();
    renderFeatures();
    renderLayers();
    renderWeights();
    renderInspector();
    draw();
    if (s.replay_to !== null) replay();
  }

  // Settings change seldom and a frame of Play changes none: the controls are written only when they did
  // (a control written every frame made the browser restyle the panel each time).
  let setupShown = "";
  function renderSetup() {
    const setup = snapshot.setup;
    const key = JSON.stringify(setup);
    if (key === setupShown) return;
    setupShown = key;
    choose($("pg-data"), setup.data);
    choose($("pg-noise"), setup.noise);
    choose($("pg-points"), setup.points);
    choose($("pg-test-share"), setup.test_percent, `${setup.test_percent}%`);
    choose($("pg-activation"), setup.activation);
    choose($("pg-optimizer"), setup.optimizer);
    choose($("pg-batch-size"), setup.batch === null ? "all" : setup.batch);
    choose($("pg-penalty"), setup.penalty);
    choose($("pg-lambda"), setup.rate);
    if (document.activeElement !== $("pg-rate")) $("pg-rate").value = String(Math.log10(setup.learning_rate));
    setText($("pg-rate-shown"), String(setup.learning_rate));
    $("pg-lambda").disabled = setup.penalty === "none";
    $("pg-value").disabled = snapshot.task !== "regression";
  }

  function renderFeatures() {
    const box = $("pg-features");
    if (box.querySelectorAll("input").length === 0) {
      for (const f of snapshot.features) {
        const label = document.createElement("label");
        label.className = "inline";
        const input = document.createElement("input");
        input.type = "checkbox";
        input.dataset.feature = f.key;
        input.addEventListener("change", () => dispatch({ type: "set_feature", feature: f.key, on: input.checked }));
        label.append(input, ` ${f.label}`);
        box.append(label);
      }
    }
    for (const f of snapshot.features) box.querySelector(`[data-feature="${f.key}"]`).checked = f.on;
  }

  // A group per hidden layer, "layer 2: − 4 neurons +", and buttons that add or remove a layer.
  function renderLayers() {
    const hidden = snapshot.setup.hidden;
    const box = $("pg-layers");
    const key = hidden.join(",");
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    const button = (text, label, command) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", () => dispatch(command));
      return b;
    };
    const groups = hidden.map((n, layer) => {
      const group = document.createElement("span");
      group.className = "inline";
      const count = document.createElement("span");
      count.textContent = ` layer ${layer + 1}: ${n} neuron${n === 1 ? "" : "s"} `;
      group.append(
        button("−", `one neuron fewer in layer ${layer + 1}`, { type: "remove_neuron", layer }),
        count,
        button("+", `one neuron more in layer ${layer + 1}`, { type: "add_neuron", layer }),
      );
      return group;
    });
    const none = document.createElement("span");
    none.textContent = hidden.length === 0 ? "no hidden layer " : "";
    box.replaceChildren(
      none,
      ...groups,
      button("+ layer", "add a hidden layer", { type: "add_layer" }),
      button("− layer", "remove the last hidden layer", { type: "remove_layer" }),
    );
  }

  function neuronName(layer, index) {
    const n = snapshot.neurons.find((x) => x.layer === layer && x.index === index);
    return n ? n.name : "?";
  }
  function sourceName(layer, from) {
    if (layer > 0) return neuronName(layer - 1, from);
    return snapshot.features.filter((f) => f.on)[from].label;
  }

  // The table is inside a closed <details> most of the time: it is filled only while open.
  function renderWeights() {
    if (!$("pg-weights").closest("details").open) return;
    keyed($("pg-weights").tBodies[0], snapshot.edges, () => tableRow(["from", "weight"]), (tr, e) => {
      setText(tr.cells[0], neuronName(e.layer, e.to));
      setText(tr.cells[1], sourceName(e.layer, e.from));
      setText(tr.cells[2], e.zero ? "0 (pruned)" : fmt(e.weight));
    });
  }

  let inspectionShown = "";
  function renderInspector() {
    const i = snapshot.inspection;
    const key = JSON.stringify(i);
    if (key === inspectionShown) return;
    inspectionShown = key;
    $("pg-step-through").disabled = snapshot.picked_point === null;
    const box = $("pg-inspect");
    if (!i) {
      box.replaceChildren();
      return;
    }
    const what = snapshot.task === "classification" ? `class ${i.target}` : `value ${fmt(i.target)}`;
    const lines = [
      `Point ${i.point} at (${fmt(i.x1)}, ${fmt(i.x2)}), ${what}, a ${i.test ? "test" : "training"} point; ${i.title}:`,
      `z = ${shown(i.z)}, a = ${shown(i.a)}, ∂E/∂z = ${shown(i.de_dz)}; this point's error E = ${shown(i.loss)}.`,
      i.update,
    ];
    const table = document.createElement("table");
    table.innerHTML =
      '<thead><tr><th scope="col">from</th><th scope="col">now</th><th scope="col">before the last update</th>' +
      '<th scope="col">change</th><th scope="col">this point\'s ∂E/∂w</th></tr></thead><tbody></tbody>';
    for (const w of i.incoming) {
      const tr = table.tBodies[0].insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = w.from;
      tr.append(th);
      for (const v of [w.value, w.before, w.change, w.gradient]) tr.insertCell().textContent = shown(v);
    }
    box.replaceChildren(...lines.map((text) => Object.assign(document.createElement("p"), { textContent: text })), table);
  }

  function draw() {
    try {
      app.draw_data($("pg-data-canvas"), $("pg-show-test").checked, $("pg-discretize").checked);
      app.draw_network($("pg-network-canvas"));
      app.draw_losses($("pg-losses-canvas"), $("pg-log").checked);
    } catch (e) {
      showBanner(`Drawing failed: ${e}`);
    }
  }

  // Epochs that fit in about 10 ms of a frame, learnt from the last frame's timing (see the early-stopping
  // lab): a link's run is retrained this many at a time, and Play never does more a frame.
  let slice = 3;
  let rate = { epochs: 0, since: performance.now(), shown: 0 };
  function trainSlice(most) {
    const epochs = Math.max(1, Math.min(most, slice, 100));
    const before = snapshot.epoch;
    const start = performance.now();
    dispatch({ type: "train", epochs });
    const took = performance.now() - start;
    slice = Math.max(1, Math.min(100, Math.round((epochs * 10) / Math.max(took, 1))));
    rate.epochs += snapshot.epoch - before;
    const now = performance.now();
    if (now - rate.since > 500) {
      rate.shown = Math.round((rate.epochs * 1000) / (now - rate.since));
      rate = { epochs: 0, since: now, shown: rate.shown };
      setText($("pg-speed-shown"), String(rate.shown));
    }
  }
  let replaying = false;
  function replay() {
    if (replaying) return;
    replaying = true;
    requestAnimationFrame(function step() {
      trainSlice(100);
      if (snapshot.replay_to !== null && !snapshot.finished) requestAnimationFrame(step);
      else {
        replaying = false;
        dispatch({ type: "redraw" });
      }
    });
  }

  // ---- events → commands ----

  $("pg-batch").addEventListener("click", () => dispatch({ type: "step_batch" }));
  $("pg-epoch").addEventListener("click", () => dispatch({ type: "step_epoch" }));
  $("pg-reset").addEventListener("click", () => {
    player.pause();
    dispatch({ type: "reset" });
  });
  $("pg-new-weights").addEventListener("click", () => dispatch({ type: "new_weights" }));
  $("pg-new-data").addEventListener("click", () => dispatch({ type: "set_seed", seed: snapshot.setup.seed + 1 }));
  const choice = (id, command, read = (v) => v) =>
    $(id).addEventListener("change", () => dispatch(command(read($(id).value))));
  choice("pg-data", (data) => ({ type: "set_data", data }));
  choice("pg-noise", (noise) => ({ type: "set_noise", noise }), Number);
  choice("pg-points", (points) => ({ type: "set_points", points }), Number);
  choice("pg-test-share", (percent) => ({ type: "set_test_percent", percent }), Number);
  choice("pg-activation", (activation) => ({ type: "set_activation", activation }));
  choice("pg-optimizer", (optimizer) => ({ type: "set_optimizer", optimizer }));
  choice("pg-batch-size", (batch) => ({ type: "set_batch", batch: batch === "all" ? null : Number(batch) }));
  choice("pg-penalty", (penalty) => ({ type: "set_penalty", penalty }));
  choice("pg-lambda", (rate) => ({ type: "set_rate", rate }), Number);
  // The slider is a log scale; it lands on numbers with two significant figures (0.03, not 0.0316).
  const sliderRate = () => Number((10 ** Number($("pg-rate").value)).toPrecision(2));
  $("pg-rate").addEventListener("input", () => setText($("pg-rate-shown"), String(sliderRate())));
  $("pg-rate").addEventListener("change", () => dispatch({ type: "set_learning_rate", learning_rate: sliderRate() }));
  for (const id of ["pg-show-test", "pg-discretize", "pg-log"]) $(id).addEventListener("change", draw);
  $("pg-weights").closest("details").addEventListener("toggle", renderWeights);

  // The data: a click picks, adds or removes a point, by the choice under the plot; a point dragged in
  // "picks" mode moves when it is let go.
  let dragged = null;
  const at = (event) => {
    const box = $("pg-data-canvas").getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  $("pg-data-canvas").addEventListener("pointerdown", (event) => {
    const [x, y] = at(event);
    const mode = $("pg-click").value;
    const near = app.point_near(x, y, 12, $("pg-show-test").checked);
    if (mode === "pick") {
      dragged = near === undefined ? null : near;
      dispatch({ type: "pick_point", index: dragged });
    } else if (mode === "remove") {
      if (near !== undefined) dispatch({ type: "remove_point", index: near });
    } else {
      const place = app.data_at(x, y);
      if (!place) return setMessage("That is outside the square: x₁ and x₂ are from −6 to 6.");
      const target = mode === "one" ? 1 : mode === "zero" ? 0 : Number($("pg-value").value);
      dispatch({ type: "add_point", x1: place[0], x2: place[1], target });
    }
  });
  $("pg-data-canvas").addEventListener("pointerup", (event) => {
    if (dragged === null) return;
    const [x, y] = at(event);
    const place = app.data_at(x, y);
    const index = dragged;
    dragged = null;
    const p = app.point_near(x, y, 3, true);
    if (place && p !== index) dispatch({ type: "move_point", index, x1: place[0], x2: place[1] });
  });
  // By keyboard: ← and → pick the previous or next point.
  $("pg-data-canvas").addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    const count = snapshot.training_count + snapshot.test_count;
    const k = snapshot.picked_point === null ? 0 : (snapshot.picked_point + step + count) % count;
    dispatch({ type: "pick_point", index: k });
    event.preventDefault();
    event.stopPropagation();
  });
  $("pg-network-canvas").addEventListener("pointerdown", (event) => {
    const box = $("pg-network-canvas").getBoundingClientRect();
    const neuron = app.neuron_at(event.clientX - box.left, event.clientY - box.top);
    if (neuron) dispatch({ type: "pick_neuron", layer: neuron[0], neuron: neuron[1] });
  });
  // By keyboard: ← and → pick the previous or next neuron.
  $("pg-network-canvas").addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    const all = snapshot.neurons;
    const [layer, index] = snapshot.picked_neuron;
    const k = all.findIndex((n) => n.layer === layer && n.index === index);
    const next = all[(k + step + all.length) % all.length];
    dispatch({ type: "pick_neuron", layer: next.layer, neuron: next.index });
    event.preventDefault();
    event.stopPropagation();
  });
  // The backpropagation lab opens a link that carries a whole spec.
  $("pg-step-through").addEventListener("click", () => {
    try {
      const spec = JSON.stringify(JSON.parse(app.export_spec()));
      location.hash = `#two-neuron?spec=${encodeURIComponent(spec)}`;
    } catch (e) {
      setMessage(String(e));
    }
  });

  const player = createPlayer({
    button: $("pg-play"),
    panel: $("playground-lab"),
    rate: () => ({ perFrame: Number($("pg-speed").value) }),
    step: (epochs) => {
      trainSlice(epochs);
      return !snapshot.finished;
    },
    // A screen reader would read the status out every frame; it speaks again when Play stops.
    // A frame of Play may recompute a share of a large network's pictures: they are made whole when it stops.
    onChange: (playing) => {
      $("pg-status-box").setAttribute("aria-live", playing ? "off" : "polite");
      if (!playing && snapshot) dispatch({ type: "redraw" });
    },
  });

  function onKey(event) {
    if (event.key === "ArrowRight" && !$("pg-batch").disabled) dispatch({ type: "step_batch" });
    else if (event.key === " " && (!$("pg-play").disabled || player.playing)) player.toggle();
    else if (event.key === " ") setMessage(snapshot.finished);
    else return false;
    return true;
  }

  const resized = new ResizeObserver(() => snapshot && !$("playground-lab").hidden && draw());
  for (const id of ["pg-data-canvas", "pg-network-canvas", "pg-losses-canvas"]) resized.observe($(id));

  snapshot = app.snapshot().snapshot;
  render();

  // One frame of Play, for the in-browser benchmark.
  function tick() {
    if (snapshot.finished) dispatch({ type: "reset" });
    trainSlice(Number($("pg-speed").value));
  }

  function openLink(query) {
    const reply = app.open_link(query);
    snapshot = reply.snapshot;
    render();
    return reply.error;
  }

  return { app, onKey, tick, openLink, redraw: draw, pause: player.pause };
}
