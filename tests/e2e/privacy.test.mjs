// Privacy you can verify: every request the browser makes while a user pastes data, reads the
// results in every tab, generates and copies a letter and exports the CSV is for one of the
// page's own static files; the CSP allows no connection at all (the Wasm comes in a JS module,
// not fetched) and the browser enforces it; what is kept in this browser is listed and erased
// with one click; "keep nothing" means a reload starts empty.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { openPage, paste, DIST, withServerAndBrowser, fixture, showInvoices } from "./harness.mjs";
import { waitForStored } from "./idb.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

test("no request leaves the page's own static files", async () => {
  const context = await browser.newContext({ locale: "zh-CN" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("[data-testid=paste-input]");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await page.click("[data-testid=sample-data]");
  for (const tab of ["今日待办", "发票", "客户账龄表", "函件", "设置"]) await page.click(`role=tab[name='${tab}']`);
  await page.selectOption("[data-testid=charge-rule]", "cn-sme-regulation");
  await page.click("role=tab[name='函件']");
  await page.selectOption("[data-testid=letter-kind]", "final");
  await page.click("[data-testid=copy-letter]");
  await page.waitForSelector("[data-testid=copied]");
  await page.click("role=tab[name='发票']");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-csv]")]);
  await download.path();
  await page.reload();
  await page.waitForSelector("tr[data-invoice]");

  const ownFiles = new Set(readdirSync(DIST).map((f) => server.url + f));
  ownFiles.add(server.url);
  const foreign = requests.filter((url) => !ownFiles.has(url) && !url.startsWith("blob:") && !url.startsWith("data:"));
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith("_bg.wasm.js")), "the recording saw the page's own files (the Wasm's module)");
  assert.deepEqual(requests.filter((u) => u.endsWith(".wasm")), [], "the Wasm is not fetched: it comes in a JS module");
  await context.close();
});

test("the CSP allows no connection at all, the page works under it, and a fetch is refused", async () => {
  const served = await (await fetch(server.url)).text();
  const csp = served.match(/<meta http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)?.[1];
  assert.ok(csp, "the served page has a CSP meta");
  const directives = csp.split(";").map((d) => d.trim());
  assert.ok(directives.includes("default-src 'none'"), csp);
  assert.ok(directives.includes("connect-src 'none'"), csp);
  assert.doesNotMatch(served, /\.wasm["']/, "the page names no .wasm file to fetch");

  const context = await browser.newContext({ locale: "en-US" });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener(
      "securitypolicyviolation",
      (e) => window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
      true,
    );
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.goto(server.url);
  await page.waitForSelector("[data-testid=paste-input]");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  for (const tab of ["Today", "Customers", "Letters", "Settings", "Invoices"]) await page.click(`role=tab[name='${tab}']`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-csv]")]);
  await download.path();
  assert.equal(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active !== null)), true, "sw.js registers under the CSP");
  assert.deepEqual(problems, []);

  // A violation we cause on purpose, last: violation events are dispatched in tasks of their
  // own, in order, so once this one has arrived any earlier one would have too — and the list
  // must hold this one only.
  const outcome = await page.evaluate(() => fetch("./").then(() => "fetched", (e) => `refused: ${e.name}`));
  assert.equal(outcome, "refused: TypeError");
  await page.waitForFunction(() => window.__violations.some((v) => v.directive === "connect-src"));
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations.map((v) => v.directive), ["connect-src"], JSON.stringify(violations));
  await context.close();
});

test("what is kept is listed, erased with one click, and 'keep nothing' keeps nothing", async () => {
  const { page, context } = await openPage(browser, server.url);
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await waitForStored(page, (json) => json?.includes("FP-2025-001"));
  await page.click("role=tab[name='Settings']");
  assert.match(await page.textContent("[data-testid=device-data]"), /Workspace: your pasted data and settings \(\d+\.\d KB\)/);
  await page.click("[data-testid=erase-device-data]");
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await page.reload();
  await page.waitForSelector("[data-testid=paste-input]");
  assert.equal(await page.locator("tr[data-invoice]").count(), 0);

  await page.click("role=tab[name='Settings']");
  await page.click("[data-testid=keep-nothing]");
  assert.match(await page.textContent("[data-testid=device-data]"), /your pasted data and settings are gone/);
  await page.click("role=tab[name='Invoices']");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ["overdue.keep-nothing"]);
  // The reload leaves the page (which writes what is current at once) and loads what is kept:
  // nothing, in either store.
  await page.reload();
  await page.waitForSelector("[data-testid=paste-input]");
  assert.equal(await page.locator("tr[data-invoice]").count(), 0);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ["overdue.keep-nothing"]);
  assert.equal(await waitForStored(page, () => true), undefined);
  await context.close();
});

test("after the first visit the page loads and works with no network, under a sub-path", async () => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("[data-testid=paste-input]");
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.equal(await page.evaluate(() => document.querySelector("link[rel=manifest]").getAttribute("href")), "manifest.webmanifest");

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("[data-testid=paste-input]");
  await page.click("[data-testid=sample-data]");
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP20250101']");
  assert.match(await page.textContent("[data-testid=parse-status]"), /^12 \/ 13 rows read/);
  await context.setOffline(false);
  await context.close();
});
