//! What the user tells us about single invoices: disputes, promises to pay, why a payment is
//! late, which recommended actions were carried out. Stored in the workspace as `annotations`,
//! keyed by invoice (customer + number) rather than by row, so they survive re-pasting an
//! updated ledger in a different order.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::paste::Invoice;

pub use super::reasons::{DisputeReason, LateReason};
use super::vocabulary::CollectionAction;

/// Separates customer and number in the stored key (the ASCII "unit separator", which no one
/// types into a ledger). A literal separator or backslash inside a name is escaped, so every
/// key round-trips.
const SEPARATOR: char = '\u{1f}';

/// Which invoice an annotation belongs to. Serialised as one string, `customer\u{1f}number`,
/// because JSON object keys must be strings.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InvoiceKey {
    pub customer: String,
    pub number: String,
}

impl InvoiceKey {
    pub fn new(customer: &str, number: &str) -> InvoiceKey {
        InvoiceKey {
            customer: customer.to_string(),
            number: number.to_string(),
        }
    }

    pub fn of(invoice: &Invoice) -> InvoiceKey {
        InvoiceKey::new(&invoice.customer, &invoice.number)
    }

    /// The stored form.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(self.customer.len() + self.number.len() + 1);
        escape_into(&self.customer, &mut out);
        out.push(SEPARATOR);
        escape_into(&self.number, &mut out);
        out
    }

    /// Reads the stored form; a string without a separator is a number with no customer.
    pub fn decode(text: &str) -> InvoiceKey {
        let mut parts = [String::new(), String::new()];
        let mut part = 0;
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('u') => parts[part].push(SEPARATOR),
                    Some(other) => parts[part].push(other),
                    None => parts[part].push('\\'),
                },
                SEPARATOR if part == 0 => part = 1,
                c => parts[part].push(c),
            }
        }
        let [first, second] = parts;
        if part == 0 {
            InvoiceKey {
                customer: String::new(),
                number: first,
            }
        } else {
            InvoiceKey {
                customer: first,
                number: second,
            }
        }
    }
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            SEPARATOR => out.push_str("\\u"),
            c => out.push(c),
        }
    }
}

impl Serialize for InvoiceKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for InvoiceKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<InvoiceKey, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = InvoiceKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an invoice key string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<InvoiceKey, E> {
                Ok(InvoiceKey::decode(text))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// All annotations of a workspace.
pub type Annotations = BTreeMap<InvoiceKey, Annotation>;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Annotation {
    /// Set while the customer contests the invoice (or part of it).
    pub dispute: Option<Dispute>,
    /// Every promise recorded, oldest first; the latest is the one in force. Earlier ones are
    /// kept because broken promises count towards the customer's risk flag.
    pub promises: Vec<PromiseToPay>,
    /// Why the customer says the payment is late (asked in the friendly stage). Cash flow
    /// makes the formal stage offer a payment plan.
    pub late_reason: Option<LateReason>,
    /// Recommended actions carried out, with the day they were.
    pub done: Vec<DoneAction>,
    pub note: String,
    /// Recommended actions put off to a later day ("snooze to…"), at most one per action.
    /// Left out of the JSON when empty, so links and saves made before it are unchanged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub snoozed: Vec<Snooze>,
    /// Letters that reached the customer: the action the letter carried out, dated the day it
    /// was received. Derived from the letters-sent log for the playbook (a notice's deadline
    /// runs from its receipt), never stored.
    #[serde(skip)]
    pub received: Vec<DoneAction>,
}

impl Annotation {
    /// True when nothing is recorded, so the shell can drop the entry.
    pub fn is_empty(&self) -> bool {
        *self == Annotation::default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    pub reason: DisputeReason,
    /// The contested part; `None` (or a non-positive amount, or one at least the outstanding)
    /// means the whole invoice.
    #[serde(default)]
    pub disputed_amount: Option<Decimal>,
    /// The day the customer raised it: the dispute deadlines count from here.
    pub since: NaiveDate,
}

/// The customer said it would pay by `pay_by`; recorded on `made_on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromiseToPay {
    pub pay_by: NaiveDate,
    pub made_on: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoneAction {
    pub action: CollectionAction,
    pub date: NaiveDate,
}

/// `action` is not to be asked for before `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snooze {
    pub action: CollectionAction,
    pub until: NaiveDate,
}

/// Puts `action` off until `until` for every invoice in `keys` (None: asks for it again on its
/// own date). A later snooze of the same action replaces the earlier one; annotations left
/// empty are dropped.
pub fn snooze(
    annotations: &mut Annotations,
    keys: &[InvoiceKey],
    action: CollectionAction,
    until: Option<NaiveDate>,
) {
    for key in keys {
        let annotation = annotations.entry(key.clone()).or_default();
        annotation.snoozed.retain(|s| s.action != action);
        if let Some(until) = until {
            annotation.snoozed.push(Snooze { action, until });
        }
        if annotation.is_empty() {
            annotations.remove(key);
        }
    }
}

/// Records `action` as done on `on` for every invoice in `keys` (the invoices a today item
/// covers). Recording the same action twice on one day changes nothing.
pub fn mark_done(
    annotations: &mut Annotations,
    keys: &[InvoiceKey],
    action: CollectionAction,
    on: NaiveDate,
) {
    for key in keys {
        let annotation = annotations.entry(key.clone()).or_default();
        let record = DoneAction { action, date: on };
        if !annotation.done.contains(&record) {
            annotation.done.push(record);
        }
    }
}

/// Undoes [`mark_done`]; drops annotations left empty.
pub fn unmark_done(
    annotations: &mut Annotations,
    keys: &[InvoiceKey],
    action: CollectionAction,
    on: NaiveDate,
) {
    for key in keys {
        if let Some(annotation) = annotations.get_mut(key) {
            annotation
                .done
                .retain(|d| !(d.action == action && d.date == on));
            if annotation.is_empty() {
                annotations.remove(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_even_with_separators_and_backslashes() {
        for (customer, number) in [
            ("深圳市华强电子有限公司", "FP20250101"),
            ("", "X"),
            ("A\u{1f}B", "1\\2"),
            ("\\", "\u{1f}"),
            ("trailing\\", ""),
        ] {
            let key = InvoiceKey::new(customer, number);
            assert_eq!(
                InvoiceKey::decode(&key.encode()),
                key,
                "{customer:?} {number:?}"
            );
        }
        assert_eq!(InvoiceKey::new("ACME", "7").encode(), "ACME\u{1f}7");
    }

    #[test]
    fn annotations_round_trip_through_json_with_string_keys() {
        let mut annotations = Annotations::new();
        let day = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        annotations.insert(
            InvoiceKey::new("ACME", "INV-1"),
            Annotation {
                dispute: Some(Dispute {
                    reason: DisputeReason::Quality,
                    disputed_amount: Some(Decimal::new(12345, 2)),
                    since: day,
                }),
                promises: vec![PromiseToPay {
                    pay_by: day,
                    made_on: day,
                }],
                late_reason: Some(LateReason::CashFlow),
                done: vec![DoneAction {
                    action: CollectionAction::SendReminder,
                    date: day,
                }],
                note: "called Mr Li".into(),
                snoozed: vec![Snooze {
                    action: CollectionAction::CallPayablesContact,
                    until: day,
                }],
                received: Vec::new(),
            },
        );
        let json = serde_json::to_string(&annotations).unwrap();
        assert!(json.contains(r#""ACME\u001fINV-1":"#), "{json}");
        assert!(json.contains(r#""reason":"quality""#), "{json}");
        assert!(json.contains(r#""disputed_amount":"123.45""#), "{json}");
        assert!(json.contains(r#""action":"send_reminder""#), "{json}");
        let back: Annotations = serde_json::from_str(&json).unwrap();
        assert_eq!(back, annotations);
    }

    #[test]
    fn marking_done_is_idempotent_and_undoable() {
        let mut annotations = Annotations::new();
        let keys = [InvoiceKey::new("A", "1"), InvoiceKey::new("A", "2")];
        let day = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        mark_done(&mut annotations, &keys, CollectionAction::SendReminder, day);
        mark_done(&mut annotations, &keys, CollectionAction::SendReminder, day);
        assert_eq!(annotations.len(), 2);
        assert_eq!(annotations[&keys[0]].done.len(), 1);
        unmark_done(&mut annotations, &keys, CollectionAction::SendReminder, day);
        assert!(annotations.is_empty());
    }
}
