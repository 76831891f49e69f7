//! The page writes a letter in two modules (issue 14): its own gathers the values
//! (`letters::prepare`), the letters engine module runs the template (`letters::engine`), and
//! the request and the body cross between them as JSON. Here: for every kind and language,
//! each customer of the sample ledger and templates that work, fail to compile, name an
//! unknown value, run out of steps or break a limit, the letter written through JSON is the
//! letter `render` writes in one piece; and a link's template is refused for the same limits
//! with or without the engine.

use chrono::NaiveDate;
use overdue_core::i18n::Lang;
use overdue_core::letters::engine::write;
use overdue_core::letters::{
    check_template, limits, prepare, render, template_key, Body, BodyRequest, LetterKind,
    LetterRequest, LetterSettings,
};
use overdue_core::report::derive;
use overdue_core::workspace::Workspace;

const TEMPLATES: [&str; 6] = [
    // The default template.
    "",
    // An edited one that loops and prints lists whole.
    "{{ greeting }}\n{% for i in invoices %}{{ i.number }} {{ i.outstanding }} {{ i.days_overdue }}\n{% endfor %}{{ invoices }}\n{{ closing }}",
    // A syntax error.
    "{% if %}",
    // A value that does not exist.
    "{{ nosuch }}",
    // Loops inside loops over the greeting's characters (ten or more, seven deep): out of steps.
    "{% for a in greeting %}{% for b in greeting %}{% for c in greeting %}{% for d in greeting %}{% for e in greeting %}{% for f in greeting %}{% for g in greeting %}{{ a }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
    // A statement the limits refuse.
    "{% set x = 1 %}",
];

#[test]
fn a_letter_written_through_json_is_the_letter_written_in_one_piece() {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(as_of);
    ws.input.text = overdue_core::sample::sample_text(as_of).into();
    let report = derive(&ws, as_of);
    let mut customers: Vec<String> = report
        .parsed
        .invoices
        .iter()
        .map(|i| i.customer.to_string())
        .collect();
    customers.sort();
    customers.dedup();
    assert!(customers.len() >= 3, "{customers:?}");
    // Three are enough (a Chinese and a foreign one among them); the out-of-steps case is slow.
    customers.truncate(3);
    let (mut letters, mut failed, mut limited) = (0, 0, 0);
    for kind in LetterKind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            for customer in &customers {
                for template in TEMPLATES {
                    let mut settings = LetterSettings::default();
                    if !template.is_empty() {
                        settings
                            .templates
                            .insert(template_key(kind, lang), template.to_string());
                    }
                    let request = LetterRequest {
                        kind,
                        lang,
                        customer: customer.clone(),
                        invoices: vec![],
                        date: as_of,
                        deadline: None,
                        instalments: None,
                        history: Default::default(),
                        charge_rule: None,
                    };
                    let whole = render(&report, &settings, &request);
                    let prepared = prepare(&report, &settings, &request);
                    let json = serde_json::to_string(&prepared.body).unwrap();
                    let crossed: BodyRequest = serde_json::from_str(&json).unwrap();
                    assert_eq!(crossed, prepared.body);
                    let body = serde_json::to_string(&write(&crossed)).unwrap();
                    let body: Body = serde_json::from_str(&body).unwrap();
                    let letter = prepared.finish(body);
                    assert_eq!(letter, whole, "{kind:?} {lang:?} {customer} {template:?}");
                    assert!(!letter.body.trim().is_empty());
                    letters += 1;
                    failed += usize::from(letter.error.is_some());
                    limited +=
                        usize::from(letter.error.as_ref().is_some_and(|e| e.limit.is_some()));
                }
            }
        }
    }
    // Each failing template failed every time, and the two limited ones met a limit.
    let per_template = LetterKind::ALL.len() * 2 * customers.len();
    assert_eq!(letters, per_template * TEMPLATES.len());
    assert_eq!(failed, per_template * 4);
    assert_eq!(limited, per_template * 2);
}

#[test]
fn the_limits_a_link_is_checked_against_need_no_engine() {
    // Every limit `check_template` reports is one `vet` finds without compiling.
    for template in TEMPLATES.iter().chain(&[
        "{{ a * 2 }}",
        "{{ invoices | length }}",
        "{% macro m() %}{% endmacro %}",
        "{% if a %}{% if b %}{% endif %}",
        "plain text",
    ]) {
        let full = check_template(template).filter(|e| e.limit.is_some());
        let vetted = limits::vet(template).err().filter(|e| e.limit.is_some());
        assert_eq!(full, vetted, "{template:?}");
    }
    let huge = "x".repeat(limits::MAX_TEMPLATE_BYTES + 1);
    assert!(limits::vet(&huge).err().is_some_and(|e| e.limit.is_some()));
}
