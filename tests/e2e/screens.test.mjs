// End-to-end: the page on screens of different kinds. On a phone held upright, with a touch screen, a finger
// needs bigger targets than a mouse, and the page must fit the screen's width without zooming out.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSite } from "./harness.mjs";

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

const LABS = ["two-neuron", "descent", "vanishing", "stopping", "losses", "playground", "data"];

test("on a touch phone every control is a finger's size, and no lab is wider than the screen", async () => {
  for (const lab of LABS) {
    const { page, context, problems } = await site.open(lab, {
      viewport: { width: 390, height: 800 },
      hasTouch: true,
      isMobile: true,
    });
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll("button, select, input, textarea, [role=tab]")]
        .filter((e) => e.offsetParent !== null && e.type !== "file" && e.type !== "hidden")
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { name: e.id || `${e.tagName} ${e.type} “${e.closest("label")?.textContent.trim().slice(0, 30)}”`,
                   kind: e.type === "checkbox" || e.type === "radio" ? "box" : e.id === "gd-rate" ? "rate" : "field",
                   width: r.width, height: r.height };
        }),
    );
    assert.ok(controls.length >= 4, `${lab}: controls found`);
    for (const c of controls) {
      // 44 px for what a finger presses or drags; a checkbox or radio button, whose label takes the press too,
      // at least WCAG's 24 px less a little; the η slider's thumb is drawn taller than its track.
      const least = { field: 44, box: 22, rate: 22 }[c.kind];
      assert.ok(c.height >= least - 0.5, `${lab}: ${c.name} is ${c.height.toFixed(1)} px tall`);
      assert.ok(c.width >= 22, `${lab}: ${c.name} is ${c.width.toFixed(1)} px wide`);
    }
    const widths = await page.evaluate(() => [innerWidth, document.documentElement.scrollWidth]);
    assert.equal(widths[1], widths[0], `${lab}: the page is ${widths[1]} px wide on a ${widths[0]} px screen`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("every table and every control has a name a screen reader can say, and the focus ring stands out", async () => {
  const { page, context, problems } = await site.open("two-neuron");
  const unnamed = await page.evaluate(() => {
    const named = (e) =>
      (e.getAttribute("aria-label") || "").trim() ||
      (e.getAttribute("aria-labelledby") || "").split(" ").map((id) => document.getElementById(id)?.textContent.trim()).join("") ||
      (e.tagName === "TABLE" && e.caption?.textContent.trim()) ||
      [...(e.labels || [])].map((l) => l.textContent.trim()).join("") ||
      (["BUTTON", "SUMMARY"].includes(e.tagName) && e.textContent.trim()) ||
      e.getAttribute("title");
    // Every lab's markup is in the page from the start, hidden or not.
    return [...document.querySelectorAll("table, button, select, input, textarea, canvas")]
      .filter((e) => e.type !== "hidden" && !named(e))
      .map((e) => e.id || e.outerHTML.slice(0, 60));
  });
  assert.deepEqual(unnamed, [], "elements without an accessible name");
  // WCAG 1.4.11: a focus indicator at least 3:1 against the page and the panels.
  await page.keyboard.press("Tab");
  const colours = await page.evaluate(() => {
    const focused = document.activeElement;
    const style = getComputedStyle(focused);
    return { outline: style.outlineColor, width: style.outlineWidth, style: style.outlineStyle };
  });
  const rgb = colours.outline.match(/\d+/g).slice(0, 3).map(Number);
  const luminance = (c) =>
    c.map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, k) => sum + v * [0.2126, 0.7152, 0.0722][k], 0);
  for (const background of [[255, 255, 255], [247, 247, 245]]) {
    const [hi, lo] = [luminance(rgb), luminance(background)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    assert.ok(ratio >= 3, `focus ring ${colours.outline} is ${ratio.toFixed(2)}:1 on rgb(${background})`);
  }
  assert.notEqual(colours.style, "none", "the focused control shows a ring");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a very wide screen (a projector in a hall) gets larger type, in the charts too", async () => {
  const sizes = {};
  for (const width of [1280, 1920]) {
    const { page, context, problems } = await site.open("descent", { viewport: { width, height: 1000 } });
    // Every font a canvas is given, recorded from the first drawing on.
    await context.addInitScript(() => {
      window.canvasFonts = [];
      const font = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, "font");
      Object.defineProperty(CanvasRenderingContext2D.prototype, "font", {
        set(value) { window.canvasFonts.push(parseFloat(value.match(/([\d.]+)px/)?.[1])); font.set.call(this, value); },
        get() { return font.get.call(this); },
      });
    });
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    sizes[width] = await page.evaluate(() => ({
      font: parseFloat(getComputedStyle(document.documentElement).fontSize),
      page: document.getElementById("descent-lab").getBoundingClientRect().width,
      chartText: Math.max(...window.canvasFonts.filter(Number.isFinite)),
    }));
    assert.deepEqual(problems, []);
    await context.close();
  }
  assert.equal(sizes[1280].font, 16);
  assert.equal(sizes[1920].font, 20);
  assert.ok(sizes[1920].page > 1.2 * sizes[1280].page, JSON.stringify(sizes));
  // The charts' largest text grows as the page's does: 20/16.
  assert.ok(Math.abs(sizes[1920].chartText / sizes[1280].chartText - 20 / 16) < 0.02, JSON.stringify(sizes));
});

test("widening the window past the wide-screen step redraws every lab's charts at their new size", async () => {
  for (const lab of LABS) {
    const { page, context, problems } = await site.open(lab, { viewport: { width: 1280, height: 900 } });
    const stale = () =>
      [...document.querySelectorAll("canvas")]
        .filter((c) => c.offsetParent !== null && c.clientWidth > 0)
        .filter((c) => Math.abs(c.width - Math.round(c.clientWidth * devicePixelRatio)) > 1)
        .map((c) => `${c.id}: ${c.width} px drawn in ${c.clientWidth} px`);
    assert.deepEqual(await page.evaluate(stale), [], `${lab}: canvases sized for 1280 px`);
    const before = await page.evaluate(() => [...document.querySelectorAll("canvas")].map((c) => c.width));
    await page.setViewportSize({ width: 1920, height: 900 });
    // Resize observers fire after layout: wait for the redraw itself. A canvas is sized for the screen in the
    // same call that draws it, so a backing store that matches its box has been drawn at that size.
    const waited = await page
      .waitForFunction(`(${stale})().length === 0`, null, { timeout: 10_000 })
      .then(() => null, () => "timed out");
    assert.deepEqual(await page.evaluate(stale), [], `${lab}: canvases not redrawn at their new size (${waited})`);
    const after = await page.evaluate(() => [...document.querySelectorAll("canvas")].map((c) => c.width));
    assert.notDeepEqual(after, before, `${lab}: the canvases were redrawn wider`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
