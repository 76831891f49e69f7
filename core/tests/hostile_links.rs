//! Links as a hostile sender would make them (issue 20): each opens within bounded time and
//! memory, or is refused with a message saying what and why. Peak memory is measured from
//! outside with `core/examples/open_link.rs` (see ARCHITECTURE.md, "Untrusted input").

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use overdue_core::i18n::Lang;
use overdue_core::limits::MAX_TERMS_DAYS;
use overdue_core::report::{derive, Report};
use overdue_core::share::{
    decode, encode, json_shape, open_payload, Fragment, JsonShape, ShareError, ShareScope,
    MAX_INFLATED, MAX_JSON_DEPTH, MAX_JSON_ELEMENTS, MAX_LINK_TEXT,
};
use overdue_core::workspace::Workspace;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 20).unwrap()
}

fn zlib(json: &str) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9)
}

/// Opens `payload` and says how long it took: under a second optimised (`--release`, as the
/// page runs), under ten unoptimised.
fn open_timed(what: &str, payload: &[u8]) -> Result<Workspace, ShareError> {
    let bound = Duration::from_secs(if cfg!(debug_assertions) { 10 } else { 1 });
    let start = Instant::now();
    let opened = open_payload(payload);
    let took = start.elapsed();
    println!(
        "{what}: {} ms, {:?}",
        took.as_millis(),
        opened.as_ref().err()
    );
    assert!(took < bound, "{what}: {took:?}");
    opened
}

fn opened(fragment: &str) -> Workspace {
    match decode(fragment) {
        Ok(Fragment::Plain(workspace)) => workspace,
        other => panic!("{other:?}"),
    }
}

/// The workspace as the page would derive it (one place, should `derive` change).
fn derive_for_page(workspace: &Workspace) -> Report {
    derive(workspace, today())
}

#[test]
fn the_issue_20_crash_link_opens_with_its_terms_clamped() {
    // A data link whose settings carry terms_days = 106751991168 and whose text has one row
    // without a due date: chrono panicked adding the terms to the invoice date.
    let json = r#"{"version":1,"input":{"text":"Invoice\tCustomer\tInvoice date\tAmount\nA1\tACME\t2025-01-01\t100\n"},"settings":{"terms_days":106751991168}}"#;
    let workspace = open_timed("crash link", &zlib(json)).unwrap();
    assert_eq!(workspace.settings.terms_days, MAX_TERMS_DAYS);
    let report = derive_for_page(&workspace);
    assert_eq!(report.parsed.invoices.len(), 1);
    // The same through a whole fragment, as the page reads it.
    let fragment = encode(&workspace, ShareScope::SettingsAndData);
    assert_eq!(opened(&fragment).settings.terms_days, MAX_TERMS_DAYS);
}

#[test]
fn every_number_of_a_link_is_range_checked() {
    let json = r#"{"version":1,"settings":{"as_of":"+30000-01-01","bucket_edges":[4294967295],
        "charges":{"rate":"-7","grace_days":4294967295},
        "playbook":{"payment_deadline_days":4294967295,"quality_evidence_hours":4294967295},
        "letters":{"deadline_days":4294967295,"instalment_count":4294967295}}}"#;
    let Ok(workspace) = open_timed("numbers", &zlib(json)) else {
        panic!("a link with numbers out of range still opens");
    };
    let s = &workspace.settings;
    assert_eq!(s.as_of, None);
    assert_eq!(s.bucket_edges, vec![36_500]);
    assert_eq!(s.charges.workspace.rate, rust_decimal::Decimal::ZERO);
    assert_eq!(s.charges.workspace.grace_days, 36_500);
    assert_eq!(s.playbook.payment_deadline_days, 36_500);
    assert_eq!(s.playbook.quality_evidence_hours, 8_760);
    assert_eq!(s.letters.deadline_days, 36_500);
    assert_eq!(s.letters.instalment_count, 120);
    derive_for_page(&workspace);
}

/// `{"version":1,"unknown":[[],[],…]}` with `count` empty arrays.
fn empty_arrays(count: usize) -> String {
    let mut json = String::with_capacity(count * 3 + 32);
    json.push_str(r#"{"version":1,"unknown":["#);
    for i in 0..count {
        json.push_str(if i == 0 { "[]" } else { ",[]" });
    }
    json.push_str("]}");
    json
}

#[test]
fn an_85_kb_link_of_21_million_empty_arrays_is_refused_at_once() {
    // Issue 20: 1.9 s and 742 MB through a generic JSON value.
    let payload = zlib(&empty_arrays(21_000_000));
    assert!(payload.len() < 100_000, "{} bytes", payload.len());
    assert_eq!(
        open_timed("21M arrays", &payload),
        Err(ShareError::TooLarge)
    );
    // Under the size bound, the element count still refuses it.
    let within_size = MAX_INFLATED / 3 - 100;
    assert_eq!(
        open_timed("2.8M arrays", &zlib(&empty_arrays(within_size))),
        Err(ShareError::TooComplex)
    );
    // Under both, the unknown field is skipped, not built.
    let workspace = open_timed("900k arrays", &zlib(&empty_arrays(900_000))).unwrap();
    assert_eq!(workspace.settings, Workspace::default().settings);
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let deep = |depth: usize| {
        format!(
            r#"{{"version":1,"unknown":{}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        )
    };
    assert!(open_timed("nesting at the bound", &zlib(&deep(MAX_JSON_DEPTH - 1))).is_ok());
    assert_eq!(
        open_timed("nesting over the bound", &zlib(&deep(MAX_JSON_DEPTH))),
        Err(ShareError::TooComplex)
    );
}

#[test]
fn json_shape_counts_values_and_depth_and_ignores_strings() {
    assert_eq!(
        json_shape(br#"{"a":[1,-2.5e+3,true,null,"x]"],"b\"[":{}}"#),
        JsonShape {
            depth: 2,
            elements: 10
        }
    );
    assert_eq!(json_shape(b""), JsonShape::default());
    // A workspace the page writes is far inside both bounds.
    let mut ws = Workspace::default();
    ws.input.text = "Invoice\tCustomer\nA\tB\n".repeat(1000).into();
    let shape = json_shape(ws.to_json().as_bytes());
    assert!(
        shape.depth <= 5 && shape.elements < MAX_JSON_ELEMENTS / 100,
        "{shape:?}"
    );
}

/// A data link with `bytes` of pasted text (one row repeated: it compresses to almost nothing).
fn text_link(bytes: usize) -> String {
    let mut ws = Workspace::default();
    let mut text = String::from("Invoice\tCustomer\tDue date\tAmount\n");
    while text.len() < bytes {
        text.push_str("A1\tACME\t2025-01-01\t100\n");
    }
    ws.input.text = text.into();
    encode(&ws, ShareScope::SettingsAndData)
}

#[test]
fn too_much_pasted_text_is_refused_with_its_reason() {
    // Issue 20: a 244 KB link carrying 55 MB derived into 1.9 million invoices at 2.85 GB.
    let start = Instant::now();
    assert_eq!(decode(&text_link(55_000_000)), Err(ShareError::TooLarge));
    assert_eq!(
        decode(&text_link(MAX_LINK_TEXT + 100)),
        Err(ShareError::TooMuchText)
    );
    println!("big text links: {} ms", start.elapsed().as_millis());
    // At the bound it opens.
    let ws = opened(&text_link(MAX_LINK_TEXT - 100));
    assert!(ws.input.text.len() <= MAX_LINK_TEXT);
    for error in [
        ShareError::TooComplex,
        ShareError::TooMuchText,
        ShareError::TooLarge,
    ] {
        let zh = error.describe(Lang::Zh);
        let en = error.describe(Lang::En);
        assert!(zh.contains("MB") || zh.contains("结构"), "{zh}");
        assert!(en.contains("MB") || en.contains("shaped"), "{en}");
    }
}
