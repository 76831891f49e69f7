// End-to-end (issue 16 items 3 and 6): a letter prints like letterhead — the 催告函's title
// centred, 此致 indented, the sender's seal line and date on the right, the account number
// unbroken, on A4; the English final notice in British form with its letterhead and date on
// the right, on US Letter in American form — while Copy still gives exactly the letter's text;
// a batch prints one letter a page (counted in the PDF); a contract clause typed for one
// customer appears in that customer's letter and not in another's; the acknowledgment prints
// with the customer's seal line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser, setAsOf } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const SHOTS = process.env.LETTER_SHOTS ?? "";

// Made-up rows, as of 2025-11-20: two customers with overdue invoices, one due in 2022 (its
// three years run out in days).
const LEDGER = [
  "Invoice\tCustomer\tInvoice date\tDue date\tAmount\tPaid\tCurrency",
  "FP101\t深圳市华强电子有限公司\t2025-06-01\t2025-07-01\t128600.00\t0\tCNY",
  "FP201\t杭州西湖贸易有限公司\t2025-08-01\t2025-09-01\t6500.00\t0\tCNY",
  "OLD-1\t杭州老客户有限公司\t2022-11-01\t2022-12-01\t5000.00\t0\tCNY",
].join("\n");

async function typeInto(page, testid, value) {
  await page.fill(`[data-testid=${testid}]`, value);
  await page.locator(`[data-testid=${testid}]`).dispatchEvent("change");
}

const letterText = (page) => page.textContent("[data-testid=letter-text]");

/** Pastes the ledger, waits for Today (where the first paste opens), enters the sender's
 *  details in Settings, and opens the Letters tab. */
async function start(page, { zh }) {
  await setAsOf(page, "2025-11-20");
  await paste(page, LEDGER);
  await page.waitForSelector("[data-testid=today-list] li.today-item");
  await page.click(zh ? "role=tab[name='设置']" : "role=tab[name='Settings']");
  await page.click("[data-testid=sender-profile] summary");
  await typeInto(page, "sender-company", "宁波远航进出口有限公司");
  await typeInto(page, "sender-address", "浙江省宁波市鄞州区天童南路100号");
  await typeInto(page, "sender-bank", "中国银行宁波鄞州支行");
  await typeInto(page, "sender-account", "3580 1234 5678 9012");
  await typeInto(page, "sender-company-en", "Ningbo Yuanhang Import & Export Co., Ltd.");
  await typeInto(page, "sender-address-en", "100 Tiantong South Road, Ningbo, China");
  await typeInto(page, "sender-bank-en", "Bank of China, Ningbo Yinzhou Sub-branch");
  await page.click(zh ? "role=tab[name='函件']" : "role=tab[name='Letters']");
  await page.waitForSelector("[data-testid=letter-kind]");
}

async function chooseLetter(page, customer, kind, lang) {
  await page.selectOption("[data-testid=letter-customer]", customer);
  await page.selectOption("[data-testid=letter-kind]", kind);
  await page.selectOption("[data-testid=letter-lang]", lang);
  await page.waitForFunction(
    ([kind, lang]) =>
      document.querySelector("[data-testid=letter-kind]")?.value === kind &&
      document.querySelector("[data-testid=letter-print]")?.getAttribute("lang") === (lang === "zh" ? "zh-CN" : "en"),
    [kind, lang],
  );
}

/** What print shows of the letter, read under print media. */
async function printed(page) {
  await page.emulateMedia({ media: "print" });
  const seen = await page.evaluate(() => {
    const sheet = document.querySelector("[data-testid=letter-print]");
    const box = sheet.getBoundingClientRect();
    const part = (name) => sheet.querySelector(`.lp-${name}`);
    const style = (el) => (el ? getComputedStyle(el) : null);
    const rect = (el) => (el ? el.getBoundingClientRect() : null);
    const keep = [...sheet.querySelectorAll(".keep")].map((s) => ({ text: s.textContent, ws: style(s).whiteSpace }));
    return {
      visible: sheet.getClientRects().length > 0,
      textBoxHidden: document.querySelector("[data-testid=letter-text]").getClientRects().length === 0,
      page: style(sheet).page,
      paper: sheet.dataset.paper,
      sheetLeft: box.left,
      sheetCentre: box.left + box.width / 2,
      title: part("title")?.textContent,
      titleAlign: style(part("title"))?.textAlign,
      closing: part("closing")?.textContent,
      salute: part("salute")?.textContent,
      saluteLeft: rect(part("salute"))?.left,
      seal: sheet.querySelector(".seal-line")?.textContent,
      signatureLeft: rect(part("signature"))?.left,
      letterheadAlign: style(part("letterhead"))?.textAlign,
      dateAlign: style(part("date"))?.textAlign,
      keep,
      headerShown: [...document.querySelectorAll("header, .tabs, .summary")].some((e) => e.getClientRects().length > 0),
    };
  });
  return seen;
}

async function shot(page, name) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test("the 催告函 prints like letterhead and Copy gives exactly the letter's text", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN", viewport: { width: 1366, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  await start(page, { zh: true });
  await chooseLetter(page, "深圳市华强电子有限公司", "demand", "zh");
  await page.waitForFunction(() => document.querySelector("[data-testid=letter-text]")?.textContent.includes("（盖章）"));
  const text = await letterText(page);

  await page.click("[data-testid=copy-letter]");
  await page.waitForSelector("[data-testid=copied]");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied.replace(/\r\n/g, "\n"), text, "Copy gives the letter's text unchanged");

  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.click("[data-testid=print-letter]");
  const p = await printed(page);
  assert.ok(p.visible && p.textBoxHidden, "print shows the laid-out letter, not the text box");
  assert.equal(p.headerShown, false, "nothing of the page above the letter");
  assert.equal(p.title, "催告函");
  assert.equal(p.titleAlign, "center");
  assert.equal(p.closing, "　　此致", "此致 indented two characters");
  assert.equal(p.salute, "敬礼！");
  assert.ok(Math.abs(p.saluteLeft - p.sheetLeft) < 2, "敬礼！ flush left");
  assert.equal(p.seal, "发函单位：宁波远航进出口有限公司（盖章）");
  assert.ok(p.signatureLeft > p.sheetCentre, `signature on the right (${p.signatureLeft} > ${p.sheetCentre})`);
  const account = p.keep.find((k) => k.text === "3580 1234 5678 9012");
  assert.ok(account && account.ws === "nowrap", JSON.stringify(p.keep));
  assert.ok(p.keep.some((k) => k.text === "人民币128,600.00元" && k.ws === "nowrap"), JSON.stringify(p.keep));
  assert.equal(p.paper, "a4");
  assert.equal(p.page, "letter-a4");
  await shot(page, "print-demand-zh-1366");
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the English final notice prints in British form on A4, and on US Letter in American form", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { viewport: { width: 1366, height: 900 } });
  await start(page, { zh: false });
  await chooseLetter(page, "深圳市华强电子有限公司", "final", "en");
  await page.waitForFunction(() => document.querySelector("[data-testid=letter-text]")?.textContent.includes("Ningbo Yuanhang"));
  assert.doesNotMatch(await letterText(page), /FINAL NOTICE/, "the Re: line is not repeated as a heading");
  const british = await printed(page);
  assert.equal(british.letterheadAlign, "right");
  assert.equal(british.dateAlign, "right");
  assert.ok(Math.abs(british.signatureLeft - british.sheetLeft) < 2, "signature block on the left");
  assert.equal(british.page, "letter-a4");
  await shot(page, "print-final-en-1366");
  await page.emulateMedia({ media: "screen" });

  await page.click("role=tab[name='Settings']");
  await page.waitForSelector("[data-testid=sender-profile]");
  // The profile stays open from before.
  if (!(await page.$("[data-testid=sender-profile][open]"))) await page.click("[data-testid=sender-profile] summary");
  await page.uncheck("[data-testid=english-british]");
  await page.click("role=tab[name='Letters']");
  await page.waitForSelector("[data-testid=letter-print][data-paper=letter]", { state: "attached" });
  const american = await printed(page);
  assert.equal(american.page, "letter-us");
  assert.equal(american.dateAlign === "right", false, "the date flush left in American form");
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a contract clause typed for one customer is in its letter and not in another's", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN", viewport: { width: 390, height: 844 } });
  await start(page, { zh: true });
  await chooseLetter(page, "深圳市华强电子有限公司", "demand", "zh");
  // The letter lacks its contract: the gaps say so and the contract terms are open.
  await page.waitForSelector("[data-testid=letter-gaps] .letter-gap[data-gap=contract-clause]");
  await page.waitForSelector("[data-testid=contract-details][open] [data-testid=contract-uses-default]");
  await typeInto(page, "customer-contract-name-zh", "框架采购协议");
  await typeInto(page, "customer-contract-number", "KJ-9");
  await typeInto(page, "customer-contract-clause-zh", "第八条");
  await page.waitForFunction(() => document.querySelector("[data-testid=letter-text]")?.textContent.includes("《框架采购协议》（合同编号：KJ-9）第八条"));
  assert.equal(await page.locator("[data-testid=letter-gaps] .letter-gap[data-gap=contract-clause]").count(), 0);
  await shot(page, "letters-zh-390");
  if (SHOTS) await page.locator("[data-testid=contract-details]").screenshot({ path: `${SHOTS}/contract-zh-390.png` });

  await chooseLetter(page, "杭州西湖贸易有限公司", "demand", "zh");
  await page.waitForFunction(() => document.querySelector("[data-testid=customer-contract]")?.dataset.customer === "杭州西湖贸易有限公司");
  assert.doesNotMatch(await letterText(page), /框架采购协议|KJ-9/);
  assert.equal(await page.locator("[data-testid=contract-uses-default]").count(), 1);

  // Back to the first customer, and back to the workspace default.
  await chooseLetter(page, "深圳市华强电子有限公司", "demand", "zh");
  await page.waitForFunction(() => document.querySelector("[data-testid=letter-text]")?.textContent.includes("框架采购协议"));
  await page.click("[data-testid=contract-use-default]");
  await page.waitForFunction(() => !document.querySelector("[data-testid=letter-text]")?.textContent.includes("框架采购协议"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the acknowledgment for a customer near its limitation date prints with the customer's seal line", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN" });
  await start(page, { zh: true });
  await page.selectOption("[data-testid=letter-customer]", "杭州老客户有限公司");
  await page.waitForFunction(() => document.querySelector("[data-testid=letter-kind]")?.value === "acknowledgment");
  await page.selectOption("[data-testid=letter-lang]", "zh");
  await page.waitForFunction(() => document.querySelector("[data-testid=letter-text]")?.textContent.startsWith("欠款确认书"));
  const p = await printed(page);
  assert.equal(p.title, "欠款确认书");
  assert.equal(p.seal, "债务人（盖章）：杭州老客户有限公司");
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a batch of letters prints one letter a page", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "zh-CN" });
  await setAsOf(page, "2025-10-31");
  // Invented: two customers in the friendly stage, a reminder each.
  await paste(
    page,
    [
      "发票号码\t客户名称\t到期日\t发票金额\t币种",
      "FP-101\t深圳市华强电子有限公司\t2025-10-24\t12,800.00\tCNY",
      "FP-201\t杭州西湖贸易有限公司\t2025-10-21\t6,500.00\tCNY",
    ].join("\n"),
  );
  await page.click("[data-testid=batch-letters][data-kind=reminder]");
  await page.waitForSelector("[data-testid=batch-view][data-kind=reminder]");
  await page.emulateMedia({ media: "print" });
  const letters = await page.$$eval(".batch-print-all [data-testid=letter-print]", (els) =>
    els.map((el) => ({ page: getComputedStyle(el).page, title: el.querySelector(".lp-title")?.textContent })),
  );
  assert.equal(letters.length, 2);
  assert.ok(letters.every((l) => l.page === "letter-a4" && l.title === "付款提醒函"), JSON.stringify(letters));
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  const pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  assert.equal(pages, 2, "one page per letter");
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(problems, []);
  await context.close();
});
