//! A typed-in field (an input or a textarea) whose typing survives a re-render.
//!
//! Yew keeps an `<input value=…>` controlled: on every render it puts the state's value back
//! into the element when the two differ. A field edited on `change` (when the user leaves it,
//! so that a number is read once and an edit is one undo step) differs from the state while
//! the user types, and any render meanwhile — the saved marker appearing after the previous
//! field's edit, a derive finishing — wiped what had been typed, and the `change` that followed
//! sent the old value. (A CI run lost the sender's Chinese company name this way.) Here what
//! has been typed since the last `change` is the value shown, until that `change` lands.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct FieldProps {
    /// The value in the state.
    pub value: AttrValue,
    pub onchange: Callback<Event>,
    /// The input's `type`.
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub min: Option<AttrValue>,
    #[prop_or_default]
    pub max: Option<AttrValue>,
    #[prop_or_default]
    pub maxlength: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// `data-customer`, for the per-customer fields.
    #[prop_or_default]
    pub customer: Option<AttrValue>,
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// A `<textarea>` of this many rows instead of an `<input>`.
    #[prop_or_default]
    pub rows: Option<AttrValue>,
}

#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let draft = use_state(|| None::<AttrValue>);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let target = e.target_unchecked_into::<web_sys::Element>();
            let typed = match target.dyn_ref::<HtmlTextAreaElement>() {
                Some(area) => area.value(),
                None => e.target_unchecked_into::<HtmlInputElement>().value(),
            };
            draft.set(Some(typed.into()));
        })
    };
    let onchange = {
        let draft = draft.clone();
        let outer = props.onchange.clone();
        Callback::from(move |e: Event| {
            // The edit first, so that the render which drops the draft shows its result (or,
            // if what was typed did not read, the value that stays).
            outer.emit(e);
            draft.set(None);
        })
    };
    let value = (*draft).clone().unwrap_or_else(|| props.value.clone());
    let p = props.clone();
    if p.rows.is_some() {
        return html! {
            <textarea rows={p.rows} data-testid={p.testid} id={p.id} placeholder={p.placeholder}
                title={p.title} aria-label={p.aria_label} {value} {oninput} {onchange} />
        };
    }
    html! {
        <input type={p.kind} data-testid={p.testid} id={p.id} inputmode={p.inputmode} min={p.min}
            max={p.max} maxlength={p.maxlength} placeholder={p.placeholder} title={p.title}
            data-customer={p.customer} aria-label={p.aria_label} {value} {oninput} {onchange} />
    }
}
