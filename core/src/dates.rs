//! Dates: reading them in the forms spreadsheets and accounting exports produce.
//!
//! A cell like `03/04/2025` is ambiguous on its own; the order of day and month is a property of
//! the whole sheet, so it is inferred from every date cell together ([`infer_order`]), shown, and
//! can be flipped by the user.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::text::fold_width;

/// Order of day and month in dates written with the year last (`28/09/2025`, `09/28/2025`).
/// Dates with the year first (`2025/9/28`, `2025年9月28日`) are always year-month-day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DayMonthOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

impl DayMonthOrder {
    pub fn flipped(self) -> Self {
        match self {
            DayMonthOrder::DayFirst => DayMonthOrder::MonthFirst,
            DayMonthOrder::MonthFirst => DayMonthOrder::DayFirst,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    Empty,
    /// Not a date in any form we read.
    Unrecognised,
    /// Looks like a date but names a day that does not exist (`2025-02-30`).
    NoSuchDay,
}

/// What a cell says about the day/month order: `28/09/2025` says day first (28 is no month),
/// `09/28/2025` says month first, `03/04/2025` says nothing.
pub fn order_evidence(raw: &str) -> Option<DayMonthOrder> {
    match year_last_order(raw) {
        YearLast::Says(order) => Some(order),
        YearLast::Ambiguous | YearLast::No => None,
    }
}

/// A cell read once for [`infer_order`]: a year-last date and what it says, or no such date.
enum YearLast {
    Says(DayMonthOrder),
    Ambiguous,
    No,
}

fn year_last_order(raw: &str) -> YearLast {
    let folded = fold_width(raw);
    let Some(parts) = numeric_parts(&folded) else {
        return YearLast::No;
    };
    if parts.len() != 3 || parts[0].len() > 2 || parts[2].len() < 2 {
        return YearLast::No;
    }
    let (Ok(a), Ok(b)) = (parts[0].parse::<u32>(), parts[1].parse::<u32>()) else {
        return YearLast::Ambiguous;
    };
    match (a > 12, b > 12) {
        (true, false) => YearLast::Says(DayMonthOrder::DayFirst),
        (false, true) => YearLast::Says(DayMonthOrder::MonthFirst),
        _ => YearLast::Ambiguous,
    }
}

/// The order a set of date cells was written in, with how sure we are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderInference {
    pub order: DayMonthOrder,
    /// Cells that could only be read day first / month first.
    pub day_first_votes: usize,
    pub month_first_votes: usize,
    /// Year-last cells that were ambiguous (both parts ≤ 12).
    pub ambiguous: usize,
}

impl OrderInference {
    /// True when some cells contradict the chosen order (a sheet that mixes conventions).
    pub fn conflicting(&self) -> bool {
        self.day_first_votes > 0 && self.month_first_votes > 0
    }
    /// True when year-last dates exist and none of them decides the order.
    pub fn undecided(&self) -> bool {
        self.day_first_votes == 0 && self.month_first_votes == 0 && self.ambiguous > 0
    }
}

/// Infers the day/month order from every date cell of a sheet; ties and silence fall back to
/// `fallback` (day first for most of the world; the user can flip it).
pub fn infer_order<'a>(
    cells: impl Iterator<Item = &'a str>,
    fallback: DayMonthOrder,
) -> OrderInference {
    let mut inference = OrderInference {
        order: fallback,
        day_first_votes: 0,
        month_first_votes: 0,
        ambiguous: 0,
    };
    for cell in cells {
        match year_last_order(cell) {
            YearLast::Says(DayMonthOrder::DayFirst) => inference.day_first_votes += 1,
            YearLast::Says(DayMonthOrder::MonthFirst) => inference.month_first_votes += 1,
            YearLast::Ambiguous => inference.ambiguous += 1,
            YearLast::No => {}
        }
    }
    inference.order = match inference.day_first_votes.cmp(&inference.month_first_votes) {
        std::cmp::Ordering::Greater => DayMonthOrder::DayFirst,
        std::cmp::Ordering::Less => DayMonthOrder::MonthFirst,
        std::cmp::Ordering::Equal => fallback,
    };
    inference
}

/// Up to three digit groups of a numeric date; no allocation, as this runs on every date cell.
struct DigitGroups<'a> {
    groups: [&'a str; 3],
    count: usize,
}

impl<'a> std::ops::Deref for DigitGroups<'a> {
    type Target = [&'a str];
    fn deref(&self) -> &[&'a str] {
        &self.groups[..self.count]
    }
}

/// Splits `28/09/2025`, `2025.9.28`, `2025-09-28 00:00:00` into their digit groups; None when
/// the cell has anything else in its date part. More than three groups give an empty list,
/// which no caller reads as a date.
fn numeric_parts(s: &str) -> Option<DigitGroups<'_>> {
    let s = s.trim();
    let bytes = s.as_bytes();
    let end = bytes
        .iter()
        .position(|&b| b == b' ' || b == b'T')
        .unwrap_or(bytes.len());
    let mut groups = [""; 3];
    let mut count = 0;
    let mut start = 0;
    for i in 0..=end {
        if i < end && bytes[i].is_ascii_digit() {
            continue;
        }
        if i < end && !matches!(bytes[i], b'/' | b'-' | b'.') {
            return None;
        }
        if i == start {
            return None;
        }
        if count == 3 {
            return Some(DigitGroups { groups, count: 0 });
        }
        // Only ASCII bytes were passed, so `start..i` lies on character boundaries.
        groups[count] = &s[start..i];
        count += 1;
        start = i + 1;
    }
    (count >= 2).then_some(DigitGroups { groups, count })
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `Sep`, `Sept.`, `September` → 9. At least three letters, so `Ma` names no month.
fn month_from_name(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|full| full.starts_with(w))
        .map(|i| i as u32 + 1)
}

/// Excel stores dates as days since 1899-12-30 (the 1900 date system, with its phantom
/// 1900-02-29). We accept serials for 1910..2099 only, so that a stray amount is not a date.
const EXCEL_SERIAL_RANGE: std::ops::RangeInclusive<i64> = 3654..=73050;

fn from_excel_serial(serial: i64) -> Option<NaiveDate> {
    if !EXCEL_SERIAL_RANGE.contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::days(serial))
}

fn two_digit_year(y: i32) -> i32 {
    if y < 70 {
        2000 + y
    } else {
        1900 + y
    }
}

/// Years a date cell may name. Anything else is a typo or an amount, and is reported rather
/// than read (a year 30000 would otherwise reach date arithmetic far outside any ledger).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !YEARS.contains(&y) {
        return Err(DateError::Unrecognised);
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::NoSuchDay)
}

/// Reads a date cell. Forms: `2025-09-28`, `2025/9/28`, `2025.09.28`, `2025年9月28日`,
/// `20250928`, `28/09/2025`, `09/28/2025` and `28.09.2025` (by `order`), two-digit years,
/// `28-Sep-2025`, `Sep 28, 2025`, `28 September 2025`, a trailing time, and Excel serials.
pub fn parse_date(raw: &str, order: DayMonthOrder) -> Result<NaiveDate, DateError> {
    let folded = fold_width(raw);
    let s = folded.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    if let Some(date) = parse_iso_like(s) {
        return date;
    }
    if let Some(date) = parse_chinese(s) {
        return date;
    }
    if let Some(date) = parse_serial(s) {
        return Ok(date);
    }
    if let Some(parts) = numeric_parts(s) {
        return parse_numeric(&parts, order);
    }
    parse_with_month_name(s).unwrap_or(Err(DateError::Unrecognised))
}

/// `2025-09-28`, `2025/09/28`, `2025.09.28`: the form most exports write, read straight from
/// its bytes. The general path below reads these the same way (year first, by `ymd`).
fn parse_iso_like(s: &str) -> Option<Result<NaiveDate, DateError>> {
    let b = s.as_bytes();
    let sep = |i: usize| matches!(b[i], b'-' | b'/' | b'.');
    if b.len() != 10 || !sep(4) || !sep(7) {
        return None;
    }
    let mut digits = [0u32; 8];
    for (slot, &i) in digits.iter_mut().zip(&[0, 1, 2, 3, 5, 6, 8, 9]) {
        *slot = u32::from(b[i].wrapping_sub(b'0'));
        if *slot > 9 {
            return None;
        }
    }
    let [y0, y1, y2, y3, m0, m1, d0, d1] = digits;
    let year = (y0 * 1000 + y1 * 100 + y2 * 10 + y3) as i32;
    Some(ymd(year, m0 * 10 + m1, d0 * 10 + d1))
}

fn parse_chinese(s: &str) -> Option<Result<NaiveDate, DateError>> {
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.trim().trim_end_matches(['日', '号']).trim();
    let num = |t: &str| t.trim().parse::<u32>().ok();
    Some(match (num(y), num(m), num(d)) {
        (Some(y), Some(m), Some(d)) => {
            let y = if y < 100 {
                two_digit_year(y as i32)
            } else {
                y as i32
            };
            ymd(y, m, d)
        }
        _ => Err(DateError::Unrecognised),
    })
}

fn parse_numeric(parts: &[&str], order: DayMonthOrder) -> Result<NaiveDate, DateError> {
    let num = |t: &str| t.parse::<u32>().map_err(|_| DateError::Unrecognised);
    if parts.len() != 3 {
        return Err(DateError::Unrecognised);
    }
    if parts[0].len() == 4 {
        return ymd(num(parts[0])? as i32, num(parts[1])?, num(parts[2])?);
    }
    if parts[0].len() > 2 || parts[1].len() > 2 || !(parts[2].len() == 2 || parts[2].len() == 4) {
        return Err(DateError::Unrecognised);
    }
    let year = num(parts[2])? as i32;
    let year = if parts[2].len() == 2 {
        two_digit_year(year)
    } else {
        year
    };
    let (a, b) = (num(parts[0])?, num(parts[1])?);
    // A cell that can only be read one way is read that way, whatever the column's order.
    let (day, month) = match (order, a > 12, b > 12) {
        (_, true, false) => (a, b),
        (_, false, true) => (b, a),
        (DayMonthOrder::DayFirst, _, _) => (a, b),
        (DayMonthOrder::MonthFirst, _, _) => (b, a),
    };
    ymd(year, month, day)
}

fn parse_serial(s: &str) -> Option<NaiveDate> {
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y = s[0..4].parse().ok()?;
        return ymd(y, s[4..6].parse().ok()?, s[6..8].parse().ok()?).ok();
    }
    let int_part = s.split_once('.').map_or(s, |(i, frac)| {
        if frac.bytes().all(|b| b.is_ascii_digit()) {
            i
        } else {
            ""
        }
    });
    if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) || int_part.len() > 6 {
        return None;
    }
    from_excel_serial(int_part.parse().ok()?)
}

fn parse_with_month_name(s: &str) -> Option<Result<NaiveDate, DateError>> {
    // The first three words; no list is built, as this runs on every English date cell.
    let mut words = [""; 3];
    let mut found = 0;
    for (slot, word) in words
        .iter_mut()
        .zip(s.split([' ', '-', ',', '/']).filter(|w| !w.is_empty()))
    {
        *slot = word;
        found += 1;
    }
    if found < 3 {
        return None;
    }
    let num = |t: &str| {
        t.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u32>()
            .ok()
    };
    let year_of = |t: &str| {
        let y = t.parse::<i32>().ok()?;
        Some(if t.len() == 2 { two_digit_year(y) } else { y })
    };
    // 28-Sep-2025 / 28 September 2025
    if let (Some(d), Some(m), Some(y)) =
        (num(words[0]), month_from_name(words[1]), year_of(words[2]))
    {
        return Some(ymd(y, m, d));
    }
    // Sep 28, 2025
    if let (Some(m), Some(d), Some(y)) =
        (month_from_name(words[0]), num(words[1]), year_of(words[2]))
    {
        return Some(ymd(y, m, d));
    }
    None
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// `date` moved by `days`, or `None` when the result is outside chrono's calendar (or `days`
/// is beyond what a `Duration` holds). For callers that must know the arithmetic failed.
pub fn checked_add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::try_days(days)?)
}

/// `date` moved by `days`, saturating at chrono's first or last date. Never panics, whatever
/// `days` holds (a settings value or a share link may hold anything).
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    checked_add_days(date, days).unwrap_or(if days < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// `2025-09-28`: the form used in exports and share links.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A date as the page shows it: `2025年9月28日` / `28 Sep 2025`.
pub fn display(date: NaiveDate, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        crate::i18n::Lang::En => date.format("%-d %b %Y").to_string(),
    }
}

/// True for 29 February.
pub fn is_leap_day(date: NaiveDate) -> bool {
    date.month() == 2 && date.day() == 29
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The byte-level reading of `2025-09-28` agrees with the general one, which a trailing
    /// time sends the same cell through, on every month and day number around the valid ones.
    #[test]
    fn iso_fast_path_reads_as_the_general_path() {
        let mut checked = 0;
        for year in [1899, 1900, 2024, 2025, 2200, 2201, 9999] {
            for month in 0..=13 {
                for day in 0..=32 {
                    for sep in ['-', '/', '.'] {
                        let cell = format!("{year:04}{sep}{month:02}{sep}{day:02}");
                        let general = parse_date(&format!("{cell} 00:00"), DayMonthOrder::DayFirst);
                        assert_eq!(
                            parse_date(&cell, DayMonthOrder::DayFirst),
                            general,
                            "{cell}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 7 * 14 * 33 * 3);
        assert_eq!(
            parse_date("2025-02-29", DayMonthOrder::DayFirst),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(
            parse_date("2025-1a-01", DayMonthOrder::DayFirst),
            Err(DateError::Unrecognised)
        );
    }

    fn read(raw: &str) -> NaiveDate {
        parse_date(raw, DayMonthOrder::DayFirst).unwrap_or_else(|e| panic!("{raw}: {e:?}"))
    }

    #[test]
    fn reads_every_listed_form() {
        let expected = date(2025, 9, 28);
        for raw in [
            "2025-09-28",
            "2025/9/28",
            "2025.09.28",
            "2025年9月28日",
            "2025 年 9 月 28 日",
            "28/09/2025",
            "28.09.2025",
            "28-09-2025",
            "20250928",
            "2025-09-28 00:00:00",
            "2025-09-28T10:00:00",
            "28-Sep-2025",
            "28 September 2025",
            "Sep 28, 2025",
            "September 28, 2025",
            "２０２５－０９－２８",
            "45928",
            "45928.0",
        ] {
            assert_eq!(read(raw), expected, "{raw}");
        }
        assert_eq!(
            parse_date("09/28/2025", DayMonthOrder::MonthFirst),
            Ok(expected)
        );
        // A cell that can only be read one way is read that way.
        assert_eq!(
            parse_date("09/28/2025", DayMonthOrder::DayFirst),
            Ok(expected)
        );
    }

    #[test]
    fn ambiguous_cells_follow_the_column_order() {
        assert_eq!(
            parse_date("03/04/2025", DayMonthOrder::DayFirst),
            Ok(date(2025, 4, 3))
        );
        assert_eq!(
            parse_date("03/04/2025", DayMonthOrder::MonthFirst),
            Ok(date(2025, 3, 4))
        );
        assert_eq!(
            parse_date("3/4/25", DayMonthOrder::MonthFirst),
            Ok(date(2025, 3, 4))
        );
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        assert_eq!(read("2024-02-29"), date(2024, 2, 29));
        assert_eq!(
            parse_date("2025-02-29", DayMonthOrder::DayFirst),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(
            parse_date("29/02/2100", DayMonthOrder::DayFirst),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(read("29.02.2000"), date(2000, 2, 29));
        assert!(is_leap_day(read("2028年2月29日")));
    }

    #[test]
    fn excel_serials_count_from_1899_12_30() {
        // Excel: =DATE(2024,2,29) is 45351; =DATE(2000,1,1) is 36526.
        assert_eq!(read("45351"), date(2024, 2, 29));
        assert_eq!(read("36526"), date(2000, 1, 1));
        // Outside the plausible range a number is not a date.
        assert!(parse_date("1250", DayMonthOrder::DayFirst).is_err());
        assert!(parse_date("1250.50", DayMonthOrder::DayFirst).is_err());
    }

    #[test]
    fn years_outside_1900_to_2200_are_not_dates() {
        for cell in [
            "1899-12-31",
            "2201-01-01",
            "30000-01-01",
            "01/01/9999",
            "9999年1月1日",
        ] {
            assert!(parse_date(cell, DayMonthOrder::DayFirst).is_err(), "{cell}");
        }
        assert_eq!(read("2200-12-31"), date(2200, 12, 31));
        assert_eq!(read("1900-01-01"), date(1900, 1, 1));
        // Serials beyond 2099 (73050) or below 1910 are amounts, not dates.
        assert!(parse_date("73051", DayMonthOrder::DayFirst).is_err());
        assert!(parse_date("999999", DayMonthOrder::DayFirst).is_err());
    }

    #[test]
    fn adding_days_never_panics_and_says_when_it_overflowed() {
        let d = date(2025, 1, 1);
        assert_eq!(add_days(d, 30), date(2025, 1, 31));
        assert_eq!(checked_add_days(d, -1), Some(date(2024, 12, 31)));
        // The value from the crashing share link, and the extremes of i64.
        assert_eq!(checked_add_days(d, 106_751_991_168), None);
        assert_eq!(add_days(d, 106_751_991_168), NaiveDate::MAX);
        assert_eq!(add_days(d, i64::MAX), NaiveDate::MAX);
        assert_eq!(add_days(d, i64::MIN), NaiveDate::MIN);
    }

    #[test]
    fn displays_dates_in_each_language() {
        use crate::i18n::Lang;
        assert_eq!(display(date(2025, 9, 8), Lang::Zh), "2025年9月8日");
        assert_eq!(display(date(2025, 9, 8), Lang::En), "8 Sep 2025");
    }

    #[test]
    fn rejects_non_dates() {
        for bad in [
            "",
            "soon",
            "2025-13-01",
            "32/01/2025",
            "2025/9",
            "1/2/3/4",
            "Sept",
            "13/13/2025",
        ] {
            assert!(parse_date(bad, DayMonthOrder::DayFirst).is_err(), "{bad}");
        }
    }

    #[test]
    fn infers_the_order_from_the_whole_column() {
        let us = ["09/28/2025", "10/03/2025", "10/15/2025"];
        let inferred = infer_order(us.iter().copied(), DayMonthOrder::DayFirst);
        assert_eq!(inferred.order, DayMonthOrder::MonthFirst);
        assert_eq!((inferred.month_first_votes, inferred.ambiguous), (2, 1));

        let silent = ["03/04/2025", "05/06/2025"];
        let inferred = infer_order(silent.iter().copied(), DayMonthOrder::DayFirst);
        assert_eq!(inferred.order, DayMonthOrder::DayFirst);
        assert!(inferred.undecided());

        let iso_only = ["2025-09-28"];
        let inferred = infer_order(iso_only.iter().copied(), DayMonthOrder::MonthFirst);
        assert!(!inferred.undecided());
    }
}
