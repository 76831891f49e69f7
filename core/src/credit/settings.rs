//! What the user sets about credit: thresholds and the default limit (settings, carried by a
//! settings-only link) and, per customer, its limit and a hold in force (data: they name a
//! customer, so only a data link carries them — [`crate::share::shareable`] clears
//! `customers` from a settings-only link, as it clears customers' addresses).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Percent thresholds run 0–100; day thresholds stop at ten years.
pub const MAX_CREDIT_PERCENT: u32 = 100;
pub const MAX_CREDIT_DAYS: u32 = 3_650;
/// A suggested limit covers at most two years of invoicing.
pub const MAX_SUGGEST_MONTHS: u32 = 24;
/// The history window is at most ten years.
pub const MAX_HISTORY_MONTHS: u32 = 120;
/// "First orders" of a new customer: at most 100.
pub const MAX_NEW_CUSTOMER_ORDERS: u32 = 100;
/// Most customers with a limit or a hold (a link's map is untrusted).
pub const MAX_CREDIT_CUSTOMERS: usize = 5_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreditSettings {
    /// The limit of a customer without its own, in the workspace's default currency. None: no
    /// default (such a customer has no limit).
    pub default_limit: Option<Decimal>,
    /// Grade thresholds: the least share of invoices paid on time, in percent, and the most
    /// average days late, for grades A, B and C (below C: D).
    pub on_time_percent: [u32; 3],
    pub days_late: [u32; 3],
    /// Invoices paid within this many days after the due date still count as on time.
    pub grace_days: u32,
    /// The recent window of the trend: invoices paid in these last days against the ones before.
    pub trend_days: u32,
    /// The suggested limit is this many months of the customer's average monthly invoicing…
    pub suggest_months: u32,
    /// …over at most this many months of history.
    pub history_months: u32,
    /// A customer with no payment history pays before delivery (款到发货) for its first this
    /// many invoices.
    pub new_customer_orders: u32,
    /// Credit insurance: days after the notice deadline before a claim can be filed (the
    /// policy's waiting period). None: not set, and the page gives no claim day.
    pub claim_waiting_days: Option<u32>,
    /// Per customer (the name as pasted): its own limit, a hold in force.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub customers: BTreeMap<String, CustomerCredit>,
}

impl Default for CreditSettings {
    fn default() -> Self {
        CreditSettings {
            default_limit: None,
            on_time_percent: [90, 70, 50],
            days_late: [5, 15, 45],
            grace_days: 0,
            trend_days: 90,
            suggest_months: 2,
            history_months: 12,
            new_customer_orders: 3,
            claim_waiting_days: None,
            customers: BTreeMap::new(),
        }
    }
}

impl CreditSettings {
    pub fn is_default(&self) -> bool {
        *self == CreditSettings::default()
    }

    /// Every number in its range, the per-customer map bounded; says what it changed.
    pub fn clamp(&mut self) -> Vec<(&'static str, String)> {
        let mut changed = Vec::new();
        let mut cap = |name: &'static str, v: &mut u32, max: u32| {
            if *v > max {
                changed.push((name, v.to_string()));
                *v = max;
            }
        };
        for v in self.on_time_percent.iter_mut() {
            cap("credit.on_time_percent", v, MAX_CREDIT_PERCENT);
        }
        for v in self.days_late.iter_mut() {
            cap("credit.days_late", v, MAX_CREDIT_DAYS);
        }
        cap("credit.grace_days", &mut self.grace_days, MAX_CREDIT_DAYS);
        cap("credit.trend_days", &mut self.trend_days, MAX_CREDIT_DAYS);
        cap(
            "credit.suggest_months",
            &mut self.suggest_months,
            MAX_SUGGEST_MONTHS,
        );
        cap(
            "credit.history_months",
            &mut self.history_months,
            MAX_HISTORY_MONTHS,
        );
        cap(
            "credit.new_customer_orders",
            &mut self.new_customer_orders,
            MAX_NEW_CUSTOMER_ORDERS,
        );
        if let Some(days) = self.claim_waiting_days.as_mut() {
            cap("credit.claim_waiting_days", days, MAX_CREDIT_DAYS);
        }
        let mut negative = |name: &'static str, v: &mut Decimal| {
            if v.is_sign_negative() {
                changed.push((name, v.to_string()));
                *v = Decimal::ZERO;
            }
        };
        if let Some(limit) = self.default_limit.as_mut() {
            negative("credit.default_limit", limit);
        }
        for c in self.customers.values_mut() {
            if let Some(limit) = c.limit.as_mut() {
                negative("credit.customers.limit", &mut limit.amount);
            }
            if let Some(insured) = c.insured_limit.as_mut() {
                negative("credit.customers.insured_limit", insured);
            }
        }
        if self.customers.len() > MAX_CREDIT_CUSTOMERS {
            changed.push(("credit.customers", self.customers.len().to_string()));
            if let Some(first_dropped) = self.customers.keys().nth(MAX_CREDIT_CUSTOMERS).cloned() {
                self.customers.split_off(&first_dropped);
            }
        }
        changed
    }
}

/// One customer's own credit terms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerCredit {
    pub limit: Option<CreditLimit>,
    /// The day the user put the account on hold (stop shipment), while it is.
    pub hold_since: Option<NaiveDate>,
    /// The insurer's limit on this buyer, in the customer's limit currency (else the default
    /// currency).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insured_limit: Option<Decimal>,
}

impl CustomerCredit {
    pub fn is_empty(&self) -> bool {
        *self == CustomerCredit::default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditLimit {
    pub amount: Decimal,
    pub currency: String,
}
