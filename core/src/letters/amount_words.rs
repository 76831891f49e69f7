//! Amounts in Chinese capital numerals (大写金额), as written on cheques, receipts and
//! business letters: `人民币壹万贰仟叁佰肆拾伍元陆角整`.
//!
//! The rules are those of the People's Bank of China, 《支付结算办法》附件一
//! 《正确填写票据和结算凭证的基本规定》:
//! - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, then 元角分;
//! - 整 after 元 when there are no 角 and 分; after 角 it may be written or not (we write it, as
//!   in `…元陆角整`); never after 分;
//! - a 0 between non-zero digits is written 零 (`1,409.50` → 壹仟肆佰零玖元伍角); several 0s in
//!   a row are written with one 零 (`6,007.14` → 陆仟零柒元壹角肆分);
//! - when the 元 digit is 0 but the 角 digit is not, 零 may be written before the 角 or not
//!   (`1,680.32` → 壹仟陆佰捌拾元零叁角贰分); we write it;
//! - when the 万 digit is 0 but the 仟 digit is not, 零 may be written or not
//!   (`107,000.53` → 壹拾万柒仟元零伍角叁分); we leave it out, as the rules' first example does;
//! - when the 角 digit is 0 and the 分 digit is not, 零 is written after 元
//!   (`16,409.02` → 壹万陆仟肆佰零玖元零贰分; `325.04` → 叁佰贰拾伍元零肆分);
//! - 壹拾 keeps its 壹 (`10` → 壹拾元整, `150,000` → 壹拾伍万元整);
//! - the currency's name comes first with no space (`人民币…`).
//!
//! Amounts are rounded half-up to the cent first. Negative amounts get 负 after the currency
//! name (`人民币负壹佰元整`). Zero is `人民币零元整`. Amounts of 10^16 or more (beyond 万亿,
//! far beyond any invoice) are written in Arabic digits instead, never with a panic.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::money::{format_grouped, round_cents};

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/// Units inside a group of four digits, from the thousands down.
const PLACES: [&str; 4] = ["仟", "佰", "拾", ""];
/// Units of the groups of four, from the lowest up.
const GROUPS: [&str; 4] = ["", "万", "亿", "万亿"];

/// The Chinese name of a currency as used before a 大写 amount: `CNY` → 人民币, `USD` → 美元.
/// Unknown codes are returned as they are.
pub fn currency_name_zh(currency: &str) -> &str {
    match currency.trim().to_ascii_uppercase().as_str() {
        "" | "CNY" | "RMB" => "人民币",
        "USD" => "美元",
        "EUR" => "欧元",
        "GBP" => "英镑",
        "HKD" => "港币",
        "JPY" => "日元",
        "AUD" => "澳元",
        "CAD" => "加元",
        "SGD" => "新加坡元",
        "TWD" => "新台币",
        "CHF" => "瑞士法郎",
        "NZD" => "新西兰元",
        "KRW" => "韩元",
        "MOP" => "澳门元",
        "RUB" => "卢布",
        "INR" => "印度卢比",
        "THB" => "泰铢",
        "MYR" => "马来西亚林吉特",
        "AED" => "阿联酋迪拉姆",
        "SAR" => "沙特里亚尔",
        "SEK" => "瑞典克朗",
        "NOK" => "挪威克朗",
        "DKK" => "丹麦克朗",
        "PLN" => "波兰兹罗提",
        "HUF" => "匈牙利福林",
        "CZK" => "捷克克朗",
        "TRY" => "土耳其里拉",
        "ZAR" => "南非兰特",
        "BRL" => "巴西雷亚尔",
        "MXN" => "墨西哥比索",
        "VND" => "越南盾",
        "IDR" => "印尼盾",
        "PHP" => "菲律宾比索",
        "PKR" => "巴基斯坦卢比",
        "KZT" => "哈萨克斯坦坚戈",
        "ILS" => "以色列新谢克尔",
        "EGP" => "埃及镑",
        "NGN" => "尼日利亚奈拉",
        // A code we have no name for stays a code: better than a guessed name in a legal letter.
        _ => currency.trim(),
    }
}

/// One group of four digits (0–9999) in 大写, without its group unit and without leading
/// zeros (the caller writes the 零 owed before a group).
fn group_words(group: u32, out: &mut String) {
    let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
    let mut pending_zero = false;
    for (digit, place) in digits.iter().zip(PLACES) {
        if *digit == 0 {
            pending_zero = true;
            continue;
        }
        if pending_zero && !out.is_empty() {
            out.push('零');
        }
        pending_zero = false;
        out.push(DIGITS[*digit as usize]);
        out.push_str(place);
    }
}

/// The integer part (yuan) in 大写, without 元; empty for zero.
fn integer_words(mut yuan: u128) -> Option<String> {
    let mut groups = Vec::new();
    while yuan > 0 {
        groups.push((yuan % 10_000) as u32);
        yuan /= 10_000;
    }
    if groups.len() > GROUPS.len() {
        return None;
    }
    let mut out = String::new();
    // Whether zeros were skipped since the last digit written (a 零 is owed before the next).
    let mut gap = false;
    for (index, group) in groups.iter().enumerate().rev() {
        if *group == 0 {
            gap = !out.is_empty();
            continue;
        }
        // A group below the first whose thousands digit is 0 starts with zeros: one 零 is
        // owed when it follows an empty group (`1,0000,0005`) or its own leading zeros
        // (`1,0005` → 壹万零伍), except where the rules let it go (see the module notes).
        if !out.is_empty() && (gap || *group < 1000) {
            out.push('零');
        }
        let mut words = String::new();
        group_words(*group, &mut words);
        out.push_str(&words);
        out.push_str(GROUPS[index]);
        gap = false;
    }
    Some(out)
}

/// An amount in 大写 with its currency's Chinese name in front:
/// `amount_in_words_zh(12345.6, "CNY")` → `人民币壹万贰仟叁佰肆拾伍元陆角整`.
/// See the module documentation for the rules followed.
pub fn amount_in_words_zh(amount: Decimal, currency: &str) -> String {
    let name = currency_name_zh(currency);
    let rounded = round_cents(amount);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let sign = if negative { "负" } else { "" };
    let cents = rounded
        .abs()
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|c| c.to_u128());
    let Some(cents) = cents else {
        return format!("{name}{sign}{}", format_grouped(rounded.abs()));
    };
    let yuan = cents / 100;
    let jiao = (cents / 10 % 10) as usize;
    let fen = (cents % 10) as usize;
    let Some(integer) = integer_words(yuan) else {
        return format!("{name}{sign}{}", format_grouped(rounded.abs()));
    };
    let mut out = format!("{name}{sign}");
    if integer.is_empty() {
        if jiao == 0 && fen == 0 {
            out.push_str("零元整");
            return out;
        }
        // Below one yuan the rules write no 元: 伍角整, 伍分, 叁角伍分.
    } else {
        out.push_str(&integer);
        out.push('元');
    }
    match (jiao, fen) {
        (0, 0) => out.push('整'),
        (j, 0) => {
            if !integer.is_empty() && yuan % 10 == 0 {
                out.push('零');
            }
            out.push(DIGITS[j]);
            out.push_str("角整");
        }
        (0, f) => {
            if !integer.is_empty() {
                out.push('零');
            }
            out.push(DIGITS[f]);
            out.push('分');
        }
        (j, f) => {
            if !integer.is_empty() && yuan % 10 == 0 {
                out.push('零');
            }
            out.push(DIGITS[j]);
            out.push('角');
            out.push(DIGITS[f]);
            out.push('分');
        }
    }
    out
}
