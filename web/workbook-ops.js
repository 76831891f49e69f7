// The spreadsheet reader's operations (issue 12), run in the reader's Web Worker
// (workbook-worker.js) or, where a module worker cannot start, in the page itself
// (workbook-loader.js). The reader (calamine, as a second Wasm module built from
// workbook-reader/) comes inside a JS module, gzipped and base64'd by scripts/post-build.mjs,
// because the page's CSP allows no fetch (connect-src 'none').
import { wasmSource } from "./wasm-source.js";

let reader = null;
let book = null;

function load() {
  reader ??= (async () => {
    const [glue, { default: wasm }] = await Promise.all([
      import("./workbook_reader.js"),
      import("./workbook_reader_bg.wasm.js"),
    ]);
    await glue.default({ module_or_path: await wasmSource(wasm) });
    return glue;
  })();
  return reader;
}

export const ops = {
  /** Opens the bytes; resolves to the sheet names, rejects with the user's sentence. */
  async open({ bytes, lang }) {
    const glue = await load();
    if (book) book.free();
    book = null;
    book = glue.open(bytes, lang);
    return book.sheetNames();
  },
  /** Sheet `index` of the last opened workbook as tab-separated text. */
  async sheetText({ index }) {
    if (!book) throw new Error("no workbook open");
    return book.sheetText(index);
  },
};
