//! Every change the user makes to their workspace, as a value: the shell turns a click or a
//! keystroke into an [`Edit`] and [`Workspace::apply`] makes it, with the validation and the
//! bounds here rather than in the views. An edit also says which stages of
//! [`crate::report::derive`] it can change ([`Edit::reach`]), so the shell reruns only those.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::CalendarSettings;

use crate::charges::{ChargeRuleParams, UserRate};
use crate::credit::{CreditLimit, CreditSettings, CustomerCredit};
use crate::dates::DayMonthOrder;
use crate::i18n::Lang;
use crate::letters::{ContractTerms, CustomerProfile, LetterSettings};
use crate::money::{decimal_mark_evidence, parse_amount, DecimalMark};
use crate::paste::{Field, Parsed};
use crate::playbook::contacts::{bounded, ContactEntry};
use crate::playbook::evidence::{self, EvidenceItem};
use crate::playbook::sent::{self, Proof, SentLetter};
use crate::playbook::{
    mark_done, snooze, unmark_done, Annotation, Annotations, CollectionAction, Dispute, InvoiceKey,
    PlaybookSettings, PromiseToPay,
};
use crate::sample::sample_text;
use crate::workspace::Workspace;

/// Payment terms longer than ten years are a typing mistake.
pub const MAX_TERMS_DAYS: i64 = 3_650;
/// A late-charge grace period is at most ten years.
pub const MAX_GRACE_DAYS: u32 = 3_650;
/// A letter's default deadline is at most a year away.
pub const MAX_DEADLINE_DAYS: u32 = 365;
/// Every playbook threshold in days (or hours) stops at a hundred years, the bound the
/// playbook's own arithmetic assumes.
pub const MAX_PLAYBOOK_DAYS: u32 = crate::playbook::MAX_DAYS as u32;

#[derive(Clone, Debug, PartialEq)]
// One edit per user action, moved once into `Workspace::apply`: the size of the letter
// settings (two languages of sender and contract terms since issue 16) costs nothing here.
#[allow(clippy::large_enum_variant)]
pub enum Edit {
    /// New pasted, typed or opened text, with the file name when it came from a file.
    Paste {
        text: String,
        source: Option<String>,
    },
    /// The sample ledger, dated relative to `as_of`.
    LoadSample {
        as_of: NaiveDate,
    },
    SetAsOf(Option<NaiveDate>),
    SetLang(Lang),
    SetMapping(Vec<Field>),
    ResetMapping,
    SetDayMonthOrder(DayMonthOrder),
    SetTerms(i64),
    SetDefaultCurrency(String),
    SetBucketEdges(Vec<u32>),
    SetChargeParams(ChargeRuleParams),
    /// A customer's own rule, or None to follow the workspace's.
    SetCustomerChargeRule(String, Option<ChargeRuleParams>),
    SetPlaybook(PlaybookSettings),
    /// Keeps a reference rate the user typed in (the page asks for it where a period lacks
    /// one); checked like a stored one (`sanitize_user_rates`), so a bad entry is not kept.
    AddUserRate(UserRate),
    /// Removes the user's rate at this position of `settings.charges.user_rates`.
    RemoveUserRate(usize),
    /// Records the given playbook actions as done on `on` for these invoices.
    MarkDone {
        keys: Vec<InvoiceKey>,
        actions: Vec<CollectionAction>,
        on: NaiveDate,
    },
    UndoDone {
        keys: Vec<InvoiceKey>,
        actions: Vec<CollectionAction>,
        on: NaiveDate,
    },
    /// Puts one playbook action off until a day for these invoices (None: un-snoozes it).
    Snooze {
        keys: Vec<InvoiceKey>,
        action: CollectionAction,
        until: Option<NaiveDate>,
    },
    /// Adds one entry to the contact log (bounded like a stored log).
    LogContact(ContactEntry),
    /// Adds a letter to the letters-sent log (it gets the next id; bounded like a stored log).
    RecordSent(SentLetter),
    /// Replaces the proof of delivery of letter `id`.
    UpdateSentProof {
        id: u64,
        proof: Proof,
    },
    RemoveSent(u64),
    /// Ticks (or unticks) one item of a customer's evidence checklist.
    SetEvidence {
        customer: String,
        item: EvidenceItem,
        held: bool,
    },
    SetDispute(InvoiceKey, Option<Dispute>),
    /// Records a promise to pay (None: withdraws the latest one).
    SetPromise(InvoiceKey, Option<PromiseToPay>),
    /// The sender's profile, customers' addresses, edited templates, letter defaults.
    SetLetters(LetterSettings),
    /// The working-day calendar and the user's own days off.
    SetCalendar(CalendarSettings),
    /// Credit thresholds and the default limit; the per-customer entries stay as they are.
    SetCreditSettings(CreditSettings),
    /// A customer's own credit limit (None: the default applies).
    SetCreditLimit {
        customer: String,
        limit: Option<CreditLimit>,
    },
    /// The insurer's limit on a customer (None: not insured).
    SetInsuredLimit {
        customer: String,
        limit: Option<Decimal>,
    },
    /// Puts a customer's account on hold from a day (None: lifts the hold).
    SetHold {
        customer: String,
        since: Option<NaiveDate>,
    },
    /// A customer's own contract terms for its letters (issue 16); empty fields take the
    /// workspace default, and all-empty terms are "use the workspace default".
    SetCustomerContract {
        customer: String,
        terms: ContractTerms,
    },
}

/// How far an edit reaches into `derive`; the stages and their rule are in [`crate::stages`].
pub use crate::stages::Reach;

impl Edit {
    /// [`Edit::reach`], narrowed by the parse in force: new default terms reach nothing when
    /// no row's due date came from them (`Parsed::default_terms_used`), since the parse would
    /// read every row the same. At 100,000 invoices with a due-date column that is the whole
    /// derive saved (a terms change took 473–636 ms in the page before, 18–33 ms after).
    pub fn reach_on(&self, parsed: &Parsed) -> Reach {
        match self {
            Edit::SetTerms(_) if !parsed.default_terms_used => Reach::Nothing,
            _ => self.reach(),
        }
    }

    pub fn reach(&self) -> Reach {
        match self {
            Edit::SetLang(_)
            | Edit::SetLetters(_)
            | Edit::SetCustomerContract { .. }
            | Edit::SetEvidence { .. } => Reach::Nothing,
            Edit::SetCreditSettings(_)
            | Edit::SetCreditLimit { .. }
            | Edit::SetInsuredLimit { .. }
            | Edit::SetHold { .. } => Reach::Credit,
            Edit::SetPlaybook(_)
            | Edit::MarkDone { .. }
            | Edit::UndoDone { .. }
            | Edit::Snooze { .. }
            | Edit::LogContact(_)
            | Edit::RecordSent(_)
            | Edit::UpdateSentProof { .. }
            | Edit::RemoveSent(_)
            | Edit::SetDispute(..)
            | Edit::SetPromise(..)
            | Edit::SetCalendar(_) => Reach::Playbook,
            Edit::SetChargeParams(_)
            | Edit::SetCustomerChargeRule(..)
            | Edit::AddUserRate(_)
            | Edit::RemoveUserRate(_) => Reach::Charges,
            Edit::SetBucketEdges(_) => Reach::Aging,
            // The as-of date is read by aging, charges and the playbook alike.
            Edit::SetAsOf(_) => Reach::AfterParse,
            // Terms and the default currency fill in what a row leaves out, while parsing.
            Edit::Paste { .. }
            | Edit::LoadSample { .. }
            | Edit::SetMapping(_)
            | Edit::ResetMapping
            | Edit::SetDayMonthOrder(_)
            | Edit::SetTerms(_)
            | Edit::SetDefaultCurrency(_) => Reach::Parse,
        }
    }
}

impl Workspace {
    /// Makes one edit, clamped to the bounds above.
    pub fn apply(&mut self, edit: Edit) {
        let input = &mut self.input;
        let settings = &mut self.settings;
        match edit {
            Edit::Paste { text, source } => {
                // A different sheet gets its columns recognised afresh.
                if input.text.lines().next() != text.lines().next() {
                    input.mapping = None;
                    input.day_month_order = None;
                    input.decimal_mark = None;
                }
                input.text = text.into();
                input.source = source;
            }
            Edit::LoadSample { as_of } => {
                *input = Default::default();
                input.text = sample_text(as_of).into();
            }
            Edit::SetAsOf(date) => settings.as_of = date,
            Edit::SetLang(lang) => settings.lang = Some(lang),
            Edit::SetMapping(mapping) => input.mapping = Some(mapping),
            Edit::ResetMapping => input.mapping = None,
            Edit::SetDayMonthOrder(order) => input.day_month_order = Some(order),
            Edit::SetTerms(days) => settings.terms_days = days.clamp(0, MAX_TERMS_DAYS),
            Edit::SetDefaultCurrency(code) => settings.default_currency = code,
            Edit::SetBucketEdges(edges) => settings.bucket_edges = edges,
            Edit::SetChargeParams(mut params) => {
                params.grace_days = params.grace_days.min(MAX_GRACE_DAYS);
                settings.charges.workspace = params;
            }
            Edit::SetCustomerChargeRule(customer, Some(mut params)) => {
                params.grace_days = params.grace_days.min(MAX_GRACE_DAYS);
                settings.charges.per_customer.insert(customer, params);
            }
            Edit::SetCustomerChargeRule(customer, None) => {
                settings.charges.per_customer.remove(&customer);
            }
            Edit::SetPlaybook(playbook) => settings.playbook = clamp_playbook(playbook),
            Edit::AddUserRate(rate) => {
                settings.charges.user_rates.push(rate);
                settings.charges.sanitize();
            }
            Edit::RemoveUserRate(at) => {
                if at < settings.charges.user_rates.len() {
                    settings.charges.user_rates.remove(at);
                }
            }
            Edit::MarkDone { keys, actions, on } => {
                for action in actions {
                    mark_done(&mut self.annotations, &keys, action, on);
                }
            }
            Edit::UndoDone { keys, actions, on } => {
                for action in actions {
                    unmark_done(&mut self.annotations, &keys, action, on);
                }
            }
            Edit::LogContact(entry) => {
                let mut log = std::mem::take(&mut self.contacts);
                log.push(entry);
                self.contacts = bounded(log);
            }
            Edit::RecordSent(letter) => {
                let mut log = std::mem::take(&mut self.letters_sent);
                sent::record(&mut log, letter);
                self.letters_sent = sent::bounded(log);
            }
            Edit::UpdateSentProof { id, proof } => {
                sent::update_proof(&mut self.letters_sent, id, proof);
                self.letters_sent = sent::bounded(std::mem::take(&mut self.letters_sent));
            }
            Edit::RemoveSent(id) => sent::remove(&mut self.letters_sent, id),
            Edit::SetEvidence {
                customer,
                item,
                held,
            } => {
                evidence::set_held(&mut self.evidence, &customer, item, held);
                self.evidence = evidence::bounded(std::mem::take(&mut self.evidence));
            }
            Edit::Snooze {
                keys,
                action,
                until,
            } => snooze(&mut self.annotations, &keys, action, until),
            Edit::SetDispute(key, dispute) => {
                annotate(&mut self.annotations, key, |a| a.dispute = dispute)
            }
            Edit::SetPromise(key, promise) => {
                annotate(&mut self.annotations, key, |a| match promise {
                    Some(p) => a.promises.push(p),
                    None => {
                        a.promises.pop();
                    }
                })
            }
            Edit::SetLetters(mut letters) => {
                letters.deadline_days = letters.deadline_days.min(MAX_DEADLINE_DAYS);
                settings.letters = letters;
            }
            Edit::SetCalendar(calendar) => settings.calendar = calendar.bounded(),
            Edit::SetCreditSettings(mut credit) => {
                credit.customers = std::mem::take(&mut settings.credit.customers);
                credit.clamp();
                settings.credit = credit;
            }
            Edit::SetCreditLimit { customer, limit } => {
                let limit = limit.map(|mut l| {
                    l.amount = l.amount.clamp(Decimal::ZERO, crate::limits::MAX_AMOUNT);
                    l
                });
                credit_entry(&mut settings.credit, customer, |c| c.limit = limit);
            }
            Edit::SetInsuredLimit { customer, limit } => {
                let limit = limit.map(|l| l.clamp(Decimal::ZERO, crate::limits::MAX_AMOUNT));
                credit_entry(&mut settings.credit, customer, |c| c.insured_limit = limit);
            }
            Edit::SetCustomerContract { customer, terms } => {
                let customers = &mut settings.letters.customers;
                let profile = customers.entry(customer.clone()).or_default();
                profile.contract = terms.bounded(crate::limits::MAX_LONG_TEXT_CHARS);
                if *profile == CustomerProfile::default() {
                    customers.remove(&customer);
                }
            }
            Edit::SetHold { customer, since } => {
                credit_entry(&mut settings.credit, customer, |c| c.hold_since = since)
            }
        }
    }
}

/// Changes one customer's credit entry, keeping it only while it holds something.
fn credit_entry(
    credit: &mut CreditSettings,
    customer: String,
    change: impl FnOnce(&mut CustomerCredit),
) {
    let mut entry = credit.customers.remove(&customer).unwrap_or_default();
    change(&mut entry);
    if !entry.is_empty() {
        credit.customers.insert(customer, entry);
    }
}

/// Changes one invoice's annotation, keeping it only while it records something (an empty
/// one would make the workspace look as if the user had work to lose).
pub fn annotate(
    annotations: &mut Annotations,
    key: InvoiceKey,
    change: impl FnOnce(&mut Annotation),
) {
    let mut annotation = annotations.remove(&key).unwrap_or_default();
    change(&mut annotation);
    if !annotation.is_empty() {
        annotations.insert(key, annotation);
    }
}

fn clamp_playbook(mut p: PlaybookSettings) -> PlaybookSettings {
    for days in [
        &mut p.courtesy_lead_days,
        &mut p.friendly_until_days,
        &mut p.formal_until_days,
        &mut p.pre_legal_until_days,
        &mut p.escalate_until_days,
        &mut p.payment_deadline_days,
        &mut p.call_after_days,
        &mut p.review_every_days,
        &mut p.insurer_notice_days,
        &mut p.insurer_warn_days,
        &mut p.dispute_ack_working_days,
        &mut p.dispute_evidence_working_days,
        &mut p.quality_evidence_hours,
        &mut p.dso_period_days,
        &mut p.limitation.warn_days,
    ] {
        *days = (*days).min(MAX_PLAYBOOK_DAYS);
    }
    p
}

/// Why a number typed in a settings field was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotANumber;

/// Reads a number typed in a settings field (a rate, a percentage, an amount): `1.5`, `1,5`,
/// `1.5%`, `1,000`, `1.234,5`, full-width digits. The one rule for the decimal mark,
/// everywhere: the cell's own evidence as for pasted amounts (`1,5` and `1.234,5` say comma,
/// `1.5` and `1,234.5` say point), and a point when it says nothing (`1,000` is a thousand).
/// `Ok(None)`: the box is empty.
pub fn parse_setting_number(text: &str) -> Result<Option<Decimal>, NotANumber> {
    let cleaned = text.trim().trim_end_matches(['%', '％']).trim();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let mark = decimal_mark_evidence(cleaned).unwrap_or(DecimalMark::Point);
    parse_amount(cleaned, mark)
        .map(|a| Some(a.value))
        .map_err(|_| NotANumber)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn a_typed_rate_is_kept_only_where_the_built_in_table_ends_and_can_be_removed() {
        use crate::charges::RateTable;
        let table = RateTable::BoeBankRate;
        let after = table.last_known().succ_opt().unwrap();
        let rate = |from: NaiveDate, percent: &str| UserRate {
            table,
            from,
            through: from,
            percent: d(percent),
            source: "Bank of England".into(),
            overrides_built_in: false,
        };
        let mut ws = Workspace::default();
        ws.apply(Edit::AddUserRate(rate(after, "3.75")));
        assert_eq!(ws.settings.charges.user_rates, vec![rate(after, "3.75")]);
        // Out of range, or on a day the table knows: not kept.
        ws.apply(Edit::AddUserRate(rate(after.succ_opt().unwrap(), "300")));
        ws.apply(Edit::AddUserRate(rate(table.last_known(), "4")));
        assert_eq!(ws.settings.charges.user_rates.len(), 1);
        ws.apply(Edit::RemoveUserRate(5));
        assert_eq!(ws.settings.charges.user_rates.len(), 1);
        ws.apply(Edit::RemoveUserRate(0));
        assert!(ws.settings.charges.user_rates.is_empty());
    }

    #[test]
    fn settings_numbers_read_the_decimal_mark_one_way() {
        assert_eq!(parse_setting_number("1,5"), Ok(Some(d("1.5"))));
        assert_eq!(parse_setting_number("1.5 %"), Ok(Some(d("1.5"))));
        assert_eq!(parse_setting_number("1,000"), Ok(Some(d("1000"))));
        assert_eq!(parse_setting_number("1.234,5"), Ok(Some(d("1234.5"))));
        assert_eq!(parse_setting_number("１２，５"), Ok(Some(d("12.5"))));
        assert_eq!(parse_setting_number("  "), Ok(None));
        assert_eq!(parse_setting_number("abc"), Err(NotANumber));
    }

    #[test]
    fn a_new_sheet_forgets_how_the_old_one_was_read_but_an_update_keeps_it() {
        let mut ws = Workspace::default();
        ws.apply(Edit::Paste {
            text: "Invoice\tCustomer\nA\tX".into(),
            source: None,
        });
        ws.apply(Edit::SetMapping(vec![Field::Invoice, Field::Customer]));
        ws.apply(Edit::Paste {
            text: "Invoice\tCustomer\nB\tY\nA\tX".into(),
            source: None,
        });
        assert_eq!(
            ws.input.mapping,
            Some(vec![Field::Invoice, Field::Customer])
        );
        ws.apply(Edit::Paste {
            text: "No\tName\nA\tX".into(),
            source: Some("b.csv".into()),
        });
        assert_eq!(ws.input.mapping, None);
        assert_eq!(ws.input.source.as_deref(), Some("b.csv"));
    }

    #[test]
    fn bounds_are_applied_by_the_edit() {
        let mut ws = Workspace::default();
        ws.apply(Edit::SetTerms(100_000));
        assert_eq!(ws.settings.terms_days, MAX_TERMS_DAYS);
        ws.apply(Edit::SetTerms(-5));
        assert_eq!(ws.settings.terms_days, 0);
        let playbook = PlaybookSettings {
            friendly_until_days: u32::MAX,
            review_every_days: 40_000,
            ..Default::default()
        };
        ws.apply(Edit::SetPlaybook(playbook));
        assert_eq!(ws.settings.playbook.friendly_until_days, 36_500);
        assert_eq!(ws.settings.playbook.review_every_days, 36_500);
        ws.apply(Edit::SetLetters(LetterSettings {
            deadline_days: 9_999,
            ..Default::default()
        }));
        assert_eq!(ws.settings.letters.deadline_days, MAX_DEADLINE_DAYS);
        let params = ChargeRuleParams {
            grace_days: u32::MAX,
            ..Default::default()
        };
        ws.apply(Edit::SetCustomerChargeRule(
            "X".into(),
            Some(params.clone()),
        ));
        ws.apply(Edit::SetChargeParams(params));
        assert_eq!(ws.settings.charges.workspace.grace_days, MAX_GRACE_DAYS);
        assert_eq!(
            ws.settings.charges.per_customer["X"].grace_days,
            MAX_GRACE_DAYS
        );
        ws.apply(Edit::SetCustomerChargeRule("X".into(), None));
        assert!(ws.settings.charges.per_customer.is_empty());
    }

    #[test]
    fn an_annotation_left_empty_is_dropped() {
        let mut ws = Workspace::default();
        let key = InvoiceKey::new("X", "A-1");
        let on = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        ws.apply(Edit::SetPromise(
            key.clone(),
            Some(PromiseToPay {
                pay_by: on,
                made_on: on,
            }),
        ));
        assert_eq!(ws.annotations[&key].promises.len(), 1);
        ws.apply(Edit::SetPromise(key.clone(), None));
        assert!(ws.annotations.is_empty(), "{:?}", ws.annotations);
        ws.apply(Edit::SetDispute(key.clone(), None));
        assert!(ws.annotations.is_empty(), "clearing nothing stores nothing");
        ws.apply(Edit::MarkDone {
            keys: vec![key.clone()],
            actions: vec![CollectionAction::ALL[0]],
            on,
        });
        assert_eq!(ws.annotations[&key].done.len(), 1);
        ws.apply(Edit::UndoDone {
            keys: vec![key],
            actions: vec![CollectionAction::ALL[0]],
            on,
        });
        assert!(ws.annotations.is_empty());
    }

    #[test]
    fn a_customers_contract_is_kept_and_all_empty_is_the_workspace_default() {
        let mut ws = Workspace::default();
        let mut terms = ContractTerms {
            number: "HT-7".into(),
            ..Default::default()
        };
        terms.zh.clause = "条".repeat(crate::limits::MAX_LONG_TEXT_CHARS + 5);
        ws.apply(Edit::SetCustomerContract {
            customer: "Acme".into(),
            terms,
        });
        let kept = &ws.settings.letters.customers["Acme"].contract;
        assert_eq!(kept.number, "HT-7");
        // Cut, with its ellipsis.
        assert_eq!(
            kept.zh.clause.chars().count(),
            crate::limits::MAX_LONG_TEXT_CHARS + 1
        );
        ws.apply(Edit::SetCustomerContract {
            customer: "Acme".into(),
            terms: ContractTerms::default(),
        });
        assert!(
            ws.settings.letters.customers.is_empty(),
            "nothing else was kept"
        );
    }

    #[test]
    fn only_edits_of_what_derive_reads_reach_it() {
        assert_eq!(
            Edit::SetLetters(LetterSettings::default()).reach(),
            Reach::Nothing
        );
        assert_eq!(Edit::SetLang(Lang::En).reach(), Reach::Nothing);
        let contract = Edit::SetCustomerContract {
            customer: "Acme".into(),
            terms: ContractTerms::default(),
        };
        assert_eq!(contract.reach(), Reach::Nothing);
        assert_eq!(Edit::SetAsOf(None).reach(), Reach::AfterParse);
        assert_eq!(Edit::SetTerms(30).reach(), Reach::Parse);
        assert_eq!(Edit::SetBucketEdges(vec![30]).reach(), Reach::Aging);
        assert_eq!(Edit::RemoveUserRate(0).reach(), Reach::Charges);
        assert_eq!(
            Edit::SetPlaybook(PlaybookSettings::default()).reach(),
            Reach::Playbook
        );
        assert_eq!(
            Edit::SetHold {
                customer: "X".into(),
                since: None
            }
            .reach(),
            Reach::Credit
        );
    }
}
