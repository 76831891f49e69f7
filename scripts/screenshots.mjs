// Screenshots of every tab in both languages at 1366×900 and 390×844, with the sample data and
// with a 2,000-row ledger (issue 17), to look at as a user would. Build first (`trunk build
// --release`), then: `node scripts/screenshots.mjs [out-dir]` (default target/screenshots/).
// Each tab is shot as the user sees it on opening it: the tab bar at the top of the screen;
// `first` is the page's first screen. With `--charges`, a late-charge rule is on as well.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { serveDist, launch, paste } from "../tests/e2e/harness.mjs";
import { ledger, SIZES, loadSample, tabNames, openTab, waitForSettled } from "../tests/e2e/screens-support.mjs";

const args = process.argv.slice(2);
const charges = args.includes("--charges");
const out = args.find((a) => !a.startsWith("--")) ?? new URL("../target/screenshots/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });


const server = await serveDist();
const browser = await launch();
const written = [];
try {
  for (const data of ["sample", "ledger"]) {
    for (const size of SIZES) {
      for (const lang of ["zh", "en"]) {
        const context = await browser.newContext({ locale: lang === "zh" ? "zh-CN" : "en-US", viewport: size });
        const page = await context.newPage();
        await page.goto(server.url);
        await page.waitForSelector("[data-testid=paste-input]");
        if (data === "sample") {
          await loadSample(page);
        } else {
          await paste(page, ledger(2000));
          await waitForSettled(page, 2000);
        }
        if (charges) {
          await openTab(page, (await tabNames(page)).at(-1));
          await page.selectOption("[data-testid=charge-rule]", "uk-statutory");
          await page.waitForSelector("[data-testid=currency-totals] [data-testid^=charges-]");
        }
        const base = `${data}${charges ? "+charges" : ""}-${lang}-${size.width}x${size.height}`;
        await page.evaluate(() => window.scrollTo(0, 0));
        const first = join(out, `${base}-first.png`);
        await page.screenshot({ path: first });
        written.push(first);
        // Tabs by their place in the bar (tab0 Today, tab1 Invoices, …), the same in both languages.
        const names = await tabNames(page);
        for (const [i, name] of names.entries()) {
          await openTab(page, name);
          await page.locator("[role=tablist]").evaluate((el) => el.scrollIntoView({ block: "start" }));
          const file = join(out, `${base}-tab${i}.png`);
          await page.screenshot({ path: file });
          written.push(file);
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(written.join("\n"));
