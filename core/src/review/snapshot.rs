//! A snapshot: the ledger of one as-of date, as parsed, and the bounded list of kept ones.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::aging::{self, Buckets};
use crate::money::Currency;
use crate::paste::Invoice;
use crate::playbook::{InvoiceKey, Stage};
use crate::report::Report;
use crate::workspace::Workspace;

/// How many snapshots are kept: half a year of weekly reviews. Keeping one more drops the
/// oldest, and the page says so.
pub const MAX_SNAPSHOTS: usize = 26;
/// Invoices one snapshot may hold; a larger ledger is refused rather than cut, since a cut
/// snapshot would show invoices as "vanished".
pub const MAX_SNAPSHOT_INVOICES: usize = 200_000;
/// The stored JSON of all snapshots, at most (read from storage or a link). 26 snapshots of
/// 10,000 invoices are about 50 MB; more than this is refused before parsing.
pub const MAX_SNAPSHOTS_JSON: usize = 96 * 1024 * 1024;
/// The snapshot format written now. Version 1 is the first; a later page reads every earlier
/// version (fields added later are `#[serde(default)]`).
pub const SNAPSHOT_VERSION: u32 = 1;

/// One invoice as it stood on the snapshot's date: what the parser read plus the playbook's
/// view of it (stage, dispute, promise) on that date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapInvoice {
    pub customer: String,
    pub number: String,
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_date: Option<NaiveDate>,
    pub due_date: NaiveDate,
    pub amount: Decimal,
    #[serde(default)]
    pub paid: Decimal,
    pub outstanding: Decimal,
    /// The salesperson column (业务员), when the ledger has one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub salesperson: String,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disputed: bool,
    /// The pay-by date of the promise in force, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promise: Option<NaiveDate>,
}

impl SnapInvoice {
    pub fn key(&self) -> InvoiceKey {
        InvoiceKey::new(&self.customer, &self.number)
    }

    /// As the parser's type, so that aging and DSO are computed by the same code as the page.
    pub fn as_invoice(&self) -> Invoice {
        Invoice {
            line: 0,
            number: self.number.clone(),
            customer: self.customer.clone(),
            currency: Currency::from(self.currency.as_str()),
            invoice_date: self.invoice_date,
            due_date: self.due_date,
            due_derived: false,
            amount: self.amount,
            paid: self.paid,
            outstanding: self.outstanding,
            paid_date: None,
            notes: String::new(),
            salesperson: (!self.salesperson.is_empty()).then(|| self.salesperson.clone()),
        }
    }
}

/// Per currency, what the list of snapshots shows without reading the invoices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapTotal {
    pub currency: String,
    pub outstanding: Decimal,
    pub overdue: Decimal,
    pub open_count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub version: u32,
    pub as_of: NaiveDate,
    pub invoices: Vec<SnapInvoice>,
    #[serde(default)]
    pub totals: Vec<SnapTotal>,
}

impl Snapshot {
    /// The ledger on the page as a snapshot of its as-of date.
    pub fn of(report: &Report, workspace: &Workspace) -> Snapshot {
        let invoices: Vec<SnapInvoice> = report
            .rows()
            .map(|row| {
                let invoice = row.invoice;
                let key = row.key();
                let assessment = row.assessment;
                SnapInvoice {
                    customer: invoice.customer.clone(),
                    number: invoice.number.clone(),
                    currency: invoice.currency.to_string(),
                    invoice_date: invoice.invoice_date,
                    due_date: invoice.due_date,
                    amount: invoice.amount,
                    paid: invoice.paid,
                    outstanding: invoice.outstanding,
                    salesperson: salesperson_of(invoice),
                    stage: assessment.stage,
                    disputed: assessment.dispute.is_some(),
                    promise: workspace
                        .annotations
                        .get(&key)
                        .and_then(|a| a.promises.last())
                        .map(|p| p.pay_by),
                }
            })
            .collect();
        Snapshot::from_invoices(report.as_of, invoices)
    }

    /// A snapshot of these invoices, with its summary computed.
    pub fn from_invoices(as_of: NaiveDate, invoices: Vec<SnapInvoice>) -> Snapshot {
        let mut snapshot = Snapshot {
            version: SNAPSHOT_VERSION,
            as_of,
            invoices,
            totals: Vec::new(),
        };
        snapshot.totals = snapshot.compute_totals();
        snapshot
    }

    fn compute_totals(&self) -> Vec<SnapTotal> {
        let buckets = Buckets::stages();
        let mut totals: BTreeMap<&str, SnapTotal> = BTreeMap::new();
        for invoice in &self.invoices {
            if invoice.outstanding <= Decimal::ZERO {
                continue;
            }
            let aged = aging::age(&invoice.as_invoice(), self.as_of, &buckets);
            let total = totals
                .entry(invoice.currency.as_str())
                .or_insert_with(|| SnapTotal {
                    currency: invoice.currency.to_string(),
                    outstanding: Decimal::ZERO,
                    overdue: Decimal::ZERO,
                    open_count: 0,
                });
            total.outstanding = total.outstanding.saturating_add(invoice.outstanding);
            if aged.is_overdue() {
                total.overdue = total.overdue.saturating_add(invoice.outstanding);
            }
            total.open_count += 1;
        }
        totals.into_values().collect()
    }

    /// The parser's invoices of this snapshot, in its order.
    pub fn parsed_invoices(&self) -> Vec<Invoice> {
        self.invoices.iter().map(SnapInvoice::as_invoice).collect()
    }

    /// Currencies present, sorted.
    pub fn currencies(&self) -> Vec<String> {
        let mut all: Vec<String> = self.invoices.iter().map(|i| i.currency.clone()).collect();
        all.sort();
        all.dedup();
        all
    }
}

fn salesperson_of(invoice: &Invoice) -> String {
    invoice.salesperson.clone().unwrap_or_default()
}

/// The snapshots kept in this browser, oldest first, one per as-of date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshots {
    pub list: Vec<Snapshot>,
}

/// What keeping a snapshot did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub as_of: NaiveDate,
    /// A snapshot of the same as-of date was there and has been replaced.
    pub replaced: bool,
    /// The oldest ones dropped to stay within [`MAX_SNAPSHOTS`].
    pub dropped: Vec<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeepError {
    /// The ledger has no invoices: nothing to keep.
    Empty,
    TooLarge,
}

/// Why stored snapshots could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    TooLarge,
    /// Written by a later version of the page than this one.
    NewerVersion(u32),
    Invalid(String),
}

impl Snapshots {
    /// Keeps `snapshot` in date order (replacing one of the same date), then drops the oldest
    /// beyond [`MAX_SNAPSHOTS`].
    pub fn keep(&mut self, snapshot: Snapshot) -> Result<Kept, KeepError> {
        if snapshot.invoices.is_empty() {
            return Err(KeepError::Empty);
        }
        if snapshot.invoices.len() > MAX_SNAPSHOT_INVOICES {
            return Err(KeepError::TooLarge);
        }
        let as_of = snapshot.as_of;
        let replaced = match self.list.binary_search_by_key(&as_of, |s| s.as_of) {
            Ok(at) => {
                self.list[at] = snapshot;
                true
            }
            Err(at) => {
                self.list.insert(at, snapshot);
                false
            }
        };
        let excess = self.list.len().saturating_sub(MAX_SNAPSHOTS);
        let dropped = self.list.drain(..excess).map(|s| s.as_of).collect();
        Ok(Kept {
            as_of,
            replaced,
            dropped,
        })
    }

    /// Removes the snapshot of this date; false when there was none.
    pub fn remove(&mut self, as_of: NaiveDate) -> bool {
        let before = self.list.len();
        self.list.retain(|s| s.as_of != as_of);
        self.list.len() != before
    }

    pub fn get(&self, as_of: NaiveDate) -> Option<&Snapshot> {
        self.list.iter().find(|s| s.as_of == as_of)
    }

    /// The default "then" of a comparison: the latest snapshot dated before `as_of`.
    pub fn latest_before(&self, as_of: NaiveDate) -> Option<&Snapshot> {
        self.list.iter().rev().find(|s| s.as_of < as_of)
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads stored snapshots: bounded in size, each snapshot's version checked, then brought
    /// into the shape `keep` maintains (date order, one per date, at most [`MAX_SNAPSHOTS`],
    /// each within [`MAX_SNAPSHOT_INVOICES`]) whatever wrote them.
    pub fn from_json(json: &str) -> Result<Snapshots, ReadError> {
        if json.len() > MAX_SNAPSHOTS_JSON {
            return Err(ReadError::TooLarge);
        }
        let read: Snapshots =
            serde_json::from_str(json).map_err(|e| ReadError::Invalid(e.to_string()))?;
        Snapshots::normalised(read)
    }

    /// Snapshots as read from anywhere (storage or a link), brought into the shape `keep`
    /// maintains; a snapshot of a later version than this page refuses them all.
    pub fn normalised(read: Snapshots) -> Result<Snapshots, ReadError> {
        if let Some(newer) = read.list.iter().find(|s| s.version > SNAPSHOT_VERSION) {
            return Err(ReadError::NewerVersion(newer.version));
        }
        let mut out = Snapshots::default();
        for mut snapshot in read.list {
            snapshot.version = SNAPSHOT_VERSION;
            if snapshot.totals.is_empty() {
                snapshot.totals = snapshot.compute_totals();
            }
            let _ = out.keep(snapshot);
        }
        Ok(out)
    }

    /// Bytes of the stored form, as browsers count stored strings (UTF-16).
    pub fn stored_bytes(snapshot: &Snapshot) -> usize {
        serde_json::to_string(snapshot)
            .map(|j| j.encode_utf16().count() * 2)
            .unwrap_or(0)
    }
}
