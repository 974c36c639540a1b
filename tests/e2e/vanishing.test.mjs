// End-to-end: the activations and vanishing-gradient lab. Switches activation, changes depth, and reads the
// per-layer values from the DOM.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startSite, shownNumber, assertSig4, shots } from "./harness.mjs";

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

const cell = (layer, key) => `#va-table tr[data-layer="${layer}"] td[data-value="${key}"]`;
const rows = (page) => page.locator("#va-table tbody tr").count();

test("the gradient shrinks layer by layer through sigmoids, and not through ReLUs", async () => {
  const { page, context, problems } = await site.open("vanishing");
  assert.equal(await rows(page), 8);
  const first = await shownNumber(page, cell(1, "gradient"));
  const last = await shownNumber(page, cell(8, "gradient"));
  assert.ok(last / first > 1000, `sigmoid: last ${last} vs first ${first}`);
  assert.match(await page.textContent("#va-summary"), /With sigmoid and 8 layers, the first layer's gradient .* times smaller/);
  assert.match(await page.textContent("#va-seed"), /∂E\/∂w₁ = 0\.001021 is 55\.87 times smaller than ∂E\/∂w₂ = 0\.05707/);
  // Of that, only the biases' 9.277 is the signal shrinking on its way back; the rest is x against a₁.
  assert.match(await page.textContent("#va-seed"), /∂E\/∂b₁ = 0\.01021 is 9\.277 times smaller than ∂E\/∂b₂ = 0\.09476.*x = 0\.1000 against a₁ = 0\.6023\.$/);

  // Each layer's signal is the layer above's times the factor w·f′(z) in its own row, whose f′(z) is the one
  // shown in that row; the output layer's signal comes from the error, so it has no factor.
  assert.equal((await page.textContent(cell(8, "factor"))).trim(), "—");
  for (let layer = 1; layer < 8; layer++) {
    const here = await shownNumber(page, cell(layer, "signal"));
    const above = await shownNumber(page, cell(layer + 1, "signal"));
    const factor = Number((await page.textContent(cell(layer, "factor"))).replace("×", "").trim());
    const slope = await shownNumber(page, cell(layer, "slope"));
    const weight = factor / slope;
    assert.ok(weight > 0.5 - 1e-3 && weight < 1.5 + 1e-3, `layer ${layer}: factor ${factor} ÷ its own f′ ${slope} is a chain weight`);
    // Both shown numbers are rounded to four figures, so their product agrees to about 1e-3.
    const expected = above * Math.abs(factor);
    assert.ok(Math.abs(here - expected) / expected < 2e-3, `signal at layer ${layer}: ${here} vs ${expected}`);
    assert.ok(Math.abs(factor) < 0.25 * 1.5, "a sigmoid factor is at most 0.25 times a weight below 1.5");
  }
  await page.screenshot({ path: path.join(shots, "vanishing-sigmoid.png"), fullPage: true });

  await page.check('input[name="va-activation"][value="relu"]');
  const reluFirst = await shownNumber(page, cell(1, "gradient"));
  const reluLast = await shownNumber(page, cell(8, "gradient"));
  assert.ok(reluLast / reluFirst < 10 && reluLast / reluFirst > 0.1, `ReLU keeps the gradient's size: ${reluFirst} … ${reluLast}`);

  // Deeper: more rows, and the sigmoid gap grows.
  await page.check('input[name="va-activation"][value="sigmoid"]');
  await page.fill("#va-depth", "12");
  await page.press("#va-depth", "Enter");
  assert.equal(await rows(page), 12);
  const deepGap = (await shownNumber(page, cell(12, "gradient"))) / (await shownNumber(page, cell(1, "gradient")));
  assert.ok(deepGap > (last / first) * 100, `12 layers: gap ${deepGap}`);
  assertSig4(await shownNumber(page, '#va-depth-table td[data-value="ratio-12"]'), deepGap, "the depth table agrees");

  // A wider stack has no single factor per layer, so the column is not shown.
  await page.selectOption("#va-width", "4");
  assert.equal(await page.isVisible(cell(2, "factor")), false);
  await page.selectOption("#va-width", "1");
  assert.equal(await page.isVisible(cell(2, "factor")), true);
  await page.fill("#va-depth", "25");
  await page.press("#va-depth", "Enter");
  // Said beside the field, read out at once, the field marked (issue 19, item 3); not under the activations.
  assert.match(await page.textContent("#va-depth-refused"), /between 1 and 20 layers/);
  assert.equal(await page.getAttribute("#va-depth-refused", "role"), "alert");
  assert.equal(await page.getAttribute("#va-depth", "aria-invalid"), "true");
  assert.equal(await page.isHidden("#va-message"), true);
  assert.equal(await rows(page), 12, "a refused depth changes nothing");
  await page.fill("#va-depth", "10");
  await page.press("#va-depth", "Enter");
  assert.equal(await page.textContent("#va-depth-refused"), "");
  assert.equal(await page.getAttribute("#va-depth", "aria-invalid"), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test("dying ReLU: exactly zero gradients, which leaky ReLU avoids", async () => {
  const { page, context } = await site.open("vanishing");
  await page.check('input[name="va-activation"][value="relu"]');
  await page.check("#va-dying");
  assert.equal((await page.textContent(cell(1, "gradient"))).trim(), "0 (ReLU off)");
  assert.equal((await page.textContent(cell(2, "gradient"))).trim(), "0 (ReLU off)");
  // Layer 3's own ReLU is on; its gradient is 0 because its input, the dead neuron's output, is 0.
  assert.equal((await page.textContent(cell(3, "slope"))).trim(), "1.000");
  assert.equal((await page.textContent(cell(3, "gradient"))).trim(), "0 (input is 0)");
  assert.match(await page.textContent("#va-zero-note"), /z ≤ 0, so its slope is 0/);
  assert.match(await page.textContent("#va-zero-note"), /that layer's input is 0/);
  // Each kind of 0 is explained once, under the name the table gives it.
  assert.match(await page.textContent("#va-zero-note"), /^“0 \(ReLU off\)” is exactly 0: .*“0 \(input is 0\)” is exactly 0: /);
  assert.equal((await page.textContent('#va-change-table tbody tr:first-child td[data-value="relu"]')).trim(), "0");
  // Every depth is in the depth table, each saying there is no ratio, and the note says why.
  assert.equal(await page.locator("#va-depth-table td").count(), 2 * 19);
  assert.equal((await page.textContent('#va-depth-table td[data-value="ratio-12"]')).trim(), "no ratio");
  assert.match(await page.textContent("#va-depth-note"), /“no ratio”: the first layer's gradient is exactly 0: a ReLU between that layer and the output has z ≤ 0/);
  await page.check('input[name="va-activation"][value="leaky_relu"]');
  assert.ok((await shownNumber(page, cell(1, "gradient"))) > 0, "leaky ReLU still passes a gradient");
  await page.screenshot({ path: path.join(shots, "vanishing-dying-relu.png"), fullPage: true });
  await context.close();
});

test("the activation gallery reads out f and f′, and softmax sums to 1", async () => {
  const { page, context } = await site.open("vanishing");
  assert.equal(await page.textContent("#va-df"), "0.2500", "sigmoid′(0) = 0.25");
  await page.locator("#va-z").fill("3");
  assertSig4(await shownNumber(page, "#va-df"), 0.04518, "sigmoid′(3)");
  await page.check('input[name="va-gallery"][value="leaky_relu"]');
  await page.locator("#va-z").fill("-2");
  assert.equal(await page.textContent("#va-df"), "0.01000");
  assert.equal(await page.textContent("#va-f"), "-0.02000");
  await page.fill("#va-scores", "1, 2, 3");
  await page.press("#va-scores", "Enter");
  assert.equal(await page.textContent("#va-probabilities"), "0.09003, 0.2447, 0.6652");
  assert.equal(await page.textContent("#va-sum"), "1.000");
  await page.fill("#va-scores", "1, two");
  await page.press("#va-scores", "Enter");
  // Said in the softmax panel, at the field, and no probabilities are shown for other scores.
  assert.match(await page.textContent("#va-softmax-message"), /“two” is not a number/);
  assert.equal(await page.getAttribute("#va-scores", "aria-invalid"), "true");
  assert.equal(await page.textContent("#va-probabilities"), "none while the input is refused");
  await page.fill("#va-temperature", "0");
  await page.press("#va-temperature", "Enter");
  assert.match(await page.textContent("#va-softmax-message"), /^The temperature must be between 0\.01 and 100\. “two” is not a number/);
  assert.equal(await page.getAttribute("#va-temperature", "aria-invalid"), "true");
  assert.equal(await page.getAttribute("#va-scores", "aria-invalid"), "true", "still refused");
  await context.close();
});

// Issue 19: scores "abc" refused, then a new temperature: the refusal stayed hidden and the bars showed 2, 1,
// 0.1 while the box said "abc". The temperature now goes with the typed scores and is refused for their reason,
// and the bars are not drawn for anything but what the fields say.
test("softmax never shows bars for scores other than the ones typed", async () => {
  const { page, context, problems } = await site.open("vanishing");
  const canvas = page.locator("#va-softmax-canvas");
  const bluePixels = () =>
    page.evaluate(() => {
      const c = document.getElementById("va-softmax-canvas");
      const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      // The bars' colour, Okabe–Ito blue (0, 114, 178).
      for (let i = 0; i < data.length; i += 4) if (data[i] < 40 && Math.abs(data[i + 1] - 114) < 30 && data[i + 2] > 150) n++;
      return n;
    });
  assert.equal(await page.textContent("#va-probabilities"), "0.6590, 0.2424, 0.09857");
  assert.ok((await bluePixels()) > 500, "the bars of 2, 1, 0.1");
  await page.fill("#va-scores", "abc");
  await page.press("#va-scores", "Enter");
  const reason = "“abc” is not a number.";
  assert.equal(await page.textContent("#va-softmax-message"), reason);
  await page.fill("#va-temperature", "2");
  await page.press("#va-temperature", "Enter");
  assert.equal(await page.textContent("#va-softmax-message"), reason, "refused with the same reason");
  assert.equal(await page.inputValue("#va-scores"), "abc");
  assert.equal(await page.getAttribute("#va-scores", "aria-invalid"), "true");
  assert.equal(await page.getAttribute("#va-temperature", "aria-invalid"), null, "the temperature itself is fine");
  assert.equal(await page.textContent("#va-probabilities"), "none while the input is refused");
  assert.equal(await page.textContent("#va-sum"), "—");
  assert.equal(await bluePixels(), 0, "no bars on the canvas");
  await canvas.screenshot({ path: path.join(shots, "vanishing-softmax-refused.png") });
  // Mended: the bars of the typed scores at the typed temperature.
  await page.fill("#va-scores", "1, 2, 3");
  await page.press("#va-scores", "Enter");
  assert.equal(await page.textContent("#va-softmax-message"), "");
  assert.equal(await page.getAttribute("#va-scores", "aria-invalid"), null);
  // softmax(1/2, 2/2, 3/2)
  assert.equal(await page.textContent("#va-probabilities"), "0.1863, 0.3072, 0.5065");
  assert.ok((await bluePixels()) > 500, "bars again");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a chain that cannot learn says so, and the training run that stops says when", async () => {
  const { page, context, problems } = await site.open("vanishing");
  // The default weights train every activation: nothing is stuck, and the rate shown is the one used.
  assert.equal((await page.textContent("#va-stuck")).trim(), "");
  assert.equal(await page.textContent("#va-train-rate"), "0.02");
  // A larger step kills the ReLU chain on its first step, and the page says so; leaky ReLU keeps crawling.
  await page.selectOption("#va-rate", "0.05");
  assert.equal(await page.textContent("#va-train-rate"), "0.05");
  assert.match(await page.textContent("#va-stuck"), /^ReLU stopped learning after step 1: that step pushed a ReLU's z below 0/);
  assert.match(await page.textContent("#va-stuck"), /Leaky ReLU is not stuck: below 0 its slope is 0\.01/);
  const [, from, to] = (await page.textContent("#va-stuck")).match(/from ([0-9.e-]+) after step 1 to ([0-9.e-]+) after step 299/);
  assert.ok(Number(to) < Number(from), `leaky creeps down: ${from} → ${to}`);
  assertSig4(await shownNumber(page, '#va-change-table td[data-value="final-leaky_relu"]'), Number(to), "the table's last row agrees");
  assert.equal(await page.textContent('#va-change-table td[data-value="final-relu"]'), "0.005000", "a dead ReLU chain outputs 0: E = ½·0.1²");
  // The address (written a few times a second) carries the rate, so a shared link shows the same run.
  await page.waitForFunction(() => location.hash.includes("rate=0.05"));
  await page.selectOption("#va-rate", "0.02");
  assert.equal((await page.textContent("#va-stuck")).trim(), "");
  await page.check('input[name="va-activation"][value="relu"]');
  await page.check("#va-dying");
  await page.fill("#va-depth", "2");
  await page.press("#va-depth", "Enter");
  // Two layers with layer 2 (the output) pushed below zero: nothing gets a gradient, ever.
  assert.match(await page.textContent("#va-summary"), /every gradient is 0, the output's bias included.*Nothing in this chain can learn\. Untick “push layer 2 below zero”/);
  assert.match(await page.textContent("#va-stuck"), /^ReLU never learns here: every gradient is 0 from the first step/);
  assert.doesNotMatch(await page.textContent("#va-stuck"), /leaky/, "leaky ReLU leaks a gradient through");
  // Three layers: the output's own ReLU is on, but its input (layer 2's) is 0, so only its bias learns.
  await page.fill("#va-depth", "3");
  await page.press("#va-depth", "Enter");
  assert.match(await page.textContent("#va-summary"), /every weight's gradient is 0: the layer before the output is entirely off.*Only the output's bias still learns/);
  assert.equal((await page.textContent("#va-stuck")).trim(), "", "the bias learns, so no run is stuck");
  await page.fill("#va-depth", "0");
  await page.press("#va-depth", "Enter");
  assert.match(await page.textContent("#va-message"), /a chain needs at least one/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a run that overflows says at which step, and a gradient of exactly 0 says why", async () => {
  // A 20-layer identity stack, four wide, with layer 2 pushed below zero: its output overshoots and the
  // weights blow up (tests/vanishing.rs, a_diverged_run_keeps_the_losses_before_the_overflow).
  const { page, context, problems } = await site.open("vanishing?depth=20&width=4&act=identity&dying=1&seed=1&rate=0.02");
  const final = (await page.textContent('#va-change-table td[data-value="final-identity"]')).trim();
  const step = Number(final.match(/^diverged at step (\d+)$/)?.[1]);
  assert.ok(step >= 2 && step <= 300, `the identity run's last cell: ${final}`);
  // Its weight changes are not numbers after an overflow, and say so rather than showing NaN or ∞.
  const changes = await page.locator('#va-change-table td[data-value="identity"]').allTextContents();
  assert.ok(changes.length === 20 && changes.every((t) => t === "diverged"), changes.join(" "));
  assert.doesNotMatch(await page.textContent("#va-change-table"), /NaN|Infinity|∞/);

  // Eight ReLU layers with layer 2 below zero: the first layer's gradient is exactly 0, and the summary says
  // it is a ReLU off on the way back, not a small number.
  await page.goto(page.url().replace(/#.*/, "#vanishing?depth=8&width=1&act=relu&dying=1&seed=1&rate=0.02"));
  await page.waitForFunction(() => document.getElementById("va-summary").textContent.includes("ReLU"));
  assert.match(
    await page.textContent("#va-summary"),
    /^With ReLU, the first layer's gradient is exactly 0: a ReLU between that layer and the output has z ≤ 0, so its slope is 0/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("a number in scientific notation in a sentence never breaks after its minus, even on a narrow screen", async () => {
  for (const width of [320, 640]) {
    const { page, context, problems } = await site.open("vanishing?depth=12&act=sigmoid", { viewport: { width, height: 700 } });
    await page.click("#va-all");
    const numbers = await page.locator("#va-summary .number").evaluateAll((spans) =>
      spans.map((s) => [s.textContent, s.getClientRects().length]),
    );
    assert.ok(numbers.some(([text]) => /e-/.test(text)), `${width} px: ${JSON.stringify(numbers)}`);
    for (const [text, lines] of numbers) assert.equal(lines, 1, `${width} px: “${text}” is broken over ${lines} lines`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("stepping the signal to the input by keyboard leaves the focus on the other step button", async () => {
  const { page, context, problems } = await site.open("vanishing");
  await page.click("#va-replay");
  await page.focus("#va-toward-input");
  for (let k = 0; k < 25 && !(await page.isDisabled("#va-toward-input")); k++) await page.keyboard.press("Enter");
  assert.equal(await page.isDisabled("#va-toward-input"), true);
  await page.waitForFunction(() => document.activeElement.id === "va-toward-output");
  assert.deepEqual(problems, []);
  await context.close();
});
