// Trunk post-build hook, run on the staged build ($TRUNK_STAGING_DIR) before Trunk moves it to
// dist/. In this order:
// 1. Carries the Wasm in a JS module instead of a file to fetch, so that the
//    Content-Security-Policy can say `connect-src 'none'` (wasm-bindgen's loader would
//    fetch() the .wasm, and fetch is a connection). The .wasm is gzipped, base64'd and
//    exported as a string by `<name>_bg.wasm.js`; the .wasm and Trunk's preload of it are
//    removed; Trunk's inline start-up script imports the module, decompresses it in the
//    browser (DecompressionStream, no network) and gives wasm-bindgen's init() a Response, which
//    it compiles with WebAssembly.instantiateStreaming. A browser without DecompressionStream
//    (Safari < 16.4: WeChat on iPhones stuck on iOS 15) imports our own gunzip, inflate.js
//    (copied from web/ by index.html), only then, and gives init() the bytes.
// 1b. Builds the spreadsheet reader (workbook-reader/) and the letters engine
//    (letters-engine/) as second Wasm modules and carries them the same way, in
//    `workbook_reader_bg.wasm.js` and `letters_engine_bg.wasm.js`. The letters engine is loaded
//    by web/letters-loader.js once the first results are on screen (src/letters_engine.rs).
//    web/workbook-loader.js starts the reader's Web Worker (web/workbook-worker.js +
//    workbook-ops.js), which imports it, on the first spreadsheet opened. Neither is on the
//    start-up path. In release builds both go through wasm-opt -Os first, as Trunk does with
//    the page's module.
// 2. Puts the SHA-256 of each inline <script> into the CSP (placeholder
//    TRUNK_INLINE_SCRIPT_HASH), so that the policy can forbid every other inline script.
// 3. Writes the build's file list and id into the service worker, so that it caches exactly
//    this build and a new build is seen as an update.
// Anything not as expected (a Trunk or wasm-bindgen upgrade that changes what they write) stops
// the build with a message rather than shipping a page that cannot start.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { constants, gzipSync } from "node:zlib";

const fail = (message) => {
  console.error(`post-build: ${message}`);
  process.exit(1);
};
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail("TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
const htmlFile = join(dir, "index.html");
const swFile = join(dir, "sw.js");
let html = readFileSync(htmlFile, "utf8");
const swSource = readFileSync(swFile, "utf8");

// Everything is checked before anything is written.
const csp = html.match(/<meta http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)?.[1];
if (!csp) fail("no <meta http-equiv=\"Content-Security-Policy\" content=\"…\"> in index.html");
const directives = csp.split(";").map((d) => d.trim());
if (!directives.includes("connect-src 'none'")) fail(`the CSP in index.html does not say connect-src 'none': ${csp}`);
if (!csp.includes("TRUNK_INLINE_SCRIPT_HASH")) fail("placeholder TRUNK_INLINE_SCRIPT_HASH not found in the CSP of index.html");
if (!swSource.includes('"__OVERDUE_BUILD__"') || !swSource.includes('const FILES = ["./"];')) {
  fail('web/sw.js lacks the placeholders "__OVERDUE_BUILD__" and const FILES = ["./"];');
}

// 1. The Wasm, inside a JS module.
const wasms = readdirSync(dir).filter((f) => f.endsWith("_bg.wasm"));
if (wasms.length !== 1) fail(`expected exactly one *_bg.wasm in ${dir}, found ${wasms.length} (${wasms.join(", ")})`);
const [wasmName] = wasms;
const moduleName = `${wasmName}.js`;

// Trunk's <link rel="preload" href="…_bg.wasm" as="fetch" type="application/wasm">: a preload
// is a fetch, which the CSP now refuses (an error in the console), and there is no file left.
const preloads = [...html.matchAll(/<link\b[^>]*>/g)].filter(
  ([tag]) => /\brel="preload"/.test(tag) && new RegExp(`\\bhref="[^"]*${escapeRegExp(wasmName)}"`).test(tag),
);
if (preloads.length !== 1) fail(`expected exactly one <link rel="preload"> of ${wasmName} in index.html, found ${preloads.length}`);
const [preload] = preloads[0];
if (!/\bas="fetch"/.test(preload) || !/\btype="application\/wasm"/.test(preload)) {
  fail(`the preload of ${wasmName} is not as="fetch" type="application/wasm": ${preload}`);
}
const base = preload.match(/\bhref="([^"]*)"/)[1].slice(0, -wasmName.length);

// Trunk's start-up script: `const wasm = await init({ module_or_path: '<base><wasm>' });`
const initCall = new RegExp(`\\binit\\(\\s*\\{\\s*module_or_path:\\s*(['"])${escapeRegExp(base + wasmName)}\\1\\s*\\}\\s*\\)`, "g");
const initCalls = [...html.matchAll(initCall)];
if (initCalls.length !== 1) {
  fail(`expected exactly one init({ module_or_path: '${base}${wasmName}' }) in index.html, found ${initCalls.length}`);
}
const scriptStart = html.lastIndexOf('<script type="module">', initCalls[0].index);
if (scriptStart < 0 || html.lastIndexOf("</script>", initCalls[0].index) > scriptStart) {
  fail(`the init() call of ${wasmName} is not inside a <script type="module">`);
}

if (readdirSync(dir).includes(moduleName)) fail(`${moduleName} is already in ${dir}`);
// The fallback decoder the start-up script imports where there is no DecompressionStream: without
// it the page would build and pass in every modern browser and fail only on the old ones.
const inflateName = "inflate.js";
if (!readdirSync(dir).includes(inflateName)) {
  fail(`${inflateName} is not in ${dir} (index.html must copy web/${inflateName}: <link data-trunk rel="copy-file" href="web/${inflateName}" />)`);
}

const wasmBytes = readFileSync(join(dir, wasmName));
const gzipped = gzipSync(wasmBytes, { level: constants.Z_BEST_COMPRESSION });
const moduleSource =
  `// ${wasmName}, gzipped and base64'd by scripts/post-build.mjs: the page's CSP allows no fetch.\n` +
  `export default "${gzipped.toString("base64")}";\n`;

// The second modules' loaders share this decoding as web/wasm-source.js; the page's start-up
// has it inline, so that the first screen waits for no further request.
const startup = `
// The Wasm comes in a JS module (gzip, base64) and is decompressed here without any request:
// the Content-Security-Policy says connect-src 'none' (see scripts/post-build.mjs).
import overdueWasmGzipBase64 from '${base}${moduleName}';
// A Response of the Wasm, which init() compiles as it streams; or, where the browser cannot
// decompress gzip itself, the Wasm's bytes.
async function overdueWasm(base64) {
  let bytes;
  if (typeof Uint8Array.fromBase64 === "function") {
    bytes = Uint8Array.fromBase64(base64);
  } else {
    const binary = atob(base64);
    bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  }
  if (typeof DecompressionStream !== "function") {
    // Safari < 16.4 (WeChat on iOS 15), Firefox < 113: our own gunzip, fetched only here.
    const { gunzip } = await import('${base}${inflateName}');
    return gunzip(bytes);
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream, { headers: { "content-type": "application/wasm" } });
}`;
const initAt = initCalls[0].index;
const openTagEnd = scriptStart + '<script type="module">'.length;
html =
  html.slice(0, openTagEnd) +
  startup +
  html.slice(openTagEnd, initAt) +
  "init({ module_or_path: await overdueWasm(overdueWasmGzipBase64) })" +
  html.slice(initAt + initCalls[0][0].length);

// The module in place of the preload, with an integrity like Trunk's for its own files.
const integrity = `sha384-${createHash("sha384").update(moduleSource, "utf8").digest("base64")}`;
html = html.replace(
  preload,
  `<link rel="modulepreload" href="${base}${moduleName}" crossorigin="anonymous" integrity="${integrity}">`,
);
writeFileSync(join(dir, moduleName), moduleSource);
unlinkSync(join(dir, wasmName));
console.log(
  `post-build: ${wasmName} (${wasmBytes.length} bytes) is now ${moduleName} (${Buffer.byteLength(moduleSource)} bytes, gzip + base64)`,
);

// 1b. The spreadsheet reader and the letters engine, built here (Trunk builds one Rust crate
// for the page) with the same wasm-bindgen, and carried in JS modules like the main Wasm.
const sourceDir = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const release = process.env.TRUNK_PROFILE === "release";
function secondModule({ crate, name, needs, what, loaded }) {
  for (const file of needs) {
    if (!readdirSync(dir).includes(file)) fail(`${file} is not in the build (index.html must copy web/${file})`);
  }
  const cargoArgs = ["build", "--target", "wasm32-unknown-unknown", "-p", crate];
  if (release) cargoArgs.push("--release");
  execFileSync("cargo", cargoArgs, { cwd: sourceDir, stdio: "inherit" });
  const built = join(sourceDir, "target", "wasm32-unknown-unknown", release ? "release" : "debug", `${crate.replaceAll("-", "_")}.wasm`);
  execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", dir, "--out-name", name, built], {
    stdio: "inherit",
  });
  // Trunk runs wasm-opt on the page's module in release builds (index.html: data-wasm-opt="s"),
  // not on this one: do the same here, with the same level and the same wasm-opt (Trunk.toml pins
  // version_132; scripts/env.sh puts node_modules/.bin's on PATH, or set WASM_OPT).
  const file = join(dir, `${name}_bg.wasm`);
  const unoptimised = readFileSync(file).length;
  if (release) {
    const wasmOpt = process.env.WASM_OPT ?? "wasm-opt";
    try {
      execFileSync(wasmOpt, ["-Os", file, "-o", file], { stdio: "inherit" });
    } catch (e) {
      fail(`${wasmOpt} -Os on ${name}_bg.wasm failed (${e.message}); run with scripts/env.sh sourced, or set WASM_OPT`);
    }
  }
  const bytes = readFileSync(file);
  const gzipped = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(
    join(dir, `${name}_bg.wasm.js`),
    `// ${name}_bg.wasm, gzipped and base64'd by scripts/post-build.mjs: the page's CSP allows no fetch.\n` +
      `export default "${gzipped.toString("base64")}";\n`,
  );
  unlinkSync(file);
  console.log(
    `post-build: ${what} is ${bytes.length} bytes` +
      (release ? ` (${unoptimised} before wasm-opt -Os)` : "") +
      `, ${gzipped.length} gzipped (loaded ${loaded})`,
  );
}
secondModule({
  crate: "overdue-workbook-reader",
  name: "workbook_reader",
  needs: ["workbook-loader.js", "workbook-ops.js", "workbook-worker.js", "wasm-source.js"],
  what: "the spreadsheet reader",
  loaded: "on first use",
});
secondModule({
  crate: "overdue-letters-engine",
  name: "letters_engine",
  needs: ["letters-loader.js", "wasm-source.js"],
  what: "the letters engine",
  loaded: "after the first results",
});

// 2. The CSP: the hash of every inline script, taken from the final page.
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`,
);
html = html.replace(csp, csp.replace("TRUNK_INLINE_SCRIPT_HASH", hashes.join(" ")));
writeFileSync(htmlFile, html);
console.log(`post-build: ${hashes.length} inline script(s) allowed by hash`);

// 3. The service worker: the files of the build as they are now (the module, not the .wasm).
const files = readdirSync(dir).filter((f) => f !== "sw.js" && f !== "index.html");
const build = createHash("sha256").update(html).digest("hex").slice(0, 16);
const sw = swSource
  .replace('"__OVERDUE_BUILD__"', JSON.stringify(build))
  .replace('const FILES = ["./"];', `const FILES = ${JSON.stringify(["./", ...files.map((f) => `./${f}`)])};`);
writeFileSync(swFile, sw);
console.log(`post-build: service worker for build ${build} caches ${files.length + 1} files`);
