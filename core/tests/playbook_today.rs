//! The today list, per-customer roll-up, risk flag, DSO, marking done, and the CSV cells.

use chrono::NaiveDate;
mod playbook_support;
use overdue_core::i18n::Lang;
use overdue_core::paste::Invoice;
use overdue_core::playbook::*;
use playbook_support::{aged, as_of, dec, facts, open_invoice, plus, run_on};
use rust_decimal::Decimal;

/// An invoice `days` past due on the as-of date.
fn invoice(customer: &str, number: &str, days: i64, outstanding: &str, currency: &str) -> Invoice {
    open_invoice(
        customer,
        number,
        currency,
        plus(as_of(), -days),
        outstanding,
    )
}

fn list(invoices: &[Invoice], annotations: &Annotations, on: NaiveDate) -> Vec<TodayItem> {
    run_on(invoices, annotations, &PlaybookSettings::default(), on).today
}

fn risks_of(
    invoices: &[Invoice],
    annotations: &Annotations,
    settings: &PlaybookSettings,
) -> Vec<CustomerRisk> {
    run_on(invoices, annotations, settings, as_of()).customers
}

fn ledger() -> Vec<Invoice> {
    vec![
        invoice("华强电子", "FP-1", 53, "128600", "CNY"),
        invoice("华强电子", "FP-2", 10, "36250", "CNY"),
        invoice("华强电子", "FP-3", -2, "5000", "CNY"),
        invoice("Harbor Lights", "INV-88", 20, "18400", "USD"),
        invoice("Harbor Lights", "INV-91", -30, "9250", "USD"),
        invoice("海天塑料", "FP-9", 3, "23480.50", "CNY"),
        invoice("Paid Co", "X-1", 70, "0", "CNY"),
    ]
}

#[test]
fn a_customer_gets_one_overdue_item_at_its_worst_stage_and_one_for_what_falls_due() {
    let ledger = ledger();
    let items = list(&ledger, &Annotations::new(), as_of());
    let huaqiang: Vec<&TodayItem> = items.iter().filter(|i| i.customer == "华强电子").collect();
    assert_eq!(huaqiang.len(), 2);
    let overdue = huaqiang
        .iter()
        .find(|i| i.kind == ItemKind::Overdue)
        .unwrap();
    assert_eq!(overdue.stage, Stage::PreLegal);
    assert_eq!(overdue.letter, Some(LetterKind::Final));
    let numbers: Vec<&str> = overdue
        .invoices(&ledger)
        .map(|i| i.number.as_str())
        .collect();
    assert_eq!(numbers, ["FP-1", "FP-2"], "one letter covers both");
    assert_eq!(overdue.amounts, [Money::new(dec("164850"), "CNY")]);
    assert_eq!(overdue.oldest_days_past_due, 53);
    assert_eq!(overdue.status, ItemStatus::ToDo);
    assert_eq!(
        overdue.why[0].describe(Lang::Zh),
        "合并 2 张发票，按最严重的一张（FP-1，诉前）处理"
    );
    assert_eq!(
        overdue.why[1].describe(Lang::En),
        "53 days past due: 31–60 days stage (pre-legal)"
    );
    // The worst stage's steps only: no friendly reminder inside a final notice.
    assert!(overdue
        .steps
        .iter()
        .all(|s| s.action != CollectionAction::SendReminder));
    let upcoming = huaqiang
        .iter()
        .find(|i| i.kind == ItemKind::Upcoming)
        .unwrap();
    assert_eq!(upcoming.letter, Some(LetterKind::Courtesy));
    assert_eq!(upcoming.rows, [2]);

    // Not yet due outside the courtesy window, and paid invoices, give no item.
    assert!(items
        .iter()
        .all(|i| i.customer != "Paid Co" && !i.invoices(&ledger).any(|k| k.number == "INV-91")));
}

#[test]
fn the_list_is_ordered_by_stage_then_amount_then_age() {
    let invoices = vec![
        invoice("A", "1", 5, "100", "CNY"),    // friendly, small
        invoice("B", "2", 40, "50", "CNY"),    // pre-legal
        invoice("C", "3", 8, "900", "CNY"),    // friendly, large
        invoice("D", "4", 12, "100", "CNY"),   // friendly, same amount as A, older
        invoice("E", "5", 100, "10", "CNY"),   // bad debt
        invoice("F", "6", -1, "99999", "CNY"), // before due
    ];
    let items = list(&invoices, &Annotations::new(), as_of());
    let order: Vec<&str> = items.iter().map(|i| i.customer.as_str()).collect();
    assert_eq!(order, ["E", "B", "C", "D", "A", "F"]);
}

#[test]
fn marking_an_items_actions_done_moves_it_down_and_shows_the_next_date() {
    let invoices = vec![
        invoice("A", "1", 5, "100", "CNY"),
        invoice("A", "2", 3, "200", "CNY"),
        invoice("B", "3", 4, "10", "CNY"),
    ];
    let mut annotations = Annotations::new();
    let items = list(&invoices, &annotations, as_of());
    assert_eq!(items[0].customer, "A");
    let item = items[0].clone();
    for step in &item.steps {
        mark_done(
            &mut annotations,
            &item.keys(&invoices),
            step.action,
            as_of(),
        );
    }
    // Kept per invoice, so each covered invoice has the records.
    assert_eq!(annotations.len(), 2);
    assert_eq!(annotations[&InvoiceKey::new("A", "2")].done.len(), 3);
    let items = list(&invoices, &annotations, as_of());
    assert_eq!(items[0].customer, "B", "work still to do comes first");
    let a = &items[1];
    assert_eq!(a.status, ItemStatus::DoneToday);
    assert!(a.is_done());
    // Friendly stage of the older invoice (5 days) ends on day 15: formal notice on day 16.
    assert_eq!(a.next_action_date, Some(plus(as_of(), 11)));
    // Next day: nothing to do for A until then.
    let items = list(&invoices, &annotations, plus(as_of(), 1));
    let a = items.iter().find(|i| i.customer == "A").unwrap();
    assert_eq!(a.status, ItemStatus::Waiting);
    unmark_done(
        &mut annotations,
        &item.keys(&invoices),
        CollectionAction::SendReminder,
        as_of(),
    );
    let items = list(&invoices, &annotations, as_of());
    assert_eq!(items[0].customer, "A");
    assert_eq!(items[0].letter, Some(LetterKind::Reminder));
}

#[test]
fn disputes_and_promises_get_their_own_items() {
    let invoices = vec![
        invoice("A", "1", 20, "1000", "CNY"),
        invoice("A", "2", 25, "500", "CNY"),
        invoice("A", "3", 40, "700", "CNY"),
    ];
    let mut annotations = Annotations::new();
    annotations.insert(
        InvoiceKey::new("A", "1"),
        Annotation {
            dispute: Some(Dispute {
                reason: DisputeReason::Quality,
                disputed_amount: Some(dec("300")),
                since: as_of(),
            }),
            ..Default::default()
        },
    );
    annotations.insert(
        InvoiceKey::new("A", "3"),
        Annotation {
            promises: vec![PromiseToPay {
                made_on: plus(as_of(), -2),
                pay_by: plus(as_of(), 5),
            }],
            ..Default::default()
        },
    );
    let items = list(&invoices, &annotations, as_of());
    let kinds: Vec<ItemKind> = items.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [ItemKind::Dispute, ItemKind::Overdue, ItemKind::Promised]
    );
    let dispute = &items[0];
    assert_eq!(dispute.stage, Stage::Disputed);
    assert_eq!(dispute.amounts, [Money::new(dec("300"), "CNY")]);
    assert_eq!(dispute.letter, Some(LetterKind::Dispute));
    let overdue = &items[1];
    assert_eq!(overdue.stage, Stage::Formal);
    assert_eq!(
        overdue.amounts,
        [Money::new(dec("1200"), "CNY")],
        "700 undisputed + 500"
    );
    let promised = &items[2];
    assert_eq!(promised.stage, Stage::PreLegal);
    assert_eq!(promised.status, ItemStatus::Waiting);
    assert_eq!(promised.next_action_date, Some(plus(as_of(), 6)));
    assert_eq!(promised.letter, None);
}

#[test]
fn risk_flag_counts_days_share_and_broken_promises() {
    let invoices = vec![
        invoice("Low", "1", 2, "100", "CNY"),
        invoice("Mid", "2", 35, "600", "CNY"),
        invoice("Mid", "3", -20, "400", "CNY"),
        invoice("High", "4", 95, "10", "CNY"),
        invoice("High", "5", -5, "990", "CNY"),
        invoice("Promiser", "6", 20, "100", "CNY"),
    ];
    let mut annotations = Annotations::new();
    annotations.insert(
        InvoiceKey::new("Promiser", "6"),
        Annotation {
            promises: vec![
                PromiseToPay {
                    made_on: plus(as_of(), -15),
                    pay_by: plus(as_of(), -10),
                },
                PromiseToPay {
                    made_on: plus(as_of(), -8),
                    pay_by: plus(as_of(), -1),
                },
            ],
            ..Default::default()
        },
    );
    let risks = risks_of(&invoices, &annotations, &PlaybookSettings::default());
    let level = |name: &str| risks.iter().find(|r| r.customer == name).unwrap();
    // One invoice two days late: 100 % overdue, one point: low.
    assert_eq!(level("Low").level, RiskLevel::Low);
    assert_eq!(level("Low").points, 1);
    // 35 days (past formal) and 60 % overdue: medium.
    let mid = level("Mid");
    assert_eq!((mid.level, mid.points), (RiskLevel::Medium, 2));
    assert_eq!(mid.overdue_percent, dec("60.0"));
    assert_eq!(mid.why[1].describe(Lang::Zh), "逾期金额占未结清金额的 60%");
    // Over 90 days is high even with a small overdue share.
    assert_eq!(level("High").level, RiskLevel::High);
    assert_eq!(level("High").oldest_days_past_due, Some(95));
    // Two broken promises and all overdue: high.
    let promiser = level("Promiser");
    assert_eq!(promiser.broken_promises, 2);
    assert_eq!(promiser.level, RiskLevel::High);
    assert_eq!(
        promiser.why.last().unwrap().describe(Lang::En),
        "2 broken promises to pay"
    );
    // The today item carries the customer's flag.
    let items = list(&invoices, &annotations, as_of());
    let high = items.iter().find(|i| i.customer == "High").unwrap();
    assert_eq!(high.risk, RiskLevel::High);
}

#[test]
fn dso_by_the_simple_period_method() {
    // Receivables 150,000 against 1,800,000 credit sales in the year: × 365 = 30.4 days.
    let mut open = invoice("A", "1", 10, "150000", "CNY");
    open.invoice_date = Some(plus(as_of(), -40));
    let mut paid = invoice("A", "2", 100, "0", "CNY");
    paid.amount = dec("1650000");
    paid.invoice_date = Some(plus(as_of(), -200));
    let mut old = invoice("A", "3", 400, "0", "CNY");
    old.amount = dec("999999");
    old.invoice_date = Some(plus(as_of(), -365)); // just outside the window
    let invoices = vec![open, paid, old];
    let ages = aged(&invoices, as_of());
    let dso = dso(invoices.iter().zip(&ages), 365, as_of()).unwrap();
    assert_eq!(dso.receivables, dec("150000"));
    assert_eq!(dso.credit_sales, dec("1800000"));
    assert_eq!(dso.days, dec("30.4"));
    assert_eq!(dso.sales_invoices, 2);
    assert!(dso.is_meaningful());

    let settings = PlaybookSettings {
        dso_period_days: 365,
        ..Default::default()
    };
    let risks = risks_of(&invoices, &Annotations::new(), &settings);
    assert_eq!(risks[0].dso.as_ref().unwrap().days, dec("30.4"));
    // No dated sales in the window: undefined, not zero or infinite.
    let undated = vec![invoice("B", "1", 10, "100", "CNY")];
    let ages = aged(&undated, as_of());
    assert_eq!(
        overdue_core::playbook::dso(undated.iter().zip(&ages), 90, as_of()),
        None
    );
}

/// A single invoice, or the period's sales all unpaid with nothing older open, give the
/// period itself as DSO (90 of 90 days) whatever the customer does: computed, but not
/// meaningful, so the page does not show it.
#[test]
fn dso_of_a_single_invoice_is_not_meaningful() {
    let mut one = invoice("C", "1", 10, "5000", "CNY");
    one.invoice_date = Some(plus(as_of(), -40));
    let invoices = vec![one];
    let ages = aged(&invoices, as_of());
    let single = dso(invoices.iter().zip(&ages), 90, as_of()).unwrap();
    assert_eq!((single.days, single.sales_invoices), (dec("90"), 1));
    assert!(!single.is_meaningful());
    // Two invoices, neither paid, nothing older: the period again, not a measure.
    let mut two = invoice("C", "2", 5, "3000", "CNY");
    two.invoice_date = Some(plus(as_of(), -20));
    let invoices = vec![invoices[0].clone(), two];
    let ages = aged(&invoices, as_of());
    let dso = dso(invoices.iter().zip(&ages), 90, as_of()).unwrap();
    assert_eq!((dso.days, dso.sales_invoices), (dec("90"), 2));
    assert!(!dso.is_meaningful());
}

#[test]
fn csv_cells_follow_the_exports_conventions() {
    assert_eq!(CSV_COLUMNS_EN, ["stage", "next_step", "next_action_date"]);
    let report = run_on(
        &ledger(),
        &Annotations::new(),
        &PlaybookSettings::default(),
        as_of(),
    );
    let assessments: Vec<&Assessment> = report.assessments().collect();
    let first = assessments[0];
    assert_eq!(
        csv_cells(first, Lang::En),
        ["pre_legal", "send_final_notice", "2025-10-09"]
    );
    assert_eq!(
        csv_cells(first, Lang::Zh),
        [
            "诉前",
            "发送最后催告函，援引合同条款并写明后果",
            "2025-10-09"
        ]
    );
    let paid = assessments[6];
    assert_eq!(csv_cells(paid, Lang::En), ["closed", "", ""]);
}

#[test]
fn annotations_survive_re_pasting_in_another_order() {
    let invoices = ledger();
    let mut annotations = Annotations::new();
    annotations.insert(
        InvoiceKey::new("海天塑料", "FP-9"),
        Annotation {
            dispute: Some(Dispute {
                reason: DisputeReason::Delivery,
                disputed_amount: None,
                since: as_of(),
            }),
            ..Default::default()
        },
    );
    let json = serde_json::to_string(&annotations).unwrap();
    let restored: Annotations = serde_json::from_str(&json).unwrap();
    let mut reordered = invoices.clone();
    reordered.reverse();
    let before = list(&invoices, &annotations, as_of());
    let after = list(&reordered, &restored, as_of());
    let strip = |items: &[TodayItem],
                 invoices: &[Invoice]|
     -> Vec<(String, ItemKind, Stage, Vec<InvoiceKey>)> {
        items
            .iter()
            .map(|i| {
                let mut keys = i.keys(invoices);
                keys.sort();
                (i.customer.clone(), i.kind, i.stage, keys)
            })
            .collect()
    };
    assert_eq!(strip(&before, &invoices), strip(&after, &reordered));
    assert!(after
        .iter()
        .any(|i| i.customer == "海天塑料" && i.kind == ItemKind::Dispute));
}

/// Each invoice's facts travel together: the charges owed on one invoice reach its own
/// assessment, whatever order the invoices come in.
#[test]
fn each_assessment_follows_its_own_invoice() {
    let mut invoices = ledger();
    invoices.push(invoice("Old Co", "OLD-1", 120, "1000", "CNY"));
    let ages = aged(&invoices, as_of());
    let mut owed = vec![Decimal::ZERO; invoices.len()];
    owed[invoices.len() - 1] = dec("10");
    let settings = PlaybookSettings::default();
    let mut given = facts(&invoices, &ages, &owed);
    let forward = run(&given, &Annotations::new(), &settings, as_of());
    given.reverse();
    let backward = run(&given, &Annotations::new(), &settings, as_of());
    let mut reversed: Vec<&Assessment> = backward.assessments().collect();
    reversed.reverse();
    assert_eq!(forward.assessments().collect::<Vec<_>>(), reversed);
    let charged: Vec<(&str, Decimal)> = invoices
        .iter()
        .zip(forward.assessments())
        .filter_map(|(i, a)| Some((i.number.as_str(), a.write_off.as_ref()?.charges)))
        .filter(|(_, charges)| !charges.is_zero())
        .collect();
    assert_eq!(charged, [("OLD-1", dec("10"))]);
}

#[test]
fn the_limitation_deadline_of_any_covered_invoice_shows_on_the_item() {
    // Two invoices of one customer: the old one nears its limitation end.
    let mut old = invoice("A", "OLD", 1000, "100", "CNY");
    old.due_date = plus(as_of(), -(3 * 365 - 30));
    let invoices = vec![invoice("A", "NEW", 100, "100000", "CNY"), old];
    let items = list(&invoices, &Annotations::new(), as_of());
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert!(item
        .steps
        .iter()
        .any(|s| s.action == CollectionAction::InterruptLimitation));
    assert!(item
        .why
        .iter()
        .any(|r| matches!(r, Reason::LimitationNear { .. })));
    // No demand on record for these old debts: the final demand comes first (the catch-up
    // step), and as a written demand it interrupts the period too.
    assert_eq!(
        item.letter,
        Some(LetterKind::Final),
        "the written demand interrupts the period"
    );
}

#[test]
fn each_item_gives_the_reasons_of_its_own_track() {
    let invoices = vec![invoice("A", "1", 20, "5000", "CNY")];
    let mut annotations = Annotations::new();
    annotations.insert(
        InvoiceKey::new("A", "1"),
        Annotation {
            dispute: Some(Dispute {
                reason: DisputeReason::Quality,
                disputed_amount: Some(dec("1200")),
                since: as_of(),
            }),
            ..Default::default()
        },
    );
    let items = list(&invoices, &annotations, as_of());
    let dispute = items.iter().find(|i| i.kind == ItemKind::Dispute).unwrap();
    assert_eq!(dispute.why[0], Reason::PastDue { days: 20 });
    assert!(dispute.why.iter().all(|r| !r.is_normal_track()));
    assert!(dispute
        .why
        .iter()
        .any(|r| matches!(r, Reason::AcknowledgeBy { .. })));
    let overdue = items.iter().find(|i| i.kind == ItemKind::Overdue).unwrap();
    assert!(overdue.why.iter().all(|r| !r.is_dispute_track()));
    assert!(matches!(
        overdue.why[0],
        Reason::DaysPastDue { days: 20, .. }
    ));
    assert!(overdue
        .why
        .iter()
        .any(|r| matches!(r, Reason::UndisputedOnTrack { .. })));
}

#[test]
fn the_queue_has_one_card_per_customer_in_the_order_of_its_most_urgent_item() {
    let items = list(&ledger(), &Annotations::new(), as_of());
    let cards = by_customer(&items);
    let mut names: Vec<&str> = cards.iter().map(|c| c.customer).collect();
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), count, "a customer is on one card only");
    let huaqiang = cards.iter().find(|c| c.customer == "华强电子").unwrap();
    // Its overdue invoices and the one falling due: two tracks, one card.
    assert_eq!(huaqiang.items.len(), 2);
    assert_eq!(huaqiang.items[0].kind, ItemKind::Overdue);
    assert_eq!(
        cards[0].items[0], &items[0],
        "the most urgent item's card comes first"
    );
    assert_eq!(
        cards.iter().map(|c| c.items.len()).sum::<usize>(),
        items.len(),
        "every item is on a card"
    );
}

#[test]
fn a_snoozed_action_waits_until_its_day_then_is_asked_for_again() {
    let invoices = vec![invoice("A", "1", 20, "5000", "CNY")];
    let key = InvoiceKey::new("A", "1");
    let before = list(&invoices, &Annotations::new(), as_of());
    let step = before[0]
        .steps
        .iter()
        .find(|s| s.is_due(as_of()))
        .unwrap()
        .clone();
    let mut annotations = Annotations::new();
    snooze(
        &mut annotations,
        std::slice::from_ref(&key),
        step.action,
        Some(plus(as_of(), 3)),
    );
    let snoozed = list(&invoices, &annotations, as_of());
    let moved = snoozed[0]
        .steps
        .iter()
        .find(|s| s.action == step.action)
        .unwrap();
    assert_eq!(moved.due, plus(as_of(), 3));
    assert!(!moved.is_due(as_of()));
    let later = list(&invoices, &annotations, plus(as_of(), 3));
    assert!(later[0]
        .steps
        .iter()
        .any(|s| s.action == step.action && s.is_due(plus(as_of(), 3))));
    // Un-snoozing leaves nothing behind.
    snooze(&mut annotations, &[key], step.action, None);
    assert!(annotations.is_empty());
}
