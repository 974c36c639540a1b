// Boots the page: waits for the wasm module, starts each lab, switches between them (tabs and the URL hash)
// and routes the keyboard to the lab on show. Each lab's own wiring lives in its module.
import { startTwoNeuron } from "./two_neuron.js";
import { startDescent } from "./descent.js";
import { startVanishing } from "./vanishing.js";
import { startStopping } from "./early_stopping.js";
import { startLosses } from "./losses.js";
import { startPlayground } from "./playground.js";
import { startData } from "./data.js";
import { watchScrolling, keepFocusInRows } from "./dom.js";
import { startClassroom } from "./classroom/index.js";

const $ = (id) => document.getElementById(id);

// A message with a Dismiss button. A panic's message (written by the wasm, marked data-fatal) stays: the
// page cannot go on after one.
// `link` marks a refused link's message, which the lab's next change makes stale.
function showBanner(message, { link = false } = {}) {
  const banner = $("error-banner");
  if (banner.dataset.fatal) return;
  banner.dataset.link = String(link);
  const text = document.createElement("span");
  text.textContent = message;
  const dismiss = document.createElement("button");
  dismiss.type = "button";
  dismiss.className = "dismiss";
  dismiss.textContent = "Dismiss";
  dismiss.addEventListener("click", () => {
    hideBanner();
    // The button that had focus is gone: focus goes to the lab's tab, not to the page's start.
    document.querySelector('[role="tab"][aria-selected="true"]')?.focus();
  });
  banner.replaceChildren(text, dismiss);
  banner.hidden = false;
}

function hideBanner() {
  const banner = $("error-banner");
  if (banner.dataset.fatal) return;
  banner.hidden = true;
  banner.replaceChildren();
}

window.addEventListener("error", (event) => showBanner(`Something went wrong: ${event.message}`));
window.addEventListener("unhandledrejection", (event) =>
  showBanner(`Something went wrong: ${event.reason && event.reason.message ? event.reason.message : event.reason}`),
);

const LABS = {
  "two-neuron": "two-neuron-lab",
  descent: "descent-lab",
  vanishing: "vanishing-lab",
  stopping: "stopping-lab",
  losses: "losses-lab",
  playground: "playground-lab",
  data: "data-lab",
};

const STARTERS = {
  "two-neuron": startTwoNeuron,
  descent: startDescent,
  vanishing: startVanishing,
  stopping: startStopping,
  losses: startLosses,
  playground: startPlayground,
  data: startData,
};

function boot() {
  performance.mark("wasm-ready");
  const bindings = window.wasmBindings;
  // The charts' text grows with the page's (style.css raises it on very wide screens). A resize comes before
  // the canvases' own resize observers redraw them, so they draw at the new size.
  const typeScale = () => bindings.set_type_scale(parseFloat(getComputedStyle(document.documentElement).fontSize) / 16);
  typeScale();
  window.addEventListener("resize", typeScale);
  // A lab starts the first time it is shown, so opening the page pays for one lab, not five.
  const labs = {};
  window.backpropLab = {
    // One animation frame of a lab, run synchronously: the in-browser benchmark times these.
    tick: (name) => lab(name).tick(),
  };
  // The address holds a link to the lab on show: copy it to share the lesson as it stands. It is written at
  // most a few times a second, since browsers throttle address changes and Play changes state every frame.
  // body[data-link-pending] says whether a write is waiting, so a test can tell "not yet" from "never".
  let linkTimer = null;
  function writeLink() {
    linkTimer = null;
    document.body.dataset.linkPending = "false";
    const lab = current && labs[current];
    const query = !lab ? "" : lab.link ? lab.link() : lab.app.link();
    history.replaceState(null, "", `#${current}${query ? `?${query}` : ""}`);
  }
  function onChange() {
    // The lab has moved on from the refused link: its address is about to be the lab's own, and "the lab is
    // as it was" no longer holds.
    if ($("error-banner").dataset.link === "true") hideBanner();
    if (linkTimer === null) {
      linkTimer = setTimeout(writeLink, 250);
      document.body.dataset.linkPending = "true";
    }
  }

  function lab(name) {
    if (!labs[name]) {
      labs[name] = STARTERS[name](bindings, { showBanner, onChange });
      // The lab's handle, for the browser console and the end-to-end tests.
      window.backpropLab[name] = labs[name].app;
    }
    return labs[name];
  }

  let current = null;
  // The classroom kit (keys, presentation mode, themes, chart and table exports): lab-agnostic.
  const classroom = startClassroom({ bindings, current: () => current, redraw: () => labs[current]?.redraw() });
  function show(address) {
    const [wanted, query] = address.split("?");
    const name = wanted in LABS ? wanted : "two-neuron";
    if (current && current !== name) {
      labs[current].pause();
      // A message about the lab left behind (a refused link) does not belong to the next one.
      hideBanner();
    }
    current = name;
    for (const [key, id] of Object.entries(LABS)) {
      $(id).hidden = key !== name;
      const tab = $(`tab-${key}`);
      tab.setAttribute("aria-selected", String(key === name));
      tab.tabIndex = key === name ? 0 : -1;
    }
    try {
      // A lab starting now draws itself; one that waited hidden (where canvases have no size) is redrawn.
      const waiting = Boolean(labs[name]);
      if (waiting) lab(name).redraw();
      else lab(name);
      // A link opened over a playing lab stops it: the link's lesson starts where the link says.
      if (query && waiting) lab(name).pause();
      const refused = query ? lab(name).openLink(query) : null;
      if (refused) {
        // The address keeps the refused link, so the setting at fault can be seen and mended there; the
        // lab's next change writes its own link. A refused link changes nothing: a lab already open stays
        // as it was.
        const kept = waiting ? "The lab is as it was." : "The lab opened with its usual settings.";
        showBanner(`This link's settings were refused: ${refused} ${kept}`, { link: true });
      } else {
        writeLink();
      }
    } catch (e) {
      showBanner(`The lab could not start: ${e && e.message ? e.message : e}`);
    }
    classroom.shown();
  }

  for (const key of Object.keys(LABS)) {
    $(`tab-${key}`).addEventListener("click", () => {
      history.replaceState(null, "", `#${key}`);
      show(key);
    });
  }
  $("lab-tabs").addEventListener("keydown", (event) => {
    const keys = Object.keys(LABS);
    const at = keys.indexOf(current);
    // As a tab list should: arrows move to the neighbour (wrapping), Home and End to the first and last.
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: keys.length - 1 }[event.key];
    if (to === undefined) return;
    const next = keys[(to + keys.length) % keys.length];
    $(`tab-${next}`).click();
    $(`tab-${next}`).focus();
    event.preventDefault();
    event.stopPropagation();
  });
  window.addEventListener("hashchange", () => show(location.hash.slice(1)));

  document.addEventListener("keydown", (event) => {
    const tag = event.target.tagName;
    // Keys that belong to a form field, a link or a fold-out (Space opens a <details>) are left to it.
    if (["INPUT", "TEXTAREA", "SELECT", "SUMMARY", "A"].includes(tag) || event.altKey || event.ctrlKey || event.metaKey) return;
    // A table that scrolls sideways, focused, scrolls with the arrow keys.
    if (event.target.classList.contains("scroll") && event.key.startsWith("Arrow")) return;
    if (event.key === " " && tag === "BUTTON") return;
    if (labs[current] && (labs[current].onKey(event) || classroom.onKey(event))) event.preventDefault();
  });

  // Zooming the page (Ctrl +, as on a projector) changes the pixel ratio. A canvas whose CSS size stays the
  // same sees no resize then, so the change itself redraws the lab on show, sharp at the new ratio.
  function watchPixelRatio() {
    const query = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    query.addEventListener(
      "change",
      () => {
        if (current && labs[current]) labs[current].redraw();
        watchPixelRatio();
      },
      { once: true },
    );
  }
  watchPixelRatio();
  for (const wrapper of document.querySelectorAll(".scroll")) watchScrolling(wrapper);
  keepFocusInRows($("labs"));

  $("loading").hidden = true;
  $("labs").hidden = false;
  show(location.hash.slice(1));
  document.body.dataset.ready = "true";
  performance.mark("first-frame");
}

if (window.wasmBindings) boot();
else window.addEventListener("TrunkApplicationStarted", boot, { once: true });
