//! An LPR charge's breakdown as a judgment lists it (issue 21, item 2): one row per period —
//! from–to, days, the rate applied, what it rests on (the LPR read, its publication day, the
//! multiplier or margin, "entered by you" with the source), the interest — then the total and
//! the conventions used. The core gives the lines (`charges::lpr_lines`) and their words
//! (`LprLine::basis`, `charges::conventions`); this only lays them out.

use overdue_core::charges::{conventions, format_percent, lpr_lines, Charge, ChargeRuleParams};
use overdue_core::dates::iso;
use overdue_core::i18n::Lang;
use overdue_core::money::format_grouped;
use yew::prelude::*;

/// The table, or nothing when the charge has no LPR period (other rules, or nothing due).
pub fn lpr_table(charge: &Charge, params: &ChargeRuleParams, lang: Lang) -> Html {
    let lines = lpr_lines(charge);
    if lines.is_empty() {
        return html! {};
    }
    let w = crate::i18n::charges::words(lang);
    let currency = charge.currency.as_str();
    html! {
        <div class="lpr-lines" data-testid="lpr-lines">
            <table class="data lpr-table">
                <caption>{ w.lpr_table_caption }</caption>
                <thead><tr>
                    <th scope="col">{ w.lpr_col_period }</th>
                    <th scope="col" class="num">{ w.lpr_col_days }</th>
                    <th scope="col">{ w.lpr_col_rate }</th>
                    <th scope="col" class="num">{ format!("{} ({currency})", w.lpr_col_interest) }</th>
                </tr></thead>
                <tbody>
                { for lines.iter().map(|line| html! {
                    <tr data-testid="lpr-line" data-from={iso(line.from)} data-to={iso(line.to)}>
                        <td class="lpr-period"><span class="from">{ iso(line.from) }</span>{ " – " }<span class="to">{ iso(line.to) }</span></td>
                        <td class="num" data-cell="days">{ line.days }</td>
                        <td class="lpr-rate">
                            <strong data-cell="rate">{ line.rate_percent.map(format_percent).unwrap_or_else(|| "?".into()) }</strong>
                            <span class="lpr-basis">{ line.basis(lang) }</span>
                        </td>
                        <td class="num" data-cell="amount">{ format_grouped(line.amount) }</td>
                    </tr>
                }) }
                </tbody>
                <tfoot><tr data-testid="lpr-total">
                    <th scope="row">{ w.lpr_total }</th>
                    <td class="num">{ charge.days }</td>
                    <td></td>
                    <td class="num"><strong>{ format_grouped(charge.interest) }</strong></td>
                </tr></tfoot>
            </table>
            <p class="lpr-conventions-heading">{ w.lpr_conventions }</p>
            <ul class="lpr-conventions" data-testid="lpr-conventions">
                { for conventions(params, lang).into_iter().map(|c| html! { <li>{ c }</li> }) }
            </ul>
        </div>
    }
}
