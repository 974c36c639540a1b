// Small DOM helpers shared by the labs. A Play frame changes numbers, not structure, so rows are made again
// only when their count changes and text is written only where it differs: new elements (or new text) every
// frame made the browser restyle and lay out whole panels, a third of a frame's time.

export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

// A sentence with numbers in it: a number in scientific notation is kept on one line, since browsers break
// a line after its minus ("1.452e-" / "8").
const EXPONENT = /(-?\d[\d.]*e[-+]?\d+)/;
export function setSentence(element, text) {
  if (element.textContent === text) return;
  const parts = text.split(EXPONENT);
  element.replaceChildren(
    ...parts.map((part, k) => {
      if (k % 2 === 0) return part;
      const number = document.createElement("span");
      number.className = "number";
      number.textContent = part;
      return number;
    }),
  );
}

export function setClass(element, className) {
  if (element.className !== className) element.className = className;
}

// One child of `container` per item: `make()` builds a child when the count changes, `fill(child, item, k)`
// brings it up to date every time.
export function keyed(container, items, make, fill) {
  if (container.children.length !== items.length) container.replaceChildren(...items.map(make));
  items.forEach((item, k) => fill(container.children[k], item, k));
}

// A table row: a row header, then one cell per key, each cell tagged with `data-value` for tests and tools.
export function tableRow(keys) {
  const tr = document.createElement("tr");
  const th = document.createElement("th");
  th.scope = "row";
  tr.append(th);
  for (const key of keys) {
    const td = document.createElement("td");
    if (key) td.dataset.value = key;
    tr.append(td);
  }
  return tr;
}

// Selects `value` in a menu. A link may carry a value the menu does not list: it is added (as `label`), so
// the menu always shows the setting in use.
export function choose(select, value, label = value) {
  const text = String(value);
  if (![...select.options].some((o) => o.value === text)) select.add(new Option(String(label), text));
  select.value = text;
}

// A number as people type it: "−0.5" with the typographic minus, and "0,5" with a decimal comma (when there is
// no point). Empty text is not a number (NaN), never 0; nor is "1,000" (a thousand, or one?), "0x10" or an
// overflow. The same rules as the core's `format::read_number`: tests/number_cases.json holds both to them.
export function typedNumber(text) {
  const t = String(text).trim().replace(/−/g, "-");
  if (t === "" || /^[-+]?[1-9]\d{0,2},\d{3}$/.test(t) || /^[-+]?0[xbo]/i.test(t)) return NaN;
  const value = Number(/^[-+]?\d*,\d+(e[-+]?\d+)?$/i.test(t) ? t.replace(",", ".") : t);
  return Number.isFinite(value) ? value : NaN;
}

// A table wider than its panel scrolls sideways inside its wrapper, `<div class="scroll" data-labelledby="…">`.
// While it does, the wrapper is a region that a keyboard can reach (Tab to it, then ← and →), and a hint above
// it says that it scrolls; the region's name is the table's (the element with that id) and the hint's, so it
// differs from its panel's when both are named by the same heading. While the table fits, the wrapper is none
// of these, so a wide screen has no needless stop for Tab. It is looked at again whenever the wrapper or the
// table changes size (a lab shown, a fold-out opened, a column added, the window turned).
export function watchScrolling(wrapper) {
  const hint = document.createElement("p");
  hint.className = "hint scroll-hint";
  hint.id = `${wrapper.dataset.labelledby}-scrolls`;
  const arrows = document.createElement("span");
  arrows.setAttribute("aria-hidden", "true");
  arrows.textContent = "⇆ ";
  hint.append(arrows, "This table scrolls sideways: swipe it, or Tab to it and use ← and →.");
  hint.hidden = true;
  wrapper.before(hint);
  const check = () => {
    const scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
    if (scrolls === !hint.hidden) return;
    hint.hidden = !scrolls;
    if (scrolls) {
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-labelledby", `${wrapper.dataset.labelledby} ${hint.id}`);
      wrapper.tabIndex = 0;
    } else {
      for (const name of ["role", "aria-labelledby", "tabindex"]) wrapper.removeAttribute(name);
    }
  };
  const observer = new ResizeObserver(check);
  observer.observe(wrapper);
  for (const child of wrapper.children) observer.observe(child);
}

// Redraws when one of `canvases` is shown at a size it was not drawn for. A ResizeObserver reports every
// element once as soon as it is observed; a canvas the lab has just drawn at that very size needs no second
// drawing (that doubled the work of the first frame).
export function onCanvasResize(canvases, redraw) {
  const stale = (canvas) => {
    const ratio = window.devicePixelRatio || 1;
    return (
      Math.round(Math.max(canvas.clientWidth, 1) * ratio) !== canvas.width ||
      Math.round(Math.max(canvas.clientHeight, 1) * ratio) !== canvas.height
    );
  };
  const observer = new ResizeObserver((entries) => {
    if (entries.some((entry) => stale(entry.target))) redraw();
  });
  for (const canvas of canvases) observer.observe(canvas);
}

// What a control did, said beside it, so that it is seen where the eye is and heard at once: a refusal in
// the control's role="alert" element, a success in its role="status" element. Writing one empties the other,
// so the page never says both, and `field` (the text the refusal is about) is marked invalid while refused.
export function tell({ refused, done, field }, text, isRefusal) {
  setText(refused, isRefusal ? text : "");
  if (done) setText(done, isRefusal ? "" : text);
  if (!field) return;
  if (isRefusal && text) field.setAttribute("aria-invalid", "true");
  else field.removeAttribute("aria-invalid");
}

// A control disabled while it has focus (Step back at the start, Finish forward once the forward pass is
// done) drops the focus to the page's body, where Enter and Space press nothing and Tab starts over. So the
// focus moves to the nearest control still enabled in the same row (the toolbar or `.row` around it; the
// nearer in document order, the later one on a tie, since that is usually where the lesson goes on).
const CONTROLS = "button, input, select, textarea, [tabindex]";
export function keepFocusInRows(root) {
  let focused = null;
  root.addEventListener("focusin", (event) => (focused = event.target));
  // Focus that leaves for nowhere while the control is still enabled (a click on plain text) is let go.
  root.addEventListener("focusout", (event) => {
    if (!event.relatedTarget && !event.target.disabled) focused = null;
  });
  const observer = new MutationObserver((records) => {
    for (const { target } of records) {
      if (target !== focused || !target.disabled) continue;
      const now = document.activeElement;
      if (now && now !== target && now !== document.body) continue;
      focused = null;
      nearestEnabled(target)?.focus();
    }
  });
  observer.observe(root, { subtree: true, attributes: true, attributeFilter: ["disabled"] });
}

function nearestEnabled(control) {
  const row = control.closest('[role="toolbar"], .controls, .row') ?? control.parentElement;
  const all = [...row.querySelectorAll(CONTROLS)];
  const at = all.indexOf(control);
  const usable = (c) => !c.disabled && c.getClientRects().length > 0 && c.tabIndex >= 0;
  for (let d = 1; d < all.length; d++) {
    for (const k of [at + d, at - d]) if (all[k] && usable(all[k])) return all[k];
  }
  return null;
}
