// Every screen the page is opened on (issue 17): at an office laptop's 1366×900 and a phone's
// 390×844, in Chinese and in English, with the sample data and with a 2,000-row ledger, every
// tab fits the screen — nothing is wider than the viewport, and at 1366 px each table's
// essential columns are in view without scrolling sideways.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, paste, withServerAndBrowser } from "./harness.mjs";
import { ledger, SIZES, loadSample, tabNames, openTab, waitForSettled } from "./screens-support.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

/** What sticks out past the right edge of the viewport: the document's own width, and every
 * visible element whose right edge is past it, unless a container that clips or scrolls on
 * purpose (overflow-x other than visible) holds it. Returned as short descriptions. */
async function overflowing(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const found = [];
    const doc = document.documentElement.scrollWidth;
    if (doc > width) found.push(`document is ${doc}px wide in a ${width}px viewport`);
    const describe = (el) => {
      const id = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      const text = (el.textContent ?? "").trim().slice(0, 30);
      return `${el.tagName.toLowerCase()}${id}${cls} "${text}"`;
    };
    const inScroller = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o !== "visible") return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > width + 0.5 && !inScroller(el)) {
        found.push(`${describe(el)} ends at ${Math.round(r.right)}px`);
        if (found.length > 12) break;
      }
    }
    return found;
  });
}

/** The essential columns of each table that are not fully in view: a cell of the first row per
 * column, checked against the viewport and against the box of its scrolling container (a
 * column visible only after scrolling sideways is off-screen). */
async function essentialOffScreen(page) {
  return page.evaluate(() => {
    const essentials = {
      "invoice-table": ["invoice", "customer", "days", "bucket", "outstanding", "charge", "total", "stage"],
      "customer-summary": ["customer", "total", "days", "charges", "due"],
    };
    const found = [];
    for (const [table, cols] of Object.entries(essentials)) {
      const el = document.querySelector(`[data-testid=${table}]`);
      if (!el) continue;
      const row = el.querySelector("tbody tr[data-invoice], tbody tr[data-customer]");
      if (!row) continue;
      const scroller = el.closest(".table-scroll") ?? el.parentElement;
      const box = scroller.getBoundingClientRect();
      const right = Math.min(box.right, window.innerWidth);
      for (const col of cols) {
        const cell = row.querySelector(`[data-col=${col}]`);
        // A column the table does not have (no late charges: no charge column) is not missing.
        const optional = ["charge", "total", "charges", "due"].includes(col);
        if (!cell) {
          if (!optional) found.push(`${table}: no ${col} column`);
          continue;
        }
        const r = cell.getBoundingClientRect();
        if (r.right > right + 0.5 || r.left < box.left - 0.5) {
          found.push(`${table}: ${col} at ${Math.round(r.left)}–${Math.round(r.right)}px, visible up to ${Math.round(right)}px`);
        }
      }
    }
    return found;
  });
}

/** Every tab at one size and language: what overflows, tab by tab. On a phone the tables are
 * cards, so their essential fields must be in view there too. */
async function checkEveryTab(page, size, lang, what) {
  const failures = [];
  for (const name of await tabNames(page)) {
    await openTab(page, name);
    for (const f of await overflowing(page)) failures.push(`${what} ${lang} ${size.width}: ${name}: ${f}`);
    for (const f of await essentialOffScreen(page)) failures.push(`${what} ${lang} ${size.width}: ${name}: ${f}`);
  }
  return failures;
}

for (const size of SIZES) {
  for (const lang of ["zh", "en"]) {
    test(`sample data at ${size.width}×${size.height} in ${lang}: every tab fits, essential columns in view`, async () => {
      const locale = lang === "zh" ? "zh-CN" : "en-US";
      const { page, problems, context } = await openPage(browser, server.url, { locale, viewport: size });
      await loadSample(page);
      const failures = await checkEveryTab(page, size, lang, "sample");
      // With late charges on, the tables carry their charge and total-due columns too.
      await openTab(page, (await tabNames(page)).at(-1));
      await page.selectOption("[data-testid=charge-rule]", "uk-statutory");
      await page.waitForSelector("[data-testid=currency-totals] [data-testid^=charges-]");
      failures.push(...(await checkEveryTab(page, size, lang, "sample+charges")));
      assert.deepEqual(failures, []);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

for (const size of SIZES) {
  test(`a 2,000-row ledger at ${size.width}×${size.height}: every tab fits in both languages`, async () => {
    const { page, problems, context } = await openPage(browser, server.url, { locale: "en-US", viewport: size });
    await paste(page, ledger(2000));
    await waitForSettled(page, 2000);
    const failures = await checkEveryTab(page, size, "en", "ledger");
    await page.selectOption("[data-testid=lang-switch]", "zh");
    await page.waitForSelector("html[lang=zh-CN]");
    failures.push(...(await checkEveryTab(page, size, "zh", "ledger")));
    assert.deepEqual(failures, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** A shown amount ("1,234.50", "—") as cents. */
const cents = (text) => {
  const t = text.trim();
  if (t === "—" || t === "") return 0;
  return Math.round(Number(t.replace(/,/g, "")) * 100);
};

test("every figure adds up by eye: the 账龄表's rows sum to its totals, counts included; credits and days said plainly", async () => {
  const { page, problems, context } = await openPage(browser, server.url, { locale: "en-US", viewport: SIZES[0] });
  await loadSample(page);
  await openTab(page, (await tabNames(page)).at(-1));
  await page.selectOption("[data-testid=charge-rule]", "uk-statutory");
  await page.waitForSelector("[data-testid=currency-totals] [data-testid^=charges-]");
  await openTab(page, "Customers");
  const { rows, totals } = await page.evaluate(() => {
    const cells = (tr) => [...tr.querySelectorAll("td.num")].map((td) => td.textContent);
    const table = document.querySelector("[data-testid=customer-summary]");
    return {
      rows: [...table.querySelectorAll("tbody tr[data-customer]")].map((tr) => ({ currency: tr.dataset.currency, cells: cells(tr) })),
      totals: [...table.querySelectorAll("tfoot tr[data-currency-total]")].map((tr) => ({ currency: tr.dataset.currencyTotal, cells: cells(tr) })),
    };
  });
  assert.ok(totals.length >= 2);
  const oldest = (await page.$$eval("[data-testid=customer-summary] thead th", (ths) => ths.map((th) => th.textContent.trim()))).indexOf("Oldest") - 2;
  for (const total of totals) {
    const mine = rows.filter((r) => r.currency === total.currency);
    total.cells.forEach((cell, i) => {
      if (i === oldest) return; // the oldest is a maximum, not a sum
      const sum = mine.reduce((s, r) => s + cents(r.cells[i]), 0);
      assert.equal(sum, cents(cell), `${total.currency} column ${i}: rows add up to ${sum / 100}, the total says ${cell}`);
    });
  }
  // The USD card has a credit note: its outstanding is the invoices less the credit, said so.
  const usd = page.locator("article.currency-card[data-currency=USD]");
  assert.match(await usd.locator("[data-testid=net-USD]").textContent(), /^Open invoices 27,650\.00 − credits 1,200\.00$/);
  assert.equal((await page.textContent("[data-testid=total-USD]")).trim(), "26,450.00");
  assert.match(await usd.textContent(), /can exceed the outstanding total/);
  // DSO only where it means something: a figure says what it was computed from (two or more
  // invoices); a dash says why not (the sample's customer with a single invoice).
  const dsos = await page.$$eval("[data-testid=customer-summary] tbody [data-col=dso]", (tds) =>
    tds.map((td) => [td.textContent.trim(), td.title]),
  );
  assert.ok(dsos.some(([text]) => text === "—"));
  for (const [text, title] of dsos) {
    if (text === "—") assert.match(title, /Fewer than two invoices/);
    else assert.match(title, /\(([2-9]|\d\d+) invoices\)/);
  }
  // Not yet due is "due in N days"; the column chooser adds the secondary columns and says the table scrolls.
  await openTab(page, "Invoices");
  const days = await page.$$eval("[data-testid=invoice-table] [data-col=days]", (tds) => tds.map((td) => [Number(td.dataset.days), td.textContent.trim()]));
  for (const [n, text] of days) {
    if (n < 0) assert.equal(text, n === -1 ? "due tomorrow" : `due in ${-n} days`);
    else if (n > 0) assert.equal(text, String(n));
  }
  assert.ok(days.some(([n]) => n < 0));
  assert.equal(await page.locator("[data-testid=invoice-table] thead th", { hasText: "Invoice date" }).count(), 0);
  await page.check("[data-testid=all-columns]");
  await page.locator("[data-testid=invoice-table] thead th", { hasText: "Invoice date" }).waitFor();
  assert.ok(await page.locator(".scroll-hint").isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});
