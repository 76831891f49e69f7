// The letters engine (issue 14): the template engine that writes a letter's body is a second
// Wasm module (letters-engine/, carried like the page's in a JS module, see
// scripts/post-build.mjs), about an eighth of the page's module, which no first screen needs.
// This small module only defines globalThis.overdueLetters; the page calls load() once its
// first results are on screen, or when a letter is wanted before that (src/letters_engine.rs),
// and then write() and check() synchronously: one letter takes milliseconds. Nothing is
// fetched from the network; the service worker precaches these files with the rest.
import { wasmSource } from "./wasm-source.js";

let engine = null;
let loading = null;

globalThis.overdueLetters = {
  /** Loads the engine once; resolves when write() and check() can be called. A failed load
   * (the files missing offline before the service worker had them) can be tried again. */
  load() {
    loading ??= (async () => {
      const [glue, { default: wasm }] = await Promise.all([
        import("./letters_engine.js"),
        import("./letters_engine_bg.wasm.js"),
      ]);
      await glue.default({ module_or_path: await wasmSource(wasm) });
      engine = glue;
    })();
    loading.catch(() => {
      loading = null;
    });
    return loading;
  },
  /** A letter's body (JSON of the core's BodyRequest in, of its Body out). */
  write(request) {
    return engine.write(request);
  },
  /** What is wrong with a template, as JSON (null: nothing). */
  check(source) {
    return engine.check(source);
  },
};
