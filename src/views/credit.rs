//! Credit control on the page: the 账龄表's compact credit cell (used/limit · grade), the
//! customer's credit details row (limit, exposure, grade and its reasons, suggested limit,
//! whether to ship), the line on a Today card, and the credit and working-day settings. Every
//! figure and reason comes from the core's `report.credit` / `report.calendar`.

use overdue_core::calendar::CalendarChoice;
use overdue_core::credit::{
    explain, CreditLimit, CreditSettings, CustomerCreditReport, Hold, Terms,
};
use overdue_core::edit::{parse_setting_number, Edit};
use overdue_core::i18n::Lang;
use rust_decimal::Decimal;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::i18n::credit::words;
use crate::state::{Action, AppState, PanelAction};

use super::field::Field;
use super::*;

/// `12,345` — whole units: the cell must stay narrow.
fn short(value: Decimal) -> String {
    let s = amount(value.round());
    s.strip_suffix(".00").map(str::to_string).unwrap_or(s)
}

/// The currency row of the 账龄表 a customer's credit is shown on: its limit's currency, else
/// its first row's.
fn home_currency<'a>(state: &'a AppState, c: &'a CustomerCreditReport) -> Option<&'a str> {
    c.limit.as_ref().map(|l| l.currency.as_str()).or_else(|| {
        state
            .report
            .customers
            .iter()
            .find(|s| s.customer == c.customer)
            .map(|s| s.rollup.currency.as_str())
    })
}

fn grade_key(c: &CustomerCreditReport) -> &'static str {
    c.graded.grade.map_or("new", |g| g.letter())
}

/// The 账龄表's credit cell for one customer and currency row (empty on the customer's other
/// currency rows).
pub fn credit_cell(state: &AppState, dispatch: &Dispatch, customer: &str, currency: &str) -> Html {
    let w = words(state.lang());
    let Some(c) = state.report.credit.customer(customer) else {
        return html! { <td data-col="credit"></td> };
    };
    if home_currency(state, c) != Some(currency) {
        return html! { <td data-col="credit"></td> };
    }
    let used = match (&c.limit, c.used) {
        (Some(l), Some(u)) => format!("{}/{}", short(u), short(l.amount)),
        _ => "—".to_string(),
    };
    let grade = c.graded.grade.map_or(w.new_customer, |g| g.letter());
    let toggle = {
        let dispatch = dispatch.clone();
        let customer = customer.to_string();
        Callback::from(move |_| {
            dispatch.dispatch(Action::Panel(PanelAction::ToggleCredit(customer.clone())))
        })
    };
    let hold = c.recommendation.hold;
    html! {
        <td data-col="credit" data-label={w.column} class={classes!(c.over_limit().then_some("accent"))}>
            <button class="link credit-toggle" title={w.column_hint} onclick={toggle}
                data-testid="credit-toggle" data-customer={customer.to_string()}
                aria-expanded={(state.ui.credit_open.as_deref() == Some(customer)).to_string()}>
                { used }{ " · " }<span data-testid="credit-grade" data-grade={grade_key(c)}>{ grade }</span>
                if hold != Hold::Clear { { " ⚠" } }
            </button>
        </td>
    }
}

/// The details row under a customer's row, when its credit cell was opened.
pub fn credit_details_row(
    state: &AppState,
    dispatch: &Dispatch,
    customer: &str,
    currency: &str,
    colspan: usize,
) -> Html {
    let open = state.ui.credit_open.as_deref() == Some(customer);
    match state.report.credit.customer(customer) {
        Some(c) if open && home_currency(state, c) == Some(currency) => html! {
            <tr class="credit-details" data-testid="credit-details" data-customer={customer.to_string()}>
                <td colspan={colspan.to_string()}>{ details(state, dispatch, c) }</td>
            </tr>
        },
        _ => html! {},
    }
}

fn reasons(items: impl Iterator<Item = String>) -> Html {
    html! { <ul class="credit-why" data-testid="credit-why">{ for items.map(|r| html! { <li>{ r }</li> }) }</ul> }
}

fn details(state: &AppState, dispatch: &Dispatch, c: &CustomerCreditReport) -> Html {
    let lang = state.lang();
    let w = words(lang);
    let settings = &state.workspace.settings;
    let currency = home_currency(state, c)
        .unwrap_or(&settings.default_currency)
        .to_string();
    let own = settings
        .credit
        .customers
        .get(&c.customer)
        .and_then(|x| x.limit.as_ref());
    let on_limit = {
        let dispatch = dispatch.clone();
        let customer = c.customer.clone();
        let currency = currency.clone();
        Callback::from(move |e: Event| {
            if let Ok(value) = parse_setting_number(&input_value(&e)) {
                let limit = value.map(|amount| CreditLimit {
                    amount,
                    currency: currency.clone(),
                });
                dispatch.dispatch(set_limit(customer.clone(), limit));
            }
        })
    };
    let on_insured = {
        let dispatch = dispatch.clone();
        let customer = c.customer.clone();
        Callback::from(move |e: Event| {
            if let Ok(limit) = parse_setting_number(&input_value(&e)) {
                dispatch.dispatch(Action::edit(Edit::SetInsuredLimit {
                    customer: customer.clone(),
                    limit,
                }));
            }
        })
    };
    let placeholder = if settings.credit.default_limit.is_some() {
        w.limit_placeholder_default
    } else {
        w.limit_placeholder_none
    };
    let rec = &c.recommendation;
    let hold_since = settings
        .credit
        .customers
        .get(&c.customer)
        .and_then(|x| x.hold_since);
    let hold_button = |since: Option<chrono::NaiveDate>, label: &'static str| {
        let dispatch = dispatch.clone();
        let customer = c.customer.clone();
        let onclick = Callback::from(move |_| {
            dispatch.dispatch(Action::edit(Edit::SetHold {
                customer: customer.clone(),
                since,
            }))
        });
        let testid = if since.is_some() {
            "place-hold"
        } else {
            "lift-hold"
        };
        html! { <button class="secondary" data-testid={testid} {onclick}>{ label }</button> }
    };
    html! {
        <div class="credit-panel">
            <h4>{ w.details_of }{ &c.customer }</h4>
            <div class="grid-fields">
                <label>{ format!("{}{}{currency}{}", w.limit, w.open, w.close) }
                    <Field kind="text" inputmode="decimal" testid="credit-limit" customer={c.customer.clone()}
                        value={own.map(|l| l.amount.normalize().to_string()).unwrap_or_default()}
                        placeholder={placeholder} onchange={on_limit} /></label>
                if settings.playbook.credit_insured {
                    <label>{ format!("{}{}{currency}{}", w.insured_limit, w.open, w.close) }
                        <Field kind="text" inputmode="decimal" testid="insured-limit" customer={c.customer.clone()}
                            value={settings.credit.customers.get(&c.customer).and_then(|x| x.insured_limit).map(|d| d.normalize().to_string()).unwrap_or_default()}
                            onchange={on_insured} /></label>
                }
                if let (Some(l), false) = (&c.limit, c.limit.as_ref().is_some_and(|l| l.own)) {
                    <p class="hint">{ overdue_core::money::format_money(l.amount, &l.currency) }{ w.limit_is_default }</p>
                }
            </div>
            <p data-testid="credit-exposure" data-customer={c.customer.clone()}>
                <strong>{ w.exposure }{ w.colon }</strong>
                { for c.exposure.iter().map(|e| {
                    let other = c.limit.as_ref().is_some_and(|l| l.currency != e.currency);
                    html! {
                        <span class="exposure" data-currency={e.currency.clone()}>
                            { format!(" {} {} ({} {} · {} {})", e.currency, amount(e.total()), w.overdue, amount(e.overdue), w.not_due, amount(e.not_due)) }
                            if other { <em>{ format!(" — {}", w.not_counted) }</em> }
                        </span>
                    }
                }) }
                if c.exposure.is_empty() { { " —" } }
            </p>
            <div>
                <strong>{ w.grade }{ w.colon }</strong>
                <span class="grade" data-grade={grade_key(c)}>{ c.graded.grade.map_or(w.new_customer, |g| g.letter()) }</span>
                if c.graded.grade.is_none() {
                    <p>{ explain::no_history(&settings.credit, lang) }</p>
                } else {
                    { reasons(c.graded.why.iter().map(|r| explain::grade_reason(r, lang))) }
                }
                <p class="hint">{ explain::grade_rule(&settings.credit, lang) }</p>
            </div>
            <div data-testid="suggested-limit" data-customer={c.customer.clone()}>
                <strong>{ w.suggested }{ w.colon }</strong>
                { match &c.suggestion {
                    Some(s) => {
                        let accept = {
                            let dispatch = dispatch.clone();
                            let limit = CreditLimit { amount: s.amount, currency: s.currency.clone() };
                            let customer = c.customer.clone();
                            Callback::from(move |_| dispatch.dispatch(set_limit(customer.clone(), Some(limit.clone()))))
                        };
                        html! { <>
                            <span class="num" data-amount={s.amount.normalize().to_string()}>{ format!(" {}", overdue_core::money::format_money(s.amount, &s.currency)) }</span>
                            { format!("{}{}{}", w.open, explain::suggestion(s, lang), w.close) }
                            <button class="secondary" data-testid="accept-suggested" onclick={accept}>{ w.accept }</button>
                        </> }
                    }
                    None => html! { <span>{ w.no_suggestion }</span> },
                } }
                <p class="hint">{ explain::suggest_rule(&settings.credit, lang) }</p>
            </div>
            { insurance_line(c, lang) }
            <div>
                { recommendation_line(c, lang) }
                if rec.hold == Hold::Hold && hold_since.is_none() { { hold_button(Some(state.as_of()), w.place_hold) } }
                if hold_since.is_some() { { hold_button(None, w.lift_hold) } }
            </div>
        </div>
    }
}

fn set_limit(customer: String, limit: Option<CreditLimit>) -> Action {
    Action::edit(Edit::SetCreditLimit { customer, limit })
}

/// "Stop shipment, hold new orders: over the limit…; Payment before delivery" with its reasons.
fn recommendation_line(c: &CustomerCreditReport, lang: Lang) -> Html {
    let w = words(lang);
    let rec = &c.recommendation;
    let why: Vec<String> = rec
        .why
        .iter()
        .map(|r| explain::hold_reason(r, lang))
        .collect();
    html! {
        <p class="credit-line" data-testid="credit-hold" data-hold={rec.hold.key()} data-customer={c.customer.clone()}>
            <strong>{ w.shipping }{ w.colon }{ explain::hold(rec.hold, lang) }</strong>
            if let Some(terms) = explain::terms(rec.terms, lang) { { format!("{}{}{}{terms}", w.semicolon, w.terms, w.colon) } }
            if !why.is_empty() { <span class="credit-why" data-testid="credit-why">{ format!(" — {}", why.join(w.semicolon)) }</span> }
        </p>
    }
}

fn insurance_line(c: &CustomerCreditReport, lang: Lang) -> Html {
    match &c.insurance {
        Some(i) => html! {
            <p class="hint" data-testid="credit-insurance" data-customer={c.customer.clone()}>
                { explain::insurance(i, lang) }
            </p>
        },
        None => html! {},
    }
}

/// The credit line on a customer's Today card: shown when it should not simply ship, and the
/// insurer's notice and claim days when the buyer is insured and something is overdue.
pub fn today_line(state: &AppState, customer: &str) -> Html {
    let lang = state.lang();
    let insured = state
        .report
        .credit
        .customer(customer)
        .filter(|c| c.insurance.as_ref().is_some_and(|i| i.notice_by.is_some()))
        .map(|c| insurance_line(c, lang));
    html! { <>{ hold_line(state, customer) }{ for insured }</> }
}

fn hold_line(state: &AppState, customer: &str) -> Html {
    let lang = state.lang();
    match state.report.credit.customer(customer) {
        Some(c)
            if c.recommendation.hold != Hold::Clear || c.recommendation.terms != Terms::Usual =>
        {
            let used = match (&c.limit, c.used) {
                (Some(l), Some(u)) => html! {
                    <p class="hint" data-testid="credit-exposure" data-customer={customer.to_string()}>
                        { format!("{}: {} / {}", words(lang).limit, overdue_core::money::format_money(u, &l.currency), amount(l.amount)) }
                    </p>
                },
                _ => html! {},
            };
            html! { <div class="credit-today">{ recommendation_line(c, lang) }{ used }{ calendar_warning(state, customer) }</div> }
        }
        _ => calendar_warning(state, customer),
    }
}

fn calendar_warning(state: &AppState, customer: &str) -> Html {
    if past_table(state, customer) {
        html! { <p class="hint accent" data-testid="calendar-past-table">{ words(state.lang()).past_table }</p> }
    } else {
        html! {}
    }
}

/// Credit thresholds, the default limit and the working-day calendar, in Settings.
pub fn credit_settings(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let w = words(lang);
    let settings = &state.workspace.settings;
    let credit = &settings.credit;
    let edit_credit = |change: fn(&mut CreditSettings, Decimal)| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Ok(Some(v)) = parse_setting_number(&input_value(&e)) {
                dispatch.dispatch(Action::credit(move |next| change(next, v)));
            }
        })
    };
    let number = |label: String,
                  testid: &'static str,
                  value: String,
                  change: fn(&mut CreditSettings, Decimal)| {
        html! { <label>{ label }<Field kind="text" inputmode="decimal" testid={testid} {value} onchange={edit_credit(change)} /></label> }
    };
    let on_default = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = parse_setting_number(&input_value(&e)) {
                dispatch.dispatch(Action::credit(move |next| next.default_limit = v));
            }
        })
    };
    let on_claim_wait = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = parse_setting_number(&input_value(&e)) {
                dispatch.dispatch(Action::credit(move |next| {
                    next.claim_waiting_days = v.map(to_u32)
                }));
            }
        })
    };
    let calendar = &settings.calendar;
    let on_choice = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(choice) = CalendarChoice::from_key(&select_value(&e)) {
                dispatch.dispatch(Action::calendar(move |next| next.choice = choice));
            }
        })
    };
    let on_holidays = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let holidays = text
                .split(|c: char| c == ',' || c == '\u{FF0C}' || c.is_whitespace())
                .filter_map(|s| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
                .collect();
            dispatch.dispatch(Action::calendar(move |next| next.holidays = holidays));
        })
    };
    let choice_label = |c: CalendarChoice| match c {
        CalendarChoice::Auto => w.calendar_auto,
        CalendarChoice::MainlandChina => w.calendar_china,
        CalendarChoice::WeekendsOnly => w.calendar_weekends,
    };
    let resolved = &state.report.calendar;
    let holidays_text = calendar
        .holidays
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let dec = |n: u32| n.to_string();
    html! {
        <div class="field" data-testid="credit-settings">
            <h3>{ w.calendar_heading }</h3>
            <div class="grid-fields">
                <label>{ w.calendar_heading }
                    <select data-testid="calendar-choice" onchange={on_choice}>
                        { for CalendarChoice::ALL.iter().map(|c| html! {
                            <option value={c.key()} selected={*c == calendar.choice}>{ choice_label(*c) }</option>
                        }) }
                    </select></label>
                <p class="hint" data-testid="calendar-covered-to">
                    { match resolved.covered_to() {
                        Some(year) => format!("{}{}{year}", w.covered_to, w.colon),
                        None => w.weekends_only_note.to_string(),
                    } }
                </p>
                <label>{ w.own_holidays }
                    <Field rows="2" testid="calendar-holidays" placeholder={w.own_holidays_hint}
                        value={holidays_text} onchange={on_holidays} /></label>
            </div>
            <h3>{ w.settings_heading }</h3>
            <div class="grid-fields">
                <label>{ format!("{}{}{}{}", w.default_limit, w.open, settings.default_currency, w.close) }
                    <Field kind="text" inputmode="decimal" testid="credit-default-limit"
                        value={credit.default_limit.map(|d| d.normalize().to_string()).unwrap_or_default()} onchange={on_default} /></label>
                <p class="hint">{ w.grade_thresholds }</p>
                { number(format!("A {}", w.on_time_at_least), "credit-a-on-time", dec(credit.on_time_percent[0]), |s, v| s.on_time_percent[0] = to_u32(v)) }
                { number(format!("A {}", w.days_late_at_most), "credit-a-days", dec(credit.days_late[0]), |s, v| s.days_late[0] = to_u32(v)) }
                { number(format!("B {}", w.on_time_at_least), "credit-b-on-time", dec(credit.on_time_percent[1]), |s, v| s.on_time_percent[1] = to_u32(v)) }
                { number(format!("B {}", w.days_late_at_most), "credit-b-days", dec(credit.days_late[1]), |s, v| s.days_late[1] = to_u32(v)) }
                { number(format!("C {}", w.on_time_at_least), "credit-c-on-time", dec(credit.on_time_percent[2]), |s, v| s.on_time_percent[2] = to_u32(v)) }
                { number(format!("C {}", w.days_late_at_most), "credit-c-days", dec(credit.days_late[2]), |s, v| s.days_late[2] = to_u32(v)) }
                { number(w.grace_days.to_string(), "credit-grace", dec(credit.grace_days), |s, v| s.grace_days = to_u32(v)) }
                { number(w.suggest_months.to_string(), "credit-suggest-months", dec(credit.suggest_months), |s, v| s.suggest_months = to_u32(v)) }
                { number(w.history_months.to_string(), "credit-history-months", dec(credit.history_months), |s, v| s.history_months = to_u32(v)) }
                { number(w.new_customer_orders.to_string(), "credit-new-orders", dec(credit.new_customer_orders), |s, v| s.new_customer_orders = to_u32(v)) }
                if settings.playbook.credit_insured {
                    <label>{ w.claim_waiting_days }
                        <Field kind="text" inputmode="numeric" testid="credit-claim-wait"
                            value={credit.claim_waiting_days.map(|d| d.to_string()).unwrap_or_default()} onchange={on_claim_wait} /></label>
                }
            </div>
            <p class="hint">{ explain::grade_rule(credit, lang) }</p>
        </div>
    }
}

/// A typed number as a whole count: negatives are 0, fractions dropped; the core clamps the top.
fn to_u32(v: Decimal) -> u32 {
    use rust_decimal::prelude::ToPrimitive;
    v.trunc().max(Decimal::ZERO).to_u32().unwrap_or(u32::MAX)
}

/// True when one of this customer's working-day deadlines (a dispute's acknowledgment or
/// evidence) falls after the holiday table ends, so it was counted by weekends only.
fn past_table(state: &AppState, customer: &str) -> bool {
    // Worked out once per playbook for every customer, not per card over the whole ledger.
    super::memo::today_cards(&state.report).past_table(customer)
}
