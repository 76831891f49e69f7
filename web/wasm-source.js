// A second Wasm module's bytes from the JS module that carries them (gzip, base64: the page's
// CSP allows no fetch, see scripts/post-build.mjs), as init() takes them: a Response it
// compiles as it streams, or, where the browser cannot decompress gzip itself, the bytes.
// Shared by the spreadsheet reader (workbook-ops.js) and the letters engine (letters-loader.js).
export async function wasmSource(base64) {
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
