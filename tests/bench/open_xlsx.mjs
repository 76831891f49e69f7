// How long opening a 10,000-row .xlsx takes in the page: from choosing the file to its invoices
// counted, the first time (the reader is imported then) and a second time (already loaded).
// Prints the timings; asserts nothing (a shared machine's timings are for reading).
//   node tests/bench/open_xlsx.mjs path/to/book.xlsx [expected invoice count]
// after `trunk build --release`. The workbook must be laid out as make_workbooks.py writes
// ledger.xlsx (sheet 2 the invoices): build one of 10,000 rows by setting its ROWS.
import { serveDist, launch } from "../e2e/harness.mjs";

const [file, expected = "10000"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node tests/bench/open_xlsx.mjs book.xlsx [invoices]");
  process.exit(2);
}
const server = await serveDist();
const browser = await launch();
const page = await (await browser.newContext()).newPage();
await page.goto(server.url);
await page.waitForSelector("[data-testid=paste-input]");
const open = async () => {
  const start = Date.now();
  await page.setInputFiles("[data-testid=open-file]", file);
  await page.waitForSelector("[data-testid=sheet-choice]");
  const chosen = Date.now();
  await page.click("[data-testid=sheet-1]");
  await page.waitForFunction(
    (n) => document.querySelector("[data-testid=parse-status] strong")?.textContent === n,
    expected,
    { timeout: 120000 },
  );
  return { "to the sheet choice (ms)": chosen - start, "sheet to invoices shown (ms)": Date.now() - chosen };
};
console.table({ first: await open(), again: await open() });
await browser.close();
server.close?.();
