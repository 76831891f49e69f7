//! The evidence checklist per customer: what a court, a collection agency or a credit insurer
//! asks for before taking a debt on, and whether it is held. The user ticks what they hold;
//! two items are also derived — a demand with proof of delivery from the letters-sent log, and
//! chat and e-mail records from the contact log or from letters sent by e-mail or WeChat.
//!
//! The list follows what Chinese courts look for in a sale-of-goods debt claim (合同、送货单/
//! 签收单、发票、对账单、催款记录; cf. 《最高人民法院关于民事诉讼证据的若干规定》 on electronic
//! data, art. 14–15) and what agencies and insurers ask with a claim file.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

use super::contacts::{Channel, ContactEntry};
use super::sent::{SentChannel, SentLetter};
use super::vocabulary::LetterKind;

/// At most this many customers have ticks kept.
pub const MAX_EVIDENCE_CUSTOMERS: usize = 10_000;
/// A customer's name (the key) is cut to this many characters.
pub const MAX_EVIDENCE_NAME_CHARS: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceItem {
    Contract,
    OrderConfirmation,
    /// The delivery note signed by the customer (签收单).
    DeliveryNote,
    /// The VAT invoice (增值税发票).
    VatInvoice,
    /// The statement of account stamped by the customer (盖章对账单).
    Statement,
    /// A written demand and the proof it arrived.
    DemandDelivered,
    /// Chat and e-mail records of the collection.
    Correspondence,
}

impl EvidenceItem {
    pub const ALL: [EvidenceItem; 7] = [
        EvidenceItem::Contract,
        EvidenceItem::OrderConfirmation,
        EvidenceItem::DeliveryNote,
        EvidenceItem::VatInvoice,
        EvidenceItem::Statement,
        EvidenceItem::DemandDelivered,
        EvidenceItem::Correspondence,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EvidenceItem::Contract => "contract",
            EvidenceItem::OrderConfirmation => "order_confirmation",
            EvidenceItem::DeliveryNote => "delivery_note",
            EvidenceItem::VatInvoice => "vat_invoice",
            EvidenceItem::Statement => "statement",
            EvidenceItem::DemandDelivered => "demand_delivered",
            EvidenceItem::Correspondence => "correspondence",
        }
    }

    pub fn from_key(key: &str) -> Option<EvidenceItem> {
        EvidenceItem::ALL.into_iter().find(|i| i.key() == key)
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            EvidenceItem::Contract => lang.pick("购销合同", "Contract"),
            EvidenceItem::OrderConfirmation => lang.pick("订单确认", "Order confirmation"),
            EvidenceItem::DeliveryNote => lang.pick("客户签收的送货单", "Signed delivery note"),
            EvidenceItem::VatInvoice => lang.pick("增值税发票", "VAT invoice"),
            EvidenceItem::Statement => {
                lang.pick("客户盖章的对账单", "Stamped statement of account")
            }
            EvidenceItem::DemandDelivered => {
                lang.pick("催告函及送达凭证", "Demand with proof of delivery")
            }
            EvidenceItem::Correspondence => {
                lang.pick("微信及邮件往来记录", "Chat and e-mail records")
            }
        }
    }
}

/// What the user ticked, per customer (the name as pasted).
pub type EvidenceHeld = BTreeMap<String, BTreeSet<EvidenceItem>>;

/// Where a line's "held" comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeldBy {
    Missing,
    /// Ticked by the user.
    Ticked,
    /// Found in the letters-sent log or the contact log.
    Derived,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvidenceLine {
    pub item: EvidenceItem,
    pub held: HeldBy,
}

impl EvidenceLine {
    pub fn is_held(&self) -> bool {
        self.held != HeldBy::Missing
    }
}

/// One customer's checklist, in [`EvidenceItem::ALL`] order.
pub fn checklist(
    customer: &str,
    held: &EvidenceHeld,
    sent: &[SentLetter],
    contacts: &[ContactEntry],
) -> Vec<EvidenceLine> {
    let ticked = held.get(customer);
    let theirs = || sent.iter().filter(|e| e.customer == customer);
    let demand_delivered =
        theirs().any(|e| matches!(e.kind, LetterKind::Demand | LetterKind::Final) && e.proven());
    let correspondence = contacts
        .iter()
        .any(|c| c.customer == customer && matches!(c.channel, Channel::WeChat | Channel::Email))
        || theirs().any(|e| {
            matches!(e.channel, SentChannel::Email | SentChannel::WeChat) && !e.reference.is_empty()
        });
    EvidenceItem::ALL
        .into_iter()
        .map(|item| {
            let derived = match item {
                EvidenceItem::DemandDelivered => demand_delivered,
                EvidenceItem::Correspondence => correspondence,
                _ => false,
            };
            let held = if ticked.is_some_and(|t| t.contains(&item)) {
                HeldBy::Ticked
            } else if derived {
                HeldBy::Derived
            } else {
                HeldBy::Missing
            };
            EvidenceLine { item, held }
        })
        .collect()
}

/// The items still missing.
pub fn missing(lines: &[EvidenceLine]) -> impl Iterator<Item = EvidenceItem> + '_ {
    lines.iter().filter(|l| !l.is_held()).map(|l| l.item)
}

/// Ticks or unticks one item; a customer left with nothing is dropped.
pub fn set_held(held: &mut EvidenceHeld, customer: &str, item: EvidenceItem, on: bool) {
    let items = held.entry(customer.to_string()).or_default();
    if on {
        items.insert(item);
    } else {
        items.remove(&item);
    }
    if items.is_empty() {
        held.remove(customer);
    }
}

/// Keeps the ticks within bounds: at most [`MAX_EVIDENCE_CUSTOMERS`] customers (the first by
/// name), names of at most [`MAX_EVIDENCE_NAME_CHARS`] characters, no empty entries.
pub fn bounded(held: EvidenceHeld) -> EvidenceHeld {
    held.into_iter()
        .filter(|(name, items)| {
            !items.is_empty() && name.chars().nth(MAX_EVIDENCE_NAME_CHARS).is_none()
        })
        .take(MAX_EVIDENCE_CUSTOMERS)
        .collect()
}
