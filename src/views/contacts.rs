//! The contact log on the page (催收记录, issue 15 item 3): per customer the form to log a
//! call, message, visit or letter, and the log newest first — on the customer's Today card
//! (folded) and in an invoice's details. What an entry changes in the playbook is the core's
//! (`playbook::contacts::with_log`); the page only records it.

use chrono::{NaiveDate, NaiveTime};
use overdue_core::dates;
use overdue_core::edit::parse_setting_number;
use overdue_core::export::BOM;
use overdue_core::i18n::Lang;
use overdue_core::money::format_grouped;
use overdue_core::playbook::contacts::{
    entries_for, log_csv, Channel, ContactEntry, ContactReason, Promise,
};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::state::{Action, AppState, PanelAction};

type Dispatch = UseReducerDispatcher<AppState>;

/// The button that opens the form for `customer` (a Today "call" step, or the log itself).
pub fn log_button(dispatch: &Dispatch, customer: &str, label: &'static str) -> Html {
    let onclick = {
        let dispatch = dispatch.clone();
        let customer = customer.to_string();
        Callback::from(move |_| {
            dispatch.dispatch(Action::Panel(PanelAction::LogForm(Some(customer.clone()))))
        })
    };
    html! {
        <button class="link" data-testid="log-call" data-customer={customer.to_string()} {onclick}>{ label }</button>
    }
}

/// One customer's log: its entries newest first, the button to log one and, when open, the
/// form. `folded`: inside a `<details>` (Today's card), open while its form is.
pub fn customer_log(state: &AppState, dispatch: &Dispatch, customer: &str, folded: bool) -> Html {
    let lang = state.lang();
    let w = crate::i18n::contacts::words(lang);
    let entries = entries_for(&state.workspace.contacts, customer);
    let form_open = state.ui.log_form.as_deref() == Some(customer);
    let body = html! {
        <>
            if form_open {
                <LogForm dispatch={dispatch.clone()} {lang} as_of={state.report.as_of} customer={customer.to_string()} />
            } else {
                <p>{ log_button(dispatch, customer, w.log_contact) }</p>
            }
            if entries.is_empty() {
                <p class="hint">{ w.no_entries }</p>
            } else {
                <ol class="log-entries">{ for entries.iter().map(|e| entry_html(e, lang)) }</ol>
            }
        </>
    };
    let title = match lang {
        Lang::Zh => format!("{}（{}）", w.contact_log, entries.len()),
        Lang::En => format!("{} ({})", w.contact_log, entries.len()),
    };
    if folded {
        html! {
            <details class="contact-log" data-testid="contact-log" data-customer={customer.to_string()} open={form_open}>
                <summary>{ title }</summary>
                { body }
            </details>
        }
    } else {
        html! {
            <div class="contact-log" data-testid="contact-log" data-customer={customer.to_string()}>
                <h4>{ title }</h4>
                { body }
            </div>
        }
    }
}

fn entry_html(e: &ContactEntry, lang: Lang) -> Html {
    let w = crate::i18n::contacts::words(lang);
    let when = match e.time {
        Some(t) => format!("{} {}", dates::display(e.date, lang), t.format("%H:%M")),
        None => dates::display(e.date, lang),
    };
    let promise = e.promise.as_ref().map(|p| {
        let amount = p
            .amount
            .map(format_grouped)
            .unwrap_or_else(|| w.promised_all.to_string());
        format!(
            "{}{} · {}",
            w.promised,
            dates::display(p.pay_by, lang),
            amount
        )
    });
    html! {
        <li class="log-entry" data-testid="log-entry" data-channel={e.channel.key()}>
            <p class="log-head">
                <span class="when">{ when }</span>{ " · " }<strong>{ e.channel.describe(lang) }</strong>
                if !e.person.is_empty() { { " · " }{ e.person.clone() } }
            </p>
            if !e.said.is_empty() { <p class="said">{ e.said.clone() }</p> }
            <p class="log-meta">
                if let Some(reason) = e.reason { <span>{ w.reason_label }{ reason.describe(lang) }</span>{ " " } }
                if let Some(promise) = promise { <span class="promise">{ promise }</span>{ " " } }
                if !e.next_step.is_empty() { <span>{ w.next_label }{ e.next_step.clone() }</span> }
            </p>
        </li>
    }
}

/// The whole log as a CSV download (`log_csv`, with a BOM so that Excel reads the Chinese).
pub fn export_button(state: &AppState) -> Html {
    let lang = state.lang();
    let log = state.workspace.contacts.clone();
    if log.is_empty() {
        return html! {};
    }
    let as_of = state.report.as_of;
    let onclick = Callback::from(move |_| {
        let csv = format!("{BOM}{}", log_csv(&log, lang));
        let name = format!("overdue-contact-log-{}.csv", dates::iso(as_of));
        browser::download(&name, "text/csv;charset=utf-8", &csv);
    });
    html! {
        <button data-testid="export-log" {onclick}>{ crate::i18n::contacts::words(lang).export }</button>
    }
}

#[derive(Properties, PartialEq)]
pub struct LogFormProps {
    pub dispatch: Dispatch,
    pub lang: Lang,
    pub as_of: NaiveDate,
    pub customer: String,
}

/// What the form's boxes held when "save" was pressed.
struct Typed {
    date: String,
    time: String,
    channel: String,
    person: String,
    said: String,
    reason: String,
    promise_date: String,
    promise_amount: String,
    next: String,
}

/// The entry the boxes describe, or what to correct first.
fn entry_from(typed: Typed, customer: &str, as_of: NaiveDate) -> Result<ContactEntry, Problem> {
    let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    // A contact is logged once it happened: a later day is a typing slip (and the playbook
    // would not read it before that day).
    let date = day(&typed.date)
        .filter(|d| *d <= as_of)
        .ok_or(Problem::Date)?;
    let amount = parse_setting_number(&typed.promise_amount)
        .map_err(|_| Problem::Amount)?
        .filter(|a| !a.is_zero());
    let promise = match (day(&typed.promise_date), amount) {
        (Some(pay_by), _) if pay_by < date => return Err(Problem::PromiseBefore),
        (Some(pay_by), amount) => Some(Promise { pay_by, amount }),
        (None, Some(_)) => return Err(Problem::AmountWithoutDate),
        (None, None) => None,
    };
    Ok(ContactEntry {
        customer: customer.to_string(),
        date,
        time: NaiveTime::parse_from_str(typed.time.trim(), "%H:%M").ok(),
        channel: Channel::from_key(&typed.channel).unwrap_or(Channel::Phone),
        person: typed.person.trim().to_string(),
        said: typed.said.trim().to_string(),
        reason: ContactReason::from_key(&typed.reason),
        promise,
        next_step: typed.next.trim().to_string(),
    })
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Problem {
    Date,
    Amount,
    AmountWithoutDate,
    PromiseBefore,
}

impl Problem {
    fn describe(self, lang: Lang) -> &'static str {
        let w = crate::i18n::contacts::words(lang);
        match self {
            Problem::Date => w.bad_date,
            Problem::Amount => w.bad_amount,
            Problem::AmountWithoutDate => w.amount_without_date,
            Problem::PromiseBefore => w.promise_before_contact,
        }
    }
}

/// The form: its boxes are the browser's until "save" reads them.
#[function_component(LogForm)]
pub fn log_form(props: &LogFormProps) -> Html {
    let lang = props.lang;
    let w = crate::i18n::contacts::words(lang);
    let problem = use_state(|| None::<Problem>);
    let refs: [NodeRef; 9] = std::array::from_fn(|_| NodeRef::default());
    let refs = use_memo((), |_| refs);
    let on_save = {
        let refs = refs.clone();
        let dispatch = props.dispatch.clone();
        let customer = props.customer.clone();
        let as_of = props.as_of;
        let problem = problem.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                if let Some(input) = r.cast::<HtmlInputElement>() {
                    input.value()
                } else if let Some(select) = r.cast::<HtmlSelectElement>() {
                    select.value()
                } else if let Some(area) = r.cast::<HtmlTextAreaElement>() {
                    area.value()
                } else {
                    String::new()
                }
            };
            let typed = Typed {
                date: value(&refs[0]),
                time: value(&refs[1]),
                channel: value(&refs[2]),
                person: value(&refs[3]),
                said: value(&refs[4]),
                reason: value(&refs[5]),
                promise_date: value(&refs[6]),
                promise_amount: value(&refs[7]),
                next: value(&refs[8]),
            };
            match entry_from(typed, &customer, as_of) {
                Ok(entry) => dispatch.dispatch(Action::LogContact(Box::new(entry))),
                Err(p) => problem.set(Some(p)),
            }
        })
    };
    let on_cancel = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Panel(PanelAction::LogForm(None))))
    };
    html! {
        <form class="log-form" data-testid="log-form" data-customer={props.customer.clone()} onsubmit={on_save}>
            <div class="grid-fields">
                <label>{ w.date }<input type="date" data-testid="log-date" ref={refs[0].clone()}
                    value={dates::iso(props.as_of)} max={dates::iso(props.as_of)} required=true /></label>
                <label>{ w.time }<input type="time" data-testid="log-time" ref={refs[1].clone()} /></label>
                <label>{ w.channel }
                    <select data-testid="log-channel" ref={refs[2].clone()}>
                        // Said outright: a browser may otherwise show a later option as chosen.
                        { for Channel::ALL.iter().map(|c| html! { <option value={c.key()} selected={*c == Channel::Phone}>{ c.describe(lang) }</option> }) }
                    </select></label>
                <label>{ w.person }<input type="text" data-testid="log-person" ref={refs[3].clone()} /></label>
                <label class="wide">{ w.said }<textarea data-testid="log-said" rows="2" ref={refs[4].clone()} /></label>
                <label>{ w.reason }
                    <select data-testid="log-reason" ref={refs[5].clone()}>
                        <option value="" selected=true>{ w.no_reason }</option>
                        { for ContactReason::ALL.iter().map(|r| html! { <option value={r.key()}>{ r.describe(lang) }</option> }) }
                    </select></label>
                <label>{ w.promise_date }<input type="date" data-testid="log-promise-date" ref={refs[6].clone()} /></label>
                <label>{ w.promise_amount }<input type="text" inputmode="decimal" data-testid="log-promise-amount" ref={refs[7].clone()} /></label>
                <label class="wide">{ w.next_step }<input type="text" data-testid="log-next" ref={refs[8].clone()} /></label>
            </div>
            if let Some(p) = *problem { <p class="warning" role="alert" data-testid="log-error">{ p.describe(lang) }</p> }
            <p class="hint">{ w.call_marks_done }</p>
            <p>
                <button type="submit" class="primary" data-testid="log-save">{ w.save }</button>{ " " }
                <button type="button" class="link" onclick={on_cancel}>{ w.cancel }</button>
            </p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> Typed {
        Typed {
            date: "2026-11-20".into(),
            time: "10:30".into(),
            channel: "we_chat".into(),
            person: " 张会计 ".into(),
            said: "月底付".into(),
            reason: "cash_flow".into(),
            promise_date: "2026-11-30".into(),
            promise_amount: "5,000".into(),
            next: String::new(),
        }
    }

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn the_boxes_make_one_entry_with_its_promise() {
        let entry = entry_from(typed(), "甲公司", as_of()).unwrap();
        assert_eq!(entry.channel, Channel::WeChat);
        assert_eq!(entry.person, "张会计");
        assert_eq!(entry.reason, Some(ContactReason::CashFlow));
        assert_eq!(entry.time, NaiveTime::from_hms_opt(10, 30, 0));
        let promise = entry.promise.unwrap();
        assert_eq!(
            promise.pay_by,
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
        );
        assert_eq!(promise.amount, Some(rust_decimal::Decimal::from(5000)));
    }

    #[test]
    fn a_later_day_an_amount_without_a_day_or_a_promise_before_the_contact_are_refused() {
        let later = Typed {
            date: "2026-11-21".into(),
            ..typed()
        };
        assert!(matches!(
            entry_from(later, "甲", as_of()),
            Err(Problem::Date)
        ));
        let no_day = Typed {
            promise_date: String::new(),
            ..typed()
        };
        assert!(matches!(
            entry_from(no_day, "甲", as_of()),
            Err(Problem::AmountWithoutDate)
        ));
        let before = Typed {
            promise_date: "2026-11-19".into(),
            ..typed()
        };
        assert!(matches!(
            entry_from(before, "甲", as_of()),
            Err(Problem::PromiseBefore)
        ));
        let bad = Typed {
            promise_amount: "abc".into(),
            ..typed()
        };
        assert!(matches!(
            entry_from(bad, "甲", as_of()),
            Err(Problem::Amount)
        ));
    }
}
