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
