// End-to-end (issue 20 item 6): fields changed one after another before the page has drawn
// again all land. A CI run lost the Chinese company name of the sender profile this way: each
// field's callback sent the whole letter settings as last drawn, so a second change made
// before the redraw undid the first (src/state/current.rs now applies each change to the
// state as it is). Here the changes are made certain rather than left to timing: several
// fields change in one task, before Yew has rendered any of them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser, setAsOf } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const LEDGER = [
  "Invoice\tCustomer\tInvoice date\tDue date\tAmount\tPaid\tCurrency",
  "FP101\t深圳市华强电子有限公司\t2025-06-01\t2025-07-01\t128600.00\t0\tCNY",
].join("\n");

/** Sets each field's value and fires its change event, all in one task. */
async function changeAllAtOnce(page, values) {
  await page.evaluate((values) => {
    for (const [testid, value] of Object.entries(values)) {
      const input = document.querySelector(`[data-testid=${testid}]`);
      input.value = value;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }, values);
}

const valueOf = (page, testid) => page.inputValue(`[data-testid=${testid}]`);

/** Opens the Letters tab on the Chinese 催告函 and returns its text once it has its seal line. */
async function chineseDemand(page) {
  await page.click("role=tab[name='函件']");
  await page.selectOption("[data-testid=letter-kind]", "demand");
  await page.selectOption("[data-testid=letter-lang]", "zh");
  await page.waitForFunction(() => document.querySelector("[data-testid=letter-text]")?.textContent.includes("（盖章）"));
  return page.textContent("[data-testid=letter-text]");
}

test("sender and playbook fields changed in one task all land, and are there after a reload", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN", viewport: { width: 1366, height: 900 } });
  await setAsOf(page, "2025-11-20");
  await paste(page, LEDGER);
  await page.waitForSelector("[data-testid=today-list] li.today-item");
  await page.click("role=tab[name='设置']");
  await page.click("[data-testid=sender-profile] summary");
  const sender = {
    "sender-company": "宁波远航进出口有限公司",
    "sender-address": "浙江省宁波市鄞州区天童南路100号",
    "sender-bank": "中国银行宁波鄞州支行",
    "sender-company-en": "Ningbo Yuanhang Import & Export Co., Ltd.",
    "sender-bank-en": "Bank of China, Ningbo Yinzhou Sub-branch",
  };
  const playbook = { "pb-friendly": "21", "pb-call": "9" };
  await changeAllAtOnce(page, { ...sender, ...playbook });

  // Every field shows what was typed once the page has drawn again (the last change's field
  // shows it first; a lost change shows its field's old value).
  const typed = { ...sender, ...playbook };
  await page
    .waitForFunction(
      (values) => Object.entries(values).every(([id, v]) => document.querySelector(`[data-testid=${id}]`)?.value === v),
      typed,
      { timeout: 15_000 },
    )
    .catch(() => {});
  const shown = {};
  for (const testid of Object.keys(typed)) shown[testid] = await valueOf(page, testid);
  assert.deepEqual(shown, typed, "every change landed");
  // The 催告函 is signed with the Chinese name, not the English one it would fall back to.
  const text = await chineseDemand(page);
  assert.ok(text.includes("发函单位：宁波远航进出口有限公司（盖章）"), text);
  assert.ok(text.includes("地址：浙江省宁波市鄞州区天童南路100号"), text);

  // Leaving writes the current state, so the reload keeps all of them.
  await page.reload();
  await page.click("role=tab[name='设置']");
  await page.click("[data-testid=sender-profile] summary");
  for (const [testid, value] of Object.entries({ ...sender, ...playbook })) {
    assert.equal(await valueOf(page, testid), value, testid);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("what is being typed in a field survives a re-render before the user leaves it", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "en-US", viewport: { width: 390, height: 844 } });
  await paste(page, LEDGER);
  await page.waitForSelector("[data-testid=today-list] li.today-item");
  await page.click("role=tab[name='Settings']");
  await page.click("[data-testid=sender-profile] summary");
  // Typed, not yet left: no change event yet, as while a user is still typing.
  await page.fill("[data-testid=sender-company]", "宁波远航进出口有限公司");
  await page.fill("[data-testid=pb-friendly]", "21");
  await page.fill("[data-testid=calendar-holidays]", "2025-12-24");
  // Meanwhile the page redraws for another reason (here the language, switched by script so
  // that the focus stays in the field).
  await page.evaluate(() => {
    const select = document.querySelector("[data-testid=lang-switch]");
    select.value = "zh";
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await page.waitForSelector("role=tab[name='设置']");
  assert.equal(await valueOf(page, "pb-friendly"), "21", "the typing is still there after the redraw");
  assert.equal(await valueOf(page, "calendar-holidays"), "2025-12-24");
  // Now the user leaves the fields: what they typed is what is kept.
  await page.locator("[data-testid=pb-friendly]").dispatchEvent("change");
  await page.locator("[data-testid=sender-company]").dispatchEvent("change");
  await page.locator("[data-testid=calendar-holidays]").dispatchEvent("change");
  await page.waitForFunction(() => document.querySelector("[data-testid=sender-company]")?.value === "宁波远航进出口有限公司");
  const text = await chineseDemand(page);
  assert.ok(text.includes("发函单位：宁波远航进出口有限公司（盖章）"), text);
  await page.click("role=tab[name='设置']");
  assert.equal(await valueOf(page, "pb-friendly"), "21");
  // The holidays field shows the state's list, as read: the typed day was kept.
  assert.equal(await valueOf(page, "calendar-holidays"), "2025-12-24");
  assert.deepEqual(problems, []);
  await context.close();
});
