//! The credit grade, A to D, from how a customer has paid: the share of invoices paid on time,
//! the average days late, the trend, broken promises and open disputes. Each rule that lowers
//! the grade is kept as a [`GradeReason`], so the grade explains itself.
//!
//! History is the customer's paid invoices with a paid date, plus its open invoices already
//! past due (late so far, and still counting: a customer who never pays must not look new).
//! The share on time counts only from [`MIN_INVOICES_FOR_SHARE`] invoices on.

use chrono::{Days, NaiveDate};

use crate::aging::{Aged, Status};
use crate::dates::days_between;
use crate::paste::Invoice;

use super::settings::CreditSettings;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }

    fn lower(self) -> Grade {
        match self {
            Grade::A => Grade::B,
            Grade::B => Grade::C,
            Grade::C | Grade::D => Grade::D,
        }
    }
}

/// What the grade was computed from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// Invoices in the history (paid with a date, or open and past due).
    pub counted: usize,
    pub on_time: usize,
    /// Share paid on time, whole percent (rounded down).
    pub on_time_percent: u32,
    /// Average days late over the counted invoices, an on-time one counting 0; whole days.
    pub average_days_late: i64,
    /// Average days late of the recent window and of the invoices before it, when both have some.
    pub trend: Option<(i64, i64)>,
    pub broken_promises: usize,
    pub open_disputes: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GradeReason {
    OnTime { percent: u32, counted: usize },
    DaysLate { average: i64 },
    Worsening { recent: i64, before: i64 },
    BrokenPromises { count: usize },
    OpenDisputes { count: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graded {
    /// None: no history yet (a new customer).
    pub grade: Option<Grade>,
    pub history: History,
    /// Every rule that set the grade, worst first; empty for a clean A.
    pub why: Vec<GradeReason>,
}

/// The share paid on time grades a customer only over at least this many invoices: over one
/// or two it is 0 % or 100 % by chance (one invoice ten days late is "0 % on time", and D would
/// send a customer one reminder behind to prepayment). Below it the grade comes from the days
/// late, the trend, promises and disputes; the share is still shown.
pub const MIN_INVOICES_FOR_SHARE: usize = 3;

/// Days late of one invoice in the history, or None when it is not in it.
fn days_late(inv: &Invoice, aged: &Aged, as_of: NaiveDate) -> Option<(i64, NaiveDate)> {
    match (aged.status, inv.paid_date) {
        (Status::Paid, Some(paid)) => Some((days_between(inv.due_date, paid).max(0), paid)),
        (Status::Open, _) if aged.days_past_due > 0 => Some((aged.days_past_due, as_of)),
        _ => None,
    }
}

fn average(sum: i64, n: usize) -> i64 {
    match i64::try_from(n) {
        Ok(n) if n > 0 => sum / n,
        _ => 0,
    }
}

/// The grade of one customer from its invoices. `broken_promises` and `open_disputes` come
/// from the playbook (the contact log and the annotations feed them).
pub fn grade<'a>(
    invoices: impl Iterator<Item = (&'a Invoice, &'a Aged)>,
    broken_promises: usize,
    open_disputes: usize,
    settings: &CreditSettings,
    as_of: NaiveDate,
) -> Graded {
    let grace = i64::from(settings.grace_days);
    let recent_from = as_of
        .checked_sub_days(Days::new(u64::from(settings.trend_days)))
        .unwrap_or(NaiveDate::MIN);
    let mut h = History {
        broken_promises,
        open_disputes,
        ..History::default()
    };
    let (mut sum, mut recent, mut before) = (0i64, (0i64, 0usize), (0i64, 0usize));
    for (inv, aged) in invoices {
        let Some((late, on)) = days_late(inv, aged, as_of) else {
            continue;
        };
        let late = late.min(36_500);
        h.counted += 1;
        if late <= grace {
            h.on_time += 1;
        }
        sum += late;
        let window = if on >= recent_from {
            &mut recent
        } else {
            &mut before
        };
        window.0 += late;
        window.1 += 1;
    }
    if h.counted == 0 {
        return Graded {
            grade: None,
            history: h,
            why: Vec::new(),
        };
    }
    h.on_time_percent = u32::try_from(h.on_time * 100 / h.counted).unwrap_or(100);
    h.average_days_late = average(sum, h.counted);
    if recent.1 > 0 && before.1 > 0 {
        h.trend = Some((average(recent.0, recent.1), average(before.0, before.1)));
    }

    let by_threshold = |ok: &dyn Fn(usize) -> bool| -> Grade {
        [Grade::A, Grade::B, Grade::C]
            .into_iter()
            .enumerate()
            .find(|(i, _)| ok(*i))
            .map_or(Grade::D, |(_, g)| g)
    };
    let on_time = if h.counted >= MIN_INVOICES_FOR_SHARE {
        by_threshold(&|i| h.on_time_percent >= settings.on_time_percent[i])
    } else {
        Grade::A
    };
    let lateness = by_threshold(&|i| h.average_days_late <= i64::from(settings.days_late[i]));
    let mut why = Vec::new();
    let mut grade = Grade::A;
    if on_time > Grade::A {
        why.push((
            on_time,
            GradeReason::OnTime {
                percent: h.on_time_percent,
                counted: h.counted,
            },
        ));
    }
    if lateness > Grade::A {
        why.push((
            lateness,
            GradeReason::DaysLate {
                average: h.average_days_late,
            },
        ));
    }
    grade = grade.max(on_time).max(lateness);
    // Paying later lately than before (by more than the A threshold): one grade lower.
    if let Some((r, b)) = h.trend {
        if r > b.saturating_add(i64::from(settings.days_late[0])) {
            grade = grade.lower();
            why.push((
                grade,
                GradeReason::Worsening {
                    recent: r,
                    before: b,
                },
            ));
        }
    }
    if broken_promises > 0 {
        let cap = if broken_promises >= 2 {
            Grade::D
        } else {
            Grade::C
        };
        grade = grade.max(cap);
        why.push((
            cap,
            GradeReason::BrokenPromises {
                count: broken_promises,
            },
        ));
    }
    if open_disputes > 0 {
        grade = grade.max(Grade::B);
        why.push((
            Grade::B,
            GradeReason::OpenDisputes {
                count: open_disputes,
            },
        ));
    }
    why.sort_by_key(|w| std::cmp::Reverse(w.0));
    Graded {
        grade: Some(grade),
        history: h,
        why: why.into_iter().map(|(_, r)| r).collect(),
    }
}
