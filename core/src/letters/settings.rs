//! What the user sets once about letters (stored as `settings.letters`): the sender, the
//! customers' addresses, edited templates and letter defaults. Apart from `render`, so that
//! the workspace can hold it without depending on the report (no import loop).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::templates::default_template;
use crate::i18n::Lang;
use crate::playbook::LetterKind;

/// The user's own company, as it appears at the head and foot of every letter.
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
}

/// What the ledger does not say about a customer: its full legal name and address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerProfile {
    /// Empty: the name as in the ledger.
    pub full_name: String,
    pub address: String,
    pub contact: String,
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
    /// The contract clause breached, e.g. `《销售合同》第5条`; empty = not mentioned.
    pub contract_clause: String,
    pub dispute: DisputeOptions,
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
            dispute: DisputeOptions::default(),
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
