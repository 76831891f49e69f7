//! Late charges through the whole pipeline: pasted text → report → CSV, with the figures
//! worked by hand. The rule engine's own acceptance tests, from published examples, are in
//! core/tests/charges_*.rs; this checks that the page's report and export carry them.
//!
//! UK Late Payment of Commercial Debts (Interest) Act 1998, for debts whose interest starts
//! in 2024-H1: reference rate = Bank Rate on 31 Dec 2023, 5.25 %, + 8 = 13.25 %, simple, /365
//! (gov.uk "Late commercial payments: charging interest"); fixed sum £40 below £1,000, £70
//! from £1,000 to £9,999.99 (s.5A).

use chrono::NaiveDate;
use overdue_core::charges::{ChargeRuleParams, RateUnit, RuleKind};
use overdue_core::export::invoice_csv;
use overdue_core::i18n::Lang;
use overdue_core::report::{derive, InvoiceQuery, Report, SortKey};
use overdue_core::workspace::Workspace;
use rust_decimal::Decimal;
use std::str::FromStr;

const LEDGER: &str = "Invoice\tCustomer\tDue date\tAmount\tCurrency\n\
UK-1\tBrighton Traders Ltd\t2024-03-01\t2,000.00\tGBP\n\
UK-2\tBrighton Traders Ltd\t2024-03-20\t500.00\tGBP\n\
UK-3\tBrighton Traders Ltd\t2024-05-01\t800.00\tGBP\n";

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn report(params: ChargeRuleParams) -> Report {
    let mut ws = Workspace::default();
    ws.input.text = LEDGER.into();
    ws.settings.as_of = NaiveDate::from_ymd_opt(2024, 4, 15);
    ws.settings.charges.workspace = params;
    derive(&ws, NaiveDate::from_ymd_opt(2030, 1, 1).unwrap())
}

#[test]
fn uk_statutory_interest_and_fixed_sums_per_invoice_customer_and_currency() {
    let r = report(ChargeRuleParams::new(RuleKind::UkStatutory));
    // UK-1: 2,000.00 × 13.25 % × 45/365 = 32.671… → 32.67, + £70 = 102.67.
    assert_eq!(
        (
            r.row(0).unwrap().charge.unwrap().interest,
            r.row(0).unwrap().charge.unwrap().fixed,
            r.row(0).unwrap().charge.unwrap().total
        ),
        (d("32.67"), d("70"), d("102.67"))
    );
    // UK-2: 500.00 × 13.25 % × 26/365 = 4.719… → 4.72, + £40 = 44.72.
    assert_eq!(
        (
            r.row(1).unwrap().charge.unwrap().interest,
            r.row(1).unwrap().charge.unwrap().fixed,
            r.row(1).unwrap().charge.unwrap().total
        ),
        (d("4.72"), d("40"), d("44.72"))
    );
    // UK-3 is not yet due.
    assert_eq!(r.row(2).unwrap().charge.unwrap().total, Decimal::ZERO);
    assert_eq!(r.charge_total("GBP").unwrap().total, d("147.39"));
    assert_eq!(
        r.customer_charge("Brighton Traders Ltd", "GBP")
            .unwrap()
            .total,
        d("147.39")
    );
    assert_eq!(
        r.row(0).unwrap().charge.unwrap().periods[0].formula(Lang::En, "GBP"),
        "GBP 2,000.00 × 13.25% × 45/365 = GBP 32.67"
    );

    let rows = r.select(&InvoiceQuery {
        sort: SortKey::Line,
        descending: false,
        ..Default::default()
    });
    let csv = invoice_csv(&r, &rows, Lang::En);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert!(lines[0].contains(",status,late_interest,fixed_compensation,late_charge,charge_rule,"));
    assert!(
        lines[1].contains(",open,32.67,70.00,102.67,uk-statutory,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].contains(",open,0.00,0.00,0.00,uk-statutory,"),
        "{}",
        lines[3]
    );
}

#[test]
fn contract_terms_and_a_per_customer_override() {
    // 1.5 % a month is 18 % a year: 2,000.00 × 18 % × 45/365 = 44.383… → 44.38, + fee 50.
    let contract = ChargeRuleParams {
        rule: RuleKind::Contract,
        rate: d("1.5"),
        rate_unit: RateUnit::Month,
        fixed_fee: d("50"),
        ..ChargeRuleParams::default()
    };
    let r = report(contract.clone());
    assert_eq!(r.row(0).unwrap().charge.unwrap().total, d("94.38"));

    let mut ws = Workspace::default();
    ws.input.text = format!("{LEDGER}X-1\tOther Co\t2024-03-01\t2,000.00\tGBP\n").into();
    ws.settings.as_of = NaiveDate::from_ymd_opt(2024, 4, 15);
    ws.settings.charges.workspace = contract;
    ws.settings
        .charges
        .per_customer
        .insert("Other Co".into(), ChargeRuleParams::new(RuleKind::None));
    let r = derive(&ws, NaiveDate::from_ymd_opt(2030, 1, 1).unwrap());
    assert_eq!(r.row(0).unwrap().charge.unwrap().total, d("94.38"));
    assert_eq!(
        r.row(3).unwrap().charge.unwrap().total,
        Decimal::ZERO,
        "Other Co's own rule: none"
    );
}

#[test]
fn no_rule_no_charges_and_the_export_says_none() {
    let r = report(ChargeRuleParams::default());
    assert!(!r.has_charges());
    let csv = invoice_csv(&r, &[0], Lang::En);
    assert!(csv.contains(",0.00,0.00,0.00,none,"));
}
