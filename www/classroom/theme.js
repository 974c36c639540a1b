// The light and the dark theme: the system's choice (prefers-color-scheme) until the toggle is pressed, then
// the choice kept in localStorage. The page's colours follow html[data-theme]; the charts are told
// (set_dark_theme) and redrawn.
const STORE = "backprop-lab-theme";

function stored() {
  try {
    return localStorage.getItem(STORE);
  } catch {
    return null; // storage refused (a private window): the system's choice holds
  }
}

export function startTheme(button, { bindings, redraw }) {
  const system = matchMedia("(prefers-color-scheme: dark)");
  const dark = () => (stored() ? stored() === "dark" : system.matches);
  function apply() {
    const on = dark();
    document.documentElement.dataset.theme = on ? "dark" : "light";
    button.setAttribute("aria-pressed", String(on));
    bindings.set_dark_theme(on);
    redraw();
  }
  system.addEventListener("change", apply);
  button.addEventListener("click", () => {
    try {
      localStorage.setItem(STORE, dark() ? "light" : "dark");
    } catch {
      document.documentElement.dataset.theme = dark() ? "light" : "dark";
    }
    apply();
  });
  apply();
}
