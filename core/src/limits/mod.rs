//! The ranges every number of a workspace must be in (issue 20). A workspace from a share link
//! is someone else's, and one from storage may be from an older page or edited by hand: either
//! can carry terms of 10^11 days or a year 30000, which would reach chrono's panics or a
//! `Decimal` overflow in the arithmetic. [`sanitize`] brings every number into its range where
//! the workspace enters, and says what it changed.
//!
//! # Where it is called
//! * [`crate::share::open_payload`] sanitizes every workspace read from a link.
//! * The shell must call it on the workspace it loads from storage:
//!   `let (workspace, clamped) = limits::sanitize(Workspace::from_json(&stored)?);` — the page
//!   may say "N settings were out of range and were reset" when `clamped` is not empty.
//! * Typed settings edits can reuse the named bounds below (`MAX_TERMS_DAYS`, …) to clamp what
//!   the user types to the same ranges.
//!
//! The bounds are wide: each is far beyond any real setting and far inside what the
//! arithmetic can carry (dates stay within chrono's range when any setting in days is added
//! to any date in range; interest on the largest amount at the highest rate for the longest
//! span stays below `Decimal`'s 7.9 × 10^28).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::charges::{ChargeRuleParams, MAX_PRINCIPAL};
use crate::playbook::Annotation;
use crate::workspace::Workspace;

pub mod words;

/// The earliest year a date of a workspace may be in (the parser uses the same range).
pub const MIN_YEAR: i32 = 1900;
/// The latest year a date of a workspace may be in.
pub const MAX_YEAR: i32 = 2200;
/// Longest payment terms: ten years.
pub const MAX_TERMS_DAYS: i64 = 3_650;
/// Longest setting in days of any other kind (thresholds, deadlines, grace): a hundred years.
pub const MAX_SETTING_DAYS: u32 = 36_500;
/// Most aging bucket edges (the default has 4).
pub const MAX_BUCKET_EDGES: usize = 24;
/// Highest interest rate, in percent per its unit (day, month or year).
pub const MAX_RATE_PERCENT: Decimal = Decimal::from_parts(1_000, 0, 0, false, 0);
/// Highest share or fee in percent.
pub const MAX_PERCENT: Decimal = Decimal::ONE_HUNDRED;
/// Highest multiplier of the LPR (the law's range is 1.3–1.5).
pub const MAX_CN_MULTIPLIER: Decimal = Decimal::TEN;
/// Most hours of an evidence deadline: a year.
pub const MAX_HOURS: u32 = 8_760;
/// Longest limitation period in years.
pub const MAX_LIMITATION_YEARS: u32 = 100;
/// Largest amount of a setting (a fee, a cap, a disputed amount): the largest principal the
/// charge engine accepts (10^15).
pub const MAX_AMOUNT: Decimal = MAX_PRINCIPAL;

/// Longest short text of a setting (a name, an address, a bank account, a signature), in
/// characters: a page of text, far beyond any real one.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Longest long text (the contract clause, an invoice's note), in characters.
pub const MAX_LONG_TEXT_CHARS: usize = 20_000;
/// Longest currency code: ISO codes have 3 letters; room for "人民币" and the like.
pub const MAX_CURRENCY_CHARS: usize = 12;
/// Longest customer name used as a key (a customer's profile, charge rule or annotation).
pub const MAX_NAME_CHARS: usize = 1_000;
/// Most annotated invoices: twice the largest workspace the page is tested with (100,000 rows).
pub const MAX_ANNOTATIONS: usize = 200_000;
/// Most entries of one list of an annotation (promises, actions done, snoozes).
pub const MAX_ANNOTATION_ENTRIES: usize = 1_000;
/// Most customers with a letter profile or a charge rule of their own.
pub const MAX_CUSTOMER_SETTINGS: usize = 100_000;
/// Most edited templates: a few letter kinds in two languages, with room to spare.
pub const MAX_TEMPLATES: usize = 64;
/// Most currencies with a fixed collection cost.
pub const MAX_CURRENCIES: usize = 200;
/// Most columns of a saved column mapping.
pub const MAX_MAPPED_COLUMNS: usize = 1_000;

/// One value [`sanitize`] changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clamped {
    /// Where, e.g. `settings.terms_days` or `settings.charges.per_customer["ACME"].rate`: a
    /// path into the workspace, put in words for the page by [`words::line`].
    pub field: String,
    /// The value as it came.
    pub was: Shown,
    /// The value now.
    pub now: Shown,
}

/// A value as it came or as it is now, typed so that the page can say it in either language
/// ([`words`]); `Display` gives the plain English form the tests and logs read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// A number, a date or a code, as it is.
    Value(String),
    /// A text of this many characters.
    Chars(usize),
    /// A list or map of this many entries.
    Entries(usize),
    /// This many entries beyond what is kept.
    More(usize),
    /// Removed: names too long to be a key.
    DroppedLongNames,
    /// Removed: the oldest entries of a bounded log.
    DroppedOldest,
    /// Brought into its range.
    InRange,
    /// No date of its own: the page uses today's.
    Today,
    /// Emptied.
    Nothing,
    /// A snapshot of a link left out.
    NotOpened,
    /// An entered reference rate that broke a rule (the problem says what became of it).
    UserRate(crate::charges::UserRateProblem),
    /// Why a link's snapshot was left out.
    Snapshot(SnapshotWhy),
}

impl Shown {
    pub fn value(value: impl ToString) -> Shown {
        Shown::Value(value.to_string())
    }
}

/// Why a snapshot that came in a link was not opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotWhy {
    AsOfOutOfRange(NaiveDate),
    NoInvoices,
    TooManyInvoices(usize),
    /// An invoice's date outside the years the page works with.
    InvoiceDate {
        number: String,
        date: NaiveDate,
    },
    /// An invoice's amount over [`MAX_AMOUNT`].
    InvoiceAmount {
        number: String,
    },
    /// A name, number or code longer than its bound.
    InvoiceText {
        number: String,
    },
    /// A second snapshot of the same date.
    SameDate,
    /// Beyond the number of snapshots a link may carry.
    OverSnapshots(usize),
    /// Beyond the invoices a link's snapshots may carry in all.
    OverInvoices(usize),
    /// Snapshots in a link that carries only settings (this many).
    InSettingsLink(usize),
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&words::value(self, crate::i18n::Lang::En))
    }
}

/// Whether `date` is within [`MIN_YEAR`]–[`MAX_YEAR`].
pub fn date_in_range(date: NaiveDate) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&date.year())
}

/// Brings every number of `workspace` into its range; see the module documentation. A
/// workspace already in range comes back unchanged, with nothing listed.
pub fn sanitize(mut workspace: Workspace) -> (Workspace, Vec<Clamped>) {
    let mut c = Clamper::default();
    let s = &mut workspace.settings;
    if let Some(as_of) = s.as_of {
        if !date_in_range(as_of) {
            c.note("settings.as_of", Shown::value(as_of), Shown::Today);
            s.as_of = None;
        }
    }
    let terms = s.terms_days.clamp(0, MAX_TERMS_DAYS);
    c.set("settings.terms_days", &mut s.terms_days, terms);
    if s.bucket_edges.len() > MAX_BUCKET_EDGES {
        c.note(
            "settings.bucket_edges",
            Shown::Entries(s.bucket_edges.len()),
            Shown::Entries(MAX_BUCKET_EDGES),
        );
        s.bucket_edges.truncate(MAX_BUCKET_EDGES);
    }
    for (i, edge) in s.bucket_edges.iter_mut().enumerate() {
        c.days(&format!("settings.bucket_edges[{i}]"), edge);
    }
    charge_params(&mut c, "settings.charges", &mut s.charges.workspace);
    for (customer, params) in s.charges.per_customer.iter_mut() {
        let field = format!("settings.charges.per_customer[{customer:?}]");
        charge_params(&mut c, &field, params);
    }
    // User-entered reference rates: ranges, date order, no overlap (the charges module's rules).
    for problem in s.charges.sanitize() {
        c.changes.push(Clamped {
            field: "settings.charges.user_rates".to_string(),
            was: Shown::UserRate(problem),
            now: Shown::InRange,
        });
    }
    playbook(&mut c, &mut s.playbook);
    letters(&mut c, &mut s.letters);
    credit_and_calendar(&mut c, s);
    for (key, annotation) in workspace.annotations.iter_mut() {
        let field = format!("annotations[{:?}/{:?}]", key.customer, key.number);
        annotation_dates(&mut c, &field, annotation);
    }
    sizes(&mut c, &mut workspace);
    (workspace, c.changes)
}

/// The user's holidays (dates in range, sorted, bounded) and the credit settings (limits not
/// negative nor beyond [`MAX_AMOUNT`], thresholds in their ranges, the customer map bounded).
fn credit_and_calendar(c: &mut Clamper, s: &mut crate::workspace::Settings) {
    let holidays = s.calendar.holidays.len();
    for (i, day) in s.calendar.holidays.iter_mut().enumerate() {
        c.date(&format!("settings.calendar.holidays[{i}]"), day);
    }
    s.calendar = s.calendar.bounded();
    if s.calendar.holidays.len() != holidays {
        c.note(
            "settings.calendar.holidays",
            Shown::Entries(holidays),
            Shown::Entries(s.calendar.holidays.len()),
        );
    }
    for (field, was) in s.credit.clamp() {
        c.note(
            &format!("settings.{field}"),
            Shown::Value(was),
            Shown::InRange,
        );
    }
    if let Some(limit) = s.credit.default_limit.as_mut() {
        c.decimal("settings.credit.default_limit", limit, MAX_AMOUNT);
    }
    for (customer, entry) in s.credit.customers.iter_mut() {
        if let Some(limit) = entry.limit.as_mut() {
            let field = format!("settings.credit.customers[{customer:?}].limit");
            c.decimal(&field, &mut limit.amount, MAX_AMOUNT);
        }
        if let Some(insured) = entry.insured_limit.as_mut() {
            let field = format!("settings.credit.customers[{customer:?}].insured_limit");
            c.decimal(&field, insured, MAX_AMOUNT);
        }
        if let Some(since) = entry.hold_since.as_mut() {
            let field = format!("settings.credit.customers[{customer:?}].hold_since");
            c.date(&field, since);
        }
    }
}

fn charge_params(c: &mut Clamper, at: &str, p: &mut ChargeRuleParams) {
    c.decimal(&format!("{at}.fixed_fee"), &mut p.fixed_fee, MAX_AMOUNT);
    c.decimal(
        &format!("{at}.percent_fee"),
        &mut p.percent_fee,
        MAX_PERCENT,
    );
    c.decimal(&format!("{at}.rate"), &mut p.rate, MAX_RATE_PERCENT);
    c.days(&format!("{at}.grace_days"), &mut p.grace_days);
    if let Some(cap) = p.cap_amount.as_mut() {
        c.decimal(&format!("{at}.cap_amount"), cap, MAX_AMOUNT);
    }
    if let Some(cap) = p.cap_percent.as_mut() {
        c.decimal(&format!("{at}.cap_percent"), cap, MAX_RATE_PERCENT);
    }
    c.decimal(
        &format!("{at}.cn_multiplier"),
        &mut p.cn_multiplier,
        MAX_CN_MULTIPLIER,
    );
    // The LPR rule's multiplier: any positive value the page takes, within the same bound.
    c.decimal(
        &format!("{at}.lpr_multiplier"),
        &mut p.lpr_multiplier,
        MAX_CN_MULTIPLIER,
    );
    if let Some(date) = p.lpr_start {
        if !date_in_range(date) {
            c.note(
                &format!("{at}.lpr_start"),
                Shown::value(date),
                Shown::Nothing,
            );
            p.lpr_start = None;
        }
    }
    if let Some(rate) = p.cn_agreed_rate.as_mut() {
        c.decimal(&format!("{at}.cn_agreed_rate"), rate, MAX_RATE_PERCENT);
    }
    if let Some(date) = p.cn_contract_date {
        if !date_in_range(date) {
            c.note(
                &format!("{at}.cn_contract_date"),
                Shown::value(date),
                Shown::Nothing,
            );
            p.cn_contract_date = None;
        }
    }
}

fn playbook(c: &mut Clamper, p: &mut crate::playbook::PlaybookSettings) {
    let at = "settings.playbook";
    for (name, value) in [
        ("courtesy_lead_days", &mut p.courtesy_lead_days),
        ("friendly_until_days", &mut p.friendly_until_days),
        ("formal_until_days", &mut p.formal_until_days),
        ("pre_legal_until_days", &mut p.pre_legal_until_days),
        ("escalate_until_days", &mut p.escalate_until_days),
        ("payment_deadline_days", &mut p.payment_deadline_days),
        ("call_after_days", &mut p.call_after_days),
        ("review_every_days", &mut p.review_every_days),
        ("insurer_notice_days", &mut p.insurer_notice_days),
        ("insurer_warn_days", &mut p.insurer_warn_days),
        ("dispute_ack_working_days", &mut p.dispute_ack_working_days),
        (
            "dispute_evidence_working_days",
            &mut p.dispute_evidence_working_days,
        ),
        ("dso_period_days", &mut p.dso_period_days),
        ("limitation.warn_days", &mut p.limitation.warn_days),
    ] {
        c.days(&format!("{at}.{name}"), value);
    }
    let hours = p.quality_evidence_hours.min(MAX_HOURS);
    c.set(
        &format!("{at}.quality_evidence_hours"),
        &mut p.quality_evidence_hours,
        hours,
    );
    if let Some(years) = p.limitation.years.as_mut() {
        let now = (*years).min(MAX_LIMITATION_YEARS);
        c.set(&format!("{at}.limitation.years"), years, now);
    }
    for (currency, cost) in p.collection_cost_fixed.iter_mut() {
        let field = format!("{at}.collection_cost_fixed[{currency:?}]");
        c.decimal(&field, cost, MAX_AMOUNT);
    }
    c.decimal(
        &format!("{at}.collection_cost_percent"),
        &mut p.collection_cost_percent,
        MAX_PERCENT,
    );
    c.decimal(
        &format!("{at}.risk_share_percent"),
        &mut p.risk_share_percent,
        MAX_PERCENT,
    );
}

fn letters(c: &mut Clamper, l: &mut crate::letters::LetterSettings) {
    let at = "settings.letters";
    c.days(&format!("{at}.deadline_days"), &mut l.deadline_days);
    c.days(
        &format!("{at}.first_instalment_days"),
        &mut l.first_instalment_days,
    );
    let count = l.instalment_count.clamp(1, crate::letters::MAX_INSTALMENTS);
    c.set(
        &format!("{at}.instalment_count"),
        &mut l.instalment_count,
        count,
    );
}

fn annotation_dates(c: &mut Clamper, at: &str, a: &mut Annotation) {
    if let Some(dispute) = a.dispute.as_mut() {
        c.date(&format!("{at}.dispute.since"), &mut dispute.since);
        if let Some(amount) = dispute.disputed_amount.as_mut() {
            c.decimal(&format!("{at}.dispute.disputed_amount"), amount, MAX_AMOUNT);
        }
    }
    for (i, promise) in a.promises.iter_mut().enumerate() {
        c.date(&format!("{at}.promises[{i}].pay_by"), &mut promise.pay_by);
        c.date(&format!("{at}.promises[{i}].made_on"), &mut promise.made_on);
    }
    for (i, done) in a.done.iter_mut().enumerate() {
        c.date(&format!("{at}.done[{i}].date"), &mut done.date);
    }
}

/// Texts cut to their length, lists and maps to their count (user rates and the contact log
/// are bounded by their own modules). Template sources are not cut — half a template is
/// broken — their size is refused in place by `letters::limits` when they render.
fn sizes(c: &mut Clamper, w: &mut Workspace) {
    let s = &mut w.settings;
    c.text(
        "settings.default_currency",
        &mut s.default_currency,
        MAX_CURRENCY_CHARS,
    );
    let l = &mut s.letters;
    let sender = &mut l.sender;
    for (name, value) in [
        ("company", &mut sender.company),
        ("address", &mut sender.address),
        ("contact", &mut sender.contact),
        ("phone", &mut sender.phone),
        ("email", &mut sender.email),
        ("bank_name", &mut sender.bank_name),
        ("bank_account", &mut sender.bank_account),
        ("signature", &mut sender.signature),
    ] {
        c.text(
            &format!("settings.letters.sender.{name}"),
            value,
            MAX_TEXT_CHARS,
        );
    }
    c.text(
        "settings.letters.contract_clause",
        &mut l.contract_clause,
        MAX_LONG_TEXT_CHARS,
    );
    c.keys(
        "settings.letters.customers",
        &mut l.customers,
        MAX_CUSTOMER_SETTINGS,
    );
    for (customer, profile) in l.customers.iter_mut() {
        let at = format!("settings.letters.customers[{customer:?}]");
        c.text(
            &format!("{at}.full_name"),
            &mut profile.full_name,
            MAX_TEXT_CHARS,
        );
        c.text(
            &format!("{at}.address"),
            &mut profile.address,
            MAX_TEXT_CHARS,
        );
        c.text(
            &format!("{at}.contact"),
            &mut profile.contact,
            MAX_TEXT_CHARS,
        );
        let en = &mut profile.en;
        for (name, value) in [
            ("full_name", &mut en.full_name),
            ("address", &mut en.address),
            ("contact", &mut en.contact),
        ] {
            c.text(&format!("{at}.en.{name}"), value, MAX_TEXT_CHARS);
        }
        contract_texts(c, &format!("{at}.contract"), &mut profile.contract);
    }
    contract_texts(c, "settings.letters.contract", &mut l.contract);
    c.entries(
        "settings.letters.templates",
        &mut l.templates,
        MAX_TEMPLATES,
    );
    c.keys(
        "settings.charges.per_customer",
        &mut s.charges.per_customer,
        MAX_CUSTOMER_SETTINGS,
    );
    c.entries(
        "settings.playbook.collection_cost_fixed",
        &mut s.playbook.collection_cost_fixed,
        MAX_CURRENCIES,
    );
    if let Some(mapping) = w.input.mapping.as_mut() {
        c.list("input.mapping", mapping, MAX_MAPPED_COLUMNS);
    }
    if let Some(source) = w.input.source.as_mut() {
        c.text("input.source", source, MAX_TEXT_CHARS);
    }
    let names = w.annotations.len();
    w.annotations
        .retain(|key, _| key.customer.chars().count() <= MAX_NAME_CHARS);
    c.dropped(
        "annotations",
        names - w.annotations.len(),
        Shown::DroppedLongNames,
    );
    c.entries("annotations", &mut w.annotations, MAX_ANNOTATIONS);
    for (key, a) in w.annotations.iter_mut() {
        let at = format!("annotations[{:?}/{:?}]", key.customer, key.number);
        c.text(&format!("{at}.note"), &mut a.note, MAX_LONG_TEXT_CHARS);
        c.list(
            &format!("{at}.promises"),
            &mut a.promises,
            MAX_ANNOTATION_ENTRIES,
        );
        c.list(&format!("{at}.done"), &mut a.done, MAX_ANNOTATION_ENTRIES);
        c.list(
            &format!("{at}.snoozed"),
            &mut a.snoozed,
            MAX_ANNOTATION_ENTRIES,
        );
    }
    let entries = w.contacts.len();
    let log = crate::playbook::contacts::bounded(std::mem::take(&mut w.contacts));
    c.dropped("contacts", entries - log.len(), Shown::DroppedOldest);
    w.contacts = log;
}

/// Collects what was changed.
#[derive(Default)]
struct Clamper {
    changes: Vec<Clamped>,
}

impl Clamper {
    fn note(&mut self, field: &str, was: Shown, now: Shown) {
        self.changes.push(Clamped {
            field: field.to_string(),
            was,
            now,
        });
    }

    fn set<T: PartialEq + ToString + Copy>(&mut self, field: &str, value: &mut T, now: T) {
        if *value != now {
            self.note(field, Shown::value(*value), Shown::value(now));
            *value = now;
        }
    }

    fn days(&mut self, field: &str, value: &mut u32) {
        let now = (*value).min(MAX_SETTING_DAYS);
        self.set(field, value, now);
    }

    /// Into `0..=max`.
    fn decimal(&mut self, field: &str, value: &mut Decimal, max: Decimal) {
        let now = (*value).clamp(Decimal::ZERO, max);
        self.set(field, value, now);
    }

    /// Cut to `max` characters.
    fn text(&mut self, field: &str, value: &mut String, max: usize) {
        if let Some((at, _)) = value.char_indices().nth(max) {
            let chars = value.chars().count();
            self.note(field, Shown::Chars(chars), Shown::Chars(max));
            value.truncate(at);
        }
    }

    fn dropped(&mut self, field: &str, dropped: usize, now: Shown) {
        if dropped > 0 {
            self.note(field, Shown::More(dropped), now);
        }
    }

    /// The last `max` entries kept (the latest, in lists kept in the order they were made).
    fn list<T>(&mut self, field: &str, list: &mut Vec<T>, max: usize) {
        if list.len() > max {
            self.note(field, Shown::Entries(list.len()), Shown::Entries(max));
            list.drain(..list.len() - max);
        }
    }

    /// The first `max` entries kept, in key order.
    fn entries<K: Ord, V>(&mut self, field: &str, map: &mut BTreeMap<K, V>, max: usize) {
        if map.len() > max {
            self.note(field, Shown::Entries(map.len()), Shown::Entries(max));
            while map.len() > max {
                map.pop_last();
            }
        }
    }

    /// Entries keyed by a customer name: names too long dropped, then the first `max` kept.
    fn keys<V>(&mut self, field: &str, map: &mut BTreeMap<String, V>, max: usize) {
        let before = map.len();
        map.retain(|name, _| name.chars().count() <= MAX_NAME_CHARS);
        self.dropped(field, before - map.len(), Shown::DroppedLongNames);
        self.entries(field, map, max);
    }

    /// Into [`MIN_YEAR`]–[`MAX_YEAR`], to the nearest end.
    fn date(&mut self, field: &str, value: &mut NaiveDate) {
        let now = (*value).clamp(first_day(), last_day());
        self.set(field, value, now);
    }
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// A contract's number and words (the workspace default or a customer's), each cut to the long
/// text bound: they come from the page, from storage or from a link.
fn contract_texts(c: &mut Clamper, at: &str, terms: &mut crate::letters::ContractTerms) {
    c.text(&format!("{at}.number"), &mut terms.number, MAX_TEXT_CHARS);
    for (lang, words) in [("zh", &mut terms.zh), ("en", &mut terms.en)] {
        for (name, value) in [
            ("name", &mut words.name),
            ("clause", &mut words.clause),
            ("payment_terms", &mut words.payment_terms),
            ("late_charge_clause", &mut words.late_charge_clause),
            ("forum", &mut words.forum),
        ] {
            c.text(&format!("{at}.{lang}.{name}"), value, MAX_LONG_TEXT_CHARS);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::{Annotation, InvoiceKey, PromiseToPay};

    #[test]
    fn a_workspace_in_range_is_unchanged() {
        let ws = Workspace::default();
        assert_eq!(sanitize(ws.clone()), (ws, vec![]));
    }

    #[test]
    fn the_lpr_rules_multiplier_and_start_day_are_bounded() {
        let mut ws = Workspace::default();
        ws.settings.charges.workspace.lpr_multiplier = Decimal::from(1_000);
        ws.settings.charges.workspace.lpr_start = NaiveDate::from_ymd_opt(9_999, 1, 1);
        let (ws, clamped) = sanitize(ws);
        let p = &ws.settings.charges.workspace;
        assert_eq!(p.lpr_multiplier, MAX_CN_MULTIPLIER);
        assert_eq!(p.lpr_start, None);
        assert_eq!(clamped.len(), 2);
    }

    #[test]
    fn out_of_range_numbers_are_clamped_and_listed() {
        let mut ws = Workspace::default();
        ws.settings.terms_days = 106_751_991_168;
        ws.settings.as_of = NaiveDate::from_ymd_opt(30_000, 1, 1);
        ws.settings.bucket_edges = vec![30, u32::MAX];
        ws.settings.charges.workspace.rate = Decimal::from(-5);
        ws.settings.charges.per_customer.insert(
            "ACME".into(),
            ChargeRuleParams {
                grace_days: u32::MAX,
                ..Default::default()
            },
        );
        ws.settings.letters.instalment_count = 0;
        let far = NaiveDate::from_ymd_opt(-200_000, 1, 1).unwrap();
        ws.annotations.insert(
            InvoiceKey::new("ACME", "A1"),
            Annotation {
                promises: vec![PromiseToPay {
                    pay_by: far,
                    made_on: far,
                }],
                ..Default::default()
            },
        );
        let (ws, clamped) = sanitize(ws);
        let s = &ws.settings;
        assert_eq!(s.terms_days, MAX_TERMS_DAYS);
        assert_eq!(s.as_of, None);
        assert_eq!(s.bucket_edges, vec![30, MAX_SETTING_DAYS]);
        assert_eq!(s.charges.workspace.rate, Decimal::ZERO);
        assert_eq!(s.charges.per_customer["ACME"].grace_days, MAX_SETTING_DAYS);
        assert_eq!(s.letters.instalment_count, 1);
        let promise = &ws.annotations.values().next().unwrap().promises[0];
        assert_eq!(promise.pay_by, first_day());
        let fields: Vec<&str> = clamped.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "settings.as_of",
                "settings.terms_days",
                "settings.bucket_edges[1]",
                "settings.charges.rate",
                "settings.charges.per_customer[\"ACME\"].grace_days",
                "settings.letters.instalment_count",
                "annotations[\"ACME\"/\"A1\"].promises[0].pay_by",
                "annotations[\"ACME\"/\"A1\"].promises[0].made_on",
            ]
        );
        assert_eq!(clamped[1].was.to_string(), "106751991168");
        assert_eq!(clamped[1].now.to_string(), "3650");
    }

    #[test]
    fn a_customers_english_lines_and_contract_terms_are_cut_like_the_other_letter_texts() {
        let mut ws = Workspace::default();
        let mut profile = crate::letters::CustomerProfile::default();
        profile.en.address = "a".repeat(MAX_TEXT_CHARS + 1);
        profile.contract.zh.clause = "条".repeat(MAX_LONG_TEXT_CHARS + 3);
        profile.contract.en.forum = "court".into();
        ws.settings.letters.customers.insert("ACME".into(), profile);
        ws.settings.letters.contract.number = "N".repeat(MAX_TEXT_CHARS * 2);
        let (ws, clamped) = sanitize(ws);
        let l = &ws.settings.letters;
        let acme = &l.customers["ACME"];
        assert_eq!(acme.en.address.len(), MAX_TEXT_CHARS);
        assert_eq!(acme.contract.zh.clause.chars().count(), MAX_LONG_TEXT_CHARS);
        assert_eq!(
            acme.contract.en.forum, "court",
            "within the bound: untouched"
        );
        assert_eq!(l.contract.number.len(), MAX_TEXT_CHARS);
        let fields: Vec<&str> = clamped.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "settings.letters.customers[\"ACME\"].en.address",
                "settings.letters.customers[\"ACME\"].contract.zh.clause",
                "settings.letters.contract.number",
            ]
        );
    }

    #[test]
    fn long_texts_are_cut_and_long_lists_and_maps_shortened_with_what_changed_listed() {
        let mut ws = Workspace::default();
        ws.settings.letters.sender.bank_account = "账".repeat(MAX_TEXT_CHARS + 5);
        ws.settings.letters.contract_clause = "x".repeat(MAX_LONG_TEXT_CHARS);
        ws.settings.default_currency = "C".repeat(40);
        for i in 0..MAX_TEMPLATES + 3 {
            ws.settings
                .letters
                .templates
                .insert(format!("t{i:03}"), "x".into());
        }
        let long_name = "N".repeat(MAX_NAME_CHARS + 1);
        ws.settings
            .charges
            .per_customer
            .insert(long_name.clone(), Default::default());
        ws.settings
            .charges
            .per_customer
            .insert("ACME".into(), Default::default());
        let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let promise = PromiseToPay {
            pay_by: day,
            made_on: day,
        };
        ws.annotations.insert(
            InvoiceKey::new("ACME", "A1"),
            Annotation {
                note: "n".repeat(MAX_LONG_TEXT_CHARS + 1),
                promises: vec![promise; MAX_ANNOTATION_ENTRIES + 2],
                ..Default::default()
            },
        );
        ws.annotations
            .insert(InvoiceKey::new(&long_name, "A2"), Annotation::default());
        let (ws, clamped) = sanitize(ws);
        let s = &ws.settings;
        assert_eq!(
            s.letters.sender.bank_account.chars().count(),
            MAX_TEXT_CHARS
        );
        assert_eq!(
            s.letters.contract_clause.len(),
            MAX_LONG_TEXT_CHARS,
            "at the bound: kept"
        );
        assert_eq!(s.default_currency.len(), MAX_CURRENCY_CHARS);
        assert_eq!(s.letters.templates.len(), MAX_TEMPLATES);
        assert!(
            s.letters.templates.contains_key("t000") && !s.letters.templates.contains_key("t066")
        );
        assert_eq!(s.charges.per_customer.keys().collect::<Vec<_>>(), ["ACME"]);
        assert_eq!(ws.annotations.len(), 1);
        let a = &ws.annotations[&InvoiceKey::new("ACME", "A1")];
        assert_eq!(a.note.len(), MAX_LONG_TEXT_CHARS);
        assert_eq!(a.promises.len(), MAX_ANNOTATION_ENTRIES);
        let listed: Vec<(&str, String)> = clamped
            .iter()
            .map(|c| (c.field.as_str(), c.was.to_string()))
            .collect();
        assert_eq!(
            listed,
            [
                ("settings.default_currency", "40 characters".into()),
                (
                    "settings.letters.sender.bank_account",
                    "2005 characters".into()
                ),
                ("settings.letters.templates", "67 entries".into()),
                ("settings.charges.per_customer", "1 more".into()),
                ("annotations", "1 more".into()),
                (
                    "annotations[\"ACME\"/\"A1\"].note",
                    "20001 characters".into()
                ),
                (
                    "annotations[\"ACME\"/\"A1\"].promises",
                    "1002 entries".into()
                ),
            ]
        );
        // Sanitizing again changes nothing: every bound is a fixed point.
        assert_eq!(sanitize(ws.clone()), (ws, vec![]));
    }
}
