// End-to-end: the contact log on the page (issue 15 item 3) and nothing lost by a click
// (item 5). From Today a call step opens the log form for its customer; a logged call with a
// reason and a promise marks the step done, pauses the chase until the promised day, shows
// newest first on the card and in the invoice's details, exports as CSV and survives a
// reload. "Try with sample data" over one's own ledger asks first and can be undone; so can
// "clear". Every data row is invented.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openPage, paste, withServerAndBrowser, setAsOf, showInvoices } from "./harness.mjs";
import { waitForStored } from "./idb.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

// As of 2025-10-31: 杭州青禾 ten days late (the friendly stage: ask why), Oakridge sixty.
const LEDGER =
  "Invoice\tCustomer\tDue date\tAmount\n" +
  "QH-0117\t杭州青禾贸易有限公司\t2025-10-21\t6,800.00\n" +
  "OS-2231\tOakridge Supplies Ltd\t2025-09-01\t12,000.00\n";
const QINGHE = "li.today-item[data-customer='杭州青禾贸易有限公司']";
const ASK = `${QINGHE} li.step[data-action=ask_reason_for_delay]`;

/** Opens the input panel when it is folded (it stays open after a paste in this session). */
async function unfoldInput(page) {
  const toggle = page.locator("[data-testid=input-toggle][aria-expanded=false]");
  if (await toggle.count()) await toggle.click();
}

async function fillForm(page, fields) {
  for (const [id, value] of Object.entries(fields)) {
    const box = page.locator(`[data-testid=log-form] [data-testid=${id}]`);
    if ((await box.evaluate((el) => el.tagName)) === "SELECT") await box.selectOption(value);
    else await box.fill(value);
  }
}

test("a call logged from Today marks its step done, is kept, shown, exported and reloaded", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-10-31");
  await paste(page, LEDGER);
  await page.waitForSelector(`${ASK}:not(.done)`);

  // The step's own button opens the form for that customer, inside its card.
  await page.click(`${ASK} [data-testid=log-call]`);
  await page.waitForSelector(`${QINGHE} [data-testid=log-form]`);
  assert.equal(await page.inputValue("[data-testid=log-date]"), "2025-10-31");

  // A promised amount without its day is refused in place, and nothing is logged.
  await fillForm(page, { "log-promise-amount": "3,000" });
  await page.click("[data-testid=log-save]");
  await page.waitForSelector("[data-testid=log-error]");
  assert.equal(await page.locator("[data-testid=log-entry]").count(), 0);

  // A call that reached someone, with the reason: asking why is done.
  await fillForm(page, {
    "log-time": "10:30",
    "log-channel": "phone",
    "log-person": "财务 王女士",
    "log-said": "付款要走审批，月底前批",
    "log-reason": "payment_system",
    "log-promise-amount": "",
  });
  await page.click("[data-testid=log-save]");
  await page.waitForSelector(`${QINGHE} [data-testid=contact-log] [data-testid=log-entry]`, { state: "attached" });
  assert.equal(await page.locator("[data-testid=log-form]").count(), 0, "the form closes once saved");
  await page.waitForSelector(`${ASK}.done`);

  // On the card, folded: open it and read the entry.
  await page.click(`${QINGHE} [data-testid=contact-log] summary`);
  const entry = await page.textContent(`${QINGHE} [data-testid=log-entry]`);
  assert.match(entry, /Phone/);
  assert.match(entry, /财务 王女士/);
  assert.match(entry, /月底前批/);
  assert.match(entry, /Their payment system/);

  // A later message with a promise: it comes first, and the chase waits for the promised day.
  await page.click(`${QINGHE} [data-testid=contact-log] [data-testid=log-call]`);
  await fillForm(page, {
    "log-time": "16:05",
    "log-channel": "we_chat",
    "log-said": "本月资金紧张，下周五先付一半",
    "log-reason": "cash_flow",
    "log-promise-date": "2025-11-07",
    "log-promise-amount": "3,400",
    "log-next": "11月7日核对到账",
  });
  await page.click("[data-testid=log-save]");
  await page.waitForFunction(
    (sel) => document.querySelectorAll(sel).length === 2,
    `${QINGHE} [data-testid=log-entry]`,
  );
  const channels = await page.$$eval(`${QINGHE} [data-testid=log-entry]`, (lis) => lis.map((li) => li.dataset.channel));
  assert.deepEqual(channels, ["we_chat", "phone"]);
  assert.match(await page.textContent(`${QINGHE} [data-testid=log-entry]`), /3,400\.00/);
  await page.waitForSelector(`${QINGHE}[data-status=done] section.track[data-kind=promised]`);
  assert.match(await page.textContent(`${QINGHE} section.track[data-kind=promised]`), /7 Nov 2025/);

  // The CSV: stable English keys, newest first.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-log]")]);
  const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split(/\r\n/);
  assert.equal(lines[0], "customer,date,time,channel,person,said,reason,promised_by,promised_amount,next_step");
  assert.match(lines[1], /^杭州青禾贸易有限公司,2025-10-31,16:05,we_chat,,本月资金紧张，下周五先付一半,cash_flow,2025-11-07,3400(\.00)?,11月7日核对到账$/);
  assert.match(lines[2], /^杭州青禾贸易有限公司,2025-10-31,10:30,phone,财务 王女士,付款要走审批，月底前批,payment_system,,,$/);

  // In the invoice's details too, not folded.
  await showInvoices(page);
  await page.click("tr[data-invoice='QH-0117'] [data-testid=invoice-details]");
  await page.waitForSelector("[data-testid=invoice-playbook] [data-testid=contact-log] [data-testid=log-entry]");
  assert.equal(await page.locator("[data-testid=invoice-playbook] [data-testid=log-entry]").count(), 2);

  // Kept: once saved, a reload has both entries and the step still done.
  await waitForStored(page, (json) => json?.includes("下周五先付一半"));
  await page.reload();
  await page.click("role=tab[name='Today']");
  await page.waitForSelector(`${QINGHE} section.track[data-kind=promised]`);
  assert.equal(await page.locator(`${QINGHE} [data-testid=log-entry]`).count(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the sample over one's own ledger asks first, and both it and clear can be undone", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-10-31");
  await paste(page, LEDGER);
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='QH-0117']");

  // Asked, and "keep mine" keeps it.
  await unfoldInput(page);
  await page.click("[data-testid=sample-data]");
  await page.waitForSelector("[data-testid=sample-confirm]");
  assert.equal(await page.locator("tr[data-invoice='QH-0117']").count(), 1);
  await page.click("[data-testid=sample-confirm-no]");
  await page.waitForSelector("[data-testid=sample-confirm]", { state: "detached" });
  assert.equal(await page.locator("tr[data-invoice='QH-0117']").count(), 1);

  // Yes: the sample replaces it, and the banner brings it back.
  await page.click("[data-testid=sample-data]");
  await page.click("[data-testid=sample-confirm-yes]");
  await page.waitForSelector("tr[data-invoice='FP20250101']");
  assert.equal(await page.locator("tr[data-invoice='QH-0117']").count(), 0);
  await page.click("[data-testid=replace-undo]");
  await page.waitForSelector("tr[data-invoice='QH-0117']");
  assert.equal(await page.locator("tr[data-invoice='FP20250101']").count(), 0);
  assert.equal(await page.locator("[data-testid=replace-undo-banner]").count(), 0);

  // Clear: at once, with the same undo.
  await unfoldInput(page);
  await page.click("[data-testid=clear-input]");
  await page.waitForSelector("[data-testid=replace-undo-banner]");
  assert.equal(await page.inputValue("[data-testid=paste-input]"), "");
  await page.click("[data-testid=replace-undo]");
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='OS-2231']");
  assert.deepEqual(problems, []);
  await context.close();
});

test("every playbook threshold the README calls editable is on the page and kept", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await page.click("role=tab[name='Settings']");
  const set = {
    "pb-dispute-ack": ["3", '"dispute_ack_working_days":3'],
    "pb-dispute-evidence": ["12", '"dispute_evidence_working_days":12'],
    "pb-quality-hours": ["48", '"quality_evidence_hours":48'],
    "pb-review": ["21", '"review_every_days":21'],
    "pb-insurer-warn": ["10", '"insurer_warn_days":10'],
    "pb-risk-share": ["40", '"risk_share_percent":"40"'],
    "pb-dso-days": ["180", '"dso_period_days":180'],
    "pb-limitation-warn": ["120", '"warn_days":120'],
  };
  for (const [id, [value]] of Object.entries(set)) {
    const box = page.locator(`[data-testid=playbook-settings] [data-testid=${id}]`);
    await box.fill(value);
    await box.dispatchEvent("change");
    await page.waitForFunction(
      ({ id, value }) => document.querySelector(`[data-testid=${id}]`).value === value,
      { id, value },
    );
  }
  // Not a whole number: refused, the box keeps the value in force.
  await page.fill("[data-testid=pb-quality-hours]", "7.5");
  await page.locator("[data-testid=pb-quality-hours]").dispatchEvent("change");
  const stored = await waitForStored(page, (json) => Object.values(set).every(([, key]) => json?.includes(key)));
  assert.ok(stored.includes('"quality_evidence_hours":48'));
  await page.reload();
  await page.click("role=tab[name='Settings']");
  for (const [id, [value]] of Object.entries(set)) {
    assert.equal(await page.inputValue(`[data-testid=${id}]`), value, id);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
