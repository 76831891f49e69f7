// Browser benchmark (issues 13 and 14): with 100,000 invoices loaded, the time of each
// interaction of issue 14's goal 2 — a search keystroke, clearing the search, a filter, a sort,
// the language (on Today and on the invoice table), the as-of date, the default terms, a
// template keystroke — and of a playbook threshold and the late-charge rule, from the event to
// the page painted (two animation frames after the first render that follows; and to the first
// of them, the frame that paints it, so work moved after the paint shows), with the page's
// own User Timing measures for the part each takes (`overdue:derive` and its stages,
// `overdue:table`, `overdue:render`, each panel's `overdue:view:*`) and the longest
// main-thread task during it.
// Prints a table; asserts nothing (timings on a shared machine are for reading).
//   node tests/bench/edit-speed.mjs   (after `trunk build --release`; ROWS=10000 for another
//   size; RUNS=3; OVERDUE_DIST=/path/to/dist to measure another build;
//   OVERDUE_DIST_B=/path/to/other/dist: also a second build, alternating A and B run by run,
//   so that a before/after comparison sees the same machine load; ONLY=search,sort to run
//   some interactions only; PROFILE=dir: a CPU profile of each build's first run, written
//   there and summarised by self time)
import { serveDist, launch } from "../e2e/harness.mjs";
import { ledger } from "./ledger.mjs";
import { recordLongTasks, describeMeasures, startProfile } from "./measures.mjs";

/** Runs `act` in the page and resolves when the next render after it is painted. */
function timedInPage(page, act, arg) {
  return page.evaluate(
    ({ act, arg }) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const figures = () => {
          const measures = {};
          for (const e of performance.getEntriesByType("measure")) {
            if (e.startTime < t0 || !e.name.startsWith("overdue:")) continue;
            const name = e.name.slice("overdue:".length);
            measures[name] = (measures[name] ?? 0) + e.duration;
          }
          const tasks = (globalThis.__longTasks ?? []).filter((t) => t.start + t.duration >= t0);
          return { measures, longestTask: Math.max(0, ...tasks.map((t) => t.duration)) };
        };
        const observer = new PerformanceObserver((list) => {
          if (list.getEntries().some((e) => e.name === "overdue:render" && e.startTime >= t0)) {
            observer.disconnect();
            requestAnimationFrame(() => {
              // The frame with the new render is painted right after this callback: the time
              // the user sees it. Work the page moves after the paint (freeing the replaced
              // report) can still run before the next frame, which `total` waits for.
              const frame = performance.now() - t0;
              requestAnimationFrame(() => {
                const total = performance.now() - t0;
                // Long tasks are reported a moment after they end.
                setTimeout(() => resolve({ total, frame, ...figures() }), 60);
              });
            });
          }
        });
        observer.observe({ entryTypes: ["measure"] });
        new Function("arg", act)(arg);
      }),
    { act, arg },
  );
}

const setInput = (selector, event) => `
  const input = document.querySelector("${selector}");
  input.value = arg;
  input.dispatchEvent(new ${event === "input" ? 'InputEvent("input"' : 'Event("change"'}, { bubbles: true }));`;
const KEYSTROKE = `
  const editor = document.querySelector("[data-testid=template-editor]");
  editor.value = arg + editor.value;
  editor.dispatchEvent(new InputEvent("input", { bubbles: true }));`;
const SORT = `document.querySelectorAll("[data-testid=invoice-table] thead button.sort")[arg].click();`;

const tab = (page, name) => page.click(`role=tab[name='${name}']`);
/** Each interaction: where it happens, what it does, the three values it takes in turn. */
const INTERACTIONS = [
  { name: "language (Today)", at: (p) => tab(p, "Today"), act: setInput("[data-testid=lang-switch]"), args: ["zh", "en", "zh"], back: "en" },
  { name: "search keystroke", at: (p) => tab(p, "Invoices"), act: setInput("[data-testid=search]", "input"), args: ["1", "12", "123"] },
  { name: "search cleared", act: setInput("[data-testid=search]", "input"), args: ["", "9", ""], note: "2nd: a keystroke" },
  { name: "filter (bucket)", act: setInput("[data-testid=filter-bucket]"), args: ["2", "3", ""] },
  { name: "sort", act: SORT, args: [5, 5, 1] },
  { name: "language (Invoices)", act: setInput("[data-testid=lang-switch]"), args: ["zh", "en", "zh"], back: "en" },
  { name: "as-of change", act: setInput("[data-testid=as-of-date]"), args: ["2026-01-15", "2026-02-15", "2026-03-15"] },
  {
    name: "template keystroke",
    at: async (p) => {
      await tab(p, "Letters");
      await p.click("details.template summary");
    },
    act: KEYSTROKE,
    args: ["a", "b", "c"],
  },
  { name: "default terms", at: (p) => tab(p, "Settings"), act: setInput("[data-testid=terms-days]"), args: ["45", "60", "30"] },
  { name: "playbook threshold", act: setInput("[data-testid=pb-review]"), args: ["11", "12", "13"] },
  { name: "charge rule", act: setInput("[data-testid=charge-rule]"), args: ["contract", "uk-statutory", "eu-directive"] },
];
const only = process.env.ONLY?.split(",");
const chosen = (i) => !only || only.some((o) => i.name.startsWith(o));

const servers = [{ name: "A", server: await serveDist() }];
if (process.env.OVERDUE_DIST_B) servers.push({ name: "B", server: await serveDist("/overdue/", process.env.OVERDUE_DIST_B) });
const browser = await launch();
const rows = Number(process.env.ROWS ?? 100_000);
const runs = Number(process.env.RUNS ?? 3);
const profileDir = process.env.PROFILE;
const text = ledger(rows);
const cells = {};
const measureLines = [];
const profiles = [];

/** One session in a fresh page: the paste, then every interaction in turn. */
async function session(name, server, run) {
  const context = await browser.newContext({ locale: "en-US" });
  await recordLongTasks(context);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("[data-testid=paste-input]");
  await page.locator("[data-testid=paste-input]").evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction(
    (rows) => (document.querySelector("[data-testid=parse-status]")?.textContent ?? "").startsWith(`${rows} / ${rows}`),
    rows,
    { timeout: 120_000 },
  );
  // The paste opens on Today; its save follows a moment later and is not what is measured here.
  await page.waitForFunction(() => performance.getEntriesByName("overdue:save:write").length > 0, null, { timeout: 60_000 }).catch(() => {});
  const stopProfile = profileDir && run === 0 && (await startProfile(page, `${profileDir}/edit-${name}-${rows}.cpuprofile`));
  for (const interaction of INTERACTIONS.filter(chosen)) {
    if (interaction.at) await interaction.at(page);
    const times = [];
    for (const arg of interaction.args) times.push(await timedInPage(page, interaction.act, arg));
    if (interaction.back) await timedInPage(page, interaction.act, interaction.back);
    const key = `${interaction.name}${interaction.note ? ` (${interaction.note})` : ""}`;
    ((cells[key] ??= {})[name] ??= []).push(...times);
    measureLines.push(`${name} run ${run} ${interaction.name}: ${times.map((t) => `[${describeMeasures(t.measures)}]`).join(" ")}`);
  }
  if (stopProfile) profiles.push({ name, top: await stopProfile() });
  await context.close();
}

for (let run = 0; run < runs; run++) {
  for (const { name, server } of servers) await session(name, server, run);
}
await browser.close();
for (const { server } of servers) await server.close();

const show = (ts) => ts.map((t) => t.total.toFixed(0)).join(" / ");
const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const table = Object.entries(cells).map(([interaction, byBuild]) => {
  const row = { interaction };
  for (const [build, ts] of Object.entries(byBuild)) {
    row[`${build} ms (each)`] = show(ts);
    row[`${build} range`] = range(ts.map((t) => t.total));
    row[`${build} to its frame`] = range(ts.map((t) => t.frame));
    row[`${build} longest task`] = range(ts.map((t) => t.longestTask));
  }
  return row;
});
console.log(
  `${rows} invoices; ${runs} runs × 3 of each interaction, event → painted (the next frame after), ms; ` +
    "'to its frame': event → the animation frame that paints the render",
);
console.table(table);
console.log("The page's measures, per interaction (summed per name, ms):");
console.log(measureLines.join("\n"));
for (const { name, top } of profiles) {
  console.log(`CPU profile of build ${name}'s first run (${profileDir}/edit-${name}-${rows}.cpuprofile), self time:`);
  console.table(top);
}
