//! Sums per currency, as a letter adds them up and writes them.

use super::*;

/// Sums per currency, in first-seen order.
#[derive(Default)]
pub(super) struct Totals(pub(super) Vec<(String, Decimal)>);

impl Totals {
    pub(super) fn add(&mut self, currency: &str, value: Decimal) {
        match self.0.iter_mut().find(|(c, _)| c == currency) {
            Some((_, sum)) => *sum = sum.saturating_add(value),
            None => self.0.push((currency.to_string(), value)),
        }
    }

    pub(super) fn text(&self, lang: Lang) -> String {
        if self.0.is_empty() {
            return format_amount(Decimal::ZERO, "", lang);
        }
        self.0
            .iter()
            .map(|(c, v)| format_amount(*v, c, lang))
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; "))
    }

    pub(super) fn words(&self) -> String {
        self.0
            .iter()
            .map(|(c, v)| amount_in_words_zh(*v, c))
            .collect::<Vec<_>>()
            .join("；")
    }

    pub(super) fn is_positive(&self) -> bool {
        self.0.iter().any(|(_, v)| *v > Decimal::ZERO)
    }
}
