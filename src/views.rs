//! Rendering: plain functions from the state to HTML. User text is only ever put in text
//! nodes and attribute values (Yew escapes both), never parsed as HTML.

use overdue_core::aging::{Buckets, Status, ACCOUNTING_EDGES, STAGE_EDGES};
use overdue_core::dates::{self, DayMonthOrder};
use overdue_core::edit::Edit;
use overdue_core::export::invoice_csv;
use overdue_core::i18n::Lang;
use overdue_core::money::{format_grouped, DecimalMark};
use overdue_core::paste::{column_letter, Field, MappingSource};
use overdue_core::report::SortKey;
use overdue_core::text::clip;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::i18n::{field_label, problem_text, skip_reason_text, texts};
use crate::state::{Action, AppState, PanelAction, Saved, StoreAction, TableAction, PAGE_SIZE};

type Dispatch = UseReducerDispatcher<AppState>;

/// Above this size pasted text is not put in the textarea: laying out megabytes of text
/// freezes the page for seconds (shared/performance.md).
pub const LARGE_TEXT: usize = 200_000;
/// Above this many customers the customer filter is the search box alone.
const MAX_CUSTOMER_OPTIONS: usize = 300;
/// Row problems listed on the page; the rest are counted.
const ERRORS_SHOWN: usize = 200;

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn amount(value: Decimal) -> String {
    format_grouped(value)
}

pub fn top_bar(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let on_as_of = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = input_value(&e);
            if let Ok(date) = chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
                dispatch.dispatch(Action::edit(Edit::SetAsOf(Some(date))));
            } else if value.is_empty() {
                dispatch.dispatch(Action::edit(Edit::SetAsOf(None)));
            }
        })
    };
    let on_today = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::edit(Edit::SetAsOf(None))))
    };
    let on_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(lang) = Lang::from_code(&select_value(&e)) {
                dispatch.dispatch(Action::edit(Edit::SetLang(lang)));
            }
        })
    };
    html! {
        <header class="top-bar">
            <div class="brand">
                <h1>{ t.app_name }<span class="brand-alt">{ lang.pick(" · Overdue", " · 逾期账款助手") }</span></h1>
                <p class="tagline no-print">{ t.tagline }</p>
            </div>
            <div class="controls">
                <label class="control">
                    <span>{ t.as_of }</span>
                    <input type="date" data-testid="as-of-date" value={dates::iso(state.report.as_of)} onchange={on_as_of} />
                </label>
                if state.workspace.settings.as_of.is_some() {
                    <button class="link no-print" onclick={on_today}>{ t.today_button }</button>
                }
                <label class="control no-print">
                    <span>{ t.language }</span>
                    <select data-testid="lang-switch" onchange={on_lang}>
                        <option value="zh" selected={lang == Lang::Zh}>{ "中文" }</option>
                        <option value="en" selected={lang == Lang::En}>{ "English" }</option>
                    </select>
                </label>
                <button class="no-print" data-testid="share" aria-expanded={state.ui.share_open.to_string()}
                    onclick={{
                        let dispatch = dispatch.clone();
                        Callback::from(move |_| dispatch.dispatch(Action::Panel(PanelAction::ToggleShare)))
                    }}>
                    { lang.pick("分享", "Share") }
                </button>
                { device_control(state, dispatch) }
            </div>
        </header>
    }
}

fn device_control(state: &AppState, dispatch: &Dispatch) -> Html {
    let t = texts(state.lang());
    let (note, class) = match state.store.saved {
        _ if state.link.own_kept.is_some() => (
            state.lang().pick(
                "正在查看分享链接：不保存（您自己的工作区已保存）",
                "Viewing a shared link: not saved (your own work is)",
            ),
            "nothing",
        ),
        Saved::Kept => (t.saved_note, "saved"),
        Saved::Nothing => (t.device_nothing, "nothing"),
        Saved::Failed => (t.device_not_saved, "failed"),
    };
    let ask = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Store(StoreAction::AskForget)))
    };
    let cancel = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Store(StoreAction::CancelForget)))
    };
    let erase = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            browser::forget_everything();
            dispatch.dispatch(Action::Forgotten);
        })
    };
    html! {
        <div class="device no-print" data-testid="device-status">
            <span class={classes!("device-note", class)} title={t.device_kept}>{ note }</span>
            if state.store.confirming_forget {
                <div class="confirm" role="alertdialog" aria-label={t.forget}>
                    <span>{ t.forget_confirm }</span>
                    <button class="danger" data-testid="forget-confirm" onclick={erase}>{ t.forget_yes }</button>
                    <button onclick={cancel}>{ t.cancel }</button>
                </div>
            } else {
                <button class="link" data-testid="forget-data" onclick={ask}>{ t.forget }</button>
            }
        </div>
    }
}

pub fn input_panel(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let text = &state.workspace.input.text;
    let large = text.len() > LARGE_TEXT;
    let parsed = &state.report.parsed;

    let on_paste = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(clipboard) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
            else {
                return;
            };
            let pasted = clipboard.get_data("text/plain").unwrap_or_default();
            let textarea = e.target_unchecked_into::<HtmlTextAreaElement>();
            // Small pastes go through the textarea as usual (the user may be pasting into the
            // middle of text); a large one replaces the input without ever entering the DOM.
            if pasted.len() > LARGE_TEXT || textarea.read_only() {
                e.prevent_default();
                dispatch.dispatch(Action::edit(Edit::Paste {
                    text: pasted,
                    source: None,
                }));
            }
        })
    };
    let on_input = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            dispatch.dispatch(Action::edit(Edit::Paste {
                text: value,
                source: None,
            }));
        })
    };
    let on_sample = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::LoadSample))
    };
    let on_clear = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::edit(Edit::Paste {
                text: String::new(),
                source: None,
            }))
        })
    };
    let on_file = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                read_file(file, dispatch.clone());
            }
            input.set_value("");
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|dt| dt.files())
                .and_then(|files| files.get(0))
            {
                read_file(file, dispatch.clone());
            }
        })
    };

    let data_rows = parsed.invoices.len()
        + parsed
            .errors
            .iter()
            .map(|e| e.line)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
    let has_data = !text.trim().is_empty();
    // Once there is data the panel can fold away, so that the results come first (on a phone
    // especially); after a reload it starts folded.
    let open = !has_data || state.ui.input_open.unwrap_or(false);
    let on_toggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Panel(PanelAction::SetInputOpen(!open))))
    };
    html! {
        <section class="input-panel no-print" aria-labelledby="input-heading">
            <div class="panel-head">
                <h2 id="input-heading">{ t.input_heading }</h2>
                if has_data {
                    <p class="parse-status" data-testid="parse-status" aria-live="polite">
                        if let Some(source) = &state.workspace.input.source { <span class="source">{ source }{ " · " }</span> }
                        <strong>{ parsed.invoices.len() }</strong>{ format!(" / {data_rows} {} · ", t.rows_read) }
                        <strong class={classes!((!parsed.errors.is_empty()).then_some("bad"))}>{ parsed.errors.len() }</strong>
                        { format!(" {}", t.problems) }
                        if !parsed.skipped.is_empty() { { format!(" · {} {}", parsed.skipped.len(), lang.pick("行已跳过", "skipped")) } }
                    </p>
                    <button class="link" data-testid="input-toggle" aria-expanded={open.to_string()} aria-controls="input-body" onclick={on_toggle}>
                        { if open { t.fold_input } else { t.unfold_input } }
                    </button>
                }
            </div>
            if open {
                <div id="input-body">
                    <div class="dropzone" ondragover={on_drag_over} ondrop={on_drop}>
                        <label for="paste-input" class="paste-label">{ t.paste_label }</label>
                        if large {
                            <div class="large-paste" data-testid="paste-preview">
                                <strong>{ t.large_paste_title }</strong>
                                { format!(" — {} KB, {} {}", text.len() / 1024, parsed.record_count, lang.pick("行", "lines")) }
                                <pre>{ text.lines().take(4).map(|l| clip(l, 160)).collect::<Vec<_>>().join("\n") }{ "\n…" }</pre>
                            </div>
                        }
                        <textarea id="paste-input" data-testid="paste-input" rows="7" spellcheck="false"
                            readonly={large}
                            placeholder={ if large { t.large_paste_hint } else { t.paste_placeholder } }
                            value={ if large { String::new() } else { text.clone() } }
                            onpaste={on_paste} oninput={on_input} />
                        <div class="input-actions">
                            <button class="primary" data-testid="sample-data" onclick={on_sample}>{ t.sample_data }</button>
                            <label class="file-button">
                                <input type="file" data-testid="open-file" accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values" onchange={on_file} />
                                <span>{ t.open_file }</span>
                            </label>
                            <span class="hint">{ t.drop_hint }</span>
                            if has_data {
                                <button class="link" data-testid="clear-input" onclick={on_clear}>{ t.clear_input }</button>
                            }
                        </div>
                    </div>
                    if has_data {
                        { mapping_panel(state, dispatch) }
                        { row_errors(state) }
                        { skipped_rows(state) }
                    } else {
                        <p class="welcome">{ t.welcome }</p>
                    }
                </div>
            }
        </section>
    }
}

fn read_file(file: web_sys::File, dispatch: Dispatch) {
    let name = file.name();
    let blob = gloo::file::Blob::from(web_sys::Blob::from(file));
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(bytes) = gloo::file::futures::read_as_bytes(&blob).await {
            dispatch.dispatch(Action::edit(Edit::Paste {
                text: browser::decode_file(&bytes),
                source: Some(name),
            }));
        }
    });
}

fn mapping_panel(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let parsed = &state.report.parsed;
    if parsed.columns.is_empty() {
        return html! {};
    }
    let note = match parsed.mapping_source {
        MappingSource::Header => t.mapping_from_header,
        MappingSource::Content => t.mapping_guessed,
        MappingSource::User => t.mapping_user,
    };
    let current: Vec<Field> = parsed.columns.iter().map(|c| c.field).collect();
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
                { parsed.unmapped.iter().map(|f| field_label(*f, lang)).collect::<Vec<_>>().join(lang.pick("、", ", ")) }
            </p>
        }
        if year_last_dates {
            <p class="notice" data-testid="date-order">
                { match order.order { DayMonthOrder::DayFirst => t.dates_day_first, DayMonthOrder::MonthFirst => t.dates_month_first } }
                { if parsed.date_order_overridden { lang.pick("（您的选择）", " (your choice)") } else { "" } }
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
                <thead><tr><th scope="col">{ t.column }</th><th scope="col">{ t.header_cell }</th><th scope="col">{ t.means }</th></tr></thead>
                <tbody>
                {
                    for parsed.columns.iter().enumerate().map(|(i, column)| {
                        let dispatch = dispatch.clone();
                        let current = current.clone();
                        let onchange = Callback::from(move |e: Event| {
                            if let Some(field) = Field::from_key(&select_value(&e)) {
                                let mut mapping = current.clone();
                                // One column per field: the column that had it lets it go.
                                if field != Field::Ignore {
                                    for f in mapping.iter_mut().filter(|f| **f == field) {
                                        *f = Field::Ignore;
                                    }
                                }
                                mapping[i] = field;
                                dispatch.dispatch(Action::edit(Edit::SetMapping(mapping)));
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
        </>
    }
}

fn row_errors(state: &AppState) -> Html {
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
                        { lang.pick("：", ": ") }
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

fn skipped_rows(state: &AppState) -> Html {
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
                    <strong>{ t.row.replace("{}", &s.line.to_string()) }</strong>{ lang.pick("：", ": ") }
                    { skip_reason_text(s.reason, lang) }
                    if !s.text.trim().is_empty() { { " — " }<q>{ &s.text }</q> }
                </li>
            }) }
            </ul>
        </details>
    }
}

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
                html! {
                    <article class="currency-card" data-currency={r.currency.clone()}>
                        <h2>{ &r.currency }</h2>
                        <dl class="figures">
                            <div><dt>{ t.outstanding }</dt><dd class="big num" data-testid={format!("total-{}", r.currency)}>{ amount(r.total) }</dd></div>
                            <div><dt>{ t.overdue }</dt><dd class="num accent">{ amount(r.overdue) }</dd></div>
                            <div><dt>{ t.overdue_share }</dt><dd class="num">{ format!("{}%", r.overdue_percent()) }</dd></div>
                            <div><dt>{ t.customers_overdue }</dt><dd class="num">{ total.customers_overdue }</dd></div>
                            <div><dt>{ t.oldest }</dt><dd class="num">{ r.oldest_days.map(|d| format!("{d} {}", t.days)).unwrap_or_else(|| "—".into()) }</dd></div>
                            if !r.credits.is_zero() {
                                <div><dt>{ t.credits }</dt><dd class="num">{ amount(r.credits) }</dd></div>
                            }
                            if let Some(charges) = report.late_charge(None, &r.currency) {
                                <div><dt>{ t.col_late_charge }</dt><dd class="num accent" data-testid={format!("charges-{}", r.currency)}>{ amount(charges) }</dd></div>
                                <div><dt>{ t.total_now_due }</dt><dd class="num" data-testid={format!("due-{}", r.currency)}>{ amount(report.now_due(None, &r.currency, r.total)) }</dd></div>
                            }
                        </dl>
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
    let customer_names = report.customer_names();
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

    let with_charges = !report.charges.is_empty();
    let columns = if with_charges { 13 } else { 12 };
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
                                <option value={c.to_string()} selected={query.customer.as_deref() == Some(*c)}>{ *c }</option>
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
            </div>
            <div class="table-scroll">
            <table class="data invoice-table" data-testid="invoice-table">
                <thead>
                    <tr>
                        { sort_header(SortKey::Invoice, t.col_invoice, false) }
                        { sort_header(SortKey::Customer, t.col_customer, false) }
                        { sort_header(SortKey::Currency, t.col_currency, false) }
                        { sort_header(SortKey::InvoiceDate, t.col_invoice_date, false) }
                        { sort_header(SortKey::DueDate, t.col_due_date, false) }
                        { sort_header(SortKey::DaysPastDue, t.col_days_past_due, true) }
                        <th scope="col">{ t.col_bucket }</th>
                        { sort_header(SortKey::Amount, t.col_amount, true) }
                        { sort_header(SortKey::Paid, t.col_paid, true) }
                        { sort_header(SortKey::Outstanding, t.col_outstanding, true) }
                        { sort_header(SortKey::Status, t.col_status, false) }
                        if with_charges {
                            <th scope="col" class="num">{ t.col_late_charge }</th>
                        }
                        <th scope="col">{ t.col_stage }</th>
                    </tr>
                </thead>
                <tbody>
                if page_rows.is_empty() {
                    <tr><td colspan={columns.to_string()} class="empty">{ t.empty_table }</td></tr>
                }
                { for page_rows.iter().map(|&i| {
                    let inv = &report.parsed.invoices[i];
                    let aged = &report.aged[i];
                    let overdue = aged.is_overdue();
                    let charge = report.charge(i);
                    let open = state.table.expanded == Some(i);
                    let toggle = {
                        let dispatch = dispatch.clone();
                        Callback::from(move |_| dispatch.dispatch(Action::Table(TableAction::ToggleDetails(i))))
                    };
                    html! {
                        <>
                        <tr class={classes!(overdue.then_some("overdue"), (aged.status != Status::Open).then_some("settled"))}
                            data-invoice={inv.number.clone()}>
                            <th scope="row" title={format!("{} {}", lang.pick("原始行", "pasted row"), inv.line)}>{ &inv.number }</th>
                            <td>{ &inv.customer }</td>
                            <td>{ &inv.currency }</td>
                            <td class="date">{ inv.invoice_date.map(|d| dates::display(d, lang)).unwrap_or_default() }</td>
                            <td class="date">
                                { dates::display(inv.due_date, lang) }
                                if inv.due_derived { <span class="derived" title={t.due_derived}>{ lang.pick(" (推算)", " (est.)") }</span> }
                            </td>
                            <td class="num" data-col="days">{ aged.days_past_due }</td>
                            <td>{ if aged.status == Status::Open { buckets.label(aged.bucket, lang) } else { "—".into() } }</td>
                            <td class="num">{ amount(inv.amount) }</td>
                            <td class="num">{ amount(inv.paid) }</td>
                            <td class="num" data-col="outstanding">{ amount(inv.outstanding) }</td>
                            <td data-col="status" data-status={aged.status.key()}>{ aged.status.label(lang) }</td>
                            if let Some(charge) = charge {
                                <td class="num" data-col="charge">
                                    { amount(charge.total) }
                                    if !charge.is_complete() { <span class="flag" title={lang.pick("部分期间无已知利率", "no rate known for part of the period")}>{ " ⚠" }</span> }
                                    { " " }
                                    <button class="link details" data-testid="charge-details" aria-expanded={open.to_string()} onclick={toggle}>
                                        { if open { lang.pick("收起", "hide") } else { lang.pick("明细", "how") } }
                                    </button>
                                </td>
                            }
                            { crate::today_view::stage_cell(state, dispatch, i) }
                        </tr>
                        if open {
                            <tr class="breakdown-row"><td colspan={columns.to_string()}>
                                { crate::today_view::invoice_playbook(state, dispatch, i) }
                                if let Some(charge) = charge { { crate::charges_view::breakdown(charge, lang) } }
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
                        <th scope="col">{ t.col_risk }</th>
                        <th scope="col" class="num" title={t.dso_hint}>{ "DSO" }</th>
                        <th scope="col" class="no-print">{ t.col_charge_rule }</th>
                    </tr>
                </thead>
                <tbody>
                if report.customers.is_empty() {
                    <tr><td colspan={(buckets.len() + 9 + if with_charges { 2 } else { 0 }).to_string()} class="empty">{ t.empty_table }</td></tr>
                }
                { for report.customers.iter().map(|c| {
                    let r = &c.rollup;
                    html! {
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
                            <td class="no-print">{ crate::charges_view::customer_rule_select(state, dispatch, &c.customer) }</td>
                        </tr>
                    }
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

pub fn settings(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let settings = &state.workspace.settings;
    let on_terms = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Ok(days) = input_value(&e).trim().parse::<i64>() {
                dispatch.dispatch(Action::edit(Edit::SetTerms(days)));
            }
        })
    };
    let on_currency = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(code) = overdue_core::money::normalize_currency(&input_value(&e)) {
                dispatch.dispatch(Action::edit(Edit::SetDefaultCurrency(code)));
            }
        })
    };
    let on_buckets = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match Buckets::parse(&text) {
                Ok(b) => dispatch.dispatch(Action::edit(Edit::SetBucketEdges(b.edges().to_vec()))),
                Err(_) => dispatch.dispatch(Action::Panel(PanelAction::DraftBuckets(text))),
            }
        })
    };
    let preset = |edges: &'static [u32]| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::edit(Edit::SetBucketEdges(edges.to_vec())))
        })
    };
    let edges_text = state.ui.bucket_draft.clone().unwrap_or_else(|| {
        state
            .report
            .buckets
            .edges()
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let stages_active = state.report.buckets.edges() == STAGE_EDGES;
    let accounting_active = state.report.buckets.edges() == ACCOUNTING_EDGES;
    html! {
        <div class="settings">
            <div class="field">
                <label for="terms-days">{ t.settings_terms }</label>
                <input id="terms-days" data-testid="terms-days" type="number" min="0" max="3650" value={settings.terms_days.to_string()} onchange={on_terms} />
                <p class="hint">{ t.settings_terms_hint }</p>
            </div>
            <div class="field">
                <label for="default-currency">{ t.settings_currency }</label>
                <input id="default-currency" data-testid="default-currency" type="text" maxlength="8" value={settings.default_currency.clone()} onchange={on_currency} />
                <p class="hint">{ t.settings_currency_hint }</p>
            </div>
            <div class="field">
                <label for="bucket-edges">{ t.settings_buckets }</label>
                <input id="bucket-edges" data-testid="bucket-edges" type="text" inputmode="numeric" value={edges_text}
                    aria-invalid={state.ui.bucket_draft.is_some().to_string()} oninput={on_buckets} />
                if state.ui.bucket_draft.is_some() { <p class="error" role="alert">{ t.bucket_error }</p> }
                <p class="hint">{ t.settings_buckets_hint }</p>
                <div class="presets">
                    <button data-testid="buckets-stages" aria-pressed={stages_active.to_string()} onclick={preset(&STAGE_EDGES)}>{ t.preset_stages }</button>
                    <button data-testid="buckets-accounting" aria-pressed={accounting_active.to_string()} onclick={preset(&ACCOUNTING_EDGES)}>{ t.preset_accounting }</button>
                </div>
            </div>
            { crate::today_view::playbook_settings(state, dispatch) }
            { crate::charges_view::charge_settings(state, dispatch) }
            { device_data(state, dispatch) }
        </div>
    }
}

/// What this page keeps in this browser, with one button to erase it and a setting to keep
/// nothing at all.
fn device_data(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let ws = &state.workspace;
    let letters = &ws.settings.letters;
    let templates = letters.templates.len();
    let keep_nothing = state.store.keep_nothing;
    let erase = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            browser::forget_everything();
            dispatch.dispatch(Action::Forgotten);
        })
    };
    let on_keep_nothing = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            browser::set_keep_nothing(on);
            dispatch.dispatch(Action::Store(StoreAction::KeepNothing(on)));
        })
    };
    let kb = |bytes: usize| format!("{:.1} KB", bytes as f64 / 1024.0);
    html! {
        <div class="field" data-testid="device-data">
            <h3>{ t.device_heading }</h3>
            <p>{ t.device_kept }</p>
            if state.store.saved == Saved::Kept {
                <ul class="kept">
                    <li>{ lang.pick("工作区：粘贴的数据与设置", "Workspace: your pasted data and settings") }{ format!(" ({})", kb(browser::kept_bytes())) }</li>
                    <li>{ lang.pick("我方信息与客户地址：", "Your company details and customers' addresses: ") }
                        { if letters.sender == Default::default() && letters.customers.is_empty() { lang.pick("无", "none") } else { lang.pick("已填写", "entered") } }</li>
                    <li>{ lang.pick("修改过的函件模板：", "Edited letter templates: ") }{ templates }</li>
                    <li>{ lang.pick("发票备注（争议、承诺、已完成事项）：", "Invoice notes (disputes, promises, actions done): ") }{ ws.annotations.len() }</li>
                </ul>
            } else {
                <p>{ if state.store.saved == Saved::Failed { t.device_not_saved } else { t.device_nothing } }</p>
            }
            <button class="danger" data-testid="erase-device-data" onclick={erase}>
                { lang.pick("清除本浏览器中的全部数据", "Erase everything kept in this browser") }
            </button>
            <label class="check keep-nothing">
                <input type="checkbox" data-testid="keep-nothing" checked={keep_nothing} onchange={on_keep_nothing} />
                { lang.pick("不在本浏览器保存任何数据", "Keep nothing in this browser") }
            </label>
            if keep_nothing {
                <p class="warning">{ lang.pick("已开启：刷新或关闭页面后，粘贴的数据和设置都会丢失。",
                    "On: when you reload or close the page, your pasted data and settings are gone.") }</p>
            }
        </div>
    }
}
