//! The one value a letter template sees, as plain data: strings, integers, booleans, maps of
//! named values, and lists that also print whole as ready-made lines.
//!
//! It is built here, in the page's own module, from the report; the template engine
//! (minijinja) runs elsewhere — in the letters engine module the page loads after its first
//! screen (`letters-engine/`, issue 14) — so the value crosses as JSON ([`engine`](super::engine)
//! turns it into minijinja's values on the other side). Nothing here depends on the engine.

use serde::{Deserialize, Serialize};

/// What a template can read. Short variant names: the value is serialised for every letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LetterValue {
    #[serde(rename = "s")]
    Str(String),
    #[serde(rename = "i")]
    Int(i64),
    #[serde(rename = "b")]
    Bool(bool),
    /// Named values (attribute access: `sender.company`), in the order built.
    #[serde(rename = "m")]
    Map(Vec<(String, LetterValue)>),
    /// A list to loop over (`{% for i in invoices %}`) that prints as `text` when used whole
    /// (`{{ invoices }}`).
    #[serde(rename = "l")]
    List {
        items: Vec<LetterValue>,
        text: String,
    },
}

impl LetterValue {
    /// The value under `name` when this is a map.
    pub fn get(&self, name: &str) -> Option<&LetterValue> {
        match self {
            LetterValue::Map(pairs) => pairs.iter().find(|(key, _)| key == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            LetterValue::Str(text) => Some(text),
            _ => None,
        }
    }
}

/// A list that prints whole as its `lines`, one per line.
pub(super) fn list(items: Vec<LetterValue>, lines: Vec<String>) -> LetterValue {
    LetterValue::List {
        items,
        text: lines.join("\n"),
    }
}

pub(super) fn map<const N: usize>(pairs: [(&'static str, LetterValue); N]) -> LetterValue {
    LetterValue::Map(
        pairs
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect(),
    )
}

impl From<String> for LetterValue {
    fn from(text: String) -> Self {
        LetterValue::Str(text)
    }
}

impl From<&str> for LetterValue {
    fn from(text: &str) -> Self {
        LetterValue::Str(text.to_string())
    }
}

impl From<bool> for LetterValue {
    fn from(value: bool) -> Self {
        LetterValue::Bool(value)
    }
}

impl From<i64> for LetterValue {
    fn from(value: i64) -> Self {
        LetterValue::Int(value)
    }
}

impl From<i32> for LetterValue {
    fn from(value: i32) -> Self {
        LetterValue::Int(i64::from(value))
    }
}

impl From<u32> for LetterValue {
    fn from(value: u32) -> Self {
        LetterValue::Int(i64::from(value))
    }
}

/// Counts and numbers: a letter's are far below `i64::MAX`; one that is not is written as
/// the largest integer rather than wrapped.
impl From<usize> for LetterValue {
    fn from(value: usize) -> Self {
        LetterValue::Int(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

impl From<u64> for LetterValue {
    fn from(value: u64) -> Self {
        LetterValue::Int(i64::try_from(value).unwrap_or(i64::MAX))
    }
}
