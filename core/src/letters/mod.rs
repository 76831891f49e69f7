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
//! Every figure is read from the [`Report`]'s rows (`Report::rows`, one per invoice), so the
//! letter and the page agree: each row's invoice facts, its days past due and bucket, its
//! late charge (with the rule's name as its legal basis and the formulas of the breakdown),
//! and the payment deadline and dispute evidence deadline of its assessment. The
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
mod choice;
mod context;
pub mod engine;
mod gaps;
mod history;
pub mod layout;
pub mod limits;
mod phrases;
mod schedule;
pub mod settings;
mod templates;
pub mod terms;
mod value;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
pub use crate::playbook::LetterKind;
use crate::report::Report;

pub use amount_words::{amount_in_words_zh, currency_name_zh};
pub use choice::{
    default_customer, open_rows, recommended_letter, request_for, ticked_rows, Ticked,
};
pub use context::{format_amount, working_days_after};
pub use engine::check_template;
pub use gaps::{gaps, Gap};
pub use history::{history, History};
pub use layout::{Block, Layout, Line, Marks, Paper, Part, Span};
pub use phrases::letter_date;
pub use schedule::{instalments, MAX_INSTALMENTS};
pub use settings::{
    template_key, Consequences, CustomerLines, CustomerProfile, DisputeOptions, LetterSettings,
    SenderLines, SenderProfile,
};
pub use templates::{default_template, placeholders};
pub use terms::{ContractTerms, ContractWords, CustomerEnglish, EnglishForm, SenderEnglish};
pub use value::LetterValue;

/// One letter to write.
#[derive(Clone, Debug, PartialEq)]
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
    /// The letters already sent about these invoices ([`history`]): a first demand and one
    /// after reminders are worded differently.
    pub history: History,
    /// The late-charge rule in force for this customer, for the basis in the contract's words
    /// (the LPR rules); `None`: the basis is named without it.
    pub charge_rule: Option<crate::charges::ChargeRuleParams>,
}

/// A template problem, shown in place of the letter's top.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The date, greeting and closing as this letter writes them, for its [`print_layout`].
    pub marks: Marks,
}

/// The letter laid out for print: its parts (title, signature, seal line, …) found in its
/// text, on the paper of the settings ([`Paper::Auto`]: Letter for American-form English).
/// [`Layout::to_text`] is the letter's text unchanged.
pub fn print_layout(settings: &LetterSettings, request: &LetterRequest, letter: &Letter) -> Layout {
    layout::layout(
        &letter.body,
        &letter.marks,
        request.lang,
        settings.english,
        settings.paper,
    )
}

/// What the context says about the lines layout looks for.
fn marks_of(ctx: &LetterValue) -> Marks {
    let text = |name: &str| {
        ctx.get(name)
            .and_then(LetterValue::as_str)
            .map(str::to_string)
            .unwrap_or_default()
    };
    Marks {
        date: text("date"),
        greeting: text("greeting"),
        closing: text("closing"),
    }
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

/// What the template engine needs to write one letter's body ([`engine::write`]): the plain
/// context, the template in force and the default one for its kind and language. Serialised
/// as JSON when the engine is the page's second module.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BodyRequest {
    pub context: LetterValue,
    pub template: String,
    pub fallback: String,
    pub lang: Lang,
}

/// What the engine wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub text: String,
    /// Set when the user's template failed; `text` is then the default template's letter.
    pub error: Option<TemplateError>,
}

/// A letter gathered from the report and ready for the engine: everything but its body.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub subject: String,
    pub marks: Marks,
    pub body: BodyRequest,
}

impl Prepared {
    /// The letter, with the body the engine wrote for [`Prepared::body`].
    pub fn finish(self, body: Body) -> Letter {
        Letter {
            subject: self.subject,
            body: body.text,
            error: body.error,
            marks: self.marks,
        }
    }
}

/// Gathers one letter's values (see the module documentation): all of a letter but the
/// template's run, which [`engine::write`] does.
pub fn prepare(report: &Report, settings: &LetterSettings, request: &LetterRequest) -> Prepared {
    let facts = context::Facts::gather(report, settings, request);
    let subject = facts.subject();
    let context = facts.to_value(&subject);
    let marks = marks_of(&context);
    Prepared {
        subject,
        marks,
        body: BodyRequest {
            context,
            template: settings.template(request.kind, request.lang).to_string(),
            fallback: default_template(request.kind, request.lang).to_string(),
            lang: request.lang,
        },
    }
}

/// Writes one letter, the engine run here. See the module documentation.
pub fn render(report: &Report, settings: &LetterSettings, request: &LetterRequest) -> Letter {
    let prepared = prepare(report, settings, request);
    let body = engine::write(&prepared.body);
    prepared.finish(body)
}
