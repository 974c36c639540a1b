// The playground: controls → commands for the Rust lab → snapshot → text, the data with the output painted
// under it, the network with each neuron's picture, the losses, and the picked point's numbers. The text is
// written by playground_view.js, the data plot's pointer and keys are playground_points.js, the experiment log
// playground_log.js, the challenges playground_challenges.js.
import { setText } from "./dom.js";
import { createPlayer } from "./play.js";
import { textView } from "./playground_view.js";
import { wirePoints } from "./playground_points.js";
import { experimentLog } from "./playground_log.js";
import { challenges } from "./playground_challenges.js";

const $ = (id) => document.getElementById(id);

export function startPlayground(bindings, { showBanner, onChange }) {
  const { PlaygroundApp, format_number: fmt } = bindings;
  const app = new PlaygroundApp();
  const lab = { app, fmt, snapshot: null, dispatch, setMessage };
  const view = textView(lab);
  const log = experimentLog(lab);
  const challenge = challenges(lab);

  function dispatch(command) {
    const reply = app.dispatch(command);
    lab.snapshot = reply.snapshot;
    // A refused setting puts the controls back as they were.
    if (reply.error) view.forgetSetup();
    setMessage(reply.error);
    if (reply.error || lab.snapshot.finished) player.pause();
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
  function figures(m) {
    if (lab.snapshot.task === "classification") return m.accuracy === null ? "accuracy –" : `accuracy ${percent(m.accuracy)}`;
    return `RMSE ${view.shown(m.rmse)} · R² ${view.shown(m.r2)}`;
  }

  // ---- rendering: reads the snapshot only ----

  function render() {
    const s = lab.snapshot;
    setText($("pg-epoch-count"), String(s.epoch));
    setText($("pg-updates"), String(s.updates));
    setText($("pg-training-loss"), view.shown(s.training.loss));
    setText($("pg-test-loss"), view.shown(s.test.loss));
    setText($("pg-training-figures"), figures(s.training));
    setText($("pg-test-figures"), figures(s.test));
    setText($("pg-training-count"), String(s.training_count));
    setText($("pg-test-count"), String(s.test_count));
    setText($("pg-summary"), s.summary[0].toUpperCase() + s.summary.slice(1));
    const stuck = Boolean(s.finished) || s.replay_to !== null;
    $("pg-batch").disabled = stuck;
    $("pg-epoch").disabled = stuck;
    $("pg-play").disabled = stuck && !player.playing;
    view.renderText();
    challenge.renderChallenge();
    draw();
    if (s.replay_to !== null) replay();
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
    const before = lab.snapshot.epoch;
    const start = performance.now();
    dispatch({ type: "train", epochs });
    const took = performance.now() - start;
    slice = Math.max(1, Math.min(100, Math.round((epochs * 10) / Math.max(took, 1))));
    rate.epochs += lab.snapshot.epoch - before;
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
      if (lab.snapshot.replay_to !== null && !lab.snapshot.finished) requestAnimationFrame(step);
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
    log.logBeforeReset();
    dispatch({ type: "reset" });
  });
  $("pg-new-weights").addEventListener("click", () => dispatch({ type: "new_weights" }));
  $("pg-new-data").addEventListener("click", () => dispatch({ type: "set_seed", seed: lab.snapshot.setup.seed + 1 }));
  const choice = (id, command, read = (v) => v) =>
    $(id).addEventListener("change", () => dispatch(command(read($(id).value))));
  choice("pg-data", (data) => ({ type: "set_data", data }));
  choice("pg-noise", (noise) => ({ type: "set_noise", noise }), Number);
  choice("pg-points", (points) => ({ type: "set_points", points }), Number);
  choice("pg-test-share", (percent) => ({ type: "set_test_percent", percent }), Number);
  choice("pg-activation", (activation) => ({ type: "set_activation", activation }));
  choice("pg-optimizer", (optimizer) => ({ type: "set_optimizer", optimizer }));
  for (const id of ["pg-mu", "pg-alpha", "pg-beta1", "pg-beta2"]) {
    choice(id, (value) => ({ type: "set_optimizer_setting", key: $(id).dataset.setting, value }), Number);
  }
  choice("pg-batch-size", (batch) => ({ type: "set_batch", batch: batch === "all" ? null : Number(batch) }));
  choice("pg-penalty", (penalty) => ({ type: "set_penalty", penalty }));
  choice("pg-lambda", (rate) => ({ type: "set_rate", rate }), Number);
  // The slider is a log scale; it lands on numbers with two significant figures (0.03, not 0.0316).
  const sliderRate = () => Number((10 ** Number($("pg-rate").value)).toPrecision(2));
  $("pg-rate").addEventListener("input", () => setText($("pg-rate-shown"), String(sliderRate())));
  $("pg-rate").addEventListener("change", () => dispatch({ type: "set_learning_rate", learning_rate: sliderRate() }));
  for (const id of ["pg-show-test", "pg-discretize", "pg-log"]) $(id).addEventListener("change", draw);
  $("pg-weights").closest("details").addEventListener("toggle", view.renderWeights);
  wirePoints(lab);

  // The diagram: a click picks a neuron; the pointer over a node or an edge, or the focus, shows its value
  // as text under the diagram; ← and → on the focused diagram pick the previous or next neuron.
  const network = $("pg-network-canvas");
  const onDiagram = (event) => {
    const box = network.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  network.addEventListener("pointerdown", (event) => {
    const neuron = app.neuron_at(...onDiagram(event));
    if (neuron) dispatch({ type: "pick_neuron", layer: neuron[0], neuron: neuron[1] });
  });
  network.addEventListener("pointermove", (event) => view.hover(app.hover_at(...onDiagram(event)) || null));
  network.addEventListener("pointerleave", () => view.hover(null));
  network.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    const all = lab.snapshot.neurons;
    const [layer, index] = lab.snapshot.picked_neuron;
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
      return !lab.snapshot.finished;
    },
    // A screen reader would read the status out every frame; it speaks again when Play stops. A frame of
    // Play may recompute a share of a large network's pictures: they are made whole when it stops.
    onChange: (playing) => {
      for (const id of ["pg-status-box", "pg-readout"]) $(id).setAttribute("aria-live", playing ? "off" : "polite");
      if (!playing && lab.snapshot) dispatch({ type: "redraw" });
    },
  });

  function onKey(event) {
    if (event.key === "ArrowRight" && !$("pg-batch").disabled) dispatch({ type: "step_batch" });
    else if (event.key === " " && (!$("pg-play").disabled || player.playing)) player.toggle();
    else if (event.key === " ") setMessage(lab.snapshot.finished);
    else return false;
    return true;
  }

  const resized = new ResizeObserver(() => lab.snapshot && !$("playground-lab").hidden && draw());
  for (const id of ["pg-data-canvas", "pg-network-canvas", "pg-losses-canvas"]) resized.observe($(id));

  lab.snapshot = app.snapshot().snapshot;
  render();

  // One frame of Play, for the in-browser benchmark.
  function tick() {
    if (lab.snapshot.finished) dispatch({ type: "reset" });
    trainSlice(Number($("pg-speed").value));
  }

  function openLink(query) {
    const reply = app.open_link(query);
    lab.snapshot = reply.snapshot;
    render();
    return reply.error;
  }

  return { app, onKey, tick, openLink, redraw: draw, pause: player.pause };
}
