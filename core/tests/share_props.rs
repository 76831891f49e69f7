//! Property tests for share links: random workspaces round-trip in both scopes; random and
//! mangled text never panics and never opens as a different workspace.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use overdue_core::charges::{ChargeRuleParams, RuleKind};
use overdue_core::i18n::Lang;
use overdue_core::playbook::{Annotation, InvoiceKey, PromiseToPay};
use overdue_core::share::{
    compressed_payload, decode, encode, encode_encrypted, open_payload, shareable, Fragment,
    ShareScope,
};
use overdue_core::workspace::{Workspace, CURRENT_VERSION};

/// Ledger-like text: Chinese, Latin, digits, separators, currency signs and line breaks.
fn ledger_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\u{4e00}-\u{9fa5}A-Za-z0-9\t\n\r,.;:¥€$£ -]{0,300}",
        any::<String>(),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1i32..900_000).prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=28).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

fn rule() -> impl Strategy<Value = RuleKind> {
    prop_oneof![
        Just(RuleKind::None),
        Just(RuleKind::Contract),
        Just(RuleKind::UkStatutory),
        Just(RuleKind::EuDirective),
    ]
}

fn annotation() -> impl Strategy<Value = (InvoiceKey, Annotation)> {
    (
        any::<String>(),
        "[\u{4e00}-\u{9fa5}A-Z0-9-]{0,12}",
        ledger_text(),
        proptest::option::of((date(), date())),
    )
        .prop_map(|(customer, number, note, promise)| {
            let annotation = Annotation {
                note,
                promises: promise
                    .map(|(pay_by, made_on)| PromiseToPay { pay_by, made_on })
                    .into_iter()
                    .collect(),
                ..Annotation::default()
            };
            (InvoiceKey::new(&customer, &number), annotation)
        })
}

prop_compose! {
    fn workspace()(
        text in ledger_text(),
        source in proptest::option::of(any::<String>()),
        as_of in proptest::option::of(date()),
        currency in "[A-Z]{3}",
        terms_days in any::<i64>(),
        bucket_edges in proptest::collection::vec(any::<u32>(), 0..8),
        lang in proptest::option::of(prop_oneof![Just(Lang::Zh), Just(Lang::En)]),
        rule in rule(),
        fixed_fee in decimal(),
        cap in proptest::option::of(decimal()),
        per_customer in proptest::collection::btree_map(any::<String>(), rule(), 0..3),
        courtesy_lead_days in any::<u32>(),
        templates in proptest::collection::btree_map("[a-z_]{1,10}\\.(zh|en)", ledger_text(), 0..3),
        company in ledger_text(),
        bank_account in "[0-9 ]{0,30}",
        customers in proptest::collection::btree_map(any::<String>(), any::<String>(), 0..3),
        annotations in proptest::collection::vec(annotation(), 0..4),
    ) -> Workspace {
        let mut ws = Workspace::default();
        ws.input.text = text.into();
        ws.input.source = source;
        let s = &mut ws.settings;
        s.as_of = as_of;
        s.default_currency = currency;
        s.terms_days = terms_days;
        s.bucket_edges = bucket_edges;
        s.lang = lang;
        s.charges.workspace = ChargeRuleParams {
            fixed_fee,
            cap_amount: cap,
            ..ChargeRuleParams::new(rule)
        };
        s.charges.per_customer = per_customer
            .into_iter()
            .map(|(name, rule)| (name, ChargeRuleParams::new(rule)))
            .collect();
        s.playbook.courtesy_lead_days = courtesy_lead_days;
        s.letters.templates = templates;
        s.letters.sender.company = company;
        s.letters.sender.bank_account = bank_account;
        for (name, address) in customers {
            let profile = s.letters.customers.entry(name).or_default();
            profile.address = address;
        }
        ws.annotations = annotations.into_iter().collect::<BTreeMap<_, _>>();
        // A link carries what the page can hold: every opened link is sanitized (issue 20),
        // so the round trips are of workspaces in range (`hostile_links.rs` tests the rest).
        overdue_core::limits::sanitize(ws).0
    }
}

fn open(fragment: &str) -> Result<Workspace, String> {
    match decode(fragment) {
        Ok(Fragment::Plain(ws)) => Ok(ws),
        other => Err(format!("{other:?}")),
    }
}

proptest! {
    #[test]
    fn settings_and_data_round_trip(ws in workspace()) {
        let back = open(&encode(&ws, ShareScope::SettingsAndData));
        prop_assert_eq!(back, Ok(ws));
    }

    #[test]
    fn settings_only_round_trips_without_the_data(ws in workspace()) {
        let back = open(&encode(&ws, ShareScope::SettingsOnly)).unwrap();
        prop_assert_eq!(&back, &shareable(&ws, ShareScope::SettingsOnly));
        prop_assert_eq!(back.version, CURRENT_VERSION);
        prop_assert!(back.input.text.is_empty() && back.input.source.is_none());
        prop_assert!(back.annotations.is_empty());
        prop_assert!(back.settings.as_of.is_none());
        prop_assert!(back.settings.letters.customers.is_empty());
        prop_assert!(back.settings.charges.per_customer.is_empty());
        prop_assert_eq!(&back.settings.letters.templates, &ws.settings.letters.templates);
        prop_assert_eq!(&back.settings.letters.sender, &ws.settings.letters.sender);
        prop_assert_eq!(&back.settings.charges.workspace, &ws.settings.charges.workspace);
    }

    #[test]
    fn pasted_text_round_trips(text in ledger_text()) {
        let mut ws = Workspace::default();
        ws.input.text = text.clone().into();
        let back = open(&encode(&ws, ShareScope::SettingsAndData)).unwrap();
        prop_assert_eq!(back.input.text, text);
    }

    #[test]
    fn payload_round_trips(ws in workspace()) {
        prop_assert_eq!(
            open_payload(&compressed_payload(&ws, ShareScope::SettingsAndData)),
            Ok(ws)
        );
    }

    #[test]
    fn line_breaks_anywhere_change_nothing(
        ws in workspace(),
        breaks in proptest::collection::vec((any::<prop::sample::Index>(), prop_oneof![
            Just("\n"), Just("\r\n"), Just(" "), Just("\t"), Just("%20"), Just("\u{200B}")
        ]), 0..10),
    ) {
        let link = encode(&ws, ShareScope::SettingsAndData);
        let mut broken = link.clone();
        for (index, text) in breaks {
            // Only between characters of the link itself (all ASCII), never inside a `%20`.
            let position = index.index(broken.len() + 1);
            if broken.is_char_boundary(position) && !broken[..position].ends_with(['%', '2']) {
                broken.insert_str(position, text);
            }
        }
        prop_assert_eq!(open(&broken), Ok(ws));
    }

    #[test]
    fn encrypted_framing_round_trips(
        salt in proptest::collection::vec(any::<u8>(), 1..64),
        iv in proptest::collection::vec(any::<u8>(), 1..32),
        ciphertext in proptest::collection::vec(any::<u8>(), 16..2_000),
    ) {
        let link = encode_encrypted(&salt, &iv, &ciphertext);
        prop_assert_eq!(decode(&link), Ok(Fragment::Encrypted { salt, iv, ciphertext }));
    }

    #[test]
    fn any_text_is_no_panic(text in any::<String>()) {
        let _ = decode(&text);
        let _ = decode(&format!("v1.p.{text}"));
        let _ = decode(&format!("#v1.e.{text}"));
    }

    #[test]
    fn link_shaped_noise_is_an_error(
        kind in prop_oneof![Just("p"), Just("e")],
        body in "[A-Za-z0-9_.=-]{0,400}",
    ) {
        let result = decode(&format!("v1.{kind}.{body}"));
        if kind == "p" {
            prop_assert!(result.is_err(), "{:?}", result);
        }
    }

    #[test]
    fn any_bytes_are_no_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        let _ = open_payload(&bytes);
        let _ = open_payload(&miniz_oxide::deflate::compress_to_vec_zlib(&bytes, 6));
    }

    #[test]
    fn one_changed_character_never_opens_something_else(
        ws in workspace(),
        at in any::<prop::sample::Index>(),
        to in "[A-Za-z0-9_.-]",
    ) {
        let link = encode(&ws, ShareScope::SettingsAndData);
        let position = at.index(link.len());
        let mut changed = link.clone();
        changed.replace_range(position..position + 1, &to);
        match decode(&changed) {
            Err(_) => {}
            Ok(Fragment::Plain(back)) => prop_assert_eq!(back, ws),
            Ok(other) => prop_assert!(false, "opened as {:?}", other),
        }
    }

    #[test]
    fn every_cut_is_an_error(ws in workspace(), at in any::<prop::sample::Index>()) {
        let link = encode(&ws, ShareScope::SettingsAndData);
        let cut = at.index(link.len());
        prop_assert!(decode(&link[..cut]).is_err());
    }
}
