//! Issue 16: letters a finance manager signs unedited. For each kind in each language, on a
//! realistic sample, the required elements are present and every defect the reviewers found
//! is absent (the checks are the functions below); the demand's charge is the page's; the
//! working-day deadline; an old one-language sender profile still signs both languages.

use overdue_core::charges::{ChargeRuleParams, LprMode, LprSpread, RuleKind};
use overdue_core::i18n::Lang;
use overdue_core::letters::{
    format_amount, gaps, render, working_days_after, EnglishForm, Gap, Letter, LetterKind,
    LetterSettings,
};
use overdue_core::playbook::Annotations;
use overdue_core::report::derive;
use overdue_core::workspace::Workspace;
use rust_decimal::Decimal;

mod letters_support;
use letters_support::*;

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

/// "the following instalment plan: 3 payments totalling CNY 1.00:": two colons in one
/// English sentence (a list introduced twice).
fn double_colons(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with("Re: ") && !l.starts_with("Subject: "))
        .filter(|l| l.matches(": ").count() + usize::from(l.ends_with(':')) > 1)
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
            assert!(
                double_colons(body).is_empty(),
                "{:?}\n{body}",
                double_colons(body)
            );
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
            report.row(i).unwrap().charge.unwrap().total
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
/// Every default letter as rendered for the sample (`-- --nocapture` prints them, to read line
/// by line); the English final notice does not repeat its Re: line as a heading.
#[test]
fn print_the_sample_letters() {
    for kind in LetterKind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let l = letter(kind, lang);
            eprintln!("===== {} / {} =====\n{}", kind.key(), lang.code(), l.body);
        }
    }
    let zh = letter(LetterKind::Demand, Lang::Zh);
    let en = letter(LetterKind::Final, Lang::En);
    assert!(zh.body.starts_with("催告函"));
    assert!(en.body.contains("Re: Final notice"), "{}", en.body);
    assert!(!en.body.contains("FINAL NOTICE"), "{}", en.body);
}

#[test]
fn the_acknowledgment_is_recommended_when_the_limitation_date_approaches() {
    // Due on 1 Dec 2022, nothing paid: on 2025-11-20 the three-year period ends in days.
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(today());
    ws.input.text =
        "Invoice\tCustomer\tDue date\tAmount\tPaid\nOLD1\tAcme\t2022-12-01\t5000\t0\n".into();
    let report = derive(&ws, today());
    let limitation = report.row(0).unwrap().assessment.limitation.unwrap();
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
    let page = report.row(fp001).unwrap().charge.unwrap().total;
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

/// Issue 16 item 3: a customer's own contract, entered as a typed edit, is what its letters
/// cite; another customer's letters keep the workspace default; a letter whose contract has
/// no clause lists the gap.
#[test]
fn a_customers_own_contract_is_cited_in_its_letters_only() {
    use overdue_core::edit::Edit;
    use overdue_core::letters::{ContractTerms, ContractWords};
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(today());
    ws.input.text = "Invoice\tCustomer\tDue date\tAmount\tPaid\tCurrency\n\
                     A-1\t甲公司\t2025-09-01\t1000.00\t0\tCNY\n\
                     B-1\t乙公司\t2025-09-01\t2000.00\t0\tCNY\n"
        .into();
    ws.settings.letters.contract = ContractTerms {
        zh: ContractWords {
            name: "购销合同".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    ws.apply(Edit::SetCustomerContract {
        customer: "甲公司".into(),
        terms: ContractTerms {
            number: "KJ-9".into(),
            zh: ContractWords {
                name: "框架采购协议".into(),
                clause: "第八条".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    });
    let report = derive(&ws, today());
    let settings = &ws.settings.letters;
    let write = |customer: &str| {
        let req = overdue_core::letters::LetterRequest {
            kind: LetterKind::Demand,
            lang: Lang::Zh,
            customer: customer.into(),
            invoices: Vec::new(),
            date: today(),
            deadline: None,
            instalments: None,
            history: Default::default(),
            charge_rule: None,
        };
        let letter = render(&report, settings, &req);
        let gaps = gaps(&report, settings, &req, &letter);
        (letter.body, gaps)
    };
    let (own, own_gaps) = write("甲公司");
    assert!(
        own.contains("《框架采购协议》（合同编号：KJ-9）第八条"),
        "{own}"
    );
    assert!(!own.contains("购销合同"), "{own}");
    assert!(!own_gaps.contains(&Gap::ContractClause), "{own_gaps:?}");
    let (other, other_gaps) = write("乙公司");
    assert!(
        !other.contains("框架采购协议") && !other.contains("KJ-9"),
        "{other}"
    );
    // The default names a contract but no clause: the gap says so before the letter goes.
    assert!(other_gaps.contains(&Gap::ContractClause), "{other_gaps:?}");
}

/// The sample in US dollars, with no sender profile, no contract and no customer details:
/// what a new user's first letter looks like.
fn bare_dollar_letter(kind: LetterKind, lang: Lang) -> Letter {
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(today());
    ws.input.text = format!(
        "Invoice\tCustomer\tInvoice date\tDue date\tAmount\tPaid\tCurrency\n\
         US-1\t{ACME}\t2025-06-01\t2025-07-01\t18400.00\t0\tUSD\n\
         US-2\t{ACME}\t2025-10-26\t2025-11-25\t2500.00\t500.00\tUSD\n"
    )
    .into();
    let report = derive(&ws, today());
    let annotations = Annotations::default();
    let settings = LetterSettings::default();
    let req = overdue_core::letters::LetterRequest {
        customer: ACME.into(),
        ..request(&report, &annotations, kind, lang)
    };
    let l = render(&report, &settings, &req);
    assert_eq!(l.error, None, "{}", l.body);
    l
}

const ACME: &str = "Acme Trading Ltd";

/// A label printed with nothing after it ("Account number:", "账号："), or a figure that says
/// nothing ("0 days", "0.00").
fn empty_labels(text: &str) -> Vec<String> {
    const LABELS: &[&str] = &[
        "户名：",
        "开户银行：",
        "账号：",
        "地址：",
        "联系人：",
        "电话：",
        "邮箱：",
        "发函单位：",
        "收函单位：",
        "收函地址：",
        "Account name:",
        "Bank:",
        "Account number:",
        "Tel:",
        "Email:",
        "To:",
        "致：",
    ];
    text.lines()
        .map(|l| l.trim_matches(['\u{3000}', ' ']))
        .filter(|l| LABELS.contains(l) || l.contains("（盖章）") && l.starts_with("（盖章）"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_new_users_letters_in_dollars_print_no_empty_field_or_zero() {
    for kind in LetterKind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let l = bare_dollar_letter(kind, lang);
            if std::env::var_os("PRINT_LETTERS").is_some() {
                eprintln!("===== {} / {} =====\n{}", kind.key(), lang.code(), l.body);
            }
            assert_clean(&l, kind, lang);
            assert!(
                empty_labels(&l.body).is_empty(),
                "{kind:?} {lang:?}: {:?}\n{}",
                empty_labels(&l.body),
                l.body
            );
            if lang == Lang::Zh {
                assert!(!l.body.contains("USD"), "{}", l.body);
            }
        }
    }
}

#[test]
fn the_empty_label_check_catches_an_empty_account_line() {
    assert_eq!(
        empty_labels("　　账号：\nAccount number:\n"),
        ["账号：", "Account number:"]
    );
    assert!(empty_labels("　　账号：3580\n").is_empty());
}

#[test]
fn the_double_colon_check_catches_a_list_introduced_twice() {
    assert_eq!(
        double_colons("we propose the following plan: 3 payments totalling CNY 9.00:").len(),
        1
    );
    assert!(double_colons("1. Invoice A for CNY 1.00: CNY 1.00 outstanding").is_empty());
}

/// The 账龄表's bucket labels also go into letters (`inv.bucket`): no half-width space
/// beside a Chinese character ("逾期 1–30 天" was); the English ones are unchanged.
#[test]
fn bucket_labels_have_no_half_width_space_beside_chinese() {
    let (report, _, _) = sample();
    for i in 0..report.buckets.len() {
        let zh = report.buckets.label(i, Lang::Zh);
        assert!(spaces_beside_chinese(&zh).is_empty(), "{zh:?}");
    }
    assert_eq!(report.buckets.label(1, Lang::Zh), "逾期1–15天");
    assert_eq!(report.buckets.label(1, Lang::En), "1–15 days");
}

/// The Chinese final notice: its subject is 最后催告 (the page's 最后催告函 is its title, not
/// repeated in 事由), and each paragraph stands apart.
#[test]
fn the_chinese_final_notice_reads_as_separate_paragraphs() {
    let l = letter(LetterKind::Final, Lang::Zh);
    assert!(l.body.starts_with("最后催告函\n"), "{}", l.body);
    assert!(
        l.body.contains("事由：关于发票FP001、FP002的最后催告\n"),
        "{}",
        l.body
    );
    for start in [
        "　　依据《保障中小企业款项支付条例》",
        "　　本函是我司采取法律行动前的最后通知",
    ] {
        let at = l
            .body
            .find(start)
            .unwrap_or_else(|| panic!("{start}\n{}", l.body));
        assert!(
            l.body[..at].ends_with("\n\n"),
            "{start} runs on:\n{}",
            l.body
        );
    }
    assert!(
        l.body
            .contains("前将上述全部款项付至我司下列账户：\n　　户名："),
        "{}",
        l.body
    );
}
