// End-to-end: offline. The site is served from a subpath (/dist/); one visit installs the service worker and
// caches what the page loaded; then the server is shut and the browser set offline, and a reload still opens
// every lab, which still answers a click.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveDirectory } from "./serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

test("after one visit, every lab opens and works with the server gone and the browser offline", async () => {
  const server = await serveDirectory(path.resolve(here, "../.."));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    const url = `http://127.0.0.1:${server.address().port}/dist/index.html`;
    await page.goto(`${url}#descent`);
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForSelector("body[data-offline=ready]", { timeout: 20_000 });
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true, "the worker controls the page");
    assert.match(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), /\/dist\/sw\.js$/);
    server.close();
    server.closeAllConnections?.();
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
    // Every lab starts and draws, and a step still steps.
    const labs = await page.evaluate(() => [...document.querySelectorAll('#lab-tabs [role="tab"]')].map((t) => t.id.slice(4)));
    assert.ok(labs.length >= 6);
    for (const lab of labs) {
      await page.click(`#tab-${lab}`);
      const drawn = await page.evaluate((lab) => {
        const panel = document.querySelector(`#${document.getElementById(`tab-${lab}`).getAttribute("aria-controls")}`);
        const canvas = panel.querySelector("canvas");
        return !panel.hidden && canvas.width > 0;
      }, lab);
      assert.equal(drawn, true, `${lab} is drawn offline`);
    }
    await page.click("#tab-descent");
    await page.click("#gd-step");
    await page.waitForFunction(() => document.getElementById("gd-iteration").textContent === "1");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    server.close();
    await browser.close();
  }
});
