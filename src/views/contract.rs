//! Contract terms on the Letters tab (issue 16 item 3): the letter's customer's own contract
//! (name, number, date, clause breached, payment terms, late-charge clause, dispute forum, in
//! each letter language) over the workspace default, with what the default is shown in each
//! empty field and one click back to it; and the default itself. The core decides which terms
//! a letter cites (`LetterSettings::contract_for`).

use std::rc::Rc;

use chrono::NaiveDate;
use overdue_core::dates;
use overdue_core::edit::Edit;
use overdue_core::i18n::Lang;
use overdue_core::letters::{ContractTerms, ContractWords};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::Field;
use crate::i18n::contract::Words;
use crate::state::{Action, AppState, TermsOf};

type Dispatch = UseReducerDispatcher<AppState>;
/// How a field's typed value goes into the terms.
type SetField = Rc<dyn Fn(&mut ContractTerms, String)>;

/// One text field of [`ContractWords`].
struct WordField {
    key: &'static str,
    label: fn(&Words, Lang) -> &'static str,
    get: fn(&ContractWords) -> &String,
    set: fn(&mut ContractWords, String),
}

const WORD_FIELDS: [WordField; 5] = [
    WordField {
        key: "name",
        label: |w, lang| lang.pick(w.name, w.name_en),
        get: |c| &c.name,
        set: |c, v| c.name = v,
    },
    WordField {
        key: "clause",
        label: |w, lang| lang.pick(w.clause, w.clause_en),
        get: |c| &c.clause,
        set: |c, v| c.clause = v,
    },
    WordField {
        key: "terms",
        label: |w, _| w.payment_terms,
        get: |c| &c.payment_terms,
        set: |c, v| c.payment_terms = v,
    },
    WordField {
        key: "late",
        label: |w, _| w.late_charge_clause,
        get: |c| &c.late_charge_clause,
        set: |c, v| c.late_charge_clause = v,
    },
    WordField {
        key: "forum",
        label: |w, _| w.forum,
        get: |c| &c.forum,
        set: |c, v| c.forum = v,
    },
];

/// The letter's customer's own contract terms.
pub fn customer_contract(state: &AppState, dispatch: &Dispatch, customer: &str) -> Html {
    let w = crate::i18n::contract::words(state.lang());
    let letters = &state.workspace.settings.letters;
    let own = letters
        .customers
        .get(customer)
        .map(|p| p.contract.clone())
        .unwrap_or_default();
    let whose = TermsOf::Customer(customer.to_string());
    let on_default = {
        let dispatch = dispatch.clone();
        let customer = customer.to_string();
        Callback::from(move |_| {
            dispatch.dispatch(Action::edit(Edit::SetCustomerContract {
                customer: customer.clone(),
                terms: ContractTerms::default(),
            }))
        })
    };
    let uses_default = own.is_empty();
    html! {
        <fieldset class="contract-terms no-print" data-testid="customer-contract" data-customer={customer.to_string()}
            data-default={uses_default.to_string()}>
            <legend>{ w.this_customer }{ "：" }{ customer.to_string() }</legend>
            if uses_default {
                <p class="hint-inline" data-testid="contract-uses-default">{ w.uses_default }</p>
            } else {
                <p class="hint-inline">{ w.has_own }{ " " }
                    <button class="link" data-testid="contract-use-default" onclick={on_default}>{ w.use_default }</button></p>
            }
            { terms_fields(state, dispatch, "customer-contract", &own, Some(&letters.contract), whose) }
        </fieldset>
    }
}

/// The workspace's default contract terms (the test ids `contract-…` of issue 16).
pub fn default_contract(state: &AppState, dispatch: &Dispatch) -> Html {
    let w = crate::i18n::contract::words(state.lang());
    let terms = &state.workspace.settings.letters.contract;
    html! {
        <fieldset class="contract-terms" data-testid="default-contract">
            <legend>{ w.default_heading }</legend>
            { terms_fields(state, dispatch, "contract", terms, None, TermsOf::Default) }
        </fieldset>
    }
}

/// The fields of one set of terms; with `fallback`, each empty field shows the default's value.
fn terms_fields(
    state: &AppState,
    dispatch: &Dispatch,
    prefix: &'static str,
    terms: &ContractTerms,
    fallback: Option<&ContractTerms>,
    whose: TermsOf,
) -> Html {
    let w = crate::i18n::contract::words(state.lang());
    let hint = |value: &str| match fallback {
        Some(_) if !value.trim().is_empty() => format!("{}{}", w.default_is, value.trim()),
        _ => String::new(),
    };
    let change = |set: SetField| {
        let dispatch = dispatch.clone();
        let whose = whose.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let set = set.clone();
            dispatch.dispatch(Action::contract(whose.clone(), move |next| {
                set(next, value)
            }));
        })
    };
    let number_hint = hint(fallback.map_or("", |f| f.number.as_str()));
    let on_number = change(Rc::new(|t, v| t.number = v));
    let on_date = change(Rc::new(|t, v| {
        t.date = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok()
    }));
    let date_hint = fallback
        .and_then(|f| f.date)
        .map(|d| format!("{}{}", w.default_is, dates::iso(d)))
        .unwrap_or_default();
    let column = |lang: Lang, heading: &'static str| {
        let mine = terms.words(lang);
        let theirs = fallback.map(|f| f.words(lang));
        html! {
            <div class="contract-column">
                <h5>{ heading }</h5>
                { for WORD_FIELDS.iter().map(|field| {
                    let set = field.set;
                    let onchange = change(Rc::new(move |t: &mut ContractTerms, v| set(t.words_mut(lang), v)));
                    let placeholder = hint(theirs.map_or("", |t| (field.get)(t).as_str()));
                    html! {
                        <label>{ (field.label)(w, lang) }
                            <Field kind="text" testid={format!("{prefix}-{}-{}", field.key, lang.code())}
                                value={(field.get)(mine).clone()} {placeholder} {onchange} /></label>
                    }
                }) }
            </div>
        }
    };
    html! {
        <>
            if fallback.is_some() { <p class="hint-inline">{ w.empty_field_default }</p> }
            <div class="grid-fields">
                <label>{ w.number }
                    <Field kind="text" testid={format!("{prefix}-number")} value={terms.number.clone()}
                        placeholder={number_hint} onchange={on_number} /></label>
                <label>{ w.date }
                    <input type="date" data-testid={format!("{prefix}-date")} value={terms.date.map(dates::iso).unwrap_or_default()}
                        title={date_hint} onchange={on_date} /></label>
            </div>
            <div class="contract-columns">
                { column(Lang::Zh, w.in_chinese_letters) }
                { column(Lang::En, w.in_english_letters) }
            </div>
        </>
    }
}
