// Browser benchmark (issue 13): with 100,000 invoices loaded, the time of one keystroke in the
// letter template editor, of one change of the as-of date, of a playbook threshold and of the
// late-charge rule, from the event to the page painted (two animation frames after the first
// render that follows), with the page's own User Timing measures `overdue:derive` and
// `overdue:render` for the part each takes, and the stages the derive ran
// (`overdue:derive:aging`, `…:charges`, `…:playbook`, `…:credit`; a build from before they
// existed shows none).
// Prints a table; asserts nothing (timings on a shared machine are for reading).
//   node tests/bench/edit-speed.mjs   (after `trunk build --release`; ROWS=10000 for another
//   size; OVERDUE_DIST=/path/to/dist to measure another build)
import { serveDist, launch } from "../e2e/harness.mjs";
import { ledger } from "./ledger.mjs";

/** Runs `act` in the page and resolves when the next render after it is painted. */
function timedInPage(page, act, arg) {
  return page.evaluate(
    ({ act, arg }) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const measure = (name) =>
          performance.getEntriesByName(`overdue:${name}`).filter((e) => e.startTime >= t0).reduce((sum, e) => sum + e.duration, 0);
        const stages = () =>
          ["parse", "aging", "charges", "playbook", "credit"]
            .map((stage) => [stage, measure(`derive:${stage}`)])
            .filter(([stage]) => performance.getEntriesByName(`overdue:derive:${stage}`).some((e) => e.startTime >= t0))
            .map(([stage, ms]) => `${stage} ${ms.toFixed(0)}`)
            .join(", ");
        const observer = new PerformanceObserver((list) => {
          if (list.getEntries().some((e) => e.name === "overdue:render" && e.startTime >= t0)) {
            observer.disconnect();
            requestAnimationFrame(() =>
              requestAnimationFrame(() => resolve({ total: performance.now() - t0, derive: measure("derive"), render: measure("render"), stages: stages() })),
            );
          }
        });
        observer.observe({ entryTypes: ["measure"] });
        new Function("arg", act)(arg);
      }),
    { act, arg },
  );
}

const KEYSTROKE = `
  const editor = document.querySelector("[data-testid=template-editor]");
  editor.value = arg + editor.value;
  editor.dispatchEvent(new InputEvent("input", { bubbles: true }));`;
const AS_OF = `
  const input = document.querySelector("[data-testid=as-of-date]");
  input.value = arg;
  input.dispatchEvent(new Event("change", { bubbles: true }));`;
const THRESHOLD = `
  const input = document.querySelector("[data-testid=pb-review]");
  input.value = arg;
  input.dispatchEvent(new Event("change", { bubbles: true }));`;
const CHARGE_RULE = `
  const select = document.querySelector("[data-testid=charge-rule]");
  select.value = arg;
  select.dispatchEvent(new Event("change", { bubbles: true }));`;

const server = await serveDist();
const browser = await launch();
const rows = Number(process.env.ROWS ?? 100_000);
const text = ledger(rows);
const results = [];
const stageLines = [];
for (let run = 0; run < 3; run++) {
  const context = await browser.newContext({ locale: "en-US" });
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
  await page.click("role=tab[name='Letters']");
  await page.click("details.template summary");
  const keys = [];
  for (const key of ["a", "b", "c"]) keys.push(await timedInPage(page, KEYSTROKE, key));
  await page.click("role=tab[name='Invoices']");
  const dates = [];
  for (const date of ["2026-01-15", "2026-02-15", "2026-03-15"]) dates.push(await timedInPage(page, AS_OF, date));
  await page.click("role=tab[name='Settings']");
  const thresholds = [];
  for (const days of ["11", "12", "13"]) thresholds.push(await timedInPage(page, THRESHOLD, days));
  const rules = [];
  for (const rule of ["contract", "uk-statutory", "eu-directive"]) rules.push(await timedInPage(page, CHARGE_RULE, rule));
  await context.close();
  const show = (ts) => ts.map((t) => `${t.total.toFixed(0)} (${t.derive.toFixed(0)}+${t.render.toFixed(0)})`).join(" / ");
  results.push({
    run,
    "template keystroke": show(keys),
    "as-of change": show(dates),
    "playbook threshold": show(thresholds),
    "charge rule": show(rules),
  });
  stageLines.push(`run ${run}: as-of [${dates[0].stages}]; threshold [${thresholds[0].stages}]; charge rule [${rules[0].stages}]`);
}
await browser.close();
await server.close();
console.log(`${rows} invoices; each cell: total ms (derive + render), three edits`);
console.table(results);
console.log(stageLines.join("\n"));
