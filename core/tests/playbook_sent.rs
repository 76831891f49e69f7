//! The letters-sent log feeding the playbook: a letter recorded as sent is its step done (no
//! second first reminder), a notice's deadline runs from its receipt, an acknowledgment (and,
//! under PRC law, a demand that arrived) restarts the limitation period; the log is bounded
//! and sanitised, newest first, travels in data links only, and old workspaces still open.
//! Also the evidence checklist. All data invented.

use chrono::NaiveDate;
mod playbook_support;
use overdue_core::edit::Edit;
use overdue_core::i18n::Lang;
use overdue_core::paste::Invoice;
use overdue_core::playbook::contacts::{Channel, ContactEntry};
use overdue_core::playbook::evidence::*;
use overdue_core::playbook::sent::*;
use overdue_core::playbook::*;
use overdue_core::report;
use overdue_core::share::{shareable, ShareScope};
use overdue_core::workspace::Workspace;
use playbook_support::{as_of, dec, first, open_invoice, plus, run_on};
use rust_decimal::Decimal;

const CUSTOMER: &str = "华东机电";

/// An invoice of [`CUSTOMER`] `days` past due on the as-of date.
fn invoice(number: &str, days: i64, outstanding: &str) -> Invoice {
    open_invoice(CUSTOMER, number, "CNY", plus(as_of(), -days), outstanding)
}

fn letter(kind: LetterKind, date: NaiveDate, numbers: &[&str]) -> SentLetter {
    SentLetter {
        id: 0,
        customer: CUSTOMER.into(),
        date,
        kind,
        lang: Lang::Zh,
        channel: SentChannel::Post,
        invoices: numbers
            .iter()
            .map(|n| SentInvoice {
                number: n.to_string(),
                amount: dec("12800.00"),
                currency: "CNY".into(),
            })
            .collect(),
        courier: String::new(),
        reference: String::new(),
        received: None,
        acknowledged: None,
    }
}

fn assess_with(
    invoices: &[Invoice],
    log: &[SentLetter],
    settings: &PlaybookSettings,
) -> PlaybookReport {
    let on = as_of();
    let annotations = with_sent(
        &Annotations::new(),
        log,
        invoices,
        settings.limitation.jurisdiction,
        on,
    );
    run_on(invoices, &annotations, settings, on)
}

fn step(report: &PlaybookReport, action: CollectionAction) -> Option<Step> {
    first(report)
        .steps
        .iter()
        .find(|s| s.action == action)
        .cloned()
}

#[test]
fn no_second_first_reminder_once_one_was_recorded() {
    let invoices = [invoice("FP-1", 10, "12800.00")];
    let settings = PlaybookSettings::default();
    let before = assess_with(&invoices, &[], &settings);
    assert_eq!(first(&before).stage, Stage::Friendly);
    assert!(step(&before, CollectionAction::SendReminder)
        .unwrap()
        .is_due(as_of()));
    assert_eq!(first(&before).letter, Some(LetterKind::Reminder));

    let sent = [letter(LetterKind::Reminder, plus(as_of(), -4), &["FP-1"])];
    let after = assess_with(&invoices, &sent, &settings);
    assert_eq!(
        step(&after, CollectionAction::SendReminder).unwrap().done,
        Some(plus(as_of(), -4))
    );
    assert_ne!(first(&after).letter, Some(LetterKind::Reminder));

    // One sent on the due date itself, before the friendly stage began, counts too.
    let early = [letter(LetterKind::Reminder, plus(as_of(), -10), &["FP-1"])];
    let after = assess_with(&invoices, &early, &settings);
    assert!(step(&after, CollectionAction::SendReminder)
        .unwrap()
        .done
        .is_some());
    assert_ne!(first(&after).letter, Some(LetterKind::Reminder));

    // A reminder for another invoice of the customer does not cover this one; one dated after
    // the as-of date has not gone out yet.
    for other in [
        letter(LetterKind::Reminder, plus(as_of(), -4), &["FP-2"]),
        letter(LetterKind::Reminder, plus(as_of(), 1), &["FP-1"]),
    ] {
        let report = assess_with(&invoices, &[other], &settings);
        assert!(step(&report, CollectionAction::SendReminder)
            .unwrap()
            .done
            .is_none());
    }
}

#[test]
fn a_letter_listing_no_invoices_covers_every_open_one_of_the_customer() {
    let invoices = [invoice("FP-1", 10, "100"), invoice("FP-2", 12, "200")];
    let sent = [letter(LetterKind::Reminder, plus(as_of(), -1), &[])];
    let report = assess_with(&invoices, &sent, &PlaybookSettings::default());
    for assessment in report.assessments() {
        let reminder = assessment
            .steps
            .iter()
            .find(|s| s.action == CollectionAction::SendReminder)
            .unwrap();
        assert_eq!(reminder.done, Some(plus(as_of(), -1)));
    }
}

#[test]
fn the_demand_deadline_runs_from_its_receipt() {
    let invoices = [invoice("FP-1", 20, "12800.00")];
    let settings = PlaybookSettings::default();
    let sent_on = plus(as_of(), -4);
    let mut demand = letter(LetterKind::Demand, sent_on, &["FP-1"]);

    let report = assess_with(&invoices, std::slice::from_ref(&demand), &settings);
    let a = first(&report);
    assert_eq!(a.stage, Stage::Formal);
    assert_eq!(a.payment_deadline, Some(plus(sent_on, 7)));
    assert_eq!(
        step(&report, CollectionAction::CallPayablesContact)
            .unwrap()
            .due,
        plus(sent_on, 7)
    );

    let received = plus(as_of(), -1);
    demand.received = Some(received);
    let report = assess_with(&invoices, std::slice::from_ref(&demand), &settings);
    let a = first(&report);
    assert_eq!(a.payment_deadline, Some(plus(received, 7)));
    assert_eq!(
        step(&report, CollectionAction::CallPayablesContact)
            .unwrap()
            .due,
        plus(received, 7)
    );
    assert!(a.why.contains(&Reason::NoticeReceived {
        received,
        pay_by: plus(received, 7)
    }));
    assert!(a.why.iter().any(|r| r.describe(Lang::Zh).contains("签收")));

    // A receipt the as-of date has not reached yet does not count.
    demand.received = Some(plus(as_of(), 2));
    let report = assess_with(&invoices, &[demand], &settings);
    assert_eq!(first(&report).payment_deadline, Some(plus(sent_on, 7)));
}

#[test]
fn the_final_notice_deadline_runs_from_its_receipt_too() {
    let invoices = [invoice("FP-1", 40, "12800.00")];
    let mut notice = letter(LetterKind::Final, plus(as_of(), -6), &["FP-1"]);
    notice.received = Some(plus(as_of(), -3));
    let report = assess_with(&invoices, &[notice], &PlaybookSettings::default());
    assert_eq!(first(&report).stage, Stage::PreLegal);
    assert_eq!(first(&report).payment_deadline, Some(plus(as_of(), 4)));
}

/// An invoice due three years less 20 days ago: the PRC period ends in 20 days.
fn near_limitation() -> Invoice {
    let due = NaiveDate::from_ymd_opt(2022, 11, 20).unwrap();
    let mut inv = invoice("OLD-1", (as_of() - due).num_days(), "50000.00");
    inv.due_date = due;
    inv
}

#[test]
fn an_acknowledged_letter_restarts_the_limitation_period() {
    let invoices = [near_limitation()];
    let settings = PlaybookSettings::default();
    let before = assess_with(&invoices, &[], &settings);
    let limitation = first(&before).limitation.unwrap();
    assert!(limitation.warning);
    assert_eq!(limitation.runs_from, invoices[0].due_date);

    let acknowledged = plus(as_of(), -2);
    let mut statement = letter(LetterKind::Statement, plus(as_of(), -9), &["OLD-1"]);
    statement.acknowledged = Some(acknowledged);
    let after = assess_with(&invoices, &[statement], &settings);
    let limitation = first(&after).limitation.unwrap();
    assert_eq!(limitation.runs_from, acknowledged);
    assert_eq!(
        limitation.ends,
        NaiveDate::from_ymd_opt(2028, 10, 29).unwrap()
    );
    assert!(!limitation.warning);
}

#[test]
fn under_prc_law_a_demand_that_arrived_restarts_it_elsewhere_only_an_acknowledgment() {
    let invoices = [near_limitation()];
    let received = plus(as_of(), -3);
    let mut demand = letter(LetterKind::Demand, plus(as_of(), -5), &["OLD-1"]);
    demand.received = Some(received);

    let prc = PlaybookSettings::default();
    let report = assess_with(&invoices, std::slice::from_ref(&demand), &prc);
    assert_eq!(first(&report).limitation.unwrap().runs_from, received);

    let mut england = PlaybookSettings::default();
    england.limitation.jurisdiction = Jurisdiction::EnglandWales;
    let mut inv = near_limitation();
    inv.due_date = NaiveDate::from_ymd_opt(2019, 11, 20).unwrap();
    let report = assess_with(
        std::slice::from_ref(&inv),
        std::slice::from_ref(&demand),
        &england,
    );
    assert_eq!(first(&report).limitation.unwrap().runs_from, inv.due_date);
    demand.acknowledged = Some(plus(as_of(), -1));
    let report = assess_with(&[inv], &[demand], &england);
    assert_eq!(
        first(&report).limitation.unwrap().runs_from,
        plus(as_of(), -1)
    );

    // Without proof that it arrived, a demand sent is not an interruption.
    let demand = letter(LetterKind::Demand, plus(as_of(), -5), &["OLD-1"]);
    let report = assess_with(&invoices, &[demand], &prc);
    assert_eq!(
        first(&report).limitation.unwrap().runs_from,
        invoices[0].due_date
    );
}

#[test]
fn queries_list_newest_first_and_find_the_last_of_a_kind() {
    let mut log = SentLog::new();
    let ids: Vec<u64> = [
        (LetterKind::Reminder, -20),
        (LetterKind::Demand, -5),
        (LetterKind::Reminder, -10),
    ]
    .into_iter()
    .map(|(kind, n)| record(&mut log, letter(kind, plus(as_of(), n), &["FP-1"])))
    .collect();
    assert_eq!(ids, [1, 2, 3]);
    let mut other = letter(LetterKind::Final, as_of(), &["X"]);
    other.customer = "别家".into();
    record(&mut log, other);

    let dates: Vec<NaiveDate> = sent_for(&log, CUSTOMER).map(|e| e.date).collect();
    assert_eq!(
        dates,
        [plus(as_of(), -5), plus(as_of(), -10), plus(as_of(), -20)]
    );
    assert_eq!(
        last_of_kind(&log, CUSTOMER, LetterKind::Reminder).map(|e| e.id),
        Some(3)
    );
    assert!(last_of_kind(&log, CUSTOMER, LetterKind::Final).is_none());
    assert_eq!(
        covering(&log, &InvoiceKey::new(CUSTOMER, "FP-1")).count(),
        3
    );
    assert_eq!(covering(&log, &InvoiceKey::new(CUSTOMER, "X")).count(), 0);
    assert_eq!(log[0].totals(), [("CNY", dec("12800.00"))]);
}

#[test]
fn edits_record_update_the_proof_and_remove() {
    let mut ws = Workspace::default();
    ws.apply(Edit::RecordSent(letter(
        LetterKind::Demand,
        plus(as_of(), -3),
        &["FP-1"],
    )));
    ws.apply(Edit::RecordSent(letter(
        LetterKind::Final,
        as_of(),
        &["FP-1"],
    )));
    assert_eq!(
        ws.letters_sent.iter().map(|e| e.id).collect::<Vec<_>>(),
        [1, 2]
    );
    ws.apply(Edit::UpdateSentProof {
        id: 1,
        proof: Proof {
            channel: Some(SentChannel::Post),
            courier: "顺丰".into(),
            reference: "SF1234567890".into(),
            received: Some(plus(as_of(), -1)),
            // Acknowledged before it was sent: a typing mistake, not kept.
            acknowledged: Some(plus(as_of(), -30)),
        },
    });
    let first = &ws.letters_sent[0];
    assert_eq!(first.reference, "SF1234567890");
    assert_eq!(first.received, Some(plus(as_of(), -1)));
    assert_eq!(first.acknowledged, None);
    assert!(first.proven());
    assert_eq!(
        Edit::UpdateSentProof {
            id: 1,
            proof: Proof::default()
        }
        .reach(),
        overdue_core::edit::Reach::Playbook
    );
    ws.apply(Edit::RemoveSent(1));
    assert_eq!(ws.letters_sent.len(), 1);
    assert_eq!(ws.letters_sent[0].id, 2);
    // The next letter never reuses a live id.
    ws.apply(Edit::RecordSent(letter(LetterKind::Final, as_of(), &[])));
    assert_eq!(ws.letters_sent[1].id, 3);
}

#[test]
fn a_stored_or_shared_log_is_bounded_and_sanitised() {
    let long = "长".repeat(MAX_SENT_TEXT_CHARS + 50);
    let mut log: SentLog = (0..MAX_SENT_ENTRIES + 3)
        .map(|i| {
            let mut e = letter(LetterKind::Reminder, as_of(), &["FP-1"]);
            e.id = i as u64;
            e
        })
        .collect();
    log[MAX_SENT_ENTRIES + 2].reference = long.clone();
    log[MAX_SENT_ENTRIES + 2].invoices[0].amount = dec("-5");
    log[MAX_SENT_ENTRIES + 1].invoices[0].amount = dec("1e20");
    log[MAX_SENT_ENTRIES + 1].received = NaiveDate::from_ymd_opt(9000, 1, 1);
    log[MAX_SENT_ENTRIES].acknowledged = Some(plus(as_of(), -1));
    log[MAX_SENT_ENTRIES].id = log[MAX_SENT_ENTRIES + 1].id;
    let mut ancient = letter(
        LetterKind::Demand,
        NaiveDate::from_ymd_opt(1200, 1, 1).unwrap(),
        &[],
    );
    ancient.id = 99_999;
    log.push(ancient);

    let ws = Workspace {
        letters_sent: log,
        ..Default::default()
    };
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    let log = &back.letters_sent;
    assert_eq!(log.len(), MAX_SENT_ENTRIES);
    assert!(log
        .iter()
        .all(|e| e.date.format("%Y").to_string() == "2025"));
    let last = log.last().unwrap();
    assert_eq!(last.reference.chars().count(), MAX_SENT_TEXT_CHARS);
    assert_eq!(last.invoices[0].amount, Decimal::ZERO);
    let big = &log[log.len() - 2];
    assert_eq!(big.invoices[0].amount, overdue_core::limits::MAX_AMOUNT);
    assert_eq!(big.received, None);
    assert_eq!(log[log.len() - 3].acknowledged, None);
    let mut ids: Vec<u64> = log.iter().map(|e| e.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), log.len(), "ids are unique");

    let many = letter(
        LetterKind::Demand,
        as_of(),
        &vec!["N"; MAX_SENT_INVOICES + 9],
    );
    assert_eq!(
        overdue_core::playbook::sent::bounded(vec![many])[0]
            .invoices
            .len(),
        MAX_SENT_INVOICES
    );
}

#[test]
fn old_workspaces_open_and_the_log_travels_in_data_links_only() {
    let old = r#"{"version":1,"input":{"text":"x"},"annotations":{}}"#;
    let ws = Workspace::from_json(old).unwrap();
    assert!(ws.letters_sent.is_empty());
    assert!(ws.evidence.is_empty());
    let json = Workspace::default().to_json();
    assert!(
        !json.contains("\"letters_sent\"") && !json.contains("\"evidence\""),
        "{json}"
    );

    let mut ws = Workspace::default();
    ws.apply(Edit::RecordSent(letter(
        LetterKind::Demand,
        as_of(),
        &["FP-1"],
    )));
    ws.apply(Edit::SetEvidence {
        customer: CUSTOMER.into(),
        item: EvidenceItem::Contract,
        held: true,
    });
    let data = shareable(&ws, ShareScope::SettingsAndData);
    assert_eq!(data.letters_sent, ws.letters_sent);
    assert_eq!(data.evidence, ws.evidence);
    let settings_only = shareable(&ws, ShareScope::SettingsOnly);
    assert!(settings_only.letters_sent.is_empty());
    assert!(settings_only.evidence.is_empty());
    assert_eq!(Workspace::from_json(&ws.to_json()).unwrap(), ws);
    // Through a real link and back.
    let link = overdue_core::share::encode(&ws, ShareScope::SettingsAndData);
    match overdue_core::share::decode(&link) {
        Ok(overdue_core::share::Fragment::Plain(opened)) => {
            assert_eq!(opened.letters_sent, ws.letters_sent);
            assert_eq!(opened.evidence, ws.evidence);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_workspace_report_reads_the_log() {
    let as_of = as_of();
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(as_of);
    ws.apply(Edit::Paste {
        text: format!(
            "Invoice\tCustomer\tDue date\tAmount\nFP-1\t{CUSTOMER}\t{}\t12800.00\n",
            plus(as_of, -10)
        ),
        source: None,
    });
    let before = report::derive(&ws, as_of);
    assert_eq!(before.rows().count(), 1);
    assert_eq!(
        before.row(0).unwrap().assessment.letter,
        Some(LetterKind::Reminder)
    );
    ws.apply(Edit::RecordSent(letter(
        LetterKind::Reminder,
        as_of,
        &["FP-1"],
    )));
    let after = report::derive(&ws, as_of);
    assert_ne!(
        after.row(0).unwrap().assessment.letter,
        Some(LetterKind::Reminder)
    );
    // Nothing was written into the user's own annotations.
    assert!(ws.annotations.is_empty());
}

#[test]
fn the_evidence_checklist_is_ticked_or_derived() {
    let mut held = EvidenceHeld::new();
    set_held(&mut held, CUSTOMER, EvidenceItem::VatInvoice, true);
    set_held(&mut held, CUSTOMER, EvidenceItem::Statement, true);
    set_held(&mut held, CUSTOMER, EvidenceItem::Statement, false);
    let lines = checklist(CUSTOMER, &held, &[], &[]);
    assert_eq!(lines.len(), EvidenceItem::ALL.len());
    let held_by =
        |lines: &[EvidenceLine], item| lines.iter().find(|l| l.item == item).unwrap().held;
    assert_eq!(held_by(&lines, EvidenceItem::VatInvoice), HeldBy::Ticked);
    assert_eq!(held_by(&lines, EvidenceItem::Statement), HeldBy::Missing);
    assert_eq!(missing(&lines).count(), 6);

    // A demand without proof of delivery is not the evidence; with a receipt it is.
    let mut demand = letter(LetterKind::Demand, as_of(), &[]);
    let lines = checklist(CUSTOMER, &held, std::slice::from_ref(&demand), &[]);
    assert_eq!(
        held_by(&lines, EvidenceItem::DemandDelivered),
        HeldBy::Missing
    );
    demand.received = Some(as_of());
    let lines = checklist(CUSTOMER, &held, std::slice::from_ref(&demand), &[]);
    assert_eq!(
        held_by(&lines, EvidenceItem::DemandDelivered),
        HeldBy::Derived
    );

    // Chat records come from the contact log (a phone call is not a record).
    let contact = |channel| ContactEntry {
        customer: CUSTOMER.into(),
        date: as_of(),
        time: None,
        channel,
        person: String::new(),
        said: String::new(),
        reason: None,
        promise: None,
        next_step: String::new(),
    };
    let lines = checklist(CUSTOMER, &held, &[], &[contact(Channel::Phone)]);
    assert_eq!(
        held_by(&lines, EvidenceItem::Correspondence),
        HeldBy::Missing
    );
    let lines = checklist(CUSTOMER, &held, &[], &[contact(Channel::WeChat)]);
    assert_eq!(
        held_by(&lines, EvidenceItem::Correspondence),
        HeldBy::Derived
    );
    // Another customer's records are not this one's.
    let lines = checklist("别家", &held, &[demand], &[contact(Channel::WeChat)]);
    assert_eq!(missing(&lines).count(), EvidenceItem::ALL.len());

    let long = "名".repeat(MAX_EVIDENCE_NAME_CHARS + 1);
    set_held(&mut held, &long, EvidenceItem::Contract, true);
    set_held(&mut held, "空", EvidenceItem::Contract, false);
    let kept = overdue_core::playbook::evidence::bounded(held);
    assert_eq!(kept.keys().collect::<Vec<_>>(), [CUSTOMER]);
}

#[test]
fn a_batch_is_every_letter_of_a_kind_due_now_one_per_customer() {
    let mut invoices = vec![
        invoice("A-1", 10, "100"),
        invoice("A-2", 5, "200"),
        invoice("C-1", 20, "300"),
    ];
    let mut b = invoice("B-1", 8, "400");
    b.customer = "北方物流".into();
    invoices.push(b);
    invoices[2].customer = "南方建材".into();
    let report = assess_with(&invoices, &[], &PlaybookSettings::default());
    let due = letters_due(&report.today, LetterKind::Reminder, &invoices);
    let customers: Vec<&str> = due.iter().map(|d| d.customer.as_str()).collect();
    assert_eq!(customers.len(), 2, "{customers:?}");
    assert!(customers.contains(&CUSTOMER) && customers.contains(&"北方物流"));
    let ours = due.iter().find(|d| d.customer == CUSTOMER).unwrap();
    assert_eq!(ours.invoices.len(), 2);
    assert_eq!(
        kinds_due(&report.today),
        [(LetterKind::Reminder, 2), (LetterKind::Demand, 1)]
    );

    // Once one is recorded as sent, it leaves the batch.
    let sent = [letter(LetterKind::Reminder, as_of(), &["A-1", "A-2"])];
    let report = assess_with(&invoices, &sent, &PlaybookSettings::default());
    let due = letters_due(&report.today, LetterKind::Reminder, &invoices);
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].customer, "北方物流");
}
