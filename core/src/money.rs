//! Money: reading amounts as people paste them, rounding, and formatting.
//!
//! Amounts are `rust_decimal::Decimal`, never floating point. The only rounding rule is
//! [`round_cents`]: half away from zero ("half-up" as accountants say) to two decimals, applied
//! once, at the end of a computation.

use std::borrow::Cow;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::text::fold_width;

/// Which character separates the decimals in a column: `1,234.56` or `1.234,56`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DecimalMark {
    #[default]
    Point,
    Comma,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedAmount {
    pub value: Decimal,
    /// ISO code when the cell carried a symbol or code (`¥`, `US$`, `EUR`).
    pub currency: Option<Currency>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    /// Something that is not a number, or a number with an unknown currency mark.
    NotANumber,
    /// 10^15 or more: no invoice is that large, and sums must stay inside Decimal's range.
    TooLarge,
}

/// A currency as an invoice, a charge or a sum carries it: an ISO code, or the default currency
/// as the user wrote it. Held inline (up to 24 bytes, so every ISO code) rather than on the heap:
/// at 100,000 invoices the parse, the charges and the playbook made about 494,000 strings of
/// three bytes for it, of the derive's 1.31 million allocations (issue 14).
pub type Currency = compact_str::CompactString;

/// Amounts of 10^15 or more are refused as [`AmountError::TooLarge`].
pub const MAX_INTEGER_DIGITS: usize = 15;

/// Half away from zero to the cent: 0.005 → 0.01, −0.005 → −0.01.
pub fn round_cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Maps a currency mark (symbol, ISO code, Chinese name) to its ISO code.
pub fn normalize_currency(raw: &str) -> Option<Currency> {
    let folded = fold_width(raw);
    let token = folded.trim().trim_end_matches('.').trim();
    // A currency column repeats a short ASCII code on every row: upper-case it on the stack.
    let mut ascii = [0u8; 16];
    let upper: Cow<str> = match ascii.get_mut(..token.len()) {
        Some(buf) if token.is_ascii() => {
            buf.copy_from_slice(token.as_bytes());
            buf.make_ascii_uppercase();
            Cow::Borrowed(std::str::from_utf8(buf).unwrap_or_default())
        }
        _ => Cow::Owned(token.to_uppercase()),
    };
    let code = match upper.as_ref() {
        "¥" | "\u{FFE5}" | "RMB" | "CNY" | "元" | "人民币" | "RMB¥" | "CN¥" | "RMB元" => {
            "CNY"
        }
        "$" | "US$" | "USD" | "美元" | "US DOLLAR" | "US DOLLARS" => "USD",
        "€" | "EUR" | "欧元" | "EURO" | "EUROS" => "EUR",
        "£" | "GBP" | "英镑" | "\u{FFE1}" => "GBP",
        "HK$" | "HKD" | "港币" | "港元" => "HKD",
        "JP¥" | "JPY" | "日元" | "円" => "JPY",
        "A$" | "AU$" | "AUD" | "澳元" => "AUD",
        "C$" | "CA$" | "CAD" | "加元" => "CAD",
        "S$" | "SGD" | "新加坡元" | "新币" => "SGD",
        "NT$" | "TWD" | "新台币" => "TWD",
        "CHF" | "瑞士法郎" => "CHF",
        _ if upper.len() == 3 && upper.chars().all(|c| c.is_ascii_uppercase()) => {
            return Some(Currency::from(upper.as_ref()))
        }
        _ => return None,
    };
    Some(Currency::const_new(code))
}

/// What a single cell says about the column's decimal mark, when it says anything:
/// `1.234,56` and `12,5` say comma; `1,234.56` and `12.5` say point; `1,234` says nothing.
pub fn decimal_mark_evidence(raw: &str) -> Option<DecimalMark> {
    let s = fold_width(raw);
    if !s.contains(['.', ',']) {
        return None;
    }
    // Positions are counted among the cell's digits and separators only, as if the rest were
    // cut out (no copy: this runs on every amount cell of the sheet).
    let (mut len, mut dots, mut commas) = (0usize, 0usize, 0usize);
    let (mut last_dot, mut last_comma) = (None, None);
    for b in s.bytes() {
        match b {
            b'.' => {
                last_dot = Some(len);
                dots += 1;
            }
            b',' => {
                last_comma = Some(len);
                commas += 1;
            }
            b'0'..=b'9' => {}
            _ => continue,
        }
        len += 1;
    }
    match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c {
            DecimalMark::Point
        } else {
            DecimalMark::Comma
        }),
        (Some(d), None) => {
            if dots > 1 {
                Some(DecimalMark::Comma)
            } else if len - d - 1 == 3 {
                None
            } else {
                Some(DecimalMark::Point)
            }
        }
        (None, Some(c)) => {
            if commas > 1 {
                Some(DecimalMark::Point)
            } else if len - c - 1 == 3 {
                None
            } else {
                Some(DecimalMark::Comma)
            }
        }
        (None, None) => None,
    }
}

/// Reads an amount as it appears in spreadsheets and accounting exports: `12,345.60`,
/// `¥12,345.60`, `US$1,250.00`, `1.234,56 €`, `(200.00)`, `-200`, `200.00-`, `RMB 5,000`,
/// full-width digits. `mark` settles `1,234` versus `1,234` (thousands or decimals) when the
/// cell itself cannot.
pub fn parse_amount(raw: &str, mark: DecimalMark) -> Result<ParsedAmount, AmountError> {
    let folded = fold_width(raw);
    let mut body = folded.trim();
    if body.is_empty() {
        return Err(AmountError::Empty);
    }
    let mut negative = false;
    if body.starts_with('(') && body.ends_with(')') && body.len() >= 2 {
        negative = true;
        body = body[1..body.len() - 1].trim();
    }
    let start = body
        .find(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        .ok_or(AmountError::NotANumber)?;
    let end = body
        .rfind(|c: char| c.is_ascii_digit())
        .map(|i| i + 1)
        .ok_or(AmountError::NotANumber)?;
    if end <= start {
        return Err(AmountError::NotANumber);
    }
    let mut currency = None;
    for affix in [&body[..start], &body[end..]] {
        let mut token = String::new();
        for c in affix.chars() {
            match c {
                '-' => negative = !negative,
                '+' | ' ' => {}
                '(' | ')' => {}
                c => token.push(c),
            }
        }
        if !token.is_empty() {
            match normalize_currency(&token) {
                Some(code) => currency = Some(code),
                None => return Err(AmountError::NotANumber),
            }
        }
    }
    let number = &body[start..end];
    if !number
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\''))
    {
        return Err(AmountError::NotANumber);
    }
    // Spaces and apostrophes only group digits (`12 345,60`, `1'234.50`).
    let compact: Cow<str> = if number.contains([' ', '\'']) {
        Cow::Owned(
            number
                .chars()
                .filter(|c| !matches!(c, ' ' | '\''))
                .collect(),
        )
    } else {
        Cow::Borrowed(number)
    };
    let mut buffer = [0u8; NUMBER_BUFFER];
    let normalized =
        normalize_separators(&compact, mark, &mut buffer).ok_or(AmountError::NotANumber)?;
    if normalized.is_empty() || normalized == "." {
        return Err(AmountError::NotANumber);
    }
    // A quadrillion is beyond any invoice; the limit keeps every sum of 100,000s of rows far
    // inside Decimal's range, so totals can never overflow (an overflow would panic).
    let integer_digits = normalized
        .split('.')
        .next()
        .unwrap_or("")
        .trim_start_matches('0')
        .len();
    if integer_digits > MAX_INTEGER_DIGITS {
        return Err(AmountError::TooLarge);
    }
    let mut value: Decimal = normalized.parse().map_err(|_| AmountError::NotANumber)?;
    if negative {
        value = -value;
    }
    Ok(ParsedAmount { value, currency })
}

/// Numbers up to this long are rewritten on the stack rather than into a new `String`.
const NUMBER_BUFFER: usize = 64;

/// Rewrites digits with `.`/`,` separators into the form `Decimal` parses (`1234.56`), in
/// `buffer` when it fits. `s` holds only ASCII digits, `.` and `,` (the caller checked).
fn normalize_separators<'b>(
    s: &'b str,
    mark: DecimalMark,
    buffer: &'b mut [u8; NUMBER_BUFFER],
) -> Option<Cow<'b, str>> {
    let dots = s.bytes().filter(|&b| b == b'.').count();
    let commas = s.bytes().filter(|&b| b == b',').count();
    let (thousands, decimal) = match (dots, commas) {
        (0, 0) => return Some(Cow::Borrowed(s)),
        (1, 0) if mark == DecimalMark::Point || digits_after(s, '.') != 3 => {
            return Some(Cow::Borrowed(s))
        }
        (_, 0) if dots > 1 => ('.', None),
        (0, _) if commas > 1 => (',', None),
        (1, 0) => {
            if mark == DecimalMark::Comma && digits_after(s, '.') == 3 {
                ('.', None)
            } else {
                (',', Some('.'))
            }
        }
        (0, 1) => {
            if mark == DecimalMark::Point && digits_after(s, ',') == 3 {
                (',', None)
            } else {
                ('.', Some(','))
            }
        }
        _ => {
            let last_dot = s.rfind('.')?;
            let last_comma = s.rfind(',')?;
            if last_dot > last_comma {
                if dots > 1 {
                    return None;
                }
                (',', Some('.'))
            } else {
                if commas > 1 {
                    return None;
                }
                ('.', Some(','))
            }
        }
    };
    let rewritten =
        s.chars()
            .filter(|&c| c != thousands)
            .map(|c| if Some(c) == decimal { '.' } else { c });
    if s.len() > NUMBER_BUFFER || !s.is_ascii() {
        return Some(Cow::Owned(rewritten.collect()));
    }
    let mut len = 0;
    for (slot, c) in buffer.iter_mut().zip(rewritten) {
        *slot = c as u8;
        len += 1;
    }
    std::str::from_utf8(&buffer[..len]).ok().map(Cow::Borrowed)
}

fn digits_after(s: &str, sep: char) -> usize {
    s.rfind(sep).map(|i| s.len() - i - 1).unwrap_or(0)
}

/// `1234.5` → `1234.50`: two decimals, no grouping. For exports.
pub fn format_plain(value: Decimal) -> String {
    format!("{:.2}", round_cents(value))
}

/// `1234.5` → `1,234.50`: two decimals, comma grouping (used in both languages: Chinese
/// business documents group digits the same way).
pub fn format_grouped(value: Decimal) -> String {
    let plain = format_plain(value.abs());
    let (int_part, frac) = plain.split_once('.').unwrap_or((&plain, "00"));
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3 + 4);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if round_cents(value).is_sign_negative() && !round_cents(value).is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{grouped}.{frac}")
}

/// `CNY 12,345.60`: the code first, so that totals in different currencies never look alike.
pub fn format_money(value: Decimal, currency: &str) -> String {
    format!("{currency} {}", format_grouped(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    /// `decimal_mark_evidence` as it was, copying the cell's digits and separators out.
    fn evidence_by_copy(raw: &str) -> Option<DecimalMark> {
        let s = fold_width(raw);
        if !s.contains(['.', ',']) {
            return None;
        }
        let digits: String = s
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let after = |i: usize| digits.len() - i - 1;
        match (digits.rfind('.'), digits.rfind(',')) {
            (Some(d), Some(c)) => Some(if d > c {
                DecimalMark::Point
            } else {
                DecimalMark::Comma
            }),
            (Some(_), None) if digits.matches('.').count() > 1 => Some(DecimalMark::Comma),
            (Some(d), None) => (after(d) != 3).then_some(DecimalMark::Point),
            (None, Some(_)) if digits.matches(',').count() > 1 => Some(DecimalMark::Point),
            (None, Some(c)) => (after(c) != 3).then_some(DecimalMark::Comma),
            (None, None) => None,
        }
    }

    proptest::proptest! {
        #[test]
        fn decimal_mark_evidence_counts_as_the_copy_did(cell in "[0-9.,¥€ a-z１．，-]{0,14}") {
            proptest::prop_assert_eq!(decimal_mark_evidence(&cell), evidence_by_copy(&cell));
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn amount(raw: &str) -> (Decimal, Option<Currency>) {
        let p = parse_amount(raw, DecimalMark::Point).unwrap();
        (p.value, p.currency)
    }

    #[test]
    fn reads_the_forms_people_paste() {
        assert_eq!(amount("12,345.60"), (d("12345.60"), None));
        assert_eq!(amount("¥12,345.60"), (d("12345.60"), Some("CNY".into())));
        assert_eq!(amount("$1,250.00"), (d("1250.00"), Some("USD".into())));
        assert_eq!(amount("US$ 1,250"), (d("1250"), Some("USD".into())));
        assert_eq!(amount("1.234,56 €"), (d("1234.56"), Some("EUR".into())));
        assert_eq!(amount("(200.00)"), (d("-200.00"), None));
        assert_eq!(amount("-$75.5"), (d("-75.5"), Some("USD".into())));
        assert_eq!(amount("200.00-"), (d("-200.00"), None));
        assert_eq!(amount("１２，３４５．６０"), (d("12345.60"), None));
        assert_eq!(amount("￥８８０"), (d("880"), Some("CNY".into())));
        assert_eq!(amount("RMB 5,000"), (d("5000"), Some("CNY".into())));
        assert_eq!(amount("5000元"), (d("5000"), Some("CNY".into())));
        assert_eq!(amount("12 345,60"), (d("12345.60"), None));
        assert_eq!(amount("1'234.50"), (d("1234.50"), None));
        assert_eq!(
            amount("(1,000.00 USD)"),
            (d("-1000.00"), Some("USD".into()))
        );
    }

    #[test]
    fn the_column_mark_settles_three_digit_groups() {
        let comma = |s| parse_amount(s, DecimalMark::Comma).unwrap().value;
        let point = |s| parse_amount(s, DecimalMark::Point).unwrap().value;
        assert_eq!(point("1,234"), d("1234"));
        assert_eq!(comma("1,234"), d("1.234"));
        assert_eq!(comma("1.234"), d("1234"));
        assert_eq!(point("1.234"), d("1.234"));
        assert_eq!(comma("1.234.567,8"), d("1234567.8"));
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        for bad in [
            "abc",
            "12abc34",
            "1.2.3,4,5",
            "--",
            "12/09/2025x",
            "$",
            "XYZW 12",
        ] {
            assert!(parse_amount(bad, DecimalMark::Point).is_err(), "{bad}");
        }
        assert_eq!(
            parse_amount("  ", DecimalMark::Point),
            Err(AmountError::Empty)
        );
        assert_eq!(
            parse_amount("123456789012345678901234567890", DecimalMark::Point),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            parse_amount("1000000000000000", DecimalMark::Point),
            Err(AmountError::TooLarge)
        );
        assert!(parse_amount("999,999,999,999,999.99", DecimalMark::Point).is_ok());
    }

    #[test]
    fn evidence_of_the_decimal_mark() {
        assert_eq!(decimal_mark_evidence("1.234,56"), Some(DecimalMark::Comma));
        assert_eq!(decimal_mark_evidence("12,5"), Some(DecimalMark::Comma));
        assert_eq!(decimal_mark_evidence("1,234.56"), Some(DecimalMark::Point));
        assert_eq!(decimal_mark_evidence("1,234"), None);
        assert_eq!(decimal_mark_evidence("1.234"), None);
        assert_eq!(decimal_mark_evidence("1,234,567"), Some(DecimalMark::Point));
        assert_eq!(decimal_mark_evidence("500"), None);
    }

    #[test]
    fn rounds_half_away_from_zero_to_the_cent() {
        assert_eq!(round_cents(d("0.005")), d("0.01"));
        assert_eq!(round_cents(d("0.0049")), d("0.00"));
        assert_eq!(round_cents(d("-0.005")), d("-0.01"));
        assert_eq!(round_cents(d("2.675")), d("2.68"));
    }

    #[test]
    fn formats_with_grouping() {
        assert_eq!(format_grouped(d("1234567.891")), "1,234,567.89");
        assert_eq!(format_grouped(d("-200")), "-200.00");
        assert_eq!(format_grouped(d("0")), "0.00");
        assert_eq!(format_grouped(d("999.999")), "1,000.00");
        assert_eq!(format_plain(d("1234.5")), "1234.50");
        assert_eq!(format_money(d("12345.6"), "CNY"), "CNY 12,345.60");
    }
}
