//! Reference rates the user types in (issue 21, item 0): used only where the built-in table
//! stops (or where the user says they replace it), marked with their source, asked for by
//! `missing_fixings`, checked by `sanitize_user_rates`, and carried by a settings link.
//!
//! The percentages typed in below are test inputs standing for what a user would read on the
//! central bank's page; they are not claims about the real rates.

use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::charges::{
    compute, missing_fixings, sanitize_user_rates, ChargeInput, ChargeNotice, ChargeRuleParams,
    ChargeSettings, ChargeWarning, DayBasis, LprMode, RateOrigin, RateTable, RuleKind, UserRate,
    UserRateProblem,
};
use overdue_core::i18n::Lang;
use overdue_core::share::{decode, encode, Fragment, ShareScope};
use overdue_core::workspace::Workspace;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn unpaid(
    principal: &str,
    currency: &'static str,
    due: NaiveDate,
    as_of: NaiveDate,
) -> ChargeInput<'static> {
    ChargeInput {
        principal: d(principal),
        currency,
        due_date: due,
        paid_date: None,
        as_of,
    }
}

fn entry(table: RateTable, from: NaiveDate, through: NaiveDate, percent: &str) -> UserRate {
    UserRate {
        table,
        from,
        through,
        percent: d(percent),
        source: "Bank of England, Bank Rate page, read 2027-01-02".to_string(),
        overrides_built_in: false,
    }
}

/// A UK debt from the second half of 2026 now needs nothing from the user: the built-in Bank
/// Rate reaches its reference day, 30 June 2026 (3.75 %, so 11.75 %).
/// £5,000 due 2026-07-15, as of 2026-09-30: 16 + 31 + 30 = 77 days;
/// 5,000 × 11.75 % × 77 / 365 = 123.9383… → 123.94, plus the £70 fixed sum.
#[test]
fn uk_debt_from_the_second_half_of_2026_needs_no_user_rate() {
    let settings = ChargeSettings::new(ChargeRuleParams::new(RuleKind::UkStatutory));
    let charge = compute(
        &settings,
        "A",
        &unpaid("5000", "GBP", date(2026, 7, 15), date(2026, 9, 30)),
    );
    assert!(charge.is_complete(), "{:?}", charge.warnings);
    assert_eq!(charge.periods[0].rate_percent, Some(d("11.75")));
    assert_eq!((charge.interest, charge.total), (d("123.94"), d("193.94")));
    assert!(missing_fixings([&charge]).is_empty());
}

/// A UK debt from the first half of 2027: its reference day is 31 December 2026, past the
/// built-in Bank Rate (known to 2026-06-30). Without an entry: no interest, a warning, and
/// the page asks for exactly that rate. With the user's 3.75 % (a test input): 11.75 %.
/// £5,000 due 2027-01-15, as of 2027-03-31: 16 + 28 + 31 = 75 days;
/// 5,000 × 11.75 % × 75 / 365 = 120.7191… → 120.72, plus the £70 fixed sum.
#[test]
fn uk_debt_from_the_first_half_of_2027_with_and_without_a_user_bank_rate() {
    let mut settings = ChargeSettings::new(ChargeRuleParams::new(RuleKind::UkStatutory));
    let input = unpaid("5000", "GBP", date(2027, 1, 15), date(2027, 3, 31));
    let without = compute(&settings, "A", &input);
    assert_eq!((without.interest, without.fixed), (d("0"), d("70")));
    assert!(!without.is_complete());
    let asked = missing_fixings([&without]);
    assert_eq!(asked.len(), 1);
    let question = &asked[0];
    assert_eq!(
        (
            question.table,
            question.from,
            question.through,
            question.invoices
        ),
        (
            RateTable::BoeBankRate,
            date(2026, 12, 31),
            date(2026, 12, 31),
            1
        )
    );
    assert_eq!(
        question.question(Lang::En),
        "Bank of England Bank Rate on 2026-12-31"
    );
    assert!(question.hint(Lang::Zh).contains("英格兰银行"));

    settings.user_rates.push(question.answer(
        d("3.75"),
        "Bank of England, Bank Rate page, read 2027-01-02",
    ));
    let with = compute(&settings, "A", &input);
    assert!(with.is_complete(), "{:?}", with.warnings);
    assert_eq!(with.days, 75);
    assert_eq!(with.periods[0].rate_percent, Some(d("11.75")));
    assert_eq!(with.interest, d("120.72"));
    assert_eq!(with.total, d("190.72"));
    let reference = with.periods[0].reference.as_ref().unwrap();
    assert!(reference.origin.is_user_entered());
    let source = with.periods[0].rate_source(Lang::En);
    assert!(
        source
            .contains("[entered by you; source: Bank of England, Bank Rate page, read 2027-01-02]"),
        "{source}"
    );
    assert!(with.notices.iter().any(|n| matches!(
        n,
        ChargeNotice::UserRateUsed {
            table: RateTable::BoeBankRate,
            ..
        }
    )));
    assert!(missing_fixings([&with]).is_empty());
}

/// Floating LPR across the table's end with one user-entered fixing. Built in to 2026-03-19
/// (3.00 %, in force since 2025-05-20); the user types the fixing published 2026-03-20
/// (3.00 %, a test input); the April one is still missing.
/// 100,000元 due 2026-02-28, as of 2026-05-10, × 1, /360:
/// - 2026-03-01 – 2026-03-19, built in: 19 days × 3,000 / 360 = 158.3333…
/// - 2026-03-20 – 2026-04-19, entered: 12 + 19 = 31 days × 3,000 / 360 = 258.3333…
/// - 2026-04-20 – 2026-05-10: unknown, no interest, a warning
/// - total 416.6666… → 416.67 (incomplete).
#[test]
fn floating_lpr_across_the_tables_end_with_one_user_fixing() {
    let mut params = ChargeRuleParams::new(RuleKind::CnLpr);
    params.lpr_mode = LprMode::Floating;
    params.lpr_day_basis = DayBasis::Days360;
    let mut settings = ChargeSettings::new(params);
    let input = unpaid("100000", "CNY", date(2026, 2, 28), date(2026, 5, 10));
    let before = compute(&settings, "A", &input);
    let asked = missing_fixings([&before]);
    let spans: Vec<_> = asked
        .iter()
        .map(|m| (m.from, m.through, m.published_on))
        .collect();
    assert_eq!(
        spans,
        vec![
            (
                date(2026, 3, 20),
                date(2026, 4, 19),
                Some(date(2026, 3, 20))
            ),
            (
                date(2026, 4, 20),
                date(2026, 5, 10),
                Some(date(2026, 4, 20))
            ),
        ]
    );
    assert!(asked[0]
        .question(Lang::Zh)
        .starts_with("2026-03-20公布的一年期贷款市场报价利率（LPR）"));

    settings
        .user_rates
        .push(asked[0].answer(d("3.00"), "中国货币网 2026-03-20 公告"));
    let charge = compute(&settings, "A", &input);
    let got: Vec<_> = charge
        .periods
        .iter()
        .map(|p| (p.from, p.to, p.days, p.rate_percent))
        .collect();
    assert_eq!(
        got,
        vec![
            (date(2026, 3, 1), date(2026, 3, 19), 19, Some(d("3"))),
            (date(2026, 3, 20), date(2026, 4, 19), 31, Some(d("3"))),
            (date(2026, 4, 20), date(2026, 5, 10), 21, None),
        ]
    );
    // Same value, different origin: never joined into one line.
    assert_eq!(
        charge.periods[0].reference.as_ref().unwrap().origin,
        RateOrigin::BuiltIn
    );
    assert!(charge.periods[1]
        .reference
        .as_ref()
        .unwrap()
        .origin
        .is_user_entered());
    assert_eq!(charge.interest, d("416.67"));
    assert_eq!(
        charge.warnings,
        vec![ChargeWarning::RateUnknown {
            table: RateTable::CnLpr1Year,
            rate_date: date(2026, 4, 20),
            from: date(2026, 4, 20),
            to: date(2026, 5, 10),
            floating: true,
        }]
    );
    let still = missing_fixings([&charge]);
    assert_eq!(still.len(), 1);
    assert_eq!(still[0].from, date(2026, 4, 20));
}

/// A user value on a day the built-in table knows is not used (and is refused by the
/// sanitiser), unless the user marks it as replacing the built-in value.
#[test]
fn built_in_values_win_unless_the_user_overrides_knowingly() {
    let mut settings = ChargeSettings::new(ChargeRuleParams::new(RuleKind::UkStatutory));
    // Debt from H1 2024: reference day 2023-12-31, Bank Rate 5.25 built in.
    let input = unpaid("1000", "GBP", date(2024, 1, 10), date(2024, 2, 9));
    let day = date(2023, 12, 31);
    settings
        .user_rates
        .push(entry(RateTable::BoeBankRate, day, day, "1"));
    let charge = compute(&settings, "A", &input);
    assert_eq!(charge.periods[0].rate_percent, Some(d("13.25")));
    assert!(!charge.periods[0]
        .reference
        .as_ref()
        .unwrap()
        .origin
        .is_user_entered());
    let (kept, problems) = sanitize_user_rates(settings.user_rates.clone());
    assert!(kept.is_empty());
    assert_eq!(
        problems,
        vec![UserRateProblem::OverlapsBuiltIn {
            index: 0,
            table: RateTable::BoeBankRate,
            built_in_through: date(2026, 6, 30),
        }]
    );
    settings.user_rates[0].overrides_built_in = true;
    let charge = compute(&settings, "A", &input);
    assert_eq!(charge.periods[0].rate_percent, Some(d("9")));
    let (kept, problems) = sanitize_user_rates(settings.user_rates.clone());
    assert_eq!((kept.len(), problems.len()), (1, 0));
}

/// The sanitiser's rules: range, date order, overlap between entries, closed tables, long
/// sources; and the engine gives no rate where two entries disagree.
#[test]
fn sanitising_refuses_or_clamps_what_breaks_a_rule() {
    let lpr = RateTable::CnLpr1Year;
    let long = "源".repeat(500);
    let mut cut = entry(lpr, date(2027, 1, 20), date(2027, 2, 19), "3");
    cut.source = long;
    let rates = vec![
        entry(lpr, date(2026, 12, 21), date(2027, 1, 19), "3"),
        entry(lpr, date(2027, 1, 1), date(2027, 1, 31), "2.9"),
        entry(lpr, date(2027, 3, 22), date(2027, 3, 1), "3"),
        entry(lpr, date(2027, 4, 20), date(2027, 5, 19), "45"),
        entry(
            RateTable::CnPbocBenchmark1Year,
            date(2026, 1, 1),
            date(2026, 1, 2),
            "4",
        ),
        cut,
    ];
    // Two entries disagree on 2027-01-01 … 2027-01-19: no rate there rather than a guess.
    let mut params = ChargeRuleParams::new(RuleKind::CnLpr);
    params.lpr_mode = LprMode::Fixed;
    let mut settings = ChargeSettings::new(params);
    settings.user_rates = rates.clone();
    let charge = compute(
        &settings,
        "A",
        &unpaid("1000", "CNY", date(2026, 12, 31), date(2027, 1, 5)),
    );
    assert_eq!(charge.periods[0].rate_percent, None);

    let (kept, problems) = sanitize_user_rates(rates);
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[1].source.chars().count(), 200);
    assert_eq!(
        problems,
        vec![
            UserRateProblem::OverlapsEntry { index: 1, other: 0 },
            UserRateProblem::DatesReversed { index: 2 },
            UserRateProblem::RateOutOfRange {
                index: 3,
                percent: d("45")
            },
            UserRateProblem::ClosedTable {
                index: 4,
                table: RateTable::CnPbocBenchmark1Year
            },
            UserRateProblem::SourceCut { index: 5 },
        ]
    );
    for problem in &problems {
        assert_ne!(problem.describe(Lang::Zh), problem.describe(Lang::En));
    }
    let mut settings = ChargeSettings {
        user_rates: (0..450)
            .map(|i| {
                let day = date(2030, 1, 1) + chrono::Days::new(i);
                entry(lpr, day, day, "3")
            })
            .collect(),
        ..ChargeSettings::default()
    };
    let problems = settings.sanitize();
    assert_eq!(settings.user_rates.len(), 400);
    assert_eq!(problems, vec![UserRateProblem::TooMany { dropped: 50 }]);
}

/// A settings-only share link carries the user's rates, so the team gets the current ones;
/// settings without any serialise exactly as before (no `user_rates` key).
#[test]
fn a_settings_link_carries_user_rates() {
    let mut ws = Workspace::default();
    let plain = serde_json::to_string(&ws.settings.charges).unwrap();
    assert!(!plain.contains("user_rates"), "{plain}");
    ws.settings.charges.workspace = ChargeRuleParams::new(RuleKind::UkStatutory);
    let day = date(2026, 12, 31);
    ws.settings
        .charges
        .user_rates
        .push(entry(RateTable::BoeBankRate, day, day, "3.75"));
    let link = encode(&ws, ShareScope::SettingsOnly);
    let back = match decode(&link) {
        Ok(Fragment::Plain(back)) => back,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        back.settings.charges.user_rates,
        ws.settings.charges.user_rates
    );
    let charge = compute(
        &back.settings.charges,
        "A",
        &unpaid("5000", "GBP", date(2027, 1, 15), date(2027, 3, 31)),
    );
    assert_eq!(charge.interest, d("120.72"));
}
