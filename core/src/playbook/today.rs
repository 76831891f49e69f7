//! Across invoices: the today list (one item per customer and track, worst stage wins), the
//! customer risk flag, DSO, and the three CSV columns.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use foldhash::fast::RandomState;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::aging::{Aged, Status};
use crate::dates::iso;
use crate::groups::sorted;
use crate::i18n::Lang;
use crate::pace::Pace;
use crate::paste::Invoice;

use super::annotations::{Annotation, Annotations, InvoiceKey};
use super::rules::{assess, shift, Assessment, Step};
use super::settings::{days, PlaybookSettings};
use super::vocabulary::{LetterKind, Money, RiskLevel, Stage};
use super::why::Reason;

/// Which track a today item is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    /// Overdue invoices on the normal track: one letter covers them all.
    Overdue,
    /// One disputed invoice (or its disputed part).
    Dispute,
    /// Invoices whose escalation waits for a promised payment.
    Promised,
    /// Invoices falling due soon: the courtesy reminder. Kept apart from the overdue ones
    /// (as Chaser does with "upcoming" and "overdue" chasers), so a final notice never
    /// lists an invoice that is not yet due.
    Upcoming,
}

impl ItemKind {
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Overdue => "overdue",
            ItemKind::Dispute => "dispute",
            ItemKind::Promised => "promised",
            ItemKind::Upcoming => "upcoming",
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            ItemKind::Overdue => lang.pick("逾期催收", "Overdue"),
            ItemKind::Dispute => lang.pick("争议", "Dispute"),
            ItemKind::Promised => lang.pick("等待承诺付款", "Promised"),
            ItemKind::Upcoming => lang.pick("即将到期", "Falling due"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemStatus {
    /// Something is due today or late.
    ToDo,
    /// Nothing left for today, and something was marked done today.
    DoneToday,
    /// The next action is on a later day.
    Waiting,
}

/// One line of the today view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TodayItem {
    pub customer: String,
    pub kind: ItemKind,
    /// The invoices covered: their indices in the invoices given. [`TodayItem::keys`] names
    /// them (to mark done with [`super::mark_done`]); keys are not kept here because two
    /// strings per invoice were a fifth of the playbook's allocations at 100,000 invoices.
    pub rows: Vec<usize>,
    /// The worst stage among them.
    pub stage: Stage,
    /// What this item chases, per currency (never added across currencies).
    pub amounts: Vec<Money>,
    pub oldest_days_past_due: i64,
    /// The worst stage's steps (merged across invoices), then deadlines from any of them.
    pub steps: Vec<Step>,
    pub letter: Option<LetterKind>,
    pub why: Vec<Reason>,
    pub next_action_date: Option<NaiveDate>,
    pub status: ItemStatus,
    /// The customer's risk flag (the worst over its currencies).
    pub risk: RiskLevel,
}

impl TodayItem {
    pub fn is_done(&self) -> bool {
        self.status != ItemStatus::ToDo
    }

    /// The invoices covered, as keys. `invoices` is the list the item was made from (the
    /// report's parsed invoices); a row outside it is skipped.
    pub fn keys(&self, invoices: &[Invoice]) -> Vec<InvoiceKey> {
        self.invoices(invoices).map(InvoiceKey::of).collect()
    }

    /// The invoices covered, in the item's order.
    pub fn invoices<'a>(&'a self, invoices: &'a [Invoice]) -> impl Iterator<Item = &'a Invoice> {
        self.rows.iter().filter_map(|&row| invoices.get(row))
    }
}

/// One card of the Today queue: a customer and all its items (one per track), so that a
/// customer is never on two cards. Cards come in the order of their most urgent item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerCard<'a> {
    pub customer: &'a str,
    /// In priority order; never empty.
    pub items: Vec<&'a TodayItem>,
}

impl CustomerCard<'_> {
    /// Something on the card is due today or late.
    pub fn is_to_do(&self) -> bool {
        self.items.iter().any(|i| i.status == ItemStatus::ToDo)
    }
}

/// The today list (as [`run`] orders it) grouped into one card per customer.
pub fn by_customer(items: &[TodayItem]) -> Vec<CustomerCard<'_>> {
    let mut cards: Vec<CustomerCard> = Vec::new();
    for item in items {
        match cards.iter_mut().find(|c| c.customer == item.customer) {
            Some(card) => card.items.push(item),
            None => cards.push(CustomerCard {
                customer: &item.customer,
                items: vec![item],
            }),
        }
    }
    cards
}

/// Days sales outstanding of one customer (or currency), and what it was computed from.
///
/// The simple (period) method: `receivables ÷ credit sales of the last period_days days ×
/// period_days`, where receivables are the open amounts net of credits on the as-of date and
/// credit sales are the positive invoice amounts dated (invoice date) within the period,
/// paid or not. Chosen over the count-back method because a pasted ledger gives no reliable
/// month-by-month sales history (rows without an invoice date cannot be placed at all) and
/// because one division is what a user can check by hand. A paste of open invoices only
/// leaves paid sales out and so overstates DSO; paste the whole ledger for a true figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dso {
    /// To one decimal.
    pub days: Decimal,
    pub receivables: Decimal,
    pub credit_sales: Decimal,
    pub period_days: u32,
    /// How many invoices the credit sales are.
    pub sales_invoices: usize,
}

impl Dso {
    /// Whether the figure says anything about how fast this customer pays. Over a single
    /// invoice it is that invoice's age, capped at the period; when the receivables are
    /// exactly the period's sales (nothing of them paid, nothing older open) it is the period
    /// itself (90 of 90 days) whatever the customer does. The page shows it only otherwise.
    pub fn is_meaningful(&self) -> bool {
        self.sales_invoices >= 2 && self.receivables != self.credit_sales
    }
}

/// DSO over `rows`, which should share one currency; `None` when there were no credit
/// sales in the period (the ratio is undefined).
pub fn dso<'a>(
    rows: impl IntoIterator<Item = (&'a Invoice, &'a Aged)>,
    period_days: u32,
    as_of: NaiveDate,
) -> Option<Dso> {
    let period = days(period_days).max(1);
    let start = shift(as_of, -period);
    let mut receivables = Decimal::ZERO;
    let mut sales = Decimal::ZERO;
    let mut sales_invoices = 0;
    for (invoice, aged) in rows {
        if aged.status != Status::Paid {
            receivables = receivables.saturating_add(invoice.outstanding);
        }
        if invoice.amount > Decimal::ZERO
            && invoice
                .invoice_date
                .is_some_and(|d| d > start && d <= as_of)
        {
            sales = sales.saturating_add(invoice.amount);
            sales_invoices += 1;
        }
    }
    if sales <= Decimal::ZERO {
        return None;
    }
    let days = receivables
        .max(Decimal::ZERO)
        .checked_mul(Decimal::from(period))
        .and_then(|v| v.checked_div(sales))
        .map(|v| v.round_dp(1))?;
    Some(Dso {
        days,
        receivables,
        credit_sales: sales,
        period_days: u32::try_from(period).unwrap_or(period_days),
        sales_invoices,
    })
}

/// The risk flag of one customer in one currency.
///
/// Points: oldest overdue invoice past the formal stage 1, past pre-legal 2, past
/// escalation 3; overdue share of the open amount at or above `risk_share_percent` 1;
/// each broken promise to pay 1 (at most 2). Low up to 1 point, medium 2, high 3 or more.
/// So one invoice a few days late is low, a customer with most of its balance over a month
/// late is medium, and anything over the escalation stage is high.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerRisk {
    pub customer: String,
    pub currency: String,
    pub level: RiskLevel,
    pub points: u32,
    pub open: Decimal,
    pub overdue: Decimal,
    /// Overdue share of the open amount, percent to one decimal.
    pub overdue_percent: Decimal,
    pub oldest_days_past_due: Option<i64>,
    pub broken_promises: usize,
    pub dso: Option<Dso>,
    pub why: Vec<Reason>,
}

/// Everything the playbook derives from the invoices, in one pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaybookReport {
    /// One per invoice given to [`run`], same order. A derived report's readers read them as
    /// rows (`Report::row`), never by position.
    pub(crate) assessments: Vec<Assessment>,
    /// Ordered by priority.
    pub today: Vec<TodayItem>,
    /// Per customer and currency, as [`crate::aging::summarize`] groups them.
    pub customers: Vec<CustomerRisk>,
}

impl PlaybookReport {
    /// The assessments, in the order of the invoices given to [`run`].
    pub fn assessments(&self) -> impl ExactSizeIterator<Item = &Assessment> {
        self.assessments.iter()
    }
}

/// What the playbook reads of one invoice: the invoice, its aging and the late charge owed
/// on it (zero when no rule is chosen). One value per invoice, so that the three cannot
/// drift apart the way parallel lists can.
#[derive(Clone, Copy, Debug)]
pub struct InvoiceFacts<'a> {
    pub invoice: &'a Invoice,
    pub aged: &'a Aged,
    pub charges_owed: Decimal,
}

/// Assessments, today list and customer risks of `invoices`.
pub fn run(
    invoices: &[InvoiceFacts],
    annotations: &Annotations,
    settings: &PlaybookSettings,
    as_of: NaiveDate,
) -> PlaybookReport {
    crate::pace::block_on(run_paced(
        invoices,
        annotations,
        settings,
        as_of,
        &mut Pace::never(),
    ))
}

/// [`run`], pausing at `pace`'s checkpoints (the page's sliced derive, `crate::pace`).
pub async fn run_paced(
    invoices: &[InvoiceFacts<'_>],
    annotations: &Annotations,
    settings: &PlaybookSettings,
    as_of: NaiveDate,
    pace: &mut Pace,
) -> PlaybookReport {
    // The annotations by borrowed key: looking each invoice up by an `InvoiceKey` would build
    // two strings per invoice, most of them to find nothing.
    let by_key: HashMap<(&str, &str), &Annotation, RandomState> = annotations
        .iter()
        .map(|(key, a)| ((key.customer.as_str(), key.number.as_str()), a))
        .collect();
    let mut assessments: Vec<Assessment> = Vec::with_capacity(invoices.len());
    pace.within(0.0, 0.75);
    for (i, facts) in invoices.iter().enumerate() {
        pace.tick(i, invoices.len()).await;
        let invoice = facts.invoice;
        let annotation = by_key
            .get(&(invoice.customer.as_str(), invoice.number.as_str()))
            .copied();
        assessments.push(assess(
            facts.invoice,
            facts.aged,
            annotation,
            facts.charges_owed,
            settings,
            as_of,
        ));
    }
    pace.within(0.75, 0.9);
    pace.between().await;
    let customers = risks(invoices, &assessments, settings, as_of);
    pace.within(0.9, 1.0);
    pace.between().await;
    let today = items(invoices, &assessments, &customers, as_of);
    PlaybookReport {
        assessments,
        today,
        customers,
    }
}

/// The today view: one list across all customers, ordered by priority.
pub fn today(
    invoices: &[InvoiceFacts],
    annotations: &Annotations,
    settings: &PlaybookSettings,
    as_of: NaiveDate,
) -> Vec<TodayItem> {
    run(invoices, annotations, settings, as_of).today
}

/// Risk flag and DSO per customer and currency.
pub fn customer_risks(
    invoices: &[InvoiceFacts],
    annotations: &Annotations,
    settings: &PlaybookSettings,
    as_of: NaiveDate,
) -> Vec<CustomerRisk> {
    run(invoices, annotations, settings, as_of).customers
}

fn risks(
    invoices: &[InvoiceFacts],
    assessments: &[Assessment],
    settings: &PlaybookSettings,
    as_of: NaiveDate,
) -> Vec<CustomerRisk> {
    let ladder = settings.ladder();
    let mut groups: HashMap<(&str, &str), Vec<usize>, RandomState> = HashMap::default();
    for (i, facts) in invoices.iter().enumerate() {
        let invoice = facts.invoice;
        groups
            .entry((invoice.customer.as_str(), invoice.currency.as_str()))
            .or_default()
            .push(i);
    }
    let mut out = Vec::with_capacity(groups.len());
    for ((customer, currency), rows) in sorted(groups) {
        let mut open = Decimal::ZERO;
        let mut overdue = Decimal::ZERO;
        let mut oldest: Option<i64> = None;
        let mut broken = 0usize;
        for &i in &rows {
            let InvoiceFacts { invoice, aged, .. } = invoices[i];
            broken = broken.saturating_add(assessments[i].broken_promises);
            if aged.status != Status::Open {
                continue;
            }
            open = open.saturating_add(invoice.outstanding);
            if aged.days_past_due > 0 {
                overdue = overdue.saturating_add(invoice.outstanding);
                oldest = Some(oldest.map_or(aged.days_past_due, |d| d.max(aged.days_past_due)));
            }
        }
        let percent = if open > Decimal::ZERO {
            overdue
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|v| v.checked_div(open))
                .map_or(Decimal::ONE_HUNDRED, |v| v.round_dp(1))
        } else {
            Decimal::ZERO
        };
        let mut points = 0u32;
        let mut why = Vec::new();
        if let Some(days) = oldest {
            let [_, formal, pre_legal, escalate] = ladder.ends;
            let day_points = [formal, pre_legal, escalate]
                .iter()
                .filter(|&&edge| days > edge)
                .count() as u32;
            if day_points > 0 {
                points += day_points;
                why.push(Reason::RiskOldest { days });
            }
        }
        if overdue > Decimal::ZERO && percent >= settings.risk_share_percent {
            points += 1;
            why.push(Reason::RiskOverdueShare { percent });
        }
        if broken > 0 {
            points += broken.min(2) as u32;
            why.push(Reason::RiskBrokenPromises { count: broken });
        }
        let level = match points {
            0 | 1 => RiskLevel::Low,
            2 => RiskLevel::Medium,
            _ => RiskLevel::High,
        };
        out.push(CustomerRisk {
            customer: customer.to_string(),
            currency: currency.to_string(),
            level,
            points,
            open,
            overdue,
            overdue_percent: percent,
            oldest_days_past_due: oldest,
            broken_promises: broken,
            dso: dso(
                rows.iter()
                    .map(|&i| (invoices[i].invoice, invoices[i].aged)),
                settings.dso_period_days,
                as_of,
            ),
            why,
        });
    }
    out
}

/// One member of a today item: an invoice row, and the amount and steps it brings.
struct Member<'a> {
    row: usize,
    assessment: &'a Assessment,
    amount: Decimal,
    stage: Stage,
    /// The track's own steps, then the cross-cutting ones among `cross_from` (a whole
    /// dispute also brings the invoice's limitation and insurer deadlines). Two borrowed
    /// slices rather than a list, so that no invoice allocates one for the today list.
    own: &'a [Step],
    cross_from: &'a [Step],
}

impl<'a> Member<'a> {
    fn steps(&self) -> impl Iterator<Item = &'a Step> {
        let cross = self.cross_from.iter();
        self.own
            .iter()
            .chain(cross.filter(|s| s.action.is_cross_cutting()))
    }
}

fn items(
    invoices: &[InvoiceFacts],
    assessments: &[Assessment],
    risks: &[CustomerRisk],
    as_of: NaiveDate,
) -> Vec<TodayItem> {
    let mut risk_of: BTreeMap<&str, RiskLevel> = BTreeMap::new();
    for risk in risks {
        let level = risk_of.entry(risk.customer.as_str()).or_default();
        *level = (*level).max(risk.level);
    }
    // (customer, kind, invoice number for disputes / empty for the rolled-up kinds)
    let mut groups: HashMap<(&str, ItemKind, &str), Vec<Member>, RandomState> = HashMap::default();
    for (row, (facts, assessment)) in invoices.iter().zip(assessments).enumerate() {
        let invoice = facts.invoice;
        let customer = invoice.customer.as_str();
        if let Some(case) = &assessment.dispute {
            let cross_from: &[Step] = if case.whole { &assessment.steps } else { &[] };
            groups
                .entry((customer, ItemKind::Dispute, invoice.number.as_str()))
                .or_default()
                .push(Member {
                    row,
                    assessment,
                    amount: case.amount,
                    stage: Stage::Disputed,
                    own: &case.steps,
                    cross_from,
                });
        }
        let kind = match assessment.stage {
            Stage::Closed | Stage::Current | Stage::Disputed => continue,
            _ if assessment.paused_until.is_some() => ItemKind::Promised,
            Stage::BeforeDue => ItemKind::Upcoming,
            _ => ItemKind::Overdue,
        };
        groups
            .entry((customer, kind, ""))
            .or_default()
            .push(Member {
                row,
                assessment,
                amount: assessment.on_track,
                stage: assessment.stage,
                own: &assessment.steps,
                cross_from: &[],
            });
    }
    let mut items: Vec<TodayItem> = sorted(groups)
        .into_iter()
        .filter_map(|((customer, kind, _), members)| {
            let risk = risk_of.get(customer).copied().unwrap_or_default();
            build_item(customer, kind, &members, invoices, risk, as_of)
        })
        .collect();
    items.sort_by(|a, b| priority(a, invoices).cmp(&priority(b, invoices)));
    items
}

type Priority<'a> = (
    ItemStatus,
    Reverse<u8>,
    Reverse<Decimal>,
    Reverse<i64>,
    &'a str,
    ItemKind,
    Option<&'a str>,
);

/// Due work first; then stage, amount (the largest currency total, by face value: the page
/// has no exchange rates, so across currencies this is only a tie-breaker of sorts), age;
/// then names, so the order is total and never shuffles between renders.
fn priority<'a>(item: &'a TodayItem, invoices: &'a [InvoiceFacts]) -> Priority<'a> {
    let amount = item
        .amounts
        .iter()
        .map(|m| m.amount)
        .max()
        .unwrap_or_default();
    (
        item.status,
        Reverse(item.stage.priority()),
        Reverse(amount),
        Reverse(item.oldest_days_past_due),
        item.customer.as_str(),
        item.kind,
        // The first invoice's key; every invoice of an item is the item's customer's.
        item.rows
            .first()
            .map(|&row| invoices[row].invoice.number.as_str()),
    )
}

fn build_item(
    customer: &str,
    kind: ItemKind,
    members: &[Member],
    invoices: &[InvoiceFacts],
    risk: RiskLevel,
    as_of: NaiveDate,
) -> Option<TodayItem> {
    let stage = members.iter().map(|m| m.stage).max()?;
    let worst = members
        .iter()
        .filter(|m| m.stage == stage)
        .max_by_key(|m| (m.assessment.days_past_due, m.amount))?;

    // Steps: the worst stage's (from every invoice at that stage) and deadlines from all.
    let mut merged: Vec<Step> = Vec::new();
    let mut add = |step: &Step| match merged.iter_mut().find(|s| s.action == step.action) {
        None => merged.push(step.clone()),
        Some(existing) => {
            existing.done = match (existing.done, step.done) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
            existing.due = existing.due.min(step.due);
        }
    };
    for member in members.iter().filter(|m| m.stage == stage) {
        for step in member.steps().filter(|s| !s.action.is_cross_cutting()) {
            add(step);
        }
    }
    for member in members {
        for step in member.steps().filter(|s| s.action.is_cross_cutting()) {
            add(step);
        }
    }

    let mut amounts: BTreeMap<&str, Decimal> = BTreeMap::new();
    for member in members {
        let total = amounts
            .entry(invoices[member.row].invoice.currency.as_str())
            .or_default();
        *total = total.saturating_add(member.amount);
    }

    // Why: the roll-up, then the worst invoice's reasons that concern this item's track,
    // then deadlines from the others.
    let mut why = Vec::new();
    if members.len() > 1 {
        why.push(Reason::CoversInvoices {
            count: members.len(),
            worst: invoices[worst.row].invoice.number.clone(),
            stage,
        });
    }
    let on_this_track = |reason: &&Reason| match kind {
        ItemKind::Dispute => !reason.is_normal_track(),
        _ => !reason.is_dispute_track(),
    };
    let days = worst.assessment.days_past_due;
    if kind == ItemKind::Dispute
        && days > 0
        && !worst.assessment.why.contains(&Reason::PastDue { days })
    {
        why.push(Reason::PastDue { days });
    }
    why.extend(worst.assessment.why.iter().filter(on_this_track).cloned());
    for member in members {
        for reason in &member.assessment.why {
            let deadline = matches!(
                reason,
                Reason::LimitationNear { .. }
                    | Reason::LimitationEnded { .. }
                    | Reason::InsurerDeadline { .. }
            );
            if deadline && !why.contains(reason) {
                why.push(reason.clone());
            }
        }
    }

    let letter = merged
        .iter()
        .filter(|s| s.is_due(as_of))
        .find_map(|s| s.action.letter());
    let next_action_date = merged
        .iter()
        .filter(|s| s.done.is_none())
        .map(|s| s.due)
        .min()
        .or_else(|| {
            members
                .iter()
                .filter_map(|m| m.assessment.next_action_date())
                .filter(|d| *d > as_of)
                .min()
        });
    let status = if merged.iter().any(|s| s.is_due(as_of)) {
        ItemStatus::ToDo
    } else if merged.iter().any(|s| s.done == Some(as_of)) {
        ItemStatus::DoneToday
    } else {
        ItemStatus::Waiting
    };
    Some(TodayItem {
        customer: customer.to_string(),
        kind,
        rows: members.iter().map(|m| m.row).collect(),
        stage,
        amounts: amounts
            .into_iter()
            .map(|(currency, amount)| Money::new(amount, currency))
            .collect(),
        oldest_days_past_due: members
            .iter()
            .map(|m| m.assessment.days_past_due)
            .max()
            .unwrap_or_default(),
        steps: merged,
        letter,
        why,
        next_action_date,
        status,
        risk,
    })
}

/// The columns the invoice CSV export appends after its own.
pub const CSV_COLUMNS_EN: [&str; 3] = ["stage", "next_step", "next_action_date"];
pub const CSV_COLUMNS_ZH: [&str; 3] = ["催收阶段", "下一步", "下次行动日期"];

/// The three appended cells of one invoice: like the export's `status` column, stable keys
/// in English (machine-readable) and words in Chinese; the date is ISO in both.
pub fn csv_cells(assessment: &Assessment, lang: Lang) -> [String; 3] {
    let next = assessment.next_action;
    match lang {
        Lang::En => [
            assessment.stage.key().to_string(),
            next.map(|n| n.action.key().to_string()).unwrap_or_default(),
            next.map(|n| iso(n.date)).unwrap_or_default(),
        ],
        Lang::Zh => [
            assessment.stage.describe(lang).to_string(),
            next.map(|n| n.action.describe(lang).to_string())
                .unwrap_or_default(),
            next.map(|n| iso(n.date)).unwrap_or_default(),
        ],
    }
}
