//! What the playbook tests share: the facts `playbook::run` reads, made from a list of
//! invoices aged on one day, and the run itself.
#![allow(dead_code)] // each test file uses its own part

use chrono::NaiveDate;
use overdue_core::aging::{age, Aged, Buckets};
use overdue_core::paste::Invoice;
use overdue_core::playbook::{
    run, Annotations, Assessment, InvoiceFacts, PlaybookReport, PlaybookSettings,
};
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn plus(day: NaiveDate, n: i64) -> NaiveDate {
    day + chrono::Duration::days(n)
}

/// The day every playbook test assesses on.
pub fn as_of() -> NaiveDate {
    date(2025, 10, 31)
}

/// An unpaid invoice of `customer` for `outstanding`, due on `due`, with nothing else known.
pub fn open_invoice(
    customer: &str,
    number: &str,
    currency: &str,
    due: NaiveDate,
    outstanding: &str,
) -> Invoice {
    let outstanding = dec(outstanding);
    Invoice {
        line: 1,
        number: number.into(),
        customer: customer.into(),
        currency: currency.into(),
        invoice_date: None,
        due_date: due,
        due_derived: false,
        amount: outstanding,
        paid: Decimal::ZERO,
        outstanding,
        paid_date: None,
        notes: String::new(),
        salesperson: None,
    }
}

/// Each invoice aged on `on` with the playbook's stage edges.
pub fn aged(invoices: &[Invoice], on: NaiveDate) -> Vec<Aged> {
    invoices
        .iter()
        .map(|i| age(i, on, &Buckets::stages()))
        .collect()
}

/// The invoices with their ages and the charges owed on each (none past the end of `owed`).
pub fn facts<'a>(
    invoices: &'a [Invoice],
    aged: &'a [Aged],
    owed: &[Decimal],
) -> Vec<InvoiceFacts<'a>> {
    invoices
        .iter()
        .zip(aged)
        .enumerate()
        .map(|(i, (invoice, aged))| InvoiceFacts {
            invoice,
            aged,
            charges_owed: owed.get(i).copied().unwrap_or_default(),
        })
        .collect()
}

/// The playbook on `invoices` aged on `on`, with no charges owed.
pub fn run_on(
    invoices: &[Invoice],
    annotations: &Annotations,
    settings: &PlaybookSettings,
    on: NaiveDate,
) -> PlaybookReport {
    let aged = aged(invoices, on);
    run(&facts(invoices, &aged, &[]), annotations, settings, on)
}

/// The assessment of the first invoice given to the run.
pub fn first(report: &PlaybookReport) -> &Assessment {
    report
        .assessments()
        .next()
        .expect("the run was given an invoice")
}
