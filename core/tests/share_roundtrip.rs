//! Share links: every part of the workspace survives encode → decode, the settings-only scope
//! really leaves the data out, and decode tolerates what mail clients and browsers do to links.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use overdue_core::charges::{ChargeRuleParams, RateUnit, RuleKind};
use overdue_core::dates::DayMonthOrder;
use overdue_core::i18n::Lang;
use overdue_core::letters::{CustomerProfile, LetterKind};
use overdue_core::money::DecimalMark;
use overdue_core::paste::Field;
use overdue_core::playbook::{
    Annotation, CollectionAction, Dispute, DisputeReason, DoneAction, InvoiceKey, Jurisdiction,
    LateReason, PromiseToPay, Snooze,
};
use overdue_core::share::{
    compressed_payload, decode, encode, encode_encrypted, is_long, open_payload, shareable,
    Fragment, ShareError, ShareScope, LONG_LINK,
};
use overdue_core::workspace::{Workspace, CURRENT_VERSION};

const PASTE: &str = "发票号\t客户\t开票日期\t到期日\t金额\n\
                     FP-001\t上海某某贸易有限公司\t2025-08-01\t2025-08-31\t¥12,345.60\n\
                     INV-7\tAcme Ltd\t2025-09-15\t2025-10-15\t1.234,50 €\n";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A workspace with every part set away from its default.
fn rich() -> Workspace {
    let mut ws = Workspace::default();
    ws.input.text = PASTE.to_string().into();
    ws.input.source = Some("应收账款 2025-10.xlsx".into());
    ws.input.mapping = Some(vec![
        Field::Invoice,
        Field::Customer,
        Field::InvoiceDate,
        Field::DueDate,
        Field::Amount,
    ]);
    ws.input.day_month_order = Some(DayMonthOrder::MonthFirst);
    ws.input.decimal_mark = Some(DecimalMark::Comma);

    let s = &mut ws.settings;
    s.as_of = Some(date(2025, 10, 31));
    s.default_currency = "EUR".into();
    s.terms_days = 45;
    s.bucket_edges = vec![15, 45, 90, 180, 365];
    s.lang = Some(Lang::En);

    s.charges.workspace = ChargeRuleParams {
        fixed_fee: dec("40"),
        percent_fee: dec("1.5"),
        rate: dec("0.05"),
        rate_unit: RateUnit::Day,
        grace_days: 7,
        cap_amount: Some(dec("1000.00")),
        cap_percent: Some(dec("10")),
        cn_contract_date: Some(date(2024, 3, 1)),
        ..ChargeRuleParams::new(RuleKind::Contract)
    };
    s.charges.per_customer.insert(
        "Acme Ltd".into(),
        ChargeRuleParams::new(RuleKind::UkStatutory),
    );

    s.playbook.courtesy_lead_days = 5;
    s.playbook.formal_until_days = 75;
    s.playbook.credit_insured = true;
    s.playbook.limitation.jurisdiction = Jurisdiction::HongKong;
    s.playbook.limitation.years = Some(6);
    s.playbook
        .collection_cost_fixed
        .insert("CNY".into(), dec("5000"));
    s.playbook.risk_share_percent = dec("33.3");
    s.playbook.disabled_actions = vec![CollectionAction::HoldAccount];

    let l = &mut s.letters;
    l.sender.company = "杭州示例科技有限公司".into();
    l.sender.address = "浙江省杭州市西湖区文三路 1 号".into();
    l.sender.contact = "王会计".into();
    l.sender.phone = "+86 571 0000 0000".into();
    l.sender.email = "ar@example.cn".into();
    l.sender.bank_name = "中国银行杭州分行".into();
    l.sender.bank_account = "6216 6100 0000 0000 000".into();
    l.sender.signature = "财务部".into();
    l.customers.insert(
        "上海某某贸易有限公司".into(),
        CustomerProfile {
            full_name: "上海某某贸易有限公司".into(),
            address: "上海市浦东新区".into(),
            contact: "李经理".into(),
            ..Default::default()
        },
    );
    l.templates.insert(
        overdue_core::letters::template_key(LetterKind::Demand, Lang::Zh),
        "尊敬的{{ customer }}：\n贵司尚欠 {{ total }}，请于 {{ deadline }} 前付清。\n".into(),
    );
    l.templates.insert(
        overdue_core::letters::template_key(LetterKind::Reminder, Lang::En),
        "Dear {{ customer }},\n{% for i in invoices %}{{ i.number }} {% endfor %}\n".into(),
    );
    l.deadline_days = 10;
    l.working_days = true;
    l.consequences.collection_agency = true;
    l.contract_clause = "《销售合同》第5条".into();
    l.dispute.credit_note = false;
    l.instalment_count = 4;
    l.first_instalment_days = 14;

    ws.annotations.insert(
        InvoiceKey::new("上海某某贸易有限公司", "FP-001"),
        Annotation {
            dispute: Some(Dispute {
                reason: DisputeReason::Quality,
                disputed_amount: Some(dec("2345.60")),
                since: date(2025, 9, 10),
            }),
            promises: vec![PromiseToPay {
                pay_by: date(2025, 11, 15),
                made_on: date(2025, 10, 20),
            }],
            late_reason: Some(LateReason::CashFlow),
            done: vec![DoneAction {
                action: CollectionAction::SendReminder,
                date: date(2025, 10, 1),
            }],
            note: "对方说月底付款 / will pay at month end".into(),
            snoozed: vec![Snooze {
                action: CollectionAction::CallPayablesContact,
                until: date(2025, 11, 3),
            }],
            received: Vec::new(),
        },
    );
    ws.annotations.insert(
        InvoiceKey::new("Acme\u{1f}Ltd \\ odd", "INV-7"),
        Annotation {
            note: "key with a separator and a backslash".into(),
            ..Annotation::default()
        },
    );
    ws
}

fn open(fragment: &str) -> Workspace {
    match decode(fragment) {
        Ok(Fragment::Plain(ws)) => ws,
        other => panic!("expected a plain workspace, got {other:?}"),
    }
}

#[test]
fn settings_and_data_round_trip_every_part() {
    let ws = rich();
    let link = encode(&ws, ShareScope::SettingsAndData);
    assert!(link.starts_with("v1.p."), "{link}");
    let back = open(&link);

    assert_eq!(back.version, CURRENT_VERSION);
    assert_eq!(back.input, ws.input, "pasted text and mapping");
    assert_eq!(back.input.text, PASTE, "Chinese text intact");
    assert_eq!(back.settings.as_of, ws.settings.as_of);
    assert_eq!(back.settings.default_currency, "EUR");
    assert_eq!(back.settings.terms_days, 45);
    assert_eq!(back.settings.bucket_edges, ws.settings.bucket_edges);
    assert_eq!(back.settings.lang, Some(Lang::En));
    assert_eq!(back.settings.charges, ws.settings.charges, "charges");
    assert_eq!(back.settings.playbook, ws.settings.playbook, "playbook");
    assert_eq!(back.settings.letters.sender, ws.settings.letters.sender);
    assert_eq!(
        back.settings.letters.templates,
        ws.settings.letters.templates
    );
    assert_eq!(back.settings.letters, ws.settings.letters, "letters");
    assert_eq!(back.annotations, ws.annotations, "annotations");
    assert_eq!(back, ws);
}

#[test]
fn settings_only_leaves_out_the_data() {
    let ws = rich();
    let shared = shareable(&ws, ShareScope::SettingsOnly);
    assert_eq!(shared.input, Default::default());
    assert!(shared.annotations.is_empty());
    assert_eq!(shared.settings.as_of, None);
    assert!(shared.settings.letters.customers.is_empty());
    assert!(shared.settings.charges.per_customer.is_empty());

    // Everything else in settings is carried, the sender's bank details included.
    let mut expected = ws.settings.clone();
    expected.as_of = None;
    expected.letters.customers = BTreeMap::new();
    expected.charges.per_customer = BTreeMap::new();
    assert_eq!(shared.settings, expected);
    assert_eq!(
        shared.settings.letters.sender.bank_account,
        "6216 6100 0000 0000 000"
    );

    let back = open(&encode(&ws, ShareScope::SettingsOnly));
    assert_eq!(back, shared);

    // Not even in the compressed bytes: inflate them and look for the data.
    let json = miniz_oxide::inflate::decompress_to_vec_zlib(&compressed_payload(
        &ws,
        ShareScope::SettingsOnly,
    ))
    .unwrap();
    let json = String::from_utf8(json).unwrap();
    for secret in [
        "FP-001",
        "Acme",
        "上海某某贸易",
        "应收账款",
        "month end",
        "2025-10-31",
        "李经理",
    ] {
        assert!(!json.contains(secret), "{secret:?} leaked into {json}");
    }
    assert!(
        json.contains("杭州示例科技有限公司"),
        "sender profile is carried"
    );
}

#[test]
fn settings_and_data_keeps_customer_keyed_settings() {
    let ws = rich();
    assert_eq!(shareable(&ws, ShareScope::SettingsAndData), ws);
}

#[test]
fn an_old_workspace_version_in_a_current_link_is_normalised() {
    let mut ws = rich();
    ws.version = 0;
    let back = open(&encode(&ws, ShareScope::SettingsAndData));
    assert_eq!(back.version, CURRENT_VERSION);
}

#[test]
fn encrypted_framing_round_trips() {
    let salt: Vec<u8> = (0..16).collect();
    let iv: Vec<u8> = (100..112).collect();
    let payload = compressed_payload(&rich(), ShareScope::SettingsAndData);
    // Stand-in for AES-GCM: any bytes, plus a 16-byte "tag".
    let mut ciphertext: Vec<u8> = payload.iter().map(|b| b ^ 0x5a).collect();
    ciphertext.extend_from_slice(&[0xee; 16]);

    let link = encode_encrypted(&salt, &iv, &ciphertext);
    assert!(link.starts_with("v1.e."), "{link}");
    assert_eq!(link.matches('.').count(), 4);
    let Ok(Fragment::Encrypted {
        salt: s,
        iv: i,
        ciphertext: c,
    }) = decode(&format!("#{link}"))
    else {
        panic!("not an encrypted fragment");
    };
    assert_eq!((s.as_slice(), i.as_slice()), (&salt[..], &iv[..]));
    assert_eq!(c, ciphertext);

    // "Decrypt" and open: the shell's path after Web Crypto.
    let plain: Vec<u8> = c[..c.len() - 16].iter().map(|b| b ^ 0x5a).collect();
    assert_eq!(open_payload(&plain), Ok(rich()));
}

#[test]
fn encrypted_framing_refuses_missing_parts() {
    let full = encode_encrypted(&[1; 16], &[2; 12], &[3; 40]);
    let parts: Vec<&str> = full.split('.').collect();
    assert_eq!(decode("v1.e"), Err(ShareError::Truncated));
    assert_eq!(decode("v1.e."), Err(ShareError::Truncated));
    assert_eq!(
        decode(&parts[..3].join(".")),
        Err(ShareError::Truncated),
        "salt only"
    );
    assert_eq!(
        decode(&parts[..4].join(".")),
        Err(ShareError::Truncated),
        "no ciphertext"
    );
    assert_eq!(
        decode(&format!("{}.", parts[..4].join("."))),
        Err(ShareError::Truncated),
        "empty ciphertext"
    );
    assert_eq!(
        decode(&format!("v1.e..{}.{}", parts[3], parts[4])),
        Err(ShareError::Damaged),
        "empty salt before other parts"
    );
    assert_eq!(
        decode(&format!("{full}.AAAA")),
        Err(ShareError::Damaged),
        "a fifth part"
    );
    assert_eq!(
        decode(&encode_encrypted(&[1; 16], &[2; 12], &[3; 15])),
        Err(ShareError::Truncated),
        "shorter than a GCM tag"
    );
}

#[test]
fn decode_tolerates_what_mail_and_browsers_do() {
    let ws = rich();
    let link = encode(&ws, ShareScope::SettingsAndData);

    // Wrapped at 60 characters with CRLF, indented, as a mail client quotes it.
    let wrapped: String = link
        .as_bytes()
        .chunks(60)
        .map(|c| format!("  {}\r\n", std::str::from_utf8(c).unwrap()))
        .collect();
    let with_spaces_encoded = link.replacen('.', ".%20", 2).replacen('A', "A%0A", 3);
    let with_zero_width = link.replace('Q', "Q\u{200B}");
    let variants = [
        link.clone(),
        format!("#{link}"),
        format!("https://overdue.example/app/#{link}"),
        format!("https://overdue.example/?lang=en#{link}"),
        wrapped,
        format!("#{link}&utm_source=newsletter&utm_medium=email"),
        format!("{link}?fbclid=abc123"),
        with_spaces_encoded,
        with_zero_width,
        format!("\u{FEFF}{link}\n"),
    ];
    for variant in &variants {
        assert_eq!(
            decode(variant),
            Ok(Fragment::Plain(ws.clone())),
            "{variant:?}"
        );
    }

    // Padding, as a base64 tool that pads would write it.
    let short = encode(&Workspace::default(), ShareScope::SettingsOnly);
    let payload_len = short.len() - "v1.p.".len();
    let padded = format!("{short}{}", "=".repeat((4 - payload_len % 4) % 4));
    assert!(decode(&padded).is_ok(), "{padded}");
}

#[test]
fn not_a_share_link() {
    for text in [
        "",
        "#",
        "   ",
        "#section-2",
        "#/invoices",
        "https://overdue.example/",
        "vfoo",
        "#version",
        "v1x.p.AAAA",
        "p.eJw",
    ] {
        assert_eq!(decode(text), Err(ShareError::NotAShareLink), "{text:?}");
    }
}

#[test]
fn versions_and_kinds() {
    assert_eq!(decode("v2.p.AAAA"), Err(ShareError::NewerVersion(2)));
    assert_eq!(decode("#v17.x.y.z"), Err(ShareError::NewerVersion(17)));
    assert_eq!(
        decode("v0.p.AAAA"),
        Err(ShareError::UnknownVersion("v0".into()))
    );
    assert_eq!(
        decode("v99999999999999999999.p.AAAA"),
        Err(ShareError::UnknownVersion("v99999999999999999999".into()))
    );
    assert_eq!(
        decode("v1.z.AAAA"),
        Err(ShareError::UnknownVersion("v1.z".into()))
    );
    assert_eq!(decode("v"), Err(ShareError::Truncated));
    assert_eq!(decode("v1"), Err(ShareError::Truncated));
    assert_eq!(decode("v1."), Err(ShareError::Truncated));
    assert_eq!(decode("v1.p"), Err(ShareError::Truncated));
    assert_eq!(decode("v1.p."), Err(ShareError::Truncated));
    assert_eq!(decode("v1.p.AAAA.AAAA"), Err(ShareError::Damaged));
    assert_eq!(open_payload(&[]), Err(ShareError::Truncated));
}

#[test]
fn every_error_is_described_in_both_languages() {
    let errors = [
        ShareError::NotAShareLink,
        ShareError::UnknownVersion("v0".into()),
        ShareError::Damaged,
        ShareError::Truncated,
        ShareError::TooLarge,
        ShareError::NewerVersion(3),
    ];
    let mut seen = Vec::new();
    for error in &errors {
        let zh = error.describe(Lang::Zh);
        let en = error.describe(Lang::En);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(en.is_ascii() && en.len() > 20, "{en}");
        assert_eq!(error.to_string(), en);
        seen.push(zh);
        seen.push(en);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), errors.len() * 2, "every message is its own");
    assert!(ShareError::NewerVersion(3).describe(Lang::En).contains('3'));
    assert!(ShareError::UnknownVersion("v0".into())
        .describe(Lang::Zh)
        .contains("v0"));
}

#[test]
fn long_links() {
    assert_eq!(LONG_LINK, 8_000);
    let base = "https://overdue.example/".len();
    let at_limit = "a".repeat(LONG_LINK - base - 1);
    assert!(!is_long(&at_limit, base), "exactly 8,000 is not longer");
    assert!(!is_long(&format!("#{at_limit}"), base), "# counted once");
    assert!(is_long(&format!("{at_limit}a"), base));
    assert!(is_long("", usize::MAX), "no overflow");

    // A settings-only link is far from the limit; a big paste is not.
    let settings = encode(&rich(), ShareScope::SettingsOnly);
    assert!(!is_long(&settings, base), "{} characters", settings.len());
    let mut big = rich();
    big.input.text = (0..20_000)
        .map(|i| {
            format!(
                "INV-{i}\t客户{}\t2025-{:02}-01\t{}.{:02}\n",
                i % 97,
                i % 12 + 1,
                i * 37 % 100_000,
                i % 100
            )
        })
        .collect::<String>()
        .into();
    let link = encode(&big, ShareScope::SettingsAndData);
    assert!(is_long(&link, base), "{} characters", link.len());
    assert_eq!(open(&link), big);
}
