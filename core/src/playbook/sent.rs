//! The letters-sent log (发函记录): every letter that went out, when, how, for which invoices
//! and amounts, and the proof that it arrived (courier and tracking number, or the e-mail or
//! WeChat reference, the day it was received, whether the customer acknowledged the debt).
//! That proof is what a court, an agency or a credit insurer asks for first.
//!
//! It feeds the playbook ([`with_sent`]) by what it implies for the invoices a letter covers:
//! the letter's step is done on the day it was sent (so no second first reminder), a notice's
//! deadline runs from the day it was received, and an acknowledgment — or, under PRC law, a
//! demand shown to have arrived — restarts the limitation period from that day.
//!
//! Query it with [`sent_for`], [`last_of_kind`] and [`covering`].

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::limits::{date_in_range, MAX_AMOUNT};
use crate::paste::Invoice;

use super::annotations::{mark_done, Annotations, DoneAction, InvoiceKey};
use super::jurisdiction::Jurisdiction;
use super::vocabulary::{CollectionAction, LetterKind};

/// At most this many letters are kept (a link or a file carrying more is cut to the newest):
/// a letter a working day to every customer of a small business for years.
pub const MAX_SENT_ENTRIES: usize = 5_000;
/// Each free-text field (customer, courier, reference, invoice number) is cut to this many
/// characters.
pub const MAX_SENT_TEXT_CHARS: usize = 500;
/// A letter lists at most this many invoices.
pub const MAX_SENT_INVOICES: usize = 1_000;

/// How a letter went out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentChannel {
    /// Post or courier (EMS, 顺丰…): the tracking number is the proof.
    Post,
    Email,
    WeChat,
    /// Handed over, ideally against a signature on a copy.
    Hand,
    Other,
}

impl SentChannel {
    pub const ALL: [SentChannel; 5] = [
        SentChannel::Post,
        SentChannel::Email,
        SentChannel::WeChat,
        SentChannel::Hand,
        SentChannel::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SentChannel::Post => "post",
            SentChannel::Email => "email",
            SentChannel::WeChat => "we_chat",
            SentChannel::Hand => "hand",
            SentChannel::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<SentChannel> {
        SentChannel::ALL.into_iter().find(|c| c.key() == key)
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            SentChannel::Post => lang.pick("邮寄/快递", "Post or courier"),
            SentChannel::Email => lang.pick("电子邮件", "E-mail"),
            SentChannel::WeChat => lang.pick("微信", "WeChat"),
            SentChannel::Hand => lang.pick("当面送达", "By hand"),
            SentChannel::Other => lang.pick("其他", "Other"),
        }
    }
}

/// One invoice a letter claims, with the amount it claimed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentInvoice {
    pub number: String,
    pub amount: Decimal,
    /// The amount's currency (empty: the workspace's default).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub currency: String,
}

/// One letter sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentLetter {
    /// Stable within the workspace, so that proof added later finds its letter.
    pub id: u64,
    /// The customer's name as pasted.
    pub customer: String,
    pub date: NaiveDate,
    pub kind: LetterKind,
    pub lang: Lang,
    pub channel: SentChannel,
    /// The invoices covered (none: every open invoice of the customer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invoices: Vec<SentInvoice>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub courier: String,
    /// The tracking number, or the e-mail's or WeChat message's reference.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    /// The day the customer received it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<NaiveDate>,
    /// The day the customer acknowledged the debt in answer (signed, replied, confirmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<NaiveDate>,
}

impl SentLetter {
    /// The total claimed, per currency (never added across currencies), in first-listed order.
    pub fn totals(&self) -> Vec<(&str, Decimal)> {
        let mut totals: Vec<(&str, Decimal)> = Vec::new();
        for invoice in &self.invoices {
            match totals.iter_mut().find(|(c, _)| *c == invoice.currency) {
                Some((_, sum)) => *sum = sum.saturating_add(invoice.amount),
                None => totals.push((&invoice.currency, invoice.amount)),
            }
        }
        totals
    }

    /// The proof recorded so far, as the proof form edits it.
    pub fn proof(&self) -> Proof {
        Proof {
            channel: Some(self.channel),
            courier: self.courier.clone(),
            reference: self.reference.clone(),
            received: self.received,
            acknowledged: self.acknowledged,
        }
    }

    /// Whether there is proof that it arrived: a receipt date, or an acknowledgment.
    pub fn proven(&self) -> bool {
        self.received.is_some() || self.acknowledged.is_some()
    }

    pub fn covers(&self, key: &InvoiceKey) -> bool {
        self.customer == key.customer
            && (self.invoices.is_empty() || self.invoices.iter().any(|i| i.number == key.number))
    }
}

/// The proof added to a letter after it went out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proof {
    pub channel: Option<SentChannel>,
    pub courier: String,
    pub reference: String,
    pub received: Option<NaiveDate>,
    pub acknowledged: Option<NaiveDate>,
}

/// The whole log, oldest first as entered.
pub type SentLog = Vec<SentLetter>;

/// One customer's letters, newest first (by date, then the later entered).
pub fn sent_for<'a>(log: &'a [SentLetter], customer: &str) -> impl Iterator<Item = &'a SentLetter> {
    newest_first(log.iter().filter(|e| e.customer == customer))
}

/// The letters that covered one invoice, newest first.
pub fn covering<'a>(
    log: &'a [SentLetter],
    key: &InvoiceKey,
) -> impl Iterator<Item = &'a SentLetter> {
    newest_first(log.iter().filter(|e| e.covers(key)))
}

/// The customer's latest letter of `kind`.
pub fn last_of_kind<'a>(
    log: &'a [SentLetter],
    customer: &str,
    kind: LetterKind,
) -> Option<&'a SentLetter> {
    sent_for(log, customer).find(|e| e.kind == kind)
}

fn newest_first<'a>(
    entries: impl Iterator<Item = &'a SentLetter>,
) -> std::vec::IntoIter<&'a SentLetter> {
    let mut entries: Vec<(usize, &SentLetter)> = entries.enumerate().collect();
    entries.sort_by(|(i, a), (j, b)| (b.date, j).cmp(&(a.date, i)));
    let sorted: Vec<&SentLetter> = entries.into_iter().map(|(_, e)| e).collect();
    sorted.into_iter()
}

/// Adds `letter` to the log with the next free id (the id it came with is ignored); returns
/// the id.
pub fn record(log: &mut SentLog, mut letter: SentLetter) -> u64 {
    let id = log
        .iter()
        .map(|e| e.id)
        .max()
        .map_or(1, |m| m.saturating_add(1));
    letter.id = id;
    log.push(letter);
    id
}

/// Replaces the proof of letter `id` (no such letter: nothing changes).
pub fn update_proof(log: &mut SentLog, id: u64, proof: Proof) {
    if let Some(entry) = log.iter_mut().find(|e| e.id == id) {
        if let Some(channel) = proof.channel {
            entry.channel = channel;
        }
        entry.courier = proof.courier;
        entry.reference = proof.reference;
        // A letter cannot arrive, or be answered, before it was sent.
        entry.received = proof.received.filter(|d| *d >= entry.date);
        entry.acknowledged = proof.acknowledged.filter(|d| *d >= entry.date);
    }
}

pub fn remove(log: &mut SentLog, id: u64) {
    log.retain(|e| e.id != id);
}

/// Keeps a log within its bounds: the newest [`MAX_SENT_ENTRIES`], texts cut to
/// [`MAX_SENT_TEXT_CHARS`], at most [`MAX_SENT_INVOICES`] invoices a letter, amounts within
/// 0…[`MAX_AMOUNT`]; letters dated outside the workspace's years are dropped and proof dates
/// outside them (or before the letter) cleared; ids made unique.
pub fn bounded(mut log: SentLog) -> SentLog {
    log.retain(|e| date_in_range(e.date));
    if log.len() > MAX_SENT_ENTRIES {
        log.drain(..log.len() - MAX_SENT_ENTRIES);
    }
    let cut = |s: &mut String| {
        if let Some((at, _)) = s.char_indices().nth(MAX_SENT_TEXT_CHARS) {
            s.truncate(at);
        }
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut next = log.iter().map(|e| e.id).max().unwrap_or(0);
    for entry in &mut log {
        if !seen.insert(entry.id) {
            next = next.saturating_add(1);
            entry.id = next;
            seen.insert(next);
        }
        cut(&mut entry.customer);
        cut(&mut entry.courier);
        cut(&mut entry.reference);
        entry.invoices.truncate(MAX_SENT_INVOICES);
        for invoice in &mut entry.invoices {
            cut(&mut invoice.number);
            cut(&mut invoice.currency);
            invoice.amount = invoice.amount.clamp(Decimal::ZERO, MAX_AMOUNT);
        }
        let date = entry.date;
        let proof_ok = |d: &NaiveDate| date_in_range(*d) && *d >= date;
        entry.received = entry.received.filter(proof_ok);
        entry.acknowledged = entry.acknowledged.filter(proof_ok);
    }
    log
}

/// The playbook step a letter of `kind` carries out (the dispute letter both acknowledges the
/// dispute and asks for the evidence). A statement of account hands nothing over, nor does a
/// debt acknowledgment sent for signature: only the customer's signed copy (its
/// `acknowledged` date) restarts the limitation period, so the step stays open until then.
pub fn actions_of(kind: LetterKind) -> &'static [CollectionAction] {
    match kind {
        LetterKind::Courtesy => &[CollectionAction::SendCourtesyReminder],
        LetterKind::Reminder => &[CollectionAction::SendReminder],
        LetterKind::Demand => &[CollectionAction::SendFormalNotice],
        LetterKind::Final => &[CollectionAction::SendFinalNotice],
        LetterKind::PaymentPlan => &[CollectionAction::OfferPaymentPlan],
        LetterKind::Dispute => &[
            CollectionAction::AcknowledgeDispute,
            CollectionAction::RequestEvidence,
        ],
        LetterKind::Statement | LetterKind::Acknowledgment => &[],
    }
}

/// Letters that ask the customer to pay: under PRC law their arrival interrupts the
/// limitation period.
fn requests_payment(kind: LetterKind) -> bool {
    matches!(
        kind,
        LetterKind::Reminder | LetterKind::Demand | LetterKind::Final
    )
}

/// The annotations the playbook reads: the user's, with what the log implies for each invoice
/// a letter covers (open ones only when it lists none). Letters sent after `as_of` are not
/// yet in force, nor is proof dated after it.
///
/// The limitation period restarts (诉讼时效中断) from
/// - the day the customer acknowledged the debt — 民法典 第一百九十五条（二）"义务人同意履行
///   义务"; in England and Wales a signed written acknowledgment, Limitation Act 1980 s.29(5);
/// - under PRC law also the day a letter asking for payment reached the customer —
///   民法典 第一百九十五条（一）"权利人向义务人提出履行请求", counted from arrival
///   (最高人民法院《关于审理民事案件适用诉讼时效制度若干问题的规定》第八条). Elsewhere a
///   demand alone does not restart it.
pub fn with_sent(
    annotations: &Annotations,
    log: &[SentLetter],
    invoices: &[Invoice],
    jurisdiction: Jurisdiction,
    as_of: NaiveDate,
) -> Annotations {
    let mut merged = annotations.clone();
    for entry in log.iter().filter(|e| e.date <= as_of) {
        let keys: Vec<InvoiceKey> = if entry.invoices.is_empty() {
            invoices
                .iter()
                .filter(|i| i.customer == entry.customer && i.outstanding > Decimal::ZERO)
                .map(InvoiceKey::of)
                .collect()
        } else {
            entry
                .invoices
                .iter()
                .map(|i| InvoiceKey::new(&entry.customer, &i.number))
                .collect()
        };
        let received = entry.received.filter(|d| *d <= as_of);
        for action in actions_of(entry.kind) {
            mark_done(&mut merged, &keys, *action, entry.date);
            if let Some(date) = received {
                for key in &keys {
                    let record = DoneAction {
                        action: *action,
                        date,
                    };
                    let annotation = merged.entry(key.clone()).or_default();
                    if !annotation.received.contains(&record) {
                        annotation.received.push(record);
                    }
                }
            }
        }
        let interrupted = [
            entry.acknowledged,
            received.filter(|_| jurisdiction == Jurisdiction::Prc && requests_payment(entry.kind)),
        ];
        for on in interrupted.into_iter().flatten().filter(|d| *d <= as_of) {
            mark_done(
                &mut merged,
                &keys,
                CollectionAction::InterruptLimitation,
                on,
            );
        }
    }
    merged
}

/// One letter of a batch: a customer and the invoices the letter is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueLetter {
    pub customer: String,
    pub invoices: Vec<InvoiceKey>,
}

/// Every letter of `kind` the today list asks for now, one per customer (its items of that
/// letter joined), in the list's priority order: the batch "all of today's letters of this
/// stage" (issue 16 item 7). `invoices` is the list the items were made from.
pub fn letters_due(
    items: &[super::TodayItem],
    kind: LetterKind,
    invoices: &[Invoice],
) -> Vec<DueLetter> {
    let mut due: Vec<DueLetter> = Vec::new();
    for item in due_items(items, kind) {
        match due.iter_mut().find(|d| d.customer == item.customer) {
            Some(letter) => {
                for key in item.keys(invoices) {
                    if !letter.invoices.contains(&key) {
                        letter.invoices.push(key);
                    }
                }
            }
            None => due.push(DueLetter {
                customer: item.customer.clone(),
                invoices: item.keys(invoices),
            }),
        }
    }
    due
}

fn due_items(
    items: &[super::TodayItem],
    kind: LetterKind,
) -> impl Iterator<Item = &super::TodayItem> {
    items
        .iter()
        .filter(move |i| !i.is_done() && i.letter == Some(kind))
}

/// The kinds of letter due today, with how many customers each is due for, in
/// [`LetterKind::ALL`] order.
pub fn kinds_due(items: &[super::TodayItem]) -> Vec<(LetterKind, usize)> {
    LetterKind::ALL
        .into_iter()
        .map(|kind| {
            // As many as `letters_due` makes: one per customer.
            let mut customers: Vec<&str> = due_items(items, kind)
                .map(|i| i.customer.as_str())
                .collect();
            customers.sort_unstable();
            customers.dedup();
            (kind, customers.len())
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}
