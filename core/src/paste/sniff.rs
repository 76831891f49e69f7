//! Sniffing: which delimiter separates the cells.

use crate::text::is_blank;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    Tab,
    Comma,
    Semicolon,
    Pipe,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Tab => b'\t',
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Pipe => b'|',
        }
    }
}

/// Picks the delimiter whose field count is the same on the most lines of the first fifty:
/// a tab for anything copied from a spreadsheet, otherwise the CSV flavour of the export.
pub fn sniff_delimiter(text: &str) -> Delimiter {
    let candidates = [
        Delimiter::Tab,
        Delimiter::Semicolon,
        Delimiter::Comma,
        Delimiter::Pipe,
    ];
    let lines: Vec<&str> = text.lines().filter(|l| !is_blank(l)).take(50).collect();
    let mut best = (Delimiter::Tab, 0usize);
    for delimiter in candidates {
        let mut counts: Vec<usize> = lines
            .iter()
            .map(|l| count_unquoted(l, delimiter.byte() as char))
            .filter(|&n| n > 0)
            .collect();
        counts.sort_unstable();
        let modal_run = longest_run(&counts);
        if modal_run > best.1 {
            best = (delimiter, modal_run);
        }
    }
    best.0
}

pub(super) fn count_unquoted(line: &str, delimiter: char) -> usize {
    let mut in_quotes = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if c == delimiter && !in_quotes {
            n += 1;
        }
    }
    n
}

pub(super) fn longest_run(sorted: &[usize]) -> usize {
    let mut best = 0;
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&v| v == sorted[i]).count();
        best = best.max(j);
        i += j;
    }
    best
}
