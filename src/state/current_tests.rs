//! Edits made from the current state (`current.rs`), natively: changes built before the page
//! redraws, as a quick user or a slow phone makes them, all land.

use chrono::NaiveDate;
use overdue_core::calendar::CalendarChoice;
use overdue_core::edit::Edit;
use overdue_core::i18n::Lang;
use overdue_core::paste::Field;
use overdue_core::playbook::sent::{SentChannel, SentLetter};
use overdue_core::playbook::{DisputeReason, InvoiceKey, LetterKind};
use overdue_core::workspace::Workspace;
use rust_decimal::Decimal;

use super::*;

/// Runs the work untimed.
const UNTIMED: Timer = Timer::NONE;

const LEDGER: &str = "Invoice\tCustomer\tDue date\tAmount\nA1\tACME\t2025-09-01\t100\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 31).unwrap()
}

fn state() -> AppState {
    let mut workspace = Workspace::default();
    workspace.input.text = LEDGER.into();
    AppState::new(workspace, today(), Lang::En, Saved::Nothing, UNTIMED)
}

/// Applies every action in turn to the state the previous one left.
fn after(state: &AppState, actions: Vec<Action>) -> AppState {
    actions
        .into_iter()
        .fold(state.clone(), |s, a| s.next(a).unwrap_or(s))
}

#[test]
fn a_whole_group_sent_as_drawn_loses_the_change_before_it() {
    // The hazard `current.rs` is there for: two callbacks built from the same render, each
    // sending the letter settings as drawn with its own field changed.
    let s = state();
    let drawn = &s.workspace.settings.letters;
    let mut zh = drawn.clone();
    zh.sender.company = "宁波远航进出口有限公司".into();
    let mut en = drawn.clone();
    en.sender.en.company = "Ningbo Yuanhang".into();
    let next = after(
        &s,
        vec![
            Action::edit(Edit::SetLetters(zh)),
            Action::edit(Edit::SetLetters(en)),
        ],
    );
    assert_eq!(next.workspace.settings.letters.sender.company, "");
}

#[test]
fn field_changes_made_before_a_redraw_all_land() {
    let s = state();
    let acme = || "ACME".to_string();
    let actions = vec![
        Action::letters(|l| l.sender.company = "宁波远航进出口有限公司".into()),
        Action::letters(|l| l.sender.en.company = "Ningbo Yuanhang".into()),
        Action::customer_profile(acme(), |p| p.address = "1 Main St".into()),
        Action::customer_profile(acme(), |p| p.large_or_public = true),
        Action::contract(TermsOf::Default, |t| t.number = "HT-1".into()),
        Action::contract(TermsOf::Customer(acme()), |t| t.number = "HT-ACME".into()),
        Action::letters(|l| l.deadline_days = 10),
        Action::playbook(|p| p.friendly_until_days = 20),
        Action::playbook(|p| p.call_after_days = 5),
        Action::credit(|c| c.grace_days = 3),
        Action::credit(|c| c.default_limit = Some(Decimal::from(50_000))),
        Action::calendar(|c| c.choice = CalendarChoice::WeekendsOnly),
        Action::calendar(|c| c.holidays = vec![today()]),
        Action::charge_params(|p| {
            p.grace_days = 7;
            true
        }),
        Action::charge_params(|p| {
            p.fixed_fee = Decimal::from(40);
            true
        }),
    ];
    let next = after(&s, actions);
    let settings = &next.workspace.settings;
    let letters = &settings.letters;
    assert_eq!(letters.sender.company, "宁波远航进出口有限公司");
    assert_eq!(letters.sender.en.company, "Ningbo Yuanhang");
    let profile = &letters.customers["ACME"];
    assert_eq!(profile.address, "1 Main St");
    assert!(profile.large_or_public);
    assert_eq!(profile.contract.number, "HT-ACME");
    assert_eq!(letters.contract.number, "HT-1");
    assert_eq!(letters.deadline_days, 10);
    assert_eq!(settings.playbook.friendly_until_days, 20);
    assert_eq!(settings.playbook.call_after_days, 5);
    assert_eq!(settings.credit.grace_days, 3);
    assert_eq!(settings.credit.default_limit, Some(Decimal::from(50_000)));
    assert_eq!(settings.calendar.choice, CalendarChoice::WeekendsOnly);
    assert_eq!(settings.calendar.holidays, vec![today()]);
    assert_eq!(settings.charges.workspace.grace_days, 7);
    assert_eq!(settings.charges.workspace.fixed_fee, Decimal::from(40));
}

#[test]
fn a_charge_change_that_did_not_read_edits_nothing() {
    let s = state();
    assert!(s.next(Action::charge_params(|_| false)).is_none());
}

#[test]
fn a_dispute_keeps_what_was_recorded_since_the_form_was_drawn() {
    let s = state();
    let key = InvoiceKey {
        customer: "ACME".into(),
        number: "A1".into(),
    };
    // A date or an amount without a dispute recorded changes nothing.
    let day = NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();
    let none = s.next(Action::dispute(key.clone(), move |d| {
        Some(overdue_core::playbook::Dispute {
            since: day,
            ..d?.clone()
        })
    }));
    assert!(none.is_none());
    let next = after(
        &s,
        vec![
            Action::dispute(key.clone(), |d| {
                Some(overdue_core::playbook::Dispute {
                    reason: DisputeReason::Quality,
                    disputed_amount: d.and_then(|d| d.disputed_amount),
                    since: d.map_or(today(), |d| d.since),
                })
            }),
            Action::dispute(key.clone(), move |d| {
                Some(overdue_core::playbook::Dispute {
                    since: day,
                    ..d?.clone()
                })
            }),
            Action::dispute(key.clone(), |d| {
                Some(overdue_core::playbook::Dispute {
                    disputed_amount: Some(Decimal::from(30)),
                    ..d?.clone()
                })
            }),
        ],
    );
    let dispute = next.workspace.annotations[&key].dispute.clone().unwrap();
    assert_eq!(dispute.reason, DisputeReason::Quality);
    assert_eq!(dispute.since, day);
    assert_eq!(dispute.disputed_amount, Some(Decimal::from(30)));
}

#[test]
fn proof_fields_typed_one_after_another_all_land() {
    let s = after(
        &state(),
        vec![Action::edit(Edit::RecordSent(SentLetter {
            id: 0,
            customer: "ACME".into(),
            date: today(),
            kind: LetterKind::Demand,
            lang: Lang::Zh,
            channel: SentChannel::Post,
            invoices: Vec::new(),
            courier: String::new(),
            reference: String::new(),
            received: None,
            acknowledged: None,
        }))],
    );
    let id = s.workspace.letters_sent[0].id;
    assert!(s
        .next(Action::sent_proof(id + 1, |p| p.courier = "EMS".into()))
        .is_none());
    let next = after(
        &s,
        vec![
            Action::sent_proof(id, |p| p.courier = "顺丰".into()),
            Action::sent_proof(id, |p| p.reference = "SF123".into()),
            Action::sent_proof(id, |p| p.received = Some(today())),
        ],
    );
    let entry = &next.workspace.letters_sent[0];
    assert_eq!(
        (
            entry.courier.as_str(),
            entry.reference.as_str(),
            entry.received
        ),
        ("顺丰", "SF123", Some(today()))
    );
    assert_eq!(entry.channel, SentChannel::Post);
}

#[test]
fn column_choices_made_before_a_redraw_all_land() {
    let s = state();
    let next = after(
        &s,
        vec![
            Action::mapping(|m| m[1] = Field::Ignore),
            Action::mapping(|m| m[0] = Field::Ignore),
        ],
    );
    let fields: Vec<Field> = next.report.parsed.columns.iter().map(|c| c.field).collect();
    assert_eq!(fields[..2], [Field::Ignore, Field::Ignore]);
    assert_eq!(fields[3], Field::Amount);
}
