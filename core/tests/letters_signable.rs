//! Issue 16: letters a finance manager signs unedited. For each kind in each language, on a
//! realistic sample, the required elements are present and every defect the reviewers found
//! is absent (the checks are the functions below); the demand's charge is the page's; the
//! working-day deadline; an old one-language sender profile still signs both languages.

use chrono::NaiveDate;
use overdue_core::charges::{ChargeRuleParams, LprMode, LprSpread, RuleKind};
use overdue_core::i18n::Lang;
use overdue_core::letters::{
    format_amount, gaps, history, render, working_days_after, ContractTerms, ContractWords,
    CustomerEnglish, CustomerProfile, EnglishForm, Gap, Letter, LetterKind, LetterRequest,
    LetterSettings, SenderEnglish, SenderProfile,
};
use overdue_core::playbook::{Annotation, Annotations, CollectionAction, DoneAction, InvoiceKey};
use overdue_core::report::{derive, Report};
use overdue_core::workspace::Workspace;
use rust_decimal::Decimal;

const HUAQIANG: &str = "深圳市华强电子有限公司";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2025, 11, 20)
}

/// A Chinese customer (a large enterprise) with invoices 142 and 50 days overdue, one not yet
/// due, one paid and a credit note; the SME regulation's 0.05 % a day; a reminder recorded as
/// sent on 20 October for the oldest invoice. Every row is made up.
fn sample() -> (Report, LetterSettings, Annotations) {
    let sme = ChargeRuleParams {
        rule: RuleKind::CnSmeRegulation,
        ..Default::default()
    };
    sample_with(sme)
}

/// The sample ledger under the given late-charge rule.
fn sample_with(rule: ChargeRuleParams) -> (Report, LetterSettings, Annotations) {
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(today());
    ws.input.text = format!(
        "Invoice\tCustomer\tInvoice date\tDue date\tAmount\tPaid\tCurrency\n\
         FP001\t{HUAQIANG}\t2025-06-01\t2025-07-01\t128600.00\t0\tCNY\n\
         FP002\t{HUAQIANG}\t2025-09-01\t2025-10-01\t56250.00\t20000.00\tCNY\n\
         FP003\t{HUAQIANG}\t2025-10-26\t2025-11-25\t12345.60\t0\tCNY\n\
         FP004\t{HUAQIANG}\t2025-08-01\t2025-09-01\t5000.00\t5000.00\tCNY\n\
         CN005\t{HUAQIANG}\t2025-10-10\t2025-10-10\t-1000.00\t0\tCNY\n"
    )
    .into();
    ws.settings.charges.workspace = rule;
    ws.annotations.insert(
        InvoiceKey::new(HUAQIANG, "FP001"),
        Annotation {
            done: vec![DoneAction {
                action: CollectionAction::SendReminder,
                date: date(2025, 10, 20),
            }],
            ..Default::default()
        },
    );
    let report = derive(&ws, today());
    assert_eq!(
        report.parsed.invoices.len(),
        5,
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
            bank_name: "中国银行宁波鄞州支行".into(),
            bank_account: "3580 1234 5678 9012".into(),
            signature: "财务部".into(),
            en: SenderEnglish {
                company: "Ningbo Yuanhang Import & Export Co., Ltd.".into(),
                address: "100 Tiantong South Road, Yinzhou District, Ningbo, Zhejiang, China"
                    .into(),
                contact: "Li Wang".into(),
                bank_name: "Bank of China, Ningbo Yinzhou Sub-branch".into(),
                bank_account: "3580 1234 5678 9012 (SWIFT BKCHCNBJ92A)".into(),
                signature: "Accounts Receivable".into(),
            },
        },
        contract: ContractTerms {
            number: "HT-2025-018".into(),
            date: Some(date(2025, 3, 1)),
            zh: ContractWords {
                name: "购销合同".into(),
                clause: "第五条".into(),
                payment_terms: "货到验收后30日内付款".into(),
                late_charge_clause: String::new(),
                forum: "宁波仲裁委员会".into(),
            },
            en: ContractWords {
                name: "Sales Contract".into(),
                clause: "clause 5".into(),
                payment_terms: "payment within 30 days of delivery and acceptance".into(),
                late_charge_clause: String::new(),
                forum: "the Ningbo Arbitration Commission".into(),
            },
        },
        ..Default::default()
    };
    settings.customers.insert(
        HUAQIANG.into(),
        CustomerProfile {
            address: "广东省深圳市福田区华强北路1号".into(),
            contact: "李明".into(),
            en: CustomerEnglish {
                full_name: "Shenzhen Huaqiang Electronics Co., Ltd.".into(),
                address: "1 Huaqiang North Road, Futian District, Shenzhen, China".into(),
                contact: "Mr Li Ming".into(),
            },
            large_or_public: true,
            ..Default::default()
        },
    );
    let mut profile = settings.customers[HUAQIANG].clone();
    profile.full_name = HUAQIANG.into();
    settings.customers.insert(HUAQIANG.into(), profile);
    (report, settings, ws.annotations)
}

fn request(
    report: &Report,
    annotations: &Annotations,
    kind: LetterKind,
    lang: Lang,
) -> LetterRequest {
    let keys: Vec<InvoiceKey> = report.parsed.invoices.iter().map(InvoiceKey::of).collect();
    LetterRequest {
        kind,
        lang,
        customer: HUAQIANG.into(),
        invoices: Vec::new(),
        date: today(),
        deadline: None,
        instalments: None,
        history: history(annotations, &[], &keys, today()),
        charge_rule: None,
    }
}

fn letter(kind: LetterKind, lang: Lang) -> Letter {
    let (report, settings, annotations) = sample();
    let letter = render(
        &report,
        &settings,
        &request(&report, &annotations, kind, lang),
    );
    assert_eq!(letter.error, None, "{}", letter.body);
    letter
}

// ---------------------------------------------------------------------------------------------
// The defects, as checks
// ---------------------------------------------------------------------------------------------

/// A Chinese character or full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// "致 深圳市…：", "已逾期 142 天": a half-width space next to a Chinese character.
fn spaces_beside_chinese(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| {
            let chars: Vec<char> = line.chars().collect();
            chars.iter().enumerate().any(|(i, &c)| {
                c == ' '
                    && (i > 0 && is_cjk(chars[i - 1])
                        || chars.get(i + 1).is_some_and(|&n| is_cjk(n)))
            })
        })
        .map(str::to_string)
        .collect()
}

/// A currency code in a Chinese sentence ("CNY 128,600.00 × 日利率…").
fn currency_codes(text: &str) -> Vec<&'static str> {
    ["CNY", "RMB", "USD", "EUR", "GBP", "HKD"]
        .into_iter()
        .filter(|code| text.contains(code))
        .collect()
}

/// "固定赔偿 人民币0.00元", "fixed compensation CNY 0.00": a zero figure printed.
fn zero_figures(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| {
            let zero_days = l
                .match_indices("0 days")
                .any(|(i, _)| !l[..i].ends_with(|c: char| c.is_ascii_digit()));
            l.contains("人民币0.00元")
                || l.contains(" 0.00")
                || zero_days
                || l.contains("逾期0天")
                || l.contains("0 天")
        })
        .map(str::to_string)
        .collect()
}

fn assert_clean(letter: &Letter, kind: LetterKind, lang: Lang) {
    let body = &letter.body;
    assert!(!body.contains("{{") && !body.contains("{%"), "{body}");
    assert!(
        zero_figures(body).is_empty(),
        "{:?}\n{body}",
        zero_figures(body)
    );
    assert!(!body.contains("由贵司承担由贵司承担"), "{body}");
    match lang {
        Lang::Zh => {
            assert!(
                spaces_beside_chinese(body).is_empty(),
                "{:?}",
                spaces_beside_chinese(body)
            );
            assert!(
                currency_codes(body).is_empty(),
                "{:?}\n{body}",
                currency_codes(body)
            );
            assert!(!body.contains("我们"), "我司 throughout: {body}");
            // The acknowledgment is a document the customer signs, not a letter.
            if kind != LetterKind::Acknowledgment {
                assert!(body.contains("　　此致\n敬礼！"), "{body}");
            }
        }
        Lang::En => {
            assert!(
                !overdue_core::letters::terms::has_cjk(body),
                "a Chinese clause in an English letter:\n{body}"
            );
            assert!(!body.contains("Under China"), "{body}");
            assert!(!body.contains("fixed compensation"), "{body}");
        }
    }
}

#[test]
fn every_kind_in_both_languages_is_free_of_the_reviewed_defects() {
    for kind in LetterKind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let l = letter(kind, lang);
            assert_clean(&l, kind, lang);
        }
    }
}

#[test]
fn the_checks_catch_what_they_look_for() {
    assert_eq!(spaces_beside_chinese("致 深圳市：").len(), 1);
    assert_eq!(spaces_beside_chinese("已逾期 142 天").len(), 1);
    assert!(spaces_beside_chinese("电话：+86 574 8888").is_empty());
    assert_eq!(currency_codes("（计算：CNY 128,600.00 × 日利率）"), ["CNY"]);
    assert_eq!(
        zero_figures("固定赔偿人民币0.00元\nfine\n0 days overdue\n50 days overdue").len(),
        2
    );
}

#[test]
fn the_chinese_demand_carries_seal_attachments_charge_and_basis() {
    let (report, settings, annotations) = sample();
    let l = render(
        &report,
        &settings,
        &request(&report, &annotations, LetterKind::Demand, Lang::Zh),
    );
    let body = &l.body;
    for needle in [
        "催告函",
        "致深圳市华强电子有限公司：",
        "双方签订的《购销合同》（合同编号：HT-2025-018，签订日期：2025年3月1日）第五条",
        "人民币128,600.00元",
        "已逾期142天",
        "大写：",
        "《保障中小企业款项支付条例》（国务院令第802号）第十七条",
        "我司已于2025年10月20日向贵司发出付款提醒函",
        "账号：3580 1234 5678 9012",
        "附件：",
        "发票复印件（FP001、FP002）",
        "发函单位：宁波远航进出口有限公司（盖章）",
        "依约向宁波仲裁委员会申请仲裁",
        "按每日人民币",
    ] {
        assert!(body.contains(needle), "missing {needle}:\n{body}");
    }
    assert!(!body.contains("多次提醒"), "{body}");
    // The letter's charge is the page's.
    let page: Decimal = ["FP001", "FP002"]
        .iter()
        .map(|n| {
            let i = report
                .parsed
                .invoices
                .iter()
                .position(|inv| inv.number == *n)
                .unwrap();
            report.charge(i).unwrap().total
        })
        .sum();
    assert!(page > Decimal::ZERO);
    let claimed = format!("逾期利息及费用合计{}", format_amount(page, "CNY", Lang::Zh));
    assert!(body.contains(&claimed), "{claimed}:\n{body}");
    assert_eq!(
        gaps(
            &report,
            &settings,
            &request(&report, &annotations, LetterKind::Demand, Lang::Zh),
            &l
        ),
        []
    );
}

#[test]
fn a_first_demand_does_not_claim_earlier_reminders() {
    let (report, settings, _) = sample();
    let l = render(
        &report,
        &settings,
        &request(&report, &Annotations::new(), LetterKind::Demand, Lang::Zh),
    );
    assert!(
        l.body.contains("截至本函发出之日，我司未收到上述款项"),
        "{}",
        l.body
    );
    assert!(!l.body.contains("已于"), "{}", l.body);
}

#[test]
fn the_sme_regulation_is_not_cited_for_a_debtor_not_marked_large() {
    let (report, mut settings, annotations) = sample();
    settings
        .customers
        .get_mut(HUAQIANG)
        .unwrap()
        .large_or_public = false;
    let req = request(&report, &annotations, LetterKind::Final, Lang::Zh);
    let l = render(&report, &settings, &req);
    assert!(!l.body.contains("保障中小企业款项支付条例"), "{}", l.body);
    assert!(!l.body.contains("逾期利息及费用合计"), "{}", l.body);
    assert!(gaps(&report, &settings, &req, &l).contains(&Gap::SmeDebtor));
}

#[test]
fn the_english_final_notice_is_titled_as_on_the_page_and_in_british_or_american_form() {
    let (report, mut settings, annotations) = sample();
    let req = request(&report, &annotations, LetterKind::Final, Lang::En);
    let l = render(&report, &settings, &req);
    assert!(
        l.subject.starts_with(LetterKind::Final.describe(Lang::En)),
        "{}",
        l.subject
    );
    for needle in [
        "Ningbo Yuanhang Import & Export Co., Ltd.",
        "20 November 2025",
        "Dear Mr Li Ming,",
        "Yours sincerely,",
        "clause 5 of our Sales Contract no. HT-2025-018 dated 1 March 2025",
        "Under article 17 of the PRC Regulations",
        "Account number: 3580 1234 5678 9012 (SWIFT BKCHCNBJ92A)",
        "CNY 128,600.00",
        "142 days overdue",
    ] {
        assert!(l.body.contains(needle), "missing {needle}:\n{}", l.body);
    }
    settings.english = EnglishForm::American;
    let us = render(&report, &settings, &req);
    assert!(us.body.contains("November 20, 2025"), "{}", us.body);
    assert!(
        us.body.contains("Sincerely,") && !us.body.contains("Yours"),
        "{}",
        us.body
    );
}

#[test]
fn a_not_yet_due_invoice_says_when_it_falls_due() {
    let zh = letter(LetterKind::Courtesy, Lang::Zh);
    assert!(zh.body.contains("将于2025年11月25日到期"), "{}", zh.body);
    let en = letter(LetterKind::Courtesy, Lang::En);
    assert!(
        en.body.contains("falling due on 25 November 2025"),
        "{}",
        en.body
    );
}

#[test]
fn the_statement_does_not_take_silence_as_confirmation() {
    let zh = letter(LetterKind::Statement, Lang::Zh);
    assert!(!zh.body.contains("视为"), "{}", zh.body);
    let en = letter(LetterKind::Statement, Lang::En);
    assert!(!en.body.contains("treat"), "{}", en.body);
}

#[test]
fn the_acknowledgment_confirms_the_balance_and_cites_article_195() {
    let zh = letter(LetterKind::Acknowledgment, Lang::Zh);
    for needle in [
        "欠款确认书",
        "《中华人民共和国民法典》第一百九十五条",
        "债务人（盖章）",
        "截至2025年11月20日",
    ] {
        assert!(zh.body.contains(needle), "missing {needle}:\n{}", zh.body);
    }
    let en = letter(LetterKind::Acknowledgment, Lang::En);
    assert!(
        en.body.contains("article 195 of the PRC Civil Code"),
        "{}",
        en.body
    );
    assert!(en.body.contains("Company stamp"), "{}", en.body);
}

#[test]
fn a_deadline_in_working_days_is_counted_in_working_days() {
    let (report, mut settings, annotations) = sample();
    settings.working_days = true;
    settings.deadline_days = 7;
    let mut req = request(&report, &annotations, LetterKind::Statement, Lang::Zh);
    // The credit note alone: the playbook sets no payment deadline for it.
    req.invoices = vec![report
        .parsed
        .invoices
        .iter()
        .position(|i| i.number == "CN005")
        .unwrap()];
    let l = render(&report, &settings, &req);
    // 20 Nov 2025 is a Thursday: seven working days later is Monday 1 December.
    assert_eq!(
        working_days_after(today(), 7, &report.calendar),
        date(2025, 12, 1)
    );
    // Across National Day 2026 (国务院办公厅关于2026年部分节假日安排的通知: 1–7 October off,
    // Saturday 10 October a working day): three working days from 30 September end on the 10th.
    let cn = overdue_core::calendar::Calendar::mainland_china();
    assert_eq!(
        working_days_after(date(2026, 9, 30), 3, &cn),
        date(2026, 10, 10)
    );
    assert!(l.body.contains("于2025年12月1日前"), "{}", l.body);
}

#[test]
fn gaps_list_what_the_letter_lacks() {
    let (report, _, annotations) = sample();
    let settings = LetterSettings::default();
    let req = request(&report, &annotations, LetterKind::Demand, Lang::En);
    let l = render(&report, &settings, &req);
    let found = gaps(&report, &settings, &req, &l);
    for gap in [
        Gap::SenderName,
        Gap::SenderAddress,
        Gap::BankAccount,
        Gap::CustomerFullName,
        Gap::CustomerAddress,
        Gap::ContractClause,
        Gap::SmeDebtor,
    ] {
        assert!(found.contains(&gap), "{gap:?} not in {found:?}");
    }
    // An edited Chinese demand without the seal line.
    let mut edited = LetterSettings::default();
    edited.set_template(
        LetterKind::Demand,
        Lang::Zh,
        "致{{ customer.name }}：请付款。".into(),
    );
    let req = request(&report, &annotations, LetterKind::Demand, Lang::Zh);
    let l = render(&report, &edited, &req);
    assert!(gaps(&report, &edited, &req, &l).contains(&Gap::SealLine));
}

#[test]
fn an_old_one_language_sender_profile_signs_both_languages() {
    // Saved before issue 16: one set of fields, here in English.
    let old = r#"{"sender":{"company":"Old Co Ltd","address":"1 High St, Leeds","bank_name":"Barclays","bank_account":"20-00-00 12345678"},"contract_clause":"clause 7 of the Supply Agreement"}"#;
    let settings: LetterSettings = serde_json::from_str(old).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let s = settings.sender.in_lang(lang);
        assert_eq!(s.company, "Old Co Ltd");
        assert_eq!(s.bank_account, "20-00-00 12345678");
    }
    assert_eq!(
        settings.contract_for("anyone").en.clause,
        "clause 7 of the Supply Agreement"
    );
    // Saved again, it is unchanged (no empty new fields written).
    let again = serde_json::to_value(&settings).unwrap();
    assert!(again["sender"].get("en").is_none());
    assert!(again.get("contract").is_none() && again.get("english").is_none());
    // A Chinese-only old profile keeps its Chinese name out of English letters.
    let zh_only: LetterSettings =
        serde_json::from_str(r#"{"sender":{"company":"杭州示例科技有限公司"}}"#).unwrap();
    assert_eq!(
        zh_only.sender.in_lang(Lang::Zh).company,
        "杭州示例科技有限公司"
    );
    assert_eq!(zh_only.sender.in_lang(Lang::En).company, "");
}

/// Prints the two letters the issue asks to see (run with `--nocapture`).
#[test]
fn print_the_sample_demand_and_final_notice() {
    let zh = letter(LetterKind::Demand, Lang::Zh);
    let en = letter(LetterKind::Final, Lang::En);
    eprintln!(
        "===== 催告函 =====\n{}\n===== Final notice =====\n{}",
        zh.body, en.body
    );
    assert!(zh.body.starts_with("催告函") && en.body.contains("FINAL NOTICE"));
}

#[test]
fn the_acknowledgment_is_recommended_when_the_limitation_date_approaches() {
    // Due on 1 Dec 2022, nothing paid: on 2025-11-20 the three-year period ends in days.
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(today());
    ws.input.text =
        "Invoice\tCustomer\tDue date\tAmount\tPaid\nOLD1\tAcme\t2022-12-01\t5000\t0\n".into();
    let report = derive(&ws, today());
    let limitation = report.playbook.assessments[0].limitation.unwrap();
    assert!(limitation.warning, "{limitation:?}");
    assert_eq!(
        overdue_core::letters::recommended_letter(&report, "Acme"),
        LetterKind::Acknowledgment
    );
}

/// Issue 21 item 4: with the LPR rule, the demand states the basis in the contract's own
/// words, in each language, and claims the page's figure.
#[test]
fn the_demand_states_an_lpr_basis_in_the_contracts_words() {
    let lpr = ChargeRuleParams {
        rule: RuleKind::CnLpr,
        lpr_spread: LprSpread::Times,
        lpr_multiplier: Decimal::new(15, 1),
        lpr_mode: LprMode::Fixed,
        ..Default::default()
    };
    let (report, settings, annotations) = sample_with(lpr.clone());
    let fp001 = report
        .parsed
        .invoices
        .iter()
        .position(|i| i.number == "FP001")
        .unwrap();
    let page = report.charge(fp001).unwrap().total;
    assert!(
        page > Decimal::ZERO,
        "the LPR at the breach is in the table"
    );
    for (lang, words) in [
        (Lang::Zh, "按违约时一年期贷款市场报价利率（LPR）的1.5倍计算"),
        (
            Lang::En,
            "at 1.5 times the 1-year Loan Prime Rate (LPR) in force at the breach",
        ),
    ] {
        let mut req = request(&report, &annotations, LetterKind::Demand, lang);
        req.charge_rule = Some(lpr.clone());
        let l = render(&report, &settings, &req);
        assert_eq!(l.error, None);
        assert!(l.body.contains(words), "{words}:\n{}", l.body);
        assert!(
            l.body.contains(&format_amount(page, "CNY", lang)),
            "FP001's charge {page}:\n{}",
            l.body
        );
        assert_clean(&l, LetterKind::Demand, lang);
    }
}
