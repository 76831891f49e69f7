//! The input panel: the paste box, opening a file, the sample, and how the paste was read.

use overdue_core::edit::Edit;
use overdue_core::text::clip;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::i18n::texts;
use crate::state::{Action, AppState, GuardAction, PanelAction, Replace};

use super::file_open::FileOpen;
use super::mapping::mapping_panel;
use super::problems::{excluded_documents, merged_lines, row_errors, skipped_rows};
use super::*;

/// Above this size pasted text is not put in the textarea: laying out megabytes of text
/// freezes the page for seconds (shared/performance.md).
pub const LARGE_TEXT: usize = 200_000;

pub fn input_panel(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let text = &state.workspace.input.text;
    let large = text.len() > LARGE_TEXT;
    let parsed = &state.report.parsed;

    let on_paste = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(clipboard) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
            else {
                return;
            };
            let pasted = clipboard.get_data("text/plain").unwrap_or_default();
            let textarea = e.target_unchecked_into::<HtmlTextAreaElement>();
            // Small pastes go through the textarea as usual (the user may be pasting into the
            // middle of text); a large one replaces the input without ever entering the DOM.
            if pasted.len() > LARGE_TEXT || textarea.read_only() {
                e.prevent_default();
                dispatch.dispatch(Action::edit(Edit::Paste {
                    text: pasted,
                    source: None,
                }));
            }
        })
    };
    let on_input = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            dispatch.dispatch(Action::edit(Edit::Paste {
                text: value,
                source: None,
            }));
        })
    };
    let on_sample = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::LoadSample))
    };
    let on_clear = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Guard(GuardAction::Clear)))
    };
    let data_rows = super::memo::read_counts(parsed).data_rows;
    let has_data = !text.trim().is_empty();
    // The saved ledger being worked out as the page opens: the report has none of it yet, so
    // its counts would say nothing was read (the progress bar says what is happening).
    let reading_saved = state.deriving.as_ref().is_some_and(|d| d.before.is_none());
    // The text's lines: the report's, or while it is behind the paste, the estimate the
    // progress bar gives too.
    let lines = state
        .deriving
        .as_ref()
        .map_or(parsed.record_count, |d| d.rows);
    // Once there is data the panel can fold away, so that the results come first (on a phone
    // especially); after a reload it starts folded.
    let open = !has_data || state.ui.input_open.unwrap_or(false);
    let on_toggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Panel(PanelAction::SetInputOpen(!open))))
    };
    html! {
        <section class="input-panel no-print" aria-labelledby="input-heading">
            <div class="panel-head">
                <h2 id="input-heading">{ t.input_heading }</h2>
                if has_data && !reading_saved {
                    <p class="parse-status" data-testid="parse-status" aria-live="polite">
                        if let Some(source) = &state.workspace.input.source { <span class="source">{ source }{ " · " }</span> }
                        <strong>{ parsed.invoices.len() }</strong>{ format!(" / {data_rows} {} · ", t.rows_read) }
                        <strong class={classes!((!parsed.errors.is_empty()).then_some("bad"))}>{ parsed.errors.len() }</strong>
                        { format!(" {}", t.problems) }
                        if !parsed.skipped.is_empty() { { format!(" · {} {}", parsed.skipped.len(), crate::i18n::input::words(lang).skipped) } }
                    </p>
                }
                if has_data {
                    <button class="link" data-testid="input-toggle" aria-expanded={open.to_string()} aria-controls="input-body" onclick={on_toggle}>
                        { if open { t.fold_input } else { t.unfold_input } }
                    </button>
                }
            </div>
            { replace_guard(state, dispatch) }
            if has_data && !reading_saved { { read_summary(state) } }
            if open {
                <div id="input-body">
                    <div class="dropzone">
                        <label for="paste-input" class="paste-label">{ t.paste_label }</label>
                        if large {
                            <div class="large-paste" data-testid="paste-preview">
                                <strong>{ t.large_paste_title }</strong>
                                { format!(" — {} KB, {} {}", text.len() / 1024, lines, crate::i18n::input::words(lang).lines) }
                                <pre>{ text.lines().take(4).map(|l| clip(l, 160)).collect::<Vec<_>>().join("\n") }{ "\n…" }</pre>
                            </div>
                        }
                        <textarea id="paste-input" data-testid="paste-input" rows="7" spellcheck="false"
                            readonly={large}
                            placeholder={ if large { t.large_paste_hint } else { t.paste_placeholder } }
                            value={ if large { String::new() } else { text.to_string() } }
                            onpaste={on_paste} oninput={on_input} />
                        <div class="input-actions">
                            <button class="primary" data-testid="sample-data" onclick={on_sample}>{ t.sample_data }</button>
                            <FileOpen dispatch={dispatch.clone()} {lang} label={t.open_file} />
                            <span class="hint">{ t.drop_hint }</span>
                            if has_data {
                                <button class="link" data-testid="clear-input" onclick={on_clear}>{ t.clear_input }</button>
                            }
                        </div>
                    </div>
                    if has_data {
                        { mapping_panel(state, dispatch) }
                        { row_errors(state) }
                        { excluded_documents(state) }
                        { merged_lines(state) }
                        { skipped_rows(state) }
                    } else {
                        <p class="welcome">{ t.welcome }</p>
                    }
                </div>
            }
        </section>
    }
}

/// The core's one sentence on how the paste was read ("Read as: … — 27 rows → 9 invoices …").
/// It stands outside the foldable body, so that it is seen with the panel folded.
fn read_summary(state: &AppState) -> Html {
    html! {
        <p class="read-summary" data-testid="read-summary">{ super::memo::read_counts(&state.report.parsed).summary.sentence(state.lang()) }</p>
    }
}

/// "Try with sample data" over the user's own ledger waits for a yes; after it, and after
/// "clear", a banner offers the ledger back (`state/guard.rs`).
fn replace_guard(state: &AppState, dispatch: &Dispatch) -> Html {
    let w = crate::i18n::input::words(state.lang());
    let act = |action: fn() -> GuardAction| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Guard(action())))
    };
    html! {
        <>
            if state.ui.confirm_replace == Some(Replace::Sample) {
                <div class="confirm" role="alertdialog" data-testid="sample-confirm">
                    <span>{ w.sample_over_own }</span>{ " " }
                    <button class="danger" data-testid="sample-confirm-yes" onclick={act(|| GuardAction::Confirm)}>{ w.sample_yes }</button>{ " " }
                    <button data-testid="sample-confirm-no" onclick={act(|| GuardAction::Cancel)}>{ w.keep_mine }</button>
                </div>
            }
            if let Some(replaced) = &state.ui.replaced {
                <div class="notice undo-banner" role="status" data-testid="replace-undo-banner">
                    <span>{ match replaced.what { Replace::Sample => w.sample_loaded, Replace::Clear => w.cleared } }</span>{ " " }
                    <button class="primary" data-testid="replace-undo" onclick={act(|| GuardAction::Undo)}>{ w.undo }</button>{ " " }
                    <button class="link" onclick={act(|| GuardAction::Dismiss)}>{ w.dismiss }</button>
                </div>
            }
        </>
    }
}
