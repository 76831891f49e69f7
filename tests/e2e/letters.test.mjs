// End-to-end: within a minute of pasting, a correct letter for a chosen customer, whose
// figures match the page; the template edited on the page; the letter copied to the clipboard.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser, fixture, setAsOf, showInvoices } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

/** A fresh English page with the Chinese Excel fixture as of 2025-10-31, on the Letters tab,
 *  with `customer` and `kind` chosen and the letter in English. */
async function englishLetter(customer, kind) {
  const opened = await openPage(browser, server.url);
  const { page } = opened;
  await setAsOf(page, "2025-10-31");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await page.click("role=tab[name='Letters']");
  await page.selectOption("[data-testid=letter-customer]", customer);
  await page.selectOption("[data-testid=letter-kind]", kind);
  await page.selectOption("[data-testid=letter-lang]", "en");
  return opened;
}

test("a demand letter for a chosen customer: its figures, an edited template, copied to the clipboard", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  await setAsOf(page, "2025-10-31");
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await page.click("role=tab[name='函件']");

  const customers = await page.$$eval("[data-testid=letter-customer] option", (os) => os.map((o) => o.value));
  assert.deepEqual(customers.sort(), ["上海明珠贸易有限公司", "北京远航科技有限公司", "广州南方物流有限公司"].sort());
  await page.selectOption("[data-testid=letter-customer]", "上海明珠贸易有限公司");
  await page.selectOption("[data-testid=letter-kind]", "demand");
  await page.selectOption("[data-testid=letter-lang]", "zh");
  let letter = await page.textContent("[data-testid=letter-text]");
  // Chinese business-letter form, the invoices and amounts the page shows, the sum in 大写.
  assert.match(letter, /致\s*上海明珠贸易有限公司：/);
  assert.match(letter, /FP-2025-001/);
  assert.match(letter, /12,345\.60/);
  assert.match(letter, /FP-2025-002/);
  assert.match(letter, /5,000\.00/);
  assert.match(letter, /17,345\.60/);
  assert.match(letter, /壹万柒仟叁佰肆拾伍元陆角/);
  assert.match(letter, /此致/);
  assert.match(letter, /敬礼/);

  // English, independently of the page language.
  await page.selectOption("[data-testid=letter-lang]", "en");
  letter = await page.textContent("[data-testid=letter-text]");
  assert.match(letter, /^(Re|Subject): /m);
  assert.match(letter, /17,345\.60/);

  // Edit the template on the page: the letter follows; a broken template says where.
  await page.click("details.template summary");
  const editor = page.locator("[data-testid=template-editor]");
  const original = await editor.inputValue();
  await editor.fill(`NOTE FOR {{ customer.name }}\n${original}`);
  letter = await page.textContent("[data-testid=letter-text]");
  assert.match(letter, /NOTE FOR 上海明珠贸易有限公司/);
  await editor.fill("Line one\n{{ no_such_placeholder }}\n");
  assert.match(await page.textContent("[data-testid=template-error]"), /2/);
  assert.match(await page.textContent("[data-testid=letter-text]"), /17,345\.60/, "never a blank letter");
  await page.click("[data-testid=reset-template]");
  assert.equal(await page.locator("[data-testid=template-error]").count(), 0);

  await page.click("[data-testid=copy-letter]");
  await page.waitForSelector("[data-testid=copied]");
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clipboard.trim(), (await page.textContent("[data-testid=letter-text]")).trim());
  assert.deepEqual(problems, []);
  await context.close();
});

test("a payment-plan proposal's instalments add up to the outstanding amount", async () => {
  const { page, context } = await englishLetter("北京远航科技有限公司", "payment-plan");
  await page.fill("[data-testid=letter-instalments]", "3");
  await page.locator("[data-testid=letter-instalments]").dispatchEvent("change");
  await page.fill("[data-testid=letter-first-instalment]", "2025-11-15");
  await page.locator("[data-testid=letter-first-instalment]").dispatchEvent("change");
  const letter = await page.textContent("[data-testid=letter-text]");
  // 20,000.00 in three: 6,666.66 + 6,666.66 + 6,666.68, monthly from the first date chosen.
  assert.match(letter, /6,666\.66/);
  assert.match(letter, /6,666\.68/);
  assert.match(letter, /15 November 2025/);
  assert.match(letter, /15 January 2026/);
  await context.close();
});

test("the consequences a notice names are the ones the user chose", async () => {
  const { page, context } = await englishLetter("上海明珠贸易有限公司", "demand");
  assert.match(await page.textContent("[data-testid=letter-text]"), /legal action/);
  await page.click("details.sender summary");
  await page.click("[data-testid=consequence-legal]");
  assert.doesNotMatch(await page.textContent("[data-testid=letter-text]"), /legal action/);
  await context.close();
});

test("a dispute response lists the documents and offers the resolutions the user ticked", async () => {
  const { page, problems, context } = await englishLetter("上海明珠贸易有限公司", "dispute");
  let letter = await page.textContent("[data-testid=letter-text]");
  assert.match(letter, /your purchase order/);
  assert.match(letter, /credit note/);
  await page.click("details.sender summary");
  await page.click("[data-testid=dispute-doc-po]");
  await page.click("[data-testid=dispute-fix-credit]");
  letter = await page.textContent("[data-testid=letter-text]");
  assert.doesNotMatch(letter, /your purchase order/);
  assert.doesNotMatch(letter, /credit note/);
  assert.match(letter, /the contract/);
  assert.deepEqual(problems, []);
  await context.close();
});
