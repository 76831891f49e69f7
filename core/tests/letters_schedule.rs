//! The instalment schedule of a payment-plan letter.

use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::letters::{instalments, MAX_INSTALMENTS};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn equal_to_the_cent_with_the_remainder_last() {
    let plan = instalments(d("100"), 3, date(2025, 1, 15));
    assert_eq!(
        plan,
        vec![
            (date(2025, 1, 15), d("33.33")),
            (date(2025, 2, 15), d("33.33")),
            (date(2025, 3, 15), d("33.34")),
        ]
    );
}

#[test]
fn month_ends_stay_month_ends() {
    let dates: Vec<_> = instalments(d("400"), 4, date(2024, 1, 31))
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(
        dates,
        [
            date(2024, 1, 31),
            date(2024, 2, 29),
            date(2024, 3, 31),
            date(2024, 4, 30)
        ]
    );
}

#[test]
fn degenerate_inputs() {
    assert!(instalments(d("100"), 0, date(2025, 1, 1)).is_empty());
    assert!(instalments(d("0"), 3, date(2025, 1, 1)).is_empty());
    assert!(instalments(d("-5"), 3, date(2025, 1, 1)).is_empty());
    assert_eq!(
        instalments(d("100"), 1, date(2025, 1, 1)),
        vec![(date(2025, 1, 1), d("100.00"))]
    );
    // No instalment of zero: 0.03 in 10 is three instalments of 0.01.
    assert_eq!(instalments(d("0.03"), 10, date(2025, 1, 1)).len(), 3);
    assert_eq!(
        instalments(d("1000000"), u32::MAX, date(2025, 1, 1)).len(),
        MAX_INSTALMENTS as usize
    );
    // The end of the calendar: no panic, the sum still holds.
    let late = instalments(d("100"), 12, NaiveDate::MAX);
    assert_eq!(late.iter().map(|r| r.1).sum::<Decimal>(), d("100"));
}

proptest! {
    #[test]
    fn the_schedule_sums_to_the_total(cents in 1i64..10_000_000_000_000, count in 1u32..200) {
        let total = Decimal::new(cents, 2);
        let plan = instalments(total, count, date(2025, 1, 31));
        prop_assert!(!plan.is_empty());
        prop_assert_eq!(plan.iter().map(|r| r.1).sum::<Decimal>(), total);
        let first = plan[0].1;
        for row in &plan[..plan.len() - 1] {
            prop_assert_eq!(row.1, first);
        }
        let last = plan[plan.len() - 1].1;
        prop_assert!(last >= first && last - first < Decimal::new(plan.len() as i64, 2));
        for pair in plan.windows(2) {
            prop_assert!(pair[0].0 < pair[1].0);
        }
    }
}
