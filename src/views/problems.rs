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
