// End-to-end: the playground. Plays XOR to 95% test accuracy, plays the circle with one neuron on x₁ and x₂
// and reads that it stays near chance and why, inspects a point and opens its network in the
// backpropagation lab with the same weights, refuses hostile links, and recovers a diverged run by Reset.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startSite, shownNumber, shots } from "./harness.mjs";

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

// "test accuracy 97.5%" in the summary, as a number.
async function testAccuracy(page) {
  const summary = await page.textContent("#pg-summary");
  const match = summary.match(/test accuracy (\d+(?:\.\d)?)%/i);
  assert.ok(match, `the summary names the test accuracy: ${summary}`);
  return Number(match[1]);
}

async function playUntil(page, done, timeout = 90_000) {
  await page.click("#pg-play");
  await page.waitForFunction(done, null, { timeout, polling: 200 });
  if ((await page.getAttribute("#pg-play", "aria-pressed")) === "true") await page.click("#pg-play");
}

test("Play learns XOR to at least 95% test accuracy", async () => {
  const { page, context, problems } = await site.open("playground?data=xor&seed=1");
  assert.equal(await page.isVisible("#playground-lab"), true);
  assert.equal(await shownNumber(page, "#pg-epoch-count"), 0);
  assert.match(await page.textContent("#pg-summary"), /^Test accuracy \d+\.\d% before training/);
  await playUntil(page, () => {
    const m = document.getElementById("pg-summary").textContent.match(/test accuracy (\d+\.\d)%/i);
    return m && Number(m[1]) >= 95;
  });
  assert.ok((await testAccuracy(page)) >= 95);
  assert.ok((await shownNumber(page, "#pg-epoch-count")) > 0);
  assert.match(await page.textContent("#pg-test-figures"), /^accuracy \d+\.\d%$/);
  await page.screenshot({ path: path.join(shots, "playground-xor.png"), fullPage: true });
  // The address holds the run: data, seed and the epoch reached.
  await page.waitForFunction(() => /epoch=[1-9]/.test(location.hash));
  assert.match(await page.evaluate(() => location.hash), /^#playground\?data=xor&seed=1&.*epoch=\d+/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("one neuron on x₁ and x₂ cannot draw the circle, and the summary says why", async () => {
  const { page, context, problems } = await site.open("playground?data=circle&seed=1&layers=none&features=x1,x2");
  await playUntil(page, () => Number(document.getElementById("pg-epoch-count").textContent) >= 150);
  // A straight line can at best cut a cap off the ring (about two thirds right); gradient descent from
  // these weights wanders near chance, and the summary says "near chance" while it is within 10 points of it.
  const accuracy = await testAccuracy(page);
  assert.ok(accuracy >= 30 && accuracy <= 72, `far from the circle: ${accuracy}%`);
  const summary = await page.textContent("#pg-summary");
  if (accuracy >= 40 && accuracy <= 60) assert.match(summary, /near chance/);
  assert.match(summary, /the boundary needs x₁² and x₂² or a hidden layer: a single layer on x₁ and x₂ draws a straight line/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a picked point's numbers, and its network opened in the backpropagation lab with the same weights", async () => {
  const { page, context, problems } = await site.open("playground?data=xor&seed=1&layers=3&epoch=4");
  await page.waitForFunction(() => document.getElementById("pg-epoch-count").textContent === "4");
  // By keyboard: → on the data picks a point; the output neuron is picked from the start.
  await page.focus("#pg-data-canvas");
  await page.keyboard.press("ArrowRight");
  await page.waitForSelector("#pg-inspect table");
  const inspected = await page.textContent("#pg-inspect");
  assert.match(inspected, /the output:/);
  assert.match(inspected, /z = -?\d/);
  assert.match(inspected, /Update \d+: gradient descent with η = 0\.03/);
  // The output's weights as the inspector shows them (four figures).
  const weights = await page.$$eval("#pg-inspect tbody tr", (rows) =>
    rows.map((tr) => [tr.cells[0].textContent, Number(tr.cells[1].textContent)]),
  );
  assert.equal(weights.length, 4, "three weights and the bias");
  await page.click("#pg-step-through");
  await page.waitForFunction(() => !document.getElementById("two-neuron-lab").hidden);
  assert.equal(await page.isVisible("#error-banner"), false);
  const values = await page.$$eval("#settings input[data-param]", (inputs) => inputs.map((i) => Number(i.value)));
  for (const [from, w] of weights) {
    assert.ok(
      values.some((v) => Math.abs(v - w) <= 5e-4 * Math.max(Math.abs(w), 1e-3)),
      `${from} = ${w} is among the backpropagation lab's values ${values}`,
    );
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("hostile links are refused by name, and a run that blows up is recovered by Reset", async () => {
  const { page, context, problems } = await site.open("playground?layers=0");
  assert.match(await page.textContent("#error-banner"), /layers: hidden layer 1 has 0 neurons/);
  for (const [query, key] of [
    ["lr=1e6", "lr:"],
    ["data=moons", "data:"],
    ["features=x9", "features:"],
    ["edits=a9:0:1", "outside the square"],
  ]) {
    await page.evaluate((q) => (location.hash = `#playground?${q}`), query);
    await page
      .waitForFunction((k) => document.getElementById("error-banner").textContent.includes(k), key, { timeout: 10_000 })
      .catch(async () => assert.fail(`${query}: the banner says ${await page.textContent("#error-banner")}`));
  }
  await page.evaluate(() => (location.hash = "#playground?data=plane&lr=10&layers=8,8"));
  await page.waitForFunction(() => document.getElementById("pg-data").value === "plane");
  for (let k = 0; k < 3; k++) if (!(await page.isDisabled("#pg-epoch"))) await page.click("#pg-epoch");
  assert.match(await page.textContent("#pg-summary"), /diverged/);
  assert.equal(await page.isDisabled("#pg-epoch"), true);
  const text = await page.textContent("#playground-lab");
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  await page.click("#pg-reset");
  assert.equal(await shownNumber(page, "#pg-epoch-count"), 0);
  assert.doesNotMatch(await page.textContent("#pg-summary"), /diverged/);
  assert.equal(await page.isDisabled("#pg-epoch"), false);
  assert.deepEqual(problems, []);
  await context.close();
});

// CSS pixels of the data canvas, relative to the page, for (x₁, x₂): found by asking the handle where points
// of the square are, on a grid of the canvas.
async function dataSpot(page, x1, x2) {
  return page.evaluate(
    ([x1, x2]) => {
      const app = window.backpropLab.playground;
      const canvas = document.getElementById("pg-data-canvas");
      const box = canvas.getBoundingClientRect();
      let best = null;
      for (let x = 0; x < box.width; x += 1) {
        for (let y = 0; y < box.height; y += 1) {
          const p = app.data_at(x, y);
          if (!p) continue;
          const d = Math.hypot(p[0] - x1, p[1] - x2);
          if (!best || d < best.d) best = { d, x: box.left + x, y: box.top + y };
        }
      }
      return best;
    },
    [x1, x2],
  );
}

test("points are added by click and shift-click, dragged, and refused outside the square", async () => {
  const { page, context, problems } = await site.open("playground?data=xor&seed=1&points=100");
  const count = async () => (await shownNumber(page, "#pg-training-count")) + (await shownNumber(page, "#pg-test-count"));
  assert.equal(await count(), 100);
  await page.selectOption("#pg-click", "one");
  const a = await dataSpot(page, -1.5, 5.7);
  const b = await dataSpot(page, 1.5, 5.7);
  await page.mouse.click(a.x, a.y);
  await page.keyboard.down("Shift");
  await page.mouse.click(b.x, b.y);
  await page.keyboard.up("Shift");
  assert.equal(await count(), 102);
  // Picked, each tells its class: the click gave class 1, the shift-click the other.
  await page.selectOption("#pg-click", "pick");
  await page.mouse.click(a.x, a.y);
  await page.waitForFunction(() => /Point 100 at/.test(document.getElementById("pg-inspect").textContent), null, { timeout: 5000 }).catch(async () => assert.fail(await page.textContent("#pg-inspect") + await page.textContent("#pg-message")));
  assert.match(await page.textContent("#pg-inspect"), /class 1, a training point/);
  await page.mouse.click(b.x, b.y);
  await page.waitForFunction(() => /Point 101 at/.test(document.getElementById("pg-inspect").textContent));
  assert.match(await page.textContent("#pg-inspect"), /class 0, a training point/);
  // Dragged from b to c: the same point, now at c.
  const c = await dataSpot(page, 3, 3);
  await page.mouse.move(b.x, b.y);
  await page.mouse.down();
  await page.mouse.move((b.x + c.x) / 2, (b.y + c.y) / 2);
  await page.mouse.move(c.x, c.y);
  await page.mouse.up();
  await page.waitForFunction(() => /Point 101 at \((2\.9|3\.0)\d*, (2\.9|3\.0)\d*\)/.test(document.getElementById("pg-inspect").textContent));
  await page.waitForFunction(() => /edits=/.test(location.hash));
  // Let go outside the square: refused, with a message; the point stays where it was.
  const box = await page.locator("#pg-data-canvas").boundingBox();
  await page.mouse.move(c.x, c.y);
  await page.mouse.down();
  await page.mouse.move(box.x + 2, box.y + 2);
  await page.mouse.up();
  assert.match(await page.textContent("#pg-message"), /outside the square/);
  assert.match(await page.textContent("#pg-inspect"), /Point 101 at \((2\.9|3\.0)\d*, (2\.9|3\.0)\d*\)/);
  assert.equal(await count(), 102);
  assert.deepEqual(problems, []);
  await context.close();
});

test("discretise shows the two classes' colours alone", async () => {
  const { page, context, problems } = await site.open("playground?data=xor&seed=1&points=100&epoch=5");
  await page.waitForFunction(() => document.getElementById("pg-epoch-count").textContent === "5");
  // Every 7th pixel of the plot, as [r, g, b]; the two full colours of the discretised picture.
  const sample = () =>
    page.evaluate(() => {
      const app = window.backpropLab.playground;
      const canvas = document.getElementById("pg-data-canvas");
      const ratio = canvas.width / canvas.clientWidth;
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      const out = [];
      for (let x = 0; x < canvas.clientWidth; x += 7) {
        for (let y = 0; y < canvas.clientHeight; y += 7) {
          if (!app.data_at(x, y)) continue;
          const k = (Math.round(y * ratio) * canvas.width + Math.round(x * ratio)) * 4;
          out.push([data[k], data[k + 1], data[k + 2]].join(","));
        }
      }
      return out;
    });
  const full = new Set(["51,142,193", "235,178,51"]);
  const share = (pixels) => pixels.filter((p) => full.has(p)).length / pixels.length;
  const smooth = await sample();
  await page.check("#pg-discretize");
  const discrete = await sample();
  assert.ok(discrete.length > 100);
  assert.ok(share(discrete) > 0.75, `discretised, ${share(discrete)} of the plot is one of the two colours`);
  assert.ok(share(smooth) < 0.5, `smooth, ${share(smooth)} of the plot is one of the two colours`);
  assert.ok(new Set(discrete).size < new Set(smooth).size / 3, "far fewer colours discretised");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the optimizer's settings are controls and ride in the link; a link reloaded shows the same numbers", async () => {
  const { page, context, problems } = await site.open("playground?data=spiral&seed=3&layers=6,3&lr=0.01");
  assert.equal(await page.isVisible("#pg-mu"), false);
  await page.selectOption("#pg-optimizer", "momentum");
  assert.equal(await page.isVisible("#pg-mu"), true);
  await page.selectOption("#pg-mu", "0.5");
  await page.click("#pg-epoch");
  await page.click("#pg-epoch");
  await page.click("#pg-epoch");
  await page.waitForFunction(() => /&opt=momentum&mu=0\.5&.*epoch=3/.test(location.hash));
  const status = () =>
    page.evaluate(() =>
      ["pg-epoch-count", "pg-updates", "pg-training-loss", "pg-test-loss", "pg-training-figures", "pg-test-figures", "pg-summary"].map(
        (id) => document.getElementById(id).textContent,
      ),
    );
  const before = await status();
  const link = (await page.evaluate(() => location.hash)).slice(1);
  const again = await site.open(link);
  await again.page.waitForFunction(() => document.getElementById("pg-epoch-count").textContent === "3");
  await again.page.waitForFunction(() => !/retraining/.test(document.getElementById("pg-summary").textContent));
  const after = await again.page.evaluate(() =>
    ["pg-epoch-count", "pg-updates", "pg-training-loss", "pg-test-loss", "pg-training-figures", "pg-test-figures", "pg-summary"].map(
      (id) => document.getElementById(id).textContent,
    ),
  );
  assert.deepEqual(after, before);
  assert.equal(await again.page.inputValue("#pg-mu"), "0.5");
  assert.deepEqual(problems, []);
  assert.deepEqual(again.problems, []);
  await again.context.close();
  await context.close();
});

test("the diagram's readout names the node or edge under the pointer, and the picked neuron by keyboard", async () => {
  const { page, context, problems } = await site.open("playground?data=xor&seed=1&layers=3");
  // Where the handle finds a node and an edge, in page pixels.
  const spots = await page.evaluate(() => {
    const app = window.backpropLab.playground;
    const box = document.getElementById("pg-network-canvas").getBoundingClientRect();
    const found = {};
    for (let x = 0; x < box.width; x += 2) {
      for (let y = 0; y < box.height; y += 2) {
        const hit = app.hover_at(x, y);
        if (hit && hit[0] === 1 && !found.edge) found.edge = { x: box.left + x, y: box.top + y };
        if (hit && hit[0] === 0 && hit[1] === 2 && !found.output) found.output = { x: box.left + x + 3, y: box.top + y + 3 };
      }
    }
    return found;
  });
  await page.mouse.move(spots.edge.x, spots.edge.y);
  await page.waitForFunction(() => /^Weight from \S+ into \S+: -?\d/.test(document.getElementById("pg-readout").textContent));
  await page.mouse.move(spots.output.x, spots.output.y);
  await page.waitForFunction(() => /^The output: bias -?\d.*weights in: h₁\.₁ -?\d/.test(document.getElementById("pg-readout").textContent));
  // By keyboard: the diagram focused, → picks the next neuron and the readout names it.
  await page.mouse.move(0, 0);
  await page.focus("#pg-network-canvas");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => /^Neuron h₁\.₁ \(picked\): bias 0\.1000; weights in: x₁ -?\d/.test(document.getElementById("pg-readout").textContent));
  // A layer of one neuron cannot lose it: refused with a message.
  await page.evaluate(() => (location.hash = "#playground?layers=1"));
  await page.waitForFunction(() => document.getElementById("pg-layers").dataset.key === "1");
  await page.click('[aria-label="one neuron fewer in layer 1"]');
  assert.match(await page.textContent("#pg-message"), /neuron/);
  assert.equal(await page.getAttribute("#pg-layers", "data-key"), "1");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the experiment log takes a row per run, links back to each, and exports as CSV", async () => {
  const { page, context, problems } = await site.open("playground?data=xor&seed=1&points=100");
  await page.click("#pg-epoch");
  await page.click("#pg-epoch");
  await page.click("#pg-runs-add");
  await page.selectOption("#pg-activation", "relu");
  await page.click("#pg-epoch");
  await page.click("#pg-reset");
  const rows = await page.$$eval("#pg-runs tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, 2, "Log this run, then Reset of a run that trained");
  assert.equal(rows[0][9], "2");
  assert.equal(rows[1][9], "1");
  assert.equal(rows[1][4], "ReLU");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#pg-runs-csv")]);
  const text = await (await import("node:fs/promises")).readFile(await download.path(), "utf8");
  // RFC 4180: a quoted field may hold commas, and "" is a quote.
  const lines = text
    .trim()
    .split("\r\n")
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].filter((m) => m.index < line.length || m[1]).map((m) => m[1].replace(/^"|"$/g, "").replace(/""/g, '"')));
  assert.equal(lines.length, 3);
  assert.equal(lines[0][0], "run");
  assert.ok(lines[0].includes("test accuracy"));
  assert.equal(lines[1][lines[0].indexOf("epochs")], "2");
  assert.equal(lines[2][lines[0].indexOf("activation")], "ReLU");
  assert.match(lines[1][lines[0].indexOf("test accuracy")], /^\d+\.\d%$/);
  assert.match(lines[1][lines[0].indexOf("link")], /#playground\?data=xor&.*epoch=2/);
  // The first row's link reopens that run.
  await page.click("#pg-runs tbody tr:first-child a");
  await page.waitForFunction(() => document.getElementById("pg-epoch-count").textContent === "2" && document.getElementById("pg-activation").value === "tanh");
  assert.equal(await page.textContent("#pg-test-figures"), rows[0][13].replace(/^/, "accuracy "));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a challenge: predict, run the prepared setup, and read the answer with the run's numbers", async () => {
  const { page, context, problems } = await site.open("playground");
  await page.selectOption("#pg-challenge", "xor");
  assert.match(await page.textContent("#pg-question"), /single neuron/);
  assert.equal(await page.isDisabled("#pg-challenge-run"), true, "a prediction comes first");
  await page.check('#pg-choices input[value="0"]');
  await page.click("#pg-challenge-run");
  await page.waitForFunction(() => /You predicted/.test(document.getElementById("pg-challenge-answer").textContent), null, { timeout: 60_000 });
  const answer = await page.textContent("#pg-challenge-answer");
  assert.match(answer, /You predicted “x₁ and x₂”: the run says “x₁x₂”/);
  // The answer's accuracy is the run's own, as the status shows it.
  const accuracy = (await page.textContent("#pg-test-figures")).replace("accuracy ", "");
  assert.ok(answer.includes(`test accuracy ${accuracy} after 50 epochs`), `${answer} / ${accuracy}`);
  assert.equal(await shownNumber(page, "#pg-epoch-count"), 50);
  assert.deepEqual(problems, []);
  await context.close();
});
