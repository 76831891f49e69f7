//! Fuzzing letter templates (issue 20): mutants of the default templates and of hostile
//! snippets, rendered as a user's edited template over a real report. No input may panic or
//! take longer than its bound, the letter is never empty, never over the output cap, and an
//! error always comes with the default letter in its place.
//!
//! Short run: part of `cargo test`. Long run (10 million inputs by default):
//! `FUZZ_ITERS=10000000 cargo test --release -p overdue-core --test fuzz_templates -- --ignored --nocapture`

mod fuzz_support;

use std::sync::OnceLock;
use std::time::Duration;

use fuzz_support::{fuzz, today, workspaces, Outcome, Run};
use overdue_core::i18n::Lang;
use overdue_core::letters::limits::MAX_LETTER_BYTES;
use overdue_core::letters::{render, LetterKind, LetterRequest, LetterSettings};
use overdue_core::report::{derive, Report};

/// The pieces templates are made of, and the constructs a hostile one reaches for.
const TEMPLATE_TOKENS: &[&str] = &[
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{%-",
    "-%}",
    "{{-",
    "-}}",
    " for x in invoices ",
    " for a in [0,0,0,0,0,0,0,0,0,0] ",
    " endfor ",
    " if ",
    " elif ",
    " else ",
    " endif ",
    " raw ",
    " endraw ",
    " set x = 1 ",
    " macro m() ",
    " include 'x' ",
    " * ",
    " ** ",
    " + ",
    " ~ ",
    "|",
    " = ",
    "[0] * 1000000000000",
    "\"x\" * 100000000",
    "loop.index",
    "loop(x)",
    " recursive ",
    "invoices",
    "invoices[0]",
    "invoices[-1]",
    "invoices[99999999999]",
    "sender.company",
    "customer.name",
    "plan.rows",
    "subject",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "'",
    "\\",
    "1e309",
    "-9223372036854775808",
    "99999999999999999999999999999999999999999",
    " not ",
    " and ",
    " or ",
    " is defined ",
    " in ",
    ".",
    "::",
    "\n",
];

fn corpus() -> Vec<String> {
    let mut corpus: Vec<String> = LetterKind::ALL
        .iter()
        .flat_map(|&kind| {
            [Lang::Zh, Lang::En].map(|lang| overdue_core::letters::default_template(kind, lang))
        })
        .map(str::to_string)
        .collect();
    corpus.extend(
        [
            "{% for a in invoices %}{% for b in invoices %}{% for c in invoices %}{{ a.number }}{% endfor %}{% endfor %}{% endfor %}",
            "{% for a in [0,0,0,0,0,0,0,0,0,0] %}{% for b in [0,0,0,0,0,0,0,0,0,0] %}{{ invoices }}{% endfor %}{% endfor %}",
            "{{ invoices[0].number }} {{ plan.rows }} {% if has_charges %}{{ charges }}{% endif %}",
        ]
        .map(str::to_string),
    );
    corpus
}

/// The sample workspace's report, built once.
fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| derive(&workspaces()[1], today()))
}

fn check(template: &str) -> Outcome {
    let report = report();
    let mut settings = LetterSettings::default();
    settings.set_template(LetterKind::Demand, Lang::En, template.to_string());
    let request = LetterRequest {
        kind: LetterKind::Demand,
        lang: Lang::En,
        customer: String::new(),
        invoices: vec![],
        date: today(),
        deadline: None,
        instalments: None,
        history: Default::default(),
        charge_rule: None,
    };
    let letter = render(report, &settings, &request);
    if letter.body.is_empty() && !template.trim().is_empty() && letter.error.is_some() {
        return Err("empty letter after an error".into());
    }
    if letter.body.len() > MAX_LETTER_BYTES {
        return Err(format!("letter of {} bytes", letter.body.len()));
    }
    Ok(())
}

fn run(iters: u64) -> Run<'static> {
    Run {
        name: "templates",
        corpus: corpus(),
        dictionary: TEMPLATE_TOKENS,
        max_chars: 20_000,
        default_iters: iters,
        time_bound: Duration::from_millis(500),
    }
}

#[test]
fn short_run() {
    fuzz(run(2_000), check);
}

#[test]
#[ignore]
fn long_run() {
    fuzz(run(10_000_000), check);
}
