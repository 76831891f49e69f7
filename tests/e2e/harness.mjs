// Shared set-up for the browser tests: a static file server for dist/ on 127.0.0.1 and
// Debian's Chromium driven by playwright-core (no browser download).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { before, after } from "node:test";
import { readFileSync } from "node:fs";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
};

/** The build to serve: dist/, or OVERDUE_DIST (the edit benchmark compares two builds). */
export const DIST = process.env.OVERDUE_DIST ?? new URL("../../dist/", import.meta.url).pathname;

/** Serves dist/ (under `prefix`, to prove relative URLs work under a sub-path), or another build's `dist`;
 *  `served`, when given, gets the path of every request, in order. */
export async function serveDist(prefix = "/overdue/", dist = DIST, served = null) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    served?.push(path);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    let rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
    if (rel === "" || rel === ".") rel = "index.html";
    try {
      const body = await readFile(join(dist, rel));
      res.writeHead(200, { "content-type": MIME[extname(rel)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { url, origin: new URL(url).origin, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A fresh page whose language is `locale`, with console errors and page crashes collected. */
export async function openPage(browser, url, { locale = "en-US", viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForSelector("[data-testid=paste-input]");
  return { context, page, problems };
}

/** Pastes `text` into the paste box the way a browser does: a paste event with clipboard data. */
export async function paste(page, text) {
  await page.locator("[data-testid=paste-input]").evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
    el.focus();
    if (el.dispatchEvent(event)) {
      // Nobody took the paste over: do what the browser would, insert the text.
      el.value = text;
      el.dispatchEvent(new InputEvent("input", { bubbles: true }));
    }
  }, text);
}

export function tempDir() {
  return mkdtempSync(join(tmpdir(), "overdue-e2e-"));
}

/** Sets the page's as-of date as a user does: types it, and the input fires `change`. */
/** The invoice table's tab. After the first paste the page opens on Today when something is
 * due there, so a test that reads the table goes to it first. The paste may still be on its
 * way when the tab is clicked (and would then switch to Today): click until a row shows. */
export async function showInvoices(page) {
  const tab = page.getByRole("tab", { name: /^(Invoices|发票)$/ });
  for (let tries = 0; tries < 30; tries++) {
    await tab.click();
    try {
      await page.waitForSelector("[data-testid=invoice-table] tr[data-invoice]", { timeout: 1000 });
      return;
    } catch {
      // Not yet: the paste had not arrived, or it took the page to Today after the click.
    }
  }
  throw new Error("the invoice table never showed a row");
}

export async function setAsOf(page, iso) {
  await page.fill("[data-testid=as-of-date]", iso);
  await page.locator("[data-testid=as-of-date]").dispatchEvent("change");
}

/** A test fixture's text (tests/fixtures/). */
export const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");

/** Starts the server and Chromium before a test file's tests, hands them to `started`, and
 *  stops them after. */
export function withServerAndBrowser(started) {
  let server;
  let browser;
  before(async () => {
    server = await serveDist();
    browser = await launch();
    started(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
