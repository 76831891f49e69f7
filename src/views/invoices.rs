//! The invoice table: filters, order, pages, a row's details, the CSV export.

use overdue_core::aging::{describe_days, Buckets, Status};
use overdue_core::dates::{self};
use overdue_core::export::invoice_csv;
use overdue_core::i18n::Lang;
use overdue_core::report::SortKey;
use overdue_core::rows::InvoiceRow;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::i18n::texts;
use crate::state::{Action, AppState, PanelAction, TableAction, PAGE_SIZE};

use super::*;

/// Above this many customers the customer filter is the search box alone.
const MAX_CUSTOMER_OPTIONS: usize = 300;

pub fn invoice_table(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let report = &state.report;
    let buckets: &Buckets = &report.buckets;
    let query = &state.table.query;

    let on_customer = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            dispatch.dispatch(Action::Table(TableAction::FilterCustomer(
                (!v.is_empty()).then_some(v),
            )));
        })
    };
    let on_search = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            dispatch.dispatch(Action::Table(TableAction::Search(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            )))
        })
    };
    let customer_names = super::memo::customer_names(report);
    let on_bucket = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            dispatch.dispatch(Action::Table(TableAction::FilterBucket(
                select_value(&e).parse().ok(),
            )))
        })
    };
    let on_status = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let status = match select_value(&e).as_str() {
                "open" => Some(Status::Open),
                "paid" => Some(Status::Paid),
                "credit" => Some(Status::Credit),
                _ => None,
            };
            dispatch.dispatch(Action::Table(TableAction::FilterStatus(status)));
        })
    };
    let on_export = {
        let report = state.report.clone();
        let rows = state.table.rows.clone();
        Callback::from(move |_| {
            let csv = invoice_csv(&report, &rows, lang);
            let name = format!("overdue-invoices-{}.csv", dates::iso(report.as_of));
            browser::download(&name, "text/csv;charset=utf-8", &csv);
        })
    };
    let on_print = Callback::from(|_| browser::print());

    let sort_header = |key: SortKey, label: &'static str, numeric: bool| {
        let dispatch = dispatch.clone();
        let active = query.sort == key;
        let aria = if !active {
            "none"
        } else if query.descending {
            "descending"
        } else {
            "ascending"
        };
        let arrow = if !active {
            ""
        } else if query.descending {
            " ↓"
        } else {
            " ↑"
        };
        html! {
            <th scope="col" aria-sort={aria} class={classes!(numeric.then_some("num"))}>
                <button class="sort" onclick={Callback::from(move |_| dispatch.dispatch(Action::Table(TableAction::SortBy(key))))}>{ label }{ arrow }</button>
            </th>
        }
    };

    let with_charges = report.has_charges();
    // What fits a 1366-pixel laptop by default; the column chooser adds invoice date, amount
    // and paid (the table then scrolls sideways, its header and invoice column pinned).
    let all = state.ui.all_columns;
    let columns = 10 + if with_charges { 2 } else { 0 } + if all { 3 } else { 0 };
    let w = crate::i18n::invoices::words(lang);
    let on_all_columns = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.dispatch(Action::Panel(PanelAction::SetAllColumns(on)))
        })
    };
    let start = state.table.page * PAGE_SIZE;
    let end = (start + PAGE_SIZE).min(state.table.rows.len());
    let page_rows = &state.table.rows[start.min(end)..end];
    let pager = {
        let prev = {
            let dispatch = dispatch.clone();
            let page = state.table.page;
            Callback::from(move |_| {
                dispatch.dispatch(Action::Table(TableAction::SetPage(page.saturating_sub(1))))
            })
        };
        let next = {
            let dispatch = dispatch.clone();
            let page = state.table.page;
            Callback::from(move |_| {
                dispatch.dispatch(Action::Table(TableAction::SetPage(page + 1)))
            })
        };
        html! {
            <div class="pager no-print">
                <button onclick={prev} disabled={state.table.page == 0}>{ t.prev_page }</button>
                <span aria-live="polite">{ t.page_of.replace("{from}", &(if end == 0 { 0 } else { start + 1 }).to_string())
                    .replace("{to}", &end.to_string()).replace("{total}", &state.table.rows.len().to_string()) }</span>
                <button onclick={next} disabled={state.table.page + 1 >= state.table.page_count()}>{ t.next_page }</button>
            </div>
        }
    };

    html! {
        <div class="invoices">
            <div class="toolbar no-print">
                <label class="control">
                    <span>{ t.search }</span>
                    <input type="search" data-testid="search" value={query.search.clone().unwrap_or_default()}
                        placeholder={t.search_hint} oninput={on_search} />
                </label>
                // A dropdown of thousands of customers costs more to render than it helps: past
                // that, the search box does the job.
                if customer_names.len() <= MAX_CUSTOMER_OPTIONS || query.customer.is_some() {
                    <label class="control">
                        <span>{ t.filter_customer }</span>
                        <select data-testid="filter-customer" onchange={on_customer}>
                            <option value="" selected={query.customer.is_none()}>{ t.all }</option>
                            { for customer_names.iter().take(MAX_CUSTOMER_OPTIONS).map(|c| html! {
                                <option value={c.clone()} selected={query.customer.as_deref() == Some(c.as_str())}>{ c }</option>
                            }) }
                            if let Some(c) = query.customer.as_ref().filter(|_| customer_names.len() > MAX_CUSTOMER_OPTIONS) {
                                <option value={c.clone()} selected=true>{ c }</option>
                            }
                        </select>
                    </label>
                }
                <label class="control">
                    <span>{ t.filter_bucket }</span>
                    <select data-testid="filter-bucket" onchange={on_bucket}>
                        <option value="" selected={query.bucket.is_none()}>{ t.all }</option>
                        { for (0..buckets.len()).map(|i| html! {
                            <option value={i.to_string()} selected={query.bucket == Some(i)}>{ buckets.label(i, lang) }</option>
                        }) }
                    </select>
                </label>
                <label class="control">
                    <span>{ t.filter_status }</span>
                    <select data-testid="filter-status" onchange={on_status}>
                        <option value="" selected={query.status.is_none()}>{ t.all }</option>
                        { for [Status::Open, Status::Paid, Status::Credit].into_iter().map(|s| html! {
                            <option value={s.key()} selected={query.status == Some(s)}>{ s.label(lang) }</option>
                        }) }
                    </select>
                </label>
                <span class="spacer"></span>
                <button data-testid="export-csv" onclick={on_export} disabled={state.table.rows.is_empty()}>{ t.export_csv }</button>
                <button onclick={on_print}>{ t.print }</button>
                <label class="check all-columns">
                    <input type="checkbox" data-testid="all-columns" checked={all} onchange={on_all_columns} />
                    { w.all_columns }
                </label>
            </div>
            if all { <p class="hint scroll-hint no-print">{ w.scroll_hint }</p> }
            <div class={classes!("table-scroll", all.then_some("wide"))}>
            <table class="data invoice-table" data-testid="invoice-table">
                <thead>
                    <tr>
                        { sort_header(SortKey::Invoice, t.col_invoice, false) }
                        { sort_header(SortKey::Customer, t.col_customer, false) }
                        { sort_header(SortKey::Currency, t.col_currency, false) }
                        if all { { sort_header(SortKey::InvoiceDate, t.col_invoice_date, false) } }
                        { sort_header(SortKey::DueDate, t.col_due_date, false) }
                        { sort_header(SortKey::DaysPastDue, t.col_days_past_due, true) }
                        <th scope="col">{ t.col_bucket }</th>
                        if all {
                            { sort_header(SortKey::Amount, t.col_amount, true) }
                            { sort_header(SortKey::Paid, t.col_paid, true) }
                        }
                        { sort_header(SortKey::Outstanding, t.col_outstanding, true) }
                        { sort_header(SortKey::Status, t.col_status, false) }
                        if with_charges {
                            <th scope="col" class="num">{ t.col_late_charge }</th>
                            <th scope="col" class="num">{ t.total_now_due }</th>
                        }
                        <th scope="col">{ t.col_stage }</th>
                        <th scope="col">{ w.col_next }</th>
                    </tr>
                </thead>
                <tbody>
                if page_rows.is_empty() {
                    <tr><td colspan={columns.to_string()} class="empty">{ t.empty_table }</td></tr>
                }
                { for page_rows.iter().filter_map(|&i| report.row(i)).map(|row| {
                    let (i, inv, aged, charge) = (row.index, row.invoice, row.aged, row.charge);
                    let overdue = aged.is_overdue();
                    let open = state.table.expanded == Some(i);
                    let toggle = {
                        let dispatch = dispatch.clone();
                        Callback::from(move |_| dispatch.dispatch(Action::Table(TableAction::ToggleDetails(i))))
                    };
                    html! {
                        <>
                        <tr class={classes!(overdue.then_some("overdue"), (aged.status != Status::Open).then_some("settled"))}
                            data-invoice={inv.number.clone()}>
                            <th scope="row" data-col="invoice" title={format!("{} {}", w.pasted_row, inv.line)}>{ &inv.number }</th>
                            <td class="customer" data-col="customer">{ &inv.customer }</td>
                            <td data-col="currency">{ inv.currency.as_str() }</td>
                            if all { <td class="date">{ inv.invoice_date.map(|d| dates::display(d, lang)).unwrap_or_default() }</td> }
                            <td class="date" data-col="due-date" data-label={t.col_due_date}>
                                { dates::display(inv.due_date, lang) }
                                if inv.due_derived { <span class="derived" title={t.due_derived}>{ w.est }</span> }
                            </td>
                            <td class="num" data-col="days" data-days={aged.days_past_due.to_string()}
                                data-label={(aged.days_past_due > 0).then_some(t.col_days_past_due)}>{ describe_days(aged.days_past_due, lang) }</td>
                            <td data-col="bucket">{ if aged.status == Status::Open { buckets.label(aged.bucket, lang) } else { "—".into() } }</td>
                            if all {
                                <td class="num">{ amount(inv.amount) }</td>
                                <td class="num">{ amount(inv.paid) }</td>
                            }
                            <td class="num" data-col="outstanding">{ amount(inv.outstanding) }</td>
                            <td data-col="status" data-status={aged.status.key()}>{ aged.status.label(lang) }</td>
                            if let Some(charge) = charge {
                                <td class="num" data-col="charge" data-label={t.col_late_charge}>
                                    { amount(charge.total) }
                                    if !charge.is_complete() { <span class="flag" title={w.no_rate_known_for_part}>{ " ⚠" }</span> }
                                    { " " }
                                    <button class="link details" data-testid="charge-details" aria-expanded={open.to_string()} onclick={toggle}>
                                        { if open { w.hide } else { w.how } }
                                    </button>
                                </td>
                                <td class="num" data-col="total" data-label={t.total_now_due}>{ row.now_due().map(amount).unwrap_or_default() }</td>
                            }
                            { super::today::stage_cell(state, dispatch, i) }
                            { next_cell(&row, dispatch, lang) }
                        </tr>
                        if open {
                            <tr class="breakdown-row"><td colspan={columns.to_string()}>
                                { super::today::invoice_playbook(state, dispatch, i) }
                                if let Some(charge) = charge { { super::charges::breakdown(charge, state.workspace.settings.charges.params_for(&inv.customer), lang) } }
                            </td></tr>
                        }
                        </>
                    }
                }) }
                </tbody>
            </table>
            </div>
            if state.table.rows.len() > PAGE_SIZE { { pager } }
        </div>
    }
}

/// The next step of one invoice: the letter its playbook calls for now, a button that opens
/// it on the Letters tab (on a phone's card, the way to act on the invoice).
fn next_cell(row: &InvoiceRow, dispatch: &Dispatch, lang: Lang) -> Html {
    let Some(kind) = row.assessment.letter else {
        return html! { <td data-col="next"></td> };
    };
    let customer = row.invoice.customer.clone();
    let key = row.key();
    let dispatch = dispatch.clone();
    let onclick = Callback::from(move |_| {
        dispatch.dispatch(Action::OpenLetter {
            customer: customer.clone(),
            kind,
            invoices: vec![key.clone()],
        })
    });
    html! {
        <td data-col="next">
            <button class="link" data-testid="row-letter" data-letter={kind.key()} {onclick}>
                { crate::i18n::invoices::words(lang).letter_prefix }{ kind.describe(lang) }
            </button>
        </td>
    }
}
