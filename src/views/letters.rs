//! The Letters tab (issue 5): choose a customer, its invoices, the kind and language of the
//! letter; read it as it will be sent; copy, mail, download or print it; edit its template and
//! the sender's details. The wording and the figures come from the core (`letters::prepare`,
//! the body written by the letters engine: `crate::letters_engine`), so a letter always agrees
//! with the page. Until the engine has loaded, the tab says the letter is being prepared.

use chrono::NaiveDate;
use overdue_core::dates;
use overdue_core::i18n::Lang;
use overdue_core::letters::{
    default_customer, gaps, placeholders, prepare, print_layout, recommended_letter, request_for,
    ticked_rows, LetterSettings, Paper,
};
use overdue_core::playbook::{InvoiceKey, LetterKind};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::field::Field;
use crate::browser;
use crate::letters_engine;
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
    let w = crate::i18n::letters::words(lang);
    let report = &state.report;
    let draft = &state.letter;
    let customers = super::memo::customer_names(report);
    let Some(customer) = draft.customer.clone().or_else(|| default_customer(report)) else {
        return html! { <p class="empty" data-testid="letter-text">{ w.paste_your_invoices_first }</p> };
    };
    let kind = draft
        .kind
        .unwrap_or_else(|| recommended_letter(report, &customer));
    let letter_lang = draft.lang.unwrap_or(lang);
    let settings = &state.workspace.settings.letters;
    // Each part timed (`overdue:letters:*`), for the template keystroke's share of each.
    let ticked = browser::timed("letters:ticked", || {
        ticked_rows(report, &customer, &draft.selected)
    });
    // What was recorded as sent about the customer's open invoices (the sent log, and
    // reminder steps marked done) counts, whichever are ticked.
    let open: Vec<InvoiceKey> = super::memo::open_rows(report, &customer)
        .iter()
        .map(|&i| InvoiceKey::of(&report.parsed.invoices[i]))
        .collect();
    let mut request = request_for(
        &state.workspace,
        report,
        kind,
        letter_lang,
        &customer,
        ticked.rows.clone(),
        &open,
    );
    request.deadline = draft.deadline;
    if let Some((count, first)) = request.instalments.as_mut() {
        *count = draft.instalments.unwrap_or(*count);
        *first = draft.first_instalment.unwrap_or(*first);
    }
    let plan = request.instalments;
    let controls = letter_controls(
        dispatch,
        lang,
        customers,
        &customer,
        kind,
        letter_lang,
        draft.deadline,
        plan,
        settings.instalment_count,
    );
    let picker = invoice_picker(state, dispatch, &customer, &ticked.rows);
    let written = browser::timed("letters:render", || {
        letters_engine::write(prepare(report, settings, &request))
    });
    let Some(letter) = written else {
        return html! {
            <div class="letters">
                { controls }
                { picker }
                <p class="preparing" role="status" data-testid="letter-preparing">{ w.preparing_the_letter }</p>
                { contract_details(state, dispatch, &customer, &[]) }
                { template_editor(state, dispatch, kind, letter_lang) }
                { sender_form(state, dispatch, &customer) }
            </div>
        };
    };
    let letter_gaps = browser::timed("letters:gaps", || gaps(report, settings, &request, &letter));
    // The body carries its own subject line (事由 / Subject); the subject also heads the e-mail.
    // Copy, mail and download take the printed layout's text, which is the letter's body.
    let layout = browser::timed("letters:layout", || {
        print_layout(settings, &request, &letter)
    });
    let text = layout.to_text();
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

    html! {
        <div class="letters">
            { controls }
            { picker }
            if let Some(error) = &letter.error {
                <p class="warning" role="alert" data-testid="template-error">{ error.describe(lang) }</p>
            }
            <div class="letter-actions no-print">
                <button class="primary" data-testid="copy-letter" onclick={on_copy}>{ w.copy_the_letter }</button>
                <a class="button" href={mailto} data-testid="mail-letter">{ w.open_in_mail }</a>
                <button data-testid="download-letter" onclick={on_download}>{ w.download_txt }</button>
                <button data-testid="print-letter" onclick={on_print}>{ w.print }</button>
                if draft.copied { <span class="ok" role="status" data-testid="copied">{ w.copied_to_the_clipboard }</span> }
                if !letter_gaps.is_empty() { <span class="warning" role="status" data-testid="letter-gaps-warning">{ w.copy_with_gaps }</span> }
            </div>
            { crate::views::sent::under_letter(state, dispatch, &customer, kind, letter_lang, &ticked.rows) }
            if !letter_gaps.is_empty() {
                <aside class="letter-gaps no-print" data-testid="letter-gaps">
                    <h4>{ w.before_it_goes }</h4>
                    <ul>{ for letter_gaps.iter().map(|g| html! { <li class="letter-gap" data-gap={g.key()}>{ g.describe(lang, letter_lang) }</li> }) }</ul>
                </aside>
            }
            <article class="letter-sheet" lang={if letter_lang == Lang::Zh { "zh-CN" } else { "en" }}>
                <pre data-testid="letter-text">{ text.clone() }</pre>
                { crate::views::letter_print::printed_letter(&layout, "", &customer) }
            </article>
            { contract_details(state, dispatch, &customer, &letter_gaps) }
            { template_editor(state, dispatch, kind, letter_lang) }
            { sender_form(state, dispatch, &customer) }
        </div>
    }
}

/// The letter's choices: customer, kind, language, deadline and a payment plan's instalments.
#[allow(clippy::too_many_arguments)]
fn letter_controls(
    dispatch: &Dispatch,
    lang: Lang,
    customers: std::rc::Rc<Vec<String>>,
    customer: &str,
    kind: LetterKind,
    letter_lang: Lang,
    deadline: Option<NaiveDate>,
    plan: Option<(u32, NaiveDate)>,
    instalment_count: u32,
) -> Html {
    let w = crate::i18n::letters::words(lang);
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
    html! {
        <div class="letter-controls no-print">
            <label>{ w.customer }
                <super::customer_select::CustomerSelect names={customers} selected={customer.to_string()} dispatch={dispatch.clone()} /></label>
            <label>{ w.letter }
                <select data-testid="letter-kind" onchange={on_kind}>
                { for LetterKind::ALL.iter().map(|k| html! { <option value={k.key()} selected={*k == kind}>{ k.describe(lang) }</option> }) }
                </select></label>
            <label>{ w.language_of_the_letter }
                <select data-testid="letter-lang" onchange={on_lang}>
                <option value="zh" selected={letter_lang == Lang::Zh}>{ "中文" }</option>
                <option value="en" selected={letter_lang == Lang::En}>{ "English" }</option>
                </select></label>
            <label>{ w.pay_by_blank_default }
                <input type="date" data-testid="letter-deadline" value={deadline.map(dates::iso).unwrap_or_default()} onchange={on_deadline} /></label>
            if kind == LetterKind::PaymentPlan {
                <label>{ w.instalments }
                <Field kind="number" min="1" max="120" testid="letter-instalments"
                    value={plan.map_or(instalment_count, |(n, _)| n).to_string()} onchange={on_instalments} /></label>
                <label>{ w.first_instalment }
                <input type="date" data-testid="letter-first-instalment" value={plan.map(|(_, first)| dates::iso(first)).unwrap_or_default()} onchange={on_first_instalment} /></label>
            }
        </div>
    }
}

/// The contract terms the letters cite: the customer's own over the workspace default; open
/// when the letter lacks its clause or the customer has terms of its own (so that it does not
/// fold away while they are typed in).
fn contract_details(
    state: &AppState,
    dispatch: &Dispatch,
    customer: &str,
    letter_gaps: &[overdue_core::letters::Gap],
) -> Html {
    let w = crate::i18n::letters::words(state.lang());
    let own = state
        .workspace
        .settings
        .letters
        .customers
        .get(customer)
        .is_some_and(|p| !p.contract.is_empty());
    let open = own || letter_gaps.contains(&overdue_core::letters::Gap::ContractClause);
    html! {
        <details class="contract no-print" data-testid="contract-details" {open}>
            <summary>{ w.contract_terms }</summary>
            { crate::views::contract::customer_contract(state, dispatch, customer) }
            { crate::views::contract::default_contract(state, dispatch) }
        </details>
    }
}

/// The template of this kind and language of letter, editable, with the placeholders it can use.
fn template_editor(
    state: &AppState,
    dispatch: &Dispatch,
    kind: LetterKind,
    letter_lang: Lang,
) -> Html {
    let lang = state.lang();
    let w = crate::i18n::letters::words(lang);
    let settings = &state.workspace.settings.letters;
    let template = settings.template(kind, letter_lang).to_string();
    let template_error = letters_engine::check(&template);
    let on_template = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            dispatch.dispatch(Action::letters(move |next| {
                next.set_template(kind, letter_lang, text)
            }));
        })
    };
    let on_reset = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::letters(move |next| {
                next.reset_template(kind, letter_lang)
            }));
        })
    };
    html! {
    <details class="template no-print">
        <summary>{ w.edit_the_template_of_this }
            if settings.is_edited(kind, letter_lang) { <strong>{ w.edited }</strong> }</summary>
        <div class="template-grid">
            <div>
                <textarea data-testid="template-editor" rows="18" spellcheck="false" value={template} oninput={on_template}
                    aria-label={w.letter_template} />
                if let Some(error) = template_error { <p class="warning">{ error.describe(lang) }</p> }
                <button class="link" data-testid="reset-template" onclick={on_reset}>{ w.restore_the_default_template }</button>
            </div>
            <div class="placeholders">
                <h4>{ w.placeholders }</h4>
                <dl>{ for placeholders(lang).into_iter().map(|(name, what)| html! { <><dt><code>{ format!("{{{{ {name} }}}}") }</code></dt><dd>{ what }</dd></> }) }</dl>
            </div>
        </div>
    </details>
    }
}

/// The customer's open invoices, to tick the ones the letter is about; and which ticked ones
/// the last paste took out.
fn invoice_picker(state: &AppState, dispatch: &Dispatch, customer: &str, ticked: &[usize]) -> Html {
    let lang = state.lang();
    let w = crate::i18n::letters::words(lang);
    let report = &state.report;
    let draft = &state.letter;
    let open_rows = super::memo::open_rows(report, customer);
    html! {
        <>
            <fieldset class="letter-invoices no-print">
                <legend>{ w.invoices_in_this_letter_none }</legend>
                { for open_rows.iter().filter_map(|&i| report.row(i)).map(|row| {
                    let (i, inv) = (row.index, row.invoice);
                    let dispatch = dispatch.clone();
                    let key = InvoiceKey::of(inv);
                    let onchange = Callback::from(move |_| dispatch.dispatch(Action::Letter(LetterAction::ToggleInvoice(key.clone()))));
                    html! {
                        <label class="check">
                            <input type="checkbox" data-testid="letter-invoice" checked={ticked.contains(&i)} {onchange} />
                            { format!("{} · {} {} · {} {}", inv.number, inv.currency, overdue_core::money::format_grouped(inv.outstanding),
                                row.aged.days_past_due, w.days) }
                        </label>
                    }
                }) }
            </fieldset>
            if !draft.dropped.is_empty() {
                <p class="warning" role="status" data-testid="letter-dropped">
                    { w.after_the_new_paste_these }
                    { draft.dropped.iter().map(|k| k.number.as_str()).collect::<Vec<_>>().join(w.list_separator) }
                </p>
            }
        </>
    }
}

fn sender_form(state: &AppState, dispatch: &Dispatch, customer: &str) -> Html {
    let lang = state.lang();
    let w = crate::i18n::letters::words(lang);
    let settings = &state.workspace.settings.letters;
    let field = |label: &'static str,
                 testid: &'static str,
                 value: &str,
                 set: fn(&mut LetterSettings, String)| {
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatch.dispatch(Action::letters(move |next| set(next, value)));
        });
        html! { <label>{ label }<Field kind="text" testid={testid} value={value.to_string()} {onchange} /></label> }
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
            let customer = customer.to_string();
            let onchange = Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlInputElement>().value();
                dispatch.dispatch(Action::customer_profile(customer.clone(), move |entry| {
                    set(entry, value)
                }));
            });
            html! { <label>{ label }<Field kind="text" testid={testid} value={value} {onchange} /></label> }
        };
    let customer_check = |label: &'static str, testid: &'static str, value: bool| {
        let dispatch = dispatch.clone();
        let customer = customer.to_string();
        let onchange = Callback::from(move |e: Event| {
            let large = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.dispatch(Action::customer_profile(customer.clone(), move |entry| {
                entry.large_or_public = large
            }));
        });
        html! { <label class="check"><input type="checkbox" data-testid={testid} checked={value} {onchange} />{ label }</label> }
    };
    let check = |label: &'static str,
                 testid: &'static str,
                 value: bool,
                 set: fn(&mut LetterSettings, bool)| {
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.dispatch(Action::letters(move |next| set(next, on)));
        });
        html! { <label class="check"><input type="checkbox" data-testid={testid} checked={value} {onchange} />{ label }</label> }
    };
    let on_deadline_days = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Ok(days) = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .trim()
                .parse::<u32>()
            {
                dispatch.dispatch(Action::letters(move |next| next.deadline_days = days));
            }
        })
    };
    let on_paper = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(paper) = Paper::from_key(&select_value(&e)) {
                dispatch.dispatch(Action::letters(move |next| next.paper = paper));
            }
        })
    };
    let c = &settings.consequences;
    let d = &settings.dispute;
    html! {
        <details class="sender no-print">
            <summary>{ w.your_company_the_customer_s }</summary>
            <p class="hint">{ w.sender_in_settings }</p>
            <div class="grid-fields">
                { field(w.contract_clause_cited_in_notices, "contract-clause", &settings.contract_clause, |x, v| x.contract_clause = v) }
                { customer_field(w.customer_s_full_name, "customer-full-name", profile.full_name.clone(), |p, v| p.full_name = v) }
                { customer_field(w.customer_s_address, "customer-address", profile.address.clone(), |p, v| p.address = v) }
                { customer_field(w.customer_s_contact, "customer-contact", profile.contact.clone(), |p, v| p.contact = v) }
                { customer_field(w.customer_english_name, "customer-full-name-en", profile.en.full_name.clone(), |p, v| p.en.full_name = v) }
                { customer_field(w.customer_english_address, "customer-address-en", profile.en.address.clone(), |p, v| p.en.address = v) }
                { customer_check(w.large_or_public, "customer-large", profile.large_or_public) }
                <label>{ w.default_deadline_days }
                    <Field kind="number" min="0" max="365" testid="deadline-days" value={settings.deadline_days.to_string()} onchange={on_deadline_days} /></label>
                { check(w.count_the_deadline_in_working, "working-days", settings.working_days, |x, v| x.working_days = v) }
                <label>{ w.paper }
                    <select data-testid="letter-paper" onchange={on_paper}>
                        <option value="auto" selected={settings.paper == Paper::Auto}>{ w.paper_auto }</option>
                        <option value="a4" selected={settings.paper == Paper::A4}>{ "A4" }</option>
                        <option value="letter" selected={settings.paper == Paper::Letter}>{ "US Letter" }</option>
                    </select></label>
            </div>
            <fieldset class="consequences">
                <legend>{ w.consequences_named_in_notices }</legend>
                { check(w.late_charges_keep_accruing, "consequence-charges", c.late_charges, |x, v| x.consequences.late_charges = v) }
                { check(w.account_on_hold, "consequence-hold", c.account_hold, |x, v| x.consequences.account_hold = v) }
                { check(w.collection_agency, "consequence-agency", c.collection_agency, |x, v| x.consequences.collection_agency = v) }
                { check(w.legal_action, "consequence-legal", c.legal_action, |x, v| x.consequences.legal_action = v) }
            </fieldset>
            <fieldset class="consequences">
                <legend>{ w.dispute_response_documents_listed }</legend>
                { check(w.the_contract, "dispute-doc-contract", d.contract, |x, v| x.dispute.contract = v) }
                { check(w.purchase_order, "dispute-doc-po", d.purchase_order, |x, v| x.dispute.purchase_order = v) }
                { check(w.order_confirmation, "dispute-doc-confirmation", d.order_confirmation, |x, v| x.dispute.order_confirmation = v) }
                { check(w.delivery_note_bill_of_lading, "dispute-doc-delivery", d.delivery_note, |x, v| x.dispute.delivery_note = v) }
                { check(w.acceptance_record_signed_receipt, "dispute-doc-acceptance", d.acceptance_record, |x, v| x.dispute.acceptance_record = v) }
            </fieldset>
            <fieldset class="consequences">
                <legend>{ w.dispute_response_resolutions_offered }</legend>
                { check(w.corrected_invoice, "dispute-fix-invoice", d.corrected_invoice, |x, v| x.dispute.corrected_invoice = v) }
                { check(w.credit_note, "dispute-fix-credit", d.credit_note, |x, v| x.dispute.credit_note = v) }
                { check(w.pay_the_undisputed_part_now, "dispute-fix-partial", d.partial_payment, |x, v| x.dispute.partial_payment = v) }
            </fieldset>
        </details>
    }
}
