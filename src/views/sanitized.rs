//! The notice of what `limits::sanitize` changed in the stored workspace when it was loaded:
//! the user should not find a setting silently different from what they left. Dismissible;
//! shown until then (it is not saved: the adjusted values are what is saved from now on).

use yew::prelude::*;

use super::Dispatch;
use crate::i18n::sanitized::words;
use overdue_core::i18n::Lang;
use overdue_core::limits::{self, Clamped};

use crate::state::{Action, AppState, StoreAction};

/// Most items listed; a workspace damaged in many places gets a count of the rest.
const MAX_LISTED: usize = 20;

pub fn sanitized_notice(state: &AppState, dispatch: &Dispatch) -> Html {
    let clamped = &state.store.sanitized;
    if clamped.is_empty() {
        return Html::default();
    }
    let w = words(state.lang());
    let dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Store(StoreAction::DismissSanitized)))
    };
    html! {
        <section class="link-prompt no-print" role="status" data-testid="sanitized-notice">
            <h2>{ w.heading }</h2>
            <p>{ w.intro }</p>
            { clamped_list(clamped, state.lang()) }
            <button data-testid="sanitized-dismiss" onclick={dismiss}>{ w.dismiss }</button>
        </section>
    }
}

/// What was clamped, as a list (the first [`MAX_LISTED`], then a count): the same items on load
/// and in a link's review.
pub fn clamped_list(clamped: &[Clamped], lang: Lang) -> Html {
    let w = words(lang);
    let items = clamped.iter().take(MAX_LISTED).map(|c| {
        html! { <li data-testid="sanitized-item">{ limits::words::line(c, lang) }</li> }
    });
    let rest = clamped.len().saturating_sub(MAX_LISTED);
    html! {
        <ul>
            { for items }
            if rest > 0 {
                <li>{ w.more.replace("{n}", &rest.to_string()) }</li>
            }
        </ul>
    }
}

/// A link's out-of-range values, in its review (issue 20): before the user accepts.
pub fn link_clamped(clamped: &[Clamped], lang: Lang) -> Html {
    if clamped.is_empty() {
        return Html::default();
    }
    let w = words(lang);
    html! {
        <div class="warning" role="status" data-testid="link-sanitized">
            <p><strong>{ w.link_heading }</strong></p>
            <p>{ w.link_intro }</p>
            { clamped_list(clamped, lang) }
        </div>
    }
}
