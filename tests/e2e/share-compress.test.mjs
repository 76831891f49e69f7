// Share links are compressed by the browser (CompressionStream "deflate", i.e. zlib) since the
// page's Wasm no longer carries a deflate compressor (docs/size.md); a browser without one
// (Safari before 16.4) makes the same link with zlib's stored blocks. Both open to the same
// workspace in another browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateSync, inflateSync } from "node:zlib";
import { withServerAndBrowser, fixture, paste, showInvoices } from "./harness.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

/** A fresh context, with `CompressionStream` taken away before the page's scripts when asked. */
async function fresh(url, { withoutCompression = false } = {}) {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  if (withoutCompression) await context.addInitScript(() => delete globalThis.CompressionStream);
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  await page.goto(url);
  await page.waitForSelector("[data-testid=share]");
  return { context, page, problems };
}

/** The data link the share panel makes for the Chinese Excel fixture, and its zlib bytes. */
async function dataLink(options) {
  const a = await fresh(server.url, options);
  await paste(a.page, fixture("chinese-excel.tsv"));
  await showInvoices(a.page);
  await a.page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await a.page.click("[data-testid=share]");
  await a.page.click("[data-testid=share-with-data]");
  await a.page.waitForFunction(() => document.querySelector("[data-testid=share-link]")?.textContent.includes("#v1.p."));
  const link = await a.page.textContent("[data-testid=share-link]");
  const payload = link.slice(link.indexOf("#v1.p.") + "#v1.p.".length);
  const zlib = Buffer.from(payload.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  assert.deepEqual(a.problems, []);
  await a.context.close();
  return { link, zlib, json: inflateSync(zlib).toString("utf8") };
}

test("a data link is compressed by the browser, or stored where it has no CompressionStream, and both open", async (t) => {
  const compressed = await dataLink();
  const stored = await dataLink({ withoutCompression: true });
  // zlib's header (RFC 1950: CMF 0x78), then the first deflate block's type in bits 1–2 of the
  // next byte: 00 is stored, the only type the fallback writes; the browser's is compressed.
  assert.equal(compressed.zlib[0], 0x78);
  assert.equal(stored.zlib[0], 0x78);
  assert.equal((stored.zlib[2] >> 1) & 3, 0, "the fallback writes stored blocks");
  assert.notEqual((compressed.zlib[2] >> 1) & 3, 0, "the browser compresses");
  // The browser's zlib (its default level) makes a link about as short as zlib at its best
  // level, what the Rust encoder wrote before.
  const best = deflateSync(compressed.json, { level: 9 }).length;
  assert.ok(compressed.zlib.length <= best * 1.1, `browser ${compressed.zlib.length} B, zlib -9 ${best} B, JSON ${Buffer.byteLength(compressed.json)} B`);
  // Stored: the JSON's bytes, 5 bytes a block of up to 65,535, and zlib's 6 bytes around them.
  assert.equal(stored.zlib.length, Buffer.byteLength(stored.json) + 5 + 6);
  t.diagnostic(`JSON ${Buffer.byteLength(compressed.json)} B; browser zlib ${compressed.zlib.length} B; zlib -9 ${best} B; stored ${stored.zlib.length} B`);
  // The same workspace either way (the as-of date is today in both).
  assert.match(compressed.json, /FP-2025-001/);
  assert.equal(stored.json, compressed.json);

  for (const { link } of [compressed, stored]) {
    const b = await fresh(link);
    await b.page.waitForSelector("tr[data-invoice='FP-2025-001']");
    assert.deepEqual(b.problems, []);
    await b.context.close();
  }
});
