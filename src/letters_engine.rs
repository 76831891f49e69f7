//! The letters engine, a second Wasm module (issue 14): the template engine that writes a
//! letter's body (minijinja, about an eighth of the page's module) is loaded after the page's
//! first results, not with the page (web/letters-loader.js, built from `letters-engine/`). The
//! page gathers each letter itself (`letters::prepare`) and asks the engine for its body,
//! synchronously, as JSON. Until the engine is there, a letter is `None` and the views say the
//! letter is being prepared; the page renders again when it arrives ([`load`]).

use std::cell::Cell;

use js_sys::{Function, Promise, Reflect};
use overdue_core::i18n::Lang;
use overdue_core::letters::{limits, Body, Letter, Prepared, TemplateError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static READY: Cell<bool> = const { Cell::new(false) };
    static LOADING: Cell<bool> = const { Cell::new(false) };
}

/// Whether letters can be written now.
pub fn ready() -> bool {
    READY.with(Cell::get)
}

/// `globalThis.overdueLetters[method]` and its object.
fn method(name: &str) -> Option<(JsValue, Function)> {
    let loader = Reflect::get(&js_sys::global(), &JsValue::from_str("overdueLetters"))
        .ok()
        .filter(JsValue::is_object)?;
    let function = Reflect::get(&loader, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    Some((loader, function))
}

/// Starts loading the engine (once; again after a failure) and calls `on_ready` when it is
/// there. Nothing happens when it already is.
pub fn load(on_ready: impl FnOnce() + 'static) {
    if ready() || LOADING.with(|l| l.replace(true)) {
        return;
    }
    let promise = method("load")
        .and_then(|(loader, load)| load.call0(&loader).ok())
        .and_then(|p| p.dyn_into::<Promise>().ok());
    let Some(promise) = promise else {
        LOADING.with(|l| l.set(false));
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = JsFuture::from(promise).await.is_ok();
        LOADING.with(|l| l.set(false));
        if loaded {
            READY.with(|r| r.set(true));
            on_ready();
        }
    });
}

/// Calls the engine's `name` with one string argument; its string answer.
fn call(name: &str, argument: &str) -> Result<String, String> {
    let (loader, function) = method(name).ok_or("the letters engine is not loaded")?;
    function
        .call1(&loader, &JsValue::from_str(argument))
        .map_err(|e| format!("{e:?}"))?
        .as_string()
        .ok_or_else(|| "the letters engine gave no text".to_string())
}

/// The letter, or `None` while the engine is loading. If the engine fails (it never should:
/// it returns template errors as values), the letter says so in place of its body rather than
/// leaving the page waiting.
pub fn write(prepared: Prepared) -> Option<Letter> {
    if !ready() {
        return None;
    }
    let lang = prepared.body.lang;
    let body = serde_json::to_string(&prepared.body)
        .map_err(|e| e.to_string())
        .and_then(|request| call("write", &request))
        .and_then(|answer| serde_json::from_str::<Body>(&answer).map_err(|e| e.to_string()))
        .unwrap_or_else(|message| failed(message, lang));
    Some(prepared.finish(body))
}

fn failed(message: String, lang: Lang) -> Body {
    let error = TemplateError {
        line: None,
        message,
        limit: None,
    };
    Body {
        text: error.describe(lang),
        error: Some(error),
    }
}

/// What is wrong with a template for the editor's live check: its syntax and limits once the
/// engine is there; only the limits (`limits::vet`, no engine needed) before.
pub fn check(source: &str) -> Option<TemplateError> {
    if ready() {
        if let Ok(answer) = call("check", source) {
            if let Ok(checked) = serde_json::from_str(&answer) {
                return checked;
            }
        }
    }
    limits::vet(source).err()
}
