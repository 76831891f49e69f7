//! Spreadsheet files (`.xlsx`, `.xls`, `.ods`) opened in the browser, never uploaded: the bytes
//! become a list of sheets, and a sheet becomes the same tab-separated text a paste gives, so
//! [`crate::paste::parse`] reads it with every rule it has.
//!
//! A file is untrusted: its size, the sizes its zip directory declares and its cell count are
//! bounded before and while it is read. Numbers keep what the file stores: an amount stored as
//! the double nearest 1250.1 is written as `1250.1` (Rust's shortest round-trip form), never as
//! `1250.0999999999999`. Date cells become ISO dates; a date outside [`crate::dates::YEARS`]
//! stays a number, which the parser then reports.

use std::io::{Cursor, Read, Seek};

use calamine::{open_workbook_auto_from_rs, Data, Range, Reader};
use chrono::Datelike;

use crate::i18n::Lang;

/// How much of a file we read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The file itself.
    pub max_file_bytes: usize,
    /// What its zip directory says the parts unpack to (xlsx and ods are zip files).
    pub max_unpacked_bytes: u64,
    /// Cells of one sheet's used range.
    pub max_cells: usize,
}

impl Default for Limits {
    /// 20 MB files and 2 million cells: a 100,000-row ledger of 20 columns, five times over the
    /// largest paste the parser is benchmarked on.
    fn default() -> Self {
        Limits {
            max_file_bytes: 20 * 1024 * 1024,
            max_unpacked_bytes: 200 * 1024 * 1024,
            max_cells: 2_000_000,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkbookError {
    FileTooLarge {
        bytes: usize,
        limit: usize,
    },
    UnpacksTooLarge {
        bytes: u64,
        limit: u64,
    },
    TooManyCells {
        cells: usize,
        limit: usize,
    },
    NoSuchSheet(usize),
    /// Not a spreadsheet we can read, or a damaged one; the reader's own words.
    Unreadable(String),
}

impl WorkbookError {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (WorkbookError::FileTooLarge { bytes, limit }, Lang::Zh) => {
                format!(
                    "文件太大（{} MB，上限 {} MB）",
                    mb(*bytes as u64),
                    mb(*limit as u64)
                )
            }
            (WorkbookError::FileTooLarge { bytes, limit }, Lang::En) => format!(
                "the file is too large ({} MB; the limit is {} MB)",
                mb(*bytes as u64),
                mb(*limit as u64)
            ),
            (WorkbookError::UnpacksTooLarge { bytes, limit }, Lang::Zh) => {
                format!(
                    "文件解压后太大（{} MB，上限 {} MB）",
                    mb(*bytes),
                    mb(*limit)
                )
            }
            (WorkbookError::UnpacksTooLarge { bytes, limit }, Lang::En) => format!(
                "the file unpacks to too much ({} MB; the limit is {} MB)",
                mb(*bytes),
                mb(*limit)
            ),
            (WorkbookError::TooManyCells { cells, limit }, Lang::Zh) => {
                format!("工作表单元格太多（{cells} 个，上限 {limit} 个）")
            }
            (WorkbookError::TooManyCells { cells, limit }, Lang::En) => {
                format!("the sheet has too many cells ({cells}; the limit is {limit})")
            }
            (WorkbookError::NoSuchSheet(i), Lang::Zh) => format!("没有第 {} 个工作表", i + 1),
            (WorkbookError::NoSuchSheet(i), Lang::En) => format!("there is no sheet {}", i + 1),
            (WorkbookError::Unreadable(why), Lang::Zh) => {
                format!("无法读取此文件（应为 .xlsx、.xls 或 .ods）：{why}")
            }
            (WorkbookError::Unreadable(why), Lang::En) => {
                format!("cannot read this file (expected .xlsx, .xls or .ods): {why}")
            }
        }
    }
}

fn mb(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

/// An opened workbook: its sheet names, and each sheet on demand.
pub struct Workbook {
    sheets: calamine::Sheets<Cursor<Vec<u8>>>,
    names: Vec<String>,
    limits: Limits,
}

impl Workbook {
    /// Opens `.xlsx`, `.xlsm`, `.xls` or `.ods` bytes (the format is recognised from the bytes).
    pub fn open(bytes: Vec<u8>, limits: Limits) -> Result<Workbook, WorkbookError> {
        if bytes.len() > limits.max_file_bytes {
            return Err(WorkbookError::FileTooLarge {
                bytes: bytes.len(),
                limit: limits.max_file_bytes,
            });
        }
        let mut cursor = Cursor::new(bytes);
        check_unpacked_size(&mut cursor, limits.max_unpacked_bytes)?;
        let sheets = open_workbook_auto_from_rs(cursor)
            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
        let names = sheets.sheet_names();
        Ok(Workbook {
            sheets,
            names,
            limits,
        })
    }

    /// Sheet names in the file's order, for the user to choose from when there are several.
    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// One sheet as tab-separated text for [`crate::paste::parse`].
    pub fn sheet_text(&mut self, index: usize) -> Result<String, WorkbookError> {
        let name = self
            .names
            .get(index)
            .cloned()
            .ok_or(WorkbookError::NoSuchSheet(index))?;
        let range = self
            .sheets
            .worksheet_range(&name)
            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
        range_text(&range, self.limits.max_cells)
    }
}

/// xlsx and ods are zip files whose directory declares each part's unpacked size: refuse a file
/// that declares more than `limit` before anything is unpacked (a zip bomb). The zip reader
/// stops at the declared size, so a part cannot unpack to more than it declares. Not a zip (an
/// `.xls`) passes: its size is bounded by the file limit.
fn check_unpacked_size<R: Read + Seek>(reader: &mut R, limit: u64) -> Result<(), WorkbookError> {
    let Ok(mut archive) = zip::ZipArchive::new(&mut *reader) else {
        return reader
            .rewind()
            .map_err(|e| WorkbookError::Unreadable(e.to_string()));
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let size = archive.by_index_raw(i).map(|f| f.size()).unwrap_or(0);
        total = total.saturating_add(size);
    }
    drop(archive);
    if total > limit {
        return Err(WorkbookError::UnpacksTooLarge {
            bytes: total,
            limit,
        });
    }
    reader
        .rewind()
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))
}

fn range_text(range: &Range<Data>, max_cells: usize) -> Result<String, WorkbookError> {
    let (rows, cols) = range.get_size();
    let cells = rows.saturating_mul(cols);
    if cells > max_cells {
        return Err(WorkbookError::TooManyCells {
            cells,
            limit: max_cells,
        });
    }
    let mut text = String::new();
    for row in range.rows() {
        // Trailing empty cells add nothing but tabs.
        let used = row
            .iter()
            .rposition(|c| !matches!(c, Data::Empty))
            .map_or(0, |i| i + 1);
        for (i, cell) in row[..used].iter().enumerate() {
            if i > 0 {
                text.push('\t');
            }
            push_cell(&mut text, &cell_text(cell));
        }
        text.push('\n');
    }
    Ok(text)
}

/// A cell as the text a spreadsheet would show when copied, quoted for the tab-separated reader
/// when it holds a tab, a line break or a quote.
fn push_cell(out: &mut String, cell: &str) {
    if cell.contains(['\t', '\n', '\r', '"']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if crate::dates::YEARS.contains(&t.year()) => t.date().to_string(),
            _ => float_text(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// What Excel shows: the double rounded to 15 significant digits, then written in the shortest
/// form that reads back as that value. So `=0.1+0.2` is `0.3`, and 1250.1 is `1250.1`, never
/// `1250.0999999999999`. Whole numbers have no `.0`.
fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    let shown: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if shown.fract() == 0.0 && shown.abs() < 1e15 {
        return format!("{}", shown as i64);
    }
    format!("{shown}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_written_as_typed() {
        assert_eq!(float_text(1250.1), "1250.1");
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(1234567.891), "1234567.891");
        assert_eq!(float_text(19.99), "19.99");
        assert_eq!(float_text(-200.0), "-200");
        assert_eq!(float_text(f64::NAN), "");
        assert_eq!(float_text(1e20), "100000000000000000000");
    }

    #[test]
    fn cells_with_tabs_or_quotes_are_quoted() {
        let mut out = String::new();
        push_cell(&mut out, "a\t\"b\"");
        assert_eq!(out, "\"a\t\"\"b\"\"\"");
    }

    #[test]
    fn oversized_and_non_spreadsheet_bytes_are_refused_with_a_reason() {
        let small = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        assert!(matches!(
            Workbook::open(vec![0; 11], small),
            Err(WorkbookError::FileTooLarge {
                bytes: 11,
                limit: 10
            })
        ));
        let not_a_sheet = Workbook::open(b"Invoice,Customer\n".to_vec(), Limits::default());
        assert!(matches!(not_a_sheet, Err(WorkbookError::Unreadable(_))));
    }
}
