// End-to-end: axe-core's accessibility check on every lab, on a wide screen and on a phone. axe comes from
// node_modules and is injected into the page as a script (no CDN, no network); every rule it runs by default
// must pass. A failure lists each violation's rule, impact and the elements at fault.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { startSite } from "./harness.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let site;
before(async () => (site = await startSite()));
after(async () => site?.stop());

const LABS = {
  "two-neuron": "two-neuron-lab",
  descent: "descent-lab",
  vanishing: "vanishing-lab",
  stopping: "stopping-lab",
  losses: "losses-lab",
  playground: "playground-lab",
  data: "data-lab",
};

const SCREENS = {
  "a 1280 × 720 screen": { viewport: { width: 1280, height: 720 } },
  "a 375-px phone": { viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true },
  // The classroom kit's dark theme (the system's choice) and presentation mode (the header's button).
  "the dark theme": { viewport: { width: 1280, height: 720 }, colorScheme: "dark" },
  "presentation mode, dark, at 150% zoom": { viewport: { width: 853, height: 480 }, colorScheme: "dark", present: true },
  "presentation mode": { viewport: { width: 1280, height: 720 }, present: true },
};

// What a lab shows only when asked is checked too: every fold-out is opened, and the two-neuron lab's
// gradient check is run.
async function showEverything(page) {
  await page.evaluate(() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    document.getElementById("check-gradients").click();
  });
}

const described = (violations) =>
  violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n}`).join("\n")}`)
    .join("\n");

for (const [screen, options] of Object.entries(SCREENS)) {
  test(`axe finds no accessibility violations in any lab on ${screen}`, async () => {
    const failures = [];
    for (const [lab, panel] of Object.entries(LABS)) {
      const { present, ...contextOptions } = options;
      const { page, context, problems } = await site.open(lab, contextOptions);
      if (present) await page.click("#present-toggle");
      assert.equal(await page.isVisible(`#${panel}`), true, `${lab} is on show`);
      await showEverything(page);
      await page.addScriptTag({ path: axePath });
      // Two frames, so resize observers have run on what was just opened.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const violations = await page.evaluate(async () =>
        (await window.axe.run(document)).violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => n.target.join(" ")),
        })),
      );
      if (violations.length) failures.push(`#${lab}:\n${described(violations)}`);
      assert.deepEqual(problems, [], `${lab}: page errors`);
      await context.close();
    }
    assert.equal(failures.length, 0, `axe violations on ${screen}:\n${failures.join("\n")}`);
  });
}

test("a table that scrolls sideways is a named region Tab reaches, says so, and scrolls with the arrow keys", async () => {
  const { page, context, problems } = await site.open("vanishing");
  const wrapper = page.locator(".scroll:has(#va-depth-table)");
  assert.equal(await wrapper.getAttribute("role"), "region");
  assert.equal(await wrapper.getAttribute("tabindex"), "0");
  const name = await wrapper.evaluate((w) =>
    w.getAttribute("aria-labelledby").split(" ").map((id) => document.getElementById(id).textContent.trim()).join(" "),
  );
  assert.match(name, /^How the gap grows with depth .*scrolls sideways/);
  assert.equal(await page.isVisible("#va-depth-title-scrolls"), true, "the hint is shown");
  // The arrows scroll the focused table, and do not move the backward pass (the lab's own use of them).
  const revealed = () => page.locator('#va-table td[data-value="gradient"]').allTextContents();
  const before = await revealed();
  await wrapper.focus();
  for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowRight");
  assert.ok((await wrapper.evaluate((w) => w.scrollLeft)) > 0, "the table scrolled");
  assert.deepEqual(await revealed(), before);
  // A table that fits its panel is not a stop for Tab, nor a region, and has no hint.
  const fits = page.locator(".scroll:has(#va-table)");
  assert.equal(await fits.getAttribute("tabindex"), null);
  assert.equal(await fits.getAttribute("role"), null);
  assert.equal(await page.isVisible("#va-table-caption-scrolls"), false);
  assert.deepEqual(problems, []);
  await context.close();
});
