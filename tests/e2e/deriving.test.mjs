// Issue 14 goal 3: a large derive is worked out in slices (src/state/deriving.rs, src/sliced.rs)
// while the page stays usable. A 100,000-row paste shows a progress bar; the page scrolls and
// takes clicks meanwhile; Stop brings back the ledger from before; left alone, the results
// arrive; and a large saved ledger is worked out the same way when the page opens. The CPU is
// slowed where the test needs the derive to last long enough to be seen and stopped; every
// wait is for a state, never a fixed time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { paste, withServerAndBrowser, openPage } from "./harness.mjs";
import { readStored, waitForStored } from "./idb.mjs";
import { ledger } from "../bench/ledger.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

const LARGE = 100_000;
const large = ledger(LARGE);
const small = ledger(120);

const status = (page) => page.textContent("[data-testid=parse-status]");
const waitForRead = (page, rows, timeout = 120_000) =>
  page.waitForFunction(
    (rows) => document.querySelector("[data-testid=parse-status]")?.textContent.startsWith(`${rows} / ${rows}`),
    rows,
    { timeout, polling: 100 },
  );

async function slowCpu(page, rate) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  return cdp;
}

/** "Working out about 99,873 rows…" → 99873. */
const rowsSaid = (text, pattern) => Number(text.match(pattern)[1].replace(/,/g, ""));

test("a large paste shows its progress, the page scrolls and takes clicks meanwhile, and Stop brings back the ledger before", { timeout: 300_000 }, async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await paste(page, small);
  await waitForRead(page, 120);
  await waitForStored(page, (json) => typeof json === "string" && json.includes("FP00000119"));
  const cdp = await slowCpu(page, 8);
  await paste(page, large);
  const bar = page.locator("[data-testid=deriving]");
  await bar.waitFor({ timeout: 60_000 });
  const said = await bar.textContent();
  // The row count is estimated from the first 15,000 lines: near, not exact.
  const rows = rowsSaid(said, /Working out about ([\d,]+) rows/);
  assert.ok(Math.abs(rows - LARGE) < LARGE / 10, said);
  assert.match(said, /what you see below is from before/);
  // What is shown meanwhile is the ledger before; the preview is of the new paste.
  assert.match(await status(page), /^120 \/ 120 rows read/);
  assert.match(await page.textContent("[data-testid=paste-preview]"), new RegExp(`${rows} lines`));
  // Each slice sets the bar's value: wait for one, then for a larger one.
  const progress = () => page.$eval("[data-testid=deriving] progress", (p) => Number(p.getAttribute("value") ?? 0));
  await page.waitForFunction(() => Number(document.querySelector("[data-testid=deriving] progress")?.getAttribute("value") ?? 0) > 0);
  const first = await progress();
  await page.waitForFunction(
    (first) => Number(document.querySelector("[data-testid=deriving] progress")?.getAttribute("value") ?? 0) > first,
    first,
  );
  // The page scrolls while it works: the wheel moves it and the bar stays in sight.
  await page.mouse.move(600, 600);
  await page.mouse.wheel(0, 600);
  await page.waitForFunction(() => window.scrollY > 0);
  assert.ok(await bar.isVisible(), "the bar is still there: the derive has not finished");
  const box = await bar.boundingBox();
  assert.ok(box.y >= 0 && box.y < 900, `the bar sticks to the top of the window (y = ${box.y})`);
  // Stop: the ledger before is back, and the large paste is gone from the page.
  await page.click("[data-testid=deriving-stop]");
  await bar.waitFor({ state: "detached" });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  assert.match(await status(page), /^120 \/ 120 rows read/);
  assert.equal(await page.locator("[data-testid=paste-preview]").count(), 0, "the large paste's preview is gone");
  assert.equal(await page.inputValue("[data-testid=paste-input]"), small);
  // What is stored is the ledger before: the stopped paste was never saved.
  const stored = await readStored(page, "workspace");
  assert.ok(stored.includes("FP00000119") && !stored.includes("FP00099999"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("left alone, a large paste's results arrive, in Chinese too, and are stored", { timeout: 300_000 }, async () => {
  const { context, page, problems } = await openPage(browser, server.url, { locale: "zh-CN", viewport: { width: 390, height: 844 } });
  await paste(page, large);
  const bar = page.locator("[data-testid=deriving]");
  // On a fast machine the derive may be done before a look at the bar: only its words are
  // checked when it is caught.
  const said = await bar.textContent({ timeout: 5_000 }).catch(() => null);
  if (said) assert.match(said, /正在计算约 [\d,]+ 行/);
  await waitForRead(page, LARGE);
  assert.equal(await bar.count(), 0, "the bar is gone once the results are in");
  await waitForStored(page, (json) => typeof json === "string" && json.includes("FP00099999"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a large saved ledger is worked out in slices as the page opens, with no Stop, and its results arrive", { timeout: 300_000 }, async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await paste(page, large);
  await waitForRead(page, LARGE);
  // Reload only once the save the test relies on has happened.
  await waitForStored(page, (json) => typeof json === "string" && json.includes("FP00099999"));
  await slowCpu(page, 8);
  await page.reload();
  const bar = page.locator("[data-testid=deriving]");
  await bar.waitFor({ timeout: 120_000 });
  assert.match(await bar.textContent(), /Your saved ledger is being read again/);
  assert.equal(await page.locator("[data-testid=deriving-stop]").count(), 0, "nothing to stop back to");
  // No "0 / 0 rows read" while the saved ledger is being read.
  assert.equal(await page.locator("[data-testid=parse-status]").count(), 0);
  await waitForRead(page, LARGE, 240_000);
  assert.equal(await bar.count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone the bar comes first, above the results a phone shows first, and stays in sight as the page scrolls", { timeout: 300_000 }, async () => {
  const { context, page, problems } = await openPage(browser, server.url, { viewport: { width: 390, height: 844 } });
  await paste(page, small);
  await waitForRead(page, 120);
  const cdp = await slowCpu(page, 8);
  await paste(page, large);
  const bar = page.locator("[data-testid=deriving]");
  await bar.waitFor({ timeout: 60_000 });
  const [above, results] = [await bar.boundingBox(), await page.locator("main > .summary").boundingBox()];
  assert.ok(above.y < results.y, `bar at ${above.y}, results at ${results.y}`);
  await page.mouse.move(200, 600);
  await page.mouse.wheel(0, 700);
  await page.waitForFunction(() => window.scrollY > 300);
  assert.ok(await bar.isVisible(), "the derive has not finished");
  const box = await bar.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 844, `the bar is in sight (y = ${box.y})`);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await waitForRead(page, LARGE);
  assert.deepEqual(problems, []);
  await context.close();
});
