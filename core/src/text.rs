//! Text normalisation shared by the value and header readers.

use std::borrow::Cow;

/// Folds full-width ASCII (what Chinese input methods type: `１２３`, `，`, `（`) and a few
/// look-alike characters (minus sign, non-breaking and thin spaces) to plain ASCII, so the rest
/// of the parser deals with one alphabet. Borrows when there is nothing to fold, which is
/// almost always: this runs on every cell of a 100,000-row paste.
pub fn fold_width(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || !s.chars().any(|c| fold_char(c) != c) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(fold_char).collect())
}

fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\u{2007}' => ' ',
        '\u{2212}' | '\u{2012}' | '\u{2013}' | '\u{FE63}' => '-',
        '\u{3002}' => '.',
        c => c,
    }
}

/// True when a cell holds nothing but whitespace.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Cuts `s` to at most `max` characters (not bytes), adding an ellipsis when it cut.
pub fn clip(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// How a file's bytes are encoded. Excel on a Chinese Windows saves "CSV" in GBK, and its
/// "Unicode text" is UTF-16 with a byte-order mark; everything else is UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Not valid UTF-8 and no BOM: taken as GBK (GB18030), the usual legacy encoding of our users.
    Gbk,
}

pub fn detect_encoding(bytes: &[u8]) -> Encoding {
    match bytes {
        [0xFF, 0xFE, ..] => Encoding::Utf16Le,
        [0xFE, 0xFF, ..] => Encoding::Utf16Be,
        _ if std::str::from_utf8(bytes).is_ok() => Encoding::Utf8,
        _ => Encoding::Gbk,
    }
}

/// Decodes UTF-8 and UTF-16 in Rust; GBK is left to the browser's TextDecoder (returns None).
pub fn decode_unicode(bytes: &[u8]) -> Option<String> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|pair| {
                if be {
                    u16::from_be_bytes([pair[0], pair[1]])
                } else {
                    u16::from_le_bytes([pair[0], pair[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match detect_encoding(bytes) {
        Encoding::Utf8 => {
            let text = std::str::from_utf8(bytes).ok()?;
            Some(text.strip_prefix('\u{FEFF}').unwrap_or(text).to_string())
        }
        Encoding::Utf16Le => Some(utf16(false)),
        Encoding::Utf16Be => Some(utf16(true)),
        Encoding::Gbk => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_digits_and_punctuation() {
        assert_eq!(fold_width("１２，３４５．６０"), "12,345.60");
        assert_eq!(fold_width("（２００）"), "(200)");
        assert_eq!(fold_width("\u{2212}5\u{00A0}000"), "-5 000");
    }

    #[test]
    fn detects_the_encodings_excel_writes() {
        assert_eq!(detect_encoding("发票".as_bytes()), Encoding::Utf8);
        assert_eq!(detect_encoding(&[0xB7, 0xA2, 0xC6, 0xB1]), Encoding::Gbk); // 发票 in GBK
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("A\t发".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_unicode(&utf16).as_deref(), Some("A\t发"));
        assert_eq!(decode_unicode("\u{FEFF}x".as_bytes()).as_deref(), Some("x"));
        assert_eq!(decode_unicode(&[0xB7, 0xA2]), None);
    }

    #[test]
    fn clip_counts_characters_not_bytes() {
        assert_eq!(clip("发票号码", 2), "发票…");
        assert_eq!(clip("abc", 3), "abc");
    }
}
