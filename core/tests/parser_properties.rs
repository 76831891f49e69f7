//! Property tests: the parser never panics, and never loses a row silently — every line of the
//! input ends up as the header, an invoice, a row error or a skipped row.

use std::collections::BTreeSet;

use overdue_core::paste::{parse, ParseOptions};
use overdue_core::report::derive;
use overdue_core::workspace::Workspace;
use proptest::prelude::*;

fn options() -> ParseOptions<'static> {
    ParseOptions {
        default_currency: "CNY",
        default_terms_days: 30,
        ..Default::default()
    }
}

/// Cells of the kinds people paste, good and bad.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[A-Z]{2,3}-[0-9]{1,5}",
        "[\\p{Han}]{2,8}",
        "[a-zA-Z &']{1,20}",
        "-?[0-9]{1,3}(,[0-9]{3}){0,2}(\\.[0-9]{1,2})?",
        "\\(?[¥$€]?[0-9]{1,6}\\.[0-9]{2}\\)?",
        "[0-9]{1,3}\\.[0-9]{3},[0-9]{2}",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "[0-3]?[0-9]/[01]?[0-9]/20[0-9]{2}",
        "20[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日",
        "[0-9]{5}",
        Just("合计".to_string()),
        Just("Total".to_string()),
        Just("发票号".to_string()),
        Just("Due date".to_string()),
        Just("Amount".to_string()),
        Just("客户".to_string()),
        Just("Paid".to_string()),
        Just("Invoice".to_string()),
        Just("Customer".to_string()),
        Just("Invoice date".to_string()),
        "[0-9]{6,7}",
        "[0-9]{4}-[01][0-9]-[0-3][0-9]",
        "[１２３４５６７８９０，．]{1,8}",
        any::<String>().prop_map(|s| s.replace(['\n', '\r', '"'], "")),
    ]
}

/// Line endings as files have them: Unix, Windows, classic Mac ("CSV (Macintosh)"), and a mix.
fn line_ending() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("\n"), Just("\r\n"), Just("\r")]
}

fn join_rows(rows: &[Vec<String>], delim: char, endings: &[&str]) -> String {
    let mut text = String::new();
    for (i, cells) in rows.iter().enumerate() {
        if i > 0 {
            text.push_str(endings[i % endings.len()]);
        }
        let cells: Vec<String> = cells.iter().map(|c| c.replace(delim, " ")).collect();
        text.push_str(&cells.join(&delim.to_string()));
    }
    text
}

fn sheet() -> impl Strategy<Value = String> {
    let delimiter = prop_oneof![Just('\t'), Just(','), Just(';')];
    (
        delimiter,
        prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..25),
        prop::collection::vec(line_ending(), 1..4),
    )
        .prop_map(|(delim, rows, endings)| join_rows(&rows, delim, &endings))
}

/// A real layout's header over rows whose cells are randomly emptied or replaced: the mutations
/// that made rows vanish (Paid without Amount, a stray date) happen here often.
fn mutated_layout() -> impl Strategy<Value = String> {
    let headers: Vec<Vec<&'static str>> = vec![
        vec!["Invoice", "Customer", "Due date", "Amount", "Paid"],
        vec![
            "Invoice",
            "Customer",
            "Invoice date",
            "Amount",
            "Paid",
            "Balance",
        ],
        vec![
            "发票号码",
            "客户名称",
            "开票日期",
            "到期日",
            "发票金额",
            "已收金额",
            "币种",
        ],
        vec!["", "Num", "Name", "Due Date", "Open Balance"],
        vec!["Invoice", "Client", "Date", "Amount", "Status", "Terms"],
        // 电子发票服务平台's detail columns, with red invoices naming their blue in 备注.
        vec!["数电发票号码", "购买方名称", "开票日期", "价税合计", "备注"],
        // A report with section headings (customer, currency, account) above its rows.
        vec!["Date", "Invoice Number", "Due Date", "Total", "Due"],
    ];
    let good_row = |width: usize| {
        prop::collection::vec(
            prop_oneof![
                3 => Just(None),
                1 => cell().prop_map(Some),
            ],
            width,
        )
    };
    (0..headers.len(), line_ending(), 1usize..15).prop_flat_map(move |(h, ending, n)| {
        let header: Vec<String> = headers[h].iter().map(|s| s.to_string()).collect();
        let width = header.len();
        prop::collection::vec(good_row(width), n).prop_map(move |mutations| {
            let mut rows = vec![header.clone()];
            let sections = header[1] == "Invoice Number";
            for (i, mutation) in mutations.iter().enumerate() {
                if sections && i % 3 == 0 {
                    let heading = SECTION_HEADINGS[(i / 3) % SECTION_HEADINGS.len()];
                    let mut row = vec![String::new(); width];
                    row[0] = heading.to_string();
                    rows.push(row);
                }
                let base: Vec<String> = header.iter().map(|title| typical_cell(title, i)).collect();
                let row = base
                    .into_iter()
                    .zip(mutation)
                    .map(|(b, m)| m.clone().unwrap_or(b))
                    .collect();
                rows.push(row);
            }
            join_rows(&rows, '\t', &[ending])
        })
    })
}

/// Headings of the kinds reports put above their sections.
const SECTION_HEADINGS: &[&str] = &[
    "Acme Ltd",
    "USD",
    "1122 应收账款",
    "Beta GmbH",
    "币别：欧元",
    "2202 应付账款",
    "Gamma Co",
];

/// A plausible value for a column with this title (every data row invented).
fn typical_cell(title: &str, i: usize) -> String {
    // Every third e-invoice row is a red invoice for part (or, every sixth, all) of the one
    // before it.
    let red = i % 3 == 1;
    match title {
        "数电发票号码" => format!("2531{i:016}"),
        "购买方名称" => "甲公司".to_string(),
        "价税合计" if red && i % 6 == 1 => format!("-{}.50", 100 + i - 1),
        "价税合计" if red => "-30.00".to_string(),
        "备注" if red => format!("被红冲蓝字数电发票号码：2531{:016} 销售折让", i - 1),
        "备注" => String::new(),
        "Invoice Number" => format!("INV-{i}"),
        "Invoice" | "发票号码" | "Num" => format!("INV-{}", i / 2),
        "Customer" | "客户名称" | "Name" => format!("Customer {}", i % 3),
        "Due date" | "到期日" | "Due Date" => format!("2025-10-{:02}", i % 28 + 1),
        "Invoice date" | "开票日期" => format!("2025-09-{:02}", i % 28 + 1),
        "Paid" | "已收金额" => "10.00".to_string(),
        "币种" => "USD".to_string(),
        "Client" => "Acme".to_string(),
        "Date" => "2025-09-01".to_string(),
        "Status" => ["Draft", "Sent", "Paid", "Void"][i % 4].to_string(),
        "Terms" => "Net 30".to_string(),
        "" => String::new(),
        _ => format!("{}.50", 100 + i),
    }
}

/// Every line (counting `\r`, `\r\n` and `\n` each as one ending) is exactly one of: the header,
/// an invoice, a merged line (a red invoice netted against its blue is one), an excluded
/// document, a skipped row or a row error.
fn assert_every_line_accounted_for(text: &str) -> Result<(), TestCaseError> {
    let parsed = parse(text, &options());
    let mut seen: Vec<usize> = Vec::new();
    seen.extend(parsed.header_line);
    seen.extend(parsed.invoices.iter().map(|i| i.line));
    seen.extend(
        parsed
            .errors
            .iter()
            .map(|e| e.line)
            .collect::<BTreeSet<_>>(),
    );
    seen.extend(parsed.skipped.iter().map(|s| s.line));
    seen.extend(parsed.excluded.iter().map(|e| e.line));
    seen.extend(parsed.merged.iter().map(|m| m.line));
    let unique: BTreeSet<usize> = seen.iter().copied().collect();
    prop_assert_eq!(unique.len(), seen.len(), "a line in two places: {:?}", seen);
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let expected: BTreeSet<usize> = (1..=unified.lines().count()).collect();
    prop_assert_eq!(unique, expected);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_any_text(text in any::<String>()) {
        let parsed = parse(&text, &options());
        prop_assert!(parsed.invoices.len() <= parsed.record_count);
    }

    #[test]
    fn never_panics_on_text_with_quotes_and_line_breaks(text in "[\"\\n\\r\\t,;a-z0-9¥.()年月日-]{0,200}") {
        let mut ws = Workspace::default();
        ws.input.text = text.into();
        let report = derive(&ws, chrono::NaiveDate::from_ymd_opt(2025, 10, 31).unwrap());
        prop_assert_eq!(report.rows().count(), report.parsed.invoices.len());
    }

    /// Without quotes every line is one record: each line number must be accounted for exactly
    /// once, as the header, an invoice, an error or a skipped row.
    #[test]
    fn every_line_is_accounted_for_exactly_once(text in sheet()) {
        assert_every_line_accounted_for(&text)?;
    }

    #[test]
    fn every_line_of_a_mutated_real_layout_is_accounted_for(text in mutated_layout()) {
        assert_every_line_accounted_for(&text)?;
    }

    /// Out-of-range terms (from a settings value or a share link) never panic.
    #[test]
    fn any_terms_days_never_panics(terms in any::<i64>(), text in mutated_layout()) {
        let parsed = parse(&text, &ParseOptions { default_terms_days: terms, ..options() });
        prop_assert!(parsed.invoices.len() <= parsed.record_count);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20, ..ProptestConfig::default() })]

    /// Totals never overflow, however large and many the amounts (an overflow would panic).
    #[test]
    fn totals_of_the_largest_accepted_amounts_do_not_overflow(rows in 1usize..30_000, digits in 14usize..40) {
        let amount = "9".repeat(digits);
        let mut text = String::from("Invoice\tCustomer\tDue date\tAmount\n");
        for i in 0..rows {
            text.push_str(&format!("I{i}\tC\t2025-01-01\t{amount}\n"));
        }
        let mut ws = Workspace::default();
        ws.input.text = text.into();
        let report = derive(&ws, chrono::NaiveDate::from_ymd_opt(2025, 10, 31).unwrap());
        prop_assert_eq!(report.parsed.invoices.len() + report.parsed.errors.len(), rows);
    }
}
