// The keys every lab shares, and the ? overlay that lists them. A lab's own module takes its keys first (→,
// ←, Space where it has them); what it leaves comes here: R presses the lab's Reset, a key the registry maps
// to a button presses it, P toggles presentation mode, F puts the focused chart full screen, ? opens the list.
import { LAB_KEYS, PAGE_KEYS } from "./registry.js";

const $ = (id) => document.getElementById(id);

function labTitle(name) {
  const tab = $(`tab-${name}`);
  return tab ? (tab.querySelector(".long") || tab).textContent.trim() : name;
}

// The lab's button for a key: the registry's, or else (a lab with no entry) its panel's button named Reset.
function buttonFor(name, panel, key) {
  const id = LAB_KEYS[name]?.buttons?.[key];
  if (id) return $(id);
  if (key !== "r") return null;
  return [...panel.querySelectorAll("button")].find((b) => b.textContent.trim() === "Reset") || null;
}

function row(key, what) {
  const item = document.createElement("div");
  const term = document.createElement("dt");
  term.append(...String(key).split(" ").map((k) => Object.assign(document.createElement("kbd"), { textContent: k })));
  const definition = document.createElement("dd");
  definition.textContent = what;
  item.append(term, definition);
  return item;
}

// The overlay: a modal dialog (the page behind it inert) that keeps Tab inside it and closes with Escape,
// giving focus back to what had it.
export function helpDialog(labNames) {
  const dialog = document.createElement("dialog");
  dialog.id = "key-help";
  dialog.setAttribute("aria-labelledby", "key-help-title");
  const title = Object.assign(document.createElement("h2"), { id: "key-help-title", textContent: "Keys" });
  const body = document.createElement("div");
  body.className = "key-lists";
  const close = Object.assign(document.createElement("button"), { type: "button", textContent: "Close (Esc)" });
  close.addEventListener("click", () => dialog.close());
  dialog.append(title, body, close);
  document.body.append(dialog);
  let returnTo = null;
  dialog.addEventListener("close", () => returnTo?.focus());
  dialog.addEventListener("keydown", (event) => {
    // The lab behind the list takes no key while it is open.
    event.stopPropagation();
    if (event.key !== "Tab") return;
    const stops = [...dialog.querySelectorAll("button, [href], [tabindex]:not([tabindex='-1'])")];
    const [first, last] = [stops[0], stops[stops.length - 1]];
    if (event.shiftKey && document.activeElement === first) last.focus();
    else if (!event.shiftKey && document.activeElement === last) first.focus();
    else return;
    event.preventDefault();
  });
  return {
    open(current) {
      returnTo = document.activeElement;
      const lists = [];
      const list = (heading, keys) => {
        const section = document.createElement("section");
        const h = Object.assign(document.createElement("h3"), { textContent: heading });
        const dl = document.createElement("dl");
        dl.append(...Object.entries(keys).map(([k, what]) => row(k, what)));
        section.append(h, dl);
        lists.push(section);
      };
      // The lab on show first, then every page's keys, then the other labs (one that has no entry lists R).
      const others = labNames().filter((n) => n !== current);
      list(`${labTitle(current)} (this lab)`, LAB_KEYS[current]?.keys || { R: "reset" });
      list("Every lab", PAGE_KEYS);
      for (const name of others) list(labTitle(name), LAB_KEYS[name]?.keys || { R: "reset" });
      body.replaceChildren(...lists);
      dialog.showModal();
      close.focus();
    },
  };
}

// The keys the lab left: true when one was used.
export function sharedKey(event, { current, panel, help, togglePresentation, fullScreen }) {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key === "?") help.open(current);
  else if (key === "p") togglePresentation();
  else if (key === "f") return fullScreen(event.target);
  else {
    const button = buttonFor(current, panel, key);
    if (!button || button.disabled) return false;
    button.click();
  }
  return true;
}
