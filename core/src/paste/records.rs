//! Row reading: the text split into records of cells, with the line each record starts on.

use std::borrow::Cow;

use csv::{ReaderBuilder, StringRecord};

use super::sniff::Delimiter;
use crate::text::clip;

/// Every cell of the input, unescaped, in one buffer: one allocation for the whole paste
/// instead of several per row (this matters in Wasm, where allocation is slow).
pub(super) struct Store {
    pub(super) text: String,
    /// Byte ranges of the cells in `text`.
    pub(super) cells: Vec<(usize, usize)>,
    /// Per record: its first line, first cell and cell count.
    pub(super) records: Vec<(usize, usize, usize)>,
}

impl Store {
    pub(super) fn rows(&self) -> Vec<Row<'_>> {
        self.records
            .iter()
            .map(|&(line, first, count)| Row {
                line,
                record: Record {
                    store: self,
                    first,
                    count,
                },
            })
            .collect()
    }
}

/// One record's cells: the small part of `csv::StringRecord`'s interface the parser uses.
#[derive(Clone, Copy)]
pub(super) struct Record<'a> {
    pub(super) store: &'a Store,
    pub(super) first: usize,
    pub(super) count: usize,
}

impl<'a> Record<'a> {
    pub(super) fn get(&self, i: usize) -> Option<&'a str> {
        if i >= self.count {
            return None;
        }
        let (start, end) = *self.store.cells.get(self.first + i)?;
        self.store.text.get(start..end)
    }

    pub(super) fn len(&self) -> usize {
        self.count
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let record = *self;
        (0..record.count).filter_map(move |i| record.get(i))
    }
}

#[derive(Clone, Copy)]
pub(super) struct Row<'a> {
    pub(super) line: usize,
    pub(super) record: Record<'a>,
}

pub(super) fn read_records(text: &str, delimiter: Delimiter, quoting: bool) -> Store {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .quoting(quoting)
        .from_reader(text.as_bytes());
    let mut store = Store {
        text: String::with_capacity(text.len()),
        cells: Vec::new(),
        records: Vec::new(),
    };
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                // The reader's position is where it started looking, before any empty lines it
                // passed over: step over those to the line the record really starts on.
                let (mut line, mut byte) = record
                    .position()
                    .map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
                let bytes = text.as_bytes();
                while byte < bytes.len() && matches!(bytes[byte], b'\n' | b'\r') {
                    if bytes[byte] == b'\n' {
                        line += 1;
                    }
                    byte += 1;
                }
                let first = store.cells.len();
                for cell in record.iter() {
                    let start = store.text.len();
                    store.text.push_str(cell);
                    store.cells.push((start, store.text.len()));
                }
                store.records.push((line, first, record.len()));
            }
            Ok(false) => break,
            // Invalid UTF-8 cannot occur in a &str; any other error ends the read, and the
            // rows read so far are kept rather than the whole paste being refused.
            Err(_) => break,
        }
    }
    store
}

/// A quote that never closes makes the CSV reader swallow everything after it into one cell.
pub(super) fn quote_ran_away(rows: &[Row], text: &str) -> bool {
    let Some(last) = rows.last() else {
        return false;
    };
    let total_lines = text.lines().count();
    last.record.iter().any(|cell| cell.contains('\n')) && last.line + 1 < total_lines
}

pub(super) fn cells_text(record: &Record, delimiter: Delimiter) -> String {
    let sep = if delimiter == Delimiter::Tab {
        "  "
    } else {
        "; "
    };
    clip(
        &record.iter().map(str::trim).collect::<Vec<_>>().join(sep),
        120,
    )
}

/// `\r\n` and a lone `\r` become `\n`, so that line numbers, `str::lines` and the
/// runaway-quote check agree on what a line is whatever the file's line endings. Borrows when
/// there is no `\r` (the common case: a paste from a browser or a spreadsheet).
pub(super) fn unify_line_endings(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}
