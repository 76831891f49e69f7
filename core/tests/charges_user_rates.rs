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
        source: "Bank of England, Bank Rate page, read 2026-07-02".to_string(),
        overrides_built_in: false,
    }
}

/// A UK debt from the second half of 2026: its reference day is 30 June 2026, past the
/// built-in Bank Rate (known to 2026-03-19). Without an entry: no interest, a warning, and
/// the page asks for exactly that rate. With the user's 3.75 % (a test input): 11.75 %.
/// £5,000 due 2026-07-15, as of 2026-09-30: 16 + 31 + 30 = 77 days;
/// 5,000 × 11.75 % × 77 / 365 = 123.9383… → 123.94, plus the £70 fixed sum.
#[test]
fn uk_debt_from_the_second_half_of_2026_with_and_without_a_user_bank_rate() {
    let mut settings = ChargeSettings::new(ChargeRuleParams::new(RuleKind::UkStatutory));
    let input = unpaid("5000", "GBP", date(2026, 7, 15), date(2026, 9, 30));
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
            date(2026, 6, 30),
            date(2026, 6, 30),
            1
        )
    );
    assert_eq!(
        question.question(Lang::En),
        "Bank of England Bank Rate on 2026-06-30"
    );
    assert!(question.hint(Lang::Zh).contains("英格兰银行"));

    settings.user_rates.push(question.answer(
        d("3.75"),
        "Bank of England, Bank Rate page, read 2026-07-02",
    ));
    let with = compute(&settings, "A", &input);
    assert!(with.is_complete(), "{:?}", with.warnings);
    assert_eq!(with.days, 77);
    assert_eq!(with.periods[0].rate_percent, Some(d("11.75")));
    assert_eq!(with.interest, d("123.94"));
    assert_eq!(with.total, d("193.94"));
    let reference = with.periods[0].reference.as_ref().unwrap();
    assert!(reference.origin.is_user_entered());
    let source = with.periods[0].rate_source(Lang::En);
    assert!(
        source
            .contains("[entered by you; source: Bank of England, Bank Rate page, read 2026-07-02]"),
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

/// Floating LPR across the table's end with one user-entered fixing. Built in to 2025-08-19
/// (3.00 %, in force since 2025-05-20); the user types the fixing published 2025-08-20
/// (3.00 %, a test input); the September one is still missing.
/// 100,000元 due 2025-07-31, as of 2025-10-10, × 1, /360:
/// - 2025-08-01 – 2025-08-19, built in: 19 days × 3,000 / 360 = 158.3333…
/// - 2025-08-20 – 2025-09-21, entered: 12 + 21 = 33 days × 3,000 / 360 = 275.00
/// - 2025-09-22 – 2025-10-10: unknown, no interest, a warning
/// - total 433.3333… → 433.33 (incomplete).
#[test]
fn floating_lpr_across_the_tables_end_with_one_user_fixing() {
    let mut params = ChargeRuleParams::new(RuleKind::CnLpr);
    params.lpr_mode = LprMode::Floating;
    params.lpr_day_basis = DayBasis::Days360;
    let mut settings = ChargeSettings::new(params);
    let input = unpaid("100000", "CNY", date(2025, 7, 31), date(2025, 10, 10));
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
                date(2025, 8, 20),
                date(2025, 9, 21),
                Some(date(2025, 8, 20))
            ),
            (
                date(2025, 9, 22),
                date(2025, 10, 10),
                Some(date(2025, 9, 22))
            ),
        ]
    );
    assert!(asked[0]
        .question(Lang::Zh)
        .starts_with("2025-08-20公布的一年期贷款市场报价利率（LPR）"));

    settings
        .user_rates
        .push(asked[0].answer(d("3.00"), "中国货币网 2025-08-20 公告"));
    let charge = compute(&settings, "A", &input);
    let got: Vec<_> = charge
        .periods
        .iter()
        .map(|p| (p.from, p.to, p.days, p.rate_percent))
        .collect();
    assert_eq!(
        got,
        vec![
            (date(2025, 8, 1), date(2025, 8, 19), 19, Some(d("3"))),
            (date(2025, 8, 20), date(2025, 9, 21), 33, Some(d("3"))),
            (date(2025, 9, 22), date(2025, 10, 10), 19, None),
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
    assert_eq!(charge.interest, d("433.33"));
    assert_eq!(
        charge.warnings,
        vec![ChargeWarning::RateUnknown {
            table: RateTable::CnLpr1Year,
            rate_date: date(2025, 9, 22),
            from: date(2025, 9, 22),
            to: date(2025, 10, 10),
            floating: true,
        }]
    );
    let still = missing_fixings([&charge]);
    assert_eq!(still.len(), 1);
    assert_eq!(still[0].from, date(2025, 9, 22));
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
            built_in_through: date(2026, 3, 19),
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
    let mut cut = entry(lpr, date(2026, 1, 20), date(2026, 2, 19), "3");
    cut.source = long;
    let rates = vec![
        entry(lpr, date(2025, 12, 22), date(2026, 1, 19), "3"),
        entry(lpr, date(2026, 1, 1), date(2026, 1, 31), "2.9"),
        entry(lpr, date(2026, 3, 20), date(2026, 3, 1), "3"),
        entry(lpr, date(2026, 4, 20), date(2026, 5, 19), "45"),
        entry(
            RateTable::CnPbocBenchmark1Year,
            date(2026, 1, 1),
            date(2026, 1, 2),
            "4",
        ),
        cut,
    ];
    // Two entries disagree on 2026-01-01 … 2026-01-19: no rate there rather than a guess.
    let mut params = ChargeRuleParams::new(RuleKind::CnLpr);
    params.lpr_mode = LprMode::Fixed;
    let mut settings = ChargeSettings::new(params);
    settings.user_rates = rates.clone();
    let charge = compute(
        &settings,
        "A",
        &unpaid("1000", "CNY", date(2025, 12, 31), date(2026, 1, 5)),
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
    let day = date(2026, 6, 30);
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
        &unpaid("5000", "GBP", date(2026, 7, 15), date(2026, 9, 30)),
    );
    assert_eq!(charge.interest, d("123.94"));
}
