//! The rules: how each turns the late days of one invoice into periods at a rate, and into
//! fixed sums. Every step is checked arithmetic; `None` means overflow and becomes a warning.

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;

use super::rates::{half_year_start, next_half_year, RateTable};
use super::user_rates::{Fixing, RateOrigin, Rates};
use super::{
    Adjustment, ChargeFee, ChargeNotice, ChargePeriod, ChargeRuleParams, ChargeWarning, DayBasis,
    FeeKind, LprMode, RateUnit, Reference, Rounding, RuleKind, Setting,
};
use crate::money::round_cents;

/// The late days of one invoice, as [`super::compute_with`] settled them.
pub(super) struct Span {
    pub principal: Decimal,
    pub due: NaiveDate,
    /// First interest day.
    pub first: NaiveDate,
    /// Last interest day; may be the day before `first` (late, but no interest day).
    pub last: NaiveDate,
}

pub(super) struct Outcome {
    pub periods: Vec<ChargePeriod>,
    pub fees: Vec<ChargeFee>,
    pub warnings: Vec<ChargeWarning>,
    pub notices: Vec<ChargeNotice>,
    /// The last interest day after the rule's own limits (US: one year).
    pub last_day: NaiveDate,
}

impl Outcome {
    pub(super) fn new(last_day: NaiveDate) -> Outcome {
        Outcome {
            periods: Vec::new(),
            fees: Vec::new(),
            warnings: Vec::new(),
            notices: Vec::new(),
            last_day,
        }
    }
}

pub(super) fn apply(params: &ChargeRuleParams, rates: &Rates, span: &Span) -> Option<Outcome> {
    match params.rule {
        RuleKind::None => Some(Outcome::new(span.last)),
        RuleKind::Contract => contract(params, span),
        RuleKind::UkStatutory => uk(params, rates, span),
        RuleKind::EuDirective => half_yearly(
            params,
            rates,
            span,
            RateTable::EcbMro,
            Decimal::from(8),
            RuleKind::EuDirective,
        ),
        RuleKind::DeBgb288 => germany(params, rates, span),
        RuleKind::FrL441_10 => half_yearly(
            params,
            rates,
            span,
            RateTable::EcbMro,
            Decimal::TEN,
            RuleKind::FrL441_10,
        ),
        RuleKind::CnSmeRegulation => cn_sme(params, rates, span),
        RuleKind::CnSaleLpr => cn_sale(params, rates, span),
        RuleKind::CnLpr => super::lpr::cn_lpr(params, rates, span),
        RuleKind::UsPromptPayment => us_prompt_payment(params, rates, span),
    }
}

// ---------------------------------------------------------------------------------------------
// Arithmetic shared by the rules
// ---------------------------------------------------------------------------------------------

/// Days at one rate, before interest is worked out.
pub(super) struct Segment {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reference: Option<Reference>,
    /// The rate applied; None when the reference is unknown.
    pub rate: Option<Decimal>,
    /// Part of a floating rate: each day needs its own fixing.
    pub floating: bool,
}

impl Segment {
    /// Days at a rate with no reference table (a contract's rate).
    fn agreed(from: NaiveDate, to: NaiveDate, rate: Decimal) -> Segment {
        Segment {
            from,
            to,
            reference: None,
            rate: Some(rate),
            floating: false,
        }
    }
}

/// The days `from..=to` at `table`'s rate read on `observed`, turned into the rate applied by
/// `adjust` (None: overflow, taken as unknown) and described by `adjustment`.
pub(super) fn reference_segment(
    rates: &Rates,
    table: RateTable,
    (from, to): (NaiveDate, NaiveDate),
    observed: NaiveDate,
    adjustment: Adjustment,
    floating: bool,
) -> Segment {
    let fixing = rates.fixing(table, observed);
    let rate = fixing
        .as_ref()
        .and_then(|f| adjust(f.rate, adjustment))
        .map(|r| r.normalize());
    Segment {
        from,
        to,
        rate,
        reference: Some(reference(table, observed, fixing, adjustment)),
        floating,
    }
}

/// The rate applied for a reference rate and an adjustment.
pub(super) fn adjust(rate: Decimal, adjustment: Adjustment) -> Option<Decimal> {
    match adjustment {
        Adjustment::None => Some(rate),
        Adjustment::PlusPoints(points) => rate.checked_add(points),
        Adjustment::Times(multiplier) => rate.checked_mul(multiplier),
        Adjustment::PlusBasisPoints(bps) => {
            rate.checked_add(bps.checked_div(Decimal::ONE_HUNDRED)?)
        }
    }
}

fn reference(
    table: RateTable,
    observed_on: NaiveDate,
    fixing: Option<Fixing>,
    adjustment: Adjustment,
) -> Reference {
    let (rate, published_on, origin) = match fixing {
        Some(f) => (Some(f.rate), Some(f.published_on), f.origin),
        None => (None, None, RateOrigin::BuiltIn),
    };
    Reference {
        table,
        observed_on,
        rate,
        published_on,
        origin,
        adjustment,
    }
}

/// A floating rate over `first..=last`: split wherever the fixing in force may change (the
/// table's changes and ends, the user's entries), each part reading its own first day, then
/// neighbours at the same rate and origin joined.
pub(super) fn floating_segments(
    rates: &Rates,
    table: RateTable,
    first: NaiveDate,
    last: NaiveDate,
    adjustment: Adjustment,
) -> Option<Vec<Segment>> {
    let cuts = rates.boundaries(table, first, last);
    let mut segments = Vec::with_capacity(cuts.len() + 1);
    let mut from = first;
    for cut in cuts.into_iter().chain(last.succ_opt()) {
        let to = cut.pred_opt()?;
        segments.push(reference_segment(
            rates,
            table,
            (from, to),
            from,
            adjustment,
            true,
        ));
        from = cut;
    }
    Some(merge(segments))
}

/// Interest on `principal` for `days` at `rate` percent per `unit`:
/// year: P × r × days / (100 × basis); month: P × r × 12 × days / (100 × basis);
/// day: P × r × days / 100. The numerator is exact; the one division is the only rounding
/// (to 28 significant digits). With daily rounding, one day's interest is rounded to the cent
/// first and multiplied by the days.
fn interest_for(
    principal: Decimal,
    rate: Decimal,
    unit: RateUnit,
    basis: DayBasis,
    days: i64,
    rounding: Rounding,
) -> Option<(Decimal, Option<Decimal>)> {
    let (times, per) = match unit {
        RateUnit::Year => (Decimal::ONE, Decimal::from(basis.days())),
        RateUnit::Month => (Decimal::from(12), Decimal::from(basis.days())),
        RateUnit::Day => (Decimal::ONE, Decimal::ONE),
    };
    let numerator_per_day = principal.checked_mul(rate)?.checked_mul(times)?;
    let denominator = per.checked_mul(Decimal::ONE_HUNDRED)?;
    let days = Decimal::from(days);
    match rounding {
        Rounding::End => Some((
            numerator_per_day
                .checked_mul(days)?
                .checked_div(denominator)?,
            None,
        )),
        Rounding::Daily => {
            let daily = round_cents(numerator_per_day.checked_div(denominator)?);
            Some((daily.checked_mul(days)?, Some(daily)))
        }
    }
}

pub(super) fn accrue(
    principal: Decimal,
    segment: Segment,
    unit: RateUnit,
    basis: DayBasis,
    rounding: Rounding,
) -> Option<ChargePeriod> {
    let days = (segment.to - segment.from).num_days() + 1;
    let (interest, daily_amount) = match segment.rate {
        Some(rate) => interest_for(principal, rate, unit, basis, days, rounding)?,
        None => (Decimal::ZERO, None),
    };
    Some(ChargePeriod {
        from: segment.from,
        to: segment.to,
        days,
        principal,
        reference: segment.reference,
        rate_percent: segment.rate,
        unit,
        basis,
        daily_amount,
        interest,
    })
}

/// Joins neighbouring segments at the same rate from the same kind of source (e.g. the
/// fourteen German half-years at −0.88 %), keeping the first one's reference: one line per
/// rate, not per half-year. A built-in and a user-entered value are never joined, nor two
/// user entries, so that each keeps its own source.
fn merge(segments: Vec<Segment>) -> Vec<Segment> {
    let mut merged: Vec<Segment> = Vec::with_capacity(segments.len());
    for segment in segments {
        if let Some(previous) = merged.last_mut() {
            let origin = |s: &Segment| s.reference.as_ref().map(|r| r.origin.clone());
            let same_origin = origin(previous) == origin(&segment)
                || (previous.rate.is_none() && segment.rate.is_none());
            if previous.rate == segment.rate
                && same_origin
                && previous.to.succ_opt() == Some(segment.from)
            {
                previous.to = segment.to;
                continue;
            }
        }
        merged.push(segment);
    }
    merged
}

/// Works out each segment's interest, warns about each one without a rate, and notes each
/// user-entered value used.
pub(super) fn push_periods(
    out: &mut Outcome,
    segments: Vec<Segment>,
    principal: Decimal,
    unit: RateUnit,
    basis: DayBasis,
    rounding: Rounding,
) -> Option<()> {
    for segment in segments {
        if let Some(reference) = &segment.reference {
            if segment.rate.is_none() {
                out.warnings.push(ChargeWarning::RateUnknown {
                    table: reference.table,
                    rate_date: reference.observed_on,
                    from: segment.from,
                    to: segment.to,
                    floating: segment.floating,
                });
            }
            note_user_rate(out, reference);
        }
        out.periods
            .push(accrue(principal, segment, unit, basis, rounding)?);
    }
    Some(())
}

/// Adds a [`ChargeNotice::UserRateUsed`] for a user-entered reference, once per entry.
pub(super) fn note_user_rate(out: &mut Outcome, reference: &Reference) {
    let RateOrigin::UserEntered { from, source, .. } = &reference.origin else {
        return;
    };
    let Some(percent) = reference.rate else {
        return;
    };
    let notice = ChargeNotice::UserRateUsed {
        table: reference.table,
        percent,
        in_force_from: *from,
        source: source.clone(),
    };
    if !out.notices.contains(&notice) {
        out.notices.push(notice);
    }
}

/// A setting that must not be negative: negative values are ignored with a warning.
fn non_negative(value: Decimal, setting: Setting, warnings: &mut Vec<ChargeWarning>) -> Decimal {
    if value < Decimal::ZERO {
        warnings.push(ChargeWarning::InvalidSetting(setting));
        Decimal::ZERO
    } else {
        value
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

// ---------------------------------------------------------------------------------------------
// Contract
// ---------------------------------------------------------------------------------------------

fn contract(params: &ChargeRuleParams, span: &Span) -> Option<Outcome> {
    let mut out = Outcome::new(span.last);
    let rate = non_negative(params.rate, Setting::Rate, &mut out.warnings);
    if rate > Decimal::ZERO && span.first <= span.last {
        let segment = Segment::agreed(span.first, span.last, rate);
        push_periods(
            &mut out,
            vec![segment],
            span.principal,
            params.rate_unit,
            params.day_basis,
            params.rounding,
        )?;
    }
    let fixed = non_negative(params.fixed_fee, Setting::FixedFee, &mut out.warnings);
    if fixed > Decimal::ZERO {
        out.fees.push(ChargeFee {
            kind: FeeKind::ContractFixed,
            amount: fixed,
        });
    }
    let percent = non_negative(params.percent_fee, Setting::PercentFee, &mut out.warnings);
    if percent > Decimal::ZERO {
        out.fees.push(ChargeFee {
            kind: FeeKind::ContractPercent { percent },
            amount: span
                .principal
                .checked_mul(percent)?
                .checked_div(Decimal::ONE_HUNDRED)?,
        });
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// United Kingdom
// ---------------------------------------------------------------------------------------------

/// SI 2002/1675 art. 4: the Bank Rate on the 30 June (interest starting 1 July – 31 December) or
/// 31 December (interest starting 1 January – 30 June) immediately before the day interest
/// starts to run.
pub(super) fn uk_reference_date(first_interest_day: NaiveDate) -> Option<NaiveDate> {
    if first_interest_day.month() <= 6 {
        ymd(first_interest_day.year().checked_sub(1)?, 12, 31)
    } else {
        ymd(first_interest_day.year(), 6, 30)
    }
}

/// Act s.5A: £40 below £1,000; £70 from £1,000 to below £10,000; £100 from £10,000.
pub(super) fn uk_fixed_sum(debt: Decimal) -> Decimal {
    if debt < Decimal::ONE_THOUSAND {
        Decimal::from(40)
    } else if debt < Decimal::from(10_000) {
        Decimal::from(70)
    } else {
        Decimal::ONE_HUNDRED
    }
}

fn uk(params: &ChargeRuleParams, rates: &Rates, span: &Span) -> Option<Outcome> {
    let mut out = Outcome::new(span.last);
    let observed = uk_reference_date(span.first)?;
    let margin = Decimal::from(8);
    // One rate for the life of the debt: later Bank Rate moves do not matter.
    let segment = reference_segment(
        rates,
        RateTable::BoeBankRate,
        (span.first, span.last),
        observed,
        Adjustment::PlusPoints(margin),
        false,
    );
    push_periods(
        &mut out,
        vec![segment],
        span.principal,
        RateUnit::Year,
        DayBasis::Days365,
        params.rounding,
    )?;
    out.fees.push(ChargeFee {
        kind: FeeKind::Statutory {
            rule: RuleKind::UkStatutory,
        },
        amount: uk_fixed_sum(span.principal),
    });
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// EU Directive, France, Germany: a reference rate per half-year
// ---------------------------------------------------------------------------------------------

/// The EU half-year rule: the reference rate in force on 1 January applies to January–June, the
/// one in force on 1 July to July–December, so the late days are split at each 1 January and
/// 1 July. Simple interest, /365, plus the €40 fixed sum.
fn half_yearly(
    params: &ChargeRuleParams,
    rates: &Rates,
    span: &Span,
    table: RateTable,
    margin: Decimal,
    rule: RuleKind,
) -> Option<Outcome> {
    let mut out = Outcome::new(span.last);
    let mut segments = Vec::new();
    let mut from = span.first;
    while from <= span.last {
        let next = next_half_year(from)?;
        let to = next.pred_opt()?.min(span.last);
        let observed = half_year_start(from)?;
        segments.push(reference_segment(
            rates,
            table,
            (from, to),
            observed,
            Adjustment::PlusPoints(margin),
            false,
        ));
        from = next;
    }
    push_periods(
        &mut out,
        merge(segments),
        span.principal,
        RateUnit::Year,
        DayBasis::Days365,
        params.rounding,
    )?;
    out.fees.push(ChargeFee {
        kind: FeeKind::Statutory { rule },
        amount: Decimal::from(40),
    });
    Some(out)
}

/// §288(2) BGB: Basiszinssatz + 9 points (8 for obligations from before 29 July 2014), the base
/// rate changing on 1 January and 1 July; §288(5): €40.
fn germany(params: &ChargeRuleParams, rates: &Rates, span: &Span) -> Option<Outcome> {
    // The obligation arose no later than its due date, so a due date up to 28 July 2014 is
    // certainly an old obligation. A later due date may still be one; the user would know.
    let old_obligation = span.due <= ymd(2014, 7, 28)?;
    let margin = Decimal::from(if old_obligation { 8 } else { 9 });
    let mut out = half_yearly(
        params,
        rates,
        span,
        RateTable::DeBasiszinssatz,
        margin,
        RuleKind::DeBgb288,
    )?;
    if old_obligation {
        out.notices.push(ChargeNotice::DeEightPointsBefore2014);
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// China
// ---------------------------------------------------------------------------------------------

/// 《保障中小企业款项支付条例》 2020 art. 15 / 2025 art. 17: the agreed rate, which may not be below
/// the 1-year LPR at contract time; without one, 0.05 % a day, from 2020-09-01 (not
/// retroactive).
fn cn_sme(params: &ChargeRuleParams, rates: &Rates, span: &Span) -> Option<Outcome> {
    let mut out = Outcome::new(span.last);
    let agreed = match params.cn_agreed_rate {
        Some(rate) if rate < Decimal::ZERO => {
            out.warnings
                .push(ChargeWarning::InvalidSetting(Setting::CnAgreedRate));
            None
        }
        other => other,
    };
    if let Some(agreed) = agreed {
        check_agreed_rate_against_lpr(params, rates, agreed, &mut out)?;
        if span.first <= span.last {
            let segment = Segment::agreed(span.first, span.last, agreed);
            push_periods(
                &mut out,
                vec![segment],
                span.principal,
                params.cn_agreed_rate_unit,
                params.cn_day_basis,
                params.rounding,
            )?;
        }
        return Some(out);
    }
    let in_force = ymd(2020, 9, 1)?;
    if span.first < in_force && span.first <= span.last {
        out.notices.push(ChargeNotice::CnSmeNotBefore20200901 {
            from: span.first,
            to: span.last.min(in_force.pred_opt()?),
        });
    }
    let from = span.first.max(in_force);
    if from <= span.last {
        let segment = Segment::agreed(from, span.last, Decimal::new(5, 2));
        push_periods(
            &mut out,
            vec![segment],
            span.principal,
            RateUnit::Day,
            params.cn_day_basis,
            params.rounding,
        )?;
    }
    Some(out)
}

fn check_agreed_rate_against_lpr(
    params: &ChargeRuleParams,
    rates: &Rates,
    agreed: Decimal,
    out: &mut Outcome,
) -> Option<()> {
    let Some(contract_date) = params.cn_contract_date else {
        out.warnings.push(ChargeWarning::CnContractDateMissing);
        return Some(());
    };
    let Some(lpr) = rates
        .fixing(RateTable::CnLpr1Year, contract_date)
        .map(|f| f.rate)
    else {
        out.warnings
            .push(ChargeWarning::CnLprUnknownOnContractDate { contract_date });
        return Some(());
    };
    let annual = match params.cn_agreed_rate_unit {
        RateUnit::Year => agreed,
        RateUnit::Month => agreed.checked_mul(Decimal::from(12))?,
        RateUnit::Day => agreed.checked_mul(Decimal::from(params.cn_day_basis.days()))?,
    };
    if annual < lpr {
        out.warnings.push(ChargeWarning::CnAgreedRateBelowLpr {
            agreed_annual_percent: annual.normalize(),
            lpr_percent: lpr,
            contract_date,
        });
    }
    Some(())
}

/// Sale-contract interpretation art. 18 (法释〔2020〕17号): the 1-year LPR when the breach
/// happened × 1.3 to 1.5; for breaches before 2019-08-20 the PBOC benchmark rate instead. The
/// breach is taken to happen on the first interest day.
fn cn_sale(params: &ChargeRuleParams, rates: &Rates, span: &Span) -> Option<Outcome> {
    let mut out = Outcome::new(span.last);
    let low = Decimal::new(13, 1);
    let high = Decimal::new(15, 1);
    let given = params.cn_multiplier;
    let multiplier = given.clamp(low, high);
    if multiplier != given {
        out.warnings.push(ChargeWarning::MultiplierOutOfRange {
            given,
            used: multiplier,
        });
    }
    if span.first > span.last {
        return Some(out);
    }
    let breach = span.first;
    let times = Adjustment::Times(multiplier);
    let whole = (span.first, span.last);
    let segments = if breach < ymd(2019, 8, 20)? {
        out.notices.push(ChargeNotice::CnBenchmarkBeforeLpr);
        // The benchmark stopped moving in 2015, so fixed and floating agree.
        let table = RateTable::CnPbocBenchmark1Year;
        vec![reference_segment(rates, table, whole, breach, times, false)]
    } else if params.cn_lpr == LprMode::Fixed {
        let table = RateTable::CnLpr1Year;
        vec![reference_segment(rates, table, whole, breach, times, false)]
    } else {
        // Past the table's last known date the LPR is unknown, not unchanged.
        floating_segments(rates, RateTable::CnLpr1Year, span.first, span.last, times)?
    };
    push_periods(
        &mut out,
        segments,
        span.principal,
        RateUnit::Year,
        params.cn_day_basis,
        params.rounding,
    )?;
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// United States
// ---------------------------------------------------------------------------------------------

/// Prompt Payment Act (5 CFR 1315.10): the Treasury rate in effect on the day after the due
/// date, for the whole debt; /360; interest unpaid at the end of each 30-day period is added to
/// the principal; no interest accrues for more than one year.
fn us_prompt_payment(params: &ChargeRuleParams, rates: &Rates, span: &Span) -> Option<Outcome> {
    let mut out = Outcome::new(span.last);
    let table = RateTable::UsPromptPayment;
    let observed = span.first;
    let one_year_on = span.due.checked_add_months(Months::new(12))?;
    let last = if span.last > one_year_on {
        out.notices.push(ChargeNotice::UsOneYearLimit {
            last_day: one_year_on,
        });
        out.last_day = one_year_on;
        one_year_on
    } else {
        span.last
    };
    let fixing = rates.fixing(table, observed);
    let reference_rate = fixing.as_ref().map(|f| f.rate);
    let reference = reference(table, observed, fixing, Adjustment::None);
    note_user_rate(&mut out, &reference);
    let mut principal = span.principal;
    let mut from = span.first;
    while from <= last {
        let to = from.checked_add_days(Days::new(29))?.min(last);
        let period = accrue(
            principal,
            Segment {
                from,
                to,
                reference: Some(reference.clone()),
                rate: reference_rate,
                floating: false,
            },
            RateUnit::Year,
            DayBasis::Days360,
            params.rounding,
        )?;
        if period.days == 30 {
            principal = principal.checked_add(period.interest)?;
        }
        out.periods.push(period);
        from = to.succ_opt()?;
    }
    if reference_rate.is_none() && span.first <= last {
        out.warnings.push(ChargeWarning::RateUnknown {
            table,
            rate_date: observed,
            from: span.first,
            to: last,
            floating: false,
        });
    }
    Some(out)
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

    #[test]
    fn uk_reference_dates_switch_on_1_january_and_1_july() {
        assert_eq!(
            uk_reference_date(date(2023, 6, 30)),
            Some(date(2022, 12, 31))
        );
        assert_eq!(uk_reference_date(date(2023, 7, 1)), Some(date(2023, 6, 30)));
        assert_eq!(
            uk_reference_date(date(2024, 1, 1)),
            Some(date(2023, 12, 31))
        );
    }

    #[test]
    fn interest_formulas_by_unit() {
        let i = |rate: &str, unit, basis, days, rounding| {
            interest_for(d("1000"), d(rate), unit, basis, days, rounding).unwrap()
        };
        assert_eq!(
            i("36.5", RateUnit::Year, DayBasis::Days365, 10, Rounding::End),
            (d("10"), None)
        );
        assert_eq!(
            i("3", RateUnit::Month, DayBasis::Days360, 30, Rounding::End),
            (d("30"), None)
        );
        assert_eq!(
            i("0.05", RateUnit::Day, DayBasis::Days360, 10, Rounding::End),
            (d("5"), None)
        );
        // 1000 × 8.5% / 365 = 0.2328… → 0.23 a day.
        assert_eq!(
            i(
                "8.5",
                RateUnit::Year,
                DayBasis::Days365,
                50,
                Rounding::Daily
            ),
            (d("11.50"), Some(d("0.23")))
        );
    }

    #[test]
    fn overflow_is_none_not_a_panic() {
        assert_eq!(
            interest_for(
                Decimal::MAX,
                Decimal::MAX,
                RateUnit::Month,
                DayBasis::Days360,
                1000,
                Rounding::End
            ),
            None
        );
    }
}
