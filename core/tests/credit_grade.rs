//! The credit grade on constructed histories: paid early, late, a worsening trend, broken
//! promises, disputes, a customer that never pays, and no history at all.

use chrono::{Days, NaiveDate};
use overdue_core::aging::{age, Aged, Buckets};
use overdue_core::credit::grade::{grade, Grade, GradeReason};
use overdue_core::credit::CreditSettings;
use overdue_core::paste::Invoice;
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn as_of() -> NaiveDate {
    d(2025, 12, 31)
}

/// An invoice due `due`; paid `late` days after it (negative: early), or open when None.
fn inv(number: &str, due: NaiveDate, late: Option<i64>) -> Invoice {
    let amount = Decimal::from(1000);
    let paid_date = late.map(|l| {
        if l >= 0 {
            due.checked_add_days(Days::new(l as u64)).unwrap()
        } else {
            due.checked_sub_days(Days::new((-l) as u64)).unwrap()
        }
    });
    Invoice {
        line: 1,
        number: number.into(),
        customer: "华强电子".into(),
        currency: "CNY".into(),
        invoice_date: None,
        due_date: due,
        due_derived: false,
        amount,
        paid: if late.is_some() {
            amount
        } else {
            Decimal::ZERO
        },
        outstanding: if late.is_some() {
            Decimal::ZERO
        } else {
            amount
        },
        paid_date,
        notes: String::new(),
        salesperson: None,
    }
}

fn graded(invoices: &[Invoice], broken: usize, disputes: usize) -> overdue_core::credit::Graded {
    let aged: Vec<Aged> = invoices
        .iter()
        .map(|i| age(i, as_of(), &Buckets::stages()))
        .collect();
    grade(
        invoices.iter().zip(&aged),
        broken,
        disputes,
        &CreditSettings::default(),
        as_of(),
    )
}

#[test]
fn paid_early_or_on_time_is_a_with_nothing_against_it() {
    let invoices = [
        inv("1", d(2025, 9, 30), Some(-3)),
        inv("2", d(2025, 10, 31), Some(0)),
        inv("3", d(2025, 11, 30), Some(-10)),
    ];
    let g = graded(&invoices, 0, 0);
    assert_eq!(g.grade, Some(Grade::A));
    assert!(g.why.is_empty(), "{:?}", g.why);
    assert_eq!(g.history.on_time_percent, 100);
    assert_eq!(g.history.average_days_late, 0);
}

#[test]
fn half_paid_late_is_c_and_says_why() {
    // Two on time, two 20 and 40 days late: 50 % on time (C), 15 days late on average (B).
    let invoices = [
        inv("1", d(2025, 11, 1), Some(0)),
        inv("2", d(2025, 11, 2), Some(0)),
        inv("3", d(2025, 11, 3), Some(20)),
        inv("4", d(2025, 11, 4), Some(40)),
    ];
    let g = graded(&invoices, 0, 0);
    assert_eq!(g.grade, Some(Grade::C));
    assert_eq!(
        g.why,
        vec![
            GradeReason::OnTime {
                percent: 50,
                counted: 4
            },
            GradeReason::DaysLate { average: 15 },
        ]
    );
}

#[test]
fn paying_later_lately_costs_a_grade() {
    // Eight paid on time half a year ago, two paid 10 days late this month: 80 % on time (B),
    // 2 days late on average (A), but 10 days recently against 0 before: one grade down, C.
    let mut invoices: Vec<Invoice> = (1..=8)
        .map(|i| inv(&format!("old{i}"), d(2025, 5, i), Some(0)))
        .collect();
    invoices.push(inv("new1", d(2025, 12, 1), Some(10)));
    invoices.push(inv("new2", d(2025, 12, 2), Some(10)));
    let g = graded(&invoices, 0, 0);
    assert_eq!(g.history.trend, Some((10, 0)));
    assert_eq!(g.grade, Some(Grade::C));
    assert!(g.why.contains(&GradeReason::Worsening {
        recent: 10,
        before: 0
    }));
}

#[test]
fn broken_promises_cap_the_grade_and_two_make_it_d() {
    let invoices = [inv("1", d(2025, 11, 1), Some(0))];
    assert_eq!(graded(&invoices, 1, 0).grade, Some(Grade::C));
    let two = graded(&invoices, 2, 0);
    assert_eq!(two.grade, Some(Grade::D));
    assert_eq!(two.why, vec![GradeReason::BrokenPromises { count: 2 }]);
}

#[test]
fn an_open_dispute_caps_the_grade_at_b() {
    let invoices = [inv("1", d(2025, 11, 1), Some(0))];
    let g = graded(&invoices, 0, 1);
    assert_eq!(g.grade, Some(Grade::B));
    assert_eq!(g.why, vec![GradeReason::OpenDisputes { count: 1 }]);
}

#[test]
fn a_customer_that_never_pays_is_not_new() {
    // One open invoice 70 days past due and nothing paid: in the history, late, grade D.
    let invoices = [inv("1", d(2025, 10, 22), None)];
    let g = graded(&invoices, 0, 0);
    assert_eq!(g.history.counted, 1);
    assert_eq!(g.history.average_days_late, 70);
    assert_eq!(g.grade, Some(Grade::D));
}

#[test]
fn no_history_has_no_grade() {
    // Only an invoice not yet due: nothing to judge by.
    let invoices = [inv("1", d(2026, 1, 30), None)];
    let g = graded(&invoices, 0, 0);
    assert_eq!(g.grade, None);
    assert_eq!(g.history.counted, 0);
    assert!(g.why.is_empty());
}

#[test]
fn the_thresholds_are_settings() {
    let invoices = [
        inv("0", d(2025, 10, 31), Some(0)),
        inv("1", d(2025, 11, 1), Some(0)),
        inv("2", d(2025, 11, 2), Some(8)),
    ];
    let aged: Vec<Aged> = invoices
        .iter()
        .map(|i| age(i, as_of(), &Buckets::stages()))
        .collect();
    let strict = grade(
        invoices.iter().zip(&aged),
        0,
        0,
        &CreditSettings::default(),
        as_of(),
    );
    // 66 % on time (C), 2 days late on average (A): C by default…
    assert_eq!(strict.grade, Some(Grade::C));
    // …and A for a user who counts a 10-day grace as on time.
    let lenient = CreditSettings {
        grace_days: 10,
        ..CreditSettings::default()
    };
    let g = grade(invoices.iter().zip(&aged), 0, 0, &lenient, as_of());
    assert_eq!(g.grade, Some(Grade::A));
}

#[test]
fn one_or_two_invoices_are_graded_by_their_days_late_not_by_a_share_of_chance() {
    // One invoice 10 days late and nothing paid yet: "0 % on time" over one invoice says
    // nothing; 10 days late on average is B (≤ 15), not D with prepayment.
    let one = graded(&[inv("1", d(2025, 12, 21), None)], 0, 0);
    assert_eq!(one.history.counted, 1);
    assert_eq!(one.history.on_time_percent, 0);
    assert_eq!(one.grade, Some(Grade::B));
    assert_eq!(one.why, vec![GradeReason::DaysLate { average: 10 }]);
    // Two paid 3 and 12 days late: 7 on average, B; the share does not enter.
    let two = graded(
        &[
            inv("1", d(2025, 10, 1), Some(3)),
            inv("2", d(2025, 11, 1), Some(12)),
        ],
        0,
        0,
    );
    assert_eq!(two.grade, Some(Grade::B));
    // From the third invoice on, the share counts: one of three on time (33 %) is D.
    let three = graded(
        &[
            inv("1", d(2025, 9, 1), Some(0)),
            inv("2", d(2025, 10, 1), Some(3)),
            inv("3", d(2025, 11, 1), Some(12)),
        ],
        0,
        0,
    );
    assert_eq!(three.grade, Some(Grade::D));
}
