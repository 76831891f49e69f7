//! Acceptance tests: China, the SME Payment Regulation (《保障中小企业款项支付条例》) and the
//! sale-contract LPR rule (法释〔2020〕17号 art. 18), against
//! shared/research/late-payment-law.md §3.
//!
//! The research file has no published worked figure for either rule: CN-4 and CN-5 are [D]
//! (derived there with Python `Decimal` from the rule text) and serve as regression tests.

use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::charges::{
    compute_with, Adjustment, ChargeInput, ChargeNotice, ChargeRuleParams, ChargeWarning, DayBasis,
    DayCount, LprMode, RateTable, RateUnit, RuleKind,
};
use overdue_core::i18n::Lang;
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
        currency: "CNY",
        due_date: due,
        paid_date: Some(paid),
        as_of: date(2025, 12, 31),
    }
}

fn sale(multiplier: &str, basis: DayBasis, lpr: LprMode) -> ChargeRuleParams {
    let mut params = ChargeRuleParams::new(RuleKind::CnSaleLpr);
    params.cn_multiplier = d(multiplier);
    params.cn_day_basis = basis;
    params.cn_lpr = lpr;
    params
}

/// CN-4 [D from 第十七条]: 100,000元 at the regulation's 0.05 % a day, 60 days → 3,000.00元.
/// The result carries the scope notice: only an SME owed by a public body or a large
/// enterprise.
#[test]
fn cn4_sme_regulation_daily_rate() {
    let params = ChargeRuleParams::new(RuleKind::CnSmeRegulation);
    let charge = compute_with(
        &params,
        &paid("100000", date(2024, 3, 1), date(2024, 4, 30)),
    );
    assert_eq!(charge.days, 60);
    assert_eq!(charge.interest, d("3000.00"));
    assert_eq!((charge.fixed, charge.total), (d("0"), d("3000.00")));
    let period = &charge.periods[0];
    assert_eq!(
        (period.rate_percent, period.unit),
        (Some(d("0.05")), RateUnit::Day)
    );
    assert_eq!(
        period.formula(Lang::Zh, ""),
        "100,000.00 × 日利率0.05% × 60 = 3,000.00"
    );
    assert!(charge
        .notices
        .contains(&ChargeNotice::Scope(RuleKind::CnSmeRegulation)));
    let scope = ChargeNotice::Scope(RuleKind::CnSmeRegulation).describe(Lang::Zh);
    assert!(
        scope.contains("中小企业") && scope.contains("大型企业"),
        "{scope}"
    );
}

/// Not retroactive (人民法院案例库 2023-08-2-084-007 [S]): days before 2020-09-01 carry no
/// interest under the regulation; the default continuing after it does. Due 2020-08-01, paid
/// 2020-09-30: 30 days from 1 Sep → 100,000 × 0.05 % × 30 = 1,500.00.
#[test]
fn sme_regulation_applies_only_from_1_september_2020() {
    let params = ChargeRuleParams::new(RuleKind::CnSmeRegulation);
    let charge = compute_with(
        &params,
        &paid("100000", date(2020, 8, 1), date(2020, 9, 30)),
    );
    assert_eq!(charge.periods.len(), 1);
    assert_eq!(charge.periods[0].from, date(2020, 9, 1));
    assert_eq!(charge.periods[0].days, 30);
    assert_eq!(charge.interest, d("1500.00"));
    assert!(charge
        .notices
        .contains(&ChargeNotice::CnSmeNotBefore20200901 {
            from: date(2020, 8, 2),
            to: date(2020, 8, 31),
        }));
    // Entirely before: nothing, with the notice.
    let before = compute_with(&params, &paid("100000", date(2020, 6, 1), date(2020, 7, 1)));
    assert_eq!(before.total, Decimal::ZERO);
    assert!(before.periods.is_empty());
}

/// An agreed rate may not be below the 1-year LPR at contract time (第十七条): 3 % a year agreed
/// on 2024-11-15, when the LPR was 3.10 % → warning; the agreed rate is still what is computed.
/// 100,000 × 3 % × 30/365 = 246.58.
#[test]
fn sme_agreed_rate_below_the_lpr_is_warned() {
    let mut params = ChargeRuleParams::new(RuleKind::CnSmeRegulation);
    params.cn_agreed_rate = Some(d("3"));
    params.cn_contract_date = Some(date(2024, 11, 15));
    let charge = compute_with(
        &params,
        &paid("100000", date(2025, 1, 1), date(2025, 1, 31)),
    );
    assert_eq!(charge.interest, d("246.58"));
    assert_eq!(
        charge.warnings,
        vec![ChargeWarning::CnAgreedRateBelowLpr {
            agreed_annual_percent: d("3"),
            lpr_percent: d("3.1"),
            contract_date: date(2024, 11, 15),
        }]
    );
    // 4 % is above: no warning.
    params.cn_agreed_rate = Some(d("4"));
    assert!(compute_with(
        &params,
        &paid("100000", date(2025, 1, 1), date(2025, 1, 31))
    )
    .warnings
    .is_empty());
    // 0.01 % a day annualises to 3.65 % on 365 days: above 3.10.
    params.cn_agreed_rate = Some(d("0.01"));
    params.cn_agreed_rate_unit = RateUnit::Day;
    assert!(compute_with(
        &params,
        &paid("100000", date(2025, 1, 1), date(2025, 1, 31))
    )
    .warnings
    .is_empty());
    // Without the contract date the check cannot be made, and says so.
    params.cn_contract_date = None;
    assert_eq!(
        compute_with(
            &params,
            &paid("100000", date(2025, 1, 1), date(2025, 1, 31))
        )
        .warnings,
        vec![ChargeWarning::CnContractDateMissing]
    );
}

/// CN-5 [D]: 1,000,000元, breach 2024-11-01 (LPR 3.10 %), 100 days.
/// × 1.3 → 4.03 %: 11,041.10 (/365), 11,194.44 (/360); × 1.5 → 4.65 %: 12,739.73 (/365),
/// 12,916.67 (/360). The breach is the first interest day, the day after the due date.
#[test]
fn cn5_sale_contract_lpr_four_ways() {
    let input = paid("1000000", date(2024, 10, 31), date(2025, 2, 8));
    for (multiplier, basis, rate, expected) in [
        ("1.3", DayBasis::Days365, "4.03", "11041.10"),
        ("1.3", DayBasis::Days360, "4.03", "11194.44"),
        ("1.5", DayBasis::Days365, "4.65", "12739.73"),
        ("1.5", DayBasis::Days360, "4.65", "12916.67"),
    ] {
        let charge = compute_with(&sale(multiplier, basis, LprMode::Fixed), &input);
        assert_eq!(charge.days, 100);
        assert_eq!(charge.periods[0].rate_percent, Some(d(rate)));
        assert_eq!(charge.interest, d(expected), "{multiplier} {basis:?}");
        let reference = charge.periods[0].reference.clone().unwrap();
        assert_eq!(
            (reference.table, reference.observed_on, reference.rate),
            (RateTable::CnLpr1Year, date(2024, 11, 1), Some(d("3.1")))
        );
        assert_eq!(reference.adjustment, Adjustment::Times(d(multiplier)));
    }
    let charge = compute_with(&sale("1.3", DayBasis::Days365, LprMode::Fixed), &input);
    assert_eq!(
        charge.periods[0].rate_source(Lang::Zh),
        "一年期LPR 3.10%（2024-11-01，2024-10-21公布起适用）× 1.3 = 4.03%"
    );
}

/// Fixed at the breach vs floating (同期LPR): across the 2025-05-20 cut (3.10 → 3.00), × 1.3.
/// Floating: 19 days at 4.03 % + 42 days at 3.90 % → 6,585.48 [D]; fixed: 61 days at 4.03 %
/// → 6,735.07 [D].
#[test]
fn sale_contract_floating_lpr_splits_at_each_change() {
    let input = paid("1000000", date(2025, 4, 30), date(2025, 6, 30));
    let floating = compute_with(&sale("1.3", DayBasis::Days365, LprMode::Floating), &input);
    let lines: Vec<(NaiveDate, i64, Option<Decimal>)> = floating
        .periods
        .iter()
        .map(|p| (p.from, p.days, p.rate_percent))
        .collect();
    assert_eq!(
        lines,
        vec![
            (date(2025, 5, 1), 19, Some(d("4.03"))),
            (date(2025, 5, 20), 42, Some(d("3.9"))),
        ]
    );
    assert_eq!(floating.interest, d("6585.48"));
    let fixed = compute_with(&sale("1.3", DayBasis::Days365, LprMode::Fixed), &input);
    assert_eq!(fixed.interest, d("6735.07"));
}

/// Floating past the LPR table's last known date (2026-03-19: the February 2026 fixing holds
/// until the March publication): the later days get no rate and a warning.
#[test]
fn floating_lpr_past_the_table_is_unknown() {
    let mut input = paid("1000000", date(2026, 1, 31), date(2026, 4, 30));
    input.as_of = date(2026, 6, 30);
    let charge = compute_with(&sale("1.5", DayBasis::Days360, LprMode::Floating), &input);
    assert_eq!(charge.periods.len(), 2);
    assert_eq!(charge.periods[0].to, date(2026, 3, 19));
    assert_eq!(charge.periods[1].rate_percent, None);
    assert_eq!(
        charge.warnings,
        vec![ChargeWarning::RateUnknown {
            table: RateTable::CnLpr1Year,
            rate_date: date(2026, 3, 20),
            from: date(2026, 3, 20),
            to: date(2026, 4, 30),
            floating: true,
        }]
    );
}

/// The multiplier is 1.3–1.5 (加计30–50%); anything else is brought into range with a warning.
#[test]
fn multiplier_outside_the_range_is_clamped() {
    let input = paid("1000000", date(2024, 10, 31), date(2025, 2, 8));
    let charge = compute_with(&sale("2", DayBasis::Days365, LprMode::Fixed), &input);
    assert_eq!(charge.interest, d("12739.73"));
    assert_eq!(
        charge.warnings,
        vec![ChargeWarning::MultiplierOutOfRange {
            given: d("2"),
            used: d("1.5"),
        }]
    );
}

/// Breach before 2019-08-20: the PBOC benchmark (4.35 % since 2015-10-24, §3.3 [S]) instead of
/// the LPR. × 1.5 → 6.525 %, 30 days on 1,000,000 → 5,363.01 [D].
#[test]
fn breach_before_the_lpr_uses_the_benchmark() {
    let input = paid("1000000", date(2019, 6, 30), date(2019, 7, 30));
    let charge = compute_with(&sale("1.5", DayBasis::Days365, LprMode::Floating), &input);
    assert_eq!(charge.periods[0].rate_percent, Some(d("6.525")));
    assert_eq!(charge.interest, d("5363.01"));
    assert!(charge.notices.contains(&ChargeNotice::CnBenchmarkBeforeLpr));
}

/// Chinese practice differs on whether the first and last day count (§3.3): the option moves
/// the count by one day either way.
#[test]
fn day_count_options_for_chinese_practice() {
    let mut params = ChargeRuleParams::new(RuleKind::CnSmeRegulation);
    let input = paid("100000", date(2024, 3, 1), date(2024, 4, 30));
    params.day_count = DayCount::IncludeDue;
    assert_eq!(compute_with(&params, &input).interest, d("3050.00"));
    params.day_count = DayCount::ExcludeEnd;
    assert_eq!(compute_with(&params, &input).interest, d("2950.00"));
}

/// Another currency: computed, with a warning.
#[test]
fn cny_rules_warn_on_other_currencies() {
    let mut input = paid("100000", date(2024, 3, 1), date(2024, 4, 30));
    input.currency = "USD";
    let charge = compute_with(&ChargeRuleParams::new(RuleKind::CnSmeRegulation), &input);
    assert_eq!(charge.interest, d("3000.00"));
    assert!(matches!(
        charge.warnings[0],
        ChargeWarning::CurrencyMismatch {
            rule_currency: "CNY",
            ..
        }
    ));
}
