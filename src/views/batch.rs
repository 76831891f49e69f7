//! A whole stage's letters at once (issue 16 item 7): from Today, every letter of one kind due
//! today, reviewed one after another (the customer, the letter, copy, record as sent), or
//! printed as one document with each letter on its own page. The letters are the core's
//! (`letters::prepare`, the letters engine writing the bodies), exactly as the Letters tab would
//! write them; until the engine has loaded, the batch says its letters are being prepared.

use overdue_core::letters::{prepare, print_layout, request_for, ticked_rows, Layout};
use overdue_core::playbook::sent::DueLetter;
use overdue_core::playbook::LetterKind;
use yew::prelude::*;

use crate::browser;
use crate::letters_engine;
use crate::state::{Action, AppState, BatchAction};

type Dispatch = UseReducerDispatcher<AppState>;

/// One "prepare every letter of this kind due today" button per kind of letter due.
pub fn batch_entry(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let kinds = super::memo::today_cards(&state.report).kinds_due.clone();
    if kinds.is_empty() {
        return html! {};
    }
    html! {
        <p class="batch-entry no-print">
            { for kinds.into_iter().map(|(kind, n)| {
                let dispatch = dispatch.clone();
                let onclick = Callback::from(move |_| dispatch.dispatch(Action::Batch(BatchAction::Open(kind))));
                html! {
                    <button data-testid="batch-letters" data-kind={kind.key()} {onclick}>
                        { crate::i18n::sent::prepare_all(lang, kind.describe(lang), n) }
                    </button>
                }
            }) }
        </p>
    }
}

/// The letter for one customer of the batch, laid out for print, and the rows it covers; None
/// while the letters engine loads.
fn letter_text(
    state: &AppState,
    kind: LetterKind,
    letter: &DueLetter,
) -> Option<(Layout, Vec<usize>)> {
    let report = &state.report;
    let settings = &state.workspace.settings.letters;
    let rows = ticked_rows(report, &letter.customer, &letter.invoices).rows;
    // As in the Letters tab: what was sent before about these invoices, the charge rule.
    let request = request_for(
        &state.workspace,
        report,
        kind,
        state.lang(),
        &letter.customer,
        rows.clone(),
        &letter.invoices,
    );
    let rendered = letters_engine::write(prepare(report, settings, &request))?;
    Some((print_layout(settings, &request, &rendered), rows))
}

/// The open batch in place of the Today list; None when no batch is open.
pub fn batch_view(state: &AppState, dispatch: &Dispatch) -> Option<Html> {
    let batch = state.batch.as_ref()?;
    let lang = state.lang();
    let w = crate::i18n::sent::words(lang);
    let kind = batch.kind;
    let texts: Option<Vec<(Layout, Vec<usize>)>> = batch
        .letters
        .iter()
        .map(|l| letter_text(state, kind, l))
        .collect();
    let Some(texts) = texts else {
        let preparing = crate::i18n::letters::words(lang).preparing_the_letter;
        return Some(html! {
            <div class="batch-view" data-testid="batch-view" data-kind={kind.key()}>
                <p class="preparing" role="status" data-testid="letter-preparing">{ preparing }</p>
            </div>
        });
    };
    let current = batch.current()?;
    let (layout, rows) = texts.get(batch.at)?;
    let (text, rows) = (layout.to_text(), rows.clone());
    let step = |action: fn() -> BatchAction| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Batch(action())))
    };
    let on_copy = {
        let dispatch = dispatch.clone();
        let text = text.clone();
        Callback::from(move |_| {
            let lines: Vec<String> = text.lines().map(escape).collect();
            let html = format!("<div>{}</div>", lines.join("<br>"));
            let dispatch = dispatch.clone();
            browser::copy_rich(&text, &html, move |ok| {
                dispatch.dispatch(Action::Batch(BatchAction::Copied(ok)))
            });
        })
    };
    let on_print = Callback::from(|_| browser::print_letter());
    let last = batch.at + 1 >= batch.letters.len();
    Some(html! {
        <div class="batch-view" data-testid="batch-view" data-kind={kind.key()}>
            <div class="batch-head no-print">
                <h3>{ kind.describe(lang) }{ " · " }{ crate::i18n::sent::position(lang, batch.at + 1, batch.letters.len()) }</h3>
                <button class="link" data-testid="batch-close" onclick={step(|| BatchAction::Close)}>{ w.back_to_today }</button>
            </div>
            <article class="batch-item no-print" data-testid="batch-item" data-customer={current.customer.clone()}>
                <h4 class="customer">{ current.customer.clone() }</h4>
                // Everything above the letter, so that stepping on needs no scrolling.
                <div class="letter-actions">
                    <button class="primary" data-testid="batch-copy" onclick={on_copy}>{ w.copy }</button>
                    { crate::views::sent::record_sent(state, dispatch, &current.customer, kind, lang, &rows) }
                    if batch.copied { <span class="ok" role="status" data-testid="batch-copied">{ w.copied }</span> }
                    <span class="batch-steps">
                        <button data-testid="batch-previous" disabled={batch.at == 0} onclick={step(|| BatchAction::Previous)}>{ w.previous }</button>
                        <button class="primary" data-testid="batch-next" disabled={last} onclick={step(|| BatchAction::Next)}>{ w.next }</button>
                        <button data-testid="batch-print" onclick={on_print}>{ w.print_all }</button>
                    </span>
                </div>
                <div class="letter-sheet"><pre data-testid="batch-text">{ text }</pre></div>
            </article>
            // Only in print: every letter of the batch, each on its own page.
            <div class="batch-print-all" aria-hidden="true">
                { for batch.letters.iter().zip(&texts).map(|(letter, (layout, _))|
                    crate::views::letter_print::printed_letter(layout, "batch-letter", &letter.customer)
                ) }
            </div>
        </div>
    })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
