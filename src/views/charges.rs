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

/// A callback that edits the workspace's rule parameters with what the user typed or chose.
fn edit<F>(state: &AppState, dispatch: &Dispatch, change: F) -> Callback<Event>
where
    F: Fn(&mut ChargeRuleParams, String) -> bool + 'static,
{
    let params = state.workspace.settings.charges.workspace.clone();
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| {
        let target = e.target_unchecked_into::<web_sys::Element>();
        let value = match target.dyn_ref::<HtmlSelectElement>() {
            Some(select) => select.value(),
            None => e.target_unchecked_into::<HtmlInputElement>().value(),
        };
        let mut next = params.clone();
        if change(&mut next, value) {
            dispatch.dispatch(Action::edit(Edit::SetChargeParams(next)));
        }
    })
}

use wasm_bindgen::JsCast;

pub fn charge_settings(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let params = &state.workspace.settings.charges.workspace;
    let rule = params.rule;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);

    let on_rule = edit(state, dispatch, |p, v| match RuleKind::from_key(&v) {
        Some(rule) => {
            p.rule = rule;
            true
        }
        None => false,
    });
    let on_fee = edit(state, dispatch, |p, v| {
        number(&v)
            .map(|n| p.fixed_fee = n.unwrap_or_default().max(Decimal::ZERO))
            .is_some()
    });
    let on_percent = edit(state, dispatch, |p, v| {
        number(&v)
            .map(|n| p.percent_fee = n.unwrap_or_default().max(Decimal::ZERO))
            .is_some()
    });
    let on_rate = edit(state, dispatch, |p, v| {
        number(&v)
            .map(|n| p.rate = n.unwrap_or_default().max(Decimal::ZERO))
            .is_some()
    });
    let on_unit = edit(state, dispatch, |p, v| {
        RateUnit::from_key(&v).map(|u| p.rate_unit = u).is_some()
    });
    let on_grace = edit(state, dispatch, |p, v| {
        let days = v.trim();
        if days.is_empty() {
            p.grace_days = 0;
            return true;
        }
        days.parse::<u32>().map(|d| p.grace_days = d).is_ok()
    });
    let cap_is_percent = params.cap_percent.is_some() && params.cap_amount.is_none();
    let on_cap = edit(state, dispatch, move |p, v| match number(&v) {
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
    let on_cap_kind = edit(state, dispatch, |p, v| {
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
    let on_basis = edit(state, dispatch, |p, v| {
        DayBasis::from_key(&v).map(|b| p.day_basis = b).is_some()
    });
    let on_multiplier = edit(state, dispatch, |p, v| {
        number(&v)
            .map(|n| p.cn_multiplier = n.unwrap_or(Decimal::new(13, 1)))
            .is_some()
    });
    let on_lpr = edit(state, dispatch, |p, v| {
        LprMode::from_key(&v).map(|m| p.cn_lpr = m).is_some()
    });
    let on_cn_basis = edit(state, dispatch, |p, v| {
        DayBasis::from_key(&v).map(|b| p.cn_day_basis = b).is_some()
    });
    let on_agreed = edit(state, dispatch, |p, v| {
        number(&v).map(|n| p.cn_agreed_rate = n).is_some()
    });
    let on_agreed_unit = edit(state, dispatch, |p, v| {
        RateUnit::from_key(&v)
            .map(|u| p.cn_agreed_rate_unit = u)
            .is_some()
    });
    let on_contract_date = edit(state, dispatch, |p, v| {
        p.cn_contract_date = chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok();
        true
    });
    let on_day_count = edit(state, dispatch, |p, v| {
        DayCount::from_key(&v).map(|c| p.day_count = c).is_some()
    });
    let on_rounding = edit(state, dispatch, |p, v| {
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
            <h3>{ t("逾期费用与利息", "Late fees and interest") }</h3>
            <label for="charge-rule">{ t("计算规则", "Rule") }</label>
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
                    <label>{ t("每张逾期发票固定费用", "Fixed fee per overdue invoice") }
                        <input type="text" inputmode="decimal" data-testid="contract-fee" value={shown(params.fixed_fee)} onchange={on_fee} /></label>
                    <label>{ t("一次性费用（未付金额的 %）", "One-off fee (% of outstanding)") }
                        <input type="text" inputmode="decimal" data-testid="contract-percent" value={shown(params.percent_fee)} onchange={on_percent} /></label>
                    <label>{ t("利率（%）", "Interest rate (%)") }
                        <input type="text" inputmode="decimal" data-testid="contract-rate" value={shown(params.rate)} onchange={on_rate} /></label>
                    <label>{ t("利率单位", "Rate per") }
                        <select data-testid="contract-rate-unit" onchange={on_unit}>{ unit_options(params.rate_unit) }</select></label>
                    <label>{ t("宽限期（天）", "Grace period (days)") }
                        <input type="number" min="0" data-testid="contract-grace-days" value={params.grace_days.to_string()} onchange={on_grace} /></label>
                    <label>{ t("上限", "Cap") }
                        <input type="text" inputmode="decimal" data-testid="contract-cap"
                            value={params.cap_amount.or(params.cap_percent).map(shown).unwrap_or_default()} onchange={on_cap} /></label>
                    <label>{ t("上限类型", "Cap is") }
                        <select data-testid="contract-cap-kind" onchange={on_cap_kind}>
                            <option value="amount" selected={!cap_is_percent}>{ t("金额", "an amount") }</option>
                            <option value="percent" selected={cap_is_percent}>{ t("未付金额的 %", "% of the outstanding") }</option>
                        </select></label>
                    <label>{ t("计息天数基础", "Day basis") }
                        <select data-testid="day-basis" onchange={on_basis}>{ basis_options(params.day_basis) }</select></label>
                </div>
                <p class="hint">{ t("例：月息 1.5% 填 1.5 并选“月利率”；日万分之五填 0.05 并选“日利率”。",
                    "E.g. 1.5 % a month: enter 1.5 and choose “a month”; 0.05 % a day (万分之五): 0.05 and “a day”.") }</p>
            }
            if rule == RuleKind::CnSaleLpr {
                <div class="grid-fields">
                    <label>{ t("LPR 倍数（1.3–1.5）", "LPR multiplier (1.3–1.5)") }
                        <input type="text" inputmode="decimal" data-testid="cn-multiplier" value={params.cn_multiplier.normalize().to_string()} onchange={on_multiplier} /></label>
                    <label>{ t("LPR 取值", "LPR") }
                        <select data-testid="cn-lpr" onchange={on_lpr}>
                            { for [LprMode::Fixed, LprMode::Floating].iter().map(|m| html! {
                                <option value={m.key()} selected={*m == params.cn_lpr}>{ m.label(lang) }</option>
                            }) }
                        </select></label>
                    <label>{ t("计息天数基础", "Day basis") }
                        <select data-testid="cn-day-basis" onchange={on_cn_basis.clone()}>{ basis_options(params.cn_day_basis) }</select></label>
                </div>
            }
            if rule == RuleKind::CnSmeRegulation {
                <div class="grid-fields">
                    <label>{ t("约定利率（%，未约定留空）", "Agreed rate (%, blank if none)") }
                        <input type="text" inputmode="decimal" data-testid="cn-agreed-rate" value={params.cn_agreed_rate.map(shown).unwrap_or_default()} onchange={on_agreed} /></label>
                    <label>{ t("利率单位", "Rate per") }
                        <select data-testid="cn-agreed-rate-unit" onchange={on_agreed_unit}>{ unit_options(params.cn_agreed_rate_unit) }</select></label>
                    <label>{ t("合同签订日期", "Contract date") }
                        <input type="date" data-testid="cn-contract-date" value={params.cn_contract_date.map(dates::iso).unwrap_or_default()} onchange={on_contract_date} /></label>
                    <label>{ t("计息天数基础", "Day basis") }
                        <select data-testid="cn-day-basis" onchange={on_cn_basis}>{ basis_options(params.cn_day_basis) }</select></label>
                </div>
            }
            if rule != RuleKind::None {
                <div class="grid-fields">
                    if rule.uses_day_count() {
                        <label>{ t("计息天数", "Days counted") }
                            <select data-testid="day-count" onchange={on_day_count}>
                                { for DayCount::ALL.iter().map(|c| html! {
                                    <option value={c.key()} selected={*c == params.day_count}>{ c.label(lang) }</option>
                                }) }
                            </select></label>
                    }
                    <label>{ t("舍入", "Rounding") }
                        <select data-testid="rounding" onchange={on_rounding}>
                            { for [Rounding::End, Rounding::Daily].iter().map(|r| html! {
                                <option value={r.key()} selected={*r == params.rounding}>{ r.label(lang) }</option>
                            }) }
                        </select></label>
                </div>
                <p class="hint">{ t(
                    "利息自到期日次日起算，计至付款日（有“付款日期”列时）或截止日期；按未付余额单利计算（美国《及时付款法》每 30 天复利）；金额在最后四舍五入到分。",
                    "Interest runs from the day after the due date to the payment date (from a paid-date column) or the as-of date, as simple interest on the outstanding balance (the US Prompt Payment Act compounds every 30 days), rounded half-up to the cent at the end.",
                ) }</p>
            }
            <details class="rate-tables">
                <summary>{ t("内置利率表及其最后已知日期", "Built-in rate tables and their last known dates") }</summary>
                <table class="data">
                    <thead><tr>
                        <th scope="col">{ t("利率表", "Table") }</th>
                        <th scope="col">{ t("最后已知日期", "Known until") }</th>
                        <th scope="col">{ t("来源", "Source") }</th>
                    </tr></thead>
                    <tbody>
                    { for tables.iter().map(|info| html! {
                        <tr>
                            <th scope="row">{ info.table.name(lang) }</th>
                            <td>{ dates::display(info.last_known, lang) }{ if info.has_gaps { t("（有缺口）", " (with gaps)") } else { "" } }</td>
                            <td class="wrap">{ info.source }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </details>
        </div>
    }
}

/// Every figure of one invoice's late charge, traced to its rule and formula.
pub fn breakdown(charge: &Charge, lang: Lang) -> Html {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let currency = charge.currency.as_str();
    html! {
        <div class="breakdown" data-testid="charge-breakdown">
            <p><strong>{ charge.rule.name(lang) }</strong>
                if charge.days > 0 { { format!(" · {} {}", charge.days, t("天", "days")) } }</p>
            if !charge.periods.is_empty() {
                <ul class="periods">
                { for charge.periods.iter().map(|p| html! {
                    <li>
                        <span class="period">{ format!("{} – {}", dates::display(p.from, lang), dates::display(p.to, lang)) }</span>
                        { format!(" ({} {}): ", p.days, t("天", "days")) }
                        <span class="rate-source">{ p.rate_source(lang) }</span>
                        <br />
                        <code>{ p.formula(lang, currency) }</code>
                    </li>
                }) }
                </ul>
            }
            if !charge.fees.is_empty() {
                <ul class="fees">
                { for charge.fees.iter().map(|f| html! {
                    <li>{ f.label(lang) }{ ": " }<code>{ format!("{currency} {}", format_grouped(f.amount)) }</code></li>
                }) }
                </ul>
            }
            <p class="charge-sum">
                { t("利息 ", "Interest ") }<strong>{ format_grouped(charge.interest) }</strong>
                { t(" + 固定补偿 ", " + fixed sums ") }<strong>{ format_grouped(charge.fixed) }</strong>
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
    let workspace_params = charges.workspace.clone();
    let onchange = {
        let dispatch = dispatch.clone();
        let customer = customer.to_string();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let params = RuleKind::from_key(&value).map(|rule| ChargeRuleParams {
                rule,
                ..workspace_params.clone()
            });
            dispatch.dispatch(Action::edit(Edit::SetCustomerChargeRule(
                customer.clone(),
                params,
            )));
        })
    };
    html! {
        <select class="customer-rule" aria-label={format!("{} {}", lang.pick("计费规则：", "Late-charge rule for"), customer)} onchange={onchange}>
            <option value="" selected={current.is_none()}>{ lang.pick("（同工作区规则）", "(workspace rule)") }</option>
            { for RuleKind::ALL.iter().map(|r| html! {
                <option value={r.key()} selected={current == Some(*r)}>{ r.name(lang) }</option>
            }) }
        </select>
    }
}
