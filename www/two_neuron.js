// The two-neuron lab: turns its controls' events into commands for the Rust session and renders each
// snapshot into text and canvases: event → command → snapshot → render.
//
// This file holds the lab's wiring: commands, the settings form, Play and the keys. Its other parts have
// modules of their own, each given `lab`, the state they share (the snapshot on screen among it):
// two_neuron_view.js renders the step view, two_neuron_predict.js is Predict first, two_neuron_check.js the
// gradient check, two_neuron_loss.js the error function's switch and two_neuron_spec.js import, export and
// the lab's link.

import { typedNumber, onCanvasResize } from "./dom.js";
import { createPlayer } from "./play.js";
import { stepView } from "./two_neuron_view.js";
import { predictFirst } from "./two_neuron_predict.js";
import { gradientCheck } from "./two_neuron_check.js";
import { wireLossSwitch } from "./two_neuron_loss.js";
import { importExport } from "./two_neuron_spec.js";

const $ = (id) => document.getElementById(id);

export function startTwoNeuron(bindings, { showBanner, onChange }) {
  const { App, format_number: fmt } = bindings;
  const app = new App();
  const lab = {
    app,
    fmt,
    // A number that overflowed (a diverged run's) is written as the word, never as inf or NaN.
    show: (value) => (value === null || value === undefined ? "?" : Number.isFinite(value) ? fmt(value) : "overflowed"),
    showBanner,
    snapshot: null,
    // What the last switch of the error function did, said until the next command.
    switchNote: "",
    dispatch,
    setMessage,
  };

  // Returns why the command was refused, or null. A refused edit says so at its field, so it passes
  // `{ atField: true }` and the banner stays out of it.
  function dispatch(command, { atField = false } = {}) {
    lab.switchNote = "";
    // A guess belongs to the operation it was typed for: any other command moves on, so it goes.
    lab.clearPrediction();
    const reply = app.dispatch(command);
    lab.snapshot = reply.snapshot;
    if (reply.error) {
      if (!atField) setMessage(reply.error);
      lab.player.pause();
    } else {
      setMessage("");
      clearFieldErrors();
    }
    lab.render();
    onChange();
    return reply.error;
  }

  function setMessage(text) {
    const box = $("diverged");
    const snapshot = lab.snapshot;
    const message = snapshot && snapshot.diverged
      ? snapshot.diverged.message
      : text || (snapshot && (snapshot.stalled || snapshot.overflow_note)) || "";
    box.textContent = message;
    box.hidden = !message;
  }

  // Play: operation by operation at a few per second, or whole iterations every frame; the first frame does
  // one operation at once. A refused step (a run that has diverged) stops it.
  lab.player = createPlayer({
    button: $("play"),
    panel: $("two-neuron-lab"),
    immediate: true,
    rate: () => {
      const [unit, rate] = $("speed").value.split(":");
      return unit === "iterations" ? { perFrame: Number(rate) } : { perSecond: Number(rate) };
    },
    step: (count, rate) => !dispatch(rate.perFrame ? { type: "run_iterations", count } : { type: "step", count }),
    // Play runs numbers past faster than a class can guess them.
    canStart: () => !lab.predictingNow(),
    onChange: () => {
      if (!lab.snapshot) return;
      lab.renderPrediction();
      lab.renderButtons();
      lab.renderCheck();
    },
  });

  Object.assign(lab, predictFirst(lab), gradientCheck(lab), stepView(lab), importExport(lab));
  wireLossSwitch(lab);

  // ---- events → commands ----

  const on = (id, command) => $(id).addEventListener("click", () => dispatch(command));
  $("step").addEventListener("click", lab.step);
  on("step-back", { type: "step", count: -1 });
  on("finish-forward", { type: "finish", phase: "forward" });
  on("finish-backward", { type: "finish", phase: "backward" });
  on("finish-update", { type: "finish", phase: "update" });
  on("next-iteration", { type: "next_iteration" });
  on("run-100", { type: "run_iterations", count: 100 });
  on("run-1000", { type: "run_iterations", count: 1000 });
  on("load-example", { type: "load_example" });
  $("reset").addEventListener("click", () => {
    lab.player.pause();
    dispatch({ type: "reset" });
  });

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

  // Keys, routed here by app.js while this lab is shown.
  function onKey(event) {
    if (event.key === "ArrowRight" && !$("step").disabled) lab.step();
    else if (event.key === "ArrowLeft" && !$("step-back").disabled) dispatch({ type: "step", count: -1 });
    else if (event.key === " ") lab.player.toggle();
    else return false;
    return true;
  }

  // Redraw the canvases when their size (or the screen's pixel ratio) changes.
  onCanvasResize([$("network-canvas"), $("error-canvas")], () => lab.snapshot && lab.drawCanvases());

  lab.snapshot = app.snapshot().snapshot;
  lab.render();

  // One frame of Play at the chosen speed, run at once (the in-browser benchmark times these).
  const tick = () => lab.player.advance(1000 / 60);

  return {
    app,
    link: lab.link,
    onKey,
    tick,
    openLink: lab.openLink,
    redraw: lab.drawCanvases,
    pause: lab.player.pause,
  };
}
