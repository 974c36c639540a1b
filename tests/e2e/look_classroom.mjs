// Developer tool: the first screen of a lab as a class sees it, in a theme and optionally in presentation mode.
// `node tests/e2e/look_classroom.mjs <hash> <out.png> [width] [height] [light|dark] [present] [fullpage]`
import { chromium } from "playwright-core";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serveDirectory } from "./serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const [hash = "", out = "look.png", width = "1280", height = "720", scheme = "light", present = "", full = ""] = process.argv.slice(2);
const server = await serveDirectory(path.resolve(here, "../../dist"));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, colorScheme: scheme });
page.on("pageerror", (e) => console.log("page error:", e.message));
page.on("console", (m) => m.type() === "error" && console.log("console error:", m.text()));
const search = present ? "?present=1" : "";
await page.goto(`http://127.0.0.1:${server.address().port}/index.html${search}#${hash}`);
await page.waitForSelector("body[data-ready=true]", { timeout: 10_000 });
await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
await page.screenshot({ path: out, fullPage: Boolean(full) });
await browser.close();
server.close();
