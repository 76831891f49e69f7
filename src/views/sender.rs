//! The sender profile in Settings (issue 16): the user's company as each letter language
//! prints it — the Chinese legal name, address, contact, bank and signature, and the English
//! ones beside them — plus the form of English letters. Where people look for their company's
//! details; the Letters tab points here when a letter lacks them.

use overdue_core::letters::{EnglishForm, LetterSettings};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::Field;
use super::Dispatch;
use crate::state::{Action, AppState};

pub fn sender_section(state: &AppState, dispatch: &Dispatch) -> Html {
    let w = crate::i18n::letters::words(state.lang());
    let settings = &state.workspace.settings.letters;
    // Each change names only its own field; the reducer applies it to the settings it holds
    // (`state/current.rs`), so fields changed before the page redraws all land.
    let field = |label: &'static str,
                 testid: &'static str,
                 value: &str,
                 set: fn(&mut LetterSettings, String)| {
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatch.dispatch(Action::letters(move |next| set(next, value)));
        });
        html! { <label>{ label }<Field kind="text" testid={testid} value={value.to_string()} {onchange} /></label> }
    };
    let on_british = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let english = if e.target_unchecked_into::<HtmlInputElement>().checked() {
                EnglishForm::British
            } else {
                EnglishForm::American
            };
            dispatch.dispatch(Action::letters(move |next| next.english = english));
        })
    };
    let s = &settings.sender;
    html! {
        <details class="sender field" data-testid="sender-profile">
            <summary>{ w.sender_heading }</summary>
            <p class="hint">{ w.sender_hint }</p>
            <div class="sender-columns">
                <fieldset class="grid-fields">
                    <legend>{ w.in_chinese_letters }</legend>
                    { field(w.company_name, "sender-company", &s.company, |x, v| x.sender.company = v) }
                    { field(w.address, "sender-address", &s.address, |x, v| x.sender.address = v) }
                    { field(w.contact_person, "sender-contact", &s.contact, |x, v| x.sender.contact = v) }
                    { field(w.bank, "sender-bank", &s.bank_name, |x, v| x.sender.bank_name = v) }
                    { field(w.bank_account, "sender-account", &s.bank_account, |x, v| x.sender.bank_account = v) }
                    { field(w.signature_line, "sender-signature", &s.signature, |x, v| x.sender.signature = v) }
                </fieldset>
                <fieldset class="grid-fields">
                    <legend>{ w.in_english_letters }</legend>
                    { field(w.english_company, "sender-company-en", &s.en.company, |x, v| x.sender.en.company = v) }
                    { field(w.english_address, "sender-address-en", &s.en.address, |x, v| x.sender.en.address = v) }
                    { field(w.english_contact, "sender-contact-en", &s.en.contact, |x, v| x.sender.en.contact = v) }
                    { field(w.english_bank, "sender-bank-en", &s.en.bank_name, |x, v| x.sender.en.bank_name = v) }
                    { field(w.english_account, "sender-account-en", &s.en.bank_account, |x, v| x.sender.en.bank_account = v) }
                    { field(w.english_signature, "sender-signature-en", &s.en.signature, |x, v| x.sender.en.signature = v) }
                </fieldset>
            </div>
            <div class="grid-fields">
                { field(w.phone, "sender-phone", &s.phone, |x, v| x.sender.phone = v) }
                { field(w.email, "sender-email", &s.email, |x, v| x.sender.email = v) }
                <label class="check"><input type="checkbox" data-testid="english-british" checked={settings.english.is_british()} onchange={on_british} />{ w.british_form }</label>
            </div>
        </details>
    }
}
