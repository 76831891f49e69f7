//! 账龄表: the aging per customer and currency, with late charges, risk and DSO.

use yew::prelude::*;

use crate::i18n::texts;
use crate::state::{Action, AppState};

use super::*;

pub fn customer_summary(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let report = &state.report;
    let buckets = &report.buckets;
    let with_charges = !report.charges.is_empty();
    let show = |customer: String| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::ShowCustomer(customer.clone())))
    };
    html! {
        <div class="customers">
            <p class="hint no-print">{ t.customers_hint }</p>
            <div class="table-scroll">
            <table class="data" data-testid="customer-summary">
                <thead>
                    <tr>
                        <th scope="col">{ t.col_customer }</th>
                        <th scope="col">{ t.col_currency }</th>
                        { for (0..buckets.len()).map(|i| html! { <th scope="col" class="num">{ buckets.label(i, lang) }</th> }) }
                        <th scope="col" class="num">{ t.credits }</th>
                        <th scope="col" class="num">{ t.col_total }</th>
                        <th scope="col" class="num">{ t.oldest }</th>
                        <th scope="col" class="num">{ t.col_count }</th>
                        if with_charges {
                            <th scope="col" class="num">{ t.col_late_charge }</th>
                            <th scope="col" class="num">{ t.total_now_due }</th>
                        }
                        <th scope="col" title={crate::i18n::credit::words(lang).column_hint}>{ crate::i18n::credit::words(lang).column }</th>
                        <th scope="col">{ t.col_risk }</th>
                        <th scope="col" class="num" title={t.dso_hint}>{ "DSO" }</th>
                        <th scope="col" class="no-print">{ t.col_charge_rule }</th>
                    </tr>
                </thead>
                <tbody>
                if report.customers.is_empty() {
                    <tr><td colspan={(buckets.len() + 10 + if with_charges { 2 } else { 0 }).to_string()} class="empty">{ t.empty_table }</td></tr>
                }
                { for report.customers.iter().map(|c| {
                    let r = &c.rollup;
                    let columns = buckets.len() + 10 + if with_charges { 2 } else { 0 };
                    html! { <>
                        <tr data-customer={c.customer.clone()} data-currency={r.currency.clone()}>
                            <th scope="row"><button class="link" onclick={show(c.customer.clone())}>{ &c.customer }</button></th>
                            <td>{ &r.currency }</td>
                            { for r.by_bucket.iter().enumerate().map(|(i, v)| html! {
                                <td class={classes!("num", (i > 0 && !v.is_zero()).then_some("accent"))}>{ if v.is_zero() { "—".to_string() } else { amount(*v) } }</td>
                            }) }
                            <td class="num">{ if r.credits.is_zero() { "—".to_string() } else { amount(r.credits) } }</td>
                            <td class="num total" data-col="total">{ amount(r.total) }</td>
                            <td class="num">{ r.oldest_days.map(|d| d.to_string()).unwrap_or_else(|| "—".into()) }</td>
                            <td class="num">{ c.invoice_count }</td>
                            if with_charges {
                                <td class="num accent" data-col="charges">{ amount(report.late_charge(Some(&c.customer), &r.currency).unwrap_or_default()) }</td>
                                <td class="num" data-col="due">{ amount(report.now_due(Some(&c.customer), &r.currency, r.total)) }</td>
                            }
                            { super::credit::credit_cell(state, dispatch, &c.customer, &r.currency) }
                            {
                                match report.playbook.customers.iter().find(|x| x.customer == c.customer && x.currency == r.currency) {
                                    Some(risk) => html! { <>
                                        <td data-col="risk" data-risk={risk.level.key()} title={risk.why.iter().map(|w| w.describe(lang)).collect::<Vec<_>>().join("; ")}>
                                            { risk.level.describe(lang) }
                                        </td>
                                        <td class="num" data-col="dso">{ risk.dso.as_ref().map(|d| d.days.to_string()).unwrap_or_else(|| "—".into()) }</td>
                                    </> },
                                    None => html! { <><td></td><td></td></> },
                                }
                            }
                            <td class="no-print">{ super::charges::customer_rule_select(state, dispatch, &c.customer) }</td>
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
                            <td>{ &r.currency }</td>
                            { for r.by_bucket.iter().map(|v| html! { <td class="num">{ amount(*v) }</td> }) }
                            <td class="num">{ amount(r.credits) }</td>
                            <td class="num total">{ amount(r.total) }</td>
                            <td class="num">{ r.oldest_days.map(|d| d.to_string()).unwrap_or_else(|| "—".into()) }</td>
                            <td class="num">{ r.open_count }</td>
                            if with_charges {
                                <td class="num">{ amount(report.late_charge(None, &r.currency).unwrap_or_default()) }</td>
                                <td class="num">{ amount(report.now_due(None, &r.currency, r.total)) }</td>
                            }
                            <td></td>
                            <td></td>
                            <td></td>
                            <td class="no-print"></td>
                        </tr>
                    }
                }) }
                </tfoot>
            </table>
            </div>
        </div>
    }
}
