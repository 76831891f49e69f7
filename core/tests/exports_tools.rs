//! End to end on five more tools' exports (issue 12): Invoice Ninja, Wave, FreshBooks, Invoicely
//! and invoice2go. Each fixture in `tests/fixtures/exports/` copies the tool's column names and
//! order, quoting and number and date styles as its published export shows them; every data row
//! is invented. The layouts are those Invoice Ninja's importers read from each tool's export
//! (github.com/invoiceninja/invoiceninja, `app/Import/Transformer/{Wave,Freshbooks,Invoicely,
//! Invoice2Go}/InvoiceTransformer.php` and the sample exports beside their tests,
//! `tests/Feature/Import/*_invoices.csv`), and Invoice Ninja's own v4 invoice export (title
//! line, "INVOICES" section line, one row per item with the invoice's Amount and Paid repeated).
//! Each test checks the documents, the outstanding amount per currency, the due dates, that
//! nothing needs mapping by hand, and the "Read as" sentence.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::i18n::Lang;
use overdue_core::paste::{parse, ExcludeReason, ParseOptions, Parsed};
use rust_decimal::Decimal;

fn read(name: &str) -> Parsed {
    let path = format!(
        "{}/../tests/fixtures/exports/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let parsed = parse(
        &text,
        &ParseOptions {
            default_currency: "CNY",
            default_terms_days: 30,
            ..Default::default()
        },
    );
    assert_eq!(parsed.unmapped, vec![], "{name}: nothing to map by hand");
    assert_eq!(parsed.errors, vec![], "{name}: no row errors");
    parsed
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

/// Number, customer, currency, due date, outstanding.
fn documents(parsed: &Parsed) -> Vec<(&str, &str, &str, NaiveDate, Decimal)> {
    parsed
        .invoices
        .iter()
        .map(|i| {
            (
                i.number.as_str(),
                i.customer.as_str(),
                i.currency.as_str(),
                i.due_date,
                i.outstanding,
            )
        })
        .collect()
}

fn outstanding_by_currency(parsed: &Parsed) -> BTreeMap<&str, Decimal> {
    let mut totals = BTreeMap::new();
    for inv in &parsed.invoices {
        *totals.entry(inv.currency.as_str()).or_insert(Decimal::ZERO) += inv.outstanding;
    }
    totals
}

fn excluded(parsed: &Parsed) -> Vec<(&str, ExcludeReason)> {
    parsed
        .excluded
        .iter()
        .map(|e| (e.number.as_str(), e.reason))
        .collect()
}

/// Invoice Ninja (v4) invoice export: a title line, a blank line, "INVOICES", then one row per
/// item with the invoice's Amount and Paid ("$1,250.00") repeated on each; Status says Draft.
#[test]
fn invoice_ninja_invoices() {
    let parsed = read("invoice_ninja_invoices.csv");
    assert_eq!(
        documents(&parsed),
        vec![
            (
                "0041",
                "Alder Joinery",
                "USD",
                day(2025, 9, 3),
                d("1250.00")
            ),
            ("0042", "Birch & Co", "USD", day(2025, 9, 20), d("300.00")),
            ("0043", "Alder Joinery", "USD", day(2025, 10, 1), d("0.00")),
        ]
    );
    assert_eq!(excluded(&parsed), vec![("0044", ExcludeReason::Draft)]);
    assert_eq!(
        outstanding_by_currency(&parsed),
        BTreeMap::from([("USD", d("1550.00"))])
    );
    assert_eq!(
        parsed.summary().sentence(Lang::En),
        "Read as: Invoice Ninja invoice layout — columns from the header, 5 rows → 3 invoices (repeated document totals counted once), 1 draft or void set aside, 3 lines skipped, 11 columns ignored."
    );
}

/// Wave's accounting transactions export: a journal, one line per account; the invoice is the
/// "Accounts Receivable" line (Account Type "System Receivable Invoice"), a payment a negative
/// one, beside income and cash lines (which both have positive amounts in "Amount (One column)");
/// one column has a blank title. No due date or currency column: default terms and currency.
#[test]
fn wave_transactions() {
    let parsed = read("wave_transactions.csv");
    assert_eq!(
        documents(&parsed),
        vec![
            (
                "7",
                "Quarry Lane Cafe",
                "CNY",
                day(2025, 9, 11),
                d("450.00")
            ),
            ("8", "Ridge Florist", "CNY", day(2025, 10, 1), d("500.00")),
            ("9", "Quarry Lane Cafe", "CNY", day(2025, 11, 2), d("0.00")),
        ]
    );
    assert_eq!(parsed.excluded.len(), 6, "income and cash lines set aside");
    assert!(parsed
        .excluded
        .iter()
        .all(|e| e.reason == ExcludeReason::NotReceivable));
    assert_eq!(
        parsed.summary().sentence(Lang::En),
        "Read as: Wave account transactions layout — columns from the header, 11 journal rows → 3 invoices (receivable lines only: debits are invoices, credits payments), 6 lines on other accounts set aside, 18 columns ignored."
    );
}

/// FreshBooks "Invoice Details": one row per line item (Rate, Quantity, Line Total), the status
/// in lower case (sent, paid, draft), a Date Paid, no due date (default terms from Date Issued).
#[test]
fn freshbooks_invoice_details() {
    let parsed = read("freshbooks_invoice_details.csv");
    assert_eq!(
        documents(&parsed),
        vec![
            (
                "0000101",
                "Maple Analytics",
                "USD",
                day(2025, 9, 4),
                d("1500.00")
            ),
            ("0000102", "Juniper Legal", "USD", day(2025, 10, 10), d("0")),
        ]
    );
    assert_eq!(parsed.invoices[0].amount, d("1500.00"), "line totals added");
    assert_eq!(excluded(&parsed), vec![("0000103", ExcludeReason::Draft)]);
    assert_eq!(
        parsed.summary().sentence(Lang::En),
        "Read as: FreshBooks invoice details layout — columns from the header, 4 rows → 2 invoices (line items merged), 1 draft or void set aside, 10 columns ignored."
    );
}

/// Invoicely's invoice export: every cell quoted, dates as "Aug 04 2025", the number under
/// "Details", totals with thousands separators, Status Due / Overdue / Paid and no paid column.
#[test]
fn invoicely_invoices() {
    let parsed = read("invoicely_invoices.csv");
    assert_eq!(
        documents(&parsed),
        vec![
            (
                "INV-21",
                "Harlow Books",
                "CNY",
                day(2025, 9, 3),
                d("1020.00")
            ),
            (
                "INV-22",
                "Tern Logistics",
                "CNY",
                day(2025, 9, 19),
                d("2400.50")
            ),
            ("INV-23", "Harlow Books", "CNY", day(2025, 10, 2), d("0")),
        ]
    );
    assert_eq!(
        parsed.summary().sentence(Lang::En),
        "Read as: Invoicely invoice layout — columns from the header, 3 rows → 3 invoices, 1 column ignored."
    );
}

/// invoice2go's document export: camelCase headers (DocumentNumber, BalanceDueAmount,
/// AmountPaidAmount, TermsOld in days), quoted cells holding whole tax and item tables, IDs and
/// tax amounts beside the money, "unsent" for a document not yet sent.
#[test]
fn invoice2go_invoices() {
    let parsed = read("invoice2go_invoices.csv");
    assert_eq!(
        documents(&parsed),
        vec![
            (
                "1001",
                "Kestrel Plumbing",
                "AUD",
                day(2025, 9, 10),
                d("1100")
            ),
            ("1002", "Wren Electrical", "AUD", day(2025, 9, 16), d("250")),
        ]
    );
    assert_eq!(excluded(&parsed), vec![("1003", ExcludeReason::Draft)]);
    assert_eq!(parsed.invoices[1].paid, d("300"));
    assert_eq!(
        parsed.summary().sentence(Lang::En),
        "Read as: invoice2go document layout — columns from the header, 3 rows → 2 invoices, 1 draft or void set aside, 2 due dates from the terms column, 31 columns ignored."
    );
}
