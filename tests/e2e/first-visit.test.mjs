// End-to-end (issue 14 goal 5): a first visit downloads the app once. The service worker
// installs right after the page has loaded and caches every file of the build for offline use;
// the files whose names carry their content's hash (the Wasm module, its glue, the CSS) it takes
// from the browser's HTTP cache instead of the network (web/sw.js), so a phone does not download
// the ~900 KB module a second time. The page still works offline from that cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { serveDist, launch, paste, fixture, showInvoices, DIST } from "./harness.mjs";

// As web/sw.js says: Trunk's hash is a u64 in hex without leading zeros, so not always 16 digits
// (CI once built a module whose hash had 15, and this test, then written with {16}, failed).
const HASHED = /-[0-9a-f]{8,16}[._]/;

test("a first visit requests each hashed file of the build once, and the page then works offline", async () => {
  const served = [];
  const server = await serveDist("/overdue/", DIST, served);
  const browser = await launch();
  try {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(server.url);
    await page.waitForSelector("[data-testid=paste-input]");
    // The worker has installed and taken control: everything it caches has been fetched.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    const hashed = readdirSync(DIST).filter((f) => HASHED.test(f));
    assert.ok(hashed.some((f) => f.endsWith(".js")), `hashed files in the build: ${hashed}`);
    for (const file of hashed) {
      const times = served.filter((p) => p === `/overdue/${file}`).length;
      assert.ok(times <= 1, `${file} requested ${times} times: ${JSON.stringify(served)}`);
    }
    // The main module was downloaded (once), by the page.
    const main = hashed.find((f) => /^overdue-[0-9a-f]{8,16}\.js$/.test(f));
    assert.equal(served.filter((p) => p === `/overdue/${main}`).length, 1);

    // Offline, a new page of the same context starts from the worker's cache.
    await context.setOffline(true);
    const offline = await context.newPage();
    offline.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    await offline.goto(server.url);
    await paste(offline, fixture("chinese-excel.tsv"));
    await showInvoices(offline);
    await offline.waitForSelector("tr[data-invoice='FP-2025-001']");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
});

test("the service worker's rule for hashed names takes Trunk's hashes of any length and no name of ours", () => {
  const source = readFileSync(new URL("../../web/sw.js", import.meta.url), "utf8");
  const rule = source.match(/^const HASHED = \/(.*)\/;$/m)?.[1];
  assert.ok(rule, "web/sw.js defines const HASHED = /…/;");
  const hashed = new RegExp(rule);
  // Trunk's names: the glue, the module carried in JS, the CSS; hashes of 16 and of fewer digits.
  for (const name of ["overdue-48bff6b2a0981bfb.js", "overdue-8bff6b2a0981bfb_bg.wasm.js", "main-0981bfb2.css"]) {
    assert.ok(hashed.test(name), `${name} is a hashed name`);
  }
  // Every unhashed file we ship, and index.html: an update must never take them from the cache.
  const ours = readdirSync(new URL("../../web/", import.meta.url)).concat(["index.html", "workbook_reader.js", "workbook_reader_bg.wasm.js", "letters_engine.js", "letters_engine_bg.wasm.js"]);
  for (const name of ours) assert.ok(!hashed.test(name), `${name} is not a hashed name`);
});
