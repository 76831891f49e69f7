//! Working days as a Chinese finance clerk counts them, across the Spring Festival and National
//! Day with their 调休 working weekends, and past the last year the table covers.
//!
//! Sources (the notices the table cites, in `core/src/calendar.rs`):
//! - 2025: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12):
//!   春节 1月28日至2月4日放假调休，1月26日(周日)、2月8日(周六)上班; 国庆节、中秋节 10月1日至8日，
//!   9月28日(周日)、10月11日(周六)上班.
//! - 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): 春节 2月15日至23日，
//!   2月14日(周六)、2月28日(周六)上班; 国庆节 10月1日至7日，9月20日(周日)、10月10日(周六)上班.

use chrono::NaiveDate;
use overdue_core::calendar::{
    add_working_days, Calendar, CalendarChoice, CalendarSettings, CN_LAST_YEAR,
};
use overdue_core::playbook::{Annotation, Dispute, DisputeReason, InvoiceKey};
use overdue_core::report::derive;
use overdue_core::workspace::Workspace;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cn() -> Calendar {
    Calendar::mainland_china()
}

#[test]
fn spring_festival_2025_skips_the_holiday_week_and_counts_the_worked_saturday() {
    // Friday 24 January 2025: the next working day is Sunday the 26th (上班).
    assert_eq!(add_working_days(d(2025, 1, 24), 1, &cn()), d(2025, 1, 26));
    // Three working days: Sun 26, Mon 27, then nothing until Wed 5 February.
    assert_eq!(add_working_days(d(2025, 1, 24), 3, &cn()), d(2025, 2, 5));
    // Weekends only would have said Wednesday 29 January, a week early.
    let plain = Calendar::weekends_only();
    assert_eq!(add_working_days(d(2025, 1, 24), 3, &plain), d(2025, 1, 29));
    // From Monday 27 January, five: 5, 6, 7, Saturday 8 (上班), Monday 10 February.
    assert_eq!(add_working_days(d(2025, 1, 27), 5, &cn()), d(2025, 2, 10));
}

#[test]
fn spring_festival_2026_starts_with_a_worked_saturday() {
    // Friday 13 February 2026: Saturday the 14th is worked, then nine days off to the 23rd.
    assert_eq!(add_working_days(d(2026, 2, 13), 1, &cn()), d(2026, 2, 14));
    assert_eq!(add_working_days(d(2026, 2, 13), 2, &cn()), d(2026, 2, 24));
    assert_eq!(add_working_days(d(2026, 2, 13), 3, &cn()), d(2026, 2, 25));
    // Saturday 28 February is worked too.
    assert_eq!(add_working_days(d(2026, 2, 27), 1, &cn()), d(2026, 2, 28));
}

#[test]
fn national_day_2025_and_2026() {
    // 2025: Sunday 28 September worked, 1–8 October off, Saturday 11 October worked.
    let from = d(2025, 9, 26);
    let expected = [
        d(2025, 9, 28),
        d(2025, 9, 29),
        d(2025, 9, 30),
        d(2025, 10, 9),
        d(2025, 10, 10),
        d(2025, 10, 11),
        d(2025, 10, 13),
    ];
    for (n, want) in (1..).zip(expected) {
        assert_eq!(add_working_days(from, n, &cn()), want, "{n} working days");
    }
    // 2026: 1–7 October off, Saturday 10 October worked.
    let from = d(2026, 9, 30);
    assert_eq!(add_working_days(from, 1, &cn()), d(2026, 10, 8));
    assert_eq!(add_working_days(from, 3, &cn()), d(2026, 10, 10));
    assert_eq!(add_working_days(from, 4, &cn()), d(2026, 10, 12));
    // Sunday 20 September 2026 is worked.
    assert_eq!(add_working_days(d(2026, 9, 18), 1, &cn()), d(2026, 9, 20));
}

#[test]
fn past_the_last_covered_year_it_counts_weekends_only_and_says_so() {
    assert_eq!(CN_LAST_YEAR, 2026);
    let cal = cn();
    assert_eq!(cal.covered_to(), Some(2026));
    // 1 January 2027 is a Friday: with no notice for 2027 it counts as a working day…
    let due = add_working_days(d(2026, 12, 31), 1, &cal);
    assert_eq!(due, d(2027, 1, 1));
    // …and the page is told the count left the table.
    assert!(cal.beyond_table(due));
    assert!(!cal.beyond_table(d(2026, 12, 31)));
    assert!(!Calendar::weekends_only().beyond_table(due));
}

#[test]
fn the_users_own_holidays_count_in_either_calendar() {
    let settings = CalendarSettings {
        choice: CalendarChoice::WeekendsOnly,
        holidays: vec![d(2027, 1, 1), d(2027, 1, 1)],
    };
    let cal = settings.resolve("CNY");
    assert!(!cal.china);
    assert_eq!(cal.holidays, vec![d(2027, 1, 1)]);
    assert_eq!(add_working_days(d(2026, 12, 31), 1, &cal), d(2027, 1, 4));
}

#[test]
fn auto_means_mainland_china_for_a_cny_workspace_only() {
    let auto = CalendarSettings::default();
    assert!(auto.resolve("CNY").china);
    assert!(!auto.resolve("EUR").china);
    let forced = CalendarSettings {
        choice: CalendarChoice::MainlandChina,
        holidays: vec![],
    };
    assert!(forced.resolve("EUR").china);
}

/// A dispute raised on Monday 27 January 2025, the day before the Spring Festival: the
/// acknowledgment is due the first working day after the holiday, and the evidence three
/// working days after that — counting Saturday 8 February.
#[test]
fn a_dispute_deadline_across_the_spring_festival() {
    let mut ws = Workspace::default();
    ws.settings.as_of = Some(d(2025, 1, 27));
    ws.input.text = "发票号\t客户\t到期日\t金额\t币种\n\
                     FP1\t华强电子\t2024-12-31\t10000\tCNY\n"
        .to_string()
        .into();
    ws.annotations.insert(
        InvoiceKey::new("华强电子", "FP1"),
        Annotation {
            dispute: Some(Dispute {
                reason: DisputeReason::Quantity,
                disputed_amount: None,
                since: d(2025, 1, 27),
            }),
            ..Default::default()
        },
    );
    let report = derive(&ws, d(2025, 1, 27));
    let case = report.row(0).unwrap().assessment.dispute.clone().unwrap();
    assert_eq!(case.evidence_by, d(2025, 2, 8));
    assert!(report.calendar.china);

    ws.settings.calendar.choice = CalendarChoice::WeekendsOnly;
    let report = derive(&ws, d(2025, 1, 27));
    let case = report.row(0).unwrap().assessment.dispute.clone().unwrap();
    // Weekends only: Tue 28 + three = Fri 31 January, in the middle of the holiday.
    assert_eq!(case.evidence_by, d(2025, 1, 31));
}
