//! The playbook's words: stages, actions, letter kinds, money and days as the page says them
//! (the reasons behind a recommendation are in `why.rs`). Each has a stable key (option values, stored data, CSV) and a
//! `describe(lang)` in Simplified Chinese and English.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::money::{format_money, Currency};

/// Where an invoice stands. The order is the escalation order of the normal track (so "worst
/// stage wins" is `max`); `Disputed` is off that track and sorts last.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Paid, or a credit: nothing to collect.
    #[default]
    Closed,
    /// Not yet due and not yet in the courtesy window.
    Current,
    BeforeDue,
    Friendly,
    Formal,
    PreLegal,
    Escalate,
    BadDebt,
    /// The whole invoice is contested: on the dispute track.
    #[serde(rename = "dispute")]
    Disputed,
}

impl Stage {
    pub const ALL: [Stage; 9] = [
        Stage::Closed,
        Stage::Current,
        Stage::BeforeDue,
        Stage::Friendly,
        Stage::Formal,
        Stage::PreLegal,
        Stage::Escalate,
        Stage::BadDebt,
        Stage::Disputed,
    ];

    /// Stable identifier: option values and the CSV `stage` column.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Closed => "closed",
            Stage::Current => "current",
            Stage::BeforeDue => "before_due",
            Stage::Friendly => "friendly",
            Stage::Formal => "formal",
            Stage::PreLegal => "pre_legal",
            Stage::Escalate => "escalate",
            Stage::BadDebt => "bad_debt",
            Stage::Disputed => "dispute",
        }
    }

    pub fn from_key(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Stage::Closed => lang.pick("无需催收", "Nothing to collect"),
            Stage::Current => lang.pick("未到期", "Not yet due"),
            Stage::BeforeDue => lang.pick("到期前提醒", "Before due"),
            Stage::Friendly => lang.pick("友好提醒", "Friendly reminder"),
            Stage::Formal => lang.pick("正式催告", "Formal notice"),
            Stage::PreLegal => lang.pick("诉前", "Pre-legal"),
            Stage::Escalate => lang.pick("升级处理", "Escalation"),
            Stage::BadDebt => lang.pick("坏账风险", "Bad-debt risk"),
            Stage::Disputed => lang.pick("争议处理", "Dispute"),
        }
    }

    /// The name as it reads inside a sentence ("… stage (pre-legal)").
    pub(super) fn inline(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.describe(lang).to_string(),
            Lang::En => self.describe(lang).to_lowercase(),
        }
    }

    /// The letter this stage calls for.
    pub fn letter(self) -> Option<LetterKind> {
        match self {
            Stage::BeforeDue => Some(LetterKind::Courtesy),
            Stage::Friendly => Some(LetterKind::Reminder),
            Stage::Formal => Some(LetterKind::Demand),
            Stage::PreLegal => Some(LetterKind::Final),
            Stage::Escalate => Some(LetterKind::Statement),
            Stage::Disputed => Some(LetterKind::Dispute),
            Stage::Closed | Stage::Current | Stage::BadDebt => None,
        }
    }

    /// Rank in the today list: the further along, the sooner. A whole-invoice dispute ranks
    /// between formal notice and pre-legal: its deadlines are a working day or three, and
    /// until it is answered the customer will not pay at all, but an account already at
    /// pre-legal is at more risk.
    pub fn priority(self) -> u8 {
        match self {
            Stage::Closed => 0,
            Stage::Current => 1,
            Stage::BeforeDue => 2,
            Stage::Friendly => 3,
            Stage::Formal => 4,
            Stage::Disputed => 5,
            Stage::PreLegal => 6,
            Stage::Escalate => 7,
            Stage::BadDebt => 8,
        }
    }
}

/// The kinds of letter the letters tab writes (its option values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LetterKind {
    Courtesy,
    Reminder,
    Demand,
    Final,
    Dispute,
    PaymentPlan,
    Statement,
    /// Debt acknowledgment / balance confirmation the customer signs and stamps (issue 16):
    /// as evidence of the debtor agreeing to pay it interrupts the limitation period.
    Acknowledgment,
}

impl LetterKind {
    pub const ALL: [LetterKind; 8] = [
        LetterKind::Courtesy,
        LetterKind::Reminder,
        LetterKind::Demand,
        LetterKind::Final,
        LetterKind::Dispute,
        LetterKind::PaymentPlan,
        LetterKind::Statement,
        LetterKind::Acknowledgment,
    ];

    pub fn key(self) -> &'static str {
        match self {
            LetterKind::Courtesy => "courtesy",
            LetterKind::Reminder => "reminder",
            LetterKind::Demand => "demand",
            LetterKind::Final => "final",
            LetterKind::Dispute => "dispute",
            LetterKind::PaymentPlan => "payment-plan",
            LetterKind::Statement => "statement",
            LetterKind::Acknowledgment => "acknowledgment",
        }
    }

    pub fn from_key(key: &str) -> Option<LetterKind> {
        LetterKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            LetterKind::Courtesy => lang.pick("到期提醒函", "Courtesy reminder"),
            LetterKind::Reminder => lang.pick("付款提醒函", "Payment reminder"),
            LetterKind::Demand => lang.pick("催告函", "Formal overdue notice"),
            LetterKind::Final => lang.pick("最后催告函", "Final notice"),
            LetterKind::Dispute => lang.pick("争议回复函", "Dispute response"),
            LetterKind::PaymentPlan => lang.pick("付款方案函", "Payment plan offer"),
            LetterKind::Statement => lang.pick("对账单", "Statement of account"),
            LetterKind::Acknowledgment => lang.pick("欠款确认书", "Debt acknowledgment"),
        }
    }
}

/// A recommended action. The key is what [`super::DoneAction`] stores, so variants may be
/// added but never renamed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollectionAction {
    SendCourtesyReminder,
    CheckInvoiceReceived,
    SendReminder,
    AskReasonForDelay,
    SendFormalNotice,
    OfferPaymentPlan,
    CallPayablesContact,
    SendFinalNotice,
    HoldAccount,
    ReduceCredit,
    GatherEvidence,
    HandToCollector,
    NotifyInsurer,
    ConsiderLegalAction,
    ProvideForBadDebt,
    ConsiderWriteOff,
    OfferChargeWaiver,
    Review,
    CheckPromisedPayment,
    AcknowledgeDispute,
    RequestEvidence,
    VerifyDispute,
    ResolveDispute,
    InterruptLimitation,
}

impl CollectionAction {
    pub const ALL: [CollectionAction; 24] = [
        CollectionAction::SendCourtesyReminder,
        CollectionAction::CheckInvoiceReceived,
        CollectionAction::SendReminder,
        CollectionAction::AskReasonForDelay,
        CollectionAction::SendFormalNotice,
        CollectionAction::OfferPaymentPlan,
        CollectionAction::CallPayablesContact,
        CollectionAction::SendFinalNotice,
        CollectionAction::HoldAccount,
        CollectionAction::ReduceCredit,
        CollectionAction::GatherEvidence,
        CollectionAction::HandToCollector,
        CollectionAction::NotifyInsurer,
        CollectionAction::ConsiderLegalAction,
        CollectionAction::ProvideForBadDebt,
        CollectionAction::ConsiderWriteOff,
        CollectionAction::OfferChargeWaiver,
        CollectionAction::Review,
        CollectionAction::CheckPromisedPayment,
        CollectionAction::AcknowledgeDispute,
        CollectionAction::RequestEvidence,
        CollectionAction::VerifyDispute,
        CollectionAction::ResolveDispute,
        CollectionAction::InterruptLimitation,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CollectionAction::SendCourtesyReminder => "send_courtesy_reminder",
            CollectionAction::CheckInvoiceReceived => "check_invoice_received",
            CollectionAction::SendReminder => "send_reminder",
            CollectionAction::AskReasonForDelay => "ask_reason_for_delay",
            CollectionAction::SendFormalNotice => "send_formal_notice",
            CollectionAction::OfferPaymentPlan => "offer_payment_plan",
            CollectionAction::CallPayablesContact => "call_payables_contact",
            CollectionAction::SendFinalNotice => "send_final_notice",
            CollectionAction::HoldAccount => "hold_account",
            CollectionAction::ReduceCredit => "reduce_credit",
            CollectionAction::GatherEvidence => "gather_evidence",
            CollectionAction::HandToCollector => "hand_to_collector",
            CollectionAction::NotifyInsurer => "notify_insurer",
            CollectionAction::ConsiderLegalAction => "consider_legal_action",
            CollectionAction::ProvideForBadDebt => "provide_for_bad_debt",
            CollectionAction::ConsiderWriteOff => "consider_write_off",
            CollectionAction::OfferChargeWaiver => "offer_charge_waiver",
            CollectionAction::Review => "review",
            CollectionAction::CheckPromisedPayment => "check_promised_payment",
            CollectionAction::AcknowledgeDispute => "acknowledge_dispute",
            CollectionAction::RequestEvidence => "request_evidence",
            CollectionAction::VerifyDispute => "verify_dispute",
            CollectionAction::ResolveDispute => "resolve_dispute",
            CollectionAction::InterruptLimitation => "interrupt_limitation",
        }
    }

    pub fn from_key(key: &str) -> Option<CollectionAction> {
        CollectionAction::ALL.into_iter().find(|a| a.key() == key)
    }

    /// The letter that carries the action out, if it is a letter.
    pub fn letter(self) -> Option<LetterKind> {
        match self {
            CollectionAction::SendCourtesyReminder => Some(LetterKind::Courtesy),
            CollectionAction::SendReminder => Some(LetterKind::Reminder),
            CollectionAction::SendFormalNotice | CollectionAction::InterruptLimitation => {
                Some(LetterKind::Demand)
            }
            CollectionAction::OfferPaymentPlan | CollectionAction::OfferChargeWaiver => {
                Some(LetterKind::PaymentPlan)
            }
            CollectionAction::SendFinalNotice => Some(LetterKind::Final),
            CollectionAction::HandToCollector => Some(LetterKind::Statement),
            CollectionAction::AcknowledgeDispute
            | CollectionAction::RequestEvidence
            | CollectionAction::ResolveDispute => Some(LetterKind::Dispute),
            _ => None,
        }
    }

    /// Actions that belong to no stage (deadlines that run whatever the stage): a today item
    /// keeps them from every invoice it covers, not only from those at its worst stage.
    pub fn is_cross_cutting(self) -> bool {
        matches!(
            self,
            CollectionAction::NotifyInsurer | CollectionAction::InterruptLimitation
        )
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            CollectionAction::SendCourtesyReminder => lang.pick(
                "发送到期提醒，附收款账户信息",
                "Send a courtesy reminder that the invoice falls due, with payment details",
            ),
            CollectionAction::CheckInvoiceReceived => lang.pick(
                "确认客户已收到正确无误的发票",
                "Check the customer received a correct invoice",
            ),
            CollectionAction::SendReminder => lang.pick("发送礼貌的付款提醒", "Send a polite payment reminder"),
            CollectionAction::AskReasonForDelay => lang.pick(
                "询问逾期原因：发票问题、未收到货、对方付款流程，还是资金周转",
                "Ask why payment is late: invoice problem, goods not delivered, their payment process or their cash flow",
            ),
            CollectionAction::SendFormalNotice => lang.pick(
                "发送催告函，限期付款",
                "Send a formal overdue notice with a payment deadline",
            ),
            CollectionAction::OfferPaymentPlan => lang.pick(
                "客户资金周转困难：提出分期付款方案",
                "Cash flow is the cause: offer a payment plan",
            ),
            CollectionAction::CallPayablesContact => lang.pick(
                "催告函无回复：致电客户应付账款负责人，并记录通话",
                "No answer to the notice: phone the customer's payables contact and log the call",
            ),
            CollectionAction::SendFinalNotice => lang.pick(
                "发送最后催告函，援引合同条款并写明后果",
                "Send a final notice citing the contract clause and the consequences",
            ),
            CollectionAction::HoldAccount => lang.pick(
                "暂停该客户的赊销发货",
                "Put the account on hold: no new deliveries on credit",
            ),
            CollectionAction::ReduceCredit => lang.pick(
                "降低信用额度或改为预付款",
                "Cut the credit limit or move the customer to prepayment",
            ),
            CollectionAction::GatherEvidence => lang.pick(
                "整理证据：合同、订单确认、送货单/提单、往来函件",
                "Gather evidence: contract, order confirmation, delivery notes, correspondence",
            ),
            CollectionAction::HandToCollector => lang.pick(
                "移交催收机构或律师处理（附对账单）",
                "Hand the account to a collection agency or lawyer, with a statement of account",
            ),
            CollectionAction::NotifyInsurer => lang.pick(
                "向信用保险公司报告逾期（注意保单规定的报告期限）",
                "Notify the credit insurer of the overdue invoice (mind the policy's deadline)",
            ),
            CollectionAction::ConsiderLegalAction => lang.pick(
                "金额值得时，考虑起诉或申请仲裁",
                "Consider legal action or arbitration: the amount justifies it",
            ),
            CollectionAction::ProvideForBadDebt => {
                lang.pick("在账上计提坏账准备", "Provide for the debt in the books")
            }
            CollectionAction::ConsiderWriteOff => lang.pick(
                "催收成本高于可收回金额：考虑核销",
                "Collecting costs more than can be recovered: consider writing it off",
            ),
            CollectionAction::OfferChargeWaiver => lang.pick(
                "如是重要客户：提出免收逾期费用，条件是尽快付清本金",
                "For a customer you want to keep: offer to waive the late charges if the principal is paid promptly",
            ),
            CollectionAction::Review => lang.pick("复查账户并再次跟进", "Review the account and follow up again"),
            CollectionAction::CheckPromisedPayment => lang.pick(
                "核对客户承诺的款项是否到账",
                "Check whether the promised payment has arrived",
            ),
            CollectionAction::AcknowledgeDispute => lang.pick(
                "书面确认已收到客户的异议",
                "Acknowledge the dispute in writing",
            ),
            CollectionAction::RequestEvidence => lang.pick(
                "请客户限期提供书面证据",
                "Ask the customer for written evidence by a deadline",
            ),
            CollectionAction::VerifyDispute => lang.pick(
                "内部核实：销售、仓库/物流、质检",
                "Verify internally: sales, warehouse and shipping, quality",
            ),
            CollectionAction::ResolveDispute => lang.pick(
                "处理争议：更正并重开发票、开具红字发票（贷项通知）、先收无争议部分，或附证据驳回",
                "Resolve it: correct and reissue the invoice, issue a credit note, take payment of the undisputed part, or reject with evidence",
            ),
            CollectionAction::InterruptLimitation => lang.pick(
                "中断诉讼时效：发出书面催款并取得客户书面确认欠款",
                "Interrupt the limitation period: send a written demand and get the customer's written acknowledgment of the debt",
            ),
        }
    }
}

/// A sum in one currency.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money {
    pub currency: Currency,
    pub amount: Decimal,
}

impl Money {
    pub fn new(amount: Decimal, currency: &str) -> Money {
        Money {
            currency: Currency::from(currency),
            amount,
        }
    }

    pub fn describe(&self) -> String {
        format_money(self.amount, &self.currency)
    }

    /// Another sum in the same currency.
    pub fn with_amount(&self, amount: Decimal) -> Money {
        Money {
            currency: self.currency.clone(),
            amount,
        }
    }
}

/// How strongly a customer needs watching.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    #[default]
    Low,
    Medium,
    High,
}

impl RiskLevel {
    pub fn key(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            RiskLevel::Low => lang.pick("低风险", "Low risk"),
            RiskLevel::Medium => lang.pick("中风险", "Medium risk"),
            RiskLevel::High => lang.pick("高风险", "High risk"),
        }
    }
}

/// `2025年11月23日` / `23 Nov 2025`, as the page shows dates.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => date.format("%-d %b %Y").to_string(),
    }
}

/// A step's day said against the as-of date, as a work queue reads: "today", "overdue by 3
/// days", "in 2 days" (今天 / 已逾 3 天 / 2 天后).
pub fn describe_when(date: NaiveDate, as_of: NaiveDate, lang: Lang) -> String {
    let days = crate::dates::days_between(as_of, date);
    match (lang, days) {
        (Lang::Zh, 0) => "今天".to_string(),
        (Lang::Zh, d) if d < 0 => format!("已逾 {} 天", d.unsigned_abs()),
        (Lang::Zh, d) => format!("{d} 天后"),
        (Lang::En, 0) => "today".to_string(),
        (Lang::En, -1) => "overdue by 1 day".to_string(),
        (Lang::En, d) if d < 0 => format!("overdue by {} days", d.unsigned_abs()),
        (Lang::En, 1) => "in 1 day".to_string(),
        (Lang::En, d) => format!("in {d} days"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_step_day_reads_against_the_as_of_date() {
        use super::describe_when;
        let as_of = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        let day = |d: i64| crate::dates::add_days(as_of, d);
        assert_eq!(describe_when(as_of, as_of, Lang::En), "today");
        assert_eq!(describe_when(day(-3), as_of, Lang::En), "overdue by 3 days");
        assert_eq!(describe_when(day(-1), as_of, Lang::En), "overdue by 1 day");
        assert_eq!(describe_when(day(2), as_of, Lang::En), "in 2 days");
        assert_eq!(describe_when(as_of, as_of, Lang::Zh), "今天");
        assert_eq!(describe_when(day(-3), as_of, Lang::Zh), "已逾 3 天");
        assert_eq!(describe_when(day(2), as_of, Lang::Zh), "2 天后");
    }

    use super::*;

    #[test]
    fn keys_are_stable_and_round_trip() {
        for stage in Stage::ALL {
            assert_eq!(Stage::from_key(stage.key()), Some(stage));
            assert_eq!(
                serde_json::to_string(&stage).unwrap(),
                format!("\"{}\"", stage.key())
            );
        }
        for action in CollectionAction::ALL {
            assert_eq!(CollectionAction::from_key(action.key()), Some(action));
            assert_eq!(
                serde_json::to_string(&action).unwrap(),
                format!("\"{}\"", action.key())
            );
        }
        for kind in LetterKind::ALL {
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.key())
            );
        }
        let keys: Vec<&str> = LetterKind::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(
            keys,
            [
                "courtesy",
                "reminder",
                "demand",
                "final",
                "dispute",
                "payment-plan",
                "statement",
                "acknowledgment"
            ]
        );
    }

    #[test]
    fn every_action_and_stage_is_described_in_both_languages() {
        for action in CollectionAction::ALL {
            assert!(!action.describe(Lang::Zh).is_empty());
            assert_ne!(action.describe(Lang::Zh), action.describe(Lang::En));
        }
        for stage in Stage::ALL {
            assert_ne!(stage.describe(Lang::Zh), stage.describe(Lang::En));
        }
        let day = NaiveDate::from_ymd_opt(2025, 11, 23).unwrap();
        assert_eq!(format_date(day, Lang::Zh), "2025年11月23日");
        assert_eq!(format_date(day, Lang::En), "23 Nov 2025");
    }
}
