// End-to-end (issue 16): the sender profile entered in Settings signs a Chinese and an English
// letter in each one's own language; the gaps a letter has are listed beside it before it
// goes; a customer near its limitation date is offered the debt acknowledgment first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser, setAsOf } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

// Made-up rows: one large overdue invoice, one due in 2022 (its three years run out soon).
const LEDGER =
  "Invoice\tCustomer\tInvoice date\tDue date\tAmount\tPaid\tCurrency\n" +
  "FP101\t深圳市华强电子有限公司\t2025-06-01\t2025-07-01\t128600.00\t0\tCNY\n";
const OLD =
  "Invoice\tCustomer\tDue date\tAmount\tPaid\tCurrency\n" +
  "OLD-1\t杭州老客户有限公司\t2022-12-01\t5000.00\t0\tCNY\n";

async function typeInto(page, testid, value) {
  await page.fill(`[data-testid=${testid}]`, value);
  await page.locator(`[data-testid=${testid}]`).dispatchEvent("change");
}

async function letterText(page) {
  return page.textContent("[data-testid=letter-text]");
}

test("the sender profile entered in Settings signs the Chinese and the English letter; the gaps go as it is filled", async () => {
  const { page, problems, context } = await openPage(browser, server.url);
  await setAsOf(page, "2025-11-20");
  await paste(page, LEDGER);
  await page.click("role=tab[name='Letters']");
  await page.selectOption("[data-testid=letter-kind]", "demand");
  await page.selectOption("[data-testid=letter-lang]", "zh");
  // Before anything is entered, the letter says what it lacks.
  await page.waitForSelector("[data-testid=letter-gaps] .letter-gap[data-gap=sender-name]");
  const gaps = await page.$$eval("[data-testid=letter-gaps] .letter-gap", (items) => items.map((i) => i.dataset.gap));
  for (const gap of ["sender-name", "sender-address", "bank-account", "customer-name", "customer-address", "contract-clause"]) {
    assert.ok(gaps.includes(gap), `${gap} in ${gaps}`);
  }
  assert.match(await page.textContent("[data-testid=letter-gaps-warning]"), /gaps/);

  await page.click("role=tab[name='Settings']");
  await page.click("[data-testid=sender-profile] summary");
  await typeInto(page, "sender-company", "宁波远航进出口有限公司");
  await typeInto(page, "sender-address", "浙江省宁波市鄞州区天童南路100号");
  await typeInto(page, "sender-bank", "中国银行宁波鄞州支行");
  await typeInto(page, "sender-account", "3580 1234 5678 9012");
  await typeInto(page, "sender-company-en", "Ningbo Yuanhang Import & Export Co., Ltd.");
  await typeInto(page, "sender-address-en", "100 Tiantong South Road, Ningbo, China");
  await typeInto(page, "sender-bank-en", "Bank of China, Ningbo Yinzhou Sub-branch");

  await page.click("role=tab[name='Letters']");
  await page.selectOption("[data-testid=letter-lang]", "zh");
  await page.waitForFunction(() => document.querySelector("[data-testid=letter-text]")?.textContent.includes("宁波远航进出口有限公司（盖章）"));
  const zh = await letterText(page);
  assert.match(zh, /发函单位：宁波远航进出口有限公司（盖章）/);
  assert.match(zh, /账号：3580 1234 5678 9012/);
  assert.match(zh, /开户银行：中国银行宁波鄞州支行/);
  assert.doesNotMatch(zh, /Ningbo Yuanhang/);
  const left = await page.$$eval("[data-testid=letter-gaps] .letter-gap", (items) => items.map((i) => i.dataset.gap));
  assert.ok(!left.includes("sender-name") && !left.includes("bank-account"), `${left}`);

  await page.selectOption("[data-testid=letter-lang]", "en");
  await page.waitForFunction(() => document.querySelector("[data-testid=letter-text]")?.textContent.includes("Ningbo Yuanhang"));
  const en = await letterText(page);
  assert.match(en, /^Ningbo Yuanhang Import & Export Co\., Ltd\.$/m);
  assert.match(en, /Bank: Bank of China, Ningbo Yinzhou Sub-branch/);
  assert.match(en, /Account number: 3580 1234 5678 9012/);
  assert.doesNotMatch(en, /宁波远航/, "no Chinese name in the English letter");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a customer near its limitation date is offered the debt acknowledgment", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN" });
  await setAsOf(page, "2025-11-20");
  await paste(page, OLD);
  await page.click("role=tab[name='函件']");
  await page.waitForSelector("[data-testid=letter-kind]");
  assert.equal(await page.inputValue("[data-testid=letter-kind]"), "acknowledgment");
  await page.selectOption("[data-testid=letter-lang]", "zh");
  const zh = await letterText(page);
  assert.match(zh, /^欠款确认书/);
  assert.match(zh, /截至2025年11月20日，我司（杭州老客户有限公司）尚欠贵司下列款项/);
  assert.match(zh, /《中华人民共和国民法典》第一百九十五条/);
  assert.match(zh, /债务人（盖章）：杭州老客户有限公司/);
  assert.deepEqual(problems, []);
  await context.close();
});
