// The start-up script's two ways to decompress the Wasm (scripts/post-build.mjs): the browser's
// DecompressionStream where there is one, and otherwise our own gunzip, inflate.js, imported
// only then — Safari before 16.4, i.e. WeChat's browser on iPhones stuck on iOS 15. Chromium
// stands in for such a browser when DecompressionStream is deleted before the page's scripts run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { paste, fixture, withServerAndBrowser, DIST, showInvoices } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

/** A context (optionally without DecompressionStream) whose page records the page's own
 *  requests, console errors, page errors and CSP violations. */
async function open({ withoutDecompressionStream }) {
  const context = await browser.newContext({ locale: "zh-CN" });
  if (withoutDecompressionStream) {
    await context.addInitScript(() => {
      delete window.DecompressionStream;
    });
  }
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
  });
  const page = await context.newPage();
  // The page's requests only: the service worker precaches every file of the build, inflate.js
  // included (so that an old browser also starts offline); that is not the page asking for it.
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  return { context, page, requests, problems };
}

async function pasteAndSeeInvoices(page) {
  await page.waitForSelector("[data-testid=paste-input]");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
}

async function assertClean(page, problems) {
  await page.waitForTimeout(200); // violation events are dispatched in a task of their own
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
}

const inflateRequests = (requests) => requests.filter((u) => new URL(u).pathname.endsWith("/inflate.js"));

test("without DecompressionStream the page starts with inflate.js, under the CSP, and offline too", async () => {
  const { context, page, requests, problems } = await open({ withoutDecompressionStream: true });
  await page.goto(server.url);
  assert.equal(await page.evaluate(() => typeof DecompressionStream), "undefined");
  await pasteAndSeeInvoices(page);
  await assertClean(page, problems);
  assert.deepEqual(inflateRequests(requests), [`${server.url}inflate.js`]);
  assert.deepEqual(requests.filter((u) => u.endsWith(".wasm")), [], "the Wasm is not fetched: it comes in a JS module");

  // The service worker has inflate.js too: the fallback works with no network.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  requests.length = 0;
  await page.reload();
  await page.waitForSelector("tr[data-invoice='FP-2025-001']"); // the app started, with the saved paste
  assert.equal(inflateRequests(requests).length, 1, "inflate.js is imported again, from the service worker's cache");
  await assertClean(page, problems);
  await context.setOffline(false);
  await context.close();
});

test("with DecompressionStream inflate.js is never requested by the page", async () => {
  const { context, page, requests, problems } = await open({ withoutDecompressionStream: false });
  await page.goto(server.url);
  await pasteAndSeeInvoices(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']"); // the app started, with the saved paste
  await assertClean(page, problems);
  assert.ok(requests.some((u) => u.endsWith("_bg.wasm.js")), "the recording saw the Wasm's module");
  assert.deepEqual(inflateRequests(requests), []);
  await context.close();
});

test("inflate.js decodes the build's Wasm in Chromium into a valid module (the time is reported)", async (t) => {
  const moduleName = readdirSync(DIST).find((f) => f.endsWith("_bg.wasm.js"));
  const { context, page } = await open({ withoutDecompressionStream: false });
  await page.goto(server.url);
  await page.waitForSelector("[data-testid=paste-input]");
  // Dynamic imports from the page's origin, as the start-up script does; the first call is the
  // one a user waits for (nothing compiled yet), later ones show the optimized speed.
  const times = await page.evaluate(async (moduleName) => {
    const { gunzip } = await import(new URL("inflate.js", location.href).href);
    const { default: base64 } = await import(new URL(moduleName, location.href).href);
    const binary = atob(base64);
    const gzipped = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) gzipped[i] = binary.charCodeAt(i);
    const times = [];
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      const wasm = gunzip(gzipped);
      times.push(performance.now() - start);
      if (!WebAssembly.validate(wasm)) throw new Error("not a valid Wasm module");
    }
    return times;
  }, moduleName);
  t.diagnostic(`gunzip of the build's Wasm in Chromium: first ${times[0].toFixed(1)} ms, then ${times.slice(1).map((x) => x.toFixed(1)).join(", ")} ms`);
  // The time is for reading, not asserted (a shared machine makes timed assertions flaky);
  // what is asserted is that every run gave a valid module.
  assert.equal(times.length, 5);
  await context.close();
});
