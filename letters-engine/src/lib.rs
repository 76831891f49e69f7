//! The letter template engine as its own Wasm module (issue 14): minijinja and the code that
//! runs a template are about an eighth of the page's module, and no first screen needs them.
//! The page gathers a letter's values itself (`letters::prepare`) and hands this module the
//! [`BodyRequest`] as JSON; web/letters-loader.js loads it once the first results are on
//! screen, or when a letter is wanted before that. Calls are synchronous: one letter takes
//! milliseconds, and a template from a link runs within the core's limits
//! (`letters::limits`).

use overdue_core::letters::{engine, Body, BodyRequest, TemplateError};
use wasm_bindgen::prelude::*;

/// The [`Body`] of the letter `request` (a [`BodyRequest`] as JSON) asks for, as JSON. A
/// request that does not read (never one the page wrote) gives an empty body with the error.
#[wasm_bindgen]
pub fn write(request: &str) -> String {
    let body = match serde_json::from_str::<BodyRequest>(request) {
        Ok(request) => engine::write(&request),
        Err(error) => Body {
            text: String::new(),
            error: Some(TemplateError {
                line: None,
                message: format!("letter request not readable: {error}"),
                limit: None,
            }),
        },
    };
    to_json(&body)
}

/// What is wrong with a template's syntax or limits, as JSON (`null`: nothing).
#[wasm_bindgen]
pub fn check(source: &str) -> String {
    to_json(&engine::check_template(source))
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Plain strings, integers and options: serialising them cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_that_does_not_read_gives_an_error_not_a_panic() {
        let body: Body = serde_json::from_str(&write("{not json")).unwrap();
        assert!(body.text.is_empty());
        assert!(body
            .error
            .unwrap()
            .message
            .starts_with("letter request not readable"));
    }

    #[test]
    fn check_reports_syntax_and_limits_and_nothing_for_a_sound_template() {
        assert_eq!(check("Dear {{ greeting }}"), "null");
        let syntax: Option<TemplateError> = serde_json::from_str(&check("{% if %}")).unwrap();
        assert!(syntax.is_some_and(|e| e.limit.is_none() && e.line == Some(1)));
        let limit: Option<TemplateError> = serde_json::from_str(&check("{% set x = 1 %}")).unwrap();
        assert!(limit.is_some_and(|e| e.limit.is_some()));
    }
}
