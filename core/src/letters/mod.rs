//! Letters (issue 5): the seven letters of the collection ladder, in Simplified Chinese and
//! English, written from the same report the page shows, through templates the user can edit.
//!
//! # Interface
//! Stored in the workspace (the shell adds the field) as `settings.letters`:
//! - [`LetterSettings`] — `#[serde(default)]`: the [`SenderProfile`] (entered once), a
//!   [`CustomerProfile`] per customer name (full legal name, address, contact: the pasted
//!   ledger has no addresses), the edited templates keyed `"<kind>.<lang>"` (`demand.zh`,
//!   `payment-plan.en`; see [`template_key`]), the default payment deadline (7 days, calendar
//!   or working days), the [`Consequences`] a demand names, the contract clause breached, the
//!   [`DisputeOptions`] of a dispute response, and the instalment defaults.
//!   [`LetterSettings::template`] gives the text in force, [`LetterSettings::set_template`]
//!   keeps an edit (an edit equal to the default is dropped) and
//!   [`LetterSettings::reset_template`] goes back to the default.
//!
//! Derived (never stored):
//! - [`render`]`(report, settings, request) -> `[`Letter`]: the subject line and the body of
//!   one letter. A [`LetterRequest`] names the [`LetterKind`], the letter's [`Lang`] (chosen
//!   apart from the page's), the customer, the invoices (indices into
//!   `report.parsed.invoices`; see [`LetterRequest::invoices`] for what empty means), the
//!   letter date, an optional deadline and an optional instalment plan.
//!   When the user's template fails, [`Letter::error`] holds a [`TemplateError`] with its line,
//!   and the body is the default template's letter, so the page never shows a blank letter.
//! - [`default_template`]`(kind, lang) -> &'static str` and
//!   [`placeholders`]`(lang) -> Vec<(name, description)>` for the template editor;
//!   [`check_template`] compiles a template without rendering (live feedback while typing).
//! - [`amount_in_words_zh`]`(amount, currency)`: 大写金额 (`人民币壹万贰仟叁佰肆拾伍元陆角整`).
//! - [`instalments`]`(total, count, first) -> Vec<(date, amount)>`: monthly, equal to the
//!   cent, the last one balancing.
//!
//! # Where the values come from
//! Every figure is read from the [`Report`], so the letter and the page agree: invoice facts
//! from `parsed.invoices`, days past due and bucket from `aged`, late charges (with the
//! rule's name as their legal basis and the formulas of the breakdown) from `charges`, and
//! the payment deadline and dispute evidence deadline from `playbook.assessments`. The
//! deadline is, in this order: the request's; the playbook's payment deadline for the chosen
//! invoices (the earliest not before the letter date); the letter date plus
//! [`LetterSettings::deadline_days`] (calendar or working days). Amounts are formatted per
//! currency and language (`CNY 12,345.60` / `人民币12,345.60元`, `18,400.00美元`); a letter
//! covering several currencies gives one total per currency.
//!
//! # Template engine
//! [minijinja] 2 with **no optional features**: letters need only `{{ value }}`,
//! `{% if %}`, `{% for %}` and attribute access, all in the core. Everything is pre-formatted
//! here (money, dates, 大写), so no filters are needed (`builtins` off); a letter is one template
//! (`multi_template`, `macros` off, which also rules out recursion). Undefined names are errors
//! (strict mode), so a mistyped placeholder is reported with its line instead of leaving a gap.
//! Lists (`invoices`, `consequences`, `plan`, …) can be looped over, and printed whole they
//! give a ready-made text list.
//!
//! Nothing here reads the clock or panics on user input.

mod amount_words;
mod context;
pub mod limits;
mod schedule;
mod templates;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
pub use crate::playbook::LetterKind;
use crate::report::Report;

pub use amount_words::{amount_in_words_zh, currency_name_zh};
pub use context::format_amount;
pub use schedule::{instalments, MAX_INSTALMENTS};
pub use templates::{default_template, placeholders};

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

/// One letter to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterRequest {
    pub kind: LetterKind,
    /// The letter's language (not necessarily the page's).
    pub lang: Lang,
    /// The customer as named in the ledger. Empty: the customer of the first invoice given.
    pub customer: String,
    /// Indices into `report.parsed.invoices`; rows of other customers, repeats and indices out
    /// of range are left out. Empty: the customer's open invoices the letter is about — the
    /// overdue ones for a reminder, formal or final notice, the not-yet-overdue ones for a
    /// courtesy reminder, the disputed ones for a dispute response (each kind falling back to
    /// all open invoices when none fits); all open invoices for a payment plan; open invoices
    /// and credits for a statement.
    pub invoices: Vec<usize>,
    /// The letter date (and the date deadlines count from).
    pub date: NaiveDate,
    /// The payment deadline; `None`: the playbook's, else the settings' default.
    pub deadline: Option<NaiveDate>,
    /// Number of instalments and first date of a payment plan; `None`: the settings' defaults.
    pub instalments: Option<(u32, NaiveDate)>,
}

/// A template problem, shown in place of the letter's top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// 1-based line in the template, when known.
    pub line: Option<usize>,
    pub message: String,
    /// Set when the template met one of the [`limits`] (the message then says which).
    pub limit: Option<limits::Limit>,
}

impl TemplateError {
    fn from_minijinja(error: &minijinja::Error) -> TemplateError {
        let message = match error.detail() {
            Some(detail) => format!("{}: {detail}", error.kind()),
            None => error.kind().to_string(),
        };
        TemplateError {
            line: error.line(),
            message,
            limit: limits::limit_of(error),
        }
    }

    /// `第 3 行：…` / `Line 3: …`.
    pub fn describe(&self, lang: Lang) -> String {
        let message = match self.limit {
            Some(limit) => limit.describe(lang),
            None => &self.message,
        };
        match (self.line, lang) {
            (Some(line), Lang::Zh) => format!("模板第 {line} 行有误：{message}"),
            (Some(line), Lang::En) => format!("Template error on line {line}: {message}"),
            (None, Lang::Zh) => format!("模板有误：{message}"),
            (None, Lang::En) => format!("Template error: {message}"),
        }
    }
}

/// A rendered letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// The subject line (for an e-mail's subject; the body repeats it).
    pub subject: String,
    pub body: String,
    /// Set when the user's template failed; `body` is then the default template's letter.
    pub error: Option<TemplateError>,
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env
}

fn render_source(
    env: &Environment<'_>,
    source: &str,
    ctx: &minijinja::Value,
) -> Result<String, TemplateError> {
    let template = env
        .template_from_str(source)
        .map_err(|e| TemplateError::from_minijinja(&e))?;
    let text = template
        .render(ctx)
        .map_err(|e| TemplateError::from_minijinja(&e))?;
    Ok(tidy(&text))
}

/// Trailing spaces off every line, at most one blank line in a row, one final newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Compiles a template without rendering it: `None` when its syntax is sound. (Mistyped
/// placeholder names are only found by [`render`].)
pub fn check_template(source: &str) -> Option<TemplateError> {
    if let Err(error) = limits::vet(source) {
        return Some(error);
    }
    environment()
        .template_from_str(source)
        .err()
        .map(|e| TemplateError::from_minijinja(&e))
}

/// Writes one letter. See the module documentation.
pub fn render(report: &Report, settings: &LetterSettings, request: &LetterRequest) -> Letter {
    let facts = context::Facts::gather(report, settings, request);
    let subject = facts.subject();
    let ctx = facts.to_value(&subject);
    let env = environment();
    let source = settings.template(request.kind, request.lang);
    let fallback = default_template(request.kind, request.lang);
    // The user's template may have come in someone else's link: it runs within the limits.
    let rendered = if source == fallback {
        render_source(&env, source, &ctx)
    } else {
        limits::render_untrusted(&env, source, &ctx).map(|text| tidy(&text))
    };
    match rendered {
        Ok(body) => Letter {
            subject,
            body,
            error: None,
        },
        Err(error) => {
            let body = if source == fallback {
                None
            } else {
                render_source(&env, fallback, &ctx).ok()
            }
            .unwrap_or_else(|| error.describe(request.lang));
            Letter {
                subject,
                body,
                error: Some(error),
            }
        }
    }
}
