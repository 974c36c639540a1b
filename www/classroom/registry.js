// What the classroom kit knows of each lab, one entry a lab: its keys (shown by the ? overlay; R, and a key
// the lab's own module does not take, press the button named here), and, for presentation mode, its primary
// controls (a selector that may name several), its main picture and its current-step line. A lab with no entry still gets the generic keys: R
// presses its panel's button labelled "Reset", and its canvases get the full-screen and export buttons.
export const LAB_KEYS = {
  "two-neuron": {
    keys: { "→": "do one operation", "←": "undo one operation", Space: "play or pause", R: "reset to iteration 1" },
    buttons: { r: "reset" },
    controls: ".controls.stepping", picture: "#network-canvas", current: ".status .current",
  },
  descent: {
    keys: { "→": "one step of gradient descent", "←": "undo one step", Space: "play or pause", R: "back to w₀" },
    buttons: { r: "gd-reset" },
    controls: "#gd-step, #gd-rate", picture: "#gd-cost-canvas", current: "#gd-update",
  },
  vanishing: {
    keys: { "→": "the gradient one layer toward the output", "←": "one layer toward the input", Space: "replay the backward pass" },
    buttons: { " ": "va-replay" },
    controls: "#va-toward-input", picture: "#va-flow-canvas", current: "#va-summary",
  },
  stopping: {
    keys: { "→": "train one epoch", Space: "play or pause", R: "back to epoch 0" },
    buttons: { r: "es-reset" },
    controls: "#es-one", picture: "#es-errors-canvas", current: "#es-status",
  },
  losses: {
    keys: { "→": "z up by 0.1", "←": "z down by 0.1", R: "back to the starting settings" },
    buttons: { r: "lo-reset" },
    controls: "#lo-z", picture: "#lo-loss-canvas", current: "#lo-summary",
  },
  data: {
    keys: { T: "train with the settings shown", R: "clear the run (the settings stay)" },
    buttons: { t: "dp-train", r: "dp-reset" },
    controls: "#dp-train", picture: "#dp-losses", current: "#dp-summary",
  },
  playground: {
    keys: { "→": "one update on the next batch", Space: "play or pause", R: "back to epoch 0" },
    buttons: { r: "pg-reset" },
    controls: "#pg-batch", picture: "#pg-data-canvas", current: "#pg-summary",
  },
};

// Keys every lab has.
export const PAGE_KEYS = {
  "?": "this list of keys",
  P: "presentation mode on or off",
  F: "the focused chart full screen (Escape returns)",
  Escape: "close this list, or leave full screen",
};
