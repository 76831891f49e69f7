//! The shapes a template's values take: lists that loop and print whole, maps, and sums per
//! currency.

use super::*;

/// A list a template can loop over, and that prints as ready-made lines when used whole
/// (`{{ invoices }}`).
#[derive(Debug)]
struct TextList {
    items: Vec<Value>,
    text: String,
}

impl Object for TextList {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.items.get(key.as_usize()?).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.items.len())
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

pub(super) fn list(items: Vec<Value>, lines: Vec<String>) -> Value {
    Value::from_object(TextList {
        items,
        text: lines.join("\n"),
    })
}

pub(super) fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from_iter(pairs)
}

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
