// Start-up benchmark: what the browser downloads for the app, and how long a first visit takes
// until the paste box is on screen. Prints two tables; asserts nothing (timings on a shared
// machine are for reading).
//   node tests/bench/startup.mjs [runs]   (after `trunk build --release`; default 5 runs)
//
// Sizes: the app's code as it lies in dist/ (the Wasm, or the module that carries it
// compressed, and wasm-bindgen's JS glue), raw and gzipped at level 9 (what a host that
// compresses its responses would send; the test server here sends them raw).
// Time: a fresh browser context per run (no HTTP cache, no service worker yet), from the start
// of the navigation to the moment the paste box is in the document and visible, measured in
// the page (performance.now() is relative to the navigation start); also when Trunk's start-up
// script said the app started; then a reload in the same context (HTTP cache and service
// worker in place), as a user's repeat visit.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, constants } from "node:zlib";
import { serveDist, launch, DIST } from "../e2e/harness.mjs";

const runs = Number(process.argv[2] ?? 5);

const appFiles = readdirSync(DIST).filter((f) => /\.(wasm|js)$/.test(f) && !f.startsWith("sw"));
const sizes = appFiles.map((f) => {
  const bytes = readFileSync(join(DIST, f));
  return {
    file: f,
    "raw bytes": bytes.length,
    "gzip -9 bytes": gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length,
  };
});
sizes.push({
  file: "total",
  "raw bytes": sizes.reduce((s, r) => s + r["raw bytes"], 0),
  "gzip -9 bytes": sizes.reduce((s, r) => s + r["gzip -9 bytes"], 0),
});
console.table(sizes);

const server = await serveDist();
const browser = await launch();
const times = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ locale: "en-US" });
  await context.addInitScript(() => {
    window.__startup = {};
    addEventListener("TrunkApplicationStarted", () => (window.__startup.started = performance.now()));
    const seen = () => {
      const box = document.querySelector("[data-testid=paste-input]");
      if (box && box.checkVisibility()) {
        window.__startup.visible = performance.now();
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(() => seen() && observer.disconnect());
    observer.observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const visit = async (go) => {
    const t0 = Date.now();
    await go();
    await page.waitForSelector("[data-testid=paste-input]", { state: "visible" });
    const wall = Date.now() - t0;
    await page.waitForFunction(() => window.__startup.visible !== undefined && window.__startup.started !== undefined);
    const { visible, started } = await page.evaluate(() => window.__startup);
    return { visible: +visible.toFixed(1), started: +started.toFixed(1), wall };
  };
  const first = await visit(() => page.goto(server.url));
  // The service worker has cached this build by now (or soon): a repeat visit, as a user's.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const again = await visit(() => page.reload());
  times.push({
    run: run + 1,
    "paste box visible ms": first.visible,
    "app started ms": first.started,
    "wall-clock ms (Playwright)": first.wall,
    "repeat visit: paste box visible ms": again.visible,
  });
  await context.close();
}
await browser.close();
await server.close();
const best = (key) => Math.min(...times.map((t) => t[key]));
times.push({
  run: "best",
  "paste box visible ms": best("paste box visible ms"),
  "app started ms": best("app started ms"),
  "wall-clock ms (Playwright)": best("wall-clock ms (Playwright)"),
  "repeat visit: paste box visible ms": best("repeat visit: paste box visible ms"),
});
console.table(times);
