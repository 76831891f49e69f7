//! zlib compression by the browser, so that the page's Wasm carries no deflate compressor
//! (docs/size.md): `CompressionStream("deflate")` writes zlib (RFC 1950), the format share links
//! carry, and the link is read by the core's own bounded inflate as before. Where the browser
//! has no `CompressionStream` (Safari before 16.4, Firefox before 113) or it fails, the bytes go
//! into zlib's stored blocks instead (`share::zlib_stored`): a longer link that opens the same.

use js_sys::{Array, Reflect, Uint8Array};
use overdue_core::share;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

// Bound here rather than through web-sys, which offers `CompressionStream` only behind
// `--cfg=web_sys_unstable_apis` (a flag that would rebuild every crate of the page).
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    /// A `Blob` of the bytes, only for its `stream()`.
    #[wasm_bindgen(js_name = Blob)]
    type BytesBlob;
    #[wasm_bindgen(constructor, js_class = "Blob", catch)]
    fn new(parts: &Array) -> Result<BytesBlob, JsValue>;
    #[wasm_bindgen(method, js_class = "Blob")]
    fn stream(this: &BytesBlob) -> ByteStream;

    /// A `ReadableStream` of bytes.
    type ByteStream;
    #[wasm_bindgen(method, js_name = pipeThrough)]
    fn pipe_through(this: &ByteStream, transform: &CompressionStream) -> ByteStream;

    /// The `Response` constructor, only to read a stream to its end (`arrayBuffer()`).
    #[wasm_bindgen(js_name = Response)]
    type StreamResponse;
    #[wasm_bindgen(constructor, js_class = "Response", catch)]
    fn new(body: &ByteStream) -> Result<StreamResponse, JsValue>;
    #[wasm_bindgen(method, js_class = "Response", js_name = arrayBuffer)]
    fn array_buffer(this: &StreamResponse) -> js_sys::Promise;
}

/// `bytes` as zlib: compressed by the browser, else stored (see the module documentation).
pub async fn zlib(bytes: &[u8]) -> Vec<u8> {
    match browser_zlib(bytes).await {
        Ok(compressed) => compressed,
        Err(_) => share::zlib_stored(bytes),
    }
}

async fn browser_zlib(bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    if !Reflect::has(&js_sys::global(), &JsValue::from_str("CompressionStream"))? {
        return Err(JsValue::UNDEFINED);
    }
    let blob = BytesBlob::new(&Array::of1(&Uint8Array::from(bytes)))?;
    let stream = blob
        .stream()
        .pipe_through(&CompressionStream::new("deflate")?);
    let buffer = JsFuture::from(StreamResponse::new(&stream)?.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
