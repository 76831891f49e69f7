//! The stored JSON of a workspace without writing its pasted text out again on every save
//! (issue 14): a 100,000-row ledger is megabytes of text, every other part of the workspace a
//! few kilobytes, and an edit changes the pasted text only when it is a paste. The text's JSON
//! literal is kept from the first save of that text and put back between the rest's JSON, so
//! that what is stored is byte for byte `Workspace::to_json` — which it falls back to whenever
//! anything is not as expected.

use overdue_core::workspace::{PastedText, Workspace};

/// Below this size the whole JSON is written each time: it costs little.
const SPLICE_FROM_BYTES: usize = 64 * 1024;
/// Stands in for the pasted text while the rest is written; its JSON form is [`MARK_JSON`].
const MARK: &str = "\u{1}overdue:pasted-text\u{1}";
const MARK_JSON: &str = "\"\\u0001overdue:pasted-text\\u0001\"";

/// Writes workspaces' JSON, keeping the JSON literal of the last large pasted text written.
#[derive(Default)]
pub struct JsonWriter {
    text: Option<(PastedText, String)>,
}

impl JsonWriter {
    /// `workspace.to_json()`.
    pub fn write(&mut self, workspace: &Workspace) -> String {
        let text = &workspace.input.text;
        if text.len() < SPLICE_FROM_BYTES {
            return workspace.to_json();
        }
        let mut marked = workspace.clone();
        marked.input.text = MARK.into();
        let marked = marked.to_json();
        let mut found = marked.match_indices(MARK_JSON);
        let (Some((at, _)), None) = (found.next(), found.next()) else {
            return workspace.to_json();
        };
        let (before, after) = (&marked[..at], &marked[at + MARK_JSON.len()..]);
        if let Some((seen, literal)) = &self.text {
            if seen.is_shared_with(text) {
                return [before, literal, after].concat();
            }
        }
        let full = workspace.to_json();
        if full.len() >= before.len() + after.len()
            && full.starts_with(before)
            && full.ends_with(after)
        {
            let literal = full[before.len()..full.len() - after.len()].to_string();
            self.text = Some((text.clone(), literal));
        }
        full
    }
}

/// What `json` takes in UTF-16 code units (as browsers count what they store), without
/// decoding it: one per character, two for those outside the Basic Multilingual Plane (four
/// bytes in UTF-8).
pub fn utf16_len(json: &str) -> usize {
    json.bytes()
        .map(|b| match b {
            0x80..=0xBF => 0,
            0xF0..=0xFF => 2,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use overdue_core::edit::Edit;
    use overdue_core::i18n::Lang;

    use super::*;

    fn big_text() -> String {
        let mut text = String::from("发票号\t客户\t到期日\t金额\n");
        for i in 0..5_000 {
            text.push_str(&format!(
                "FP{i:05}\t客户 \"{}\" 😀\t2025-01-{:02}\t{i}.00\n",
                i % 40,
                i % 28 + 1
            ));
        }
        text
    }

    #[test]
    fn writes_what_to_json_writes_before_and_after_edits() {
        let mut writer = JsonWriter::default();
        let mut workspace = Workspace::default();
        workspace.apply(Edit::Paste {
            text: big_text(),
            source: None,
        });
        assert!(workspace.input.text.len() >= SPLICE_FROM_BYTES);
        assert_eq!(writer.write(&workspace), workspace.to_json());
        assert!(
            writer.text.is_some(),
            "the text's literal is kept after its first save"
        );
        for edit in [
            Edit::SetLang(Lang::En),
            Edit::SetTerms(45),
            Edit::SetAsOf(chrono::NaiveDate::from_ymd_opt(2026, 1, 2)),
        ] {
            workspace.apply(edit);
            assert_eq!(writer.write(&workspace), workspace.to_json());
        }
        // Another paste: another text, written out in full again.
        workspace.apply(Edit::Paste {
            text: big_text().replace("FP", "INV"),
            source: None,
        });
        assert_eq!(writer.write(&workspace), workspace.to_json());
    }

    #[test]
    fn a_workspace_that_holds_the_mark_elsewhere_is_written_in_full() {
        let mut writer = JsonWriter::default();
        let mut workspace = Workspace::default();
        workspace.input.text = big_text().into();
        workspace.settings.default_currency = MARK.to_string();
        assert_eq!(writer.write(&workspace), workspace.to_json());
        assert!(writer.text.is_none());
    }

    #[test]
    fn counts_utf16_units_as_encode_utf16_does() {
        for text in ["", "abc", "发票", "😀x", &big_text()] {
            assert_eq!(utf16_len(text), text.encode_utf16().count());
        }
    }
}
