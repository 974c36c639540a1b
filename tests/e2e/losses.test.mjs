// End-to-end: the losses lab. Reads the chain-rule table and the training runs from the DOM and checks them
// against the formulas and a run of gradient descent written here, independently of the Rust core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startSite, shownNumber, assertSig4, shots } from "./harness.mjs";

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

const cell = (table, loss, key) => `#${table} tr[data-loss="${loss}"] td[data-value="${key}"]`;
const LOSSES = ["half_squared_error", "squared_error", "binary_cross_entropy"];
const sigmoid = (z) => 1 / (1 + Math.exp(-z));

// ∂E/∂z of each loss behind a sigmoid, by hand.
const SLOPE = {
  half_squared_error: (a, t) => (a - t) * a * (1 - a),
  squared_error: (a, t) => 2 * (a - t) * a * (1 - a),
  binary_cross_entropy: (a, t) => a - t,
};

// The lab's training run: one neuron, input 1, w = z and b = 0, plain gradient descent.
// The updates after which the output stays within 0.1 of T to the end, or null if it ends farther away.
// Also the output at the end, after the last update.
function updatesUntilSettled(loss, z, t, eta, iterations) {
  let [w, b] = [z, 0];
  let settled = null;
  let a = sigmoid(w + b);
  for (let k = 0; k <= iterations; k++) {
    a = sigmoid(w + b);
    if (Math.abs(t - a) > 0.1) settled = null;
    else if (settled === null) settled = k;
    const g = SLOPE[loss](a, t);
    w -= eta * g;
    b -= eta * g;
  }
  return { settled, last: a };
}

async function readTable(page) {
  const rows = {};
  for (const loss of LOSSES) {
    rows[loss] = {};
    for (const key of ["e", "de_da", "da_dz", "de_dz"]) rows[loss][key] = await shownNumber(page, cell("lo-table", loss, key));
  }
  return rows;
}

async function assertRunsAgree(page, z, t, eta, iterations) {
  for (const loss of LOSSES) {
    const { settled: expected, last } = updatesUntilSettled(loss, z, t, eta, iterations);
    assertSig4(await shownNumber(page, cell("lo-runs-table", loss, "last")), last, `${loss}: a at the end`);
    const shown = (await page.textContent(cell("lo-runs-table", loss, "settled"))).trim();
    const wanted = expected === null ? `not within ${iterations}` : expected === 0 ? "0 (starts there)" : String(expected);
    assert.equal(shown, wanted, `${loss} from z = ${z}, T = ${t}, η = ${eta}`);
  }
}

test("the table is the chain rule with numbers, and cross-entropy learns a wrong output fastest", async () => {
  const { page, problems } = await site.open("losses");
  const a = sigmoid(-4);
  assertSig4(await shownNumber(page, "#lo-a"), a, "a = σ(−4)");
  const rows = await readTable(page);
  assertSig4(rows.half_squared_error.e, 0.5 * (1 - a) ** 2, "½(T − a)²");
  assertSig4(rows.squared_error.e, (1 - a) ** 2, "(T − a)²");
  assertSig4(rows.binary_cross_entropy.e, -Math.log(a), "−ln a");
  for (const loss of LOSSES) {
    const r = rows[loss];
    assertSig4(r.da_dz, a * (1 - a), `${loss}: σ′(z)`);
    // The row multiplies as it reads: ∂E/∂a × σ′(z) = ∂E/∂z, to the four figures shown.
    assert.ok(Math.abs(r.de_da * r.da_dz - r.de_dz) <= 1e-3 * Math.abs(r.de_dz), `${loss}: the product`);
    assertSig4(r.de_dz, SLOPE[loss](a, 1), `${loss}: ∂E/∂z`);
  }
  assertSig4(rows.squared_error.de_dz, 2 * rows.half_squared_error.de_dz, "the factor of 2");
  const ratio = rows.binary_cross_entropy.de_dz / rows.half_squared_error.de_dz;
  const said = Number((await page.textContent("#lo-summary")).match(/: ([\d.]+) times as much/)[1]);
  assert.ok(Math.abs(said - ratio) / ratio < 2e-3, `the sentence says ${said}, the table ${ratio}`);
  assert.match(await page.textContent("#lo-summary"), /confidently wrong/);

  await assertRunsAgree(page, -4, 1, 0.5, 300);
  const close = async (loss) => Number(await page.textContent(cell("lo-runs-table", loss, "settled")));
  assert.ok((await close("binary_cross_entropy")) * 5 < (await close("half_squared_error")));
  await page.screenshot({ path: path.join(shots, "losses.png"), fullPage: true });

  // Further into the flat tail, with a smaller η: squared error does not get there in 300 updates.
  await page.locator("#lo-z").fill("-7");
  await page.selectOption("#lo-rate", "0.1");
  assertSig4(await shownNumber(page, "#lo-a"), sigmoid(-7), "a = σ(−7)");
  await assertRunsAgree(page, -7, 1, 0.1, 300);
  assert.match(await page.textContent(cell("lo-runs-table", "half_squared_error", "settled")), /not within 300/);

  // The arrow keys move z by 0.1, from anywhere but a form field.
  await page.locator("#losses-title").click();
  await page.keyboard.press("ArrowRight");
  assert.equal((await page.textContent("#lo-z-value")).trim(), "-6.9");
  await page.selectOption("#lo-target", "0");
  await page.selectOption("#lo-iterations", "1000");
  await assertRunsAgree(page, -6.9, 0, 0.1, 1000);

  // A large η swings cross-entropy across T = 0.5 for good: it passes close at once and never settles.
  await page.locator("#lo-z").fill("-5");
  await page.selectOption("#lo-target", "0.5");
  await page.selectOption("#lo-rate", "5");
  await page.selectOption("#lo-iterations", "300");
  await assertRunsAgree(page, -5, 0.5, 5, 300);
  assert.equal(await page.textContent(cell("lo-runs-table", "binary_cross_entropy", "settled")), "not within 300");
  // Reset goes back to the lab's own start, menus included.
  await page.click("#lo-reset");
  assert.equal((await page.textContent("#lo-z-value")).trim(), "-4");
  assert.equal(await page.inputValue("#lo-rate"), "0.5");
  await assertRunsAgree(page, -4, 1, 0.5, 300);
  assert.deepEqual(problems, []);
});

test("the address carries the lab's settings, and a bad link is refused with its reason", async () => {
  const { page, problems } = await site.open("losses?z=2.5&t=0.1&eta=2&its=100");
  assert.equal((await page.textContent("#lo-z-value")).trim(), "2.5");
  assert.equal(await page.inputValue("#lo-target"), "0.1");
  assert.equal(await page.inputValue("#lo-rate"), "2");
  await assertRunsAgree(page, 2.5, 0.1, 2, 100);
  await page.locator("#lo-z").fill("-1.5");
  await page.waitForFunction(() => location.hash.includes("z=-1.5"));
  assert.equal(new URL(page.url()).hash, "#losses?z=-1.5&t=0.1&eta=2&its=100");

  const bad = await site.open("losses?z=20");
  assert.match(await bad.page.textContent("#error-banner"), /z must be a number between −8 and 8/);
  assert.equal((await bad.page.textContent("#lo-z-value")).trim(), "-4");
  // Once the lab changes, the refusal is out of date: it goes, and the address becomes the lab's own link.
  await bad.page.selectOption("#lo-target", "0.9");
  assert.equal(await bad.page.isHidden("#error-banner"), true);
  await bad.page.waitForFunction(() => location.hash.includes("t=0.9"));
  assert.deepEqual([...problems, ...bad.problems], []);
});
