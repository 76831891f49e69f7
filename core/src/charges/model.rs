//! What goes into a late charge (`ChargeInput`, one invoice) and what comes out (`Charge`, its
//! periods, reference rates and fees), with the export's cells.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{
    ChargeNotice, ChargeWarning, DayBasis, RateOrigin, RateTable, RateUnit, Rounding, RuleKind,
};
use crate::money::{format_plain, Currency};
use crate::paste::Invoice;

/// The export's extra columns, in order.
pub const CSV_COLUMNS: [&str; 4] = [
    "late_interest",
    "fixed_compensation",
    "late_charge",
    "charge_rule",
];

/// The same columns with Chinese headers.
pub const CSV_COLUMNS_ZH: [&str; 4] = ["逾期利息", "固定补偿", "逾期费用合计", "计费规则"];

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
    pub currency: Currency,
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
    pub(super) fn nothing(rule: RuleKind, currency: &str, rounding: Rounding) -> Charge {
        Charge {
            rule,
            currency: Currency::from(currency),
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
