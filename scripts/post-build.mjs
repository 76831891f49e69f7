// Trunk post-build hook:
// - puts the SHA-256 of each inline <script> Trunk wrote into index.html into the
//   Content-Security-Policy, so that the policy can forbid every other inline script;
// - writes the build's file list and id into the service worker, so that it caches exactly
//   this build and a new build is seen as an update.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  process.exit(1);
}
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`,
);
if (!html.includes("TRUNK_INLINE_SCRIPT_HASH")) {
  console.error("csp-hash: placeholder TRUNK_INLINE_SCRIPT_HASH not found in index.html");
  process.exit(1);
}
const finalHtml = html.replace("TRUNK_INLINE_SCRIPT_HASH", hashes.join(" "));
writeFileSync(file, finalHtml);
console.log(`csp-hash: ${hashes.length} inline script(s) allowed by hash`);

const swFile = join(dir, "sw.js");
const files = readdirSync(dir).filter((f) => f !== "sw.js" && f !== "index.html");
const build = createHash("sha256").update(finalHtml).digest("hex").slice(0, 16);
const sw = readFileSync(swFile, "utf8")
  .replace('"__OVERDUE_BUILD__"', JSON.stringify(build))
  .replace('const FILES = ["./"];', `const FILES = ${JSON.stringify(["./", ...files.map((f) => `./${f}`)])};`);
writeFileSync(swFile, sw);
console.log(`csp-hash: service worker for build ${build} caches ${files.length + 1} files`);
