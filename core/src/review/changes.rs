//! What changed between two snapshots: per invoice (paid, new, newly overdue, …) and per
//! customer (outstanding and overdue then and now, promises that fell due in between), with
//! what got worse first.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::matching::{match_snapshots, Pair, Side};
use super::snapshot::Snapshot;
use crate::aging::Buckets;
use crate::dates::days_between;
use crate::i18n::Lang;

/// What happened to one invoice, worst first: the order the list is sorted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// Owed then, not in the ledger now: written off, or paid and archived — the ledger does
    /// not say which, so it is listed for a look.
    Vanished,
    NewlyOverdue,
    Disputed,
    /// Still overdue, and in a later aging bucket.
    LaterBucket,
    New,
    PartlyPaid,
    PaidInFull,
    Unchanged,
}

impl ChangeKind {
    /// The `data-change` value.
    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::Vanished => "vanished",
            ChangeKind::NewlyOverdue => "newly-overdue",
            ChangeKind::Disputed => "disputed",
            ChangeKind::LaterBucket => "later-bucket",
            ChangeKind::New => "new",
            ChangeKind::PartlyPaid => "partly-paid",
            ChangeKind::PaidInFull => "paid",
            ChangeKind::Unchanged => "unchanged",
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            ChangeKind::Vanished => lang.pick("已核销或消失", "written off or gone"),
            ChangeKind::NewlyOverdue => lang.pick("新逾期", "newly overdue"),
            ChangeKind::Disputed => lang.pick("新争议", "newly disputed"),
            ChangeKind::LaterBucket => lang.pick("账龄加深", "moved to a later bucket"),
            ChangeKind::New => lang.pick("新增", "new"),
            ChangeKind::PartlyPaid => lang.pick("部分回款", "partly paid"),
            ChangeKind::PaidInFull => lang.pick("已结清", "paid in full"),
            ChangeKind::Unchanged => lang.pick("无变化", "unchanged"),
        }
    }

    /// True for the changes that make the position worse.
    pub fn is_worse(self) -> bool {
        self <= ChangeKind::LaterBucket
    }
}

/// One side of an invoice aged on that side's as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgedSide {
    pub outstanding: Decimal,
    pub days_past_due: i64,
    pub bucket: usize,
    pub overdue: bool,
}

fn aged(side: &Side, as_of: NaiveDate, buckets: &Buckets) -> AgedSide {
    let days_past_due = days_between(side.due_date, as_of);
    let owed = side.outstanding > Decimal::ZERO;
    AgedSide {
        outstanding: side.outstanding,
        days_past_due,
        bucket: buckets.index(days_past_due),
        overdue: owed && days_past_due > 0,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceChange {
    pub customer: String,
    pub number: String,
    pub currency: String,
    /// The worst of `kinds`.
    pub kind: ChangeKind,
    pub kinds: Vec<ChangeKind>,
    pub then: Option<AgedSide>,
    pub now: Option<AgedSide>,
    /// Paid on it in between (outstanding then less now), when it is in both.
    pub collected: Decimal,
    pub renamed_from: Option<String>,
}

impl InvoiceChange {
    /// The amount the change is about, for ordering within a kind.
    pub fn at_stake(&self) -> Decimal {
        self.now
            .or(self.then)
            .map(|s| s.outstanding.abs())
            .unwrap_or_default()
    }
}

fn kinds(then: Option<&AgedSide>, now: Option<&AgedSide>, pair: &Pair) -> Vec<ChangeKind> {
    let mut out = Vec::new();
    let disputed_now = pair.now.as_ref().is_some_and(|s| s.disputed);
    let disputed_then = pair.then.as_ref().is_some_and(|s| s.disputed);
    match (then, now) {
        (None, Some(_)) => out.push(ChangeKind::New),
        (Some(t), None) if t.outstanding > Decimal::ZERO => out.push(ChangeKind::Vanished),
        (Some(t), Some(n)) => {
            let owed_then = t.outstanding > Decimal::ZERO;
            if owed_then && n.outstanding <= Decimal::ZERO {
                out.push(ChangeKind::PaidInFull);
            } else if owed_then && n.outstanding < t.outstanding {
                out.push(ChangeKind::PartlyPaid);
            }
            if n.overdue && !t.overdue {
                out.push(ChangeKind::NewlyOverdue);
            } else if n.overdue && n.bucket > t.bucket {
                out.push(ChangeKind::LaterBucket);
            }
        }
        _ => {}
    }
    if disputed_now && !disputed_then && now.is_some() {
        out.push(ChangeKind::Disputed);
    }
    if out.is_empty() {
        out.push(ChangeKind::Unchanged);
    }
    out.sort();
    out
}

/// One customer in one currency, then and now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerChange {
    pub customer: String,
    pub currency: String,
    pub then_outstanding: Decimal,
    pub then_overdue: Decimal,
    pub now_outstanding: Decimal,
    pub now_overdue: Decimal,
    /// Collected on invoices in both snapshots.
    pub collected: Decimal,
    /// Promises to pay whose day fell in the period, and how many of those invoices are paid.
    pub promises_due: usize,
    pub promises_kept: usize,
    /// Worst invoice change of the customer.
    pub worst: Option<ChangeKind>,
}

impl CustomerChange {
    pub fn overdue_change(&self) -> Decimal {
        self.now_overdue.saturating_sub(self.then_overdue)
    }

    pub fn outstanding_change(&self) -> Decimal {
        self.now_outstanding.saturating_sub(self.then_outstanding)
    }

    /// Got worse: more overdue than then.
    pub fn worsened(&self) -> bool {
        self.overdue_change() > Decimal::ZERO
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changes {
    pub then: NaiveDate,
    pub now: NaiveDate,
    /// Invoices that changed, worst first (unchanged ones left out).
    pub invoices: Vec<InvoiceChange>,
    pub unchanged: usize,
    /// Customers, the largest increase in overdue first.
    pub customers: Vec<CustomerChange>,
}

impl Changes {
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.invoices.iter().filter(|c| c.kind == kind).count()
    }
}

/// Everything that changed from `then` to `now`, each side aged on its own date with `buckets`.
pub fn compare(then: &Snapshot, now: &Snapshot, buckets: &Buckets) -> Changes {
    let pairs = match_snapshots(then, now);
    let mut invoices = Vec::new();
    let mut unchanged = 0;
    let mut customers: BTreeMap<(String, String), CustomerChange> = BTreeMap::new();
    for pair in &pairs {
        let t = pair.then.as_ref().map(|s| aged(s, then.as_of, buckets));
        let n = pair.now.as_ref().map(|s| aged(s, now.as_of, buckets));
        let kinds = kinds(t.as_ref(), n.as_ref(), pair);
        let collected = match (&t, &n) {
            (Some(t), Some(n)) => t
                .outstanding
                .saturating_sub(n.outstanding)
                .max(Decimal::ZERO),
            _ => Decimal::ZERO,
        };
        let customer = customers
            .entry((pair.customer().to_string(), pair.currency().to_string()))
            .or_insert_with(|| CustomerChange {
                customer: pair.customer().to_string(),
                currency: pair.currency().to_string(),
                ..CustomerChange::default()
            });
        if let Some(t) = &t {
            if t.outstanding > Decimal::ZERO {
                customer.then_outstanding = customer.then_outstanding.saturating_add(t.outstanding);
            }
            if t.overdue {
                customer.then_overdue = customer.then_overdue.saturating_add(t.outstanding);
            }
        }
        if let Some(n) = &n {
            if n.outstanding > Decimal::ZERO {
                customer.now_outstanding = customer.now_outstanding.saturating_add(n.outstanding);
            }
            if n.overdue {
                customer.now_overdue = customer.now_overdue.saturating_add(n.outstanding);
            }
        }
        customer.collected = customer.collected.saturating_add(collected);
        let promise = [&pair.then, &pair.now]
            .into_iter()
            .flatten()
            .filter_map(|s| s.promise)
            .filter(|p| *p > then.as_of && *p <= now.as_of)
            .max();
        if promise.is_some() {
            customer.promises_due += 1;
            if n.is_some_and(|n| n.outstanding <= Decimal::ZERO) {
                customer.promises_kept += 1;
            }
        }
        let kind = kinds[0];
        if kind == ChangeKind::Unchanged {
            unchanged += 1;
            continue;
        }
        customer.worst = Some(customer.worst.map_or(kind, |w| w.min(kind)));
        invoices.push(InvoiceChange {
            customer: pair.customer().to_string(),
            number: pair.number.clone(),
            currency: pair.currency().to_string(),
            kind,
            kinds,
            then: t,
            now: n,
            collected,
            renamed_from: pair.renamed_from.clone(),
        });
    }
    invoices.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.at_stake().cmp(&a.at_stake()))
            .then(a.customer.cmp(&b.customer))
            .then(a.number.cmp(&b.number))
    });
    let mut customers: Vec<CustomerChange> = customers.into_values().collect();
    customers.sort_by(|a, b| {
        b.overdue_change()
            .cmp(&a.overdue_change())
            .then(b.now_overdue.cmp(&a.now_overdue))
            .then(a.customer.cmp(&b.customer))
    });
    Changes {
        then: then.as_of,
        now: now.as_of,
        invoices,
        unchanged,
        customers,
    }
}
