// Opens .xlsx/.xls/.ods in the page (issue 12). The reader (calamine, as a second Wasm module
// built from workbook-reader/) is several hundred KB, so it is not part of the start-up: this
// small module only defines globalThis.overdueWorkbook, and the reader is imported on the
// first spreadsheet opened. Like the main Wasm it comes inside a JS module, gzipped and
// base64'd by scripts/post-build.mjs, because the CSP allows no fetch (connect-src 'none');
// the service worker precaches it with the rest of the build.
let reader = null;
let book = null;

async function wasmSource(base64) {
  let bytes;
  if (typeof Uint8Array.fromBase64 === "function") {
    bytes = Uint8Array.fromBase64(base64);
  } else {
    const binary = atob(base64);
    bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  }
  if (typeof DecompressionStream !== "function") {
    const { gunzip } = await import("./inflate.js");
    return gunzip(bytes);
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream, { headers: { "content-type": "application/wasm" } });
}

async function load() {
  if (!reader) {
    reader = (async () => {
      const [glue, { default: wasm }] = await Promise.all([
        import("./workbook_reader.js"),
        import("./workbook_reader_bg.wasm.js"),
      ]);
      await glue.default({ module_or_path: await wasmSource(wasm) });
      return glue;
    })();
  }
  return reader;
}

globalThis.overdueWorkbook = {
  /** Opens the bytes; resolves to the sheet names, rejects with the user's sentence. */
  async open(bytes, lang) {
    const glue = await load();
    if (book) book.free();
    book = null;
    book = glue.open(bytes, lang);
    return book.sheetNames();
  },
  /** Sheet `index` of the last opened workbook as tab-separated text. */
  async sheetText(index) {
    if (!book) throw new Error("no workbook open");
    return book.sheetText(index);
  },
};
