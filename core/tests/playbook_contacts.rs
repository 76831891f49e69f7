//! The contact log (催收记录) feeding the playbook: a logged call is the call step done, the
//! reason given picks the path, a promise pauses escalation and a broken one raises the risk;
//! the log is newest first, travels in data links only, and old workspaces still open.

use std::str::FromStr;

use chrono::NaiveDate;
mod playbook_support;
use overdue_core::paste::Invoice;
use overdue_core::playbook::contacts::*;
use overdue_core::playbook::*;
use overdue_core::share::{shareable, ShareScope};
use overdue_core::workspace::Workspace;
use playbook_support::{as_of, first, open_invoice, plus, run_on};
use rust_decimal::Decimal;

/// An invoice of customer "华东机电" `days` past due (invented data).
fn invoice(number: &str, days: i64, outstanding: &str) -> Invoice {
    open_invoice("华东机电", number, "CNY", plus(as_of(), -days), outstanding)
}

fn entry(date: NaiveDate, channel: Channel, reason: Option<ContactReason>) -> ContactEntry {
    ContactEntry {
        customer: "华东机电".into(),
        date,
        time: None,
        channel,
        person: "王会计".into(),
        said: "说月底前付".into(),
        reason,
        promise: None,
        next_step: String::new(),
    }
}

fn assess_with(invoices: &[Invoice], log: &[ContactEntry], on: NaiveDate) -> PlaybookReport {
    let annotations = with_log(&Annotations::new(), log, invoices, on);
    run_on(invoices, &annotations, &PlaybookSettings::default(), on)
}

fn step(report: &PlaybookReport, action: CollectionAction) -> Option<Step> {
    first(report)
        .steps
        .iter()
        .find(|s| s.action == action)
        .cloned()
}

#[test]
fn a_logged_call_marks_the_call_step_done_and_an_unanswered_one_does_not() {
    // 25 days late: formal stage; the notice went out 8 days ago, the call is due.
    let invoices = vec![invoice("FP-1", 25, "18000")];
    let notice = plus(as_of(), -8);
    let mut log = vec![entry(notice, Channel::Letter, None)];
    let mut annotations = Annotations::new();
    mark_done(
        &mut annotations,
        &[InvoiceKey::of(&invoices[0])],
        CollectionAction::SendFormalNotice,
        notice,
    );
    let run_with = |log: &[ContactEntry]| {
        let merged = with_log(&annotations, log, &invoices, as_of());
        run_on(&invoices, &merged, &PlaybookSettings::default(), as_of())
    };
    let before = run_with(&log);
    assert!(step(&before, CollectionAction::CallPayablesContact)
        .unwrap()
        .is_due(as_of()));
    log.push(entry(
        as_of(),
        Channel::Phone,
        Some(ContactReason::NoAnswer),
    ));
    let no_answer = run_with(&log);
    assert!(step(&no_answer, CollectionAction::CallPayablesContact)
        .unwrap()
        .is_due(as_of()));
    log.push(entry(
        as_of(),
        Channel::Phone,
        Some(ContactReason::PaymentSystem),
    ));
    let called = run_with(&log);
    assert_eq!(
        step(&called, CollectionAction::CallPayablesContact)
            .unwrap()
            .done,
        Some(as_of())
    );
}

#[test]
fn cash_flow_given_as_the_reason_brings_the_payment_plan() {
    let invoices = vec![invoice("FP-2", 20, "9000")];
    let without = assess_with(&invoices, &[], as_of());
    assert!(step(&without, CollectionAction::OfferPaymentPlan).is_none());
    let log = [entry(
        plus(as_of(), -1),
        Channel::WeChat,
        Some(ContactReason::CashFlow),
    )];
    let with = assess_with(&invoices, &log, as_of());
    assert!(step(&with, CollectionAction::OfferPaymentPlan).is_some());
    assert!(first(&with).why.contains(&Reason::CashFlow));
}

#[test]
fn a_promise_pauses_escalation_until_it_passes_and_a_broken_one_raises_the_risk() {
    let invoices = vec![invoice("FP-3", 40, "30000")];
    let mut call = entry(
        plus(as_of(), -2),
        Channel::Phone,
        Some(ContactReason::CashFlow),
    );
    call.promise = Some(Promise {
        pay_by: plus(as_of(), 5),
        amount: Some(Decimal::from(30000)),
    });
    let log = [call];
    let kept = assess_with(&invoices, &log, as_of());
    assert!(first(&kept).paused_until.is_some());
    assert_eq!(kept.today[0].kind, ItemKind::Promised);
    assert_eq!(kept.customers[0].broken_promises, 0);

    // Ten days on, still unpaid: the promise is broken.
    let later = plus(as_of(), 10);
    let broken = assess_with(&invoices, &log, later);
    assert!(first(&broken).paused_until.is_none());
    assert_eq!(broken.customers[0].broken_promises, 1);
    assert!(broken.customers[0].points > kept.customers[0].points);
}

#[test]
fn entries_are_newest_first_and_a_future_entry_is_not_yet_in_force() {
    let old = entry(plus(as_of(), -5), Channel::Email, None);
    let mut new = entry(as_of(), Channel::Phone, Some(ContactReason::CashFlow));
    new.said = "newest".into();
    let other = ContactEntry {
        customer: "别家".into(),
        ..old.clone()
    };
    let log = vec![old.clone(), other, new.clone()];
    let listed = entries_for(&log, "华东机电");
    assert_eq!(listed, vec![&new, &old]);

    let invoices = vec![invoice("FP-4", 20, "100")];
    let future = [entry(
        plus(as_of(), 1),
        Channel::Phone,
        Some(ContactReason::CashFlow),
    )];
    assert!(with_log(&Annotations::new(), &future, &invoices, as_of()).is_empty());
}

#[test]
fn the_log_travels_in_data_links_only_and_old_workspaces_open_without_it() {
    let mut ws = Workspace::default();
    ws.contacts.push(entry(as_of(), Channel::Visit, None));
    assert_eq!(
        shareable(&ws, ShareScope::SettingsAndData).contacts.len(),
        1
    );
    assert!(shareable(&ws, ShareScope::SettingsOnly).contacts.is_empty());
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(back.contacts, ws.contacts);
    // A workspace saved before the log existed has no "contacts" key.
    let old = Workspace::from_json(&Workspace::default().to_json()).unwrap();
    assert!(!Workspace::default().to_json().contains("contacts"));
    assert!(old.contacts.is_empty());
}

#[test]
fn a_stored_log_is_kept_within_its_bounds() {
    let mut long = entry(as_of(), Channel::Phone, None);
    long.said = "长".repeat(MAX_LOG_TEXT_CHARS + 10);
    long.promise = Some(Promise {
        pay_by: as_of(),
        amount: Some(Decimal::from(-5)),
    });
    let log = bounded(vec![long; MAX_LOG_ENTRIES + 3]);
    assert_eq!(log.len(), MAX_LOG_ENTRIES);
    assert_eq!(log[0].said.chars().count(), MAX_LOG_TEXT_CHARS);
    assert_eq!(log[0].promise.as_ref().unwrap().amount, None);
}

#[test]
fn the_log_exports_as_excel_safe_csv_newest_first() {
    let mut first = entry(plus(as_of(), -3), Channel::Email, None);
    first.said = "=HYPERLINK(\"x\")".into();
    let mut second = entry(as_of(), Channel::Phone, Some(ContactReason::CashFlow));
    second.promise = Some(Promise {
        pay_by: plus(as_of(), 7),
        amount: Some(Decimal::from_str("12000.5").unwrap()),
    });
    let csv = log_csv(&[first, second], overdue_core::i18n::Lang::En);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], LOG_COLUMNS_EN.join(","));
    assert_eq!(
        lines[1],
        "华东机电,2025-10-31,,phone,王会计,说月底前付,cash_flow,2025-11-07,12000.50,"
    );
    assert!(lines[2].contains("'=HYPERLINK"), "{}", lines[2]);
    let zh = log_csv(
        &[entry(as_of(), Channel::WeChat, None)],
        overdue_core::i18n::Lang::Zh,
    );
    assert!(zh.starts_with("客户,日期"));
    assert!(zh.contains(",微信,"));
}

#[test]
fn every_channel_and_reason_is_found_again_by_its_key_and_nothing_else_is() {
    for channel in Channel::ALL {
        assert_eq!(Channel::from_key(channel.key()), Some(channel));
    }
    for reason in ContactReason::ALL {
        assert_eq!(ContactReason::from_key(reason.key()), Some(reason));
    }
    assert_eq!(Channel::from_key("fax"), None);
    assert_eq!(ContactReason::from_key(""), None);
}
