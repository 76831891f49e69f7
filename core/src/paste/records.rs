//! Row reading: the text split into records of cells, with the line each record starts on.

use std::borrow::Cow;

use csv::{ByteRecord, ReaderBuilder};

use super::sniff::Delimiter;
use crate::pace::Pace;
use crate::text::clip;

/// Every cell of the input, unescaped, in one buffer: one allocation for the whole paste
/// instead of several per row (this matters in Wasm, where allocation is slow). Text without a
/// quote to unescape is not copied at all: the cells are ranges of the pasted text itself.
pub(super) struct Store<'t> {
    text: Cow<'t, str>,
    /// Byte ranges of the cells in `text`.
    cells: Vec<(usize, usize)>,
    /// Per record: its first line, first cell and cell count.
    records: Vec<(usize, usize, usize)>,
}

impl Store<'_> {
    pub(super) fn rows(&self) -> Vec<Row<'_>> {
        self.records
            .iter()
            .map(|&(line, first, count)| Row {
                line,
                record: Record {
                    text: &self.text,
                    cells: self.cells.get(first..first + count).unwrap_or(&[]),
                },
            })
            .collect()
    }
}

/// One record's cells: the small part of `csv::StringRecord`'s interface the parser uses.
#[derive(Clone, Copy)]
pub(super) struct Record<'a> {
    text: &'a str,
    cells: &'a [(usize, usize)],
}

impl<'a> Record<'a> {
    pub(super) fn get(&self, i: usize) -> Option<&'a str> {
        let &(start, end) = self.cells.get(i)?;
        self.text.get(start..end)
    }

    pub(super) fn len(&self) -> usize {
        self.cells.len()
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let text = self.text;
        self.cells.iter().filter_map(move |&(s, e)| text.get(s..e))
    }

    /// Line breaks inside the record's cells (quoted cells may hold them). A record's cells lie
    /// in order in the buffer with nothing but delimiters between them, so one count over the
    /// stretch from its first cell to its last does.
    pub(super) fn newlines(&self) -> usize {
        let (Some(&(start, _)), Some(&(_, end))) = (self.cells.first(), self.cells.last()) else {
            return 0;
        };
        self.text
            .as_bytes()
            .get(start..end)
            .map_or(0, |bytes| bytes.iter().filter(|&&b| b == b'\n').count())
    }
}

#[derive(Clone, Copy)]
pub(super) struct Row<'a> {
    pub(super) line: usize,
    pub(super) record: Record<'a>,
}

/// Splits `text` into records of cells, as the `csv` crate does. With quoting off, or no quote
/// in the text, a record is a line and its cells are what lies between delimiters; the `csv`
/// reader then does nothing but split, so the split is done here without copying a byte.
pub(super) async fn read_records<'t>(
    text: &'t str,
    delimiter: Delimiter,
    quoting: bool,
    pace: &mut Pace,
) -> Store<'t> {
    // The csv reader also skips a byte-order mark at the very start: leave that to it.
    if (!quoting || !text.contains('"')) && !text.starts_with('\u{FEFF}') {
        return split_plain(text, delimiter, pace).await;
    }
    read_quoted(text, delimiter, quoting, pace).await
}

/// Lines (`\n`; the caller has unified line endings) split at `delimiter`; empty lines are no
/// record, as for the csv reader. Line numbers are 1-based.
async fn split_plain<'t>(text: &'t str, delimiter: Delimiter, pace: &mut Pace) -> Store<'t> {
    let sep = delimiter.byte();
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut store = Store {
        text: Cow::Borrowed(text),
        cells: Vec::with_capacity(lines * 4),
        records: Vec::with_capacity(lines),
    };
    let mut start = 0;
    for (index, line) in text.split('\n').enumerate() {
        pace.tick(index, lines).await;
        if !line.is_empty() {
            let first = store.cells.len();
            // `str::split` on one ASCII byte searches with memchr, many bytes at a time.
            let mut cell_start = start;
            for cell in line.split(char::from(sep)) {
                store.cells.push((cell_start, cell_start + cell.len()));
                cell_start += cell.len() + 1;
            }
            store
                .records
                .push((index + 1, first, store.cells.len() - first));
        }
        start += line.len() + 1;
    }
    store
}

/// Quoted text, read by the `csv` crate into one buffer.
async fn read_quoted<'t>(
    text: &'t str,
    delimiter: Delimiter,
    quoting: bool,
    pace: &mut Pace,
) -> Store<'t> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .quoting(quoting)
        .from_reader(text.as_bytes());
    // Bytes, not `String`s: the text is already UTF-8, and the reader only removes ASCII quotes
    // from it, so every cell is UTF-8 too; the buffer is checked once at the end, not per row.
    let mut buffer: Vec<u8> = Vec::with_capacity(text.len());
    let mut cells = Vec::new();
    let mut records = Vec::new();
    let mut record = ByteRecord::new();
    let bytes = text.as_bytes();
    loop {
        pace.tick(reader.position().byte() as usize, text.len())
            .await;
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                // The reader's position is where it started looking, before any empty lines it
                // passed over: step over those to the line the record really starts on.
                let (mut line, mut byte) = record
                    .position()
                    .map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
                while byte < bytes.len() && matches!(bytes[byte], b'\n' | b'\r') {
                    if bytes[byte] == b'\n' {
                        line += 1;
                    }
                    byte += 1;
                }
                let first = cells.len();
                for cell in record.iter() {
                    let start = buffer.len();
                    buffer.extend_from_slice(cell);
                    cells.push((start, buffer.len()));
                }
                records.push((line, first, record.len()));
            }
            Ok(false) => break,
            // Any error ends the read, and the rows read so far are kept rather than the whole
            // paste being refused.
            Err(_) => break,
        }
    }
    // Cannot fail (see above); if it ever did, the damaged cells read as missing, not a panic.
    let text = String::from_utf8(buffer)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Store {
        text: Cow::Owned(text),
        cells,
        records,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pace::block_on;

    fn rows_of(store: &Store) -> Vec<(usize, Vec<String>)> {
        store
            .rows()
            .iter()
            .map(|r| (r.line, r.record.iter().map(str::to_string).collect()))
            .collect()
    }

    proptest::proptest! {
        /// Without quotes, the in-place split gives the csv reader's records, lines and cells.
        #[test]
        fn plain_split_reads_as_the_csv_reader(text in "[ab发\t,;| \n]{0,80}") {
            for delimiter in [Delimiter::Tab, Delimiter::Comma, Delimiter::Semicolon, Delimiter::Pipe] {
                let plain = rows_of(&block_on(split_plain(&text, delimiter, &mut Pace::never())));
                proptest::prop_assert_eq!(&plain, &rows_of(&block_on(read_quoted(&text, delimiter, true, &mut Pace::never()))));
                proptest::prop_assert_eq!(&plain, &rows_of(&block_on(read_quoted(&text, delimiter, false, &mut Pace::never()))));
            }
        }

        /// With quoting off, quotes are ordinary characters to both.
        #[test]
        fn plain_split_reads_quotes_as_the_csv_reader_without_quoting(text in "[a\",\n]{0,60}") {
            let plain = rows_of(&block_on(split_plain(&text, Delimiter::Comma, &mut Pace::never())));
            proptest::prop_assert_eq!(plain, rows_of(&block_on(read_quoted(&text, Delimiter::Comma, false, &mut Pace::never()))));
        }
    }

    #[test]
    fn newlines_count_the_line_breaks_inside_quoted_cells() {
        let store = block_on(read_records(
            "a,\"b\nc\nd\",e\nf\n",
            Delimiter::Comma,
            true,
            &mut Pace::never(),
        ));
        let counts: Vec<usize> = store.rows().iter().map(|r| r.record.newlines()).collect();
        assert_eq!(counts, [2, 0]);
    }
}
