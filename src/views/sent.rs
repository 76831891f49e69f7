//! The letters-sent log on the page (issue 15 item 4): "record as sent" under a letter, and a
//! customer's letters newest first, each with its proof of delivery (channel, courier,
//! tracking number or reference, the day received, the day the debt was acknowledged).

use chrono::NaiveDate;
use overdue_core::dates;
use overdue_core::edit::Edit;
use overdue_core::i18n::Lang;
use overdue_core::letters::{open_rows, ticked_rows};
use overdue_core::money::format_grouped;
use overdue_core::playbook::sent::{
    last_of_kind, letters_due, sent_for, Proof, SentChannel, SentInvoice, SentLetter,
};
use overdue_core::playbook::LetterKind;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::field::Field;
use crate::state::{Action, AppState};

type Dispatch = UseReducerDispatcher<AppState>;

/// The letter as the log records it: dated the as-of date, with the invoices at `rows` and
/// what they owe. None ticked: the invoices Today asks this letter for, else every open one
/// of the customer (never an invoice the letter was not about when Today knows which).
pub fn letter_sent(
    state: &AppState,
    customer: &str,
    kind: LetterKind,
    lang: Lang,
    rows: &[usize],
) -> SentLetter {
    let report = &state.report;
    let fallback: Vec<usize>;
    let rows = if rows.is_empty() {
        let due = letters_due(&report.playbook.today, kind, &report.parsed.invoices);
        fallback = match due.iter().find(|d| d.customer == customer) {
            Some(letter) => ticked_rows(report, customer, &letter.invoices).rows,
            None => open_rows(report, customer),
        };
        &fallback
    } else {
        rows
    };
    let invoices = rows
        .iter()
        .filter_map(|&i| report.row(i))
        .map(|row| SentInvoice {
            number: row.invoice.number.clone(),
            amount: row.invoice.outstanding,
            currency: row.invoice.currency.to_string(),
        })
        .collect();
    // Notices go by post or courier, for the proof; reminders mostly by e-mail.
    let channel = match kind {
        LetterKind::Demand | LetterKind::Final => SentChannel::Post,
        _ => SentChannel::Email,
    };
    SentLetter {
        id: 0,
        customer: customer.to_string(),
        date: report.as_of,
        kind,
        lang,
        channel,
        invoices,
        courier: String::new(),
        reference: String::new(),
        received: None,
        acknowledged: None,
    }
}

/// "Record as sent" for this letter; once a letter of this kind is recorded for the customer
/// on the as-of date, says so instead.
pub fn record_sent(
    state: &AppState,
    dispatch: &Dispatch,
    customer: &str,
    kind: LetterKind,
    lang: Lang,
    rows: &[usize],
) -> Html {
    let w = crate::i18n::sent::words(state.lang());
    let log = &state.workspace.letters_sent;
    let recorded = last_of_kind(log, customer, kind).is_some_and(|e| e.date == state.report.as_of);
    if recorded {
        return html! { <span class="ok" role="status" data-testid="sent-recorded">{ w.recorded_today }</span> };
    }
    let letter = letter_sent(state, customer, kind, lang, rows);
    let dispatch = dispatch.clone();
    let onclick =
        Callback::from(move |_| dispatch.dispatch(Action::edit(Edit::RecordSent(letter.clone()))));
    html! { <button data-testid="record-sent" data-kind={kind.key()} {onclick}>{ w.record_as_sent }</button> }
}

/// The customer's letters sent, newest first, each with its proof form (open while there is no
/// proof yet, when `forms_open`; a Today card keeps them folded).
pub fn sent_log(state: &AppState, dispatch: &Dispatch, customer: &str, forms_open: bool) -> Html {
    let lang = state.lang();
    let w = crate::i18n::sent::words(lang);
    let entries: Vec<&SentLetter> = sent_for(&state.workspace.letters_sent, customer).collect();
    html! {
        <section class="sent-log no-print" data-testid="sent-log">
            <h4>{ w.letters_sent }</h4>
            if entries.is_empty() {
                <p class="hint">{ w.none_sent_yet }</p>
            } else {
                <ol>{ for entries.iter().map(|e| entry_html(state, dispatch, e, forms_open)) }</ol>
            }
        </section>
    }
}

/// One line per letter: date, kind, channel, amounts, invoices, proof.
pub fn entry_summary(entry: &SentLetter, lang: Lang) -> String {
    let w = crate::i18n::sent::words(lang);
    let mut parts = vec![
        dates::iso(entry.date),
        entry.kind.describe(lang).to_string(),
        entry.channel.describe(lang).to_string(),
    ];
    let totals: Vec<String> = entry
        .totals()
        .into_iter()
        .map(|(c, a)| format!("{c} {}", format_grouped(a)).trim().to_string())
        .collect();
    if !totals.is_empty() {
        parts.push(totals.join(" + "));
    }
    parts.push(if entry.invoices.is_empty() {
        w.all_open_invoices.to_string()
    } else {
        let numbers: Vec<&str> = entry.invoices.iter().map(|i| i.number.as_str()).collect();
        numbers.join(w.list_separator)
    });
    if !entry.reference.is_empty() {
        parts.push(
            format!("{} {}", entry.courier, entry.reference)
                .trim()
                .to_string(),
        );
    }
    if let Some(d) = entry.received {
        parts.push(format!("{} {}", w.received, dates::iso(d)));
    }
    if let Some(d) = entry.acknowledged {
        parts.push(format!("{} {}", w.acknowledged, dates::iso(d)));
    }
    if !entry.proven() {
        parts.push(w.no_proof_yet.to_string());
    }
    parts.join(" · ")
}

fn entry_html(state: &AppState, dispatch: &Dispatch, entry: &SentLetter, form_open: bool) -> Html {
    let lang = state.lang();
    let w = crate::i18n::sent::words(lang);
    let id = entry.id;
    // Each field's change replaces that field of the proof as recorded when it lands.
    let update = |set: fn(&mut Proof, String)| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatch.dispatch(Action::sent_proof(id, move |next| set(next, value)));
        })
    };
    let on_channel = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let channel =
                SentChannel::from_key(&e.target_unchecked_into::<HtmlSelectElement>().value());
            dispatch.dispatch(Action::sent_proof(id, move |next| next.channel = channel));
        })
    };
    let on_remove = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::edit(Edit::RemoveSent(id))))
    };
    let min = dates::iso(entry.date);
    html! {
        <li data-testid="sent-entry" data-kind={entry.kind.key()} data-proven={entry.proven().to_string()}>
            <span class="sent-summary">{ entry_summary(entry, lang) }</span>
            <details class="sent-proof" open={form_open && !entry.proven()}>
                <summary>{ w.proof }</summary>
                <div class="grid-fields">
                    <label>{ w.channel }
                        <select data-testid="sent-channel" onchange={on_channel}>
                            { for SentChannel::ALL.iter().map(|c| html! { <option value={c.key()} selected={*c == entry.channel}>{ c.describe(lang) }</option> }) }
                        </select></label>
                    <label>{ w.courier }
                        <Field kind="text" testid="sent-courier" value={entry.courier.clone()}
                            onchange={update(|p, v| p.courier = v)} /></label>
                    <label>{ w.tracking_or_reference }
                        <Field kind="text" testid="sent-tracking" value={entry.reference.clone()}
                            onchange={update(|p, v| p.reference = v)} /></label>
                    <label>{ w.received_on }
                        <input type="date" data-testid="sent-received" min={min.clone()}
                            value={entry.received.map(dates::iso).unwrap_or_default()}
                            onchange={update(|p, v| p.received = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())} /></label>
                    <label>{ w.acknowledged_on }
                        <input type="date" data-testid="sent-acknowledged" min={min}
                            value={entry.acknowledged.map(dates::iso).unwrap_or_default()}
                            onchange={update(|p, v| p.acknowledged = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())} /></label>
                </div>
                <button class="link" data-testid="sent-remove" onclick={on_remove}>{ w.remove }</button>
            </details>
        </li>
    }
}

/// What goes under a letter on the Letters tab: "record as sent", then the customer's letters.
pub fn under_letter(
    state: &AppState,
    dispatch: &Dispatch,
    customer: &str,
    kind: LetterKind,
    lang: Lang,
    rows: &[usize],
) -> Html {
    html! {
        <>
            <div class="letter-actions no-print">{ record_sent(state, dispatch, customer, kind, lang, rows) }</div>
            { sent_log(state, dispatch, customer, true) }
        </>
    }
}

/// A Today card's records: the customer's letters sent (when there are any) and its evidence
/// checklist, open when a hand-over step is due.
pub fn card_records(
    state: &AppState,
    dispatch: &Dispatch,
    card: &overdue_core::playbook::CustomerCard,
) -> Html {
    use overdue_core::playbook::CollectionAction;
    let as_of = state.report.as_of;
    let hand_over = card.items.iter().flat_map(|i| i.steps.iter()).any(|s| {
        s.is_due(as_of)
            && matches!(
                s.action,
                CollectionAction::HandToCollector
                    | CollectionAction::ConsiderLegalAction
                    | CollectionAction::GatherEvidence
            )
    });
    let any_sent = sent_for(&state.workspace.letters_sent, card.customer)
        .next()
        .is_some();
    html! {
        <div class="card-records">
            if any_sent { { sent_log(state, dispatch, card.customer, false) } }
            { crate::views::evidence::evidence_list(state, dispatch, card.customer, hand_over) }
        </div>
    }
}
