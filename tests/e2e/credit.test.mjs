// End-to-end: credit control (issue 18) — a limit set in the 账龄表's credit details shows the
// exposure and a hold on the customer's Today card; a suggested limit is accepted and the hold
// goes; a dispute raised the day before the Spring Festival gets its acknowledgment deadline
// after the holiday week (State Council notice 国办发明电〔2024〕12号: 28 Jan – 4 Feb 2025 off),
// and weekends-only counting, once chosen, says the earlier day.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser, setAsOf, showInvoices } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const HEADER = "Invoice\tCustomer\tInvoice date\tDue date\tAmount\tPaid\tPaid date\tCurrency\n";
// 华强电子: 1,000 thirty days overdue, 500 not yet due, three invoices paid on time.
const LEDGER =
  HEADER +
  "A1\t华强电子\t2025-11-01\t2025-12-01\t1000\t0\t\tCNY\n" +
  "A2\t华强电子\t2025-12-10\t2026-01-10\t500\t0\t\tCNY\n" +
  "P1\t华强电子\t2025-08-01\t2025-08-31\t1000\t1000\t2025-08-30\tCNY\n" +
  "P2\t华强电子\t2025-09-01\t2025-09-30\t1000\t1000\t2025-09-30\tCNY\n" +
  "P3\t华强电子\t2025-10-01\t2025-10-31\t1000\t1000\t2025-10-28\tCNY\n";

const CARD = "li.today-item[data-customer='华强电子']";
const DETAILS = "[data-testid=credit-details][data-customer='华强电子']";

async function openCredit(page) {
  await page.click("role=tab[name='Customers']");
  const toggle = "[data-testid=credit-toggle][data-customer='华强电子']";
  await page.waitForSelector(toggle);
  if ((await page.locator(DETAILS).count()) === 0) await page.click(toggle);
  await page.waitForSelector(DETAILS);
}

test("a limit shows exposure and a hold on Today; accepting the suggested limit lifts it", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-12-31");
  await paste(page, LEDGER);
  await page.waitForSelector(`${CARD}`);

  await openCredit(page);
  // Graded from the history: 3 of 4 on time and 7 days late on average would be B, but the
  // last 90 days (15 days late) are worse than before (0): one grade down, C, saying each.
  assert.equal(await page.getAttribute(`${DETAILS} .grade`, "data-grade"), "C");
  const why = await page.textContent(`${DETAILS} [data-testid=credit-why]`);
  assert.match(why, /75% of 4 invoices paid on time/);
  assert.match(why, /paying later: 15 days late recently, 0 before/);
  assert.match(await page.textContent(`${DETAILS} [data-testid=credit-exposure]`), /CNY 1,500\.00 \(overdue 1,000\.00 · not yet due 500\.00\)/);

  // A limit of 1,200 against 1,500 in use: stop shipment, with the reason.
  await page.fill(`${DETAILS} [data-testid=credit-limit]`, "1200");
  await page.locator(`${DETAILS} [data-testid=credit-limit]`).dispatchEvent("change");
  await page.waitForSelector(`${DETAILS} [data-testid=credit-hold][data-hold=hold]`);
  assert.match(await page.textContent(`[data-testid=credit-toggle][data-customer='华强电子']`), /1,500\/1,200 · C/);

  await page.click("role=tab[name='Today']");
  await page.waitForSelector(`${CARD} [data-testid=credit-hold][data-hold=hold]`);
  assert.match(await page.textContent(`${CARD} [data-testid=credit-hold]`), /Stop shipment, hold new orders/);
  assert.match(await page.textContent(`${CARD} [data-testid=credit-hold]`), /CNY 1,500\.00 in use, over the CNY 1,200\.00 limit/);
  assert.match(await page.textContent(`${CARD} [data-testid=credit-exposure]`), /CNY 1,500\.00 \/ 1,200\.00/);

  // The suggested limit, by the stated rule: 2 × 900 a month (4,500 over 5 months), less 7 %.
  await openCredit(page);
  const suggested = `${DETAILS} [data-testid=suggested-limit]`;
  assert.match(await page.textContent(suggested), /CNY 1,600\.00/);
  assert.match(await page.textContent(suggested), /900\.00 a month over 5 months, less 7%/);
  await page.click(`${suggested} [data-testid=accept-suggested]`);
  await page.waitForSelector(`${DETAILS} [data-testid=credit-hold][data-hold=none]`);
  assert.equal(await page.inputValue(`${DETAILS} [data-testid=credit-limit]`), "1600");

  await page.click("role=tab[name='Today']");
  await page.waitForSelector(CARD);
  assert.equal(await page.locator(`${CARD} [data-testid=credit-hold]`).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a dispute deadline across the Spring Festival counts Chinese working days", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-01-27");
  await paste(page, HEADER + "FP1\t华强电子\t2024-12-01\t2024-12-31\t10000\t0\t\tCNY\n");
  await showInvoices(page);
  await page.click("tr[data-invoice='FP1'] [data-testid=dispute-toggle]");
  await page.selectOption("[data-testid=invoice-playbook] [data-testid=dispute-reason]", "quantity");
  await page.waitForSelector("tr[data-invoice='FP1'] [data-col=stage][data-stage=dispute]");
  // Raised on Monday 27 January: one working day later is Wednesday 5 February, after the
  // holiday week — not Tuesday 28 January.
  const why = "[data-testid=invoice-playbook] .why";
  assert.match(await page.textContent(why), /5 Feb 2025/);
  assert.doesNotMatch(await page.textContent(why), /28 Jan 2025/);

  await page.click("role=tab[name='Settings']");
  assert.match(await page.textContent("[data-testid=calendar-covered-to]"), /2026/);
  await page.selectOption("[data-testid=calendar-choice]", "weekends_only");
  await page.waitForFunction(() =>
    /Only Saturdays, Sundays/.test(document.querySelector("[data-testid=calendar-covered-to]")?.textContent ?? ""),
  );
  await showInvoices(page);
  await page.waitForSelector("[data-testid=invoice-playbook] .why");
  assert.match(await page.textContent(why), /28 Jan 2025/);
  assert.deepEqual(problems, []);
  await context.close();
});
