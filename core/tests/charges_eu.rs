//! Acceptance tests: EU Late Payment Directive minimum, Germany §288 BGB and France L441-10,
//! against shared/research/late-payment-law.md §2.
//!
//! Tags as in the research file: [V] official text, [S] secondary source, [D] derived there
//! with Python `Decimal` (regression values, not independent oracles).

use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::charges::{
    compute_with, ChargeInput, ChargeNotice, ChargeRuleParams, ChargeWarning, FeeKind, RateTable,
    RuleKind,
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
        currency: "EUR",
        due_date: due,
        paid_date: Some(paid),
        as_of: date(2026, 12, 31),
    }
}

fn rule(kind: RuleKind) -> ChargeRuleParams {
    ChargeRuleParams::new(kind)
}

/// (from, to, days, rate) of each period.
fn lines(
    params: &ChargeRuleParams,
    input: &ChargeInput,
) -> Vec<(NaiveDate, NaiveDate, i64, Decimal)> {
    compute_with(params, input)
        .periods
        .iter()
        .map(|p| (p.from, p.to, p.days, p.rate_percent.unwrap_or(Decimal::MIN)))
        .collect()
}

/// EU-1. fiscavo.com [S]: €4,500 at 11 %, 30 days → €40.68 + €40 = €80.68 [D]. 11 % is no
/// half-year's Directive rate, so the example is reproduced with the contract rule.
#[test]
fn eu1_fiscavo_example_as_contract_terms() {
    let mut params = rule(RuleKind::Contract);
    params.rate = d("11");
    params.fixed_fee = d("40");
    let charge = compute_with(&params, &paid("4500", date(2025, 3, 1), date(2025, 3, 31)));
    assert_eq!(charge.days, 30);
    assert_eq!((charge.interest, charge.total), (d("40.68"), d("80.68")));
}

/// EU-2. payrequest.io calculator [S]: €1,000 at 10.5 %, 30 days → €8.63 + €40, €1,048.63
/// with the principal [D]. 10.5 % is the 2023-H1 minimum (ECB 2.50 on 1 Jan 2023 + 8).
#[test]
fn eu2_payrequest_example() {
    let charge = compute_with(
        &rule(RuleKind::EuDirective),
        &paid("1000", date(2023, 2, 1), date(2023, 3, 3)),
    );
    assert_eq!(charge.days, 30);
    assert_eq!(charge.periods[0].rate_percent, Some(d("10.5")));
    assert_eq!((charge.interest, charge.fixed), (d("8.63"), d("40")));
    assert_eq!(d("1000") + charge.total, d("1048.63"));
}

/// EU-3. duetrail.com calculator [S]: €5,000 at 10.15 % (2026-H1 minimum), 30 days → €41.71 +
/// €40 = €81.71 [D].
#[test]
fn eu3_duetrail_example() {
    let charge = compute_with(
        &rule(RuleKind::EuDirective),
        &paid("5000", date(2026, 1, 10), date(2026, 2, 9)),
    );
    assert_eq!(charge.periods[0].rate_percent, Some(d("10.15")));
    assert_eq!((charge.interest, charge.total), (d("41.71"), d("81.71")));
    assert!(charge.is_complete());
}

/// Art. 3(2): the rate of 1 January for the first half-year, of 1 July for the second. The
/// 2026-H2 rate (ECB rate on 1 July 2026) is not known (open item 5): the days after 30 June
/// 2026 get no rate and a warning, never the last rate carried forward.
#[test]
fn eu_half_year_past_the_table_is_unknown() {
    let input = paid("10000", date(2026, 6, 20), date(2026, 7, 10));
    let charge = compute_with(&rule(RuleKind::EuDirective), &input);
    assert_eq!(charge.periods.len(), 2);
    assert_eq!(
        (charge.periods[0].days, charge.periods[0].rate_percent),
        (10, Some(d("10.15")))
    );
    assert_eq!(charge.periods[1].rate_percent, None);
    assert_eq!(
        charge.warnings,
        vec![ChargeWarning::RateUnknown {
            table: RateTable::EcbMro,
            rate_date: date(2026, 7, 1),
            from: date(2026, 7, 1),
            to: date(2026, 7, 10),
            floating: false,
        }]
    );
    // Only the known days: 10,000 × 10.15 % × 10/365 = 27.81.
    assert_eq!(charge.interest, d("27.81"));
    assert!(charge.periods[1]
        .formula(Lang::En, "EUR")
        .contains("no rate known"));
}

/// DE-1. ameax/bgb-interest `tests/Unit/BgbInterestTest.php` [S]: €10,000 B2B from 2023-01-01
/// to 2023-07-01. The library applies 10.62 % to all 181 days → €526.64. We split at 1 July as
/// §247/§288 and jura-basic.de require: 180 days at 10.62 % and 1 day at 12.12 % → €527.05
/// [D]. The €0.41 difference is the documented convention, not rounding.
#[test]
fn de1_ameax_example_split_at_1_july() {
    let input = paid("10000", date(2023, 1, 1), date(2023, 7, 1));
    let params = rule(RuleKind::DeBgb288);
    assert_eq!(
        lines(&params, &input),
        vec![
            (date(2023, 1, 2), date(2023, 6, 30), 180, d("10.62")),
            (date(2023, 7, 1), date(2023, 7, 1), 1, d("12.12")),
        ]
    );
    let charge = compute_with(&params, &input);
    assert_eq!(charge.days, 181);
    assert_eq!(charge.interest, d("527.05"));
    assert_eq!(charge.fixed, d("40"));
    assert_eq!(
        charge.fees[0].kind,
        FeeKind::Statutory {
            rule: RuleKind::DeBgb288
        }
    );
}

/// Germany, a period across 1 July 2024 (Basiszinssatz 3.62 → 3.37; §2.3 [D]): 15 days at
/// 12.62 % and 15 days at 12.37 % on €10,000 → €102.70 [D].
#[test]
fn de_half_year_split_2024() {
    let input = paid("10000", date(2024, 6, 15), date(2024, 7, 15));
    let params = rule(RuleKind::DeBgb288);
    assert_eq!(
        lines(&params, &input),
        vec![
            (date(2024, 6, 16), date(2024, 6, 30), 15, d("12.62")),
            (date(2024, 7, 1), date(2024, 7, 15), 15, d("12.37")),
        ]
    );
    let charge = compute_with(&params, &input);
    assert_eq!(charge.interest, d("102.70"));
    assert_eq!(
        charge.periods[0].rate_source(Lang::En),
        "Basiszinssatz 3.62% on 2024-01-01 + 9 points = 12.62%"
    );
}

/// Half-years at the same rate read as one line: 2019 is all −0.88 + 9 = 8.12 % [D]:
/// €10,000 × 8.12 % × 365/365 = €812.00.
#[test]
fn de_equal_half_years_merge_into_one_line() {
    let input = paid("10000", date(2018, 12, 31), date(2019, 12, 31));
    let charge = compute_with(&rule(RuleKind::DeBgb288), &input);
    assert_eq!(charge.periods.len(), 1);
    assert_eq!(charge.periods[0].rate_percent, Some(d("8.12")));
    assert_eq!(charge.interest, d("812.00"));
}

/// §2.3 footnote [S: bauprofessor.de, baurechtsuche.de]: obligations from before 29 July 2014
/// carry 8 points: 2014-H1 −0.63 + 8 = 7.37 %.
#[test]
fn de_obligations_before_29_july_2014_carry_8_points() {
    let charge = compute_with(
        &rule(RuleKind::DeBgb288),
        &paid("10000", date(2014, 3, 1), date(2014, 3, 31)),
    );
    assert_eq!(charge.periods[0].rate_percent, Some(d("7.37")));
    assert!(charge
        .notices
        .contains(&ChargeNotice::DeEightPointsBefore2014));
    let later = compute_with(
        &rule(RuleKind::DeBgb288),
        &paid("10000", date(2014, 9, 1), date(2014, 9, 30)),
    );
    assert_eq!(later.periods[0].rate_percent, Some(d("8.27")));
}

/// FR-1. lexing.law [S]: €10,000, 3 months late in 2014-H1 at 0.25 + 10 = 10.25 %. lexing says
/// "pénalité de 256 €", which is 10,000 × 10.25 % × 3/12 = 256.25; on days, as bpifrance's
/// formula does (montant × taux × jours / 365), 90 days give €252.74 [D]. The difference is
/// lexing's months-based approximation, documented in the research file.
#[test]
fn fr1_lexing_example_on_days() {
    let charge = compute_with(
        &rule(RuleKind::FrL441_10),
        &paid("10000", date(2014, 1, 1), date(2014, 4, 1)),
    );
    assert_eq!(charge.days, 90);
    assert_eq!(charge.periods[0].rate_percent, Some(d("10.25")));
    assert_eq!(charge.interest, d("252.74"));
    assert_eq!(charge.fixed, d("40"));
}

/// bpifrance [S]: 2024-H2 is 14.25 %. Trap in §2.5: propulsebyca.fr quotes 13.65 % (the
/// September 2024 ECB rate + 10); under the half-year rule October 2024 is still 14.25 %.
/// €10,000 × 14.25 % × 30/365 = €117.12 [D].
#[test]
fn fr_2024_h2_is_14_25_not_13_65() {
    let charge = compute_with(
        &rule(RuleKind::FrL441_10),
        &paid("10000", date(2024, 9, 30), date(2024, 10, 30)),
    );
    assert_eq!(charge.periods[0].rate_percent, Some(d("14.25")));
    assert_eq!(charge.interest, d("117.12"));
}

/// France, across 1 July 2024: 10 days at 14.50 % and 10 at 14.25 % → €78.77 [D], + €40 per
/// invoice.
#[test]
fn fr_half_year_split_2024() {
    let input = paid("10000", date(2024, 6, 20), date(2024, 7, 10));
    let params = rule(RuleKind::FrL441_10);
    assert_eq!(
        lines(&params, &input),
        vec![
            (date(2024, 6, 21), date(2024, 6, 30), 10, d("14.5")),
            (date(2024, 7, 1), date(2024, 7, 10), 10, d("14.25")),
        ]
    );
    let charge = compute_with(&params, &input);
    assert_eq!((charge.interest, charge.total), (d("78.77"), d("118.77")));
}

/// A leap day is an interest day like any other: due 28 Feb 2024, paid 1 Mar 2024 = 2 days
/// (29 Feb, 1 Mar) → €10,000 × 14.50 % × 2/365 = €7.95 [D].
#[test]
fn leap_day_counts() {
    let charge = compute_with(
        &rule(RuleKind::FrL441_10),
        &paid("10000", date(2024, 2, 28), date(2024, 3, 1)),
    );
    assert_eq!(charge.days, 2);
    assert_eq!(charge.interest, d("7.95"));
}

/// Paid early: nothing, not even the €40.
#[test]
fn early_payment_costs_nothing() {
    for kind in [
        RuleKind::EuDirective,
        RuleKind::DeBgb288,
        RuleKind::FrL441_10,
    ] {
        let charge = compute_with(
            &rule(kind),
            &paid("10000", date(2024, 6, 30), date(2024, 6, 1)),
        );
        assert_eq!(charge.total, Decimal::ZERO, "{kind:?}");
        assert!(charge.notices.contains(&ChargeNotice::NotOverdue));
    }
}
