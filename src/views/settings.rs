//! The Settings tab: terms, currency, buckets, the playbook and late-charge settings, and
//! what this browser keeps.

use overdue_core::aging::{Buckets, ACCOUNTING_EDGES, STAGE_EDGES};
use overdue_core::edit::Edit;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::i18n::texts;
use crate::state::{Action, AppState, PanelAction, Saved, StoreAction};

use super::field::Field;
use super::*;

pub fn settings(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let settings = &state.workspace.settings;
    let on_terms = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Ok(days) = input_value(&e).trim().parse::<i64>() {
                dispatch.dispatch(Action::edit(Edit::SetTerms(days)));
            }
        })
    };
    let on_currency = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(code) = overdue_core::money::normalize_currency(&input_value(&e)) {
                dispatch.dispatch(Action::edit(Edit::SetDefaultCurrency(code.to_string())));
            }
        })
    };
    let on_buckets = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match Buckets::parse(&text) {
                Ok(b) => dispatch.dispatch(Action::edit(Edit::SetBucketEdges(b.edges().to_vec()))),
                Err(_) => dispatch.dispatch(Action::Panel(PanelAction::DraftBuckets(text))),
            }
        })
    };
    let preset = |edges: &'static [u32]| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::edit(Edit::SetBucketEdges(edges.to_vec())))
        })
    };
    let edges_text = state.ui.bucket_draft.clone().unwrap_or_else(|| {
        state
            .report
            .buckets
            .edges()
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let stages_active = state.report.buckets.edges() == STAGE_EDGES;
    let accounting_active = state.report.buckets.edges() == ACCOUNTING_EDGES;
    html! {
        <div class="settings">
            <div class="field">
                <label for="terms-days">{ t.settings_terms }</label>
                <Field id="terms-days" testid="terms-days" kind="number" min="0" max="3650" value={settings.terms_days.to_string()} onchange={on_terms} />
                <p class="hint">{ t.settings_terms_hint }</p>
            </div>
            <div class="field">
                <label for="default-currency">{ t.settings_currency }</label>
                <Field id="default-currency" testid="default-currency" kind="text" maxlength="8" value={settings.default_currency.clone()} onchange={on_currency} />
                <p class="hint">{ t.settings_currency_hint }</p>
            </div>
            <div class="field">
                <label for="bucket-edges">{ t.settings_buckets }</label>
                <input id="bucket-edges" data-testid="bucket-edges" type="text" inputmode="numeric" value={edges_text}
                    aria-invalid={state.ui.bucket_draft.is_some().to_string()} oninput={on_buckets} />
                if state.ui.bucket_draft.is_some() { <p class="error" role="alert">{ t.bucket_error }</p> }
                <p class="hint">{ t.settings_buckets_hint }</p>
                <div class="presets">
                    <button data-testid="buckets-stages" aria-pressed={stages_active.to_string()} onclick={preset(&STAGE_EDGES)}>{ t.preset_stages }</button>
                    <button data-testid="buckets-accounting" aria-pressed={accounting_active.to_string()} onclick={preset(&ACCOUNTING_EDGES)}>{ t.preset_accounting }</button>
                </div>
            </div>
            { super::today::playbook_settings(state, dispatch) }
            { super::credit::credit_settings(state, dispatch) }
            { super::charges::charge_settings(state, dispatch) }
            { super::sender::sender_section(state, dispatch) }
            { device_data(state, dispatch) }
        </div>
    }
}

/// What this page keeps in this browser, with one button to erase it and a setting to keep
/// nothing at all.
fn device_data(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let ws = &state.workspace;
    let letters = &ws.settings.letters;
    let templates = letters.templates.len();
    let keep_nothing = state.store.keep_nothing;
    let erase = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            browser::forget_everything();
            dispatch.dispatch(Action::Forgotten);
        })
    };
    let on_keep_nothing = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            browser::set_keep_nothing(on);
            dispatch.dispatch(Action::Store(StoreAction::KeepNothing(on)));
        })
    };
    let kb = |bytes: usize| format!("{:.1} KB", bytes as f64 / 1024.0);
    html! {
        <div class="field" data-testid="device-data">
            <h3>{ t.device_heading }</h3>
            <p>{ t.device_kept }</p>
            if state.store.saved == Saved::Kept {
                <ul class="kept">
                    <li>{ crate::i18n::settings::words(lang).workspace_your_pasted_data_and }{ format!(" ({})", kb(browser::kept_bytes())) }</li>
                    <li>{ crate::i18n::settings::words(lang).your_company_details_and_customers }
                        { if letters.sender == Default::default() && letters.customers.is_empty() { crate::i18n::settings::words(lang).none } else { crate::i18n::settings::words(lang).entered } }</li>
                    <li>{ crate::i18n::settings::words(lang).edited_letter_templates }{ templates }</li>
                    <li>{ crate::i18n::settings::words(lang).invoice_notes_disputes_promises_actions }{ ws.annotations.len() }</li>
                </ul>
            } else {
                <p>{ if state.store.saved == Saved::Failed { t.device_not_saved } else { t.device_nothing } }</p>
            }
            { super::review::snapshot_list(state, dispatch, false) }
            <button class="danger" data-testid="erase-device-data" onclick={erase}>
                { crate::i18n::settings::words(lang).erase_everything_kept_in_this }
            </button>
            <label class="check keep-nothing">
                <input type="checkbox" data-testid="keep-nothing" checked={keep_nothing} onchange={on_keep_nothing} />
                { crate::i18n::settings::words(lang).keep_nothing_in_this_browser }
            </label>
            if keep_nothing {
                <p class="warning">{ crate::i18n::settings::words(lang).on_when_you_reload_or }</p>
            }
        </div>
    }
}
