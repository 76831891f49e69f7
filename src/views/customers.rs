//! 账龄表: the aging per customer and currency, with late charges, risk and DSO; below it,
//! the per-customer late-charge rules (kept out of the rows, so that the table fits a laptop).

use overdue_core::aging::Rollup;
use overdue_core::playbook::Dso;
use yew::prelude::*;

use crate::i18n::texts;
use crate::state::{Action, AppState};

use super::*;

pub fn customer_summary(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let w = crate::i18n::aging::words(lang);
    let report = &state.report;
    let buckets = &report.buckets;
    let with_charges = report.has_charges();
    let columns = buckets.len() + 9 + if with_charges { 2 } else { 0 };
    let show = |customer: String| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::ShowCustomer(customer.clone())))
    };
    let bucket_labels: Vec<String> = (0..buckets.len()).map(|i| buckets.label(i, lang)).collect();
    // The cells every row and the total share, labelled for the phone's cards.
    let figures = |r: &Rollup, customer: Option<&str>| {
        html! { <>
            { for r.by_bucket.iter().enumerate().map(|(i, v)| html! {
                <td class={classes!("num", "bucket", (i > 0 && !v.is_zero()).then_some("accent"), v.is_zero().then_some("zero"))}
                    data-label={bucket_labels[i].clone()}>{ if v.is_zero() { "—".to_string() } else { amount(*v) } }</td>
            }) }
            <td class={classes!("num", "bucket", r.credits.is_zero().then_some("zero"))} data-label={t.credits}>
                { if r.credits.is_zero() { "—".to_string() } else { amount(r.credits) } }</td>
            <td class="num total" data-col="total" data-label={t.col_total}>{ amount(r.total) }</td>
            <td class="num" data-col="days" data-label={t.oldest}>{ r.oldest_days.map(|d| d.to_string()).unwrap_or_else(|| "—".into()) }</td>
            <td class="num" data-col="count" data-label={w.col_items} title={w.items_hint}>{ r.item_count() }</td>
            if with_charges {
                <td class="num accent" data-col="charges" data-label={t.col_late_charge}>{ amount(report.late_charge(customer, &r.currency).unwrap_or_default()) }</td>
                <td class="num" data-col="due" data-label={t.total_now_due}>{ amount(report.now_due(customer, &r.currency, r.total)) }</td>
            }
        </> }
    };
    html! {
        <div class="customers">
            <p class="hint no-print">{ t.customers_hint }</p>
            <div class="table-scroll">
            <table class="data aging-table" data-testid="customer-summary">
                <thead>
                    <tr>
                        <th scope="col">{ t.col_customer }</th>
                        <th scope="col">{ t.col_currency }</th>
                        { for bucket_labels.iter().map(|l| html! { <th scope="col" class="num">{ l }</th> }) }
                        <th scope="col" class="num">{ t.credits }</th>
                        <th scope="col" class="num">{ t.col_total }</th>
                        <th scope="col" class="num">{ t.oldest }</th>
                        <th scope="col" class="num" title={w.items_hint}>{ w.col_items }</th>
                        if with_charges {
                            <th scope="col" class="num">{ t.col_late_charge }</th>
                            <th scope="col" class="num">{ t.total_now_due }</th>
                        }
                        <th scope="col" title={crate::i18n::credit::words(lang).column_hint}>{ crate::i18n::credit::words(lang).column }</th>
                        <th scope="col">{ t.col_risk }</th>
                        <th scope="col" class="num" title={t.dso_hint}>{ "DSO" }</th>
                    </tr>
                </thead>
                <tbody>
                if report.customers.is_empty() {
                    <tr><td colspan={columns.to_string()} class="empty">{ t.empty_table }</td></tr>
                }
                { for report.customers.iter().map(|c| {
                    let r = &c.rollup;
                    let risk = report.playbook.customers.iter().find(|x| x.customer == c.customer && x.currency == r.currency);
                    html! { <>
                        <tr data-customer={c.customer.clone()} data-currency={r.currency.clone()}>
                            <th scope="row" data-col="customer"><button class="link" onclick={show(c.customer.clone())}>{ &c.customer }</button>{ super::sparkline::customer_sparkline(state, &c.customer, r) }</th>
                            <td data-col="currency">{ &r.currency }</td>
                            { figures(r, Some(&c.customer)) }
                            { super::credit::credit_cell(state, dispatch, &c.customer, &r.currency) }
                            if let Some(risk) = risk {
                                <td data-col="risk" data-risk={risk.level.key()}
                                    title={risk.why.iter().map(|w| w.describe(lang)).collect::<Vec<_>>().join("; ")}>
                                    { risk.level.describe(lang) }
                                </td>
                                { dso_cell(risk.dso.as_ref(), lang) }
                            } else {
                                <td></td><td></td>
                            }
                        </tr>
                        { super::credit::credit_details_row(state, dispatch, &c.customer, &r.currency, columns) }
                    </> }
                }) }
                </tbody>
                <tfoot>
                { for report.totals.iter().map(|total| {
                    let r = &total.rollup;
                    html! {
                        <tr data-currency-total={r.currency.clone()}>
                            <th scope="row">{ t.col_total }</th>
                            <td data-col="currency">{ &r.currency }</td>
                            { figures(r, None) }
                            <td></td>
                            <td></td>
                            <td></td>
                        </tr>
                    }
                }) }
                </tfoot>
            </table>
            </div>
            { customer_rules(state, dispatch) }
        </div>
    }
}

/// DSO where it means something (two or more invoices in the period), with how it was
/// computed in its title; a dash that says why otherwise.
fn dso_cell(dso: Option<&Dso>, lang: overdue_core::i18n::Lang) -> Html {
    let w = crate::i18n::aging::words(lang);
    match dso.filter(|d| d.is_meaningful()) {
        Some(d) => {
            let how = w
                .dso_how
                .replace("{receivables}", &amount(d.receivables))
                .replace("{sales}", &amount(d.credit_sales))
                .replace("{days}", &d.period_days.to_string())
                .replace("{invoices}", &d.sales_invoices.to_string());
            html! { <td class="num" data-col="dso" data-label="DSO" title={how}>{ d.days.to_string() }</td> }
        }
        None => {
            html! { <td class="num muted" data-col="dso" data-label="DSO" title={w.dso_not_meaningful}>{ "—" }</td> }
        }
    }
}

/// Each customer's late-charge rule (the workspace's unless its contract says otherwise).
fn customer_rules(state: &AppState, dispatch: &Dispatch) -> Html {
    let w = crate::i18n::aging::words(state.lang());
    let names = super::memo::customer_names(&state.report);
    if names.is_empty() {
        return html! {};
    }
    let overridden = state.workspace.settings.charges.per_customer.len();
    html! {
        <details class="customer-rules no-print" open={overridden > 0}>
            <summary>{ w.rules_heading }{ if overridden > 0 { format!(" ({overridden})") } else { String::new() } }</summary>
            <p class="hint">{ w.rules_hint }</p>
            <ul>
            { for names.iter().map(|name| html! {
                <li><span class="name">{ name }</span>{ super::charges::customer_rule_select(state, dispatch, name) }</li>
            }) }
            </ul>
        </details>
    }
}
