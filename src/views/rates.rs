//! Reference rates on the page (issue 21, item 0) and the `cn-lpr` rule's parameters (item 1).
//! For each table the chosen rule reads, up to which day it is known; where a period needs a
//! later fixing, the question asked in place (`charges::missing_fixings`) with where it is
//! published; the rates the user entered, each removable. The core decides what is asked, what
//! is kept and how a user-entered rate is marked in a breakdown; the page only asks and shows.

use chrono::NaiveDate;
use overdue_core::charges::{
    missing_fixings, DayBasis, LprMode, LprSpread, MissingFixing, RuleKind, USER_RATE_MAX_PERCENT,
    USER_RATE_MIN_PERCENT,
};
use overdue_core::dates;
use overdue_core::edit::{parse_setting_number, Edit};
use overdue_core::i18n::Lang;
use rust_decimal::Decimal;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::charges::edit;
use super::field::Field;
use crate::state::{Action, AppState};

type Dispatch = UseReducerDispatcher<AppState>;

/// Everything about reference rates under the charge settings.
pub fn rates_section(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let w = crate::i18n::rates::words(lang);
    let rule = state.workspace.settings.charges.workspace.rule;
    let missing = missing_fixings(state.report.rows().filter_map(|row| row.charge));
    html! {
        <div class="rates" data-testid="rates">
            if rule == RuleKind::CnLpr { { lpr_params(state, dispatch) } }
            <h4>{ w.rates_heading }</h4>
            if !rule.rate_tables().is_empty() { { known_to(state, rule) } }
            if !missing.is_empty() {
                <div class="missing-fixings">
                    <h4>{ w.asked_heading }</h4>
                    <p class="hint">{ w.asked_hint }</p>
                    { for missing.into_iter().map(|fixing| html! {
                        <FixingForm dispatch={dispatch.clone()} {lang} {fixing} />
                    }) }
                </div>
            }
            { user_rates(state, dispatch) }
            <p class="hint" data-testid="rates-updated">{ w.how_updated }</p>
        </div>
    }
}

/// "Bank Rate: built-in table known to 30 Jun 2026; you added rates to 31 Dec 2026".
fn known_to(state: &AppState, rule: RuleKind) -> Html {
    let lang = state.lang();
    let w = crate::i18n::rates::words(lang);
    let user = &state.workspace.settings.charges.user_rates;
    html! {
        <ul class="rates-known">
        { for rule.rate_tables().iter().map(|table| {
            let added = user.iter().filter(|r| r.table == *table).map(|r| r.through).max();
            html! {
                <li data-testid="rate-known" data-table={table.key()}>
                    <strong>{ table.name(lang) }</strong>{ lang.pick("：", ": ") }{ w.built_in_to }{ " " }
                    { dates::display(table.last_known(), lang) }
                    if let Some(to) = added { { lang.pick("；", "; ") }{ w.you_added_to }{ " " }{ dates::display(to, lang) } }
                </li>
            }
        }) }
        </ul>
    }
}

/// The user's own rates, with their source and a remove button each.
fn user_rates(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let w = crate::i18n::rates::words(lang);
    let rates = &state.workspace.settings.charges.user_rates;
    if rates.is_empty() {
        return html! {};
    }
    html! {
        <div class="user-rates">
            <h4>{ w.yours_heading }</h4>
            <ul>
            { for rates.iter().enumerate().map(|(at, r)| {
                let dispatch = dispatch.clone();
                let onclick = Callback::from(move |_| dispatch.dispatch(Action::edit(Edit::RemoveUserRate(at))));
                let source = if r.source.is_empty() { w.no_source.to_string() } else { r.source.clone() };
                html! {
                    <li data-testid="user-rate" data-table={r.table.key()} data-date={dates::iso(r.from)}>
                        { format!("{} {} – {}: {} % ({}; {}) ", r.table.name(lang), dates::iso(r.from), dates::iso(r.through),
                            r.percent.normalize(), w.entered_by_you, source) }
                        <button class="link" data-testid="user-rate-remove" {onclick}>{ w.remove }</button>
                    </li>
                }
            }) }
            </ul>
        </div>
    }
}

/// The `cn-lpr` rule's parameters, as contracts and judgments word them.
fn lpr_params(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let w = crate::i18n::rates::words(lang);
    let params = &state.workspace.settings.charges.workspace;
    let number = |v: &str| parse_setting_number(v).ok().flatten();
    let on_spread = edit(dispatch, |p, v| {
        LprSpread::from_key(&v).map(|s| p.lpr_spread = s).is_some()
    });
    // Typing a multiplier or a margin also says which of the two the rate is built with.
    let on_multiplier = edit(dispatch, move |p, v| match number(&v) {
        Some(m) if m > Decimal::ZERO => {
            p.lpr_multiplier = m;
            p.lpr_spread = LprSpread::Times;
            true
        }
        _ => false,
    });
    let on_margin = edit(dispatch, move |p, v| match number(&v) {
        Some(bps) => {
            p.lpr_margin_bps = bps;
            p.lpr_spread = LprSpread::PlusBasisPoints;
            true
        }
        None => false,
    });
    let checkbox = |set: fn(&mut overdue_core::charges::ChargeRuleParams, bool)| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.dispatch(Action::charge_params(move |next| {
                set(next, on);
                true
            }));
        })
    };
    let on_floating = checkbox(|p, on| {
        p.lpr_mode = if on {
            LprMode::Floating
        } else {
            LprMode::Fixed
        }
    });
    let on_both_ends = checkbox(|p, on| p.lpr_both_ends = on);
    let on_basis = edit(dispatch, |p, v| {
        DayBasis::from_key(&v)
            .map(|b| p.lpr_day_basis = b)
            .is_some()
    });
    let on_start = edit(dispatch, |p, v| {
        p.lpr_start = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok();
        true
    });
    let times = params.lpr_spread == LprSpread::Times;
    html! {
        <div class="lpr-params">
            <h4>{ w.lpr_heading }</h4>
            <div class="grid-fields">
                <label>{ w.lpr_spread }
                    <select data-testid="lpr-spread" onchange={on_spread}>
                        <option value={LprSpread::Times.key()} selected={times}>{ w.lpr_times }</option>
                        <option value={LprSpread::PlusBasisPoints.key()} selected={!times}>{ w.lpr_plus }</option>
                    </select></label>
                <label>{ w.lpr_multiplier }
                    <Field kind="text" inputmode="decimal" testid="lpr-multiplier"
                        value={params.lpr_multiplier.normalize().to_string()} onchange={on_multiplier} /></label>
                <label>{ w.lpr_margin }
                    <Field kind="text" inputmode="decimal" testid="lpr-margin-bps"
                        value={params.lpr_margin_bps.normalize().to_string()} onchange={on_margin} /></label>
                <label>{ w.lpr_basis }
                    <select data-testid="lpr-basis" onchange={on_basis}>
                        { for DayBasis::ALL.iter().map(|b| html! {
                            <option value={b.key()} selected={*b == params.lpr_day_basis}>{ b.label(lang) }</option>
                        }) }
                    </select></label>
                <label>{ w.lpr_start }
                    <input type="date" data-testid="lpr-start" value={params.lpr_start.map(dates::iso).unwrap_or_default()} onchange={on_start} /></label>
            </div>
            <label class="check"><input type="checkbox" data-testid="lpr-floating" checked={params.lpr_mode == LprMode::Floating} onchange={on_floating} />
                { w.lpr_floating }</label>
            <label class="check"><input type="checkbox" data-testid="lpr-both-ends" checked={params.lpr_both_ends} onchange={on_both_ends} />
                { w.lpr_both_ends }</label>
            <p class="hint">{ w.lpr_multiplier_hint }{ " " }{ w.lpr_start_hint }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FixingProps {
    pub dispatch: Dispatch,
    pub lang: Lang,
    pub fixing: MissingFixing,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Problem {
    Rate,
    Through,
}

/// The answer the boxes give, or what to correct first: a rate in the range the core keeps,
/// and a last day (the LPR's next publication can move with a holiday) not before the first.
fn answer(
    fixing: &MissingFixing,
    rate: &str,
    source: &str,
    through: &str,
) -> Result<overdue_core::charges::UserRate, Problem> {
    let percent = parse_setting_number(rate)
        .ok()
        .flatten()
        .filter(|p| (USER_RATE_MIN_PERCENT..=USER_RATE_MAX_PERCENT).contains(p))
        .ok_or(Problem::Rate)?;
    let mut entry = fixing.answer(percent, source.trim());
    if let Ok(day) = NaiveDate::parse_from_str(through.trim(), "%Y-%m-%d") {
        if day < entry.from {
            return Err(Problem::Through);
        }
        entry.through = day;
    }
    Ok(entry)
}

/// One question: "Bank Rate on 2026-12-31: ___ % — source: ___", with where it is published.
#[function_component(FixingForm)]
fn fixing_form(props: &FixingProps) -> Html {
    let lang = props.lang;
    let w = crate::i18n::rates::words(lang);
    let fixing = &props.fixing;
    let problem = use_state(|| None::<Problem>);
    let (rate, source, through) = (use_node_ref(), use_node_ref(), use_node_ref());
    let onsubmit = {
        let (rate, source, through) = (rate.clone(), source.clone(), through.clone());
        let fixing = fixing.clone();
        let dispatch = props.dispatch.clone();
        let problem = problem.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            match answer(&fixing, &value(&rate), &value(&source), &value(&through)) {
                Ok(entry) => {
                    problem.set(None);
                    dispatch.dispatch(Action::edit(Edit::AddUserRate(entry)));
                }
                Err(p) => problem.set(Some(p)),
            }
        })
    };
    html! {
        <form class="missing-fixing" data-testid="missing-fixing" data-table={fixing.table.key()}
            data-date={dates::iso(fixing.from)} {onsubmit}>
            <p><strong>{ fixing.question(lang) }</strong>
                { format!(" · {} {}", fixing.invoices, w.invoices_need_it) }</p>
            <div class="grid-fields">
                <label>{ w.percent_a_year }
                    <input type="text" inputmode="decimal" data-testid="fixing-rate" ref={rate} required=true /></label>
                <label>{ w.source }
                    <input type="text" data-testid="fixing-source" placeholder={w.source_placeholder} ref={source} /></label>
                // The LPR's next publication is estimated (a holiday moves it): its last day is the user's to correct.
                if fixing.published_on.is_some() {
                    <label>{ w.through }
                        <input type="date" data-testid="fixing-through" value={dates::iso(fixing.through)}
                            min={dates::iso(fixing.from)} ref={through} /></label>
                }
            </div>
            <p class="hint">{ fixing.hint(lang) }</p>
            if let Some(p) = *problem {
                <p class="warning" role="alert" data-testid="fixing-error">
                    { match p { Problem::Rate => w.bad_rate, Problem::Through => w.bad_through } }
                </p>
            }
            <button type="submit" class="primary" data-testid="fixing-save">{ w.save }</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use overdue_core::charges::RateTable;

    fn bank_rate() -> MissingFixing {
        let day = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        MissingFixing {
            table: RateTable::BoeBankRate,
            from: day,
            through: day,
            published_on: None,
            invoices: 1,
        }
    }

    #[test]
    fn an_answer_in_range_is_the_entry_the_core_suggests() {
        let entry = answer(&bank_rate(), "3,75 %", " BoE ", "").unwrap();
        assert_eq!(entry.percent, Decimal::new(375, 2));
        assert_eq!(entry.source, "BoE");
        assert_eq!(
            (entry.from, entry.through),
            (bank_rate().from, bank_rate().through)
        );
    }

    #[test]
    fn a_rate_out_of_range_or_a_last_day_before_the_first_is_refused() {
        assert_eq!(answer(&bank_rate(), "45", "", ""), Err(Problem::Rate));
        assert_eq!(answer(&bank_rate(), "", "", ""), Err(Problem::Rate));
        assert_eq!(
            answer(&bank_rate(), "3.75", "", "2026-12-01"),
            Err(Problem::Through)
        );
    }
}
