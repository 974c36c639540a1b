// The descent lab's points and start from the page: points typed in the box, loaded from a CSV file or put
// back, and the starting w₀ and b₀. Each refusal is said beside the control that caused it and read out at
// once (dom.js `tell`); a success says what is now in use.
//
// After a refusal the box keeps the refused text, so the line at fault can be found and mended (a file's text
// is in no other place), and the plots keep the points in use. So that the two do not tell different stories,
// the refusal says the box's text is not in use and how many points are, the box is marked invalid, and a
// button puts the points in use back in the box. Reverting at once instead would lose the text to mend.

import { tell, typedNumber } from "./dom.js";

const $ = (id) => document.getElementById(id);
const counted = (n) => `${n} point${n === 1 ? "" : "s"}`;
const asText = (points) => points.map((p) => `${p[0]}, ${p[1]}`).join("\n");

// `dispatch(command, refusedAt)` sends a command and, when the lab refuses it, hands the reason to
// `refusedAt` instead of the lab's banner; `setup()` is the setup in use.
export function pointsAndStart({ dispatch, setup }) {
  const box = $("gd-points");
  const said = { refused: $("gd-points-refused"), done: $("gd-points-done"), field: box };
  // The points as the box last showed them in use.
  let shown = null;

  function showInUse() {
    $("gd-points-revert").hidden = true;
    shown = asText(setup().points);
    box.value = shown;
    tell(said, "", false);
  }

  function refuse(reason) {
    const notInUse = box.value !== shown;
    $("gd-points-revert").hidden = !notInUse;
    tell(
      said,
      notInUse
        ? `${reason} The text in the box is not in use: the plots still show the ${counted(setup().points.length)} in use.`
        : reason,
      true,
    );
  }

  function use(text, source, refusedAs) {
    let reason = "";
    if (dispatch({ type: "set_points_text", text }, (error) => (reason = error))) {
      showInUse();
      tell(said, `Using ${counted(setup().points.length)} from ${source}.`, false);
    } else refuse(`${refusedAs}${reason}`);
  }

  $("gd-points-apply").addEventListener("click", () => use(box.value, "the box", "These points were not used. "));
  $("gd-points-revert").addEventListener("click", () => {
    showInUse();
    box.focus();
  });
  $("gd-points-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    // Cleared, so choosing the same file again (after fixing it) reads it again.
    event.target.value = "";
    if (!file) return;
    if (file.size > 1_000_000) {
      refuse(`“${file.name}” is larger than 1 MB; the lab takes up to 200 points, a few kilobytes. The points stay as they were.`);
      return;
    }
    const text = await file.text();
    // The file's text goes into the box, so a refused line can be found and mended there.
    box.value = text;
    use(text, `“${file.name}”`, `“${file.name}” was not used. `);
  });

  // The start: refused beside its fields, the field at fault marked.
  const startFields = [$("gd-w0"), $("gd-b0")];
  const startRefused = $("gd-start-refused");
  function setStart() {
    const w = typedNumber($("gd-w0").value);
    // Without the bias the b₀ field is hidden, and b₀ stays as it is.
    const b = $("gd-b0-field").hidden ? setup().b0 : typedNumber($("gd-b0").value);
    const wrong = startFields.filter((_, k) => !Number.isFinite([w, b][k]));
    for (const field of startFields) {
      if (wrong.includes(field)) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    }
    if (wrong.length) {
      tell({ refused: startRefused }, "The starting w and b must be numbers, such as 0 or -1.5. The start stays as it was.", true);
      return;
    }
    let reason = "";
    const used = dispatch({ type: "set_start", w, b }, (error) => (reason = error));
    tell({ refused: startRefused }, reason, !used);
  }
  $("gd-w0").addEventListener("change", setStart);
  $("gd-b0").addEventListener("change", setStart);

  // Called on every render: the box is rewritten only when the points in use change (a preset, a drag, a
  // link), and then what was said about earlier text no longer holds.
  return function render() {
    if (asText(setup().points) !== shown && document.activeElement !== box) showInUse();
  };
}
