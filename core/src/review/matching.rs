//! The invoices of two snapshots matched, so that "what changed" is per invoice.
//!
//! Invoices are matched by customer + invoice number, as annotations are, so reordered rows
//! change nothing. Two things ledgers do between weeks are matched too:
//! - the same invoice on several rows (an invoice split into instalments, or a part payment
//!   booked as a second line): the rows of one customer + number are added up on each side;
//!   so is a number continued with a short suffix (`INV-7-1`, `INV-7/2`) when the plain number
//!   was there before and is gone now;
//! - a customer renamed (a name corrected, 有限公司 added): an invoice number left unmatched
//!   on both sides, in the same currency and unique there, is the same invoice.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::snapshot::{SnapInvoice, Snapshot};
use crate::playbook::Stage;

/// One invoice (or its rows added up) on one side of a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub customer: String,
    pub currency: String,
    pub amount: Decimal,
    pub outstanding: Decimal,
    /// The earliest due date among its rows that are still owed (else the earliest).
    pub due_date: NaiveDate,
    pub invoice_date: Option<NaiveDate>,
    pub stage: Stage,
    pub disputed: bool,
    pub promise: Option<NaiveDate>,
    pub salesperson: String,
    pub rows: usize,
}

impl Side {
    fn of(invoice: &SnapInvoice) -> Side {
        Side {
            customer: invoice.customer.clone(),
            currency: invoice.currency.clone(),
            amount: invoice.amount,
            outstanding: invoice.outstanding,
            due_date: invoice.due_date,
            invoice_date: invoice.invoice_date,
            stage: invoice.stage,
            disputed: invoice.disputed,
            promise: invoice.promise,
            salesperson: invoice.salesperson.clone(),
            rows: 1,
        }
    }

    fn add(&mut self, other: Side) {
        let other_owed = other.outstanding > Decimal::ZERO;
        let self_owed = self.outstanding > Decimal::ZERO;
        if (other_owed && !self_owed) || (other_owed == self_owed && other.due_date < self.due_date)
        {
            self.due_date = other.due_date;
            self.stage = other.stage;
        }
        self.amount = self.amount.saturating_add(other.amount);
        self.outstanding = self.outstanding.saturating_add(other.outstanding);
        self.invoice_date = match (self.invoice_date, other.invoice_date) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.disputed |= other.disputed;
        self.promise = self.promise.max(other.promise);
        if self.salesperson.is_empty() {
            self.salesperson = other.salesperson;
        }
        self.rows += other.rows;
    }
}

/// One invoice across the two snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub number: String,
    /// As it was then (None: new since).
    pub then: Option<Side>,
    /// As it is now (None: gone from the ledger).
    pub now: Option<Side>,
    /// The customer's earlier name, when the invoice was found under another one.
    pub renamed_from: Option<String>,
}

impl Pair {
    /// The customer's name now, or then for an invoice that is gone.
    pub fn customer(&self) -> &str {
        self.now
            .as_ref()
            .or(self.then.as_ref())
            .map(|s| s.customer.as_str())
            .unwrap_or("")
    }

    pub fn currency(&self) -> &str {
        self.now
            .as_ref()
            .or(self.then.as_ref())
            .map(|s| s.currency.as_str())
            .unwrap_or("")
    }
}

type Grouped = BTreeMap<(String, String), Side>;

fn group(snapshot: &Snapshot) -> Grouped {
    let mut out: Grouped = BTreeMap::new();
    for invoice in &snapshot.invoices {
        let key = (invoice.customer.clone(), invoice.number.clone());
        let side = Side::of(invoice);
        match out.get_mut(&key) {
            Some(existing) => existing.add(side),
            None => {
                out.insert(key, side);
            }
        }
    }
    out
}

/// `number` is `base` continued by a separator and a short suffix: a row split off it.
fn split_of(number: &str, base: &str) -> bool {
    let Some(rest) = number.strip_prefix(base) else {
        return false;
    };
    let mut chars = rest.chars();
    let separator = chars.next();
    let suffix: String = chars.collect();
    matches!(separator, Some('-' | '/' | '_' | '.'))
        && (1..=3).contains(&suffix.chars().count())
        && suffix.chars().all(char::is_alphanumeric)
}

/// Every invoice of `then` and `now`, matched; in `now`'s key order, then the vanished ones.
pub fn match_snapshots(then: &Snapshot, now: &Snapshot) -> Vec<Pair> {
    let mut before = group(then);
    let mut after = group(now);
    let mut pairs = Vec::new();

    // Exact customer + number.
    let common: Vec<_> = after
        .keys()
        .filter(|k| before.contains_key(*k))
        .cloned()
        .collect();
    for key in common {
        pairs.push(Pair {
            number: key.1.clone(),
            then: before.remove(&key),
            now: after.remove(&key),
            renamed_from: None,
        });
    }

    // Split rows: the plain number gone, numbers continuing it there now (same customer).
    let gone: Vec<_> = before.keys().cloned().collect();
    for key in gone {
        let parts: Vec<_> = after
            .keys()
            .filter(|(c, n)| *c == key.0 && split_of(n, &key.1))
            .cloned()
            .collect();
        if parts.is_empty() {
            continue;
        }
        let mut merged: Option<Side> = None;
        for part in parts {
            if let Some(side) = after.remove(&part) {
                match &mut merged {
                    Some(m) => m.add(side),
                    None => merged = Some(side),
                }
            }
        }
        pairs.push(Pair {
            number: key.1.clone(),
            then: before.remove(&key),
            now: merged,
            renamed_from: None,
        });
    }

    // Renamed customers: a number unique among the unmatched on both sides, same currency.
    let unique = |grouped: &Grouped| {
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for (_, n) in grouped.keys() {
            *count.entry(n.clone()).or_default() += 1;
        }
        count
    };
    let (count_before, count_after) = (unique(&before), unique(&after));
    let renamed: Vec<_> = before
        .iter()
        .filter(|((_, n), _)| count_before.get(n) == Some(&1) && count_after.get(n) == Some(&1))
        .filter_map(|(old, side)| {
            let new = after
                .iter()
                .find(|((_, n), s)| *n == old.1 && s.currency == side.currency)?;
            Some((old.clone(), new.0.clone()))
        })
        .collect();
    for (old, new) in renamed {
        pairs.push(Pair {
            number: new.1.clone(),
            then: before.remove(&old),
            now: after.remove(&new),
            renamed_from: Some(old.0),
        });
    }

    pairs.extend(after.into_iter().map(|(key, side)| Pair {
        number: key.1,
        then: None,
        now: Some(side),
        renamed_from: None,
    }));
    pairs.extend(before.into_iter().map(|(key, side)| Pair {
        number: key.1,
        then: Some(side),
        now: None,
        renamed_from: None,
    }));
    pairs
}
