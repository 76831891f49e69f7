//! Late charges (issue 3): what an overdue invoice may cost the debtor under the rule the user
//! chose: interest, a fixed sum, or both, with every number explained.
//!
//! # Public API
//!
//! - [`ChargeSettings`]: stored in the workspace as `settings.charges`. It is one
//!   [`ChargeRuleParams`] for the whole workspace (flattened into the same JSON object, so the
//!   workspace rule is `settings.charges.rule`) plus `per_customer`: customer name (exactly as in
//!   the invoice's customer column) → a whole [`ChargeRuleParams`]. An override replaces the
//!   workspace parameters for that customer; fields are not merged one by one.
//! - [`ChargeInput`]: one invoice's principal, currency and dates. [`ChargeInput::for_invoice`]
//!   builds it from a pasted [`crate::paste::Invoice`].
//! - [`compute`] (settings + customer) and [`compute_with`] (one set of parameters) → [`Charge`].
//! - [`Charge`]: `interest`, `fixed`, `total` (rounded to the cent), the [`ChargePeriod`]s and
//!   [`ChargeFee`]s they come from, and [`ChargeWarning`]s / [`ChargeNotice`]s (enums; their
//!   `describe(lang)` words them). [`ChargePeriod::formula`] gives the formula with the numbers
//!   filled in, e.g. `10,000.00 × 12.25% × 30/365 = 100.68`, so that the page and the letters
//!   show the same text.
//! - [`rate_tables`] → [`RateTableInfo`]: each built-in rate history, its source, and the last
//!   date it is known for.
//! - User-entered rates (issue 21): [`ChargeSettings::user_rates`] ([`UserRate`]: table,
//!   from–through, percent, source, `overrides_built_in`). [`compute`] reads them;
//!   [`compute_with`] does not ([`compute_with_rates`] takes them explicitly). A built-in value
//!   wins unless the entry overrides it; each period's [`Reference::origin`] says which was
//!   used, and a [`ChargeNotice::UserRateUsed`] names the entry's source.
//!   [`missing_fixings`] turns a report's charges into the questions the page should ask
//!   ([`MissingFixing`]: table, days, question and where-published hint in zh/en, and
//!   [`MissingFixing::answer`] to store the reply). [`sanitize_user_rates`] (or
//!   [`ChargeSettings::sanitize`]) refuses or clamps untrusted entries and says why
//!   ([`UserRateProblem`]).
//! - The LPR rule `cn-lpr` ([`RuleKind::CnLpr`], the `lpr_*` fields of [`ChargeRuleParams`]);
//!   [`lpr_lines`] gives its breakdown as a judgment lists it, [`conventions`] the conventions
//!   used, [`breakdown_text`] both with the total as lines of text, and [`basis_words`] the basis in the contract's words for the letters
//!   ("按一年期LPR的1.5倍计算").
//! - [`charge_totals`]: late charges per customer and per currency; [`CSV_COLUMNS`] and
//!   [`Charge::csv_cells`]: the `late_interest,fixed_compensation,late_charge,charge_rule`
//!   columns of the export.
//!
//! # Conventions
//!
//! - **Interest days.** Interest runs from the day after the due date through the end date,
//!   both inclusive, so `days = end − due` (5 CFR 1315.10: due 1 April, paid 11 April = 10 days;
//!   every UK/EU example counts the same way). The end date is the paid date, or the as-of date
//!   while unpaid; a paid date after the as-of date counts as unpaid on the as-of date. A paid
//!   date on or before the due date gives nothing. The contract and the two older Chinese
//!   rules may choose another count ([`DayCount`]), since Chinese practice differs; the LPR
//!   rule has its own start date and end-day choice; the other statutory rules always use
//!   this one.
//! - **Grace period** (contract rule only): nothing is charged while the end date is within
//!   `grace_days` after the due date; after that, interest runs from the day after the grace
//!   period ended (the grace days themselves carry no interest), and the one-off fees become due.
//! - **Day basis.** An annual rate is divided by 365 or 360 whatever the length of the year, so
//!   a leap year's 366 days at /365 cost slightly more than one year's rate (gov.uk: "divide by
//!   365"). A monthly rate is taken as 12 × the rate a year; a daily rate needs no basis.
//! - **Simple interest** on the principal, except the US Prompt Payment Act (interest unpaid at
//!   the end of each 30-day period is added to the principal, for up to one year).
//! - **Rounding.** [`ChargePeriod::interest`] is kept unrounded. The charge's `interest`,
//!   `fixed` and `total` are each rounded half-up to the cent ([`crate::money::round_cents`]) once, at the end;
//!   `total = interest + fixed` exactly. [`Rounding::Daily`] instead rounds the amount of
//!   one day's interest to the cent first and multiplies it by the days, which is how gov.uk
//!   (£11.50) and paidnice (£169.68) print their examples.
//! - **Rates are never invented.** When a table does not reach a date a rule needs, that stretch
//!   gets no rate and no interest, and a [`ChargeWarning::RateUnknown`] says so.
//! - **Currencies.** A statutory rule is defined in its own currency ([`RuleKind::currency`]).
//!   An invoice in another currency is still computed, with a
//!   [`ChargeWarning::CurrencyMismatch`].
//! - **No panics.** Dates outside 1900–2200, principals above [`MAX_PRINCIPAL`] and arithmetic
//!   overflow give a warning and a zero charge.
//!
//! # Files
//!
//! `kinds.rs` (the rule and its choices, each with a stable key), `params.rs` (a rule's
//! parameters and the workspace's settings), `model.rs` (input and result types, the export
//! cells), `warnings.rs` (warnings and notices), `compute.rs` (guards, interest days, rounding,
//! cap), `rules.rs` (each rule's periods and fees), `lpr.rs` (the LPR rule and its breakdown
//! words), `rates.rs` (built-in rate tables), `user_rates.rs` and `missing.rs` (rates the user
//! types in, and what to ask for), `explain.rs` (wording), `totals.rs` (sums per customer and
//! currency).

mod compute;
mod explain;
mod kinds;
mod lpr;
mod missing;
mod model;
mod params;
mod rates;
mod rules;
mod totals;
mod user_rates;
mod warnings;

pub use compute::{compute, compute_with, compute_with_rates, MAX_GRACE_DAYS, MAX_PRINCIPAL};
pub use explain::format_percent;
pub use kinds::{DayBasis, DayCount, LprMode, RateUnit, Rounding, RuleKind};
pub use lpr::{basis_words, breakdown_text, conventions, lpr_lines, LprLine, LprSpread};
pub use missing::{missing_fixings, publication_estimate, MissingFixing};
pub use model::{
    Adjustment, Charge, ChargeFee, ChargeInput, ChargePeriod, FeeKind, Reference, CSV_COLUMNS,
    CSV_COLUMNS_ZH,
};
pub use params::{ChargeRuleParams, ChargeSettings};
pub use rates::{rate_tables, RateTable, RateTableInfo};
pub use totals::{charge_totals, ChargeTotal};
pub use user_rates::{
    sanitize_user_rates, RateOrigin, UserRate, UserRateProblem, MAX_USER_RATES,
    MAX_USER_RATE_SOURCE_CHARS, USER_RATE_MAX_PERCENT, USER_RATE_MIN_PERCENT,
};
pub use warnings::{ChargeNotice, ChargeWarning, Setting};
