//! The Letters tab (issue 5): choose a customer, its invoices, the kind and language of the
//! letter; read it as it will be sent; copy, mail, download or print it; edit its template and
//! the sender's details. The wording and the figures come from the core (`letters::render`),
//! so a letter always agrees with the page.

use chrono::NaiveDate;
use overdue_core::dates;
use overdue_core::edit::Edit;
use overdue_core::i18n::Lang;
use overdue_core::letters::{
    check_template, default_customer, open_rows, placeholders, recommended_letter, render,
    ticked_rows, LetterRequest, LetterSettings,
};
use overdue_core::playbook::{InvoiceKey, LetterKind};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::state::{Action, AppState, LetterAction};

type Dispatch = UseReducerDispatcher<AppState>;

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// A date input's change as an action: its ISO value, or None when it was cleared.
fn on_date(dispatch: &Dispatch, action: fn(Option<NaiveDate>) -> LetterAction) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| {
        let value = e.target_unchecked_into::<HtmlInputElement>().value();
        dispatch.dispatch(Action::Letter(action(
            NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok(),
        )));
    })
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn letters_tab(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let report = &state.report;
    let draft = &state.letter;
    let customers = report.customer_names();
    let Some(customer) = draft.customer.clone().or_else(|| default_customer(report)) else {
        return html! { <p class="empty" data-testid="letter-text">{ t("请先粘贴发票。", "Paste your invoices first.") }</p> };
    };
    let kind = draft
        .kind
        .unwrap_or_else(|| recommended_letter(report, &customer));
    let letter_lang = draft.lang.unwrap_or(lang);
    let settings = &state.workspace.settings.letters;
    let open_rows = open_rows(report, &customer);
    let ticked = ticked_rows(report, &customer, &draft.selected);
    let first_instalment = draft.first_instalment.unwrap_or_else(|| {
        dates::add_days(report.as_of, i64::from(settings.first_instalment_days))
    });
    let request = LetterRequest {
        kind,
        lang: letter_lang,
        customer: customer.clone(),
        invoices: ticked.rows.clone(),
        date: report.as_of,
        deadline: draft.deadline,
        instalments: (kind == LetterKind::PaymentPlan).then(|| {
            (
                draft.instalments.unwrap_or(settings.instalment_count),
                first_instalment,
            )
        }),
    };
    let letter = render(report, settings, &request);
    // The body carries its own subject line (事由 / Subject); the subject also heads the e-mail.
    let text = letter.body.clone();
    let on_customer = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            dispatch.dispatch(Action::Letter(LetterAction::Customer(select_value(&e))))
        })
    };
    let on_kind = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(kind) = LetterKind::from_key(&select_value(&e)) {
                dispatch.dispatch(Action::Letter(LetterAction::Kind(kind)));
            }
        })
    };
    let on_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(l) = Lang::from_code(&select_value(&e)) {
                dispatch.dispatch(Action::Letter(LetterAction::Lang(l)));
            }
        })
    };
    let on_deadline = on_date(dispatch, LetterAction::Deadline);
    let on_instalments = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatch.dispatch(Action::Letter(LetterAction::Instalments(
                value.trim().parse().ok(),
            )));
        })
    };
    let on_first_instalment = on_date(dispatch, LetterAction::FirstInstalment);
    let on_copy = {
        let dispatch = dispatch.clone();
        let text = text.clone();
        Callback::from(move |_| {
            // Line breaks as <br>, no style attribute (the page's CSP forbids inline styles, and
            // Chromium applies it while it sanitises the HTML for the clipboard).
            let lines: Vec<String> = text.lines().map(html_escape).collect();
            let html = format!("<div>{}</div>", lines.join("<br>"));
            let dispatch = dispatch.clone();
            browser::copy_rich(&text, &html, move |ok| {
                dispatch.dispatch(Action::Letter(LetterAction::Copied(ok)))
            });
        })
    };
    let on_download = {
        let text = text.clone();
        let name = format!(
            "{}-{}-{}.txt",
            kind.key(),
            customer,
            dates::iso(report.as_of)
        );
        Callback::from(move |_| {
            browser::download(
                &name,
                "text/plain;charset=utf-8",
                &format!("\u{FEFF}{text}"),
            )
        })
    };
    let on_print = Callback::from(|_| browser::print_letter());
    let mailto = format!(
        "mailto:?subject={}&body={}",
        js_sys::encode_uri_component(&letter.subject),
        js_sys::encode_uri_component(&letter.body)
    );

    let template = settings.template(kind, letter_lang).to_string();
    let template_error = check_template(&template);
    let on_template = {
        let dispatch = dispatch.clone();
        let settings = settings.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let mut next = settings.clone();
            next.set_template(kind, letter_lang, text);
            dispatch.dispatch(Action::edit(Edit::SetLetters(next)));
        })
    };
    let on_reset = {
        let dispatch = dispatch.clone();
        let settings = settings.clone();
        Callback::from(move |_| {
            let mut next = settings.clone();
            next.reset_template(kind, letter_lang);
            dispatch.dispatch(Action::edit(Edit::SetLetters(next)));
        })
    };
    html! {
        <div class="letters">
            <div class="letter-controls no-print">
                <label>{ t("客户", "Customer") }
                    <select data-testid="letter-customer" onchange={on_customer}>
                        { for customers.iter().map(|c| html! { <option value={c.to_string()} selected={*c == customer}>{ *c }</option> }) }
                    </select></label>
                <label>{ t("函件类型", "Letter") }
                    <select data-testid="letter-kind" onchange={on_kind}>
                        { for LetterKind::ALL.iter().map(|k| html! { <option value={k.key()} selected={*k == kind}>{ k.describe(lang) }</option> }) }
                    </select></label>
                <label>{ t("函件语言", "Language of the letter") }
                    <select data-testid="letter-lang" onchange={on_lang}>
                        <option value="zh" selected={letter_lang == Lang::Zh}>{ "中文" }</option>
                        <option value="en" selected={letter_lang == Lang::En}>{ "English" }</option>
                    </select></label>
                <label>{ t("付款期限（留空按默认）", "Pay by (blank: default)") }
                    <input type="date" data-testid="letter-deadline" value={draft.deadline.map(dates::iso).unwrap_or_default()} onchange={on_deadline} /></label>
                if kind == LetterKind::PaymentPlan {
                    <label>{ t("分期数", "Instalments") }
                        <input type="number" min="1" max="120" data-testid="letter-instalments"
                            value={draft.instalments.unwrap_or(settings.instalment_count).to_string()} onchange={on_instalments} /></label>
                    <label>{ t("首期付款日", "First instalment") }
                        <input type="date" data-testid="letter-first-instalment" value={dates::iso(first_instalment)} onchange={on_first_instalment} /></label>
                }
            </div>
            <fieldset class="letter-invoices no-print">
                <legend>{ t("本函涉及的发票（不勾选则按函件类型自动选择）", "Invoices in this letter (none ticked: chosen by the kind of letter)") }</legend>
                { for open_rows.iter().filter_map(|&i| report.row(i)).map(|row| {
                    let (i, inv) = (row.index, row.invoice);
                    let dispatch = dispatch.clone();
                    let key = InvoiceKey::of(inv);
                    let onchange = Callback::from(move |_| dispatch.dispatch(Action::Letter(LetterAction::ToggleInvoice(key.clone()))));
                    html! {
                        <label class="check">
                            <input type="checkbox" data-testid="letter-invoice" checked={ticked.rows.contains(&i)} {onchange} />
                            { format!("{} · {} {} · {} {}", inv.number, inv.currency, overdue_core::money::format_grouped(inv.outstanding),
                                row.aged.days_past_due, t("天", "days")) }
                        </label>
                    }
                }) }
            </fieldset>
            if !draft.dropped.is_empty() {
                <p class="warning" role="status" data-testid="letter-dropped">
                    { t("重新粘贴后，以下勾选的发票已不在未结发票中，已从本函移除：", "After the new paste, these ticked invoices are no longer open and were taken out of this letter: ") }
                    { draft.dropped.iter().map(|k| k.number.as_str()).collect::<Vec<_>>().join(lang.pick("、", ", ")) }
                </p>
            }
            if let Some(error) = &letter.error {
                <p class="warning" role="alert" data-testid="template-error">{ error.describe(lang) }</p>
            }
            <div class="letter-actions no-print">
                <button class="primary" data-testid="copy-letter" onclick={on_copy}>{ t("复制函件", "Copy the letter") }</button>
                <a class="button" href={mailto} data-testid="mail-letter">{ t("用邮件发送", "Open in mail") }</a>
                <button data-testid="download-letter" onclick={on_download}>{ t("下载 .txt", "Download .txt") }</button>
                <button data-testid="print-letter" onclick={on_print}>{ t("打印", "Print") }</button>
                if draft.copied { <span class="ok" role="status" data-testid="copied">{ t("已复制到剪贴板", "Copied to the clipboard") }</span> }
            </div>
            <article class="letter-sheet" lang={if letter_lang == Lang::Zh { "zh-CN" } else { "en" }}>
                <pre data-testid="letter-text">{ text.clone() }</pre>
            </article>
            <details class="template no-print">
                <summary>{ t("编辑此类函件的模板", "Edit the template of this letter") }
                    if settings.is_edited(kind, letter_lang) { <strong>{ t("（已修改）", " (edited)") }</strong> }</summary>
                <div class="template-grid">
                    <div>
                        <textarea data-testid="template-editor" rows="18" spellcheck="false" value={template} oninput={on_template}
                            aria-label={t("函件模板", "Letter template")} />
                        if let Some(error) = template_error { <p class="warning">{ error.describe(lang) }</p> }
                        <button class="link" data-testid="reset-template" onclick={on_reset}>{ t("恢复默认模板", "Restore the default template") }</button>
                    </div>
                    <div class="placeholders">
                        <h4>{ t("可用占位符", "Placeholders") }</h4>
                        <dl>{ for placeholders(lang).into_iter().map(|(name, what)| html! { <><dt><code>{ format!("{{{{ {name} }}}}") }</code></dt><dd>{ what }</dd></> }) }</dl>
                    </div>
                </div>
            </details>
            { sender_form(state, dispatch, &customer) }
        </div>
    }
}

fn sender_form(state: &AppState, dispatch: &Dispatch, customer: &str) -> Html {
    let lang = state.lang();
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let settings = &state.workspace.settings.letters;
    let field = |label: &'static str,
                 testid: &'static str,
                 value: &str,
                 set: fn(&mut LetterSettings, String)| {
        let dispatch = dispatch.clone();
        let settings = settings.clone();
        let onchange = Callback::from(move |e: Event| {
            let mut next = settings.clone();
            set(
                &mut next,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            );
            dispatch.dispatch(Action::edit(Edit::SetLetters(next)));
        });
        html! { <label>{ label }<input type="text" data-testid={testid} value={value.to_string()} {onchange} /></label> }
    };
    let profile = settings
        .customers
        .get(customer)
        .cloned()
        .unwrap_or_default();
    let customer_field =
        |label: &'static str,
         testid: &'static str,
         value: String,
         set: fn(&mut overdue_core::letters::CustomerProfile, String)| {
            let dispatch = dispatch.clone();
            let settings = settings.clone();
            let customer = customer.to_string();
            let onchange = Callback::from(move |e: Event| {
                let mut next = settings.clone();
                let entry = next.customers.entry(customer.clone()).or_default();
                set(entry, e.target_unchecked_into::<HtmlInputElement>().value());
                dispatch.dispatch(Action::edit(Edit::SetLetters(next)));
            });
            html! { <label>{ label }<input type="text" data-testid={testid} value={value} {onchange} /></label> }
        };
    let s = &settings.sender;
    let check = |label: &'static str,
                 testid: &'static str,
                 value: bool,
                 set: fn(&mut LetterSettings, bool)| {
        let dispatch = dispatch.clone();
        let settings = settings.clone();
        let onchange = Callback::from(move |e: Event| {
            let mut next = settings.clone();
            set(
                &mut next,
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            );
            dispatch.dispatch(Action::edit(Edit::SetLetters(next)));
        });
        html! { <label class="check"><input type="checkbox" data-testid={testid} checked={value} {onchange} />{ label }</label> }
    };
    let on_deadline_days = {
        let dispatch = dispatch.clone();
        let settings = settings.clone();
        Callback::from(move |e: Event| {
            if let Ok(days) = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .trim()
                .parse::<u32>()
            {
                let mut next = settings.clone();
                next.deadline_days = days;
                dispatch.dispatch(Action::edit(Edit::SetLetters(next)));
            }
        })
    };
    let c = &settings.consequences;
    let d = &settings.dispute;
    html! {
        <details class="sender no-print">
            <summary>{ t("我方信息、客户地址与函件选项（只保存在本浏览器）", "Your company, the customer's address and letter options (kept in this browser only)") }</summary>
            <div class="grid-fields">
                { field(t("公司名称", "Company name"), "sender-company", &s.company, |x, v| x.sender.company = v) }
                { field(t("地址", "Address"), "sender-address", &s.address, |x, v| x.sender.address = v) }
                { field(t("联系人", "Contact person"), "sender-contact", &s.contact, |x, v| x.sender.contact = v) }
                { field(t("电话", "Phone"), "sender-phone", &s.phone, |x, v| x.sender.phone = v) }
                { field(t("邮箱", "Email"), "sender-email", &s.email, |x, v| x.sender.email = v) }
                { field(t("开户银行", "Bank"), "sender-bank", &s.bank_name, |x, v| x.sender.bank_name = v) }
                { field(t("银行账号", "Bank account"), "sender-account", &s.bank_account, |x, v| x.sender.bank_account = v) }
                { field(t("落款", "Signature line"), "sender-signature", &s.signature, |x, v| x.sender.signature = v) }
                { field(t("合同条款（催告函引用）", "Contract clause (cited in notices)"), "contract-clause", &settings.contract_clause, |x, v| x.contract_clause = v) }
                { customer_field(t("客户全称", "Customer's full name"), "customer-full-name", profile.full_name.clone(), |p, v| p.full_name = v) }
                { customer_field(t("客户地址", "Customer's address"), "customer-address", profile.address.clone(), |p, v| p.address = v) }
                { customer_field(t("客户联系人", "Customer's contact"), "customer-contact", profile.contact.clone(), |p, v| p.contact = v) }
                <label>{ t("默认付款期限（天）", "Default deadline (days)") }
                    <input type="number" min="0" max="365" data-testid="deadline-days" value={settings.deadline_days.to_string()} onchange={on_deadline_days} /></label>
                { check(t("按工作日计算期限", "Count the deadline in working days"), "working-days", settings.working_days, |x, v| x.working_days = v) }
            </div>
            <fieldset class="consequences">
                <legend>{ t("催告函与最后通知写明的后果", "Consequences named in notices") }</legend>
                { check(t("逾期利息及费用持续累计", "Late charges keep accruing"), "consequence-charges", c.late_charges, |x, v| x.consequences.late_charges = v) }
                { check(t("暂停发货及信用账期", "Account on hold"), "consequence-hold", c.account_hold, |x, v| x.consequences.account_hold = v) }
                { check(t("委托催收机构", "Collection agency"), "consequence-agency", c.collection_agency, |x, v| x.consequences.collection_agency = v) }
                { check(t("通过法律途径追讨", "Legal action"), "consequence-legal", c.legal_action, |x, v| x.consequences.legal_action = v) }
            </fieldset>
            <fieldset class="consequences">
                <legend>{ t("争议回复函：列出的单据", "Dispute response: documents listed") }</legend>
                { check(t("合同", "The contract"), "dispute-doc-contract", d.contract, |x, v| x.dispute.contract = v) }
                { check(t("采购订单", "Purchase order"), "dispute-doc-po", d.purchase_order, |x, v| x.dispute.purchase_order = v) }
                { check(t("订单确认书", "Order confirmation"), "dispute-doc-confirmation", d.order_confirmation, |x, v| x.dispute.order_confirmation = v) }
                { check(t("送货单/提单", "Delivery note / bill of lading"), "dispute-doc-delivery", d.delivery_note, |x, v| x.dispute.delivery_note = v) }
                { check(t("验收记录/签收单", "Acceptance record / signed receipt"), "dispute-doc-acceptance", d.acceptance_record, |x, v| x.dispute.acceptance_record = v) }
            </fieldset>
            <fieldset class="consequences">
                <legend>{ t("争议回复函：提出的解决办法", "Dispute response: resolutions offered") }</legend>
                { check(t("重开更正后的发票", "Corrected invoice"), "dispute-fix-invoice", d.corrected_invoice, |x, v| x.dispute.corrected_invoice = v) }
                { check(t("红字发票/贷项通知单", "Credit note"), "dispute-fix-credit", d.credit_note, |x, v| x.dispute.credit_note = v) }
                { check(t("先付无争议部分", "Pay the undisputed part now"), "dispute-fix-partial", d.partial_payment, |x, v| x.dispute.partial_payment = v) }
            </fieldset>
        </details>
    }
}
