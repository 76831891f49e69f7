//! What the user sets once about letters (stored as `settings.letters`): the sender, the
//! customers' addresses, edited templates and letter defaults. Apart from `render`, so that
//! the workspace can hold it without depending on the report (no import loop).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::layout::Paper;
use super::templates::default_template;
use super::terms::{has_cjk, ContractTerms, CustomerEnglish, EnglishForm, SenderEnglish};
use crate::i18n::Lang;
use crate::playbook::LetterKind;

/// The user's own company, as it appears at the head and foot of every letter. The fields
/// here are the Chinese letters' (and were the only ones before issue 16); `en` holds the
/// English letters' own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SenderProfile {
    pub company: String,
    pub address: String,
    pub contact: String,
    pub phone: String,
    pub email: String,
    pub bank_name: String,
    pub bank_account: String,
    /// The closing line above the company name, e.g. `财务部` / `Accounts Receivable`.
    pub signature: String,
    /// The English legal name, address, contact, bank as the bank writes it, signature.
    #[serde(skip_serializing_if = "SenderEnglish::is_empty")]
    pub en: SenderEnglish,
}

/// The sender's details as one letter language prints them (see [`SenderProfile::in_lang`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SenderLines {
    pub company: String,
    pub address: String,
    pub contact: String,
    pub phone: String,
    pub email: String,
    pub bank_name: String,
    pub bank_account: String,
    pub signature: String,
}

impl SenderProfile {
    /// The details a letter in `lang` prints. Chinese letters read the profile's own fields,
    /// an empty one taking the English value. English letters read `en`; an empty one takes
    /// the profile's own value only when it has no Chinese character — how a profile saved
    /// before issue 16 (one set of fields) still signs both languages, while a Chinese name
    /// never lands in an English letter.
    pub fn in_lang(&self, lang: Lang) -> SenderLines {
        let zh_first = |own: &str, en: &str| {
            if own.trim().is_empty() {
                en.trim().to_string()
            } else {
                own.trim().to_string()
            }
        };
        let en_first = |en: &str, own: &str| {
            if !en.trim().is_empty() {
                en.trim().to_string()
            } else if has_cjk(own) {
                String::new()
            } else {
                own.trim().to_string()
            }
        };
        let e = &self.en;
        let pick = |own: &str, en: &str| match lang {
            Lang::Zh => zh_first(own, en),
            Lang::En => en_first(en, own),
        };
        SenderLines {
            company: pick(&self.company, &e.company),
            address: pick(&self.address, &e.address),
            contact: pick(&self.contact, &e.contact),
            phone: self.phone.trim().to_string(),
            email: self.email.trim().to_string(),
            bank_name: pick(&self.bank_name, &e.bank_name),
            bank_account: match lang {
                Lang::Zh => zh_first(&self.bank_account, &e.bank_account),
                Lang::En => zh_first(&e.bank_account, &self.bank_account),
            },
            signature: pick(&self.signature, &e.signature),
        }
    }
}

/// What the ledger does not say about a customer: its full legal name and address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerProfile {
    /// Empty: the name as in the ledger.
    pub full_name: String,
    pub address: String,
    pub contact: String,
    /// Name, address and contact as English letters give them.
    #[serde(skip_serializing_if = "CustomerEnglish::is_empty")]
    pub en: CustomerEnglish,
    /// This customer's contract; empty fields take the workspace default
    /// ([`LetterSettings::contract`]).
    #[serde(skip_serializing_if = "ContractTerms::is_empty")]
    pub contract: ContractTerms,
    /// The customer is a public body (机关、事业单位) or a large enterprise: only then does a
    /// letter cite the SME payment regulation (its scope, see `charges::ChargeNotice::Scope`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub large_or_public: bool,
}

/// The customer as one letter language names it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerLines {
    /// Never empty: the ledger's name when no full name is given.
    pub name: String,
    /// Whether `name` is the full legal name the user entered (not the ledger's).
    pub full_name_given: bool,
    pub address: String,
    pub contact: String,
}

impl CustomerProfile {
    /// Name, address and contact for a letter in `lang`; `ledger_name` when no full name is
    /// given. English letters take the English fields, else the own ones without a Chinese
    /// character (a Chinese address is left out of an English letter rather than pasted in).
    pub fn in_lang(&self, lang: Lang, ledger_name: &str) -> CustomerLines {
        let own = |v: &str| v.trim().to_string();
        let pick = |own_value: &str, en: &str| match lang {
            Lang::Zh => own(own_value),
            Lang::En if !en.trim().is_empty() => own(en),
            Lang::En if has_cjk(own_value) => String::new(),
            Lang::En => own(own_value),
        };
        let full = match lang {
            Lang::Zh => own(&self.full_name),
            Lang::En if !self.en.full_name.trim().is_empty() => own(&self.en.full_name),
            Lang::En => own(&self.full_name),
        };
        CustomerLines {
            full_name_given: !full.is_empty(),
            name: if full.is_empty() {
                ledger_name.trim().to_string()
            } else {
                full
            },
            address: pick(&self.address, &self.en.address),
            contact: pick(&self.contact, &self.en.contact),
        }
    }
}

/// The consequences a formal notice and a final notice name if the deadline passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Consequences {
    pub late_charges: bool,
    pub account_hold: bool,
    pub collection_agency: bool,
    pub legal_action: bool,
}

impl Default for Consequences {
    fn default() -> Self {
        Consequences {
            late_charges: true,
            account_hold: true,
            collection_agency: false,
            legal_action: true,
        }
    }
}

/// What a dispute response lists and proposes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DisputeOptions {
    pub contract: bool,
    pub purchase_order: bool,
    pub order_confirmation: bool,
    pub delivery_note: bool,
    pub acceptance_record: bool,
    /// Resolutions offered.
    pub corrected_invoice: bool,
    pub credit_note: bool,
    pub partial_payment: bool,
}

impl Default for DisputeOptions {
    fn default() -> Self {
        DisputeOptions {
            contract: true,
            purchase_order: true,
            order_confirmation: true,
            delivery_note: true,
            acceptance_record: true,
            corrected_invoice: true,
            credit_note: true,
            partial_payment: true,
        }
    }
}

/// Everything about letters that the user sets once; stored as `settings.letters`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LetterSettings {
    pub sender: SenderProfile,
    /// Keyed by the customer name as it appears in the ledger.
    pub customers: BTreeMap<String, CustomerProfile>,
    /// Edited templates keyed by [`template_key`] (`demand.zh`); absent = the default.
    pub templates: BTreeMap<String, String>,
    /// Days from the letter date to the payment deadline when neither the request nor the
    /// playbook gives one.
    pub deadline_days: u32,
    /// Count [`LetterSettings::deadline_days`] in working days (Monday–Friday).
    pub working_days: bool,
    pub consequences: Consequences,
    /// The contract clause breached, e.g. `《销售合同》第5条`; empty = not mentioned. Kept
    /// from before issue 16 as a fallback for [`LetterSettings::contract`]'s clause (in the
    /// letters of its own script).
    pub contract_clause: String,
    /// The workspace's default contract terms; a customer's own take precedence.
    #[serde(skip_serializing_if = "ContractTerms::is_empty")]
    pub contract: ContractTerms,
    /// British or American form for English letters.
    #[serde(skip_serializing_if = "EnglishForm::is_british")]
    pub english: EnglishForm,
    pub dispute: DisputeOptions,
    /// The paper letters are printed on (`Auto`: Letter for American-form English, else A4).
    #[serde(skip_serializing_if = "Paper::is_auto")]
    pub paper: Paper,
    /// Instalments of a payment plan when the request gives none.
    pub instalment_count: u32,
    /// Days from the letter date to the first instalment when the request gives none.
    pub first_instalment_days: u32,
}

impl Default for LetterSettings {
    fn default() -> Self {
        LetterSettings {
            sender: SenderProfile::default(),
            customers: BTreeMap::new(),
            templates: BTreeMap::new(),
            deadline_days: 7,
            working_days: false,
            consequences: Consequences::default(),
            contract_clause: String::new(),
            contract: ContractTerms::default(),
            english: EnglishForm::default(),
            dispute: DisputeOptions::default(),
            paper: Paper::Auto,
            instalment_count: 3,
            first_instalment_days: 14,
        }
    }
}

/// `demand.zh`: how an edited template is keyed in [`LetterSettings::templates`].
pub fn template_key(kind: LetterKind, lang: Lang) -> String {
    format!("{}.{}", kind.key(), lang.code())
}

impl LetterSettings {
    /// The contract terms a letter to `customer` cites: the customer's, each empty field from
    /// the workspace default, the clause last from the old single `contract_clause` (in the
    /// language of its script).
    pub fn contract_for(&self, customer: &str) -> ContractTerms {
        let mut terms = match self.customers.get(customer) {
            Some(p) => p.contract.over(&self.contract),
            None => self.contract.over(&ContractTerms::default()),
        };
        let legacy = self.contract_clause.trim();
        if !legacy.is_empty() {
            let lang = if has_cjk(legacy) { Lang::Zh } else { Lang::En };
            let words = terms.words_mut(lang);
            if words.clause.is_empty() && words.name.is_empty() {
                words.clause = legacy.to_string();
            }
        }
        terms
    }

    /// The customer's name, address and contact for a letter in `lang`.
    pub fn customer_in_lang(&self, customer: &str, lang: Lang) -> CustomerLines {
        self.customers
            .get(customer)
            .cloned()
            .unwrap_or_default()
            .in_lang(lang, customer)
    }

    /// The template in force: the user's edit, or the default.
    pub fn template(&self, kind: LetterKind, lang: Lang) -> &str {
        self.templates
            .get(&template_key(kind, lang))
            .map(String::as_str)
            .unwrap_or_else(|| default_template(kind, lang))
    }

    /// Whether the user has edited this template.
    pub fn is_edited(&self, kind: LetterKind, lang: Lang) -> bool {
        self.templates.contains_key(&template_key(kind, lang))
    }

    /// Keeps an edited template; text equal to the default removes the edit.
    pub fn set_template(&mut self, kind: LetterKind, lang: Lang, text: String) {
        let key = template_key(kind, lang);
        if text == default_template(kind, lang) {
            self.templates.remove(&key);
        } else {
            self.templates.insert(key, text);
        }
    }

    /// Back to the default template.
    pub fn reset_template(&mut self, kind: LetterKind, lang: Lang) {
        self.templates.remove(&template_key(kind, lang));
    }
}
