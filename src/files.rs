//! Opening files: text files decoded here, spreadsheets (.xlsx/.xls/.ods) through the reader
//! that web/workbook-loader.js imports on first use (a second Wasm module, so calamine is not on
//! the start-up path). Read in the browser; nothing is uploaded.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use overdue_core::i18n::Lang;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What opening a file gave.
pub enum Opened {
    /// Text to paste, and where it came from ("ledger.xlsx · Sheet1").
    Text { text: String, source: String },
    /// A workbook with several sheets: the user chooses one ([`sheet_text`]).
    ChooseSheet { file: String, sheets: Vec<String> },
    /// The user's sentence on why the file could not be read.
    Failed(String),
}

/// Spreadsheet formats by the name's ending: the reader recognises the format from the bytes,
/// but a text file must not be sent to it.
pub fn is_spreadsheet(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

pub async fn open_file(name: String, bytes: Vec<u8>, lang: Lang) -> Opened {
    if !is_spreadsheet(&name) {
        return Opened::Text {
            text: crate::browser::decode_file(&bytes),
            source: name,
        };
    }
    let sheets = match call(
        "open",
        &[Uint8Array::from(&bytes[..]).into(), lang_code(lang)],
    )
    .await
    {
        Ok(value) => js_sys::Array::from(&value)
            .iter()
            .filter_map(|v| v.as_string())
            .collect::<Vec<_>>(),
        Err(message) => return Opened::Failed(message),
    };
    match sheets.len() {
        0 => Opened::Failed(
            lang.pick("这个文件里没有工作表。", "This file has no sheet.")
                .to_string(),
        ),
        1 => sheet_text(&name, &sheets, 0, lang).await,
        _ => Opened::ChooseSheet { file: name, sheets },
    }
}

/// Sheet `index` of the workbook opened last, as text to paste.
pub async fn sheet_text(file: &str, sheets: &[String], index: usize, lang: Lang) -> Opened {
    match call("sheetText", &[JsValue::from(index as u32)]).await {
        Ok(text) => Opened::Text {
            text: text.as_string().unwrap_or_default(),
            source: format!("{file} · {}", sheets.get(index).map_or("", |s| s.as_str())),
        },
        Err(message) if message.is_empty() => Opened::Failed(
            lang.pick("无法读取这个工作表。", "This sheet could not be read.")
                .to_string(),
        ),
        Err(message) => Opened::Failed(message),
    }
}

/// Stops the spreadsheet being read (web/workbook-loader.js ends the reader's worker); the
/// reading's answer then is a failure with an empty message, which the caller ignores.
pub fn cancel_reading() {
    let loader = Reflect::get(&js_sys::global(), &JsValue::from_str("overdueWorkbook"));
    let cancel = loader.as_ref().ok().and_then(|loader| {
        Reflect::get(loader, &JsValue::from_str("cancel"))
            .ok()?
            .dyn_into::<Function>()
            .ok()
    });
    if let (Ok(loader), Some(cancel)) = (loader, cancel) {
        // Nothing to do if it throws: the answer is ignored either way.
        let _ = cancel.call0(&loader);
    }
}

fn lang_code(lang: Lang) -> JsValue {
    JsValue::from_str(lang.pick("zh", "en"))
}

/// Calls `globalThis.overdueWorkbook[method](...args)` and awaits it; a rejection becomes its
/// message (the reader rejects with the user's sentence).
async fn call(method: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let loader = Reflect::get(&js_sys::global(), &JsValue::from_str("overdueWorkbook"))
        .ok()
        .filter(|v| v.is_object())
        .ok_or_else(|| "the spreadsheet reader is not loaded".to_string())?;
    let function: Function = Reflect::get(&loader, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("the spreadsheet reader has no {method}"))?;
    let arguments = js_sys::Array::new();
    for arg in args {
        arguments.push(arg);
    }
    let promise: Promise = function
        .apply(&loader, &arguments)
        .map_err(message)?
        .dyn_into()
        .map_err(message)?;
    JsFuture::from(promise).await.map_err(message)
}

fn message(error: JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            Reflect::get(&error, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_default()
}
