//! Holds and terms, each with its reasons: stop shipment and hold new orders when the account
//! is over its limit, has an invoice past the pre-legal stage (escalation or bad debt), or broke a promise to
//! pay; prepayment or a letter of credit for grade D; payment before delivery (款到发货) for a
//! new customer's first orders; "lift the hold" once a hold the user placed has no reason left.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::grade::{Grade, Graded};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// Nothing against shipping.
    Clear,
    /// Stop shipment and hold new orders.
    Hold,
    /// The user placed a hold and none of its reasons is left: lift it.
    Lift,
}

impl Hold {
    /// The `data-hold` value.
    pub fn key(self) -> &'static str {
        match self {
            Hold::Clear => "none",
            Hold::Hold => "hold",
            Hold::Lift => "lift",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Terms {
    /// The customer's usual terms.
    Usual,
    /// Payment before delivery: a new customer's first orders.
    CashBeforeDelivery,
    /// Prepayment or a letter of credit: grade D.
    PrepaymentOrLc,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HoldReason {
    OverLimit {
        used: Decimal,
        limit: Decimal,
        currency: String,
    },
    PastPreLegal {
        invoice: String,
        days_past_due: i64,
    },
    BrokenPromises {
        count: usize,
    },
    GradeD,
    NewCustomer {
        invoices: usize,
        first_orders: u32,
    },
    /// Placed by the user on this day, and the reasons are gone.
    BackInOrder {
        since: NaiveDate,
    },
    /// Placed by the user on this day (the reasons above say whether it still has one).
    PlacedSince {
        since: NaiveDate,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recommendation {
    pub hold: Hold,
    pub terms: Terms,
    pub why: Vec<HoldReason>,
}

/// What the page knows about one customer for its recommendation.
pub struct Facts<'a> {
    pub over_limit: Option<(Decimal, Decimal, &'a str)>,
    /// The open invoice furthest past the pre-legal stage, with its days past due.
    pub pre_legal: Option<(&'a str, i64)>,
    pub broken_promises: usize,
    pub graded: &'a Graded,
    pub invoices: usize,
    pub first_orders: u32,
    pub hold_since: Option<NaiveDate>,
}

pub fn recommend(f: &Facts) -> Recommendation {
    let mut why = Vec::new();
    if let Some((used, limit, currency)) = f.over_limit {
        why.push(HoldReason::OverLimit {
            used,
            limit,
            currency: currency.to_string(),
        });
    }
    if let Some((invoice, days_past_due)) = f.pre_legal {
        why.push(HoldReason::PastPreLegal {
            invoice: invoice.to_string(),
            days_past_due,
        });
    }
    if f.broken_promises > 0 {
        why.push(HoldReason::BrokenPromises {
            count: f.broken_promises,
        });
    }
    let hold_reasons = !why.is_empty();
    let terms = match f.graded.grade {
        Some(Grade::D) => {
            why.push(HoldReason::GradeD);
            Terms::PrepaymentOrLc
        }
        None if f.invoices < f.first_orders as usize => {
            why.push(HoldReason::NewCustomer {
                invoices: f.invoices,
                first_orders: f.first_orders,
            });
            Terms::CashBeforeDelivery
        }
        _ => Terms::Usual,
    };
    let hold = match (hold_reasons, f.hold_since) {
        (true, since) => {
            if let Some(since) = since {
                why.push(HoldReason::PlacedSince { since });
            }
            Hold::Hold
        }
        (false, Some(since)) => {
            why.push(HoldReason::BackInOrder { since });
            Hold::Lift
        }
        (false, None) => Hold::Clear,
    };
    Recommendation { hold, terms, why }
}
