//! The two languages, and the few words the core itself must say (bucket and status labels,
//! export headers). The page's own wording lives in the shell.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            c if c.starts_with("zh") => Some(Lang::Zh),
            c if c.starts_with("en") => Some(Lang::En),
            _ => None,
        }
    }

    /// The language for a browser's `navigator.language`: Chinese for any `zh-*`, else English.
    pub fn for_browser(code: &str) -> Lang {
        match Lang::from_code(code) {
            Some(Lang::Zh) => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// Chooses between the two texts of one message.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_language_defaults() {
        assert_eq!(Lang::for_browser("zh-CN"), Lang::Zh);
        assert_eq!(Lang::for_browser("zh-Hant-TW"), Lang::Zh);
        assert_eq!(Lang::for_browser("en-GB"), Lang::En);
        assert_eq!(Lang::for_browser("de-DE"), Lang::En);
        assert_eq!(Lang::for_browser(""), Lang::En);
    }
}
