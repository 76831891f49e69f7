//! Rows that could not be read (row, column, what was expected), and rows skipped.

use overdue_core::i18n::Lang;
use overdue_core::paste::column_letter;
use overdue_core::text::clip;
use yew::prelude::*;

use crate::i18n::{field_label, problem_text, skip_reason_text, texts};
use crate::state::AppState;

/// Row problems listed on the page; the rest are counted.
const ERRORS_SHOWN: usize = 200;

pub(super) fn row_errors(state: &AppState) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let parsed = &state.report.parsed;
    let column_name = |col: Option<usize>| -> String {
        match col {
            None => String::new(),
            Some(c) => {
                let title = parsed
                    .columns
                    .get(c)
                    .map(|col| col.title.as_str())
                    .unwrap_or("");
                let field = parsed
                    .columns
                    .get(c)
                    .map(|col| field_label(col.field, lang))
                    .unwrap_or("");
                let name = if title.is_empty() { field } else { title };
                match lang {
                    Lang::Zh => format!("，{} 列（{}）", column_letter(c), clip(name, 30)),
                    Lang::En => format!(", column {} ({})", column_letter(c), clip(name, 30)),
                }
            }
        }
    };
    html! {
        <div class="row-errors" data-testid="row-errors">
            if parsed.errors.is_empty() {
                <p class="ok">{ t.no_errors }</p>
            } else {
                <h3>{ t.errors_heading }{ format!(" ({})", parsed.errors.len()) }</h3>
                <ul>
                { for parsed.errors.iter().take(ERRORS_SHOWN).map(|e| html! {
                    <li data-line={e.line.to_string()}>
                        <strong>{ t.row.replace("{}", &e.line.to_string()) }{ column_name(e.column) }</strong>
                        { crate::i18n::problems::words(lang).colon }
                        if !e.value.is_empty() { <q>{ &e.value }</q>{ " — " } }
                        { problem_text(&e.problem, lang) }
                    </li>
                }) }
                </ul>
                if parsed.errors.len() > ERRORS_SHOWN {
                    <p>{ t.more_errors }{ " " }{ parsed.errors.len() - ERRORS_SHOWN }</p>
                }
            }
        </div>
    }
}

pub(super) fn skipped_rows(state: &AppState) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let skipped = &state.report.parsed.skipped;
    if skipped.is_empty() {
        return html! {};
    }
    html! {
        <details class="skipped" data-testid="skipped-rows">
            <summary>{ t.skipped_rows }{ format!(" ({})", skipped.len()) }</summary>
            <ul>
            { for skipped.iter().take(ERRORS_SHOWN).map(|s| html! {
                <li>
                    <strong>{ t.row.replace("{}", &s.line.to_string()) }</strong>{ crate::i18n::problems::words(lang).colon }
                    { skip_reason_text(s.reason, lang) }
                    if !s.text.trim().is_empty() { { " — " }<q>{ &s.text }</q> }
                </li>
            }) }
            </ul>
        </details>
    }
}

/// Documents the status column (or the journal reading) set aside, each with its reason, listed
/// like the skipped rows: nothing leaves the totals without the user seeing why.
pub(super) fn excluded_documents(state: &AppState) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let words = crate::i18n::problems::words(lang);
    let excluded = &state.report.parsed.excluded;
    if excluded.is_empty() {
        return html! {};
    }
    html! {
        <details class="skipped" data-testid="excluded-docs">
            <summary>{ words.excluded_heading }{ format!(" ({})", excluded.len()) }</summary>
            <ul>
            { for excluded.iter().take(ERRORS_SHOWN).map(|x| html! {
                <li>
                    <strong>{ t.row.replace("{}", &x.line.to_string()) }</strong>
                    if !x.number.is_empty() { { " " }<q>{ clip(&x.number, 40) }</q> }
                    { words.colon }
                    { x.reason.text(lang) }
                </li>
            }) }
            </ul>
            if excluded.len() > ERRORS_SHOWN {
                <p>{ t.more_errors }{ " " }{ excluded.len() - ERRORS_SHOWN }</p>
            }
        </details>
    }
}

/// Rows taken as lines (or repeated copies) of a document read on an earlier row: counted, and
/// each one says which row it joined.
pub(super) fn merged_lines(state: &AppState) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let words = crate::i18n::problems::words(lang);
    let merged = &state.report.parsed.merged;
    if merged.is_empty() {
        return html! {};
    }
    html! {
        <details class="skipped" data-testid="merged-lines">
            <summary>{ words.merged_heading }{ format!(" ({})", merged.len()) }</summary>
            <ul>
            { for merged.iter().take(ERRORS_SHOWN).map(|m| html! {
                <li>
                    <strong>{ t.row.replace("{}", &m.line.to_string()) }</strong>
                    { words.colon }
                    { m.red_text(lang).unwrap_or_else(|| words.merged_into.replace("{number}", &clip(&m.number, 40)).replace("{line}", &m.into_line.to_string())) }
                </li>
            }) }
            </ul>
            if merged.len() > ERRORS_SHOWN {
                <p>{ t.more_errors }{ " " }{ merged.len() - ERRORS_SHOWN }</p>
            }
        </details>
    }
}
