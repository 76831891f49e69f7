//! What was already sent about a letter's invoices, so that a first demand does not say "we
//! have reminded you several times" and a later one does: read from the letters-sent log
//! (`Workspace.letters_sent`) and from the playbook's recorded actions (a "send a reminder"
//! step marked done by hand, for letters sent before the log existed).

use chrono::NaiveDate;

use crate::playbook::sent::SentLetter;
use crate::playbook::{Annotations, CollectionAction, InvoiceKey, LetterKind};

/// Letters sent before this one about (any of) its invoices, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    pub sent: Vec<(LetterKind, NaiveDate)>,
}

impl History {
    /// Nothing was sent before: this letter is the first one.
    pub fn is_first(&self) -> bool {
        self.sent.is_empty()
    }

    /// The latest letter sent before, with its date.
    pub fn last(&self) -> Option<(LetterKind, NaiveDate)> {
        self.sent.last().copied()
    }

    /// How many reminders or notices (courtesy reminders left out: they are not demands).
    pub fn reminders(&self) -> usize {
        self.sent
            .iter()
            .filter(|(k, _)| *k != LetterKind::Courtesy)
            .count()
    }
}

/// The letter a recorded action stands for.
fn letter_of(action: CollectionAction) -> Option<LetterKind> {
    match action {
        CollectionAction::SendCourtesyReminder => Some(LetterKind::Courtesy),
        CollectionAction::SendReminder => Some(LetterKind::Reminder),
        CollectionAction::SendFormalNotice => Some(LetterKind::Demand),
        CollectionAction::SendFinalNotice => Some(LetterKind::Final),
        _ => None,
    }
}

/// The letters recorded as sent about `invoices` before `date`, in the sent log or as done
/// steps (the same letter on the same day for several invoices, or in both records, counts
/// once).
pub fn history(
    annotations: &Annotations,
    log: &[SentLetter],
    invoices: &[InvoiceKey],
    date: NaiveDate,
) -> History {
    let steps = invoices
        .iter()
        .filter_map(|key| annotations.get(key))
        .flat_map(|a| a.done.iter())
        .filter(|d| d.date < date)
        .filter_map(|d| Some((letter_of(d.action)?, d.date)));
    let logged = log
        .iter()
        .filter(|l| l.date < date && invoices.iter().any(|key| l.covers(key)))
        .map(|l| (l.kind, l.date));
    let mut sent: Vec<(LetterKind, NaiveDate)> = steps.chain(logged).collect();
    sent.sort_by_key(|(kind, day)| (*day, kind.key()));
    sent.dedup();
    History { sent }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::{Annotation, DoneAction};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 11, d).unwrap()
    }

    #[test]
    fn reminders_sent_before_the_letter_count_once_per_day() {
        let mut annotations = Annotations::new();
        let done = |action, d| DoneAction {
            action,
            date: day(d),
        };
        for number in ["A1", "A2"] {
            annotations.insert(
                InvoiceKey::new("Acme", number),
                Annotation {
                    done: vec![
                        done(CollectionAction::SendReminder, 3),
                        done(CollectionAction::CallPayablesContact, 5),
                        done(CollectionAction::SendFormalNotice, 25),
                    ],
                    ..Default::default()
                },
            );
        }
        let keys = [InvoiceKey::new("Acme", "A1"), InvoiceKey::new("Acme", "A2")];
        let h = history(&annotations, &[], &keys, day(20));
        assert_eq!(h.sent, [(LetterKind::Reminder, day(3))]);
        assert!(!h.is_first());
        assert_eq!(h.reminders(), 1);
        assert!(history(&annotations, &[], &keys, day(3)).is_first());
        assert!(history(&annotations, &[], &[InvoiceKey::new("Bolt", "A1")], day(30)).is_first());
    }

    #[test]
    fn letters_in_the_sent_log_count_and_a_step_marked_for_the_same_letter_counts_once() {
        use crate::i18n::Lang;
        use crate::playbook::sent::{SentChannel, SentInvoice};
        let letter = |kind, d, numbers: &[&str]| SentLetter {
            id: d as u64,
            customer: "Acme".into(),
            date: day(d),
            kind,
            lang: Lang::Zh,
            channel: SentChannel::Email,
            invoices: numbers
                .iter()
                .map(|n| SentInvoice {
                    number: n.to_string(),
                    amount: rust_decimal::Decimal::ONE,
                    currency: String::new(),
                })
                .collect(),
            courier: String::new(),
            reference: String::new(),
            received: None,
            acknowledged: None,
        };
        // A reminder about A1 on the 3rd (logged, and also ticked done by hand), a demand
        // about B9 only, and a reminder about every open invoice (none listed) on the 10th.
        let log = vec![
            letter(LetterKind::Reminder, 3, &["A1"]),
            letter(LetterKind::Demand, 5, &["B9"]),
            letter(LetterKind::Reminder, 10, &[]),
        ];
        let mut annotations = Annotations::new();
        annotations.insert(
            InvoiceKey::new("Acme", "A1"),
            Annotation {
                done: vec![DoneAction {
                    action: CollectionAction::SendReminder,
                    date: day(3),
                }],
                ..Default::default()
            },
        );
        let keys = [InvoiceKey::new("Acme", "A1")];
        let h = history(&annotations, &log, &keys, day(20));
        assert_eq!(
            h.sent,
            [
                (LetterKind::Reminder, day(3)),
                (LetterKind::Reminder, day(10))
            ]
        );
        assert!(history(&Annotations::new(), &log, &keys, day(3)).is_first());
        let other = [InvoiceKey::new("Bolt", "A1")];
        assert!(history(&annotations, &log, &other, day(20)).is_first());
    }
}
