// Trunk's post-build hook (Trunk.toml): in a release build, esbuild bundles the page's modules (app.js and every
// module it imports, the classroom kit's included, but not dom.js, which the browser tests import too, so it
// stays one module) into one minified app.js; it minifies the other scripts (dom.js, the service worker and
// wasm-bindgen's glue) and the CSS, and drops index.html's comments and indentation. One file compresses
// better than thirty, each gzipped alone (README, Performance). Behaviour is unchanged: esbuild keeps the
// modules' order of evaluation, drops whitespace and comments and renames locals. (Trunk's own minify is not
// used: its HTML minifier drops `type="text"` from inputs, and the CSS's `input[type="text"]` then misses them.)
// The glue and the CSS are loaded with a Subresource Integrity hash, so their hashes in index.html are written
// anew.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { buildSync, transformSync } from "esbuild";

if (!process.env.TRUNK_STAGING_DIR) throw new Error("TRUNK_STAGING_DIR is not set: run this as Trunk's post_build hook");
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const staging = resolve(process.env.TRUNK_STAGING_DIR);

const KEEP = new Set(["app.js", "dom.js"]);
const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
const minifiable = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return minifiable(path);
    return /\.(js|css)$/.test(entry.name) ? [path] : [];
  });
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const indexPath = join(staging, "index.html");
let index = readFileSync(indexPath, "utf8");

const bundle = buildSync({
  entryPoints: [join(staging, "app.js")],
  bundle: true,
  format: "esm",
  minify: true,
  legalComments: "none",
  external: ["./dom.js"],
  metafile: true,
  write: false,
  absWorkingDir: staging,
});
for (const input of Object.keys(bundle.metafile.inputs)) {
  const name = relative(staging, resolve(staging, input)).split("\\").join("/");
  if (KEEP.has(name)) continue;
  rmSync(join(staging, name));
  if (readdirSync(join(staging, name, "..")).length === 0) rmSync(join(staging, name, ".."), { recursive: true });
  // Its preload goes with it (Trunk's minified HTML may or may not quote the address).
  const preload = new RegExp(`<link[^>]*href=["']?\\./${escape(name)}["']?[^>]*>`, "g");
  index = index.replace(preload, "");
}

for (const path of minifiable(staging)) {
  const before = readFileSync(path);
  const code =
    relative(staging, path) === "app.js"
      ? bundle.outputFiles[0].text
      : transformSync(before.toString("utf8"), {
          loader: path.endsWith(".css") ? "css" : "js",
          minify: true,
          legalComments: "none",
        }).code;
  writeFileSync(path, code);
  index = index.replaceAll(sri(before), sri(Buffer.from(code)));
}
// The HTML loses its comments and the indentation before its tags, nothing else: a newline stays, so the
// white space between elements renders as before (no <pre> here, and every <textarea> starts empty).
index = index.replace(/<!--[\s\S]*?-->/g, "").replace(/\n[ \t]+</g, "\n<");
writeFileSync(indexPath, index);
