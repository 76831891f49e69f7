// Nothing lost on reload, at any size (issue 14 item 6, issue 20 item 6): the workspace is kept
// in IndexedDB (src/storage.rs); an edit made just before a reload survives it, even on a slow
// machine; what earlier versions kept in local storage is moved over; a 100,000-row workspace
// and its notes survive a reload and a browser restart; a browser that refuses to store says
// so at once and offers the file; erasing covers the new store. Tests wait for state, never a
// fixed time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { paste, fixture, withServerAndBrowser, tempDir, showInvoices } from "./harness.mjs";
import { readStored, waitForStored } from "./idb.mjs";
import { ledger } from "../bench/ledger.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

async function open(context) {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("[data-testid=paste-input], tr[data-invoice]");
  return page;
}

/** Whether the stored workspace contains `needle`, checked in the page (it may be megabytes). */
const storedIncludes = (page, needle) =>
  page.evaluate(
    (needle) =>
      new Promise((resolve) => {
        const open = indexedDB.open("overdue");
        open.onupgradeneeded = () => open.result.createObjectStore("kv");
        open.onsuccess = () => {
          const request = open.result.transaction("kv").objectStore("kv").get("workspace");
          request.onsuccess = () => {
            open.result.close();
            resolve(typeof request.result === "string" && request.result.includes(needle));
          };
        };
      }),
    needle,
  );
const waitUntilStoredIncludes = async (page, needle) => {
  while (!(await storedIncludes(page, needle))) await page.waitForTimeout(100);
};

test("an edit made just before a reload is there after it, with the CPU slowed 6×", async () => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await open(context);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await page.reload(); // within the 300 ms the page waits before saving
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");

  // A settings edit, then at once a reload.
  await page.selectOption("[data-testid=lang-switch]", "zh");
  await page.waitForSelector("role=tab[name='设置']");
  await page.reload();
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.equal(await page.locator("role=tab[name='设置']").count(), 1);

  // The same, without even waiting for the page to show it: the change is in the state as soon
  // as it is dispatched, and leaving writes that state (src/app.rs), not the last rendered one.
  await page.selectOption("[data-testid=lang-switch]", "en");
  await page.reload();
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.equal(await page.locator("role=tab[name='Settings']").count(), 1);

  // The tightest case, made certain rather than left to timing: the page is left in the very
  // task of the edit, before Yew has rendered it or run any effect. What leaving writes is the
  // edited workspace.
  const written = await page.evaluate(() => {
    const select = document.querySelector("[data-testid=lang-switch]");
    select.value = "zh";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    window.dispatchEvent(new PageTransitionEvent("pagehide"));
    return localStorage.getItem("overdue.workspace.pending");
  });
  assert.match(written ?? "", /"lang":"zh"/);

  // A note on an invoice, then the tab is closed.
  await page.click("tr[data-invoice='FP-2025-003'] [data-testid=dispute-toggle]");
  await page.selectOption("[data-testid=invoice-playbook] [data-testid=dispute-reason]", "quality");
  await page.waitForSelector("tr[data-invoice='FP-2025-003'] [data-col=stage][data-stage=dispute]");
  await page.close({ runBeforeUnload: true });
  const again = await open(context);
  await showInvoices(again);
  await again.waitForSelector("tr[data-invoice='FP-2025-003'] [data-col=stage][data-stage=dispute]");
  await context.close();
});

test("a workspace kept in local storage by an earlier version is moved to IndexedDB", async () => {
  const context = await browser.newContext({ locale: "en-US" });
  let page = await open(context);
  await paste(page, fixture("chinese-excel.tsv"));
  const json = await waitForStored(page, (json) => json?.includes("FP-2025-001"));
  await page.click("[data-testid=forget-data]");
  await page.click("[data-testid=forget-confirm]");
  await waitForStored(page, (json) => json === undefined);
  await page.evaluate((json) => localStorage.setItem("overdue.workspace", json), json);
  await page.close();

  page = await open(context);
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await waitForStored(page, (stored) => stored === json);
  assert.equal(await page.evaluate(() => localStorage.getItem("overdue.workspace")), null);
  await context.close();
});

test("a 100,000-row workspace and its notes survive a reload and a browser restart", { timeout: 300_000 }, async () => {
  const profile = tempDir();
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      locale: "en-US",
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
    });
  let context = await launch();
  // A persistent context left open keeps `node --test` from ever exiting: closed however the
  // test ends.
  try {
    let page = await open(context);
    const text = ledger(100_000);
    assert.ok(text.length > 5_000_000);
    await paste(page, text);
    await page.waitForSelector("[data-testid=paste-preview]", { timeout: 60_000 });
    await showInvoices(page);
    const shown = () => page.locator("[data-testid=invoice-table] tbody tr[data-invoice]").first();
    const first = await shown().getAttribute("data-invoice");
    const disputed = `tr[data-invoice='${first}'] [data-col=stage][data-stage=dispute]`;
    await page.click(`tr[data-invoice='${first}'] [data-testid=dispute-toggle]`);
    await page.selectOption("[data-testid=invoice-playbook] [data-testid=dispute-reason]", "quality");
    await page.waitForSelector(disputed);
    await waitUntilStoredIncludes(page, "FP00099999");
    await waitUntilStoredIncludes(page, `${first}":{"dispute"`);
    const allThere = async () => {
      await page.waitForSelector("[data-testid=parse-status]", { timeout: 60_000 });
      assert.match(await page.textContent("[data-testid=parse-status]"), /^100000 \/ 100000 rows read/);
      await showInvoices(page);
      // The note (a dispute) is there too: found by searching for its invoice.
      await page.fill("[data-testid=search]", first);
      await page.waitForSelector(disputed);
    };
    await page.reload();
    await allThere();
    await context.close();

    context = await launch();
    page = await open(context);
    await allThere();
  } finally {
    await context.close();
  }
});

test("values out of range in the saved workspace are adjusted on load, and the page says which", async () => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await open(context);
  // As an older version, or a hand edit, might have left it (the next load prefers this key).
  const stored = {
    version: 1,
    input: { text: fixture("chinese-excel.tsv") },
    settings: { terms_days: 99999999, letters: { sender: { bank_account: "9".repeat(5000) } } },
  };
  await page.evaluate((json) => localStorage.setItem("overdue.workspace.pending", json), JSON.stringify(stored));
  await page.reload();
  await page.waitForSelector("[data-testid=sanitized-notice]");
  const items = await page.locator("[data-testid=sanitized-item]").allTextContents();
  assert.deepEqual(items, [
    "Default payment terms (days): was 99999999, now 3650",
    "Your company's details › bank account: was 5000 characters, now 2000 characters",
  ]);
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await page.click("[data-testid=sanitized-dismiss]");
  assert.equal(await page.locator("[data-testid=sanitized-notice]").count(), 0);
  // The adjusted values are what is kept from now on: the next load has nothing to say.
  await waitForStored(page, (json) => json?.includes('"terms_days":3650'));
  await page.reload();
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.equal(await page.locator("[data-testid=sanitized-notice]").count(), 0);
  await context.close();
});

test("a browser that refuses to store says so at once and offers the workspace file", async () => {
  const context = await browser.newContext({ locale: "en-US", acceptDownloads: true });
  await context.addInitScript(() => {
    // As a private mode that refuses IndexedDB does.
    IDBFactory.prototype.open = () => {
      throw new DOMException("refused", "InvalidStateError");
    };
  });
  const page = await open(context);
  await page.waitForSelector("[data-testid=device-status] .device-note.failed");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.match(await page.textContent("[data-testid=device-status]"), /refused to keep it/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download-workspace]")]);
  assert.equal(download.suggestedFilename(), "overdue-workspace.json");
  await context.close();
});

test("erasing everything empties IndexedDB too, the last good copy included", async () => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await open(context);
  await paste(page, fixture("chinese-excel.tsv"));
  await waitForStored(page, (json) => json?.includes("FP-2025-001"));
  await page.reload();
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await waitForStored(page, (json) => json?.includes("FP-2025-001"), "workspace.last-good");
  await page.click("role=tab[name='Settings']");
  await page.click("[data-testid=erase-device-data]");
  await waitForStored(page, (json) => json === undefined);
  assert.equal(await readStored(page, "workspace.last-good"), undefined);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await page.reload();
  await page.waitForSelector("[data-testid=paste-input]");
  assert.equal(await page.locator("tr[data-invoice]").count(), 0);
  await context.close();
});
