//! Text normalisation shared by the value and header readers.

/// Folds full-width ASCII (what Chinese input methods type: `１２３`, `，`, `（`) and a few
/// look-alike characters (minus sign, non-breaking and thin spaces) to plain ASCII, so the rest
/// of the parser deals with one alphabet.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\u{2007}' => ' ',
            '\u{2212}' | '\u{2012}' | '\u{2013}' | '\u{FE63}' => '-',
            '\u{3002}' => '.',
            c => c,
        })
        .collect()
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
    fn clip_counts_characters_not_bytes() {
        assert_eq!(clip("发票号码", 2), "发票…");
        assert_eq!(clip("abc", 3), "abc");
    }
}
