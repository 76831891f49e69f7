//! `derive`: the pure function from a workspace and today's date to everything the page shows.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::aging::{self, Aged, Buckets, CurrencyTotal, CustomerSummary, Status};
use crate::calendar::Calendar;
use crate::charges::{self, Charge, ChargeInput, ChargeTotal, RuleKind};
use crate::credit::{self, CreditReport};
use crate::edit::Reach;
use crate::pace::{self, Pace};
use crate::paste::{self, ParseOptions, Parsed};
use crate::playbook::{self, PlaybookReport};
use crate::rows::Rows;
use crate::stages::{Stage, StageHook};
use crate::workspace::Workspace;

/// Everything the page shows. Each stage's output is shared (`Arc`), so that a report
/// rederived after an edit reuses the stages the edit does not reach without copying them.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub as_of: NaiveDate,
    pub buckets: Buckets,
    /// Shared: an edit that does not change how the text is read reuses it.
    pub parsed: Arc<Parsed>,
    /// One per `parsed.invoices`, same order; read through [`Report::row`] (`crate::rows`).
    pub(crate) aged: Arc<Vec<Aged>>,
    pub customers: Vec<CustomerSummary>,
    pub totals: Vec<CurrencyTotal>,
    /// One per `parsed.invoices`, same order; empty when no charge rule is chosen anywhere.
    /// Read through [`Report::row`] and [`Report::has_charges`].
    pub(crate) charges: Arc<Vec<Charge>>,
    /// Late charges per customer and currency, and per currency.
    pub charge_customers: Vec<ChargeTotal>,
    pub charge_totals: Vec<ChargeTotal>,
    /// The today list; risk and DSO per customer; the assessment of each invoice, read
    /// through [`Report::row`].
    pub playbook: Arc<PlaybookReport>,
    /// The working-day calendar every "N working days" deadline counted with
    /// (`settings.calendar` resolved).
    pub calendar: Calendar,
    /// Limit, exposure, grade and hold per customer.
    pub credit: Arc<CreditReport>,
}

/// Which run of the aging stage a report comes from, for the shell to memoise on: equal when
/// the aging did not rerun (the same shared list). Opaque, so that per-invoice values are still
/// read through rows only.
#[derive(Clone, Debug)]
pub struct AgingRun(Arc<Vec<Aged>>);

impl PartialEq for AgingRun {
    fn eq(&self, other: &AgingRun) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Report {
    /// See [`AgingRun`].
    pub fn aging_run(&self) -> AgingRun {
        AgingRun(self.aged.clone())
    }
}

/// Everything the page shows, from what the user gave. `today` is only used when the workspace
/// has no as-of date of its own; this function never reads the clock.
pub fn derive(workspace: &Workspace, today: NaiveDate) -> Report {
    derive_with(workspace, today, &mut ())
}

/// [`derive`], each stage run through `hook` (timed by the page, logged by the tests).
pub fn derive_with(workspace: &Workspace, today: NaiveDate, hook: &mut impl StageHook) -> Report {
    pace::block_on(derive_paced(workspace, today, hook, &mut Pace::never()))
}

/// [`derive_with`], pausing at `pace`'s checkpoints (the page's sliced derive, `crate::pace`).
pub async fn derive_paced(
    workspace: &Workspace,
    today: NaiveDate,
    hook: &mut impl StageHook,
    pace: &mut Pace,
) -> Report {
    let spans = Spans::of(Reach::Parse);
    spans.enter(pace, Stage::Parse);
    hook.start(Stage::Parse);
    let parsed =
        Arc::new(paste::parse_paced(&workspace.input.text, &parse_options(workspace), pace).await);
    hook.end(Stage::Parse);
    after_parse(parsed, None, workspace, today, hook, pace, spans).await
}

/// The share of a derive's work each stage that reruns takes, for the progress bar: roughly
/// what each costs at 100,000 invoices (the parse and the playbook are most of it).
struct Spans {
    reach: Reach,
}

impl Spans {
    fn of(reach: Reach) -> Spans {
        Spans { reach }
    }

    fn weight(stage: Stage) -> f64 {
        match stage {
            Stage::Parse => 0.4,
            Stage::Aging => 0.07,
            Stage::Charges => 0.1,
            Stage::Playbook => 0.36,
            Stage::Credit => 0.07,
        }
    }

    /// Tells `pace` that `stage` starts: its share of the work that reruns.
    fn enter(&self, pace: &mut Pace, stage: Stage) {
        let rerun = |s: &&Stage| self.reach.reruns(**s);
        let whole: f64 = Stage::ALL
            .iter()
            .filter(rerun)
            .map(|&s| Self::weight(s))
            .sum();
        let before: f64 = Stage::ALL
            .iter()
            .take_while(|&&s| s != stage)
            .filter(rerun)
            .map(|&s| Self::weight(s))
            .sum();
        if whole > 0.0 {
            pace.span(before / whole, (before + Self::weight(stage)) / whole);
        }
    }
}

fn parse_options(workspace: &Workspace) -> ParseOptions<'_> {
    let (input, settings) = (&workspace.input, &workspace.settings);
    ParseOptions {
        mapping: input.mapping.as_deref(),
        day_month_order: input.day_month_order,
        decimal_mark: input.decimal_mark,
        default_currency: &settings.default_currency,
        default_terms_days: settings.terms_days,
    }
}

/// The first stage of [`derive`]: the pasted text read with the workspace's choices. It reads
/// only `input` and the settings that fill in what a row leaves out (terms, currency).
pub fn parse_input(workspace: &Workspace) -> Arc<Parsed> {
    Arc::new(paste::parse(
        &workspace.input.text,
        &parse_options(workspace),
    ))
}

/// The stages of [`derive`] after the parse — aging, charges, the playbook, credit — on a
/// parse that [`parse_input`] made of this workspace.
pub fn derive_after_parse(parsed: Arc<Parsed>, workspace: &Workspace, today: NaiveDate) -> Report {
    let spans = Spans::of(Reach::AfterParse);
    pace::block_on(after_parse(
        parsed,
        None,
        workspace,
        today,
        &mut (),
        &mut Pace::never(),
        spans,
    ))
}

/// The report after an edit that reaches `reach` (see [`crate::edit::Edit::reach`]), reusing
/// the stages it cannot have changed; `None`: `previous` still holds.
pub fn rederive(
    previous: &Report,
    reach: Reach,
    workspace: &Workspace,
    today: NaiveDate,
) -> Option<Report> {
    rederive_with(previous, reach, workspace, today, &mut ())
}

/// [`rederive`], each stage that reruns run through `hook`. A stage reruns when the edit feeds
/// it or it reads a stage that reruns ([`Reach::reruns`]); the others are `previous`'s, shared.
pub fn rederive_with(
    previous: &Report,
    reach: Reach,
    workspace: &Workspace,
    today: NaiveDate,
    hook: &mut impl StageHook,
) -> Option<Report> {
    pace::block_on(rederive_paced(
        previous,
        reach,
        workspace,
        today,
        hook,
        &mut Pace::never(),
    ))
}

/// [`rederive_with`], pausing at `pace`'s checkpoints (the page's sliced derive).
pub async fn rederive_paced(
    previous: &Report,
    reach: Reach,
    workspace: &Workspace,
    today: NaiveDate,
    hook: &mut impl StageHook,
    pace: &mut Pace,
) -> Option<Report> {
    if reach == Reach::Nothing {
        return None;
    }
    if reach.reruns(Stage::Parse) {
        return Some(derive_paced(workspace, today, hook, pace).await);
    }
    let kept = Kept { previous, reach };
    let spans = Spans::of(reach);
    Some(
        after_parse(
            previous.parsed.clone(),
            Some(kept),
            workspace,
            today,
            hook,
            pace,
            spans,
        )
        .await,
    )
}

/// The previous report, and the reach of the edit since: which of its stages still hold.
#[derive(Clone, Copy)]
struct Kept<'a> {
    previous: &'a Report,
    reach: Reach,
}

impl<'a> Kept<'a> {
    fn holds(kept: Option<Self>, stage: Stage) -> Option<&'a Report> {
        kept.filter(|k| !k.reach.reruns(stage)).map(|k| k.previous)
    }
}

/// Aging, charges, the playbook and credit, each either rerun or taken from `kept`.
async fn after_parse(
    parsed: Arc<Parsed>,
    kept: Option<Kept<'_>>,
    workspace: &Workspace,
    today: NaiveDate,
    hook: &mut impl StageHook,
    pace: &mut Pace,
    spans: Spans,
) -> Report {
    let settings = &workspace.settings;
    let as_of = settings.as_of.unwrap_or(today);
    let aging = match Kept::holds(kept, Stage::Aging) {
        Some(p) => AgingStage::of(p),
        None => {
            spans.enter(pace, Stage::Aging);
            hook.start(Stage::Aging);
            let aging = AgingStage::run(&parsed, workspace, as_of, pace).await;
            hook.end(Stage::Aging);
            aging
        }
    };
    let charges = match Kept::holds(kept, Stage::Charges) {
        Some(p) => ChargeStage::of(p),
        None => {
            spans.enter(pace, Stage::Charges);
            hook.start(Stage::Charges);
            let charges = ChargeStage::run(&parsed, workspace, as_of, pace).await;
            hook.end(Stage::Charges);
            charges
        }
    };
    let (playbook, calendar) = match Kept::holds(kept, Stage::Playbook) {
        Some(p) => (p.playbook.clone(), p.calendar.clone()),
        None => {
            spans.enter(pace, Stage::Playbook);
            hook.start(Stage::Playbook);
            let out = run_playbook(
                &parsed,
                &aging.aged,
                &charges.charges,
                workspace,
                as_of,
                pace,
            )
            .await;
            hook.end(Stage::Playbook);
            out
        }
    };
    let credit = match Kept::holds(kept, Stage::Credit) {
        Some(p) => p.credit.clone(),
        None => {
            spans.enter(pace, Stage::Credit);
            pace.between().await;
            hook.start(Stage::Credit);
            let rows = Rows::new(
                &parsed.invoices,
                &aging.aged,
                &charges.charges,
                &playbook.assessments,
            );
            let credit = Arc::new(run_credit(rows, workspace, as_of));
            hook.end(Stage::Credit);
            credit
        }
    };
    Report {
        as_of,
        buckets: aging.buckets,
        parsed,
        aged: aging.aged,
        customers: aging.customers,
        totals: aging.totals,
        charges: charges.charges,
        charge_customers: charges.customers,
        charge_totals: charges.totals,
        playbook,
        calendar,
        credit,
    }
}

/// What the aging stage gives. Reads: the parse, the as-of date, the bucket edges.
struct AgingStage {
    buckets: Buckets,
    aged: Arc<Vec<Aged>>,
    customers: Vec<CustomerSummary>,
    totals: Vec<CurrencyTotal>,
}

impl AgingStage {
    async fn run(
        parsed: &Parsed,
        workspace: &Workspace,
        as_of: NaiveDate,
        pace: &mut Pace,
    ) -> AgingStage {
        let buckets = workspace.settings.buckets();
        let invoices = &parsed.invoices;
        let mut aged: Vec<Aged> = Vec::with_capacity(invoices.len());
        pace.within(0.0, 0.6);
        for (i, invoice) in invoices.iter().enumerate() {
            pace.tick(i, invoices.len()).await;
            aged.push(aging::age(invoice, as_of, &buckets));
        }
        pace.within(0.6, 1.0);
        pace.between().await;
        let (customers, totals) = aging::summarize(invoices, &aged, &buckets);
        AgingStage {
            buckets,
            aged: Arc::new(aged),
            customers,
            totals,
        }
    }

    fn of(report: &Report) -> AgingStage {
        AgingStage {
            buckets: report.buckets.clone(),
            aged: report.aged.clone(),
            customers: report.customers.clone(),
            totals: report.totals.clone(),
        }
    }
}

/// What the charges stage gives. Reads: the parse, the as-of date, `settings.charges`.
struct ChargeStage {
    charges: Arc<Vec<Charge>>,
    customers: Vec<ChargeTotal>,
    totals: Vec<ChargeTotal>,
}

impl ChargeStage {
    async fn run(
        parsed: &Parsed,
        workspace: &Workspace,
        as_of: NaiveDate,
        pace: &mut Pace,
    ) -> ChargeStage {
        let rules = &workspace.settings.charges;
        let any_rule = rules.workspace.rule != RuleKind::None
            || rules
                .per_customer
                .values()
                .any(|p| p.rule != RuleKind::None);
        let invoices = &parsed.invoices;
        let mut charges: Vec<Charge> = Vec::new();
        if any_rule {
            charges.reserve_exact(invoices.len());
            pace.within(0.0, 0.9);
            for (i, inv) in invoices.iter().enumerate() {
                pace.tick(i, invoices.len()).await;
                charges.push(charges::compute(
                    rules,
                    &inv.customer,
                    &ChargeInput::for_invoice(inv, as_of),
                ));
            }
        }
        pace.within(0.9, 1.0);
        pace.between().await;
        let (customers, totals) = charges::charge_totals(
            parsed
                .invoices
                .iter()
                .map(|i| i.customer.as_str())
                .zip(charges.iter()),
        );
        ChargeStage {
            charges: Arc::new(charges),
            customers,
            totals,
        }
    }

    fn of(report: &Report) -> ChargeStage {
        ChargeStage {
            charges: report.charges.clone(),
            customers: report.charge_customers.clone(),
            totals: report.charge_totals.clone(),
        }
    }
}

/// The playbook stage, and the calendar it counted working days with. Reads: the parse,
/// aging, charges, the annotations, both logs, `settings.playbook`, `settings.calendar`.
async fn run_playbook(
    parsed: &Parsed,
    aged: &[Aged],
    charges: &[Charge],
    workspace: &Workspace,
    as_of: NaiveDate,
    pace: &mut Pace,
) -> (Arc<PlaybookReport>, Calendar) {
    let settings = &workspace.settings;
    // What the contact log implies (calls made, reasons, promises) joins the annotations.
    let annotations = playbook::contacts::with_log(
        &workspace.annotations,
        &workspace.contacts,
        &parsed.invoices,
        as_of,
    );
    // So does what the letters-sent log implies (letters sent, received, acknowledged).
    let annotations = playbook::sent::with_sent(
        &annotations,
        &workspace.letters_sent,
        &parsed.invoices,
        settings.playbook.limitation.jurisdiction,
        as_of,
    );
    let calendar = settings.calendar.resolve(&settings.default_currency);
    let playbook_settings = with_calendar(&settings.playbook, &calendar);
    let invoices: Vec<playbook::InvoiceFacts> = parsed
        .invoices
        .iter()
        .zip(aged)
        .enumerate()
        .map(|(i, (invoice, aged))| playbook::InvoiceFacts {
            invoice,
            aged,
            charges_owed: charges.get(i).map_or(Decimal::ZERO, |c| c.total),
        })
        .collect();
    let playbook =
        playbook::run_paced(&invoices, &annotations, &playbook_settings, as_of, pace).await;
    (Arc::new(playbook), calendar)
}

/// The credit stage. Reads: the parse, aging, the playbook's assessments, `settings.credit`,
/// the default currency and whether receivables are insured.
fn run_credit(rows: Rows, workspace: &Workspace, as_of: NaiveDate) -> CreditReport {
    let settings = &workspace.settings;
    credit::derive(
        rows,
        &credit::Context {
            settings: &settings.credit,
            default_currency: &settings.default_currency,
            insurer_notice_days: settings
                .playbook
                .credit_insured
                .then_some(settings.playbook.insurer_notice_days),
            as_of,
        },
    )
}

/// The playbook's settings with the working-day calendar the workspace chose (copied only when
/// it is not the weekends-only one they start with).
fn with_calendar<'a>(
    settings: &'a playbook::PlaybookSettings,
    calendar: &Calendar,
) -> Cow<'a, playbook::PlaybookSettings> {
    if settings.working_days == *calendar {
        Cow::Borrowed(settings)
    } else {
        let mut owned = settings.clone();
        owned.working_days = calendar.clone();
        Cow::Owned(owned)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    /// As pasted.
    Line,
    Invoice,
    Customer,
    Currency,
    InvoiceDate,
    DueDate,
    #[default]
    DaysPastDue,
    Amount,
    Paid,
    Outstanding,
    Status,
}

/// What the invoice table shows: filters and order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceQuery {
    pub customer: Option<String>,
    /// Text the invoice number or customer name contains (case-insensitive).
    pub search: Option<String>,
    pub bucket: Option<usize>,
    pub status: Option<Status>,
    pub sort: SortKey,
    pub descending: bool,
}

impl Default for InvoiceQuery {
    fn default() -> Self {
        InvoiceQuery {
            customer: None,
            search: None,
            bucket: None,
            status: None,
            sort: SortKey::DaysPastDue,
            descending: true,
        }
    }
}

impl Report {
    /// Indices into `parsed.invoices` of the rows the query selects, in its order. Ties keep
    /// the pasted order, so the table never shuffles between renders.
    pub fn select(&self, query: &InvoiceQuery) -> Vec<usize> {
        let invoices = &self.parsed.invoices;
        let needle = query
            .search
            .as_ref()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty());
        let found = |text: &str| {
            needle
                .as_ref()
                .is_none_or(|n| text.to_lowercase().contains(n.as_str()))
        };
        let mut rows: Vec<usize> = (0..invoices.len())
            .filter(|&i| {
                (found(&invoices[i].number) || found(&invoices[i].customer))
                    && query
                        .customer
                        .as_ref()
                        .is_none_or(|c| &invoices[i].customer == c)
                    && query.bucket.is_none_or(|b| {
                        self.aged[i].bucket == b && self.aged[i].status == Status::Open
                    })
                    && query.status.is_none_or(|s| self.aged[i].status == s)
            })
            .collect();
        let compare = |a: &usize, b: &usize| -> Ordering {
            let (x, y) = (&invoices[*a], &invoices[*b]);
            match query.sort {
                SortKey::Line => x.line.cmp(&y.line),
                SortKey::Invoice => x.number.cmp(&y.number),
                SortKey::Customer => x.customer.cmp(&y.customer),
                SortKey::Currency => x.currency.cmp(&y.currency),
                SortKey::InvoiceDate => x.invoice_date.cmp(&y.invoice_date),
                SortKey::DueDate => x.due_date.cmp(&y.due_date),
                SortKey::DaysPastDue => self.aged[*a]
                    .days_past_due
                    .cmp(&self.aged[*b].days_past_due),
                SortKey::Amount => x.amount.cmp(&y.amount),
                SortKey::Paid => x.paid.cmp(&y.paid),
                SortKey::Outstanding => x.outstanding.cmp(&y.outstanding),
                SortKey::Status => self.aged[*a].status.cmp(&self.aged[*b].status),
            }
        };
        rows.sort_by(|a, b| {
            let order = compare(a, b);
            let order = if query.descending {
                order.reverse()
            } else {
                order
            };
            order.then_with(|| invoices[*a].line.cmp(&invoices[*b].line))
        });
        rows
    }

    /// The late charge per currency (interest plus fixed sums).
    pub fn charge_total(&self, currency: &str) -> Option<&ChargeTotal> {
        self.charge_totals.iter().find(|t| t.currency == currency)
    }

    /// The late charge of one customer in one currency.
    pub fn customer_charge(&self, customer: &str, currency: &str) -> Option<&ChargeTotal> {
        self.charge_customers
            .iter()
            .find(|t| t.customer.as_deref() == Some(customer) && t.currency == currency)
    }

    /// The late charge of one customer (None: of everyone) in one currency, when a rule is
    /// chosen anywhere.
    pub fn late_charge(&self, customer: Option<&str>, currency: &str) -> Option<Decimal> {
        if self.charges.is_empty() {
            return None;
        }
        match customer {
            Some(c) => self.customer_charge(c, currency),
            None => self.charge_total(currency),
        }
        .map(|t| t.total)
    }

    /// What is due now: the outstanding amount plus the late charge on it (of one customer,
    /// or of everyone), in one currency.
    pub fn now_due(&self, customer: Option<&str>, currency: &str, outstanding: Decimal) -> Decimal {
        outstanding + self.late_charge(customer, currency).unwrap_or_default()
    }

    /// Customer names in first-seen order, for the filter and letter pickers.
    pub fn customer_names(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.parsed
            .invoices
            .iter()
            .map(|i| i.customer.as_str())
            .filter(|c| seen.insert(*c))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::workspace::Workspace;

    fn report(text: &str, as_of: (i32, u32, u32)) -> Report {
        let mut ws = Workspace::default();
        ws.input.text = text.into();
        derive(
            &ws,
            NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2).unwrap(),
        )
    }

    #[test]
    fn the_as_of_date_comes_from_settings_when_set() {
        let mut ws = Workspace::default();
        ws.settings.as_of = NaiveDate::from_ymd_opt(2025, 1, 1);
        assert_eq!(
            derive(&ws, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).as_of,
            ws.settings.as_of.unwrap()
        );
    }

    #[test]
    fn select_filters_and_sorts_stably() {
        let r = report(
            "Invoice\tCustomer\tDue date\tAmount\nA\tX\t2025-10-01\t10\nB\tY\t2025-09-01\t20\nC\tX\t2025-10-01\t0\nD\tX\t2025-11-30\t5\n",
            (2025, 10, 31),
        );
        let numbers = |rows: Vec<usize>| {
            rows.iter()
                .map(|&i| r.parsed.invoices[i].number.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            numbers(r.select(&InvoiceQuery::default())),
            ["B", "A", "C", "D"]
        );
        let only_x = InvoiceQuery {
            customer: Some("X".into()),
            sort: SortKey::Line,
            descending: false,
            ..Default::default()
        };
        assert_eq!(numbers(r.select(&only_x)), ["A", "C", "D"]);
        let paid = InvoiceQuery {
            status: Some(Status::Paid),
            ..Default::default()
        };
        assert_eq!(numbers(r.select(&paid)), ["C"]);
        let bucket = InvoiceQuery {
            bucket: Some(2),
            ..Default::default()
        };
        assert_eq!(
            numbers(r.select(&bucket)),
            ["A"],
            "paid rows are in no bucket"
        );
        assert_eq!(r.customer_names(), ["X", "Y"]);
    }

    /// Whatever an edit reaches, the staged report is the one a full derive gives.
    #[test]
    fn new_default_terms_rerun_nothing_unless_a_due_date_came_from_them() {
        let today = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        let with_due = "Invoice\tCustomer\tInvoice date\tDue date\tAmount\n\
                        A\tX\t2025-08-01\t2025-09-01\t10\nB\tY\t2025-08-05\t2025-09-05\t20\n";
        let one_without = "Invoice\tCustomer\tInvoice date\tDue date\tAmount\n\
                           A\tX\t2025-08-01\t2025-09-01\t10\nB\tY\t2025-08-05\t\t20\n";
        let own_terms = "Invoice\tCustomer\tInvoice date\tTerms\tAmount\n\
                         A\tX\t2025-08-01\tNet 15\t10\n";
        for (text, terms_matter) in [(with_due, false), (one_without, true), (own_terms, false)] {
            let mut ws = Workspace::default();
            ws.input.text = text.into();
            let report = derive(&ws, today);
            assert_eq!(report.parsed.default_terms_used, terms_matter, "{text}");
            let edit = Edit::SetTerms(ws.settings.terms_days + 15);
            let reach = edit.reach_on(&report.parsed);
            assert_eq!(reach == Reach::Nothing, !terms_matter, "{text}");
            ws.apply(edit);
            let kept = rederive(&report, reach, &ws, today).unwrap_or(report.clone());
            // Kept or rederived, the report is the one a full derive gives.
            assert_eq!(kept, derive(&ws, today), "{text}");
            if terms_matter {
                assert_ne!(kept.parsed.invoices, report.parsed.invoices, "{text}");
            }
        }
    }

    #[test]
    fn rederive_agrees_with_a_full_derive() {
        let today = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        let mut ws = Workspace::default();
        ws.input.text = crate::sample::sample_text(today).into();
        let mut report = derive(&ws, today);
        let mut letters = ws.settings.letters.clone();
        letters.sender.company = "Made-up Ltd".into();
        let key = crate::playbook::InvoiceKey::of(&report.parsed.invoices[0]);
        let edits = [
            Edit::SetLetters(letters),
            Edit::SetLang(crate::i18n::Lang::En),
            Edit::SetAsOf(NaiveDate::from_ymd_opt(2026, 1, 15)),
            Edit::SetBucketEdges(vec![0, 10, 20]),
            Edit::SetDispute(key, None),
            Edit::SetChargeParams(contract_fee(40)),
            Edit::SetPlaybook(playbook_with_review_days(9)),
            Edit::SetHold {
                customer: report.parsed.invoices[0].customer.clone(),
                since: NaiveDate::from_ymd_opt(2025, 10, 1),
            },
            Edit::SetTerms(45),
            Edit::SetDefaultCurrency("USD".into()),
            Edit::Paste {
                text: "Invoice\tCustomer\tDue date\tAmount\nA\tX\t2025-10-01\t10\n".into(),
                source: None,
            },
        ];
        for edit in edits {
            let reach = edit.reach_on(&report.parsed);
            ws.apply(edit);
            if let Some(next) = rederive(&report, reach, &ws, today) {
                report = next;
            }
            assert_eq!(
                report,
                derive(&ws, today),
                "after an edit reaching {reach:?}"
            );
        }
    }

    /// A sliced derive (`crate::pace`) that pauses at every look at the clock gives exactly the
    /// report a derive in one go gives, for a full derive and each partial one, and its progress
    /// only moves forward.
    #[test]
    fn a_derive_paused_at_every_checkpoint_gives_the_same_report() {
        use crate::pace::{poll_once, Pace, Slice};
        use std::pin::pin;
        use std::rc::Rc;
        use std::task::Poll;
        let today = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        let mut text =
            String::from("Invoice\tCustomer\tInvoice date\tDue date\tAmount\tCurrency\n");
        for i in 0..6_000 {
            let day = 1 + i % 28;
            text += &format!(
                "INV-{i}\tCustomer {}\t2025-0{}-{day:02}\t2025-{:02}-{day:02}\t{}.50\t{}\n",
                i % 37,
                1 + i % 8,
                2 + i % 9,
                100 + i * 7 % 9000,
                ["CNY", "USD"][i % 2]
            );
        }
        let mut ws = Workspace::default();
        ws.input.text = text.into();
        ws.settings.charges.workspace = contract_fee(40);
        let whole = derive(&ws, today);
        let paced = |previous: Option<&Report>, reach: Reach, ws: &Workspace| {
            let slice = Rc::new(Slice::default());
            let mut pace = Pace::sliced(|| 1.0, slice.clone());
            let mut work = pin!(async {
                match previous {
                    None => Some(derive_paced(ws, today, &mut (), &mut pace).await),
                    Some(p) => rederive_paced(p, reach, ws, today, &mut (), &mut pace).await,
                }
            });
            let mut last = 0.0;
            let report = loop {
                if let Poll::Ready(report) = poll_once(work.as_mut()) {
                    break report;
                }
                let now = slice.progress.get();
                assert!(now >= last && now <= 1.0, "progress {last} then {now}");
                last = now;
            };
            (report, slice.pauses.get())
        };
        let (report, pauses) = paced(None, Reach::Parse, &ws);
        assert_eq!(report.as_ref(), Some(&whole));
        assert!(pauses > 20, "{pauses} pauses over 6,000 rows");
        for edit in [
            Edit::SetAsOf(NaiveDate::from_ymd_opt(2026, 1, 15)),
            Edit::SetBucketEdges(vec![0, 10, 20]),
            Edit::SetChargeParams(contract_fee(25)),
            Edit::SetPlaybook(playbook_with_review_days(9)),
        ] {
            let reach = edit.reach_on(&whole.parsed);
            let mut edited = ws.clone();
            edited.apply(edit);
            let (report, _) = paced(Some(&whole), reach, &edited);
            assert_eq!(report, rederive(&whole, reach, &edited, today), "{reach:?}");
        }
    }

    /// The shell memoises on `aging_run()`: the same while an edit leaves the aging as it was,
    /// different once the aging reruns, even when the values come out equal.
    #[test]
    fn the_aging_run_changes_exactly_when_the_aging_reruns() {
        let today = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        let mut ws = Workspace::default();
        ws.input.text = crate::sample::sample_text(today).into();
        let start = derive(&ws, today);
        let edit = Edit::SetLang(crate::i18n::Lang::En);
        let reach = edit.reach();
        ws.apply(edit);
        let kept = rederive(&start, reach, &ws, today).unwrap_or_else(|| start.clone());
        assert_eq!(kept.aging_run(), start.aging_run());
        let edit = Edit::SetAsOf(Some(today));
        let reach = edit.reach();
        ws.apply(edit);
        let rerun = rederive(&kept, reach, &ws, today).expect("the aging reruns");
        assert_ne!(rerun.aging_run(), start.aging_run());
        // An identity, not a value: two derives of the same workspace are two runs.
        assert_ne!(
            derive(&ws, today).aging_run(),
            derive(&ws, today).aging_run()
        );
    }

    fn contract_fee(fee: i64) -> charges::ChargeRuleParams {
        charges::ChargeRuleParams {
            rule: RuleKind::Contract,
            fixed_fee: Decimal::from(fee),
            ..Default::default()
        }
    }

    fn playbook_with_review_days(days: u32) -> playbook::PlaybookSettings {
        playbook::PlaybookSettings {
            review_every_days: days,
            ..Default::default()
        }
    }

    /// Which stages one edit of each class reruns, as the hook saw them run, and that the
    /// stages it does not rerun are the previous report's own (shared, not recomputed).
    #[test]
    fn each_edit_class_reruns_only_its_stages() {
        use crate::stages::StageLog;
        use Stage::*;
        let today = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        let mut ws = Workspace::default();
        ws.input.text = crate::sample::sample_text(today).into();
        let mut log = StageLog::default();
        let start = derive_with(&ws, today, &mut log);
        assert_eq!(log.0, Stage::ALL);
        let customer = start.parsed.invoices[0].customer.clone();
        let cases: Vec<(Edit, Vec<Stage>)> = vec![
            (Edit::SetLang(crate::i18n::Lang::En), vec![]),
            (
                Edit::SetAsOf(NaiveDate::from_ymd_opt(2025, 12, 1)),
                vec![Aging, Charges, Playbook, Credit],
            ),
            (
                Edit::SetBucketEdges(vec![0, 45]),
                vec![Aging, Playbook, Credit],
            ),
            (
                Edit::SetChargeParams(contract_fee(25)),
                vec![Charges, Playbook, Credit],
            ),
            (
                Edit::SetPlaybook(playbook_with_review_days(3)),
                vec![Playbook, Credit],
            ),
            (
                Edit::SetHold {
                    customer,
                    since: Some(today),
                },
                vec![Credit],
            ),
            (Edit::SetTerms(45), Stage::ALL.to_vec()),
        ];
        for (edit, expected) in cases {
            let reach = edit.reach();
            let mut edited = ws.clone();
            edited.apply(edit);
            let mut log = StageLog::default();
            let next = rederive_with(&start, reach, &edited, today, &mut log);
            assert_eq!(log.0, expected, "{reach:?}");
            let Some(next) = next else {
                assert!(expected.is_empty());
                continue;
            };
            let shared = [
                (Parse, Arc::ptr_eq(&next.parsed, &start.parsed)),
                (Aging, Arc::ptr_eq(&next.aged, &start.aged)),
                (Charges, Arc::ptr_eq(&next.charges, &start.charges)),
                (Playbook, Arc::ptr_eq(&next.playbook, &start.playbook)),
                (Credit, Arc::ptr_eq(&next.credit, &start.credit)),
            ];
            for (stage, is_shared) in shared {
                assert_eq!(
                    is_shared,
                    !expected.contains(&stage),
                    "{reach:?}: {stage:?}"
                );
            }
            assert_eq!(next, derive(&edited, today), "{reach:?}");
        }
    }

    #[test]
    fn now_due_adds_the_late_charge_only_when_a_rule_is_chosen() {
        let text =
            "Invoice\tCustomer\tDue date\tAmount\nA\tX\t2025-01-01\t1000\nB\tY\t2025-01-01\t500\n";
        let r = report(text, (2025, 10, 31));
        assert_eq!(r.late_charge(None, "CNY"), None);
        assert_eq!(
            r.now_due(Some("X"), "CNY", Decimal::from(1000)),
            Decimal::from(1000)
        );
        let mut ws = Workspace::default();
        ws.input.text = text.into();
        ws.settings.charges.workspace.rule = RuleKind::Contract;
        ws.settings.charges.workspace.fixed_fee = Decimal::from(40);
        let r = derive(&ws, NaiveDate::from_ymd_opt(2025, 10, 31).unwrap());
        assert_eq!(r.late_charge(Some("X"), "CNY"), Some(Decimal::from(40)));
        assert_eq!(
            r.now_due(Some("X"), "CNY", Decimal::from(1000)),
            Decimal::from(1040)
        );
        assert_eq!(
            r.now_due(None, "CNY", Decimal::from(1500)),
            Decimal::from(1580)
        );
    }
}
