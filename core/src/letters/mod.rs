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
mod gaps;
mod history;
pub mod layout;
pub mod limits;
mod phrases;
mod schedule;
pub mod settings;
mod templates;
pub mod terms;

use chrono::NaiveDate;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use crate::i18n::Lang;
pub use crate::playbook::LetterKind;
use crate::report::Report;

pub use amount_words::{amount_in_words_zh, currency_name_zh};
pub use choice::{
    default_customer, open_rows, recommended_letter, request_for, ticked_rows, Ticked,
};
pub use context::{format_amount, working_days_after};
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
fn marks_of(ctx: &minijinja::Value) -> Marks {
    let text = |name: &str| {
        ctx.get_attr(name)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    Marks {
        date: text("date"),
        greeting: text("greeting"),
        closing: text("closing"),
    }
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
    let marks = marks_of(&ctx);
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
            marks,
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
                marks,
            }
        }
    }
}
