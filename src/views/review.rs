//! The Review tab (issue 19): keep the ledger as a dated snapshot, see what changed since an
//! earlier one, the KPIs with their formulas, the trend charts, and the one-page weekly report
//! to print or export. Everything shown is computed by `overdue_core::review`; this only lays
//! it out. The charts are SVG text built by the core from numbers and dates only (every text
//! in them escaped there), so they are inserted as markup.

use overdue_core::dates::iso;
use overdue_core::i18n::Lang;
use overdue_core::playbook::format_date;
use overdue_core::review::changes::{compare, Changes};
use overdue_core::review::chart::{bars_svg, line_svg, titles, trend};
use overdue_core::review::kpi::{kpis, Kpi, Kpis};
use overdue_core::review::snapshot::{Snapshot, Snapshots, MAX_SNAPSHOTS};
use overdue_core::review::weekly::{weekly, weekly_csv, Weekly};
use yew::prelude::*;

use crate::browser;
use crate::i18n::review::{words, Words};
use crate::state::{Action, AppState, ReviewAction, ReviewNotice};

use super::*;

/// The window of credit sales the average-method DSO and ADD use, as the playbook's DSO.
fn period_days(state: &AppState) -> i64 {
    i64::from(state.workspace.settings.playbook.dso_period_days)
}

pub fn review_tab(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let w = words(lang);
    let now = Snapshot::of(&state.report, &state.workspace);
    let then = state.compared_snapshot();
    let changes = then.map(|then| compare(then, &now, &state.report.buckets));
    let figures = kpis(&now, then, period_days(state));
    let report = weekly(&state.report, figures, changes.as_ref(), lang);
    html! {
        <div class="review">
            <h2 class="no-print">{ w.heading }</h2>
            <p class="hint no-print">{ w.intro }</p>
            { keep_controls(state, dispatch, w) }
            { snapshot_list(state, dispatch, true) }
            { compare_choice(state, dispatch, w) }
            if state.report.parsed.invoices.is_empty() && state.snapshots.is_empty() {
                <></>
            } else {
                { weekly_report(state, &report, then, &now, lang) }
                if let Some(changes) = &changes {
                    { change_details(changes, lang) }
                }
            }
        </div>
    }
}

fn keep_controls(state: &AppState, dispatch: &Dispatch, w: &Words) -> Html {
    let lang = state.lang();
    let as_of = state.report.as_of;
    let has_today = state.snapshots.get(as_of).is_some();
    let on_keep = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Review(ReviewAction::Keep)))
    };
    let notice = state.review.notice.as_ref().map(|n| match n {
        ReviewNotice::Kept(kept) => {
            let mut text = format!(
                "{}{}",
                if kept.replaced { w.replaced } else { w.kept },
                format_date(kept.as_of, lang)
            );
            if !kept.dropped.is_empty() {
                let dates: Vec<String> = kept.dropped.iter().map(|d| format_date(*d, lang)).collect();
                text.push_str(lang.pick("。", ". "));
                text.push_str(w.dropped);
                text.push_str(&dates.join(lang.pick("、", ", ")));
            }
            html! { <p class="notice" role="status" data-testid="snapshot-kept" data-date={iso(kept.as_of)}>{ text }</p> }
        }
        ReviewNotice::NotKept(e) => {
            let text = match e {
                overdue_core::review::snapshot::KeepError::Empty => w.not_kept_empty,
                overdue_core::review::snapshot::KeepError::TooLarge => w.not_kept_large,
            };
            html! { <p class="warning" role="alert">{ text }</p> }
        }
        ReviewNotice::SaveFailed => html! { <p class="warning" role="alert">{ w.save_failed }</p> },
    });
    html! {
        <div class="review-keep no-print">
            <button data-testid="keep-snapshot" onclick={on_keep}
                data-invoices={state.report.parsed.invoices.len().to_string()}
                disabled={state.report.parsed.invoices.is_empty()}>
                { if has_today { w.keep_again } else { w.keep } }
                { format!(" · {}", format_date(as_of, lang)) }
            </button>
            { for notice }
            if state.store.keep_nothing {
                <p class="hint">{ w.keep_nothing_note }</p>
            }
        </div>
    }
}

/// The kept snapshots, each with its size and a remove button. Also shown in "Data on this
/// device" (`with_heading` false there: that panel names it itself).
pub fn snapshot_list(state: &AppState, dispatch: &Dispatch, in_review: bool) -> Html {
    let lang = state.lang();
    let w = words(lang);
    let snapshots: &Snapshots = &state.snapshots;
    let items = snapshots.list.iter().rev().map(|s| {
        let date = s.as_of;
        let on_remove = {
            let dispatch = dispatch.clone();
            Callback::from(move |_| dispatch.dispatch(Action::Review(ReviewAction::Remove(date))))
        };
        let totals: Vec<String> = s
            .totals
            .iter()
            .map(|t| format!("{} {}", t.currency, amount(t.outstanding)))
            .collect();
        let size = Snapshots::stored_bytes(s) as f64 / 1024.0;
        html! {
            <li data-testid="snapshot-item" data-date={iso(date)}>
                <span class="date">{ format_date(date, lang) }</span>
                <span class="facts">{ format!("{} {} · {} · {size:.1} KB", s.invoices.len(), w.invoices, totals.join(" · ")) }</span>
                <button class="link" data-testid="remove-snapshot" onclick={on_remove}>{ w.remove }</button>
            </li>
        }
    });
    html! {
        <div class={classes!("snapshots", "no-print", (!in_review).then_some("on-device"))}>
            <h3>{ if in_review { w.snapshots } else { w.snapshots_on_device } }
                { format!(" ({}/{MAX_SNAPSHOTS})", snapshots.list.len()) }</h3>
            if snapshots.is_empty() {
                <p class="hint">{ w.no_snapshots }</p>
            } else {
                <ul data-testid="snapshot-list">{ for items }</ul>
            }
        </div>
    }
}

fn compare_choice(state: &AppState, dispatch: &Dispatch, w: &Words) -> Html {
    let lang = state.lang();
    let as_of = state.report.as_of;
    let earlier: Vec<&Snapshot> = state
        .snapshots
        .list
        .iter()
        .rev()
        .filter(|s| s.as_of != as_of)
        .collect();
    if earlier.is_empty() {
        return html! { <p class="hint no-print" data-testid="review-no-earlier">{ w.no_earlier }</p> };
    }
    let on_change = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = select_value(&e);
            let date = chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
            dispatch.dispatch(Action::Review(ReviewAction::Compare(date)));
        })
    };
    let chosen = state.review.compare;
    html! {
        <label class="control review-compare no-print">
            <span>{ w.compare_with }</span>
            <select data-testid="review-compare" onchange={on_change}>
                <option value="" selected={chosen.is_none()}>{ w.latest_before }</option>
                { for earlier.iter().map(|s| html! {
                    <option value={iso(s.as_of)} selected={chosen == Some(s.as_of)}>{ format_date(s.as_of, lang) }</option>
                }) }
            </select>
        </label>
    }
}

fn weekly_report(
    state: &AppState,
    report: &Weekly,
    then: Option<&Snapshot>,
    now: &Snapshot,
    lang: Lang,
) -> Html {
    let w = words(lang);
    let csv = weekly_csv(report, lang);
    let as_of = state.report.as_of;
    let on_export = Callback::from(move |_| {
        browser::download(
            &format!("weekly-report-{}.csv", iso(as_of)),
            "text/csv;charset=utf-8",
            &csv,
        )
    });
    let on_print = Callback::from(|_| browser::print_report());
    let subtitle = match then {
        Some(then) => format!(
            "{} · {} {}",
            format_date(as_of, lang),
            w.compared_with,
            format_date(then.as_of, lang)
        ),
        None => format_date(as_of, lang),
    };
    html! {
        <article class="weekly-report" data-testid="weekly-report" lang={lang.pick("zh-CN", "en")}>
            <header class="report-head">
                <h2>{ w.report_title }</h2>
                <p class="subtitle">{ subtitle }</p>
                <div class="report-actions no-print">
                    <button data-testid="print-report" onclick={on_print}>{ w.print }</button>
                    <button data-testid="export-report" onclick={on_export}>{ w.export }</button>
                </div>
            </header>
            <section class="report-kpis">
                <h3>{ w.kpis }</h3>
                { for report.kpis.iter().map(|k| kpi_block(k, lang)) }
            </section>
            if then.is_some() {
                <section class="report-changes">
                    <h3>{ w.changes }</h3>
                    if report.changes.is_empty() {
                        <p>{ w.no_changes }</p>
                    } else {
                        <ul class="change-lines">
                            { for report.changes.iter().map(|l| html! {
                                <li data-kind={l.kind.key()}>
                                    <span class="kind">{ l.kind.describe(lang) }</span>
                                    { format!(" {} · {} {}", l.count, l.currency, amount(l.amount)) }
                                </li>
                            }) }
                        </ul>
                    }
                </section>
            }
            { top_overdue(report, lang) }
            if then.is_some() {
                { at_risk(report, lang) }
            }
            { trend_charts(state, now, lang) }
        </article>
    }
}

fn kpi_block(k: &Kpis, lang: Lang) -> Html {
    let w = words(lang);
    let cells = Kpi::ALL.into_iter().map(|kpi| {
        let value = kpi.value(k, lang);
        let raw = kpi.raw(k).map(|v| v.normalize().to_string()).unwrap_or_default();
        html! {
            <div class="kpi" data-testid={format!("kpi-{}", kpi.key())} data-currency={k.currency.clone()}
                data-value={raw} title={kpi.formula(k, lang)} tabindex="0">
                <dt>{ kpi.name(lang) }</dt>
                <dd>{ value.unwrap_or_else(|| w.not_defined.to_string()) }</dd>
            </div>
        }
    });
    let rates = k.flow.as_ref().filter(|f| !f.rates.is_empty()).map(|f| {
        html! {
            <details class="rates" data-testid="collection-rates">
                <summary title={w.rate_formula}>{ if f.by_salesperson { w.rates_by_salesperson } else { w.rates_by_customer } }</summary>
                <table class="data">
                    <tbody>
                        { for f.rates.iter().map(|g| html! {
                            <tr data-testid="collection-rate" data-name={g.name.clone()}
                                data-value={g.rate.map(|r| r.normalize().to_string()).unwrap_or_default()}>
                                <th scope="row">{ g.name.clone() }</th>
                                <td class="num" title={format!("({} + {} − {}) ÷ ({} + {})", amount(g.beginning), amount(g.sales), amount(g.ending), amount(g.beginning), amount(g.sales))}>
                                    { g.rate.map(|r| format!("{}%", r.normalize())).unwrap_or_default() }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        }
    });
    html! {
        <div class="kpi-currency" data-currency={k.currency.clone()}>
            <h4>{ k.currency.clone() }</h4>
            <dl class="kpis">{ for cells }</dl>
            { for rates }
        </div>
    }
}

fn top_overdue(report: &Weekly, lang: Lang) -> Html {
    let w = words(lang);
    if report.top_overdue.is_empty() {
        return html! {};
    }
    html! {
        <section class="report-top">
            <h3>{ w.top_overdue }</h3>
            <div class="table-scroll"><table class="data" data-testid="report-top-overdue">
                <thead><tr>
                    <th>{ w.customer }</th><th class="num">{ w.overdue }</th><th class="num">{ w.oldest }</th>
                    <th>{ w.risk }</th><th>{ w.stage }</th><th>{ w.next_step }</th>
                </tr></thead>
                <tbody>
                    { for report.top_overdue.iter().map(|c| html! {
                        <tr data-customer={c.customer.clone()} data-currency={c.currency.clone()}>
                            <th scope="row">{ c.customer.clone() }</th>
                            <td class="num">{ format!("{} {}", c.currency, amount(c.overdue)) }</td>
                            <td class="num">{ c.oldest_days.map(|d| format!("{d} {}", w.days)).unwrap_or_default() }</td>
                            <td>{ c.risk.describe(lang) }</td>
                            <td>{ c.stage.describe(lang) }</td>
                            <td>{ c.next_step.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table></div>
        </section>
    }
}

fn at_risk(report: &Weekly, lang: Lang) -> Html {
    let w = words(lang);
    html! {
        <section class="report-risk">
            <h3>{ w.newly_at_risk }</h3>
            if report.newly_at_risk.is_empty() {
                <p>{ w.none_at_risk }</p>
            } else {
                <div class="table-scroll"><table class="data" data-testid="report-at-risk">
                    <thead><tr>
                        <th>{ w.customer }</th><th>{ w.what }</th>
                        <th class="num">{ format!("{} · {}", w.overdue, w.then) }</th>
                        <th class="num">{ format!("{} · {}", w.overdue, w.now) }</th>
                    </tr></thead>
                    <tbody>
                        { for report.newly_at_risk.iter().map(|c| html! {
                            <tr data-customer={c.customer.clone()}>
                                <th scope="row">{ c.customer.clone() }</th>
                                <td>{ c.why.describe(lang) }</td>
                                <td class="num">{ format!("{} {}", c.currency, amount(c.then_overdue)) }</td>
                                <td class="num">{ format!("{} {}", c.currency, amount(c.now_overdue)) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table></div>
            }
        </section>
    }
}

/// Stacked bars by bucket and the two lines, per currency, over the kept snapshots and the
/// ledger on the page when it is not kept yet.
fn trend_charts(state: &AppState, now: &Snapshot, lang: Lang) -> Html {
    let w = words(lang);
    let mut series: Vec<&Snapshot> = state
        .snapshots
        .list
        .iter()
        .filter(|s| s.as_of != now.as_of)
        .collect();
    if !now.invoices.is_empty() {
        series.push(now);
    }
    series.sort_by_key(|s| s.as_of);
    let mut currencies: Vec<String> = series.iter().flat_map(|s| s.currencies()).collect();
    currencies.sort();
    currencies.dedup();
    if series.is_empty() {
        return html! {};
    }
    let buckets = &state.report.buckets;
    let labels: Vec<String> = (0..buckets.len()).map(|i| buckets.label(i, lang)).collect();
    let charts = currencies.iter().map(|currency| {
        let points = trend(&series, currency, buckets);
        let [bars_title, dso_title, share_title] = titles(currency, lang);
        let dates: Vec<_> = points.iter().map(|p| p.as_of).collect();
        let dso: Vec<_> = points.iter().map(|p| p.dso).collect();
        let share: Vec<_> = points.iter().map(|p| p.overdue_share).collect();
        let svg = |s: String| Html::from_html_unchecked(AttrValue::from(s));
        html! {
            <figure class="trend" data-testid="trend-chart" data-currency={currency.clone()} data-points={points.len().to_string()}>
                <figcaption>{ bars_title.clone() }</figcaption>
                { svg(bars_svg(&points, &labels, &bars_title)) }
                <ul class="legend">
                    { for labels.iter().enumerate().map(|(i, l)| html! {
                        <li><span class={classes!("swatch", format!("bucket-{i}"))}></span>{ l.clone() }</li>
                    }) }
                </ul>
                <div class="lines">
                    <div><figcaption>{ dso_title.clone() }</figcaption>{ svg(line_svg(&dates, &dso, lang.pick(" 天", " days"), &dso_title)) }</div>
                    <div><figcaption>{ share_title.clone() }</figcaption>{ svg(line_svg(&dates, &share, "%", &share_title)) }</div>
                </div>
            </figure>
        }
    });
    html! {
        <section class="report-trends">
            <h3>{ w.trends }</h3>
            <p class="hint">{ w.trend_note }</p>
            { for charts }
        </section>
    }
}

fn change_details(changes: &Changes, lang: Lang) -> Html {
    let w = words(lang);
    html! {
        <section class="review-changes no-print" data-testid="review-changes">
            <h3>{ w.per_customer }</h3>
            <div class="table-scroll">
                <table class="data" data-testid="customer-changes">
                    <thead><tr>
                        <th>{ w.customer }</th>
                        <th class="num">{ format!("{} · {}", w.outstanding, w.then) }</th>
                        <th class="num">{ format!("{} · {}", w.outstanding, w.now) }</th>
                        <th class="num">{ format!("{} · {}", w.overdue, w.then) }</th>
                        <th class="num">{ format!("{} · {}", w.overdue, w.now) }</th>
                        <th class="num">{ w.change }</th>
                        <th class="num">{ w.collected }</th>
                        <th class="num">{ w.promises }</th>
                    </tr></thead>
                    <tbody>
                        { for changes.customers.iter().map(|c| {
                            let delta = c.overdue_change();
                            html! {
                                <tr data-testid="customer-change" data-customer={c.customer.clone()} data-currency={c.currency.clone()}
                                    data-worse={c.worsened().to_string()}>
                                    <th scope="row">{ c.customer.clone() }</th>
                                    <td class="num">{ amount(c.then_outstanding) }</td>
                                    <td class="num">{ amount(c.now_outstanding) }</td>
                                    <td class="num">{ amount(c.then_overdue) }</td>
                                    <td class="num">{ amount(c.now_overdue) }</td>
                                    <td class={classes!("num", c.worsened().then_some("worse"))}>
                                        { format!("{}{}", if delta > rust_decimal::Decimal::ZERO { "+" } else { "" }, amount(delta)) }
                                    </td>
                                    <td class="num">{ amount(c.collected) }</td>
                                    <td class="num">{ if c.promises_due > 0 { format!("{}/{}", c.promises_kept, c.promises_due) } else { String::new() } }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <h3>{ w.changes }</h3>
            <div class="table-scroll">
                <table class="data" data-testid="invoice-changes">
                    <thead><tr>
                        <th>{ w.invoice }</th><th>{ w.customer }</th><th>{ w.what }</th>
                        <th class="num">{ format!("{} · {}", w.outstanding, w.then) }</th>
                        <th class="num">{ format!("{} · {}", w.outstanding, w.now) }</th>
                        <th class="num">{ w.days }</th>
                    </tr></thead>
                    <tbody>
                        { for changes.invoices.iter().map(|c| {
                            let kinds: Vec<&str> = c.kinds.iter().map(|k| k.describe(lang)).collect();
                            html! {
                                <tr data-testid="change-row" data-change={c.kind.key()} data-invoice={c.number.clone()}
                                    data-customer={c.customer.clone()} data-currency={c.currency.clone()}>
                                    <th scope="row">{ c.number.clone() }</th>
                                    <td>{ c.customer.clone() }
                                        if let Some(old) = &c.renamed_from {
                                            <span class="hint">{ format!(" ({}{old})", w.renamed) }</span>
                                        }
                                    </td>
                                    <td class={classes!(c.kind.is_worse().then_some("worse"))}>{ kinds.join(lang.pick("，", ", ")) }</td>
                                    <td class="num">{ c.then.map(|s| format!("{} {}", c.currency, amount(s.outstanding))).unwrap_or_default() }</td>
                                    <td class="num">{ c.now.map(|s| format!("{} {}", c.currency, amount(s.outstanding))).unwrap_or_default() }</td>
                                    <td class="num">{ c.now.or(c.then).map(|s| s.days_past_due.to_string()).unwrap_or_default() }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if changes.unchanged > 0 {
                <p class="hint">{ format!("{} {}", changes.unchanged, w.unchanged) }</p>
            }
        </section>
    }
}
