//! The Letters tab's customer picker as a component of its own: a ledger of 2,000 customers
//! makes it 2,000 options, which a plain view function built and Yew compared again on every
//! keystroke in the template editor (issue 14). With the same names (the `Rc` the memo keeps
//! per parse) and the same choice, Yew skips it.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::{Action, AppState, LetterAction};

#[derive(Properties, PartialEq)]
pub struct CustomerSelectProps {
    /// The ledger's customer names, first-seen order (`memo::customer_names`).
    pub names: Rc<Vec<String>>,
    pub selected: String,
    pub dispatch: UseReducerDispatcher<AppState>,
}

#[function_component(CustomerSelect)]
pub fn customer_select(props: &CustomerSelectProps) -> Html {
    let onchange = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            dispatch.dispatch(Action::Letter(LetterAction::Customer(value)))
        })
    };
    html! {
        <select data-testid="letter-customer" {onchange}>
            { for props.names.iter().map(|c| html! { <option value={c.clone()} selected={*c == props.selected}>{ c }</option> }) }
        </select>
    }
}
