// The in-browser benchmark: serves the built site, opens it in Chromium and prints figures — training
// throughput in WebAssembly, each lab's frame time while it animates, the time to the first drawn frame, a
// soak of a million training steps with the memory it took, and the size of the shipped files.
// Run by `bash scripts/bench.sh`; it asserts nothing, it measures.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { startSite } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, "../../dist");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const site = await startSite();
try {
  const firstFrames = [];
  for (let k = 0; k < 5; k++) {
    const { page, context } = await site.open();
    firstFrames.push(await page.evaluate(() => performance.getEntriesByName("first-frame")[0].startTime));
    await context.close();
  }
  console.log(`first frame after navigation (localhost, 5 loads): median ${median(firstFrames).toFixed(0)} ms, max ${Math.max(...firstFrames).toFixed(0)} ms`);

  const { page, context } = await site.open();
  const throughput = await page.evaluate(() => {
    const b = window.wasmBindings;
    const out = {};
    for (const name of ["small", "large"]) {
      b.bench_train(name, 200);
      let steps = 0;
      const start = performance.now();
      while (performance.now() - start < 1500) {
        b.bench_train(name, 500);
        steps += 500;
      }
      out[name] = (steps * 10) / ((performance.now() - start) / 1000);
    }
    const start = performance.now();
    for (let k = 0; k < 10; k++) b.bench_grid();
    out.grid = (performance.now() - start) / 10;
    return out;
  });
  const m = (x) => `${(x / 1e6).toFixed(2)} M`;
  console.log(`training in WebAssembly, 2-4-2-1 tanh, 250 points, batch 10: ${m(throughput.small)}examples/s`);
  console.log(`training in WebAssembly, 2-8-8-8-8-8-8-1 tanh: ${m(throughput.large)}examples/s`);
  console.log(`decision-boundary grid 100×100, every neuron of 2-8×6-1: ${throughput.grid.toFixed(1)} ms`);

  // Frame time: one Play frame of each lab (state update, DOM text, every canvas), run back to back.
  await page.selectOption("#speed", "iterations:100");
  const labs = [["two-neuron", "two-neuron"], ["descent", "descent"], ["vanishing", "vanishing"], ["stopping", "stopping"]];
  for (const [lab, hash] of labs) {
    await page.evaluate((h) => (location.hash = h), hash);
    await page.waitForTimeout(100);
    // Early stopping's heaviest ordinary speed, as measured in every session (its default is slower).
    if (lab === "stopping") await page.evaluate(() => (document.getElementById("es-speed").value = "20"));
    const times = await page.evaluate((name) => {
      const out = [];
      for (let k = 0; k < 20; k++) window.backpropLab.tick(name);
      for (let k = 0; k < 200; k++) {
        const start = performance.now();
        window.backpropLab.tick(name);
        out.push(performance.now() - start);
      }
      return out;
    }, lab);
    console.log(`frame time while animating, ${lab} lab: median ${median(times).toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms`);
  }

  // The losses lab does not animate; dragging z is its busiest moment: every move trains all three runs again
  // and redraws the table and the three canvases.
  await page.click("#tab-losses");
  await page.waitForSelector("#losses-lab:not([hidden])");
  for (const updates of ["300", "5000"]) {
    await page.selectOption("#lo-iterations", updates);
    const times = await page.evaluate(() => {
      const slider = document.getElementById("lo-z");
      const out = [];
      for (let k = 0; k < 220; k++) {
        slider.value = String(-8 + (k % 160) / 10);
        const start = performance.now();
        slider.dispatchEvent(new Event("input"));
        if (k >= 20) out.push(performance.now() - start);
      }
      return out;
    });
    console.log(`frame time while dragging z, losses lab, ${updates} updates a run: median ${median(times).toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms`);
  }

  const soak = await page.evaluate(() => {
    const b = window.wasmBindings;
    b.soak_two_neuron(20_000);
    const before = b.wasm_memory_bytes();
    const start = performance.now();
    const loss = b.soak_two_neuron(1_000_000);
    return { before, after: b.wasm_memory_bytes(), seconds: (performance.now() - start) / 1000, loss };
  });
  console.log(
    `soak: 1,000,000 iterations of the two-neuron lab in ${soak.seconds.toFixed(1)} s; wasm memory ${kb(soak.before)} before, ${kb(soak.after)} after (E = ${soak.loss.toExponential(2)})`,
  );
  await context.close();
} finally {
  await site.stop();
}

let [glue, all] = [0, 0];
for (const file of readdirSync(dist).sort()) {
  if (!/\.(wasm|js|css|html)$/.test(file)) continue;
  const bytes = readFileSync(path.join(dist, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  all += gz;
  if (/^backprop-lab-/.test(file) && /\.(wasm|js)$/.test(file)) glue += gz;
  console.log(`size: ${file.padEnd(40)} ${kb(bytes.length).padStart(10)} raw, ${kb(gz).padStart(9)} gzipped`);
}
console.log(`size: the .wasm and its wasm-bindgen .js, gzipped: ${kb(glue)}; everything the page loads, gzipped: ${kb(all)}`);
