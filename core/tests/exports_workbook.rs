//! Spreadsheet files opened as the page will open them: bytes → sheet names → a sheet's text →
//! `paste::parse`. The workbooks are written by `tests/fixtures/exports/make_workbooks.py`
//! (minimal ECMA-376 and OpenDocument parts) and `make_xls.py` (BIFF8, with xlwt); invented rows.

use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::paste::{parse, ParseOptions};
use overdue_core::workbook::{Limits, Workbook, WorkbookError};
use rust_decimal::Decimal;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../tests/fixtures/exports/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn options() -> ParseOptions<'static> {
    ParseOptions {
        default_currency: "CNY",
        default_terms_days: 30,
        ..Default::default()
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn read_invoices(file: &str) {
    let mut book = Workbook::open(fixture(file), Limits::default()).unwrap();
    assert_eq!(book.sheet_names(), ["Notes", "Invoices"], "{file}");
    let text = book.sheet_text(1).unwrap();
    let parsed = parse(&text, &options());
    assert_eq!(parsed.errors, vec![], "{file}: {text}");
    let got: Vec<(&str, &str, NaiveDate, Decimal, Decimal)> = parsed
        .invoices
        .iter()
        .map(|i| {
            (
                i.number.as_str(),
                i.customer.as_str(),
                i.due_date,
                i.amount,
                i.outstanding,
            )
        })
        .collect();
    let day = |m, dd| NaiveDate::from_ymd_opt(2025, m, dd).unwrap();
    assert_eq!(
        got,
        vec![
            ("INV-1", "Acme Ltd", day(10, 1), d("1250.1"), d("1250.1")),
            (
                "INV-2",
                "Beta \"Big\" GmbH",
                day(10, 15),
                d("19.99"),
                d("10.00")
            ),
            // Stored as the double 0.30000000000000004: read as Excel shows it.
            ("INV-3", "甲公司", day(10, 31), d("0.3"), d("0.3")),
        ],
        "{file}"
    );
    assert_eq!(
        book.sheet_text(0).unwrap(),
        "Exported from a made-up ledger\n"
    );
    assert_eq!(book.sheet_text(2), Err(WorkbookError::NoSuchSheet(2)));
}

#[test]
fn xlsx_sheets_read_as_the_parser_reads_a_paste() {
    read_invoices("ledger.xlsx");
}

/// A real BIFF8 file, as Excel 97-2003 saves it (written by `make_xls.py` with xlwt).
#[test]
fn xls_sheets_read_the_same() {
    read_invoices("ledger.xls");
}

#[test]
fn ods_sheets_read_the_same() {
    read_invoices("ledger.ods");
}

#[test]
fn limits_are_checked_before_reading() {
    let tight = Limits {
        max_unpacked_bytes: 100,
        ..Limits::default()
    };
    assert!(matches!(
        Workbook::open(fixture("ledger.xlsx"), tight),
        Err(WorkbookError::UnpacksTooLarge { limit: 100, .. })
    ));
    let few_cells = Limits {
        max_cells: 10,
        ..Limits::default()
    };
    let mut book = Workbook::open(fixture("ledger.xlsx"), few_cells).unwrap();
    assert_eq!(
        book.sheet_text(1),
        Err(WorkbookError::TooManyCells {
            cells: 20,
            limit: 10
        })
    );
    // A damaged file is refused with the reader's reason, not a panic.
    let mut damaged = fixture("ledger.xlsx");
    damaged.truncate(damaged.len() / 2);
    assert!(matches!(
        Workbook::open(damaged, Limits::default()),
        Err(WorkbookError::Unreadable(_))
    ));
}
