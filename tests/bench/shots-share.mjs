// Screenshots of the share flow (zh and en, desktop and phone) for a human to look at:
// node tests/bench/shots-share.mjs /tmp/shots
import { serveDist, launch, paste } from "../e2e/harness.mjs";
import { readFileSync } from "node:fs";
const out = process.argv[2] ?? "/tmp/shots";
const fixture = readFileSync(new URL("../fixtures/chinese-excel.tsv", import.meta.url), "utf8");
const server = await serveDist();
const browser = await launch();
for (const [locale, lang] of [["zh-CN", "zh"], ["en-US", "en"]]) {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
    const ctx = await browser.newContext({ locale, viewport, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto(server.url);
    await paste(page, fixture);
    await page.waitForSelector("tr[data-invoice]");
    await page.click("[data-testid=share]");
    await page.click("[data-testid=share-with-data]");
    await page.waitForSelector("[data-testid=share-link]");
    await page.screenshot({ path: `${out}/share-${lang}-${name}.png`, fullPage: false });
    const link = await page.textContent("[data-testid=share-link]");
    const ctx2 = await browser.newContext({ locale, viewport, deviceScaleFactor: 1 });
    const p2 = await ctx2.newPage();
    await p2.goto(server.url);
    await paste(p2, "Invoice\tCustomer\tDue date\tAmount\nMINE-1\tMy customer\t2025-09-01\t500\n");
    await p2.waitForSelector("tr[data-invoice]");
    await p2.goto(link);
    await p2.waitForSelector("[data-testid=open-link]");
    await p2.screenshot({ path: `${out}/open-${lang}-${name}.png`, fullPage: false });
    await p2.click("[data-testid=open-link-alongside]");
    await p2.waitForSelector("[data-testid=viewing-shared]");
    await p2.screenshot({ path: `${out}/alongside-${lang}-${name}.png`, fullPage: false });
    // A protected link in a blank browser: the passphrase prompt, then the "opened" notice.
    await page.fill("[data-testid=share-passphrase]", "secret");
    await page.waitForFunction(() => document.querySelector("[data-testid=share-link]")?.textContent.includes("#v1.e."));
    const locked = await page.textContent("[data-testid=share-link]");
    const ctx3 = await browser.newContext({ locale, viewport, deviceScaleFactor: 1 });
    const p3 = await ctx3.newPage();
    await p3.goto(locked);
    await p3.fill("[data-testid=open-link] [data-testid=share-passphrase]", "wrong");
    await p3.click("[data-testid=open-link-unlock]");
    await p3.waitForSelector("[data-testid=open-link-error]");
    await p3.screenshot({ path: `${out}/locked-${lang}-${name}.png`, fullPage: false });
    await ctx.close();
    await ctx2.close();
    await ctx3.close();
  }
}
await browser.close();
await server.close();
