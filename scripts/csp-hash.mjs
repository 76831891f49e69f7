// Trunk post-build hook: puts the SHA-256 of each inline <script> Trunk wrote into index.html
// into the Content-Security-Policy, so that the policy can forbid every other inline script.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
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
writeFileSync(file, html.replace("TRUNK_INLINE_SCRIPT_HASH", hashes.join(" ")));
console.log(`csp-hash: ${hashes.length} inline script(s) allowed by hash`);
