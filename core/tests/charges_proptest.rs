//! `compute` never panics, whatever the settings and the invoice (the Wasm build aborts on a
//! panic), and its totals always add up.

use chrono::{Days, NaiveDate};
use overdue_core::charges::{
    charge_totals, compute, missing_fixings, sanitize_user_rates, ChargeInput, ChargeRuleParams,
    ChargeSettings, ChargeWarning, DayBasis, DayCount, LprMode, LprSpread, RateTable, RateUnit,
    Rounding, RuleKind, UserRate, USER_RATE_MAX_PERCENT, USER_RATE_MIN_PERCENT,
};
use overdue_core::i18n::Lang;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Any decimal from tiny to `Decimal`'s extremes, negative too.
fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<i64>(), 0u32..=28).prop_map(|(n, scale)| Decimal::new(n, scale)),
        (-100_000_000i64..100_000_000, 0u32..=4).prop_map(|(n, scale)| Decimal::new(n, scale)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
    ]
}

/// Dates from 1800 to 2400: inside and well outside the range the engine accepts.
fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        0u64..219_000,
        // Mostly around the tables' years.
        76_000u64..85_000,
    ]
    .prop_map(|offset| {
        NaiveDate::from_ymd_opt(1800, 1, 1)
            .and_then(|start| start.checked_add_days(Days::new(offset)))
            .unwrap_or(NaiveDate::MIN)
    })
}

fn params() -> impl Strategy<Value = ChargeRuleParams> {
    (
        (
            prop::sample::select(RuleKind::ALL.to_vec()),
            decimal(),
            decimal(),
            decimal(),
            prop::sample::select(RateUnit::ALL.to_vec()),
            any::<u32>(),
            proptest::option::of(decimal()),
            proptest::option::of(decimal()),
        ),
        (
            prop::sample::select(DayBasis::ALL.to_vec()),
            decimal(),
            prop::sample::select(vec![LprMode::Fixed, LprMode::Floating]),
            proptest::option::of(decimal()),
            prop::sample::select(RateUnit::ALL.to_vec()),
            proptest::option::of(date()),
            prop::sample::select(DayCount::ALL.to_vec()),
            prop::sample::select(vec![Rounding::End, Rounding::Daily]),
        ),
        (
            prop::sample::select(LprSpread::ALL.to_vec()),
            decimal(),
            decimal(),
            any::<bool>(),
            proptest::option::of(date()),
        ),
    )
        .prop_map(
            |(
                (rule, fixed_fee, percent_fee, rate, rate_unit, grace, cap_amount, cap_percent),
                (
                    day_basis,
                    cn_multiplier,
                    cn_lpr,
                    cn_agreed_rate,
                    cn_agreed_rate_unit,
                    cn_contract_date,
                    day_count,
                    rounding,
                ),
                (lpr_spread, lpr_multiplier, lpr_margin_bps, lpr_both_ends, lpr_start),
            )| ChargeRuleParams {
                rule,
                fixed_fee,
                percent_fee,
                rate,
                rate_unit,
                // Small grace periods most of the time, any u32 sometimes.
                grace_days: if grace % 4 == 0 { grace } else { grace % 60 },
                cap_amount,
                cap_percent,
                day_basis,
                cn_multiplier,
                cn_lpr,
                cn_day_basis: day_basis,
                cn_agreed_rate,
                cn_agreed_rate_unit,
                cn_contract_date,
                lpr_spread,
                lpr_multiplier,
                lpr_margin_bps,
                lpr_mode: cn_lpr,
                lpr_day_basis: day_basis,
                lpr_both_ends,
                lpr_start,
                day_count,
                rounding,
            },
        )
}

/// Any entry: any table, dates in or out of order and range, any rate, long sources.
fn user_rate() -> impl Strategy<Value = UserRate> {
    (
        prop::sample::select(RateTable::ALL.to_vec()),
        date(),
        date(),
        decimal(),
        prop_oneof![Just(String::new()), "[a-z中文 ]{0,300}"],
        any::<bool>(),
    )
        .prop_map(
            |(table, from, through, percent, source, overrides_built_in)| UserRate {
                table,
                from,
                through,
                percent,
                source,
                overrides_built_in,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the user (or a link) put in the list, sanitising keeps only entries that obey
    /// every rule, and computing with any list never panics.
    #[test]
    fn user_rates_are_sanitised_and_never_panic(
        rates in prop::collection::vec(user_rate(), 0..12),
        params in params(),
        due in date(),
        as_of in date(),
    ) {
        let (kept, problems) = sanitize_user_rates(rates.clone());
        prop_assert!(kept.len() + problems.len() >= rates.len().min(400));
        for (i, a) in kept.iter().enumerate() {
            prop_assert!(a.from <= a.through);
            prop_assert!((USER_RATE_MIN_PERCENT..=USER_RATE_MAX_PERCENT).contains(&a.percent));
            prop_assert!(a.source.chars().count() <= 200);
            for b in &kept[i + 1..] {
                prop_assert!(a.table != b.table || a.through < b.from || b.through < a.from);
            }
        }
        for problem in &problems {
            let _ = problem.describe(Lang::Zh);
        }
        let mut settings = ChargeSettings::new(params);
        settings.user_rates = rates;
        let input = ChargeInput {
            principal: Decimal::from(10_000),
            currency: "CNY",
            due_date: due,
            paid_date: None,
            as_of,
        };
        let charge = compute(&settings, "customer", &input);
        prop_assert_eq!(charge.interest + charge.fixed, charge.total);
        for fixing in missing_fixings([&charge]) {
            prop_assert!(fixing.from <= fixing.through);
            let _ = (fixing.question(Lang::En), fixing.hint(Lang::Zh));
        }
    }

    #[test]
    fn compute_never_panics_and_adds_up(
        params in params(),
        principal in decimal(),
        currency in prop::sample::select(vec!["CNY", "GBP", "EUR", "USD", "", "xx"]),
        due in date(),
        paid in proptest::option::of(date()),
        as_of in date(),
    ) {
        let settings = ChargeSettings::new(params);
        let input = ChargeInput { principal, currency, due_date: due, paid_date: paid, as_of };
        let charge = compute(&settings, "customer", &input);
        prop_assert_eq!(charge.interest + charge.fixed, charge.total);
        let overflowed = charge.warnings.contains(&ChargeWarning::Overflow);
        if !overflowed {
            prop_assert!(charge.total >= Decimal::ZERO, "{:?}", charge);
        }
        if principal <= Decimal::ZERO {
            prop_assert_eq!(charge.total, Decimal::ZERO);
        }
        for period in &charge.periods {
            prop_assert!(period.days >= 1);
            prop_assert!(period.from <= period.to);
            let _ = period.formula(Lang::Zh, currency);
            let _ = period.rate_source(Lang::En);
        }
        for fee in &charge.fees {
            let _ = fee.label(Lang::Zh);
        }
        for warning in &charge.warnings {
            let _ = warning.describe(Lang::En);
        }
        for notice in &charge.notices {
            let _ = notice.describe(Lang::Zh);
        }
        let _ = charge.csv_cells();
        let _ = charge_totals([("customer", &charge), ("customer", &charge)]);
    }
}
