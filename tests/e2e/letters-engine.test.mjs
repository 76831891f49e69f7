// End-to-end (issue 14 goal 5): the letters engine (minijinja, a second Wasm module built from
// letters-engine/) is not part of the page's start-up. The page asks for it only once results
// are on screen (or when letters are wanted first); a letter opened straight after the first
// paste shows once it has come, in zh and en, at desktop and phone widths; the service worker
// has it, so letters are written offline too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, openPage, paste, showInvoices, withServerAndBrowser } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const engineFile = (url) => new URL(url).pathname.endsWith("/letters_engine_bg.wasm.js");

/** A fresh page (harness.openPage) that also records the page's own requests from then on:
 *  the engine is asked for only after a paste, so none is missed. */
async function open(locale, viewport) {
  const opened = await openPage(browser, server.url, { locale, viewport });
  opened.requests = [];
  opened.page.on("request", (r) => opened.requests.push(r.url()));
  return opened;
}

for (const [locale, tab, salutation, viewport] of [
  ["zh-CN", "函件", /致\s*上海明珠贸易有限公司：/, { width: 1366, height: 900 }],
  ["en-US", "Letters", /^(Dear|To whom)/m, { width: 390, height: 844 }],
]) {
  test(`${locale} at ${viewport.width}px: the engine comes after the first results, and a letter opened at once shows`, async () => {
    const { context, page, requests, problems } = await open(locale, viewport);
    // The page has started and its service worker installed (after load and start): the page
    // itself has not asked for the engine (the worker's precache is not the page asking).
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    assert.deepEqual(requests.filter(engineFile), [], "no letters engine before any result");

    // The first paste, and straight to the letters: the engine is asked for, and the letter
    // shows when it has come (the placeholder meanwhile, never an empty sheet).
    const engineAsked = page.waitForRequest((r) => engineFile(r.url()));
    await paste(page, fixture("chinese-excel.tsv"));
    await page.click(`role=tab[name='${tab}']`);
    await engineAsked;
    await page.selectOption("[data-testid=letter-customer]", "上海明珠贸易有限公司");
    await page.selectOption("[data-testid=letter-kind]", "demand");
    const letter = await page.textContent("[data-testid=letter-text]");
    assert.match(letter, salutation);
    assert.match(letter, /FP-2025-001/);
    assert.equal(await page.locator("[data-testid=letter-preparing]").count(), 0);
    assert.equal(requests.filter(engineFile).length, 1, "the engine is loaded once");

    // A template error is found by the engine's compiler (not only by the limits).
    await page.click("details.template summary");
    await page.fill("[data-testid=template-editor]", "{% if %}");
    await page.waitForSelector("[data-testid=template-error]");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("offline, a letter is written from the service worker's copy of the engine", async () => {
  const { context, page, problems } = await open("en-US", { width: 1366, height: 900 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  const offline = await context.newPage();
  offline.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await offline.goto(server.url);
  await paste(offline, fixture("chinese-excel.tsv"));
  await showInvoices(offline);
  await offline.click("role=tab[name='Letters']");
  await offline.selectOption("[data-testid=letter-customer]", "北京远航科技有限公司");
  assert.match(await offline.textContent("[data-testid=letter-text]"), /北京远航科技有限公司/);
  assert.deepEqual(problems, []);
  await context.setOffline(false);
  await context.close();
});
