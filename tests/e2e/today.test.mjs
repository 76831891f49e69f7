// End-to-end: the today list a credit manager reads each morning — order, reasons, letters,
// marking done (kept across a reload), a dispute moving an invoice to the dispute track, the
// playbook edited on the page, and the export's stage columns.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openPage, paste, withServerAndBrowser, fixture, setAsOf, showInvoices } from "./harness.mjs";
import { waitForStored } from "./idb.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

async function start() {
  const opened = await openPage(browser, server.url);
  const { page } = opened;
  await setAsOf(page, "2025-10-31");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  return opened;
}

const items = (page) =>
  page.$$eval("[data-testid=today-list] li.today-item", (lis) =>
    lis.map((li) => ({
      customer: li.dataset.customer,
      kind: li.dataset.kind,
      stage: li.dataset.stage,
      status: li.dataset.status,
      tracks: [...li.querySelectorAll("section.track")].map((s) => s.dataset.kind),
    })),
  );

/** Marks every due step of one customer's card done, one button at a time (each step has its own). */
/** Marks every step of a customer's card done, each click waited for on the page and in the
 * stored workspace (its done records grow), so that a reload after it keeps them all. */
async function markAllDone(page, customer) {
  const marks = page.locator(`li.today-item[data-customer='${customer}'] [data-testid=mark-done]`);
  let stored = doneRecords(await waitForStored(page, (json) => json?.includes(customer)));
  for (let left = await marks.count(); left > 0; left--) {
    await marks.first().click();
    await page.waitForFunction(
      ({ customer, left }) =>
        document.querySelectorAll(`li.today-item[data-customer='${customer}'] [data-testid=mark-done]`).length < left,
      { customer, left },
    );
    stored = doneRecords(await waitForStored(page, (json) => doneRecords(json) > stored));
  }
}

/** How many done records a stored workspace holds (each is `{"action":…,"date":…}`). */
const doneRecords = (json) => (json?.match(/"action":/g) ?? []).length;

test("the today list: worst stage first, with the rule that fired and the letter to send", async () => {
  const { page, problems, context } = await start();
  await page.click("role=tab[name='Today']");
  const list = await items(page);
  // As of 2025-10-31: 上海明珠 has an invoice 61 days late (escalation), 广州南方 60 (pre-legal),
  // 北京远航 16 (formal notice).
  assert.deepEqual(
    list.filter((i) => i.kind === "overdue").map((i) => [i.customer, i.stage]),
    [["上海明珠贸易有限公司", "escalate"], ["广州南方物流有限公司", "pre_legal"], ["北京远航科技有限公司", "formal"]],
  );
  const first = page.locator("[data-testid=today-list] li.today-item").first();
  assert.match(await first.locator(".why").textContent(), /61 days past due/);
  assert.match(await first.textContent(), /FP-2025-001/);
  const beijing = page.locator("li.today-item[data-customer='北京远航科技有限公司']");
  assert.equal(await beijing.locator(".track-overdue [data-letter]").getAttribute("data-letter"), "demand");
  // One card per customer, and each step's day is said against today.
  assert.equal(new Set(list.map((i) => i.customer)).size, list.length);
  assert.match(await beijing.locator("[data-testid=step-when]").first().textContent(), /^(today|overdue by \d+ days?)$/);

  // Mark the card's steps done (the formal notice among them): the card is done for today,
  // and stays so after a reload.
  await markAllDone(page, "北京远航科技有限公司");
  assert.equal(await beijing.getAttribute("data-status"), "done");
  await page.reload();
  await page.click("role=tab[name='Today']");
  assert.equal(await page.locator("li.today-item[data-customer='北京远航科技有限公司']").getAttribute("data-status"), "done");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a disputed invoice leaves the normal track for the dispute track, and rejoins it", async () => {
  const { page, context } = await start();
  // Setting a dispute asks why (no reason is guessed); its day starts as the as-of date.
  await page.click("tr[data-invoice='FP-2025-003'] [data-testid=dispute-toggle]");
  await page.waitForSelector("[data-testid=invoice-playbook] [data-testid=dispute-reason]");
  assert.equal(await page.getAttribute("tr[data-invoice='FP-2025-003'] [data-col=stage]", "data-stage"), "formal");
  assert.equal(await page.inputValue("[data-testid=invoice-playbook] [data-testid=dispute-reason]"), "");
  await page.selectOption("[data-testid=invoice-playbook] [data-testid=dispute-reason]", "quality");
  await page.waitForSelector("tr[data-invoice='FP-2025-003'] [data-col=stage][data-stage=dispute]");
  assert.equal(await page.inputValue("[data-testid=dispute-since]"), "2025-10-31");
  await page.click("role=tab[name='Today']");
  let list = await items(page);
  const beijing = list.filter((i) => i.customer === "北京远航科技有限公司");
  assert.equal(beijing.length, 1, "one card per customer");
  assert.ok(beijing[0].tracks.includes("dispute"));
  assert.ok(!beijing[0].tracks.includes("overdue"));

  await page.click("role=tab[name='Invoices']");
  await page.click("tr[data-invoice='FP-2025-003'] [data-testid=dispute-toggle]");
  assert.equal(await page.getAttribute("tr[data-invoice='FP-2025-003'] [data-col=stage]", "data-stage"), "formal");
  await context.close();
});

test("the playbook is edited on the page, and the export carries stage, next step and date", async () => {
  const { page, context } = await start();
  await page.click("role=tab[name='Settings']");
  assert.equal(await page.locator("[data-testid=playbook-settings]").count(), 1);
  // Make the formal-notice stage end at 15 days: the 16-day invoice becomes pre-legal.
  await page.fill("[data-testid=pb-formal]", "15");
  await page.locator("[data-testid=pb-formal]").dispatchEvent("change");
  await page.click("role=tab[name='Invoices']");
  // Wait for the re-render the edit causes (Yew renders after the event, not within it).
  await page.waitForSelector("tr[data-invoice='FP-2025-003'] [data-col=stage][data-stage=pre_legal]", { timeout: 5000 });
  assert.equal(await page.getAttribute("tr[data-invoice='FP-2025-003'] [data-col=stage]", "data-stage"), "pre_legal");

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-csv]")]);
  const lines = readFileSync(await download.path(), "utf8").slice(1).trim().split("\r\n");
  assert.ok(lines[0].endsWith(",stage,next_step,next_action_date"));
  const fp3 = lines.find((l) => l.startsWith("FP-2025-003,")).split(",");
  assert.equal(fp3[15], "pre_legal");
  assert.match(fp3[17], /^\d{4}-\d{2}-\d{2}$/);
  await context.close();
});

test("an action unticked in the playbook is no longer recommended; risk and DSO per customer", async () => {
  const { page, context } = await start();
  await page.click("role=tab[name='Today']");
  const beijing = page.locator("li.today-item[data-customer='北京远航科技有限公司']");
  assert.match(await beijing.locator(".track-overdue .steps").textContent(), /formal overdue notice/i);
  await page.click("role=tab[name='Settings']");
  await page.click("details.actions summary");
  await page.click("[data-testid=pb-action-send_formal_notice]");
  await page.click("role=tab[name='Today']");
  assert.doesNotMatch(await beijing.locator(".track-overdue .steps").textContent(), /formal overdue notice/i);

  await page.click("role=tab[name='Customers']");
  const shanghai = page.locator("[data-testid=customer-summary] tr[data-customer='上海明珠贸易有限公司']");
  assert.match(await shanghai.locator("[data-col=risk]").getAttribute("data-risk"), /^(low|medium|high)$/);
  assert.equal(await shanghai.locator("[data-col=dso]").count(), 1);
  await context.close();
});

test("a ledger of many customers: Today draws the most urgent 30 cards and shows more on request", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-10-31");
  // 45 customers, each with one invoice due between 5 and 94 days before the as-of date.
  const rows = Array.from({ length: 45 }, (_, i) => {
    const due = new Date(Date.UTC(2025, 9, 26 - 2 * i)).toISOString().slice(0, 10);
    return `INV-${i + 1}\tCustomer ${String(i + 1).padStart(2, "0")}\t${due}\t${1000 + i}`;
  });
  await paste(page, `Invoice\tCustomer\tDue date\tAmount\n${rows.join("\n")}\n`);
  await page.click("role=tab[name='Today']");
  const more = page.locator("[data-testid=today-more]");
  await more.waitFor();
  const cards = page.locator("[data-testid=today-list] li.today-item");
  assert.equal(await cards.count(), 30);
  assert.equal(await more.getAttribute("data-left"), "15");
  assert.match(await more.innerText(), /Show 15 more customers \(15 not shown\)/);
  // The most urgent come first: the invoice 93 days late is drawn, one 5 days late is not yet.
  assert.equal(await page.locator("li.today-item[data-customer='Customer 45']").count(), 1);
  assert.equal(await page.locator("li.today-item[data-customer='Customer 01']").count(), 0);
  await more.click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=today-list] li.today-item").length === 45);
  assert.equal(await more.count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
