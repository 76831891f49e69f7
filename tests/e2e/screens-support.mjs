// What the screen-fit test (screens.test.mjs) and the screenshot script (scripts/screenshots.mjs)
// share: the two screen sizes of issue 17, a made-up ledger of any length, and moving between tabs.

/** An office laptop and a phone (a link opened in a chat app). */
export const SIZES = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];

/** A made-up ledger of `n` invoices as a spreadsheet copies it (tab-separated, Chinese headers):
 * 150 customers, two currencies, due dates from a year ago to a month ahead of today, some
 * part-paid, a few credit notes. Every row is invented. */
export function ledger(n) {
  const lines = ["发票号\t客户名称\t币种\t开票日期\t到期日\t金额\t已收"];
  const day = 24 * 3600 * 1000;
  const today = Date.now();
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  for (let i = 0; i < n; i++) {
    const customer = `客户${String(i % 150).padStart(3, "0")}贸易有限公司`;
    const currency = i % 7 === 0 ? "USD" : "CNY";
    const due = today - ((i * 37) % 400) * day + 30 * day;
    const amount = 1000 + ((i * 7919) % 90000);
    const credit = i % 97 === 0;
    const paid = credit ? 0 : i % 5 === 0 ? Math.floor(amount / 3) : 0;
    lines.push(
      [`INV-${String(i + 1).padStart(5, "0")}`, customer, currency, iso(due - 30 * day), iso(due),
        `${credit ? "-" : ""}${amount}.00`, `${paid}.00`].join("\t"),
    );
  }
  return lines.join("\n");
}

/** Presses "try with sample data" and waits for its totals. */
export async function loadSample(page) {
  await page.click("[data-testid=sample-data]");
  await page.waitForSelector("[data-testid=currency-totals]");
}

/** Waits until the paste status says `invoices` invoices were read. */
export async function waitForSettled(page, invoices) {
  await page.waitForFunction(
    (n) => document.querySelector("[data-testid=parse-status] strong")?.textContent === String(n),
    invoices,
  );
}

/** The tabs' names, as the tab bar shows them. */
export async function tabNames(page) {
  return page.$$eval("[role=tab]", (tabs) => tabs.map((t) => t.textContent.trim()));
}

/** Opens the tab named `name` and waits for it to be the selected one. */
export async function openTab(page, name) {
  const tab = page.getByRole("tab", { name, exact: true });
  await tab.click();
  await page.waitForFunction((n) => document.querySelector("[role=tab][aria-selected=true]")?.textContent.trim() === n, name);
}
