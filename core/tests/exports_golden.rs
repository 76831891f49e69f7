//! The parse, byte for byte, as it was before the speed work of issue 14: every fixture of
//! `tests/fixtures/` (and `exports/`) and a fixed sequence of fuzz mutants of them is parsed,
//! its whole `Parsed` printed with `{:?}` and digested (FNV-1a, 64 bits), and the digests are
//! compared with `golden/parse_digests.txt`. A speed change must leave every one alone; a
//! change meant to alter what the parser reads rewrites the file on purpose:
//! `UPDATE_GOLDEN=1 cargo test -p overdue-core --test exports_golden` (and says why in its
//! commit). The mutants come from `fuzz_support::mutate` with a fixed seed, so a change to the
//! mutator changes them too: regenerate the file on the commit before such a change.

mod fuzz_support;

use std::fmt::Write as _;
use std::path::PathBuf;

use fuzz_support::{fixtures, mutate, Rng, PASTE_TOKENS};
use overdue_core::paste::{parse, ParseOptions};

const MUTANTS: usize = 1500;
const SEED: u64 = 0x14_5EED;

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn golden_path() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/parse_digests.txt"
    ))
}

/// `(name, text)` of every input: the fixture files by name, then the mutants by number.
fn inputs() -> Vec<(String, String)> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"));
    let mut named = Vec::new();
    for dir in [root.clone(), root.join("exports")] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("the fixtures directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "csv" || x == "tsv"))
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path).expect("a UTF-8 fixture");
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .display()
                .to_string();
            named.push((name, text));
        }
    }
    assert!(named.len() >= 10, "fixtures not found under {root:?}");
    let corpus = fixtures();
    let mut rng = Rng::new(SEED);
    for i in 0..MUTANTS {
        let base = rng.pick(&corpus).clone();
        let text = mutate(&mut rng, &base, &corpus, PASTE_TOKENS, 20_000);
        named.push((format!("mutant-{i:04}"), text));
    }
    named
}

/// One line per input: its name and the digest of its parse with terms 0, 30 and 3660.
fn digests() -> String {
    let mut out = String::new();
    for (name, text) in inputs() {
        let mut line = name.clone();
        for terms in [0, 30, 3660] {
            let options = ParseOptions {
                default_currency: "CNY",
                default_terms_days: terms,
                ..Default::default()
            };
            let parsed = parse(&text, &options);
            write!(line, " {:016x}", fnv1a(&format!("{parsed:?}"))).expect("a String");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn every_fixture_and_mutant_parses_as_before() {
    let now = digests();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_path().parent().expect("a parent")).expect("mkdir");
        std::fs::write(golden_path(), &now).expect("write the golden file");
        return;
    }
    let stored = std::fs::read_to_string(golden_path()).expect("golden/parse_digests.txt");
    let changed: Vec<&str> = now
        .lines()
        .zip(stored.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.split(' ').next().unwrap_or(a))
        .collect();
    assert_eq!(
        now.lines().count(),
        stored.lines().count(),
        "input count changed"
    );
    assert!(
        changed.is_empty(),
        "{} inputs parse differently from golden/parse_digests.txt: {:?}",
        changed.len(),
        &changed[..changed.len().min(20)]
    );
}
