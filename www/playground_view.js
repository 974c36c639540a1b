// The playground's text: the settings' controls, the inputs, the layers' buttons, every weight, the picked
// point's numbers and the diagram's readout, all written from the snapshot (playground.js owns the loop).
import { choose, setText, keyed, tableRow } from "./dom.js";

const $ = (id) => document.getElementById(id);

export function textView(lab) {
  const shown = (v) => (v === null || v === undefined ? "–" : lab.fmt(v));

  // Settings change seldom and a frame of Play changes none: the controls are written only when they did
  // (a control written every frame made the browser restyle the panel each time). `forget` writes them again
  // after a refused setting, so a control puts back the value in force.
  let setupShown = "";
  function renderSetup() {
    const setup = lab.snapshot.setup;
    const key = JSON.stringify(setup);
    if (key === setupShown) return;
    setupShown = key;
    choose($("pg-data"), setup.data);
    choose($("pg-noise"), setup.noise);
    choose($("pg-points"), setup.points);
    choose($("pg-test-share"), setup.test_percent, `${setup.test_percent}%`);
    choose($("pg-activation"), setup.activation);
    choose($("pg-optimizer"), setup.optimizer);
    choose($("pg-batch-size"), setup.batch === null ? "all" : setup.batch);
    choose($("pg-penalty"), setup.penalty);
    choose($("pg-lambda"), setup.rate);
    if (document.activeElement !== $("pg-rate")) $("pg-rate").value = String(Math.log10(setup.learning_rate));
    setText($("pg-rate-shown"), String(setup.learning_rate));
    $("pg-lambda").disabled = setup.penalty === "none";
    const regression = lab.snapshot.task === "regression";
    $("pg-value").disabled = !regression;
    for (const o of $("pg-click").options) if (o.value !== "pick" && o.value !== "remove") o.hidden = (o.value === "value") !== regression;
    if ($("pg-click").selectedOptions[0]?.hidden) $("pg-click").value = regression ? "value" : "one";
    renderOptimizerSettings(setup);
  }

  // The optimizer's own settings: μ for momentum, ρ for RMSprop, β₁ and β₂ for Adam; the others are hidden.
  function renderOptimizerSettings(setup) {
    const o = setup.optimizer;
    $("pg-mu-box").hidden = o !== "momentum";
    $("pg-alpha-box").hidden = o !== "rmsprop";
    $("pg-beta1-box").hidden = o !== "adam";
    $("pg-beta2-box").hidden = o !== "adam";
    choose($("pg-mu"), setup.momentum);
    choose($("pg-alpha"), setup.alpha);
    choose($("pg-beta1"), setup.beta1);
    choose($("pg-beta2"), setup.beta2);
  }

  function renderFeatures() {
    const box = $("pg-features");
    if (box.querySelectorAll("input").length === 0) {
      for (const f of lab.snapshot.features) {
        const label = document.createElement("label");
        label.className = "inline";
        const input = document.createElement("input");
        input.type = "checkbox";
        input.dataset.feature = f.key;
        input.addEventListener("change", () => lab.dispatch({ type: "set_feature", feature: f.key, on: input.checked }));
        label.append(input, ` ${f.label}`);
        box.append(label);
      }
    }
    for (const f of lab.snapshot.features) box.querySelector(`[data-feature="${f.key}"]`).checked = f.on;
  }

  // A group per hidden layer, "layer 2: − 4 neurons +", and buttons that add or remove a layer.
  function renderLayers() {
    const hidden = lab.snapshot.setup.hidden;
    const box = $("pg-layers");
    const key = hidden.join(",");
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    const button = (text, label, command) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", () => lab.dispatch(command));
      return b;
    };
    const groups = hidden.map((n, layer) => {
      const group = document.createElement("span");
      group.className = "inline";
      const count = document.createElement("span");
      count.textContent = ` layer ${layer + 1}: ${n} neuron${n === 1 ? "" : "s"} `;
      group.append(
        button("−", `one neuron fewer in layer ${layer + 1}`, { type: "remove_neuron", layer }),
        count,
        button("+", `one neuron more in layer ${layer + 1}`, { type: "add_neuron", layer }),
      );
      return group;
    });
    const none = document.createElement("span");
    none.textContent = hidden.length === 0 ? "no hidden layer " : "";
    box.replaceChildren(
      none,
      ...groups,
      button("+ layer", "add a hidden layer", { type: "add_layer" }),
      button("− layer", "remove the last hidden layer", { type: "remove_layer" }),
    );
  }

  function neuronName(layer, index) {
    const n = lab.snapshot.neurons.find((x) => x.layer === layer && x.index === index);
    return n ? n.name : "?";
  }
  function sourceName(layer, from) {
    if (layer > 0) return neuronName(layer - 1, from);
    return lab.snapshot.features.filter((f) => f.on)[from].label;
  }
  const weightText = (e) => (e.zero ? "0 (pruned)" : lab.fmt(e.weight));

  // The table is inside a closed <details> most of the time: it is filled only while open.
  function renderWeights() {
    if (!$("pg-weights").closest("details").open) return;
    keyed($("pg-weights").tBodies[0], lab.snapshot.edges, () => tableRow(["from", "weight"]), (tr, e) => {
      setText(tr.cells[0], neuronName(e.layer, e.to));
      setText(tr.cells[1], sourceName(e.layer, e.from));
      setText(tr.cells[2], weightText(e));
    });
  }

  // The diagram's readout: what the pointer is over (a node or an edge), or else the picked neuron, as text.
  let hovered = null;
  function describe(hit) {
    const s = lab.snapshot;
    if (hit && hit[0] === 0 && hit[1] === 0) {
      const f = s.features.filter((x) => x.on)[hit[2]];
      return f ? `Input ${f.label}: this node shows ${f.label} over the square.` : "";
    }
    if (hit && hit[0] === 1) {
      const e = s.edges.find((x) => x.layer === hit[1] && x.from === hit[2] && x.to === hit[3]);
      return e ? `Weight from ${sourceName(e.layer, e.from)} into ${neuronName(e.layer, e.to)}: ${weightText(e)}.` : "";
    }
    const [layer, index] = hit ? [hit[1] - 1, hit[2]] : s.picked_neuron;
    const n = s.neurons.find((x) => x.layer === layer && x.index === index);
    if (!n) return "";
    const incoming = s.edges.filter((e) => e.layer === layer && e.to === index);
    const weights = incoming.map((e) => `${sourceName(e.layer, e.from)} ${weightText(e)}`).join(", ");
    return `${n.name === "output" ? "The output" : `Neuron ${n.name}`}${hit ? "" : " (picked)"}: bias ${lab.fmt(n.bias)}; weights in: ${weights}.`;
  }
  function renderReadout() {
    setText($("pg-readout"), describe(hovered));
  }
  function hover(hit) {
    hovered = hit;
    renderReadout();
  }

  let inspectionShown = "";
  function renderInspector() {
    const i = lab.snapshot.inspection;
    const key = JSON.stringify(i);
    if (key === inspectionShown) return;
    inspectionShown = key;
    $("pg-step-through").disabled = lab.snapshot.picked_point === null;
    const box = $("pg-inspect");
    if (!i) {
      box.replaceChildren();
      return;
    }
    const what = lab.snapshot.task === "classification" ? `class ${i.target}` : `value ${lab.fmt(i.target)}`;
    const lines = [
      `Point ${i.point} at (${lab.fmt(i.x1)}, ${lab.fmt(i.x2)}), ${what}, a ${i.test ? "test" : "training"} point; ${i.title}:`,
      `z = ${shown(i.z)}, a = ${shown(i.a)}, ∂E/∂z = ${shown(i.de_dz)}; this point's error E = ${shown(i.loss)}.`,
      i.update,
    ];
    const table = document.createElement("table");
    table.innerHTML =
      '<thead><tr><th scope="col">from</th><th scope="col">now</th><th scope="col">before the last update</th>' +
      '<th scope="col">change</th><th scope="col">this point\'s ∂E/∂w</th></tr></thead><tbody></tbody>';
    for (const w of i.incoming) {
      const tr = table.tBodies[0].insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = w.from;
      tr.append(th);
      for (const v of [w.value, w.before, w.change, w.gradient]) tr.insertCell().textContent = shown(v);
    }
    box.replaceChildren(...lines.map((text) => Object.assign(document.createElement("p"), { textContent: text })), table);
  }

  function renderText() {
    renderSetup();
    renderFeatures();
    renderLayers();
    renderWeights();
    renderInspector();
    renderReadout();
  }

  return { renderText, renderWeights, hover, shown, forgetSetup: () => (setupShown = "") };
}
