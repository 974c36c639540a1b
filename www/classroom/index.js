// The classroom kit: the header's buttons (keys, presentation mode, dark theme), the shared keys, the chart
// and table buttons. app.js starts it once the labs can be drawn and tells it which lab is on show; it knows
// the labs only through the page (their tabs and panels) and registry.js.
import { helpDialog, sharedKey } from "./keys.js";
import { startTheme } from "./theme.js";
import { startPresentation } from "./present.js";
import { startCharts } from "./charts.js";
import { LAB_KEYS } from "./registry.js";
import { startOffline } from "./offline.js";
import { startLessons } from "./lessons.js";

// A header button with a long and a short name (the short one for presentation mode on a narrow screen).
function headerButton(id, [long, short], title, pressed) {
  const b = document.createElement("button");
  b.type = "button";
  b.id = id;
  b.title = title;
  const name = (text, className) => Object.assign(document.createElement("span"), { textContent: text, className });
  b.append(name(long, "long"), name(short, "short"));
  if (pressed !== undefined) b.setAttribute("aria-pressed", String(pressed));
  return b;
}

export function startClassroom({ bindings, current, redraw }) {
  const tools = document.createElement("div");
  tools.className = "page-tools";
  tools.setAttribute("role", "toolbar");
  tools.setAttribute("aria-label", "Page");
  const path = headerButton("lessons-button", ["Lessons", "Lessons"], "The labs in the course's order, and a glossary");
  const keys = headerButton("keys-button", ["Keys ?", "?"], "The keys of each lab (?)");
  const present = headerButton("present-toggle", ["Presentation", "Present"], "Presentation mode, for a projector (P)", false);
  const dark = headerButton("theme-toggle", ["Dark", "Dark"], "Dark theme", false);
  tools.append(path, keys, present, dark);
  document.querySelector(".masthead").append(tools);

  const labNames = () => [...document.querySelectorAll('#lab-tabs [role="tab"]')].map((t) => t.id.replace(/^tab-/, ""));
  const help = helpDialog(labNames);
  keys.addEventListener("click", () => help.open(current()));
  startTheme(dark, { bindings, redraw });
  const presentation = startPresentation(present, { redraw, current });
  const charts = startCharts({ bindings, redrawLab: redraw });
  startOffline();
  const lessons = startLessons({ dialog: {}, current });
  path.addEventListener("click", () => lessons.show());

  // F on a chart (or one of its buttons) puts that chart full screen; anywhere else, the lab's main picture.
  function fullScreen(target) {
    if (charts.fullScreen(target)) return true;
    const panel = document.querySelector("[role=tabpanel]:not([hidden])");
    const main = panel?.querySelector(LAB_KEYS[current()]?.picture || "canvas") || panel?.querySelector("canvas");
    return main ? charts.fullScreen(main) : false;
  }

  return {
    /** A key the lab's own module left; true when it was used. */
    onKey(event) {
      const panel = document.querySelector("[role=tabpanel]:not([hidden])");
      if (!panel || document.querySelector("dialog[open]")) return false;
      return sharedKey(event, { current: current(), panel, help, togglePresentation: presentation.toggle, fullScreen });
    },
    /** Another lab is on show: its parts are laid out for presentation mode. */
    shown() {
      charts.leave();
      lessons.shown();
      presentation.refit();
    },
  };
}
