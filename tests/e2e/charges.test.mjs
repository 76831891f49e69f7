// End-to-end: paste invoices, pick a late-charge rule, see the charges on the page, open a
// breakdown, and find the same figures in the CSV. Figures worked by hand in
// tests/acceptance_charges.rs (UK Late Payment Act, interest starting 2024-H1: 13.25 %).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openPage, paste, withServerAndBrowser, showInvoices } from "./harness.mjs";
import { waitForStored } from "./idb.mjs";

const LEDGER = [
  "Invoice\tCustomer\tDue date\tAmount\tCurrency",
  "UK-1\tBrighton Traders Ltd\t2024-03-01\t2,000.00\tGBP",
  "UK-2\tBrighton Traders Ltd\t2024-03-20\t500.00\tGBP",
  "UK-3\tBrighton Traders Ltd\t2024-05-01\t800.00\tGBP",
].join("\n");

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

async function start(locale = "en-US") {
  const opened = await openPage(browser, server.url, { locale });
  const { page } = opened;
  await page.fill("[data-testid=as-of-date]", "2024-04-15");
  await page.locator("[data-testid=as-of-date]").dispatchEvent("change");
  await paste(page, LEDGER);
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='UK-1']");
  return opened;
}

const chargeOf = (page, invoice) => page.textContent(`tr[data-invoice='${invoice}'] [data-col=charge]`);

test("UK statutory interest: per invoice, per currency, the breakdown and the CSV agree", async () => {
  const { page, problems, context } = await start();
  await page.click("role=tab[name='Settings']");
  const options = await page.$$eval("[data-testid=charge-rule] option", (os) => os.map((o) => o.value));
  assert.deepEqual(options, ["none", "contract", "uk-statutory", "eu-directive", "de-bgb288", "fr-l441-10", "cn-sme-regulation", "cn-sale-lpr", "cn-lpr", "us-prompt-payment"]);
  await page.selectOption("[data-testid=charge-rule]", "uk-statutory");
  assert.match(await page.textContent(".charges-settings"), /Known until/);
  await page.click("role=tab[name='Invoices']");

  assert.match(await chargeOf(page, "UK-1"), /^102\.67/);
  assert.match(await chargeOf(page, "UK-2"), /^44\.72/);
  assert.match(await chargeOf(page, "UK-3"), /^0\.00/);
  assert.equal((await page.textContent("[data-testid=charges-GBP]")).trim(), "147.39");
  assert.equal((await page.textContent("[data-testid=due-GBP]")).trim(), "3,447.39");

  await page.click("tr[data-invoice='UK-1'] [data-testid=charge-details]");
  const breakdown = await page.textContent("[data-testid=charge-breakdown]");
  assert.match(breakdown, /GBP 2,000\.00 × 13\.25% × 45\/365 = GBP 32\.67/);
  assert.match(breakdown, /45 days/);
  assert.match(breakdown, /= GBP 102\.67/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-csv]")]);
  const lines = readFileSync(await download.path(), "utf8").slice(1).trim().split("\r\n");
  assert.ok(lines[0].includes(",status,late_interest,fixed_compensation,late_charge,charge_rule,"));
  const uk1 = lines.find((l) => l.startsWith("UK-1,"));
  assert.ok(uk1.includes(",open,32.67,70.00,102.67,uk-statutory,"), uk1);

  await page.click("role=tab[name='Customers']");
  const row = page.locator("[data-testid=customer-summary] tr[data-customer='Brighton Traders Ltd']");
  assert.equal((await row.locator("[data-col=charges]").textContent()).trim(), "147.39");
  assert.deepEqual(problems, []);
  await context.close();
});

test("contract terms typed on the page, kept after a reload, overridden for one customer", async () => {
  const { page, context } = await start("zh-CN");
  await page.click("role=tab[name='设置']");
  await page.selectOption("[data-testid=charge-rule]", "contract");
  for (const [id, value] of [["contract-rate", "1.5"], ["contract-fee", "50"]]) {
    await page.fill(`[data-testid=${id}]`, value);
    await page.locator(`[data-testid=${id}]`).dispatchEvent("change");
  }
  await page.selectOption("[data-testid=contract-rate-unit]", "month");
  assert.deepEqual(await page.$$eval("[data-testid=day-basis] option", (os) => os.map((o) => o.value)), ["365", "360"]);
  await page.click("role=tab[name='发票']");
  // 2,000.00 × 18 % × 45/365 = 44.38, + 50 fixed fee.
  assert.match(await chargeOf(page, "UK-1"), /^94\.38/);

  // A cap that binds: at most 60.
  await page.click("role=tab[name='设置']");
  await page.fill("[data-testid=contract-cap]", "60");
  await page.locator("[data-testid=contract-cap]").dispatchEvent("change");
  await page.click("role=tab[name='发票']");
  assert.match(await chargeOf(page, "UK-1"), /^60\.00/);

  // Reloaded once the cap is stored (the page saves a moment after an edit).
  await waitForStored(page, (json) => /"cap_amount":"60(\.0*)?"/.test(json ?? ""));
  await page.reload();
  await page.waitForSelector("tr[data-invoice='UK-1']");
  assert.match(await chargeOf(page, "UK-1"), /^60\.00/);

  await page.click("role=tab[name='客户账龄表']");
  // The per-customer rules are listed below the 账龄表, folded while none is set.
  await page.click(".customer-rules summary");
  await page.selectOption("select.customer-rule", "none");
  await page.click("role=tab[name='发票']");
  assert.match(await chargeOf(page, "UK-1"), /^0\.00/);
  await context.close();
});
