//! The invoice table as CSV, safe to open in Excel.
//!
//! - UTF-8 with a byte-order mark, so Excel shows Chinese instead of mojibake.
//! - Text cells the user supplied that begin with `=`, `+`, `-`, `@` (or a tab or carriage
//!   return) get a leading `'`, so Excel shows them rather than running them as formulas (CSV
//!   injection). Numbers and dates are ours and are written plain: `-5` days stays a number.
//! - Dates ISO, amounts `1234.50`: machine-readable in both languages.
//! - Columns: the foundation's eleven, then the late charges' four
//!   (`late_interest,fixed_compensation,late_charge,charge_rule`), then the playbook's three
//!   (`stage,next_step,next_action_date`). Later columns are appended, never inserted.

use crate::charges::{CSV_COLUMNS as CHARGE_COLUMNS, CSV_COLUMNS_ZH as CHARGE_COLUMNS_ZH};
use crate::dates::iso;
use crate::i18n::Lang;
use crate::money::format_plain;
use crate::playbook::{
    self, CSV_COLUMNS_EN as PLAYBOOK_COLUMNS, CSV_COLUMNS_ZH as PLAYBOOK_COLUMNS_ZH,
};
use crate::report::Report;
use rust_decimal::Decimal;

pub const BOM: &str = "\u{FEFF}";

pub const COLUMNS_EN: [&str; 11] = [
    "invoice",
    "customer",
    "currency",
    "invoice_date",
    "due_date",
    "days_past_due",
    "bucket",
    "amount",
    "paid",
    "outstanding",
    "status",
];

const COLUMNS_ZH: [&str; 11] = [
    "发票号",
    "客户",
    "币种",
    "开票日期",
    "到期日",
    "逾期天数",
    "账龄区间",
    "金额",
    "已付",
    "未付余额",
    "状态",
];

/// Prefixes a `'` to text Excel would otherwise take for a formula.
pub fn neutralize(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// The rows `rows` (indices into the report's invoices, in the table's order) as CSV text.
pub fn invoice_csv(report: &Report, rows: &[usize], lang: Lang) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = lang
        .pick(COLUMNS_ZH, COLUMNS_EN)
        .into_iter()
        .chain(lang.pick(CHARGE_COLUMNS_ZH, CHARGE_COLUMNS))
        .chain(lang.pick(PLAYBOOK_COLUMNS_ZH, PLAYBOOK_COLUMNS));
    // Writing to a Vec cannot fail; a failure would only lose the row, never panic.
    let _ = writer.write_record(header);
    let zero = format_plain(Decimal::ZERO);
    let no_charge = [zero.clone(), zero.clone(), zero, "none".to_string()];
    for row in rows.iter().filter_map(|&i| report.row(i)) {
        let (invoice, aged) = (row.invoice, row.aged);
        let status = match lang {
            Lang::En => aged.status.key().to_string(),
            Lang::Zh => aged.status.label(lang).to_string(),
        };
        let charge = row
            .charge
            .map_or_else(|| no_charge.clone(), |c| c.csv_cells());
        let base = [
            neutralize(&invoice.number),
            neutralize(&invoice.customer),
            neutralize(&invoice.currency),
            invoice.invoice_date.map(iso).unwrap_or_default(),
            iso(invoice.due_date),
            aged.days_past_due.to_string(),
            report.buckets.label(aged.bucket, lang),
            format_plain(invoice.amount),
            format_plain(invoice.paid),
            format_plain(invoice.outstanding),
            status,
        ];
        let next = playbook::csv_cells(row.assessment, lang);
        let _ = writer.write_record(base.iter().chain(charge.iter()).chain(next.iter()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{derive, InvoiceQuery};
    use crate::workspace::Workspace;
    use chrono::NaiveDate;

    #[test]
    fn neutralizes_formula_like_text() {
        assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize("+1"), "'+1");
        assert_eq!(neutralize("-A"), "'-A");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("ACME"), "ACME");
    }

    #[test]
    fn writes_the_documented_columns_with_a_bom() {
        let mut ws = Workspace::default();
        ws.input.text = "Invoice\tCustomer\tDue date\tAmount\tPaid\n=1+1\t华东, Ltd\t2025-11-05\t1,234.5\t34.5\nB\t-X\t2025-10-01\t100\t100\n".into();
        let report = derive(&ws, NaiveDate::from_ymd_opt(2025, 10, 31).unwrap());
        let rows = report.select(&InvoiceQuery {
            sort: crate::report::SortKey::Line,
            descending: false,
            ..Default::default()
        });
        let csv = invoice_csv(&report, &rows, Lang::En);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "\u{FEFF}invoice,customer,currency,invoice_date,due_date,days_past_due,bucket,amount,paid,outstanding,status,late_interest,fixed_compensation,late_charge,charge_rule,stage,next_step,next_action_date");
        assert!(lines[1].starts_with("'=1+1,\"华东, Ltd\",CNY,,2025-11-05,-5,Not yet due,1234.50,34.50,1200.00,open,0.00,0.00,0.00,none,"));
        assert!(lines[2].starts_with(
            "B,'-X,CNY,,2025-10-01,30,16–30 days,100.00,100.00,0.00,paid,0.00,0.00,0.00,none,"
        ));
        let zh = invoice_csv(&report, &rows, Lang::Zh);
        assert!(zh.starts_with("\u{FEFF}发票号,客户,币种"));
        assert!(zh.contains(",已付清"));
    }
}
