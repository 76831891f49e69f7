// A Chromium trace of one paste (TRACE_OUT=file.json), summarised by the renderer main
// thread's top-level task kinds and their children (script, style, layout, paint, Wasm
// compilation, GC): what "(program)" in a CPU profile is made of.
//   ROWS=10000 node tests/bench/trace-paste.mjs   (after `trunk build --release`)
import { readFileSync } from "node:fs";
import { serveDist, launch } from "../e2e/harness.mjs";
import { ledger } from "./ledger.mjs";

const rows = Number(process.env.ROWS ?? 10_000);
const out = process.env.TRACE_OUT ?? "/tmp/overdue-paste-trace.json";
const server = await serveDist();
const browser = await launch();
const context = await browser.newContext({ locale: "en-US" });
const page = await context.newPage();
await page.goto(server.url);
await page.waitForSelector("[data-testid=paste-input]");
if (process.env.IDLE_MS) await page.waitForTimeout(Number(process.env.IDLE_MS));
await browser.startTracing(page, { path: out, categories: ["devtools.timeline", "v8", "v8.wasm", "blink"] });
const text = ledger(rows);
await page.locator("[data-testid=paste-input]").evaluate((el, text) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
}, text);
await page.waitForFunction((rows) => (document.querySelector("[data-testid=parse-status]")?.textContent ?? "").startsWith(`${rows} / ${rows}`), rows, { timeout: 120_000 });
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
await browser.stopTracing();
await browser.close();
await server.close();

const events = JSON.parse(readFileSync(out, "utf8")).traceEvents ?? [];
const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
const onMain = events.filter((e) => e.ph === "X" && main && e.pid === main.pid && e.tid === main.tid);
const sum = new Map();
for (const e of onMain) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
const top = [...sum].sort((a, b) => b[1] - a[1]).slice(0, 30);
console.log(`${rows} rows: renderer main thread, complete events by total duration (nested ones counted in their parents too), ms`);
console.table(top.map(([name, ms]) => ({ name, ms: ms.toFixed(1) })));
