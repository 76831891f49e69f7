//! Credit insurance (where the user has a policy, e.g. with Sinosure 中国信保): how much of a
//! buyer's exposure its insured limit covers, the day the insurer must be told of an unpaid
//! invoice, and the day a claim can be filed once the policy's waiting period has run. The
//! periods differ between policies, so they are the user's settings; the page says none of
//! them until they are set.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::aging::{Aged, Status};
use crate::paste::Invoice;

use super::exposure::Exposure;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Insurance {
    pub insured_limit: Decimal,
    pub currency: String,
    /// The exposure in that currency the insured limit covers, and the rest.
    pub covered: Decimal,
    pub uncovered: Decimal,
    /// The oldest unpaid overdue invoice's due date plus the policy's notice period.
    pub notice_by: Option<NaiveDate>,
    /// `notice_by` plus the claim waiting period, when the user set one.
    pub claim_from: Option<NaiveDate>,
}

pub struct Policy {
    pub notice_days: u32,
    pub claim_waiting_days: Option<u32>,
}

fn later(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(n)))
        .unwrap_or(NaiveDate::MAX)
}

pub fn insurance<'a>(
    insured_limit: Decimal,
    currency: &str,
    exposure: &[Exposure],
    invoices: impl Iterator<Item = (&'a Invoice, &'a Aged)>,
    policy: &Policy,
) -> Insurance {
    let total = exposure
        .iter()
        .find(|e| e.currency == currency)
        .map_or(Decimal::ZERO, Exposure::total);
    let covered = total.min(insured_limit.max(Decimal::ZERO));
    let oldest_due = invoices
        .filter(|(inv, aged)| {
            aged.status == Status::Open
                && aged.days_past_due > 0
                && inv.outstanding > Decimal::ZERO
                && inv.currency == currency
        })
        .map(|(inv, _)| inv.due_date)
        .min();
    let notice_by = oldest_due.map(|due| later(due, policy.notice_days));
    let claim_from = notice_by
        .zip(policy.claim_waiting_days)
        .map(|(n, wait)| later(n, wait));
    Insurance {
        insured_limit,
        currency: currency.to_string(),
        covered,
        uncovered: total.saturating_sub(covered),
        notice_by,
        claim_from,
    }
}
