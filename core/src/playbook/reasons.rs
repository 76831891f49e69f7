//! Why an invoice is disputed, and why the customer says it has not paid: the words the user
//! picks from, recorded in annotations and named in the playbook's reasons. (A file of their
//! own so that the vocabulary and the annotations do not import each other.)

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// What the customer disputes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeReason {
    AmountPrice,
    Quantity,
    Quality,
    Delivery,
    InvoiceNotReceived,
    Other,
}

impl DisputeReason {
    pub const ALL: [DisputeReason; 6] = [
        DisputeReason::AmountPrice,
        DisputeReason::Quantity,
        DisputeReason::Quality,
        DisputeReason::Delivery,
        DisputeReason::InvoiceNotReceived,
        DisputeReason::Other,
    ];

    /// Stable identifier, used as option values.
    pub fn key(self) -> &'static str {
        match self {
            DisputeReason::AmountPrice => "amount_price",
            DisputeReason::Quantity => "quantity",
            DisputeReason::Quality => "quality",
            DisputeReason::Delivery => "delivery",
            DisputeReason::InvoiceNotReceived => "invoice_not_received",
            DisputeReason::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<DisputeReason> {
        DisputeReason::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            DisputeReason::AmountPrice => lang.pick("金额/价格不符", "Amount or price"),
            DisputeReason::Quantity => lang.pick("数量不符", "Quantity"),
            DisputeReason::Quality => lang.pick("质量问题", "Quality"),
            DisputeReason::Delivery => lang.pick("交货问题", "Delivery"),
            DisputeReason::InvoiceNotReceived => lang.pick("未收到发票", "Invoice not received"),
            DisputeReason::Other => lang.pick("其他", "Other"),
        }
    }
}

/// Why the customer says it has not paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LateReason {
    InvoiceProblem,
    NotDelivered,
    PaymentProcess,
    CashFlow,
    Other,
}

impl LateReason {
    pub const ALL: [LateReason; 5] = [
        LateReason::InvoiceProblem,
        LateReason::NotDelivered,
        LateReason::PaymentProcess,
        LateReason::CashFlow,
        LateReason::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            LateReason::InvoiceProblem => "invoice_problem",
            LateReason::NotDelivered => "not_delivered",
            LateReason::PaymentProcess => "payment_process",
            LateReason::CashFlow => "cash_flow",
            LateReason::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<LateReason> {
        LateReason::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            LateReason::InvoiceProblem => lang.pick("发票有问题", "Problem with the invoice"),
            LateReason::NotDelivered => lang.pick("客户称未收到货", "Goods not delivered"),
            LateReason::PaymentProcess => lang.pick("对方付款审批流程", "Their payment process"),
            LateReason::CashFlow => lang.pick("对方资金周转困难", "Their cash flow"),
            LateReason::Other => lang.pick("其他", "Other"),
        }
    }
}
