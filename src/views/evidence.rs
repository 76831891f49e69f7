//! A customer's evidence checklist (issue 15 item 4): what is held and what is missing before
//! a hand-over. Items ticked by the user can be unticked; items found in the letters-sent or
//! contact log are shown as held and say where from.

use overdue_core::edit::Edit;
use overdue_core::playbook::evidence::{checklist, missing, HeldBy};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, AppState};

type Dispatch = UseReducerDispatcher<AppState>;

/// The checklist, folded unless `open` (a hand-over step is due).
pub fn evidence_list(state: &AppState, dispatch: &Dispatch, customer: &str, open: bool) -> Html {
    let lang = state.lang();
    let w = crate::i18n::sent::words(lang);
    let ws = &state.workspace;
    let lines = checklist(customer, &ws.evidence, &ws.letters_sent, &ws.contacts);
    let missing_count = missing(&lines).count();
    html! {
        <details class="evidence no-print" open={open}>
            <summary>{ crate::i18n::sent::evidence_summary(lang, missing_count) }</summary>
            <p class="hint">{ w.evidence_hint }</p>
            <ul data-testid="evidence-list">
                { for lines.iter().map(|line| {
                    let item = line.item;
                    let dispatch = dispatch.clone();
                    let customer = customer.to_string();
                    let onchange = Callback::from(move |e: Event| {
                        let held = e.target_unchecked_into::<HtmlInputElement>().checked();
                        dispatch.dispatch(Action::edit(Edit::SetEvidence { customer: customer.clone(), item, held }));
                    });
                    let derived = line.held == HeldBy::Derived;
                    html! {
                        <li data-testid="evidence-item" data-item={item.key()} data-held={line.is_held().to_string()}
                            class={if line.is_held() { "held" } else { "missing" }}>
                            <label class="check">
                                <input type="checkbox" checked={line.is_held()} disabled={derived} {onchange} />
                                { item.describe(lang) }
                                if derived { <span class="hint">{ w.from_the_logs }</span> }
                                if !line.is_held() { <span class="missing-tag">{ w.missing }</span> }
                            </label>
                        </li>
                    }
                }) }
            </ul>
        </details>
    }
}
