//! Credit control: per customer, its limit and what it uses of it (exposure), a suggested
//! limit, a grade from how it has paid, and whether to ship its next order — each with its
//! reasons. Derived by [`crate::report::derive`] (never stored); what the user sets is
//! [`CreditSettings`] (`settings.credit`).

pub mod explain;
pub mod exposure;
pub mod grade;
pub mod holds;
pub mod insurance;
pub mod settings;
pub mod suggest;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::groups::{sorted, Groups};
use crate::playbook::Stage;
use crate::rows::{InvoiceRow, Rows};

pub use exposure::Exposure;
pub use grade::{Grade, GradeReason, Graded};
pub use holds::{Hold, HoldReason, Recommendation, Terms};
pub use insurance::{Insurance, Policy};
pub use settings::{CreditLimit, CreditSettings, CustomerCredit};
pub use suggest::Suggestion;

/// The limit that applies to a customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedLimit {
    pub amount: Decimal,
    pub currency: String,
    /// The customer's own (else the default).
    pub own: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerCreditReport {
    pub customer: String,
    /// Per currency, in currency order.
    pub exposure: Vec<Exposure>,
    pub limit: Option<AppliedLimit>,
    /// Exposure in the limit's currency (exposure in other currencies is listed, not counted).
    pub used: Option<Decimal>,
    pub graded: Graded,
    pub suggestion: Option<Suggestion>,
    pub recommendation: Recommendation,
    /// When the receivables are insured and this buyer has an insured limit.
    pub insurance: Option<Insurance>,
}

impl CustomerCreditReport {
    pub fn over_limit(&self) -> bool {
        matches!((&self.limit, self.used), (Some(l), Some(u)) if u > l.amount)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreditReport {
    /// One per customer, by name.
    pub customers: Vec<CustomerCreditReport>,
}

impl CreditReport {
    pub fn customer(&self, name: &str) -> Option<&CustomerCreditReport> {
        self.customers
            .binary_search_by(|c| c.customer.as_str().cmp(name))
            .ok()
            .map(|i| &self.customers[i])
    }
}

/// What the derive needs besides the invoices.
pub struct Context<'a> {
    pub settings: &'a CreditSettings,
    pub default_currency: &'a str,
    /// The insurer's notice period, when the receivables are credit-insured.
    pub insurer_notice_days: Option<u32>,
    pub as_of: NaiveDate,
}

/// Credit per customer, from the report's rows (`report::derive` makes them before the
/// report exists, since credit is its last stage).
pub(crate) fn derive(rows: Rows, cx: &Context) -> CreditReport {
    let mut by_customer: Groups<&str, Vec<InvoiceRow>> = Groups::default();
    for row in rows.iter() {
        by_customer
            .entry(row.invoice.customer.as_str())
            .or_default()
            .push(row);
    }
    let customers = sorted(by_customer)
        .into_iter()
        .map(|(name, rows)| one(name, &rows, cx))
        .collect();
    CreditReport { customers }
}

fn one(name: &str, rows: &[InvoiceRow], cx: &Context) -> CustomerCreditReport {
    let (settings, default_currency, as_of) = (cx.settings, cx.default_currency, cx.as_of);
    let pairs = || rows.iter().map(|r| (r.invoice, r.aged));
    let assessed = || rows.iter().map(|r| r.assessment);
    let broken: usize = assessed().map(|a| a.broken_promises).sum();
    let disputes = assessed().filter(|a| a.dispute.is_some()).count();
    let exposure = exposure::exposure(pairs());
    let graded = grade::grade(pairs(), broken, disputes, settings, as_of);
    let suggestion = suggest::suggest(pairs().map(|p| p.0), &graded, settings, as_of);
    let own = settings.customers.get(name);
    let limit = match own.and_then(|c| c.limit.as_ref()) {
        Some(l) => Some(AppliedLimit {
            amount: l.amount,
            currency: l.currency.clone(),
            own: true,
        }),
        None => settings.default_limit.map(|amount| AppliedLimit {
            amount,
            currency: default_currency.to_string(),
            own: false,
        }),
    };
    let used = limit.as_ref().map(|l| {
        exposure
            .iter()
            .find(|e| e.currency == l.currency)
            .map_or(Decimal::ZERO, Exposure::total)
    });
    let pre_legal = rows
        .iter()
        .filter(|r| matches!(r.assessment.stage, Stage::Escalate | Stage::BadDebt))
        .max_by_key(|r| r.assessment.days_past_due)
        .map(|r| (r.invoice.number.as_str(), r.assessment.days_past_due));
    let over = match (&limit, used) {
        (Some(l), Some(u)) if u > l.amount => Some((u, l.amount, l.currency.as_str())),
        _ => None,
    };
    let recommendation = holds::recommend(&holds::Facts {
        over_limit: over,
        pre_legal,
        broken_promises: broken,
        graded: &graded,
        invoices: rows.len(),
        first_orders: settings.new_customer_orders,
        hold_since: own.and_then(|c| c.hold_since),
    });
    let insurance = cx
        .insurer_notice_days
        .zip(own.and_then(|c| c.insured_limit))
        .map(|(notice_days, insured)| {
            let currency = limit.as_ref().map_or(default_currency, |l| &l.currency);
            let policy = Policy {
                notice_days,
                claim_waiting_days: settings.claim_waiting_days,
            };
            insurance::insurance(insured, currency, &exposure, pairs(), &policy)
        });
    CustomerCreditReport {
        customer: name.to_string(),
        exposure,
        limit,
        used,
        graded,
        suggestion,
        recommendation,
        insurance,
    }
}
