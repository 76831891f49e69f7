// End-to-end tests of the foundation in headless Chromium: what a user sees after pasting,
// changing the as-of date, switching language, exporting, reloading and forgetting.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openPage, paste, withServerAndBrowser, fixture, setAsOf, showInvoices } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

/** The invoice table as {invoice: {days, outstanding, status}} read from the page. */
async function invoiceRows(page) {
  return page.$$eval("[data-testid=invoice-table] tbody tr[data-invoice]", (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.dataset.invoice,
        {
          days: Number(r.querySelector("[data-col=days]").dataset.days),
          outstanding: r.querySelector("[data-col=outstanding]").textContent.trim(),
          status: r.querySelector("[data-col=status]").dataset.status,
        },
      ]),
    ),
  );
}

test("a Chinese Excel selection: days past due and outstanding per invoice and per customer", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN" });
  await setAsOf(page, "2025-10-31");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("[data-testid=invoice-table] tr[data-invoice='FP-2025-001']");
  const rows = await invoiceRows(page);
  assert.deepEqual(rows["FP-2025-001"], { days: 61, outstanding: "12,345.60", status: "open" });
  assert.deepEqual(rows["FP-2025-002"], { days: 30, outstanding: "5,000.00", status: "open" });
  assert.deepEqual(rows["FP-2025-003"], { days: 16, outstanding: "20,000.00", status: "open" });
  assert.deepEqual(rows["FP-2025-004"], { days: -19, outstanding: "0.00", status: "paid" });
  assert.deepEqual(rows["FP-2025-005"], { days: 60, outstanding: "12,000.00", status: "open" });
  assert.deepEqual(rows["FP-2025-006"], { days: 0, outstanding: "-1,200.00", status: "credit" });
  // Not yet due is said so, not as a negative number of days.
  assert.equal((await page.textContent("tr[data-invoice='FP-2025-004'] [data-col=days]")).trim(), "19 天后到期");
  // The page speaks Chinese to a Chinese browser.
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.match(await page.textContent("[data-testid=row-errors]"), /所有数据行均已读取/);
  assert.match(await page.textContent("[data-testid=skipped-rows] summary"), /\(1\)/);
  // The derived due date says so.
  assert.match(await page.textContent("tr[data-invoice='FP-2025-003']"), /推算/);

  await page.click("role=tab[name='客户账龄表']");
  const summary = page.locator("[data-testid=customer-summary]");
  const shanghai = summary.locator("tr[data-customer='上海明珠贸易有限公司']");
  assert.equal((await shanghai.locator("[data-col=total]").textContent()).trim(), "17,345.60");
  const guangzhou = summary.locator("tr[data-customer='广州南方物流有限公司']");
  assert.equal((await guangzhou.locator("[data-col=total]").textContent()).trim(), "10,800.00");
  assert.equal((await page.textContent("[data-testid=total-CNY]")).trim(), "48,145.60");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a QuickBooks A/R Aging Detail export: titles and totals skipped, never counted twice", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-10-31");
  await page.click("role=tab[name='Settings']");
  await page.fill("[data-testid=default-currency]", "USD");
  await page.locator("[data-testid=default-currency]").dispatchEvent("change");
  await page.click("role=tab[name='Invoices']");
  await paste(page, fixture("quickbooks-aging-detail.csv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='1037']");
  const rows = await invoiceRows(page);
  assert.deepEqual(Object.keys(rows).sort(), ["1021", "1025", "1030", "1031", "1034", "1036", "1037"]);
  assert.equal(rows["1037"].days, -19);
  assert.equal(rows["1021"].days, 113);
  assert.equal(rows["1025"].status, "credit");
  assert.equal((await page.textContent("[data-testid=total-USD]")).trim(), "3,115.67");
  assert.match(await page.textContent("[data-testid=date-order]"), /month\/day\/year/);
  assert.match(await page.textContent("[data-testid=skipped-rows] summary"), /\(16\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a semicolon sheet with decimal commas, and bad rows listed by row number while the rest compute", async () => {
  const { page, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-10-31");
  await paste(page, fixture("european-semicolon.csv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='RE-2025-101']");
  let rows = await invoiceRows(page);
  assert.equal(rows["RE-2025-101"].outstanding, "1,234.56");
  assert.equal(rows["RE-2025-102"].outstanding, "8,000.00");
  assert.equal(rows["RE-2025-104"].outstanding, "2,000.00");
  assert.equal(rows["RE-2025-104"].days, 88);

  await page.click("[data-testid=clear-input]");
  await paste(page, fixture("with-errors.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='A-5']");
  rows = await invoiceRows(page);
  assert.deepEqual(Object.keys(rows).sort(), ["A-1", "A-5"]);
  const errors = await page.$$eval("[data-testid=row-errors] li", (items) => items.map((li) => li.textContent));
  assert.equal(errors.length, 3);
  assert.match(errors[0], /^Row 3, column C \(Due date\): 2025-13-01 — not a date/);
  assert.match(errors[1], /^Row 4, column B \(Customer\): Customer is empty/);
  assert.match(errors[2], /^Row 5, column D \(Amount\): four hundred — not an amount/);
  await context.close();
});

test("changing the as-of date and the buckets recomputes; the language switch changes every label", async () => {
  const { page, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-10-31");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await setAsOf(page, "2025-11-30");
  let rows = await invoiceRows(page);
  assert.equal(rows["FP-2025-001"].days, 91);
  assert.equal(rows["FP-2025-004"].days, 11);
  const bucketOf = (inv) => page.textContent(`tr[data-invoice="${inv}"] [data-col=bucket]`);
  assert.equal(await bucketOf("FP-2025-001"), "Over 90 days");

  await page.click("role=tab[name='Settings']");
  await page.click("[data-testid=buckets-accounting]");
  await page.click("role=tab[name='Invoices']");
  assert.equal(await bucketOf("FP-2025-001"), "91–120 days");

  await page.selectOption("[data-testid=lang-switch]", "zh");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.equal(await bucketOf("FP-2025-001"), "逾期91–120天");
  assert.match(await page.textContent("[data-testid=invoice-table] thead"), /逾期天数/);
  await page.selectOption("[data-testid=lang-switch]", "en");
  assert.match(await page.textContent("[data-testid=invoice-table] thead"), /Days past due/);
  await context.close();
});

test("export CSV: Excel-safe, with a BOM, and the same figures as the table", async () => {
  const { page, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-10-31");
  await paste(page, fixture("chinese-excel.tsv").replace("上海明珠贸易有限公司", "=HYPERLINK(\"x\")"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-csv]")]);
  assert.equal(download.suggestedFilename(), "overdue-invoices-2025-10-31.csv");
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
  // The foundation's columns first, exactly; later issues append theirs (late charges, next steps).
  assert.equal(
    lines[0],
    "invoice,customer,currency,invoice_date,due_date,days_past_due,bucket,amount,paid,outstanding,status,late_interest,fixed_compensation,late_charge,charge_rule,stage,next_step,next_action_date",
  );
  // The table's order (most overdue first) and its figures.
  const shown = await page.$$eval("[data-testid=invoice-table] tbody tr[data-invoice]", (rows) =>
    rows.map((r) => [r.dataset.invoice, r.querySelector("[data-col=days]").dataset.days]),
  );
  const exported = lines.slice(1).map((l) => {
    const cells = l.split(",");
    return [cells[0], cells[5]];
  });
  assert.deepEqual(exported, shown);
  assert.ok(lines.some((l) => l.startsWith("FP-2025-001,\"'=HYPERLINK(\"\"x\"\")\",CNY,2025-08-01,2025-08-31,61,61–90 days,12345.60,0.00,12345.60,open,0.00,0.00,0.00,none,")));
  await context.close();
});

test("the work survives a reload, and one control forgets it", async () => {
  const { page, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-10-31");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await page.selectOption("[data-testid=lang-switch]", "zh");
  await page.reload();
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  // After a reload the input panel starts folded, results first; one click unfolds it.
  assert.equal(await page.locator("[data-testid=paste-input]").count(), 0);
  await page.click("[data-testid=input-toggle]");
  assert.equal(await page.inputValue("[data-testid=as-of-date]"), "2025-10-31");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.match(await page.inputValue("[data-testid=paste-input]"), /^发票号码\t客户名称/);
  assert.equal((await invoiceRows(page))["FP-2025-001"].days, 61);

  await page.click("[data-testid=forget-data]");
  await page.click("[data-testid=forget-confirm]");
  await page.reload();
  await page.waitForSelector("[data-testid=paste-input]");
  assert.equal(await page.inputValue("[data-testid=paste-input]"), "");
  assert.equal(await page.locator("tr[data-invoice]").count(), 0);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await context.close();
});

test("a large paste never enters the textarea, pages the table, and still computes everything", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-10-31");
  const lines = ["Invoice\tCustomer\tDue date\tAmount"];
  for (let i = 0; i < 20000; i++) lines.push(`INV-${i}\tCustomer ${i % 500}\t2025-${String((i % 9) + 1).padStart(2, "0")}-15\t${(i % 997) + 0.5}`);
  await paste(page, lines.join("\n"));
  await page.waitForSelector("[data-testid=paste-preview]");
  assert.equal(await page.inputValue("[data-testid=paste-input]"), "");
  assert.match(await page.textContent("[data-testid=parse-status]"), /^20000 \/ 20000 rows read · 0 problems/);
  await showInvoices(page);
  assert.equal(await page.locator("[data-testid=invoice-table] tbody tr[data-invoice]").count(), 100);
  assert.match(await page.textContent(".pager"), /Rows 1–100 of 20000/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the sample data is one click away, and user text is shown as text, never as HTML", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await page.click("[data-testid=sample-data]");
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP20250101']");
  // The sample's results come first: the paste box is folded, one click away.
  assert.equal(await page.locator("[data-testid=paste-input]").count(), 0);
  await page.click("[data-testid=input-toggle]");
  assert.match(await page.textContent("[data-testid=row-errors]"), /Row 15/);
  await page.click("[data-testid=clear-input]");
  await paste(page, "Invoice\tCustomer\tDue date\tAmount\nX1\t<img src=x onerror=\"document.title='pwned'\">\t2025-10-01\t10\n");
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='X1']");
  assert.equal(await page.locator("[data-testid=invoice-table] img").count(), 0);
  assert.equal(await page.textContent("tr[data-invoice='X1'] td:nth-child(2)"), "<img src=x onerror=\"document.title='pwned'\">");
  assert.notEqual(await page.title(), "pwned");
  assert.deepEqual(problems, []);
  await context.close();
});
