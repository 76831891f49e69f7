//! What was already sent about a letter's invoices, so that a first demand does not say "we
//! have reminded you several times" and a later one does. Today it is read from the
//! playbook's recorded actions (the "send a reminder" steps marked done); the letters-sent log
//! can feed [`History`] the same way.

use chrono::NaiveDate;

use crate::playbook::{Action, Annotations, InvoiceKey, LetterKind};

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
fn letter_of(action: Action) -> Option<LetterKind> {
    match action {
        Action::SendCourtesyReminder => Some(LetterKind::Courtesy),
        Action::SendReminder => Some(LetterKind::Reminder),
        Action::SendFormalNotice => Some(LetterKind::Demand),
        Action::SendFinalNotice => Some(LetterKind::Final),
        _ => None,
    }
}

/// The letters recorded as sent about `invoices` before `date` (the same letter on the same
/// day for several invoices counts once).
pub fn history(annotations: &Annotations, invoices: &[InvoiceKey], date: NaiveDate) -> History {
    let mut sent: Vec<(LetterKind, NaiveDate)> = invoices
        .iter()
        .filter_map(|key| annotations.get(key))
        .flat_map(|a| a.done.iter())
        .filter(|d| d.date < date)
        .filter_map(|d| Some((letter_of(d.action)?, d.date)))
        .collect();
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
                        done(Action::SendReminder, 3),
                        done(Action::CallPayablesContact, 5),
                        done(Action::SendFormalNotice, 25),
                    ],
                    ..Default::default()
                },
            );
        }
        let keys = [InvoiceKey::new("Acme", "A1"), InvoiceKey::new("Acme", "A2")];
        let h = history(&annotations, &keys, day(20));
        assert_eq!(h.sent, [(LetterKind::Reminder, day(3))]);
        assert!(!h.is_first());
        assert_eq!(h.reminders(), 1);
        assert!(history(&annotations, &keys, day(3)).is_first());
        assert!(history(&annotations, &[InvoiceKey::new("Bolt", "A1")], day(30)).is_first());
    }
}
