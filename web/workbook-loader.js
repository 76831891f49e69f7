// Opens .xlsx/.xls/.ods in the page (issue 12). The reader (calamine, a second Wasm module) is
// several hundred KB, so it is not part of the start-up: this small module only defines
// globalThis.overdueWorkbook. The first spreadsheet opened starts the reader's Web Worker
// (workbook-worker.js, running workbook-ops.js), so the page never blocks on a big workbook
// and cancel() can stop it. Where a module worker cannot start (Firefox < 114), the same
// operations run here instead. Nothing is fetched from the network; the service worker
// precaches these files with the rest of the build.
let worker = null;
let inPage = null;
let next = 1;
const pending = new Map();

function settle(id, outcome) {
  const call = pending.get(id);
  if (!call) return;
  pending.delete(id);
  if (outcome.ok) call.resolve(outcome.value);
  else call.reject(outcome.error);
}

/** The operations in this thread, once the worker could not start. */
async function runInPage(id, op, fields) {
  inPage ??= import("./workbook-ops.js").then((m) => m.ops);
  try {
    settle(id, { ok: true, value: await (await inPage)[op](fields) });
  } catch (error) {
    settle(id, { ok: false, error });
  }
}

function startWorker() {
  const started = new Worker(new URL("./workbook-worker.js", import.meta.url), { type: "module" });
  started.onmessage = ({ data }) => settle(data.id, data);
  // A worker that fails to load (no module workers) reports an error event and nothing else:
  // what it was asked is done in the page instead, and so is everything after.
  started.onerror = (event) => {
    event.preventDefault();
    started.terminate();
    if (worker === started) worker = false;
    for (const [id, call] of pending) runInPage(id, call.op, call.fields);
  };
  return started;
}

function request(op, fields, transfer = []) {
  return new Promise((resolve, reject) => {
    const id = next++;
    pending.set(id, { resolve, reject, op, fields });
    if (worker === null && typeof Worker === "function") worker = startWorker();
    if (worker) worker.postMessage({ id, op, ...fields }, transfer);
    else runInPage(id, op, fields);
  });
}

globalThis.overdueWorkbook = {
  /** Opens the bytes; resolves to the sheet names, rejects with the user's sentence. */
  open(bytes, lang) {
    return request("open", { bytes, lang });
  },
  /** Sheet `index` of the last opened workbook as tab-separated text. */
  sheetText(index) {
    return request("sheetText", { index });
  },
  /** Stops the reading under way: the worker is ended (the next file starts a new one) and the
   * calls waiting on it reject with an empty message. In the page there is nothing to stop;
   * the caller ignores the answer. */
  cancel() {
    if (worker) {
      worker.terminate();
      worker = null;
    }
    for (const call of pending.values()) call.reject("");
    pending.clear();
  },
};
