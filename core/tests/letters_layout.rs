//! Issue 16 item 6: a letter laid out for print. Every default letter, in both languages and
//! with the sender profile or contract missing, comes back from its layout as exactly the
//! text Copy gives; the Chinese demand has its title, 此致/敬礼！, signature with the seal line
//! and payment block where the form puts them; the English final notice its letterhead, date,
//! recipient, reference and signature; amounts and account numbers are kept whole.

mod letters_support;

use letters_support::*;
use overdue_core::i18n::Lang;
use overdue_core::letters::{
    print_layout, render, ContractTerms, EnglishForm, Layout, LetterKind, LetterSettings, Paper,
    Part, SenderProfile,
};

fn laid(settings: &LetterSettings, kind: LetterKind, lang: Lang) -> (String, Layout) {
    let (report, _, annotations) = sample();
    let req = request(&report, &annotations, kind, lang);
    let letter = render(&report, settings, &req);
    let layout = print_layout(settings, &req, &letter);
    (letter.body, layout)
}

fn parts(layout: &Layout) -> Vec<Part> {
    layout.blocks.iter().map(|b| b.part).collect()
}

/// The text of every line of a part, one string per line.
fn lines_of(layout: &Layout, part: Part) -> Vec<String> {
    layout
        .blocks
        .iter()
        .filter(|b| b.part == part)
        .flat_map(|b| b.lines.iter().map(|l| l.text()))
        .collect()
}

#[test]
fn the_layout_gives_back_exactly_the_text_copy_gives() {
    let (_, full, _) = sample();
    let bare = LetterSettings {
        sender: SenderProfile::default(),
        contract: ContractTerms::default(),
        customers: Default::default(),
        ..full.clone()
    };
    let american = LetterSettings {
        english: EnglishForm::American,
        ..full.clone()
    };
    for settings in [&full, &bare, &american] {
        for kind in LetterKind::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let (text, layout) = laid(settings, kind, lang);
                assert_eq!(layout.to_text(), text, "{kind:?} {lang:?}");
                assert!(
                    layout
                        .blocks
                        .iter()
                        .filter(|b| b.part != Part::Body)
                        .count()
                        >= 2,
                    "{kind:?} {lang:?}: nothing recognised\n{:?}",
                    parts(&layout)
                );
            }
        }
    }
}

#[test]
fn the_chinese_demand_is_laid_out_in_the_chinese_form() {
    let (_, settings, _) = sample();
    let (_, layout) = laid(&settings, LetterKind::Demand, Lang::Zh);
    assert_eq!(layout.blocks[0].part, Part::Title);
    assert_eq!(lines_of(&layout, Part::Title), ["催告函"]);
    assert_eq!(
        lines_of(&layout, Part::Recipient),
        [
            "收函单位：深圳市华强电子有限公司",
            "收函地址：广东省深圳市福田区华强北路1号"
        ]
    );
    assert_eq!(
        lines_of(&layout, Part::Salutation),
        ["致深圳市华强电子有限公司："]
    );
    assert_eq!(lines_of(&layout, Part::Closing), ["　　此致"]);
    assert_eq!(lines_of(&layout, Part::Salute), ["敬礼！"]);
    let signature = lines_of(&layout, Part::Signature);
    assert_eq!(
        signature.first().map(String::as_str),
        Some("发函单位：宁波远航进出口有限公司（盖章）")
    );
    assert!(
        signature.contains(&"2025年11月20日".to_string()),
        "{signature:?}"
    );
    let seal: Vec<String> = layout
        .blocks
        .iter()
        .flat_map(|b| &b.lines)
        .filter(|l| l.seal)
        .map(|l| l.text())
        .collect();
    assert_eq!(seal, ["发函单位：宁波远航进出口有限公司（盖章）"]);
    assert_eq!(
        lines_of(&layout, Part::Payment),
        [
            "　　户名：宁波远航进出口有限公司",
            "　　开户银行：中国银行宁波鄞州支行",
            "　　账号：3580 1234 5678 9012"
        ]
    );
    assert!(lines_of(&layout, Part::Enclosures)[0] == "附件：");
    // The closing comes after the body and before the signature.
    let order = parts(&layout);
    let at = |p: Part| order.iter().position(|&q| q == p).unwrap();
    assert!(at(Part::Body) < at(Part::Closing) && at(Part::Salute) < at(Part::Signature));
    assert_eq!(layout.paper, Paper::A4);
}

#[test]
fn the_english_final_notice_is_laid_out_in_business_form() {
    let (_, mut settings, _) = sample();
    let (_, layout) = laid(&settings, LetterKind::Final, Lang::En);
    let order = parts(&layout);
    assert_eq!(
        &order[..5],
        [
            Part::Letterhead,
            Part::Date,
            Part::Recipient,
            Part::Reference,
            Part::Salutation
        ]
    );
    assert_eq!(lines_of(&layout, Part::Date), ["20 November 2025"]);
    assert_eq!(
        lines_of(&layout, Part::Letterhead)[0],
        "Ningbo Yuanhang Import & Export Co., Ltd."
    );
    assert_eq!(lines_of(&layout, Part::Closing), ["Yours sincerely,"]);
    assert_eq!(lines_of(&layout, Part::Signature)[0], "Li Wang");
    assert!(lines_of(&layout, Part::Payment)
        .contains(&"Account number: 3580 1234 5678 9012 (SWIFT BKCHCNBJ92A)".to_string()));
    assert_eq!(layout.paper, Paper::A4);
    settings.english = EnglishForm::American;
    let (_, us) = laid(&settings, LetterKind::Final, Lang::En);
    assert_eq!(us.paper, Paper::Letter);
    assert_eq!(lines_of(&us, Part::Date), ["November 20, 2025"]);
    settings.paper = Paper::A4;
    assert_eq!(
        laid(&settings, LetterKind::Final, Lang::En).1.paper,
        Paper::A4
    );
}

#[test]
fn amounts_and_the_account_number_are_never_broken() {
    let (_, settings, _) = sample();
    for lang in [Lang::Zh, Lang::En] {
        let (_, layout) = laid(&settings, LetterKind::Demand, lang);
        let kept: Vec<String> = layout
            .blocks
            .iter()
            .flat_map(|b| &b.lines)
            .flat_map(|l| &l.spans)
            .filter(|s| s.keep)
            .map(|s| s.text.clone())
            .collect();
        assert!(
            kept.contains(&"3580 1234 5678 9012".to_string()),
            "{kept:?}"
        );
        let total = match lang {
            Lang::Zh => "人民币164,850.00元",
            Lang::En => "CNY 164,850.00",
        };
        assert!(kept.contains(&total.to_string()), "{kept:?}");
    }
}

#[test]
fn the_acknowledgment_has_the_customers_seal_line_and_a_reply_is_apart() {
    let (_, settings, _) = sample();
    let (_, zh) = laid(&settings, LetterKind::Acknowledgment, Lang::Zh);
    assert_eq!(lines_of(&zh, Part::Title), ["欠款确认书"]);
    let signature = lines_of(&zh, Part::Signature);
    assert!(
        signature[0].starts_with("债务人（盖章）："),
        "{signature:?}"
    );
    assert!(!lines_of(&zh, Part::Reply).is_empty());
    let (_, statement) = laid(&settings, LetterKind::Statement, Lang::Zh);
    let reply = lines_of(&statement, Part::Reply);
    assert!(reply.iter().any(|l| l.contains("（盖章）")), "{reply:?}");
}
