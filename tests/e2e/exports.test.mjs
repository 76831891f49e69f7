// End to end, issue 12: exports pasted as they come out of accounting tools (the core's
// fixtures in tests/fixtures/exports/, whose layouts and sources core/tests/exports_fixtures.rs
// describes; every data row is invented). What a user sees: the totals per currency, the
// invoice count, the sentence saying how the paste was read, and what was set aside — in
// English and in Chinese.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openPage, paste, withServerAndBrowser, fixture, showInvoices } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const text = async (page, selector) => (await page.textContent(selector)).trim();
/** The invoices counted in the panel head: "3 / 6 rows read · 0 problems". */
const invoiceCount = async (page) => Number(await text(page, "[data-testid=parse-status] strong"));

test("Zoho Books invoice export: repeated document totals taken once, the draft set aside (en)", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await paste(page, fixture("exports/zoho_books_invoices.csv"));
  await page.waitForSelector("[data-testid=read-summary]");
  assert.equal(
    await text(page, "[data-testid=read-summary]"),
    "Read as: Zoho Books invoice layout — columns from the header, 6 rows → 3 invoices (repeated document totals counted once), 2 drafts or voids set aside, 10 columns ignored.",
  );
  assert.equal(await invoiceCount(page), 3);
  assert.equal(await text(page, "[data-testid=total-INR]"), "1,250.00");
  assert.equal(await text(page, "[data-testid=total-GBP]"), "70.00");
  // The drafts and voids are listed with their reasons, the ignored columns with theirs.
  const excluded = await text(page, "[data-testid=excluded-docs]");
  assert.match(excluded, /Documents set aside \(2\)/);
  assert.match(excluded, /INV-000102.*a draft, not yet issued/s);
  assert.match(excluded, /void or cancelled/);
  const ignored = await text(page, "[data-testid=ignored-columns]");
  assert.match(ignored, /Columns not used \(10\)/);
  assert.match(ignored, /B Invoice ID: ignored: another column fits “Invoice number” better/);
  assert.match(ignored, /J Exchange Rate: ignored: a column of exchange rate/);
  // Each mapped column says why; the choice stays the user's to change.
  const numberColumn = await page
    .locator("[data-testid^=mapping-]:not([data-testid^=mapping-why])")
    .evaluateAll((selects) => selects.findIndex((s) => s.value === "invoice"));
  assert.ok(numberColumn >= 0, "a column is mapped to the invoice number");
  assert.match(await text(page, `[data-testid=mapping-why-${numberColumn}]`), /Invoice number/i);
  assert.deepEqual(problems, []);
  await context.close();
});

test("ERPNext Accounts Receivable: three invoices in two currencies, the total row skipped (en)", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await paste(page, fixture("exports/erpnext_accounts_receivable.csv"));
  await page.waitForSelector("[data-testid=read-summary]");
  assert.equal(
    await text(page, "[data-testid=read-summary]"),
    "Read as: ERPNext Accounts Receivable layout — columns from the header, 3 rows → 3 invoices, 1 line skipped, 12 columns ignored.",
  );
  assert.equal(await invoiceCount(page), 3);
  assert.equal(await text(page, "[data-testid=total-USD]"), "1,250.50");
  assert.equal(await text(page, "[data-testid=total-EUR]"), "800.00");
  assert.equal(await page.locator("[data-testid=excluded-docs]").count(), 0, "nothing set aside");
  assert.deepEqual(problems, []);
  await context.close();
});

test("China's e-invoice detail export: lines merged per 数电 number, the partial red invoice netted against its blue (zh)", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN" });
  await paste(page, fixture("exports/e_invoice_detail.csv"));
  await page.waitForSelector("[data-testid=read-summary]");
  assert.equal(
    await text(page, "[data-testid=read-summary]"),
    "按“电子发票服务平台 全量发票查询明细”格式读取 — 列按表头识别，6 行 → 2 张发票（同号明细行已合计），2 张全额红冲的发票（蓝字与红字）已排除，1 张红字发票已冲减所列蓝字发票，20 列未使用。",
  );
  assert.equal(await invoiceCount(page), 2);
  // The default currency (CNY) applies: the export has no currency column.
  assert.equal(await text(page, "[data-testid=total-CNY]"), "3,729.00");
  assert.match(await text(page, "[data-testid=excluded-docs]"), /未计入的单据 \(2\)/);
  const merged = await text(page, "[data-testid=merged-lines]");
  assert.match(merged, /并入同号单据的行 \(2\)[\s\S]*已并入第 2 行/);
  // 部分红冲: the blue invoice stays open for 2,260.00 − 226.00.
  assert.match(merged, /红字发票 25312000000012350001（-226\.00）已冲减第 4 行的蓝字发票 25312000000012349999/);
  assert.match(await text(page, "[data-testid=ignored-columns]"), /未使用的列 \(20\)/);

  // The same paste read in English after switching the language.
  await page.selectOption("[data-testid=lang-switch]", "en");
  assert.match(
    await text(page, "[data-testid=read-summary]"),
    /^Read as: China e-invoice platform detail \(全量发票查询\) layout — columns from the header, 6 rows → 2 invoices \(line items merged\), 2 fully reversed invoices \(blue and red\) set aside, 1 red invoice netted against the blue invoice it names, 20 columns ignored\.$/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

// A spreadsheet file itself, opened in the page: the workbook the core's workbook tests open
// (tests/fixtures/exports/ledger.xlsx, from make_workbooks.py), whose first sheet is notes and
// second the invoices. The page asks which sheet, reads the chosen one, and says where from.
const workbook = (name) => new URL(`../fixtures/exports/${name}`, import.meta.url).pathname;

for (const file of ["ledger.xlsx", "ledger.xls", "ledger.ods"]) {
  test(`opening ${file}: the page asks which of its two sheets, then shows its invoices`, async () => {
    const { page, problems, context } = await openPage(browser, server.url);
    await page.setInputFiles("[data-testid=open-file]", workbook(file));
    await page.waitForSelector("[data-testid=sheet-choice]");
    assert.match(await text(page, "[data-testid=sheet-choice]"), new RegExp(`${file.replace(".", "\\.")}.*2 sheets`));
    assert.equal(await text(page, "[data-testid=sheet-0]"), "Notes");
    assert.equal(await text(page, "[data-testid=sheet-1]"), "Invoices");
    await page.click("[data-testid=sheet-1]");
    // The first data opens on Today (issue 15): the invoices are one tab away.
    await showInvoices(page);
    await page.waitForSelector("tr[data-invoice='INV-3']");
    assert.equal(await invoiceCount(page), 3);
    // No currency column: the default (CNY). 1,250.10 + 10.00 + 0.30 outstanding.
    assert.equal(await text(page, "[data-testid=total-CNY]"), "1,260.40");
    assert.match(await text(page, "[data-testid=parse-status]"), new RegExp(`${file.replace(".", "\\.")} · Invoices`));
    assert.equal(await page.locator("[data-testid=sheet-choice]").count(), 0, "the choice is gone once made");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("a damaged spreadsheet says why it could not be read, and the page keeps working", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN" });
  await page.setInputFiles("[data-testid=open-file]", {
    name: "broken.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from("PK\u0003\u0004 not really a workbook"),
  });
  await page.waitForSelector("[data-testid=file-error]");
  assert.notEqual(await text(page, "[data-testid=file-error]"), "");
  await paste(page, fixture("exports/erpnext_accounts_receivable.csv"));
  await page.waitForSelector("[data-testid=total-USD]");
  assert.deepEqual(problems, []);
  await context.close();
});

test("invoice2go export: camelCase columns read, the unsent document set aside, due dates from TermsOld (en)", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await paste(page, fixture("exports/invoice2go_invoices.csv"));
  await page.waitForSelector("[data-testid=read-summary]");
  assert.equal(
    await text(page, "[data-testid=read-summary]"),
    "Read as: invoice2go document layout — columns from the header, 3 rows → 2 invoices, 1 draft or void set aside, 2 due dates from the terms column, 31 columns ignored.",
  );
  assert.equal(await invoiceCount(page), 2);
  assert.equal(await text(page, "[data-testid=total-AUD]"), "1,350.00");
  assert.match(await text(page, "[data-testid=excluded-docs]"), /1003.*a draft, not yet issued/s);
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='1002']");
  assert.match(await text(page, "tr[data-invoice='1002']"), /16 Sep 2025 \(est\.\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Wave transactions: invoices from the receivable lines, payments netted, income and cash set aside (zh)", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN" });
  await paste(page, fixture("exports/wave_transactions.csv"));
  await page.waitForSelector("[data-testid=read-summary]");
  assert.match(await text(page, "[data-testid=read-summary]"), /^按“Wave 账户交易明细”格式读取 — 列按表头识别，11 行凭证 → 3 张发票/);
  assert.equal(await invoiceCount(page), 3);
  assert.equal(await text(page, "[data-testid=total-CNY]"), "950.00");
  assert.match(await text(page, "[data-testid=excluded-docs]"), /\(6\)|（6）|6/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a workbook dropped on the paste box asks which sheet, as the open-file button does", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  const bytes = [...readFileSync(workbook("ledger.xlsx"))];
  const transfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "ledger.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    return dt;
  }, bytes);
  await page.dispatchEvent(".dropzone", "drop", { dataTransfer: transfer });
  await page.waitForSelector("[data-testid=sheet-choice]");
  assert.match(await text(page, "[data-testid=sheet-choice]"), /ledger\.xlsx.*2 sheets/);
  await page.click("[data-testid=sheet-1]");
  await page.waitForSelector("[data-testid=total-CNY]");
  assert.equal(await text(page, "[data-testid=total-CNY]"), "1,260.40");
  assert.match(await text(page, "[data-testid=parse-status]"), /ledger\.xlsx · Invoices/);
  assert.deepEqual(problems, []);
  await context.close();
});

// Files as a new user opens them, not pasted: each names its tool, and the totals per currency
// come out with nothing mapped by hand.
for (const [file, locale, sentence, totals] of [
  [
    "kingdee_ar_aging.csv",
    "zh-CN",
    "按“金蝶云星空 应收款账龄分析表”格式读取 — 列按表头识别，3 行 → 3 张发票，5 行已跳过，6 列未使用。",
    { CNY: "50,500.00", USD: "4,800.00" },
  ],
  [
    "xero_aged_receivables_detail.csv",
    "en-US",
    "Read as: Xero Aged Receivables Detail layout — customer from section headings, 4 rows → 4 invoices, 1 credit note, 10 lines skipped, 2 columns ignored.",
    { CNY: "3,380.00" },
  ],
  [
    "odoo_aged_partner_balance.csv",
    "en-US",
    /^Read as: Odoo Aged Partner Balance layout — columns from the header, 3 rows → 3 invoices, 8 lines skipped/,
    { CNY: "2,965.00" },
  ],
]) {
  test(`opening ${file} as a file: its tool named, totals per currency`, async () => {
    const { page, problems, context } = await openPage(browser, server.url, { locale });
    await page.setInputFiles("[data-testid=open-file]", workbook(file));
    await page.waitForSelector("[data-testid=read-summary]");
    const said = await text(page, "[data-testid=read-summary]");
    if (typeof sentence === "string") assert.equal(said, sentence);
    else assert.match(said, sentence);
    for (const [currency, total] of Object.entries(totals)) {
      assert.equal(await text(page, `[data-testid=total-${currency}]`), total, currency);
    }
    assert.equal(await page.locator("[data-testid=parse-status] strong.bad").count(), 0, "no row errors");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// The reader runs in a Web Worker (web/workbook-worker.js), so a big workbook never blocks the
// page, and a reading can be stopped. To hold the reading open the test holds back the
// reader's module (the worker imports it on the first spreadsheet) until it has pressed Stop;
// the service worker is blocked so that the request reaches the route.
test("a spreadsheet is read in the reader's worker, and a reading can be stopped", async () => {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  let reached;
  const requested = new Promise((resolve) => (reached = resolve));
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route("**/workbook_reader_bg.wasm.js", async (route) => {
    reached();
    await held;
    await route.continue().catch(() => {});
  });
  await page.goto(server.url);
  await page.waitForSelector("[data-testid=paste-input]");
  await page.setInputFiles("[data-testid=open-file]", workbook("ledger.xlsx"));
  await requested;
  assert.equal(page.workers().length, 1, "the reader's worker is running");
  await page.waitForSelector("[data-testid=open-cancel]");
  assert.match(await text(page, "[data-testid=file-opening]"), /Opening/);
  await page.click("[data-testid=open-cancel]");
  await page.waitForSelector("[data-testid=open-cancel]", { state: "detached" });
  assert.equal(await page.locator("[data-testid=sheet-choice]").count(), 0, "a stopped reading offers nothing");
  assert.equal(await page.locator("[data-testid=file-error]").count(), 0, "and says no error");
  await context.unroute("**/workbook_reader_bg.wasm.js");
  release();
  // The next file starts a new worker and reads as usual.
  await page.setInputFiles("[data-testid=open-file]", workbook("ledger.xlsx"));
  await page.waitForSelector("[data-testid=sheet-choice]");
  await page.click("[data-testid=sheet-1]");
  await page.waitForSelector("[data-testid=total-CNY]");
  assert.equal(await text(page, "[data-testid=total-CNY]"), "1,260.40");
  assert.deepEqual(problems, []);
  await context.close();
});
