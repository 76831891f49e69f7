//! The spreadsheet reader as its own Wasm module (issue 12): the page imports it on the first
//! `.xlsx`/`.xls`/`.ods` opened (web/workbook-loader.js), so calamine and zip (several hundred
//! KB) stay off the start-up path. Everything here is the core's `workbook` API, in the
//! browser; the file never leaves it.

use overdue_core::i18n::Lang;
use overdue_core::workbook::{Limits, Workbook};
use wasm_bindgen::prelude::*;

/// An opened workbook, kept on the JS side between choosing a sheet and reading it.
#[wasm_bindgen]
pub struct Book {
    workbook: Workbook,
    lang: Lang,
}

fn lang_of(code: &str) -> Lang {
    if code.starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Opens the file's bytes within the core's limits; the error is the user's sentence in `lang`.
#[wasm_bindgen]
pub fn open(bytes: Vec<u8>, lang: &str) -> Result<Book, String> {
    let lang = lang_of(lang);
    Workbook::open(bytes, Limits::default())
        .map(|workbook| Book { workbook, lang })
        .map_err(|e| e.text(lang))
}

#[wasm_bindgen]
impl Book {
    /// Sheet names in the file's order.
    #[wasm_bindgen(js_name = sheetNames)]
    pub fn sheet_names(&self) -> Vec<String> {
        self.workbook.sheet_names().to_vec()
    }

    /// One sheet as tab-separated text, for the paste parser.
    #[wasm_bindgen(js_name = sheetText)]
    pub fn sheet_text(&mut self, index: usize) -> Result<String, String> {
        let lang = self.lang;
        self.workbook.sheet_text(index).map_err(|e| e.text(lang))
    }
}
