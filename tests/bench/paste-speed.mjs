// Browser benchmark: time from a paste event to results on screen (parsed, aged, summary and
// the first page of the table rendered, two animation frames later) for generated ledgers of
// 10,000 and 100,000 rows, against PapaParse and uDSV parsing the same text (header: true,
// rows as objects of strings) in the same Chromium. Prints a table; asserts nothing (timings on a
// shared machine are for reading).
//   node tests/bench/paste-speed.mjs   (after `trunk build --release`)
// OVERDUE_DIST_B=/path/to/other/dist: also time a second build, alternating A and B run by run,
// so that a before/after comparison sees the same machine load.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { serveDist, launch } from "../e2e/harness.mjs";
import { ledger } from "./ledger.mjs";
import { recordLongTasks, pageFigures, describeMeasures, startProfile } from "./measures.mjs";

const require = createRequire(import.meta.url);
const papaSource = readFileSync(require.resolve("papaparse/papaparse.min.js"), "utf8");
const udsvSource = readFileSync(require.resolve("udsv/dist/uDSV.iife.min.js"), "utf8");

const servers = [{ name: "A", server: await serveDist() }];
if (process.env.OVERDUE_DIST_B) servers.push({ name: "B", server: await serveDist("/overdue/", process.env.OVERDUE_DIST_B) });
const browser = await launch();
const results = [];
const measureLines = [];
// ROWS=10000 to run one size; IDLE_MS=1000 to paste after the page has been idle a moment (as a
// person would), so the warm-up parse at idle has compiled the parser first.
const sizes = process.env.ROWS ? [Number(process.env.ROWS)] : [10_000, 100_000];
const idle = Number(process.env.IDLE_MS ?? 0);
// PROFILE=dir: a CPU profile of each build's first run at each size, written there
// (<build>-<rows>.cpuprofile) and summarised by self time.
const profileDir = process.env.PROFILE;
const profiles = [];
/** One paste into a fresh page of `server`: paste event → results painted, the page's own
 *  measures (those of the save that follows included, once it has been written), and the
 *  longest main-thread task. */
async function pasteOnce(server, text, rows, profileAs) {
  const context = await browser.newContext({ locale: "en-US" });
  await recordLongTasks(context);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("[data-testid=paste-input]");
  if (idle) await page.waitForTimeout(idle);
  const stopProfile = profileAs && (await startProfile(page, `${profileDir}/${profileAs}.cpuprofile`));
  const timing = await page.evaluate(
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
            requestAnimationFrame(() => resolve({ t0, total: performance.now() - t0, derive: measure("derive"), render: measure("render") })),
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
  );
  // The save after a paste is part of the paste's cost to the page, though after results.
  await page
    .waitForFunction(() => performance.getEntriesByName("overdue:save:write").length > 0, null, { timeout: 60_000, polling: 100 })
    .catch(() => {});
  Object.assign(timing, await pageFigures(page, timing.t0));
  if (stopProfile) profiles.push({ profileAs, top: await stopProfile() });
  await context.close();
  return timing;
}

/** The JavaScript parsers on the same text, parse only, three runs each, in one blank page. */
async function parseInJs(text) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent("<!doctype html><title>parsers</title>");
  await page.addScriptTag({ content: papaSource });
  await page.addScriptTag({ content: udsvSource });
  const times = await page.evaluate((text) => {
    const time = (parse) => {
      const runs = [];
      let count = 0;
      for (let run = 0; run < 3; run++) {
        const t0 = performance.now();
        count = parse();
        runs.push(performance.now() - t0);
      }
      return { runs, count };
    };
    return {
      papa: time(() => Papa.parse(text, { header: true, delimiter: "\t" }).data.length),
      // uDSV's own way: infer the schema (header, delimiter) from the text, then rows as
      // objects of strings, like PapaParse's header: true.
      udsv: time(() => uDSV.initParser(uDSV.inferSchema(text)).stringObjs(text).length),
    };
  }, text);
  await context.close();
  return times;
}

const best = (runs) => Math.min(...runs);
for (const rows of sizes) {
  const text = ledger(rows);
  const ours = Object.fromEntries(servers.map(({ name }) => [name, []]));
  for (let run = 0; run < 3; run++) {
    for (const { name, server } of servers) {
      const profileAs = profileDir && run === 0 ? `${name}-${rows}` : null;
      ours[name].push(await pasteOnce(server, text, rows, profileAs));
    }
  }
  const { papa, udsv } = await parseInJs(text);
  for (const { name } of servers) {
    const totals = ours[name].map((t) => t.total);
    results.push({
      build: name,
      rows,
      megabytes: (Buffer.byteLength(text) / 1e6).toFixed(1),
      "overdue paste→results ms (runs)": totals.map((t) => t.toFixed(0)).join(" / "),
      "derive+render ms (runs)": ours[name].map((t) => `${t.derive.toFixed(0)}+${t.render.toFixed(0)}`).join(" "),
      "longest task ms (runs)": ours[name].map((t) => t.longestTask.toFixed(0)).join(" / "),
      "papaparse ms (runs)": papa.runs.map((t) => t.toFixed(0)).join(" / "),
      "udsv ms (runs)": udsv.runs.map((t) => t.toFixed(0)).join(" / "),
      "ours / papa (best)": (best(totals) / best(papa.runs)).toFixed(2),
      "ours / udsv (best)": (best(totals) / best(udsv.runs)).toFixed(2),
    });
    measureLines.push(
      ...ours[name].map(
        (t, run) => `${name} ${rows} rows, run ${run}: ${describeMeasures(t.measures)}\n  longest tasks: ${t.longest.join("; ") || "none"}`,
      ),
    );
  }
}
await browser.close();
for (const { server } of servers) await server.close();
console.table(results);
console.log("The page's measures per run, ms (summed per name; the save's after results):");
console.log(measureLines.join("\n"));
for (const { profileAs, top } of profiles) {
  console.log(`CPU profile ${profileAs} (${profileDir}/${profileAs}.cpuprofile), self time:`);
  console.table(top);
}
