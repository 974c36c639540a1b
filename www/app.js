// Boots the page: waits for the wasm module, starts each lab, switches between them (tabs and the URL hash)
// and routes the keyboard to the lab on show. Each lab's own wiring lives in its module.
import { startTwoNeuron } from "./two_neuron.js";
import { startDescent } from "./descent.js";
import { startVanishing } from "./vanishing.js";

const $ = (id) => document.getElementById(id);

function showBanner(message) {
  const banner = $("error-banner");
  banner.textContent = message;
  banner.hidden = false;
}

window.addEventListener("error", (event) => showBanner(`Something went wrong: ${event.message}`));
window.addEventListener("unhandledrejection", (event) =>
  showBanner(`Something went wrong: ${event.reason && event.reason.message ? event.reason.message : event.reason}`),
);

const LABS = { "two-neuron": "two-neuron-lab", descent: "descent-lab", vanishing: "vanishing-lab" };

function boot() {
  let labs;
  try {
    const bindings = window.wasmBindings;
    labs = {
      "two-neuron": startTwoNeuron(bindings, { showBanner }),
      descent: startDescent(bindings, { showBanner }),
      vanishing: startVanishing(bindings, { showBanner }),
    };
    // The labs' handles, for the browser console and the end-to-end tests.
    window.backpropLab = Object.fromEntries(Object.entries(labs).map(([name, lab]) => [name, lab.app]));
    // One animation frame of a lab, run synchronously: the in-browser benchmark times these.
    window.backpropLab.tick = (name) => labs[name].tick();
  } catch (e) {
    $("loading").hidden = true;
    showBanner(`The lab could not start: ${e && e.message ? e.message : e}`);
    return;
  }

  let current = null;
  function show(name) {
    if (!(name in LABS)) name = "two-neuron";
    if (current && current !== name) labs[current].pause();
    current = name;
    for (const [key, id] of Object.entries(LABS)) {
      $(id).hidden = key !== name;
      const tab = $(`tab-${key}`);
      tab.setAttribute("aria-selected", String(key === name));
      tab.tabIndex = key === name ? 0 : -1;
    }
    // A canvas in a hidden section has no size; draw it now that it is shown.
    labs[name].redraw();
  }

  for (const key of Object.keys(LABS)) {
    $(`tab-${key}`).addEventListener("click", () => {
      history.replaceState(null, "", `#${key}`);
      show(key);
    });
  }
  $("lab-tabs").addEventListener("keydown", (event) => {
    const keys = Object.keys(LABS);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = keys[(keys.indexOf(current) + step + keys.length) % keys.length];
    $(`tab-${next}`).click();
    $(`tab-${next}`).focus();
    event.preventDefault();
    event.stopPropagation();
  });
  window.addEventListener("hashchange", () => show(location.hash.slice(1)));

  document.addEventListener("keydown", (event) => {
    const tag = event.target.tagName;
    if (["INPUT", "TEXTAREA", "SELECT"].includes(tag) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === " " && tag === "BUTTON") return;
    if (labs[current].onKey(event)) event.preventDefault();
  });

  $("loading").hidden = true;
  $("labs").hidden = false;
  show(location.hash.slice(1));
  document.body.dataset.ready = "true";
  performance.mark("first-frame");
}

if (window.wasmBindings) boot();
else window.addEventListener("TrunkApplicationStarted", boot, { once: true });
