//! Acceptance tests: the contract rule (fixed fee, one-off percentage, annual / monthly / daily
//! rate, grace period, cap, day basis), against the peers' documented behaviour in
//! shared/research/peers.md and the rates of issue 3.

use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::charges::{
    compute_with, ChargeInput, ChargeNotice, ChargeRuleParams, ChargeWarning, DayBasis, FeeKind,
    RateUnit, RuleKind, Setting,
};
use overdue_core::i18n::Lang;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn contract() -> ChargeRuleParams {
    ChargeRuleParams::new(RuleKind::Contract)
}

fn unpaid(principal: &str, due: NaiveDate, as_of: NaiveDate) -> ChargeInput<'static> {
    ChargeInput {
        principal: d(principal),
        currency: "CNY",
        due_date: due,
        paid_date: None,
        as_of,
    }
}

/// ERPNext `test_dunning.py::test_dunning_with_fees_and_interest` (peers.md D1): outstanding
/// 100, 15 days overdue, 10 % a year (/365), fee 10 → interest 0.41, charge 10.41.
#[test]
fn erpnext_d1_interest_and_fee() {
    let mut params = contract();
    params.rate = d("10");
    params.fixed_fee = d("10");
    let charge = compute_with(&params, &unpaid("100", date(2025, 3, 1), date(2025, 3, 16)));
    assert_eq!(charge.days, 15);
    assert_eq!(
        (charge.interest, charge.fixed, charge.total),
        (d("0.41"), d("10"), d("10.41"))
    );
}

/// ERPNext D2 / D4 (peers.md; PR frappe/erpnext#26286): rate 0 and fee 0 → nothing; rate 0
/// and fee 50 → 50 (the regression where a zero rate zeroed everything).
#[test]
fn erpnext_d2_d4_zero_rate() {
    let input = unpaid("100", date(2025, 3, 1), date(2025, 3, 21));
    assert_eq!(compute_with(&contract(), &input).total, Decimal::ZERO);
    let mut params = contract();
    params.fixed_fee = d("50");
    let charge = compute_with(&params, &input);
    assert_eq!((charge.interest, charge.total), (d("0"), d("50")));
}

/// Invoice Ninja `setLateFee` (peers.md IN6, derived): balance 1000, 1.5 % one-off → 15.00.
#[test]
fn invoice_ninja_in6_one_off_percentage() {
    let mut params = contract();
    params.percent_fee = d("1.5");
    let charge = compute_with(&params, &unpaid("1000", date(2025, 3, 1), date(2025, 3, 2)));
    assert_eq!(charge.fixed, d("15.00"));
    assert_eq!(
        charge.fees[0].kind,
        FeeKind::ContractPercent { percent: d("1.5") }
    );
}

/// Issue 3's monthly rate, 1.5 % a month, taken as 18 % a year: 10,000 × 1.5 % × 12 × 45/365 =
/// 221.92; on /360 (a 30-day month) 225.00. [derived here; regression]
#[test]
fn monthly_rate_on_both_bases() {
    let mut params = contract();
    params.rate = d("1.5");
    params.rate_unit = RateUnit::Month;
    let input = unpaid("10000", date(2025, 3, 1), date(2025, 4, 15));
    let charge = compute_with(&params, &input);
    assert_eq!(charge.interest, d("221.92"));
    assert_eq!(
        charge.periods[0].formula(Lang::En, ""),
        "10,000.00 × 1.50%/month × 12 × 45/365 = 221.92"
    );
    params.day_basis = DayBasis::Days360;
    assert_eq!(compute_with(&params, &input).interest, d("225.00"));
}

/// Issue 3's daily rate, 万分之五 = 0.05 % a day: 100,000 × 0.05 % × 60 = 3,000.00 (CN-4's
/// arithmetic, late-payment-law.md §3.5 [D]); no day basis involved.
#[test]
fn daily_rate_wan_fen_zhi_wu() {
    let mut params = contract();
    params.rate = d("0.05");
    params.rate_unit = RateUnit::Day;
    params.day_basis = DayBasis::Days360;
    let charge = compute_with(
        &params,
        &unpaid("100000", date(2024, 3, 1), date(2024, 4, 30)),
    );
    assert_eq!(charge.interest, d("3000.00"));
}

/// A grace period that ends on the as-of date: due 31 Jan, 10 days' grace → ends 10 Feb. On
/// 10 Feb nothing is charged yet; on 11 Feb the fee is due and interest runs for the one day
/// after the grace period (1,000 × 36.5 % × 1/365 = 1.00).
#[test]
fn grace_period_ending_on_the_as_of_date() {
    let mut params = contract();
    params.grace_days = 10;
    params.rate = d("36.5");
    params.fixed_fee = d("20");
    let on_last_grace_day = compute_with(
        &params,
        &unpaid("1000", date(2025, 1, 31), date(2025, 2, 10)),
    );
    assert_eq!(on_last_grace_day.total, Decimal::ZERO);
    assert_eq!(
        on_last_grace_day.notices,
        vec![ChargeNotice::WithinGrace {
            ends: date(2025, 2, 10)
        }]
    );
    let day_after = compute_with(
        &params,
        &unpaid("1000", date(2025, 1, 31), date(2025, 2, 11)),
    );
    assert_eq!(day_after.first_day, Some(date(2025, 2, 11)));
    assert_eq!(day_after.days, 1);
    assert_eq!(
        (day_after.interest, day_after.fixed, day_after.total),
        (d("1.00"), d("20"), d("21.00"))
    );
}

/// A cap that binds. 10,000 at 24 % for 365 days = 2,400 interest + 100 fee; cap 5 % of the
/// outstanding (500) → 500, taken off the interest first. With a cap amount of 300 as well,
/// the lower one binds.
#[test]
fn cap_that_binds() {
    let mut params = contract();
    params.rate = d("24");
    params.fixed_fee = d("100");
    params.cap_percent = Some(d("5"));
    let input = unpaid("10000", date(2024, 12, 31), date(2025, 12, 31));
    let charge = compute_with(&params, &input);
    assert_eq!(
        (charge.interest, charge.fixed, charge.total),
        (d("400.00"), d("100"), d("500.00"))
    );
    assert!(charge.notices.contains(&ChargeNotice::CapApplied {
        uncapped: d("2500.00"),
        cap: d("500.00"),
    }));
    params.cap_amount = Some(d("300"));
    assert_eq!(compute_with(&params, &input).total, d("300"));
    // A cap above the charge changes nothing and says nothing.
    params.cap_amount = Some(d("5000"));
    params.cap_percent = None;
    let uncapped = compute_with(&params, &input);
    assert_eq!(uncapped.total, d("2500.00"));
    assert!(uncapped.notices.is_empty());
}

/// Paid before the due date: nothing, not even the fee.
#[test]
fn payment_before_the_due_date() {
    let mut params = contract();
    params.rate = d("10");
    params.fixed_fee = d("40");
    let input = ChargeInput {
        paid_date: Some(date(2025, 1, 20)),
        ..unpaid("1000", date(2025, 1, 31), date(2025, 3, 1))
    };
    let charge = compute_with(&params, &input);
    assert_eq!(charge.total, Decimal::ZERO);
    assert_eq!(charge.notices, vec![ChargeNotice::NotOverdue]);
}

/// /365 in a leap year: 10,000 at 10 % through 2024 = 366 days → 1,002.74.
#[test]
fn leap_year_on_365() {
    let mut params = contract();
    params.rate = d("10");
    let charge = compute_with(
        &params,
        &unpaid("10000", date(2023, 12, 31), date(2024, 12, 31)),
    );
    assert_eq!((charge.days, charge.interest), (366, d("1002.74")));
}

/// A paid date after the as-of date: as of that date the invoice was still unpaid.
#[test]
fn paid_after_the_as_of_date_runs_to_the_as_of_date() {
    let mut params = contract();
    params.rate = d("36.5");
    let input = ChargeInput {
        paid_date: Some(date(2025, 6, 30)),
        ..unpaid("1000", date(2025, 3, 1), date(2025, 3, 11))
    };
    assert_eq!(compute_with(&params, &input).days, 10);
}

/// Negative settings are ignored with a warning, not computed.
#[test]
fn negative_settings_are_ignored() {
    let mut params = contract();
    params.rate = d("-10");
    params.fixed_fee = d("-5");
    params.cap_amount = Some(d("-1"));
    let charge = compute_with(&params, &unpaid("1000", date(2025, 3, 1), date(2025, 4, 1)));
    assert_eq!(charge.total, Decimal::ZERO);
    assert!(charge
        .warnings
        .contains(&ChargeWarning::InvalidSetting(Setting::Rate)));
    assert!(charge
        .warnings
        .contains(&ChargeWarning::InvalidSetting(Setting::FixedFee)));
    assert!(charge
        .warnings
        .contains(&ChargeWarning::InvalidSetting(Setting::CapAmount)));
}

/// No currency of its own: no currency warning, whatever the invoice's.
#[test]
fn contract_terms_have_no_currency_of_their_own() {
    let mut params = contract();
    params.fixed_fee = d("10");
    let mut input = unpaid("1000", date(2025, 3, 1), date(2025, 4, 1));
    input.currency = "JPY";
    assert!(compute_with(&params, &input).warnings.is_empty());
}
