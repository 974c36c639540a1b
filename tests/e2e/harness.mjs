// Shared set-up for the end-to-end tests: serve dist/ on a free loopback port and open the page in Debian's
// Chromium through playwright-core.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { serveDirectory } from "./serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const shots = path.join(here, "screenshots");
mkdirSync(shots, { recursive: true });

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function startSite() {
  const server = await serveDirectory(path.resolve(here, "../../dist"));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  return {
    /** A fresh page on the lab named by `hash`, with every page error and console error collected. */
    async open(hash = "", options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      const page = await context.newPage();
      const problems = [];
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
      await page.goto(hash ? `${url}#${hash}` : url);
      await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
      return { page, context, problems };
    },
    async stop() {
      await browser.close();
      server.close();
    },
  };
}

/** The number shown in an element, as a float (the page writes plain ASCII numbers). */
export async function shownNumber(page, selector) {
  const text = (await page.textContent(selector)).trim();
  assert.notEqual(text, "?", `${selector} is not computed yet`);
  const value = Number(text);
  assert.ok(Number.isFinite(value), `${selector} shows ${text}, not a number`);
  return value;
}

/** Four significant figures, as the course writes them. */
export function assertSig4(actual, expected, what) {
  const relative = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
  assert.ok(relative <= 5e-4, `${what}: shows ${actual}, expected ${expected}`);
}

/**
 * Resolves once the page has drawn at least `frames` animation frames whose timestamps span at least `ms`
 * of the page's clock: the condition under which a play loop that should have stopped (at `perSecond` steps,
 * one every `ms`) would have stepped at least once. A loaded machine makes this take longer, never pass
 * sooner: it waits for frames, not for a time.
 */
export function framesSpanning(page, ms, frames = 3) {
  return page.evaluate(
    ([ms, frames]) =>
      new Promise((done) => {
        let first = null;
        let count = 0;
        const frame = (time) => {
          first ??= time;
          count += 1;
          if (count >= frames && time - first >= ms) done({ frames: count, ms: time - first });
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    [ms, frames],
  );
}
