//! Weekly snapshots in data links (issue 19 item 6) and the values a link brings out of range
//! (issue 20): what travels, what stays out, what is listed before the user accepts.

use chrono::NaiveDate;
use overdue_core::review::snapshot::{Snapshot, Snapshots, SNAPSHOT_VERSION};
use overdue_core::share::{
    decode, decode_in_full, encode, encode_with_snapshots, Fragment, Opened, ShareError, ShareScope,
};
use overdue_core::share_review::review_link;
use overdue_core::workspace::Workspace;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn ledger() -> Workspace {
    let mut ws = Workspace::default();
    ws.input.text = "Invoice\tCustomer\tDue date\tAmount\nA1\tACME\t2026-10-01\t100\n\
                     A2\tBeta\t2026-11-01\t250\n"
        .into();
    ws
}

/// Two weeks of the ledger, as the Review tab keeps them.
fn two_weeks() -> Snapshots {
    let ws = ledger();
    let mut snapshots = Snapshots::default();
    for as_of in ["2026-11-20", "2026-11-27"] {
        let report = overdue_core::report::derive(&ws, date(as_of));
        snapshots.keep(Snapshot::of(&report, &ws)).unwrap();
    }
    snapshots
}

fn open(fragment: &str) -> Opened {
    match decode_in_full(fragment) {
        Ok(Fragment::Plain(opened)) => opened,
        other => panic!("{other:?}"),
    }
}

/// A plain link around a JSON text written by hand.
fn link_of_json(json: &str) -> String {
    let payload = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 6);
    let mut out = String::from("v1.p.");
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for chunk in payload.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

#[test]
fn ticked_snapshots_travel_in_a_data_link_and_come_back_whole() {
    let ws = ledger();
    let snapshots = two_weeks();
    let link = encode_with_snapshots(&ws, ShareScope::SettingsAndData, Some(&snapshots));
    let opened = open(&link);
    assert_eq!(opened.snapshots, snapshots);
    assert_eq!(
        opened.workspace,
        open(&encode(&ws, ShareScope::SettingsAndData)).workspace
    );
    assert!(opened.clamped.is_empty(), "{:?}", opened.clamped);
    assert!(link.len() > encode(&ws, ShareScope::SettingsAndData).len());
}

#[test]
fn unticked_or_settings_only_links_are_exactly_as_before() {
    let ws = ledger();
    let snapshots = two_weeks();
    for scope in [ShareScope::SettingsOnly, ShareScope::SettingsAndData] {
        assert_eq!(encode_with_snapshots(&ws, scope, None), encode(&ws, scope));
        assert_eq!(
            encode_with_snapshots(&ws, scope, Some(&Snapshots::default())),
            encode(&ws, scope)
        );
    }
    assert_eq!(
        encode_with_snapshots(&ws, ShareScope::SettingsOnly, Some(&snapshots)),
        encode(&ws, ShareScope::SettingsOnly),
        "a settings-only link never carries data"
    );
}

/// A snapshot as the first release of the weekly review wrote it: version 1, no `totals`
/// (they are computed on reading), none of the optional fields. Never regenerate this text.
const V1_SNAPSHOT: &str = r#"{"version":1,"as_of":"2026-11-20","invoices":[{"customer":"华东建材有限公司","number":"HD-001","currency":"CNY","due_date":"2026-10-15","amount":"50000.00","outstanding":"50000.00"},{"customer":"北方物流有限公司","number":"BF-101","currency":"CNY","invoice_date":"2026-10-01","due_date":"2026-10-31","amount":"20000.00","paid":"5000.00","outstanding":"15000.00","salesperson":"王芳","stage":"formal","disputed":true}]}"#;

#[test]
fn a_snapshot_from_an_older_page_still_opens_from_storage_and_from_a_link() {
    let stored = Snapshots::from_json(&format!(r#"{{"list":[{V1_SNAPSHOT}]}}"#)).unwrap();
    let snapshot = &stored.list[0];
    assert_eq!(snapshot.version, SNAPSHOT_VERSION);
    assert_eq!(snapshot.invoices.len(), 2);
    assert_eq!(snapshot.invoices[1].salesperson, "王芳");
    assert!(snapshot.invoices[1].disputed);
    // The summary the old page did not store: 65,000 open, all of it overdue on 20 Nov.
    assert_eq!(snapshot.totals[0].outstanding.to_string(), "65000.00");
    assert_eq!(snapshot.totals[0].overdue.to_string(), "65000.00");

    let json = format!(
        r#"{{"version":1,"input":{{"text":"Invoice\tCustomer\tDue\tAmount\nA1\tACME\t2026-10-01\t100\n"}},"snapshots":{{"list":[{V1_SNAPSHOT}]}}}}"#
    );
    let opened = open(&link_of_json(&json));
    assert_eq!(opened.snapshots, stored);
    assert!(opened.clamped.is_empty(), "{:?}", opened.clamped);
}

#[test]
fn snapshots_in_a_settings_link_or_out_of_range_are_not_opened_and_are_listed() {
    // No pasted text and no notes: a settings-only link, which carries no data.
    let json = format!(r#"{{"version":1,"snapshots":{{"list":[{V1_SNAPSHOT}]}}}}"#);
    let opened = open(&link_of_json(&json));
    assert!(opened.snapshots.is_empty());
    assert_eq!(opened.clamped.len(), 1);
    assert_eq!(opened.clamped[0].field, "snapshots");
    assert_eq!(opened.clamped[0].now.to_string(), "not opened");

    // A data link whose snapshot has an invoice due in the year 30000.
    let far = V1_SNAPSHOT.replace("2026-10-15", "+30000-10-15");
    let json = format!(
        r#"{{"version":1,"input":{{"text":"a\tb\n1\t2\n"}},"snapshots":{{"list":[{far}]}}}}"#
    );
    let opened = open(&link_of_json(&json));
    assert!(opened.snapshots.is_empty());
    assert_eq!(opened.clamped[0].field, "snapshots[2026-11-20]");
    assert!(
        opened.clamped[0].was.to_string().contains("HD-001"),
        "{:?}",
        opened.clamped
    );

    // A snapshot of a later page version: the link says to reload for the newer page.
    let newer = V1_SNAPSHOT.replace(r#""version":1"#, r#""version":99"#);
    let json = format!(
        r#"{{"version":1,"input":{{"text":"a\tb\n1\t2\n"}},"snapshots":{{"list":[{newer}]}}}}"#
    );
    assert_eq!(
        decode(&link_of_json(&json)),
        Err(ShareError::NewerVersion(99))
    );
}

#[test]
fn the_review_lists_the_snapshots_and_what_merging_them_does() {
    let ws = ledger();
    let theirs = two_weeks();
    let opened = open(&encode_with_snapshots(
        &ws,
        ShareScope::SettingsAndData,
        Some(&theirs),
    ));
    let mut mine = Snapshots::default();
    let mut other = Workspace::default();
    other.input.text = "Invoice\tCustomer\tDue date\tAmount\nZ9\tMine\t2026-10-01\t7\n".into();
    let report = overdue_core::report::derive(&other, date("2026-11-20"));
    mine.keep(Snapshot::of(&report, &other)).unwrap();

    let review = review_link(&other, &mine, &opened);
    let merged = review.snapshots.clone().expect("listed");
    assert_eq!(merged.incoming, 2);
    assert_eq!(merged.already_kept, vec![date("2026-11-20")]);
    assert_eq!(merged.added, vec![date("2026-11-27")]);

    // Accepting merges by the same plan: the user's 20 November stays theirs.
    let plan = mine.merge(&opened.snapshots);
    assert_eq!(plan, merged);
    assert_eq!(mine.list.len(), 2);
    assert_eq!(
        mine.get(date("2026-11-20")).unwrap().invoices[0].number,
        "Z9"
    );
    assert_eq!(
        mine.get(date("2026-11-27")).unwrap().invoices[0].number,
        "A1"
    );

    // A link without snapshots lists none.
    let plain = open(&encode(&ws, ShareScope::SettingsAndData));
    assert_eq!(review_link(&other, &mine, &plain).snapshots, None);
}

#[test]
fn values_a_link_brings_out_of_range_are_listed_in_its_review() {
    // The 150-character link of issue 20: terms of 106,751,991,168 days.
    let json = r#"{"version":1,"settings":{"terms_days":106751991168},"input":{"text":"Invoice\tCustomer\tAmount\nA1\tACME\t100\n"}}"#;
    let opened = open(&link_of_json(json));
    assert_eq!(opened.workspace.settings.terms_days, 3_650);
    let review = review_link(&Workspace::default(), &Snapshots::default(), &opened);
    assert_eq!(review.clamped.len(), 1, "{:?}", review.clamped);
    let clamped = &review.clamped[0];
    assert_eq!(clamped.field, "settings.terms_days");
    assert_eq!(clamped.was.to_string(), "106751991168");
    assert_eq!(clamped.now.to_string(), "3650");
    // A link in range lists nothing.
    let fine = open(&encode(&ledger(), ShareScope::SettingsAndData));
    assert!(
        review_link(&Workspace::default(), &Snapshots::default(), &fine)
            .clamped
            .is_empty()
    );
}

#[test]
fn the_panel_is_told_what_snapshots_cost_and_whether_they_fit() {
    let ws = ledger();
    let snapshots = two_weeks();
    assert!(overdue_core::share::snapshots_fit(&ws, &snapshots));
    let added = encode_with_snapshots(&ws, ShareScope::SettingsAndData, Some(&snapshots)).len()
        - encode(&ws, ShareScope::SettingsAndData).len();
    let said = overdue_core::share::snapshots_link_chars(&snapshots);
    assert!(
        said * 2 >= added && said <= added * 2,
        "said {said}, added {added}"
    );
    // Over the bound of invoices in all: refused before a link is made.
    let week = snapshots.list[0].clone();
    let mut many = Snapshots::default();
    for w in 0..26u64 {
        let mut s = week.clone();
        s.as_of = date("2026-01-02") + chrono::Days::new(7 * w);
        s.invoices = (0..800)
            .map(|i| {
                let mut invoice = week.invoices[0].clone();
                invoice.number = format!("N{i}");
                invoice
            })
            .collect();
        many.keep(s).unwrap();
    }
    assert!(!overdue_core::share::snapshots_fit(&ws, &many));
}
