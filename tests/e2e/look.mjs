// Developer tool: screenshots of the built page for looking at it.
// `node tests/e2e/look.mjs [hash] [out.png] [javascript to run first] [viewport width]`
import { chromium } from "playwright-core";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serveDirectory } from "./serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const [hash = "", out = "look.png", script = "", width = "1280"] = process.argv.slice(2);
const server = await serveDirectory(path.resolve(here, "../../dist"));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
page.on("pageerror", (e) => console.log("page error:", e.message));
page.on("console", (m) => m.type() === "error" && console.log("console error:", m.text()));
await page.goto(`http://127.0.0.1:${server.address().port}/index.html#${hash}`);
await page.waitForSelector("body[data-ready=true]");
if (script) await page.evaluate(script);
// Two frames: whatever the script changed has been drawn.
await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
server.close();
