//! The column mapping (which column holds what) and the day/month order.

use overdue_core::dates::DayMonthOrder;
use overdue_core::edit::Edit;
use overdue_core::money::DecimalMark;
use overdue_core::paste::{column_letter, Field, MappingSource};
use overdue_core::text::clip;
use yew::prelude::*;

use crate::i18n::{field_label, texts};
use crate::state::{Action, AppState};

use super::*;

pub(super) fn mapping_panel(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let parsed = &state.report.parsed;
    if parsed.columns.is_empty() {
        return html! {};
    }
    let words = crate::i18n::mapping::words(lang);
    let note = match parsed.mapping_source {
        MappingSource::Header => t.mapping_from_header,
        MappingSource::Content => t.mapping_guessed,
        MappingSource::User => t.mapping_user,
    };
    let open = parsed.mapping_source == MappingSource::Content || !parsed.unmapped.is_empty();
    let on_reset = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::edit(Edit::ResetMapping)))
    };
    let order = parsed.date_order;
    let year_last_dates = order.day_first_votes + order.month_first_votes + order.ambiguous > 0;
    let flip = {
        let dispatch = dispatch.clone();
        let flipped = order.order.flipped();
        Callback::from(move |_| dispatch.dispatch(Action::edit(Edit::SetDayMonthOrder(flipped))))
    };
    html! {
        <>
        if !parsed.unmapped.is_empty() {
            <p class="warning" role="alert">
                { t.unmapped_warning }{ " " }
                { parsed.unmapped.iter().map(|f| field_label(*f, lang)).collect::<Vec<_>>().join(crate::i18n::mapping::words(lang).list_separator) }
            </p>
        }
        if year_last_dates {
            <p class="notice" data-testid="date-order">
                { match order.order { DayMonthOrder::DayFirst => t.dates_day_first, DayMonthOrder::MonthFirst => t.dates_month_first } }
                { if parsed.date_order_overridden { crate::i18n::mapping::words(lang).your_choice } else { "" } }
                { ". " }
                if order.undecided() && !parsed.date_order_overridden { <strong>{ t.dates_undecided }{ " " }</strong> }
                if order.conflicting() { <strong>{ t.dates_conflict }{ " " }</strong> }
                <button class="link" data-testid="flip-date-order" onclick={flip}>{ t.dates_switch }</button>
            </p>
        }
        if parsed.decimal_mark == DecimalMark::Comma {
            <p class="notice">{ t.decimal_comma_note }</p>
        }
        if parsed.quotes_ignored {
            <p class="notice">{ t.quotes_ignored }</p>
        }
        <details class="mapping" open={open} data-testid="column-mapping">
            <summary>{ t.mapping_heading }{ " — " }{ note }</summary>
            <div class="table-scroll">
            <table class="mapping-table">
                <thead><tr><th scope="col">{ t.column }</th><th scope="col">{ t.header_cell }</th><th scope="col">{ t.means }</th><th scope="col">{ words.why }</th></tr></thead>
                <tbody>
                {
                    for parsed.columns.iter().enumerate().map(|(i, column)| {
                        let dispatch = dispatch.clone();
                        let onchange = Callback::from(move |e: Event| {
                            if let Some(field) = Field::from_key(&select_value(&e)) {
                                dispatch.dispatch(Action::mapping(move |mapping| {
                                    // One column per field: the column that had it lets it go.
                                    if field != Field::Ignore {
                                        for f in mapping.iter_mut().filter(|f| **f == field) {
                                            *f = Field::Ignore;
                                        }
                                    }
                                    if let Some(slot) = mapping.get_mut(i) {
                                        *slot = field;
                                    }
                                }));
                            }
                        });
                        let id = format!("map-col-{i}");
                        html! {
                            <tr>
                                <td><label for={id.clone()}>{ column_letter(i) }</label></td>
                                <td>{ clip(&column.title, 40) }</td>
                                <td>
                                    <select id={id} data-testid={format!("mapping-{i}")} onchange={onchange}>
                                        { for Field::ALL.iter().map(|f| html! {
                                            <option value={f.key()} selected={*f == column.field}>{ field_label(*f, lang) }</option>
                                        }) }
                                    </select>
                                </td>
                                <td class="why" data-testid={format!("mapping-why-{i}")}>
                                    { column.why.text(lang, |f| field_label(f, lang).to_string()) }
                                </td>
                            </tr>
                        }
                    })
                }
                </tbody>
            </table>
            </div>
            if parsed.mapping_source == MappingSource::User {
                <button class="link" onclick={on_reset}>{ t.mapping_reset }</button>
            }
        </details>
        { ignored_columns(state) }
        </>
    }
}

/// The columns read past, each with why, so that a user sees nothing was thrown away unread.
fn ignored_columns(state: &AppState) -> Html {
    let lang = state.lang();
    let words = crate::i18n::mapping::words(lang);
    let parsed = &state.report.parsed;
    let ignored: Vec<_> = parsed.ignored_columns().collect();
    if ignored.is_empty() {
        return html! {};
    }
    html! {
        <details class="ignored-columns" data-testid="ignored-columns">
            <summary>{ words.ignored_heading }{ format!(" ({})", ignored.len()) }</summary>
            <ul>
            { for ignored.iter().map(|(i, column)| html! {
                <li>
                    <strong>{ column_letter(*i) }</strong>
                    if !column.title.is_empty() { { " " }<q>{ clip(&column.title, 40) }</q> }
                    { words.colon }
                    { column.why.text(lang, |f| field_label(f, lang).to_string()) }
                </li>
            }) }
            </ul>
        </details>
    }
}
