//! The totals per currency, with the aging chart.

use rust_decimal::Decimal;
use yew::prelude::*;

use crate::i18n::texts;
use crate::state::AppState;

use super::*;

pub fn summary(state: &AppState) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let report = &state.report;
    if report.totals.is_empty() {
        return html! {};
    }
    html! {
        <section class="summary" aria-label={t.summary_heading} data-testid="currency-totals">
            { for report.totals.iter().map(|total| {
                let r = &total.rollup;
                let max = r.by_bucket.iter().copied().max().unwrap_or(Decimal::ZERO);
                let w = crate::i18n::aging::words(lang);
                // With a credit, outstanding is the open invoices less it, while overdue counts
                // invoices in full: the card says both, so the figures add up.
                let credited = !r.credits.is_zero();
                html! {
                    <article class="currency-card" data-currency={r.currency.clone()}>
                        <h2>{ &r.currency }</h2>
                        <dl class="figures">
                            <div class="outstanding"><dt>{ t.outstanding }</dt><dd class="big num" data-testid={format!("total-{}", r.currency)}>{ amount(r.total) }</dd>
                                if credited {
                                    <dd class="breakdown-line" data-testid={format!("net-{}", r.currency)}>{ w.invoices_less_credits.replace("{invoices}", &amount(r.open_amount())).replace("{credits}", &amount(-r.credits)) }</dd>
                                }
                            </div>
                            <div><dt>{ t.overdue }</dt><dd class="num accent">{ amount(r.overdue) }</dd></div>
                            <div><dt>{ if credited { w.share_of_invoices } else { t.overdue_share } }</dt><dd class="num">{ format!("{}%", r.overdue_percent()) }</dd></div>
                            <div><dt>{ t.customers_overdue }</dt><dd class="num">{ total.customers_overdue }</dd></div>
                            <div><dt>{ t.oldest }</dt><dd class="num">{ r.oldest_days.map(|d| format!("{d} {}", t.days)).unwrap_or_else(|| "—".into()) }</dd></div>
                            if credited {
                                <div><dt>{ t.credits }</dt><dd class="num">{ amount(r.credits) }</dd></div>
                            }
                            if let Some(charges) = report.late_charge(None, &r.currency) {
                                <div><dt>{ t.col_late_charge }</dt><dd class="num accent" data-testid={format!("charges-{}", r.currency)}>{ amount(charges) }</dd></div>
                                <div><dt>{ t.total_now_due }</dt><dd class="num" data-testid={format!("due-{}", r.currency)}>{ amount(report.now_due(None, &r.currency, r.total)) }</dd></div>
                            }
                        </dl>
                        if credited && r.overdue > r.total { <p class="hint credits-note">{ w.credits_note }</p> }
                        <figure class="chart">
                            <figcaption>{ t.chart_caption }</figcaption>
                            <table class="bars">
                                <tbody>
                                { for r.by_bucket.iter().enumerate().map(|(i, value)| {
                                    let width = if max > Decimal::ZERO && *value > Decimal::ZERO {
                                        (*value * Decimal::ONE_HUNDRED / max).round_dp(1).to_string()
                                    } else { "0".into() };
                                    html! {
                                        <tr>
                                            <th scope="row">{ report.buckets.label(i, lang) }</th>
                                            <td class="bar-cell" aria-hidden="true">
                                                <svg viewBox="0 0 100 10" preserveAspectRatio="none">
                                                    <rect class={classes!((i > 0).then_some("late"))} x="0" y="0" height="10" width={width} />
                                                </svg>
                                            </td>
                                            <td class="num">{ amount(*value) }</td>
                                        </tr>
                                    }
                                }) }
                                </tbody>
                            </table>
                        </figure>
                    </article>
                }
            }) }
        </section>
    }
}
