//! The computation: one invoice's charge under one set of parameters — the guards (dates,
//! principal, currency), the interest days, the rule's periods and fees (`rules.rs`), the
//! rounding once at the end and the contract's cap.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use super::{
    lpr, rules, user_rates, Charge, ChargeFee, ChargeInput, ChargeNotice, ChargePeriod,
    ChargeRuleParams, ChargeSettings, ChargeWarning, DayCount, RuleKind, Setting, UserRate,
};
use crate::money::{round_cents, Currency};

/// Principals above this (one quadrillion) are refused with [`ChargeWarning::AmountTooLarge`]:
/// no invoice is that large, and it keeps every product far from `Decimal`'s limits.
pub const MAX_PRINCIPAL: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// Grace periods longer than this (about 100 years) are refused.
pub const MAX_GRACE_DAYS: u32 = 36_600;

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
/// in their place). Invalid entries are never used (see [`super::sanitize_user_rates`]).
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
                invoice_currency: Currency::from(input.currency),
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
}
