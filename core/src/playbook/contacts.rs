//! The contact log (催收记录): every call, message, visit or letter with a customer, kept per
//! customer in the workspace. It feeds the playbook by what it implies for the customer's
//! invoices ([`with_log`]): a logged call is the call step done, the reason given for the
//! delay is the invoice's late reason, a promise is a promise to pay on every open invoice of
//! the customer (so it pauses escalation until it passes, and counts as broken after).

use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::paste::Invoice;

use super::annotations::{mark_done, Annotations, InvoiceKey, PromiseToPay};
use super::reasons::LateReason;
use super::vocabulary::CollectionAction;

/// At most this many entries are kept in a workspace (a link or a file carrying more is cut
/// to the newest): years of daily calls to every customer of a small business.
pub const MAX_LOG_ENTRIES: usize = 10_000;
/// Each free-text field of an entry is cut to this many characters.
pub const MAX_LOG_TEXT_CHARS: usize = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    WeChat,
    Email,
    Visit,
    Letter,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Phone,
        Channel::WeChat,
        Channel::Email,
        Channel::Visit,
        Channel::Letter,
        Channel::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::WeChat => "we_chat",
            Channel::Email => "email",
            Channel::Visit => "visit",
            Channel::Letter => "letter",
            Channel::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.key() == key.trim())
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Channel::Phone => lang.pick("电话", "Phone"),
            Channel::WeChat => lang.pick("微信", "WeChat"),
            Channel::Email => lang.pick("电子邮件", "E-mail"),
            Channel::Visit => lang.pick("上门拜访", "Visit"),
            Channel::Letter => lang.pick("信函", "Letter"),
            Channel::Other => lang.pick("其他", "Other"),
        }
    }

    /// A conversation the call step asks for (a letter or an e-mail is not one).
    fn is_conversation(self) -> bool {
        matches!(self, Channel::Phone | Channel::WeChat | Channel::Visit)
    }
}

/// The reason the customer gave for the delay, as the log records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactReason {
    InvoiceProblem,
    NotReceived,
    PaymentSystem,
    CashFlow,
    Dispute,
    NoAnswer,
}

impl ContactReason {
    /// The playbook's late reason it gives the invoices. A dispute has none: it is set on the
    /// invoice with its own reason (the page never guesses one); no answer is no reason.
    pub fn late_reason(self) -> Option<LateReason> {
        match self {
            ContactReason::InvoiceProblem => Some(LateReason::InvoiceProblem),
            ContactReason::NotReceived => Some(LateReason::NotDelivered),
            ContactReason::PaymentSystem => Some(LateReason::PaymentProcess),
            ContactReason::CashFlow => Some(LateReason::CashFlow),
            ContactReason::Dispute | ContactReason::NoAnswer => None,
        }
    }
}

/// One contact with a customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactEntry {
    /// The customer's name as pasted.
    pub customer: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub time: Option<NaiveTime>,
    pub channel: Channel,
    /// Who was spoken to.
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub said: String,
    #[serde(default)]
    pub reason: Option<ContactReason>,
    #[serde(default)]
    pub promise: Option<Promise>,
    #[serde(default)]
    pub next_step: String,
}

/// "We will pay `amount` by `pay_by`" (no amount: all that is due).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    pub pay_by: NaiveDate,
    #[serde(default)]
    pub amount: Option<Decimal>,
}

/// The whole log, oldest first as entered.
pub type ContactLog = Vec<ContactEntry>;

/// One customer's entries, newest first (date, then time, then the later entered).
pub fn entries_for<'a>(log: &'a [ContactEntry], customer: &str) -> Vec<&'a ContactEntry> {
    let mut entries: Vec<(usize, &ContactEntry)> = log
        .iter()
        .enumerate()
        .filter(|(_, e)| e.customer == customer)
        .collect();
    entries.sort_by(|(i, a), (j, b)| (b.date, b.time, j).cmp(&(a.date, a.time, i)));
    entries.into_iter().map(|(_, e)| e).collect()
}

/// Keeps a log within its bounds: the newest [`MAX_LOG_ENTRIES`], texts cut to
/// [`MAX_LOG_TEXT_CHARS`], amounts that are not positive dropped.
pub fn bounded(mut log: ContactLog) -> ContactLog {
    if log.len() > MAX_LOG_ENTRIES {
        log.drain(..log.len() - MAX_LOG_ENTRIES);
    }
    let cut = |s: &mut String| {
        if let Some((at, _)) = s.char_indices().nth(MAX_LOG_TEXT_CHARS) {
            s.truncate(at);
        }
    };
    for entry in &mut log {
        cut(&mut entry.customer);
        cut(&mut entry.person);
        cut(&mut entry.said);
        cut(&mut entry.next_step);
        if let Some(p) = &mut entry.promise {
            p.amount = p.amount.filter(|a| *a > Decimal::ZERO);
        }
    }
    log
}

/// The annotations the playbook reads: the user's, with what the log implies for each open
/// invoice of a logged customer, in date order (so the latest reason wins and promises keep
/// their order). Entries dated after `as_of` are not yet in force.
pub fn with_log(
    annotations: &Annotations,
    log: &[ContactEntry],
    invoices: &[Invoice],
    as_of: NaiveDate,
) -> Annotations {
    let mut merged = annotations.clone();
    if log.is_empty() {
        return merged;
    }
    let mut entries: Vec<&ContactEntry> = log.iter().filter(|e| e.date <= as_of).collect();
    entries.sort_by_key(|e| (e.date, e.time));
    for entry in entries {
        let keys: Vec<InvoiceKey> = invoices
            .iter()
            .filter(|i| i.customer == entry.customer && i.outstanding > Decimal::ZERO)
            .map(InvoiceKey::of)
            .collect();
        let answered = entry.reason != Some(ContactReason::NoAnswer);
        if entry.channel.is_conversation() && answered {
            mark_done(
                &mut merged,
                &keys,
                CollectionAction::CallPayablesContact,
                entry.date,
            );
        }
        for key in &keys {
            let annotation = merged.entry(key.clone()).or_default();
            if let Some(reason) = entry.reason.and_then(ContactReason::late_reason) {
                annotation.late_reason = Some(reason);
            }
            if let Some(promise) = &entry.promise {
                annotation.promises.push(PromiseToPay {
                    pay_by: promise.pay_by,
                    made_on: entry.date,
                });
            }
        }
        if entry.reason.is_some() && answered {
            mark_done(
                &mut merged,
                &keys,
                CollectionAction::AskReasonForDelay,
                entry.date,
            );
        }
    }
    merged.retain(|_, a| !a.is_empty());
    merged
}

/// The log's columns in an exported CSV, in English (stable keys) and Chinese.
pub const LOG_COLUMNS_EN: [&str; 10] = [
    "customer",
    "date",
    "time",
    "channel",
    "person",
    "said",
    "reason",
    "promised_by",
    "promised_amount",
    "next_step",
];
pub const LOG_COLUMNS_ZH: [&str; 10] = [
    "客户",
    "日期",
    "时间",
    "方式",
    "联系人",
    "沟通内容",
    "延迟原因",
    "承诺付款日",
    "承诺金额",
    "下一步",
];

impl ContactReason {
    pub const ALL: [ContactReason; 6] = [
        ContactReason::InvoiceProblem,
        ContactReason::NotReceived,
        ContactReason::PaymentSystem,
        ContactReason::CashFlow,
        ContactReason::Dispute,
        ContactReason::NoAnswer,
    ];

    pub fn from_key(key: &str) -> Option<ContactReason> {
        ContactReason::ALL
            .into_iter()
            .find(|r| r.key() == key.trim())
    }

    pub fn key(self) -> &'static str {
        match self {
            ContactReason::InvoiceProblem => "invoice_problem",
            ContactReason::NotReceived => "not_received",
            ContactReason::PaymentSystem => "payment_system",
            ContactReason::CashFlow => "cash_flow",
            ContactReason::Dispute => "dispute",
            ContactReason::NoAnswer => "no_answer",
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            ContactReason::InvoiceProblem => lang.pick("发票有问题", "Problem with the invoice"),
            ContactReason::NotReceived => lang.pick("称未收到货", "Goods not received"),
            ContactReason::PaymentSystem => lang.pick("对方付款系统/审批", "Their payment system"),
            ContactReason::CashFlow => lang.pick("资金周转困难", "Cash flow"),
            ContactReason::Dispute => lang.pick("有争议", "Dispute"),
            ContactReason::NoAnswer => lang.pick("无人接听/未回复", "No answer"),
        }
    }
}

/// The whole log as Excel-safe CSV (customer by customer as first logged, each newest
/// first): keys in English, words in Chinese, like the invoice export.
pub fn log_csv(log: &[ContactEntry], lang: Lang) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failure would only lose the row, never panic.
    let _ = writer.write_record(lang.pick(LOG_COLUMNS_ZH, LOG_COLUMNS_EN));
    let mut customers: Vec<&str> = Vec::new();
    for entry in log {
        if !customers.contains(&entry.customer.as_str()) {
            customers.push(&entry.customer);
        }
    }
    let neutral = crate::export::neutralize;
    for customer in customers {
        for e in entries_for(log, customer) {
            let (channel, reason) = match lang {
                Lang::En => (e.channel.key(), e.reason.map(ContactReason::key)),
                Lang::Zh => (e.channel.describe(lang), e.reason.map(|r| r.describe(lang))),
            };
            let _ = writer.write_record([
                neutral(&e.customer),
                crate::dates::iso(e.date),
                e.time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                channel.to_string(),
                neutral(&e.person),
                neutral(&e.said),
                reason.unwrap_or_default().to_string(),
                e.promise
                    .as_ref()
                    .map(|p| crate::dates::iso(p.pay_by))
                    .unwrap_or_default(),
                e.promise
                    .as_ref()
                    .and_then(|p| p.amount)
                    .map(crate::money::format_plain)
                    .unwrap_or_default(),
                neutral(&e.next_step),
            ]);
        }
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
