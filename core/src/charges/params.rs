//! A rule's parameters (`ChargeRuleParams`) and the workspace's late-charge settings
//! (`ChargeSettings`: the workspace rule, per-customer overrides and the user's own rates).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    sanitize_user_rates, DayBasis, DayCount, LprMode, LprSpread, RateUnit, Rounding, RuleKind,
    UserRate, UserRateProblem,
};

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
