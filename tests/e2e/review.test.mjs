// End-to-end: the weekly review (issue 19). Last week's ledger is pasted and kept as a
// snapshot; this week's (payments, an invoice newly overdue, a customer worse off, a new
// invoice) is pasted and kept; the changes, the KPIs with their formulas and the trend chart
// show; printing shows the report alone; after a reload (once the snapshots are stored) all
// is there. Every row is invented.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser, setAsOf } from "./harness.mjs";
import { waitForStored } from "./idb.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const HEAD = "发票号码\t客户名称\t开票日期\t到期日\t发票金额\t已收金额\t币种";
const LAST_WEEK = [
  HEAD,
  "HD-001\t华东建材有限公司\t2026/9/15\t2026/10/15\t50,000.00\t0\tCNY",
  "HD-002\t华东建材有限公司\t2026/10/20\t2026/11/30\t30,000.00\t0\tCNY",
  "BF-101\t北方物流有限公司\t2026/10/1\t2026/10/31\t20,000.00\t0\tCNY",
  "XB-301\t西部矿业有限公司\t2026/10/25\t2026/11/24\t40,000.00\t0\tCNY",
].join("\n");
const THIS_WEEK = [
  HEAD,
  // Rows in another order; HD-001 paid in full, HD-002 partly.
  "XB-301\t西部矿业有限公司\t2026/10/25\t2026/11/24\t40,000.00\t0\tCNY",
  "BF-101\t北方物流有限公司\t2026/10/1\t2026/10/31\t20,000.00\t0\tCNY",
  "HD-002\t华东建材有限公司\t2026/10/20\t2026/11/30\t30,000.00\t20,000.00\tCNY",
  "HD-001\t华东建材有限公司\t2026/9/15\t2026/10/15\t50,000.00\t50,000.00\tCNY",
  "NF-201\t南方电子有限公司\t2026/11/25\t2026/12/25\t12,000.00\t0\tCNY",
].join("\n");

/** The Review tab, once it shows a ledger of `rows` invoices. The first paste may still be on
 * its way when the tab is clicked (and would then switch to Today): click until it shows. */
async function openReview(page, rows) {
  const tab = page.getByRole("tab", { name: /^(Review|周报)$/ });
  for (let tries = 0; tries < 30; tries++) {
    await tab.click();
    try {
      await page.waitForSelector(`[data-testid=keep-snapshot][data-invoices='${rows}']`, { timeout: 1000 });
      return;
    } catch {
      // Not yet.
    }
  }
  throw new Error(`the Review tab never showed ${rows} invoices`);
}

async function pasteLedger(page, text, rows) {
  await paste(page, text);
  await openReview(page, rows);
}

test("two weeks of one ledger: kept, compared, measured, charted, printed, and still there after a reload", async () => {
  const { page, problems } = await openPage(browser, server.url);

  // Last week.
  await setAsOf(page, "2026-11-20");
  await pasteLedger(page, LAST_WEEK, 4);
  assert.match(await page.textContent("[data-testid=review-no-earlier]"), /No earlier snapshot/);
  await page.click("[data-testid=keep-snapshot]");
  await page.waitForSelector("[data-testid=snapshot-item][data-date='2026-11-20']");
  assert.match(await page.textContent("[data-testid=snapshot-kept]"), /Snapshot kept: 20 Nov 2026/);
  await waitForStored(page, (v) => typeof v === "string" && v.includes("2026-11-20"), "snapshots");

  // This week.
  await setAsOf(page, "2026-11-27");
  await pasteLedger(page, THIS_WEEK, 5);
  await page.waitForSelector("[data-testid=review-changes]");
  const change = async (invoice) =>
    page.getAttribute(`[data-testid=change-row][data-invoice='${invoice}']`, "data-change");
  assert.equal(await change("HD-001"), "paid");
  assert.equal(await change("HD-002"), "partly-paid");
  assert.equal(await change("XB-301"), "newly-overdue");
  assert.equal(await change("NF-201"), "new");
  assert.equal(await page.locator("[data-testid=change-row][data-invoice='BF-101']").count(), 0, "unchanged is not listed");
  // Worst first: the newly overdue invoice leads, payments come last.
  const order = await page.$$eval("[data-testid=change-row]", (rows) => rows.map((r) => r.dataset.change));
  assert.deepEqual(order, ["newly-overdue", "new", "partly-paid", "paid"]);
  // Per customer: 西部矿业 went from nothing overdue to 40,000, and comes first.
  const first = page.locator("[data-testid=customer-change]").first();
  assert.equal(await first.getAttribute("data-customer"), "西部矿业有限公司");
  assert.equal(await first.getAttribute("data-worse"), "true");

  // KPIs, with the formula on hover. Collected: 140,000 then + 12,000 new − 82,000 now =
  // 70,000 (HD-001's 50,000 and 20,000 of HD-002).
  const collected = page.locator("[data-testid=kpi-collected][data-currency=CNY]");
  assert.equal(await collected.getAttribute("data-value"), "70000");
  assert.match(await collected.getAttribute("title"), /beginning 140,000\.00 \+ new invoices 12,000\.00 − ending 82,000\.00/);
  const share = page.locator("[data-testid=kpi-overdue-share][data-currency=CNY]");
  // Overdue now: BF-101 20,000 + XB-301 40,000 of 82,000 open = 73.2 %.
  assert.equal(await share.getAttribute("data-value"), "73.2");
  assert.match(await share.getAttribute("title"), /overdue 60,000\.00 ÷ open amount 82,000\.00/);
  const cei = page.locator("[data-testid=kpi-cei][data-currency=CNY]");
  // (140,000 + 12,000 − 82,000) ÷ (140,000 + 12,000 − 22,000 not yet due) = 53.8 %.
  assert.equal(await cei.getAttribute("data-value"), "53.8");
  assert.match(await cei.getAttribute("title"), /Credit Research Foundation/);
  assert.ok(Number(await page.getAttribute("[data-testid=kpi-dso][data-currency=CNY]", "data-value")) > 0);

  // Keep this week too; the chart has both weeks.
  await page.click("[data-testid=keep-snapshot]");
  await page.waitForSelector("[data-testid=snapshot-item][data-date='2026-11-27']");
  await waitForStored(page, (v) => typeof v === "string" && v.includes("2026-11-27"), "snapshots");
  const chart = page.locator("[data-testid=trend-chart][data-currency=CNY]");
  assert.equal(await chart.getAttribute("data-points"), "2");
  assert.equal(await chart.locator("svg.chart.bars rect").count() > 0, true);
  assert.equal(await chart.locator("svg.chart.line path.trend").count(), 2);
  // After keeping this week, the comparison is still against last week.
  assert.equal(await change("HD-001"), "paid");

  // The report: ten largest overdue customers, the newly at risk, then print shows it alone.
  const report = page.locator("[data-testid=weekly-report]");
  assert.match(await report.locator("[data-testid=report-top-overdue]").textContent(), /西部矿业有限公司/);
  assert.match(await report.locator("[data-testid=report-at-risk]").textContent(), /西部矿业有限公司.*newly overdue/);
  await page.emulateMedia({ media: "print" });
  assert.equal(await report.isVisible(), true);
  assert.equal(await page.locator("[data-testid=trend-chart]").first().isVisible(), true);
  for (const hidden of ["[data-testid=paste-input]", "[data-testid=as-of-date]", "[data-testid=review-changes]",
    "[data-testid=keep-snapshot]", "[data-testid=snapshot-list]", "role=tablist", "[data-testid=print-report]"]) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
  }
  await page.emulateMedia({ media: "screen" });

  // The CSV export of the report.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-report]")]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  assert.match(text, /^\uFEFFsection,currency,item,value,detail/);
  assert.match(text, /kpi,CNY,Collected in period,70000\.00/);
  assert.match(text, /largest overdue,CNY,西部矿业有限公司,40000\.00/);

  // Reload (once this week's ledger is saved too): the snapshots are read back, and the
  // review is the same.
  await waitForStored(page, (v) => typeof v === "string" && v.includes("NF-201"));
  await page.reload();
  await openReview(page, 5);
  await page.waitForSelector("[data-testid=snapshot-item][data-date='2026-11-20']");
  assert.equal(await page.locator("[data-testid=snapshot-item]").count(), 2);
  assert.equal(await change("XB-301"), "newly-overdue");
  assert.equal(await page.getAttribute("[data-testid=kpi-collected][data-currency=CNY]", "data-value"), "70000");

  // Listed in "Data on this device", removable one by one.
  await page.getByRole("tab", { name: "Settings" }).click();
  const onDevice = page.locator("[data-testid=device-data] [data-testid=snapshot-item]");
  assert.equal(await onDevice.count(), 2);
  assert.match(await onDevice.first().textContent(), /KB/);
  await page.click("[data-testid=device-data] [data-testid=snapshot-item][data-date='2026-11-20'] [data-testid=remove-snapshot]");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=device-data] [data-testid=snapshot-item]").length === 1);
  await waitForStored(page, (v) => typeof v === "string" && !v.includes("2026-11-20"), "snapshots");
  // "Erase everything" takes the snapshots too.
  await page.click("[data-testid=erase-device-data]");
  await waitForStored(page, (v) => v === undefined, "snapshots");
  assert.deepEqual(problems, []);
});

test("the review in Chinese at phone width", async () => {
  const { page, problems } = await openPage(browser, server.url, { locale: "zh-CN", viewport: { width: 390, height: 844 } });
  await setAsOf(page, "2026-11-20");
  await pasteLedger(page, LAST_WEEK, 4);
  await page.click("[data-testid=keep-snapshot]");
  await page.waitForSelector("[data-testid=snapshot-item]");
  await setAsOf(page, "2026-11-27");
  await pasteLedger(page, THIS_WEEK, 5);
  await page.waitForSelector("[data-testid=review-changes]");
  assert.match(await page.textContent("[data-testid=weekly-report] h2"), /应收账款周报/);
  assert.match(await page.getAttribute("[data-testid=kpi-cei][data-currency=CNY]", "title"), /期初应收 140,000/);
  if (process.env.REVIEW_SHOTS) {
    await page.screenshot({ path: `${process.env.REVIEW_SHOTS}/review-zh-390.png`, fullPage: true });
  }
  const overflow = await page.locator("[data-testid=weekly-report]").evaluate((el) => {
    const wide = [...el.querySelectorAll("*")].filter((c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right + 1 && !c.closest(".table-scroll"));
    return wide.map((c) => `${c.tagName}.${c.className?.baseVal ?? c.className}`).slice(0, 5);
  });
  assert.deepEqual(overflow, [], "the report fits the phone's width");
  assert.deepEqual(problems, []);
});

/** Two weeks kept in the sender's browser; the data link with the snapshots ticked. */
async function senderLinkWithSnapshots() {
  const { page, context, problems } = await openPage(browser, server.url);
  for (const [asOf, text, rows] of [["2026-11-20", LAST_WEEK, 4], ["2026-11-27", THIS_WEEK, 5]]) {
    await setAsOf(page, asOf);
    await pasteLedger(page, text, rows);
    await page.click("[data-testid=keep-snapshot]");
    await page.waitForSelector(`[data-testid=snapshot-item][data-date='${asOf}']`);
  }
  await waitForStored(page, (v) => typeof v === "string" && v.includes("2026-11-27") && v.includes("2026-11-20"), "snapshots");
  await page.click("[data-testid=share]");
  await page.click("[data-testid=share-with-data]");
  const box = page.locator("[data-testid=share-with-snapshots]");
  await box.waitFor();
  assert.equal(await box.isChecked(), false, "unticked by default");
  const label = await page.locator("label", { has: box }).textContent();
  assert.match(label, /include my 2 weekly snapshots \(about \d+ more characters/);
  const without = await page.textContent("[data-testid=share-link]");
  await box.click();
  await page.waitForFunction((before) => {
    const now = document.querySelector("[data-testid=share-link]")?.textContent ?? "";
    return now.includes("#v1.p.") && now !== before;
  }, without);
  const link = await page.textContent("[data-testid=share-link]");
  if (process.env.REVIEW_SHOTS) {
    await page.screenshot({ path: `${process.env.REVIEW_SHOTS}/share-panel-snapshots-en-1280.png`, fullPage: true });
  }
  assert.ok(link.length > without.length, "the snapshots make the link longer");
  assert.deepEqual(problems, []);
  await context.close();
  return link;
}

test("snapshots ticked into a data link reach the recipient's Review tab, and a worsened customer's row shows its trend", async () => {
  const link = await senderLinkWithSnapshots();
  for (const { locale, viewport, name } of [
    { locale: "en-US", viewport: { width: 1366, height: 900 }, name: "en-1366" },
    { locale: "zh-CN", viewport: { width: 390, height: 844 }, name: "zh-390" },
  ]) {
    const { page, context, problems } = await openPage(browser, server.url, { locale, viewport });
    // The recipient has work of their own, so the link asks first and lists the snapshots.
    await paste(page, "Invoice\tCustomer\tDue date\tAmount\nMINE-1\tMy customer\t2026-09-01\t500\n");
    await waitForStored(page, (json) => json?.includes("MINE-1"));
    await page.goto(link);
    const listed = page.locator("[data-testid=open-link] [data-testid=open-link-snapshots]");
    await listed.waitFor();
    assert.equal(await listed.getAttribute("data-count"), "2");
    assert.equal(await page.getAttribute("[data-testid=snapshots-added]", "data-dates"), "2026-11-20 2026-11-27");
    assert.match(await listed.textContent(), locale === "en-US" ? /2 weekly snapshots/ : /2 份每周快照/);
    if (process.env.REVIEW_SHOTS) {
      await page.screenshot({ path: `${process.env.REVIEW_SHOTS}/link-snapshots-${name}.png`, fullPage: true });
    }
    await page.click("[data-testid=open-link-replace]");

    // Both weeks are the recipient's now, compared as the sender saw them.
    await openReview(page, 5);
    await page.waitForSelector("[data-testid=snapshot-item][data-date='2026-11-20']");
    assert.equal(await page.locator(".review [data-testid=snapshot-item]").count(), 2);
    assert.equal(
      await page.getAttribute("[data-testid=change-row][data-invoice='XB-301']", "data-change"),
      "newly-overdue",
    );
    await waitForStored(page, (v) => typeof v === "string" && v.includes("2026-11-20") && v.includes("2026-11-27"), "snapshots");

    // The 账龄表: 西部矿业 went from nothing overdue to 40,000 overdue; its row says so.
    await page.getByRole("tab", { name: /^(Customers|客户账龄表)$/ }).click();
    const spark = page.locator("tr[data-customer='西部矿业有限公司'] [data-testid=customer-sparkline]");
    await spark.waitFor();
    assert.equal(await spark.getAttribute("data-worse"), "true");
    assert.equal(await spark.getAttribute("data-points"), "2");
    const title = await spark.getAttribute("title");
    assert.match(title, locale === "en-US"
      ? /20 Nov 2026: outstanding 40,000\.00, overdue 0\.00; 27 Nov 2026: outstanding 40,000\.00, overdue 40,000\.00/
      : /2026年11月27日：未结清 40,000\.00，逾期 40,000\.00/);
    assert.equal(await spark.locator("svg.sparkline polyline.spark-outstanding").count(), 1);
    const box = await spark.locator("svg").boundingBox();
    assert.ok(box.width > 50 && box.x + box.width <= viewport.width, `the sparkline fits: ${JSON.stringify(box)}`);
    const other = page.locator("tr[data-customer='北方物流有限公司'] [data-testid=customer-sparkline]");
    assert.equal(await other.getAttribute("data-worse"), "false");
    if (process.env.REVIEW_SHOTS) {
      await page.screenshot({ path: `${process.env.REVIEW_SHOTS}/customers-sparkline-${name}.png`, fullPage: true });
    }
    // In print too.
    await page.emulateMedia({ media: "print" });
    assert.equal(await spark.isVisible(), true);
    await page.emulateMedia({ media: "screen" });
    assert.deepEqual(problems, []);
    await context.close();
  }
});
