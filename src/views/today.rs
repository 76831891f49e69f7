//! The collection playbook on the page (issue 4): the today list, an invoice's stage and next
//! steps with why, its dispute and promise to pay, and the playbook's settings.

use overdue_core::dates;
use overdue_core::edit::{parse_setting_number, Edit};
use overdue_core::playbook::{
    format_date, Action as Step, Dispute, DisputeReason, InvoiceKey, ItemStatus, Jurisdiction,
    PlaybookSettings, PromiseToPay, RiskLevel, TodayItem,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::{Action, AppState, TableAction};

type Dispatch = UseReducerDispatcher<AppState>;

fn risk_class(risk: RiskLevel) -> &'static str {
    match risk {
        RiskLevel::Low => "risk-low",
        RiskLevel::Medium => "risk-medium",
        RiskLevel::High => "risk-high",
    }
}

pub fn today_list(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let report = &state.report;
    let as_of = report.as_of;
    let items = &report.playbook.today;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let item_html = |item: &TodayItem| {
        let due_now: Vec<Step> = item
            .steps
            .iter()
            .filter(|s| s.is_due(as_of))
            .map(|s| s.action)
            .collect();
        let done_today: Vec<Step> = item
            .steps
            .iter()
            .filter(|s| s.done == Some(as_of))
            .map(|s| s.action)
            .collect();
        let mark = {
            let dispatch = dispatch.clone();
            let keys = item.invoices.clone();
            let actions = due_now.clone();
            Callback::from(move |_| {
                dispatch.dispatch(Action::MarkDone(keys.clone(), actions.clone()))
            })
        };
        let undo = {
            let dispatch = dispatch.clone();
            let keys = item.invoices.clone();
            let actions = done_today.clone();
            Callback::from(move |_| {
                dispatch.dispatch(Action::UndoDone(keys.clone(), actions.clone()))
            })
        };
        let numbers: Vec<&str> = item.invoices.iter().map(|k| k.number.as_str()).collect();
        html! {
            <li class={classes!("today-item", (item.status != ItemStatus::ToDo).then_some("done"))}
                data-customer={item.customer.clone()} data-kind={item.kind.key()} data-stage={item.stage.key()}
                data-status={if item.status == ItemStatus::ToDo { "todo" } else { "done" }}>
                <div class="item-head">
                    <strong class="customer">{ &item.customer }</strong>
                    <span class={classes!("badge", format!("stage-{}", item.stage.key()))}>{ item.stage.describe(lang) }</span>
                    <span class="kind">{ item.kind.describe(lang) }</span>
                    <span class={classes!("badge", risk_class(item.risk))}>{ t("风险：", "Risk: ") }{ item.risk.describe(lang) }</span>
                </div>
                <p class="item-facts">
                    { item.amounts.iter().map(|m| m.describe()).collect::<Vec<_>>().join(" · ") }
                    if item.oldest_days_past_due > 0 {
                        { format!(" · {} {}", t("最长逾期", "oldest"), item.oldest_days_past_due) }{ t(" 天", " days") }
                    }
                    { " · " }{ t("发票：", "invoices: ") }{ numbers.join(lang.pick("、", ", ")) }
                </p>
                <ul class="steps">
                    { for item.steps.iter().map(|s| html! {
                        <li class={classes!(s.done.is_some().then_some("done"), (s.is_due(as_of) && s.due < as_of).then_some("late"))}>
                            { if s.done.is_some() { "✓ " } else if s.is_due(as_of) { "→ " } else { "· " } }
                            { s.action.describe(lang) }
                            <span class="when">{ " — " }{ format_date(s.due, lang) }</span>
                        </li>
                    }) }
                </ul>
                if let Some(letter) = item.letter {
                    <p class="letter">{ t("所需函件：", "Letter: ") }<strong data-letter={letter.key()}>{ letter.describe(lang) }</strong></p>
                }
                <p class="why">{ t("依据：", "Why: ") }{ item.why.iter().map(|r| r.describe(lang)).collect::<Vec<_>>().join(lang.pick("；", "; ")) }</p>
                <p class="next">
                    { t("下次行动日期：", "Next action: ") }
                    <strong>{ item.next_action_date.map(|d| format_date(d, lang)).unwrap_or_else(|| "—".into()) }</strong>
                    if !due_now.is_empty() {
                        { " " }<button class="primary" data-testid="mark-done" onclick={mark}>{ t("标记为已完成", "Mark done") }</button>
                    }
                    if !done_today.is_empty() {
                        { " " }<button class="link" data-testid="undo-done" onclick={undo}>{ t("撤销", "Undo") }</button>
                    }
                </p>
            </li>
        }
    };
    html! {
        <div class="today" data-testid="today-list">
            <p class="hint">{ t("按优先级排列：阶段、金额、逾期天数。每条建议都说明了依据；规则可在“设置”中修改。",
                "In order of priority: stage, amount, age. Each recommendation says which rule fired; change the rules under Settings.") }</p>
            if items.is_empty() {
                <p class="empty">{ t("今天没有需要处理的事项。", "Nothing to do today.") }</p>
            } else {
                <ol>{ for items.iter().map(item_html) }</ol>
            }
        </div>
    }
}

/// The playbook's view of one invoice, with its dispute and promise controls.
pub fn invoice_playbook(state: &AppState, dispatch: &Dispatch, i: usize) -> Html {
    let lang = state.lang();
    let report = &state.report;
    let Some((assessment, invoice)) = report
        .row(i)
        .and_then(|row| Some((row.assessment?, row.invoice)))
    else {
        return html! {};
    };
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let key = InvoiceKey::of(invoice);
    let annotation = state
        .workspace
        .annotations
        .get(&key)
        .cloned()
        .unwrap_or_default();
    let on_reason = {
        let dispatch = dispatch.clone();
        let key = key.clone();
        let current = annotation.dispute.clone();
        let as_of = report.as_of;
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(reason) = DisputeReason::from_key(&value) {
                let since = current.as_ref().map_or(as_of, |d| d.since);
                let amount = current.as_ref().and_then(|d| d.disputed_amount);
                dispatch.dispatch(Action::edit(Edit::SetDispute(
                    key.clone(),
                    Some(Dispute {
                        reason,
                        disputed_amount: amount,
                        since,
                    }),
                )));
            }
        })
    };
    let on_disputed_amount = {
        let dispatch = dispatch.clone();
        let key = key.clone();
        let current = annotation.dispute.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Some(mut dispute) = current.clone() {
                dispute.disputed_amount = parse_setting_number(&value).ok().flatten();
                dispatch.dispatch(Action::edit(Edit::SetDispute(key.clone(), Some(dispute))));
            }
        })
    };
    let on_promise = {
        let dispatch = dispatch.clone();
        let key = key.clone();
        let as_of = report.as_of;
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let promise = chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                .ok()
                .map(|pay_by| PromiseToPay {
                    pay_by,
                    made_on: as_of,
                });
            dispatch.dispatch(Action::edit(Edit::SetPromise(key.clone(), promise)));
        })
    };
    let promise = annotation
        .promises
        .last()
        .map(|p| dates::iso(p.pay_by))
        .unwrap_or_default();
    html! {
        <div class="playbook-detail" data-testid="invoice-playbook">
            <p>
                <strong>{ assessment.stage.describe(lang) }</strong>
                if let Some(next) = assessment.next_action {
                    { " · " }{ t("下一步：", "Next: ") }{ next.action.describe(lang) }{ " — " }{ format_date(next.date, lang) }
                }
            </p>
            <p class="why">{ t("依据：", "Why: ") }{ assessment.why.iter().map(|r| r.describe(lang)).collect::<Vec<_>>().join(lang.pick("；", "; ")) }</p>
            <div class="grid-fields">
                if let Some(dispute) = &annotation.dispute {
                    <label>{ t("争议原因", "Dispute reason") }
                        <select data-testid="dispute-reason" onchange={on_reason}>
                            { for DisputeReason::ALL.iter().map(|r| html! {
                                <option value={r.key()} selected={*r == dispute.reason}>{ r.describe(lang) }</option>
                            }) }
                        </select></label>
                    <label>{ t("争议金额（留空为全部）", "Disputed amount (blank: all)") }
                        <input type="text" inputmode="decimal" data-testid="disputed-amount"
                            value={dispute.disputed_amount.map(|a| a.to_string()).unwrap_or_default()} onchange={on_disputed_amount} /></label>
                }
                <label>{ t("客户承诺付款日", "Promised to pay by") }
                    <input type="date" data-testid="promise-date" value={promise} onchange={on_promise} /></label>
            </div>
        </div>
    }
}

/// The stage cell of an invoice row, with the dispute toggle.
pub fn stage_cell(state: &AppState, dispatch: &Dispatch, i: usize) -> Html {
    let lang = state.lang();
    let report = &state.report;
    let Some((assessment, invoice)) = report
        .row(i)
        .and_then(|row| Some((row.assessment?, row.invoice)))
    else {
        return html! { <td></td> };
    };
    let key = InvoiceKey::of(invoice);
    let disputed = state
        .workspace
        .annotations
        .get(&key)
        .is_some_and(|a| a.dispute.is_some());
    let on_toggle = {
        let dispatch = dispatch.clone();
        let as_of = report.as_of;
        Callback::from(move |_| {
            let dispute = (!disputed).then_some(Dispute {
                reason: DisputeReason::Other,
                disputed_amount: None,
                since: as_of,
            });
            dispatch.dispatch(Action::edit(Edit::SetDispute(key.clone(), dispute)));
        })
    };
    let open_open = state.table.expanded == Some(i);
    let toggle_details = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Table(TableAction::ToggleDetails(i))))
    };
    html! {
        <td data-col="stage" data-stage={assessment.stage.key()}>
            <button class="link details" data-testid="invoice-details" aria-expanded={open_open.to_string()}
                title={lang.pick("查看下一步与依据", "Next steps and why")} onclick={toggle_details}>
                { assessment.stage.describe(lang) }
            </button>
            // Only an open invoice can be disputed (a dispute already set stays visible).
            if invoice.outstanding > rust_decimal::Decimal::ZERO || disputed {
                <label class="dispute" title={lang.pick("客户对此发票有争议", "The customer disputes this invoice")}>
                    <input type="checkbox" data-testid="dispute-toggle" checked={disputed} onchange={on_toggle} />
                    { lang.pick("争议", "disputed") }
                </label>
            }
        </td>
    }
}

/// The playbook's thresholds and options, editable.
pub fn playbook_settings(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let settings = &state.workspace.settings.playbook;
    let number_field = |label: &'static str,
                        testid: &'static str,
                        value: u32,
                        set: fn(&mut PlaybookSettings, u32)| {
        let dispatch = dispatch.clone();
        let current = settings.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Ok(n) = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .trim()
                .parse::<u32>()
            {
                let mut next = current.clone();
                set(&mut next, n);
                dispatch.dispatch(Action::edit(Edit::SetPlaybook(next)));
            }
        });
        html! {
            <label>{ label }<input type="number" min="0" data-testid={testid} value={value.to_string()} {onchange} /></label>
        }
    };
    let on_insured = {
        let dispatch = dispatch.clone();
        let current = settings.clone();
        Callback::from(move |e: Event| {
            let mut next = current.clone();
            next.credit_insured = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.dispatch(Action::edit(Edit::SetPlaybook(next)));
        })
    };
    let on_jurisdiction = {
        let dispatch = dispatch.clone();
        let current = settings.clone();
        Callback::from(move |e: Event| {
            if let Some(j) =
                Jurisdiction::from_key(&e.target_unchecked_into::<HtmlSelectElement>().value())
            {
                let mut next = current.clone();
                next.limitation.jurisdiction = j;
                dispatch.dispatch(Action::edit(Edit::SetPlaybook(next)));
            }
        })
    };
    let on_years = {
        let dispatch = dispatch.clone();
        let current = settings.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut next = current.clone();
            next.limitation.years = value
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|y| *y > 0)
                .map(|y| y.min(100));
            dispatch.dispatch(Action::edit(Edit::SetPlaybook(next)));
        })
    };
    let on_reset = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::edit(Edit::SetPlaybook(PlaybookSettings::default())))
        })
    };
    let on_cost_percent = {
        let dispatch = dispatch.clone();
        let current = settings.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let percent = parse_setting_number(&value)
                .ok()
                .map(Option::unwrap_or_default);
            if let Some(p) = percent.filter(|p| {
                *p >= rust_decimal::Decimal::ZERO && *p <= rust_decimal::Decimal::ONE_HUNDRED
            }) {
                let mut next = current.clone();
                next.collection_cost_percent = p;
                dispatch.dispatch(Action::edit(Edit::SetPlaybook(next)));
            }
        })
    };
    let currency = state.workspace.settings.default_currency.clone();
    let on_cost_fixed = {
        let dispatch = dispatch.clone();
        let current = settings.clone();
        let currency = currency.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut next = current.clone();
            match parse_setting_number(&value) {
                Ok(Some(amount)) if amount > rust_decimal::Decimal::ZERO => {
                    next.collection_cost_fixed.insert(currency.clone(), amount);
                }
                _ => {
                    next.collection_cost_fixed.remove(&currency);
                }
            }
            dispatch.dispatch(Action::edit(Edit::SetPlaybook(next)));
        })
    };
    let action_box = |action: Step| {
        let dispatch = dispatch.clone();
        let current = settings.clone();
        let enabled = !settings.disabled_actions.contains(&action);
        let onchange = Callback::from(move |_| {
            let mut next = current.clone();
            if enabled {
                next.disabled_actions.push(action);
            } else {
                next.disabled_actions.retain(|a| *a != action);
            }
            dispatch.dispatch(Action::edit(Edit::SetPlaybook(next)));
        });
        html! {
            <label class="check"><input type="checkbox" data-testid={format!("pb-action-{}", action.key())} checked={enabled} {onchange} />{ action.describe(lang) }</label>
        }
    };
    html! {
        <div class="field" data-testid="playbook-settings">
            <h3>{ t("催收规则", "Collection playbook") }</h3>
            <p class="hint">{ t("各阶段按逾期天数划分；修改后“今日待办”立即更新。", "Stages by days past due; the Today list follows your changes at once.") }</p>
            <div class="grid-fields">
                { number_field(t("到期前几天发提醒", "Courtesy reminder, days before due"), "pb-courtesy", settings.courtesy_lead_days, |s, n| s.courtesy_lead_days = n) }
                { number_field(t("友好提醒阶段至（天）", "Friendly reminder until (days)"), "pb-friendly", settings.friendly_until_days, |s, n| s.friendly_until_days = n) }
                { number_field(t("正式催告阶段至（天）", "Formal notice until (days)"), "pb-formal", settings.formal_until_days, |s, n| s.formal_until_days = n) }
                { number_field(t("诉前阶段至（天）", "Pre-legal until (days)"), "pb-pre-legal", settings.pre_legal_until_days, |s, n| s.pre_legal_until_days = n) }
                { number_field(t("升级处理至（天）", "Escalation until (days)"), "pb-escalate", settings.escalate_until_days, |s, n| s.escalate_until_days = n) }
                { number_field(t("催告函付款期限（天）", "Payment deadline in notices (days)"), "pb-deadline", settings.payment_deadline_days, |s, n| s.payment_deadline_days = n) }
                { number_field(t("未回复几天后电话跟进", "Phone if no answer after (days)"), "pb-call", settings.call_after_days, |s, n| s.call_after_days = n) }
                <label class="check"><input type="checkbox" data-testid="pb-insured" checked={settings.credit_insured} onchange={on_insured} />
                    { t("应收账款已投保信用保险", "Receivables are credit-insured") }</label>
                { number_field(t("须在逾期几天内通知保险公司", "Notify the insurer by (days past due)"), "pb-insurer", settings.insurer_notice_days, |s, n| s.insurer_notice_days = n) }
                <label>{ t("诉讼时效适用地", "Limitation: jurisdiction") }
                    <select data-testid="pb-jurisdiction" onchange={on_jurisdiction}>
                        { for Jurisdiction::ALL.iter().map(|j| html! {
                            <option value={j.key()} selected={*j == settings.limitation.jurisdiction}>{ j.describe(lang) }</option>
                        }) }
                    </select></label>
                <label>{ t("时效年数（留空为法定）", "Years (blank: statutory)") }
                    <input type="number" min="1" data-testid="pb-years" value={settings.limitation.years.map(|y| y.to_string()).unwrap_or_default()} onchange={on_years} /></label>
                <label>{ t("催收成本（未付金额的 %）", "Cost of collection (% of the amount)") }
                    <input type="text" inputmode="decimal" data-testid="pb-cost-percent" value={settings.collection_cost_percent.normalize().to_string()} onchange={on_cost_percent} /></label>
                <label>{ format!("{}（{currency}）", t("催收固定成本", "Fixed cost of collection")) }
                    <input type="text" inputmode="decimal" data-testid="pb-cost-fixed"
                        value={settings.collection_cost_fixed.get(&currency).map(|d| d.normalize().to_string()).unwrap_or_default()} onchange={on_cost_fixed} /></label>
            </div>
            <details class="actions">
                <summary>{ t("建议的行动（取消勾选则不再建议）", "Actions recommended (untick to stop recommending one)") }</summary>
                <div class="action-boxes">{ for Step::ALL.iter().map(|a| action_box(*a)) }</div>
            </details>
            <button class="link" onclick={on_reset}>{ t("恢复默认规则", "Restore the default playbook") }</button>
        </div>
    }
}
