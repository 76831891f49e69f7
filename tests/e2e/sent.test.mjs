// End-to-end: letters sent, with proof (issue 15 item 4) and a whole stage's letters at once
// (issue 16 item 7). From Today a letter is opened, copied, recorded as sent with a tracking
// number, and Today changes; after a reload (once the save happened) it is still there. A
// batch of reminders is stepped through and printed as one document, a letter a page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser, setAsOf } from "./harness.mjs";
import { waitForStored } from "./idb.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

// Invented ledger, as of 2025-10-31: two customers in the friendly stage (a reminder each),
// one in the formal stage (a demand).
const LEDGER = [
  "发票号码\t客户名称\t到期日\t发票金额\t币种",
  "FP-101\t深圳市华强电子有限公司\t2025-10-24\t12,800.00\tCNY",
  "FP-201\t杭州西湖贸易有限公司\t2025-10-21\t6,500.00\tCNY",
  "FP-301\t成都天府机械有限公司\t2025-10-11\t30,000.00\tCNY",
].join("\n");

const HUAQIANG = "li.today-item[data-customer='深圳市华强电子有限公司']";

async function start(page) {
  await setAsOf(page, "2025-10-31");
  await paste(page, LEDGER);
  await page.waitForSelector(`${HUAQIANG}[data-status=todo]`);
}

test("a letter from Today, copied and recorded as sent with a tracking number; Today changes; kept after a reload", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  await start(page);
  await page.click(`${HUAQIANG} [data-testid=open-letter][data-letter=reminder]`);
  await page.waitForSelector("[data-testid=letter-text]");
  assert.equal(await page.inputValue("[data-testid=letter-kind]"), "reminder");
  await page.click("[data-testid=copy-letter]");
  await page.waitForSelector("[data-testid=copied]");

  // One click records it: today's date, the kind, the invoice and its amount.
  await page.click("[data-testid=record-sent]");
  const entry = page.locator("[data-testid=sent-log] [data-testid=sent-entry]");
  await entry.first().waitFor();
  assert.equal(await entry.count(), 1);
  const line = await entry.first().textContent();
  assert.match(line, /2025-10-31/);
  assert.match(line, /Payment reminder/);
  assert.match(line, /12,800\.00/);
  assert.match(line, /FP-101/);
  await page.waitForSelector("[data-testid=sent-recorded]");

  // Then the proof: tracking number and the day it was received.
  await entry.first().locator("[data-testid=sent-channel]").selectOption("post");
  await page.waitForFunction(() => document.querySelector("[data-testid=sent-entry]")?.textContent.includes("Post or courier"));
  await entry.first().locator("[data-testid=sent-tracking]").fill("SF1234567890");
  await entry.first().locator("[data-testid=sent-tracking]").dispatchEvent("change");
  await page.waitForFunction(() => document.querySelector("[data-testid=sent-entry]")?.textContent.includes("SF1234567890"));
  await entry.first().locator("[data-testid=sent-received]").evaluate((el) => {
    el.value = "2025-10-31";
    el.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await page.waitForSelector("[data-testid=sent-entry][data-proven=true]");

  // Today changed: no reminder asked for any more, the letter on the card's log.
  await page.click("role=tab[name='Today']");
  await page.waitForSelector(`${HUAQIANG} [data-testid=sent-log]`);
  assert.equal(await page.locator(`${HUAQIANG} [data-testid=open-letter][data-letter=reminder]`).count(), 0);
  assert.match(await page.textContent(`${HUAQIANG} [data-testid=sent-entry]`), /SF1234567890/);
  // The evidence list knows nothing of a demand yet (a reminder is not one).
  const demandItem = `${HUAQIANG} [data-testid=evidence-item][data-item=demand_delivered]`;
  assert.equal(await page.getAttribute(demandItem, "data-held"), "false");
  // Ticking an item the user holds.
  await page.click(`${HUAQIANG} .evidence summary`);
  await page.check(`${HUAQIANG} [data-testid=evidence-item][data-item=vat_invoice] input`);
  await page.waitForSelector(`${HUAQIANG} [data-testid=evidence-item][data-item=vat_invoice][data-held=true]`);

  await waitForStored(page, (json) => json?.includes("SF1234567890") && json.includes('"vat_invoice"'));
  await page.reload();
  await page.click("role=tab[name='Today']");
  await page.waitForSelector(`${HUAQIANG} [data-testid=sent-entry][data-proven=true]`);
  assert.match(await page.textContent(`${HUAQIANG} [data-testid=sent-entry]`), /SF1234567890/);
  assert.equal(await page.locator(`${HUAQIANG} [data-testid=open-letter][data-letter=reminder]`).count(), 0);
  assert.equal(
    await page.getAttribute(`${HUAQIANG} [data-testid=evidence-item][data-item=vat_invoice]`, "data-held"),
    "true",
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("a batch of reminders stepped through, recorded, and printed as one document", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await start(page);
  await page.click("[data-testid=batch-letters][data-kind=reminder]");
  await page.waitForSelector("[data-testid=batch-view][data-kind=reminder]");
  const item = "[data-testid=batch-item]";
  const first = await page.getAttribute(item, "data-customer");
  assert.match(await page.textContent("[data-testid=batch-text]"), new RegExp(first === "深圳市华强电子有限公司" ? "FP-101" : "FP-201"));
  await page.click(`${item} [data-testid=record-sent]`);
  await page.waitForSelector(`${item} [data-testid=sent-recorded]`);

  await page.click("[data-testid=batch-next]");
  await page.waitForFunction(
    (first) => document.querySelector("[data-testid=batch-item]")?.dataset.customer !== first,
    first,
  );
  const second = await page.getAttribute(item, "data-customer");
  assert.notEqual(second, first);
  assert.equal(await page.isDisabled("[data-testid=batch-next]"), true, "two reminders: the second is the last");
  // The demand customer is not in a batch of reminders.
  assert.ok(![first, second].includes("成都天府机械有限公司"));

  // Print: every letter of the batch, each on its own page, nothing else of the page.
  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.click("[data-testid=batch-print]");
  await page.emulateMedia({ media: "print" });
  const printed = await page.$$eval(".batch-letter", (els) =>
    els.map((el) => ({
      visible: el.getClientRects().length > 0,
      breakAfter: getComputedStyle(el).breakAfter,
      text: el.textContent,
    })),
  );
  assert.equal(printed.length, 2);
  assert.ok(printed.every((p) => p.visible));
  assert.equal(printed[0].breakAfter, "page");
  assert.match(printed[0].text + printed[1].text, /FP-101/);
  assert.match(printed[0].text + printed[1].text, /FP-201/);
  assert.equal(await page.isVisible("[data-testid=batch-item]"), false);
  assert.equal(await page.isVisible(".batch-print-all"), true);
  await page.emulateMedia({ media: "screen" });

  // Back on Today, the reminder recorded is off the list of what is due.
  await page.click("[data-testid=batch-close]");
  await page.waitForSelector("[data-testid=today-list] li.today-item");
  const recorded = `li.today-item[data-customer='${first}']`;
  assert.equal(await page.locator(`${recorded} [data-testid=open-letter][data-letter=reminder]`).count(), 0);
  const other = `li.today-item[data-customer='${second}']`;
  assert.equal(await page.locator(`${other} [data-testid=open-letter][data-letter=reminder]`).count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
