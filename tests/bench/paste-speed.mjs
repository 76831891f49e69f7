// Browser benchmark: time from a paste event to results on screen (parsed, aged, summary and
// the first page of the table rendered, two animation frames later) for generated ledgers of
// 10,000 and 100,000 rows, against PapaParse parsing the same text (header: true) in the same
// Chromium. Prints a table; asserts nothing (timings on a shared machine are for reading).
//   node tests/bench/paste-speed.mjs   (after `trunk build --release`)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { serveDist, launch } from "../e2e/harness.mjs";
import { ledger } from "./ledger.mjs";

const require = createRequire(import.meta.url);
const papaSource = readFileSync(require.resolve("papaparse/papaparse.min.js"), "utf8");

const server = await serveDist();
const browser = await launch();
const results = [];
// ROWS=10000 to run one size; IDLE_MS=1000 to paste after the page has been idle a moment (as a
// person would), so the warm-up parse at idle has compiled the parser first.
const sizes = process.env.ROWS ? [Number(process.env.ROWS)] : [10_000, 100_000];
const idle = Number(process.env.IDLE_MS ?? 0);
for (const rows of sizes) {
  const text = ledger(rows);
  const ours = [];
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector("[data-testid=paste-input]");
    if (idle) await page.waitForTimeout(idle);
    ours.push(
      await page.evaluate(
        ({ text, rows }) =>
          new Promise((resolve) => {
            const status = () => document.querySelector("[data-testid=parse-status]")?.textContent ?? "";
            const done = () => status().startsWith(`${rows} / ${rows}`);
            const target = document.querySelector("[data-testid=paste-input]");
            const data = new DataTransfer();
            data.setData("text/plain", text);
            const t0 = performance.now();
            // The page's own User Timing measures (src/browser.rs `timed`): the core's derive
            // and the render that follows, for the part of the total each takes.
            const measure = (name) =>
              performance.getEntriesByName(`overdue:${name}`).filter((e) => e.startTime >= t0).reduce((sum, e) => sum + e.duration, 0);
            const finish = () =>
              requestAnimationFrame(() =>
                requestAnimationFrame(() => resolve({ total: performance.now() - t0, derive: measure("derive"), render: measure("render") })),
              );
            const observer = new MutationObserver(() => {
              if (done()) {
                observer.disconnect();
                finish();
              }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
          }),
        { text, rows },
      ),
    );
    await context.close();
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent("<!doctype html><title>papaparse</title>");
  await page.addScriptTag({ content: papaSource });
  const papa = await page.evaluate((text) => {
    const times = [];
    let count = 0;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      count = Papa.parse(text, { header: true, delimiter: "\t" }).data.length;
      times.push(performance.now() - t0);
    }
    return { times, count };
  }, text);
  await context.close();
  results.push({
    rows,
    megabytes: (Buffer.byteLength(text) / 1e6).toFixed(1),
    "overdue paste→results ms (runs)": ours.map((t) => t.total.toFixed(0)).join(" / "),
    "overdue best ms": Math.min(...ours.map((t) => t.total)).toFixed(0),
    "of which derive / render ms (runs)": ours.map((t) => `${t.derive.toFixed(0)}+${t.render.toFixed(0)}`).join(" "),
    "papaparse parse-only ms (runs)": papa.times.map((t) => t.toFixed(0)).join(" / "),
    "papaparse best ms": Math.min(...papa.times).toFixed(0),
  });
}
await browser.close();
await server.close();
console.table(results);
