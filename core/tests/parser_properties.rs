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
        "[１２３４５６７８９０，．]{1,8}",
        any::<String>().prop_map(|s| s.replace(['\n', '\r', '"'], "")),
    ]
}

fn sheet() -> impl Strategy<Value = String> {
    let delimiter = prop_oneof![Just('\t'), Just(','), Just(';')];
    (
        delimiter,
        prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..25),
    )
        .prop_map(|(delim, rows)| {
            rows.iter()
                .map(|cells| {
                    cells
                        .iter()
                        .map(|c| c.replace(delim, " "))
                        .collect::<Vec<_>>()
                        .join(&delim.to_string())
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
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
        ws.input.text = text;
        let report = derive(&ws, chrono::NaiveDate::from_ymd_opt(2025, 10, 31).unwrap());
        prop_assert_eq!(report.aged.len(), report.parsed.invoices.len());
    }

    /// Without quotes every line is one record: each line number must be accounted for exactly
    /// once, as the header, an invoice, an error or a skipped row.
    #[test]
    fn every_line_is_accounted_for_exactly_once(text in sheet()) {
        let parsed = parse(&text, &options());
        let mut seen: Vec<usize> = Vec::new();
        seen.extend(parsed.header_line);
        seen.extend(parsed.invoices.iter().map(|i| i.line));
        seen.extend(parsed.errors.iter().map(|e| e.line).collect::<BTreeSet<_>>());
        seen.extend(parsed.skipped.iter().map(|s| s.line));
        let unique: BTreeSet<usize> = seen.iter().copied().collect();
        prop_assert_eq!(unique.len(), seen.len(), "a line in two places: {:?}", seen);
        let expected: BTreeSet<usize> = (1..=text.lines().count()).collect();
        prop_assert_eq!(unique, expected);
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
        ws.input.text = text;
        let report = derive(&ws, chrono::NaiveDate::from_ymd_opt(2025, 10, 31).unwrap());
        prop_assert_eq!(report.parsed.invoices.len() + report.parsed.errors.len(), rows);
    }
}
