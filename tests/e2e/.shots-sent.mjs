import { serveDist, launch, paste, setAsOf } from "./harness.mjs";
const LEDGER = [
  "发票号码\t客户名称\t到期日\t发票金额\t币种",
  "FP-101\t深圳市华强电子有限公司\t2025-10-24\t12,800.00\tCNY",
  "FP-201\t杭州西湖贸易有限公司\t2025-10-21\t6,500.00\tCNY",
  "FP-301\t成都天府机械有限公司\t2025-09-15\t30,000.00\tCNY",
].join("\n");
const server = await serveDist();
const browser = await launch();
for (const [locale, tag] of [["zh-CN", "zh"], ["en-US", "en"]]) {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ locale, viewport });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector("[data-testid=paste-input]");
    await setAsOf(page, "2025-10-31");
    await paste(page, LEDGER);
    await page.waitForSelector("li.today-item[data-status=todo]");
    const card = "li.today-item[data-customer='深圳市华强电子有限公司']";
    await page.click(`${card} [data-testid=open-letter]`);
    await page.click("[data-testid=record-sent]");
    await page.waitForSelector("[data-testid=sent-entry]");
    await page.locator("[data-testid=sent-tracking]").fill("SF1234567890");
    await page.locator("[data-testid=sent-tracking]").dispatchEvent("change");
    const w = viewport.width;
    await page.locator("[data-testid=sent-log]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/sent-shots/${tag}-${w}-letters.png` });
    await page.click(`[role=tab] >> nth=0`);
    await page.waitForSelector("[data-testid=today-list]");
    const pre = "li.today-item[data-customer='成都天府机械有限公司']";
    await page.locator(pre).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/sent-shots/${tag}-${w}-today.png`, fullPage: true });
    await page.click("[data-testid=batch-letters] >> nth=0");
    await page.waitForSelector("[data-testid=batch-view]");
    await page.screenshot({ path: `/tmp/sent-shots/${tag}-${w}-batch.png` });
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: `/tmp/sent-shots/${tag}-${w}-print.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
await server.close();
