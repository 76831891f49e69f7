//! The few things only a browser can do: read the clock and language, read a dropped file,
//! and hand the user a download. (Keeping the workspace is `storage.rs`.)

use chrono::NaiveDate;
use overdue_core::i18n::Lang;
use overdue_core::text::decode_unicode;
use wasm_bindgen::JsCast;

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn browser_lang() -> Lang {
    let code = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    Lang::for_browser(&code)
}

// Keeping the workspace is `storage.rs`; the views reach it through here.
pub use crate::storage::{forget_everything, keeps_nothing, kept_bytes, set_keep_nothing};

/// Decodes a file's bytes: UTF-8 or UTF-16 in Rust, legacy Chinese (GBK) with the browser's
/// own decoder.
pub fn decode_file(bytes: &[u8]) -> String {
    if let Some(text) = decode_unicode(bytes) {
        return text;
    }
    web_sys::TextDecoder::new_with_label("gb18030")
        .and_then(|decoder| decoder.decode_with_u8_array(bytes))
        .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
}

/// Offers `text` as a file download (a Blob URL: nothing goes over the network).
pub fn download(filename: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(anchor) = document.create_element("a") {
        if let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() {
            anchor.set_href(&url);
            anchor.set_download(filename);
            anchor.click();
        }
    }
    // Revoking at once can cancel the download in some browsers; a second later is safe.
    gloo::timers::callback::Timeout::new(1_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Copies `text` to the clipboard, with an HTML version for mail programs that paste rich
/// text, then calls `done` with whether it worked. `ClipboardItem` is reached through
/// `Reflect` (web-sys only offers it behind its unstable-API flag); where it is missing or
/// refused, plain text is written instead.
pub fn copy_rich(text: &str, html: &str, done: impl FnOnce(bool) + 'static) {
    use js_sys::{Array, Function, Object, Promise, Reflect};
    use wasm_bindgen::JsValue;
    let Some(window) = web_sys::window() else {
        return done(false);
    };
    let clipboard = window.navigator().clipboard();
    let rich = (|| -> Option<Promise> {
        let ctor: Function = Reflect::get(&window, &"ClipboardItem".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let record = Object::new();
        for (mime, content) in [("text/plain", text), ("text/html", html)] {
            let options = web_sys::BlobPropertyBag::new();
            options.set_type(mime);
            let blob = web_sys::Blob::new_with_str_sequence_and_options(
                &Array::of1(&JsValue::from_str(content)),
                &options,
            )
            .ok()?;
            Reflect::set(&record, &mime.into(), &blob).ok()?;
        }
        let item = Reflect::construct(&ctor, &Array::of1(&record)).ok()?;
        let write: Function = Reflect::get(&clipboard, &"write".into())
            .ok()?
            .dyn_into()
            .ok()?;
        write
            .call1(&clipboard, &Array::of1(&item))
            .ok()?
            .dyn_into()
            .ok()
    })();
    let plain = text.to_string();
    wasm_bindgen_futures::spawn_local(async move {
        let rich_ok = match rich {
            Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
            None => false,
        };
        let ok = rich_ok
            || wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&plain))
                .await
                .is_ok();
        done(ok);
    });
}

/// Prints the letter alone: the print stylesheet shows only the letter while the root element
/// carries the `printing-letter` class.
pub fn print_letter() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let root = window.document().and_then(|d| d.document_element());
    if let Some(root) = &root {
        let _ = root.class_list().add_1("printing-letter");
    }
    let _ = window.print();
    if let Some(root) = &root {
        let _ = root.class_list().remove_1("printing-letter");
    }
}

/// Prints the weekly report alone (`printing-report` on the root element; see the print CSS
/// section "weekly report (issue 19)").
pub fn print_report() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let root = window.document().and_then(|d| d.document_element());
    if let Some(root) = &root {
        let _ = root.class_list().add_1("printing-report");
    }
    let _ = window.print();
    if let Some(root) = &root {
        let _ = root.class_list().remove_1("printing-report");
    }
}

/// The page's address without its fragment: what a share link is built on.
pub fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.find('#') {
        Some(at) => href[..at].to_string(),
        None => href,
    }
}

/// The page address's fragment, `#` included (empty when there is none).
pub fn location_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Takes a handled share link out of the address bar (without a reload or a history entry),
/// so that a reload does not offer it again and the data it carries is not left in view.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if location_fragment().is_empty() {
        return;
    }
    let address = page_address();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}

/// Copies plain `text` to the clipboard, then calls `done` with whether it worked.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return done(false);
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Runs `work` and records how long it took as a User Timing measure (`overdue:<name>`), which
/// the browser benchmark and DevTools' performance panel read. No-op cost outside them.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    mark(name);
    let result = work();
    measure_since(name);
    result
}

/// Marks the start of a span that [`measure_since`] ends (User Timing, as [`timed`]).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&format!("overdue:{name}:start"));
    }
}

pub fn measure_since(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance
            .measure_with_start_mark(&format!("overdue:{name}"), &format!("overdue:{name}:start"));
    }
}

/// Runs `work` once the frame being built now has been painted: in the next animation frame's
/// callback a timeout is set, and a timeout runs after that frame's paint. Where there is no
/// window, or the browser refuses the frame request, `work` runs in a plain timeout.
pub fn after_paint(work: impl FnOnce() + 'static) {
    use std::cell::RefCell;
    use std::rc::Rc;
    let work = Rc::new(RefCell::new(Some(work)));
    let later = |work: &RefCell<Option<_>>| {
        if let Some(work) = work.borrow_mut().take() {
            gloo::timers::callback::Timeout::new(0, work).forget();
        }
    };
    let in_frame = {
        let work = work.clone();
        wasm_bindgen::closure::Closure::once_into_js(move || later(&work))
    };
    let requested = web_sys::window()
        .is_some_and(|w| w.request_animation_frame(in_frame.unchecked_ref()).is_ok());
    if !requested {
        later(&work);
    }
}

/// Moves the keyboard focus to the element with this id (a heading needs `tabindex="-1"`).
pub fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
