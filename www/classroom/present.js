// Presentation mode, for a projector: larger type and lines, the labs' introductions folded behind "Why?",
// and each lab's primary controls, main picture and current-step line moved to the top and sized to fit the
// first screen together. Kept in the address (?present, before the lab's hash, so no lab's link codec sees
// it) and in localStorage.
import { LAB_KEYS } from "./registry.js";

const STORE = "backprop-lab-present";
const root = document.documentElement;

function remembered() {
  const query = new URLSearchParams(location.search);
  if (query.has("present")) return query.get("present") !== "0";
  try {
    return localStorage.getItem(STORE) === "on";
  } catch {
    return false;
  }
}

function keep(on) {
  const url = new URL(location.href);
  if (on) url.searchParams.set("present", "1");
  else url.searchParams.delete("present");
  history.replaceState(history.state, "", url.search ? `${url.pathname}${url.search}${url.hash}` : `${url.pathname}${url.hash}`);
  try {
    localStorage.setItem(STORE, on ? "on" : "off");
  } catch {
    // storage refused: the address still holds it
  }
}

// Each introduction behind a "Why?" disclosure, and back.
function fold(on) {
  if (on) {
    for (const intro of document.querySelectorAll("[role=tabpanel] > p.intro")) {
      const why = document.createElement("details");
      why.className = "why";
      why.append(Object.assign(document.createElement("summary"), { textContent: "Why? What this lab shows" }));
      intro.before(why);
      why.append(intro);
    }
  } else {
    for (const why of document.querySelectorAll("details.why")) {
      why.after(...[...why.childNodes].filter((n) => n.nodeName !== "SUMMARY"));
      why.remove();
    }
  }
}

// The lab's parts the class must see: its controls (one or more), its main picture and its current step.
function parts(name) {
  const panel = document.querySelector(`[role=tabpanel]:not([hidden])`);
  const entry = LAB_KEYS[name] || {};
  const all = (selector) => (selector && panel ? [...panel.querySelectorAll(selector)] : []);
  const picture = all(entry.picture)[0] || panel?.querySelector("canvas") || null;
  return { panel, controls: all(entry.controls), picture, current: all(entry.current)[0] || null };
}

// Each part, through the boxes around it up to the lab's panel, comes first where its box can reorder it, in
// the order given (`rank`: the first control, the current step, the picture, other controls). The panel, a
// grid, a <section> and a status box (made columns) can; a paragraph or a toolbar keeps its own order.
function bringForward(part, panel, rank) {
  for (let el = part; el && el !== panel; el = el.parentElement) {
    const box = el.parentElement;
    const section = box !== panel && box.matches("section, .status") && getComputedStyle(box).display === "block";
    if (box !== panel && !section && !box.classList.contains("present-column") && getComputedStyle(box).display !== "grid") continue;
    if (section) {
      box.classList.add("present-column");
      const heading = box.querySelector(":scope > h3");
      if (heading) heading.style.order = "-20";
    }
    el.classList.add("present-first");
    el.style.order = String(Math.min(Number(el.style.order || 0), rank - 10));
  }
}

export function startPresentation(button, { redraw, current }) {
  let on = false;
  function fit() {
    for (const c of document.querySelectorAll("canvas[data-present-height]")) {
      c.style.height = "";
      delete c.dataset.presentHeight;
    }
    for (const el of document.querySelectorAll(".present-first, .present-column > h3")) {
      el.classList.remove("present-first");
      el.style.order = "";
    }
    for (const el of document.querySelectorAll(".present-column")) el.classList.remove("present-column");
    for (const el of document.querySelectorAll(".present-split, .present-picture")) {
      el.classList.remove("present-split", "present-picture");
      el.style.gridTemplateRows = el.style.gridRow = "";
    }
    if (!on) return;
    const { panel, controls, picture, current: line } = parts(current());
    if (!panel) return;
    [controls[0], line, picture, ...controls.slice(1)].forEach((part, rank) => part && bringForward(part, panel, rank));
    // Where the picture's box is not the controls' (most labs), the picture sits beside them, as on a slide:
    // controls and the current step on the left, the picture on the right, both in the first screen.
    const topBox = (el) => { while (el && el.parentElement !== panel) el = el.parentElement; return el; };
    const pictureBox = topBox(picture);
    const split = Boolean(pictureBox) && ![...controls, line].some((part) => part && topBox(part) === pictureBox);
    panel.classList.toggle("present-split", split);
    pictureBox?.classList.toggle("present-picture", split);
    if (split) {
      // The picture spans the left column's rows and one more, flexible, which takes its extra height, so
      // the controls and the current step stay together at the top.
      const left = [...panel.children].filter((c) => c.classList.contains("present-first") && c !== pictureBox).length;
      panel.style.gridTemplateRows = `repeat(${left}, auto) 1fr`;
      pictureBox.style.gridRow = `1 / span ${left + 1}`;
    }
    if (!picture) return;
    // The picture takes what the screen has left under it, less whatever of the current-step line and the
    // controls lies below it.
    const box = picture.getBoundingClientRect();
    const top = box.top + scrollY;
    const below = [...controls, line]
      .filter(Boolean)
      .map((el) => el.getBoundingClientRect().bottom + scrollY - (top + box.height))
      .filter((d) => d > 0);
    const rem = parseFloat(getComputedStyle(root).fontSize);
    const room = innerHeight - top - Math.max(0, ...below) - 0.4 * rem;
    picture.style.height = `${Math.max(6 * rem, Math.min(room, 30 * rem))}px`;
    picture.dataset.presentHeight = "";
  }
  function set(value, { store = true } = {}) {
    on = value;
    root.dataset.present = String(on);
    button.setAttribute("aria-pressed", String(on));
    fold(on);
    if (store) keep(on);
    // The root's type size changed: the charts' text and lines follow it (app.js listens for resize).
    window.dispatchEvent(new Event("resize"));
    fit();
    redraw();
  }
  button.addEventListener("click", () => set(!on));
  window.addEventListener("resize", () => on && requestAnimationFrame(fit));
  set(remembered(), { store: false });
  return { toggle: () => set(!on), refit: () => on && (fit(), redraw()) };
}
