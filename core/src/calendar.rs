//! Working days as the user's office counts them: every "N working days" deadline of the
//! playbook and the letters goes through [`add_working_days`].
//!
//! Mainland China moves working days around its public holidays (调休): a holiday week is paid
//! for with Saturdays or Sundays worked before or after it. Those days are known only from the
//! State Council General Office's annual notice, published each autumn for the next year, so
//! the table below holds exactly the years whose notice we have read, and nothing is guessed
//! for later years: past [`CN_LAST_YEAR`] the count falls back to weekends only, and the page
//! says so ([`Calendar::beyond_table`]).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Which working-day calendar the deadlines use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarChoice {
    /// Mainland China when the workspace's default currency is CNY, else weekends only
    /// ([`CalendarSettings::resolve`]): the currency is the best sign the core has of where the
    /// user's office is (the page's language is not — English is read in Shanghai too).
    #[default]
    Auto,
    /// Public holidays and 调休 working weekends from the State Council's notices.
    MainlandChina,
    /// Monday to Friday are working days, except the user's own holidays.
    WeekendsOnly,
}

impl CalendarChoice {
    pub const ALL: [CalendarChoice; 3] = [
        CalendarChoice::Auto,
        CalendarChoice::MainlandChina,
        CalendarChoice::WeekendsOnly,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CalendarChoice::Auto => "auto",
            CalendarChoice::MainlandChina => "mainland_china",
            CalendarChoice::WeekendsOnly => "weekends_only",
        }
    }

    pub fn from_key(key: &str) -> Option<CalendarChoice> {
        CalendarChoice::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// Most holidays a user may add (a year's worth of bridge days, several years ahead).
pub const MAX_USER_HOLIDAYS: usize = 200;

/// The calendar setting: which table, and the days off the user adds (a company holiday, a
/// year the table does not cover yet). Stored as `settings.calendar`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CalendarSettings {
    pub choice: CalendarChoice,
    /// Extra days off, sorted, without repeats ([`CalendarSettings::bounded`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<NaiveDate>,
}

impl CalendarSettings {
    pub fn is_default(&self) -> bool {
        *self == CalendarSettings::default()
    }

    /// The calendar the deadlines use, `Auto` decided by the default currency.
    pub fn resolve(&self, default_currency: &str) -> Calendar {
        let china = match self.choice {
            CalendarChoice::Auto => default_currency.eq_ignore_ascii_case("CNY"),
            CalendarChoice::MainlandChina => true,
            CalendarChoice::WeekendsOnly => false,
        };
        Calendar {
            china,
            holidays: self.bounded().holidays,
        }
    }

    /// Sorted, without repeats, at most [`MAX_USER_HOLIDAYS`] (a link's list is untrusted).
    pub fn bounded(&self) -> CalendarSettings {
        let mut holidays = self.holidays.clone();
        holidays.sort_unstable();
        holidays.dedup();
        holidays.truncate(MAX_USER_HOLIDAYS);
        CalendarSettings {
            choice: self.choice,
            holidays,
        }
    }
}

/// A resolved calendar: what [`add_working_days`] counts with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    /// Mainland China's table applies (else weekends only).
    pub china: bool,
    /// The user's days off, sorted.
    pub holidays: Vec<NaiveDate>,
}

/// A date as `(year, month, day)`, so the table reads like the notices.
type Ymd = (i32, u32, u32);

/// First and last years of [`CN_DAYS_OFF`] / [`CN_WORKED_WEEKENDS`].
pub const CN_FIRST_YEAR: i32 = 2024;
pub const CN_LAST_YEAR: i32 = 2026;

/// Mainland China's public holidays as the notices set them (first and last day off, both
/// included; weekend days inside are off anyway). Sources, one notice per year:
/// - 2024: 国务院办公厅关于2024年部分节假日安排的通知, 国办发明电〔2023〕7号, 2023年10月25日
///   (as printed in 人民日报 2023-10-26, p. 6, and the 国务院公报 2023 No. 31).
/// - 2025: 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, 2024年11月12日
///   (新华社, 2024-11-12; the first year after the 2024 revision of 全国年节及纪念日放假办法
///   added a day each to the Spring Festival and Labour Day).
/// - 2026: 国务院办公厅关于2026年部分节假日安排的通知, 2025年11月4日 (新华社, 2025-11-04,
///   as printed by 光明网). The copies we read do not give its 文号.
///
/// No notice for 2027 was found when this table was written: the table ends with 2026.
const CN_DAYS_OFF: [(Ymd, Ymd); 20] = [
    // 2024
    ((2024, 1, 1), (2024, 1, 1)),   // 元旦
    ((2024, 2, 10), (2024, 2, 17)), // 春节
    ((2024, 4, 4), (2024, 4, 6)),   // 清明节
    ((2024, 5, 1), (2024, 5, 5)),   // 劳动节
    ((2024, 6, 10), (2024, 6, 10)), // 端午节
    ((2024, 9, 15), (2024, 9, 17)), // 中秋节
    ((2024, 10, 1), (2024, 10, 7)), // 国庆节
    // 2025
    ((2025, 1, 1), (2025, 1, 1)),   // 元旦
    ((2025, 1, 28), (2025, 2, 4)),  // 春节
    ((2025, 4, 4), (2025, 4, 6)),   // 清明节
    ((2025, 5, 1), (2025, 5, 5)),   // 劳动节
    ((2025, 5, 31), (2025, 6, 2)),  // 端午节
    ((2025, 10, 1), (2025, 10, 8)), // 国庆节、中秋节
    // 2026
    ((2026, 1, 1), (2026, 1, 3)),   // 元旦
    ((2026, 2, 15), (2026, 2, 23)), // 春节
    ((2026, 4, 4), (2026, 4, 6)),   // 清明节
    ((2026, 5, 1), (2026, 5, 5)),   // 劳动节
    ((2026, 6, 19), (2026, 6, 21)), // 端午节
    ((2026, 9, 25), (2026, 9, 27)), // 中秋节
    ((2026, 10, 1), (2026, 10, 7)), // 国庆节
];

/// The Saturdays and Sundays worked instead (上班), from the same notices.
const CN_WORKED_WEEKENDS: [Ymd; 19] = [
    // 2024
    (2024, 2, 4),
    (2024, 2, 18),
    (2024, 4, 7),
    (2024, 4, 28),
    (2024, 5, 11),
    (2024, 9, 14),
    (2024, 9, 29),
    (2024, 10, 12),
    // 2025
    (2025, 1, 26),
    (2025, 2, 8),
    (2025, 4, 27),
    (2025, 9, 28),
    (2025, 10, 11),
    // 2026
    (2026, 1, 4),
    (2026, 2, 14),
    (2026, 2, 28),
    (2026, 5, 9),
    (2026, 9, 20),
    (2026, 10, 10),
];

fn ymd(date: NaiveDate) -> Ymd {
    (date.year(), date.month(), date.day())
}

impl Calendar {
    pub fn weekends_only() -> Calendar {
        Calendar::default()
    }

    pub fn mainland_china() -> Calendar {
        Calendar {
            china: true,
            holidays: Vec::new(),
        }
    }

    /// The last year whose holidays the table knows, when a table applies.
    pub fn covered_to(&self) -> Option<i32> {
        self.china.then_some(CN_LAST_YEAR)
    }

    /// True when counting to `date` leaves the table, so that the count there was weekends
    /// only (and the user's holidays): the page must say so.
    pub fn beyond_table(&self, date: NaiveDate) -> bool {
        self.china && !(CN_FIRST_YEAR..=CN_LAST_YEAR).contains(&date.year())
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.holidays.binary_search(&date).is_ok() {
            return false;
        }
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        if !self.china || !(CN_FIRST_YEAR..=CN_LAST_YEAR).contains(&date.year()) {
            return !weekend;
        }
        let day = ymd(date);
        if CN_WORKED_WEEKENDS.contains(&day) {
            return true;
        }
        !weekend && !CN_DAYS_OFF.iter().any(|(a, b)| *a <= day && day <= *b)
    }

    /// The last day on which the table or a user's holiday can change the count: after it,
    /// whole weeks of five working days can be skipped at once.
    fn irregular_until(&self) -> Option<NaiveDate> {
        let table_end = self
            .china
            .then(|| NaiveDate::from_ymd_opt(CN_LAST_YEAR, 12, 31))
            .flatten();
        table_end.max(self.holidays.last().copied())
    }
}

/// `n` working days after `date` by `calendar`: the deadline a clerk counts ("within 3 working
/// days" of a Friday is the Wednesday; of the eve of the Spring Festival, a day after the
/// holiday week). `n` is clamped to 100 years of days; the calendar's end stays the end.
pub fn add_working_days(date: NaiveDate, n: u32, calendar: &Calendar) -> NaiveDate {
    let mut left = n.min(36_500);
    let mut day = date;
    let irregular_until = calendar.irregular_until();
    while left > 0 {
        if irregular_until.is_none_or(|end| day >= end) && day.weekday() == Weekday::Fri {
            // Past every irregular day and on a Friday: a whole week is five working days.
            let weeks = left / 5;
            if weeks > 0 {
                match day.checked_add_days(Days::new(u64::from(weeks) * 7)) {
                    Some(next) => day = next,
                    None => return NaiveDate::MAX,
                }
                left -= weeks * 5;
                continue;
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => return NaiveDate::MAX,
        }
        if calendar.is_working_day(day) {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_table_is_consistent_with_the_notices_it_cites() {
        // Every range within one covered year, in order; every worked day a weekend day.
        for (a, b) in CN_DAYS_OFF {
            assert!(a <= b && a.0 == b.0, "{a:?}..{b:?}");
            assert!((CN_FIRST_YEAR..=CN_LAST_YEAR).contains(&a.0));
        }
        for w in CN_WORKED_WEEKENDS {
            let day = d(w.0, w.1, w.2);
            assert!(
                matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
                "{day} is not a weekend day"
            );
        }
    }

    #[test]
    fn weeks_are_skipped_only_where_nothing_is_irregular() {
        // The fast path and the day-by-day count agree, with and without holidays.
        let cals = [
            Calendar::weekends_only(),
            Calendar::mainland_china(),
            Calendar {
                china: false,
                holidays: vec![d(2031, 3, 3)],
            },
        ];
        for cal in &cals {
            for start in [d(2023, 12, 29), d(2026, 12, 25), d(2031, 2, 27)] {
                for n in [1, 4, 5, 11, 40] {
                    let mut slow = start;
                    let mut left = n;
                    while left > 0 {
                        slow = slow.succ_opt().unwrap();
                        if cal.is_working_day(slow) {
                            left -= 1;
                        }
                    }
                    assert_eq!(add_working_days(start, n, cal), slow, "{start} + {n}");
                }
            }
        }
        assert_eq!(
            add_working_days(NaiveDate::MAX, 3, &Calendar::mainland_china()),
            NaiveDate::MAX
        );
    }
}
