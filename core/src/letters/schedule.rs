//! The instalment schedule of a payment-plan proposal.

use chrono::{Months, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::money::round_cents;

/// At most this many instalments (ten years of monthly payments): a larger count is cut to it,
/// so a mistyped count can never make the page build millions of rows.
pub const MAX_INSTALMENTS: u32 = 120;

/// `count` monthly instalments of `total`, the first on `first` and each next one on the same
/// day of the following months (the 31st becomes the month's last day: 31 Jan, 28 Feb, 31 Mar).
///
/// `total` is rounded to the cent; every instalment is `total / count` cut down to the cent,
/// and the last one takes what is left, so the amounts always add up to the total exactly
/// (100.00 in 3 → 33.33, 33.33, 33.34).
///
/// Never panics. Empty when `count` is 0 or the total is zero or negative (nothing to plan).
/// The count is cut to [`MAX_INSTALMENTS`], and to the number of cents in the total, so that no
/// instalment is zero. A date past the end of the calendar stays on the last date reached.
pub fn instalments(total: Decimal, count: u32, first: NaiveDate) -> Vec<(NaiveDate, Decimal)> {
    let total = round_cents(total);
    if count == 0 || total <= Decimal::ZERO {
        return Vec::new();
    }
    let cents = total
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|c| c.to_u128())
        .unwrap_or(u128::MAX);
    let count_u32 = count
        .min(MAX_INSTALMENTS)
        .min(u32::try_from(cents).unwrap_or(u32::MAX))
        .max(1);
    let each = total
        .checked_div(Decimal::from(count_u32))
        .unwrap_or(total)
        .round_dp_with_strategy(2, RoundingStrategy::ToZero);
    let mut rows = Vec::with_capacity(count_u32 as usize);
    let mut paid = Decimal::ZERO;
    let mut last_date = first;
    for i in 0..count_u32 {
        let date = first
            .checked_add_months(Months::new(i))
            .unwrap_or(last_date);
        last_date = date;
        let amount = if i + 1 == count_u32 {
            total.saturating_sub(paid)
        } else {
            each
        };
        paid = paid.saturating_add(amount);
        rows.push((date, amount));
    }
    rows
}
