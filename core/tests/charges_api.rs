//! The late-charges API as the shell and the rest of the core use it: stored settings and their
//! stable keys, per-customer overrides, the breakdown's text, the tables' reach, totals and the
//! export cells.

use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::charges::{
    charge_totals, compute, compute_with, rate_tables, ChargeInput, ChargeNotice, ChargeRuleParams,
    ChargeSettings, ChargeWarning, DayBasis, LprMode, RateTable, RateUnit, RuleKind, Setting,
    CSV_COLUMNS,
};
use overdue_core::i18n::Lang;
use overdue_core::paste::Invoice;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn input(currency: &str) -> ChargeInput<'_> {
    ChargeInput {
        principal: d("10000"),
        currency,
        due_date: date(2025, 7, 1),
        paid_date: Some(date(2025, 7, 31)),
        as_of: date(2025, 12, 31),
    }
}

#[test]
fn the_default_is_no_charge() {
    let settings = ChargeSettings::default();
    assert_eq!(settings.workspace.rule, RuleKind::None);
    let charge = compute(&settings, "Anyone", &input("CNY"));
    assert_eq!(charge.total, Decimal::ZERO);
    assert!(charge.periods.is_empty() && charge.warnings.is_empty() && charge.notices.is_empty());
    assert_eq!(charge.csv_cells(), ["0.00", "0.00", "0.00", "none"]);
}

#[test]
fn stored_form_uses_the_stable_keys() {
    let mut workspace = ChargeRuleParams::new(RuleKind::Contract);
    workspace.rate = d("1.5");
    workspace.rate_unit = RateUnit::Month;
    workspace.day_basis = DayBasis::Days360;
    let mut settings = ChargeSettings::new(workspace);
    let mut cn = ChargeRuleParams::new(RuleKind::CnSaleLpr);
    cn.cn_lpr = LprMode::Floating;
    cn.cn_contract_date = Some(date(2024, 1, 15));
    settings.per_customer.insert("华东贸易".into(), cn);
    let json = serde_json::to_string(&settings).unwrap();
    for fragment in [
        r#""rule":"contract""#,
        r#""rate":"1.5""#,
        r#""rate_unit":"month""#,
        r#""day_basis":"360""#,
        r#""per_customer":{"华东贸易":{"rule":"cn-sale-lpr""#,
        r#""cn_lpr":"floating""#,
        r#""cn_contract_date":"2024-01-15""#,
        r#""rounding":"end""#,
        r#""day_count":"after-due""#,
    ] {
        assert!(json.contains(fragment), "{fragment} in {json}");
    }
    let back: ChargeSettings = serde_json::from_str(&json).unwrap();
    assert_eq!(back, settings);
}

#[test]
fn missing_fields_take_their_defaults() {
    let settings: ChargeSettings = serde_json::from_str("{}").unwrap();
    assert_eq!(settings, ChargeSettings::default());
    let settings: ChargeSettings =
        serde_json::from_str(r#"{"rule":"uk-statutory","per_customer":{"A":{"rule":"none"}}}"#)
            .unwrap();
    assert_eq!(settings.workspace.rule, RuleKind::UkStatutory);
    assert_eq!(settings.workspace.cn_multiplier, d("1.3"));
    assert_eq!(settings.per_customer["A"].rule, RuleKind::None);
}

#[test]
fn every_key_of_issue_3_is_accepted() {
    let keys = [
        "none",
        "contract",
        "uk-statutory",
        "eu-directive",
        "de-bgb288",
        "fr-l441-10",
        "cn-sme-regulation",
        "cn-sale-lpr",
        "cn-lpr",
        "us-prompt-payment",
    ];
    assert_eq!(RuleKind::ALL.map(RuleKind::key), keys);
    for key in keys {
        let rule = RuleKind::from_key(key).unwrap();
        assert_eq!(rule.key(), key);
        assert!(!rule.name(Lang::Zh).is_empty() && !rule.name(Lang::En).is_empty());
    }
    assert_eq!(RateUnit::ALL.map(RateUnit::key), ["year", "month", "day"]);
    assert_eq!(DayBasis::ALL.map(DayBasis::key), ["365", "360"]);
}

#[test]
fn a_customer_override_replaces_the_workspace_rule() {
    let mut settings = ChargeSettings::new(ChargeRuleParams::new(RuleKind::EuDirective));
    settings.per_customer.insert(
        "Acme Ltd".into(),
        ChargeRuleParams::new(RuleKind::UkStatutory),
    );
    let acme = compute(&settings, "Acme Ltd", &input("GBP"));
    let other = compute(&settings, "Other GmbH", &input("EUR"));
    assert_eq!(acme.rule, RuleKind::UkStatutory);
    assert_eq!(other.rule, RuleKind::EuDirective);
    // UK 2025-H2: 12.25 %; EU 2025-H2: 10.15 %.
    assert_eq!(acme.periods[0].rate_percent, Some(d("12.25")));
    assert_eq!(other.periods[0].rate_percent, Some(d("10.15")));
}

/// The formula shown on the page and in letters (issue 3's example: 10,000.00 × 12.25% ×
/// 30/365 = 100.68).
#[test]
fn formula_and_rate_source_text() {
    let charge = compute_with(&ChargeRuleParams::new(RuleKind::UkStatutory), &input("GBP"));
    let period = &charge.periods[0];
    assert_eq!(period.days, 30);
    assert_eq!(
        period.formula(Lang::En, ""),
        "10,000.00 × 12.25% × 30/365 = 100.68"
    );
    assert_eq!(
        period.formula(Lang::Zh, "GBP"),
        "GBP 10,000.00 × 12.25% × 30/365 = GBP 100.68"
    );
    assert_eq!(
        period.rate_source(Lang::En),
        "Bank Rate 4.25% on 2025-06-30 + 8 points = 12.25%"
    );
    assert_eq!(
        period.rate_source(Lang::Zh),
        "英国基准利率 4.25%（2025-06-30）+ 8个百分点 = 12.25%"
    );
    assert_eq!((charge.interest, charge.fixed), (d("100.68"), d("100")));
    assert!(charge.fees[0].label(Lang::En).contains("s.5A"));
    assert!(charge.fees[0].label(Lang::Zh).contains("第5A条"));
}

#[test]
fn the_tables_show_their_reach() {
    let tables = rate_tables();
    let last = |t: RateTable| tables.iter().find(|i| i.table == t).unwrap().last_known;
    assert_eq!(last(RateTable::BoeBankRate), date(2026, 6, 30));
    assert_eq!(last(RateTable::EcbMro), date(2026, 2, 5));
    assert_eq!(last(RateTable::DeBasiszinssatz), date(2026, 6, 30));
    assert_eq!(last(RateTable::CnLpr1Year), date(2026, 3, 19));
    assert_eq!(last(RateTable::UsPromptPayment), date(2025, 6, 30));
    for info in &tables {
        assert!(info.source.contains("late-payment-law.md"), "{info:?}");
        assert!(!info.table.name(Lang::Zh).is_empty());
    }
}

#[test]
fn totals_per_customer_and_per_currency() {
    let params = ChargeRuleParams::new(RuleKind::EuDirective);
    let eur = compute_with(&params, &input("EUR"));
    let eur2 = compute_with(&params, &input("EUR"));
    let gbp = compute_with(&ChargeRuleParams::new(RuleKind::UkStatutory), &input("GBP"));
    let (customers, currencies) = charge_totals([("A", &eur), ("B", &eur2), ("A", &gbp)]);
    assert_eq!(customers.len(), 3);
    assert_eq!(currencies.len(), 2);
    let eur_total = currencies.iter().find(|t| t.currency == "EUR").unwrap();
    assert_eq!(eur_total.total, eur.total + eur2.total);
    assert_eq!(eur_total.charged, 2);
    assert_eq!(eur_total.customer, None);
}

#[test]
fn export_cells() {
    assert_eq!(
        CSV_COLUMNS,
        [
            "late_interest",
            "fixed_compensation",
            "late_charge",
            "charge_rule"
        ]
    );
    let charge = compute_with(&ChargeRuleParams::new(RuleKind::UkStatutory), &input("GBP"));
    assert_eq!(
        charge.csv_cells(),
        ["100.68", "100.00", "200.68", "uk-statutory"]
    );
}

fn invoice(outstanding: &str, paid: &str, paid_date: Option<NaiveDate>) -> Invoice {
    Invoice {
        line: 2,
        number: "INV-1".into(),
        customer: "Acme".into(),
        currency: "GBP".into(),
        invoice_date: None,
        due_date: date(2025, 7, 1),
        due_derived: false,
        amount: d("10000"),
        paid: d(paid),
        outstanding: d(outstanding),
        paid_date,
        notes: String::new(),
        salesperson: None,
    }
}

#[test]
fn input_for_a_pasted_invoice() {
    let as_of = date(2025, 12, 31);
    // Open: the outstanding balance, to the as-of date.
    let open = invoice("4000", "6000", Some(date(2025, 7, 20)));
    let i = ChargeInput::for_invoice(&open, as_of);
    assert_eq!((i.principal, i.paid_date), (d("4000"), None));
    // Settled late: the amount paid, to the paid date.
    let settled = invoice("0", "10000", Some(date(2025, 7, 31)));
    let i = ChargeInput::for_invoice(&settled, as_of);
    assert_eq!(
        (i.principal, i.paid_date),
        (d("10000"), Some(date(2025, 7, 31)))
    );
    let charge = compute_with(&ChargeRuleParams::new(RuleKind::UkStatutory), &i);
    assert_eq!(charge.interest, d("100.68"));
    // Settled without a paid date: nothing to charge.
    let unknown = invoice("0", "10000", None);
    let charge = compute_with(
        &ChargeRuleParams::new(RuleKind::UkStatutory),
        &ChargeInput::for_invoice(&unknown, as_of),
    );
    assert_eq!(charge.total, Decimal::ZERO);
    assert!(charge.notices.contains(&ChargeNotice::NothingOwed));
}

#[test]
fn absurd_inputs_give_warnings() {
    let params = ChargeRuleParams::new(RuleKind::UkStatutory);
    let mut far = input("GBP");
    far.as_of = date(9999, 1, 1);
    far.paid_date = None;
    assert_eq!(
        compute_with(&params, &far).warnings,
        vec![ChargeWarning::DateOutOfRange]
    );
    let mut huge = input("GBP");
    huge.principal = d("1e20");
    assert_eq!(
        compute_with(&params, &huge).warnings,
        vec![ChargeWarning::AmountTooLarge]
    );
    let mut contract = ChargeRuleParams::new(RuleKind::Contract);
    contract.rate = Decimal::MAX;
    contract.rate_unit = RateUnit::Month;
    let charge = compute_with(&contract, &input("GBP"));
    assert_eq!(charge.warnings, vec![ChargeWarning::Overflow]);
    assert_eq!(charge.total, Decimal::ZERO);
    contract.rate = d("1");
    contract.grace_days = u32::MAX;
    assert!(compute_with(&contract, &input("GBP"))
        .warnings
        .contains(&ChargeWarning::InvalidSetting(Setting::GraceDays)));
}

#[test]
fn every_warning_and_notice_reads_in_both_languages() {
    let warnings = [
        ChargeWarning::RateUnknown {
            table: RateTable::EcbMro,
            rate_date: date(2026, 7, 1),
            from: date(2026, 7, 1),
            to: date(2026, 7, 10),
            floating: false,
        },
        ChargeWarning::CurrencyMismatch {
            rule_currency: "EUR",
            invoice_currency: "CNY".into(),
        },
        ChargeWarning::CnAgreedRateBelowLpr {
            agreed_annual_percent: d("3"),
            lpr_percent: d("3.1"),
            contract_date: date(2024, 11, 15),
        },
        ChargeWarning::CnContractDateMissing,
        ChargeWarning::CnLprUnknownOnContractDate {
            contract_date: date(2018, 1, 1),
        },
        ChargeWarning::MultiplierOutOfRange {
            given: d("2"),
            used: d("1.5"),
        },
        ChargeWarning::InvalidSetting(Setting::Rate),
        ChargeWarning::InvalidSetting(Setting::GraceDays),
        ChargeWarning::DateOutOfRange,
        ChargeWarning::AmountTooLarge,
        ChargeWarning::Overflow,
    ];
    for w in &warnings {
        let (zh, en) = (w.describe(Lang::Zh), w.describe(Lang::En));
        assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{w:?}");
    }
    let notices = RuleKind::ALL
        .into_iter()
        .filter(|r| r.is_statutory())
        .map(ChargeNotice::Scope)
        .chain([
            ChargeNotice::NotOverdue,
            ChargeNotice::WithinGrace {
                ends: date(2025, 2, 10),
            },
            ChargeNotice::NothingOwed,
            ChargeNotice::CapApplied {
                uncapped: d("2500"),
                cap: d("500"),
            },
            ChargeNotice::CnSmeNotBefore20200901 {
                from: date(2020, 8, 2),
                to: date(2020, 8, 31),
            },
            ChargeNotice::CnBenchmarkBeforeLpr,
            ChargeNotice::UsOneYearLimit {
                last_day: date(2024, 7, 10),
            },
            ChargeNotice::UsUnderOneDollar,
            ChargeNotice::DeEightPointsBefore2014,
        ]);
    for n in notices {
        let (zh, en) = (n.describe(Lang::Zh), n.describe(Lang::En));
        assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{n:?}");
    }
}
