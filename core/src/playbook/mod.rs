//! The collection playbook (issue 4): for every unpaid invoice, the stage it is in, what to do
//! today and with which letter, the next action date, and why; rolled up per customer into
//! the "today" list.
//!
//! # Interface
//! Stored in the workspace (the shell adds the two fields):
//! - `settings.playbook`: [`PlaybookSettings`] — `#[serde(default)]`; every threshold editable.
//! - `letters_sent`: [`sent::SentLog`], the letters-sent log with proof of delivery, merged
//!   into the annotations by [`sent::with_sent`]; `evidence`: [`evidence::EvidenceHeld`].
//! - `annotations`: [`Annotations`] = `BTreeMap<InvoiceKey, Annotation>`, keyed by
//!   customer + invoice number (stored as the string `customer\u{1f}number`), so they
//!   survive re-pasting. An [`Annotation`] holds a [`Dispute`], [`PromiseToPay`]s, a
//!   [`LateReason`], [`DoneAction`]s and a note. [`mark_done`] / [`unmark_done`] edit them.
//!
//! Derived (never stored):
//! - [`assess`]`(invoice, aged, annotation, charges_owed, settings, as_of) -> Assessment`:
//!   one invoice's [`Stage`], [`Step`]s (an [`CollectionAction`] with its due and done dates), dispute
//!   track, [`LetterKind`], next action, `why: Vec<Reason>`, limitation status and
//!   write-off check.
//! - [`run`]`(invoices: &[InvoiceFacts], annotations, settings, as_of) -> PlaybookReport`:
//!   every assessment, the today list and the risks at once (what `report::derive` calls).
//!   An [`InvoiceFacts`] is one invoice with its aging and the charges owed on it, so there
//!   are no parallel lists to keep in step. [`today()`] gives the prioritised list alone,
//!   [`customer_risks`] the [`CustomerRisk`] (flag, DSO) per customer and currency.
//! - [`csv_cells`] and [`CSV_COLUMNS_EN`]/[`CSV_COLUMNS_ZH`]: the `stage,next_step,
//!   next_action_date` columns the invoice export appends.
//!
//! Every user-visible word goes through a `describe(lang)` (Simplified Chinese and English).
//! Nothing here reads the clock or panics on user input: money arithmetic saturates, date
//! arithmetic stops at the calendar's ends, settings are clamped.
//!
//! # Rules (defaults; all in [`PlaybookSettings`])
//! | stage | days past due | actions | letter |
//! |---|---|---|---|
//! | before due | −3 … 0 | courtesy reminder with payment details | `courtesy` |
//! | friendly | 1–15 | check invoice received; polite reminder; ask why late | `reminder` |
//! | formal | 16–30 | formal notice, 7-day deadline; phone if no answer after 7 days; payment plan if cash flow | `demand` (`payment-plan`) |
//! | pre-legal | 31–60 | final notice; hold account; cut credit / prepayment; gather evidence | `final` |
//! | escalate | 61–90 | agency or lawyer; legal action if worth it | `statement` |
//! | bad debt | over 90 | provide for it; write-off check; offer to waive charges | (`payment-plan`) |
//!
//! Disputes, promises to pay, the limitation period and the credit insurer's deadline are
//! described in [`rules`]; the today list, risk flag and DSO in [`today`](mod@today).

mod annotations;
pub mod contacts;
pub mod evidence;
mod jurisdiction;
mod limitation;
mod reasons;
pub mod rules;
pub mod sent;
mod settings;
pub mod today;
mod vocabulary;
mod why;

/// Working days come from the calendar ([`crate::calendar`]); re-exported where they were.
pub use crate::calendar::add_working_days;
pub use annotations::{
    mark_done, snooze, unmark_done, Annotation, Annotations, Dispute, DisputeReason, DoneAction,
    InvoiceKey, LateReason, PromiseToPay, Snooze,
};
pub use jurisdiction::Jurisdiction;
pub use limitation::{
    add_years, limitation_status, write_off_check, LimitationStatus, WriteOffCheck,
};
pub use rules::{assess, Assessment, DisputeCase, NextAction, Step};
/// The bound on every playbook setting in days, which `edit` clamps to.
pub(crate) use settings::MAX_DAYS;
pub use settings::{Ladder, LimitationSettings, PlaybookSettings};
pub use today::{
    by_customer, csv_cells, customer_risks, dso, run, run_paced, today, CustomerCard, CustomerRisk,
    Dso, InvoiceFacts, ItemKind, ItemStatus, PlaybookReport, TodayItem, CSV_COLUMNS_EN,
    CSV_COLUMNS_ZH,
};
pub use vocabulary::{
    describe_when, format_date, CollectionAction, LetterKind, Money, RiskLevel, Stage,
};
pub use why::Reason;
