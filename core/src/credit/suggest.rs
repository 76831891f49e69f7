//! The suggested limit, by a rule the page states in full ([`super::explain`]):
//!
//! `suggest_months` × the customer's average monthly invoiced amount over the last
//! `history_months` months (months counted from its first invoice in that window, at least
//! one), in the currency it invoiced most in; less 1 % per average day late (at most 50 %) and
//! 20 % per broken promise (at most 60 %), together at most 90 %; nothing for grade D (it pays
//! in advance); rounded down to a round figure. A common practice in credit management is to
//! set a limit at the sales of the payment terms plus a margin (two months' sales for 30-day
//! terms), lowered for a poor payer: this is that practice, made explicit.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::paste::Invoice;

use super::grade::{Grade, Graded};
use super::settings::CreditSettings;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub amount: Decimal,
    pub currency: String,
    pub monthly_average: Decimal,
    /// Months the average is over.
    pub months: u32,
    /// Percent taken off for lateness and broken promises.
    pub reduction_percent: u32,
}

/// Whole months from `from` to `to`, counting a started month, at least 1.
fn months_spanned(from: NaiveDate, to: NaiveDate) -> u32 {
    let m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 + 1;
    u32::try_from(m).unwrap_or(1).max(1)
}

/// Rounded down to 2 significant figures' worth: 1,000s above 10,000, 100s above 1,000.
fn round_down(x: Decimal) -> Decimal {
    let step = if x >= Decimal::from(10_000) {
        Decimal::from(1_000)
    } else if x >= Decimal::from(1_000) {
        Decimal::from(100)
    } else {
        Decimal::ONE
    };
    (x / step).floor() * step
}

pub fn suggest<'a>(
    invoices: impl Iterator<Item = &'a Invoice>,
    graded: &Graded,
    settings: &CreditSettings,
    as_of: NaiveDate,
) -> Option<Suggestion> {
    let window_from = as_of
        .checked_sub_months(Months::new(settings.history_months.max(1)))
        .unwrap_or(NaiveDate::MIN);
    // Per currency: amount invoiced and the first invoice's date in the window.
    let mut per: Vec<(String, Decimal, NaiveDate)> = Vec::new();
    for inv in invoices {
        let on = inv.invoice_date.unwrap_or(inv.due_date);
        if on <= window_from || on > as_of || inv.amount <= Decimal::ZERO {
            continue;
        }
        match per.iter_mut().find(|p| p.0 == inv.currency) {
            Some(p) => {
                p.1 = p.1.saturating_add(inv.amount);
                p.2 = p.2.min(on);
            }
            None => per.push((inv.currency.to_string(), inv.amount, on)),
        }
    }
    let (currency, invoiced, first) = per
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    let months = months_spanned(first, as_of).min(settings.history_months.max(1));
    let monthly_average = (invoiced / Decimal::from(months)).round_dp(2);
    let h = &graded.history;
    let late_cut = u32::try_from(h.average_days_late.clamp(0, 50)).unwrap_or(50);
    let promise_cut = u32::try_from(h.broken_promises.min(3) * 20).unwrap_or(60);
    let reduction_percent = (late_cut + promise_cut).min(90);
    let amount = if graded.grade == Some(Grade::D) {
        Decimal::ZERO
    } else {
        let base = monthly_average.saturating_mul(Decimal::from(settings.suggest_months));
        round_down(base.saturating_mul(Decimal::from(100 - reduction_percent)) / Decimal::from(100))
    };
    Some(Suggestion {
        amount,
        currency,
        monthly_average,
        months,
        reduction_percent,
    })
}
