// Share links end to end: a link made in one browser opens in a fresh one (another context: no
// shared storage) and gives the same aging, charges and letters; a protected link needs its
// passphrase, a wrong one says so and loses nothing; opening a link over one's own work asks
// first; a damaged link says so. Every request of every browser involved is recorded, and none
// may be for anything but the page's own static files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { webcrypto } from "node:crypto";
import { deflateSync, inflateSync } from "node:zlib";
import { withServerAndBrowser, fixture, paste, DIST, setAsOf, showInvoices } from "./harness.mjs";
import { waitForStored } from "./idb.mjs";

let server;
let browser;
withServerAndBrowser((s, b) => ([server, browser] = [s, b]));
const requests = [];

/** A fresh browser context (its own storage, like another person's machine), recorded. */
async function fresh(url, { locale = "en-US" } = {}) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  context.on("request", (r) => requests.push(r.url()));
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.goto(url ?? server.url);
  await page.waitForSelector("[data-testid=share]");
  return { context, page, problems };
}

/** What a user reads: the totals, the whole invoice table, the customers' aging and a letter. */
async function results(page) {
  await page.click("role=tab[name='Invoices']");
  const totals = await page.textContent("[data-testid=currency-totals]");
  const table = await page.textContent("[data-testid=invoice-table]");
  await page.click("role=tab[name='Customers']");
  const customers = await page.textContent("[data-testid=customer-summary]");
  await page.click("role=tab[name='Letters']");
  await page.selectOption("[data-testid=letter-customer]", "上海明珠贸易有限公司");
  await page.selectOption("[data-testid=letter-kind]", "demand");
  await page.selectOption("[data-testid=letter-lang]", "en");
  const letter = await page.textContent("[data-testid=letter-text]");
  await page.click("role=tab[name='Invoices']");
  return { totals, table, customers, letter };
}

/** The sender's workspace: the Chinese Excel fixture, a statutory rule, a bank account. */
async function sender() {
  const a = await fresh();
  await setAsOf(a.page, "2025-10-31");
  await paste(a.page, fixture("chinese-excel.tsv"));
  await showInvoices(a.page);
  await a.page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await a.page.click("role=tab[name='Settings']");
  await a.page.selectOption("[data-testid=charge-rule]", "cn-sme-regulation");
  // The sender profile lives in Settings since issue 16.
  await a.page.click("[data-testid=sender-profile] summary");
  await a.page.fill("[data-testid=sender-account]", "6222 0212 3456 7890");
  await a.page.locator("[data-testid=sender-account]").dispatchEvent("change");
  await a.page.click("role=tab[name='Invoices']");
  return a;
}

async function linkFrom(page, { withData, passphrase = "" }) {
  if (!(await page.locator("[data-testid=share-panel]").count())) await page.click("[data-testid=share]");
  const box = page.locator("[data-testid=share-with-data]");
  if ((await box.isChecked()) !== withData) await box.click();
  await page.fill("[data-testid=share-passphrase]", passphrase);
  const prefix = passphrase ? "#v1.e." : "#v1.p.";
  await page.waitForFunction(
    (prefix) => document.querySelector("[data-testid=share-link]")?.textContent.includes(prefix),
    prefix,
  );
  return page.textContent("[data-testid=share-link]");
}

const b64url = (s) => Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");

test("settings only: the colleague gets the rule and the sender profile, not the invoices", async () => {
  const a = await sender();
  const link = await linkFrom(a.page, { withData: false });
  assert.ok(link.startsWith(server.url), link);
  assert.doesNotMatch(link, /FP-2025|明珠/);
  await a.page.click("[data-testid=copy-share-link]");
  await a.page.waitForSelector("[data-testid=share-copied]");
  assert.equal(await a.page.evaluate(() => navigator.clipboard.readText()), link);
  await a.page.keyboard.press("Escape");
  await a.page.waitForSelector("[data-testid=share-panel]", { state: "detached" });

  const b = await fresh(link);
  // Nothing of the colleague's could be lost (a blank browser): the link opens, and says what
  // it set, the bank account above all.
  await b.page.waitForSelector("[data-testid=link-opened]");
  assert.match(await b.page.textContent("[data-testid=open-link-bank]"), /6222 0212 3456 7890/);
  assert.equal(await b.page.locator("tr[data-invoice]").count(), 0);
  assert.equal(await b.page.evaluate(() => location.hash), "", "the link's fragment is taken out of the address");
  await b.page.click("role=tab[name='Settings']");
  assert.equal(await b.page.inputValue("[data-testid=charge-rule]"), "cn-sme-regulation");

  // The colleague's own ledger under the shared settings gives the sender's figures.
  await setAsOf(b.page, "2025-10-31");
  await b.page.click("role=tab[name='Invoices']");
  await paste(b.page, fixture("chinese-excel.tsv"));
  await showInvoices(b.page);
  await b.page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.deepEqual(await results(b.page), await results(a.page));
  assert.deepEqual([...a.problems, ...b.problems], []);
  await a.context.close();
  await b.context.close();
});

test("settings and data: the same aging, charges and letters on the colleague's machine", async () => {
  const a = await sender();
  const link = await linkFrom(a.page, { withData: true });
  assert.match(await a.page.textContent("[data-testid=share-panel]"), /Anyone who gets this link can read your invoices/);
  const b = await fresh(link);
  await b.page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.deepEqual(await results(b.page), await results(a.page));
  // Kept on the colleague's machine: a reload shows the same.
  await waitForStored(b.page, (json) => json?.includes("FP-2025-001"));
  await b.page.reload();
  await b.page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.equal(await b.page.locator("[data-testid=open-link]").count(), 0);
  assert.deepEqual([...a.problems, ...b.problems], []);
  await a.context.close();
  await b.context.close();
});

test("with a passphrase: encrypted as documented, a wrong passphrase loses nothing, the right one opens", async () => {
  const a = await sender();
  const link = await linkFrom(a.page, { withData: true, passphrase: "correct horse 马" });
  assert.doesNotMatch(link, /correct|horse/);

  // The format is what core/src/share.rs documents: anyone can decrypt it with the passphrase
  // and the published parameters (here Node's Web Crypto, not the page's code).
  const [, , salt, iv, ciphertext] = link.split("#")[1].split(".");
  const subtle = webcrypto.subtle;
  const base = await subtle.importKey("raw", new TextEncoder().encode("correct horse 马"), "PBKDF2", false, ["deriveKey"]);
  const key = await subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: b64url(salt), iterations: 600_000 },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["decrypt"],
  );
  const plain = await subtle.decrypt({ name: "AES-GCM", iv: b64url(iv) }, key, b64url(ciphertext));
  const json = JSON.parse(inflateSync(Buffer.from(plain)).toString("utf8"));
  assert.match(json.input.text, /FP-2025-001/);
  assert.equal(json.settings.letters.sender.bank_account, "6222 0212 3456 7890");

  const b = await fresh(link);
  await b.page.waitForSelector("[data-testid=open-link] [data-testid=share-passphrase]");
  assert.equal(await b.page.locator("tr[data-invoice]").count(), 0);
  // The prompt has the focus: a keyboard user just types.
  await b.page.keyboard.type("wrong");
  await b.page.click("[data-testid=open-link-unlock]");
  await b.page.waitForSelector("[data-testid=open-link-error]");
  assert.match(await b.page.textContent("[data-testid=open-link-error]"), /Wrong passphrase, or the link is incomplete/);
  assert.equal(await b.page.locator("tr[data-invoice]").count(), 0);
  await b.page.fill("[data-testid=open-link] [data-testid=share-passphrase]", "correct horse 马");
  await b.page.press("[data-testid=open-link] [data-testid=share-passphrase]", "Enter");
  await b.page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.deepEqual(await results(b.page), await results(a.page));
  assert.deepEqual([...a.problems, ...b.problems.filter((p) => !/OperationError/.test(p))], []);
  await a.context.close();
  await b.context.close();
});

test("a link made outside the page with the documented parameters opens in it", async () => {
  const a = await sender();
  const plainLink = await linkFrom(a.page, { withData: true });
  const payload = b64url(plainLink.split("#")[1].split(".")[2]);
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const subtle = webcrypto.subtle;
  const base = await subtle.importKey("raw", new TextEncoder().encode("from node"), "PBKDF2", false, ["deriveKey"]);
  const key = await subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations: 600_000 },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt"],
  );
  const ciphertext = new Uint8Array(await subtle.encrypt({ name: "AES-GCM", iv }, key, payload));
  const enc = (bytes) => Buffer.from(bytes).toString("base64url");
  const b = await fresh(`${server.url}#v1.e.${enc(salt)}.${enc(iv)}.${enc(ciphertext)}`);
  // The passphrase box of the prompt is the one `share-passphrase` on a page opened by a link.
  await b.page.fill("[data-testid=share-passphrase]", "from node");
  await b.page.press("[data-testid=share-passphrase]", "Enter");
  await b.page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.deepEqual(await results(b.page), await results(a.page));
  await a.context.close();
  await b.context.close();
});

test("opening a link over one's own work asks: alongside keeps mine, replace takes the link's", async () => {
  const a = await sender();
  const link = await linkFrom(a.page, { withData: true });
  await a.context.close();

  const b = await fresh();
  await paste(b.page, "Invoice\tCustomer\tDue date\tAmount\nMINE-1\tMy customer\t2025-09-01\t500\n");
  await showInvoices(b.page);
  await b.page.waitForSelector("tr[data-invoice='MINE-1']");
  await waitForStored(b.page, (json) => json?.includes("MINE-1"));
  await b.page.goto(link);
  await b.page.waitForSelector("[data-testid=open-link]");
  // Nothing changed yet; the prompt says what would.
  assert.equal(await b.page.locator("tr[data-invoice='MINE-1']").count(), 1);
  const prompt = await b.page.textContent("[data-testid=open-link]");
  assert.match(prompt, /settings and data: 6 invoices from 3 customers/);
  assert.match(prompt, /the pasted invoices/);
  assert.match(prompt, /the late-charge rule/);
  assert.match(await b.page.textContent("[data-testid=open-link-bank]"), /6222 0212 3456 7890/);

  await b.page.click("[data-testid=open-link-alongside]");
  await b.page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.equal(await b.page.locator("tr[data-invoice='MINE-1']").count(), 0);
  await b.page.waitForSelector("[data-testid=viewing-shared]");
  assert.match(await b.page.textContent("[data-testid=device-status]"), /Viewing a shared link: not saved/);
  // Mine is still what is kept — now, and after the reload (which writes what is current on
  // leaving, unless it is a link opened alongside): the reload brings it back.
  const kept = await waitForStored(b.page, () => true);
  assert.ok(kept.includes("MINE-1") && !kept.includes("FP-2025-001"));
  await b.page.reload();
  await b.page.waitForSelector("tr[data-invoice='MINE-1']");
  assert.equal(await b.page.locator("[data-testid=open-link]").count(), 0);

  // "Back to my workspace" from alongside, then replace.
  await b.page.goto(link);
  await b.page.click("[data-testid=open-link-alongside]");
  await b.page.click("[data-testid=back-to-mine]");
  await b.page.waitForSelector("tr[data-invoice='MINE-1']");
  await b.page.goto(link);
  await b.page.click("[data-testid=open-link-replace]");
  await b.page.waitForSelector("tr[data-invoice='FP-2025-001']");
  await waitForStored(b.page, (json) => json?.includes("FP-2025-001") && !json.includes("MINE-1"));
  await b.page.reload();
  await b.page.waitForSelector("tr[data-invoice='FP-2025-001']");
  assert.equal(await b.page.locator("tr[data-invoice='MINE-1']").count(), 0);
  assert.deepEqual(b.problems, []);
  await b.context.close();
});

/** A plain link around a JSON text made by hand (as a hostile sender would). */
function handMadeLink(json) {
  return `${server.url}#v1.p.${deflateSync(Buffer.from(JSON.stringify(json))).toString("base64url")}`;
}

test("a link's out-of-range values are listed in its review before it is accepted, in both languages", async () => {
  // Issue 20's 150-character link: terms of 106,751,991,168 days and a row without a due date.
  const link = handMadeLink({
    version: 1,
    settings: { terms_days: 106751991168 },
    input: { text: "Invoice\tCustomer\tInvoice date\tAmount\nX-1\tFar Co\t2025-01-01\t100\n" },
  });
  for (const [locale, item] of [
    ["en-US", /^Default payment terms \(days\): was 106751991168, now 3650$/],
    ["zh-CN", /^默认账期（天）：原为106751991168，现为3650$/],
  ]) {
    const b = await fresh(undefined, { locale });
    await paste(b.page, "Invoice\tCustomer\tDue date\tAmount\nMINE-1\tMy customer\t2025-09-01\t500\n");
    await showInvoices(b.page);
    await waitForStored(b.page, (json) => json?.includes("MINE-1"));
    await b.page.goto(link);
    const notice = b.page.locator("[data-testid=open-link] [data-testid=link-sanitized]");
    await notice.waitFor();
    assert.match(await notice.textContent(), locale === "en-US" ? /out of range/ : /超出范围/);
    assert.equal(await notice.locator("[data-testid=sanitized-item]").count(), 1);
    assert.match(await notice.locator("[data-testid=sanitized-item]").textContent(), item);
    if (process.env.REVIEW_SHOTS) {
      await b.page.screenshot({ path: `${process.env.REVIEW_SHOTS}/link-sanitized-${locale}.png` });
    }
    // Nothing is taken before the user says so.
    assert.equal(await b.page.locator("tr[data-invoice='MINE-1']").count(), 1);
    await b.page.click("[data-testid=open-link-replace]");
    // Accepted: the row gets its due date from the clamped terms, and the page lives on.
    await showInvoices(b.page);
    await b.page.waitForSelector("tr[data-invoice='X-1']");
    assert.match(await b.page.textContent("tr[data-invoice='X-1']"), /2034|2035/);
    assert.deepEqual(b.problems, []);
    await b.context.close();
  }
});

test("a damaged or cut link says so and changes nothing; a long link is warned about", async () => {
  const a = await sender();
  const link = await linkFrom(a.page, { withData: true });
  const b = await fresh();
  await paste(b.page, "Invoice\tCustomer\tDue date\tAmount\nMINE-1\tMy customer\t2025-09-01\t500\n");
  await showInvoices(b.page);
  await b.page.waitForSelector("tr[data-invoice='MINE-1']");
  await b.page.goto(link.slice(0, link.length - 40));
  await b.page.waitForSelector("[data-testid=open-link-error]");
  assert.match(await b.page.textContent("[data-testid=open-link-error]"), /incomplete|damaged/);
  assert.equal(await b.page.locator("tr[data-invoice='MINE-1']").count(), 1);
  const changed = link.replace(/#v1\.p\.(.{20})./, (m, keep) => `#v1.p.${keep}${m.endsWith("A") ? "B" : "A"}`);
  await b.page.goto(changed);
  await b.page.waitForSelector("[data-testid=open-link-error]");
  assert.match(await b.page.textContent("[data-testid=open-link-error]"), /damaged|incomplete/);
  assert.equal(await b.page.locator("tr[data-invoice='MINE-1']").count(), 1);

  // 3,000 distinct rows make a data link far longer than mail programs keep.
  const rows = Array.from({ length: 3000 }, (_, i) => `L-${i}\tCustomer ${i % 97}\t2025-0${(i % 9) + 1}-1${i % 10}\t${(i * 37.13) % 9000}`);
  await paste(a.page, `Invoice\tCustomer\tDue date\tAmount\n${rows.join("\n")}\n`);
  await showInvoices(a.page);
  await a.page.waitForSelector("tr[data-invoice='L-0']");
  assert.equal(await a.page.locator("[data-testid=share-long]").count(), 1);
  // Past 2 MB of pasted data no link is made at all: it says why and what to do instead.
  const many = Array.from({ length: 60_000 }, (_, i) => `M-${i}\tCustomer ${i % 97}\t2025-01-01\t${i}.50`);
  await paste(a.page, `Invoice\tCustomer\tDue date\tAmount\n${many.join("\n")}\n`);
  await a.page.waitForSelector("[data-testid=share-too-much]");
  assert.equal(await a.page.locator("[data-testid=share-link]").count(), 0);
  await a.page.click("[data-testid=share-with-data]");
  await a.page.waitForSelector("[data-testid=share-long]", { state: "detached" });
  assert.ok((await a.page.textContent("[data-testid=share-link]")).length < 8000);
  await a.context.close();
  await b.context.close();
});

test("user text from a link stays text: in the table, the letter and the print view", async () => {
  const evil = `<img src=x onerror="document.title='pwned'">`;
  const a = await fresh();
  await paste(a.page, `Invoice\tCustomer\tDue date\tAmount\nX1\t${evil}\t2025-09-01\t10\n`);
  await showInvoices(a.page);
  await a.page.waitForSelector("tr[data-invoice='X1']");
  const link = await linkFrom(a.page, { withData: true });
  await a.context.close();
  const b = await fresh(link);
  await b.page.waitForSelector("tr[data-invoice='X1']");
  assert.equal(await b.page.textContent("tr[data-invoice='X1'] td:nth-child(2)"), evil);
  await b.page.click("role=tab[name='Letters']");
  assert.match(await b.page.textContent("[data-testid=letter-text]"), /<img src=x onerror=/);
  // Print takes the letter's print layout (issue 16): the text is there as text, and no element.
  await b.page.emulateMedia({ media: "print" });
  assert.ok(await b.page.isVisible("[data-testid=letter-print]"));
  assert.match(await b.page.textContent("[data-testid=letter-print]"), /<img src=x onerror=/);
  assert.equal(await b.page.locator("img").count(), 0);
  assert.notEqual(await b.page.title(), "pwned");
  await b.context.close();
});

test("no browser involved made a request for anything but the page's own files", () => {
  const own = new Set(readdirSync(DIST).map((f) => server.url + f));
  own.add(server.url);
  const foreign = requests.filter((url) => {
    const bare = url.split("#")[0];
    return !own.has(bare) && !url.startsWith("blob:") && !url.startsWith("data:");
  });
  assert.ok(requests.length > 20, `the recording saw the pages load (${requests.length} requests)`);
  assert.deepEqual(foreign, []);
});
