//! Fuzzing the workspace JSON (issue 20), the property that no workspace can crash the page:
//! mutants of the JSON the page stores and shares — numbers out of every range, dates far
//! outside chrono's, wrong types, damaged pastes — opened as a link opens them (shape check,
//! typed decoding, [`overdue_core::limits::sanitize`]), derived over their pasted text and
//! written as every letter. No input may panic or take longer than its bound.
//!
//! Short run: part of `cargo test`. Long run (10 million inputs by default):
//! `FUZZ_ITERS=10000000 cargo test --release -p overdue-core --test fuzz_workspace -- --ignored --nocapture`

mod fuzz_support;

use std::time::Duration;

use fuzz_support::{fuzz, render_every_letter, today, workspaces, Outcome, Rng, Run, PASTE_TOKENS};
use overdue_core::i18n::Lang;
use overdue_core::limits::sanitize;
use overdue_core::limits::words;
use overdue_core::report::{derive, Report};
use overdue_core::share::open_payload_in_full;
use overdue_core::workspace::Workspace;
use serde_json::{json, Value};

/// The issue's crash: terms of 106751991168 days and a row without a due date.
const CRASH: &str = r#"{"version":1,"input":{"text":"Invoice\tCustomer\tInvoice date\tAmount\nA1\tACME\t2025-01-01\t100\n"},"settings":{"terms_days":106751991168}}"#;

/// JSON values at and past every range a setting has.
const JSON_TOKENS: &[&str] = &[
    "106751991168",
    "-106751991168",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "4294967295",
    "4294967296",
    "-1",
    "0",
    "1e400",
    "-0",
    "0.5",
    "\"79228162514264337593543950335\"",
    "\"-79228162514264337593543950335\"",
    "\"0.0000000000000000000000000001\"",
    "\"+30000-01-01\"",
    "\"-262144-01-01\"",
    "\"+262143-12-31\"",
    "\"1899-12-31\"",
    "\"2201-01-01\"",
    "\"2025-02-29\"",
    "null",
    "true",
    "[]",
    "{}",
    "\"\"",
    ",",
    ":",
    "\"",
    "\\t",
    "\\n",
    "\\r",
    "\\u0000",
    r#""terms_days":"#,
    r#""as_of":"#,
    r#""bucket_edges":[0,4294967295,1]"#,
    r#""rate":"#,
    r#""grace_days":"#,
    r#""cap_amount":"#,
    r#""cn_contract_date":"#,
    r#""deadline_days":"#,
    r#""instalment_count":"#,
    r#""first_instalment_days":"#,
    r#""working_days":true"#,
    r#""friendly_until_days":"#,
    r#""payment_deadline_days":"#,
    r#""dso_period_days":"#,
    r#""limitation":{"years":4294967295,"warn_days":4294967295}"#,
    r#""rule":"uk-statutory""#,
    r#""rule":"cn-sme-regulation""#,
    r#""rule":"contract""#,
    r#""rate_unit":"day""#,
    r#""day_count":"from-invoice-date""#,
    r#""mapping":["due_date","amount","invoice_date"]"#,
    r#""day_month_order":"day_first""#,
    r#""promises":[{"pay_by":"+30000-01-01","made_on":"-262144-01-01"}]"#,
];

/// Values at and past the range of every kind of field; mostly of the same JSON type as
/// `like`, so that the workspace still decodes and the value reaches the arithmetic.
fn extreme(rng: &mut Rng, like: &Value) -> Value {
    let numbers = [
        json!(0),
        json!(1),
        json!(u32::MAX),
        json!(u32::MAX - 1),
        json!(36_501),
        json!(3_651),
        json!(u32::MAX),
        json!(-1),
        json!(106_751_991_168_i64),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(1e300),
    ];
    let strings = [
        json!("79228162514264337593543950335"),
        json!("-79228162514264337593543950335"),
        json!("0.0000000000000000000000000001"),
        json!("1000000000000000"),
        json!("-7"),
        json!("+30000-01-01"),
        json!("-262144-01-01"),
        json!("+262143-12-31"),
        json!("1899-12-31"),
        json!("2201-01-01"),
        json!("2025-11-20"),
        json!(""),
    ];
    if rng.below(10) > 0 {
        match like {
            Value::Number(_) => return rng.pick(&numbers).clone(),
            Value::String(_) => return rng.pick(&strings).clone(),
            Value::Null => {
                let kind: &[Value] = if rng.chance(2) { &numbers } else { &strings };
                return rng.pick(kind).clone();
            }
            _ => {}
        }
    }
    let pick = [
        json!(0),
        json!(-1),
        json!(1),
        json!(u32::MAX),
        json!(106_751_991_168_i64),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(1e300),
        json!(0.5),
        json!("79228162514264337593543950335"),
        json!("-79228162514264337593543950335"),
        json!("0.0000000000000000000000000001"),
        json!("1000000000000000"),
        json!("+30000-01-01"),
        json!("-262144-01-01"),
        json!("+262143-12-31"),
        json!("1899-12-31"),
        json!("2201-01-01"),
        json!(""),
        json!(true),
        json!(null),
        json!([]),
        json!({}),
    ];
    rng.pick(&pick).clone()
}

/// Replaces leaves of `value` with extremes (one in `one_in`), keeping its shape otherwise.
fn mutate_leaves(rng: &mut Rng, value: &mut Value, one_in: usize) {
    match value {
        Value::Object(map) => map.values_mut().for_each(|v| mutate_leaves(rng, v, one_in)),
        Value::Array(items) => items.iter_mut().for_each(|v| mutate_leaves(rng, v, one_in)),
        leaf => {
            if rng.chance(one_in) {
                *leaf = extreme(rng, leaf);
            }
        }
    }
}

/// Workspaces of the page's own shape with extreme values in random fields: arbitrary
/// workspaces in the sense of issue 20's property test. (`serde_json::Value` is fine here: the
/// inputs are ours.)
fn generated(count: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let bases: Vec<Value> = workspaces()
        .iter()
        .map(|ws| serde_json::from_str(&ws.to_json()).unwrap())
        .collect();
    (0..count)
        .map(|_| {
            let mut value = rng.pick(&bases).clone();
            let one_in = 8 + rng.below(60);
            mutate_leaves(&mut rng, &mut value, one_in);
            value.to_string()
        })
        .collect()
}

fn corpus(generated_count: usize) -> Vec<String> {
    let mut corpus: Vec<String> = workspaces().iter().map(Workspace::to_json).collect();
    corpus.push(CRASH.to_string());
    corpus.extend(generated(generated_count, 0x5EED));
    corpus
}

/// How the page derives a workspace it has just opened (one place, should `derive` change).
fn derive_opened(workspace: &Workspace) -> Report {
    derive(workspace, today())
}

static OPENED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn check(json: &str) -> Outcome {
    let payload = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 1);
    // Through the link path: the shape check, typed decoding and sanitize.
    if let Ok(opened) = open_payload_in_full(&payload) {
        // What the review would list is in words in both languages, whatever was clamped.
        for clamped in &opened.clamped {
            for lang in [Lang::Zh, Lang::En] {
                if words::field(&clamped.field, lang) == clamped.field {
                    return Err(format!("no words: {}", clamped.field));
                }
            }
        }
        let workspace = opened.workspace;
        OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // What comes out is already in range: sanitizing again changes nothing.
        let (again, clamped) = sanitize(workspace.clone());
        if !clamped.is_empty() || again != workspace {
            return Err(format!("sanitize not idempotent: {clamped:?}"));
        }
        let report = derive_opened(&workspace);
        let as_of = workspace.settings.as_of.unwrap_or(today());
        render_every_letter(&report, &workspace.settings.letters, as_of);
    }
    Ok(())
}

fn dictionary() -> Vec<&'static str> {
    JSON_TOKENS.iter().chain(PASTE_TOKENS).copied().collect()
}

fn run(iters: u64, dictionary: &'static [&'static str]) -> Run<'static> {
    Run {
        name: "workspace",
        // As many generated workspaces as mutants, up to 100,000.
        corpus: corpus(iters.min(100_000) as usize),
        dictionary,
        max_chars: 20_000,
        default_iters: iters,
        time_bound: Duration::from_millis(1_000),
    }
}

#[test]
fn short_run() {
    let dictionary = Box::leak(dictionary().into_boxed_slice());
    fuzz(run(400, dictionary), check);
    let opened = OPENED.load(std::sync::atomic::Ordering::Relaxed);
    println!("{opened} inputs opened as workspaces");
    // Most generated workspaces must open, or the property reaches no arithmetic.
    assert!(opened > 100, "{opened}");
}

#[test]
#[ignore]
fn long_run() {
    let dictionary = Box::leak(dictionary().into_boxed_slice());
    fuzz(run(10_000_000, dictionary), check);
    let opened = OPENED.load(std::sync::atomic::Ordering::Relaxed);
    println!("{opened} inputs opened as workspaces");
}
