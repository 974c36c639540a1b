// The early-stopping lab: controls → commands for the Rust lab → snapshot → text and two canvases.
import { choose, setText, keyed, tableRow, onCanvasResize } from "./dom.js";
import { createPlayer } from "./play.js";

const $ = (id) => document.getElementById(id);

export function startStopping(bindings, { showBanner, onChange }) {
  const { StoppingApp, format_number: fmt } = bindings;
  const app = new StoppingApp();
  let snapshot = null;

  function dispatch(command) {
    const reply = app.dispatch(command);
    snapshot = reply.snapshot;
    setMessage(reply.error);
    if (reply.error || snapshot.finished) player.pause();
    render();
    onChange();
    return !reply.error;
  }

  function setMessage(error) {
    const box = $("es-message");
    box.textContent = error || "";
    box.hidden = !error;
  }

  // ---- rendering: reads the snapshot only ----

  function render() {
    const s = snapshot;
    setText($("es-epoch"), String(s.epoch));
    setText($("es-training"), fmt(s.training_error));
    setText($("es-validation"), fmt(s.validation_error));
    setText($("es-best"), fmt(s.best_validation));
    setText($("es-best-epoch"), String(s.best_epoch));
    setText($("es-best-training"), fmt(s.best_training));
    setText($("es-noise-floor"), fmt(s.noise_floor));
    setText($("es-wait"), String(s.wait));
    setText($("es-wait-unit"), s.wait === 1 ? "epoch" : "epochs");
    // The core calls the kept epoch "lowest", or "best" with a least improvement (a later, smaller drop does
    // not count); the page says why when there is one.
    const word = s.best_word[0].toUpperCase() + s.best_word.slice(1);
    const why = s.setup.min_delta > 0 ? ` (a drop counts only when it is more than ${s.setup.min_delta})` : "";
    setText($("es-best-name"), `${word} validation error${why}`);
    setText($("es-patience-shown"), String(s.setup.patience));
    setText($("es-status"), s.status);
    setText($("es-training-count"), String(s.training_count));
    setText($("es-validation-count"), String(s.validation_count));
    const stuck = Boolean(s.finished) || s.replay_to !== null;
    $("es-one").disabled = stuck;
    $("es-hundred").disabled = stuck;
    $("es-play").disabled = stuck && !player.playing;
    renderSetup();
    renderTable();
    draw();
    if (s.replay_to !== null) replay();
  }

  // Epochs that fit in about 12 ms of a frame, learnt from the last frame's timing: a link's run is trained
  // towards its epoch this many at a time, and Play never does more a frame, so a large network neither
  // freezes the page nor makes Play stutter.
  let slice = 20;
  function trainSlice(most) {
    const epochs = Math.max(1, Math.min(most, slice));
    const start = performance.now();
    train(epochs);
    const took = performance.now() - start;
    slice = Math.max(1, Math.min(2000, Math.round((epochs * 12) / Math.max(took, 1))));
  }
  let replaying = false;
  function replay() {
    if (replaying) return;
    replaying = true;
    requestAnimationFrame(function step() {
      trainSlice(2000);
      if (snapshot.replay_to !== null) requestAnimationFrame(step);
      else replaying = false;
    });
  }

  function renderSetup() {
    const setup = snapshot.setup;
    $("es-stop-early").checked = setup.stop_early;
    if (document.activeElement !== $("es-patience")) $("es-patience").value = String(setup.patience);
    choose($("es-points"), setup.points);
    choose($("es-noise"), setup.noise);
    choose($("es-validation-share"), setup.validation_percent, `${setup.validation_percent}%`);
    choose($("es-hidden"), setup.hidden);
    choose($("es-rate"), setup.learning_rate);
    choose($("es-decay"), setup.weight_decay);
    choose($("es-min-delta"), setup.min_delta);
  }

  // The table is inside a closed <details> most of the time: it is filled only while open.
  function renderTable() {
    if (!$("es-table").closest("details").open) return;
    keyed($("es-table").tBodies[0], snapshot.rows, () => tableRow(["y", "set", "now", "best"]), (tr, row) => {
      setText(tr.cells[0], fmt(row.x));
      setText(tr.cells[1], fmt(row.y));
      setText(tr.cells[2], row.validation ? "validation" : "training");
      setText(tr.cells[3], fmt(row.now));
      setText(tr.cells[4], fmt(row.best));
    });
  }

  function draw() {
    try {
      app.draw_fit($("es-fit-canvas"));
      app.draw_errors($("es-errors-canvas"), $("es-log").checked);
    } catch (e) {
      showBanner(`Drawing failed: ${e}`);
    }
  }

  // ---- events → commands ----

  const train = (epochs) => dispatch({ type: "train", epochs });
  $("es-one").addEventListener("click", () => train(1));
  $("es-hundred").addEventListener("click", () => train(100));
  $("es-reset").addEventListener("click", () => {
    player.pause();
    dispatch({ type: "reset" });
  });
  // Each control sends its own command; the lab decides whether the run starts again or is only read again.
  const set = (key, value) => dispatch({ type: `set_${key}`, [key]: value });
  $("es-stop-early").addEventListener("change", () => set("stop_early", $("es-stop-early").checked));
  $("es-patience").addEventListener("change", () => {
    const patience = Number($("es-patience").value);
    if (!Number.isInteger(patience) || patience < 1) {
      setMessage("The patience is a whole number of epochs, at least 1, such as 200.");
      return;
    }
    set("patience", patience);
  });
  const choice = (id, key) => $(id).addEventListener("change", () => set(key, Number($(id).value)));
  choice("es-min-delta", "min_delta");
  choice("es-points", "points");
  choice("es-noise", "noise");
  choice("es-validation-share", "validation_percent");
  choice("es-hidden", "hidden");
  choice("es-rate", "learning_rate");
  choice("es-decay", "weight_decay");
  // New seeds count up, so a lesson can say "press New samples twice" and everyone sees the same.
  $("es-new-data").addEventListener("click", () => set("data_seed", snapshot.setup.data_seed + 1));
  $("es-new-weights").addEventListener("click", () => set("weight_seed", snapshot.setup.weight_seed + 1));
  $("es-table").closest("details").addEventListener("toggle", renderTable);
  $("es-log").addEventListener("change", draw);

  // Play: the chosen number of epochs a frame (fewer where a frame could not hold them, see trainSlice), until
  // the run stops early.
  const player = createPlayer({
    button: $("es-play"),
    panel: $("stopping-lab"),
    rate: () => ({ perFrame: Number($("es-speed").value) }),
    step: (epochs) => {
      trainSlice(epochs);
      return !snapshot.finished;
    },
    // A screen reader would read the status out every frame; it speaks again when Play stops.
    onChange: (playing) => $("es-status-box").setAttribute("aria-live", playing ? "off" : "polite"),
  });

  function onKey(event) {
    if (event.key === "ArrowRight" && !$("es-one").disabled) train(1);
    // Like the Play button, the key does nothing while the run cannot go on.
    else if (event.key === " " && (!$("es-play").disabled || player.playing)) player.toggle();
    else if (event.key === " ") setMessage(snapshot.finished);
    else return false;
    return true;
  }

  onCanvasResize([$("es-fit-canvas")], () => snapshot && !$("stopping-lab").hidden && draw());

  snapshot = app.snapshot().snapshot;
  render();

  // One frame of Play: the chosen number of epochs (from the start again when the run cannot go on).
  function tick() {
    if (snapshot.finished && !player.playing) dispatch({ type: "reset" });
    trainSlice(Number($("es-speed").value));
  }

  function openLink(query) {
    const reply = app.open_link(query);
    snapshot = reply.snapshot;
    render();
    return reply.error;
  }

  return { app, onKey, tick, openLink, redraw: draw, pause: player.pause };
}
