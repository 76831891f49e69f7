// The spreadsheet reader's Web Worker (issue 12): workbook-loader.js starts it on the first
// spreadsheet opened and sends it the file's bytes, so reading a big workbook never blocks the
// page, and the page can stop it (the loader's cancel() terminates this worker). A same-origin
// module worker is allowed by the page CSP's script-src 'self'; it fetches nothing.
import { ops } from "./workbook-ops.js";

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    self.postMessage({ id, ok: true, value: await ops[op](data) });
  } catch (error) {
    // The reader rejects with the user's sentence (a string); anything else is an Error.
    self.postMessage({ id, ok: false, error: typeof error === "string" ? error : String(error?.message ?? error) });
  }
};
