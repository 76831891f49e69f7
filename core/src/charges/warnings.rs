//! What a charge says besides its figure: warnings (something to check before relying on it)
//! and notices (something the reader should know). Their wording is in `explain.rs`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{RateTable, RuleKind};
use crate::money::Currency;

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
        invoice_currency: Currency,
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
    /// A principal above [`super::MAX_PRINCIPAL`].
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
