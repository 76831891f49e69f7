//! The reference-rate histories the statutory rules read, where each comes from, and how far
//! each is known.
//!
//! Every figure is copied from `shared/research/late-payment-law.md` (the section is named at each
//! table). A date after a table's last known date has no rate: the engine reports that rather
//! than carry the last rate forward, because a rate we do not know is not a rate we may invent.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::RuleKind;
use crate::i18n::Lang;

/// One of the built-in reference-rate histories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RateTable {
    /// Bank of England Bank Rate (UK statutory interest).
    #[serde(rename = "boe-bank-rate")]
    BoeBankRate,
    /// ECB main refinancing operations rate (EU Directive minimum, France).
    #[serde(rename = "ecb-mro")]
    EcbMro,
    /// German Basiszinssatz, §247 BGB.
    #[serde(rename = "de-basiszinssatz")]
    DeBasiszinssatz,
    /// China's 1-year Loan Prime Rate.
    #[serde(rename = "cn-lpr-1y")]
    CnLpr1Year,
    /// PBOC 1-year benchmark lending rate, which the sale-contract rule uses for breaches before
    /// 2019-08-20.
    #[serde(rename = "cn-pboc-benchmark-1y")]
    CnPbocBenchmark1Year,
    /// The Treasury's Prompt Payment Act interest rate, set per half-year.
    #[serde(rename = "us-prompt-payment")]
    UsPromptPayment,
}

impl RateTable {
    pub const ALL: [RateTable; 6] = [
        RateTable::BoeBankRate,
        RateTable::EcbMro,
        RateTable::DeBasiszinssatz,
        RateTable::CnLpr1Year,
        RateTable::CnPbocBenchmark1Year,
        RateTable::UsPromptPayment,
    ];

    /// Stable identifier (same as the serde form).
    pub fn key(self) -> &'static str {
        match self {
            RateTable::BoeBankRate => "boe-bank-rate",
            RateTable::EcbMro => "ecb-mro",
            RateTable::DeBasiszinssatz => "de-basiszinssatz",
            RateTable::CnLpr1Year => "cn-lpr-1y",
            RateTable::CnPbocBenchmark1Year => "cn-pboc-benchmark-1y",
            RateTable::UsPromptPayment => "us-prompt-payment",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            RateTable::BoeBankRate => lang.pick(
                "英格兰银行基准利率（Bank Rate）",
                "Bank of England Bank Rate",
            ),
            RateTable::EcbMro => lang.pick(
                "欧洲央行主要再融资操作利率",
                "ECB main refinancing operations rate",
            ),
            RateTable::DeBasiszinssatz => lang.pick(
                "德国基础利率（Basiszinssatz，《德国民法典》第247条）",
                "German base rate (Basiszinssatz, §247 BGB)",
            ),
            RateTable::CnLpr1Year => lang.pick(
                "一年期贷款市场报价利率（LPR）",
                "1-year Loan Prime Rate (LPR)",
            ),
            RateTable::CnPbocBenchmark1Year => lang.pick(
                "中国人民银行一年期贷款基准利率",
                "PBOC 1-year benchmark lending rate",
            ),
            RateTable::UsPromptPayment => lang.pick(
                "美国《及时付款法》利率（财政部公布）",
                "US Prompt Payment Act interest rate (Treasury)",
            ),
        }
    }

    /// A short name for formulas and period lines.
    pub fn short_name(self, lang: Lang) -> &'static str {
        match self {
            RateTable::BoeBankRate => lang.pick("英国基准利率", "Bank Rate"),
            RateTable::EcbMro => lang.pick("欧洲央行利率", "ECB rate"),
            RateTable::DeBasiszinssatz => lang.pick("德国基础利率", "Basiszinssatz"),
            RateTable::CnLpr1Year => lang.pick("一年期LPR", "1-year LPR"),
            RateTable::CnPbocBenchmark1Year => lang.pick("一年期贷款基准利率", "PBOC benchmark"),
            RateTable::UsPromptPayment => lang.pick("美国财政部利率", "Treasury rate"),
        }
    }

    fn data(self) -> &'static TableData {
        match self {
            RateTable::BoeBankRate => &BOE_BANK_RATE,
            RateTable::EcbMro => &ECB_MRO,
            RateTable::DeBasiszinssatz => &DE_BASISZINSSATZ,
            RateTable::CnLpr1Year => &CN_LPR_1Y,
            RateTable::CnPbocBenchmark1Year => &CN_PBOC_BENCHMARK_1Y,
            RateTable::UsPromptPayment => &US_PROMPT_PAYMENT,
        }
    }

    /// The last date on which the rate in force is known.
    pub fn last_known(self) -> NaiveDate {
        self.data().known_through.date()
    }

    /// The first date the table has a rate for.
    pub fn first_known(self) -> Option<NaiveDate> {
        self.data().rows.first().map(Row::date)
    }

    /// The rate in force on `date` (percent a year), or None when the table does not reach it:
    /// before its first row, after its last known date, or (for half-yearly tables) a half-year
    /// that was not retrieved.
    pub fn rate_on(self, date: NaiveDate) -> Option<Decimal> {
        self.fixing_on(date).map(|(_, rate)| rate)
    }

    /// The row in force on `date`: the date it took effect (for the LPR, its publication date;
    /// for a half-yearly table, the half-year's first day) and its rate. None where
    /// [`RateTable::rate_on`] is None.
    pub fn fixing_on(self, date: NaiveDate) -> Option<(NaiveDate, Decimal)> {
        let data = self.data();
        if date > data.known_through.date() {
            return None;
        }
        let row = match data.shape {
            Shape::Changes => data.rows.iter().rev().find(|row| row.date() <= date)?,
            Shape::HalfYears => {
                let start = half_year_start(date)?;
                data.rows.iter().find(|row| row.date() == start)?
            }
        };
        Some((row.date(), row.rate()))
    }

    /// Dates in `(after, through]` on which the rate changed (for a rate that floats).
    pub fn changes_between(self, after: NaiveDate, through: NaiveDate) -> Vec<NaiveDate> {
        let data = self.data();
        match data.shape {
            Shape::Changes => data
                .rows
                .iter()
                .map(Row::date)
                .filter(|&d| d > after && d <= through)
                .collect(),
            Shape::HalfYears => Vec::new(),
        }
    }
}

/// What the page shows about a table: its name, where it comes from, how far it reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateTableInfo {
    pub table: RateTable,
    /// English name; [`RateTable::name`] gives either language.
    pub name: &'static str,
    /// Where the figures come from (in English, as the research file cites them).
    pub source: &'static str,
    pub first_known: Option<NaiveDate>,
    /// The last date on which the rate in force is known.
    pub last_known: NaiveDate,
    /// True when some half-years inside the covered span are missing (US Prompt Payment).
    pub has_gaps: bool,
    /// The rules that read this table.
    pub used_by: Vec<RuleKind>,
}

/// Every built-in table with its source and last known date, for display.
pub fn rate_tables() -> Vec<RateTableInfo> {
    RateTable::ALL
        .iter()
        .map(|&table| {
            let data = table.data();
            RateTableInfo {
                table,
                name: table.name(Lang::En),
                source: data.source,
                first_known: table.first_known(),
                last_known: table.last_known(),
                has_gaps: data.shape == Shape::HalfYears && has_half_year_gaps(data.rows),
                used_by: RuleKind::ALL
                    .iter()
                    .copied()
                    .filter(|rule| rule.rate_tables().contains(&table))
                    .collect(),
            }
        })
        .collect()
}

fn has_half_year_gaps(rows: &[Row]) -> bool {
    rows.windows(2)
        .any(|pair| next_half_year(pair[0].date()) != Some(pair[1].date()))
}

/// 1 January or 1 July of the half-year containing `date`.
pub fn half_year_start(date: NaiveDate) -> Option<NaiveDate> {
    let month = if date.month() <= 6 { 1 } else { 7 };
    NaiveDate::from_ymd_opt(date.year(), month, 1)
}

/// 1 January or 1 July after `date`'s half-year.
pub fn next_half_year(date: NaiveDate) -> Option<NaiveDate> {
    if date.month() <= 6 {
        NaiveDate::from_ymd_opt(date.year(), 7, 1)
    } else {
        NaiveDate::from_ymd_opt(date.year().checked_add(1)?, 1, 1)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Each row is a change: its rate is in force from its date until the next row.
    Changes,
    /// Each row is one half-year's rate (starting 1 Jan or 1 Jul); a half-year without a row is
    /// unknown.
    HalfYears,
}

#[derive(Clone, Copy, Debug)]
struct Day {
    y: i32,
    m: u32,
    d: u32,
}

impl Day {
    fn date(self) -> NaiveDate {
        // Every `Day` below is a real calendar date (checked by a unit test); the fallback is
        // never reached and only exists so that this cannot panic.
        NaiveDate::from_ymd_opt(self.y, self.m, self.d).unwrap_or(NaiveDate::MIN)
    }
}

/// A rate in thousandths of a percent, so that 4.875 % and −0.88 % are exact integers.
#[derive(Clone, Copy, Debug)]
struct Row {
    day: Day,
    milli_percent: i64,
}

impl Row {
    fn date(&self) -> NaiveDate {
        self.day.date()
    }
    fn rate(&self) -> Decimal {
        Decimal::new(self.milli_percent, 3).normalize()
    }
}

const fn row(y: i32, m: u32, d: u32, milli_percent: i64) -> Row {
    Row {
        day: Day { y, m, d },
        milli_percent,
    }
}

struct TableData {
    rows: &'static [Row],
    shape: Shape,
    known_through: Day,
    source: &'static str,
}

/// late-payment-law.md §1.2. The dataset's month-filler rows and unsorted 2022 rows are left out.
const BOE_BANK_RATE: TableData = TableData {
    rows: &[
        row(2007, 12, 6, 5500),
        row(2008, 2, 7, 5250),
        row(2008, 4, 10, 5000),
        row(2008, 10, 8, 4500),
        row(2008, 11, 6, 3000),
        row(2008, 12, 4, 2000),
        row(2009, 1, 8, 1500),
        row(2009, 2, 5, 1000),
        row(2009, 3, 5, 500),
        row(2016, 8, 4, 250),
        row(2017, 11, 2, 500),
        row(2018, 8, 2, 750),
        row(2020, 3, 11, 250),
        row(2020, 3, 19, 100),
        row(2021, 12, 16, 250),
        row(2022, 2, 3, 500),
        row(2022, 3, 17, 750),
        row(2022, 5, 5, 1000),
        row(2022, 6, 16, 1250),
        row(2022, 8, 4, 1750),
        row(2022, 9, 22, 2250),
        row(2022, 11, 3, 3000),
        row(2022, 12, 15, 3500),
        row(2023, 2, 2, 4000),
        row(2023, 3, 23, 4250),
        row(2023, 5, 11, 4500),
        row(2023, 6, 22, 5000),
        row(2023, 8, 3, 5250),
        row(2024, 8, 1, 5000),
        row(2024, 11, 7, 4750),
        row(2025, 2, 6, 4500),
        row(2025, 5, 8, 4250),
        row(2025, 8, 7, 4000),
        row(2025, 12, 18, 3750),
    ],
    shape: Shape::Changes,
    // Held at 3.75 on 5 Feb 2026 (The Independent, "first vote of 2026"), 19 Mar 2026 (news
    // pages), 30 Apr 2026 (fxmacrodata.com/de/artikel/gbp-policy-rate-april-2026) and 18 Jun
    // 2026 (fxmacrodata.com/united-kingdom/policy-rate/announcements/gbp_policy_rate_2026-06-18:
    // actual 3.75, previous 3.75). No MPC decision falls between 18 and 30 June; a UK
    // calculator's statutory rate for interest starting 1 July–31 December 2026, 11.75 %
    // (= 3.75 + 8; glama.ai, decisionscalc uk_late_payment_interest), agrees that 3.75 was the
    // rate on 30 June 2026, the date the UK rule reads for the second half of 2026. Nothing
    // later was confirmed by two sources, so the table stops there.
    known_through: Day {
        y: 2026,
        m: 6,
        d: 30,
    },
    source: "Bank Rate changes 2007-12-06 to 2025-05-08 from the datasets/interest-rates-gb \
             data (derived from Bank of England data); 2025-08-07 (4.00) and 2025-12-18 (3.75) \
             from news reports; held at 3.75 on 5 Feb, 19 Mar, 30 Apr and 18 Jun 2026 (news \
             and fxmacrodata.com release pages), 3.75 on 30 Jun 2026 cross-checked with a UK \
             calculator's 2026-H2 rate of 11.75 %. late-payment-law.md §1.2",
};

/// late-payment-law.md §2.2.
const ECB_MRO: TableData = TableData {
    rows: &[
        row(2008, 7, 9, 4250),
        row(2008, 10, 15, 3750),
        row(2008, 11, 12, 3250),
        row(2008, 12, 10, 2500),
        row(2009, 1, 21, 2000),
        row(2009, 3, 11, 1500),
        row(2009, 4, 8, 1250),
        row(2009, 5, 13, 1000),
        row(2011, 4, 13, 1250),
        row(2011, 7, 13, 1500),
        row(2011, 11, 9, 1250),
        row(2011, 12, 14, 1000),
        row(2012, 7, 11, 750),
        row(2013, 5, 8, 500),
        row(2013, 11, 13, 250),
        row(2014, 6, 11, 150),
        row(2014, 9, 10, 50),
        row(2016, 3, 16, 0),
        row(2022, 7, 27, 500),
        row(2022, 9, 14, 1250),
        row(2022, 11, 2, 2000),
        row(2022, 12, 21, 2500),
        row(2023, 2, 8, 3000),
        row(2023, 3, 22, 3500),
        row(2023, 5, 10, 3750),
        row(2023, 6, 21, 4000),
        row(2023, 8, 2, 4250),
        row(2023, 9, 20, 4500),
        row(2024, 6, 12, 4250),
        row(2024, 9, 18, 3650),
        row(2024, 10, 23, 3400),
        row(2024, 12, 18, 3150),
        row(2025, 2, 5, 2900),
        row(2025, 3, 12, 2650),
        row(2025, 4, 23, 2400),
        row(2025, 6, 11, 2150),
    ],
    shape: Shape::Changes,
    // The Bundesbank noted 2.15 still in force on 22 Dec 2025, and duetrail.com's 2026-H1
    // figures (EU 10.15, FR 12.15) confirm it on 1 Jan 2026, the date the first 2026 half-year
    // reads. The Governing Council held it on 18 Dec 2025 (aa.com.tr, "holds rates steady at
    // 2%": MRO 2.15) and on 5 Feb 2026 (brusselstimes.com, 2026-02-05: deposit 2.00, MRO 2.15,
    // marginal lending 2.40). No later decision was found, so 1 July 2026 (the second 2026
    // half-year's reference day) is not known.
    known_through: Day {
        y: 2026,
        m: 2,
        d: 5,
    },
    source: "ECB key interest rates: Banque de France and ECB tables to 2024-10-23, Banka \
             Slovenije to 2025-04-23, the 2025-06-11 cut from public code and the Bundesbank's \
             Jan-2026 note (2.15 % since July 2025, still on 22 Dec 2025); 1 Jan 2026 \
             cross-checked with duetrail.com; held at 2.15 on 5 Feb 2026 (Brussels Times). \
             late-payment-law.md §2.2, §2.3",
};

/// late-payment-law.md §2.4. 2026-07-01 (claimed 1.52 by one code file) is unconfirmed and
/// left out: the stored corpus has the Bundesbank's 1 January 2026 notice (1.27, unchanged;
/// state-of.biz reprint) but nothing for 1 July 2026, and the ECB rate it follows is known only
/// to 5 February 2026.
const DE_BASISZINSSATZ: TableData = TableData {
    rows: &[
        row(2002, 1, 1, 2570),
        row(2002, 7, 1, 2470),
        row(2003, 1, 1, 1970),
        row(2003, 7, 1, 1220),
        row(2004, 1, 1, 1140),
        row(2004, 7, 1, 1130),
        row(2005, 1, 1, 1210),
        row(2005, 7, 1, 1170),
        row(2006, 1, 1, 1370),
        row(2006, 7, 1, 1950),
        row(2007, 1, 1, 2700),
        row(2007, 7, 1, 3190),
        row(2008, 1, 1, 3320),
        row(2008, 7, 1, 3190),
        row(2009, 1, 1, 1620),
        row(2009, 7, 1, 120),
        row(2011, 7, 1, 370),
        row(2012, 1, 1, 120),
        row(2013, 1, 1, -130),
        row(2013, 7, 1, -380),
        row(2014, 1, 1, -630),
        row(2014, 7, 1, -730),
        row(2015, 1, 1, -830),
        row(2016, 7, 1, -880),
        row(2023, 1, 1, 1620),
        row(2023, 7, 1, 3120),
        row(2024, 1, 1, 3620),
        row(2024, 7, 1, 3370),
        row(2025, 1, 1, 2270),
        row(2025, 7, 1, 1270),
        row(2026, 1, 1, 1270),
    ],
    shape: Shape::Changes,
    // The base rate is set for a whole half-year on 1 Jan / 1 Jul, so 1.27 holds to 30 Jun 2026.
    known_through: Day {
        y: 2026,
        m: 6,
        d: 30,
    },
    source: "Haufe commentary list (2002–2022); ameax/bgb-interest basiszins.json built from \
             the Bundesbank series BBIN1 (2023–2025); Bundesbank note: 1.27 % unchanged from \
             1 Jan 2026. late-payment-law.md §2.4",
};

/// late-payment-law.md §3.4: every 1-year LPR change from the first publication (2019-08-20)
/// to the February 2026 fixing (the last change was 2025-05-20). A month without a row published the same value as the month
/// before. The LPR is published on the 20th of each month, or the next working day (PBOC
/// announcement of 2019-08-17 on the LPR reform), and is in force until the next publication.
const CN_LPR_1Y: TableData = TableData {
    rows: &[
        row(2019, 8, 20, 4250),
        row(2019, 9, 20, 4200),
        row(2019, 11, 20, 4150),
        row(2020, 2, 20, 4050),
        row(2020, 4, 20, 3850),
        row(2021, 12, 20, 3800),
        row(2022, 1, 20, 3700),
        row(2022, 8, 22, 3650),
        row(2023, 6, 20, 3550),
        row(2023, 8, 21, 3450),
        row(2024, 7, 22, 3350),
        row(2024, 10, 21, 3100),
        row(2025, 5, 20, 3000),
    ],
    shape: Shape::Changes,
    // Several tables agree month by month to the July 2025 fixing (3.00, 2025-07-21). After
    // it, every fixing to February 2026 published 3.00 again, from news reprints of the
    // publications:
    // - 2025-09-22: Xinhua (en.people.cn/n3/2025/0922/c90000-20369329.html), 3 %, unchanged;
    //   Business Times/Reuters: "unchanged for the fourth consecutive month" (June–September);
    // - 2025-12-22: Business Times/Reuters, "seventh consecutive month" (so October, November
    //   and December too);
    // - 2026-01-20: Xinhua (en.people.cn/n3/2026/0120/c90000-20416397.html) and RTTNews
    //   ("eighth straight session"), 3 %;
    // - 2026-02-24 (the 20th fell in the Spring Festival holiday): Xinhua
    //   (en.people.cn/n3/2026/0224/c90000-20427679.html), 3 %, unchanged.
    // So 3.00 (published 2025-05-20) is in force until the March 2026 publication, which could
    // not come before Friday 2026-03-20. No later publication was found: the page asks for it.
    known_through: Day {
        y: 2026,
        m: 3,
        d: 19,
    },
    source: "Several independent public code tables agreeing month by month from 2019-08 to \
             2025-07; news for 2021-12-20 (3.80) and 2022-01-20 (3.70); 3.00 unchanged at \
             every fixing from 2025-06 to 2026-02-24 (Xinhua and Reuters reports of each \
             publication); published by the National Interbank Funding Center on the 20th of \
             each month (next working day on holidays). Later fixings: enter them from \
             chinamoney.com.cn. late-payment-law.md §3.4",
};

/// late-payment-law.md §3.3: 4.35 % since 2015-10-24, the rate the sale-contract
/// interpretation uses for breaches up to 2019-08-19. Earlier values were not retrieved.
const CN_PBOC_BENCHMARK_1Y: TableData = TableData {
    rows: &[row(2015, 10, 24, 4350)],
    shape: Shape::Changes,
    known_through: Day {
        y: 2019,
        m: 8,
        d: 19,
    },
    source: "PBOC 1-year benchmark lending rate 4.35 % since 2015-10-24 (code footnote cited \
             in late-payment-law.md §3.3); used only for breaches before 2019-08-20",
};

/// late-payment-law.md §4.1 (Federal Register notices). Half-years without a row were not
/// retrieved; 2026-H1 (4.125, a blog only — getinvoicepdf.com, "updated June 2026") is left
/// out, and no Federal Register notice for 2025-H2 or 2026-H1 is in the stored corpus.
const US_PROMPT_PAYMENT: TableData = TableData {
    rows: &[
        row(2009, 1, 1, 5625),
        row(2011, 1, 1, 2625),
        row(2013, 1, 1, 1375),
        row(2013, 7, 1, 1750),
        row(2017, 1, 1, 2500),
        row(2021, 1, 1, 875),
        row(2021, 7, 1, 1125),
        row(2023, 1, 1, 4625),
        row(2023, 7, 1, 4875),
        row(2024, 7, 1, 4875),
        row(2025, 1, 1, 4625),
    ],
    shape: Shape::HalfYears,
    known_through: Day {
        y: 2025,
        m: 6,
        d: 30,
    },
    source: "Federal Register notices of the Prompt Payment interest rate for 2009-H1, \
             2011-H1, 2013-H1, 2013-H2, 2017-H1, 2021-H1, 2021-H2, 2023-H1, 2023-H2, 2024-H2 and \
             2025-H1; other half-years were not retrieved. late-payment-law.md §4.1",
};

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn every_row_is_a_real_date_and_rows_ascend() {
        for table in RateTable::ALL {
            let data = table.data();
            for row in data.rows {
                let day = row.day;
                assert!(
                    NaiveDate::from_ymd_opt(day.y, day.m, day.d).is_some(),
                    "{table:?} {day:?}"
                );
            }
            assert!(
                data.rows.windows(2).all(|p| p[0].date() < p[1].date()),
                "{table:?}"
            );
            let k = data.known_through;
            assert!(NaiveDate::from_ymd_opt(k.y, k.m, k.d).is_some());
            assert!(table.first_known().unwrap() <= table.last_known());
        }
    }

    #[test]
    fn rates_in_force_follow_the_change_dates() {
        let boe = RateTable::BoeBankRate;
        assert_eq!(boe.rate_on(date(2023, 6, 30)), Some(d("5")));
        assert_eq!(boe.rate_on(date(2023, 6, 21)), Some(d("4.5")));
        assert_eq!(boe.rate_on(date(2023, 6, 22)), Some(d("5")));
        assert_eq!(boe.rate_on(date(2025, 12, 31)), Some(d("3.75")));
        assert_eq!(boe.rate_on(date(2026, 3, 19)), Some(d("3.75")));
        // 30 June 2026, the day the UK rule reads for the second half of 2026, is known.
        assert_eq!(boe.rate_on(date(2026, 6, 30)), Some(d("3.75")));
        assert_eq!(boe.rate_on(date(2026, 7, 1)), None);
        let lpr = RateTable::CnLpr1Year;
        assert_eq!(
            lpr.fixing_on(date(2026, 3, 19)),
            Some((date(2025, 5, 20), d("3")))
        );
        assert_eq!(lpr.rate_on(date(2026, 3, 20)), None);
        assert_eq!(RateTable::EcbMro.rate_on(date(2026, 2, 5)), Some(d("2.15")));
        assert_eq!(RateTable::EcbMro.rate_on(date(2026, 2, 6)), None);
        assert_eq!(boe.rate_on(date(2007, 12, 5)), None);
        assert_eq!(
            RateTable::DeBasiszinssatz.rate_on(date(2020, 5, 1)),
            Some(d("-0.88"))
        );
        assert_eq!(
            RateTable::CnLpr1Year.rate_on(date(2024, 11, 1)),
            Some(d("3.1"))
        );
        assert_eq!(RateTable::CnLpr1Year.rate_on(date(2019, 8, 19)), None);
    }

    #[test]
    fn half_yearly_tables_know_only_their_listed_half_years() {
        let us = RateTable::UsPromptPayment;
        assert_eq!(us.rate_on(date(2023, 7, 1)), Some(d("4.875")));
        assert_eq!(us.rate_on(date(2023, 6, 30)), Some(d("4.625")));
        assert_eq!(us.rate_on(date(2024, 3, 1)), None);
        assert_eq!(us.rate_on(date(2022, 3, 1)), None);
        assert_eq!(us.rate_on(date(2025, 7, 1)), None);
        assert!(us
            .changes_between(date(2020, 1, 1), date(2025, 1, 1))
            .is_empty());
    }

    #[test]
    fn the_semester_table_of_the_research_file_is_reproduced() {
        // late-payment-law.md §2.3: ECB rate on the first day of each half-year.
        let ecb = RateTable::EcbMro;
        for (y, m, rate) in [
            (2014, 1, "0.25"),
            (2014, 7, "0.15"),
            (2015, 1, "0.05"),
            (2016, 7, "0"),
            (2022, 7, "0"),
            (2023, 1, "2.5"),
            (2023, 7, "4"),
            (2024, 1, "4.5"),
            (2024, 7, "4.25"),
            (2025, 1, "3.15"),
            (2025, 7, "2.15"),
            (2026, 1, "2.15"),
        ] {
            assert_eq!(ecb.rate_on(date(y, m, 1)), Some(d(rate)), "{y}-{m}");
        }
        assert_eq!(ecb.rate_on(date(2026, 7, 1)), None);
    }

    #[test]
    fn tables_report_source_and_reach() {
        let tables = rate_tables();
        assert_eq!(tables.len(), RateTable::ALL.len());
        let us = tables
            .iter()
            .find(|t| t.table == RateTable::UsPromptPayment)
            .unwrap();
        assert!(us.has_gaps);
        assert_eq!(us.last_known, date(2025, 6, 30));
        assert_eq!(us.used_by, vec![RuleKind::UsPromptPayment]);
        let ecb = tables
            .iter()
            .find(|t| t.table == RateTable::EcbMro)
            .unwrap();
        assert!(!ecb.has_gaps);
        assert_eq!(
            ecb.used_by,
            vec![RuleKind::EuDirective, RuleKind::FrL441_10]
        );
        assert!(tables.iter().all(|t| !t.source.is_empty()));
    }

    #[test]
    fn half_year_helpers() {
        assert_eq!(half_year_start(date(2024, 6, 30)), Some(date(2024, 1, 1)));
        assert_eq!(half_year_start(date(2024, 7, 1)), Some(date(2024, 7, 1)));
        assert_eq!(next_half_year(date(2024, 2, 29)), Some(date(2024, 7, 1)));
        assert_eq!(next_half_year(date(2024, 12, 31)), Some(date(2025, 1, 1)));
    }
}
