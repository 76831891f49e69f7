//! The collection playbook on the page (issue 4): the today list, an invoice's stage and next
//! steps with why, its dispute and promise to pay, and the playbook's settings.

use overdue_core::dates;
use overdue_core::edit::{parse_setting_number, Edit};
use overdue_core::i18n::Lang;
use overdue_core::playbook::{
    describe_when, format_date, CollectionAction, CustomerCard, Dispute, DisputeReason, InvoiceKey,
    Jurisdiction, PlaybookSettings, PromiseToPay, RiskLevel, Step, TodayItem,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::field::Field;
use crate::state::{Action, AppState, TableAction};

type Dispatch = UseReducerDispatcher<AppState>;

fn risk_class(risk: RiskLevel) -> &'static str {
    match risk {
        RiskLevel::Low => "risk-low",
        RiskLevel::Medium => "risk-medium",
        RiskLevel::High => "risk-high",
    }
}

/// The Today tab: a work queue, one card per customer (its tracks inside), each due action
/// with its own "done" and "snooze to…", and the letter an action calls for as a button.
pub fn today_list(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let report = &state.report;
    let items = &report.playbook.today;
    let w = crate::i18n::today::words(lang);
    if let Some(batch) = crate::views::batch::batch_view(state, dispatch) {
        return batch;
    }
    // Grouped once per playbook, not per render; only the cards drawn are built.
    let memo = super::memo::today_cards(report);
    let cards = memo.first(items, state.ui.today_shown);
    let empty = if report.parsed.invoices.is_empty() {
        Some(w.no_data_yet)
    } else if items.is_empty() {
        Some(w.nothing_to_do_today)
    } else if !memo.any_to_do {
        Some(w.nothing_due_now)
    } else {
        None
    };
    html! {
        <div class="today" data-testid="today-list">
            if let Some(text) = empty {
                <p class="empty" data-testid="today-empty">{ text }</p>
            }
            if !cards.is_empty() {
                <p class="hint">{ w.in_order_of_priority_stage }{ " " }{ super::contacts::export_button(state) }</p>
                { crate::views::batch::batch_entry(state, dispatch) }
                <ol>{ for cards.iter().map(|card| card_html(state, dispatch, card)) }</ol>
                { show_more(state, dispatch, memo.len()) }
            }
        </div>
    }
}

/// "Show more" under the cards when some are not drawn yet, with how many are left.
fn show_more(state: &AppState, dispatch: &Dispatch, total: usize) -> Html {
    let left = total.saturating_sub(state.ui.today_shown);
    if left == 0 {
        return html! {};
    }
    let dispatch = dispatch.clone();
    let onclick = Callback::from(move |_| {
        dispatch.dispatch(Action::Panel(crate::state::PanelAction::ShowMoreToday))
    });
    let next = left.min(crate::state::TODAY_PAGE);
    html! {
        <p class="today-more">
            <button data-testid="today-more" data-left={left.to_string()} {onclick}>
                { crate::i18n::today::show_more(state.lang(), next, left) }
            </button>
        </p>
    }
}

/// One customer's card. Its data attributes are its most urgent item's (kind, stage), and
/// "todo" while anything on it is due.
fn card_html(state: &AppState, dispatch: &Dispatch, card: &CustomerCard) -> Html {
    let lang = state.lang();
    let first = card.items[0];
    let risk = card
        .items
        .iter()
        .map(|i| i.risk)
        .max()
        .unwrap_or(first.risk);
    html! {
        <li class={classes!("today-item", (!card.is_to_do()).then_some("done"))}
            data-customer={card.customer.to_string()} data-kind={first.kind.key()} data-stage={first.stage.key()}
            data-status={if card.is_to_do() { "todo" } else { "done" }}>
            <div class="item-head">
                <strong class="customer">{ card.customer }</strong>
                <span class={classes!("badge", risk_class(risk))}>{ risk.describe(lang) }</span>
            </div>
            { super::credit::today_line(state, card.customer) }
            { for card.items.iter().map(|item| track_html(state, dispatch, item)) }
            { super::contacts::customer_log(state, dispatch, card.customer, true) }
            { crate::views::sent::card_records(state, dispatch, card) }
        </li>
    }
}

/// One track of a card (overdue, a dispute, a promise, falling due): its facts, steps and why.
fn track_html(state: &AppState, dispatch: &Dispatch, item: &TodayItem) -> Html {
    let lang = state.lang();
    let as_of = state.report.as_of;
    let w = crate::i18n::today::words(lang);
    let invoices = &state.report.parsed.invoices;
    let numbers: Vec<&str> = item.invoices(invoices).map(|i| i.number.as_str()).collect();
    let keys = item.keys(invoices);
    let letter = item.letter.map(|kind| {
        let dispatch = dispatch.clone();
        let customer = item.customer.clone();
        let invoices = keys.clone();
        let onclick = Callback::from(move |_| {
            dispatch.dispatch(Action::OpenLetter {
                customer: customer.clone(),
                kind,
                invoices: invoices.clone(),
            })
        });
        html! {
            <p class="letter">
                <button class="primary" data-testid="open-letter" data-letter={kind.key()} {onclick}>
                    { w.write_letter }{ kind.describe(lang) }
                </button>
            </p>
        }
    });
    html! {
        <section class={classes!("track", format!("track-{}", item.kind.key()))} data-kind={item.kind.key()}>
            <p class="item-facts">
                <span class={classes!("badge", format!("stage-{}", item.stage.key()))}>{ item.stage.describe(lang) }</span>
                <span class="kind">{ item.kind.describe(lang) }</span>
                { " " }{ item.amounts.iter().map(|m| m.describe()).collect::<Vec<_>>().join(" · ") }
                if item.oldest_days_past_due > 0 {
                    { format!(" · {} {}", w.oldest, item.oldest_days_past_due) }{ w.days }
                }
                { " · " }{ w.invoices }{ numbers.join(w.list_separator) }
            </p>
            <ul class="steps">{ for item.steps.iter().map(|s| step_html(state, dispatch, item, &keys, s)) }</ul>
            { for letter }
            <p class="why">{ w.why }{ item.why.iter().map(|r| r.describe(lang)).collect::<Vec<_>>().join(w.text_2) }</p>
            <p class="next">
                { w.next_action }
                <strong>{ item.next_action_date.map(|d| match lang {
                    Lang::Zh => format!("{}（{}）", format_date(d, lang), describe_when(d, as_of, lang)),
                    Lang::En => format!("{} ({})", format_date(d, lang), describe_when(d, as_of, lang)),
                }).unwrap_or_else(|| "—".into()) }</strong>
            </p>
        </section>
    }
}

/// One step: its day against today, and for a due step its own "done" and "snooze to…";
/// a step done today can be undone.
fn step_html(
    state: &AppState,
    dispatch: &Dispatch,
    item: &TodayItem,
    keys: &[InvoiceKey],
    step: &Step,
) -> Html {
    let lang = state.lang();
    let as_of = state.report.as_of;
    let w = crate::i18n::today::words(lang);
    let due = step.is_due(as_of);
    let keys = keys.to_vec();
    let action = step.action;
    let mark = {
        let dispatch = dispatch.clone();
        let keys = keys.clone();
        Callback::from(move |_| dispatch.dispatch(Action::MarkDone(keys.clone(), vec![action])))
    };
    let undo = {
        let dispatch = dispatch.clone();
        let keys = keys.clone();
        Callback::from(move |_| dispatch.dispatch(Action::UndoDone(keys.clone(), vec![action])))
    };
    let snooze = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(until) = chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
                dispatch.dispatch(Action::Snooze(keys.clone(), action, Some(until)));
            }
        })
    };
    // The earliest day a snooze can pick: tomorrow (snoozing to today would change nothing).
    let tomorrow = as_of.succ_opt().map(dates::iso).unwrap_or_default();
    html! {
        <li class={classes!("step", step.done.is_some().then_some("done"), (due && step.due < as_of).then_some("late"))}
            data-action={action.key()}>
            { if step.done.is_some() { "✓ " } else if due { "→ " } else { "· " } }
            { action.describe(lang) }
            <span class="when">{ " — " }{ format_date(step.due, lang) }
                if step.done.is_none() { { lang.pick("（", " (") }<span data-testid="step-when">{ describe_when(step.due, as_of, lang) }</span>{ lang.pick("）", ")") } }
            </span>
            if due {
                { " " }<button class="primary" data-testid="mark-done" onclick={mark}>{ w.mark_done }</button>
                { " " }<label class="snooze">{ w.snooze_to }
                    <input type="date" data-testid="snooze" min={tomorrow} onchange={snooze} /></label>
            }
            // A call is logged, not only ticked: what was said and promised steers the next steps.
            if due && matches!(action, CollectionAction::CallPayablesContact | CollectionAction::AskReasonForDelay) {
                { " " }{ super::contacts::log_button(dispatch, &item.customer, crate::i18n::contacts::words(lang).log_call) }
            }
            if step.done == Some(as_of) {
                { " " }<button class="link" data-testid="undo-done" onclick={undo}>{ w.undo }</button>
            }
        </li>
    }
}

/// The playbook's view of one invoice, with its dispute and promise controls.
pub fn invoice_playbook(state: &AppState, dispatch: &Dispatch, i: usize) -> Html {
    let lang = state.lang();
    let report = &state.report;
    let Some((assessment, invoice)) = report.row(i).map(|row| (row.assessment, row.invoice)) else {
        return html! {};
    };
    let w = crate::i18n::today::words(lang);
    let key = InvoiceKey::of(invoice);
    let annotation = state
        .workspace
        .annotations
        .get(&key)
        .cloned()
        .unwrap_or_default();
    // Choosing a reason is what sets a dispute (the page never guesses one); the day it was
    // raised starts as the as-of date and is the user's to change.
    let on_reason = {
        let dispatch = dispatch.clone();
        let key = key.clone();
        let as_of = report.as_of;
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(reason) = DisputeReason::from_key(&value) {
                dispatch.dispatch(Action::dispute(key.clone(), move |current| {
                    Some(Dispute {
                        reason,
                        disputed_amount: current.and_then(|d| d.disputed_amount),
                        since: current.map_or(as_of, |d| d.since),
                    })
                }));
            }
        })
    };
    let on_since = {
        let dispatch = dispatch.clone();
        let key = key.clone();
        let as_of = report.as_of;
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let day = chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
            // A dispute is raised on a day that has come: a later one is a typing slip.
            if let Some(day) = day.filter(|d| *d <= as_of) {
                dispatch.dispatch(Action::dispute(key.clone(), move |current| {
                    Some(Dispute {
                        since: day,
                        ..current?.clone()
                    })
                }));
            }
        })
    };
    let on_disputed_amount = {
        let dispatch = dispatch.clone();
        let key = key.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let amount = parse_setting_number(&value).ok().flatten();
            dispatch.dispatch(Action::dispute(key.clone(), move |current| {
                Some(Dispute {
                    disputed_amount: amount,
                    ..current?.clone()
                })
            }));
        })
    };
    let on_promise = {
        let dispatch = dispatch.clone();
        let key = key.clone();
        let as_of = report.as_of;
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let promise = chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                .ok()
                .map(|pay_by| PromiseToPay {
                    pay_by,
                    made_on: as_of,
                });
            dispatch.dispatch(Action::edit(Edit::SetPromise(key.clone(), promise)));
        })
    };
    let promise = annotation
        .promises
        .last()
        .map(|p| dates::iso(p.pay_by))
        .unwrap_or_default();
    html! {
        <div class="playbook-detail" data-testid="invoice-playbook">
            <p>
                <strong>{ assessment.stage.describe(lang) }</strong>
                if let Some(next) = assessment.next_action {
                    { " · " }{ w.next }{ next.action.describe(lang) }{ " — " }{ format_date(next.date, lang) }
                }
            </p>
            <p class="why">{ w.why }{ assessment.why.iter().map(|r| r.describe(lang)).collect::<Vec<_>>().join(crate::i18n::today::words(lang).text_2) }</p>
            <div class="grid-fields">
                if let Some(dispute) = &annotation.dispute {
                    <label>{ w.dispute_reason }
                        <select data-testid="dispute-reason" onchange={on_reason}>
                            { for DisputeReason::ALL.iter().map(|r| html! {
                                <option value={r.key()} selected={*r == dispute.reason}>{ r.describe(lang) }</option>
                            }) }
                        </select></label>
                    <label>{ w.dispute_raised_on }
                        <input type="date" data-testid="dispute-since" max={dates::iso(report.as_of)}
                            value={dates::iso(dispute.since)} onchange={on_since} /></label>
                    <label>{ w.disputed_amount_blank_all }
                        <Field kind="text" inputmode="decimal" testid="disputed-amount"
                            value={dispute.disputed_amount.map(|a| a.to_string()).unwrap_or_default()} onchange={on_disputed_amount} /></label>
                } else if invoice.outstanding > rust_decimal::Decimal::ZERO {
                    <label>{ w.dispute_ask_reason }
                        <select data-testid="dispute-reason" onchange={on_reason}>
                            <option value="" selected=true>{ w.choose }</option>
                            { for DisputeReason::ALL.iter().map(|r| html! {
                                <option value={r.key()}>{ r.describe(lang) }</option>
                            }) }
                        </select></label>
                }
                <label>{ w.promised_to_pay_by }
                    <input type="date" data-testid="promise-date" value={promise} onchange={on_promise} /></label>
            </div>
            { super::contacts::customer_log(state, dispatch, &invoice.customer, false) }
        </div>
    }
}

/// The stage cell of an invoice row, with the dispute toggle.
pub fn stage_cell(state: &AppState, dispatch: &Dispatch, i: usize) -> Html {
    let lang = state.lang();
    let report = &state.report;
    let Some((assessment, invoice)) = report.row(i).map(|row| (row.assessment, row.invoice)) else {
        return html! { <td></td> };
    };
    let key = InvoiceKey::of(invoice);
    let disputed = state
        .workspace
        .annotations
        .get(&key)
        .is_some_and(|a| a.dispute.is_some());
    let w = crate::i18n::today::words(lang);
    let open_open = state.table.expanded == Some(i);
    // Setting a dispute asks its reason (in the row's details); clearing one is one click.
    let on_clear = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| {
            dispatch.dispatch(Action::edit(Edit::SetDispute(key.clone(), None)))
        })
    };
    let on_ask = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if !open_open {
                dispatch.dispatch(Action::Table(TableAction::ToggleDetails(i)));
            }
        })
    };
    let toggle_details = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Table(TableAction::ToggleDetails(i))))
    };
    html! {
        <td data-col="stage" data-stage={assessment.stage.key()}>
            <button class="link details" data-testid="invoice-details" aria-expanded={open_open.to_string()}
                title={crate::i18n::today::words(lang).next_steps_and_why} onclick={toggle_details}>
                { assessment.stage.describe(lang) }
            </button>
            // Only an open invoice can be disputed (a dispute already set stays visible). A
            // button until then: a checkbox ticked before a reason is given would say "disputed".
            if disputed {
                <label class="dispute" title={w.the_customer_disputes_this_invoice}>
                    <input type="checkbox" data-testid="dispute-toggle" checked=true onchange={on_clear} />
                    { w.disputed }
                </label>
            } else if invoice.outstanding > rust_decimal::Decimal::ZERO {
                <button class="link dispute" data-testid="dispute-toggle" title={w.the_customer_disputes_this_invoice}
                    onclick={on_ask}>{ w.dispute_ellipsis }</button>
            }
        </td>
    }
}

/// The playbook's thresholds and options, editable.
pub fn playbook_settings(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let w = crate::i18n::today::words(lang);
    let settings = &state.workspace.settings.playbook;
    let number_field = |label: &'static str,
                        testid: &'static str,
                        value: u32,
                        set: fn(&mut PlaybookSettings, u32)| {
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(n) = whole_number(&e.target_unchecked_into::<HtmlInputElement>().value()) {
                dispatch.dispatch(Action::playbook(move |next| set(next, n)));
            }
        });
        html! {
            <label>{ label }<Field kind="number" min="0" testid={testid} value={value.to_string()} {onchange} /></label>
        }
    };
    let on_insured = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let insured = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.dispatch(Action::playbook(move |next| next.credit_insured = insured));
        })
    };
    let on_jurisdiction = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(j) =
                Jurisdiction::from_key(&e.target_unchecked_into::<HtmlSelectElement>().value())
            {
                dispatch.dispatch(Action::playbook(move |next| {
                    next.limitation.jurisdiction = j
                }));
            }
        })
    };
    let on_years = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let years = value
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|y| *y > 0)
                .map(|y| y.min(100));
            dispatch.dispatch(Action::playbook(move |next| next.limitation.years = years));
        })
    };
    let on_reset = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::edit(Edit::SetPlaybook(PlaybookSettings::default())))
        })
    };
    let on_cost_percent = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Some(p) = percent(&value) {
                dispatch.dispatch(Action::playbook(move |next| {
                    next.collection_cost_percent = p
                }));
            }
        })
    };
    let on_risk_share = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Some(p) = percent(&value) {
                dispatch.dispatch(Action::playbook(move |next| next.risk_share_percent = p));
            }
        })
    };
    let currency = state.workspace.settings.default_currency.clone();
    let on_cost_fixed = {
        let dispatch = dispatch.clone();
        let currency = currency.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let amount = match parse_setting_number(&value) {
                Ok(Some(amount)) if amount > rust_decimal::Decimal::ZERO => Some(amount),
                _ => None,
            };
            let currency = currency.clone();
            dispatch.dispatch(Action::playbook(move |next| match amount {
                Some(amount) => {
                    next.collection_cost_fixed.insert(currency, amount);
                }
                None => {
                    next.collection_cost_fixed.remove(&currency);
                }
            }));
        })
    };
    let action_box = |action: CollectionAction| {
        let dispatch = dispatch.clone();
        let enabled = !settings.disabled_actions.contains(&action);
        // The box's own state says what the user wants, not what was drawn.
        let onchange = Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.dispatch(Action::playbook(move |next| {
                next.disabled_actions.retain(|a| *a != action);
                if !on {
                    next.disabled_actions.push(action);
                }
            }));
        });
        html! {
            <label class="check"><input type="checkbox" data-testid={format!("pb-action-{}", action.key())} checked={enabled} {onchange} />{ action.describe(lang) }</label>
        }
    };
    html! {
        <div class="field" data-testid="playbook-settings">
            <h3>{ w.collection_playbook }</h3>
            <p class="hint">{ w.stages_by_days_past_due }</p>
            <div class="grid-fields">
                { number_field(w.courtesy_reminder_days_before_due, "pb-courtesy", settings.courtesy_lead_days, |s, n| s.courtesy_lead_days = n) }
                { number_field(w.friendly_reminder_until_days, "pb-friendly", settings.friendly_until_days, |s, n| s.friendly_until_days = n) }
                { number_field(w.formal_notice_until_days, "pb-formal", settings.formal_until_days, |s, n| s.formal_until_days = n) }
                { number_field(w.pre_legal_until_days, "pb-pre-legal", settings.pre_legal_until_days, |s, n| s.pre_legal_until_days = n) }
                { number_field(w.escalation_until_days, "pb-escalate", settings.escalate_until_days, |s, n| s.escalate_until_days = n) }
                { number_field(w.payment_deadline_in_notices_days, "pb-deadline", settings.payment_deadline_days, |s, n| s.payment_deadline_days = n) }
                { number_field(w.phone_if_no_answer_after, "pb-call", settings.call_after_days, |s, n| s.call_after_days = n) }
                <label class="check"><input type="checkbox" data-testid="pb-insured" checked={settings.credit_insured} onchange={on_insured} />
                    { w.receivables_are_credit_insured }</label>
                { number_field(w.notify_the_insurer_by_days, "pb-insurer", settings.insurer_notice_days, |s, n| s.insurer_notice_days = n) }
                { number_field(w.insurer_warn_days, "pb-insurer-warn", settings.insurer_warn_days, |s, n| s.insurer_warn_days = n) }
                { number_field(w.review_every_days, "pb-review", settings.review_every_days, |s, n| s.review_every_days = n) }
                { number_field(w.dispute_ack_days, "pb-dispute-ack", settings.dispute_ack_working_days, |s, n| s.dispute_ack_working_days = n) }
                { number_field(w.dispute_evidence_days, "pb-dispute-evidence", settings.dispute_evidence_working_days, |s, n| s.dispute_evidence_working_days = n) }
                { number_field(w.quality_evidence_hours, "pb-quality-hours", settings.quality_evidence_hours, |s, n| s.quality_evidence_hours = n) }
                { number_field(w.dso_period_days, "pb-dso-days", settings.dso_period_days, |s, n| s.dso_period_days = n) }
                <label>{ w.risk_share_percent }
                    <Field kind="text" inputmode="decimal" testid="pb-risk-share" value={settings.risk_share_percent.normalize().to_string()} onchange={on_risk_share} /></label>
                <label>{ w.limitation_jurisdiction }
                    <select data-testid="pb-jurisdiction" onchange={on_jurisdiction}>
                        { for Jurisdiction::ALL.iter().map(|j| html! {
                            <option value={j.key()} selected={*j == settings.limitation.jurisdiction}>{ j.describe(lang) }</option>
                        }) }
                    </select></label>
                <label>{ w.years_blank_statutory }
                    <Field kind="number" min="1" testid="pb-years" value={settings.limitation.years.map(|y| y.to_string()).unwrap_or_default()} onchange={on_years} /></label>
                { number_field(w.limitation_warn_days, "pb-limitation-warn", settings.limitation.warn_days, |s, n| s.limitation.warn_days = n) }
                <label>{ w.cost_of_collection_of_the }
                    <Field kind="text" inputmode="decimal" testid="pb-cost-percent" value={settings.collection_cost_percent.normalize().to_string()} onchange={on_cost_percent} /></label>
                <label>{ format!("{}（{currency}）", w.fixed_cost_of_collection) }
                    <Field kind="text" inputmode="decimal" testid="pb-cost-fixed"
                        value={settings.collection_cost_fixed.get(&currency).map(|d| d.normalize().to_string()).unwrap_or_default()} onchange={on_cost_fixed} /></label>
            </div>
            <details class="actions">
                <summary>{ w.actions_recommended_untick_to_stop }</summary>
                <div class="action-boxes">{ for CollectionAction::ALL.iter().map(|a| action_box(*a)) }</div>
            </details>
            <button class="link" onclick={on_reset}>{ w.restore_the_default_playbook }</button>
        </div>
    }
}

/// A count of days or hours typed in a playbook box (the settings' one rule for numbers); None
/// for what is not a whole number from 0 up (the box then keeps the value in force).
fn whole_number(text: &str) -> Option<u32> {
    use rust_decimal::prelude::ToPrimitive;
    parse_setting_number(text)
        .ok()
        .flatten()
        .filter(|n| n.fract().is_zero())
        .and_then(|n| n.to_u32())
}

/// A percentage typed in a playbook box: 0 to 100, an empty box being 0.
fn percent(text: &str) -> Option<rust_decimal::Decimal> {
    parse_setting_number(text)
        .ok()
        .map(Option::unwrap_or_default)
        .filter(|p| *p >= rust_decimal::Decimal::ZERO && *p <= rust_decimal::Decimal::ONE_HUNDRED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playbook_boxes_take_whole_numbers_and_percentages_only() {
        assert_eq!(whole_number(" 72 "), Some(72));
        assert_eq!(whole_number("１０"), Some(10));
        assert_eq!(whole_number("1,000"), Some(1000));
        assert_eq!(whole_number("7.5"), None);
        assert_eq!(whole_number("-3"), None);
        assert_eq!(whole_number(""), None);
        assert_eq!(percent("12,5 %"), Some(rust_decimal::Decimal::new(125, 1)));
        assert_eq!(percent(""), Some(rust_decimal::Decimal::ZERO));
        assert_eq!(percent("101"), None);
    }
}
