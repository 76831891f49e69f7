// End-to-end, issue 13's "Done means": tick two of a customer's three invoices in Letters,
// paste the same ledger again with the rows reordered and a new row on top — the letter still
// covers exactly the two ticked invoices. Then a paste without one of them: it leaves the
// letter, and the page says so. (The rows are made up.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser, setAsOf, showInvoices } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const HEAD = "Invoice\tCustomer\tInvoice date\tDue date\tAmount";
const A1 = "A-101\tAcme Trading\t2025-07-01\t2025-08-01\t1,100.00";
const A2 = "A-102\tAcme Trading\t2025-07-15\t2025-08-15\t2,200.00";
const A3 = "A-103\tAcme Trading\t2025-08-01\t2025-09-01\t3,300.00";
const B1 = "B-201\tBolt Supplies\t2025-08-01\t2025-09-01\t4,400.00";
const NEW = "A-104\tAcme Trading\t2025-09-01\t2025-10-01\t5,500.00";
const sheet = (...rows) => [HEAD, ...rows].join("\n") + "\n";

const box = (page, number) =>
  page.locator(`label.check:has-text("${number}") [data-testid=letter-invoice]`);

async function invoicesInLetter(page) {
  const letter = await page.textContent("[data-testid=letter-text]");
  return ["A-101", "A-102", "A-103", "A-104"].filter((n) => letter.includes(n));
}

test("ticked invoices stay ticked, by invoice, across a re-paste in another order", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-10-31");
  await paste(page, sheet(A1, A2, A3, B1));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='A-103']");
  await page.click("role=tab[name='Letters']");
  await page.selectOption("[data-testid=letter-customer]", "Acme Trading");
  await page.selectOption("[data-testid=letter-kind]", "reminder");
  await page.selectOption("[data-testid=letter-lang]", "en");
  assert.deepEqual(await invoicesInLetter(page), ["A-101", "A-102", "A-103"], "none ticked: all overdue ones");

  await box(page, "A-101").check();
  await box(page, "A-103").check();
  assert.deepEqual(await invoicesInLetter(page), ["A-101", "A-103"]);

  // The updated ledger: rows in another order, a new invoice of the same customer on top.
  await paste(page, sheet(NEW, B1, A3, A2, A1));
  await page.waitForSelector("label.check:has-text('A-104')");
  assert.deepEqual(await invoicesInLetter(page), ["A-101", "A-103"]);
  assert.equal(await box(page, "A-101").isChecked(), true);
  assert.equal(await box(page, "A-103").isChecked(), true);
  assert.equal(await box(page, "A-102").isChecked(), false);
  assert.equal(await box(page, "A-104").isChecked(), false);
  assert.equal(await page.locator("[data-testid=letter-dropped]").count(), 0);

  // A-101 paid and gone from the ledger: out of the letter, and the page names it.
  await paste(page, sheet(NEW, B1, A3, A2));
  await page.waitForSelector("[data-testid=letter-dropped]");
  assert.match(await page.textContent("[data-testid=letter-dropped]"), /A-101/);
  assert.deepEqual(await invoicesInLetter(page), ["A-103"]);
  assert.deepEqual(problems, []);
  await context.close();
});
