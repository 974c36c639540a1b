// End-to-end: the data-preparation lab. Reads the penguins' counts off the page, trains with the defaults and
// scores the test rows by pressing the buttons, shows unscaled training as it is, compares, loads a file of
// one's own by pasting, and opens and refuses links.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startSite, shownNumber, shots } from "./harness.mjs";

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

const text = (page, selector) => page.textContent(selector);
const kept = (page, choice) => shownNumber(page, `[data-kept="${choice}"]`);
// The split table's row for one class: [training, validation, test].
const splitRow = (page, name) =>
  page.evaluate((name) => {
    const tr = [...document.querySelectorAll("#dp-split tbody tr")].find((r) => r.cells[0].textContent === name);
    return [1, 2, 3].map((k) => Number(tr.cells[k].textContent));
  }, name);

test("the penguins read as the course counts them, from the page", async () => {
  const { page, problems } = await site.open("data");
  assert.equal(await shownNumber(page, "#dp-rows"), 344);
  assert.equal(await shownNumber(page, "#dp-missing-rows"), 11);
  assert.equal(await shownNumber(page, "#dp-missing-all"), 2);
  assert.equal(await kept(page, "drop_any"), 333);
  assert.equal(await kept(page, "drop_features"), 342);
  assert.equal(await kept(page, "fill_mean"), 344);
  const species = await page.evaluate(() => document.querySelector("#dp-columns tbody tr").cells[7].textContent);
  assert.equal(species, "Adelie 152, Gentoo 124, Chinstrap 68");
  // Rows with a missing value are marked by a sign and a word, not only by colour; the filter lists all 11.
  await page.check("#dp-missing-only");
  await page.waitForFunction(() => document.querySelector("#dp-page").textContent.includes("(11 rows)"));
  const marks = await page.$$eval("#dp-table tbody tr", (rows) => rows.map((r) => r.cells[0].textContent));
  assert.ok(marks.length === 11 && marks.every((m) => m.startsWith("⚠")), marks.join(" "));
  assert.match(await text(page, "#dp-table tbody tr:first-child"), /missing/);
  // Stratified: each class split 60/20/20, whatever the seed.
  assert.deepEqual(await splitRow(page, "Chinstrap"), [40, 14, 14]);
  const firstSet = await page.$$eval("#dp-table tbody tr", (rows) => rows.map((r) => r.lastChild.textContent).join());
  await page.click("#dp-new-seed");
  assert.equal(await page.inputValue("#dp-seed"), "2");
  assert.deepEqual(await splitRow(page, "Chinstrap"), [40, 14, 14]);
  assert.deepEqual(await splitRow(page, "all"), [204, 69, 69]);
  const secondSet = await page.$$eval("#dp-table tbody tr", (rows) => rows.map((r) => r.lastChild.textContent).join());
  assert.notEqual(secondSet, firstSet, "another seed puts rows in other sets");
  // Filling: the fill values are shown with why, from the training rows.
  await page.check('input[name="dp-missing"][value="fill_mean"]');
  await page.waitForFunction(() => document.querySelector("#dp-kept").textContent.startsWith("344 of 344"));
  assert.match(await text(page, "#dp-fills"), /bill_length_mm: [\d.]+, the mean of the 204 training rows that have one \(2 cells\)/);
  assert.deepEqual(problems, []);
});

test("the defaults learn the species, and the test rows are scored only when asked", async () => {
  const { page, problems } = await site.open("data");
  assert.equal(await page.isDisabled("#dp-evaluate"), true);
  await page.click("#dp-train");
  await page.waitForFunction(() => !document.querySelector("#dp-evaluate").disabled);
  assert.match(await text(page, "#dp-summary"), /validation accuracy \d+\.\d%/);
  assert.equal(await text(page, "#dp-test-result"), "The test rows are still locked away.");
  // The validation confusion matrix counts every validation row.
  const counts = await page.$$eval("#dp-confusion tbody td", (cells) => cells.map((c) => Number(c.textContent)));
  assert.equal(counts.length, 9);
  assert.equal(counts.reduce((a, b) => a + b, 0), 69);
  await page.click("#dp-evaluate");
  const result = await text(page, "#dp-test-result");
  const [, accuracy] = result.match(/test accuracy (\d+\.\d)%/);
  assert.ok(Number(accuracy) >= 95, result);
  assert.match(result, /^Scored once on the 69 locked-away test rows: test accuracy \d+\.\d%\.$/);
  await page.screenshot({ path: path.join(shots, "data-trained.png"), fullPage: true });
  assert.deepEqual(problems, []);
});

test("unscaled at the same learning rate trains badly, says so, and the comparison draws both", async () => {
  const { page, problems } = await site.open("data?scale=none");
  await page.click("#dp-train");
  await page.waitForFunction(() => !document.querySelector("#dp-evaluate").disabled);
  const summary = await text(page, "#dp-summary");
  assert.match(summary, /no better than always answering Adelie/);
  assert.doesNotMatch(await text(page, "#data-lab"), /NaN|Infinity/);
  await page.check('input[name="dp-scaling"][value="standard"]');
  await page.click("#dp-compare");
  await page.waitForFunction(() => document.querySelectorAll("#dp-comparison li").length === 2);
  const lines = await page.$$eval("#dp-comparison li", (items) => items.map((li) => li.textContent));
  assert.match(lines[0], /^With standardisation: .*validation accuracy (9\d|100)\.\d%/);
  assert.match(lines[1], /^With no scaling: .*no better than always answering/);
  assert.equal(await page.isVisible("#dp-compare-chart"), true);
  assert.deepEqual(problems, []);
});

test("a diverging run says so, and Reset takes it back", async () => {
  const { page, problems } = await site.open(
    "data?target=body_mass_g&features=bill_length_mm,flipper_length_mm&scale=none&hidden=none&lr=3",
  );
  assert.match(await text(page, "#dp-task"), /regression/);
  await page.click("#dp-train");
  await page.waitForFunction(() => document.querySelector("#dp-summary").textContent.includes("diverged"));
  assert.doesNotMatch(await text(page, "#data-lab"), /NaN|Infinity/);
  await page.click("#dp-reset");
  assert.equal(await text(page, "#dp-summary"), "Not trained yet: press Train.");
  assert.deepEqual(problems, []);
});

test("a pasted CSV of one's own is read, kept out of the address, and a bad one is refused by line", async () => {
  const { page, problems } = await site.open("data");
  await page.fill("#dp-paste", "x;y;kind\n1,5;2;a\n2,5;NA;b\n3;4;a\n4;5;b\n5;6;a\n6;7;b\n7;8;a\n8;9;b\n9;1;a\n1;2;b\n2;3;a\n3;3;b\n");
  await page.click("#dp-read-paste");
  assert.equal(await text(page, "#dp-source"), "the pasted text");
  assert.equal(await shownNumber(page, "#dp-rows"), 12);
  assert.equal(await shownNumber(page, "#dp-missing-rows"), 1);
  await page.waitForFunction(() => document.body.dataset.linkPending === "false");
  assert.equal(new URL(page.url()).hash, "#data", "own data is not put in the address");
  await page.fill("#dp-paste", "a,b\n1,2\n3\n");
  await page.click("#dp-read-paste");
  assert.match(await text(page, "#dp-message"), /Line 3, column 2/);
  assert.equal(await text(page, "#dp-source"), "the pasted text", "the data in use stay");
  assert.deepEqual(problems, []);
});

test("a link opens the whole setup, and a malformed one is refused with the setting named", async () => {
  const { page, problems } = await site.open("data?target=sex&features=island,body_mass_g&val=10&test=30&seed=4&missing=fill_median&scale=min_max&hidden=4,4&act=relu&opt=adam&lr=0.01&batch=8&epochs=100&patience=10&wseed=2");
  assert.equal(await page.inputValue("#dp-target"), "sex");
  assert.equal(await page.isChecked('input[name="dp-scaling"][value="min_max"]'), true);
  assert.equal(await page.inputValue("#dp-hidden"), "4,4");
  assert.match(await text(page, "#dp-inputs"), /island = Torgersen, island = Biscoe, island = Dream, body_mass_g/);
  await page.waitForFunction(() => document.body.dataset.linkPending === "false");
  assert.match(page.url(), /seed=4&missing=fill_median&scale=min_max&hidden=4,4&act=relu&opt=adam&lr=0.01/);
  const refused = await site.open("data?scale=log");
  assert.match(await refused.page.textContent("#error-banner"), /scale: “log” is not one of none, min_max, standard/);
  assert.deepEqual(problems, []);
  assert.deepEqual(refused.problems, []);
});

test("every control answers the keyboard", async () => {
  const { page, problems } = await site.open("data");
  await page.focus('input[name="dp-scaling"][value="standard"]');
  await page.keyboard.press("ArrowUp");
  await page.waitForFunction(() => document.querySelector('#dp-ranges tbody td:nth-child(4)').textContent.startsWith("(x − 32.1"));
  await page.focus("#dp-train");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector("#dp-evaluate").disabled);
  await page.focus("#dp-evaluate");
  await page.keyboard.press(" ");
  await page.waitForFunction(() => document.querySelector("#dp-test-result").textContent.includes("test accuracy"));
  await page.focus("#dp-next");
  await page.keyboard.press("Enter");
  assert.match(await text(page, "#dp-page"), /^page 2 of 29/);
  assert.deepEqual(problems, []);
});
