//! What issue 16 added to the letter settings: the sender's English details beside the Chinese
//! ones, the customer's English name and address, the contract terms a letter cites (per
//! customer, with a workspace default), and the form of English letters. Every new field is
//! left out of the JSON while empty, so saves and links made before it are unchanged.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// True when the text holds a Chinese character (CJK ideographs): how an old single-language
/// value tells which letters it belongs in.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
    })
}

/// The sender's details as an English letter gives them. The profile's own fields are the
/// Chinese ones (and, before issue 16, the only ones: an old value without a Chinese character
/// still serves English letters, see [`super::SenderProfile::in_lang`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SenderEnglish {
    pub company: String,
    pub address: String,
    pub contact: String,
    /// As the bank writes it in English, e.g. `Bank of China, Ningbo Branch`.
    pub bank_name: String,
    /// Empty: the same account as in Chinese letters (add a SWIFT code here when needed).
    pub bank_account: String,
    pub signature: String,
}

impl SenderEnglish {
    pub fn is_empty(&self) -> bool {
        *self == SenderEnglish::default()
    }
}

/// A customer's name and address in English letters (the profile's own fields are the
/// Chinese ones, or the only ones).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerEnglish {
    pub full_name: String,
    pub address: String,
    pub contact: String,
}

impl CustomerEnglish {
    pub fn is_empty(&self) -> bool {
        *self == CustomerEnglish::default()
    }
}

/// The words of a contract in one letter language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractWords {
    /// `购销合同` / `Sales Contract` (without book-title marks: the letter adds them).
    pub name: String,
    /// The clause breached: `第五条` / `clause 5`.
    pub clause: String,
    /// The agreed payment terms: `货到验收后30日内付款` / `payment within 30 days of delivery`.
    pub payment_terms: String,
    /// The late-charge clause: `逾期付款的，每日按未付金额的万分之五支付违约金`.
    pub late_charge_clause: String,
    /// The dispute forum: `原告所在地人民法院` / `the Shanghai International Arbitration Centre`.
    pub forum: String,
}

impl ContractWords {
    pub fn is_empty(&self) -> bool {
        *self == ContractWords::default()
    }

    /// Each empty field taken from `fallback`.
    fn or(&self, fallback: &ContractWords) -> ContractWords {
        let pick = |mine: &str, theirs: &str| {
            if mine.trim().is_empty() {
                theirs.trim().to_string()
            } else {
                mine.trim().to_string()
            }
        };
        ContractWords {
            name: pick(&self.name, &fallback.name),
            clause: pick(&self.clause, &fallback.clause),
            payment_terms: pick(&self.payment_terms, &fallback.payment_terms),
            late_charge_clause: pick(&self.late_charge_clause, &fallback.late_charge_clause),
            forum: pick(&self.forum, &fallback.forum),
        }
    }
}

/// The contract the invoices were issued under: per customer, with a workspace default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractTerms {
    pub number: String,
    pub date: Option<NaiveDate>,
    pub zh: ContractWords,
    pub en: ContractWords,
}

impl ContractTerms {
    pub fn is_empty(&self) -> bool {
        *self == ContractTerms::default()
    }

    pub fn words(&self, lang: Lang) -> &ContractWords {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    pub fn words_mut(&mut self, lang: Lang) -> &mut ContractWords {
        match lang {
            Lang::Zh => &mut self.zh,
            Lang::En => &mut self.en,
        }
    }

    /// Every text cut to `max` characters (a contract's words come from the page or a link).
    pub fn bounded(mut self, max: usize) -> ContractTerms {
        self.number = crate::text::clip(&self.number, max);
        for words in [&mut self.zh, &mut self.en] {
            for text in [
                &mut words.name,
                &mut words.clause,
                &mut words.payment_terms,
                &mut words.late_charge_clause,
                &mut words.forum,
            ] {
                *text = crate::text::clip(text, max);
            }
        }
        self
    }

    /// The customer's terms with each empty field taken from the workspace default.
    pub fn over(&self, default: &ContractTerms) -> ContractTerms {
        ContractTerms {
            number: if self.number.trim().is_empty() {
                default.number.trim().to_string()
            } else {
                self.number.trim().to_string()
            },
            date: self.date.or(default.date),
            zh: self.zh.or(&default.zh),
            en: self.en.or(&default.en),
        }
    }
}

/// British or American business form for English letters: date order, spelling and closing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EnglishForm {
    /// `20 November 2025`, "favour", "Dear Sir or Madam … Yours faithfully" / "Dear Ms Li …
    /// Yours sincerely".
    #[default]
    British,
    /// `November 20, 2025`, "favor", "Sincerely,".
    American,
}

impl EnglishForm {
    pub fn is_british(&self) -> bool {
        *self == EnglishForm::British
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_are_told_apart() {
        assert!(has_cjk("宁波远航进出口有限公司"));
        assert!(has_cjk("Room 5, 华强北路"));
        assert!(!has_cjk("Old Co Ltd, 1 High St"));
        assert!(!has_cjk("（）：，"));
    }

    #[test]
    fn a_customer_term_overrides_the_default_field_by_field() {
        let default = ContractTerms {
            number: "HT-1".into(),
            zh: ContractWords {
                name: "购销合同".into(),
                forum: "宁波仲裁委员会".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let mine = ContractTerms {
            zh: ContractWords {
                name: "框架采购协议".into(),
                clause: "第七条".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let merged = mine.over(&default);
        assert_eq!(merged.number, "HT-1");
        assert_eq!(merged.zh.name, "框架采购协议");
        assert_eq!(merged.zh.clause, "第七条");
        assert_eq!(merged.zh.forum, "宁波仲裁委员会");
        assert!(merged.en.is_empty());
    }
}
