// Every chart gets two small buttons: full screen (also the key F on a focused chart; Escape returns) and a
// PNG export (its title and legend, at twice the screen's resolution). Every table gets a CSV export. The
// buttons are found and added here, for every canvas and table in every lab's panel, so a new lab needs none
// of its own.
const $ = (id) => document.getElementById(id);

// A chart's title: the heading of the panel that holds it, else its accessible label.
function titleOf(canvas) {
  const section = canvas.closest("section, .panel");
  const heading = section?.querySelector("h3, h2");
  return (heading?.textContent || canvas.getAttribute("aria-label") || canvas.id).trim().replace(/\s+/g, " ");
}

export function save(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function button(text, label) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.setAttribute("aria-label", label);
  return b;
}

/** The chart as a PNG: its title above it, drawn again at twice the screen's pixels (its legend is drawn on it). */
export async function chartPng(canvas, { bindings, redraw }) {
  bindings.set_export_ratio(2);
  try {
    redraw();
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const band = Math.round(2 * 1.8 * rem);
    const out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height + band;
    const g = out.getContext("2d");
    const style = getComputedStyle(document.documentElement);
    g.fillStyle = style.getPropertyValue("--paper").trim() || "#fff";
    g.fillRect(0, 0, out.width, out.height);
    g.fillStyle = style.getPropertyValue("--ink").trim() || "#222";
    g.font = `600 ${Math.round(2 * 1.05 * rem)}px system-ui, "DejaVu Sans", sans-serif`;
    g.textBaseline = "middle";
    g.fillText(titleOf(canvas), 2 * 0.5 * rem, band / 2, out.width - 2 * rem);
    g.drawImage(canvas, 0, band);
    return await new Promise((done) => out.toBlob(done, "image/png"));
  } finally {
    bindings.set_export_ratio(0);
    redraw();
  }
}

/** A table as CSV (RFC 4180): every row of its head and body, a cell's text as shown. */
export function tableCsv(table) {
  const quote = (text) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [...table.rows]
    .map((tr) => [...tr.cells].map((cell) => quote(cell.textContent.trim().replace(/\s+/g, " "))).join(","))
    .join("\r\n");
}

let full = null;
function leaveFullScreen() {
  if (!full) return;
  const { holder, opener } = full;
  full = null;
  holder.classList.remove("chart-full");
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  opener?.focus();
}

/** The chart alone on the screen (and the browser's full screen where it is allowed); it redraws at that size. */
export function fullScreen(canvas, opener) {
  if (full) return leaveFullScreen();
  const holder = canvas.closest(".chart-holder");
  if (!holder) return;
  full = { holder, opener: opener || canvas };
  holder.classList.add("chart-full");
  holder.requestFullscreen?.().catch(() => {});
  holder.querySelector(".chart-tools button")?.focus();
}

export function startCharts({ bindings, redrawLab }) {
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && full) {
      leaveFullScreen();
      event.preventDefault();
    }
  });
  document.addEventListener("fullscreenchange", () => {
    if (!document.fullscreenElement && full) leaveFullScreen();
  });
  for (const canvas of document.querySelectorAll("[role=tabpanel] canvas")) {
    // The canvas and its buttons in one holder, which is what goes full screen (with the panel's legend, if
    // the chart has one outside the canvas, just after it).
    const holder = document.createElement("div");
    holder.className = "chart-holder";
    canvas.before(holder);
    const tools = document.createElement("div");
    tools.className = "chart-tools";
    const title = titleOf(canvas);
    const big = button("Full screen", `Full screen: ${title} (F)`);
    big.addEventListener("click", () => fullScreen(canvas, big));
    const png = button("PNG", `Save ${title} as a PNG image`);
    png.addEventListener("click", async () => save(`${canvas.id.replace(/-canvas$/, "")}.png`, await chartPng(canvas, { bindings, redraw: redrawLab })));
    tools.append(big, png);
    holder.append(tools, canvas);
    const legend = holder.nextElementSibling;
    if (legend?.matches(".legend, ul.legend, p.legend")) holder.append(legend);
  }
  for (const table of document.querySelectorAll("[role=tabpanel] table")) {
    const name = (table.caption?.textContent || table.id || "table").trim().replace(/\s+/g, " ");
    const csv = button("CSV", `Save the table ${name} as CSV`);
    csv.className = "table-csv";
    csv.addEventListener("click", () => save(`${table.id || "table"}.csv`, new Blob([tableCsv(table)], { type: "text/csv" })));
    (table.closest(".scroll") || table).after(csv);
  }
  return { fullScreen: (target) => {
    const canvas = target?.closest?.(".chart-holder")?.querySelector("canvas");
    if (!canvas) return false;
    fullScreen(canvas, target);
    return true;
  }, leave: leaveFullScreen };
}
