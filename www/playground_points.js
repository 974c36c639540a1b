// The playground's data plot under a pointer or the keyboard: a click picks, adds or removes a point by the
// choice under the plot (shift-click adds the other class; on a touch screen the choice is the class); a
// picked point dragged moves where it is let go, and a point let go outside the square is refused with a
// message. ← and → on the focused plot pick the previous or next point.

const $ = (id) => document.getElementById(id);
const OUTSIDE = "That is outside the square: x₁ and x₂ are from −6 to 6, so the point was not placed there.";

export function wirePoints(lab) {
  const canvas = $("pg-data-canvas");
  let dragged = null;
  const at = (event) => {
    const box = canvas.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  canvas.addEventListener("pointerdown", (event) => {
    const [x, y] = at(event);
    const mode = $("pg-click").value;
    const near = lab.app.point_near(x, y, 12, $("pg-show-test").checked);
    if (mode === "pick") {
      dragged = near === undefined ? null : near;
      // Keep the pointer while dragging, so a drag that leaves the canvas still ends here.
      if (dragged !== null && canvas.setPointerCapture) canvas.setPointerCapture(event.pointerId);
      lab.dispatch({ type: "pick_point", index: dragged });
    } else if (mode === "remove") {
      if (near !== undefined) lab.dispatch({ type: "remove_point", index: near });
    } else {
      const place = lab.app.data_at(x, y);
      if (!place) return lab.setMessage(OUTSIDE);
      let target;
      if (mode === "value") target = Number($("pg-value").value);
      else target = (mode === "one") !== event.shiftKey ? 1 : 0;
      lab.dispatch({ type: "add_point", x1: place[0], x2: place[1], target });
    }
  });
  canvas.addEventListener("pointerup", (event) => {
    if (dragged === null) return;
    const [x, y] = at(event);
    const place = lab.app.data_at(x, y);
    const index = dragged;
    dragged = null;
    if (!place) return lab.setMessage(OUTSIDE);
    // A click without a move leaves the point where it is.
    if (lab.app.point_near(x, y, 3, true) !== index) lab.dispatch({ type: "move_point", index, x1: place[0], x2: place[1] });
  });
  canvas.addEventListener("pointercancel", () => (dragged = null));
  canvas.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    const s = lab.snapshot;
    const count = s.training_count + s.test_count;
    const k = s.picked_point === null ? 0 : (s.picked_point + step + count) % count;
    lab.dispatch({ type: "pick_point", index: k });
    event.preventDefault();
    event.stopPropagation();
  });
}
