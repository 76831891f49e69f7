//! Acceptance tests: US federal Prompt Payment Act (31 U.S.C. 3901–3907; 5 CFR 1315.10 and
//! 1315.17), against shared/research/late-payment-law.md §4.1.
//!
//! Tags as in the research file: [V] official text, [D] derived with Python `Decimal`
//! (regression values, not independent oracles).

use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::charges::{
    compute_with, ChargeInput, ChargeNotice, ChargeRuleParams, ChargeWarning, DayBasis, RateTable,
    RuleKind,
};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn paid(principal: &str, due: NaiveDate, paid: NaiveDate) -> ChargeInput<'static> {
    ChargeInput {
        principal: d(principal),
        currency: "USD",
        due_date: due,
        paid_date: Some(paid),
        as_of: date(2025, 12, 31),
    }
}

fn ppa() -> ChargeRuleParams {
    ChargeRuleParams::new(RuleKind::UsPromptPayment)
}

/// Fiscal Service / 5 CFR 1315.17 official example [V]: $1,500 × 6.5 % × 10/360 = $2.71.
/// 6.5 % is not a half-year we hold, so the formula is checked with the same arithmetic as a
/// contract rate on /360. The same page now prints "$1,500 (.066/360*10) = $2.75" for
/// 6.625 %; with r = 0.06625 the result is $2.76 (the page rounds the rate to .066).
#[test]
fn official_simple_interest_example() {
    let mut params = ChargeRuleParams::new(RuleKind::Contract);
    params.rate = d("6.5");
    params.day_basis = DayBasis::Days360;
    let input = paid("1500", date(2023, 4, 1), date(2023, 4, 11));
    assert_eq!(compute_with(&params, &input).interest, d("2.71"));
    params.rate = d("6.625");
    assert_eq!(compute_with(&params, &input).interest, d("2.76"));
}

/// 5 CFR 1315.10 [V]: due 1 April, paid 11 April = 10 days. 2023-H1 rate 4.625 %:
/// $1,500 × 4.625 % × 10/360 = $1.93 [D]. No fixed sum.
#[test]
fn ten_days_from_1_to_11_april() {
    let charge = compute_with(&ppa(), &paid("1500", date(2023, 4, 1), date(2023, 4, 11)));
    assert_eq!(charge.days, 10);
    assert_eq!(charge.periods[0].rate_percent, Some(d("4.625")));
    assert_eq!(charge.periods[0].basis, DayBasis::Days360);
    assert_eq!((charge.interest, charge.fixed), (d("1.93"), d("0")));
}

/// The rate in effect on the day after the due date applies to the whole debt [V]: due 30 June
/// 2023 → 1 July → 4.875 %; due 29 June → 30 June → 4.625 %, even though the debt runs into July.
#[test]
fn rate_is_fixed_on_the_day_after_the_due_date() {
    let rate = |due: NaiveDate| {
        compute_with(&ppa(), &paid("1000", due, date(2023, 7, 20))).periods[0].rate_percent
    };
    assert_eq!(rate(date(2023, 6, 30)), Some(d("4.875")));
    assert_eq!(rate(date(2023, 6, 29)), Some(d("4.625")));
}

/// Compounding every 30 days [V: 1315.10(a)(3)]: $10,000 at 4.875 %, 45 days. 30 days give
/// $40.625, added to the principal; 15 days on $10,040.625 give $20.3958: $61.02 [D], equal to
/// 1315.17's P(1 + r/12)(1 + r·15/360) − P.
#[test]
fn interest_compounds_every_30_days() {
    let charge = compute_with(&ppa(), &paid("10000", date(2023, 7, 10), date(2023, 8, 24)));
    assert_eq!(charge.days, 45);
    assert_eq!(charge.periods.len(), 2);
    assert_eq!(charge.periods[0].days, 30);
    assert_eq!(charge.periods[0].interest, d("40.625"));
    assert_eq!(charge.periods[1].principal, d("10040.625"));
    assert_eq!(charge.interest, d("61.02"));
}

/// No interest for more than one year [V: 1315.10(a)(5)]: due 2023-07-10, paid 2024-12-31 →
/// accrues to 2024-07-10 (366 days, 2024 being a leap year) = twelve 30-day periods and 6 days:
/// P(1 + r/12)^12 (1 + r·6/360) − P = $507.07 [D].
#[test]
fn interest_stops_after_one_year() {
    let charge = compute_with(
        &ppa(),
        &paid("10000", date(2023, 7, 10), date(2024, 12, 31)),
    );
    assert_eq!(charge.last_day, Some(date(2024, 7, 10)));
    assert_eq!(charge.days, 366);
    assert_eq!(charge.periods.len(), 13);
    assert_eq!(charge.interest, d("507.07"));
    assert!(charge.notices.contains(&ChargeNotice::UsOneYearLimit {
        last_day: date(2024, 7, 10)
    }));
}

/// Half-years the research did not retrieve (2022, 2024-H1, 2025-H2, 2026-H1 — open item 9)
/// give a warning and no interest, never a guessed rate.
#[test]
fn half_years_not_in_the_table_are_unknown() {
    let charge = compute_with(&ppa(), &paid("1500", date(2024, 3, 1), date(2024, 3, 31)));
    assert_eq!(charge.interest, Decimal::ZERO);
    assert_eq!(
        charge.warnings,
        vec![ChargeWarning::RateUnknown {
            table: RateTable::UsPromptPayment,
            rate_date: date(2024, 3, 2),
            from: date(2024, 3, 2),
            to: date(2024, 3, 31),
            floating: false,
        }]
    );
}

/// Penalties under $1 need not be paid [V]: $100 × 4.625 % × 10/360 = $0.13, with a notice.
#[test]
fn under_one_dollar_is_noted() {
    let charge = compute_with(&ppa(), &paid("100", date(2023, 4, 1), date(2023, 4, 11)));
    assert_eq!(charge.interest, d("0.13"));
    assert!(charge.notices.contains(&ChargeNotice::UsUnderOneDollar));
}

/// Paid before the due date: nothing.
#[test]
fn early_payment_costs_nothing() {
    let charge = compute_with(&ppa(), &paid("1500", date(2023, 4, 11), date(2023, 4, 1)));
    assert_eq!(charge.total, Decimal::ZERO);
    assert!(charge.notices.contains(&ChargeNotice::NotOverdue));
}
