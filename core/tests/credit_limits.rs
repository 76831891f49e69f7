//! Limits, exposure, the suggested limit and the holds, on constructed ledgers read the way the
//! page reads them (`report::derive` on pasted text), and what the credit edits do.

use chrono::NaiveDate;
use overdue_core::credit::{CreditLimit, Hold, HoldReason, Terms};
use overdue_core::edit::Edit;
use overdue_core::limits::sanitize;
use overdue_core::playbook::{Annotation, InvoiceKey, PromiseToPay};
use overdue_core::report::{derive, Report};
use overdue_core::share::{shareable, ShareScope};
use overdue_core::workspace::Workspace;
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dec(n: i64) -> Decimal {
    Decimal::from(n)
}

const AS_OF: (i32, u32, u32) = (2025, 12, 31);

fn as_of() -> NaiveDate {
    d(AS_OF.0, AS_OF.1, AS_OF.2)
}

const HEADER: &str =
    "Invoice\tCustomer\tInvoice date\tDue date\tAmount\tPaid\tPaid date\tCurrency\n";

fn workspace(rows: &str) -> Workspace {
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(as_of());
    ws.input.text = format!("{HEADER}{rows}").into();
    ws
}

fn report(ws: &Workspace) -> Report {
    let r = derive(ws, as_of());
    assert!(r.parsed.errors.is_empty(), "{:?}", r.parsed.errors);
    r
}

/// 华强: CNY 1,000 overdue and 500 not yet due, a paid one and a credit note that do not
/// count; USD 200 open, never added to the CNY figures.
const MIXED: &str = "A1\t华强电子\t2025-11-01\t2025-12-01\t1000\t0\t\tCNY\n\
                     A2\t华强电子\t2025-12-10\t2026-01-10\t500\t0\t\tCNY\n\
                     A3\t华强电子\t2025-10-01\t2025-11-01\t800\t800\t2025-10-30\tCNY\n\
                     A4\t华强电子\t2025-12-01\t2025-12-01\t-300\t0\t\tCNY\n\
                     U1\t华强电子\t2025-12-01\t2026-01-31\t200\t0\t\tUSD\n";

#[test]
fn exposure_is_per_currency_due_and_not_yet_due() {
    let r = report(&workspace(MIXED));
    let c = r.credit.customer("华强电子").unwrap();
    assert_eq!(c.exposure.len(), 2);
    let cny = &c.exposure[0];
    assert_eq!(
        (cny.currency.as_str(), cny.overdue, cny.not_due),
        ("CNY", dec(1000), dec(500))
    );
    let usd = &c.exposure[1];
    assert_eq!(
        (usd.currency.as_str(), usd.overdue, usd.not_due),
        ("USD", dec(0), dec(200))
    );
    // No limit set anywhere: none applies, nothing is "used".
    assert_eq!(c.limit, None);
    assert_eq!(c.used, None);
}

#[test]
fn over_its_own_limit_holds_shipment_and_says_by_how_much() {
    let mut ws = workspace(MIXED);
    ws.apply(Edit::SetCreditLimit {
        customer: "华强电子".into(),
        limit: Some(CreditLimit {
            amount: dec(1200),
            currency: "CNY".into(),
        }),
    });
    let r = report(&ws);
    let c = r.credit.customer("华强电子").unwrap();
    assert_eq!(c.used, Some(dec(1500)));
    assert!(c.over_limit());
    assert_eq!(c.recommendation.hold, Hold::Hold);
    assert_eq!(
        c.recommendation.why[0],
        HoldReason::OverLimit {
            used: dec(1500),
            limit: dec(1200),
            currency: "CNY".into()
        }
    );
    // A limit in USD counts only the USD exposure.
    ws.apply(Edit::SetCreditLimit {
        customer: "华强电子".into(),
        limit: Some(CreditLimit {
            amount: dec(1200),
            currency: "USD".into(),
        }),
    });
    let r = report(&ws);
    let c = r.credit.customer("华强电子").unwrap();
    assert_eq!(c.used, Some(dec(200)));
    assert_eq!(c.recommendation.hold, Hold::Clear);
}

#[test]
fn the_default_limit_applies_in_the_default_currency() {
    let mut ws = workspace(MIXED);
    let mut credit = ws.settings.credit.clone();
    credit.default_limit = Some(dec(2000));
    ws.apply(Edit::SetCreditSettings(credit));
    let r = report(&ws);
    let c = r.credit.customer("华强电子").unwrap();
    let limit = c.limit.clone().unwrap();
    assert_eq!(
        (limit.amount, limit.currency.as_str(), limit.own),
        (dec(2000), "CNY", false)
    );
    assert!(!c.over_limit());
}

/// Twelve monthly invoices of CNY 10,000, each paid `late` days after its due date.
fn monthly(late: u32) -> String {
    (1..=12)
        .map(|m| {
            let due = d(2025, m, 20);
            let paid = due + chrono::Duration::days(i64::from(late));
            let paid = if paid > as_of() { as_of() } else { paid };
            format!("M{m}\t美达贸易\t2025-{m:02}-05\t{due}\t10000\t10000\t{paid}\tCNY\n")
        })
        .collect()
}

#[test]
fn the_suggested_limit_follows_the_stated_rule() {
    // On time: 2 × the monthly average of 10,000.
    let r = report(&workspace(&monthly(0)));
    let s = r
        .credit
        .customer("美达贸易")
        .unwrap()
        .suggestion
        .clone()
        .unwrap();
    assert_eq!(
        (s.monthly_average, s.months, s.reduction_percent),
        (dec(10000), 12, 0)
    );
    assert_eq!(s.amount, dec(20000));
    // Ten days late on average (on time by a 10-day grace, so still graded B): 10 % less.
    let mut ws = workspace(&monthly(10));
    ws.settings.credit.grace_days = 10;
    let r = report(&ws);
    assert_eq!(
        r.credit.customer("美达贸易").unwrap().graded.grade,
        Some(overdue_core::credit::Grade::B)
    );
    let s = r
        .credit
        .customer("美达贸易")
        .unwrap()
        .suggestion
        .clone()
        .unwrap();
    assert_eq!((s.reduction_percent, s.amount), (10, dec(18000)));
}

#[test]
fn a_broken_promise_lowers_the_suggestion_and_holds_orders() {
    let mut ws = workspace(&format!(
        "{}X1\t美达贸易\t2025-10-01\t2025-11-30\t5000\t0\t\tCNY\n",
        monthly(0)
    ));
    ws.annotations.insert(
        InvoiceKey::new("美达贸易", "X1"),
        Annotation {
            promises: vec![PromiseToPay {
                pay_by: d(2025, 12, 15),
                made_on: d(2025, 12, 5),
            }],
            ..Default::default()
        },
    );
    let r = report(&ws);
    let c = r.credit.customer("美达贸易").unwrap();
    assert_eq!(c.graded.history.broken_promises, 1);
    let s = c.suggestion.clone().unwrap();
    // 125,000 over 12 months; 2 days late on average (X1 is 31 days late so far, over 13
    // invoices) and one broken promise: 22 % off.
    assert_eq!(s.reduction_percent, 22);
    assert_eq!(c.recommendation.hold, Hold::Hold);
    assert!(c
        .recommendation
        .why
        .contains(&HoldReason::BrokenPromises { count: 1 }));
}

#[test]
fn accepting_a_suggestion_sets_the_customers_own_limit() {
    let mut ws = workspace(&monthly(0));
    let r = report(&ws);
    let s = r
        .credit
        .customer("美达贸易")
        .unwrap()
        .suggestion
        .clone()
        .unwrap();
    ws.apply(Edit::SetCreditLimit {
        customer: "美达贸易".into(),
        limit: Some(CreditLimit {
            amount: s.amount,
            currency: s.currency.clone(),
        }),
    });
    let r = report(&ws);
    let limit = r
        .credit
        .customer("美达贸易")
        .unwrap()
        .limit
        .clone()
        .unwrap();
    assert_eq!((limit.amount, limit.own), (dec(20000), true));
    // Cleared again: the entry goes, so the workspace looks as it did.
    ws.apply(Edit::SetCreditLimit {
        customer: "美达贸易".into(),
        limit: None,
    });
    assert!(ws.settings.credit.customers.is_empty());
}

#[test]
fn deep_arrears_hold_and_grade_d_asks_for_prepayment() {
    // 70 days past due: past the pre-legal stage (31–60 days by default), in escalation.
    let r = report(&workspace(
        "P1\t老客户\t2025-09-01\t2025-10-22\t3000\t0\t\tCNY\n",
    ));
    let c = r.credit.customer("老客户").unwrap();
    assert_eq!(c.recommendation.hold, Hold::Hold);
    assert_eq!(c.recommendation.terms, Terms::PrepaymentOrLc);
    assert!(c.recommendation.why.contains(&HoldReason::PastPreLegal {
        invoice: "P1".into(),
        days_past_due: 70
    }));
    assert!(c.recommendation.why.contains(&HoldReason::GradeD));
    // Grade D suggests no credit at all.
    assert_eq!(c.suggestion.clone().unwrap().amount, dec(0));
}

#[test]
fn a_new_customer_pays_before_delivery_for_its_first_orders() {
    let r = report(&workspace(
        "N1\t新客户\t2025-12-20\t2026-01-19\t3000\t0\t\tCNY\n",
    ));
    let c = r.credit.customer("新客户").unwrap();
    assert_eq!(c.graded.grade, None);
    assert_eq!(c.recommendation.terms, Terms::CashBeforeDelivery);
    assert_eq!(c.recommendation.hold, Hold::Clear);
    assert_eq!(
        c.recommendation.why,
        vec![HoldReason::NewCustomer {
            invoices: 1,
            first_orders: 3
        }]
    );
}

#[test]
fn a_hold_the_user_placed_is_lifted_once_the_account_is_in_order() {
    let mut ws = workspace(&monthly(0));
    ws.apply(Edit::SetHold {
        customer: "美达贸易".into(),
        since: Some(d(2025, 11, 1)),
    });
    let r = report(&ws);
    let c = r.credit.customer("美达贸易").unwrap();
    assert_eq!(c.recommendation.hold, Hold::Lift);
    assert_eq!(
        c.recommendation.why,
        vec![HoldReason::BackInOrder {
            since: d(2025, 11, 1)
        }]
    );
    ws.apply(Edit::SetHold {
        customer: "美达贸易".into(),
        since: None,
    });
    assert_eq!(
        report(&ws)
            .credit
            .customer("美达贸易")
            .unwrap()
            .recommendation
            .hold,
        Hold::Clear
    );
}

#[test]
fn per_customer_credit_travels_in_data_links_only_and_is_bounded() {
    let mut ws = workspace(MIXED);
    ws.apply(Edit::SetCreditLimit {
        customer: "华强电子".into(),
        limit: Some(CreditLimit {
            amount: dec(1200),
            currency: "CNY".into(),
        }),
    });
    let mut credit = ws.settings.credit.clone();
    credit.default_limit = Some(dec(5000));
    ws.apply(Edit::SetCreditSettings(credit));
    let settings_only = shareable(&ws, ShareScope::SettingsOnly);
    assert!(settings_only.settings.credit.customers.is_empty());
    assert_eq!(settings_only.settings.credit.default_limit, Some(dec(5000)));
    let data = shareable(&ws, ShareScope::SettingsAndData);
    assert_eq!(data.settings.credit.customers.len(), 1);

    // A workspace saved before credit existed loads with the defaults, and a default one
    // writes no credit field at all.
    let old = Workspace::from_json(r#"{"version":1,"input":{"text":"x"}}"#).unwrap();
    assert!(old.settings.credit.is_default());
    assert!(!Workspace::default().to_json().contains(r#""credit":"#));
    assert!(!Workspace::default().to_json().contains(r#""calendar":"#));

    // A hostile negative limit is clamped.
    let mut hostile = ws.clone();
    hostile
        .settings
        .credit
        .customers
        .get_mut("华强电子")
        .unwrap()
        .limit
        .as_mut()
        .unwrap()
        .amount = dec(-5);
    let (clean, changed) = sanitize(hostile);
    assert!(!changed.is_empty());
    let limit = clean.settings.credit.customers["华强电子"]
        .limit
        .clone()
        .unwrap();
    assert_eq!(limit.amount, dec(0));
}

#[test]
fn an_insured_buyer_gets_its_cover_notice_day_and_claim_day() {
    let mut ws = workspace(MIXED);
    ws.settings.playbook.credit_insured = true;
    ws.settings.playbook.insurer_notice_days = 60;
    let mut credit = ws.settings.credit.clone();
    credit.claim_waiting_days = Some(90);
    ws.apply(Edit::SetCreditSettings(credit));
    ws.apply(Edit::SetInsuredLimit {
        customer: "华强电子".into(),
        limit: Some(dec(1200)),
    });
    let r = report(&ws);
    let i = r
        .credit
        .customer("华强电子")
        .unwrap()
        .insurance
        .clone()
        .unwrap();
    // CNY 1,500 in use, 1,200 insured; the oldest overdue invoice fell due on 1 December.
    assert_eq!((i.covered, i.uncovered), (dec(1200), dec(300)));
    assert_eq!(i.notice_by, Some(d(2026, 1, 30)));
    assert_eq!(i.claim_from, Some(d(2026, 4, 30)));
    // Without a policy, nothing is said.
    ws.settings.playbook.credit_insured = false;
    assert_eq!(
        report(&ws).credit.customer("华强电子").unwrap().insurance,
        None
    );
}
