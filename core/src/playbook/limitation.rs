//! The deadlines and checks that hold whatever an invoice's stage: where it stands against
//! the limitation period (a part payment or a recorded interruption restarts it), and whether
//! collecting is worth what it costs (the write-off check).

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

use crate::dates::days_between;
use crate::money::round_cents;
use crate::paste::Invoice;

use super::annotations::Annotation;
use super::jurisdiction::Jurisdiction;
use super::settings::{days, PlaybookSettings};
use super::vocabulary::CollectionAction;

/// Where the invoice stands against the limitation period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitationStatus {
    pub jurisdiction: Jurisdiction,
    pub years: u32,
    /// The latest of the due date, the last part payment and the last recorded interruption.
    pub runs_from: NaiveDate,
    /// The last day to act: the anniversary of `runs_from`. Whether the count starts on the
    /// due date or the day after differs between readings; the earlier end is the safe one.
    pub ends: NaiveDate,
    /// Days from the as-of date to `ends` (0 on the last day, negative after it).
    pub days_left: i64,
    /// Inside the warning window, or past the end.
    pub warning: bool,
}

/// Whether collecting is worth what it costs. `principal` is the amount on the normal track
/// (the undisputed part); every amount is in the invoice's currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteOffCheck {
    pub principal: Decimal,
    pub charges: Decimal,
    /// Principal plus charges.
    pub recoverable: Decimal,
    /// Fixed cost for the currency plus the percentage of `recoverable`, to the cent.
    pub cost: Decimal,
    /// `recoverable − cost`.
    pub net: Decimal,
    /// Collecting costs more than can be recovered (`cost > recoverable`): consider writing
    /// it off.
    pub write_off: bool,
    /// Collecting brings in more than it costs (`cost < recoverable`): legal action can pay.
    /// At exact break-even neither is recommended.
    pub worth_pursuing: bool,
    /// The late charges that could be waived for prompt payment of the principal.
    pub waivable_charges: Decimal,
    /// The cost is the page's assumption ([`super::settings::DEFAULT_COLLECTION_COSTS`]),
    /// not a figure the user gave.
    pub cost_estimated: bool,
}

/// The same calendar day `years` later (28 February for 29 February).
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(years.min(100) * 12))
        .unwrap_or(NaiveDate::MAX)
}

/// The limitation position of an open invoice. The period restarts on a part payment
/// (`paid_date` when something was paid) and on an interruption marked done.
pub fn limitation_status(
    invoice: &Invoice,
    annotation: Option<&Annotation>,
    settings: &PlaybookSettings,
    as_of: NaiveDate,
) -> LimitationStatus {
    let limitation = &settings.limitation;
    let years = limitation.effective_years();
    let part_payment = invoice
        .paid_date
        .filter(|d| *d <= as_of && invoice.paid > Decimal::ZERO);
    let interrupted = annotation.and_then(|a| {
        a.done
            .iter()
            .filter(|d| d.action == CollectionAction::InterruptLimitation && d.date <= as_of)
            .map(|d| d.date)
            .max()
    });
    let runs_from = [Some(invoice.due_date), part_payment, interrupted]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(invoice.due_date);
    let ends = add_years(runs_from, years);
    let days_left = days_between(as_of, ends);
    LimitationStatus {
        jurisdiction: limitation.jurisdiction,
        years,
        runs_from,
        ends,
        days_left,
        warning: days_left <= days(limitation.warn_days),
    }
}

/// Compares what can be recovered with what collecting costs.
pub fn write_off_check(
    principal: Decimal,
    charges: Decimal,
    currency: &str,
    settings: &PlaybookSettings,
) -> WriteOffCheck {
    let principal = principal.max(Decimal::ZERO);
    let charges = charges.max(Decimal::ZERO);
    let recoverable = principal.saturating_add(charges);
    let percent = settings
        .collection_cost_percent_for(currency)
        .clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    let variable = recoverable
        .checked_mul(percent)
        .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
        .unwrap_or(recoverable);
    let cost = round_cents(
        settings
            .collection_cost_for(currency)
            .saturating_add(variable),
    );
    WriteOffCheck {
        principal,
        charges,
        recoverable,
        cost,
        net: recoverable.saturating_sub(cost),
        write_off: cost > recoverable,
        worth_pursuing: cost < recoverable,
        waivable_charges: charges,
        cost_estimated: settings.collection_cost_is_estimate(currency),
    }
}
