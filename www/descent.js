// The gradient-descent lab: controls → commands for the Rust lab → snapshot → text and four canvases.

import { choose, setSentence, typedNumber, onCanvasResize } from "./dom.js";
import { createPlayer } from "./play.js";
import { pointsAndStart } from "./descent_points.js";

const $ = (id) => document.getElementById(id);

// The slider works in log₁₀ η, from 0.001 to 10.
const LOG_MIN = -3;
const LOG_MAX = 1;
const percentOf = (eta) => ((Math.log10(eta) - LOG_MIN) / (LOG_MAX - LOG_MIN)) * 100;
// Where the thumb's centre is at `percent` of the scale, as a CSS length (see .rate-track in style.css).
const along = (percent) => `calc(var(--thumb) / 2 + (100% - var(--thumb)) * ${percent / 100})`;

export function startDescent(bindings, { showBanner, onChange }) {
  const { DescentApp, format_number: fmt } = bindings;
  const app = new DescentApp();
  let snapshot = null;

  // A refusal goes to `refusedAt`, which says it beside the control that caused it, or else to the banner.
  function dispatch(command, refusedAt = null) {
    const reply = app.dispatch(command);
    snapshot = reply.snapshot;
    setMessage(refusedAt ? "" : reply.error);
    if (reply.error && refusedAt) refusedAt(reply.error);
    if (reply.error) player.pause();
    // Stepping leaves the data and η alone, so the batch-size race need not be drawn again.
    render(command.type === "step" ? ["data", "cost", "distance", "contour"] : undefined);
    onChange();
    return !reply.error;
  }

  function setMessage(error) {
    const box = $("gd-message");
    const text = error || snapshot.overflow || "";
    box.textContent = text;
    box.hidden = !text;
  }

  // ---- rendering: reads the snapshot only ----

  function render(views) {
    const s = snapshot;
    const bias = s.setup.model === "slope_and_intercept";
    $("gd-iteration").textContent = s.iteration;
    $("gd-w").textContent = fmt(s.w);
    $("gd-b-row").hidden = !bias;
    $("gd-b").textContent = fmt(s.b);
    $("gd-cost").textContent = fmt(s.cost);
    $("gd-gradient").textContent = s.update ? fmt(s.update.dj_dw) : "—";
    $("gd-gradient-b-row").hidden = !bias;
    $("gd-gradient-b").textContent = s.update && s.update.dj_db !== null ? fmt(s.update.dj_db) : "—";
    // The run stopped: it diverged (J grew a trillion-fold) or its numbers overflowed; the banner says which.
    $("gd-update").textContent = s.update ? s.update.text : "No further step: the run has diverged (see above). Press Reset.";
    const lens = s.update && s.update.batch;
    // On standardised x the parameters are the line's in x′ (w′, b′): the core names them.
    const [w, b] = s.param_names;
    $("gd-w-name").textContent = w;
    $("gd-b-name").textContent = b;
    // A mini-batch step follows its own points' slope, g, which is not J's.
    $("gd-gradient-name").textContent = lens ? "g (this step's points)" : `dJ/d${w}`;
    $("gd-gradient-b-name").textContent = lens ? "g_b" : `dJ/d${b}`;
    $("gd-batch-lens").hidden = !lens;
    $("gd-batch-lens").textContent = lens ? lens.text : "";
    $("gd-minimum").textContent = s.minimum
      ? bias
        ? `${w}* = ${fmt(s.minimum.w)}, ${b}* = ${fmt(s.minimum.b)}, where J = ${fmt(s.minimum.cost)}`
        : `w* = ${fmt(s.minimum.w)}, where J = ${fmt(s.minimum.cost)}`
      : "none (all x are 0)";
    $("gd-m").textContent = fmt(s.moments.mean_x2);
    $("gd-condition").textContent = Number.isFinite(s.thresholds.condition) ? fmt(s.thresholds.condition) : "∞";
    $("gd-condition-row").hidden = !bias;
    $("gd-line").textContent =
      s.line.intercept === 0
        ? `ẑ = ${fmt(s.line.slope)}·x`
        : `ẑ = ${fmt(s.line.slope)}·x ${s.line.intercept < 0 ? "−" : "+"} ${fmt(Math.abs(s.line.intercept))}`;
    const scaling = s.scaling;
    $("gd-scaling").textContent = scaling
      ? `Fitting on x′ = (x − ${fmt(scaling.shift)}) / ${fmt(scaling.scale)}; the line is drawn back in x. ` +
        // Round whatever the data, so one η suits every direction; how much larger it may be than before
        // depends on the data (x near 0 with a small spread gains little), so the page does not say "much".
        `The bowl is round now, so one η suits every direction: up to ${s.thresholds.overshoot_label} = ${fmt(s.thresholds.overshoot)} it converges without overshoot, along the floor too.`
      : "";
    renderRate();
    renderSetup();
    // The races depend on the setup alone: a step leaves them as they are.
    if (!views) renderRace();
    $("gd-back").disabled = !s.can_step_back;
    $("gd-step").disabled = !s.update;
    $("gd-play").disabled = !s.update && !player.playing;
    $("gd-contour-panel").hidden = !bias;
    $("gd-optimizer-paths-panel").hidden = !bias;
    $("gd-cost-title").textContent = bias ? "The cost along w, at the current b" : "The cost J(w)";
    draw(views);
  }

  function renderRate() {
    const s = snapshot;
    const t = s.thresholds;
    const eta = s.setup.learning_rate;
    const slider = $("gd-rate");
    if (document.activeElement !== slider) slider.value = String(Math.log10(eta));
    // The slider moves in log₁₀ η; a screen reader should say η itself.
    slider.setAttribute("aria-valuetext", `η = ${fmt(eta)}`);
    if (document.activeElement !== $("gd-rate-number") && !$("gd-rate-number").hasAttribute("aria-invalid")) {
      $("gd-rate-number").value = String(Number(eta.toPrecision(6)));
    }
    $("gd-rate-value").textContent = fmt(eta);
    setSentence($("gd-regime"), s.regime_text);
    // The factor each step multiplies the distance to the minimum by, beside its chart: the core's words.
    setSentence($("gd-distance"), s.distance_text);
    $("gd-regime").dataset.regime = s.regime;
    $("gd-curvature").textContent = curvatureText(s);
    // Zones on the track: smooth, overshoot, divergence.
    const a = Math.min(Math.max(percentOf(t.overshoot), 0), 100);
    const b = Math.min(Math.max(percentOf(t.diverge), 0), 100);
    $("gd-rate-zones").style.background =
      `linear-gradient(to right, var(--zone-smooth) 0% ${along(a)}, var(--zone-overshoot) ${along(a)} ${along(b)}, var(--zone-diverge) ${along(b)} 100%)`;
    for (const [id, value, label] of [
      ["gd-mark-overshoot", t.overshoot, t.overshoot_label],
      ["gd-mark-diverge", t.diverge, t.diverge_label],
    ]) {
      const mark = $(id);
      const at = percentOf(value);
      mark.hidden = at < 0 || at > 100;
      mark.style.left = along(at);
      // A phone breaks the label after the name (style.css), so the right-hand one is not cut at the edge.
      mark.textContent = `${label} =\n${fmt(value)}`;
    }
    // The overshoot mark's label sits left of its line; near the track's left end (x far from zero makes
    // both marks tiny) it would be cut off, so the divergence mark's label, on the right, names both lines.
    const room = matchMedia("(max-width: 40rem)").matches ? 22 : 10;
    if (percentOf(t.overshoot) < room && !$("gd-mark-diverge").hidden) {
      $("gd-mark-overshoot").textContent = "";
      $("gd-mark-diverge").textContent =
        `left line: ${t.overshoot_label} = ${fmt(t.overshoot)};\nright line: ${t.diverge_label} = ${fmt(t.diverge)}`;
    }
  }

  // Where the marks on the slider come from. With a bias they are written 1/c and 2/c, and c (J's curvature;
  // λ is the early-stopping lab's weight decay) is not a setting but a property of the data, so the page says
  // what it is.
  function curvatureText(s) {
    const t = s.thresholds;
    if (!Number.isFinite(t.overshoot)) return "";
    if (s.setup.model === "slope") {
      return (
        `Where the marks come from: the cost J(w) is a parabola whose curvature is J″(w) = 2m = ${fmt(t.curvature)}, ` +
        `with m = mean(x²). Each step multiplies the distance from w to the minimum by (1 − 2m·η), so steps start ` +
        `to cross the minimum once η is above 1/(2m), and they grow once η is above 1/m.`
      );
    }
    const x = s.scaling ? "x′ (the standardised x)" : "x";
    return (
      `What c is: not a setting, and not a second learning rate. c = ${fmt(t.curvature)} is how sharply the cost ` +
      `bowl J(w, b) curves in its steepest direction (in linear algebra, the largest eigenvalue of the matrix of J's ` +
      `second derivatives). It depends only on the ${x} values of the points. Measured along that direction, each ` +
      `step multiplies the distance to the minimum by (1 − c·η), so steps start to cross the minimum once η is above 1/c, ` +
      `and they grow once η is above 2/c. Without the bias, c would be 2m, which gives the marks 1/(2m) and 1/m.`
    );
  }

  function renderSetup() {
    const s = snapshot;
    for (const radio of document.querySelectorAll('input[name="gd-model"]')) radio.checked = radio.value === s.setup.model;
    $("gd-standardize").checked = s.setup.standardize;
    // The menu shows what the steps do: the core says whether the chosen size is a mini-batch or, being at
    // least the number of points, batch descent ("all").
    const size = s.mini_batch ?? 0;
    choose($("gd-batch"), size, `${size} (mini-batch)`);
    $("gd-standardize").disabled = s.setup.model === "slope";
    if (document.activeElement !== $("gd-w0")) $("gd-w0").value = String(s.setup.w0);
    if (document.activeElement !== $("gd-b0")) $("gd-b0").value = String(s.setup.b0);
    $("gd-b0-field").hidden = s.setup.model === "slope";
    renderPoints();
  }

  // One line per run of a race, the same for batch sizes and optimizers: how it ended, in words.
  function raceItem(series, epochs) {
    const li = document.createElement("li");
    const updates = series.costs.length - 1;
    const [start, last] = [series.costs[0][1], series.costs[updates][1]];
    const after = epochs
      ? `after ${Number(series.costs[updates][0].toPrecision(4))} epochs, ${updates} updates`
      : `after ${updates} updates`;
    // "Lowest on the way" only when it reads differently from the end, not for a last-bit difference.
    const lowest = fmt(series.lowest) !== fmt(last) && series.lowest < last ? ` (lowest on the way ${fmt(series.lowest)})` : "";
    const said = {
      overflowed: `ran away — J overflowed at update ${updates + 1}, after J = ${fmt(last)}`,
      diverging: `diverging — J grew from ${fmt(start)} to ${fmt(last)} ${after}`,
      never_below_start: `J = ${fmt(last)} ${after} (it never went below its start)`,
      descended: `J = ${fmt(last)} ${after}${lowest}`,
    };
    li.textContent = `${series.label}: ${said[series.outcome]}`;
    return li;
  }

  function renderRace() {
    $("gd-race-summary").replaceChildren(...snapshot.race.map((series) => raceItem(series, true)));
    $("gd-optimizers-summary").replaceChildren(...snapshot.optimizer_race.map((series) => raceItem(series, false)));
  }

  const DRAW = {
    data: () => app.draw_data_fit($("gd-data-canvas")),
    cost: () => app.draw_cost_curve($("gd-cost-canvas")),
    distance: () => app.draw_distance($("gd-distance-canvas")),
    contour: () => snapshot.setup.model === "slope_and_intercept" && app.draw_cost_contour($("gd-contour-canvas")),
    race: () => app.draw_batch_race($("gd-race-canvas")),
    optimizers: () => app.draw_optimizer_race($("gd-optimizers-canvas")),
    optimizerPaths: () =>
      snapshot.setup.model === "slope_and_intercept" && app.draw_optimizer_paths($("gd-optimizer-paths-canvas")),
  };

  function draw(views = Object.keys(DRAW)) {
    try {
      for (const view of views) DRAW[view]();
    } catch (e) {
      showBanner(`Drawing failed: ${e}`);
    }
  }

  // ---- events → commands ----

  $("gd-step").addEventListener("click", () => dispatch({ type: "step", count: 1 }));
  $("gd-back").addEventListener("click", () => dispatch({ type: "step", count: -1 }));
  $("gd-reset").addEventListener("click", () => {
    player.pause();
    dispatch({ type: "reset" });
  });
  // The slider moves in log₁₀ η and lands on two significant figures (0.5, not 0.5012), numbers a class can
  // be told. An arrow key steps to the next such number (0.40, 0.41, …), whatever the slider's own step.
  const [lowest, highest] = [10 ** Number($("gd-rate").min), 10 ** Number($("gd-rate").max)];
  const twoFigures = (v) => Math.min(highest, Math.max(lowest, Number(v.toPrecision(2))));
  $("gd-rate").addEventListener("input", () => {
    dispatch({ type: "set_learning_rate", value: twoFigures(10 ** Number($("gd-rate").value)) });
  });
  $("gd-rate").addEventListener("keydown", (event) => {
    const up = { ArrowRight: true, ArrowUp: true, ArrowLeft: false, ArrowDown: false }[event.key];
    if (up === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    const eta = snapshot.setup.learning_rate;
    // One unit in the second figure: 0.01 for 0.40 (and, going down from 1.0, 0.01 rather than 0.1).
    const unit = 10 ** (Math.floor(Math.log10(up ? eta : eta * 0.9999)) - 1);
    const next = twoFigures(Math.round((eta + (up ? unit : -unit)) / unit) * unit);
    // An η typed (or linked) beyond the slider's ends stays where it is rather than jump the wrong way.
    if (up ? next <= eta : next >= eta) return;
    $("gd-rate").value = String(Math.log10(next));
    dispatch({ type: "set_learning_rate", value: next });
  });
  $("gd-rate-number").addEventListener("change", () => {
    const field = $("gd-rate-number");
    const value = typedNumber(field.value);
    // Refused here (not a number) or by the lab (out of range): said at the field, which keeps the text.
    let refused = Number.isFinite(value) ? null : "Enter a number, such as 0.4.";
    if (!refused) dispatch({ type: "set_learning_rate", value }, (error) => (refused = error));
    $("gd-rate-error").textContent = refused || "";
    if (refused) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
  });
  $("gd-preset").addEventListener("change", () => {
    const preset = $("gd-preset").value;
    if (preset) dispatch({ type: "load_preset", preset });
  });
  for (const radio of document.querySelectorAll('input[name="gd-model"]')) {
    radio.addEventListener("change", () => dispatch({ type: "set_model", model: radio.value }));
  }
  $("gd-standardize").addEventListener("change", () => dispatch({ type: "set_standardize", on: $("gd-standardize").checked }));
  $("gd-batch").addEventListener("change", () => dispatch({ type: "set_batch_size", size: Number($("gd-batch").value) }));
  // Dragging points on the data plot; double-click adds a point, right-click removes one. A touch screen has
  // neither, so the radio buttons under the plot say what a click or a tap does: move (drag), add or remove.
  const canvas = $("gd-data-canvas");
  const tapMode = () => document.querySelector('input[name="gd-tap"]:checked')?.value || "move";
  let dragging = null;
  const local = (event) => {
    const box = canvas.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  // A finger is less exact than a mouse: it gets a wider reach.
  const reach = (event) => (event.pointerType === "touch" ? 24 : 12);
  canvas.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    const [x, y] = local(event);
    const index = app.point_near(x, y, reach(event));
    if (tapMode() === "add") {
      const at = app.data_at(x, y);
      if (at) dispatch({ type: "add_point", x: round(at[0]), z: round(at[1]) });
      event.preventDefault();
      return;
    }
    if (tapMode() === "remove") {
      if (index !== undefined) dispatch({ type: "remove_point", index });
      event.preventDefault();
      return;
    }
    if (index === undefined) return;
    dragging = index;
    app.begin_drag();
    canvas.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  // On a touch screen the plot scrolls the page like the rest of it, except where a finger lands on a point:
  // that touch drags the point instead (a non-passive listener, so it can keep the page still).
  canvas.addEventListener(
    "touchstart",
    (event) => {
      const touch = event.touches[0];
      if (event.touches.length !== 1) return;
      const box = canvas.getBoundingClientRect();
      // Adding or removing, every tap on the plot is the plot's, so it neither scrolls nor zooms the page.
      if (tapMode() !== "move" || app.point_near(touch.clientX - box.left, touch.clientY - box.top, 24) !== undefined) event.preventDefault();
    },
    { passive: false },
  );
  canvas.addEventListener("pointermove", (event) => {
    if (dragging === null) return;
    const at = app.data_at(...local(event));
    if (at) dispatch({ type: "move_point", index: dragging, x: round(at[0]), z: round(at[1]) });
  });
  const stop = () => {
    dragging = null;
    app.end_drag();
  };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  canvas.addEventListener("dblclick", (event) => {
    const at = app.data_at(...local(event));
    if (at) dispatch({ type: "add_point", x: round(at[0]), z: round(at[1]) });
  });
  canvas.addEventListener("contextmenu", (event) => {
    const [x, y] = local(event);
    const index = app.point_near(x, y, 12);
    if (index === undefined) return;
    event.preventDefault();
    dispatch({ type: "remove_point", index });
  });
  const round = (v) => Math.round(v * 1000) / 1000;

  // Play: one step at a time at the chosen steps a second, until the run cannot go on (it has diverged).
  const player = createPlayer({
    button: $("gd-play"),
    panel: $("descent-lab"),
    rate: () => ({ perSecond: Number($("gd-speed").value) }),
    step: (count) => {
      for (let k = 0; k < count; k++) if (!dispatch({ type: "step", count: 1 }) || !snapshot.update) return false;
      return true;
    },
    // Stopped because the run cannot go on, Play cannot start again either (as after stepping by hand).
    onChange: (playing) => {
      if (snapshot) $("gd-play").disabled = !snapshot.update && !playing;
    },
  });

  function onKey(event) {
    if (event.key === "ArrowRight" && !$("gd-step").disabled) dispatch({ type: "step", count: 1 });
    else if (event.key === "ArrowLeft" && !$("gd-back").disabled) dispatch({ type: "step", count: -1 });
    else if (event.key === " ") player.toggle();
    else return false;
    return true;
  }

  const renderPoints = pointsAndStart({ dispatch, setup: () => snapshot.setup });

  onCanvasResize([$("gd-data-canvas")], () => snapshot && !$("descent-lab").hidden && draw());

  snapshot = app.snapshot().snapshot;
  render();
  // One frame of Play: one step (back to the start when the run cannot go on).
  function tick() {
    if (!snapshot.update) dispatch({ type: "reset" });
    dispatch({ type: "step", count: 1 });
  }

  function openLink(query) {
    const reply = app.open_link(query);
    snapshot = reply.snapshot;
    render();
    return reply.error;
  }

  return { app, onKey, tick, openLink, redraw: () => draw(), pause: player.pause };
}
