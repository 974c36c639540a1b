// The playground's experiment log: "Log this run" (and Reset, for a run that has trained) adds a row with the
// run's settings and results, each row's link reopens that run at its epoch, and the table exports as CSV. A
// class fills it together ("how many neurons does the spiral need?"); it lives as long as the page.

const $ = (id) => document.getElementById(id);

export function experimentLog(lab) {
  const rows = [];
  const percent = (share) => (share === null || share === undefined ? "–" : `${(100 * share).toFixed(1)}%`);
  const number = (v) => (v === null || v === undefined ? "–" : lab.fmt(v));

  function row() {
    const s = lab.snapshot;
    const setup = s.setup;
    const settings = { momentum: ["μ", setup.momentum], rmsprop: ["α", setup.alpha] }[setup.optimizer];
    const optimizer = $("pg-optimizer").selectedOptions[0].textContent;
    const adam = setup.optimizer === "adam" ? ` (β₁ ${setup.beta1}, β₂ ${setup.beta2})` : "";
    return {
      link: `#playground?${lab.app.link()}`,
      data: $("pg-data").selectedOptions[0].textContent,
      inputs: s.features.filter((f) => f.on).map((f) => f.label).join(" "),
      layers: setup.hidden.length ? setup.hidden.join("-") : "none",
      activation: $("pg-activation").selectedOptions[0].textContent,
      optimizer: settings ? `${optimizer} (${settings[0]} ${settings[1]})` : optimizer + adam,
      eta: String(setup.learning_rate),
      batch: setup.batch === null ? "all" : String(setup.batch),
      regularisation: setup.penalty === "none" ? "none" : `${setup.penalty.toUpperCase()} λ ${setup.rate}`,
      epochs: String(s.epoch),
      trainingLoss: number(s.training.loss),
      testLoss: number(s.test.loss),
      trainingAccuracy: s.task === "classification" ? percent(s.training.accuracy) : `R² ${number(s.training.r2)}`,
      testAccuracy: s.task === "classification" ? percent(s.test.accuracy) : `R² ${number(s.test.r2)}`,
    };
  }
  const COLUMNS = ["data", "inputs", "layers", "activation", "optimizer", "eta", "batch", "regularisation", "epochs", "trainingLoss", "testLoss", "trainingAccuracy", "testAccuracy"];
  const HEADERS = ["run", "data", "inputs", "layers", "activation", "optimizer", "learning rate", "batch", "regularisation", "epochs", "training loss", "test loss", "training accuracy", "test accuracy", "link"];

  function add() {
    const r = row();
    rows.push(r);
    const tr = $("pg-runs").tBodies[0].insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    const a = document.createElement("a");
    a.href = r.link;
    a.textContent = `run ${rows.length}`;
    th.append(a);
    tr.append(th);
    for (const key of COLUMNS) tr.insertCell().textContent = r[key];
  }

  // RFC 4180: fields with a comma, a quote or a line break are quoted, quotes doubled.
  const field = (text) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  function csv() {
    const lines = [HEADERS, ...rows.map((r, k) => [`run ${k + 1}`, ...COLUMNS.map((c) => r[c]), new URL(r.link, location.href).href])];
    return lines.map((line) => line.map(field).join(",")).join("\r\n") + "\r\n";
  }
  function exportCsv() {
    if (rows.length === 0) return lab.setMessage("The log is empty: press “Log this run” first.");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([csv()], { type: "text/csv" }));
    a.download = "playground-runs.csv";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  $("pg-runs-add").addEventListener("click", add);
  $("pg-runs-csv").addEventListener("click", exportCsv);
  $("pg-runs-clear").addEventListener("click", () => {
    rows.length = 0;
    $("pg-runs").tBodies[0].replaceChildren();
  });
  // Reset logs the run it ends, if it trained at all.
  return { logBeforeReset: () => lab.snapshot.epoch > 0 && add(), csv };
}
