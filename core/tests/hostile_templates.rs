//! Hostile letter templates (issue 20): each of them is refused or stopped with an error and
//! its line, quickly, and the letter falls back to the default template. The times are printed
//! (`cargo test --release -p overdue-core --test hostile_templates -- --nocapture`).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use overdue_core::i18n::Lang;
use overdue_core::letters::limits::{vet, Limit, MAX_LETTER_BYTES};
use overdue_core::letters::{
    check_template, default_template, render, Letter, LetterKind, LetterRequest, LetterSettings,
};
use overdue_core::report::{derive, Report};
use overdue_core::workspace::Workspace;

const KINDS: [LetterKind; 7] = [
    LetterKind::Courtesy,
    LetterKind::Reminder,
    LetterKind::Demand,
    LetterKind::Final,
    LetterKind::Dispute,
    LetterKind::PaymentPlan,
    LetterKind::Statement,
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 20).unwrap()
}

/// A made-up customer with `rows` overdue invoices.
fn report_with(rows: usize) -> Report {
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(today());
    let mut text = String::from("Invoice\tCustomer\tDue date\tAmount\n");
    for n in 0..rows {
        text.push_str(&format!(
            "H{n}\tHostile Test Co\t2025-09-01\t{}.50\n",
            100 + n
        ));
    }
    ws.input.text = text.into();
    let report = derive(&ws, today());
    assert_eq!(report.parsed.invoices.len(), rows);
    report
}

fn request(kind: LetterKind, lang: Lang) -> LetterRequest {
    LetterRequest {
        kind,
        lang,
        customer: "Hostile Test Co".into(),
        invoices: vec![],
        date: today(),
        deadline: None,
        instalments: None,
        history: Default::default(),
        charge_rule: None,
    }
}

/// Renders `template` as the English reminder and returns the letter and how long it took.
fn render_hostile(report: &Report, template: &str) -> (Letter, Duration) {
    let mut settings = LetterSettings::default();
    settings.set_template(LetterKind::Reminder, Lang::En, template.to_string());
    let start = Instant::now();
    let letter = render(report, &settings, &request(LetterKind::Reminder, Lang::En));
    (letter, start.elapsed())
}

/// `depth` nested loops over a literal list of `width` zeros around `body`.
fn nested_loops(depth: usize, width: usize, body: &str) -> String {
    let list = format!("[{}]", vec!["0"; width].join(","));
    let mut source = String::new();
    for _ in 0..depth {
        source.push_str(&format!("{{% for x in {list} %}}"));
    }
    source.push_str(body);
    for _ in 0..depth {
        source.push_str("{% endfor %}");
    }
    source
}

/// Each hostile template, the limit it meets and the line it is reported on.
fn hostile_templates() -> Vec<(&'static str, String, Limit, Option<usize>)> {
    vec![
        (
            "huge list",
            "Dear\n{{ [0] * 1000000000000 }}".into(),
            Limit::Operator,
            Some(2),
        ),
        (
            "huge string",
            "{{ \"x\" * 100000000 }}".into(),
            Limit::Operator,
            Some(1),
        ),
        ("power", "{{ 10 ** 12 }}".into(), Limit::Operator, Some(1)),
        (
            "three loops of 1000 (issue 20)",
            "{% for a in [0] * 1000 %}{% for b in [0] * 1000 %}{% for c in [0] * 1000 %}\
             {% endfor %}{% endfor %}{% endfor %}"
                .into(),
            Limit::Operator,
            Some(1),
        ),
        (
            "string doubling with ~",
            "{% for a in invoices %}{{ subject ~ subject }}{% endfor %}".into(),
            Limit::Operator,
            Some(1),
        ),
        (
            "list concatenation",
            "{{ invoices + invoices }}".into(),
            Limit::Operator,
            Some(1),
        ),
        (
            "set",
            "{% set s = subject %}{{ s }}".into(),
            Limit::Statement,
            Some(1),
        ),
        (
            "capture doubling",
            "{% set s %}{{ subject }}{{ subject }}{% endset %}".into(),
            Limit::Statement,
            Some(1),
        ),
        (
            "filter",
            "{{ subject|upper }}".into(),
            Limit::Operator,
            Some(1),
        ),
        (
            "macro",
            "{% macro m() %}{{ m() }}{% endmacro %}".into(),
            Limit::Statement,
            Some(1),
        ),
        (
            "include",
            "{% include \"x\" %}".into(),
            Limit::Statement,
            Some(1),
        ),
        (
            "recursive loop",
            "{% for i in invoices recursive %}{{ loop(invoices) }}{% endfor %}".into(),
            Limit::Statement,
            Some(1),
        ),
        (
            "three literal loops of 1000",
            nested_loops(3, 1000, "x"),
            Limit::TooManySteps,
            Some(1),
        ),
        (
            "sixteen literal loops of 10",
            nested_loops(16, 10, "x"),
            Limit::TooManySteps,
            Some(1),
        ),
        (
            "deep nesting",
            nested_loops(17, 1, "x"),
            Limit::TooDeep,
            Some(1),
        ),
        (
            "long letter",
            nested_loops(2, 1000, "{{ invoices }}"),
            Limit::TooLong,
            None,
        ),
        (
            "source too long",
            "x".repeat(65 * 1024),
            Limit::SourceTooLong,
            None,
        ),
    ]
}

#[test]
fn every_default_template_is_within_the_limits() {
    for kind in KINDS {
        for lang in [Lang::Zh, Lang::En] {
            let source = default_template(kind, lang);
            assert_eq!(vet(source), Ok(()), "{kind:?} {lang:?}");
        }
    }
}

#[test]
fn an_edited_template_within_the_limits_still_renders() {
    let report = report_with(3);
    let template = "{% for inv in invoices %}{% if inv.outstanding != \"\" and not has_charges %}\
                    {{ loop.index }}. {{ inv.number }} {{ invoices[0].number }}\n{% endif %}{% endfor %}";
    let (letter, _) = render_hostile(&report, template);
    assert_eq!(letter.error, None);
    assert!(letter.body.contains("1. H0 H0"), "{}", letter.body);
    assert!(letter.body.contains("3. H2 H0"), "{}", letter.body);
}

#[test]
fn hostile_templates_are_stopped_quickly_with_their_line() {
    // Enough invoices that the long-letter template can outgrow the cap.
    let report = report_with(200);
    let default_letter = render(
        &report,
        &LetterSettings::default(),
        &request(LetterKind::Reminder, Lang::En),
    );
    assert_eq!(default_letter.error, None);
    for (name, template, limit, line) in hostile_templates() {
        let (letter, took) = render_hostile(&report, &template);
        let error = letter.error.unwrap_or_else(|| panic!("{name}: no error"));
        println!(
            "{name}: {} ms, {}",
            took.as_millis(),
            error.describe(Lang::En)
        );
        assert_eq!(error.limit, Some(limit), "{name}: {error:?}");
        assert_eq!(error.line, line, "{name}");
        assert!(took < Duration::from_secs(1), "{name}: took {took:?}");
        // The default letter stands in, so the page never shows a blank or huge letter.
        assert_eq!(letter.body, default_letter.body, "{name}");
        assert!(letter.body.len() < MAX_LETTER_BYTES);
        // The editor's live check says the same where the refusal needs no rendering.
        if !matches!(limit, Limit::TooManySteps | Limit::TooLong) {
            assert_eq!(
                check_template(&template).map(|e| e.limit),
                Some(Some(limit))
            );
        }
        assert!(!error.describe(Lang::Zh).is_empty());
    }
}

#[test]
fn the_step_budget_grows_with_the_letter_so_a_big_statement_still_renders() {
    // A statement for a customer with 5,000 invoices, through an edited template that lists
    // every invoice twice: within budget, however big the customer.
    let report = report_with(5_000);
    let template = "{% for inv in invoices %}{{ inv.number }} {{ inv.amount }}\n{% endfor %}\
                    {% for inv in invoices %}{{ inv.due_date }}\n{% endfor %}";
    let (letter, took) = render_hostile(&report, template);
    println!("5,000-invoice letter: {} ms", took.as_millis());
    assert_eq!(letter.error, None);
    assert!(letter.body.contains("H4999"));
}

#[test]
fn work_per_step_on_long_lists_stays_bounded() {
    // Steps that each cost as much as the letter is long (comparing or searching the list of
    // invoices), inside loops over it: the step budget alone allowed billions of element
    // comparisons (membership took 149 s with 2,000 invoices before these were refused).
    let report = report_with(2_000);
    for (name, template) in [
        (
            "list equality in nested loops",
            "{% for a in invoices %}{% for b in invoices %}{% if invoices == invoices %}{% endif %}{% endfor %}{% endfor %}",
        ),
        (
            "membership in nested loops",
            "{% for a in invoices %}{% for b in invoices %}{% if b in invoices %}{% endif %}{% endfor %}{% endfor %}",
        ),
        (
            "slices in nested loops",
            "{% for a in invoices %}{% for b in invoices[1:] %}{% if invoices[1:] == invoices[:-1] %}{% endif %}{% endfor %}{% endfor %}",
        ),
    ] {
        let (letter, took) = render_hostile(&report, template);
        let limit = letter.error.and_then(|e| e.limit);
        println!("{name}: {} ms, {limit:?}", took.as_millis());
        assert_eq!(limit, Some(Limit::Operator), "{name}");
        assert!(took < Duration::from_secs(1), "{name}: {took:?}");
    }
}
