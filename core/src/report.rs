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
use crate::paste::{self, ParseOptions, Parsed};
use crate::playbook::{self, PlaybookReport};
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub as_of: NaiveDate,
    pub buckets: Buckets,
    /// Shared: an edit that does not change how the text is read reuses it.
    pub parsed: Arc<Parsed>,
    /// One per `parsed.invoices`, same order.
    pub aged: Vec<Aged>,
    pub customers: Vec<CustomerSummary>,
    pub totals: Vec<CurrencyTotal>,
    /// One per `parsed.invoices`, same order; empty when no charge rule is chosen anywhere.
    pub charges: Vec<Charge>,
    /// Late charges per customer and currency, and per currency.
    pub charge_customers: Vec<ChargeTotal>,
    pub charge_totals: Vec<ChargeTotal>,
    /// Stage, next steps and why, per invoice; the today list; risk and DSO per customer.
    pub playbook: PlaybookReport,
    /// The working-day calendar every "N working days" deadline counted with
    /// (`settings.calendar` resolved).
    pub calendar: Calendar,
    /// Limit, exposure, grade and hold per customer.
    pub credit: CreditReport,
}

/// Everything the page shows, from what the user gave. `today` is only used when the workspace
/// has no as-of date of its own; this function never reads the clock.
pub fn derive(workspace: &Workspace, today: NaiveDate) -> Report {
    derive_after_parse(parse_input(workspace), workspace, today)
}

/// The first stage of [`derive`]: the pasted text read with the workspace's choices. It reads
/// only `input` and the settings that fill in what a row leaves out (terms, currency).
pub fn parse_input(workspace: &Workspace) -> Arc<Parsed> {
    let (input, settings) = (&workspace.input, &workspace.settings);
    Arc::new(paste::parse(
        &input.text,
        &ParseOptions {
            mapping: input.mapping.as_deref(),
            day_month_order: input.day_month_order,
            decimal_mark: input.decimal_mark,
            default_currency: &settings.default_currency,
            default_terms_days: settings.terms_days,
        },
    ))
}

/// The stages of [`derive`] after the parse — aging, charges, the playbook — on a parse that
/// [`parse_input`] made of this workspace (the shell reuses it while the text and the choices
/// about reading it are unchanged: see [`crate::edit::Reach`]).
pub fn derive_after_parse(parsed: Arc<Parsed>, workspace: &Workspace, today: NaiveDate) -> Report {
    let settings = &workspace.settings;
    let as_of = settings.as_of.unwrap_or(today);
    let buckets = settings.buckets();
    let aged: Vec<Aged> = parsed
        .invoices
        .iter()
        .map(|inv| aging::age(inv, as_of, &buckets))
        .collect();
    let (customers, totals) = aging::summarize(&parsed.invoices, &aged, &buckets);
    let rules = &settings.charges;
    let any_rule = rules.workspace.rule != RuleKind::None
        || rules
            .per_customer
            .values()
            .any(|p| p.rule != RuleKind::None);
    let charges: Vec<Charge> = if any_rule {
        parsed
            .invoices
            .iter()
            .map(|inv| {
                charges::compute(rules, &inv.customer, &ChargeInput::for_invoice(inv, as_of))
            })
            .collect()
    } else {
        Vec::new()
    };
    let (charge_customers, charge_totals) = charges::charge_totals(
        parsed
            .invoices
            .iter()
            .map(|i| i.customer.as_str())
            .zip(charges.iter()),
    );
    let owed: Vec<rust_decimal::Decimal> = charges.iter().map(|c| c.total).collect();
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
    let playbook = playbook::run(
        &parsed.invoices,
        &aged,
        &annotations,
        &owed,
        &playbook_settings,
        as_of,
    );
    let credit = credit::derive(
        &parsed.invoices,
        &aged,
        &playbook.assessments,
        &credit::Context {
            settings: &settings.credit,
            default_currency: &settings.default_currency,
            insurer_notice_days: settings
                .playbook
                .credit_insured
                .then_some(settings.playbook.insurer_notice_days),
            as_of,
        },
    );
    Report {
        as_of,
        buckets,
        parsed,
        aged,
        customers,
        totals,
        charges,
        charge_customers,
        charge_totals,
        playbook,
        calendar,
        credit,
    }
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

/// The report after an edit that reaches `reach` (see [`crate::edit::Edit::reach`]), reusing
/// the stages it cannot have changed; `None`: `previous` still holds.
pub fn rederive(
    previous: &Report,
    reach: Reach,
    workspace: &Workspace,
    today: NaiveDate,
) -> Option<Report> {
    match reach {
        Reach::Nothing => None,
        Reach::AfterParse => Some(derive_after_parse(
            previous.parsed.clone(),
            workspace,
            today,
        )),
        Reach::Parse => Some(derive(workspace, today)),
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

    /// The late charge of invoice `i`, when a rule is chosen.
    pub fn charge(&self, i: usize) -> Option<&Charge> {
        self.charges.get(i)
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
    fn rederive_agrees_with_a_full_derive() {
        let today = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        let mut ws = Workspace::default();
        ws.input.text = crate::sample::sample_text(today);
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
            Edit::SetTerms(45),
            Edit::SetDefaultCurrency("USD".into()),
            Edit::Paste {
                text: "Invoice\tCustomer\tDue date\tAmount\nA\tX\t2025-10-01\t10\n".into(),
                source: None,
            },
        ];
        for edit in edits {
            let reach = edit.reach();
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
