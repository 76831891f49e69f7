//! The "try with sample data" ledger: a realistic bilingual selection as a Chinese exporter's
//! finance clerk would copy it from Excel — a title line, mixed customers and currencies, a
//! part payment, a paid invoice, a credit note, a subtotal row, and one row with a mistake, so
//! that a newcomer sees every part of the page at work. Dates are relative to the as-of date so
//! the example stays meaningful whenever it is opened.

use chrono::NaiveDate;

use crate::dates::{add_days, iso};

/// (invoice, customer, days before as-of issued, terms in days, amount, paid, currency, notes)
type SampleRow = (
    &'static str,
    &'static str,
    i64,
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const ROWS: &[SampleRow] = &[
    (
        "FP20250101",
        "深圳市华强电子有限公司",
        140,
        30,
        "128,600.00",
        "0",
        "CNY",
        "第三季度订单",
    ),
    (
        "FP20250102",
        "深圳市华强电子有限公司",
        75,
        30,
        "56,250.00",
        "20,000.00",
        "CNY",
        "已部分付款",
    ),
    (
        "FP20250103",
        "宁波海天塑料制品有限公司",
        52,
        30,
        "23,480.50",
        "0",
        "CNY",
        "",
    ),
    (
        "INV-2025-088",
        "Harbor Lights Trading LLC",
        95,
        45,
        "$18,400.00",
        "0",
        "USD",
        "FOB Shanghai",
    ),
    (
        "INV-2025-091",
        "Harbor Lights Trading LLC",
        40,
        30,
        "$9,250.00",
        "0",
        "USD",
        "",
    ),
    (
        "FP20250104",
        "杭州西湖茶业有限公司",
        20,
        30,
        "8,800.00",
        "0",
        "CNY",
        "",
    ),
    (
        "FP20250105",
        "杭州西湖茶业有限公司",
        45,
        30,
        "12,000.00",
        "12,000.00",
        "CNY",
        "已付清",
    ),
    (
        "INV-2025-093",
        "Nordic Home AB",
        38,
        30,
        "€7,630.00",
        "0",
        "EUR",
        "Credit insured",
    ),
    (
        "INV-2025-094",
        "Nordic Home AB",
        5,
        30,
        "€4,100.00",
        "0",
        "EUR",
        "",
    ),
    (
        "CN-2025-007",
        "Harbor Lights Trading LLC",
        30,
        0,
        "($1,200.00)",
        "0",
        "USD",
        "Credit note: damaged carton",
    ),
    (
        "FP20250106",
        "广州白云五金有限公司",
        28,
        30,
        "45,900.00",
        "0",
        "CNY",
        "",
    ),
    (
        "FP20250107",
        "广州白云五金有限公司",
        70,
        60,
        "31,200.00",
        "0",
        "CNY",
        "月结60天",
    ),
];

pub fn sample_text(as_of: NaiveDate) -> String {
    let mut out = String::from("应收账款明细表 Accounts receivable ledger\n");
    out.push_str("发票号 Invoice No\t客户名称 Customer\t开票日期 Invoice date\t到期日 Due date\t金额 Amount\t已收金额 Paid\t币种 Currency\t备注 Notes\n");
    for (number, customer, issued_ago, terms, amount, paid, currency, notes) in ROWS {
        let issued = add_days(as_of, -issued_ago);
        let due = add_days(issued, *terms);
        out.push_str(&format!(
            "{number}\t{customer}\t{}\t{}\t{amount}\t{paid}\t{currency}\t{notes}\n",
            iso(issued),
            iso(due)
        ));
    }
    // A row with a mistake (no such day), to show how problems are reported.
    out.push_str(
        "FP20250108\t宁波海天塑料制品有限公司\t2025-02-30\t\t6,500.00\t0\tCNY\t日期录入错误\n",
    );
    out.push_str("合计\t\t\t\t\t\t\t\n");
    out
}

/// A ledger of `rows` invoices built from the sample's, with numbers made unique and the dates
/// written in the forms people paste (ISO, slashes, 年月日): what the page runs once while idle,
/// so that the browser has optimised the hot paths before the user's first paste.
pub fn warm_up_text(as_of: NaiveDate, rows: usize) -> String {
    let mut out = String::from("发票号 Invoice No\t客户名称 Customer\t开票日期 Invoice date\t到期日 Due date\t金额 Amount\t已收金额 Paid\t币种 Currency\t备注 Notes\n");
    for i in 0..rows {
        let (number, customer, issued_ago, terms, amount, paid, currency, notes) =
            ROWS[i % ROWS.len()];
        let issued = add_days(as_of, -issued_ago - (i % 97) as i64);
        let due = add_days(issued, terms);
        let date = |d: NaiveDate| match i % 3 {
            0 => iso(d),
            1 => d.format("%Y/%-m/%-d").to_string(),
            _ => d.format("%Y年%-m月%-d日").to_string(),
        };
        out.push_str(&format!(
            "{number}-{i}\t{customer}\t{}\t{}\t{amount}\t{paid}\t{currency}\t{notes}\n",
            date(issued),
            date(due)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::derive;
    use crate::workspace::Workspace;

    #[test]
    fn the_warm_up_ledger_reads_without_problems() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut ws = Workspace::default();
        ws.input.text = warm_up_text(as_of, 500).into();
        let report = derive(&ws, as_of);
        assert_eq!(report.parsed.invoices.len(), 500);
        assert!(
            report.parsed.errors.is_empty(),
            "{:?}",
            report.parsed.errors
        );
    }

    #[test]
    fn the_sample_reads_with_one_problem_and_one_skipped_total() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut ws = Workspace::default();
        ws.input.text = sample_text(as_of).into();
        let report = derive(&ws, as_of);
        assert_eq!(report.parsed.invoices.len(), ROWS.len());
        assert_eq!(report.parsed.errors.len(), 1);
        assert_eq!(report.parsed.errors[0].line, 15);
        assert_eq!(report.totals.len(), 3, "CNY, EUR, USD");
        assert!(report.rows().any(|row| row.aged.is_overdue()));
        assert!(report.rows().any(|row| !row.aged.is_overdue()));
    }
}
