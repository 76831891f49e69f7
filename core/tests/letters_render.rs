//! Letters: each kind in each language carries its required elements for a sample workspace;
//! template errors are reported with their line; the page's figures are the letter's.

use chrono::NaiveDate;
use overdue_core::charges::RuleKind;
use overdue_core::i18n::Lang;
use overdue_core::letters::{
    check_template, default_template, placeholders, render, CustomerProfile, Letter, LetterKind,
    LetterRequest, LetterSettings, SenderProfile,
};
use overdue_core::playbook::{Annotation, Dispute, DisputeReason, InvoiceKey};
use overdue_core::report::{derive, Report};
use overdue_core::workspace::Workspace;
use rust_decimal::Decimal;

const HUAQIANG: &str = "深圳市华强电子有限公司";
const HARBOR: &str = "Harbor Lights Trading LLC";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2025, 11, 20)
}

/// Two customers: one Chinese with invoices at every stage (142 and 50 days overdue, one not
/// yet due, one paid, a credit note), one American with a quality dispute on part of its
/// invoice. The SME-regulation late charge (0.05 % a day) applies.
fn sample() -> (Report, LetterSettings) {
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(today());
    ws.input.text = format!(
        "Invoice\tCustomer\tInvoice date\tDue date\tAmount\tPaid\tCurrency\n\
         FP001\t{HUAQIANG}\t2025-06-01\t2025-07-01\t128600.00\t0\tCNY\n\
         FP002\t{HUAQIANG}\t2025-09-01\t2025-10-01\t56250.00\t20000.00\tCNY\n\
         FP003\t{HUAQIANG}\t2025-10-26\t2025-11-25\t12345.60\t0\tCNY\n\
         FP004\t{HUAQIANG}\t2025-08-01\t2025-09-01\t5000.00\t5000.00\tCNY\n\
         CN005\t{HUAQIANG}\t2025-10-10\t2025-10-10\t-1000.00\t0\tCNY\n\
         INV-88\t{HARBOR}\t2025-08-01\t2025-09-15\t18400.00\t0\tUSD\n"
    )
    .into();
    ws.settings.charges.workspace.rule = RuleKind::CnSmeRegulation;
    ws.annotations.insert(
        InvoiceKey::new(HARBOR, "INV-88"),
        Annotation {
            dispute: Some(Dispute {
                reason: DisputeReason::Quality,
                disputed_amount: Some(Decimal::new(4000, 0)),
                since: date(2025, 11, 18),
            }),
            ..Default::default()
        },
    );
    let report = derive(&ws, today());
    assert_eq!(
        report.parsed.invoices.len(),
        6,
        "{:?}",
        report.parsed.errors
    );

    let mut settings = LetterSettings {
        sender: SenderProfile {
            company: "宁波远航进出口有限公司".into(),
            address: "浙江省宁波市鄞州区天童南路100号".into(),
            contact: "王丽".into(),
            phone: "+86 574 8888 0000".into(),
            email: "ar@yuanhang.example".into(),
            bank_name: "中国银行宁波分行".into(),
            bank_account: "3580 1234 5678".into(),
            signature: "财务部".into(),
            en: overdue_core::letters::SenderEnglish {
                company: "Ningbo Yuanhang Import & Export Co., Ltd.".into(),
                address: "100 Tiantong South Road, Ningbo, China".into(),
                ..Default::default()
            },
        },
        contract_clause: "《购销合同》（编号HT-2025-018）第五条".into(),
        ..Default::default()
    };
    settings.customers.insert(
        HUAQIANG.into(),
        CustomerProfile {
            full_name: String::new(),
            address: "广东省深圳市福田区华强北路1号".into(),
            contact: "李明".into(),
            large_or_public: true,
            ..Default::default()
        },
    );
    settings.customers.insert(
        HARBOR.into(),
        CustomerProfile {
            full_name: "Harbor Lights Trading LLC".into(),
            address: "12 Pier Road, Long Beach, CA 90802, USA".into(),
            contact: "Ms Jane Carter".into(),
            ..Default::default()
        },
    );
    (report, settings)
}

fn request(kind: LetterKind, lang: Lang, customer: &str) -> LetterRequest {
    LetterRequest {
        kind,
        lang,
        customer: customer.into(),
        invoices: Vec::new(),
        date: today(),
        deadline: None,
        instalments: None,
        history: Default::default(),
        charge_rule: None,
    }
}

fn index(report: &Report, number: &str) -> usize {
    report
        .parsed
        .invoices
        .iter()
        .position(|i| i.number == number)
        .unwrap()
}

fn letter(kind: LetterKind, lang: Lang, customer: &str) -> Letter {
    let (report, settings) = sample();
    let letter = render(&report, &settings, &request(kind, lang, customer));
    assert_eq!(letter.error, None, "{}", letter.body);
    letter
}

fn assert_contains(letter: &Letter, needles: &[&str]) {
    for needle in needles {
        assert!(
            letter.body.contains(needle),
            "missing {needle:?} in:\n{}",
            letter.body
        );
    }
}

/// Chinese business-letter form: 致 …：, 此致 敬礼, then the company and the date as 落款.
fn assert_chinese_form(letter: &Letter, customer: &str) {
    let body = &letter.body;
    assert!(body.contains(&format!("致{customer}：")), "{body}");
    let closing = body.find("　　此致\n敬礼！").expect("此致 敬礼");
    let signed = &body[closing..];
    assert!(signed.contains("宁波远航进出口有限公司"), "{body}");
    assert!(signed.contains("2025年11月20日"), "{body}");
    assert!(
        body.contains(&format!("事由：{}", letter.subject)),
        "{body}"
    );
    assert!(!body.contains("{{") && !body.contains("{%"), "{body}");
}

/// English business-letter form: sender, date, addressee, subject line, salutation, close.
fn assert_english_form(letter: &Letter, customer: &str) {
    let body = &letter.body;
    let sender = body
        .find("Ningbo Yuanhang Import & Export Co., Ltd.")
        .unwrap();
    let dated = body.find("20 November 2025").expect("letter date");
    let to = body.find(customer).expect("addressee");
    let subject = body
        .find(&format!("Re: {}", letter.subject))
        .expect("subject line");
    let dear = body.find("Dear ").expect("salutation");
    let close = body.find("Yours ").expect("complimentary close");
    assert!(sender < dated && dated < to && to < subject && subject < dear && dear < close);
    assert!(!body.contains("{{") && !body.contains("{%"), "{body}");
}

#[test]
fn courtesy_reminder() {
    let zh = letter(LetterKind::Courtesy, Lang::Zh, HUAQIANG);
    assert_chinese_form(&zh, HUAQIANG);
    assert_contains(
        &zh,
        &[
            "FP003",
            "2025年11月25日",
            "人民币12,345.60元",
            "3580 1234 5678",
        ],
    );
    let en = letter(LetterKind::Courtesy, Lang::En, HUAQIANG);
    assert_english_form(&en, HUAQIANG);
    assert_contains(
        &en,
        &[
            "FP003",
            "25 November 2025",
            "CNY 12,345.60",
            "Dear Sir or Madam,",
        ],
    );
    assert!(en.subject.starts_with("Payment due soon"));
}

#[test]
fn friendly_reminder() {
    let zh = letter(LetterKind::Reminder, Lang::Zh, HUAQIANG);
    assert_chinese_form(&zh, HUAQIANG);
    assert_contains(
        &zh,
        &[
            "逾期付款提醒",
            "FP001",
            "已逾期142天",
            "FP002",
            "已逾期50天",
        ],
    );
    let en = letter(LetterKind::Reminder, Lang::En, HUAQIANG);
    assert_english_form(&en, HUAQIANG);
    assert_contains(&en, &["FP001", "142 days overdue", "past due"]);
}

/// The seven elements of a formal notice: both parties' names and addresses; the letter date;
/// invoice numbers, dates and amounts; that payment is overdue and by how long; the clause
/// breached; a final deadline; the consequences.
#[test]
fn formal_notice_has_the_seven_elements() {
    let (report, settings) = sample();
    let zh = letter(LetterKind::Demand, Lang::Zh, HUAQIANG);
    assert_chinese_form(&zh, HUAQIANG);
    // The playbook's payment deadline for the pre-legal invoice: as-of + 7 days.
    let fp002 = index(&report, "FP002");
    assert_eq!(
        report.row(fp002).unwrap().assessment.payment_deadline,
        Some(date(2025, 11, 27))
    );
    assert_contains(
        &zh,
        &[
            "催告函",
            "宁波远航进出口有限公司",
            "浙江省宁波市鄞州区天童南路100号",
            HUAQIANG,
            "广东省深圳市福田区华强北路1号",
            "2025年11月20日",
            "FP001",
            "2025年6月1日",
            "人民币128,600.00元",
            "FP002",
            "人民币36,250.00元",
            "已逾期142天",
            "《购销合同》（编号HT-2025-018）第五条",
            "2025年11月27日",
            "逾期利息",
            "暂停向贵司发货",
            "提起诉讼或申请仲裁",
            // 128,600 + 36,250 (the overdue invoices), in figures and 大写.
            "人民币164,850.00元",
            "人民币壹拾陆万肆仟捌佰伍拾元整",
        ],
    );
    assert!(!zh.body.contains("FP003"), "not yet due: not in a demand");
    assert!(
        !zh.body.contains("催收机构"),
        "agency not chosen by default"
    );
    let en = letter(LetterKind::Demand, Lang::En, HUAQIANG);
    assert_english_form(&en, HUAQIANG);
    assert_contains(
        &en,
        &[
            "100 Tiantong South Road, Ningbo, China",
            "Dear Sir or Madam,",
            "Invoice FP001 dated 1 June 2025 for CNY 128,600.00: CNY 128,600.00 outstanding, due 1 July 2025",
            "142 days overdue",
            "The total overdue is CNY 164,850.00",
            "by 27 November 2025",
            "charge interest on the overdue amount",
            "place your account on hold",
            "legal action",
        ],
    );
    assert_eq!(
        en.subject,
        "Formal notice of overdue payment – invoices FP001, FP002"
    );

    // The collection agency when chosen; no clause sentence without a clause.
    let mut s = settings.clone();
    s.consequences.collection_agency = true;
    s.contract_clause.clear();
    let with_agency = render(
        &report,
        &s,
        &request(LetterKind::Demand, Lang::En, HUAQIANG),
    );
    assert!(with_agency.body.contains("collection agency"));
    assert!(!with_agency.body.contains("breach of"));
}

#[test]
fn deadline_from_request_playbook_or_settings() {
    let (report, mut settings) = sample();
    let mut req = request(LetterKind::Demand, Lang::En, HUAQIANG);
    req.deadline = Some(date(2025, 12, 15));
    assert!(render(&report, &settings, &req)
        .body
        .contains("by 15 December 2025"));
    // A letter dated after the playbook's deadline: the settings' default, 7 calendar days.
    req.deadline = None;
    req.date = date(2025, 11, 28); // a Friday
    settings.deadline_days = 3;
    assert!(render(&report, &settings, &req)
        .body
        .contains("by 1 December 2025"));
    settings.working_days = true;
    assert!(render(&report, &settings, &req)
        .body
        .contains("by 3 December 2025"));
}

#[test]
fn final_notice_states_the_charges_and_their_basis() {
    let (report, _) = sample();
    let fp001 = index(&report, "FP001");
    let charge = report.row(fp001).unwrap().charge.unwrap();
    // 0.05 % a day on 128,600.00 for 142 days = 9,130.60.
    assert_eq!(charge.total, Decimal::new(913060, 2));
    let zh = letter(LetterKind::Final, Lang::Zh, HUAQIANG);
    assert_chinese_form(&zh, HUAQIANG);
    assert_contains(
        &zh,
        &[
            "最后催告函",
            "最后通知",
            "依据《保障中小企业款项支付条例》（国务院令第802号）第十七条",
            "人民币9,130.60元",
            "逾期利息",
            "本金及逾期利息合计",
            "2025年11月27日",
            "提起诉讼或申请仲裁",
        ],
    );
    let en = letter(LetterKind::Final, Lang::En, HUAQIANG);
    assert_english_form(&en, HUAQIANG);
    assert_contains(
        &en,
        &[
            "final notice before legal action",
            "Under article 17 of the PRC Regulations",
            "Invoice FP001: interest of CNY 9,130.60",
            "The total now due",
            "legal action",
        ],
    );
}

#[test]
fn dispute_response() {
    let zh = letter(LetterKind::Dispute, Lang::Zh, HARBOR);
    assert_chinese_form(&zh, HARBOR);
    assert_contains(
        &zh,
        &[
            "争议回复函",
            "已收到贵司于2025年11月18日就发票INV-88提出的异议",
            "质量问题",
            "18,400.00美元",
            "合同",
            "采购订单",
            "订单确认书",
            "送货单",
            "验收记录",
            "书面形式提供",
            "更正后的发票",
            "贷项通知单",
            "先行支付无争议部分14,400.00美元",
            "不影响贵司对无争议部分的付款义务",
        ],
    );
    let en = letter(LetterKind::Dispute, Lang::En, HARBOR);
    assert_english_form(&en, HARBOR);
    assert_contains(
        &en,
        &[
            "of your concern about invoice INV-88: ",
            "Invoice INV-88 dated 1 August 2025 for USD 18,400.00",
            "the contract",
            "your purchase order",
            "our order confirmation",
            "the delivery note",
            "the acceptance record",
            "in writing",
            "corrected invoice",
            "credit note",
            "undisputed amount of USD 14,400.00",
            "does not suspend payment of the undisputed part",
        ],
    );
    // The evidence deadline is the playbook's (72 hours after the request for a quality claim).
    let (report, _) = sample();
    let case = report
        .row(index(&report, "INV-88"))
        .unwrap()
        .assessment
        .dispute
        .clone()
        .unwrap();
    let shown = overdue_core::letters::letter_date(
        case.evidence_by,
        Lang::En,
        overdue_core::letters::EnglishForm::British,
    );
    assert!(
        en.body.contains(&format!("by {shown}")),
        "{shown}\n{}",
        en.body
    );
}

#[test]
fn payment_plan_proposal() {
    let (report, settings) = sample();
    let mut req = request(LetterKind::PaymentPlan, Lang::Zh, HUAQIANG);
    req.instalments = Some((7, date(2025, 12, 31)));
    let zh = render(&report, &settings, &req);
    assert_eq!(zh.error, None);
    assert_chinese_form(&zh, HUAQIANG);
    // 177,195.60 / 7 = 25,313.657…: six of 25,313.65 and a last of 25,313.70.
    assert_contains(
        &zh,
        &[
            "分期付款协议建议",
            "共分7期",
            "第1期：2025年12月31日前支付人民币25,313.65元",
            "第2期：2026年1月31日前支付人民币25,313.65元",
            "第3期：2026年2月28日前支付",
            "第7期：2026年6月30日前支付人民币25,313.70元",
            "人民币壹拾柒万柒仟壹佰玖拾伍元陆角整",
            "未能按期足额支付，剩余全部未付款项即时到期",
        ],
    );
    req.lang = Lang::En;
    let en = render(&report, &settings, &req);
    assert_english_form(&en, HUAQIANG);
    assert_contains(
        &en,
        &[
            "7 instalments, totalling CNY 177,195.60",
            "1. CNY 25,313.65 by 31 December 2025",
            "7. CNY 25,313.70 by 30 June 2026",
            "If any instalment is not paid in full by its date, the whole remaining balance becomes due",
        ],
    );
    // Defaults: 3 instalments, the first 14 days after the letter date.
    let default = render(
        &report,
        &settings,
        &request(LetterKind::PaymentPlan, Lang::En, HUAQIANG),
    );
    assert_contains(
        &default,
        &["3 instalments", "1. CNY 59,065.20 by 4 December 2025"],
    );
}

#[test]
fn statement_of_account() {
    let zh = letter(LetterKind::Statement, Lang::Zh, HUAQIANG);
    assert_chinese_form(&zh, HUAQIANG);
    assert_contains(
        &zh,
        &[
            "对账单",
            "FP001",
            "FP002",
            "FP003",
            "CN005",
            "已逾期142天",
            "将于2025年11月25日到期",
            // Open invoices less the credit note.
            "应付余额合计：人民币176,195.60元（大写：人民币壹拾柒万陆仟壹佰玖拾伍元陆角整）",
            "签字盖章后回传",
            "余额相符",
        ],
    );
    assert!(
        !zh.body.contains("FP004"),
        "paid invoices are not open items"
    );
    assert_eq!(zh.subject, "对账单（截至2025年11月20日）");
    let en = letter(LetterKind::Statement, Lang::En, HUAQIANG);
    assert_english_form(&en, HUAQIANG);
    assert_contains(
        &en,
        &[
            "CN005",
            "Balance due: CNY 176,195.60",
            "confirm the balance",
            "falling due on 25 November 2025",
        ],
    );
}

#[test]
fn every_kind_in_both_languages_renders_its_default_cleanly() {
    let (report, settings) = sample();
    for kind in LetterKind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            for customer in [HUAQIANG, HARBOR] {
                let letter = render(&report, &settings, &request(kind, lang, customer));
                assert_eq!(letter.error, None, "{kind:?} {lang:?}");
                assert!(letter.body.contains(customer));
                assert!(!letter.subject.is_empty());
                assert!(check_template(default_template(kind, lang)).is_none());
            }
        }
    }
}

#[test]
fn a_letter_covers_the_chosen_invoices_of_one_customer_only() {
    let (report, settings) = sample();
    let mut req = request(LetterKind::Reminder, Lang::En, "");
    req.invoices = vec![
        index(&report, "FP002"),
        index(&report, "INV-88"),
        99,
        index(&report, "FP002"),
    ];
    let letter = render(&report, &settings, &req);
    assert!(letter.body.contains("FP002"));
    assert!(
        !letter.body.contains("INV-88"),
        "another customer's invoice"
    );
    assert!(!letter.body.contains("FP001"));
    assert_eq!(letter.body.matches("Invoice FP002").count(), 1);
    assert_eq!(letter.subject, "Payment reminder – invoice FP002");
}

#[test]
fn a_template_error_is_reported_with_its_line_and_the_default_letter_shown() {
    let (report, mut settings) = sample();
    settings.set_template(
        LetterKind::Demand,
        Lang::Zh,
        "催告函\n致 {{ customer.name }：\n".into(),
    );
    let letter = render(
        &report,
        &settings,
        &request(LetterKind::Demand, Lang::Zh, HUAQIANG),
    );
    let error = letter.error.expect("syntax error");
    assert_eq!(error.line, Some(2), "{}", error.message);
    assert!(error.describe(Lang::Zh).starts_with("模板第 2 行有误"));
    assert!(
        letter.body.contains("此致"),
        "the default letter, not a blank one"
    );
    assert!(check_template(settings.template(LetterKind::Demand, Lang::Zh)).is_some());

    // A misspelt placeholder is an error too, not a silent gap.
    settings.set_template(
        LetterKind::Demand,
        Lang::En,
        "Dear {{ customer.name }},\n\nYou owe {{ total_due }}.\nBy {{ dedline }}.\n".into(),
    );
    let letter = render(
        &report,
        &settings,
        &request(LetterKind::Demand, Lang::En, HUAQIANG),
    );
    let error = letter.error.expect("undefined placeholder");
    assert_eq!(error.line, Some(4), "{}", error.message);
    assert!(letter.body.contains("Yours"));

    // Fixed, it renders the user's text.
    settings.set_template(
        LetterKind::Demand,
        Lang::En,
        "Dear {{ customer.name }}, you owe {{ total_due }} by {{ deadline }}.\n{{ invoices }}"
            .into(),
    );
    let letter = render(
        &report,
        &settings,
        &request(LetterKind::Demand, Lang::En, HUAQIANG),
    );
    assert_eq!(letter.error, None);
    assert!(letter.body.starts_with(&format!(
        "Dear {HUAQIANG}, you owe CNY 164,850.00 by 27 November 2025.\nInvoice FP001 dated 1 June 2025"
    )));
}

#[test]
fn edits_are_kept_and_resettable() {
    let mut settings = LetterSettings::default();
    assert!(!settings.is_edited(LetterKind::Final, Lang::En));
    settings.set_template(LetterKind::Final, Lang::En, "x".into());
    assert_eq!(settings.template(LetterKind::Final, Lang::En), "x");
    assert_eq!(settings.templates.keys().collect::<Vec<_>>(), ["final.en"]);
    // Stored and read back through JSON, as the workspace does.
    let json = serde_json::to_string(&settings).unwrap();
    let back: LetterSettings = serde_json::from_str(&json).unwrap();
    assert_eq!(back, settings);
    settings.reset_template(LetterKind::Final, Lang::En);
    assert_eq!(
        settings.template(LetterKind::Final, Lang::En),
        default_template(LetterKind::Final, Lang::En)
    );
    // Saving the default text back is not an edit.
    settings.set_template(
        LetterKind::Final,
        Lang::En,
        default_template(LetterKind::Final, Lang::En).into(),
    );
    assert!(settings.templates.is_empty());
    // Missing fields take their defaults.
    let partial: LetterSettings =
        serde_json::from_str(r#"{"sender":{"company":"ACME"},"deadline_days":10}"#).unwrap();
    assert_eq!(partial.sender.company, "ACME");
    assert_eq!(partial.deadline_days, 10);
    assert_eq!(partial.instalment_count, 3);
    assert!(partial.consequences.late_charges);
}

#[test]
fn every_listed_placeholder_is_defined() {
    let (report, mut settings) = sample();
    for lang in [Lang::Zh, Lang::En] {
        let names = placeholders(lang);
        assert!(names.len() > 30);
        let all: String = names
            .iter()
            .map(|(name, _)| format!("{name}: {{{{ {name} }}}}\n"))
            .collect();
        settings.set_template(LetterKind::Dispute, lang, all);
        let letter = render(
            &report,
            &settings,
            &request(LetterKind::Dispute, lang, HARBOR),
        );
        assert_eq!(letter.error, None, "{:?}", letter.error);
    }
}

#[test]
fn odd_requests_never_panic() {
    let (report, settings) = sample();
    let empty = derive(&Workspace::default(), today());
    for kind in LetterKind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let mut req = request(kind, lang, "Nobody");
            req.invoices = vec![usize::MAX, 3];
            req.instalments = Some((u32::MAX, NaiveDate::MAX));
            req.date = NaiveDate::MAX;
            let a = render(&report, &settings, &req);
            assert_eq!(a.error, None);
            let b = render(&empty, &settings, &request(kind, lang, ""));
            assert_eq!(b.error, None);
            assert!(!b.body.is_empty());
        }
    }
}
