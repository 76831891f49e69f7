//! Late charges added up per customer and per currency (never across currencies).

use rust_decimal::Decimal;

use super::Charge;
use crate::groups::{sorted, Groups};

/// Late charges added up for one customer in one currency, or for one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChargeTotal {
    /// None for a per-currency total.
    pub customer: Option<String>,
    pub currency: String,
    pub interest: Decimal,
    pub fixed: Decimal,
    pub total: Decimal,
    /// Invoices with a charge above zero.
    pub charged: usize,
    /// Invoices whose charge is incomplete (a rate was unknown).
    pub incomplete: usize,
}

impl ChargeTotal {
    fn new(customer: Option<&str>, currency: &str) -> ChargeTotal {
        ChargeTotal {
            customer: customer.map(str::to_string),
            currency: currency.to_string(),
            interest: Decimal::ZERO,
            fixed: Decimal::ZERO,
            total: Decimal::ZERO,
            charged: 0,
            incomplete: 0,
        }
    }

    fn add(&mut self, charge: &Charge) {
        // Sums of the rounded per-invoice figures, so the totals match the lines shown.
        // Saturating: a sum beyond Decimal's range is absurd, but must not panic.
        let add = |a: Decimal, b: Decimal| a.checked_add(b).unwrap_or(Decimal::MAX);
        self.interest = add(self.interest, charge.interest);
        self.fixed = add(self.fixed, charge.fixed);
        self.total = add(self.total, charge.total);
        if charge.total > Decimal::ZERO {
            self.charged += 1;
        }
        if !charge.is_complete() {
            self.incomplete += 1;
        }
    }
}

/// Per customer (by customer, then currency) and per currency (alphabetically). Currencies are
/// never added together.
pub fn charge_totals<'a>(
    charges: impl IntoIterator<Item = (&'a str, &'a Charge)>,
) -> (Vec<ChargeTotal>, Vec<ChargeTotal>) {
    let mut customers: Groups<(&str, &str), ChargeTotal> = Groups::default();
    let mut currencies: Groups<&str, ChargeTotal> = Groups::default();
    for (customer, charge) in charges {
        let currency = charge.currency.as_str();
        customers
            .entry((customer, currency))
            .or_insert_with(|| ChargeTotal::new(Some(customer), currency))
            .add(charge);
        currencies
            .entry(currency)
            .or_insert_with(|| ChargeTotal::new(None, currency))
            .add(charge);
    }
    (
        sorted(customers).into_iter().map(|(_, t)| t).collect(),
        sorted(currencies).into_iter().map(|(_, t)| t).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charges::{compute_with, ChargeInput, ChargeRuleParams, RuleKind};
    use chrono::NaiveDate;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn date(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn totals_per_customer_and_currency_keep_currencies_apart() {
        let params = {
            let mut p = ChargeRuleParams::new(RuleKind::Contract);
            p.fixed_fee = d("10");
            p
        };
        let mk = |currency: &'static str| {
            compute_with(
                &params,
                &ChargeInput {
                    principal: d("100"),
                    currency,
                    due_date: date(2025, 1, 1),
                    paid_date: None,
                    as_of: date(2025, 2, 1),
                },
            )
        };
        let (a, b, c) = (mk("CNY"), mk("USD"), mk("CNY"));
        let (customers, currencies) = charge_totals([("A", &a), ("A", &b), ("B", &c)]);
        assert_eq!(customers.len(), 3);
        assert_eq!(currencies.len(), 2);
        assert_eq!(currencies[0].currency, "CNY");
        assert_eq!(currencies[0].total, d("20"));
        assert_eq!(currencies[0].charged, 2);
        assert_eq!(customers[0].customer.as_deref(), Some("A"));
    }
}
