// End-to-end: reference rates the page asks for (issue 21 item 0) and the cn-lpr rule's
// parameters (item 1). A UK debt from the first half of 2027 gets no statutory interest while
// the Bank Rate of 31 December 2026 is past the built-in table; the Charges settings ask for it in
// place, and once it is typed in the invoice gets its interest, the breakdown saying the rate
// was entered by the user, with its source. Every data row is invented; the 3.75 % typed in
// is a test value, not a claim about the real Bank Rate.
// UK rule (Late Payment of Commercial Debts (Interest) Act 1998, SI 1998/2765 art. 4): the
// reference rate in force on 31 December applies to debts falling due in the following
// half-year, plus 8 points; here 4,000.00 × 11.75 % × 91/365 = 117.18, plus the £70 fixed sum
// for a debt of 1,000–9,999.99.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser, setAsOf, showInvoices } from "./harness.mjs";
import { waitForStored } from "./idb.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const UK = "Invoice\tCustomer\tDue date\tAmount\tCurrency\nHM-2701\tHarbour Mill Ltd\t2027-01-31\t4,000.00\tGBP\n";
const FIXING = "[data-testid=missing-fixing][data-table=boe-bank-rate][data-date='2026-12-31']";

async function breakdownOf(page, invoice) {
  await showInvoices(page);
  // The row's details stay open across tabs: open them only when they are closed.
  const toggle = page.locator(`tr[data-invoice='${invoice}'] [data-testid=charge-details]`);
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  return page.textContent("[data-testid=charge-breakdown]");
}

test("a UK debt from the first half of 2027 gets interest once the asked Bank Rate is typed in", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  // Due 31 Jan 2027, as of 2 May 2027: 28 + 31 + 30 + 2 = 91 days.
  await setAsOf(page, "2027-05-02");
  await paste(page, UK);
  await page.click("role=tab[name='Settings']");
  await page.selectOption("[data-testid=charge-rule]", "uk-statutory");

  // The table's end is said, and the missing fixing asked for in place, with where to find it.
  assert.match(await page.textContent("[data-testid=rate-known][data-table=boe-bank-rate]"), /Built-in table known to/);
  await page.waitForSelector(FIXING);
  const question = await page.textContent(FIXING);
  assert.match(question, /Bank Rate on 2026-12-31/);
  assert.match(question, /Bank of England/);

  // Without it: the fixed sum only, and the breakdown says the rate is not in the table.
  let breakdown = await breakdownOf(page, "HM-2701");
  assert.match(breakdown, /not in the table/);
  assert.match(breakdown, /= GBP 70\.00/);

  // A rate out of range is refused in place.
  await page.click("role=tab[name='Settings']");
  await page.fill(`${FIXING} [data-testid=fixing-rate]`, "75");
  await page.click(`${FIXING} [data-testid=fixing-save]`);
  await page.waitForSelector(`${FIXING} [data-testid=fixing-error]`);

  await page.fill(`${FIXING} [data-testid=fixing-rate]`, "3.75");
  await page.fill(`${FIXING} [data-testid=fixing-source]`, "BoE Bank Rate page, read 2027-05-02");
  await page.click(`${FIXING} [data-testid=fixing-save]`);
  await page.waitForSelector(FIXING, { state: "detached" });
  assert.match(await page.textContent("[data-testid=user-rate][data-table=boe-bank-rate]"), /3\.75 %/);
  assert.match(await page.textContent("[data-testid=rate-known][data-table=boe-bank-rate]"), /you added rates to 31 Dec 2026/);

  breakdown = await breakdownOf(page, "HM-2701");
  assert.match(breakdown, /GBP 4,000\.00 × 11\.75% × 91\/365 = GBP 117\.18/);
  assert.match(breakdown, /entered by you; source: BoE Bank Rate page, read 2027-05-02/);
  assert.match(breakdown, /= GBP 187\.18/);

  // Kept in the settings: a reload still has it.
  await waitForStored(page, (json) => json?.includes('"user_rates"'));
  await page.reload();
  breakdown = await breakdownOf(page, "HM-2701");
  assert.match(breakdown, /= GBP 187\.18/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the cn-lpr rule's parameters are on the page and change the breakdown", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-06-30");
  await paste(page, "Invoice\tCustomer\tDue date\tAmount\tCurrency\nSZ-0311\t苏州河岸机械有限公司\t2025-03-31\t100,000.00\tCNY\n");
  await page.click("role=tab[name='Settings']");
  await page.selectOption("[data-testid=charge-rule]", "cn-lpr");
  await page.waitForSelector("[data-testid=lpr-multiplier]");
  assert.equal(await page.inputValue("[data-testid=lpr-multiplier]"), "1");
  assert.equal(await page.isChecked("[data-testid=lpr-floating]"), true);
  assert.equal(await page.inputValue("[data-testid=lpr-basis]"), "360");
  assert.equal(await page.isChecked("[data-testid=lpr-both-ends]"), true);

  // Floating LPR × 1, /360 by default; then × 1.5, fixed, /365 as a contract may word it.
  let breakdown = await breakdownOf(page, "SZ-0311");
  assert.match(breakdown, /\/360/);
  await page.click("role=tab[name='Settings']");
  await page.fill("[data-testid=lpr-multiplier]", "1.5");
  await page.locator("[data-testid=lpr-multiplier]").dispatchEvent("change");
  await page.waitForFunction(() => document.querySelector("[data-testid=lpr-multiplier]").value === "1.5");
  await page.uncheck("[data-testid=lpr-floating]");
  await page.waitForFunction(() => !document.querySelector("[data-testid=lpr-floating]").checked);
  await page.selectOption("[data-testid=lpr-basis]", "365");
  await page.fill("[data-testid=lpr-start]", "2025-04-15");
  await page.locator("[data-testid=lpr-start]").dispatchEvent("change");
  await waitForStored(page, (json) => json?.includes('"lpr_start":"2025-04-15"') && json.includes('"lpr_day_basis"'));
  breakdown = await breakdownOf(page, "SZ-0311");
  // Fixed: one period from 15 Apr, at the LPR then in force (3.10 % since 2024-10-21), not
  // split at the 20 May 2025 publication; both ends counted: 15 Apr – 30 Jun is 77 days.
  // 100,000.00 × 3.10 % × 1.5 × 77/365 = 980.96.
  assert.match(breakdown, /1-year LPR 3\.10% on 2025-04-15, in force since 2024-10-21 × 1\.5 = 4\.65%/);
  assert.match(breakdown, /CNY 100,000\.00 × 4\.65% × 77\/365 = CNY 980\.96/);
  assert.equal((breakdown.match(/\(\d+ days\):/g) ?? []).length, 1, "one fixed period");

  // A margin in basis points instead.
  await page.click("role=tab[name='Settings']");
  await page.fill("[data-testid=lpr-margin-bps]", "100");
  await page.locator("[data-testid=lpr-margin-bps]").dispatchEvent("change");
  await page.waitForFunction(() => document.querySelector("[data-testid=lpr-spread]").value === "plus-bps");
  breakdown = await breakdownOf(page, "SZ-0311");
  // 3.10 % + 1 point = 4.10 %: 100,000.00 × 4.10 % × 77/365 = 864.93.
  assert.match(breakdown, /CNY 100,000\.00 × 4\.10?% × 77\/365 = CNY 864\.93/);
  assert.deepEqual(problems, []);
  await context.close();
});

// The judgment case of core/tests/lpr_judgments.rs: 320,000.00元 from 2023-05-16 through
// 2025-01-14 at the floating 1-year LPR × 1, /360, both ends counted — 18,475.56元, the figure
// of a published judgment, in five periods. The invoice row is invented (due 2023-05-15, so
// interest runs from the day after); the rule's defaults are exactly the court's usual award.
const JUDGMENT_ROWS = [
  ["2023-05-16", "2023-06-19", "35", "3.65%", "1,135.56"],
  ["2023-06-20", "2023-08-20", "62", "3.55%", "1,956.44"],
  ["2023-08-21", "2024-07-21", "336", "3.45%", "10,304.00"],
  ["2024-07-22", "2024-10-20", "91", "3.35%", "2,709.78"],
  ["2024-10-21", "2025-01-14", "86", "3.10%", "2,369.78"],
];

async function lprRows(page) {
  return page.$$eval("[data-testid=lpr-line]", (rows) =>
    rows.map((r) => [
      r.dataset.from,
      r.dataset.to,
      r.querySelector("[data-cell=days]").textContent.trim(),
      r.querySelector("[data-cell=rate]").textContent.trim(),
      r.querySelector("[data-cell=amount]").textContent.trim(),
    ]),
  );
}

/** The LPR table inside the viewport: no cell pushed past the right edge, nothing scrolled. */
async function fitsTheWidth(page) {
  return page.$eval("[data-testid=lpr-lines] table", (t) => {
    const box = t.getBoundingClientRect();
    return { right: Math.round(box.right), width: window.innerWidth, overflow: t.scrollWidth - t.clientWidth };
  });
}

test("cn-lpr floating × 1 /360: each LPR period's row and the judgment's total, zh and en, wide and on a phone", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { viewport: { width: 1366, height: 900 } });
  await setAsOf(page, "2025-01-14");
  await paste(page, "Invoice\tCustomer\tDue date\tAmount\tCurrency\nJD-2305\t松江精密模具有限公司\t2023-05-15\t320,000.00\tCNY\n");
  await page.click("role=tab[name='Settings']");
  await page.selectOption("[data-testid=charge-rule]", "cn-lpr");
  await waitForStored(page, (json) => json?.includes('"rule":"cn-lpr"'));

  let breakdown = await breakdownOf(page, "JD-2305");
  await page.waitForSelector("[data-testid=lpr-lines]");
  assert.deepEqual(await lprRows(page), JUDGMENT_ROWS);
  const total = await page.textContent("[data-testid=lpr-total]");
  assert.match(total, /610/);
  assert.match(total, /18,475\.56/);
  assert.match(await page.textContent("[data-testid=lpr-line][data-from='2023-05-16']"), /LPR 3\.65% \(published 2022-08-22\)/);
  const conventions = await page.textContent("[data-testid=lpr-conventions]");
  assert.match(conventions, /÷ 360/);
  assert.match(conventions, /Both the first and the last day carry interest/);
  assert.match(conventions, /Floating/);
  assert.match(breakdown, /= CNY 18,475\.56/);
  await page.screenshot({ path: "/tmp/rates/lpr-1366-en.png", fullPage: true });

  await page.selectOption("[data-testid=lang-switch]", "zh");
  await page.waitForFunction(() => document.querySelector("[data-testid=lpr-lines] caption")?.textContent.includes("判决书"));
  assert.deepEqual(await lprRows(page), JUDGMENT_ROWS);
  assert.match(await page.textContent("[data-testid=lpr-total]"), /合计[\s\S]*18,475\.56/);
  assert.match(await page.textContent("[data-testid=lpr-line][data-from='2023-08-21']"), /LPR 3\.45%（2023-08-21公布）/);
  const zhConventions = await page.textContent("[data-testid=lpr-conventions]");
  assert.match(zhConventions, /按同期一年期贷款市场报价利率（LPR）计算/);
  assert.match(zhConventions, /算头算尾/);
  assert.match(zhConventions, /年利率 ÷ 360/);
  await page.screenshot({ path: "/tmp/rates/lpr-1366-zh.png", fullPage: true });

  // A phone: the four columns wrap inside the card, nothing past the right edge.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() => window.innerWidth === 390);
  let fit = await fitsTheWidth(page);
  assert.ok(fit.right <= fit.width && fit.overflow <= 0, JSON.stringify(fit));
  assert.deepEqual(await lprRows(page), JUDGMENT_ROWS);
  await page.locator("[data-testid=lpr-lines]").screenshot({ path: "/tmp/rates/lpr-390-zh.png" });
  await page.selectOption("[data-testid=lang-switch]", "en");
  await page.waitForFunction(() => document.querySelector("[data-testid=lpr-lines] caption")?.textContent.includes("judgment"));
  fit = await fitsTheWidth(page);
  assert.ok(fit.right <= fit.width && fit.overflow <= 0, JSON.stringify(fit));
  await page.locator("[data-testid=lpr-lines]").screenshot({ path: "/tmp/rates/lpr-390-en.png" });
  assert.deepEqual(problems, []);
  await context.close();
});
