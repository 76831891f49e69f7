//! The playbook's editable rules: stage thresholds, deadlines, limitation, costs. Stored in the
//! workspace as `settings.playbook`; every field has a default, so a stored workspace that
//! lacks one (or all) still loads.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::aging::STAGE_EDGES;
use crate::calendar::Calendar;

use super::jurisdiction::Jurisdiction;
use super::vocabulary::{CollectionAction, Stage};

/// Longest span, in days, any setting is allowed to mean (100 years). A typo such as
/// `4000000000` stays a harmless "never" instead of an overflow or a long loop.
pub(crate) const MAX_DAYS: i64 = 36_500;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaybookSettings {
    /// Days before the due date the courtesy reminder goes out (0: on the due date).
    pub courtesy_lead_days: u32,
    /// Last day past due of each stage: friendly reminder, formal notice, pre-legal,
    /// escalation; after the last comes bad-debt risk. Same defaults as the aging stages.
    pub friendly_until_days: u32,
    pub formal_until_days: u32,
    pub pre_legal_until_days: u32,
    pub escalate_until_days: u32,
    /// The payment deadline the formal notice gives.
    pub payment_deadline_days: u32,
    /// Phone the customer's payables contact when the formal notice has had no answer after
    /// this many days.
    pub call_after_days: u32,
    /// Once every step of a stage is done, look at the account again after this many days if
    /// the next stage is further away.
    pub review_every_days: u32,
    /// Whether receivables are credit-insured (e.g. with Sinosure 中国信保).
    pub credit_insured: bool,
    /// The insurer must be told of an unpaid invoice by this many days past due (check the
    /// policy: it differs between insurers and policies).
    pub insurer_notice_days: u32,
    /// Start recommending the insurer notice this many days before its deadline.
    pub insurer_warn_days: u32,
    /// Dispute track: acknowledge within this many working days of the dispute.
    pub dispute_ack_working_days: u32,
    /// Dispute track: the customer has this many working days to give written evidence…
    pub dispute_evidence_working_days: u32,
    /// …or this many hours for a quality claim.
    pub quality_evidence_hours: u32,
    pub limitation: LimitationSettings,
    /// Cost of collecting one customer's debt, per currency code (agency or lawyer fees,
    /// court fees): compared with what can be recovered. Missing currency: the estimate in
    /// [`DEFAULT_COLLECTION_COSTS`], else [`DEFAULT_COST_PERCENT_UNLISTED`] of the amount.
    pub collection_cost_fixed: BTreeMap<String, Decimal>,
    /// Cost of collection as a percentage of the amount recovered (an agency's commission).
    pub collection_cost_percent: Decimal,
    /// Overdue share of a customer's open amount, in percent, that adds to its risk score.
    pub risk_share_percent: Decimal,
    /// The window of credit sales DSO is measured against.
    pub dso_period_days: u32,
    /// Actions the user never wants recommended (e.g. a company that does not put accounts
    /// on hold).
    pub disabled_actions: Vec<CollectionAction>,
    /// The working-day calendar the dispute deadlines count with: resolved by
    /// [`crate::report::derive`] from `settings.calendar` (the user's choice, stored there),
    /// so never stored here. Weekends only until then.
    #[serde(skip)]
    pub working_days: Calendar,
}

impl Default for PlaybookSettings {
    fn default() -> Self {
        PlaybookSettings {
            courtesy_lead_days: 3,
            friendly_until_days: STAGE_EDGES[0],
            formal_until_days: STAGE_EDGES[1],
            pre_legal_until_days: STAGE_EDGES[2],
            escalate_until_days: STAGE_EDGES[3],
            payment_deadline_days: 7,
            call_after_days: 7,
            review_every_days: 14,
            credit_insured: false,
            insurer_notice_days: 60,
            insurer_warn_days: 14,
            dispute_ack_working_days: 1,
            dispute_evidence_working_days: 3,
            quality_evidence_hours: 72,
            limitation: LimitationSettings::default(),
            collection_cost_fixed: BTreeMap::new(),
            collection_cost_percent: Decimal::ZERO,
            risk_share_percent: Decimal::from(50),
            dso_period_days: 90,
            disabled_actions: Vec::new(),
            working_days: Calendar::default(),
        }
    }
}

/// The fixed cost of collection assumed while the user has set none, per currency: round
/// figures for a lawyer's demand letter and a first-instance claim over a small commercial
/// debt (a fixed-fee lawyer plus the court's filing fee). An assumption, said as one on the
/// page: a cost of 0 would make every overdue invoice "worth pursuing" in court.
pub const DEFAULT_COLLECTION_COSTS: [(&str, i64); 8] = [
    ("CNY", 5_000),
    ("HKD", 8_000),
    ("USD", 1_500),
    ("EUR", 1_200),
    ("GBP", 1_000),
    ("SGD", 2_000),
    ("JPY", 200_000),
    ("AUD", 2_000),
];

/// For a currency with neither the user's cost nor a listed estimate: a collection agency's
/// contingency commission (typically 15–30 % of what it recovers), taken at the middle.
pub const DEFAULT_COST_PERCENT_UNLISTED: i64 = 20;

impl PlaybookSettings {
    /// The stage thresholds, made consistent: each at least the one before (an equal one
    /// leaves that stage empty), whatever the user typed.
    pub fn ladder(&self) -> Ladder {
        let friendly = i64::from(self.friendly_until_days).min(MAX_DAYS);
        let formal = i64::from(self.formal_until_days).clamp(friendly, MAX_DAYS);
        let pre_legal = i64::from(self.pre_legal_until_days).clamp(formal, MAX_DAYS);
        let escalate = i64::from(self.escalate_until_days).clamp(pre_legal, MAX_DAYS);
        Ladder {
            lead: days(self.courtesy_lead_days),
            ends: [friendly, formal, pre_legal, escalate],
        }
    }

    pub fn is_enabled(&self, action: CollectionAction) -> bool {
        !self.disabled_actions.contains(&action)
    }

    /// The fixed cost of collection in `currency`: the user's, else the listed estimate
    /// (`estimated` true), else none (and [`Self::collection_cost_percent_for`] estimates).
    pub fn collection_cost_for(&self, currency: &str) -> Decimal {
        self.collection_cost_fixed
            .get(currency)
            .copied()
            .or_else(|| default_collection_cost(currency))
            .unwrap_or_default()
            .max(Decimal::ZERO)
    }

    /// The percentage of the recoverable amount that collecting costs in `currency`: the
    /// user's when set (non-zero) or when a fixed cost is known; else the agency estimate.
    pub fn collection_cost_percent_for(&self, currency: &str) -> Decimal {
        let known_fixed = self.collection_cost_fixed.contains_key(currency)
            || default_collection_cost(currency).is_some();
        if self.collection_cost_percent > Decimal::ZERO || known_fixed {
            self.collection_cost_percent
        } else {
            Decimal::from(DEFAULT_COST_PERCENT_UNLISTED)
        }
    }

    /// True when the cost of collection in `currency` rests on the page's assumption (the
    /// user gave no fixed cost for it), so the page says so.
    pub fn collection_cost_is_estimate(&self, currency: &str) -> bool {
        !self.collection_cost_fixed.contains_key(currency)
    }
}

/// The listed estimate for `currency` (see [`DEFAULT_COLLECTION_COSTS`]).
pub fn default_collection_cost(currency: &str) -> Option<Decimal> {
    DEFAULT_COLLECTION_COSTS
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(currency))
        .map(|(_, amount)| Decimal::from(*amount))
}

/// A setting in days as an `i64`, never beyond [`MAX_DAYS`].
pub(crate) fn days(value: u32) -> i64 {
    i64::from(value).min(MAX_DAYS)
}

/// Stage boundaries in (effective) days past due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ladder {
    /// Courtesy lead: the before-due stage starts `lead` days before the due date.
    pub lead: i64,
    /// Last day of friendly, formal, pre-legal and escalate.
    pub ends: [i64; 4],
}

impl Ladder {
    /// The stage of an invoice `days` past due (negative: not yet due; 0: due today).
    pub fn stage(&self, days: i64) -> Stage {
        let [friendly, formal, pre_legal, escalate] = self.ends;
        if days < -self.lead {
            Stage::Current
        } else if days <= 0 {
            Stage::BeforeDue
        } else if days <= friendly {
            Stage::Friendly
        } else if days <= formal {
            Stage::Formal
        } else if days <= pre_legal {
            Stage::PreLegal
        } else if days <= escalate {
            Stage::Escalate
        } else {
            Stage::BadDebt
        }
    }

    /// First day (past due) of a ladder stage; `None` for stages that are not on the ladder
    /// or have no start (not yet due).
    pub fn first_day(&self, stage: Stage) -> Option<i64> {
        let [friendly, formal, pre_legal, escalate] = self.ends;
        match stage {
            Stage::BeforeDue => Some(-self.lead),
            Stage::Friendly => Some(1),
            Stage::Formal => Some(friendly + 1),
            Stage::PreLegal => Some(formal + 1),
            Stage::Escalate => Some(pre_legal + 1),
            Stage::BadDebt => Some(escalate + 1),
            Stage::Current | Stage::Closed | Stage::Disputed => None,
        }
    }

    /// Last day of a ladder stage; `None` for the open-ended last one and off-ladder stages.
    pub fn last_day(&self, stage: Stage) -> Option<i64> {
        let [friendly, formal, pre_legal, escalate] = self.ends;
        match stage {
            Stage::Current => Some(-self.lead - 1),
            Stage::BeforeDue => Some(0),
            Stage::Friendly => Some(friendly),
            Stage::Formal => Some(formal),
            Stage::PreLegal => Some(pre_legal),
            Stage::Escalate => Some(escalate),
            Stage::BadDebt | Stage::Closed | Stage::Disputed => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LimitationSettings {
    pub jurisdiction: Jurisdiction,
    /// `None`: the jurisdiction's statutory period.
    pub years: Option<u32>,
    /// Warn this many days before the period ends.
    pub warn_days: u32,
}

impl Default for LimitationSettings {
    fn default() -> Self {
        LimitationSettings {
            jurisdiction: Jurisdiction::Prc,
            years: None,
            warn_days: 90,
        }
    }
}

impl LimitationSettings {
    pub fn effective_years(&self) -> u32 {
        self.years
            .unwrap_or_else(|| self.jurisdiction.default_years())
            .min(100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ladder_matches_the_issue() {
        let ladder = PlaybookSettings::default().ladder();
        let cases = [
            (-4, Stage::Current),
            (-3, Stage::BeforeDue),
            (0, Stage::BeforeDue),
            (1, Stage::Friendly),
            (15, Stage::Friendly),
            (16, Stage::Formal),
            (30, Stage::Formal),
            (31, Stage::PreLegal),
            (60, Stage::PreLegal),
            (61, Stage::Escalate),
            (90, Stage::Escalate),
            (91, Stage::BadDebt),
        ];
        for (days, stage) in cases {
            assert_eq!(ladder.stage(days), stage, "{days}");
        }
        assert_eq!(ladder.first_day(Stage::PreLegal), Some(31));
        assert_eq!(ladder.last_day(Stage::PreLegal), Some(60));
    }

    #[test]
    fn out_of_order_thresholds_leave_stages_empty_instead_of_failing() {
        let settings = PlaybookSettings {
            friendly_until_days: 40,
            formal_until_days: 20,
            pre_legal_until_days: u32::MAX,
            ..Default::default()
        };
        let ladder = settings.ladder();
        assert_eq!(ladder.stage(40), Stage::Friendly);
        assert_eq!(ladder.stage(41), Stage::PreLegal, "formal is empty");
        assert_eq!(ladder.stage(MAX_DAYS + 1), Stage::BadDebt);
    }

    #[test]
    fn settings_load_from_partial_json_with_stable_names() {
        let settings: PlaybookSettings = serde_json::from_str(
            r#"{"formal_until_days":45,"limitation":{"jurisdiction":"hong_kong"}}"#,
        )
        .unwrap();
        assert_eq!(settings.formal_until_days, 45);
        assert_eq!(settings.limitation.effective_years(), 6);
        assert_eq!(settings.limitation.warn_days, 90);
        assert_eq!(settings.courtesy_lead_days, 3);
        let json = serde_json::to_string(&PlaybookSettings::default()).unwrap();
        for name in [
            "courtesy_lead_days",
            "friendly_until_days",
            "payment_deadline_days",
            "insurer_notice_days",
            "collection_cost_fixed",
            r#""jurisdiction":"prc""#,
        ] {
            assert!(json.contains(name), "{name} in {json}");
        }
        let back: PlaybookSettings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, PlaybookSettings::default());
    }
}
