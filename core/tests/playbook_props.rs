//! Property tests: whatever the invoices, annotations, settings and dates, the playbook
//! neither panics (the Wasm build aborts on a panic) nor loses an invoice, and what it stores
//! round-trips through JSON.

use chrono::NaiveDate;
mod playbook_support;
use overdue_core::aging::{age, Aged, Buckets, Status};
use overdue_core::paste::Invoice;
use overdue_core::playbook::*;
use playbook_support::facts;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn any_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        8 => (0i64..5_000).prop_map(|d| {
            NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + chrono::Duration::days(d)
        }),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
    ]
}

fn any_amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        8 => (-1_000_000_000i64..10_000_000_000i64, 0u32..4)
            .prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale)),
        1 => Just(Decimal::MAX),
        1 => Just(Decimal::MIN),
        1 => Just(Decimal::ZERO),
    ]
}

fn any_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("华强电子".to_string()),
        Just("Harbor".to_string()),
        Just(String::new()),
        Just("a\u{1f}b\\".to_string()),
        "\\PC{0,6}",
    ]
}

fn any_invoice() -> impl Strategy<Value = Invoice> {
    (
        any_name(),
        prop_oneof![Just("1".to_string()), Just("2".to_string()), "\\PC{0,4}"],
        prop_oneof![Just("CNY"), Just("USD"), Just("")],
        proptest::option::of(any_date()),
        any_date(),
        any_amount(),
        any_amount(),
        any_amount(),
        proptest::option::of(any_date()),
    )
        .prop_map(
            |(
                customer,
                number,
                currency,
                invoice_date,
                due,
                amount,
                paid,
                outstanding,
                paid_date,
            )| {
                Invoice {
                    line: 1,
                    number,
                    customer,
                    currency: currency.into(),
                    invoice_date,
                    due_date: due,
                    due_derived: false,
                    amount,
                    paid,
                    outstanding,
                    paid_date,
                    notes: String::new(),
                    salesperson: None,
                }
            },
        )
}

fn any_action() -> impl Strategy<Value = CollectionAction> {
    proptest::sample::select(CollectionAction::ALL.to_vec())
}

fn any_annotation() -> impl Strategy<Value = Annotation> {
    let dispute = (
        proptest::sample::select(DisputeReason::ALL.to_vec()),
        proptest::option::of(any_amount()),
        any_date(),
    )
        .prop_map(|(reason, disputed_amount, since)| Dispute {
            reason,
            disputed_amount,
            since,
        });
    let promise =
        (any_date(), any_date()).prop_map(|(pay_by, made_on)| PromiseToPay { pay_by, made_on });
    let done = (any_action(), any_date()).prop_map(|(action, date)| DoneAction { action, date });
    let snoozed = (any_action(), any_date()).prop_map(|(action, until)| Snooze { action, until });
    (
        proptest::option::of(dispute),
        proptest::collection::vec(promise, 0..4),
        proptest::option::of(proptest::sample::select(LateReason::ALL.to_vec())),
        proptest::collection::vec(done, 0..8),
        proptest::collection::vec(snoozed, 0..3),
    )
        .prop_map(
            |(dispute, promises, late_reason, done, snoozed)| Annotation {
                dispute,
                promises,
                late_reason,
                done,
                note: String::new(),
                snoozed,
                received: Vec::new(),
            },
        )
}

fn any_days() -> impl Strategy<Value = u32> {
    prop_oneof![4 => 0u32..200, 1 => Just(u32::MAX), 1 => any::<u32>()]
}

fn any_settings() -> impl Strategy<Value = PlaybookSettings> {
    (
        proptest::collection::vec(any_days(), 12),
        any::<bool>(),
        proptest::sample::select(Jurisdiction::ALL.to_vec()),
        proptest::option::of(any::<u32>()),
        any_amount(),
        any_amount(),
        any_amount(),
        proptest::collection::vec(any_action(), 0..5),
    )
        .prop_map(
            |(d, insured, jurisdiction, years, fixed, percent, share, disabled)| {
                let mut settings = PlaybookSettings {
                    courtesy_lead_days: d[0],
                    friendly_until_days: d[1],
                    formal_until_days: d[2],
                    pre_legal_until_days: d[3],
                    escalate_until_days: d[4],
                    payment_deadline_days: d[5],
                    call_after_days: d[6],
                    review_every_days: d[7],
                    credit_insured: insured,
                    insurer_notice_days: d[8],
                    insurer_warn_days: d[9],
                    dispute_ack_working_days: d[10],
                    dispute_evidence_working_days: d[11],
                    quality_evidence_hours: d[11],
                    limitation: LimitationSettings {
                        jurisdiction,
                        years,
                        warn_days: d[9],
                    },
                    collection_cost_percent: percent,
                    risk_share_percent: share,
                    dso_period_days: d[3],
                    disabled_actions: disabled,
                    ..Default::default()
                };
                settings.collection_cost_fixed.insert("CNY".into(), fixed);
                settings
            },
        )
}

fn any_aged() -> impl Strategy<Value = Aged> {
    (
        prop_oneof![4 => -400i64..400, 1 => any::<i64>()],
        proptest::sample::select(vec![Status::Open, Status::Paid, Status::Credit]),
    )
        .prop_map(|(days_past_due, status)| Aged {
            days_past_due,
            bucket: 0,
            status,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_playbook_never_panics_and_covers_every_invoice(
        invoices in proptest::collection::vec(any_invoice(), 0..12),
        notes in proptest::collection::vec(any_annotation(), 0..12),
        settings in any_settings(),
        charges in proptest::collection::vec(any_amount(), 0..12),
        as_of in any_date(),
        consistent_ages in any::<bool>(),
        random_ages in proptest::collection::vec(any_aged(), 0..12),
    ) {
        // Ages that agree with the invoices, or any ages at all (the playbook must not trust
        // them); an invoice with no random age left gets its true one.
        let aged: Vec<Aged> = invoices
            .iter()
            .enumerate()
            .map(|(i, invoice)| match random_ages.get(i) {
                Some(random) if !consistent_ages => *random,
                _ => age(invoice, as_of, &Buckets::stages()),
            })
            .collect();
        let annotations: Annotations = invoices
            .iter()
            .zip(notes)
            .map(|(invoice, note)| (InvoiceKey::of(invoice), note))
            .collect();
        let facts = facts(&invoices, &aged, &charges);
        let report = run(&facts, &annotations, &settings, as_of);
        prop_assert_eq!(report.assessments().len(), invoices.len());
        for item in &report.today {
            prop_assert!(!item.rows.is_empty());
            // Every row is an invoice of the list: none is lost when keys are made.
            prop_assert_eq!(item.rows.len(), item.keys(&invoices).len());
            for &row in &item.rows {
                prop_assert_eq!(&invoices[row].customer, &item.customer);
            }
        }
        for a in report.assessments() {
            for lang in [overdue_core::i18n::Lang::Zh, overdue_core::i18n::Lang::En] {
                for reason in &a.why {
                    prop_assert!(!reason.describe(lang).is_empty());
                }
                let _ = csv_cells(a, lang);
            }
        }
        // Deterministic: the same input gives the same list in the same order.
        let again = today(&facts, &annotations, &settings, as_of);
        prop_assert_eq!(&again, &report.today);
        // Each invoice assessed alone agrees with the batch.
        for (one, batch) in facts.iter().zip(report.assessments()) {
            let alone = assess(
                one.invoice,
                one.aged,
                annotations.get(&InvoiceKey::of(one.invoice)),
                one.charges_owed,
                &settings,
                as_of,
            );
            prop_assert_eq!(&alone, batch);
        }
    }

    #[test]
    fn stored_data_round_trips_through_json(
        keys in proptest::collection::vec((any_name(), "\\PC{0,6}"), 0..6),
        notes in proptest::collection::vec(any_annotation(), 0..6),
        settings in any_settings(),
    ) {
        let annotations: Annotations = keys
            .iter()
            .zip(notes)
            .map(|((customer, number), note)| (InvoiceKey::new(customer, number), note))
            .collect();
        let json = serde_json::to_string(&annotations).unwrap();
        let back: Annotations = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, annotations);
        let json = serde_json::to_string(&settings).unwrap();
        let back: PlaybookSettings = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, settings);
    }
}
