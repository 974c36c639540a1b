// The lesson path: the labs in the order the course teaches them, each step a lab opened at a prepared state
// (its link), an overview of the steps, Previous and Next at the end of every lab, and a glossary that
// defines each term once, linked from the labs' introductions where a term is first used. A step whose lab
// has no tab yet (data preparation, while it is being built) is left out until its tab exists.
const STEPS = [
  { lab: "two-neuron", link: "two-neuron?op=0", title: "The forward pass", line: "Each neuron weighs its input, adds its bias and squashes the sum: step z₁, a₁, z₂, a₂." },
  { lab: "two-neuron", link: "two-neuron?op=4", title: "The loss", line: "The output is compared with the target: one number says how wrong the network is." },
  { lab: "two-neuron", link: "two-neuron?op=5", title: "Backpropagation", line: "The chain rule carries the error back, one factor at a time, to every weight and bias." },
  { lab: "descent", link: "descent", title: "Gradient descent and the learning rate", line: "Steps downhill on the cost, and what happens when η is too small or too large." },
  { lab: "vanishing", link: "vanishing", title: "Activations and vanishing gradients", line: "Why a deep chain of sigmoids learns slowly at the input, and what ReLU changes." },
  { lab: "losses", link: "losses", title: "Loss functions", line: "Squared error against cross-entropy: which one still pushes when the output is confidently wrong." },
  { lab: "descent", link: "descent?batch=2", title: "Optimizers and batches", line: "Batch, mini-batch and stochastic steps; momentum, RMSprop and Adam on the same data.", focus: "#gd-race-title" },
  { lab: "data", link: "data", title: "Data preparation", line: "Scaling the features and splitting the data before training." },
  { lab: "stopping", link: "stopping", title: "Overfitting and early stopping", line: "The validation error turns upward while the training error still falls: stop there." },
  { lab: "playground", link: "playground", title: "The playground", line: "A whole network on a two-dimensional dataset, with everything above to hand." },
];

const GLOSSARY = {
  epoch: "One pass of training over every example in the training set.",
  batch: "The examples whose errors are averaged for one update: all of them (batch), a few (mini-batch) or one (stochastic).",
  "learning rate": "η, the factor each gradient is multiplied by before it is subtracted from its parameter: the size of a step.",
  "cost function": "The number training makes small: the error of the network's outputs, averaged over the examples (also called the loss).",
  gradient: "The slope of the cost with respect to a parameter, ∂E/∂w: how much the cost changes per unit change of that parameter.",
  "chain rule": "The derivative of a function of a function is the product of their derivatives; backpropagation applies it layer by layer.",
  activation: "The function a neuron applies to its weighted sum z (sigmoid, tanh, ReLU…), and the value a it gives.",
  overfitting: "Fitting the training examples' noise: the training error keeps falling while the error on new examples rises.",
  "validation set": "Examples kept out of training and only scored, to see how the network does on data it has not learnt from.",
  "feature scaling": "Shifting and scaling each input to a similar range (standardising: mean 0, spread 1), so no weight needs a far larger step than another.",
};

const slug = (term) => `term-${term.replace(/\s+/g, "-")}`;
const present = () => STEPS.filter((s) => document.getElementById(`tab-${s.lab}`));

export function startLessons({ dialog: host, current }) {
  let at = null; // the step last opened from the path, while its lab is on show
  const open = (step) => {
    at = step;
    location.hash = `#${step.link}`;
    if (step.focus) requestAnimationFrame(() => document.querySelector(step.focus)?.scrollIntoView({ block: "start" }));
  };
  const link = (step, prefix) => {
    const a = document.createElement("a");
    a.href = `#${step.link}`;
    a.textContent = `${prefix}${step.title}`;
    a.addEventListener("click", (event) => {
      event.preventDefault();
      host.close?.();
      open(step);
    });
    return a;
  };

  // The overview and the glossary, in one dialog.
  const dialog = document.createElement("dialog");
  dialog.id = "lessons";
  dialog.setAttribute("aria-labelledby", "lessons-title");
  const fill = () => {
    const title = Object.assign(document.createElement("h2"), { id: "lessons-title", textContent: "The lesson path" });
    const list = document.createElement("ol");
    for (const step of present()) {
      const item = document.createElement("li");
      item.append(link(step, ""), document.createTextNode(`: ${step.line}`));
      list.append(item);
    }
    const glossaryTitle = Object.assign(document.createElement("h2"), { id: "glossary", textContent: "Glossary" });
    const terms = document.createElement("dl");
    for (const [term, meaning] of Object.entries(GLOSSARY)) {
      const dt = Object.assign(document.createElement("dt"), { id: slug(term), tabIndex: -1 });
      dt.append(Object.assign(document.createElement("dfn"), { textContent: term }));
      terms.append(dt, Object.assign(document.createElement("dd"), { textContent: meaning }));
    }
    const close = Object.assign(document.createElement("button"), { type: "button", textContent: "Close (Esc)" });
    close.addEventListener("click", () => dialog.close());
    dialog.replaceChildren(title, list, glossaryTitle, terms, close);
  };
  dialog.addEventListener("keydown", (event) => event.stopPropagation());
  document.body.append(dialog);
  host.close = () => dialog.close();
  const show = (term) => {
    fill();
    dialog.showModal();
    const target = term ? document.getElementById(slug(term)) : dialog.querySelector("a");
    target?.scrollIntoView({ block: "center" });
    target?.focus();
  };

  // Previous and Next at the end of each lab: around the step last opened there, else the lab's first step.
  for (const panel of document.querySelectorAll("[role=tabpanel]")) {
    const nav = document.createElement("nav");
    nav.className = "lesson-nav";
    nav.setAttribute("aria-label", "Lesson path");
    panel.append(nav);
  }
  function renderNav() {
    const steps = present();
    const lab = current();
    const here = at && at.lab === lab ? steps.indexOf(at) : steps.findIndex((s) => s.lab === lab);
    const nav = document.querySelector("[role=tabpanel]:not([hidden]) > .lesson-nav");
    if (!nav || here < 0) return;
    const parts = [];
    if (steps[here - 1]) parts.push(link(steps[here - 1], "Previous: "));
    const overview = Object.assign(document.createElement("button"), { type: "button", textContent: `Step ${here + 1} of ${steps.length}: all steps` });
    overview.className = "link";
    overview.addEventListener("click", () => show());
    parts.push(overview);
    if (steps[here + 1]) parts.push(link(steps[here + 1], "Next: "));
    nav.replaceChildren(...parts);
  }

  // Each glossary term linked where a lab's introduction or hint first uses it.
  for (const panel of document.querySelectorAll("[role=tabpanel]")) {
    const seen = new Set();
    for (const p of panel.querySelectorAll("p.intro, p.hint")) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const texts = [];
      while (walker.nextNode()) texts.push(walker.currentNode);
      while (texts.length) {
        const text = texts.shift();
        // The term used earliest in this text is linked first; what follows it is looked at again.
        const found = Object.keys(GLOSSARY)
          .filter((term) => !seen.has(term))
          .map((term) => [term, new RegExp(`\\b${term}s?\\b`, "i").exec(text.data)])
          .filter(([, match]) => match)
          .sort((a, b) => a[1].index - b[1].index);
        if (found.length && !text.parentElement.closest("button, a, kbd, var")) {
          const [term, match] = found[0];
          seen.add(term);
          const after = text.splitText(match.index);
          texts.unshift(after.splitText(match[0].length));
          // A link to its definition (opened in the glossary dialog: the address keeps the lab's link).
          const a = Object.assign(document.createElement("a"), { href: `#${slug(term)}`, className: "term", textContent: after.data });
          a.title = "In the glossary";
          a.addEventListener("click", (event) => {
            event.preventDefault();
            show(term);
          });
          after.replaceWith(a);
        }
      }
    }
  }
  return { show, shown: renderNav };
}
