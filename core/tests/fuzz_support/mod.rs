//! A bounded mutation fuzzer that runs on stable Rust (cargo-fuzz needs nightly): a seeded
//! RNG, a corpus of real layouts and literal links or templates, and mutations that cut,
//! repeat, splice and insert the tokens these formats are made of. Each input is run under
//! `catch_unwind` and timed by the CPU time of the thread that runs it (not wall time: on a
//! loaded machine another process's turn is not this input's cost, and wall time gave false
//! "slow" findings); a failure (panic, broken invariant, or an input over its time bound) is
//! shrunk to a small repro and reported with the seed that found it. Each failing or slow
//! input is also written whole to `target/fuzz-findings/<target>-seed<seed>-input<n>.txt` (and
//! its shrunk form beside it, `….shrunk.txt`), and the paths are printed.
//!
//! `FUZZ_ITERS` (inputs per target) and `FUZZ_SEED` override the defaults, and
//! `FUZZ_SECONDS` stops a run after that long (the count run is printed); the `long_run` test
//! of each target is `#[ignore]`d and defaults to 10 million inputs.

// Each target uses a different part of this module.
#![allow(dead_code)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The CPU time the calling thread has used (`CLOCK_THREAD_CPUTIME_ID`, POSIX). Where that
/// clock is missing, wall time since the first call, as before.
pub fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `now` is a valid, writable timespec for the call's duration; the clock id is
        // a constant the platform defines.
        let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0;
        if ok {
            return Duration::new(now.tv_sec as u64, now.tv_nsec as u32);
        }
    }
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// Where findings are written: `target/fuzz-findings/` of this build.
pub fn findings_dir() -> PathBuf {
    // Cargo gives integration tests `target/tmp`; its parent is the target directory, wherever
    // CARGO_TARGET_DIR put it.
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent()
        .map(|target| target.join("fuzz-findings"))
        .unwrap_or_else(|| tmp.join("fuzz-findings"))
}

/// Writes a failing input whole (and its shrunk form when that differs), named by target,
/// seed and input number; returns the whole input's path, or why it could not be written.
fn write_finding(name: &str, seed: u64, index: u64, input: &str, small: &str) -> String {
    let dir = findings_dir();
    let whole = dir.join(format!("{name}-seed{seed:#x}-input{index}.txt"));
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&whole, input))
        .and_then(|()| {
            if small == input {
                Ok(())
            } else {
                std::fs::write(whole.with_extension("shrunk.txt"), small)
            }
        });
    match written {
        Ok(()) => whole.display().to_string(),
        Err(error) => format!("(not written to {}: {error})", whole.display()),
    }
}

/// SplitMix64: tiny, seedable, good enough to pick mutations.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// In `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// One mutation of `input` (as characters, so the result stays valid UTF-8): cut a stretch,
/// repeat one, insert a dictionary token or a random character, replace a character, splice
/// in a stretch of another corpus entry, or swap two lines. `max_chars` bounds the result.
pub fn mutate(
    rng: &mut Rng,
    input: &str,
    corpus: &[String],
    dictionary: &[&str],
    max_chars: usize,
) -> String {
    let mut chars: Vec<char> = input.chars().collect();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let len = chars.len();
        let at = rng.below(len + 1);
        let span = 1 + rng.below(len.clamp(1, 64));
        let end = (at + span).min(len);
        match rng.below(7) {
            0 => {
                chars.drain(at..end);
            }
            1 => {
                let copy: Vec<char> = chars[at..end].to_vec();
                let most = if rng.chance(8) { 1000 } else { 4 };
                let times = 1 + rng.below(most);
                for _ in 0..times {
                    if chars.len() + copy.len() > max_chars {
                        break;
                    }
                    chars.splice(at..at, copy.iter().copied());
                }
            }
            2 | 3 => {
                let token: Vec<char> = rng.pick(dictionary).chars().collect();
                chars.splice(at..at, token);
            }
            4 => {
                let c = random_char(rng);
                if at < len {
                    chars[at] = c;
                } else {
                    chars.push(c);
                }
            }
            5 => {
                let other: Vec<char> = rng.pick(corpus).chars().collect();
                let from = rng.below(other.len() + 1);
                let to = (from + rng.below(256)).min(other.len());
                chars.splice(at..end, other[from..to].iter().copied());
            }
            _ => {
                let text: String = chars.iter().collect();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(i, j);
                chars = lines.join("\n").chars().collect();
            }
        }
        chars.truncate(max_chars);
    }
    chars.into_iter().collect()
}

fn random_char(rng: &mut Rng) -> char {
    const SPECIAL: &[char] = &[
        '\t', '\n', '\r', '"', ',', ';', '.', '-', '/', '(', ')', '%', '\0', '\u{FEFF}',
        '\u{200B}', '　', '，', '。', '年', '月', '日', '¥', '€', '０', '９', '{', '}',
    ];
    match rng.below(3) {
        0 => *rng.pick(SPECIAL),
        1 => char::from(b' ' + rng.below(95) as u8),
        _ => char::from_u32(rng.next() as u32 % 0x11_0000).unwrap_or('\u{FFFD}'),
    }
}

/// The longest a failure is shrunk.
const SHRINK_TIME: Duration = Duration::from_secs(20);

/// What went wrong with one input.
pub type Outcome = Result<(), String>;

/// Runs `check` on one input, turning a panic into an error.
fn run_one(check: &dyn Fn(&str) -> Outcome, input: &str) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| check(input))) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panic: {message}"))
        }
    }
}

/// Cuts `input` down while `check` still fails the same way (the first word of the error),
/// for at most [`SHRINK_TIME`]. A slow input is not shrunk (its time is noisy near the bound,
/// and each try costs the bound): it is reported whole.
fn shrink(check: &dyn Fn(&str) -> Outcome, input: &str, error: &str) -> String {
    let kind = error.split(':').next().unwrap_or("").to_string();
    if kind == "slow" {
        return input.to_string();
    }
    let start = Instant::now();
    let same = |candidate: &str| {
        start.elapsed() < SHRINK_TIME
            && run_one(check, candidate)
                .err()
                .is_some_and(|e| e.split(':').next() == Some(kind.as_str()))
    };
    let mut chars: Vec<char> = input.chars().collect();
    let mut chunk = chars.len().div_ceil(2).max(1);
    while chunk >= 1 {
        let mut at = 0;
        let mut cut_any = false;
        while at < chars.len() {
            let end = (at + chunk).min(chars.len());
            let candidate: String = chars[..at].iter().chain(&chars[end..]).collect();
            if same(&candidate) {
                chars.drain(at..end);
                cut_any = true;
            } else {
                at += chunk;
            }
        }
        if !cut_any {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
    }
    chars.into_iter().collect()
}

/// The settings of one run.
pub struct Run<'a> {
    pub name: &'a str,
    pub corpus: Vec<String>,
    pub dictionary: &'a [&'a str],
    /// Longest input, in characters.
    pub max_chars: usize,
    /// Inputs when `FUZZ_ITERS` is not set.
    pub default_iters: u64,
    /// Most CPU time one input may take (four times this in unoptimised builds).
    pub time_bound: Duration,
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
}

/// Runs the corpus as it is, then mutants of it, through `check`; panics with the shrunk
/// repros of every distinct failure (at most 5).
pub fn fuzz(run: Run<'_>, check: impl Fn(&str) -> Outcome) {
    let iters = env_u64("FUZZ_ITERS").unwrap_or(run.default_iters);
    let seed = env_u64("FUZZ_SEED").unwrap_or(0x0DDE_5EED);
    let bound = if cfg!(debug_assertions) {
        run.time_bound * 4
    } else {
        run.time_bound
    };
    let check = |input: &str| -> Outcome {
        let start = thread_cpu_time();
        check(input)?;
        let took = thread_cpu_time().saturating_sub(start);
        if took > bound {
            return Err(format!("slow: {took:?} > {bound:?}"));
        }
        Ok(())
    };
    // Panics are expected and reported below: keep them from flooding the output meanwhile.
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng::new(seed);
    // (error, shrunk input, where the whole input was written)
    let mut failures: Vec<(String, String, String)> = Vec::new();
    let mut pool = run.corpus.clone();
    let start = Instant::now();
    let cpu_start = thread_cpu_time();
    let mut slowest = Duration::ZERO;
    let deadline = env_u64("FUZZ_SECONDS").map(Duration::from_secs);
    let mut count = 0u64;
    for i in 0..iters + run.corpus.len() as u64 {
        if deadline.is_some_and(|d| start.elapsed() > d) {
            break;
        }
        count += 1;
        let input = match run.corpus.get(i as usize) {
            Some(seed_input) => seed_input.clone(),
            None => {
                let base = rng.pick(&pool).clone();
                mutate(&mut rng, &base, &run.corpus, run.dictionary, run.max_chars)
            }
        };
        if let Some(path) = std::env::var_os("FUZZ_TRACE") {
            // Debugging a hang: the input being checked, written before it runs.
            let _ = std::fs::write(path, &input);
        }
        let one = thread_cpu_time();
        let outcome = run_one(&check, &input);
        slowest = slowest.max(thread_cpu_time().saturating_sub(one));
        match outcome {
            Ok(()) => {
                // Keep some mutants as bases, so mutations accumulate.
                if rng.chance(16) {
                    if pool.len() < 256 {
                        pool.push(input);
                    } else {
                        let slot = rng.below(pool.len());
                        pool[slot] = input;
                    }
                }
            }
            Err(error) => {
                let kind = error.split(':').next().unwrap_or("").to_string();
                let known = failures
                    .iter()
                    .any(|(e, _, _)| e.split(':').next() == Some(kind.as_str()));
                if !known && failures.len() < 5 {
                    let small = shrink(&check, &input, &error);
                    let path = write_finding(run.name, seed, i, &input, &small);
                    println!("fuzz {}: {kind} input written to {path}", run.name);
                    failures.push((error, small, path));
                }
            }
        }
    }
    let _ = std::panic::take_hook();
    println!(
        "fuzz {}: {} inputs (seed {seed:#x}) in {:.1} s ({:.1} s of CPU), slowest {} ms of CPU, \
         {} failure kinds",
        run.name,
        count,
        start.elapsed().as_secs_f64(),
        thread_cpu_time().saturating_sub(cpu_start).as_secs_f64(),
        slowest.as_millis(),
        failures.len()
    );
    if !failures.is_empty() {
        let report: Vec<String> = failures
            .iter()
            .map(|(error, input, path)| {
                let shown: String = input.chars().take(2_000).collect();
                let chars = input.chars().count();
                format!(
                    "{error}\n    whole input: {path}\n    repro ({chars} chars, first 2,000 \
                     shown): {shown:?}"
                )
            })
            .collect();
        panic!("fuzz {} failed:\n{}", run.name, report.join("\n"));
    }
}

/// The files in `tests/fixtures/` (the real export layouts), as text.
pub fn fixtures() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok())
                .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    assert!(files.len() >= 4, "fixtures not found in {dir}");
    files
}

/// Tokens of pasted ledgers: delimiters, line endings, quotes, dates and numbers at and past
/// every range the parser checks.
pub const PASTE_TOKENS: &[&str] = &[
    "\t",
    ",",
    ";",
    "\n",
    "\r\n",
    "\r",
    "\"",
    "\"\"",
    " ",
    "　",
    "",
    "0",
    "-1",
    "1e308",
    "NaN",
    "99999999999999999999",
    "9999999999999.99",
    "(1,234.56)",
    "1.234,56",
    "¥",
    "人民币",
    "USD",
    "2025-01-01",
    "1899-12-31",
    "2201-01-01",
    "9999-12-31",
    "0000-01-01",
    "2025/13/45",
    "31.12.2025",
    "2025年2月30日",
    "45000",
    "2958466",
    "-45000",
    "60",
    "合计",
    "Total",
    "发票号",
    "Invoice",
    "Customer",
    "Due date",
    "Amount",
    "Paid",
    "Currency",
    "Invoice date",
    "到期日",
    "金额",
    "已收",
    "１２，３４５．６０",
];

/// Workspaces of every shape the page writes: blank, the sample ledger with a charge rule,
/// notes and an edited template, and each fixture as pasted text.
pub fn workspaces() -> Vec<overdue_core::workspace::Workspace> {
    use overdue_core::charges::RuleKind;
    use overdue_core::playbook::{Annotation, InvoiceKey, PromiseToPay};
    use overdue_core::workspace::Workspace;
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
    let mut sample = Workspace::default();
    sample.input.text = overdue_core::sample::sample_text(as_of).into();
    sample.settings.as_of = Some(as_of);
    sample.settings.charges.workspace.rule = RuleKind::CnSmeRegulation;
    sample.settings.letters.sender.company = "示例科技有限公司".into();
    sample.settings.letters.templates.insert(
        "demand.en".into(),
        "{% for i in invoices %}{{ i.number }}{% endfor %}".into(),
    );
    sample.annotations.insert(
        InvoiceKey::new("ACME", "A1"),
        Annotation {
            promises: vec![PromiseToPay {
                pay_by: as_of,
                made_on: as_of,
            }],
            note: "call".into(),
            ..Default::default()
        },
    );
    let mut all = vec![Workspace::default(), sample];
    for text in fixtures() {
        let mut ws = Workspace::default();
        ws.input.text = text.into();
        all.push(ws);
    }
    all
}

/// What a letter of every kind does with `report`: no panic, whatever the settings (the
/// letters read dates and amounts from the report and add the settings' days to dates).
pub fn render_every_letter(
    report: &overdue_core::report::Report,
    settings: &overdue_core::letters::LetterSettings,
    date: chrono::NaiveDate,
) {
    use overdue_core::i18n::Lang;
    use overdue_core::letters::{render, LetterKind, LetterRequest};
    for kind in LetterKind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let request = LetterRequest {
                kind,
                lang,
                customer: String::new(),
                invoices: vec![0, 1, usize::MAX],
                date,
                deadline: None,
                instalments: None,
                history: Default::default(),
                charge_rule: None,
            };
            let letter = render(report, settings, &request);
            // An edited template may render to nothing; a failed one never leaves a blank.
            assert!(letter.error.is_none() || !letter.body.is_empty());
        }
    }
}

/// The as-of date every target derives on.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap()
}
