// End-to-end: the gradient-descent lab. Slides η across the three regimes and checks the words and the
// step values the page shows against the closed form w_{k+1} = w* + (1 − 2ηm)(w_k − w*).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startSite, shownNumber, assertSig4, shots, framesSpanning } from "./harness.mjs";

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

// The default data: six points on z = 2x at x = 0.25, 0.5, …, 1.5.
const XS = [0.25, 0.5, 0.75, 1, 1.25, 1.5];
const M = XS.reduce((s, x) => s + x * x, 0) / XS.length;

/** The first `steps` values of w from w₀ = 0 toward w* = 2. */
function closedForm(eta, steps) {
  const r = 1 - 2 * eta * M;
  const ws = [0];
  for (let k = 0; k < steps; k++) ws.push(2 + r * (ws[k] - 2));
  return ws;
}

/** Moves the slider near η and returns the η it landed on (the slider moves in steps of log₁₀ η). */
async function setRate(page, eta) {
  await page.locator("#gd-rate").fill(String(Math.log10(eta)));
  return Number(await page.inputValue("#gd-rate-number"));
}

async function stepsShown(page, count) {
  const ws = [await shownNumber(page, "#gd-w")];
  for (let k = 0; k < count; k++) {
    await page.click("#gd-step");
    ws.push(await shownNumber(page, "#gd-w"));
  }
  return ws;
}

test("sliding η shows smooth convergence, overshoot and divergence, with the right steps", async () => {
  const { page, context, problems } = await site.open("descent");
  assert.equal(await page.isVisible("#descent-lab"), true);
  assert.equal(await page.isVisible("#two-neuron-lab"), false);

  // The default η = 0.4: smooth, about four visible steps to w ≈ 2.
  assert.match(await page.textContent("#gd-regime"), /^Smooth convergence: η = 0\.4000 is below 1\/\(2m\) = 0\.5275/);
  // The slider moves in log₁₀ η, and tells a screen reader η itself.
  assert.equal(await page.getAttribute("#gd-rate", "aria-valuetext"), "η = 0.4000");
  const smooth = await stepsShown(page, 4);
  closedForm(0.4, 4).forEach((w, k) => assertSig4(smooth[k] + 1, w + 1, `w${k} at η = 0.4`));
  assert.ok(Math.abs(smooth[4] - 2) < 0.01, `w after four steps is ${smooth[4]}`);
  assert.ok(smooth.every((w) => w <= 2), "smooth steps never cross the minimum");
  assert.equal(await page.textContent("#gd-line"), `ẑ = ${smooth[4].toFixed(3)}·x`);
  // The batch-size race: one line a batch size, each ending below J(w₀) on this exact line.
  const race = await page.locator("#gd-race-summary li").allTextContents();
  assert.equal(race.length, 3);
  assert.match(race[0], /^batch \(6 per step\): J = /);
  // Batch descent is gradient descent itself: after its 12 updates J is the closed form's
  // m·(1 − 2ηm)^24·(w₀ − w*)², with w₀ = 0 and w* = 2 (every point is on z = 2x, so J's minimum is 0).
  const [, batchJ, epochs, updates] = race[0].match(/J = (\S+) after (\S+) epochs, (\d+) updates/);
  assert.equal(Number(updates), 12);
  assert.equal(Number(epochs), 12);
  assertSig4(Number(batchJ), M * (1 - 2 * 0.4 * M) ** 24 * 4, "the batch run's J after 12 updates");
  assert.match(race[2], /^stochastic \(1 per step\): J = .* 72 updates$/);
  assert.match(await page.textContent("#gd-update"), /w ← w − η·dJ\/dw = 1\.99\d+ − 0\.4000 × /);
  await page.screenshot({ path: path.join(shots, "descent-smooth.png"), fullPage: true });

  // Overshoot: the path keeps its four steps and is recomputed with the new η.
  const eta = await setRate(page, 0.8);
  assert.ok(Math.abs(eta - 0.8) < 0.01, `the slider landed on η = ${eta}`);
  assert.match(await page.textContent("#gd-regime"), /^Overshoot: η = 0\.80\d\d is between 1\/\(2m\) = 0\.5275 and 1\/m = 1\.055/);
  assert.equal(await page.textContent("#gd-iteration"), "4");
  await page.click("#gd-reset");
  const overshoot = await stepsShown(page, 4);
  closedForm(eta, 4).forEach((w, k) => assertSig4(overshoot[k] + 1, w + 1, `w${k} at η = ${eta}`));
  assert.ok(overshoot[1] > 2 && overshoot[2] < 2, "each step crosses the minimum");
  assert.ok(Math.abs(overshoot[4] - 2) < Math.abs(overshoot[1] - 2), "and the crossings shrink");
  await page.screenshot({ path: path.join(shots, "descent-overshoot.png"), fullPage: true });

  // Divergence.
  const fast = await setRate(page, 2);
  assert.match(await page.textContent("#gd-regime"), /^Divergence: η = [12]\.\d{3} is above 1\/m = 1\.055/);
  await page.click("#gd-reset");
  const away = await stepsShown(page, 6);
  closedForm(fast, 6).forEach((w, k) => assertSig4(away[k] + 1, w + 1, `w${k} at η = ${fast}`));
  for (let k = 2; k < away.length; k++) assert.ok(Math.abs(away[k] - 2) > Math.abs(away[k - 1] - 2), "each jump lands farther out");
  assert.doesNotMatch(await page.textContent("#descent-lab"), /NaN|undefined|Infinity/);
  await page.screenshot({ path: path.join(shots, "descent-divergence.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the course's two points bounce forever at η = 0.4 = 1/m", async () => {
  const { page, context } = await site.open("descent");
  await page.selectOption("#gd-preset", "seed_points");
  assert.match(await page.textContent("#gd-regime"), /^Bouncing forever: η = 0\.4000 is exactly 1\/m/);
  assert.deepEqual(await stepsShown(page, 4), [0, 4, 0, 4, 0]);
  await context.close();
});

test("a diverging run stops and says so within a few steps, never shows NaN, and Reset recovers", async () => {
  const { page, context } = await site.open("descent");
  await page.fill("#gd-rate-number", "100000");
  await page.press("#gd-rate-number", "Enter");
  assert.match(await page.textContent("#gd-regime"), /^Divergence/);
  let steps = 0;
  for (; steps < 200 && !(await page.isDisabled("#gd-step")); steps++) await page.click("#gd-step");
  assert.ok(steps <= 3, `stopped after ${steps} clicks`);
  assert.equal(await page.isDisabled("#gd-step"), true, "stepping stops once the run has diverged");
  assert.match(await page.textContent("#gd-message"), /^Diverged at step \d+: J grew from 3\.792 to \S+, over a trillion times its start/);
  assert.doesNotMatch(await page.textContent("#descent-lab"), /NaN|undefined/);
  await page.click("#gd-reset");
  assert.equal(await page.textContent("#gd-iteration"), "0");
  assert.equal(await page.isHidden("#gd-message"), true);
  await context.close();
});

test("points can be typed, and bad text is refused with the line at fault", async () => {
  const { page, context } = await site.open("descent");
  await page.fill("#gd-points", "1, 3\n2, six");
  await page.click("#gd-points-apply");
  assert.match(await page.textContent("#gd-points-refused"), /Line 2: “six” is not a number/);
  assert.equal(await page.inputValue("#gd-points"), "1, 3\n2, six", "the refused text stays in the box to be mended");
  await page.fill("#gd-points", "1, 3\n2, 6");
  await page.click("#gd-points-apply");
  // m = (1 + 4)/2 = 2.5, w* = 3
  assertSig4(await shownNumber(page, "#gd-m"), 2.5, "m");
  assert.match(await page.textContent("#gd-minimum"), /w\* = 3\.000/);
  await context.close();
});

test("a CSV file from a spreadsheet loads its points; a bad one is refused by name and loses nothing", async () => {
  const { page, context } = await site.open("descent");
  const file = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  // Column names, quotes, Windows line ends and decimal commas, as spreadsheets save them.
  await page.setInputFiles("#gd-points-file", file("houses.csv", 'x;z\r\n"1";"3"\r\n2;6\r\n0,5;1,5\r\n'));
  // The page reads the file asynchronously.
  await page.waitForFunction(() => document.getElementById("gd-points").value.startsWith("1, 3"));
  assert.equal(await page.isHidden("#gd-message"), true);
  assert.equal(await page.textContent("#gd-points-done"), "Using 3 points from “houses.csv”.");
  // m = (1 + 4 + 0.25)/3 = 1.75, and every point is on z = 3x
  assertSig4(await shownNumber(page, "#gd-m"), 1.75, "m");
  assert.match(await page.textContent("#gd-minimum"), /w\* = 3\.000/);
  assert.equal(await page.inputValue("#gd-points"), "1, 3\n2, 6\n0.5, 1.5");

  await page.setInputFiles("#gd-points-file", file("broken.csv", "x,z\n1,2\n2,4,8\n"));
  await page.waitForFunction(() => document.getElementById("gd-points-refused").textContent !== "");
  const message = await page.textContent("#gd-points-refused");
  assert.match(message, /“broken\.csv” was not used/);
  assert.match(message, /Line 3: expected two numbers/);
  assert.equal(await page.inputValue("#gd-points"), "x,z\n1,2\n2,4,8\n", "the file's text is there to mend");
  assertSig4(await shownNumber(page, "#gd-m"), 1.75, "the points in use are unchanged");
  await context.close();
});

// Issue 19, item 3: a refusal is said beside the control that caused it, read out at once, and the box and
// the plots tell the same story; a success says what was loaded.
test("a refused file or text is said beside its control, and the box and the plots agree", async () => {
  const { page, context, problems } = await site.open("descent");
  const file = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  const inUse = await page.inputValue("#gd-points");
  const m = await shownNumber(page, "#gd-m");
  await page.locator("#gd-points-file").scrollIntoViewIfNeeded();
  await page.setInputFiles("#gd-points-file", file("data.csv", "x,z\n1,2\n2,four\n3,6\n"));
  await page.waitForFunction(() => document.getElementById("gd-points-refused").textContent !== "");
  const refusal = page.locator("#gd-points-refused");
  assert.equal(await refusal.getAttribute("role"), "alert", "read out at once");
  assert.match(await refusal.textContent(), /^“data\.csv” was not used\. Line 3: “four” is not a number/);
  assert.match(await refusal.textContent(), /The text in the box is not in use: the plots still show the 6 points in use\.$/);
  assert.equal(await page.isHidden("#gd-message"), true, "not in the banner far above");
  // Beside the file input, and on screen with it.
  const [input, said] = [await page.locator("#gd-points-file").boundingBox(), await refusal.boundingBox()];
  assert.ok(said.y - (input.y + input.height) < 60, `the refusal is ${said.y - input.y} px below the file input`);
  const viewport = page.viewportSize();
  assert.ok(said.y + said.height <= viewport.height && said.y >= 0, `the refusal is on screen: ${JSON.stringify(said)}`);
  assert.equal(await page.getAttribute("#gd-points", "aria-invalid"), "true");
  assert.equal(await shownNumber(page, "#gd-m"), m, "the plots keep the points in use");
  // Putting the points in use back makes the box and the plots one story again.
  await page.click("#gd-points-revert");
  assert.equal(await page.inputValue("#gd-points"), inUse);
  assert.equal(await refusal.textContent(), "");
  assert.equal(await page.getAttribute("#gd-points", "aria-invalid"), null);
  assert.equal(await page.isHidden("#gd-points-revert"), true);

  // "Use these points": the same, beside the button.
  await page.fill("#gd-points", "1, 2\n2, four");
  await page.click("#gd-points-apply");
  assert.match(await refusal.textContent(), /^These points were not used\. Line 2: “four” is not a number/);
  const button = await page.locator("#gd-points-apply").boundingBox();
  assert.ok((await refusal.boundingBox()).y - button.y < 120, "the refusal is beside the button");
  // A success says what is in use, and the refusal goes.
  await page.fill("#gd-points", "1, 2\n2, 4\n3, 6");
  await page.click("#gd-points-apply");
  assert.equal(await page.textContent("#gd-points-done"), "Using 3 points from the box.");
  assert.equal(await refusal.textContent(), "");
  assert.equal(await page.getAttribute("#gd-points", "aria-invalid"), null);
  await page.setInputFiles("#gd-points-file", file("six.csv", "x,z\n1,2\n2,4\n3,6\n4,8\n5,10\n6,12\n"));
  await page.waitForFunction(() => document.getElementById("gd-points-done").textContent.includes("six.csv"));
  assert.equal(await page.textContent("#gd-points-done"), "Using 6 points from “six.csv”.");
  assert.equal(await page.inputValue("#gd-points"), "1, 2\n2, 4\n3, 6\n4, 8\n5, 10\n6, 12");
  // Points changed another way (a preset): the note about the file no longer holds, and goes.
  await page.selectOption("#gd-preset", "noisy_line");
  assert.equal(await page.textContent("#gd-points-done"), "");
  assert.deepEqual(problems, []);
  await context.close();
});

test("with a bias, standardising x turns a narrow valley round", async () => {
  const { page, context } = await site.open("descent");
  await page.selectOption("#gd-preset", "far_from_zero");
  assert.equal(await page.isChecked('input[name="gd-model"][value="slope_and_intercept"]'), true);
  assert.equal(await page.isVisible("#gd-contour-canvas"), true);
  const narrow = await shownNumber(page, "#gd-condition");
  assert.ok(narrow > 100, `condition number without scaling is ${narrow}`);
  await page.check("#gd-standardize");
  assertSig4(await shownNumber(page, "#gd-condition"), 1, "condition number with scaling");
  // Fitting on x′, the numbers are w′ and b′ (the line drawn in x has its own w and b), and every name says so.
  assert.equal(await page.textContent("#gd-w-name"), "w′");
  assert.equal(await page.textContent("#gd-gradient-b-name"), "dJ/db′");
  assert.match(await page.textContent("#gd-minimum"), /^w′\* = [0-9.]+, b′\* = [0-9.]+, where J = /);
  assert.match(await page.textContent("#gd-update"), /^w′ ← w′ − η·dJ\/dw′ = .*;  b′ ← b′ − η·dJ\/db′ = /);
  await page.uncheck("#gd-standardize");
  assert.equal(await page.textContent("#gd-w-name"), "w");
  assert.match(await page.textContent("#gd-minimum"), /^w\* = /);
  await page.screenshot({ path: path.join(shots, "descent-scaled.png"), fullPage: true });
  await context.close();
});

test("dragging a point on the plot moves it", async () => {
  const { page, context } = await site.open("descent");
  const before = await page.inputValue("#gd-points");
  const box = await page.locator("#gd-data-canvas").boundingBox();
  // Where the last point, (1.5, 3), is drawn, in CSS pixels of the canvas.
  const [x, y] = await page.evaluate(() => window.backpropLab.descent.point_on_screen(5));
  await page.mouse.move(box.x + x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + x, box.y + y + 40, { steps: 4 });
  await page.mouse.up();
  const after = await page.inputValue("#gd-points");
  assert.notEqual(after, before);
  const moved = after.trim().split("\n")[5].split(",").map(Number);
  assert.ok(Math.abs(moved[0] - 1.5) < 0.02 && moved[1] < 2.8, `the point moved to ${moved}`);
  // The fit follows the data: w* = Σxz/Σx² is now below 2.
  assert.match(await page.textContent("#gd-minimum"), /w\* = 1\.\d{3},/);
  await context.close();
});

test("on a phone, a swipe across the plot scrolls the page, and a finger on a point drags the point", async () => {
  const { page, context } = await site.open("descent", { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const cdp = await context.newCDPSession(page);
  // Scrolls that end fire `scrollend`; the page counts them here, so a test can wait for one.
  await page.evaluate(() => {
    window.scrollEnds = 0;
    addEventListener("scrollend", () => (window.scrollEnds += 1));
  });
  // Each touch event carries its own time, so the swipe is the same gesture however loaded the machine is:
  // six moves 16 ms apart, then the finger held still for 150 ms (a swipe lifted while moving would fling
  // the page on), then lifted.
  const swipe = async (from, to) => {
    const point = ([x, y]) => [{ x, y }];
    let time = Date.now() / 1000;
    const touch = (type, touchPoints) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints, timestamp: time });
    const ends = await page.evaluate(() => window.scrollEnds);
    await touch("touchStart", point(from));
    for (let k = 1; k <= 6; k++) {
      time += 0.016;
      await touch("touchMove", point([from[0] + ((to[0] - from[0]) * k) / 6, from[1] + ((to[1] - from[1]) * k) / 6]));
    }
    for (let k = 0; k < 5; k++) {
      time += 0.03;
      await touch("touchMove", point(to));
    }
    await touch("touchEnd", []);
    return ends;
  };
  // Until a scroll that began after `ends` scroll ends had been counted has ended too.
  const scrollEnded = (ends) => page.waitForFunction((ends) => window.scrollEnds > ends, ends);
  await page.locator("#gd-data-canvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#gd-data-canvas").boundingBox();
  // An empty part of the plot (upper left, above the line and the points): the page scrolls.
  const scrolled = await page.evaluate(() => scrollY);
  await scrollEnded(await swipe([box.x + box.width * 0.3, box.y + box.height * 0.5], [box.x + box.width * 0.3, box.y + box.height * 0.1]));
  assert.ok((await page.evaluate(() => scrollY)) > scrolled + 50, "the swipe scrolled the page");
  // A finger on the last point drags it, and the page stays put.
  // (An instant scroll: scrollY moves at once, and scrollend follows if it moved at all.)
  const [centred, moved] = await page.evaluate(() => {
    const [ends, from] = [window.scrollEnds, scrollY];
    document.getElementById("gd-data-canvas").scrollIntoView({ block: "center", behavior: "instant" });
    return [ends, scrollY !== from];
  });
  if (moved) await scrollEnded(centred);
  const before = await page.inputValue("#gd-points");
  const still = await page.evaluate(() => scrollY);
  const again = await page.locator("#gd-data-canvas").boundingBox();
  const [x, y] = await page.evaluate(() => window.backpropLab.descent.point_on_screen(5));
  const ends = await swipe([again.x + x, again.y + y], [again.x + x, again.y + y + 40]);
  // The drag has moved the point once its text changes; frames after that are where a scroll would show.
  await page.waitForFunction((before) => document.getElementById("gd-points").value !== before, before);
  await framesSpanning(page, 100, 5);
  assert.equal(await page.evaluate(() => scrollY), still, "the page did not scroll");
  assert.equal(await page.evaluate(() => window.scrollEnds), ends, "no scroll began or ended");
  await context.close();
});

test("dragging a point past the plot's edge leaves it at the edge, and the axes stay put", async () => {
  const { page, context, problems } = await site.open("descent");
  const box = await page.locator("#gd-data-canvas").boundingBox();
  const [x, y] = await page.evaluate(() => window.backpropLab.descent.point_on_screen(5));
  await page.mouse.move(box.x + x, box.y + y);
  await page.mouse.down();
  // Far up and to the right, well outside the canvas, in many small moves.
  await page.mouse.move(box.x + box.width + 300, box.y - 300, { steps: 30 });
  await page.mouse.up();
  const moved = (await page.inputValue("#gd-points")).trim().split("\n")[5].split(",").map(Number);
  // The plot showed x up to 2 and z up to about 3.3 when the drag began; the point stops there.
  assert.ok(moved[0] <= 2.01 && moved[1] <= 3.6, `the point stayed on the plot: ${moved}`);
  assert.ok(moved[0] > 1.9 && moved[1] > 3.0, `and went to its corner: ${moved}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a link opens a lab with its settings, and the address follows the lesson", async () => {
  const { page, context, problems } = await site.open("descent?eta=0.8&data=seed_points&steps=2");
  assert.equal(await page.isVisible("#descent-lab"), true);
  // m = 2.5, so η = 0.8 is past 1/m = 0.4: w goes 0 → 8 → −16.
  assert.match(await page.textContent("#gd-regime"), /^Divergence: η = 0\.8000 is above 1\/m = 0\.4000/);
  assert.equal(await page.textContent("#gd-iteration"), "2");
  assert.equal(await shownNumber(page, "#gd-w"), -16);
  await page.click("#gd-step");
  // The address follows within a moment (it is written a few times a second at most).
  await page.waitForFunction(() => location.hash.endsWith("steps=3"));
  assert.match(await page.evaluate(() => location.hash), /^#descent\?eta=0\.8&.*data=seed_points&steps=3$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the tab list moves by arrows, Home and End", async () => {
  const { page, context } = await site.open("descent");
  await page.focus("#tab-descent");
  await page.keyboard.press("End");
  assert.equal(await page.isVisible("#data-lab"), true);
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.isVisible("#two-neuron-lab"), true, "the arrows wrap around");
  await page.keyboard.press("End");
  await page.keyboard.press("Home");
  assert.equal(await page.isVisible("#two-neuron-lab"), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-two-neuron");
  await context.close();
});

test("a malformed link is refused with a reason, and the lab opens as usual", async () => {
  const { page, context } = await site.open("vanishing?depth=99&act=sigmoid");
  assert.match(await page.textContent("#error-banner"), /refused: The depth must be between 1 and 20/);
  assert.equal(await page.locator("#va-table tbody tr").count(), 8);
  // The address keeps the refused link, to be mended there, and the message can be put away: once no write
  // of the address is waiting (app.js marks one), it is still the link.
  await page.waitForFunction(() => document.body.dataset.linkPending !== "true");
  assert.equal(await page.evaluate(() => location.hash), "#vanishing?depth=99&act=sigmoid");
  await page.click("#error-banner .dismiss");
  assert.equal(await page.isHidden("#error-banner"), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-vanishing", "focus stays in the lab");
  await context.close();
  const second = await site.open("two-neuron?w1=abc");
  assert.match(await second.page.textContent("#error-banner"), /w1: “abc” is not a number/);
  // The message is about this lab's link: it goes when another lab is opened.
  await second.page.click("#tab-descent");
  assert.equal(await second.page.isHidden("#error-banner"), true);
  // A bad link pasted into a lab already open leaves it as it was, and says so.
  await second.page.click("#gd-step");
  await second.page.evaluate(() => (location.hash = "descent?eta=abc"));
  assert.match(await second.page.textContent("#error-banner"), /eta: “abc” is not a number\. The lab is as it was\./);
  assert.equal(await second.page.textContent("#gd-iteration"), "1", "the step taken is still there");
  await second.context.close();
});

// J's curvature is c here: λ is the early-stopping lab's weight decay, and one letter should not name both.
test("the page says what c is wherever the marks 1/c and 2/c appear", async () => {
  const { page, context, problems } = await site.open("descent");
  // Without the bias the marks are 1/(2m) and 1/m, and the page says where they come from.
  assert.match(await page.textContent("#gd-curvature"), /^Where the marks come from: .* J″\(w\) = 2m = 1\.896/);
  assert.doesNotMatch(await page.textContent("#gd-curvature"), /\bc\b/);

  await page.check('input[name="gd-model"][value="slope_and_intercept"]');
  assert.match(await page.textContent("#gd-regime"), /1\/c = /);
  const said = await page.textContent("#gd-curvature");
  assert.match(said, /^What c is: not a setting, and not a second learning rate\. c = /);
  assert.match(said, /largest eigenvalue of the matrix of J's second derivatives/);
  assert.match(said, /\(1 − c·η\), so steps start to cross the minimum once η is above 1\/c, and they grow once η is above 2\/c/);
  // c is the largest eigenvalue of 2·[[mean x², mean x], [mean x, 1]] for the six points on z = 2x.
  const mx = XS.reduce((s, x) => s + x, 0) / XS.length;
  const c = M + 1 + Math.sqrt(((M - 1) / 2) ** 2 * 4 + 4 * mx * mx);
  const shown = Number(said.match(/c = ([0-9.]+) is how sharply/)[1]);
  assertSig4(shown, c, "c");
  // The marks on the slider are 1/c and 2/c of that c.
  const overshoot = Number((await page.textContent("#gd-mark-overshoot")).match(/1\/c =\s*([0-9.]+)/)[1]);
  const diverge = Number((await page.textContent("#gd-mark-diverge")).match(/2\/c =\s*([0-9.]+)/)[1]);
  assertSig4(overshoot, 1 / c, "1/c");
  assertSig4(diverge, 2 / c, "2/c");
  // λ is left to the early-stopping lab's weight decay: nowhere in this lab, shown or not.
  assert.doesNotMatch(await page.textContent("#descent-lab"), /λ/);
  assert.match(await page.textContent("#stopping-lab"), /weight decay λ/);

  // Standardised, c belongs to x′; for a round bowl it is 2.
  await page.check("#gd-standardize");
  assert.match(await page.textContent("#gd-curvature"), /c = 2\.000 is .* only on the x′ \(the standardised x\) values/);
  await page.locator("#descent-lab .rate").screenshot({ path: path.join(shots, "descent-curvature.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

/** Where the distance chart's vermillion (the run's line and dots) is: how many pixels, and the x of the
 *  highest one as a fraction of the width (the legend's sample sits at the bottom, so it is never highest);
 *  and a checksum of the whole canvas, to tell a redraw. */
async function distanceInk(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById("gd-distance-canvas");
    const { width, height } = canvas;
    const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
    let count = 0;
    let highest = null;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum = (sum * 31 + data[i] + data[i + 1] + data[i + 2]) % 1000000007;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = 4 * (y * width + x);
        if (Math.abs(data[i] - 213) < 16 && Math.abs(data[i + 1] - 94) < 16 && data[i + 2] < 24) {
          count += 1;
          if (highest === null) highest = x / width;
        }
      }
    }
    return { count, highest, sum };
  });
}

// Issue 19: at η = 3 every step after the first is pinned to the cost curve's top edge, "(off the chart)". The
// distance to the minimum, on a log scale, shows the run climbing, and the text gives each step's factor.
test("at η = 3 the distance chart shows the run climbing, and the text gives each step's factor", async () => {
  const { page, context, problems } = await site.open("descent?eta=3&steps=4");
  assert.equal(await page.textContent("#gd-iteration"), "4");
  assert.match(await page.textContent("#descent-lab"), /off the chart|Divergence/);
  const said = await page.textContent("#gd-distance");
  const [, shown] = said.match(/by \|1 − 2m·η\| = \|1\u00a0−\u00a01\.896\u00a0×\u00a03\.000\| = ([0-9.]+): the distance grows/) ?? [];
  assert.ok(shown, said);
  assertSig4(Number(shown), Math.abs(1 - 2 * M * 3), "|1 − 2m·η| at η = 3");
  let ink = await distanceInk(page);
  assert.ok(ink.count > 300, `the chart drew ${ink.count} pixels of the run`);
  assert.ok(ink.highest > 0.6, `a diverging run is highest at its right end (${ink.highest})`);
  // A step redraws it.
  const before = ink.sum;
  await page.click("#gd-step");
  assert.equal(await page.textContent("#gd-iteration"), "5");
  ink = await distanceInk(page);
  assert.ok(ink.count > 300 && ink.highest > 0.6, JSON.stringify(ink));
  assert.notEqual(ink.sum, before, "the step is drawn");
  await page.locator("#gd-distance-canvas").screenshot({ path: path.join(shots, "descent-distance-diverging.png") });

  // Overshooting but converging, η = 0.8: the zigzag's later steps sit on the cost curve's floor; here the
  // run falls from the left, by the factor the text gives.
  await page.evaluate(() => (location.hash = "descent?eta=0.8&steps=6"));
  await page.waitForFunction(() => document.getElementById("gd-iteration").textContent === "6");
  const converging = await page.textContent("#gd-distance");
  const [, factor] = converging.match(/= ([0-9.]+): the distance shrinks to \1 of itself each step/) ?? [];
  assert.ok(factor, converging);
  assertSig4(Number(factor), Math.abs(1 - 2 * M * 0.8), "|1 − 2m·η| at η = 0.8");
  ink = await distanceInk(page);
  assert.ok(ink.count > 300 && ink.highest < 0.3, JSON.stringify(ink));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the optimizer race lists gradient descent, momentum, RMSprop and Adam from one start", async () => {
  const { page, context, problems } = await site.open("descent");
  const items = page.locator("#gd-optimizers-summary li");
  assert.equal(await items.count(), 4);
  const texts = await items.allTextContents();
  assert.match(texts[0], /^gradient descent: J = [0-9.e-]+ after 40 updates/);
  // On the points of z = 2x from w = 0, each update multiplies w − 2 by r = 1 − 2ηm, so after 40 updates
  // J = m·(2r⁴⁰)², with m = mean(x²) = 5.6875/6 and η = 0.4.
  const m = 5.6875 / 6;
  const r = 1 - 2 * 0.4 * m;
  assertSig4(Number(texts[0].match(/J = ([0-9.e-]+)/)[1]), m * (2 * r ** 40) ** 2, "gradient descent's J after 40 updates");
  assert.match(texts[1], /^momentum \(μ = 0\.9\): J = /);
  assert.match(texts[2], /^RMSprop \(α = 0\.99\): J = /);
  assert.match(texts[3], /^Adam \(β₁ = 0\.9, β₂ = 0\.999\): J = /);
  // With a bias, momentum swings past a lower J than where it ends, and says so; no line names a lowest that
  // reads the same as its end.
  await page.check('input[name="gd-model"][value="slope_and_intercept"]');
  const withBias = await items.allTextContents();
  assert.ok(withBias.some((t) => /lowest on the way/.test(t)), withBias.join("\n"));
  for (const t of withBias) {
    const [, end, lowest] = t.match(/J = (\S+) after .*?(?:lowest on the way (\S+)\))?$/) || [];
    assert.ok(lowest === undefined || lowest !== end, t);
  }
  await page.check('input[name="gd-model"][value="slope"]');
  // Diverging without overflowing yet, and overflowing: the list says which.
  await page.fill("#gd-rate-number", "3");
  await page.press("#gd-rate-number", "Enter");
  assert.match(await items.first().textContent(), /^gradient descent: diverging — J grew from 3\.792 to [0-9.e]+ after 40 updates/);
  // The batch-size race says so too, rather than a bare J of 1e16.
  assert.match(await page.locator("#gd-race-summary li").first().textContent(), /^batch \(6 per step\): diverging — J grew from 3\.792 to [0-9.e]+ after 12 epochs, 12 updates$/);
  await page.fill("#gd-rate-number", "100000");
  await page.press("#gd-rate-number", "Enter");
  assert.match(await items.first().textContent(), /^gradient descent: ran away — J overflowed at update \d+/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("with x far from zero both slider marks sit at the left end, and one label names both lines", async () => {
  // x ≈ 21: m = mean(x²) ≈ 441, so 1/(2m) ≈ 0.00113 and 1/m ≈ 0.00226, near the slider's 0.001 end.
  for (const width of [390, 1280]) {
    const { page, context, problems } = await site.open("descent?points=20:40;21:42;22:44", {
      viewport: { width, height: 900 },
    });
    assert.equal((await page.textContent("#gd-mark-overshoot")).trim(), "");
    const label = await page.textContent("#gd-mark-diverge");
    assert.match(label, /^left line: 1\/\(2m\) = 0\.001132;\s*right line: 1\/m = 0\.002264$/);
    // The label stays inside the panel.
    const track = await page.locator("#descent-lab .rate").boundingBox();
    const box = await page.locator("#gd-mark-diverge").boundingBox();
    assert.ok(box.x >= track.x && box.x + box.width <= track.x + track.width, `${width} px: ${JSON.stringify(box)}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("with one point per step, the lens names the point and its slope is the step's gradient", async () => {
  const { page, context, problems } = await site.open("descent");
  await page.selectOption("#gd-preset", "noisy_line");
  assert.equal(await page.isVisible("#gd-batch-lens"), false);
  await page.selectOption("#gd-batch", "1");
  const lens = await page.textContent("#gd-batch-lens");
  const [, point, slope] = lens.match(
    /^This step learns from point (\d+) \(of 20; step 1 of 20 in epoch 1, in a shuffled order\), ringed on the data\. .* its own slope dEᵢ\/dw is (\S+), and that is the step's g\. Over all the points, J's slope here is \S+\.$/,
  );
  assert.equal(await page.textContent("#gd-gradient"), slope, "the status's dJ/dw is that one point's slope");
  await page.click("#gd-step");
  const next = await page.textContent("#gd-batch-lens");
  assert.match(next, /step 2 of 20 in epoch 1/);
  assert.doesNotMatch(next, new RegExp(`point ${point} \\(of`), "the next step learns from another point");
  await page.waitForFunction(() => location.hash.includes("batch=1"));
  await page.locator("#descent-lab .panels").screenshot({ path: path.join(shots, "descent-stochastic.png") });
  await page.selectOption("#gd-batch", "0");
  assert.equal(await page.isVisible("#gd-batch-lens"), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("numbers are read as people type them: the typographic minus and a decimal comma", async () => {
  const { page, context, problems } = await site.open("descent");
  await page.fill("#gd-w0", "−1,5");
  await page.press("#gd-w0", "Enter");
  assert.equal(await page.isHidden("#gd-message"), true);
  assert.equal(await page.textContent("#gd-w"), "-1.500");
  await page.fill("#gd-rate-number", "0,25");
  await page.press("#gd-rate-number", "Enter");
  assert.equal(await page.textContent("#gd-rate-value"), "0.2500");
  assert.equal(await page.textContent("#gd-rate-error"), "");
  // "1,000" could be a thousand or one: refused, not guessed.
  await page.fill("#gd-rate-number", "1,000");
  await page.press("#gd-rate-number", "Enter");
  assert.match(await page.textContent("#gd-rate-error"), /Enter a number/);
  assert.equal(await page.textContent("#gd-rate-value"), "0.2500");
  // Empty is not zero.
  await page.fill("#gd-w0", "");
  await page.press("#gd-w0", "Enter");
  assert.match(await page.textContent("#gd-start-refused"), /must be numbers/);
  assert.equal(await page.getAttribute("#gd-w0", "aria-invalid"), "true");
  assert.equal(await page.textContent("#gd-w"), "-1.500", "the start stays as it was");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the η slider lands on two significant figures, and its arrow keys step through them", async () => {
  const { page, context, problems } = await site.open("descent");
  await page.locator("#gd-rate").fill(String(Math.log10(0.5) + 0.001));
  assert.equal(await page.inputValue("#gd-rate-number"), "0.5");
  await page.focus("#gd-rate");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.inputValue("#gd-rate-number"), "0.51");
  for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowLeft");
  assert.equal(await page.inputValue("#gd-rate-number"), "0.48");
  assert.equal(await page.getAttribute("#gd-rate", "aria-valuetext"), "η = 0.4800");
  // Across a decade: 1.0 steps down to 0.99, and up to 1.1.
  await page.fill("#gd-rate-number", "1");
  await page.press("#gd-rate-number", "Enter");
  await page.focus("#gd-rate");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.inputValue("#gd-rate-number"), "0.99");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.inputValue("#gd-rate-number"), "1.1");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a click on the track above a printed value or a mark sets η to that value, on a desktop and a phone", async () => {
  for (const width of [1280, 360]) {
    const { page, context, problems } = await site.open("descent", { viewport: { width, height: 800 } });
    const track = await page.locator("#gd-rate").boundingBox();
    const clickAbove = async (box) => {
      await page.mouse.click(box.x + box.width / 2, track.y + track.height / 2);
      return Number(await page.inputValue("#gd-rate-number"));
    };
    // A thumb on the value printed under it: within 0.02 of a decade, a few pixels of a 4-decade track.
    const near = (eta, value, what) =>
      assert.ok(Math.abs(Math.log10(eta) - Math.log10(value)) < 0.02, `${width} px: ${what}: η = ${eta}`);
    for (const label of await page.locator(".rate-ends span").all()) {
      const value = Number(await label.textContent());
      near(await clickAbove(await label.boundingBox()), value, `clicked above “${value}”`);
    }
    // The line that marks overshoot's start (1/(2m) = 0.5275 on the default points).
    const mark = await page.locator("#gd-mark-overshoot").boundingBox();
    const line = { x: mark.x + mark.width - 2, width: 2 };
    near(await clickAbove(line), 0.5275, "clicked on the overshoot mark's line");
    assert.match(await page.textContent("#gd-regime"), /^(Smooth convergence|Overshoot)/);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("on a 1280×720 projector zoomed to 150%, the η slider and the cost curve fit on one screen", async () => {
  const { page, context, problems } = await site.open("descent", { viewport: { width: 853, height: 480 } });
  const slider = await page.locator("#gd-rate").boundingBox();
  const cost = await page.locator("#gd-cost-canvas").boundingBox();
  const span = cost.y + cost.height - slider.y;
  assert.ok(span <= 480, `from the slider's top to the cost curve's bottom is ${span.toFixed(0)} px on a 480 px screen`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Step back, disabled at step 0 while focused, hands the focus to Step", async () => {
  const { page, context, problems } = await site.open("descent");
  await page.click("#gd-step");
  await page.focus("#gd-back");
  await page.keyboard.press("Enter");
  assert.equal(await page.textContent("#gd-iteration"), "0");
  await page.waitForFunction(() => document.activeElement.id === "gd-step");
  await page.keyboard.press("Enter");
  assert.equal(await page.textContent("#gd-iteration"), "1");
  assert.deepEqual(problems, []);
  await context.close();
});

// Issue 18: a touch screen has no double-click or right-click; the choices under the plot make a tap add or
// remove a point, and the arrow keys reach them.
test("on a touch screen, a tap adds a point or removes one, as the choice under the plot says", async () => {
  const { page, context, problems } = await site.open("descent", { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const count = async () => (await page.inputValue("#gd-points")).trim().split("\n").length;
  const before = await count();
  await page.locator("#gd-data-canvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#gd-data-canvas").boundingBox();
  // Move mode (the default): a tap on an empty part of the plot changes nothing.
  await page.tap("#gd-data-canvas", { position: { x: box.width * 0.3, y: box.height * 0.3 } });
  assert.equal(await count(), before);
  // Add: the same tap adds a point where the finger was.
  await page.tap('input[name="gd-tap"][value="add"]');
  // Where the tap lands in data units (to a pixel or two: a tap lands on a whole pixel), before the plot's
  // range follows the new point.
  const [ax, az] = await page.evaluate(([px, py]) => window.backpropLab.descent.data_at(px, py), [box.width * 0.3, box.height * 0.3]);
  await page.tap("#gd-data-canvas", { position: { x: box.width * 0.3, y: box.height * 0.3 } });
  await page.waitForFunction((n) => document.getElementById("gd-points").value.trim().split("\n").length === n + 1, before);
  const [x, z] = (await page.inputValue("#gd-points")).trim().split("\n").at(-1).split(",").map(Number);
  assert.ok(Math.abs(x - ax) < 0.05 && Math.abs(z - az) < 0.05, `the point went to (${x}, ${z}), the tap was at (${ax}, ${az})`);
  // Remove, chosen with the keyboard (arrow keys move along the radio buttons): a tap on a point removes it.
  await page.focus('input[name="gd-tap"][value="add"]');
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.isChecked('input[name="gd-tap"][value="remove"]'), true);
  const [px, py] = await page.evaluate((k) => window.backpropLab.descent.point_on_screen(k), before);
  await page.tap("#gd-data-canvas", { position: { x: px, y: py } });
  await page.waitForFunction((n) => document.getElementById("gd-points").value.trim().split("\n").length === n, before);
  assert.notEqual((await page.inputValue("#gd-points")).trim().split("\n").at(-1), `${x}, ${z}`, "the added point went");
  // A tap where no point is any longer removes nothing.
  await page.tap("#gd-data-canvas", { position: { x: px, y: py } });
  assert.equal(await count(), before);
  await page.screenshot({ path: path.join(shots, "descent-touch-modes.png") });
  assert.deepEqual(problems, []);
  await context.close();
});
