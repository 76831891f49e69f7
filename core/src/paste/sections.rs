//! Sections: rows that structure a report rather than list invoices (totals, headings).

use crate::text::fold_width;

pub(super) fn is_total_label(cell: &str) -> bool {
    // Cheap test first: this runs on every cell of every row.
    let first = cell.trim_start().chars().next();
    let maybe_latin = matches!(
        first,
        Some(
            't' | 'T' | 'g' | 'G' | 's' | 'S' | 'p' | 'P' | 'Ｔ' | 'ｔ' | 'Ｇ' | 'ｇ' | 'Ｓ' | 'ｓ'
        )
    );
    let maybe_cjk = !cell.is_ascii() && (cell.contains('计') || cell.contains('計'));
    if !maybe_latin && !maybe_cjk {
        return false;
    }
    let lower = fold_width(cell).trim().to_lowercase();
    lower.starts_with("total")
        || lower.starts_with("grand total")
        || lower.starts_with("subtotal")
        || lower.starts_with("sub-total")
        // Odoo's aged partner balance ends each account with a row of bucket percentages.
        || lower.starts_with("percent")
        || ["合计", "小计", "总计", "共计", "總計", "合計", "小計"]
            .iter()
            .any(|w| lower.contains(w))
}

/// What a section heading (a row with one cell filled) names: reports head their sections with
/// a customer (Xero, Kingdee), a currency ("USD", "币别：美元") or a ledger account ("121000 -
/// Account Receivable", "1122 应收账款", as Odoo's aged partner balance does).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Heading<'a> {
    Customer(&'a str),
    /// An ISO code.
    Currency(crate::money::Currency),
    /// A ledger account; `receivable` false for payables, income, bank and the like, whose
    /// rows are not invoices owed to the user.
    Account {
        receivable: bool,
    },
}

/// Three-letter codes a heading may be without a label. A bare "ACE" or "IBM" is more likely a
/// customer, so only codes of currencies in common use count.
const HEADING_CODES: &[&str] = &[
    "CNY", "USD", "EUR", "GBP", "HKD", "JPY", "AUD", "CAD", "SGD", "TWD", "CHF", "NZD", "INR",
    "KRW", "SEK", "NOK", "DKK", "MXN", "BRL", "ZAR", "AED", "THB", "MYR", "IDR", "PHP", "VND",
    "RUB", "PLN", "CZK", "HUF", "TRY", "SAR", "ILS", "MOP",
];

/// Words of an account heading that is not the receivable: its rows are set aside.
const OTHER_ACCOUNT_WORDS: &[&str] = &[
    "payable", "revenue", "income", "sales", "bank", "cash", "expense", "tax", "account", "应付",
    "预收", "预付", "收入", "银行", "现金", "费用", "税", "科目",
];

pub(super) fn classify_heading(cell: &str) -> Heading<'_> {
    let text = cell.trim();
    let folded = fold_width(text);
    let lower = folded.trim().to_lowercase();
    // "Currency: USD", "币别：美元", "币种 人民币".
    let labelled = ["currency", "币别", "币种", "货币"]
        .iter()
        .find_map(|label| lower.strip_prefix(label))
        .map(|rest| rest.trim_start_matches([':', '：', ' ']).trim());
    if let Some(code) = labelled.and_then(crate::money::normalize_currency) {
        return Heading::Currency(code);
    }
    if let Some(code) = crate::money::normalize_currency(&lower) {
        let named = !(code.len() == 3 && code.eq_ignore_ascii_case(lower.trim()));
        if named || HEADING_CODES.contains(&code.as_str()) {
            return Heading::Currency(code);
        }
    }
    if super::documents::is_receivable_account(&lower) {
        return Heading::Account { receivable: true };
    }
    let code_len = lower.chars().take_while(char::is_ascii_digit).count();
    if code_len >= 4 && OTHER_ACCOUNT_WORDS.iter().any(|w| lower.contains(w)) {
        return Heading::Account { receivable: false };
    }
    Heading::Customer(text)
}

/// The value of the last heading above `line` (headings sorted by line).
pub(super) fn last_before<T>(headings: &[(usize, T)], line: usize) -> Option<&T> {
    let i = headings.partition_point(|h| h.0 < line);
    i.checked_sub(1).map(|i| &headings[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_a_customer_a_currency_or_an_account() {
        assert_eq!(
            classify_heading("Harbour Cafe"),
            Heading::Customer("Harbour Cafe")
        );
        assert_eq!(classify_heading(" IBM "), Heading::Customer("IBM"));
        assert_eq!(classify_heading("USD"), Heading::Currency("USD".into()));
        assert_eq!(classify_heading("美元"), Heading::Currency("USD".into()));
        assert_eq!(
            classify_heading("币别：人民币"),
            Heading::Currency("CNY".into())
        );
        assert_eq!(
            classify_heading("Currency: EUR"),
            Heading::Currency("EUR".into())
        );
        assert_eq!(
            classify_heading("121000 - Account Receivable"),
            Heading::Account { receivable: true }
        );
        assert_eq!(
            classify_heading("1122 应收账款"),
            Heading::Account { receivable: true }
        );
        assert_eq!(
            classify_heading("2202 应付账款"),
            Heading::Account { receivable: false }
        );
        assert_eq!(
            classify_heading("211000 - Account Payable"),
            Heading::Account { receivable: false }
        );
        // A number in a customer's name does not make it an account.
        assert_eq!(
            classify_heading("1001 Nights Restaurant"),
            Heading::Customer("1001 Nights Restaurant")
        );
    }
}
