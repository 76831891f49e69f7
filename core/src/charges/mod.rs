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
//!   builds it from a pasted [`Invoice`].
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
//!   `fixed` and `total` are each rounded half-up to the cent ([`round_cents`]) once, at the end;
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

mod explain;
mod lpr;
mod missing;
mod rates;
mod rules;
mod user_rates;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{format_plain, round_cents};
use crate::paste::Invoice;

pub use explain::format_percent;
pub use lpr::{basis_words, breakdown_text, conventions, lpr_lines, LprLine, LprSpread};
pub use missing::{missing_fixings, publication_estimate, MissingFixing};
pub use rates::{rate_tables, RateTable, RateTableInfo};
pub use user_rates::{
    sanitize_user_rates, RateOrigin, UserRate, UserRateProblem, MAX_USER_RATES,
    MAX_USER_RATE_SOURCE_CHARS, USER_RATE_MAX_PERCENT, USER_RATE_MIN_PERCENT,
};

/// Principals above this (one quadrillion) are refused with [`ChargeWarning::AmountTooLarge`]:
/// no invoice is that large, and it keeps every product far from `Decimal`'s limits.
pub const MAX_PRINCIPAL: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// Grace periods longer than this (about 100 years) are refused.
pub const MAX_GRACE_DAYS: u32 = 36_600;

/// The export's extra columns, in order.
pub const CSV_COLUMNS: [&str; 4] = [
    "late_interest",
    "fixed_compensation",
    "late_charge",
    "charge_rule",
];

/// The same columns with Chinese headers.
pub const CSV_COLUMNS_ZH: [&str; 4] = ["逾期利息", "固定补偿", "逾期费用合计", "计费规则"];

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

/// Which rule computes the late charge. The serde form is the stable key (`<select>` values).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum RuleKind {
    #[default]
    #[serde(rename = "none")]
    None,
    /// What the contract says: fees, a rate, a grace period, a cap.
    #[serde(rename = "contract")]
    Contract,
    /// Late Payment of Commercial Debts (Interest) Act 1998.
    #[serde(rename = "uk-statutory")]
    UkStatutory,
    /// Directive 2011/7/EU minimum.
    #[serde(rename = "eu-directive")]
    EuDirective,
    /// §288(2) and (5) BGB, business to business.
    #[serde(rename = "de-bgb288")]
    DeBgb288,
    /// Code de commerce L441-10.
    #[serde(rename = "fr-l441-10")]
    FrL441_10,
    /// 《保障中小企业款项支付条例》.
    #[serde(rename = "cn-sme-regulation")]
    CnSmeRegulation,
    /// Sale-contract interpretation, art. 18: 1-year LPR × 1.3–1.5.
    #[serde(rename = "cn-sale-lpr")]
    CnSaleLpr,
    /// Interest on the 1-year LPR as a contract or judgment words it: any multiplier or a
    /// margin in basis points, fixed or floating, /360 or /365, both ends counted or not.
    #[serde(rename = "cn-lpr")]
    CnLpr,
    /// US federal Prompt Payment Act.
    #[serde(rename = "us-prompt-payment")]
    UsPromptPayment,
}

impl RuleKind {
    /// In the order the `<select>` lists them.
    pub const ALL: [RuleKind; 10] = [
        RuleKind::None,
        RuleKind::Contract,
        RuleKind::UkStatutory,
        RuleKind::EuDirective,
        RuleKind::DeBgb288,
        RuleKind::FrL441_10,
        RuleKind::CnSmeRegulation,
        RuleKind::CnSaleLpr,
        RuleKind::CnLpr,
        RuleKind::UsPromptPayment,
    ];

    /// Stable identifier: option values, stored settings, the export's `charge_rule` column.
    pub fn key(self) -> &'static str {
        match self {
            RuleKind::None => "none",
            RuleKind::Contract => "contract",
            RuleKind::UkStatutory => "uk-statutory",
            RuleKind::EuDirective => "eu-directive",
            RuleKind::DeBgb288 => "de-bgb288",
            RuleKind::FrL441_10 => "fr-l441-10",
            RuleKind::CnSmeRegulation => "cn-sme-regulation",
            RuleKind::CnSaleLpr => "cn-sale-lpr",
            RuleKind::CnLpr => "cn-lpr",
            RuleKind::UsPromptPayment => "us-prompt-payment",
        }
    }

    pub fn from_key(key: &str) -> Option<RuleKind> {
        RuleKind::ALL
            .into_iter()
            .find(|rule| rule.key() == key.trim())
    }

    /// The currency a statutory rule's amounts are defined in; None for `none` and `contract`.
    pub fn currency(self) -> Option<&'static str> {
        match self {
            RuleKind::None | RuleKind::Contract => None,
            RuleKind::UkStatutory => Some("GBP"),
            RuleKind::EuDirective | RuleKind::DeBgb288 | RuleKind::FrL441_10 => Some("EUR"),
            RuleKind::CnSmeRegulation | RuleKind::CnSaleLpr | RuleKind::CnLpr => Some("CNY"),
            RuleKind::UsPromptPayment => Some("USD"),
        }
    }

    pub fn is_statutory(self) -> bool {
        self.currency().is_some()
    }

    /// The rate histories the rule reads.
    pub fn rate_tables(self) -> &'static [RateTable] {
        match self {
            RuleKind::None | RuleKind::Contract => &[],
            RuleKind::UkStatutory => &[RateTable::BoeBankRate],
            RuleKind::EuDirective | RuleKind::FrL441_10 => &[RateTable::EcbMro],
            RuleKind::DeBgb288 => &[RateTable::DeBasiszinssatz],
            // Only for the user's agreed rate: the regulation's floor is the LPR at contract time.
            RuleKind::CnSmeRegulation => &[RateTable::CnLpr1Year],
            RuleKind::CnSaleLpr => &[RateTable::CnLpr1Year, RateTable::CnPbocBenchmark1Year],
            RuleKind::CnLpr => &[RateTable::CnLpr1Year],
            RuleKind::UsPromptPayment => &[RateTable::UsPromptPayment],
        }
    }

    /// Whether [`ChargeRuleParams::day_count`] applies (where practice differs: contracts and
    /// Chinese court practice). The other rules always count from the day after the due date
    /// through the end date. The LPR rule has its own start date and end-day choice
    /// ([`ChargeRuleParams::lpr_start`], [`ChargeRuleParams::lpr_both_ends`]).
    pub fn uses_day_count(self) -> bool {
        matches!(
            self,
            RuleKind::Contract | RuleKind::CnSmeRegulation | RuleKind::CnSaleLpr
        )
    }
}

/// The unit of a contractual rate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RateUnit {
    /// Percent a year, divided by the day basis.
    #[default]
    Year,
    /// Percent a month (1.5 %/month): 12 × the rate a year, divided by the day basis.
    Month,
    /// Percent a day (万分之五 = 0.05 %/day): times the days, no basis.
    Day,
}

impl RateUnit {
    pub const ALL: [RateUnit; 3] = [RateUnit::Year, RateUnit::Month, RateUnit::Day];

    pub fn key(self) -> &'static str {
        match self {
            RateUnit::Year => "year",
            RateUnit::Month => "month",
            RateUnit::Day => "day",
        }
    }

    pub fn from_key(key: &str) -> Option<RateUnit> {
        RateUnit::ALL.into_iter().find(|u| u.key() == key.trim())
    }
}

/// Days in the year an annual rate is divided by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DayBasis {
    #[default]
    #[serde(rename = "365")]
    Days365,
    #[serde(rename = "360")]
    Days360,
}

impl DayBasis {
    pub const ALL: [DayBasis; 2] = [DayBasis::Days365, DayBasis::Days360];

    pub fn days(self) -> u32 {
        match self {
            DayBasis::Days365 => 365,
            DayBasis::Days360 => 360,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            DayBasis::Days365 => "365",
            DayBasis::Days360 => "360",
        }
    }

    pub fn from_key(key: &str) -> Option<DayBasis> {
        DayBasis::ALL.into_iter().find(|b| b.key() == key.trim())
    }
}

/// Whether the Chinese sale-contract rule takes the LPR once, at the breach, or lets it float.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LprMode {
    /// The LPR in force when the breach happened (违约行为发生时), for the whole period: the
    /// interpretation's own words.
    #[default]
    Fixed,
    /// Each LPR in force over the period (同期LPR), as some courts do.
    Floating,
}

impl LprMode {
    pub fn key(self) -> &'static str {
        match self {
            LprMode::Fixed => "fixed",
            LprMode::Floating => "floating",
        }
    }

    pub fn from_key(key: &str) -> Option<LprMode> {
        [LprMode::Fixed, LprMode::Floating]
            .into_iter()
            .find(|m| m.key() == key.trim())
    }
}

/// Which days carry interest, for the rules where practice differs
/// ([`RuleKind::uses_day_count`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DayCount {
    /// From the day after the due date through the end date: `end − due` days.
    #[default]
    #[serde(rename = "after-due")]
    AfterDue,
    /// From the due date itself through the end date: one day more.
    #[serde(rename = "include-due")]
    IncludeDue,
    /// From the day after the due date to the day before the end date: one day fewer.
    #[serde(rename = "exclude-end")]
    ExcludeEnd,
}

impl DayCount {
    pub const ALL: [DayCount; 3] = [
        DayCount::AfterDue,
        DayCount::IncludeDue,
        DayCount::ExcludeEnd,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DayCount::AfterDue => "after-due",
            DayCount::IncludeDue => "include-due",
            DayCount::ExcludeEnd => "exclude-end",
        }
    }

    pub fn from_key(key: &str) -> Option<DayCount> {
        DayCount::ALL.into_iter().find(|c| c.key() == key.trim())
    }
}

/// When interest is rounded to the cent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    /// Once, at the end (the project's rule).
    #[default]
    End,
    /// One day's interest is rounded first, then multiplied by the days (gov.uk's worked
    /// example, paidnice).
    Daily,
}

impl Rounding {
    pub fn key(self) -> &'static str {
        match self {
            Rounding::End => "end",
            Rounding::Daily => "daily",
        }
    }

    pub fn from_key(key: &str) -> Option<Rounding> {
        [Rounding::End, Rounding::Daily]
            .into_iter()
            .find(|r| r.key() == key.trim())
    }
}

/// One rule with its parameters. Fields a rule does not use are kept (so switching rules back
/// and forth loses nothing) and ignored.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct ChargeRuleParams {
    pub rule: RuleKind,

    // Contract rule.
    /// Charged once per overdue invoice.
    pub fixed_fee: Decimal,
    /// Charged once per overdue invoice: this percent of the principal.
    pub percent_fee: Decimal,
    /// Interest rate in `rate_unit`; 0 for none.
    pub rate: Decimal,
    pub rate_unit: RateUnit,
    pub grace_days: u32,
    /// The contract charge (interest plus fees) never exceeds this amount...
    pub cap_amount: Option<Decimal>,
    /// ...nor this percent of the principal (the lower binds when both are set).
    pub cap_percent: Option<Decimal>,
    pub day_basis: DayBasis,

    // Chinese rules.
    /// Sale-contract rule: LPR × this, 1.3 to 1.5 (加计30–50%).
    pub cn_multiplier: Decimal,
    pub cn_lpr: LprMode,
    /// Day basis of both Chinese rules' annual rates (the 0.05 %/day needs none).
    pub cn_day_basis: DayBasis,
    /// SME regulation: the rate the parties agreed, if any; None means the regulation's
    /// 0.05 % a day.
    pub cn_agreed_rate: Option<Decimal>,
    pub cn_agreed_rate_unit: RateUnit,
    /// When the contract was signed: the agreed rate may not be below the LPR of that date.
    pub cn_contract_date: Option<NaiveDate>,

    // The LPR rule (`cn-lpr`). Left out of the JSON while at their defaults, so that links of
    // workspaces that do not use the rule stay as short as before.
    /// Whether the rate is the LPR times [`Self::lpr_multiplier`] or plus
    /// [`Self::lpr_margin_bps`].
    #[serde(skip_serializing_if = "is_default")]
    pub lpr_spread: LprSpread,
    /// "LPR的1.5倍", "上浮50%" = 1.5; any positive value.
    #[serde(skip_serializing_if = "is_one")]
    pub lpr_multiplier: Decimal,
    /// "LPR + 100个基点" = 100 (one basis point is 0.01 percentage points); may be negative.
    #[serde(skip_serializing_if = "Decimal::is_zero")]
    pub lpr_margin_bps: Decimal,
    /// Floating (each LPR from its publication date) by default: the usual court award.
    #[serde(skip_serializing_if = "is_floating")]
    pub lpr_mode: LprMode,
    /// 360 by default, the basis most judgments divide by.
    #[serde(skip_serializing_if = "is_360")]
    pub lpr_day_basis: DayBasis,
    /// True (default): the first and the last day both carry interest; false: the last does
    /// not (算头不算尾).
    #[serde(skip_serializing_if = "is_true")]
    pub lpr_both_ends: bool,
    /// The first interest day when a contract or judgment names one (the date of the demand,
    /// of filing); None: the day after the due date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lpr_start: Option<NaiveDate>,

    // Every rule.
    pub day_count: DayCount,
    pub rounding: Rounding,
}

impl Default for ChargeRuleParams {
    fn default() -> Self {
        ChargeRuleParams {
            rule: RuleKind::None,
            fixed_fee: Decimal::ZERO,
            percent_fee: Decimal::ZERO,
            rate: Decimal::ZERO,
            rate_unit: RateUnit::Year,
            grace_days: 0,
            cap_amount: None,
            cap_percent: None,
            day_basis: DayBasis::Days365,
            // The bottom of the range: the default never claims more than a court would.
            cn_multiplier: Decimal::new(13, 1),
            cn_lpr: LprMode::Fixed,
            cn_day_basis: DayBasis::Days365,
            cn_agreed_rate: None,
            cn_agreed_rate_unit: RateUnit::Year,
            cn_contract_date: None,
            lpr_spread: LprSpread::Times,
            lpr_multiplier: Decimal::ONE,
            lpr_margin_bps: Decimal::ZERO,
            lpr_mode: LprMode::Floating,
            lpr_day_basis: DayBasis::Days360,
            lpr_both_ends: true,
            lpr_start: None,
            day_count: DayCount::AfterDue,
            rounding: Rounding::End,
        }
    }
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}
fn is_one(value: &Decimal) -> bool {
    *value == Decimal::ONE
}
fn is_floating(mode: &LprMode) -> bool {
    *mode == LprMode::Floating
}
fn is_360(basis: &DayBasis) -> bool {
    *basis == DayBasis::Days360
}
fn is_true(value: &bool) -> bool {
    *value
}

impl ChargeRuleParams {
    pub fn new(rule: RuleKind) -> ChargeRuleParams {
        ChargeRuleParams {
            rule,
            ..ChargeRuleParams::default()
        }
    }
}

/// The late-charge settings of a workspace (`settings.charges`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct ChargeSettings {
    /// The workspace's rule, flattened into this object.
    #[serde(flatten)]
    pub workspace: ChargeRuleParams,
    /// Customer (as in the customer column) → the rule for that customer's invoices.
    pub per_customer: BTreeMap<String, ChargeRuleParams>,
    /// Reference rates the user typed in, for dates the built-in tables do not reach (issue
    /// 21). Shared by every rule. Left out of the JSON when empty, so settings without any
    /// serialise as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_rates: Vec<UserRate>,
}

impl ChargeSettings {
    pub fn new(workspace: ChargeRuleParams) -> ChargeSettings {
        ChargeSettings {
            workspace,
            per_customer: BTreeMap::new(),
            user_rates: Vec::new(),
        }
    }

    /// Drops or clamps user-entered rates that break a rule of [`sanitize_user_rates`]; what
    /// was changed is returned so that the page can say it.
    pub fn sanitize(&mut self) -> Vec<UserRateProblem> {
        let (kept, problems) = sanitize_user_rates(std::mem::take(&mut self.user_rates));
        self.user_rates = kept;
        problems
    }

    /// The parameters for one customer: its override, else the workspace's.
    pub fn params_for(&self, customer: &str) -> &ChargeRuleParams {
        self.per_customer.get(customer).unwrap_or(&self.workspace)
    }
}

// ---------------------------------------------------------------------------------------------
// Input and result
// ---------------------------------------------------------------------------------------------

/// One invoice, as far as late charges care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChargeInput<'a> {
    /// The sum interest runs on, and that the UK fixed sum's size band and the percentage fee
    /// and cap are taken of: the outstanding balance of an open invoice, or, for an invoice
    /// paid late with nothing outstanding, the amount that was paid late. Zero or negative
    /// (credits) gives no charge.
    pub principal: Decimal,
    /// The invoice's currency (ISO code).
    pub currency: &'a str,
    pub due_date: NaiveDate,
    /// When the principal was paid; None while unpaid.
    pub paid_date: Option<NaiveDate>,
    pub as_of: NaiveDate,
}

impl<'a> ChargeInput<'a> {
    /// The input for a pasted invoice:
    /// - an open invoice (outstanding > 0): the outstanding balance, running to the as-of date
    ///   (its paid date, if any, was a part payment and is not an end);
    /// - a settled invoice with a paid date: the amount paid (or, without one, the invoice
    ///   amount), running to the paid date;
    /// - anything else (settled without a paid date, credits): nothing to charge.
    ///
    /// Interest on the part of a partly paid invoice that was paid late, up to its payment, is
    /// not included: the paste gives only one paid date per invoice.
    pub fn for_invoice(invoice: &'a Invoice, as_of: NaiveDate) -> ChargeInput<'a> {
        let (principal, paid_date) = if invoice.outstanding > Decimal::ZERO {
            (invoice.outstanding, None)
        } else if let Some(paid_date) = invoice.paid_date.filter(|_| invoice.outstanding.is_zero())
        {
            let paid = if invoice.paid > Decimal::ZERO {
                invoice.paid
            } else {
                invoice.amount
            };
            (paid, Some(paid_date))
        } else {
            (Decimal::ZERO, None)
        };
        ChargeInput {
            principal,
            currency: &invoice.currency,
            due_date: invoice.due_date,
            paid_date,
            as_of,
        }
    }
}

/// What the debtor owes for being late on one invoice, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge {
    pub rule: RuleKind,
    /// The invoice's currency: every amount here is in it.
    pub currency: String,
    /// First and last interest day (inclusive), when any day carries interest.
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    /// Days from `first_day` through `last_day`.
    pub days: i64,
    /// Interest, rounded to the cent.
    pub interest: Decimal,
    /// Fixed sums and one-off fees, rounded to the cent.
    pub fixed: Decimal,
    /// `interest + fixed`.
    pub total: Decimal,
    pub periods: Vec<ChargePeriod>,
    pub fees: Vec<ChargeFee>,
    /// Something the user should check: a missing rate, a currency mismatch, a bad setting.
    pub warnings: Vec<ChargeWarning>,
    /// Something the reader should know: the rule's scope, a cap that binds, a grace period.
    pub notices: Vec<ChargeNotice>,
    pub rounding: Rounding,
}

impl Charge {
    fn nothing(rule: RuleKind, currency: &str, rounding: Rounding) -> Charge {
        Charge {
            rule,
            currency: currency.to_string(),
            first_day: None,
            last_day: None,
            days: 0,
            interest: Decimal::ZERO,
            fixed: Decimal::ZERO,
            total: Decimal::ZERO,
            periods: Vec::new(),
            fees: Vec::new(),
            warnings: Vec::new(),
            notices: Vec::new(),
            rounding,
        }
    }

    /// False when part of the period had no known rate: the interest is then understated.
    pub fn is_complete(&self) -> bool {
        !self
            .warnings
            .iter()
            .any(|w| matches!(w, ChargeWarning::RateUnknown { .. }))
    }

    /// The export cells under [`CSV_COLUMNS`]: `late_interest,fixed_compensation,late_charge,
    /// charge_rule`, amounts as `1234.50`.
    pub fn csv_cells(&self) -> [String; 4] {
        [
            format_plain(self.interest),
            format_plain(self.fixed),
            format_plain(self.total),
            self.rule.key().to_string(),
        ]
    }
}

/// Days at one rate: a line of the breakdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChargePeriod {
    /// First interest day (inclusive).
    pub from: NaiveDate,
    /// Last interest day (inclusive).
    pub to: NaiveDate,
    pub days: i64,
    /// The sum interest runs on in this period (it grows under US compounding).
    pub principal: Decimal,
    /// Where the rate comes from, for rules built on a reference rate.
    pub reference: Option<Reference>,
    /// The rate applied, in `unit`; None when the reference table does not reach this period
    /// (then `interest` is zero and a warning says so).
    pub rate_percent: Option<Decimal>,
    pub unit: RateUnit,
    /// Day basis of an annual or monthly rate (unused for a daily rate).
    pub basis: DayBasis,
    /// With [`Rounding::Daily`]: one day's interest, rounded to the cent.
    pub daily_amount: Option<Decimal>,
    /// The period's interest, unrounded (the charge rounds the sum once).
    pub interest: Decimal,
}

impl ChargePeriod {
    /// The reference rate (percent a year) the period's rate was built on.
    pub fn reference_rate(&self) -> Option<Decimal> {
        self.reference.as_ref().and_then(|r| r.rate)
    }
}

/// A reference rate read from a table, and how the rule turns it into the rate applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub table: RateTable,
    /// The date whose rate in force was taken (UK: 30 June / 31 December; EU: 1 January /
    /// 1 July; CN: the breach or each change; US: the day after the due date).
    pub observed_on: NaiveDate,
    /// None when the table does not reach `observed_on`.
    pub rate: Option<Decimal>,
    /// The day the value read took effect: for the LPR its publication date, for a half-yearly
    /// table the half-year's first day, for a user-entered value its first day. None when
    /// `rate` is None.
    pub published_on: Option<NaiveDate>,
    /// Built in, or typed in by the user (with the source they named).
    pub origin: RateOrigin,
    pub adjustment: Adjustment,
}

/// How a rule turns a reference rate into the rate applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adjustment {
    /// Applied as it is (US Treasury rate).
    None,
    /// Plus this many percentage points (UK +8, EU +8, DE +9, FR +10).
    PlusPoints(Decimal),
    /// Times this (CN sale contracts: × 1.3 to 1.5; the LPR rule: any positive multiplier).
    Times(Decimal),
    /// Plus this many basis points (the LPR rule: "LPR + 100个基点").
    PlusBasisPoints(Decimal),
}

/// A one-off sum charged per overdue invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChargeFee {
    pub kind: FeeKind,
    /// Unrounded (a percentage fee may have more decimals); the charge rounds the sum.
    pub amount: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeeKind {
    /// The contract's fixed fee per overdue invoice.
    ContractFixed,
    /// The contract's one-off percentage of the principal.
    ContractPercent { percent: Decimal },
    /// The rule's statutory fixed sum (UK £40/£70/£100, EU/DE/FR €40).
    Statutory { rule: RuleKind },
}

/// Something to check before relying on the figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChargeWarning {
    /// The table has no rate for `rate_date`, so `from`–`to` carry no interest.
    RateUnknown {
        table: RateTable,
        rate_date: NaiveDate,
        from: NaiveDate,
        to: NaiveDate,
        /// True when the rate floats, so that every day of `from`–`to` needs its own fixing
        /// (a floating LPR); false when the one rate of `rate_date` is all that is missing.
        floating: bool,
    },
    /// The rule is defined in `rule_currency` but the invoice is in another; the amounts were
    /// computed as if in the invoice's currency.
    CurrencyMismatch {
        rule_currency: &'static str,
        invoice_currency: String,
    },
    /// SME regulation: the agreed rate (annualised) is below the 1-year LPR at contract time,
    /// which the regulation does not allow.
    CnAgreedRateBelowLpr {
        agreed_annual_percent: Decimal,
        lpr_percent: Decimal,
        contract_date: NaiveDate,
    },
    /// SME regulation: an agreed rate was given without the contract date, so it cannot be
    /// checked against the LPR.
    CnContractDateMissing,
    /// SME regulation: the LPR table does not reach the contract date (the LPR exists from
    /// 2019-08-20), so the agreed rate could not be checked.
    CnLprUnknownOnContractDate { contract_date: NaiveDate },
    /// The sale-contract multiplier must be 1.3–1.5; `used` is the nearest allowed value.
    MultiplierOutOfRange { given: Decimal, used: Decimal },
    /// A setting had an impossible value and was ignored (taken as zero / not set).
    InvalidSetting(Setting),
    /// A date outside 1900–2200.
    DateOutOfRange,
    /// The LPR rule's start date is outside 1900–2200; the day after the due date was used.
    LprStartOutOfRange { given: NaiveDate },
    /// A principal above [`MAX_PRINCIPAL`].
    AmountTooLarge,
    /// The arithmetic went beyond what can be represented (absurd rates); nothing was charged.
    Overflow,
}

/// The setting a [`ChargeWarning::InvalidSetting`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    FixedFee,
    PercentFee,
    Rate,
    CapAmount,
    CapPercent,
    GraceDays,
    CnAgreedRate,
    /// The LPR rule's multiplier (must be above zero).
    LprMultiplier,
    /// The LPR rule's margin (−1,000 to 10,000 basis points).
    LprMargin,
}

/// Something the reader of the figure should know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChargeNotice {
    /// Who the rule applies to and what it leaves out. Always present for a statutory rule; for
    /// the SME regulation this is the notice that it applies only where an SME is owed by a
    /// large enterprise or a public body.
    Scope(RuleKind),
    /// The end date is on or before the due date: nothing is due.
    NotOverdue,
    /// Still within the grace period, which ends on `ends`.
    WithinGrace { ends: NaiveDate },
    /// Nothing outstanding (zero or a credit).
    NothingOwed,
    /// The contract's cap bound: the charge would otherwise have been `uncapped`.
    CapApplied { uncapped: Decimal, cap: Decimal },
    /// SME regulation: its 0.05 % a day applies only from 2020-09-01; `from`–`to` carry none.
    CnSmeNotBefore20200901 { from: NaiveDate, to: NaiveDate },
    /// Sale contract breached before 2019-08-20: the PBOC benchmark rate replaces the LPR.
    CnBenchmarkBeforeLpr,
    /// The LPR rule: interest starts on `start` (a date the user gave), after the end date,
    /// so nothing is due yet.
    LprStartsAfterEnd { start: NaiveDate },
    /// LPR rule: a day before 2019-08-20 has no LPR; those days carry no interest under this
    /// rule (the sale-contract rule uses the PBOC benchmark instead).
    LprNotBefore20190820 { from: NaiveDate, to: NaiveDate },
    /// A user-entered reference rate was used in the breakdown (once per entry).
    UserRateUsed {
        table: RateTable,
        percent: Decimal,
        in_force_from: NaiveDate,
        source: String,
    },
    /// Prompt Payment Act: interest stops accruing one year after the due date.
    UsOneYearLimit { last_day: NaiveDate },
    /// Prompt Payment Act: a penalty under $1 need not be paid.
    UsUnderOneDollar,
    /// §288 BGB: obligations from before 29 July 2014 carry 8 points, not 9 (taken from the due
    /// date, the latest the obligation can have arisen).
    DeEightPointsBefore2014,
}

// ---------------------------------------------------------------------------------------------
// Computation
// ---------------------------------------------------------------------------------------------

/// The late charge of one invoice of `customer`, under the customer's rule or the workspace's.
pub fn compute(settings: &ChargeSettings, customer: &str, input: &ChargeInput) -> Charge {
    compute_with_rates(settings.params_for(customer), &settings.user_rates, input)
}

/// The late charge of one invoice under one set of parameters, with the built-in rate tables
/// only.
pub fn compute_with(params: &ChargeRuleParams, input: &ChargeInput) -> Charge {
    compute_with_rates(params, &[], input)
}

/// The late charge of one invoice under one set of parameters, with the built-in tables and
/// the user's own rates for the dates the tables do not reach (or, where an entry says so,
/// in their place). Invalid entries are never used (see [`sanitize_user_rates`]).
pub fn compute_with_rates(
    params: &ChargeRuleParams,
    user_rates: &[UserRate],
    input: &ChargeInput,
) -> Charge {
    let rule = params.rule;
    let mut charge = Charge::nothing(rule, input.currency, params.rounding);
    if rule == RuleKind::None {
        return charge;
    }
    if rule.is_statutory() {
        charge.notices.push(ChargeNotice::Scope(rule));
    }
    let dates = [Some(input.due_date), input.paid_date, Some(input.as_of)];
    if dates
        .iter()
        .flatten()
        .any(|d| !(1900..=2200).contains(&d.year()))
    {
        charge.warnings.push(ChargeWarning::DateOutOfRange);
        return charge;
    }
    if input.principal <= Decimal::ZERO {
        charge.notices.push(ChargeNotice::NothingOwed);
        return charge;
    }
    if input.principal > MAX_PRINCIPAL {
        charge.warnings.push(ChargeWarning::AmountTooLarge);
        return charge;
    }
    if let Some(rule_currency) = rule.currency() {
        if !rule_currency.eq_ignore_ascii_case(input.currency.trim()) {
            charge.warnings.push(ChargeWarning::CurrencyMismatch {
                rule_currency,
                invoice_currency: input.currency.to_string(),
            });
        }
    }
    let Some((first, last)) = interest_days(params, input, &mut charge) else {
        return charge;
    };
    let rates = user_rates::Rates::new(user_rates);
    let outcome = rules::apply(
        params,
        &rates,
        &rules::Span {
            principal: input.principal,
            due: input.due_date,
            first,
            last,
        },
    );
    let Some(outcome) = outcome else {
        charge.warnings.push(ChargeWarning::Overflow);
        return charge;
    };
    charge.warnings.extend(outcome.warnings);
    charge.notices.extend(outcome.notices);
    let Some((interest, fixed)) = totals_of(&outcome.periods, &outcome.fees) else {
        charge.warnings.push(ChargeWarning::Overflow);
        return charge;
    };
    let days = (outcome.last_day - first).num_days() + 1;
    if days > 0 {
        charge.first_day = Some(first);
        charge.last_day = Some(outcome.last_day);
        charge.days = days;
    }
    charge.periods = outcome.periods;
    charge.fees = outcome.fees;
    charge.interest = interest;
    charge.fixed = fixed;
    if rule == RuleKind::UsPromptPayment
        && interest > Decimal::ZERO
        && interest < Decimal::ONE
        && charge.is_complete()
    {
        charge.notices.push(ChargeNotice::UsUnderOneDollar);
    }
    if rule == RuleKind::Contract {
        apply_cap(params, input.principal, &mut charge);
    }
    match charge.interest.checked_add(charge.fixed) {
        Some(total) => charge.total = total,
        None => {
            charge.warnings.push(ChargeWarning::Overflow);
            charge.interest = Decimal::ZERO;
            charge.fixed = Decimal::ZERO;
        }
    }
    charge
}

/// The first and last interest day, or None (with the notice saying why) when nothing is due.
/// The last day may be the day before the first: late, but no day carries interest (paid the
/// day after the due date under [`DayCount::ExcludeEnd`]); one-off fees are then still due.
fn interest_days(
    params: &ChargeRuleParams,
    input: &ChargeInput,
    charge: &mut Charge,
) -> Option<(NaiveDate, NaiveDate)> {
    let rule = params.rule;
    let due = input.due_date;
    let end = input
        .paid_date
        .map_or(input.as_of, |paid| paid.min(input.as_of));
    // Paid on the due date is paid on time, whatever the day count.
    if end <= due {
        charge.notices.push(ChargeNotice::NotOverdue);
        return None;
    }
    let day_count = if rule.uses_day_count() {
        params.day_count
    } else {
        DayCount::AfterDue
    };
    if rule == RuleKind::CnLpr {
        return lpr::interest_days(params, due, end, charge);
    }
    let mut grace = if rule == RuleKind::Contract {
        params.grace_days
    } else {
        0
    };
    if grace > MAX_GRACE_DAYS {
        charge
            .warnings
            .push(ChargeWarning::InvalidSetting(Setting::GraceDays));
        grace = 0;
    }
    // Dates are within 1900–2200 here, so none of these steps can leave chrono's range.
    let first = if grace > 0 {
        let grace_ends = due.checked_add_days(Days::new(u64::from(grace)))?;
        if end <= grace_ends {
            charge
                .notices
                .push(ChargeNotice::WithinGrace { ends: grace_ends });
            return None;
        }
        grace_ends.succ_opt()?
    } else if day_count == DayCount::IncludeDue {
        due
    } else {
        due.succ_opt()?
    };
    let last = if day_count == DayCount::ExcludeEnd {
        end.pred_opt()?
    } else {
        end
    };
    Some((first, last))
}

/// Rounded interest and fixed sums.
fn totals_of(periods: &[ChargePeriod], fees: &[ChargeFee]) -> Option<(Decimal, Decimal)> {
    let mut interest = Decimal::ZERO;
    for period in periods {
        interest = interest.checked_add(period.interest)?;
    }
    let mut fixed = Decimal::ZERO;
    for fee in fees {
        fixed = fixed.checked_add(fee.amount)?;
    }
    Some((round_cents(interest), round_cents(fixed)))
}

/// Caps the contract charge: the lower of the cap amount and the cap percentage of the
/// principal. The interest is reduced first, then the fees, so that `interest + fixed` is the
/// cap.
fn apply_cap(params: &ChargeRuleParams, principal: Decimal, charge: &mut Charge) {
    let mut caps = Vec::new();
    if let Some(amount) = params.cap_amount {
        if amount < Decimal::ZERO {
            charge
                .warnings
                .push(ChargeWarning::InvalidSetting(Setting::CapAmount));
        } else {
            caps.push(round_cents(amount));
        }
    }
    if let Some(percent) = params.cap_percent {
        match principal
            .checked_mul(percent)
            .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
        {
            Some(cap) if percent >= Decimal::ZERO => caps.push(round_cents(cap)),
            _ => charge
                .warnings
                .push(ChargeWarning::InvalidSetting(Setting::CapPercent)),
        }
    }
    let Some(cap) = caps.into_iter().min() else {
        return;
    };
    let Some(uncapped) = charge.interest.checked_add(charge.fixed) else {
        return;
    };
    if uncapped <= cap {
        return;
    }
    // Both are ≥ 0 and their sum exceeds cap ≥ 0, so none of these can go negative.
    let excess = uncapped - cap;
    let from_interest = excess.min(charge.interest);
    charge.interest -= from_interest;
    charge.fixed -= excess - from_interest;
    charge
        .notices
        .push(ChargeNotice::CapApplied { uncapped, cap });
}

// ---------------------------------------------------------------------------------------------
// Totals
// ---------------------------------------------------------------------------------------------

/// Late charges added up for one customer in one currency, or for one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChargeTotal {
    /// None for a per-currency total.
    pub customer: Option<String>,
    pub currency: String,
    pub interest: Decimal,
    pub fixed: Decimal,
    pub total: Decimal,
    /// Invoices with a charge above zero.
    pub charged: usize,
    /// Invoices whose charge is incomplete (a rate was unknown).
    pub incomplete: usize,
}

impl ChargeTotal {
    fn new(customer: Option<&str>, currency: &str) -> ChargeTotal {
        ChargeTotal {
            customer: customer.map(str::to_string),
            currency: currency.to_string(),
            interest: Decimal::ZERO,
            fixed: Decimal::ZERO,
            total: Decimal::ZERO,
            charged: 0,
            incomplete: 0,
        }
    }

    fn add(&mut self, charge: &Charge) {
        // Sums of the rounded per-invoice figures, so the totals match the lines shown.
        // Saturating: a sum beyond Decimal's range is absurd, but must not panic.
        let add = |a: Decimal, b: Decimal| a.checked_add(b).unwrap_or(Decimal::MAX);
        self.interest = add(self.interest, charge.interest);
        self.fixed = add(self.fixed, charge.fixed);
        self.total = add(self.total, charge.total);
        if charge.total > Decimal::ZERO {
            self.charged += 1;
        }
        if !charge.is_complete() {
            self.incomplete += 1;
        }
    }
}

/// Per customer (by customer, then currency) and per currency (alphabetically). Currencies are
/// never added together.
pub fn charge_totals<'a>(
    charges: impl IntoIterator<Item = (&'a str, &'a Charge)>,
) -> (Vec<ChargeTotal>, Vec<ChargeTotal>) {
    let mut customers: BTreeMap<(&str, &str), ChargeTotal> = BTreeMap::new();
    let mut currencies: BTreeMap<&str, ChargeTotal> = BTreeMap::new();
    for (customer, charge) in charges {
        let currency = charge.currency.as_str();
        customers
            .entry((customer, currency))
            .or_insert_with(|| ChargeTotal::new(Some(customer), currency))
            .add(charge);
        currencies
            .entry(currency)
            .or_insert_with(|| ChargeTotal::new(None, currency))
            .add(charge);
    }
    (
        customers.into_values().collect(),
        currencies.into_values().collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn date(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn input(principal: &str, due: NaiveDate, paid: Option<NaiveDate>) -> ChargeInput<'static> {
        ChargeInput {
            principal: d(principal),
            currency: "CNY",
            due_date: due,
            paid_date: paid,
            as_of: date(2025, 12, 31),
        }
    }

    #[test]
    fn max_principal_is_one_quadrillion() {
        assert_eq!(MAX_PRINCIPAL, d("1000000000000000"));
    }

    #[test]
    fn keys_round_trip() {
        for rule in RuleKind::ALL {
            assert_eq!(RuleKind::from_key(rule.key()), Some(rule));
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(json, format!("\"{}\"", rule.key()));
        }
        for unit in RateUnit::ALL {
            assert_eq!(RateUnit::from_key(unit.key()), Some(unit));
        }
        for basis in DayBasis::ALL {
            assert_eq!(DayBasis::from_key(basis.key()), Some(basis));
        }
        for count in DayCount::ALL {
            assert_eq!(DayCount::from_key(count.key()), Some(count));
        }
        assert_eq!(RuleKind::from_key("nope"), None);
    }

    #[test]
    fn the_day_count_options_move_the_first_or_last_day() {
        let mut params = ChargeRuleParams::new(RuleKind::Contract);
        params.rate = d("36.5");
        let due = date(2025, 3, 1);
        let paid = Some(date(2025, 3, 11));
        let days = |params: &ChargeRuleParams| compute_with(params, &input("1000", due, paid)).days;
        assert_eq!(days(&params), 10);
        params.day_count = DayCount::IncludeDue;
        assert_eq!(days(&params), 11);
        params.day_count = DayCount::ExcludeEnd;
        assert_eq!(days(&params), 9);
        // Paid on the due date: nothing, whatever the count.
        for count in DayCount::ALL {
            params.day_count = count;
            let charge = compute_with(&params, &input("1000", due, Some(due)));
            assert_eq!(charge.total, Decimal::ZERO, "{count:?}");
            assert!(charge.notices.contains(&ChargeNotice::NotOverdue));
        }
    }

    #[test]
    fn the_cap_takes_interest_first() {
        let mut params = ChargeRuleParams::new(RuleKind::Contract);
        params.fixed_fee = d("50");
        params.rate = d("36.5");
        params.cap_amount = Some(d("60"));
        // 1000 × 36.5% × 100/365 = 100 interest + 50 fee = 150 → 60.
        let charge = compute_with(
            &params,
            &input("1000", date(2025, 1, 1), Some(date(2025, 4, 11))),
        );
        assert_eq!((charge.interest, charge.fixed), (d("10"), d("50")));
        assert_eq!(charge.total, d("60"));
        params.cap_amount = Some(d("30"));
        let charge = compute_with(
            &params,
            &input("1000", date(2025, 1, 1), Some(date(2025, 4, 11))),
        );
        assert_eq!(
            (charge.interest, charge.fixed, charge.total),
            (d("0"), d("30"), d("30"))
        );
    }

    #[test]
    fn totals_per_customer_and_currency_keep_currencies_apart() {
        let params = {
            let mut p = ChargeRuleParams::new(RuleKind::Contract);
            p.fixed_fee = d("10");
            p
        };
        let mk = |currency: &'static str| {
            compute_with(
                &params,
                &ChargeInput {
                    principal: d("100"),
                    currency,
                    due_date: date(2025, 1, 1),
                    paid_date: None,
                    as_of: date(2025, 2, 1),
                },
            )
        };
        let (a, b, c) = (mk("CNY"), mk("USD"), mk("CNY"));
        let (customers, currencies) = charge_totals([("A", &a), ("A", &b), ("B", &c)]);
        assert_eq!(customers.len(), 3);
        assert_eq!(currencies.len(), 2);
        assert_eq!(currencies[0].currency, "CNY");
        assert_eq!(currencies[0].total, d("20"));
        assert_eq!(currencies[0].charged, 2);
        assert_eq!(customers[0].customer.as_deref(), Some("A"));
    }
}
