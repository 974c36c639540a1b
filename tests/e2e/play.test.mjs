// End-to-end: the one play loop every lab shares (www/play.js). Play runs at the lab's own rate, its button
// says what it does, and it stops when the run cannot go on, when the lab is switched away and when the
// browser tab is hidden.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSite, shownNumber, framesSpanning } from "./harness.mjs";

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

// Each lab with a Play button: the button, the number that counts its steps, and a speed to play at.
// `step` is how long (ms) one step takes at that speed: a stopped loop is checked over frames spanning twice
// that, where a running one would have stepped.
const PLAYS = [
  { lab: "two-neuron", button: "#play", count: "#done", speed: ["#speed", "ops:12"], step: 1000 / 12 },
  { lab: "descent", button: "#gd-play", count: "#gd-iteration", speed: ["#gd-speed", "5"], step: 1000 / 5 },
  { lab: "stopping", button: "#es-play", count: "#es-epoch", speed: ["#es-speed", "1"], step: 0 },
];

const state = async (page, button) => [await page.textContent(button), await page.getAttribute(button, "aria-pressed")];

// Pretends the browser tab went to the background, as switching to another tab or window does.
const hideTab = (page) =>
  page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });

for (const { lab, button, count, speed, step } of PLAYS) {
  test(`${lab}: Play runs, says Pause while it does, and stops for another lab and for a hidden tab`, async () => {
    const { page, context, problems } = await site.open(lab);
    await page.selectOption(...speed);
    assert.deepEqual(await state(page, button), ["Play", "false"]);
    const start = await shownNumber(page, count);
    await page.click(button);
    assert.deepEqual(await state(page, button), ["Pause", "true"]);
    await page.waitForFunction(([selector, from]) => Number(document.querySelector(selector).textContent) > from + 1, [count, start]);

    // Another lab on show: this one pauses, and its steps stop.
    await page.click("#tab-losses");
    assert.deepEqual(await state(page, button), ["Play", "false"]);
    const left = await shownNumber(page, count);
    await framesSpanning(page, 2 * step, 5);
    assert.equal(await shownNumber(page, count), left, "a lab switched away does not go on playing");

    // Back, playing again, then the tab hidden: it pauses too.
    await page.click(`#tab-${lab}`);
    await page.click(button);
    assert.deepEqual(await state(page, button), ["Pause", "true"]);
    await hideTab(page);
    assert.deepEqual(await state(page, button), ["Play", "false"]);
    const hidden = await shownNumber(page, count);
    await framesSpanning(page, 2 * step, 5);
    assert.equal(await shownNumber(page, count), hidden, "a hidden tab does not go on playing");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("descent: Play keeps the chosen steps a second, and stops by itself when the run diverges", async () => {
  const { page, context, problems } = await site.open("descent");
  await page.selectOption("#gd-speed", "5");
  // Timed by the page's own clock, from the click to the pause, which is done inside a frame after the
  // player's own (rAF callbacks run in the order they were asked for), so every step due by then is shown.
  const started = await page.evaluate(() => {
    document.getElementById("gd-play").click();
    return performance.now();
  });
  await page.waitForFunction(() => Number(document.getElementById("gd-iteration").textContent) >= 7);
  const [steps, ended] = await page.evaluate(
    () =>
      new Promise((done) =>
        requestAnimationFrame((time) => {
          document.getElementById("gd-play").click();
          done([Number(document.getElementById("gd-iteration").textContent), time]);
        }),
      ),
  );
  const seconds = (ended - started) / 1000;
  // 5 a second, as the menu says; a busy machine's late frames are made up, not lost. (The first step is
  // due a fifth of a second after the first frame, which may come late: hence the 3 below.)
  assert.ok(steps >= 5 * seconds - 3 && steps <= 5 * seconds + 1, `${steps} steps in ${seconds.toFixed(2)} s at 5 a second`);
  await page.click("#gd-reset");

  // η = 100000 runs away within a few steps: Play stops there and the button says Play again.
  await page.fill("#gd-rate-number", "100000");
  await page.press("#gd-rate-number", "Enter");
  await page.selectOption("#gd-speed", "20");
  await page.click("#gd-play");
  await page.waitForFunction(() => document.getElementById("gd-play").getAttribute("aria-pressed") === "false");
  assert.equal(await page.textContent("#gd-play"), "Play");
  assert.match(await page.textContent("#gd-message"), /Diverged at step/);
  assert.equal(await page.isDisabled("#gd-play"), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("vanishing: Replay reveals the backward pass a layer at a time and stops at the input", async () => {
  const { page, context, problems } = await site.open("vanishing?depth=3");
  const hiddenLayers = () =>
    page.locator('#va-table td[data-value="gradient"]').evaluateAll((cells) => cells.filter((c) => c.textContent === "?").length);
  await page.click("#va-replay");
  assert.equal(await hiddenLayers(), 3, "the replay starts from the output, every layer's gradient hidden");
  await page.waitForFunction(() => [...document.querySelectorAll('#va-table td[data-value="gradient"]')].every((c) => c.textContent !== "?"), null, {
    timeout: 5000,
  });
  // At the input it has stopped: a step toward the output stays where it is put.
  await page.click("#va-toward-output");
  // Frames spanning more than a layer's time (600 ms), in which a replay still running would reveal one.
  await framesSpanning(page, 1200, 5);
  assert.equal(await hiddenLayers(), 1);
  // A replay stopped half-way by another lab stays where it was.
  await page.click("#va-replay");
  await page.click("#tab-losses");
  await framesSpanning(page, 1200, 5);
  await page.click("#tab-vanishing");
  assert.equal(await hiddenLayers(), 3);
  assert.deepEqual(problems, []);
  await context.close();
});
