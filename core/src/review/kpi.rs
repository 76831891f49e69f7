//! Collection KPIs, per currency (never added across currencies), each with its formula.
//!
//! Sources of the formulas (the worked examples in `core/tests/review_kpi.rs` are theirs):
//! - DSO, count-back method: receivables are "counted back" against each month's credit sales,
//!   newest month first; every month they exhaust counts its days, the last one its fraction
//!   (Credit Research Foundation's count-back / "exhaust" method; worked example: Benji Pays,
//!   "Mastering DSO Calculation: The Count-Back Method Explained", 2024 — sales 70,000, 80,000,
//!   100,000, receivables 212,000 → 73.7 days with 30-day months).
//! - DSO, average method: receivables ÷ credit sales of the period × days in the period.
//! - ADD = DSO − best possible DSO, where best possible DSO = current (not yet due)
//!   receivables ÷ credit sales × days (creditguru.com, "Average Days Delinquent": 15,000 total,
//!   4,000 current, 10,000 sales in 30 days → 45 − 12 = 33 days).
//! - CEI = (beginning receivables + credit sales − ending total receivables) ÷ (beginning
//!   receivables + credit sales − ending current receivables) × 100 (Credit Research
//!   Foundation, quoted by creditguru.com, "Collection Effectiveness Index": 6,200 + 3,630 −
//!   6,340 over 6,200 + 3,630 − 3,590 → 55.9 %).
//! - 回款率 = 回款额 ÷ 应回款金额 = (期初应收 + 本期新增应收 − 期末应收) ÷ (期初应收 + 本期新增应收)
//!   × 100 % (jscc.net, 《销售回款率计算公式》).
//!
//! Between two snapshots, "credit sales in the period" are the invoices new to the ledger since
//! the earlier one, so that beginning + sales − ending is what left the ledger: collected, or
//! written off (the vanished invoices are listed apart in the changes).

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

use super::matching::match_snapshots;
use super::snapshot::Snapshot;
use crate::dates::days_between;
use crate::i18n::Lang;
use crate::money::format_grouped;

/// How many months back the count-back looks before it says "at least".
pub const COUNTBACK_MONTHS: u32 = 24;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

fn ratio(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator <= Decimal::ZERO {
        return None;
    }
    numerator.checked_div(denominator)
}

fn percent(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    ratio(numerator, denominator)
        .and_then(|r| r.checked_mul(HUNDRED))
        .map(|v| v.round_dp(1))
}

/// DSO by count-back: `months` are (credit sales, days) newest first. None when there are no
/// receivables to count or no sales at all; `at_least` when the months ran out first.
pub fn countback(receivables: Decimal, months: &[(Decimal, i64)]) -> Option<Countback> {
    if receivables <= Decimal::ZERO || months.iter().all(|(s, _)| *s <= Decimal::ZERO) {
        return None;
    }
    let mut left = receivables;
    let mut days = Decimal::ZERO;
    for (sales, length) in months {
        let length = Decimal::from(*length);
        if *sales <= Decimal::ZERO {
            days = days.saturating_add(length);
            continue;
        }
        if left <= *sales {
            let part = ratio(left, *sales)?.checked_mul(length)?;
            return Some(Countback {
                days: days.saturating_add(part).round_dp(1),
                at_least: false,
            });
        }
        left -= *sales;
        days = days.saturating_add(length);
    }
    Some(Countback {
        days: days.round_dp(1),
        at_least: true,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countback {
    pub days: Decimal,
    /// The receivables were older than the months looked at: DSO is at least `days`.
    pub at_least: bool,
}

/// DSO by the average method: receivables ÷ credit sales × days.
pub fn dso_average(receivables: Decimal, sales: Decimal, days: i64) -> Option<Decimal> {
    ratio(receivables.max(Decimal::ZERO), sales)
        .and_then(|r| r.checked_mul(Decimal::from(days)))
        .map(|v| v.round_dp(1))
}

/// Average days delinquent: DSO less best possible DSO (both by the average method).
pub fn add(total: Decimal, current: Decimal, sales: Decimal, days: i64) -> Option<Decimal> {
    let dso = dso_average(total, sales, days)?;
    let best = dso_average(current, sales, days)?;
    Some(dso - best)
}

/// Collection effectiveness index, percent to one decimal.
pub fn cei(
    beginning: Decimal,
    sales: Decimal,
    ending_total: Decimal,
    ending_current: Decimal,
) -> Option<Decimal> {
    let available = beginning.saturating_add(sales);
    percent(
        available.saturating_sub(ending_total),
        available.saturating_sub(ending_current),
    )
}

/// 回款率: collected over what was there to collect, percent to one decimal.
pub fn collection_rate(beginning: Decimal, sales: Decimal, ending: Decimal) -> Option<Decimal> {
    let due = beginning.saturating_add(sales);
    percent(due.saturating_sub(ending), due)
}

/// What one snapshot holds in one currency, on its own date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// Open amounts net of credits.
    pub receivables: Decimal,
    /// Not yet due.
    pub current: Decimal,
    pub overdue: Decimal,
    /// Positive open amounts (the base of the overdue share).
    pub open: Decimal,
}

pub fn position(snapshot: &Snapshot, currency: &str) -> Position {
    let mut p = Position::default();
    for invoice in snapshot.invoices.iter().filter(|i| i.currency == currency) {
        p.receivables = p.receivables.saturating_add(invoice.outstanding);
        if invoice.outstanding > Decimal::ZERO {
            p.open = p.open.saturating_add(invoice.outstanding);
            if days_between(invoice.due_date, snapshot.as_of) > 0 {
                p.overdue = p.overdue.saturating_add(invoice.outstanding);
            } else {
                p.current = p.current.saturating_add(invoice.outstanding);
            }
        }
    }
    p.receivables = p.receivables.max(Decimal::ZERO);
    p
}

/// Credit sales by calendar month back from the as-of date, newest first: month k is the days
/// after `as_of − k months` up to `as_of − (k−1) months`.
pub fn monthly_sales(snapshot: &Snapshot, currency: &str, months: u32) -> Vec<(Decimal, i64)> {
    let mut out = Vec::new();
    let mut end = snapshot.as_of;
    for _ in 0..months {
        let Some(start) = end.checked_sub_months(Months::new(1)) else {
            break;
        };
        let sales = snapshot
            .invoices
            .iter()
            .filter(|i| i.currency == currency && i.amount > Decimal::ZERO)
            .filter(|i| i.invoice_date.is_some_and(|d| d > start && d <= end))
            .fold(Decimal::ZERO, |sum, i| sum.saturating_add(i.amount));
        out.push((sales, days_between(start, end)));
        end = start;
    }
    out
}

fn sales_within(snapshot: &Snapshot, currency: &str, days: i64) -> Decimal {
    let start = crate::dates::add_days(snapshot.as_of, -days);
    snapshot
        .invoices
        .iter()
        .filter(|i| i.currency == currency && i.amount > Decimal::ZERO)
        .filter(|i| {
            i.invoice_date
                .is_some_and(|d| d > start && d <= snapshot.as_of)
        })
        .fold(Decimal::ZERO, |sum, i| sum.saturating_add(i.amount))
}

/// 回款率 of one salesperson (or customer) between two snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupRate {
    pub name: String,
    pub beginning: Decimal,
    pub sales: Decimal,
    pub ending: Decimal,
    pub rate: Option<Decimal>,
}

/// Between two snapshots, in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    pub then: NaiveDate,
    pub beginning: Decimal,
    /// Invoices new since `then`.
    pub sales: Decimal,
    /// beginning + sales − ending.
    pub collected: Decimal,
    pub cei: Option<Decimal>,
    /// Grouped by salesperson when the ledger names them, else by customer.
    pub by_salesperson: bool,
    pub rates: Vec<GroupRate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kpis {
    pub currency: String,
    pub as_of: NaiveDate,
    pub position: Position,
    pub dso_countback: Option<Countback>,
    /// Average method over `period_days`.
    pub dso_average: Option<Decimal>,
    pub period_days: i64,
    pub period_sales: Decimal,
    pub overdue_share: Option<Decimal>,
    pub add: Option<Decimal>,
    pub flow: Option<Flow>,
}

/// The KPIs of `now`, per currency; the flow ones when there is an earlier snapshot.
pub fn kpis(now: &Snapshot, then: Option<&Snapshot>, period_days: i64) -> Vec<Kpis> {
    let period_days = period_days.clamp(1, 3660);
    now.currencies()
        .into_iter()
        .map(|currency| {
            let position = position(now, &currency);
            let period_sales = sales_within(now, &currency, period_days);
            Kpis {
                dso_countback: countback(
                    position.receivables,
                    &monthly_sales(now, &currency, COUNTBACK_MONTHS),
                ),
                dso_average: dso_average(position.receivables, period_sales, period_days),
                overdue_share: percent(position.overdue, position.open),
                add: add(
                    position.receivables,
                    position.current,
                    period_sales,
                    period_days,
                ),
                flow: then.map(|then| flow(then, now, &currency)),
                period_days,
                period_sales,
                position,
                as_of: now.as_of,
                currency,
            }
        })
        .collect()
}

fn flow(then: &Snapshot, now: &Snapshot, currency: &str) -> Flow {
    let before = position(then, currency);
    let after = position(now, currency);
    let pairs = match_snapshots(then, now);
    let by_salesperson = now
        .invoices
        .iter()
        .any(|i| i.currency == currency && !i.salesperson.is_empty());
    let mut sales = Decimal::ZERO;
    let mut groups: BTreeMap<String, (Decimal, Decimal, Decimal)> = BTreeMap::new();
    for pair in pairs.iter().filter(|p| p.currency() == currency) {
        let side = pair.now.as_ref().or(pair.then.as_ref());
        let name = match side {
            Some(s) if by_salesperson => s.salesperson.clone(),
            _ => pair.customer().to_string(),
        };
        let entry = groups.entry(name).or_default();
        if let Some(t) = &pair.then {
            entry.0 = entry.0.saturating_add(t.outstanding);
        }
        if let (None, Some(n)) = (&pair.then, &pair.now) {
            let amount = n.amount.max(Decimal::ZERO);
            sales = sales.saturating_add(amount);
            entry.1 = entry.1.saturating_add(amount);
        }
        if let Some(n) = &pair.now {
            entry.2 = entry.2.saturating_add(n.outstanding);
        }
    }
    let mut rates: Vec<GroupRate> = groups
        .into_iter()
        .map(|(name, (beginning, sales, ending))| GroupRate {
            rate: collection_rate(beginning, sales, ending),
            name,
            beginning,
            sales,
            ending,
        })
        .filter(|g| g.rate.is_some())
        .collect();
    rates.sort_by(|a, b| a.rate.cmp(&b.rate).then(a.name.cmp(&b.name)));
    let available = before.receivables.saturating_add(sales);
    Flow {
        then: then.as_of,
        beginning: before.receivables,
        sales,
        collected: available.saturating_sub(after.receivables),
        cei: cei(before.receivables, sales, after.receivables, after.current),
        by_salesperson,
        rates,
    }
}

/// The KPIs the page shows, in order; `key` is the `kpi-…` hook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kpi {
    DsoCountback,
    DsoAverage,
    OverdueShare,
    Add,
    Cei,
    Collected,
}

impl Kpi {
    pub const ALL: [Kpi; 6] = [
        Kpi::DsoCountback,
        Kpi::DsoAverage,
        Kpi::OverdueShare,
        Kpi::Add,
        Kpi::Cei,
        Kpi::Collected,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Kpi::DsoCountback => "dso",
            Kpi::DsoAverage => "dso-average",
            Kpi::OverdueShare => "overdue-share",
            Kpi::Add => "add",
            Kpi::Cei => "cei",
            Kpi::Collected => "collected",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Kpi::DsoCountback => lang.pick("DSO（倒推法）", "DSO (count-back)"),
            Kpi::DsoAverage => lang.pick("DSO（平均法）", "DSO (average)"),
            Kpi::OverdueShare => lang.pick("逾期占比", "Overdue share"),
            Kpi::Add => lang.pick("平均逾期天数 ADD", "Avg. days delinquent"),
            Kpi::Cei => lang.pick("回收有效性指数 CEI", "Collection effectiveness"),
            Kpi::Collected => lang.pick("本期回款", "Collected in period"),
        }
    }

    /// The value as the page shows it (unit included), None when undefined.
    pub fn value(self, k: &Kpis, lang: Lang) -> Option<String> {
        let days = |d: Decimal| format!("{}{}", d.normalize(), lang.pick(" 天", " days"));
        match self {
            Kpi::DsoCountback => k.dso_countback.map(|c| {
                let prefix = if c.at_least {
                    lang.pick("≥", "≥ ")
                } else {
                    ""
                };
                format!("{prefix}{}", days(c.days))
            }),
            Kpi::DsoAverage => k.dso_average.map(days),
            Kpi::OverdueShare => k.overdue_share.map(|p| format!("{}%", p.normalize())),
            Kpi::Add => k.add.map(days),
            Kpi::Cei => k.flow.as_ref()?.cei.map(|p| format!("{}%", p.normalize())),
            Kpi::Collected => k
                .flow
                .as_ref()
                .map(|f| format!("{} {}", k.currency, format_grouped(f.collected))),
        }
    }

    /// The number behind the value, for `data-value`.
    pub fn raw(self, k: &Kpis) -> Option<Decimal> {
        match self {
            Kpi::DsoCountback => k.dso_countback.map(|c| c.days),
            Kpi::DsoAverage => k.dso_average,
            Kpi::OverdueShare => k.overdue_share,
            Kpi::Add => k.add,
            Kpi::Cei => k.flow.as_ref()?.cei,
            Kpi::Collected => k.flow.as_ref().map(|f| f.collected),
        }
    }

    /// The formula with this ledger's numbers in it: the hover text.
    pub fn formula(self, k: &Kpis, lang: Lang) -> String {
        let m = |d: Decimal| format_grouped(d);
        let p = &k.position;
        let n = k.period_days;
        match (self, lang) {
            (Kpi::DsoCountback, Lang::Zh) => format!(
                "倒推法：期末应收 {} 从最近一个月的赊销额起逐月抵减，抵尽的月份计整月天数，最后一个月按比例计（按发票日期归月；只粘贴未结清发票时会偏高）。来源：美国信用研究基金会（CRF）倒推法",
                m(p.receivables)
            ),
            (Kpi::DsoCountback, Lang::En) => format!(
                "Count-back: receivables of {} are set against each month's credit sales, newest first; each month used up counts its days, the last one its fraction (months by invoice date; a ledger of open invoices only overstates it). Source: Credit Research Foundation count-back method",
                m(p.receivables)
            ),
            (Kpi::DsoAverage, Lang::Zh) => format!(
                "应收 {} ÷ 近 {n} 天赊销额 {} × {n} 天",
                m(p.receivables),
                m(k.period_sales)
            ),
            (Kpi::DsoAverage, Lang::En) => format!(
                "receivables {} ÷ credit sales of the last {n} days {} × {n} days",
                m(p.receivables),
                m(k.period_sales)
            ),
            (Kpi::OverdueShare, Lang::Zh) => {
                format!("逾期金额 {} ÷ 未结清金额 {} × 100%", m(p.overdue), m(p.open))
            }
            (Kpi::OverdueShare, Lang::En) => format!(
                "overdue {} ÷ open amount {} × 100%",
                m(p.overdue),
                m(p.open)
            ),
            (Kpi::Add, Lang::Zh) => format!(
                "ADD = DSO − 最佳 DSO = (应收 {} − 未到期应收 {}) ÷ 近 {n} 天赊销额 {} × {n} 天。来源：creditguru.com《Average Days Delinquent》",
                m(p.receivables),
                m(p.current),
                m(k.period_sales)
            ),
            (Kpi::Add, Lang::En) => format!(
                "ADD = DSO − best possible DSO = (receivables {} − current {}) ÷ credit sales of the last {n} days {} × {n} days. Source: creditguru.com, Average Days Delinquent",
                m(p.receivables),
                m(p.current),
                m(k.period_sales)
            ),
            (Kpi::Cei, _) | (Kpi::Collected, _) => match &k.flow {
                None => lang
                    .pick("需要一份更早的快照", "needs an earlier snapshot")
                    .to_string(),
                Some(f) if self == Kpi::Cei => lang.pick(
                    format!(
                        "CEI = (期初应收 {} + 本期新增 {} − 期末应收 {}) ÷ (期初应收 {} + 本期新增 {} − 期末未到期应收 {}) × 100%。来源：美国信用研究基金会（CRF）",
                        m(f.beginning), m(f.sales), m(p.receivables), m(f.beginning), m(f.sales), m(p.current)
                    ),
                    format!(
                        "CEI = (beginning {} + new invoices {} − ending {}) ÷ (beginning {} + new invoices {} − ending current {}) × 100%. Source: Credit Research Foundation",
                        m(f.beginning), m(f.sales), m(p.receivables), m(f.beginning), m(f.sales), m(p.current)
                    ),
                ),
                Some(f) => lang.pick(
                    format!(
                        "期初应收 {} + 本期新增 {} − 期末应收 {}（含核销）",
                        m(f.beginning), m(f.sales), m(p.receivables)
                    ),
                    format!(
                        "beginning {} + new invoices {} − ending {} (write-offs included)",
                        m(f.beginning), m(f.sales), m(p.receivables)
                    ),
                ),
            },
        }
    }
}
