//! Exposure: what a customer owes on open invoices, due and not yet due, per currency — never
//! added across currencies (a rate the page does not know would be a guess).

use rust_decimal::Decimal;

use crate::aging::{Aged, Status};
use crate::paste::Invoice;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exposure {
    pub currency: String,
    /// Past its due date.
    pub overdue: Decimal,
    /// On or before its due date.
    pub not_due: Decimal,
}

impl Exposure {
    pub fn total(&self) -> Decimal {
        self.overdue.saturating_add(self.not_due)
    }
}

/// One customer's exposure per currency, in order of currency code. Only open invoices with
/// something outstanding count; a credit note does not lower it (it is not cash, and may be
/// disputed or already spent against another invoice).
pub fn exposure<'a>(invoices: impl Iterator<Item = (&'a Invoice, &'a Aged)>) -> Vec<Exposure> {
    let mut out: Vec<Exposure> = Vec::new();
    for (inv, aged) in invoices {
        if aged.status != Status::Open || inv.outstanding <= Decimal::ZERO {
            continue;
        }
        let i = match out.binary_search_by(|e| e.currency.as_str().cmp(&inv.currency)) {
            Ok(i) => i,
            Err(i) => {
                out.insert(
                    i,
                    Exposure {
                        currency: inv.currency.to_string(),
                        ..Exposure::default()
                    },
                );
                i
            }
        };
        let e = &mut out[i];
        if aged.days_past_due > 0 {
            e.overdue = e.overdue.saturating_add(inv.outstanding);
        } else {
            e.not_due = e.not_due.saturating_add(inv.outstanding);
        }
    }
    out
}
