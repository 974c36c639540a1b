// End-to-end: the one play loop every lab shares (www/play.js). Play runs at the lab's own rate, its button
// says what it does, and it stops when the run cannot go on, when the lab is switched away and when the
// browser tab is hidden.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSite, shownNumber } from "./harness.mjs";

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

// Each lab with a Play button: the button, the number that counts its steps, and a speed to play at.
const PLAYS = [
  { lab: "two-neuron", button: "#play", count: "#done", speed: ["#speed", "ops:12"] },
  { lab: "descent", button: "#gd-play", count: "#gd-iteration", speed: ["#gd-speed", "5"] },
  { lab: "stopping", button: "#es-play", count: "#es-epoch", speed: ["#es-speed", "1"] },
];

const state = async (page, button) => [await page.textContent(button), await page.getAttribute(button, "aria-pressed")];

// Pretends the browser tab went to the background, as switching to another tab or window does.
const hideTab = (page) =>
  page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });

for (const { lab, button, count, speed } of PLAYS) {
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
    await page.waitForTimeout(400);
    assert.equal(await shownNumber(page, count), left, "a lab switched away does not go on playing");

    // Back, playing again, then the tab hidden: it pauses too.
    await page.click(`#tab-${lab}`);
    await page.click(button);
    assert.deepEqual(await state(page, button), ["Pause", "true"]);
    await hideTab(page);
    assert.deepEqual(await state(page, button), ["Play", "false"]);
    const hidden = await shownNumber(page, count);
    await page.waitForTimeout(400);
    assert.equal(await shownNumber(page, count), hidden, "a hidden tab does not go on playing");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("descent: Play keeps the chosen steps a second, and stops by itself when the run diverges", async () => {
  const { page, context, problems } = await site.open("descent");
  await page.selectOption("#gd-speed", "5");
  await page.click("#gd-play");
  const started = Date.now();
  await page.waitForTimeout(1500);
  const steps = await shownNumber(page, "#gd-iteration");
  const seconds = (Date.now() - started) / 1000;
  // 5 a second, as the menu says; a busy machine's late frames are made up, not lost.
  assert.ok(steps >= 5 * seconds - 3 && steps <= 5 * seconds + 1, `${steps} steps in ${seconds.toFixed(2)} s at 5 a second`);
  await page.click("#gd-play");
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
  await page.waitForTimeout(900);
  assert.equal(await hiddenLayers(), 1);
  // A replay stopped half-way by another lab stays where it was.
  await page.click("#va-replay");
  await page.click("#tab-losses");
  await page.waitForTimeout(900);
  await page.click("#tab-vanishing");
  assert.equal(await hiddenLayers(), 3);
  assert.deepEqual(problems, []);
  await context.close();
});
