//! The LPR rule (`cn-lpr`, issue 21): interest on the 1-year Loan Prime Rate as Chinese
//! contracts and judgments word it.
//!
//! - "按同期全国银行间同业拆借中心公布的一年期贷款市场报价利率计算": LPR × 1, floating;
//! - "LPR的1.5倍" / "上浮50%" / "加计50%": × 1.5; "LPR + 100个基点": plus 1 point;
//! - fixed at the first interest day (the breach), or floating: each day takes the LPR in
//!   force, which changes on its publication day;
//! - /360 or /365; both the first and the last day counted, or the last left out;
//! - from the day after the due date, or from a date the user gives (the demand, filing).
//!
//! Unlike the sale-contract rule the multiplier is not forced into 1.3–1.5: a court's LPR × 1
//! or a contract's × 2 are both what the user must be able to reproduce.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::explain::format_percent;
use super::rates::RateTable;
use super::rules::{floating_segments, push_periods, reference_segment, Outcome, Span};
use super::user_rates::Rates;
use super::{
    Adjustment, Charge, ChargeNotice, ChargeRuleParams, ChargeWarning, DayBasis, LprMode, RateUnit,
    Setting,
};
use crate::dates::iso;
use crate::i18n::Lang;

/// How the rate is built from the LPR.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LprSpread {
    /// LPR × [`ChargeRuleParams::lpr_multiplier`].
    #[default]
    #[serde(rename = "times")]
    Times,
    /// LPR + [`ChargeRuleParams::lpr_margin_bps`] basis points.
    #[serde(rename = "plus-bps")]
    PlusBasisPoints,
}

impl LprSpread {
    pub const ALL: [LprSpread; 2] = [LprSpread::Times, LprSpread::PlusBasisPoints];

    pub fn key(self) -> &'static str {
        match self {
            LprSpread::Times => "times",
            LprSpread::PlusBasisPoints => "plus-bps",
        }
    }

    pub fn from_key(key: &str) -> Option<LprSpread> {
        LprSpread::ALL.into_iter().find(|s| s.key() == key.trim())
    }
}

/// A margin outside this many basis points (−10 to +100 points) is refused.
const MIN_MARGIN_BPS: i64 = -1_000;
const MAX_MARGIN_BPS: i64 = 10_000;

/// The first LPR publication; no day before it has an LPR.
fn lpr_start_day() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2019, 8, 20)
}

/// The LPR rule's first and last interest day: from its start date (the day after the due
/// date unless one is given) through the end date, or to the day before it when only one end
/// is counted. None (with a notice) when nothing is due.
pub(super) fn interest_days(
    params: &ChargeRuleParams,
    due: NaiveDate,
    end: NaiveDate,
    charge: &mut Charge,
) -> Option<(NaiveDate, NaiveDate)> {
    let day_after_due = due.succ_opt()?;
    let first = match params.lpr_start {
        Some(start) if (1900..=2200).contains(&start.year()) => start,
        Some(given) => {
            charge
                .warnings
                .push(ChargeWarning::LprStartOutOfRange { given });
            day_after_due
        }
        None => day_after_due,
    };
    let last = if params.lpr_both_ends {
        end
    } else {
        end.pred_opt()?
    };
    if first > end {
        charge
            .notices
            .push(ChargeNotice::LprStartsAfterEnd { start: first });
        return None;
    }
    Some((first, last))
}

/// The adjustment the settings ask for, or None (with a warning) when it is impossible.
fn adjustment(params: &ChargeRuleParams, warnings: &mut Vec<ChargeWarning>) -> Option<Adjustment> {
    match params.lpr_spread {
        LprSpread::Times if params.lpr_multiplier > Decimal::ZERO => {
            Some(Adjustment::Times(params.lpr_multiplier.normalize()))
        }
        LprSpread::Times => {
            warnings.push(ChargeWarning::InvalidSetting(Setting::LprMultiplier));
            None
        }
        LprSpread::PlusBasisPoints
            if (Decimal::from(MIN_MARGIN_BPS)..=Decimal::from(MAX_MARGIN_BPS))
                .contains(&params.lpr_margin_bps) =>
        {
            Some(Adjustment::PlusBasisPoints(
                params.lpr_margin_bps.normalize(),
            ))
        }
        LprSpread::PlusBasisPoints => {
            warnings.push(ChargeWarning::InvalidSetting(Setting::LprMargin));
            None
        }
    }
}

pub(super) fn cn_lpr(params: &ChargeRuleParams, rates: &Rates, span: &Span) -> Option<Outcome> {
    let mut out = Outcome::new(span.last);
    let Some(adjustment) = adjustment(params, &mut out.warnings) else {
        return Some(out);
    };
    if span.first > span.last {
        return Some(out);
    }
    let lpr_from = lpr_start_day()?;
    if span.first < lpr_from {
        out.notices.push(ChargeNotice::LprNotBefore20190820 {
            from: span.first,
            to: span.last.min(lpr_from.pred_opt()?),
        });
    }
    let first = span.first.max(lpr_from);
    if first > span.last {
        return Some(out);
    }
    let table = RateTable::CnLpr1Year;
    let mut segments = match params.lpr_mode {
        LprMode::Fixed => vec![reference_segment(
            rates,
            table,
            (first, span.last),
            first,
            adjustment,
            false,
        )],
        LprMode::Floating => floating_segments(rates, table, first, span.last, adjustment)?,
    };
    // LPR minus a margin below zero: no negative interest.
    for segment in &mut segments {
        if segment.rate.is_some_and(|r| r < Decimal::ZERO) {
            segment.rate = Some(Decimal::ZERO);
        }
    }
    push_periods(
        &mut out,
        segments,
        span.principal,
        RateUnit::Year,
        params.lpr_day_basis,
        params.rounding,
    )?;
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

/// The basis in the contract's own words, for the letters: "按一年期LPR的1.5倍计算",
/// "按一年期LPR加100个基点计算", "at 1.5 times the 1-year LPR". Only for the LPR rule and the
/// sale-contract rule; None for the others.
pub fn basis_words(params: &ChargeRuleParams, lang: Lang) -> Option<String> {
    use super::RuleKind;
    let (spread, multiplier, bps) = match params.rule {
        RuleKind::CnLpr => (
            params.lpr_spread,
            params.lpr_multiplier,
            params.lpr_margin_bps,
        ),
        RuleKind::CnSaleLpr => (
            LprSpread::Times,
            params
                .cn_multiplier
                .clamp(Decimal::new(13, 1), Decimal::new(15, 1)),
            Decimal::ZERO,
        ),
        _ => return None,
    };
    let mode = if params.rule == RuleKind::CnLpr {
        params.lpr_mode
    } else {
        params.cn_lpr
    };
    let lpr = match (mode, lang) {
        (LprMode::Floating, Lang::Zh) => "同期一年期贷款市场报价利率（LPR）",
        (LprMode::Fixed, Lang::Zh) => "违约时一年期贷款市场报价利率（LPR）",
        (LprMode::Floating, Lang::En) => {
            "the 1-year Loan Prime Rate (LPR) in force over the period"
        }
        (LprMode::Fixed, Lang::En) => "the 1-year Loan Prime Rate (LPR) in force at the breach",
    };
    Some(match (spread, lang) {
        (LprSpread::Times, Lang::Zh) if multiplier == Decimal::ONE => format!("按{lpr}计算"),
        (LprSpread::Times, Lang::Zh) => format!("按{lpr}的{}倍计算", number(multiplier)),
        (LprSpread::Times, Lang::En) if multiplier == Decimal::ONE => format!("at {lpr}"),
        (LprSpread::Times, Lang::En) => format!("at {} times {lpr}", number(multiplier)),
        (LprSpread::PlusBasisPoints, Lang::Zh) if bps < Decimal::ZERO => {
            format!("按{lpr}减{}个基点计算", number(-bps))
        }
        (LprSpread::PlusBasisPoints, Lang::Zh) => format!("按{lpr}加{}个基点计算", number(bps)),
        (LprSpread::PlusBasisPoints, Lang::En) if bps < Decimal::ZERO => {
            format!("at {lpr} minus {} basis points", number(-bps))
        }
        (LprSpread::PlusBasisPoints, Lang::En) => {
            format!("at {lpr} plus {} basis points", number(bps))
        }
    })
}

/// The conventions of an LPR-rule figure, so that a user can lay it next to a judgment:
/// basis, fixed or floating, day basis, which days count, from when.
pub fn conventions(params: &ChargeRuleParams, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(basis) = basis_words(params, lang) {
        lines.push(basis);
    }
    let (mode, day_basis) = if params.rule == super::RuleKind::CnLpr {
        (params.lpr_mode, params.lpr_day_basis)
    } else {
        (params.cn_lpr, params.cn_day_basis)
    };
    lines.push(
        match (mode, lang) {
            (LprMode::Floating, Lang::Zh) => "LPR浮动：各期按当期公布日起适用的LPR计算",
            (LprMode::Fixed, Lang::Zh) => "LPR固定：按起息日适用的LPR计算全部期间",
            (LprMode::Floating, Lang::En) => {
                "Floating: each period at the LPR in force from its publication day"
            }
            (LprMode::Fixed, Lang::En) => {
                "Fixed: the LPR in force on the first interest day, for the whole period"
            }
        }
        .to_string(),
    );
    lines.push(day_basis_words(day_basis, lang).to_string());
    if params.rule == super::RuleKind::CnLpr {
        lines.push(
            match (params.lpr_both_ends, lang) {
                (true, Lang::Zh) => "算头算尾：起息日和截止日均计息",
                (false, Lang::Zh) => "算头不算尾：截止日不计息",
                (true, Lang::En) => "Both the first and the last day carry interest",
                (false, Lang::En) => "The first day carries interest, the last does not",
            }
            .to_string(),
        );
        lines.push(match (params.lpr_start, lang) {
            (Some(start), Lang::Zh) => format!("自{}起计息", iso(start)),
            (Some(start), Lang::En) => format!("Interest from {}", iso(start)),
            (None, Lang::Zh) => "自到期日次日起计息".to_string(),
            (None, Lang::En) => "Interest from the day after the due date".to_string(),
        });
    }
    lines
}

fn day_basis_words(basis: DayBasis, lang: Lang) -> &'static str {
    match (basis, lang) {
        (DayBasis::Days360, Lang::Zh) => "日利率 = 年利率 ÷ 360",
        (DayBasis::Days365, Lang::Zh) => "日利率 = 年利率 ÷ 365",
        (DayBasis::Days360, Lang::En) => "Daily rate = annual rate ÷ 360",
        (DayBasis::Days365, Lang::En) => "Daily rate = annual rate ÷ 365",
    }
}

/// One line of an LPR breakdown, as a judgment lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LprLine {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: i64,
    /// The rate applied (percent a year); None where the LPR is not known.
    pub rate_percent: Option<Decimal>,
    /// The LPR read, and the publication that set it (the value stays in force through later
    /// publications of the same value), or the first day of the user's entry.
    pub lpr_percent: Option<Decimal>,
    pub published_on: Option<NaiveDate>,
    /// The user's source when the LPR was typed in; None for the built-in table.
    pub user_source: Option<String>,
    /// How the rate applied was built from the LPR (× a multiplier, + basis points).
    pub adjustment: Adjustment,
    /// Rounded to the cent (the total is rounded once from the unrounded amounts).
    pub amount: Decimal,
}

impl LprLine {
    /// What the rate applied rests on, for a breakdown's "based on" cell: "LPR 3.65%
    /// （2022-08-22公布）× 1.5", "LPR 3.00% (published 2026-03-20, entered by you, source: …)
    /// + 100 bp". "?" where the LPR is not known.
    pub fn basis(&self, lang: Lang) -> String {
        let lpr = self
            .lpr_percent
            .map(format_percent)
            .unwrap_or_else(|| "?".to_string());
        let published = self.published_on.map(iso);
        let source = self.user_source.as_deref();
        let note = match (published, source, lang) {
            (Some(day), None, Lang::Zh) => format!("（{day}公布）"),
            (Some(day), Some(s), Lang::Zh) => format!("（{day}公布，自填，来源：{s}）"),
            (None, _, Lang::Zh) => "（未知）".to_string(),
            (Some(day), None, Lang::En) => format!(" (published {day})"),
            (Some(day), Some(s), Lang::En) => {
                format!(" (published {day}, entered by you, source: {s})")
            }
            (None, _, Lang::En) => " (not known)".to_string(),
        };
        let spread = match (self.adjustment, lang) {
            (Adjustment::Times(m), _) if m == Decimal::ONE => String::new(),
            (Adjustment::Times(m), _) => format!(" × {}", number(m)),
            (Adjustment::PlusBasisPoints(bps), Lang::Zh) if bps < Decimal::ZERO => {
                format!(" − {}个基点", number(-bps))
            }
            (Adjustment::PlusBasisPoints(bps), Lang::Zh) => format!(" + {}个基点", number(bps)),
            (Adjustment::PlusBasisPoints(bps), Lang::En) if bps < Decimal::ZERO => {
                format!(" − {} bp", number(-bps))
            }
            (Adjustment::PlusBasisPoints(bps), Lang::En) => format!(" + {} bp", number(bps)),
            (Adjustment::PlusPoints(p), _) => format!(" + {}", format_percent(p)),
            (Adjustment::None, _) => String::new(),
        };
        // After a full-width bracket Chinese takes no space.
        let spread = match lang {
            Lang::Zh => spread.trim_start(),
            Lang::En => spread.as_str(),
        };
        format!("LPR {lpr}{note}{spread}")
    }

    /// "2020-01-01至2020-02-19，50天，年利率4.15%（一年期LPR 4.15%，2019-11-20公布起适用），利息CNY 576.39"
    pub fn describe(&self, lang: Lang, currency: &str) -> String {
        let (from, to, days) = (iso(self.from), iso(self.to), self.days);
        let amount = crate::money::format_money(self.amount, currency);
        let rate = self
            .rate_percent
            .map(format_percent)
            .unwrap_or_else(|| "?".to_string());
        let lpr = self
            .lpr_percent
            .map(format_percent)
            .unwrap_or_else(|| "?".to_string());
        let published = self
            .published_on
            .map(iso)
            .unwrap_or_else(|| "?".to_string());
        let source = match (&self.user_source, lang) {
            (Some(s), Lang::Zh) => format!("，自填，来源：{s}"),
            (Some(s), Lang::En) => format!("; entered by you, source: {s}"),
            (None, _) => String::new(),
        };
        match lang {
            Lang::Zh => format!(
                "{from}至{to}，{days}天，年利率{rate}（一年期LPR {lpr}，{published}公布起适用{source}），利息{amount}"
            ),
            Lang::En => format!(
                "{from} to {to}, {days} days, {rate} a year (1-year LPR {lpr}, in force since its publication on {published}{source}), interest {amount}"
            ),
        }
    }
}

/// The charge's periods as LPR lines (for the LPR rule and the sale-contract rule; other
/// periods are left out).
pub fn lpr_lines(charge: &Charge) -> Vec<LprLine> {
    charge
        .periods
        .iter()
        .filter_map(|period| {
            let reference = period.reference.as_ref()?;
            if reference.table != RateTable::CnLpr1Year {
                return None;
            }
            let user_source = match &reference.origin {
                super::RateOrigin::UserEntered { source, .. } => Some(source.clone()),
                super::RateOrigin::BuiltIn => None,
            };
            Some(LprLine {
                from: period.from,
                to: period.to,
                days: period.days,
                rate_percent: period.rate_percent,
                lpr_percent: reference.rate,
                published_on: reference.published_on,
                user_source,
                adjustment: reference.adjustment,
                amount: crate::money::round_cents(period.interest),
            })
        })
        .collect()
}

/// The whole breakdown as text, to lay next to a judgment: one line per LPR period, the
/// total, then the conventions used.
pub fn breakdown_text(
    charge: &Charge,
    params: &ChargeRuleParams,
    lang: Lang,
    currency: &str,
) -> Vec<String> {
    let mut out: Vec<String> = lpr_lines(charge)
        .iter()
        .map(|line| line.describe(lang, currency))
        .collect();
    let total = crate::money::format_money(charge.interest, currency);
    let days = charge.days;
    out.push(match lang {
        Lang::Zh => format!("合计{days}天，利息{total}"),
        Lang::En => format!("Total: {days} days, interest {total}"),
    });
    out.extend(conventions(params, lang));
    out
}
