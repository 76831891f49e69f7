//! 大写金额 (amounts in Chinese capital numerals).
//!
//! The expected strings are the worked examples of the People's Bank of China's rules on
//! writing amounts, 《支付结算办法》(银发〔1997〕393号) 附件一《正确填写票据和结算凭证的基本
//! 规定》, point 3 (大写金额的写法) and point 4 (零的写法), quoted there as e.g.
//! "￥1,409.50，应写成人民币壹仟肆佰零玖元伍角", plus the cases the issue names.

use std::str::FromStr;

use overdue_core::letters::{amount_in_words_zh, currency_name_zh};
use rust_decimal::Decimal;

fn words(amount: &str) -> String {
    amount_in_words_zh(Decimal::from_str(amount).unwrap(), "CNY")
}

#[test]
fn the_issue_example() {
    assert_eq!(words("12345.60"), "人民币壹万贰仟叁佰肆拾伍元陆角整");
    assert_eq!(words("10005"), "人民币壹万零伍元整");
}

#[test]
fn zero_between_digits_is_written_once() {
    // 基本规定 4(1): 阿拉伯金额数字中间有"0"时，中文大写金额要写"零"字。
    // (The rules allow 整 after 角 or not; we write it, as the issue's example does.)
    assert_eq!(words("1409.50"), "人民币壹仟肆佰零玖元伍角整");
    // 4(2): 中间连续有几个"0"时，中文大写金额中间可以只写一个"零"字。
    assert_eq!(words("6007.14"), "人民币陆仟零柒元壹角肆分");
}

#[test]
fn zero_in_the_yuan_or_wan_place() {
    // 4(3): 万位或元位是"0" … 千位、角位不是"0"时，可以只写一个零字，也可以不写。
    // Its first forms: ￥1,680.32 → 壹仟陆佰捌拾元零叁角贰分; ￥107,000.53 → 壹拾万柒仟元零伍角叁分.
    assert_eq!(words("1680.32"), "人民币壹仟陆佰捌拾元零叁角贰分");
    assert_eq!(words("107000.53"), "人民币壹拾万柒仟元零伍角叁分");
}

#[test]
fn zero_jiao_with_fen() {
    // 4(4): 角位是"0"，而分位不是"0"时，中文大写金额"元"后面应写"零"字。
    assert_eq!(words("16409.02"), "人民币壹万陆仟肆佰零玖元零贰分");
    assert_eq!(words("325.04"), "人民币叁佰贰拾伍元零肆分");
}

#[test]
fn zheng_after_yuan_and_jiao_never_after_fen() {
    // 3: 到"元"为止的，在"元"之后应写"整"；在"角"之后可以不写"整"；有"分"的，"分"后面不写"整"。
    assert_eq!(words("100"), "人民币壹佰元整");
    assert_eq!(words("1.5"), "人民币壹元伍角整");
    assert_eq!(words("1.55"), "人民币壹元伍角伍分");
}

#[test]
fn yi_shi_keeps_its_yi() {
    // 3: "壹拾几"的"壹"字，一定要写。
    assert_eq!(words("10"), "人民币壹拾元整");
    assert_eq!(words("15"), "人民币壹拾伍元整");
    assert_eq!(words("150000"), "人民币壹拾伍万元整");
}

#[test]
fn groups_of_wan_and_yi() {
    assert_eq!(words("100700"), "人民币壹拾万零柒佰元整");
    assert_eq!(words("100000000"), "人民币壹亿元整");
    assert_eq!(words("100000005"), "人民币壹亿零伍元整");
    assert_eq!(words("100050000"), "人民币壹亿零伍万元整");
    assert_eq!(
        words("1234567890.12"),
        "人民币壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元零壹角贰分"
    );
    assert_eq!(words("20000"), "人民币贰万元整");
    assert_eq!(words("1000000000000"), "人民币壹万亿元整");
}

#[test]
fn below_one_yuan_and_zero() {
    assert_eq!(words("0"), "人民币零元整");
    assert_eq!(words("0.5"), "人民币伍角整");
    assert_eq!(words("0.05"), "人民币伍分");
    assert_eq!(words("0.35"), "人民币叁角伍分");
    assert_eq!(words("0.001"), "人民币零元整", "rounded to the cent first");
}

#[test]
fn rounding_and_negatives() {
    assert_eq!(words("99.995"), "人民币壹佰元整");
    assert_eq!(words("-100"), "人民币负壹佰元整");
    assert_eq!(words("-0.001"), "人民币零元整");
}

#[test]
fn other_currencies_use_their_chinese_name() {
    let usd = amount_in_words_zh(Decimal::from_str("18400").unwrap(), "USD");
    assert_eq!(usd, "美元壹万捌仟肆佰元整");
    assert_eq!(currency_name_zh("EUR"), "欧元");
    assert_eq!(currency_name_zh("sek"), "瑞典克朗");
    assert_eq!(currency_name_zh("VND"), "越南盾");
    assert_eq!(currency_name_zh("XYZ"), "XYZ");
    assert_eq!(currency_name_zh(""), "人民币");
}

#[test]
fn huge_amounts_never_panic() {
    let big = amount_in_words_zh(Decimal::MAX, "CNY");
    assert!(big.starts_with("人民币"));
    let min = amount_in_words_zh(Decimal::MIN, "CNY");
    assert!(min.starts_with("人民币负"));
}
