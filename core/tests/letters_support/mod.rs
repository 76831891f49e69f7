//! The sample workspace the letter tests read (issue 16): a Chinese customer with a realistic
//! ledger, a bilingual sender profile and contract terms. Every row is made up.

#![allow(dead_code)]

use chrono::NaiveDate;
use overdue_core::charges::{ChargeRuleParams, RuleKind};
use overdue_core::i18n::Lang;
use overdue_core::letters::{
    history, render, ContractTerms, ContractWords, CustomerEnglish, CustomerProfile, Letter,
    LetterKind, LetterRequest, LetterSettings, SenderEnglish, SenderProfile,
};
use overdue_core::playbook::{Annotation, Annotations, CollectionAction, DoneAction, InvoiceKey};
use overdue_core::report::{derive, Report};
use overdue_core::workspace::Workspace;

pub const HUAQIANG: &str = "深圳市华强电子有限公司";

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn today() -> NaiveDate {
    date(2025, 11, 20)
}

/// A Chinese customer (a large enterprise) with invoices 142 and 50 days overdue, one not yet
/// due, one paid and a credit note; the SME regulation's 0.05 % a day; a reminder recorded as
/// sent on 20 October for the oldest invoice. Every row is made up.
pub fn sample() -> (Report, LetterSettings, Annotations) {
    let sme = ChargeRuleParams {
        rule: RuleKind::CnSmeRegulation,
        ..Default::default()
    };
    sample_with(sme)
}

/// The sample ledger under the given late-charge rule.
pub fn sample_with(rule: ChargeRuleParams) -> (Report, LetterSettings, Annotations) {
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

pub fn request(
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

pub fn letter(kind: LetterKind, lang: Lang) -> Letter {
    let (report, settings, annotations) = sample();
    let letter = render(
        &report,
        &settings,
        &request(&report, &annotations, kind, lang),
    );
    assert_eq!(letter.error, None, "{}", letter.body);
    letter
}
