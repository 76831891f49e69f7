// Issue 14, speed in the page: what the faster paths change must not show. The invoice
// table's search narrows the rows it keeps (src/state/table.rs) and clearing it gives them
// back; a save after an edit that is not a paste writes the pasted text's kept JSON between
// the rest's (src/storage/json.rs), and what is stored must read back whole after a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { paste, withServerAndBrowser, showInvoices } from "./harness.mjs";
import { waitForStored } from "./idb.mjs";
import { ledger } from "../bench/ledger.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

// 3,000 rows, about 270 KB: over the size from which a save keeps the text's JSON (64 KB)
// and over the paste box's large-paste threshold.
const ROWS = 3_000;
const text = ledger(ROWS);

async function openWithLedger() {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("[data-testid=paste-input]");
  await paste(page, text);
  await page.waitForFunction((rows) => document.querySelector("[data-testid=parse-status]")?.textContent.startsWith(`${rows} / ${rows}`), ROWS);
  return { context, page };
}

const pager = (page) => page.textContent(".invoices .pager span");
const shownNumbers = (page) =>
  page.$$eval("[data-testid=invoice-table] tr[data-invoice]", (rows) => rows.map((r) => r.getAttribute("data-invoice")));

test("searching narrows the table to the matching invoices, clearing it shows them all again", async () => {
  const { context, page } = await openWithLedger();
  await showInvoices(page);
  assert.equal(await pager(page), `Rows 1–100 of ${ROWS}`);
  const search = page.locator("[data-testid=search]");
  // Numbers are FP and eight digits: FP00001000–FP00001999 contain "fp00001".
  await search.fill("fp00001");
  await page.waitForFunction(() => document.querySelector(".invoices .pager span")?.textContent === "Rows 1–100 of 1000");
  const found = await shownNumbers(page);
  assert.equal(found.length, 100);
  assert.ok(found.every((n) => n.startsWith("FP00001")), found.join(" "));
  // Typing on narrows further (FP00001200–FP00001209); ten rows need no pager.
  await search.fill("fp0000120");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=invoice-table] tr[data-invoice]").length === 10);
  assert.deepEqual((await shownNumbers(page)).sort(), Array.from({ length: 10 }, (_, i) => `FP0000120${i}`));
  assert.equal(await page.locator(".invoices .pager").count(), 0);
  // Clearing gives every invoice back.
  await search.fill("");
  await page.waitForFunction((rows) => document.querySelector(".invoices .pager span")?.textContent === `Rows 1–100 of ${rows}`, ROWS);
  // Ordered by outstanding, largest first: the first page's amounts never increase.
  await page.click("[data-testid=invoice-table] thead button.sort >> text=/^Outstanding/");
  await page.waitForSelector("[data-testid=invoice-table] th[aria-sort=descending] >> text=/^Outstanding/");
  const amounts = await page.$$eval("[data-testid=invoice-table] td[data-col=outstanding]", (cells) =>
    cells.map((c) => Number(c.textContent.replace(/,/g, ""))),
  );
  assert.equal(amounts.length, 100);
  for (let i = 1; i < amounts.length; i++) assert.ok(amounts[i] <= amounts[i - 1], `row ${i}: ${amounts[i]} after ${amounts[i - 1]}`);
  await context.close();
});

test("edits after a large paste are stored with the whole pasted text, and all of it is back after a reload", async () => {
  const { context, page } = await openWithLedger();
  await waitForStored(page, (json) => json?.includes("FP00002999"));
  await page.selectOption("[data-testid=lang-switch]", "zh");
  await page.fill("[data-testid=as-of-date]", "2026-02-14");
  await page.locator("[data-testid=as-of-date]").dispatchEvent("change");
  const stored = await waitForStored(page, (json) => json?.includes('"as_of":"2026-02-14"'));
  const workspace = JSON.parse(stored);
  assert.equal(workspace.settings.lang, "zh");
  assert.equal(workspace.input.text, text, "the pasted text is stored byte for byte");
  await page.reload();
  await page.waitForFunction((rows) => document.querySelector("[data-testid=parse-status]")?.textContent.startsWith(`${rows} / ${rows}`), ROWS);
  assert.equal(await page.inputValue("[data-testid=as-of-date]"), "2026-02-14");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  await context.close();
});
