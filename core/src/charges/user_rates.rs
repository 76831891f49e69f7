//! Reference rates the user types in (issue 21, item 0).
//!
//! The built-in tables are as old as the build; the page makes no network connection. So a
//! user may add the rate in force over a stretch of days, with where they read it. Such a
//! value is kept apart from the built-in one: it is used only where the built-in table has
//! no rate (or where the user marked it as replacing the built-in value), every period that
//! uses it says so, and its source goes with it into the breakdown.
//!
//! [`sanitize_user_rates`] is the check for untrusted settings (a share link, a file): it
//! refuses or clamps what breaks a rule and says why. (What the page should ask for is in
//! `missing.rs`.) The engine itself never trusts the
//! list either: an entry that is impossible, or two entries that disagree on a day, give no
//! rate for that day rather than a guess.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::rates::{half_year_start, next_half_year, RateTable};
use crate::dates::iso;
use crate::i18n::Lang;

/// At most this many entries are kept: over thirty years of monthly LPR fixings.
pub const MAX_USER_RATES: usize = 400;
/// A source longer than this is cut.
pub const MAX_USER_RATE_SOURCE_CHARS: usize = 200;
/// A rate outside this range (percent a year) is refused: no reference rate of these tables
/// has been anywhere near (the lowest is the German −0.88 %, the highest Bank Rate 17 %).
pub const USER_RATE_MIN_PERCENT: Decimal = Decimal::from_parts(10, 0, 0, true, 0);
pub const USER_RATE_MAX_PERCENT: Decimal = Decimal::from_parts(30, 0, 0, false, 0);

/// A reference rate the user entered: in force from `from` through `through` (inclusive).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct UserRate {
    pub table: RateTable,
    /// The first day it is in force: for the LPR its publication date, for Bank Rate the
    /// reference day (30 June / 31 December), for a half-yearly rate the half-year's first day.
    pub from: NaiveDate,
    pub through: NaiveDate,
    /// Percent a year, as published (3.00 for 3 %).
    pub percent: Decimal,
    /// Where the user read it, in their own words ("中国货币网 2026-11-20 公告").
    #[serde(default)]
    pub source: String,
    /// True when the user knowingly replaces built-in values on these days; otherwise an entry
    /// that overlaps the built-in table is refused by [`sanitize_user_rates`] and ignored on
    /// those days by the engine.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overrides_built_in: bool,
}

impl UserRate {
    /// Can be used at all: a table that takes user values, dates in order within 1900–2200,
    /// a rate in range.
    fn is_usable(&self) -> bool {
        self.table != RateTable::CnPbocBenchmark1Year
            && in_years(self.from)
            && in_years(self.through)
            && self.from <= self.through
            && (USER_RATE_MIN_PERCENT..=USER_RATE_MAX_PERCENT).contains(&self.percent)
    }

    fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.through
    }
}

fn in_years(date: NaiveDate) -> bool {
    (1900..=2200).contains(&date.year())
}

/// Where a rate in a breakdown comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RateOrigin {
    /// The page's own table ([`super::rate_tables`] gives its source).
    #[default]
    BuiltIn,
    /// Typed in by the user, in force `from`–`through`, read at `source`.
    UserEntered {
        from: NaiveDate,
        through: NaiveDate,
        source: String,
    },
}

impl RateOrigin {
    pub fn is_user_entered(&self) -> bool {
        matches!(self, RateOrigin::UserEntered { .. })
    }
}

/// A value read for one day: the rate, the day it took effect, where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Fixing {
    pub rate: Decimal,
    pub published_on: NaiveDate,
    pub origin: RateOrigin,
}

/// The built-in tables plus the user's entries, as the rules read them.
pub(super) struct Rates<'a> {
    user: &'a [UserRate],
}

impl<'a> Rates<'a> {
    pub fn new(user: &'a [UserRate]) -> Rates<'a> {
        Rates { user }
    }

    /// The rate in force on `date`: a user entry that replaces the built-in value, else the
    /// built-in value, else a user entry. None when nothing is known, or when user entries
    /// covering the day disagree.
    pub fn fixing(&self, table: RateTable, date: NaiveDate) -> Option<Fixing> {
        let user = |overriding: bool| -> Option<Option<Fixing>> {
            let mut found: Option<&UserRate> = None;
            for entry in self.user.iter().filter(|e| {
                e.table == table
                    && e.overrides_built_in == overriding
                    && e.is_usable()
                    && e.covers(date)
            }) {
                match found {
                    Some(first) if first.percent != entry.percent => return Some(None),
                    Some(_) => {}
                    None => found = Some(entry),
                }
            }
            found.map(|entry| {
                Some(Fixing {
                    rate: entry.percent.normalize(),
                    published_on: entry.from,
                    origin: RateOrigin::UserEntered {
                        from: entry.from,
                        through: entry.through,
                        source: entry.source.clone(),
                    },
                })
            })
        };
        if let Some(answer) = user(true) {
            return answer;
        }
        if let Some((published_on, rate)) = table.fixing_on(date) {
            return Some(Fixing {
                rate,
                published_on,
                origin: RateOrigin::BuiltIn,
            });
        }
        user(false).flatten()
    }

    /// The days in `(first, last]` on which what [`Rates::fixing`] answers may change: the
    /// built-in changes, the ends of the built-in table, and each user entry's ends. Between
    /// two of them every day reads the same fixing, so a floating rate is split there.
    pub fn boundaries(
        &self,
        table: RateTable,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Vec<NaiveDate> {
        let mut cuts = table.changes_between(first, last);
        let ends = self
            .user
            .iter()
            .filter(|e| e.table == table && e.is_usable())
            .flat_map(|e| [Some(e.from), e.through.succ_opt()]);
        let table_ends = [table.first_known(), table.last_known().succ_opt()];
        cuts.extend(
            ends.chain(table_ends)
                .flatten()
                .filter(|&d| d > first && d <= last),
        );
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// What [`sanitize_user_rates`] refused or changed. `index` is the entry's position in the
/// list it was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserRateProblem {
    /// More than [`MAX_USER_RATES`] entries: the rest were dropped.
    TooMany { dropped: usize },
    /// The table takes no user values (the PBOC benchmark ended in 2019).
    ClosedTable { index: usize, table: RateTable },
    /// A date outside 1900–2200.
    DateOutOfRange { index: usize },
    /// `through` is before `from`.
    DatesReversed { index: usize },
    /// The rate is outside [`USER_RATE_MIN_PERCENT`]–[`USER_RATE_MAX_PERCENT`].
    RateOutOfRange { index: usize, percent: Decimal },
    /// The source was longer than [`MAX_USER_RATE_SOURCE_CHARS`] and was cut (the entry is
    /// kept).
    SourceCut { index: usize },
    /// The days overlap an earlier entry of the same table (`other`, also an input index).
    OverlapsEntry { index: usize, other: usize },
    /// The days overlap the built-in table, which is known up to `built_in_through`, and the
    /// entry does not say it replaces it.
    OverlapsBuiltIn {
        index: usize,
        table: RateTable,
        built_in_through: NaiveDate,
    },
}

/// Keeps the entries that can be trusted, in table and date order, and says what was
/// refused or cut. Rules: at most [`MAX_USER_RATES`]; dates within 1900–2200 and in order; a
/// rate within [`USER_RATE_MIN_PERCENT`]–[`USER_RATE_MAX_PERCENT`]; a source cut to
/// [`MAX_USER_RATE_SOURCE_CHARS`] characters; no two entries of one table on the same day;
/// no day the built-in table knows, unless the entry says it replaces the built-in value.
/// Never panics, whatever the values.
pub fn sanitize_user_rates(rates: Vec<UserRate>) -> (Vec<UserRate>, Vec<UserRateProblem>) {
    let mut problems = Vec::new();
    if rates.len() > MAX_USER_RATES {
        problems.push(UserRateProblem::TooMany {
            dropped: rates.len() - MAX_USER_RATES,
        });
    }
    let mut kept: Vec<(usize, UserRate)> = Vec::new();
    for (index, mut entry) in rates.into_iter().take(MAX_USER_RATES).enumerate() {
        if let Some(problem) = entry_problem(index, &entry) {
            problems.push(problem);
            continue;
        }
        if entry.source.chars().count() > MAX_USER_RATE_SOURCE_CHARS {
            entry.source = entry
                .source
                .chars()
                .take(MAX_USER_RATE_SOURCE_CHARS)
                .collect();
            problems.push(UserRateProblem::SourceCut { index });
        }
        let overlap = kept.iter().find(|(_, other)| {
            other.table == entry.table && other.from <= entry.through && entry.from <= other.through
        });
        if let Some((other, _)) = overlap {
            problems.push(UserRateProblem::OverlapsEntry {
                index,
                other: *other,
            });
            continue;
        }
        if !entry.overrides_built_in && built_in_knows_any(entry.table, entry.from, entry.through) {
            problems.push(UserRateProblem::OverlapsBuiltIn {
                index,
                table: entry.table,
                built_in_through: entry.table.last_known(),
            });
            continue;
        }
        kept.push((index, entry));
    }
    let mut kept: Vec<UserRate> = kept.into_iter().map(|(_, entry)| entry).collect();
    kept.sort_by_key(|e| (e.table, e.from));
    (kept, problems)
}

fn entry_problem(index: usize, entry: &UserRate) -> Option<UserRateProblem> {
    if entry.table == RateTable::CnPbocBenchmark1Year {
        return Some(UserRateProblem::ClosedTable {
            index,
            table: entry.table,
        });
    }
    if !in_years(entry.from) || !in_years(entry.through) {
        return Some(UserRateProblem::DateOutOfRange { index });
    }
    if entry.through < entry.from {
        return Some(UserRateProblem::DatesReversed { index });
    }
    if !(USER_RATE_MIN_PERCENT..=USER_RATE_MAX_PERCENT).contains(&entry.percent) {
        return Some(UserRateProblem::RateOutOfRange {
            index,
            percent: entry.percent,
        });
    }
    None
}

/// Whether the built-in table has a rate on any day of `from..=through` (dates within
/// 1900–2200, so the half-year walk is at most 600 steps).
fn built_in_knows_any(table: RateTable, from: NaiveDate, through: NaiveDate) -> bool {
    let Some(first_known) = table.first_known() else {
        return false;
    };
    if through < first_known || from > table.last_known() {
        return false;
    }
    if table.rate_on(from).is_some() || table.rate_on(through).is_some() {
        return true;
    }
    // Only a table with missing half-years can know a day in between but neither end.
    let mut day = half_year_start(from);
    while let Some(start) = day.filter(|&d| d <= through) {
        if table.rate_on(start).is_some() {
            return true;
        }
        day = next_half_year(start);
    }
    !table.changes_between(from, through).is_empty()
}

impl UserRateProblem {
    pub fn describe(&self, lang: Lang) -> String {
        let n = |index: &usize| index + 1;
        match self {
            UserRateProblem::TooMany { dropped } => match lang {
                Lang::En => format!(
                    "Only {MAX_USER_RATES} entered rates are kept; {dropped} more were dropped."
                ),
                Lang::Zh => format!("最多保留{MAX_USER_RATES}条自填利率，其余{dropped}条已舍弃。"),
            },
            UserRateProblem::ClosedTable { index, table } => {
                let name = table.name(lang);
                match lang {
                    Lang::En => format!(
                        "Entry {}: the {name} no longer changes and takes no entered values; dropped.",
                        n(index)
                    ),
                    Lang::Zh => format!("第{}条：{name}已停止使用，不接受自填数值，已舍弃。", n(index)),
                }
            }
            UserRateProblem::DateOutOfRange { index } => match lang {
                Lang::En => format!("Entry {}: a date is outside 1900–2200; dropped.", n(index)),
                Lang::Zh => format!("第{}条：日期超出1900–2200年范围，已舍弃。", n(index)),
            },
            UserRateProblem::DatesReversed { index } => match lang {
                Lang::En => format!(
                    "Entry {}: the last day is before the first; dropped.",
                    n(index)
                ),
                Lang::Zh => format!("第{}条：截止日早于起始日，已舍弃。", n(index)),
            },
            UserRateProblem::RateOutOfRange { index, percent } => {
                let (lo, hi, p) = (
                    USER_RATE_MIN_PERCENT,
                    USER_RATE_MAX_PERCENT,
                    percent.normalize(),
                );
                match lang {
                    Lang::En => format!(
                        "Entry {}: {p} % is outside {lo} % to {hi} %; dropped.",
                        n(index)
                    ),
                    Lang::Zh => format!("第{}条：{p}%超出{lo}%至{hi}%的范围，已舍弃。", n(index)),
                }
            }
            UserRateProblem::SourceCut { index } => match lang {
                Lang::En => format!(
                    "Entry {}: the source was cut to {MAX_USER_RATE_SOURCE_CHARS} characters.",
                    n(index)
                ),
                Lang::Zh => format!(
                    "第{}条：来源说明过长，已截为{MAX_USER_RATE_SOURCE_CHARS}个字符。",
                    n(index)
                ),
            },
            UserRateProblem::OverlapsEntry { index, other } => match lang {
                Lang::En => format!(
                    "Entry {}: its days overlap entry {} of the same rate; dropped.",
                    n(index),
                    n(other)
                ),
                Lang::Zh => format!(
                    "第{}条：与第{}条同一利率的日期重叠，已舍弃。",
                    n(index),
                    n(other)
                ),
            },
            UserRateProblem::OverlapsBuiltIn {
                index,
                table,
                built_in_through,
            } => {
                let (name, known) = (table.name(lang), iso(*built_in_through));
                match lang {
                    Lang::En => format!(
                        "Entry {}: the page's own {name} table already covers some of these days \
                         (it is known up to {known}); dropped. Tick \"replaces the built-in \
                         value\" to use yours instead.",
                        n(index)
                    ),
                    Lang::Zh => format!(
                        "第{}条：页面内置的{name}表已包含其中部分日期（已知至{known}），已舍弃。如需以自填数值取代内置数值，请勾选“取代内置数值”。",
                        n(index)
                    ),
                }
            }
        }
    }
}
