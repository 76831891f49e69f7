// Start-up benchmark: what the browser downloads for the app, and how long a first visit takes
// until the paste box is on screen. Prints two tables; asserts nothing (timings on a shared
// machine are for reading).
//   node tests/bench/startup.mjs [runs]   (after `trunk build --release`; default 5 runs)
//   PHONE=1 node tests/bench/startup.mjs 3   (issue 14 goal 5: the throttled phone)
//
// Sizes: the app's code as it lies in dist/ (the Wasm, or the module that carries it
// compressed, and wasm-bindgen's JS glue), raw and gzipped at level 9 (what a host that
// compresses its responses would send; the test server here sends them raw).
// Time: a fresh browser context per run (no HTTP cache, no service worker yet), from the start
// of the navigation to the moment the paste box is in the document and visible, measured in
// the page (performance.now() is relative to the navigation start); also when Trunk's start-up
// script said the app started; then a reload in the same context (HTTP cache and service
// worker in place), as a user's repeat visit.
//
// PHONE=1 is issue 14's first visit on a slow phone: the network at 1.6 Mbit/s down with a
// 150 ms round trip, the CPU slowed 4× (Chromium's DevTools throttling), and every response
// gzipped as a static host serves it (Content-Encoding: gzip at zlib's default level 6). The
// network is shaped by this script's server, not by DevTools, because DevTools throttles the
// page's requests only and not its service worker's: here every response of the run shares
// one 1.6 Mbit/s link, as on the phone, and each waits one round trip before its first byte. A 50-row ledger is pasted the moment the
// paste box is visible, and the run also reports when its results were on screen ("50 / 50" in
// the parse status and the per-currency totals, two animation frames later), all from the start
// of the navigation. No repeat visit.
// OVERDUE_DIST_B=/path/to/other/dist: also time a second build, alternating A and B run by run,
// so that a before/after comparison sees the same machine load (the sizes are of A).
import { createServer } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { gzipSync, constants } from "node:zlib";
import { serveDist, launch, DIST } from "../e2e/harness.mjs";
import { ledger } from "./ledger.mjs";

const runs = Number(process.argv[2] ?? 5);
const phone = Boolean(process.env.PHONE);
const PASTED_ROWS = 50;

const appFiles = readdirSync(DIST).filter((f) => /\.(wasm|js)$/.test(f) && !f.startsWith("sw"));
const sizes = appFiles.map((f) => {
  const bytes = readFileSync(join(DIST, f));
  return {
    file: f,
    "raw bytes": bytes.length,
    "gzip -9 bytes": gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length,
  };
});
sizes.push({
  file: "total",
  "raw bytes": sizes.reduce((s, r) => s + r["raw bytes"], 0),
  "gzip -9 bytes": sizes.reduce((s, r) => s + r["gzip -9 bytes"], 0),
});
console.table(sizes);

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};
/** dist/ under /overdue/, each response gzipped when the browser accepts it (as a static host). */
const LINK_BYTES_PER_MS = 1.6e6 / 8 / 1000;
const ROUND_TRIP_MS = 150;
// When the shared link is next free (ms since the epoch): responses take turns by chunk.
let linkFreeAt = 0;
function sendShaped(res, headers, body) {
  setTimeout(() => {
    res.writeHead(200, headers);
    let offset = 0;
    const next = () => {
      // A closed context's requests stop taking their turns.
      if (res.destroyed) return;
      if (offset >= body.length) return res.end();
      const piece = body.subarray(offset, offset + 16_384);
      offset += piece.length;
      linkFreeAt = Math.max(Date.now(), linkFreeAt) + piece.length / LINK_BYTES_PER_MS;
      setTimeout(() => {
        res.write(piece);
        next();
      }, linkFreeAt - Date.now());
    };
    next();
  }, ROUND_TRIP_MS);
}

async function serveGzipped(prefix = "/overdue/", dist = DIST) {
  const cache = new Map();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(prefix)) return res.writeHead(404).end();
    let rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
    if (rel === "" || rel === ".") rel = "index.html";
    let body;
    try {
      body = readFileSync(join(dist, rel));
    } catch {
      return res.writeHead(404).end();
    }
    const headers = { "content-type": MIME[extname(rel)] ?? "application/octet-stream" };
    if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      if (!cache.has(rel)) cache.set(rel, gzipSync(body, { level: 6 }));
      body = cache.get(rel);
      headers["content-encoding"] = "gzip";
    }
    sendShaped(res, headers, body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}${prefix}`, close: () => new Promise((r) => server.close(r)) };
}

const serve = (dist) => (phone ? serveGzipped("/overdue/", dist) : serveDist("/overdue/", dist));
const servers = [{ name: "A", server: await serve(DIST) }];
if (process.env.OVERDUE_DIST_B) servers.push({ name: "B", server: await serve(process.env.OVERDUE_DIST_B) });
const browser = await launch();
const times = [];
for (let run = 0; run < runs * servers.length; run++) {
  const { name, server } = servers[run % servers.length];
  // Each run starts on an idle link.
  while (phone && linkFreeAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, linkFreeAt - Date.now()));
  const context = await browser.newContext({ locale: "en-US" });
  await context.addInitScript(
    ({ text, rows }) => {
      window.__startup = {};
      addEventListener("TrunkApplicationStarted", () => (window.__startup.started = performance.now()));
      const status = () => document.querySelector("[data-testid=parse-status]")?.textContent ?? "";
      const seen = () => {
        const box = document.querySelector("[data-testid=paste-input]");
        if (!window.__startup.visible && box && box.checkVisibility()) {
          window.__startup.visible = performance.now();
          if (text) {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            // As tests/e2e/harness.mjs `paste`: when the page does not take the paste over, the
            // browser would insert the text.
            if (box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }))) {
              box.value = text;
              box.dispatchEvent(new InputEvent("input", { bubbles: true }));
            }
          }
        }
        const totals = document.querySelector("[data-testid=currency-totals]");
        if (text && window.__startup.visible && !window.__startup.results && status().startsWith(`${rows} / ${rows}`) && totals) {
          requestAnimationFrame(() => requestAnimationFrame(() => (window.__startup.results = performance.now())));
          return true;
        }
        return !text && window.__startup.visible !== undefined;
      };
      const observer = new MutationObserver(() => seen() && observer.disconnect());
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    },
    { text: phone ? ledger(PASTED_ROWS) : "", rows: PASTED_ROWS },
  );
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  const visit = async (go) => {
    const t0 = Date.now();
    await go();
    await page.waitForSelector("[data-testid=paste-input]", { state: "visible", timeout: 120_000 });
    const wall = Date.now() - t0;
    await page.waitForFunction(
      (phone) => window.__startup.visible !== undefined && window.__startup.started !== undefined && (!phone || window.__startup.results !== undefined),
      phone,
      { timeout: 120_000 },
    );
    const { visible, started, results } = await page.evaluate(() => window.__startup);
    return { visible: +visible.toFixed(1), started: +started.toFixed(1), results: results && +results.toFixed(1), wall };
  };
  const first = await visit(() => page.goto(server.url, { timeout: 120_000 }));
  const row = {
    build: name,
    run: Math.floor(run / servers.length) + 1,
    "paste box visible ms": first.visible,
    "app started ms": first.started,
    "wall-clock ms (Playwright)": first.wall,
  };
  if (phone) {
    row[`${PASTED_ROWS}-row paste: results ms`] = first.results;
  } else {
    // The service worker has cached this build by now (or soon): a repeat visit, as a user's.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    row["repeat visit: paste box visible ms"] = (await visit(() => page.reload())).visible;
  }
  times.push(row);
  await context.close();
}
await browser.close();
for (const { server } of servers) await server.close();
for (const { name } of servers) {
  const mine = times.filter((t) => t.build === name);
  times.push(
    Object.fromEntries(
      Object.keys(mine[0]).map((key) => [key, key === "build" ? name : key === "run" ? "best" : Math.min(...mine.map((t) => t[key]))]),
    ),
  );
}
if (phone) console.log("phone: one shared 1.6 Mbit/s link, 150 ms round trip, CPU 4× slower, responses gzipped (level 6)");
console.table(times);
