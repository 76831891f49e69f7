//! Acceptance tests for the foundation: the three kinds of paste the issue names (a Chinese
//! Excel selection, a QuickBooks-style A/R Aging Detail CSV export, a semicolon/decimal-comma
//! European sheet), a paste with bad rows, and the aging conventions published by the tools our
//! users compare us with. Expected figures are worked out by hand in each test, not read back
//! from our own output.

use chrono::NaiveDate;
use overdue_core::aging::{Buckets, Status, ACCOUNTING_EDGES};
use overdue_core::export::invoice_csv;
use overdue_core::i18n::Lang;
use overdue_core::paste::{Field, Problem, SkipReason};
use overdue_core::report::{derive, InvoiceQuery, Report, SortKey};
use overdue_core::workspace::Workspace;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn as_of_2025_10_31(text: &str, default_currency: &str) -> Report {
    let mut ws = Workspace::default();
    ws.input.text = text.into();
    ws.settings.default_currency = default_currency.to_string();
    ws.settings.as_of = NaiveDate::from_ymd_opt(2025, 10, 31);
    derive(&ws, NaiveDate::from_ymd_opt(2030, 1, 1).unwrap())
}

/// (invoice, days past due, outstanding, status) for every invoice, in pasted order.
fn rows(report: &Report) -> Vec<(String, i64, Decimal, Status)> {
    report
        .rows()
        .map(|row| (row.invoice, row.aged))
        .map(|(i, a)| (i.number.clone(), a.days_past_due, i.outstanding, a.status))
        .collect()
}

fn row(n: &str, days: i64, outstanding: &str, status: Status) -> (String, i64, Decimal, Status) {
    (n.to_string(), days, d(outstanding), status)
}

#[test]
fn chinese_excel_selection() {
    let report = as_of_2025_10_31(include_str!("fixtures/chinese-excel.tsv"), "CNY");
    assert_eq!(report.parsed.errors, vec![]);
    assert_eq!(
        rows(&report),
        vec![
            // due 2025/8/31 → 61 days; ¥ symbol gives CNY
            row("FP-2025-001", 61, "12345.60", Status::Open),
            // 8,000.00 − 3,000.00 paid
            row("FP-2025-002", 30, "5000.00", Status::Open),
            // no due date: 2025-09-15 + 30 days terms = 2025-10-15 → 16 days
            row("FP-2025-003", 16, "20000.00", Status::Open),
            row("FP-2025-004", -19, "0.00", Status::Paid),
            // Excel serials 45871 / 45901 = 2025-08-02 / 2025-09-01; full-width digits
            row("FP-2025-005", 60, "12000.00", Status::Open),
            // (1,200.00) is a credit note, due today
            row("FP-2025-006", 0, "-1200.00", Status::Credit),
        ]
    );
    assert!(report.parsed.invoices[2].due_derived);
    assert_eq!(report.parsed.skipped.len(), 1, "the 合计 row");
    assert_eq!(report.parsed.skipped[0].reason, SkipReason::Total);

    // 账龄表: per customer, buckets 1–15, 16–30, 31–60, 61–90, over 90.
    let shanghai = report
        .customers
        .iter()
        .find(|c| c.customer == "上海明珠贸易有限公司")
        .unwrap();
    assert_eq!(
        shanghai.rollup.by_bucket,
        vec![d("0"), d("0"), d("5000.00"), d("0"), d("12345.60"), d("0")]
    );
    assert_eq!(shanghai.rollup.total, d("17345.60"));
    assert_eq!(shanghai.rollup.oldest_days, Some(61));
    let guangzhou = report
        .customers
        .iter()
        .find(|c| c.customer == "广州南方物流有限公司")
        .unwrap();
    assert_eq!(guangzhou.rollup.credits, d("-1200.00"));
    assert_eq!(guangzhou.rollup.total, d("10800.00"));
    let cny = &report.totals[0].rollup;
    // 12,345.60 + 5,000.00 + 20,000.00 + 12,000.00 open, less the 1,200.00 credit
    assert_eq!(cny.total, d("48145.60"));
    assert_eq!(cny.overdue, d("49345.60"));
}

/// The layout of QuickBooks Online's "A/R Aging Detail" report exported to CSV (Intuit,
/// QuickBooks Online Reports → A/R Aging Detail → Export to CSV): report title, company and
/// "As of" lines, one section per aging period with a "Total for …" row, a grand TOTAL and a
/// time-stamp footer. Its own "Past Due" column is QuickBooks' days past due (as-of date minus
/// due date), so our figure must equal it on every row.
#[test]
fn quickbooks_aging_detail_export() {
    let text = include_str!("fixtures/quickbooks-aging-detail.csv");
    let report = as_of_2025_10_31(text, "USD");
    assert_eq!(report.parsed.errors, vec![]);
    assert_eq!(
        rows(&report),
        vec![
            row("1037", -19, "362.07", Status::Open),
            row("1036", 1, "477.50", Status::Open),
            row("1034", 16, "629.10", Status::Open),
            row("1030", 42, "1423.00", Status::Open),
            row("1031", 37, "85.00", Status::Open),
            row("1021", 113, "239.00", Status::Open),
            row("1025", 122, "-100.00", Status::Credit),
        ]
    );
    // QuickBooks' "Past Due" column, read independently of our parser.
    let qb_past_due: Vec<i64> = text
        .lines()
        .filter(|l| l.contains("\"Invoice\"") || l.contains("\"Credit Memo\""))
        .map(|l| l.split("\",\"").nth(6).unwrap().parse().unwrap())
        .collect();
    let ours: Vec<i64> = report.rows().map(|row| row.aged.days_past_due).collect();
    assert_eq!(ours, qb_past_due);

    let reasons: Vec<SkipReason> = report.parsed.skipped.iter().map(|s| s.reason).collect();
    assert_eq!(
        reasons.iter().filter(|r| **r == SkipReason::Title).count(),
        3
    );
    assert_eq!(
        reasons.iter().filter(|r| **r == SkipReason::Total).count(),
        5,
        "4 sections + TOTAL"
    );
    assert_eq!(
        reasons
            .iter()
            .filter(|r| **r == SkipReason::Heading)
            .count(),
        5,
        "4 sections + footer"
    );
    assert_eq!(
        reasons.iter().filter(|r| **r == SkipReason::Blank).count(),
        3
    );
    // Never counted twice: the grand total equals the report's TOTAL line, $3,115.67.
    let usd = &report.totals[0].rollup;
    assert_eq!(usd.currency, "USD");
    assert_eq!(usd.total, d("3115.67"));
    let amy = report
        .customers
        .iter()
        .find(|c| c.customer == "Amy's Bird Sanctuary")
        .unwrap();
    assert_eq!(
        amy.rollup.total,
        d("139.00"),
        "QuickBooks' Total for Amy's: 239.00 − 100.00"
    );
}

#[test]
fn european_semicolon_sheet_with_decimal_commas() {
    let report = as_of_2025_10_31(include_str!("fixtures/european-semicolon.csv"), "CNY");
    assert_eq!(report.parsed.errors, vec![]);
    assert_eq!(
        rows(&report),
        vec![
            row("RE-2025-101", 61, "1234.56", Status::Open),
            // 10.500,00 − 2.500,00
            row("RE-2025-102", 16, "8000.00", Status::Open),
            row("RE-2025-103", -19, "980.00", Status::Open),
            // "2.000" in a decimal-comma column is two thousand
            row("RE-2025-104", 88, "2000.00", Status::Open),
        ]
    );
    assert!(report.parsed.invoices.iter().all(|i| i.currency == "EUR"));
    let mueller = report
        .customers
        .iter()
        .find(|c| c.customer == "Müller Maschinenbau GmbH")
        .unwrap();
    assert_eq!(mueller.rollup.overdue, d("9234.56"));
}

#[test]
fn bad_rows_are_reported_by_row_number_while_the_rest_compute() {
    let report = as_of_2025_10_31(include_str!("fixtures/with-errors.tsv"), "CNY");
    let numbers: Vec<&str> = report
        .parsed
        .invoices
        .iter()
        .map(|i| i.number.as_str())
        .collect();
    assert_eq!(numbers, ["A-1", "A-5"]);
    let errors: Vec<(usize, Option<usize>, &Problem)> = report
        .parsed
        .errors
        .iter()
        .map(|e| (e.line, e.column, &e.problem))
        .collect();
    assert_eq!(errors.len(), 3);
    assert_eq!((errors[0].0, errors[0].1), (3, Some(2)));
    assert!(matches!(errors[0].2, Problem::BadDate(Field::DueDate, _)));
    assert_eq!(
        (errors[1].0, errors[1].1, errors[1].2),
        (4, Some(1), &Problem::Missing(Field::Customer))
    );
    assert_eq!((errors[2].0, errors[2].1), (5, Some(3)));
    assert!(matches!(errors[2].2, Problem::BadAmount(Field::Amount, _)));
}

/// ERPNext's Accounts Receivable report (accounts_receivable.py `get_ageing_data`, summarised
/// in shared/research/peers.md, case AR1): with ranges "30, 60, 90, 120" an age of 30 falls in
/// the first overdue range, 31 in the second, and over 120 in the last.
#[test]
fn accounting_buckets_follow_erpnext_boundaries() {
    let b = Buckets::new(&ACCOUNTING_EDGES);
    assert_eq!(
        (b.index(30), b.index(31), b.index(120), b.index(121)),
        (1, 2, 4, 5)
    );
    assert_eq!(b.label(1, Lang::En), "1–30 days");
    assert_eq!(b.label(5, Lang::En), "Over 120 days");
}

/// ERPNext PR #45685 (peers.md, D6): an invoice due today is not overdue. ERPNext AR4: an
/// invoice of 100 paid 99.99 still has 0.01 outstanding.
#[test]
fn due_today_is_not_overdue_and_a_cent_is_still_owed() {
    let text = "Invoice\tCustomer\tDue date\tAmount\tPaid\nT\tX\t2025-10-31\t100\t0\nC\tX\t2025-10-01\t100\t99.99\n";
    let report = as_of_2025_10_31(text, "CNY");
    assert_eq!(report.row(0).unwrap().aged.days_past_due, 0);
    assert!(!report.row(0).unwrap().aged.is_overdue());
    assert_eq!(report.row(0).unwrap().aged.bucket, 0);
    assert_eq!(report.parsed.invoices[1].outstanding, d("0.01"));
    assert_eq!(report.row(1).unwrap().aged.status, Status::Open);
}

#[test]
fn leap_day_due_dates_age_across_february() {
    // Due 2024-02-29; as of 2024-03-31 is 31 days later (29 Feb → 31 Mar).
    let mut ws = Workspace::default();
    ws.input.text = "Invoice\tCustomer\tDue date\tAmount\nL\tX\t2024-02-29\t10\n".into();
    ws.settings.as_of = NaiveDate::from_ymd_opt(2024, 3, 31);
    let report = derive(&ws, NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
    assert_eq!(report.row(0).unwrap().aged.days_past_due, 31);
    assert_eq!(report.row(0).unwrap().aged.bucket, 3, "31–60 days");
}

#[test]
fn the_csv_export_matches_the_table() {
    let report = as_of_2025_10_31(include_str!("fixtures/chinese-excel.tsv"), "CNY");
    let rows = report.select(&InvoiceQuery {
        sort: SortKey::Line,
        descending: false,
        ..Default::default()
    });
    let csv = invoice_csv(&report, &rows, Lang::En);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "\u{FEFF}invoice,customer,currency,invoice_date,due_date,days_past_due,bucket,amount,paid,outstanding,status,late_interest,fixed_compensation,late_charge,charge_rule,stage,next_step,next_action_date");
    assert!(lines[1].starts_with("FP-2025-001,上海明珠贸易有限公司,CNY,2025-08-01,2025-08-31,61,61–90 days,12345.60,0.00,12345.60,open,0.00,0.00,0.00,none,"));
    assert!(lines[3].starts_with("FP-2025-003,北京远航科技有限公司,CNY,2025-09-15,2025-10-15,16,16–30 days,20000.00,0.00,20000.00,open,0.00,0.00,0.00,none,"));
    assert!(lines[6].starts_with("FP-2025-006,广州南方物流有限公司,CNY,2025-10-01,2025-10-31,0,Not yet due,-1200.00,0.00,-1200.00,credit,0.00,0.00,0.00,none,"));
    assert_eq!(lines.len(), 7);
}
