//! Acceptance tests: UK statutory interest (Late Payment of Commercial Debts (Interest) Act
//! 1998), against the worked examples in shared/research/late-payment-law.md §1.
//!
//! Tags as in the research file: [V] official text, [S] secondary source, [D] derived there
//! with Python `Decimal` (regression values, not independent oracles).

use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::charges::{
    compute_with, Adjustment, ChargeInput, ChargeNotice, ChargeRuleParams, ChargeWarning,
    RateTable, Rounding, RuleKind,
};
use overdue_core::i18n::Lang;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn uk() -> ChargeRuleParams {
    ChargeRuleParams::new(RuleKind::UkStatutory)
}

fn paid(principal: &str, due: NaiveDate, paid: NaiveDate) -> ChargeInput<'static> {
    ChargeInput {
        principal: d(principal),
        currency: "GBP",
        due_date: due,
        paid_date: Some(paid),
        as_of: date(2026, 3, 31),
    }
}

/// The statutory rate (reference + 8) the single period used.
fn rate_of(params: &ChargeRuleParams, input: &ChargeInput) -> Decimal {
    let charge = compute_with(params, input);
    assert_eq!(charge.periods.len(), 1, "{charge:?}");
    charge.periods[0].rate_percent.unwrap()
}

/// UK-1. gov.uk "Late commercial payments: charging interest" [V]: £1,000 at base 0.5 % + 8 %,
/// 50 days late. gov.uk rounds the daily interest first ("85/365 = 0.23", "50 × 0.23 = 11.50");
/// the exact figure is £11.64 [D]. Bank Rate was 0.5 % for interest starting 2010-H1..2016-H1.
#[test]
fn uk1_gov_uk_example_both_roundings() {
    let input = paid("1000", date(2015, 3, 1), date(2015, 4, 20));
    let exact = compute_with(&uk(), &input);
    assert_eq!(exact.days, 50);
    assert_eq!(exact.periods[0].rate_percent, Some(d("8.5")));
    assert_eq!(exact.interest, d("11.64"));
    let mut params = uk();
    params.rounding = Rounding::Daily;
    let as_printed = compute_with(&params, &input);
    assert_eq!(as_printed.interest, d("11.50"));
    assert_eq!(
        as_printed.periods[0].formula(Lang::En, ""),
        "1,000.00 × 8.50% / 365 = 0.23 a day × 50 = 11.50"
    );
    // £1,000 is in the £70 band (s.5A).
    assert_eq!(exact.fixed, d("70"));
    assert_eq!(exact.total, d("81.64"));
}

/// UK-3. toolfy.io [S]: £2,000 at 13.25 %, 45 days. Exact £32.67 [D]; toolfy prints £32.66
/// because it rounds 45/365 to 0.1233 (documented difference). 13.25 % = 2024-H1.
#[test]
fn uk3_toolfy_example() {
    let charge = compute_with(&uk(), &paid("2000", date(2024, 3, 1), date(2024, 4, 15)));
    assert_eq!(charge.days, 45);
    assert_eq!(charge.periods[0].rate_percent, Some(d("13.25")));
    assert_eq!(charge.interest, d("32.67"));
    assert_eq!(charge.fixed, d("70"));
}

/// UK-4. support.paidnice.com [S]: £5,000 at 12.25 % (base 4.25 + 8, i.e. 2025-H2), 101 days,
/// plus £70. paidnice prints £169.68 (£1.68 a day × 101); exact £169.49 [D].
#[test]
fn uk4_paidnice_example_both_roundings() {
    let input = paid("5000", date(2025, 7, 15), date(2025, 10, 24));
    let exact = compute_with(&uk(), &input);
    assert_eq!(exact.days, 101);
    assert_eq!(exact.periods[0].rate_percent, Some(d("12.25")));
    assert_eq!(exact.periods[0].reference_rate(), Some(d("4.25")));
    assert_eq!((exact.interest, exact.fixed), (d("169.49"), d("70")));
    let mut params = uk();
    params.rounding = Rounding::Daily;
    let as_printed = compute_with(&params, &input);
    assert_eq!(as_printed.periods[0].daily_amount, Some(d("1.68")));
    assert_eq!(as_printed.interest, d("169.68"));
    assert_eq!(as_printed.total, d("239.68"));
}

/// SI 2002/1675 art. 4 (late-payment-law.md §1.1, §1.3 [D], payontime.co.uk table [S]): the
/// Bank Rate of the 30 June before interest starting 1 Jul–31 Dec, of the 31 December before
/// interest starting 1 Jan–30 Jun. Boundary: interest starting 30 June vs 1 July, 31 December
/// vs 1 January.
#[test]
fn reference_rate_switches_on_30_june_and_31_december() {
    let p = uk();
    // Due 29 June 2023: interest starts 30 June 2023 → 31 Dec 2022 (3.50) → 11.50 %.
    assert_eq!(
        rate_of(&p, &paid("1000", date(2023, 6, 29), date(2023, 7, 29))),
        d("11.5")
    );
    // Due 30 June 2023: interest starts 1 July 2023 → 30 June 2023 (5.00) → 13.00 %.
    let charge = compute_with(&p, &paid("1000", date(2023, 6, 30), date(2023, 7, 30)));
    let reference = charge.periods[0].reference.clone().unwrap();
    assert_eq!(reference.table, RateTable::BoeBankRate);
    assert_eq!(reference.observed_on, date(2023, 6, 30));
    assert_eq!(reference.adjustment, Adjustment::PlusPoints(d("8")));
    assert_eq!(charge.periods[0].rate_percent, Some(d("13")));
    // Due 30 Dec 2023: starts 31 Dec 2023, still the second half-year → 13.00 %.
    assert_eq!(
        rate_of(&p, &paid("1000", date(2023, 12, 30), date(2024, 1, 30))),
        d("13")
    );
    // Due 31 Dec 2023: starts 1 Jan 2024 → 31 Dec 2023 (5.25) → 13.25 % (payontime 2024-H1).
    assert_eq!(
        rate_of(&p, &paid("1000", date(2023, 12, 31), date(2024, 1, 31))),
        d("13.25")
    );
    // 2025-H1: 31 Dec 2024 = 4.75 → 12.75 %. (Trap in §6: alexv879/Recoup says 5.25 % "as of
    // Nov 2024"; it was 4.75 % from 7 Nov 2024.)
    assert_eq!(
        rate_of(&p, &paid("1000", date(2025, 2, 1), date(2025, 3, 1))),
        d("12.75")
    );
    // 2026-H1: 31 Dec 2025 = 3.75 → 11.75 %.
    assert_eq!(
        rate_of(&p, &paid("1000", date(2026, 1, 15), date(2026, 2, 15))),
        d("11.75")
    );
}

/// The rate is fixed for the life of the debt (SI 2002/1675 art. 4; §6 trap: calculators that
/// split by half-year). Interest starting 1 Jan 2023 stays at 11.50 % all year although Bank
/// Rate rose to 5.25 %. £10,000 × 11.5 % × 365/365 = £1,150.00 [D].
#[test]
fn rate_is_fixed_for_the_life_of_the_debt() {
    let charge = compute_with(
        &uk(),
        &paid("10000", date(2022, 12, 31), date(2023, 12, 31)),
    );
    assert_eq!(charge.periods.len(), 1);
    assert_eq!(charge.periods[0].rate_percent, Some(d("11.5")));
    assert_eq!(charge.interest, d("1150.00"));
    assert_eq!(charge.fixed, d("100"));
}

/// s.5A boundaries (late-payment-law.md §1.1): 999.99 → £40, 1000.00 → £70, 9999.99 → £70,
/// 10000.00 → £100.
#[test]
fn fixed_sum_thresholds() {
    for (debt, sum) in [
        ("999.99", "40"),
        ("1000.00", "70"),
        ("9999.99", "70"),
        ("10000.00", "100"),
    ] {
        let charge = compute_with(&uk(), &paid(debt, date(2024, 3, 1), date(2024, 3, 2)));
        assert_eq!(charge.fixed, d(sum), "{debt}");
        assert_eq!(charge.fees.len(), 1);
    }
}

/// A leap year: /365 whatever the year's length (gov.uk), so the 366 days of 2024 cost
/// £10,000 × 13.25 % × 366/365 = £1,328.63 [D].
#[test]
fn leap_year_counts_366_days_over_365() {
    let charge = compute_with(
        &uk(),
        &paid("10000", date(2023, 12, 31), date(2024, 12, 31)),
    );
    assert_eq!(charge.days, 366);
    assert_eq!(charge.interest, d("1328.63"));
    assert_eq!(
        charge.periods[0].formula(Lang::En, "GBP"),
        "GBP 10,000.00 × 13.25% × 366/365 = GBP 1,328.63"
    );
}

/// Paid before or on the due date: no interest and no fixed sum.
#[test]
fn payment_on_or_before_the_due_date_costs_nothing() {
    for paid_on in [date(2024, 2, 20), date(2024, 3, 1)] {
        let charge = compute_with(&uk(), &paid("5000", date(2024, 3, 1), paid_on));
        assert_eq!(charge.total, Decimal::ZERO);
        assert!(charge.periods.is_empty() && charge.fees.is_empty());
        assert!(charge.notices.contains(&ChargeNotice::NotOverdue));
    }
}

/// Unpaid: interest runs to the as-of date inclusive.
#[test]
fn unpaid_runs_to_the_as_of_date() {
    let input = ChargeInput {
        principal: d("2000"),
        currency: "GBP",
        due_date: date(2024, 3, 1),
        paid_date: None,
        as_of: date(2024, 4, 15),
    };
    let charge = compute_with(&uk(), &input);
    assert_eq!(charge.days, 45);
    assert_eq!(charge.first_day, Some(date(2024, 3, 2)));
    assert_eq!(charge.last_day, Some(date(2024, 4, 15)));
    assert_eq!(charge.interest, d("32.67"));
}

/// Interest starting 2027-H1 needs the Bank Rate of 31 December 2026, which the table (known
/// to 30 Jun 2026) does not have: no rate is invented, a warning says so, the fixed sum is
/// still due.
#[test]
fn a_reference_date_past_the_table_gives_a_warning_not_a_rate() {
    let mut input = paid("5000", date(2026, 12, 31), date(2027, 2, 1));
    input.as_of = date(2027, 6, 30);
    let charge = compute_with(&uk(), &input);
    assert_eq!(charge.interest, Decimal::ZERO);
    assert_eq!(charge.fixed, d("70"));
    assert!(!charge.is_complete());
    assert_eq!(
        charge.warnings,
        vec![ChargeWarning::RateUnknown {
            table: RateTable::BoeBankRate,
            rate_date: date(2026, 12, 31),
            from: date(2027, 1, 1),
            to: date(2027, 2, 1),
            floating: false,
        }]
    );
    assert_eq!(charge.periods[0].rate_percent, None);
    let text = charge.warnings[0].describe(Lang::En);
    assert!(
        text.contains("2026-12-31") && text.contains("2026-06-30"),
        "{text}"
    );
}

/// The rule is in pounds; an invoice in another currency is computed with a warning.
#[test]
fn another_currency_is_computed_with_a_warning() {
    let mut input = paid("2000", date(2024, 3, 1), date(2024, 4, 15));
    input.currency = "USD";
    let charge = compute_with(&uk(), &input);
    assert_eq!(charge.interest, d("32.67"));
    assert_eq!(
        charge.warnings,
        vec![ChargeWarning::CurrencyMismatch {
            rule_currency: "GBP",
            invoice_currency: "USD".into(),
        }]
    );
    assert!(charge
        .notices
        .contains(&ChargeNotice::Scope(RuleKind::UkStatutory)));
}
