// End-to-end: the daily loop from the Today tab (issue 15) — before any data Today says what
// to do first; the first paste opens on Today; one card per customer; the letter an action
// calls for opens Letters already filled in and is copied; a step is snoozed and Today
// changes; after a reload the snooze is still there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser, fixture, setAsOf } from "./harness.mjs";
import { waitForStored } from "./idb.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const BEIJING = "li.today-item[data-customer='北京远航科技有限公司']";

test("from Today: the letter an action calls for, copied; a step snoozed; kept after a reload", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  await setAsOf(page, "2025-10-31");
  await page.click("role=tab[name='Today']");
  assert.match(await page.textContent("[data-testid=today-empty]"), /Paste or open your open-invoice list/);

  // The first paste opens on Today, since something is due.
  await paste(page, fixture("chinese-excel.tsv"));
  await page.waitForSelector(`${BEIJING}[data-status=todo]`);
  assert.equal(await page.getAttribute("role=tab[name='Today']", "aria-selected"), "true");
  const customers = await page.$$eval("li.today-item", (lis) => lis.map((li) => li.dataset.customer));
  assert.equal(new Set(customers).size, customers.length, "one card per customer");

  // The demand the formal stage calls for: Letters opens with customer, kind and invoice chosen.
  await page.click(`${BEIJING} .track-overdue [data-testid=open-letter][data-letter=demand]`);
  await page.waitForSelector("[data-testid=letter-text]");
  assert.equal(await page.getAttribute("role=tab[name='Letters']", "aria-selected"), "true");
  assert.equal(await page.inputValue("[data-testid=letter-customer]"), "北京远航科技有限公司");
  assert.equal(await page.inputValue("[data-testid=letter-kind]"), "demand");
  assert.match(await page.textContent("[data-testid=letter-text]"), /FP-2025-003/);
  assert.match(await page.textContent("[data-testid=letter-text]"), /20,000\.00/);
  await page.click("[data-testid=copy-letter]");
  await page.waitForSelector("[data-testid=copied]");

  // Back on Today: snooze each due step of the card to 3 Nov; the card waits, saying when.
  await page.click("role=tab[name='Today']");
  const snoozes = page.locator(`${BEIJING} [data-testid=snooze]`);
  const due = await snoozes.count();
  assert.ok(due > 0);
  for (let left = due; left > 0; left--) {
    // One change event per step, as a date picker sends it.
    await snoozes.first().evaluate((el) => {
      el.value = "2025-11-03";
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await page.waitForFunction(
      ({ sel, left }) => document.querySelectorAll(sel).length < left,
      { sel: `${BEIJING} [data-testid=snooze]`, left },
    );
  }
  await page.waitForSelector(`${BEIJING}[data-status=done]`);
  assert.match(await page.textContent(`${BEIJING} .track-overdue .next`), /in 3 days/);

  // Kept in the workspace: once the snooze is saved, a reload keeps it.
  await waitForStored(page, (json) => json?.includes('"snoozed"'));
  await page.reload();
  await page.click("role=tab[name='Today']");
  await page.waitForSelector(`${BEIJING}[data-status=done]`);
  assert.match(await page.textContent(`${BEIJING} .track-overdue .next`), /in 3 days/);
  assert.deepEqual(problems, []);
  await context.close();
});
