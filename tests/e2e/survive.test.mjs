// The page survives its own failures (issue 20 item 5): a Rust panic or a Wasm trap replaces
// the dead page with a message, the error to copy and a reload button; the saved work is
// intact after it, and the last good version can be restored.
//
// A real panic needs a way to cause one. The page users get has none on purpose, so these
// tests run a build of their own, `--features crash-test` (src/crash.rs), which adds two
// exported functions, a panic and a trap; the test calls them through the page's own
// wasm-bindgen module (the same instance: a module URL is imported once). Chosen over
// reaching a panic through input because every such input is a bug being fixed (issue 20),
// and a test that needs a bug would fail when it is fixed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { waitForStored } from "./idb.mjs";

const root = new URL("../../", import.meta.url).pathname;
const crashDist = process.env.OVERDUE_CRASH_DIST ?? `${root}target/dist-crash-test/`;
if (!process.env.OVERDUE_CRASH_DIST) {
  // Always rebuilt unless given, so that it is never an old build being tested.
  execFileSync("trunk", ["build", "--release", "--features", "crash-test", "--dist", crashDist], {
    cwd: root,
    stdio: "inherit",
  });
}
assert.ok(existsSync(`${crashDist}index.html`), `no crash-test build in ${crashDist}`);
process.env.OVERDUE_DIST = crashDist;
const { paste, fixture, withServerAndBrowser, showInvoices } = await import("./harness.mjs");
const glue = readdirSync(crashDist).find((f) => /^overdue-[0-9a-f]+\.js$/.test(f));

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

async function openWithLedger(locale) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await page.goto(server.url);
  await paste(page, fixture("chinese-excel.tsv"));
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await waitForStored(page, (json) => json?.includes("FP-2025-001"));
  return { context, page };
}

/** Calls one of the crash-test build's exports in the page, from a task of its own, as the
 *  page's own code would be called (an event, a timer): what it throws reaches the window. */
const callExport = (page, name, ...args) =>
  page.evaluate(
    ([glue, name, args]) => import(`./${glue}`).then((m) => setTimeout(() => m[name](...args))),
    [glue, name, args],
  );

test("a panic replaces the page with the crash message, and the saved work is there after a reload", async () => {
  const { context, page } = await openWithLedger("en-US");
  await callExport(page, "overdue_test_panic", "broken on purpose");
  await page.waitForSelector("[data-testid=crash]");
  assert.match(await page.textContent("[data-testid=crash] h1"), /^Something went wrong — your saved work is safe\.$/);
  assert.match(await page.inputValue("[data-testid=crash-error]"), /broken on purpose/);
  assert.equal(await page.locator("main").isVisible(), false);
  // Nothing to restore: the saved version is the one that was good.
  assert.equal(await page.locator("[data-testid=crash-restore]").count(), 0);
  await page.click("[data-testid=crash-reload]");
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.equal(await page.locator("[data-testid=crash]").count(), 0);
  await context.close();
});

test("a trap the panic hook never sees is caught too, in the page's language", async () => {
  const { context, page } = await openWithLedger("zh-CN");
  await callExport(page, "overdue_test_trap");
  await page.waitForSelector("[data-testid=crash]");
  assert.equal(await page.textContent("[data-testid=crash] h1"), "出了点问题——您保存的工作是安全的。");
  assert.match(await page.inputValue("[data-testid=crash-error]"), /RuntimeError: unreachable/);
  assert.equal(await page.textContent("[data-testid=crash-reload]"), "重新加载");
  await context.close();
});

test("after a crash the last good version can be restored", async () => {
  const { context, page } = await openWithLedger("en-US");
  // The reload makes this ledger the last good version: it loaded and rendered.
  await page.reload();
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await waitForStored(page, (json) => json?.includes("FP-2025-001"), "workspace.last-good");
  // With data loaded the input panel starts folded.
  if (!(await page.locator("[data-testid=paste-input]").isVisible())) await page.click("[data-testid=input-toggle]");
  await paste(page, "Invoice\tCustomer\tDue date\tAmount\nNEW-1\tBeta Ltd\t2025-03-01\t100\n");
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='NEW-1']");
  await waitForStored(page, (json) => json?.includes("NEW-1"));
  await callExport(page, "overdue_test_panic", "after an edit");
  await page.click("[data-testid=crash-restore]");
  await showInvoices(page);
  await page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.equal(await page.locator("tr[data-invoice='NEW-1']").count(), 0);
  await context.close();
});
