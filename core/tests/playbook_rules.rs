//! The playbook's rules on single invoices: stage boundaries (the last day of each stage and
//! the first of the next), disputes leaving and rejoining the track, promises to pay,
//! limitation warnings on the exact day, and the write-off arithmetic.

use chrono::NaiveDate;
mod playbook_support;
use overdue_core::aging::{age, Buckets};
use overdue_core::i18n::Lang;
use overdue_core::paste::Invoice;
use overdue_core::playbook::*;
use playbook_support::{as_of, date, dec, open_invoice, plus};
use rust_decimal::Decimal;

/// A Friday.
fn invoice(number: &str, due: NaiveDate, outstanding: &str) -> Invoice {
    open_invoice("宁波海天", number, "CNY", due, outstanding)
}

fn run_one(
    inv: &Invoice,
    annotation: Option<&Annotation>,
    charges: &str,
    settings: &PlaybookSettings,
    on: NaiveDate,
) -> Assessment {
    let aged = age(inv, on, &Buckets::stages());
    assess(inv, &aged, annotation, dec(charges), settings, on)
}

/// The assessment of an invoice `days` past due on the as-of date, default settings.
fn at(days: i64) -> Assessment {
    let inv = invoice("INV-1", plus(as_of(), -days), "1000");
    run_one(&inv, None, "0", &PlaybookSettings::default(), as_of())
}

fn actions(steps: &[Step]) -> Vec<CollectionAction> {
    steps.iter().map(|s| s.action).collect()
}

fn done(action: CollectionAction, on: NaiveDate) -> DoneAction {
    DoneAction { action, date: on }
}

// ---------------------------------------------------------------- stage boundaries

#[test]
fn each_stage_ends_on_its_last_day_and_the_next_begins_the_day_after() {
    let cases = [
        (-4, Stage::Current, None),
        (-3, Stage::BeforeDue, Some(LetterKind::Courtesy)),
        (0, Stage::BeforeDue, Some(LetterKind::Courtesy)),
        (1, Stage::Friendly, Some(LetterKind::Reminder)),
        (15, Stage::Friendly, Some(LetterKind::Reminder)),
        (16, Stage::Formal, Some(LetterKind::Demand)),
        (30, Stage::Formal, Some(LetterKind::Demand)),
        (31, Stage::PreLegal, Some(LetterKind::Final)),
        (60, Stage::PreLegal, Some(LetterKind::Final)),
        // No demand on record (a first import): the final demand comes before the hand-over.
        (61, Stage::Escalate, Some(LetterKind::Final)),
        (90, Stage::Escalate, Some(LetterKind::Final)),
        (91, Stage::BadDebt, Some(LetterKind::Final)),
    ];
    for (days, stage, letter) in cases {
        let a = at(days);
        assert_eq!(a.stage, stage, "{days} days");
        assert_eq!(a.letter, letter, "{days} days");
    }
}

#[test]
fn steps_of_each_stage_start_on_the_day_the_stage_began() {
    let a = at(53);
    assert_eq!(
        actions(&a.steps),
        [
            CollectionAction::SendFinalNotice,
            CollectionAction::HoldAccount,
            CollectionAction::ReduceCredit,
            CollectionAction::GatherEvidence
        ]
    );
    let entered = plus(as_of(), -(53 - 31));
    assert_eq!(a.stage_since, Some(entered));
    assert!(a.steps.iter().all(|s| s.due == entered && s.done.is_none()));
    assert_eq!(
        a.next_action,
        Some(NextAction {
            action: CollectionAction::SendFinalNotice,
            date: entered
        })
    );
    assert_eq!(a.payment_deadline, Some(plus(as_of(), 7)));
    assert_eq!(
        a.why[0].describe(Lang::En),
        "53 days past due: 31–60 days stage (pre-legal)"
    );
    assert_eq!(
        a.why[0].describe(Lang::Zh),
        "逾期 53 天：31–60 天阶段（诉前）"
    );

    let friendly = at(1);
    assert_eq!(
        actions(&friendly.steps),
        [
            CollectionAction::CheckInvoiceReceived,
            CollectionAction::SendReminder,
            CollectionAction::AskReasonForDelay
        ]
    );
    let courtesy = at(-3);
    assert_eq!(
        actions(&courtesy.steps),
        [CollectionAction::SendCourtesyReminder]
    );
    assert_eq!(courtesy.steps[0].due, as_of());
}

#[test]
fn not_yet_due_invoices_wait_for_the_courtesy_day() {
    let a = at(-10);
    assert!(a.steps.is_empty());
    assert_eq!(
        a.next_action,
        Some(NextAction {
            action: CollectionAction::SendCourtesyReminder,
            date: plus(as_of(), 7)
        })
    );
    assert_eq!(
        a.why[0].describe(Lang::En),
        "Falls due in 10 days; the courtesy reminder goes 3 days before"
    );
}

#[test]
fn edited_thresholds_move_the_boundaries() {
    let settings = PlaybookSettings {
        courtesy_lead_days: 5,
        friendly_until_days: 10,
        formal_until_days: 20,
        ..Default::default()
    };
    let stage = |days: i64| {
        let inv = invoice("X", plus(as_of(), -days), "10");
        run_one(&inv, None, "0", &settings, as_of()).stage
    };
    assert_eq!(stage(-6), Stage::Current);
    assert_eq!(stage(-5), Stage::BeforeDue);
    assert_eq!(stage(10), Stage::Friendly);
    assert_eq!(stage(11), Stage::Formal);
    assert_eq!(stage(20), Stage::Formal);
    assert_eq!(stage(21), Stage::PreLegal);
}

#[test]
fn paid_and_credit_rows_have_nothing_to_collect() {
    let paid = invoice("P", date(2025, 1, 1), "0");
    let credit = invoice("C", date(2025, 1, 1), "-50");
    for inv in [paid, credit] {
        let a = run_one(&inv, None, "0", &PlaybookSettings::default(), as_of());
        assert_eq!(a.stage, Stage::Closed);
        assert!(a.steps.is_empty() && a.next_action.is_none() && a.limitation.is_none());
    }
}

// ---------------------------------------------------------------- marking steps done

#[test]
fn the_formal_notice_is_followed_by_a_call_then_the_next_stage() {
    let due = plus(as_of(), -20); // formal since day 16, 4 days ago
    let inv = invoice("F", due, "1000");
    let sent = plus(as_of(), -3);
    let mut ann = Annotation {
        done: vec![done(CollectionAction::SendFormalNotice, sent)],
        ..Default::default()
    };
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    let call = a
        .steps
        .iter()
        .find(|s| s.action == CollectionAction::CallPayablesContact)
        .unwrap();
    assert_eq!(call.due, plus(sent, 7));
    assert_eq!(a.payment_deadline, Some(plus(sent, 7)));
    assert_eq!(a.letter, None, "nothing to send today");
    assert_eq!(
        a.next_action.unwrap().action,
        CollectionAction::CallPayablesContact
    );
    assert!(a
        .why
        .iter()
        .any(|r| matches!(r, Reason::NoticeSent { call_on, .. } if *call_on == plus(sent, 7))));

    // A notice marked done before the stage began does not count for this stage.
    let early = Annotation {
        done: vec![done(CollectionAction::SendFormalNotice, plus(as_of(), -5))],
        ..Default::default()
    };
    let a = run_one(
        &inv,
        Some(&early),
        "0",
        &PlaybookSettings::default(),
        as_of(),
    );
    assert_eq!(a.letter, Some(LetterKind::Demand));

    // Everything done: the next thing is the pre-legal stage (day 31), sooner than a review.
    ann.done
        .push(done(CollectionAction::CallPayablesContact, as_of()));
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    assert_eq!(
        a.next_action,
        Some(NextAction {
            action: CollectionAction::SendFinalNotice,
            date: plus(due, 31)
        })
    );
    assert!(a.why.iter().any(|r| matches!(
        r,
        Reason::StageDone {
            next: Stage::PreLegal,
            ..
        }
    )));
}

#[test]
fn the_last_stage_repeats_a_review() {
    let due = plus(as_of(), -120);
    let inv = invoice("B", due, "1000");
    let entered = plus(due, 91);
    // The final demand went out in the pre-legal stage; 1,000 is not worth a hand-over
    // (the CNY 5,000 estimate), so provision and write-off are the stage's steps.
    let ann = Annotation {
        done: vec![
            done(CollectionAction::SendFinalNotice, plus(due, 40)),
            done(CollectionAction::ProvideForBadDebt, plus(entered, 2)),
            done(CollectionAction::ConsiderWriteOff, plus(entered, 2)),
        ],
        ..Default::default()
    };
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    let review = a
        .steps
        .iter()
        .find(|s| s.action == CollectionAction::Review)
        .unwrap();
    assert_eq!(review.due, plus(entered, 16));
    // Marking the review done moves the next one on.
    let mut ann = ann;
    ann.done.push(done(CollectionAction::Review, as_of()));
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    let review = a
        .steps
        .iter()
        .find(|s| s.action == CollectionAction::Review)
        .unwrap();
    assert_eq!(review.due, plus(as_of(), 14));
}

#[test]
fn cash_flow_trouble_brings_a_payment_plan_offer() {
    let inv = invoice("F", plus(as_of(), -20), "1000");
    let mut ann = Annotation {
        late_reason: Some(LateReason::CashFlow),
        ..Default::default()
    };
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    assert!(actions(&a.steps).contains(&CollectionAction::OfferPaymentPlan));
    assert_eq!(a.letter, Some(LetterKind::Demand), "the notice comes first");
    ann.done
        .push(done(CollectionAction::SendFormalNotice, as_of()));
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    assert_eq!(a.letter, Some(LetterKind::PaymentPlan));
}

#[test]
fn switched_off_actions_are_not_recommended() {
    let settings = PlaybookSettings {
        disabled_actions: vec![
            CollectionAction::HoldAccount,
            CollectionAction::ReduceCredit,
        ],
        ..Default::default()
    };
    let inv = invoice("X", plus(as_of(), -40), "10");
    let a = run_one(&inv, None, "0", &settings, as_of());
    assert_eq!(
        actions(&a.steps),
        [
            CollectionAction::SendFinalNotice,
            CollectionAction::GatherEvidence
        ]
    );
}

// ---------------------------------------------------------------- disputes

#[test]
fn a_dispute_leaves_the_track_and_follows_its_own_deadlines() {
    // Raised on a Wednesday.
    let since = date(2025, 10, 29);
    let inv = invoice("D", date(2025, 10, 11), "5000"); // 20 days past due: formal
    let mut ann = Annotation {
        dispute: Some(Dispute {
            reason: DisputeReason::Quantity,
            disputed_amount: None,
            since,
        }),
        ..Default::default()
    };
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    assert_eq!(a.stage, Stage::Disputed);
    assert!(a.steps.is_empty(), "no normal-track steps");
    assert_eq!(a.on_track, Decimal::ZERO);
    let case = a.dispute.as_ref().unwrap();
    assert!(case.whole);
    let due: Vec<(CollectionAction, NaiveDate)> =
        case.steps.iter().map(|s| (s.action, s.due)).collect();
    assert_eq!(
        due,
        [
            (CollectionAction::AcknowledgeDispute, since), // at once, in one dispute letter
            (CollectionAction::RequestEvidence, since),
            // 3 working days after the acknowledgment deadline, over the weekend
            (CollectionAction::VerifyDispute, date(2025, 11, 4)),
            (CollectionAction::ResolveDispute, date(2025, 11, 4)),
        ]
    );
    // Acknowledged within 1 working day.
    assert!(a.why.contains(&Reason::AcknowledgeBy {
        by: date(2025, 10, 30)
    }));
    assert_eq!(a.letter, Some(LetterKind::Dispute));
    assert_eq!(
        a.next_action.unwrap().action,
        CollectionAction::AcknowledgeDispute
    );

    // A quality claim gives 72 hours, weekend or not.
    ann.dispute.as_mut().unwrap().reason = DisputeReason::Quality;
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    assert_eq!(a.dispute.unwrap().evidence_by, date(2025, 11, 2));

    // Evidence asked early: the clock runs from the day it was asked.
    ann.dispute.as_mut().unwrap().reason = DisputeReason::Delivery;
    ann.done = vec![
        done(CollectionAction::AcknowledgeDispute, since),
        done(CollectionAction::RequestEvidence, since),
    ];
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    assert_eq!(a.dispute.unwrap().evidence_by, date(2025, 11, 3));
}

#[test]
fn resolving_a_dispute_rejoins_the_track_at_the_stage_its_days_call_for() {
    let inv = invoice("D", date(2025, 9, 20), "5000"); // 41 days past due on 31 Oct
    let resolved = date(2025, 10, 28);
    let ann = Annotation {
        dispute: Some(Dispute {
            reason: DisputeReason::AmountPrice,
            disputed_amount: None,
            since: date(2025, 10, 1),
        }),
        done: vec![done(CollectionAction::ResolveDispute, resolved)],
        ..Default::default()
    };
    let before = run_one(
        &inv,
        Some(&ann),
        "0",
        &PlaybookSettings::default(),
        date(2025, 10, 27),
    );
    assert_eq!(before.stage, Stage::Disputed);
    let after = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    assert_eq!(after.stage, Stage::PreLegal);
    assert!(after.dispute.is_none());
    assert_eq!(after.on_track, dec("5000"));
    // The stage's steps count from the day it rejoined, not from day 31 (21 Oct).
    assert_eq!(after.stage_since, Some(resolved));
    assert!(after
        .why
        .contains(&Reason::DisputeResolved { on: resolved }));
    // Clearing the dispute altogether has the same effect on the stage.
    let cleared = run_one(&inv, None, "0", &PlaybookSettings::default(), as_of());
    assert_eq!(cleared.stage, Stage::PreLegal);
}

#[test]
fn the_undisputed_part_stays_on_the_normal_track() {
    let inv = invoice("P", plus(as_of(), -20), "5000");
    let ann = Annotation {
        dispute: Some(Dispute {
            reason: DisputeReason::Quality,
            disputed_amount: Some(dec("1200")),
            since: as_of(),
        }),
        ..Default::default()
    };
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    assert_eq!(a.stage, Stage::Formal);
    assert_eq!(a.on_track, dec("3800"));
    let case = a.dispute.as_ref().unwrap();
    assert!(!case.whole);
    assert_eq!(case.amount, dec("1200"));
    assert!(actions(&a.steps).contains(&CollectionAction::SendFormalNotice));
    assert!(a.why.contains(&Reason::UndisputedOnTrack {
        amount: Money::new(dec("3800"), "CNY")
    }));
    // A disputed amount of zero, or of the whole balance or more, means the whole invoice.
    for amount in ["0", "5000", "9000"] {
        let mut whole = ann.clone();
        whole.dispute.as_mut().unwrap().disputed_amount = Some(dec(amount));
        let a = run_one(
            &inv,
            Some(&whole),
            "0",
            &PlaybookSettings::default(),
            as_of(),
        );
        assert_eq!(a.stage, Stage::Disputed, "{amount}");
    }
}

#[test]
fn a_dispute_dated_after_the_as_of_date_has_not_happened_yet() {
    let inv = invoice("D", plus(as_of(), -20), "10");
    let ann = Annotation {
        dispute: Some(Dispute {
            reason: DisputeReason::Other,
            disputed_amount: None,
            since: plus(as_of(), 1),
        }),
        ..Default::default()
    };
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    assert_eq!(a.stage, Stage::Formal);
}

// ---------------------------------------------------------------- promises to pay

/// An invoice due 1 Sep 2025; a promise made on day 10 (friendly) to pay by day 30.
fn promised() -> (Invoice, Annotation, NaiveDate) {
    let due = date(2025, 9, 1);
    let pay_by = plus(due, 30);
    let ann = Annotation {
        promises: vec![PromiseToPay {
            pay_by,
            made_on: plus(due, 10),
        }],
        ..Default::default()
    };
    (invoice("PR", due, "8000"), ann, pay_by)
}

#[test]
fn a_promise_pauses_escalation_through_the_promised_day() {
    let (inv, ann, pay_by) = promised();
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), pay_by);
    assert_eq!(
        a.stage,
        Stage::Friendly,
        "frozen where it was, though day 30"
    );
    assert_eq!(a.paused_until, Some(pay_by));
    assert_eq!(actions(&a.steps), [CollectionAction::CheckPromisedPayment]);
    assert_eq!(a.letter, None);
    assert_eq!(
        a.next_action,
        Some(NextAction {
            action: CollectionAction::CheckPromisedPayment,
            date: plus(pay_by, 1)
        })
    );
    assert_eq!(a.broken_promises, 0);
}

#[test]
fn a_broken_promise_resumes_one_stage_up_the_day_after() {
    let (inv, ann, pay_by) = promised();
    let resumed = plus(pay_by, 1); // day 31: pre-legal by days, but formal after the pause
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), resumed);
    assert_eq!(a.stage, Stage::Formal);
    assert_eq!(a.stage_since, Some(resumed));
    assert_eq!(a.letter, Some(LetterKind::Demand));
    assert_eq!(a.broken_promises, 1);
    assert_eq!(
        a.why[1],
        Reason::PromiseBroken {
            pay_by,
            from: Stage::Friendly,
            to: Stage::Formal
        }
    );
    assert_eq!(
        a.why[0].describe(Lang::En),
        "31 days past due, counted as 16 after the promise to pay: 16–30 days stage (formal notice)"
    );
    // Later stages follow at their usual lengths: formal lasts 15 days from the resumption.
    let last_formal = plus(resumed, 14);
    let a = run_one(
        &inv,
        Some(&ann),
        "0",
        &PlaybookSettings::default(),
        last_formal,
    );
    assert_eq!(a.stage, Stage::Formal);
    let a = run_one(
        &inv,
        Some(&ann),
        "0",
        &PlaybookSettings::default(),
        plus(resumed, 15),
    );
    assert_eq!(a.stage, Stage::PreLegal);
}

#[test]
fn a_promise_broken_early_escalates_early() {
    let due = date(2025, 10, 1);
    let inv = invoice("E", due, "100");
    let ann = Annotation {
        promises: vec![PromiseToPay {
            made_on: plus(due, 2),
            pay_by: plus(due, 5),
        }],
        ..Default::default()
    };
    let a = run_one(
        &inv,
        Some(&ann),
        "0",
        &PlaybookSettings::default(),
        plus(due, 6),
    );
    assert_eq!(
        a.stage,
        Stage::Formal,
        "friendly by days, formal after the broken promise"
    );
}

#[test]
fn a_renewed_promise_keeps_the_pause_and_the_old_one_is_not_broken() {
    let (inv, mut ann, pay_by) = promised();
    ann.promises.push(PromiseToPay {
        made_on: pay_by,
        pay_by: plus(pay_by, 20),
    });
    let a = run_one(
        &inv,
        Some(&ann),
        "0",
        &PlaybookSettings::default(),
        plus(pay_by, 10),
    );
    assert_eq!(a.stage, Stage::Friendly);
    assert_eq!(a.paused_until, Some(plus(pay_by, 20)));
    assert_eq!(a.broken_promises, 0);
    let a = run_one(
        &inv,
        Some(&ann),
        "0",
        &PlaybookSettings::default(),
        plus(pay_by, 21),
    );
    assert_eq!(a.stage, Stage::Formal);
    assert_eq!(a.broken_promises, 1);
}

#[test]
fn a_promise_to_pay_before_the_due_date_is_no_extension() {
    let due = plus(as_of(), -20);
    let inv = invoice("N", due, "100");
    let ann = Annotation {
        promises: vec![PromiseToPay {
            made_on: plus(due, -10),
            pay_by: plus(due, -1),
        }],
        ..Default::default()
    };
    let a = run_one(&inv, Some(&ann), "0", &PlaybookSettings::default(), as_of());
    assert_eq!(a.stage, Stage::Formal);
    assert_eq!(a.broken_promises, 0);
}

// ---------------------------------------------------------------- limitation

fn limitation_steps(a: &Assessment) -> usize {
    a.steps
        .iter()
        .filter(|s| s.action == CollectionAction::InterruptLimitation)
        .count()
}

#[test]
fn the_limitation_warning_starts_on_the_exact_day() {
    // PRC, 3 years from the due date: ends 10 Jan 2025; warned 90 days before, 12 Oct 2024.
    let inv = invoice("L", date(2022, 1, 10), "20000");
    let settings = PlaybookSettings::default();
    let day_before = run_one(&inv, None, "0", &settings, date(2024, 10, 11));
    assert_eq!(limitation_steps(&day_before), 0);
    assert_eq!(day_before.limitation.unwrap().days_left, 91);
    assert!(!day_before.limitation.unwrap().warning);

    let first_day = run_one(&inv, None, "0", &settings, date(2024, 10, 12));
    let status = first_day.limitation.unwrap();
    assert!(status.warning);
    assert_eq!((status.ends, status.days_left), (date(2025, 1, 10), 90));
    assert_eq!(limitation_steps(&first_day), 1);
    let reason = first_day
        .why
        .iter()
        .find(|r| matches!(r, Reason::LimitationNear { .. }))
        .unwrap();
    let zh = reason.describe(Lang::Zh);
    assert!(
        zh.contains("2025年1月10日") && zh.contains("第一百九十五条"),
        "{zh}"
    );
    assert!(reason.describe(Lang::En).contains("art. 195"));

    let last_day = run_one(&inv, None, "0", &settings, date(2025, 1, 10));
    assert_eq!(last_day.limitation.unwrap().days_left, 0);
    assert!(last_day
        .why
        .iter()
        .any(|r| matches!(r, Reason::LimitationNear { days_left: 0, .. })));
    let after = run_one(&inv, None, "0", &settings, date(2025, 1, 11));
    assert!(after
        .why
        .iter()
        .any(|r| matches!(r, Reason::LimitationEnded { .. })));
}

#[test]
fn an_acknowledged_demand_or_a_part_payment_restarts_the_period() {
    let inv = invoice("L", date(2022, 1, 10), "20000");
    let settings = PlaybookSettings::default();
    let ann = Annotation {
        done: vec![done(
            CollectionAction::InterruptLimitation,
            date(2024, 10, 20),
        )],
        ..Default::default()
    };
    let a = run_one(&inv, Some(&ann), "0", &settings, date(2024, 11, 1));
    let status = a.limitation.unwrap();
    assert_eq!(status.ends, date(2027, 10, 20));
    assert_eq!(limitation_steps(&a), 0);

    let mut part_paid = inv.clone();
    part_paid.paid = dec("500");
    part_paid.paid_date = Some(date(2023, 6, 1));
    let a = run_one(&part_paid, None, "0", &settings, date(2024, 11, 1));
    assert_eq!(a.limitation.unwrap().ends, date(2026, 6, 1));
}

#[test]
fn the_period_follows_the_jurisdiction_and_its_edits() {
    let inv = invoice("L", date(2024, 2, 29), "1");
    let ends = |limitation: LimitationSettings| {
        let settings = PlaybookSettings {
            limitation,
            ..Default::default()
        };
        run_one(&inv, None, "0", &settings, as_of())
            .limitation
            .unwrap()
            .ends
    };
    assert_eq!(ends(LimitationSettings::default()), date(2027, 2, 28));
    for jurisdiction in [Jurisdiction::HongKong, Jurisdiction::EnglandWales] {
        assert_eq!(
            ends(LimitationSettings {
                jurisdiction,
                ..Default::default()
            }),
            date(2030, 2, 28)
        );
    }
    assert_eq!(
        ends(LimitationSettings {
            years: Some(2),
            ..Default::default()
        }),
        date(2026, 2, 28)
    );
    // Hong Kong's advice is an acknowledgment, not a demand.
    let reason = Reason::LimitationNear {
        jurisdiction: Jurisdiction::HongKong,
        years: 6,
        ends: date(2030, 2, 28),
        days_left: 30,
    };
    assert!(reason.describe(Lang::En).contains("acknowledgment"));
}

// ---------------------------------------------------------------- write-off

fn costs(fixed: &str, percent: &str) -> PlaybookSettings {
    let mut settings = PlaybookSettings {
        collection_cost_percent: dec(percent),
        ..Default::default()
    };
    settings
        .collection_cost_fixed
        .insert("CNY".into(), dec(fixed));
    settings
}

#[test]
fn write_off_arithmetic() {
    // 3,000 + 200 charges = 3,200 recoverable; cost 5,000 + 10 % of 3,200 = 5,320.
    let small = write_off_check(dec("3000"), dec("200"), "CNY", &costs("5000", "10"));
    assert_eq!(small.recoverable, dec("3200"));
    assert_eq!(small.cost, dec("5320.00"));
    assert_eq!(small.net, dec("-2120.00"));
    assert!(small.write_off && !small.worth_pursuing);
    assert_eq!(small.waivable_charges, dec("200"));

    // 10,000 + 500 = 10,500; cost 5,000 + 1,050 = 6,050; net 4,450.
    let large = write_off_check(dec("10000"), dec("500"), "CNY", &costs("5000", "10"));
    assert_eq!((large.cost, large.net), (dec("6050.00"), dec("4450.00")));
    assert!(!large.write_off && large.worth_pursuing);

    // Break-even: neither write-off nor legal action.
    let even = write_off_check(dec("3000"), dec("200"), "CNY", &costs("3200", "0"));
    assert_eq!(even.net, Decimal::ZERO);
    assert!(!even.write_off && !even.worth_pursuing);

    // Percentages round to the cent, half away from zero: 12.5 % of 333.33 = 41.66625.
    let rounded = write_off_check(dec("333.33"), Decimal::ZERO, "CNY", &costs("0", "12.5"));
    assert_eq!(rounded.cost, dec("41.67"));

    // No fixed cost set for the currency: the listed estimate (USD 1,500) and the page says
    // so; nonsense settings are clamped, not trusted.
    let usd = write_off_check(dec("100"), dec("-5"), "USD", &costs("5000", "250"));
    assert_eq!(usd.charges, Decimal::ZERO);
    assert_eq!(
        usd.cost,
        dec("1600.00"),
        "USD 1,500 + the percent capped at 100"
    );
    assert!(usd.cost_estimated && !small.cost_estimated);
}

#[test]
fn the_default_cost_of_collection_is_never_zero_and_small_debts_are_not_worth_a_lawyer() {
    let defaults = PlaybookSettings::default();
    // CNY 2,210.50 at 75 days: the CNY 5,000 estimate exceeds it — no "worth pursuing".
    let small = invoice("S", plus(as_of(), -75), "2210.50");
    let a = run_one(&small, None, "0", &defaults, as_of());
    assert!(!actions(&a.steps).contains(&CollectionAction::ConsiderLegalAction));
    assert!(a.write_off.as_ref().unwrap().write_off);
    assert!(a
        .why
        .iter()
        .any(|r| matches!(r, Reason::CostEstimated { .. })));
    // A currency with no listed estimate: an agency's 20 % commission.
    let check = write_off_check(dec("1000"), Decimal::ZERO, "XYZ", &defaults);
    assert_eq!(check.cost, dec("200.00"));
    assert!(check.worth_pursuing && check.cost_estimated);
}

#[test]
fn a_large_old_debt_read_in_for_the_first_time_climbs_the_ladder_from_the_demand() {
    let defaults = PlaybookSettings::default();
    // CNY 50,000 at 120 days, nothing on record: demand, then agency and lawyer after its
    // deadline, and only then the provision.
    let big = invoice("BIG", plus(as_of(), -120), "50000");
    let a = run_one(&big, None, "0", &defaults, as_of());
    let own: Vec<CollectionAction> = actions(&a.steps)
        .into_iter()
        .filter(|x| !x.is_cross_cutting())
        .collect();
    assert_eq!(
        own,
        [
            CollectionAction::SendFinalNotice,
            CollectionAction::HandToCollector,
            CollectionAction::ConsiderLegalAction,
            CollectionAction::ProvideForBadDebt
        ]
    );
    assert_eq!(a.letter, Some(LetterKind::Final));
    assert!(a.why.contains(&Reason::CatchUpDemand));
    assert!(a.why.contains(&Reason::EscalateBeforeProvision));
    let hand_over = a
        .steps
        .iter()
        .find(|s| s.action == CollectionAction::HandToCollector)
        .unwrap();
    assert_eq!(
        hand_over.due,
        plus(as_of(), 7),
        "the demand's 7 days run first"
    );

    // The demand sent today: the hand-over is due when its deadline has passed.
    let sent = Annotation {
        done: vec![done(CollectionAction::SendFinalNotice, as_of())],
        ..Default::default()
    };
    let a = run_one(&big, Some(&sent), "0", &defaults, as_of());
    assert!(!a.why.contains(&Reason::CatchUpDemand));
    let hand_over = a
        .steps
        .iter()
        .find(|s| s.action == CollectionAction::HandToCollector)
        .unwrap();
    assert_eq!(hand_over.due, plus(as_of(), 7));
    assert!(!hand_over.is_due(as_of()));
}

#[test]
fn the_write_off_check_drives_the_late_stages() {
    let settings = costs("5000", "10");
    let escalate = invoice("E", plus(as_of(), -70), "20000");
    let a = run_one(&escalate, None, "800", &settings, as_of());
    assert_eq!(
        actions(&a.steps),
        [
            CollectionAction::SendFinalNotice,
            CollectionAction::HandToCollector,
            CollectionAction::ConsiderLegalAction
        ]
    );
    assert!(a.write_off.as_ref().unwrap().worth_pursuing);

    let bad = invoice("B", plus(as_of(), -100), "3000");
    let a = run_one(&bad, None, "200", &settings, as_of());
    assert_eq!(
        actions(&a.steps),
        [
            CollectionAction::SendFinalNotice,
            CollectionAction::ProvideForBadDebt,
            CollectionAction::ConsiderWriteOff,
            CollectionAction::OfferChargeWaiver
        ]
    );
    assert_eq!(a.letter, Some(LetterKind::Final));
    assert!(a
        .why
        .iter()
        .any(|r| matches!(r, Reason::CollectionNotWorthwhile { .. })));
    let check = a.write_off.unwrap();
    assert_eq!(
        (check.recoverable, check.cost),
        (dec("3200"), dec("5320.00"))
    );

    let a = run_one(&bad, None, "200", &costs("3200", "0"), as_of());
    assert!(a.why.contains(&Reason::CollectionBreakEven {
        amount: Money::new(dec("3200"), "CNY")
    }));
    assert!(!actions(&a.steps).contains(&CollectionAction::ConsiderWriteOff));
    let zh = Reason::CollectionNotWorthwhile {
        recoverable: Money::new(dec("3200"), "CNY"),
        cost: dec("5320"),
    }
    .describe(Lang::Zh);
    assert_eq!(
        zh,
        "催收成本 CNY 5,320.00 高于可收回金额 CNY 3,200.00（本金加逾期费用）"
    );

    // Earlier stages do not run the check.
    assert!(at(40).write_off.is_none());
}

// ---------------------------------------------------------------- credit insurer

#[test]
fn the_insurer_notice_is_recommended_ahead_of_its_deadline() {
    let settings = PlaybookSettings {
        credit_insured: true,
        ..Default::default()
    };
    let step = |days: i64| {
        let inv = invoice("I", plus(as_of(), -days), "100");
        let a = run_one(&inv, None, "0", &settings, as_of());
        a.steps
            .iter()
            .find(|s| s.action == CollectionAction::NotifyInsurer)
            .cloned()
    };
    // Deadline day 60, recommended from day 46.
    assert!(!step(45).unwrap().is_due(as_of()));
    assert!(step(46).unwrap().is_due(as_of()));
    assert!(step(0).is_none(), "not overdue");
    let inv = invoice("I", plus(as_of(), -46), "100");
    let a = run_one(&inv, None, "0", &settings, as_of());
    assert!(a.why.contains(&Reason::InsurerDeadline {
        by: plus(as_of(), 14),
        days_left: 14
    }));
    assert!(at(46)
        .steps
        .iter()
        .all(|s| s.action != CollectionAction::NotifyInsurer));
}

// ---------------------------------------------------------------- working days

#[test]
fn working_days_skip_weekends() {
    let plain = overdue_core::calendar::Calendar::weekends_only();
    let friday = date(2025, 10, 31);
    assert_eq!(add_working_days(friday, 1, &plain), date(2025, 11, 3));
    assert_eq!(add_working_days(friday, 5, &plain), date(2025, 11, 7));
    assert_eq!(
        add_working_days(date(2025, 11, 1), 1, &plain),
        date(2025, 11, 3)
    );
    assert_eq!(
        add_working_days(date(2025, 11, 2), 6, &plain),
        date(2025, 11, 10)
    );
    assert_eq!(add_working_days(friday, 0, &plain), friday);
    assert_eq!(add_working_days(NaiveDate::MAX, 3, &plain), NaiveDate::MAX);
}
