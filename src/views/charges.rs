//! The late-charge parts of the page: the rule and its parameters (Settings), the per-invoice
//! breakdown that traces every figure to its formula, and the per-customer rule override.

use overdue_core::charges::{
    rate_tables, Charge, ChargeNotice, ChargeRuleParams, DayBasis, DayCount, LprMode, RateUnit,
    Rounding, RuleKind,
};
use overdue_core::dates;
use overdue_core::edit::{parse_setting_number, Edit};
use overdue_core::i18n::Lang;
use overdue_core::money::format_grouped;
use rust_decimal::Decimal;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::{Action, AppState};

type Dispatch = UseReducerDispatcher<AppState>;

/// A number typed in a rate or amount box (the core's one rule for the decimal mark); None
/// for an empty box, None outside for text that is not a number.
fn number(text: &str) -> Option<Option<Decimal>> {
    parse_setting_number(text).ok()
}

fn shown(value: Decimal) -> String {
    if value.is_zero() {
        String::new()
    } else {
        value.normalize().to_string()
    }
}

/// A callback that edits the workspace's rule parameters with what the user typed or chose
/// (applied to the rule as it is when the change lands; `change` says false when the value
/// did not read).
pub(super) fn edit<F>(dispatch: &Dispatch, change: F) -> Callback<Event>
where
    F: Fn(&mut ChargeRuleParams, String) -> bool + 'static,
{
    let dispatch = dispatch.clone();
    let change = std::rc::Rc::new(change);
    Callback::from(move |e: Event| {
        let target = e.target_unchecked_into::<web_sys::Element>();
        let value = match target.dyn_ref::<HtmlSelectElement>() {
            Some(select) => select.value(),
            None => e.target_unchecked_into::<HtmlInputElement>().value(),
        };
        let change = change.clone();
        dispatch.dispatch(Action::charge_params(move |next| change(next, value)));
    })
}

use super::field::Field;
use wasm_bindgen::JsCast;

pub fn charge_settings(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let params = &state.workspace.settings.charges.workspace;
    let rule = params.rule;
    let w = crate::i18n::charges::words(lang);

    let on_rule = edit(dispatch, |p, v| match RuleKind::from_key(&v) {
        Some(rule) => {
            p.rule = rule;
            true
        }
        None => false,
    });
    let on_fee = edit(dispatch, |p, v| {
        number(&v)
            .map(|n| p.fixed_fee = n.unwrap_or_default().max(Decimal::ZERO))
            .is_some()
    });
    let on_percent = edit(dispatch, |p, v| {
        number(&v)
            .map(|n| p.percent_fee = n.unwrap_or_default().max(Decimal::ZERO))
            .is_some()
    });
    let on_rate = edit(dispatch, |p, v| {
        number(&v)
            .map(|n| p.rate = n.unwrap_or_default().max(Decimal::ZERO))
            .is_some()
    });
    let on_unit = edit(dispatch, |p, v| {
        RateUnit::from_key(&v).map(|u| p.rate_unit = u).is_some()
    });
    let on_grace = edit(dispatch, |p, v| {
        let days = v.trim();
        if days.is_empty() {
            p.grace_days = 0;
            return true;
        }
        days.parse::<u32>().map(|d| p.grace_days = d).is_ok()
    });
    let cap_is_percent = params.cap_percent.is_some() && params.cap_amount.is_none();
    let on_cap = edit(dispatch, move |p, v| match number(&v) {
        Some(n) => {
            let n = n.filter(|n| *n > Decimal::ZERO);
            if cap_is_percent {
                p.cap_percent = n;
                p.cap_amount = None;
            } else {
                p.cap_amount = n;
                p.cap_percent = None;
            }
            true
        }
        None => false,
    });
    let on_cap_kind = edit(dispatch, |p, v| {
        let value = p.cap_amount.or(p.cap_percent);
        if v == "percent" {
            p.cap_percent = value;
            p.cap_amount = None;
        } else {
            p.cap_amount = value;
            p.cap_percent = None;
        }
        true
    });
    let on_basis = edit(dispatch, |p, v| {
        DayBasis::from_key(&v).map(|b| p.day_basis = b).is_some()
    });
    let on_multiplier = edit(dispatch, |p, v| {
        number(&v)
            .map(|n| p.cn_multiplier = n.unwrap_or(Decimal::new(13, 1)))
            .is_some()
    });
    let on_lpr = edit(dispatch, |p, v| {
        LprMode::from_key(&v).map(|m| p.cn_lpr = m).is_some()
    });
    let on_cn_basis = edit(dispatch, |p, v| {
        DayBasis::from_key(&v).map(|b| p.cn_day_basis = b).is_some()
    });
    let on_agreed = edit(dispatch, |p, v| {
        number(&v).map(|n| p.cn_agreed_rate = n).is_some()
    });
    let on_agreed_unit = edit(dispatch, |p, v| {
        RateUnit::from_key(&v)
            .map(|u| p.cn_agreed_rate_unit = u)
            .is_some()
    });
    let on_contract_date = edit(dispatch, |p, v| {
        p.cn_contract_date = chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok();
        true
    });
    let on_day_count = edit(dispatch, |p, v| {
        DayCount::from_key(&v).map(|c| p.day_count = c).is_some()
    });
    let on_rounding = edit(dispatch, |p, v| {
        Rounding::from_key(&v).map(|r| p.rounding = r).is_some()
    });

    let unit_options = |selected: RateUnit| {
        html! { <>{ for RateUnit::ALL.iter().map(|u| html! {
            <option value={u.key()} selected={*u == selected}>{ u.label(lang) }</option>
        }) }</> }
    };
    let basis_options = |selected: DayBasis| {
        html! { <>{ for DayBasis::ALL.iter().map(|b| html! {
            <option value={b.key()} selected={*b == selected}>{ b.label(lang) }</option>
        }) }</> }
    };
    let tables = rate_tables();
    html! {
        <div class="field charges-settings">
            <h3>{ w.late_fees_and_interest }</h3>
            <label for="charge-rule">{ w.rule }</label>
            <select id="charge-rule" data-testid="charge-rule" onchange={on_rule}>
                { for RuleKind::ALL.iter().map(|r| html! {
                    <option value={r.key()} selected={*r == rule}>{ r.name(lang) }</option>
                }) }
            </select>
            if rule.is_statutory() {
                <p class="notice">{ ChargeNotice::Scope(rule).describe(lang) }</p>
            }
            if rule == RuleKind::Contract {
                <div class="grid-fields">
                    <label>{ w.fixed_fee_per_overdue_invoice }
                        <Field kind="text" inputmode="decimal" testid="contract-fee" value={shown(params.fixed_fee)} onchange={on_fee} /></label>
                    <label>{ w.one_off_fee_of_outstanding }
                        <Field kind="text" inputmode="decimal" testid="contract-percent" value={shown(params.percent_fee)} onchange={on_percent} /></label>
                    <label>{ w.interest_rate }
                        <Field kind="text" inputmode="decimal" testid="contract-rate" value={shown(params.rate)} onchange={on_rate} /></label>
                    <label>{ w.rate_per }
                        <select data-testid="contract-rate-unit" onchange={on_unit}>{ unit_options(params.rate_unit) }</select></label>
                    <label>{ w.grace_period_days }
                        <Field kind="number" min="0" testid="contract-grace-days" value={params.grace_days.to_string()} onchange={on_grace} /></label>
                    <label>{ w.cap }
                        <Field kind="text" inputmode="decimal" testid="contract-cap"
                            value={params.cap_amount.or(params.cap_percent).map(shown).unwrap_or_default()} onchange={on_cap} /></label>
                    <label>{ w.cap_is }
                        <select data-testid="contract-cap-kind" onchange={on_cap_kind}>
                            <option value="amount" selected={!cap_is_percent}>{ w.an_amount }</option>
                            <option value="percent" selected={cap_is_percent}>{ w.of_the_outstanding }</option>
                        </select></label>
                    <label>{ w.day_basis }
                        <select data-testid="day-basis" onchange={on_basis}>{ basis_options(params.day_basis) }</select></label>
                </div>
                <p class="hint">{ w.e_g_1_5_a }</p>
            }
            if rule == RuleKind::CnSaleLpr {
                <div class="grid-fields">
                    <label>{ w.lpr_multiplier_1_3_1 }
                        <Field kind="text" inputmode="decimal" testid="cn-multiplier" value={params.cn_multiplier.normalize().to_string()} onchange={on_multiplier} /></label>
                    <label>{ w.lpr }
                        <select data-testid="cn-lpr" onchange={on_lpr}>
                            { for [LprMode::Fixed, LprMode::Floating].iter().map(|m| html! {
                                <option value={m.key()} selected={*m == params.cn_lpr}>{ m.label(lang) }</option>
                            }) }
                        </select></label>
                    <label>{ w.day_basis }
                        <select data-testid="cn-day-basis" onchange={on_cn_basis.clone()}>{ basis_options(params.cn_day_basis) }</select></label>
                </div>
            }
            if rule == RuleKind::CnSmeRegulation {
                <div class="grid-fields">
                    <label>{ w.agreed_rate_blank_if_none }
                        <Field kind="text" inputmode="decimal" testid="cn-agreed-rate" value={params.cn_agreed_rate.map(shown).unwrap_or_default()} onchange={on_agreed} /></label>
                    <label>{ w.rate_per }
                        <select data-testid="cn-agreed-rate-unit" onchange={on_agreed_unit}>{ unit_options(params.cn_agreed_rate_unit) }</select></label>
                    <label>{ w.contract_date }
                        <input type="date" data-testid="cn-contract-date" value={params.cn_contract_date.map(dates::iso).unwrap_or_default()} onchange={on_contract_date} /></label>
                    <label>{ w.day_basis }
                        <select data-testid="cn-day-basis" onchange={on_cn_basis}>{ basis_options(params.cn_day_basis) }</select></label>
                </div>
            }
            if rule != RuleKind::None {
                <div class="grid-fields">
                    if rule.uses_day_count() {
                        <label>{ w.days_counted }
                            <select data-testid="day-count" onchange={on_day_count}>
                                { for DayCount::ALL.iter().map(|c| html! {
                                    <option value={c.key()} selected={*c == params.day_count}>{ c.label(lang) }</option>
                                }) }
                            </select></label>
                    }
                    <label>{ w.rounding }
                        <select data-testid="rounding" onchange={on_rounding}>
                            { for [Rounding::End, Rounding::Daily].iter().map(|r| html! {
                                <option value={r.key()} selected={*r == params.rounding}>{ r.label(lang) }</option>
                            }) }
                        </select></label>
                </div>
                <p class="hint">{ w.interest_note }</p>
            }
            { super::rates::rates_section(state, dispatch) }
            <details class="rate-tables">
                <summary>{ w.built_in_rate_tables_and }</summary>
                <table class="data">
                    <thead><tr>
                        <th scope="col">{ w.table }</th>
                        <th scope="col">{ w.known_until }</th>
                        <th scope="col">{ w.source }</th>
                    </tr></thead>
                    <tbody>
                    { for tables.iter().map(|info| html! {
                        <tr>
                            <th scope="row">{ info.table.name(lang) }</th>
                            <td>{ dates::display(info.last_known, lang) }{ if info.has_gaps { w.with_gaps } else { "" } }</td>
                            <td class="wrap">{ info.source }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </details>
        </div>
    }
}

/// Every figure of one invoice's late charge, traced to its rule and formula. `params` are
/// the parameters the charge was computed with (the customer's, else the workspace's): an LPR
/// charge lists its periods as a judgment does, with the conventions used.
pub fn breakdown(charge: &Charge, params: &ChargeRuleParams, lang: Lang) -> Html {
    let w = crate::i18n::charges::words(lang);
    let currency = charge.currency.as_str();
    let lpr = super::lpr_table::lpr_table(charge, params, lang);
    let has_lpr_table = !overdue_core::charges::lpr_lines(charge).is_empty();
    let periods = html! {
        <ul class="periods">
        { for charge.periods.iter().map(|p| html! {
            <li>
                <span class="period">{ format!("{} – {}", dates::display(p.from, lang), dates::display(p.to, lang)) }</span>
                { format!(" ({} {}): ", p.days, w.days) }
                <span class="rate-source">{ p.rate_source(lang) }</span>
                <br />
                <code>{ p.formula(lang, currency) }</code>
            </li>
        }) }
        </ul>
    };
    html! {
        <div class="breakdown" data-testid="charge-breakdown">
            <p><strong>{ charge.rule.name(lang) }</strong>
                if charge.days > 0 { { format!(" · {} {}", charge.days, w.days) } }</p>
            { lpr }
            if !charge.periods.is_empty() {
                if has_lpr_table {
                    <details class="lpr-formulas"><summary>{ w.lpr_formulas }</summary>{ periods }</details>
                } else {
                    { periods }
                }
            }
            if !charge.fees.is_empty() {
                <ul class="fees">
                { for charge.fees.iter().map(|f| html! {
                    <li>{ f.label(lang) }{ ": " }<code>{ format!("{currency} {}", format_grouped(f.amount)) }</code></li>
                }) }
                </ul>
            }
            <p class="charge-sum">
                { w.interest }<strong>{ format_grouped(charge.interest) }</strong>
                { w.fixed_sums }<strong>{ format_grouped(charge.fixed) }</strong>
                { " = " }<strong>{ format!("{currency} {}", format_grouped(charge.total)) }</strong>
            </p>
            { for charge.warnings.iter().map(|w| html! { <p class="warning">{ w.describe(lang) }</p> }) }
            { for charge.notices.iter().map(|n| html! { <p class="notice">{ n.describe(lang) }</p> }) }
        </div>
    }
}

/// The rule a customer's invoices are charged under: the workspace's, or an override.
pub fn customer_rule_select(state: &AppState, dispatch: &Dispatch, customer: &str) -> Html {
    let lang = state.lang();
    let charges = &state.workspace.settings.charges;
    let current = charges.per_customer.get(customer).map(|p| p.rule);
    let onchange = {
        let dispatch = dispatch.clone();
        let customer = customer.to_string();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let rule = RuleKind::from_key(&value);
            let customer = customer.clone();
            // The override starts from the workspace's rule as it is when the choice lands.
            dispatch.dispatch(Action::from_current(move |state| {
                let params = rule.map(|rule| ChargeRuleParams {
                    rule,
                    ..state.workspace.settings.charges.workspace.clone()
                });
                Some(Edit::SetCustomerChargeRule(customer, params))
            }));
        })
    };
    html! {
        <select class="customer-rule" aria-label={format!("{} {}", crate::i18n::charges::words(lang).late_charge_rule_for, customer)} onchange={onchange}>
            <option value="" selected={current.is_none()}>{ crate::i18n::charges::words(lang).workspace_rule }{ charges.workspace.rule.name(lang) }</option>
            { for RuleKind::ALL.iter().map(|r| html! {
                <option value={r.key()} selected={current == Some(*r)}>{ r.name(lang) }</option>
            }) }
        </select>
    }
}
