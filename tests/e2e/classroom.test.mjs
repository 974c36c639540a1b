// End-to-end: the classroom kit on every lab. The ? overlay lists the keys, keeps Tab inside and closes with
// Escape; R resets through the shared keys; presentation mode puts each lab's primary controls, main picture
// and current step in the first screen at 1280 × 720 and at 150% zoom (853 × 480 CSS pixels); the dark theme
// follows the system and its toggle, and the charts are drawn dark; a chart goes full screen and back; a
// chart's PNG decodes at twice its size, with its title; a table's CSV has the table's rows.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSite, shots } from "./harness.mjs";
import path from "node:path";

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

// What presentation mode must show, per lab: the same parts the kit's registry names.
const PARTS = {
  "two-neuron": { controls: ["#step"], picture: "#network-canvas", current: ".status .current" },
  descent: { controls: ["#gd-step", "#gd-rate"], picture: "#gd-cost-canvas", current: "#gd-update" },
  vanishing: { controls: ["#va-toward-input"], picture: "#va-flow-canvas", current: "#va-summary" },
  stopping: { controls: ["#es-one"], picture: "#es-errors-canvas", current: "#es-status" },
  losses: { controls: ["#lo-z"], picture: "#lo-loss-canvas", current: "#lo-summary" },
  data: { controls: ["#dp-train"], picture: "#dp-losses", current: "#dp-summary" },
  playground: { controls: ["#pg-batch"], picture: "#pg-data-canvas", current: "#pg-summary" },
};

const frames = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

test("? opens the list of every lab's keys, Tab stays inside it, Escape closes it and gives focus back", async () => {
  const { page, context, problems } = await site.open("descent");
  await page.focus("#gd-step");
  await page.keyboard.press("Shift+Slash");
  const dialog = page.locator("#key-help");
  await dialog.waitFor({ state: "visible" });
  const text = await dialog.textContent();
  for (const lab of ["Gradient descent", "Backpropagation", "Playground", "Every lab"]) assert.match(text, new RegExp(lab));
  assert.match(text, /Gradient descent and the learning rate \(this lab\)/);
  assert.match(text, /presentation mode/);
  // Tab and Shift+Tab cycle inside the dialog.
  for (let k = 0; k < 4; k++) {
    await page.keyboard.press(k % 2 ? "Shift+Tab" : "Tab");
    assert.equal(await page.evaluate(() => Boolean(document.activeElement.closest("#key-help"))), true, "focus left the dialog");
  }
  // A key the labs use does nothing behind the open list.
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.textContent("#gd-iteration"), "0");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement.id), "gd-step");
  // The header's button opens it too.
  await page.click("#keys-button");
  await dialog.waitFor({ state: "visible" });
  await page.keyboard.press("Escape");
  assert.deepEqual(problems, []);
  await context.close();
});

test("R resets the lab on show, through the shared keys", async () => {
  const { page, context, problems } = await site.open("stopping");
  await page.click("#es-one");
  await page.click("#es-one");
  await page.waitForFunction(() => /Epoch 2/.test(document.getElementById("es-status-box").textContent));
  await page.focus("#es-one");
  await page.keyboard.press("r");
  await page.waitForFunction(() => /Epoch 0/.test(document.getElementById("es-status-box").textContent));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the data lab: T trains and R clears the run, through the shared keys, and ? lists them", async () => {
  const { page, context, problems } = await site.open("data");
  await page.focus("#dp-train");
  await page.keyboard.press("t");
  await page.waitForFunction(() => !/Not trained yet/.test(document.getElementById("dp-summary").textContent));
  await page.keyboard.press("r");
  await page.waitForFunction(() => /Not trained yet/.test(document.getElementById("dp-summary").textContent));
  await page.keyboard.press("Shift+Slash");
  await page.locator("#key-help").waitFor({ state: "visible" });
  assert.match(await page.textContent("#key-help"), /train with the settings shown/);
  await page.keyboard.press("Escape");
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [screen, viewport] of Object.entries({ "1280 × 720": { width: 1280, height: 720 }, "150% zoom (853 × 480)": { width: 853, height: 480 } })) {
  test(`presentation mode at ${screen}: every lab's controls, main picture and current step are in the first screen`, async () => {
    const { page, context, problems } = await site.open("two-neuron", { viewport });
    await page.keyboard.press("p");
    await page.waitForSelector("html[data-present=true]");
    assert.match(page.url(), /\?present=1#/);
    assert.equal(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize)) >= 20, true, "body text ≥ 20 px");
    const failures = [];
    for (const [lab, parts] of Object.entries(PARTS)) {
      await page.click(`#tab-${lab}`);
      await page.waitForFunction((id) => !document.querySelector(id).closest("[role=tabpanel]").hidden, parts.picture);
      await frames(page);
      for (const selector of [...parts.controls, parts.picture, parts.current]) {
        const box = await page.locator(selector).first().boundingBox();
        const inside = box && box.width > 0 && box.height > 0 && box.x >= 0 && box.y >= 0 &&
          box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5;
        if (!inside) failures.push(`${lab}: ${selector} at ${JSON.stringify(box)}`);
      }
      // The main picture is a picture, not a sliver.
      const picture = await page.locator(parts.picture).boundingBox();
      if (picture && picture.height < 100) failures.push(`${lab}: the picture is ${picture.height} px tall`);
      await page.screenshot({ path: path.join(shots, `present-${lab}-${viewport.width}.png`) });
    }
    assert.deepEqual(failures, []);
    // The introduction is folded behind "Why?", and the mode outlives a reload (the address and storage).
    assert.equal(await page.locator("details.why").count() > 0, true);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    assert.equal(await page.getAttribute("html", "data-present"), "true");
    await page.click("#present-toggle");
    assert.equal(await page.getAttribute("html", "data-present"), "false");
    assert.equal(await page.locator("details.why").count(), 0);
    assert.doesNotMatch(page.url(), /present=/);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the dark theme follows the system, the toggle overrides it, and the charts are drawn on dark paper", async () => {
  const { page, context, problems } = await site.open("descent", { colorScheme: "dark" });
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  // The canvas's top-left pixel is the chart's paper.
  const paper = () =>
    page.evaluate(() => {
      const c = document.getElementById("gd-cost-canvas");
      return [...c.getContext("2d").getImageData(2, 2, 1, 1).data].slice(0, 3);
    });
  assert.ok((await paper()).every((v) => v < 60), `dark paper: ${await paper()}`);
  await page.click("#theme-toggle");
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  assert.deepEqual(await paper(), [255, 255, 255]);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.getAttribute("html", "data-theme"), "light", "the choice is kept");
  assert.deepEqual(problems, []);
  await context.close();
});

test("F puts the focused chart alone on the screen, redrawn at that size; Escape brings it back", async () => {
  const { page, context, problems } = await site.open("playground");
  const canvas = page.locator("#pg-data-canvas");
  const before = await canvas.boundingBox();
  await canvas.focus();
  await page.keyboard.press("f");
  await page.waitForSelector(".chart-holder.chart-full #pg-data-canvas");
  await page.waitForFunction(
    (area) => {
      const r = document.getElementById("pg-data-canvas").getBoundingClientRect();
      return r.width * r.height > 3 * area && r.height > 0.8 * innerHeight;
    },
    before.width * before.height,
  );
  // Redrawn sharp: the canvas's pixels follow its new size.
  await page.waitForFunction(() => {
    const c = document.getElementById("pg-data-canvas");
    return Math.abs(c.width - c.getBoundingClientRect().width * devicePixelRatio) < 2;
  });
  await page.keyboard.press("Escape");
  await page.waitForSelector(".chart-full", { state: "detached" });
  const after = await canvas.boundingBox();
  assert.ok(Math.abs(after.width - before.width) < 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a chart's PNG decodes at twice the chart's size with a title band; a table's CSV has its rows", async () => {
  const { page, context, problems } = await site.open("vanishing");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('#vanishing-lab [aria-label^="Save"][aria-label$="as a PNG image"] >> nth=0'),
  ]);
  const file = await download.path();
  const { readFileSync } = await import("node:fs");
  const png = readFileSync(file);
  assert.equal(png.subarray(1, 4).toString(), "PNG");
  // The image decodes in the page, and its size is the chart's at twice its CSS pixels, plus the title.
  const canvasId = await page.evaluate(() => document.querySelector("#vanishing-lab .chart-holder canvas").id);
  const size = await page.evaluate(async ([bytes, id]) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: "image/png" }));
    const c = document.getElementById(id);
    return { width: bitmap.width, height: bitmap.height, css: [c.clientWidth, c.clientHeight] };
  }, [[...png], canvasId]);
  assert.equal(size.width, Math.round(size.css[0] * 2));
  assert.ok(size.height > Math.round(size.css[1] * 2), `${JSON.stringify(size)}`);
  // Drawn back at the screen's ratio afterwards.
  assert.equal(await page.evaluate((id) => document.getElementById(id).width, canvasId), Math.round(size.css[0]));

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.click("#vanishing-lab .table-csv >> nth=0")]);
  const csv = readFileSync(await csvDownload.path(), "utf8");
  const rows = csv.split("\r\n").map((line) => line.split(","));
  const table = await page.evaluate(() => {
    const t = document.querySelector("#vanishing-lab .table-csv").previousElementSibling;
    const table = t.matches("table") ? t : t.querySelector("table");
    return [...table.rows].map((r) => r.cells.length);
  });
  assert.equal(rows.length, table.length, "one CSV line per table row");
  assert.deepEqual(rows.map((r) => r.length), table);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the lesson path: an overview in the course's order, Next and Previous open the prepared step, terms open the glossary", async () => {
  const { page, context, problems } = await site.open("two-neuron");
  await page.click("#lessons-button");
  const steps = await page.locator("#lessons ol li").allTextContents();
  const tabs = await page.locator('#lab-tabs [role="tab"]').count();
  // Data preparation is listed once its tab exists.
  assert.equal(steps.length, tabs >= 7 ? 10 : 9);
  assert.match(steps[0], /^The forward pass: /);
  assert.match(steps.at(-1), /^The playground: /);
  assert.ok(steps.findIndex((s) => /^Loss functions/.test(s)) < steps.findIndex((s) => /^Optimizers and batches/.test(s)));
  assert.equal(await page.locator("#lessons dt").count(), 10, "ten terms, each defined once");
  await page.keyboard.press("Escape");
  // The two-neuron lab ends with the next step: the loss, opened after the forward pass (operation 4).
  await page.click("#two-neuron-lab .lesson-nav >> text=Next: The loss");
  await page.waitForFunction(() => document.getElementById("done").textContent === "4");
  assert.match(page.url(), /#two-neuron\?.*op=4/);
  await page.click("#two-neuron-lab .lesson-nav >> text=Next: Backpropagation");
  await page.waitForFunction(() => document.getElementById("done").textContent === "5");
  await page.click("#two-neuron-lab .lesson-nav >> text=Next: Gradient descent and the learning rate");
  await page.waitForSelector("#descent-lab:not([hidden])");
  await page.click("#descent-lab .lesson-nav >> text=Previous: Backpropagation");
  await page.waitForFunction(() => !document.getElementById("two-neuron-lab").hidden && document.getElementById("done").textContent === "5");
  // A term in an introduction opens its definition.
  await page.click("#two-neuron-lab a.term >> nth=0");
  const focused = await page.evaluate(() => document.activeElement.closest("#lessons dt")?.textContent);
  assert.ok(focused, "the term's definition has focus");
  assert.deepEqual(problems, []);
  await context.close();
});
