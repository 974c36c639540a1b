// The one play loop every lab's Play uses. It runs the lab's steps on animation frames at the lab's own rate
// (so many a second, or so many a frame), and stops when the lab says its run cannot go on, when the lab is
// switched away (app.js calls `pause`, and a frame finds the lab's panel hidden) or when the browser tab is
// hidden: frames stop there anyway, and time spent away must not come back as a burst of steps. The Play
// button's label and aria-pressed follow the loop's state here, and nowhere else.

// `rate()` is read every frame, so a new speed takes effect at once: `{ perSecond: n }` or `{ perFrame: n }`.
// `step(count, rate)` does `count` steps and returns false when the run cannot go on.
// `button`, if any, toggles Play; `panel` is the lab's tab panel; `canStart()` may refuse to start;
// `onChange(playing)` lets the lab show the new state (its other buttons, a live region).
// `immediate`: the first frame does one step at once instead of waiting a whole step's time.
export function createPlayer({ rate, step, button = null, panel = null, canStart = () => true, onChange = () => {}, immediate = false }) {
  let playing = false;
  let frameId = 0;
  let last = null; // the previous frame's time, in ms; null before the first frame
  let owed = 0; // steps owed at a rate per second, in fractions of a step

  function set(on) {
    if (on === playing || (on && !canStart())) return;
    playing = on;
    last = null;
    owed = 0;
    if (frameId) cancelAnimationFrame(frameId);
    frameId = playing ? requestAnimationFrame(frame) : 0;
    if (button) {
      button.textContent = playing ? "Pause" : "Play";
      button.setAttribute("aria-pressed", String(playing));
    }
    onChange(playing);
  }

  // The steps that `elapsed` ms (null on the first frame) are worth, done; false when the run cannot go on.
  function advance(elapsed) {
    const r = rate();
    let count = r.perFrame;
    if (count === undefined) {
      owed = elapsed === null ? (immediate ? 1 : 0) : owed + (elapsed / 1000) * r.perSecond;
      count = Math.floor(owed);
      owed -= count;
    }
    return count > 0 ? step(count, r) !== false : true;
  }

  function frame(time) {
    frameId = 0;
    if (!playing) return;
    if (panel && panel.hidden) return set(false);
    const elapsed = last === null ? null : time - last;
    last = time;
    if (!advance(elapsed)) return set(false);
    // The step itself may have paused the loop (a refused command), or paused and started it again.
    if (playing && !frameId) frameId = requestAnimationFrame(frame);
  }

  document.addEventListener("visibilitychange", () => document.hidden && set(false));
  if (button) button.addEventListener("click", () => set(!playing));

  return {
    get playing() {
      return playing;
    },
    play: () => set(true),
    pause: () => set(false),
    toggle: () => set(!playing),
    advance,
  };
}
