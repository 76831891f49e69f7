//! Property tests from issue 12: noise columns (IDs, tax, booleans, exchange rates, discounts)
//! never change which columns hold which field, and merging rows into documents never changes
//! a document's total.

use std::str::FromStr;

use overdue_core::paste::{parse, DocumentRows, Field, ParseOptions};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn options() -> ParseOptions<'static> {
    ParseOptions {
        default_currency: "CNY",
        default_terms_days: 30,
        ..Default::default()
    }
}

/// A noise column: its header and a value for row `i`.
fn noise(kind: usize, i: usize) -> (&'static str, String) {
    match kind % 6 {
        0 => (
            "Record ID",
            format!("{}", 1_234_567_000_000_000_000u64 + i as u64),
        ),
        1 => ("Tax 1 Amount", format!("{}.13", i % 50)),
        2 => ("Payments Received", ["true", "false"][i % 2].to_string()),
        3 => ("Exchange Rate", format!("1.{:04}", 1000 + i)),
        4 => ("Discount", format!("{}.00", i % 7)),
        _ => ("Contact Account Number", format!("ACC-{:05}", i % 3)),
    }
}

const BASE: [&str; 5] = ["Invoice Number", "Customer", "Due Date", "Amount", "Paid"];

fn sheet(rows: usize, noise_at: &[(usize, usize)]) -> (String, Vec<Option<usize>>) {
    // Which base column ends up at each position (None for noise).
    let mut layout: Vec<Option<usize>> = (0..BASE.len()).map(Some).collect();
    let mut kinds: Vec<Option<usize>> = vec![None; BASE.len()];
    for &(pos, kind) in noise_at {
        let at = pos % (layout.len() + 1);
        layout.insert(at, None);
        kinds.insert(at, Some(kind));
    }
    let mut text = String::new();
    let header: Vec<String> = layout
        .iter()
        .zip(&kinds)
        .map(|(b, k)| match (b, k) {
            (Some(b), _) => BASE[*b].to_string(),
            (None, Some(k)) => noise(*k, 0).0.to_string(),
            _ => String::new(),
        })
        .collect();
    text.push_str(&header.join("\t"));
    text.push('\n');
    for i in 0..rows {
        let cells: Vec<String> = layout
            .iter()
            .zip(&kinds)
            .map(|(b, k)| match (b, k) {
                (Some(0), _) => format!("INV-{i}"),
                (Some(1), _) => format!("Client {}", i % 4),
                (Some(2), _) => format!("2025-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                (Some(3), _) => format!("{}.50", 100 + i),
                (Some(4), _) => format!("{}.00", i % 10),
                (None, Some(k)) => noise(*k, i).1,
                _ => String::new(),
            })
            .collect();
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    (text, layout)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn noise_columns_do_not_change_the_assignment(
        rows in 1usize..30,
        noise_at in prop::collection::vec((0usize..10, 0usize..6), 0..6),
    ) {
        let (plain, _) = sheet(rows, &[]);
        let (noisy, layout) = sheet(rows, &noise_at);
        let expected: Vec<Field> = parse(&plain, &options()).columns.iter().map(|c| c.field).collect();
        prop_assert_eq!(&expected, &[Field::Invoice, Field::Customer, Field::DueDate, Field::Amount, Field::Paid]);
        let parsed = parse(&noisy, &options());
        for (column, base) in parsed.columns.iter().zip(&layout) {
            match base {
                Some(b) => prop_assert_eq!(column.field, expected[*b], "{}", column.title),
                None => prop_assert_eq!(column.field, Field::Ignore, "{}", column.title),
            }
        }
        prop_assert_eq!(parsed.invoices.len(), rows);
        prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    }

    /// Line items add up to the document; repeated totals count once. Either way the document's
    /// amount is what the export says the document is worth.
    #[test]
    fn merging_never_changes_a_documents_total(
        lines_per_doc in prop::collection::vec(1usize..5, 1..12),
        repeated in any::<bool>(),
        cents in 0u32..100,
    ) {
        let mut text = String::from("Invoice\tCustomer\tDue date\tAmount\n");
        let mut totals: Vec<Decimal> = Vec::new();
        for (doc, &lines) in lines_per_doc.iter().enumerate() {
            let line_amount = |j: usize| Decimal::from_str(&format!("{}.{cents:02}", 10 * (doc + 1) + j)).unwrap();
            let total: Decimal = (0..lines).map(line_amount).sum();
            totals.push(total);
            for j in 0..lines {
                let amount = if repeated { total } else { line_amount(j) };
                text.push_str(&format!("D{doc}\tAcme\t2025-10-01\t{amount}\n"));
            }
        }
        let parsed = parse(&text, &options());
        let any_multi_line = lines_per_doc.iter().any(|&n| n > 1);
        let expected_mode = match (any_multi_line, repeated) {
            (false, _) => DocumentRows::OnePerDocument,
            (true, true) => DocumentRows::RepeatedTotals,
            (true, false) => DocumentRows::LineItems,
        };
        prop_assert_eq!(parsed.document_rows, expected_mode);
        let amounts: Vec<Decimal> = parsed.invoices.iter().map(|i| i.amount).collect();
        prop_assert_eq!(amounts, totals);
        let rows: usize = lines_per_doc.iter().sum();
        prop_assert_eq!(parsed.invoices.len() + parsed.merged.len(), rows);
    }

    /// Red invoices netted against the blue invoices their 备注 name never change what is owed
    /// in all: the sheet's total outstanding is the sum of every row, and each red invoice is
    /// netted (a merged line saying which blue), set aside with a fully reversed blue, or — when
    /// it would take more than is left — kept as a credit of its own.
    #[test]
    fn netting_red_invoices_never_changes_the_total_owed(
        blues in prop::collection::vec(1u32..5000, 1..8),
        reds in prop::collection::vec((0usize..8, 1u32..6000), 0..8),
    ) {
        let mut text = String::from("数电发票号码,购买方名称,开票日期,价税合计,备注\n");
        let mut sum = Decimal::ZERO;
        for (b, &amount) in blues.iter().enumerate() {
            text.push_str(&format!("2531{b:016},甲公司,2025-09-01,{amount}.00,\n"));
            sum += Decimal::from(amount);
        }
        for (r, &(names, amount)) in reds.iter().enumerate() {
            let blue = names % blues.len();
            text.push_str(&format!(
                "2539{r:016},甲公司,2025-09-10,-{amount}.00,被红冲蓝字数电发票号码：2531{blue:016}\n"
            ));
            sum -= Decimal::from(amount);
        }
        let parsed = parse(&text, &options());
        prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let owed: Decimal = parsed.invoices.iter().map(|i| i.outstanding).sum();
        prop_assert_eq!(owed, sum);
        let netted = parsed.merged.iter().filter(|m| m.red.is_some()).count();
        let kept_reds = parsed.invoices.iter().filter(|i| i.amount < Decimal::ZERO).count();
        let reversed_reds = parsed.excluded.iter().filter(|e| e.number.starts_with("2539")).count();
        prop_assert_eq!(netted + kept_reds + reversed_reds, reds.len());
        prop_assert!(parsed.invoices.iter().all(|i| i.amount >= Decimal::ZERO || i.number.starts_with("2539")));
    }
}
