//! Snapshots that come from someone else, in a data link (issue 19 item 6): checked against the
//! workspace's ranges and bounded in number and size before anything reads them, then merged
//! into the user's own kept snapshots without ever dropping one of the user's.
//!
//! # The merge rule
//! * A date the user has already kept keeps the user's snapshot: one per date, and a link never
//!   silently replaces what the user kept (the review says which dates those were).
//! * The others are added, newest first, while there is room under [`MAX_SNAPSHOTS`]; the ones
//!   left over are listed as not taken. Keeping the user's and refusing the link's oldest is
//!   the only choice that loses nothing of the user's.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::snapshot::{
    ReadError, Snapshot, Snapshots, MAX_SNAPSHOTS, MAX_SNAPSHOT_INVOICES, SNAPSHOT_VERSION,
};
use crate::limits::{
    date_in_range, Clamped, Shown, SnapshotWhy, MAX_AMOUNT, MAX_CURRENCY_CHARS, MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
};

/// Most invoices, over all its snapshots, that one link carries: 26 weeks of a ledger of about
/// 770 invoices. Their JSON (about 200 bytes each, 4 MB in all) and the largest pasted text
/// the share panel puts in a link (2 MB, about 4 MB of JSON) stay inside the link's inflated
/// bound (`share::MAX_INFLATED`, 8 MiB).
pub const MAX_SHARED_SNAPSHOT_INVOICES: usize = 20_000;

/// What merging a link's snapshots into the user's does (or would do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// How many snapshots the link carries.
    pub incoming: usize,
    /// Dates added to the user's snapshots.
    pub added: Vec<NaiveDate>,
    /// Dates the user had kept already: theirs stays.
    pub already_kept: Vec<NaiveDate>,
    /// Dates not taken because the user's list is full (the link's oldest).
    pub no_room: Vec<NaiveDate>,
}

impl Snapshots {
    /// What [`Snapshots::merge`] would do with `incoming`, without doing it.
    pub fn merge_plan(&self, incoming: &Snapshots) -> Merged {
        let own: BTreeSet<NaiveDate> = self.list.iter().map(|s| s.as_of).collect();
        let mut room = MAX_SNAPSHOTS.saturating_sub(self.list.len());
        let mut merged = Merged {
            incoming: incoming.list.len(),
            ..Merged::default()
        };
        // Newest first, so that when room runs out it is the link's oldest that stay out.
        for snapshot in incoming.list.iter().rev() {
            let date = snapshot.as_of;
            if own.contains(&date) {
                merged.already_kept.push(date);
            } else if room > 0 {
                room -= 1;
                merged.added.push(date);
            } else {
                merged.no_room.push(date);
            }
        }
        merged.added.sort();
        merged.already_kept.sort();
        merged.no_room.sort();
        merged
    }

    /// Adds `incoming`'s snapshots by the merge rule of this module.
    pub fn merge(&mut self, incoming: &Snapshots) -> Merged {
        let merged = self.merge_plan(incoming);
        for snapshot in &incoming.list {
            if merged.added.contains(&snapshot.as_of) {
                // Within the bound by construction; `keep` keeps the date order.
                let _ = self.keep(snapshot.clone());
            }
        }
        merged
    }
}

/// Why a snapshot from outside cannot be used, if it cannot: a date outside the workspace's
/// years, an amount beyond the largest the page computes with, a name or code longer than any
/// real one, or more invoices than a snapshot may hold.
pub fn out_of_range(snapshot: &Snapshot) -> Option<SnapshotWhy> {
    if !date_in_range(snapshot.as_of) {
        return Some(SnapshotWhy::AsOfOutOfRange(snapshot.as_of));
    }
    if snapshot.invoices.is_empty() {
        return Some(SnapshotWhy::NoInvoices);
    }
    if snapshot.invoices.len() > MAX_SNAPSHOT_INVOICES {
        return Some(SnapshotWhy::TooManyInvoices(snapshot.invoices.len()));
    }
    let long = |text: &str, max: usize| text.chars().count() > max;
    let big = |amount: &Decimal| amount.abs() > MAX_AMOUNT;
    for invoice in &snapshot.invoices {
        let dates = [
            Some(invoice.due_date),
            invoice.invoice_date,
            invoice.promise,
        ];
        if let Some(date) = dates.into_iter().flatten().find(|d| !date_in_range(*d)) {
            return Some(SnapshotWhy::InvoiceDate {
                number: short(&invoice.number),
                date,
            });
        }
        if [&invoice.amount, &invoice.paid, &invoice.outstanding]
            .into_iter()
            .any(big)
        {
            return Some(SnapshotWhy::InvoiceAmount {
                number: short(&invoice.number),
            });
        }
        if long(&invoice.customer, MAX_NAME_CHARS)
            || long(&invoice.number, MAX_NAME_CHARS)
            || long(&invoice.currency, MAX_CURRENCY_CHARS)
            || long(&invoice.salesperson, MAX_TEXT_CHARS)
        {
            return Some(SnapshotWhy::InvoiceText {
                number: short(&invoice.number),
            });
        }
    }
    None
}

/// An invoice number as a reason shows it: at most 40 characters (a hostile one can be long).
fn short(number: &str) -> String {
    number.chars().take(40).collect()
}

/// A link's snapshots made safe to read: each one out of range is left out, then the newest
/// are kept while they fit [`MAX_SNAPSHOTS`] and `max_invoices` in all; every one left out is
/// listed, as `limits::sanitize` lists what it changed. A snapshot of a later version than
/// this page refuses them all ([`ReadError::NewerVersion`]).
pub fn bounded(
    read: Snapshots,
    max_invoices: usize,
) -> Result<(Snapshots, Vec<Clamped>), ReadError> {
    if let Some(newer) = read.list.iter().find(|s| s.version > SNAPSHOT_VERSION) {
        return Err(ReadError::NewerVersion(newer.version));
    }
    let mut clamped = Vec::new();
    let mut not_opened = |snapshot: &Snapshot, why: SnapshotWhy| {
        clamped.push(Clamped {
            field: format!("snapshots[{}]", snapshot.as_of),
            was: Shown::Snapshot(why),
            now: Shown::NotOpened,
        })
    };
    let mut usable: Vec<Snapshot> = Vec::new();
    for snapshot in read.list {
        match out_of_range(&snapshot) {
            Some(why) => not_opened(&snapshot, why),
            None => usable.push(snapshot),
        }
    }
    // Newest first; one per date (a second of the same date is a duplicate the sender's page
    // never writes).
    usable.sort_by_key(|s| std::cmp::Reverse(s.as_of));
    let mut seen = BTreeSet::new();
    let mut invoices = 0usize;
    let mut kept = Snapshots::default();
    for snapshot in usable {
        if !seen.insert(snapshot.as_of) {
            not_opened(&snapshot, SnapshotWhy::SameDate);
        } else if kept.list.len() >= MAX_SNAPSHOTS {
            not_opened(&snapshot, SnapshotWhy::OverSnapshots(MAX_SNAPSHOTS));
        } else if invoices.saturating_add(snapshot.invoices.len()) > max_invoices {
            not_opened(&snapshot, SnapshotWhy::OverInvoices(max_invoices));
        } else {
            invoices += snapshot.invoices.len();
            kept.list.push(snapshot);
        }
    }
    kept.list.reverse();
    Ok((Snapshots::normalised(kept)?, clamped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::snapshot::SnapInvoice;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(d))
    }

    fn snapshot(as_of: NaiveDate, number: &str) -> Snapshot {
        Snapshot::from_invoices(
            as_of,
            vec![SnapInvoice {
                customer: "ACME".into(),
                number: number.into(),
                currency: "CNY".into(),
                invoice_date: None,
                due_date: day(0),
                amount: Decimal::ONE_HUNDRED,
                paid: Decimal::ZERO,
                outstanding: Decimal::ONE_HUNDRED,
                salesperson: String::new(),
                stage: Default::default(),
                disputed: false,
                promise: None,
            }],
        )
    }

    fn weeks(from: u32, count: u32, number: &str) -> Snapshots {
        Snapshots {
            list: (0..count)
                .map(|w| snapshot(day((from + w) * 7), number))
                .collect(),
        }
    }

    #[test]
    fn a_date_kept_by_both_keeps_the_users_and_the_rest_is_added_in_order() {
        let mut own = weeks(0, 2, "mine");
        let theirs = weeks(1, 3, "theirs");
        let merged = own.merge(&theirs);
        assert_eq!(merged.incoming, 3);
        assert_eq!(merged.already_kept, vec![day(7)]);
        assert_eq!(merged.added, vec![day(14), day(21)]);
        assert!(merged.no_room.is_empty());
        let dates: Vec<_> = own.list.iter().map(|s| s.as_of).collect();
        assert_eq!(dates, vec![day(0), day(7), day(14), day(21)]);
        assert_eq!(own.get(day(7)).unwrap().invoices[0].number, "mine");
        assert_eq!(own.get(day(14)).unwrap().invoices[0].number, "theirs");
    }

    #[test]
    fn a_full_list_never_loses_one_of_the_users_and_the_links_oldest_stay_out() {
        let mut own = weeks(0, MAX_SNAPSHOTS as u32 - 2, "mine");
        let before = own.clone();
        let theirs = weeks(100, 5, "theirs");
        let plan = own.merge_plan(&theirs);
        assert_eq!(own, before, "a plan changes nothing");
        let merged = own.merge(&theirs);
        assert_eq!(merged, plan);
        assert_eq!(merged.added, vec![day(103 * 7), day(104 * 7)]);
        assert_eq!(merged.no_room, vec![day(700), day(101 * 7), day(102 * 7)]);
        assert_eq!(own.list.len(), MAX_SNAPSHOTS);
        for kept in &before.list {
            assert_eq!(own.get(kept.as_of), Some(kept));
        }
    }

    #[test]
    fn out_of_range_and_excess_snapshots_are_left_out_and_listed() {
        let mut read = weeks(0, 3, "x");
        let mut far = snapshot(day(70), "far");
        far.invoices[0].due_date = NaiveDate::from_ymd_opt(30000, 1, 1).unwrap();
        read.list.push(far);
        let mut huge = snapshot(day(77), "huge");
        huge.invoices[0].amount = Decimal::MAX;
        read.list.push(huge);
        // Two invoices in all: the newest usable snapshots first.
        let (kept, clamped) = bounded(read, 2).unwrap();
        let dates: Vec<_> = kept.list.iter().map(|s| s.as_of).collect();
        assert_eq!(dates, vec![day(7), day(14)]);
        let fields: Vec<_> = clamped.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "snapshots[2026-03-12]",
                "snapshots[2026-03-19]",
                "snapshots[2026-01-01]"
            ]
        );
        assert!(
            clamped[0].was.to_string().contains("30000-01-01"),
            "{:?}",
            clamped[0]
        );
        assert!(
            clamped[2].was.to_string().contains("over 2 invoices"),
            "{:?}",
            clamped[2]
        );
    }

    #[test]
    fn a_newer_snapshot_version_is_refused() {
        let mut read = weeks(0, 1, "x");
        read.list[0].version = SNAPSHOT_VERSION + 1;
        assert_eq!(
            bounded(read, 10),
            Err(ReadError::NewerVersion(SNAPSHOT_VERSION + 1))
        );
    }
}
