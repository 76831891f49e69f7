//! The choices a late-charge rule is made of: which rule, the unit of a rate, the day basis,
//! fixed or floating LPR, which days count, when to round. Each has a stable key (its serde
//! form and `<select>` value).

use serde::{Deserialize, Serialize};

use super::RateTable;

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

    /// Whether [`super::ChargeRuleParams::day_count`] applies (where practice differs: contracts and
    /// Chinese court practice). The other rules always count from the day after the due date
    /// through the end date. The LPR rule has its own start date and end-day choice
    /// ([`super::ChargeRuleParams::lpr_start`], [`super::ChargeRuleParams::lpr_both_ends`]).
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
