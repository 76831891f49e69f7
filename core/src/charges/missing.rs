//! What the page should ask the user for (issue 21, item 0): the reference rates that the
//! charges of a report lack, one question per table and stretch of days, with a link-free
//! hint of where each is published, and the entry to store when the user answers.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rust_decimal::Decimal;

use super::rates::{half_year_start, next_half_year, RateTable};
use super::user_rates::UserRate;
use super::{Charge, ChargeWarning};
use crate::dates::iso;
use crate::i18n::Lang;

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
