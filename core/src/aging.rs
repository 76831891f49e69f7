//! Aging: how late each invoice is, which bucket it falls in, and the roll-ups per customer
//! and per currency. Amounts in different currencies are never added together.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::dates::days_between;
use crate::i18n::Lang;
use crate::paste::Invoice;

/// Overdue buckets as ascending upper bounds in days past due. `[15, 30, 60, 90]` gives
/// not yet due, 1–15, 16–30, 31–60, 61–90 and over 90.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buckets {
    edges: Vec<u32>,
}

/// The escalation stages our users follow.
pub const STAGE_EDGES: [u32; 4] = [15, 30, 60, 90];
/// The accounting convention.
pub const ACCOUNTING_EDGES: [u32; 4] = [30, 60, 90, 120];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BucketError {
    NotANumber(String),
    NotAscending,
    Empty,
}

impl Buckets {
    /// Sorts, drops zeros and duplicates: any list the user typed gives valid buckets.
    pub fn new(edges: &[u32]) -> Buckets {
        let mut edges: Vec<u32> = edges.iter().copied().filter(|&e| e > 0).collect();
        edges.sort_unstable();
        edges.dedup();
        Buckets { edges }
    }

    pub fn stages() -> Buckets {
        Buckets::new(&STAGE_EDGES)
    }

    /// Reads `15, 30, 60, 90` (commas, spaces, 、 or ，); rejects what is not ascending.
    pub fn parse(text: &str) -> Result<Buckets, BucketError> {
        let mut edges = Vec::new();
        for part in text
            .split(|c: char| c == ',' || c == '，' || c == '、' || c == ';' || c.is_whitespace())
        {
            if part.is_empty() {
                continue;
            }
            let n: u32 = part
                .parse()
                .map_err(|_| BucketError::NotANumber(part.to_string()))?;
            if n == 0 || edges.last().is_some_and(|&last| n <= last) {
                return Err(BucketError::NotAscending);
            }
            edges.push(n);
        }
        if edges.is_empty() {
            return Err(BucketError::Empty);
        }
        Ok(Buckets { edges })
    }

    pub fn edges(&self) -> &[u32] {
        &self.edges
    }

    /// Not yet due, one bucket per edge, and the open-ended last one.
    pub fn len(&self) -> usize {
        self.edges.len() + 2
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// Bucket 0 is "not yet due" (due today or later); the last is "over the last edge".
    pub fn index(&self, days_past_due: i64) -> usize {
        if days_past_due <= 0 {
            return 0;
        }
        self.edges
            .iter()
            .position(|&edge| days_past_due <= i64::from(edge))
            .map_or(self.edges.len() + 1, |i| i + 1)
    }

    pub fn label(&self, index: usize, lang: Lang) -> String {
        if index == 0 {
            return lang.pick("未到期", "Not yet due").to_string();
        }
        let low = if index == 1 {
            1
        } else {
            self.edges[index - 2] + 1
        };
        // No half-width space beside a Chinese character: the label goes into letters too.
        match self.edges.get(index - 1) {
            Some(&high) => match lang {
                Lang::Zh => format!("逾期{low}–{high}天"),
                Lang::En => format!("{low}–{high} days"),
            },
            None => match lang {
                Lang::Zh => format!("逾期{}天以上", low - 1),
                Lang::En => format!("Over {} days", low - 1),
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Open,
    Paid,
    Credit,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Paid => "paid",
            Status::Credit => "credit",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Open => lang.pick("未结清", "Open"),
            Status::Paid => lang.pick("已付清", "Paid"),
            Status::Credit => lang.pick("贷项", "Credit"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aged {
    /// As-of date minus due date: negative while not yet due, 0 on the due date.
    pub days_past_due: i64,
    pub bucket: usize,
    pub status: Status,
}

impl Aged {
    pub fn is_overdue(&self) -> bool {
        self.status == Status::Open && self.days_past_due > 0
    }
}

pub fn age(invoice: &Invoice, as_of: NaiveDate, buckets: &Buckets) -> Aged {
    let days_past_due = days_between(invoice.due_date, as_of);
    let status = if invoice.outstanding.is_zero() {
        Status::Paid
    } else if invoice.outstanding.is_sign_negative() {
        Status::Credit
    } else {
        Status::Open
    };
    Aged {
        days_past_due,
        bucket: buckets.index(days_past_due),
        status,
    }
}

/// Days past due as a reader says it: "12" when late, "due today", "due in 10 days" (never
/// "-10").
pub fn describe_days(days_past_due: i64, lang: Lang) -> String {
    match days_past_due {
        d if d > 0 => d.to_string(),
        0 => lang.pick("今天到期", "due today").to_string(),
        d => {
            let n = d.unsigned_abs();
            match lang {
                Lang::Zh => format!("{n} 天后到期"),
                Lang::En if n == 1 => "due tomorrow".to_string(),
                Lang::En => format!("due in {n} days"),
            }
        }
    }
}

/// Open amounts by bucket, credits apart, for one customer or one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rollup {
    pub currency: String,
    pub by_bucket: Vec<Decimal>,
    /// Sum of credit rows (negative).
    pub credits: Decimal,
    /// Open invoices plus credits.
    pub total: Decimal,
    pub overdue: Decimal,
    /// Days past due of the oldest overdue open invoice.
    pub oldest_days: Option<i64>,
    pub open_count: usize,
    pub overdue_count: usize,
    /// Credit rows (credit notes, overpayments) counted in `credits`.
    pub credit_count: usize,
}

impl Rollup {
    fn new(currency: &str, buckets: usize) -> Rollup {
        Rollup {
            currency: currency.to_string(),
            by_bucket: vec![Decimal::ZERO; buckets],
            credits: Decimal::ZERO,
            total: Decimal::ZERO,
            overdue: Decimal::ZERO,
            oldest_days: None,
            open_count: 0,
            overdue_count: 0,
            credit_count: 0,
        }
    }

    fn add(&mut self, invoice: &Invoice, aged: &Aged) {
        match aged.status {
            Status::Paid => {}
            Status::Credit => {
                self.credits += invoice.outstanding;
                self.total += invoice.outstanding;
                self.credit_count += 1;
            }
            Status::Open => {
                self.by_bucket[aged.bucket] += invoice.outstanding;
                self.total += invoice.outstanding;
                self.open_count += 1;
                if aged.is_overdue() {
                    self.overdue += invoice.outstanding;
                    self.overdue_count += 1;
                    self.oldest_days = Some(
                        self.oldest_days
                            .map_or(aged.days_past_due, |d| d.max(aged.days_past_due)),
                    );
                }
            }
        }
    }

    /// The open invoices before credits: the buckets' sum, what `overdue` is a part of.
    /// `total` is this plus `credits`, so with a credit the overdue amount can exceed the
    /// total: a credit not matched to an invoice is not taken off any one invoice's lateness.
    pub fn open_amount(&self) -> Decimal {
        self.by_bucket.iter().sum()
    }

    /// The rows that make up `total`: open invoices and credits (paid ones add nothing), so
    /// that a total's count is the sum of its customers' counts.
    pub fn item_count(&self) -> usize {
        self.open_count + self.credit_count
    }

    /// Overdue share of the open amount, in percent (0 when nothing is open).
    pub fn overdue_percent(&self) -> Decimal {
        let open = self.open_amount();
        if open.is_zero() {
            Decimal::ZERO
        } else {
            (self.overdue * Decimal::ONE_HUNDRED / open).round_dp(1)
        }
    }
}

/// The 账龄表 row of one customer in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerSummary {
    pub customer: String,
    pub rollup: Rollup,
    pub invoice_count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyTotal {
    pub rollup: Rollup,
    pub customers_overdue: usize,
}

/// Per customer and currency, most overdue first; then per currency, alphabetically.
pub fn summarize(
    invoices: &[Invoice],
    aged: &[Aged],
    buckets: &Buckets,
) -> (Vec<CustomerSummary>, Vec<CurrencyTotal>) {
    // Hash maps (a B-tree compared customer names a dozen times per invoice); both lists are
    // sorted below, so the maps' order never shows.
    let mut customers: HashMap<(&str, &str), CustomerSummary, RandomState> = HashMap::default();
    let mut totals: HashMap<&str, CurrencyTotal, RandomState> = HashMap::default();
    for (invoice, aged) in invoices.iter().zip(aged) {
        let key = (invoice.customer.as_str(), invoice.currency.as_str());
        let summary = customers.entry(key).or_insert_with(|| CustomerSummary {
            customer: invoice.customer.clone(),
            rollup: Rollup::new(&invoice.currency, buckets.len()),
            invoice_count: 0,
        });
        summary.rollup.add(invoice, aged);
        summary.invoice_count += 1;
        totals
            .entry(invoice.currency.as_str())
            .or_insert_with(|| CurrencyTotal {
                rollup: Rollup::new(&invoice.currency, buckets.len()),
                customers_overdue: 0,
            })
            .rollup
            .add(invoice, aged);
    }
    for summary in customers.values() {
        if summary.rollup.overdue_count > 0 {
            if let Some(total) = totals.get_mut(summary.rollup.currency.as_str()) {
                total.customers_overdue += 1;
            }
        }
    }
    let mut customers: Vec<CustomerSummary> = customers.into_values().collect();
    customers.sort_by(|a, b| {
        b.rollup
            .overdue
            .cmp(&a.rollup.overdue)
            .then_with(|| b.rollup.total.cmp(&a.rollup.total))
            .then_with(|| a.customer.cmp(&b.customer))
            .then_with(|| a.rollup.currency.cmp(&b.rollup.currency))
    });
    let mut totals: Vec<CurrencyTotal> = totals.into_values().collect();
    totals.sort_by(|a, b| a.rollup.currency.cmp(&b.rollup.currency));
    (customers, totals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn invoice(customer: &str, currency: &str, due: NaiveDate, outstanding: &str) -> Invoice {
        let outstanding = Decimal::from_str(outstanding).unwrap();
        Invoice {
            line: 1,
            number: "X".into(),
            customer: customer.into(),
            currency: currency.into(),
            invoice_date: None,
            due_date: due,
            due_derived: false,
            amount: outstanding,
            paid: Decimal::ZERO,
            outstanding,
            paid_date: None,
            notes: String::new(),
            salesperson: None,
        }
    }

    #[test]
    fn due_today_is_not_yet_overdue() {
        let b = Buckets::stages();
        let as_of = date(2025, 10, 31);
        let aged = age(&invoice("A", "CNY", as_of, "10"), as_of, &b);
        assert_eq!(
            (aged.days_past_due, aged.bucket, aged.is_overdue()),
            (0, 0, false)
        );
        let aged = age(&invoice("A", "CNY", date(2025, 10, 30), "10"), as_of, &b);
        assert_eq!(
            (aged.days_past_due, aged.bucket, aged.is_overdue()),
            (1, 1, true)
        );
    }

    #[test]
    fn bucket_boundaries_fall_on_the_last_day_of_each_range() {
        let b = Buckets::stages();
        let cases = [
            (-5, 0),
            (0, 0),
            (1, 1),
            (15, 1),
            (16, 2),
            (30, 2),
            (31, 3),
            (60, 3),
            (61, 4),
            (90, 4),
            (91, 5),
        ];
        for (days, bucket) in cases {
            assert_eq!(b.index(days), bucket, "{days}");
        }
        let acc = Buckets::new(&ACCOUNTING_EDGES);
        assert_eq!((acc.index(30), acc.index(31), acc.index(121)), (1, 2, 5));
    }

    #[test]
    fn labels_in_both_languages() {
        let b = Buckets::stages();
        let en: Vec<String> = (0..b.len()).map(|i| b.label(i, Lang::En)).collect();
        assert_eq!(
            en,
            [
                "Not yet due",
                "1–15 days",
                "16–30 days",
                "31–60 days",
                "61–90 days",
                "Over 90 days"
            ]
        );
        assert_eq!(b.label(5, Lang::Zh), "逾期90天以上");
        assert_eq!(b.label(2, Lang::Zh), "逾期16–30天");
    }

    #[test]
    fn parses_bucket_edges() {
        assert_eq!(
            Buckets::parse("30, 60，90 120").unwrap().edges(),
            &[30, 60, 90, 120]
        );
        assert_eq!(Buckets::parse("30, 20"), Err(BucketError::NotAscending));
        assert_eq!(Buckets::parse(""), Err(BucketError::Empty));
        assert!(matches!(
            Buckets::parse("30, x"),
            Err(BucketError::NotANumber(_))
        ));
    }

    #[test]
    fn rollups_never_mix_currencies_and_keep_credits_apart() {
        let as_of = date(2025, 10, 31);
        let b = Buckets::stages();
        let invoices = vec![
            invoice("A", "CNY", date(2025, 10, 1), "100"),
            invoice("A", "USD", date(2025, 10, 1), "7"),
            invoice("A", "CNY", date(2025, 11, 30), "50"),
            invoice("A", "CNY", date(2025, 9, 1), "-20"),
            invoice("B", "CNY", date(2025, 10, 1), "0"),
        ];
        let aged: Vec<Aged> = invoices.iter().map(|i| age(i, as_of, &b)).collect();
        assert_eq!(aged[4].status, Status::Paid);
        assert_eq!(aged[3].status, Status::Credit);
        let (customers, totals) = summarize(&invoices, &aged, &b);
        assert_eq!(totals.len(), 2);
        let cny = &totals[0].rollup;
        assert_eq!(cny.currency, "CNY");
        assert_eq!(cny.total, Decimal::from(130));
        assert_eq!(cny.overdue, Decimal::from(100));
        assert_eq!(cny.credits, Decimal::from(-20));
        assert_eq!(cny.by_bucket[2], Decimal::from(100));
        assert_eq!(cny.oldest_days, Some(30));
        assert_eq!(totals[0].customers_overdue, 1);
        assert_eq!(totals[1].rollup.total, Decimal::from(7));
        assert_eq!(customers.len(), 3);
        assert_eq!(customers[0].customer, "A");
        assert_eq!(customers[0].rollup.currency, "CNY");
        assert_eq!(cny.overdue_percent(), Decimal::from_str("66.7").unwrap());
        // The credit is counted with the rows that make up the total, and overdue is a part
        // of the open invoices before it.
        assert_eq!((cny.item_count(), cny.credit_count), (3, 1));
        assert_eq!(cny.open_amount(), Decimal::from(150));
    }

    /// What the 账龄表 shows must add up by eye: per currency, the customers' rows sum to the
    /// total row in every bucket, in credits, in the total and in the count.
    #[test]
    fn customer_rows_add_up_to_the_currency_total() {
        let as_of = date(2025, 10, 31);
        let b = Buckets::stages();
        let invoices = vec![
            invoice("A", "CNY", date(2025, 10, 1), "100"),
            invoice("A", "CNY", date(2025, 9, 1), "-20"),
            invoice("A", "CNY", date(2025, 8, 1), "0"),
            invoice("B", "CNY", date(2025, 11, 30), "50"),
            invoice("B", "CNY", date(2025, 7, 1), "-5"),
            invoice("C", "CNY", date(2025, 6, 1), "0"),
            invoice("C", "USD", date(2025, 6, 1), "9"),
        ];
        let aged: Vec<Aged> = invoices.iter().map(|i| age(i, as_of, &b)).collect();
        let (customers, totals) = summarize(&invoices, &aged, &b);
        for total in &totals {
            let t = &total.rollup;
            let rows: Vec<&Rollup> = customers
                .iter()
                .map(|c| &c.rollup)
                .filter(|r| r.currency == t.currency)
                .collect();
            for i in 0..b.len() {
                let sum: Decimal = rows.iter().map(|r| r.by_bucket[i]).sum();
                assert_eq!(sum, t.by_bucket[i], "{} bucket {i}", t.currency);
            }
            let credits: Decimal = rows.iter().map(|r| r.credits).sum();
            let sum: Decimal = rows.iter().map(|r| r.total).sum();
            let count: usize = rows.iter().map(|r| r.item_count()).sum();
            assert_eq!((credits, sum, count), (t.credits, t.total, t.item_count()));
        }
        assert_eq!(totals[0].rollup.item_count(), 4);
    }

    #[test]
    fn days_are_said_as_a_reader_says_them() {
        assert_eq!(describe_days(12, Lang::En), "12");
        assert_eq!(describe_days(0, Lang::En), "due today");
        assert_eq!(describe_days(-1, Lang::En), "due tomorrow");
        assert_eq!(describe_days(-10, Lang::En), "due in 10 days");
        assert_eq!(describe_days(-10, Lang::Zh), "10 天后到期");
        assert_eq!(describe_days(0, Lang::Zh), "今天到期");
        assert_eq!(
            describe_days(i64::MIN, Lang::En),
            format!("due in {} days", i64::MIN.unsigned_abs())
        );
    }
}
