//! Reference rates the user types in (issue 21, item 0).
//!
//! The built-in tables are as old as the build; the page makes no network connection. So a
//! user may add the rate in force over a stretch of days, with where they read it. Such a
//! value is kept apart from the built-in one: it is used only where the built-in table has
//! no rate (or where the user marked it as replacing the built-in value), every period that
//! uses it says so, and its source goes with it into the breakdown.
//!
//! [`sanitize_user_rates`] is the check for untrusted settings (a share link, a file): it
//! refuses or clamps what breaks a rule and says why. The engine itself never trusts the
//! list either: an entry that is impossible, or two entries that disagree on a day, give no
//! rate for that day rather than a guess.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::rates::{half_year_start, next_half_year, RateTable};
use super::{Charge, ChargeWarning};
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

// ---------------------------------------------------------------------------------------------
// What the page should ask for
// ---------------------------------------------------------------------------------------------

/// One rate the page should ask the user for: the value of `table` in force from `from`
/// through `through`, needed by `invoices` of the charges given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingFixing {
    pub table: RateTable,
    /// Also the date to name in the question ("Bank Rate on 30 June 2026").
    pub from: NaiveDate,
    /// The entry's suggested last day. For the LPR it assumes the next publication on the
    /// 20th (a weekend moves it to Monday); a holiday can move it further, so the form lets
    /// the user change it.
    pub through: NaiveDate,
    /// LPR only: the publication whose value is asked for (estimated, see
    /// [`publication_estimate`]); `from` may be later when the days before are known.
    pub published_on: Option<NaiveDate>,
    pub invoices: usize,
}

impl MissingFixing {
    /// The entry to store when the user answers with `percent` read at `source`.
    pub fn answer(&self, percent: Decimal, source: &str) -> UserRate {
        UserRate {
            table: self.table,
            from: self.from,
            through: self.through,
            percent,
            source: source.to_string(),
            overrides_built_in: false,
        }
    }

    /// The question, e.g. "Bank Rate on 2026-06-30" / "英国基准利率（2026-06-30）".
    pub fn question(&self, lang: Lang) -> String {
        let name = self.table.name(lang);
        let (from, through) = (iso(self.from), iso(self.through));
        if let Some(published) = self.published_on.map(iso) {
            return match lang {
                Lang::En => format!(
                    "{name} published on {published} (for {from} to {through}; a holiday may move the day)"
                ),
                Lang::Zh => format!("{published}公布的{name}（用于{from}至{through}；遇节假日公布日可能顺延）"),
            };
        }
        match (self.from == self.through, lang) {
            (true, Lang::En) => format!("{name} on {from}"),
            (true, Lang::Zh) => format!("{from}的{name}"),
            (false, Lang::En) => format!("{name} in force from {from} to {through}"),
            (false, Lang::Zh) => format!("{from}至{through}适用的{name}"),
        }
    }

    /// Where the value is published, without a link (the page makes no connection).
    pub fn hint(&self, lang: Lang) -> &'static str {
        where_published(self.table, lang)
    }
}

impl RateTable {
    /// Where the current value is published, without a link (for the page's "known to …;
    /// add a later rate" line and for [`MissingFixing::hint`]).
    pub fn where_published(self, lang: Lang) -> &'static str {
        where_published(self, lang)
    }
}

fn where_published(table: RateTable, lang: Lang) -> &'static str {
    match table {
        RateTable::BoeBankRate => lang.pick(
            "英格兰银行网站“Bank Rate”页面（Official Bank Rate history）。应填写6月30日或12月31日当天有效的利率。",
            "The Bank of England's \"Bank Rate\" page (Official Bank Rate history). Enter the rate in force on that 30 June or 31 December.",
        ),
        RateTable::EcbMro => lang.pick(
            "欧洲央行网站“Key ECB interest rates”中的主要再融资操作利率（MRO）。应填写1月1日或7月1日当天有效的利率。",
            "The ECB's \"Key ECB interest rates\" page, main refinancing operations (MRO). Enter the rate in force on that 1 January or 1 July.",
        ),
        RateTable::DeBasiszinssatz => lang.pick(
            "德意志联邦银行公布的“Basiszinssatz nach § 247 BGB”，每年1月1日和7月1日调整，适用整个半年。",
            "The Deutsche Bundesbank's \"Basiszinssatz nach § 247 BGB\", set on 1 January and 1 July for the half-year.",
        ),
        RateTable::CnLpr1Year => lang.pick(
            "全国银行间同业拆借中心（中国货币网）受权公布的贷款市场报价利率（LPR），每月20日（遇节假日顺延）9时公布，中国人民银行网站转载；填写其中的1年期LPR。",
            "The Loan Prime Rate announcement of the National Interbank Funding Center (chinamoney.com.cn), published at 9:00 on the 20th of each month (moved to the next working day on holidays), also on the PBOC's site; enter the 1-year LPR.",
        ),
        RateTable::CnPbocBenchmark1Year => lang.pick(
            "该利率自2019年8月20日起不再使用。",
            "This rate has not been used since 20 August 2019.",
        ),
        RateTable::UsPromptPayment => lang.pick(
            "美国财政部财政服务局（Bureau of the Fiscal Service）的“Prompt Payment interest rate”，每半年在《联邦公报》公布。",
            "The Bureau of the Fiscal Service's \"Prompt Payment interest rate\", announced each half-year in the Federal Register.",
        ),
    }
}

/// The LPR's publication day in a month: the 20th, or the Monday after when the 20th is a
/// weekend. Holidays can move it further; the real day is in the announcement.
pub fn publication_estimate(year: i32, month: u32) -> Option<NaiveDate> {
    let twentieth = NaiveDate::from_ymd_opt(year, month, 20)?;
    let shift = match twentieth.weekday() {
        Weekday::Sat => 2,
        Weekday::Sun => 1,
        _ => 0,
    };
    twentieth.checked_add_days(Days::new(shift))
}

/// The estimated LPR publication in force on `date` and the day before the next one.
fn lpr_month(date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let this = publication_estimate(date.year(), date.month())?;
    let (y, m) = (date.year(), date.month());
    let (prev, next) = if date >= this {
        let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        (this, publication_estimate(next.0, next.1)?)
    } else {
        let prev = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
        (publication_estimate(prev.0, prev.1)?, this)
    };
    Some((prev, next.pred_opt()?))
}

type Needed = (RateTable, NaiveDate, NaiveDate, Option<NaiveDate>);

/// The entries that would complete `table`'s stretch `from..=to` with no known rate: first
/// day, last day, and for the LPR the publication asked for.
fn fixings_for(
    table: RateTable,
    rate_date: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Needed> {
    match table {
        RateTable::CnLpr1Year => {
            // One entry per publication month, clamped to the unknown stretch so that it
            // never overlaps the built-in table or the user's other entries.
            let mut out = Vec::new();
            let mut day = from;
            // At most one step a month over dates within 1900–2200.
            while day <= to && out.len() < 4_000 {
                let Some((published, through)) = lpr_month(day) else {
                    break;
                };
                out.push((table, published.max(from), through.min(to), Some(published)));
                match through.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
            out
        }
        RateTable::DeBasiszinssatz | RateTable::UsPromptPayment => {
            let start = half_year_start(rate_date);
            let end = next_half_year(rate_date).and_then(|d| d.pred_opt());
            match (start, end) {
                (Some(start), Some(end)) => vec![(table, start, end, None)],
                _ => Vec::new(),
            }
        }
        _ => vec![(table, rate_date, rate_date, None)],
    }
}

/// The rates the page should ask for so that `charges` (e.g. a report's) are complete: one
/// per table and stretch of days, with how many invoices need it, in table and date order.
/// A floating LPR stretch becomes one question per monthly publication; a fixed one (the LPR
/// at the breach, Bank Rate on a reference day) one question for that day.
pub fn missing_fixings<'a>(charges: impl IntoIterator<Item = &'a Charge>) -> Vec<MissingFixing> {
    use std::collections::BTreeMap;
    let mut needed: BTreeMap<Needed, usize> = BTreeMap::new();
    for charge in charges {
        let mut this_invoice: Vec<Needed> = Vec::new();
        for warning in &charge.warnings {
            if let ChargeWarning::RateUnknown {
                table,
                rate_date,
                from,
                to,
                floating,
            } = warning
            {
                if *table == RateTable::CnPbocBenchmark1Year {
                    continue;
                }
                // A floating stretch is read day by day; a fixed one only on its rate date.
                let (from, to) = if *floating && *table == RateTable::CnLpr1Year {
                    (*from, *to)
                } else {
                    (*rate_date, *rate_date)
                };
                this_invoice.extend(fixings_for(*table, *rate_date, from, to));
            }
        }
        this_invoice.sort_unstable();
        this_invoice.dedup();
        for key in this_invoice {
            *needed.entry(key).or_insert(0) += 1;
        }
    }
    merge_overlapping(needed)
}

/// Invoices starting at different days of one LPR month ask for overlapping stretches of
/// the same publication; they are one question, from the earliest day.
fn merge_overlapping(needed: std::collections::BTreeMap<Needed, usize>) -> Vec<MissingFixing> {
    let mut out: Vec<MissingFixing> = Vec::new();
    for ((table, from, through, published_on), invoices) in needed {
        if let Some(last) = out.last_mut() {
            if last.table == table && from <= last.through {
                last.through = last.through.max(through);
                last.invoices = last.invoices.max(invoices);
                continue;
            }
        }
        out.push(MissingFixing {
            table,
            from,
            through,
            published_on,
            invoices,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_table_says_where_it_is_published_in_both_languages() {
        for table in RateTable::ALL {
            let (zh, en) = (
                table.where_published(Lang::Zh),
                table.where_published(Lang::En),
            );
            assert!(!zh.is_empty() && !en.is_empty());
            assert_ne!(zh, en);
        }
    }

    #[test]
    fn publication_days_move_off_weekends() {
        // 2025: 20 April and 20 July were Sundays, 20 September a Saturday; the LPR was
        // published on 21 April, 21 July and 22 September.
        assert_eq!(publication_estimate(2025, 4), Some(date(2025, 4, 21)));
        assert_eq!(publication_estimate(2025, 7), Some(date(2025, 7, 21)));
        assert_eq!(publication_estimate(2025, 9), Some(date(2025, 9, 22)));
        assert_eq!(publication_estimate(2025, 8), Some(date(2025, 8, 20)));
    }

    #[test]
    fn an_lpr_month_runs_to_the_day_before_the_next_publication() {
        assert_eq!(
            lpr_month(date(2025, 9, 1)),
            Some((date(2025, 8, 20), date(2025, 9, 21)))
        );
        assert_eq!(
            lpr_month(date(2025, 12, 25)),
            Some((date(2025, 12, 22), date(2026, 1, 19)))
        );
    }
}
