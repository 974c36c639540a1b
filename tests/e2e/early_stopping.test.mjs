// End-to-end: the early-stopping lab. Trains by clicking, reads the errors and the samples from the DOM,
// plays a run that stops early, reads it again with another patience, and reopens it from its link.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startSite, shownNumber, shots } from "./harness.mjs";

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

const epoch = (page) => shownNumber(page, "#es-epoch");

// The mean of (y − ŷ)² over one set's rows of the samples table, from the four-figure numbers shown.
async function errorFromTable(page, set) {
  return page.evaluate((set) => {
    const rows = [...document.querySelectorAll("#es-table tbody tr")].filter(
      (tr) => tr.querySelector('[data-value="set"]').textContent === set,
    );
    const residuals = rows.map(
      (tr) => Number(tr.querySelector('[data-value="y"]').textContent) - Number(tr.querySelector('[data-value="now"]').textContent),
    );
    return residuals.reduce((sum, r) => sum + r * r, 0) / residuals.length;
  }, set);
}

test("training on overfits: the training error keeps falling while the validation error rises", async () => {
  const { page, context, problems } = await site.open("stopping");
  assert.equal(await epoch(page), 0);
  assert.match(await page.textContent("#es-status"), /^Not trained yet/);
  assert.equal(await page.textContent("#es-training-count"), "13");
  assert.equal(await page.textContent("#es-validation-count"), "7");

  // At epoch 0 the lowest validation error is epoch 0's, and so is the training error beside it.
  assert.equal(await page.textContent("#es-best-training"), await page.textContent("#es-training"));
  await page.click("#es-one");
  assert.equal(await epoch(page), 1);
  for (let k = 0; k < 20; k++) await page.click("#es-hundred");
  assert.equal(await epoch(page), 2001);
  const training = await shownNumber(page, "#es-training");
  const validation = await shownNumber(page, "#es-validation");
  const best = await shownNumber(page, "#es-best");
  const bestEpoch = await shownNumber(page, "#es-best-epoch");
  assert.ok(validation > best, `validation ${validation} above its lowest ${best}`);
  assert.ok(training < validation / 5, `training ${training} far below validation ${validation}`);
  assert.equal(await shownNumber(page, "#es-wait"), 2001 - bestEpoch);
  const status = await page.textContent("#es-status");
  assert.match(status, /would have stopped at epoch (\d+) and kept epoch (\d+)/);
  assert.match(status, /overfitting/);
  const [, stopAt, kept] = status.match(/stopped at epoch (\d+) and kept epoch (\d+)/).map(Number);
  assert.equal(stopAt - kept, 200, "the default patience is 200 epochs");

  // The errors are the mean squared errors of the points listed, as shown.
  // The table is filled when it is opened (the toggle event comes a moment after). Space on its summary opens
  // it, rather than starting Play.
  await page.focus("#es-table-title");
  await page.keyboard.press(" ");
  assert.equal(await page.getAttribute("#es-play", "aria-pressed"), "false");
  await page.waitForFunction(() => document.querySelectorAll("#es-table tbody tr").length === 20);
  for (const [set, shown] of [["training", training], ["validation", validation]]) {
    const fromTable = await errorFromTable(page, set);
    assert.ok(Math.abs(fromTable - shown) < 3e-3 * Math.sqrt(shown) + 1e-5, `${set}: table ${fromTable} vs shown ${shown}`);
  }
  // The noise floor is the noise-free curve's own error on the validation points listed.
  const floor = await page.evaluate(() => {
    const rows = [...document.querySelectorAll("#es-table tbody tr")].filter(
      (tr) => tr.querySelector('[data-value="set"]').textContent === "validation",
    );
    const squares = rows.map((tr) => {
      const x = Number(tr.querySelector("th").textContent);
      return (Number(tr.querySelector('[data-value="y"]').textContent) - Math.sin(Math.PI * x)) ** 2;
    });
    return squares.reduce((a, b) => a + b, 0) / squares.length;
  });
  const shownFloor = await shownNumber(page, "#es-noise-floor");
  assert.ok(Math.abs(floor - shownFloor) < 3e-3 * Math.sqrt(shownFloor) + 1e-5, `floor ${floor} vs shown ${shownFloor}`);
  await page.screenshot({ path: path.join(shots, "early-stopping-overfit.png"), fullPage: true });

  // Another patience reads the same run again: the epoch and the errors stay.
  await page.fill("#es-patience", "1000");
  await page.press("#es-patience", "Enter");
  assert.equal(await epoch(page), 2001);
  assert.equal(await shownNumber(page, "#es-validation"), validation);
  assert.match(
    await page.textContent("#es-status"),
    new RegExp(`^With patience 1000, early stopping would have stopped at epoch ${bestEpoch + 1000} and kept epoch ${bestEpoch}\\.`),
  );

  // A change to the network starts a fresh run.
  await page.selectOption("#es-hidden", "4");
  assert.equal(await epoch(page), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("with early stopping on, Play stops where the patience runs out, and the link reopens the run", async () => {
  const { page, context, problems } = await site.open("stopping");
  await page.check("#es-stop-early");
  await page.fill("#es-patience", "100");
  await page.press("#es-patience", "Enter");
  await page.selectOption("#es-speed", "100");
  await page.click("#es-play");
  await page.waitForFunction(() => document.getElementById("es-play").getAttribute("aria-pressed") === "false", null, {
    timeout: 20_000,
  });
  const stoppedAt = await epoch(page);
  const bestEpoch = await shownNumber(page, "#es-best-epoch");
  assert.equal(stoppedAt - bestEpoch, 100, "it stops 100 epochs after the best one");
  assert.equal(await shownNumber(page, "#es-wait"), 100);
  assert.match(await page.textContent("#es-status"), new RegExp(`^Stopped early at epoch ${stoppedAt}.*weights of epoch ${bestEpoch}`));
  assert.ok(await page.isDisabled("#es-one"), "no more epochs while stopped");
  assert.ok(await page.isDisabled("#es-play"));
  await page.screenshot({ path: path.join(shots, "early-stopping-stopped.png"), fullPage: true });

  // The address holds the run: a new page opened on it shows the same epoch and errors.
  // The address is written a moment after a change (at most a few times a second).
  await page.waitForFunction((at) => location.hash.endsWith(`epochs=${at}`), stoppedAt);
  const link = await page.evaluate(() => location.hash.slice(1));
  assert.match(link, new RegExp(`stop=1.*epochs=${stoppedAt}`));
  const validation = await page.textContent("#es-validation");
  const again = await site.open(link);
  // The link's run is trained again a slice a frame, to the epoch it names.
  await again.page.waitForFunction((at) => document.getElementById("es-epoch").textContent === String(at), stoppedAt);
  assert.match(await again.page.textContent("#es-status"), new RegExp(`^Stopped early at epoch ${stoppedAt}`));
  assert.equal(await again.page.textContent("#es-validation"), validation);
  assert.ok(await again.page.isChecked("#es-stop-early"));
  await again.context.close();

  // Unticking lets the run go on from where it stopped.
  await page.uncheck("#es-stop-early");
  await page.click("#es-one");
  assert.equal(await epoch(page), stoppedAt + 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a bad link is refused with its reason and the lab opens as usual", async () => {
  const { page, context } = await site.open("stopping?points=5");
  assert.match(await page.textContent("#error-banner"), /points must be between 12 and 200/);
  assert.equal(await epoch(page), 0);
  assert.equal(await page.inputValue("#es-points"), "20");
  await context.close();
});

test("a link's values that no menu lists are added to the menu, and a large run opens without freezing", async () => {
  const { page, context, problems } = await site.open("stopping?points=45&hidden=64&noise=0.25&epochs=3000");
  assert.equal(await page.inputValue("#es-points"), "45");
  assert.equal(await page.inputValue("#es-noise"), "0.25");
  // The page stays responsive while the run is replayed: frame after frame is drawn on the way, each showing
  // a later epoch, instead of one long task that shows only the end. Every frame's epoch is read until 3000.
  const seen = await page.evaluate(
    () =>
      new Promise((done) => {
        const epochs = [];
        const frame = () => {
          epochs.push(Number(document.getElementById("es-epoch").textContent));
          if (epochs.at(-1) === 3000) done(epochs);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
  const during = [...new Set(seen.filter((e) => e > 0 && e < 3000))];
  assert.ok(during.length >= 5, `frames drawn during the replay showed epochs ${during.join(", ")}`);
  assert.deepEqual([...seen].sort((a, b) => a - b), seen, "the epochs shown only go up");
  assert.equal(await page.textContent("#es-training-count"), "30");
  assert.ok(!(await page.isDisabled("#es-one")), "training can go on after the link's run");
  assert.deepEqual(problems, []);
  await context.close();
});

test("weight decay from the menu restarts the run, and with λ = 0.001 the validation error levels off", async () => {
  const { page, context, problems } = await site.open("stopping");
  for (let k = 0; k < 5; k++) await page.click("#es-hundred");
  await page.selectOption("#es-decay", "0.001");
  assert.equal(await epoch(page), 0, "a new penalty is a new run");
  await page.waitForFunction(() => location.hash.includes("l2=0.001"));
  for (let k = 0; k < 10; k++) await page.click("#es-hundred");
  assert.equal(await epoch(page), 1000);
  const at1000 = await shownNumber(page, "#es-validation");
  for (let k = 0; k < 20; k++) await page.click("#es-hundred");
  assert.equal(await epoch(page), 3000);
  // Without decay the default run's validation error climbs from 0.246 at epoch 1000 to 0.323 at 3000 (0.83 at
  // 5000); with λ = 0.001 it stays where it was (0.159, then 0.164).
  const at3000 = await shownNumber(page, "#es-validation");
  assert.ok(Math.abs(at3000 - at1000) < 0.05 * at1000, `validation ${at1000} at epoch 1000, ${at3000} at 3000`);
  assert.ok(at3000 < 0.2, `validation ${at3000}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a least improvement (min_delta) trains the same run again to the same epoch and moves the kept epoch back", async () => {
  const { page, context, problems } = await site.open("stopping");
  for (let k = 0; k < 8; k++) await page.click("#es-hundred");
  assert.equal(await page.textContent("#es-epoch"), "800");
  const bestBefore = Number(await page.textContent("#es-best-epoch"));
  const validation = await page.textContent("#es-validation");
  await page.selectOption("#es-min-delta", "0.01");
  // Trained again a slice a frame, to the same epoch.
  await page.waitForFunction(() => document.getElementById("es-epoch").textContent === "800" && !document.getElementById("es-one").disabled);
  assert.equal(await page.textContent("#es-validation"), validation, "training itself is the same");
  const bestAfter = Number(await page.textContent("#es-best-epoch"));
  assert.ok(bestAfter <= bestBefore, `small drops no longer count: best epoch ${bestAfter}, was ${bestBefore}`);
  assert.match(await page.textContent("#es-status"), /0\.01/);
  // The kept epoch is then the best by that rule, not the lowest, and the page says which.
  assert.equal(await page.textContent("#es-best-name"), "Best validation error (a drop counts only when it is more than 0.01)");
  await page.waitForFunction(() => location.hash.includes("delta=0.01"));
  await page.selectOption("#es-min-delta", "0");
  await page.waitForFunction(() => document.getElementById("es-best-name").textContent === "Lowest validation error");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a patience of one stops at the first epoch without improvement, and says so in the singular", async () => {
  const { page, context, problems } = await site.open("stopping");
  await page.check("#es-stop-early");
  await page.fill("#es-patience", "1");
  await page.press("#es-patience", "Enter");
  await page.click("#es-play");
  await page.waitForFunction(() => document.getElementById("es-play").getAttribute("aria-pressed") === "false", null, {
    timeout: 20_000,
  });
  assert.equal(await shownNumber(page, "#es-wait"), 1);
  assert.equal(await page.textContent("#es-wait-unit"), "epoch");
  assert.equal((await epoch(page)) - (await shownNumber(page, "#es-best-epoch")), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

// Issue 19, item 8, in this lab: "100 epochs" disabled under the key press that stopped the run hands the
// focus along its row, not to the page's body.
test("a run that stops under the keyboard keeps the focus in the row", async () => {
  const { page, context, problems } = await site.open("stopping");
  await page.check("#es-stop-early");
  await page.fill("#es-patience", "20");
  await page.press("#es-patience", "Enter");
  await page.focus("#es-hundred");
  for (let k = 0; k < 200 && !(await page.isDisabled("#es-hundred")); k++) await page.keyboard.press("Enter");
  assert.equal(await page.isDisabled("#es-hundred"), true, "the run stopped early");
  await page.waitForFunction(() => document.activeElement !== document.body);
  const focused = await page.evaluate(() => document.activeElement.id);
  assert.ok(["es-speed", "es-reset"].includes(focused), `focus on ${focused}`);
  assert.deepEqual(problems, []);
  await context.close();
});
