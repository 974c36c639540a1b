// The data-preparation lab: controls → commands for the Rust lab → snapshot → text, tables and two charts.
import { choose, setText, keyed } from "./dom.js";

const $ = (id) => document.getElementById(id);

export function startData(bindings, { showBanner, onChange }) {
  const { DataApp, format_number: fmt } = bindings;
  const app = new DataApp();
  let snapshot = null;

  function dispatch(command) {
    const reply = app.dispatch(command);
    snapshot = reply.snapshot;
    setMessage(reply.error);
    render();
    onChange();
    return !reply.error;
  }

  function setMessage(error) {
    const box = $("dp-message");
    box.textContent = error || "";
    box.hidden = !error;
  }

  const shown = (v) => (v === null || v === undefined ? "–" : fmt(v));
  const percent = (share) => (share === null ? "–" : `${(100 * share).toFixed(1)}%`);
  const cell = (tag, text) => Object.assign(document.createElement(tag), { textContent: text });

  // ---- rendering: reads the snapshot only ----

  function render() {
    const s = snapshot;
    setText($("dp-source"), s.source);
    setText($("dp-rows"), String(s.rows));
    setText($("dp-missing-rows"), String(s.missing_rows));
    setText($("dp-missing-all"), String(s.missing_every_feature));
    renderColumns();
    renderTable();
    renderChoices();
    renderSplit();
    renderMissing();
    renderScaling();
    renderRun();
    draw();
  }

  function renderColumns() {
    keyed($("dp-columns").tBodies[0], snapshot.columns, () => {
      const tr = document.createElement("tr");
      tr.append(cell("th", ""));
      tr.firstChild.scope = "row";
      for (let k = 0; k < 7; k++) tr.append(cell("td", ""));
      return tr;
    }, (tr, c) => {
      const number = c.kind === "number";
      const texts = [c.name, number ? "number" : "category", String(c.count), String(c.missing),
        number ? shown(c.min) : "", number ? shown(c.mean) : "", number ? shown(c.max) : "",
        c.levels.length > 12 ? `${c.levels.length} classes` : c.levels.map((n, k) => `${n} ${c.level_counts[k]}`).join(", ")];
      texts.forEach((t, k) => setText(tr.cells[k], t));
    });
  }

  const SET_NAMES = { training: "training", validation: "validation", test: "test" };
  function renderTable() {
    const s = snapshot;
    const head = $("dp-table").tHead.rows[0];
    const names = ["row", ...s.columns.map((c) => c.name), "set"];
    if (head.dataset.key !== names.join("\u0001")) {
      head.dataset.key = names.join("\u0001");
      head.replaceChildren(...names.map((n) => Object.assign(cell("th", n), { scope: "col" })));
    }
    keyed($("dp-table").tBodies[0], s.table, () => {
      const tr = document.createElement("tr");
      tr.append(Object.assign(cell("th", ""), { scope: "row" }));
      for (let k = 0; k <= s.columns.length; k++) tr.append(cell("td", ""));
      return tr;
    }, (tr, row) => {
      tr.classList.toggle("has-missing", row.missing);
      setText(tr.cells[0], row.missing ? `⚠ ${row.number}` : String(row.number));
      row.cells.forEach((text, k) => {
        const td = tr.cells[k + 1];
        td.classList.toggle("missing", row.missing && text.startsWith("missing"));
        setText(td, text);
      });
      setText(tr.cells[row.cells.length + 1], row.set ? SET_NAMES[row.set] : "left out");
    });
    setText($("dp-page"), `page ${s.page + 1} of ${s.pages} (${s.shown_rows} rows)`);
    $("dp-previous").disabled = s.page === 0;
    $("dp-next").disabled = s.page + 1 >= s.pages;
    $("dp-missing-only").checked = s.missing_only;
  }

  function fillSelect(select, names, value) {
    const key = names.join("\u0001");
    if (select.dataset.key !== key) {
      select.dataset.key = key;
      select.replaceChildren(...names.map((n) => new Option(n, n)));
    }
    select.value = value;
  }

  function renderChoices() {
    const s = snapshot;
    const setup = s.setup;
    const names = s.columns.map((c) => c.name);
    fillSelect($("dp-target"), names, setup.target);
    const numbers = s.columns.filter((c) => c.kind === "number").map((c) => c.name);
    fillSelect($("dp-scatter-x"), numbers, s.scatter_x);
    fillSelect($("dp-scatter-y"), numbers, s.scatter_y);
    setText($("dp-task"), s.regression
      ? `A number: the network learns a value (regression), with squared error; its error is given in ${setup.target}'s own units.`
      : `${s.classes.length} classes (${s.classes.join(", ")}): the network's softmax output gives each a probability, learnt with cross-entropy.`);
    const box = $("dp-features");
    const key = names.join("\u0001");
    if (box.dataset.key !== key) {
      box.dataset.key = key;
      box.querySelectorAll("label").forEach((l) => l.remove());
      for (const name of names) {
        const label = document.createElement("label");
        label.className = "inline";
        const input = document.createElement("input");
        input.type = "checkbox";
        input.dataset.column = name;
        input.addEventListener("change", () => {
          const chosen = [...box.querySelectorAll("input")].filter((i) => i.checked).map((i) => i.dataset.column);
          set("features", chosen.join(","));
        });
        label.append(input, ` ${name}`);
        box.append(label);
      }
    }
    for (const input of box.querySelectorAll("input")) {
      input.checked = setup.features.includes(input.dataset.column);
      input.disabled = input.dataset.column === setup.target;
    }
    setText($("dp-inputs"), s.inputs.join(", "));
  }

  function renderSplit() {
    const setup = snapshot.setup;
    $("dp-validation").value = String(setup.validation_percent);
    $("dp-test").value = String(setup.test_percent);
    setText($("dp-validation-shown"), `${setup.validation_percent}%`);
    setText($("dp-test-shown"), `${setup.test_percent}%`);
    if (document.activeElement !== $("dp-seed")) $("dp-seed").value = String(setup.seed);
    keyed($("dp-split").tBodies[0], snapshot.split, () => {
      const tr = document.createElement("tr");
      tr.append(Object.assign(cell("th", ""), { scope: "row" }), cell("td", ""), cell("td", ""), cell("td", ""));
      return tr;
    }, (tr, r) => {
      [r.name, r.training, r.validation, r.test].forEach((t, k) => setText(tr.cells[k], String(t)));
    });
  }

  function renderMissing() {
    const s = snapshot;
    for (const input of document.getElementsByName("dp-missing")) input.checked = input.value === s.setup.missing;
    ["drop_any", "drop_features", "fill_mean", "fill_median"].forEach((choice, k) =>
      setText(document.querySelector(`[data-kept="${choice}"]`), String(s.kept_by_choice[k])));
    const noTarget = s.no_target ? ` ${s.no_target} rows have no ${s.setup.target} and are always left out.` : "";
    const filled = s.fills.reduce((n, f) => n + f.cells, 0);
    setText($("dp-kept"), `${s.kept} of ${s.rows} rows kept.${noTarget}${filled ? ` ${filled} cells filled (marked “missing →” in the table):` : ""}`);
    keyed($("dp-fills"), s.fills, () => document.createElement("li"), (li, f) =>
      setText(li, `${f.column}: ${f.value}, ${f.why} (${f.cells} cell${f.cells === 1 ? "" : "s"})`));
  }

  function renderScaling() {
    const s = snapshot;
    for (const input of document.getElementsByName("dp-scaling")) input.checked = input.value === s.setup.scaling;
    keyed($("dp-ranges").tBodies[0], s.scales, () => {
      const tr = document.createElement("tr");
      tr.append(Object.assign(cell("th", ""), { scope: "row" }), cell("td", ""), cell("td", ""), cell("td", ""));
      return tr;
    }, (tr, r) => {
      const rule = s.setup.scaling === "none" ? "x" : `(x − ${fmt(r.offset)}) / ${fmt(r.divisor)}`;
      [r.input, `${fmt(r.before_min)} to ${fmt(r.before_max)}`, `${fmt(r.after_min)} to ${fmt(r.after_max)}`, rule]
        .forEach((t, k) => setText(tr.cells[k], t));
    });
  }

  function confusion(table, matrix) {
    const classes = snapshot.classes;
    table.hidden = !matrix || classes.length === 0;
    if (table.hidden) return;
    table.tHead.rows[0].replaceChildren(cell("td", ""), ...classes.map((c) => Object.assign(cell("th", c), { scope: "col" })));
    table.tBodies[0].replaceChildren(...matrix.map((row, k) => {
      const tr = document.createElement("tr");
      tr.append(Object.assign(cell("th", classes[k]), { scope: "row" }), ...row.map((n) => cell("td", String(n))));
      return tr;
    }));
  }

  function renderRun() {
    const s = snapshot;
    const setup = s.setup;
    choose($("dp-hidden"), setup.hidden.join(","), setup.hidden.join(", ") || "none");
    choose($("dp-activation"), setup.activation);
    choose($("dp-optimizer"), setup.optimizer);
    choose($("dp-rate"), setup.learning_rate);
    choose($("dp-batch"), setup.batch);
    choose($("dp-epochs"), setup.epochs);
    choose($("dp-patience"), setup.patience);
    const run = s.run;
    $("dp-evaluate").disabled = !run;
    setText($("dp-summary"), run ? run.summary : "Not trained yet: press Train.");
    const figures = (name, f) => s.regression
      ? `${name}: loss ${shown(f.loss)}, error (RMSE) ${shown(f.rmse)} over ${f.rows} rows`
      : `${name}: loss ${shown(f.loss)}, accuracy ${percent(f.accuracy)} over ${f.rows} rows`;
    setText($("dp-figures"), run ? `${figures("Training", run.training)}. ${figures("Validation", run.validation)}.` : "");
    setText($("dp-test-result"), run && run.test_sentence
      ? `Scored once on the ${run.test.rows} locked-away test rows: ${run.test_sentence}.`
      : run ? "The test rows are still locked away." : "");
    confusion($("dp-confusion"), run && run.validation.confusion.length ? run.validation.confusion : null);
    confusion($("dp-test-confusion"), run && run.test && run.test.confusion.length ? run.test.confusion : null);
    keyed($("dp-comparison"), s.comparison, () => document.createElement("li"), (li, t) => setText(li, t));
    $("dp-compare-chart").hidden = s.comparison.length === 0;
  }

  function draw() {
    try {
      app.draw_scatter($("dp-scatter"));
      app.draw_losses($("dp-losses"), false);
      if (!$("dp-compare-chart").hidden) app.draw_losses($("dp-compare-chart"), true);
    } catch (e) {
      showBanner(`Drawing failed: ${e}`);
    }
  }

  // ---- events → commands ----

  const on = (id, event, handler) => $(id).addEventListener(event, handler);
  // A setting is its key and value in the address, read by the same code as a link (page, missing_only, x
  // and y only change what is shown).
  const set = (key, value) => dispatch({ type: "set", key, value });

  on("dp-train", "click", () => dispatch({ type: "train" }));
  on("dp-evaluate", "click", () => dispatch({ type: "evaluate" }));
  on("dp-compare", "click", () => dispatch({ type: "compare" }));
  on("dp-reset", "click", () => dispatch({ type: "reset" }));
  on("dp-previous", "click", () => set("page", String(snapshot.page - 1)));
  on("dp-next", "click", () => set("page", String(snapshot.page + 1)));
  on("dp-missing-only", "change", () => set("missing_only", $("dp-missing-only").checked ? "1" : "0"));
  on("dp-target", "change", () => set("target", $("dp-target").value));
  on("dp-scatter-x", "change", () => set("x", $("dp-scatter-x").value));
  on("dp-scatter-y", "change", () => set("y", $("dp-scatter-y").value));
  for (const id of ["dp-validation", "dp-test"]) {
    on(id, "input", () => setText($(`${id}-shown`), `${$(id).value}%`));
    on(id, "change", () => set(id === "dp-test" ? "test" : "val", $(id).value));
  }
  on("dp-seed", "change", () => {
    const seed = Number($("dp-seed").value);
    if (!Number.isSafeInteger(seed) || seed < 0) return setMessage("The seed is a whole number, 0 or more.");
    set("seed", String(seed));
  });
  on("dp-new-seed", "click", () => set("seed", String(snapshot.setup.seed + 1)));
  for (const input of document.getElementsByName("dp-missing")) input.addEventListener("change", () => set("missing", input.value));
  for (const input of document.getElementsByName("dp-scaling")) input.addEventListener("change", () => set("scale", input.value));
              // Each menu of the network writes its key of the address.
  const KEYS = { "dp-hidden": "hidden", "dp-activation": "act", "dp-optimizer": "opt", "dp-rate": "lr", "dp-batch": "batch", "dp-epochs": "epochs", "dp-patience": "patience" };
  for (const [id, key] of Object.entries(KEYS)) on(id, "change", () => set(key, $(id).value || "none"));
  on("dp-penguins", "click", () => dispatch({ type: "use_penguins" }));
  on("dp-read-paste", "click", () => dispatch({ type: "load_csv", text: $("dp-paste").value, name: "the pasted text" }));
  on("dp-file", "change", async () => {
    const file = $("dp-file").files[0];
    if (!file) return;
    // Refused before it is read into memory; the reader checks the text's size again.
    if (file.size > 5 * 1024 * 1024) return setMessage(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the most this page reads is 5 MB.`);
    dispatch({ type: "load_csv", text: await file.text(), name: file.name });
  });

  const resized = new ResizeObserver(() => snapshot && !$("data-lab").hidden && draw());
  for (const id of ["dp-scatter", "dp-losses", "dp-compare-chart"]) resized.observe($(id));

  snapshot = app.snapshot().snapshot;
  render();

  function openLink(query) {
    const reply = app.open_link(query);
    snapshot = reply.snapshot;
    render();
    return reply.error;
  }

  // Nothing plays here: training is one press.
  return { app, onKey: () => false, tick: () => dispatch({ type: "train" }), openLink, redraw: draw, pause: () => {} };
}
