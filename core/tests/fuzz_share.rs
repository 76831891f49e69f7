//! Fuzzing the share-link decoder (issue 20): mutants of links the page writes (and of a
//! literal old link), opened as the page opens them, then derived. No input may panic or
//! take longer than its bound; a link that opens derives like any workspace.
//!
//! Short run: part of `cargo test`. Long run (10 million inputs by default):
//! `FUZZ_ITERS=10000000 cargo test --release -p overdue-core --test fuzz_share -- --ignored --nocapture`

mod fuzz_support;

use std::time::Duration;

use fuzz_support::{fuzz, today, workspaces, Outcome, Run};
use overdue_core::report::derive;
use overdue_core::share::{decode, encode, Fragment, ShareScope};

/// A link of the first release (`share_fixtures.rs`, `V1_SPARSE`).
const V1_SPARSE: &str = "v1.p.eNoljEEKhTAQQ6_yybqL_zd_0a0H8AKCVDtIQafSGUWR3t0RV0nISy7sVCRlhv85CKkmngT-glJZpI_htPT_OsyBJ3gQw7xxNnswIY5UHjfmZQ18GtPO8dNk1FodEq-bvn-HKUKngzU3lksodQ";

/// What mail clients and people do to links, and the framing's own characters.
const LINK_TOKENS: &[&str] = &[
    ".",
    "v1.p.",
    "v1.e.",
    "v2.",
    "#",
    "&utm_source=x",
    "?",
    "%20",
    "%0A",
    "\n",
    " ",
    "\u{200B}",
    "\u{AD}",
    "=",
    "==",
    "-",
    "_",
    "A",
    "AAAA",
    "eNo",
    "https://example.com/#",
];

fn corpus() -> Vec<String> {
    let mut corpus = vec![V1_SPARSE.to_string()];
    for ws in workspaces() {
        corpus.push(encode(&ws, ShareScope::SettingsAndData));
        corpus.push(encode(&ws, ShareScope::SettingsOnly));
    }
    corpus.push(overdue_core::share::encode_encrypted(
        &[7; 16], &[9; 12], &[1; 40],
    ));
    corpus
}

fn check(fragment: &str) -> Outcome {
    if let Ok(Fragment::Plain(workspace)) = decode(fragment) {
        let report = derive(&workspace, today());
        if report.rows().count() != report.parsed.invoices.len() {
            return Err("a stage lost an invoice".into());
        }
    }
    Ok(())
}

fn run(iters: u64) -> Run<'static> {
    Run {
        name: "share",
        corpus: corpus(),
        dictionary: LINK_TOKENS,
        max_chars: 20_000,
        default_iters: iters,
        time_bound: Duration::from_millis(500),
    }
}

#[test]
fn short_run() {
    fuzz(run(3_000), check);
}

#[test]
#[ignore]
fn long_run() {
    fuzz(run(10_000_000), check);
}
