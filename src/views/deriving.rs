//! The progress bar of a large derive worked out in slices (`state/deriving.rs`), with its
//! stop button. The bar's value is set by the running derive itself (`sliced.rs`), straight
//! in the document: redrawing the page for each step would cost more than the step.

use yew::prelude::*;

use crate::i18n::input::words;
use crate::sliced::PROGRESS_ID;
use crate::state::{Action, AppState, DeriveAction};

pub fn deriving_bar(state: &AppState, dispatch: &UseReducerDispatcher<AppState>) -> Html {
    let Some(deriving) = &state.deriving else {
        return html! {};
    };
    let w = words(state.lang());
    let rows = grouped(deriving.rows);
    let stop = deriving.before.is_some().then(|| {
        let dispatch = dispatch.clone();
        let onclick =
            Callback::from(move |_| dispatch.dispatch(Action::Derive(DeriveAction::Cancel)));
        html! { <button data-testid="deriving-stop" {onclick}>{ w.stop_working_out }</button> }
    });
    html! {
        <div class="deriving no-print" role="status" data-testid="deriving">
            <label for={PROGRESS_ID}>{ w.working_out.replace("{rows}", &rows) }</label>
            // No value attribute: the running derive sets it (an absent one is "indeterminate").
            <progress id={PROGRESS_ID} max="1"></progress>
            { for stop }
            <p class="hint">{ if deriving.before.is_some() { w.shown_meanwhile } else { w.reading_saved } }</p>
        </div>
    }
}

/// 1234567 → "1,234,567" (both languages group digits so in figures).
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_are_grouped_in_thousands() {
        assert_eq!(super::grouped(0), "0");
        assert_eq!(super::grouped(999), "999");
        assert_eq!(super::grouped(15_000), "15,000");
        assert_eq!(super::grouped(1_234_567), "1,234,567");
    }
}
