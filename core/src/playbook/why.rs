//! Why the playbook recommends what it does: every recommendation carries [`Reason`]s, each
//! with a `describe(lang)` in Simplified Chinese and English, so the user can check the rule
//! that fired (and change it in settings when it does not fit).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::aging::Status;
use crate::i18n::Lang;

use super::jurisdiction::Jurisdiction;
use super::reasons::DisputeReason;
use super::vocabulary::{format_date, Money, Stage};

/// The rule that fired: every recommendation carries these, so the user can check it (and
/// change the rule in settings when it does not fit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Paid in full, or a credit.
    Closed {
        status: Status,
    },
    /// Not yet due and not yet in the courtesy window.
    NotYetDue {
        days_to_due: i64,
        lead: i64,
    },
    /// In the courtesy window (0: due today).
    FallsDueSoon {
        days_to_due: i64,
        lead: i64,
    },
    /// Past due, and the stage that follows from the days (`last` is `None` for the
    /// open-ended last stage).
    DaysPastDue {
        days: i64,
        stage: Stage,
        first: i64,
        last: Option<i64>,
    },
    /// Past due (the stage follows from something else: a dispute, a pending promise).
    PastDue {
        days: i64,
    },
    /// Past due, with the stage counted from a shifted number of days because a promise to
    /// pay paused escalation (or, broken, moved it up).
    CountedDays {
        days: i64,
        counted: i64,
        stage: Stage,
        first: i64,
        last: Option<i64>,
    },
    PromisePending {
        pay_by: NaiveDate,
        stage: Stage,
    },
    /// The promise passed unpaid; escalation resumed one stage up the next day.
    PromiseBroken {
        pay_by: NaiveDate,
        from: Stage,
        to: Stage,
    },
    Disputed {
        reason: DisputeReason,
        since: NaiveDate,
        amount: Money,
    },
    /// The rest of a partly disputed invoice stays on the normal track.
    UndisputedOnTrack {
        amount: Money,
    },
    DisputeResolved {
        on: NaiveDate,
    },
    /// The dispute must be acknowledged by this day.
    AcknowledgeBy {
        by: NaiveDate,
    },
    EvidenceDeadline {
        by: NaiveDate,
        quality: bool,
    },
    CashFlow,
    /// The formal notice went out on `sent`; phone on `call_on` if still unanswered.
    NoticeSent {
        sent: NaiveDate,
        pay_by: NaiveDate,
        call_on: NaiveDate,
    },
    /// The notice reached the customer on `received`: its deadline counts from then.
    NoticeReceived {
        received: NaiveDate,
        pay_by: NaiveDate,
    },
    InsurerDeadline {
        by: NaiveDate,
        days_left: i64,
    },
    LimitationNear {
        jurisdiction: Jurisdiction,
        years: u32,
        ends: NaiveDate,
        days_left: i64,
    },
    LimitationEnded {
        jurisdiction: Jurisdiction,
        years: u32,
        ended: NaiveDate,
    },
    /// `cost` is in the currency of `recoverable`: one currency per reason keeps every reason
    /// at 64 bytes rather than 88, and an assessment holds five to eight of them (issue 14).
    CollectionWorthwhile {
        recoverable: Money,
        cost: Decimal,
    },
    /// As [`Reason::CollectionWorthwhile`]: `cost` is in the currency of `recoverable`.
    CollectionNotWorthwhile {
        recoverable: Money,
        cost: Decimal,
    },
    /// The cost of collection compared is the page's assumption for the currency.
    CostEstimated {
        cost: Money,
    },
    /// An old debt with no written demand on record: the demand comes before any hand-over.
    CatchUpDemand,
    /// A debt worth pursuing goes to an agency or a lawyer before it is provided for.
    EscalateBeforeProvision,
    /// Cost of collection and recoverable amount are equal.
    CollectionBreakEven {
        amount: Money,
    },
    ChargesWaivable {
        charges: Money,
    },
    /// Every step of the stage is done; what comes next and when.
    StageDone {
        next: Stage,
        on: NaiveDate,
    },
    ReviewDue {
        on: NaiveDate,
    },
    /// A today item covering several invoices takes the stage of the worst.
    CoversInvoices {
        count: usize,
        worst: String,
        stage: Stage,
    },
    RiskOldest {
        days: i64,
    },
    RiskOverdueShare {
        percent: Decimal,
    },
    RiskBrokenPromises {
        count: usize,
    },
}

impl Reason {
    /// Reasons about the dispute track only (a today item on the normal track leaves them
    /// out).
    pub fn is_dispute_track(&self) -> bool {
        matches!(
            self,
            Reason::AcknowledgeBy { .. } | Reason::EvidenceDeadline { .. }
        )
    }

    /// Reasons about the normal track only (a dispute item leaves them out).
    pub fn is_normal_track(&self) -> bool {
        matches!(
            self,
            Reason::NotYetDue { .. }
                | Reason::FallsDueSoon { .. }
                | Reason::DaysPastDue { .. }
                | Reason::CountedDays { .. }
                | Reason::PromisePending { .. }
                | Reason::PromiseBroken { .. }
                | Reason::CashFlow
                | Reason::NoticeSent { .. }
                | Reason::NoticeReceived { .. }
                | Reason::CollectionWorthwhile { .. }
                | Reason::CollectionNotWorthwhile { .. }
                | Reason::CollectionBreakEven { .. }
                | Reason::CostEstimated { .. }
                | Reason::CatchUpDemand
                | Reason::EscalateBeforeProvision
                | Reason::ChargesWaivable { .. }
                | Reason::StageDone { .. }
                | Reason::ReviewDue { .. }
        )
    }

    pub fn describe(&self, lang: Lang) -> String {
        // One function per family of reasons; the match says which, so a new reason that is
        // given no family does not compile.
        let family: fn(&Reason, Lang) -> Option<String> = match self {
            Reason::Closed { .. }
            | Reason::NotYetDue { .. }
            | Reason::FallsDueSoon { .. }
            | Reason::DaysPastDue { .. }
            | Reason::CountedDays { .. }
            | Reason::PastDue { .. } => Reason::timing_words,
            Reason::PromisePending { .. }
            | Reason::PromiseBroken { .. }
            | Reason::Disputed { .. }
            | Reason::UndisputedOnTrack { .. }
            | Reason::DisputeResolved { .. }
            | Reason::AcknowledgeBy { .. }
            | Reason::EvidenceDeadline { .. }
            | Reason::CashFlow => Reason::track_words,
            Reason::NoticeSent { .. }
            | Reason::NoticeReceived { .. }
            | Reason::InsurerDeadline { .. }
            | Reason::LimitationNear { .. }
            | Reason::LimitationEnded { .. } => Reason::deadline_words,
            Reason::CollectionWorthwhile { .. }
            | Reason::CollectionNotWorthwhile { .. }
            | Reason::CostEstimated { .. }
            | Reason::CatchUpDemand
            | Reason::EscalateBeforeProvision
            | Reason::CollectionBreakEven { .. }
            | Reason::ChargesWaivable { .. } => Reason::cost_words,
            Reason::StageDone { .. }
            | Reason::ReviewDue { .. }
            | Reason::CoversInvoices { .. }
            | Reason::RiskOldest { .. }
            | Reason::RiskOverdueShare { .. }
            | Reason::RiskBrokenPromises { .. } => Reason::progress_words,
        };
        family(self, lang).unwrap_or_default()
    }

    /// When it falls due and how late it is: the stage the days give.
    fn timing_words(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Reason::Closed { status } => match lang {
                Lang::Zh => format!("{}：无需催收", status.label(lang)),
                Lang::En => format!("{}: nothing to collect", status.label(lang)),
            },
            Reason::NotYetDue { days_to_due, lead } => match lang {
                Lang::Zh => format!("{days_to_due} 天后到期；到期前 {lead} 天发送到期提醒"),
                Lang::En => format!(
                    "Falls due in {days_to_due} days; the courtesy reminder goes {lead} days before"
                ),
            },
            Reason::FallsDueSoon { days_to_due, lead } => match (lang, days_to_due) {
                (Lang::Zh, 0) => format!("今天到期：到期前 {lead} 天内发送到期提醒"),
                (Lang::En, 0) => {
                    format!("Falls due today: courtesy reminder within {lead} days before due")
                }
                (Lang::Zh, n) => format!("{n} 天后到期：到期前 {lead} 天内发送到期提醒"),
                (Lang::En, n) => format!(
                    "Falls due in {n} days: courtesy reminder within {lead} days before due"
                ),
            },
            Reason::DaysPastDue {
                days,
                stage,
                first,
                last,
            } => {
                let name = stage.inline(lang);
                match (lang, last) {
                    (Lang::Zh, Some(last)) => {
                        format!("逾期 {days} 天：{first}–{last} 天阶段（{name}）")
                    }
                    (Lang::En, Some(last)) => {
                        format!("{days} days past due: {first}–{last} days stage ({name})")
                    }
                    (Lang::Zh, None) => {
                        format!("逾期 {days} 天：{} 天以上阶段（{name}）", first - 1)
                    }
                    (Lang::En, None) => {
                        format!(
                            "{days} days past due: over {} days stage ({name})",
                            first - 1
                        )
                    }
                }
            }
            Reason::CountedDays {
                days,
                counted,
                stage,
                first,
                last,
            } => {
                let name = stage.inline(lang);
                let range = match (lang, last) {
                    (Lang::Zh, Some(last)) => format!("{first}–{last} 天阶段"),
                    (Lang::En, Some(last)) => format!("{first}–{last} days stage"),
                    (Lang::Zh, None) => format!("{} 天以上阶段", first - 1),
                    (Lang::En, None) => format!("over {} days stage", first - 1),
                };
                match lang {
                    Lang::Zh => {
                        format!("逾期 {days} 天，因付款承诺按 {counted} 天计：{range}（{name}）")
                    }
                    Lang::En => format!(
                        "{days} days past due, counted as {counted} after the promise to pay: {range} ({name})"
                    ),
                }
            }
            Reason::PastDue { days } => match lang {
                Lang::Zh => format!("逾期 {days} 天"),
                Lang::En => format!("{days} days past due"),
            },
            _ => return None,
        })
    }

    /// A promise to pay or a dispute that changes the track.
    fn track_words(&self, lang: Lang) -> Option<String> {
        let date = |d: &NaiveDate| format_date(*d, lang);
        Some(match self {
            Reason::PromisePending { pay_by, stage } => match lang {
                Lang::Zh => format!(
                    "客户承诺 {} 前付款：催收暂停在「{}」阶段，到期未付则升级",
                    date(pay_by),
                    stage.inline(lang)
                ),
                Lang::En => format!(
                    "The customer promised to pay by {}: escalation paused at {}, it resumes one stage up if unpaid",
                    date(pay_by),
                    stage.inline(lang)
                ),
            },
            Reason::PromiseBroken { pay_by, from, to } => match lang {
                Lang::Zh => format!(
                    "客户承诺 {} 前付款但未付：由「{}」升级至「{}」",
                    date(pay_by),
                    from.inline(lang),
                    to.inline(lang)
                ),
                Lang::En => format!(
                    "Promised payment by {} did not arrive: escalated from {} to {}",
                    date(pay_by),
                    from.inline(lang),
                    to.inline(lang)
                ),
            },
            Reason::Disputed {
                reason,
                since,
                amount,
            } => match lang {
                Lang::Zh => format!(
                    "客户自 {} 起对 {} 提出异议（{}）：转入争议处理流程，暂停常规催收",
                    date(since),
                    amount.describe(),
                    reason.describe(lang)
                ),
                Lang::En => format!(
                    "Disputed since {} for {} ({}): on the dispute track instead of the normal escalation",
                    date(since),
                    amount.describe(),
                    reason.describe(lang).to_lowercase()
                ),
            },
            Reason::UndisputedOnTrack { amount } => match lang {
                Lang::Zh => format!("无争议部分 {} 继续常规催收", amount.describe()),
                Lang::En => format!(
                    "The undisputed {} stays on the normal track",
                    amount.describe()
                ),
            },
            Reason::DisputeResolved { on } => match lang {
                Lang::Zh => format!("争议已于 {} 解决，恢复常规催收", date(on)),
                Lang::En => format!("Dispute resolved on {}: back on the normal track", date(on)),
            },
            Reason::AcknowledgeBy { by } => match lang {
                Lang::Zh => format!("须在 {} 前书面回复客户，确认收到异议", date(by)),
                Lang::En => format!("Acknowledge the dispute in writing by {}", date(by)),
            },
            Reason::EvidenceDeadline { by, quality } => match (lang, quality) {
                (Lang::Zh, true) => format!("质量异议：客户须在 72 小时内（{} 前）提供书面证据", date(by)),
                (Lang::Zh, false) => format!("客户须在 {} 前提供书面证据", date(by)),
                (Lang::En, true) => format!(
                    "Quality claim: written evidence due within 72 hours, by {}",
                    date(by)
                ),
                (Lang::En, false) => format!("Written evidence due by {}", date(by)),
            },
            Reason::CashFlow => lang
                .pick(
                    "客户称资金周转困难：可提出分期付款",
                    "The customer cites cash flow: a payment plan may get the money in",
                )
                .to_string(),
            _ => return None,
        })
    }

    /// A letter sent or received, and the deadlines outside the ladder (insurer, limitation).
    fn deadline_words(&self, lang: Lang) -> Option<String> {
        let date = |d: &NaiveDate| format_date(*d, lang);
        Some(match self {
            Reason::NoticeSent {
                sent,
                pay_by,
                call_on,
            } => match lang {
                Lang::Zh => format!(
                    "催告函已于 {} 发出，限 {} 前付款；{} 仍无回复则致电",
                    date(sent),
                    date(pay_by),
                    date(call_on)
                ),
                Lang::En => format!(
                    "Formal notice sent on {}, payment due by {}; phone on {} if there is no answer",
                    date(sent),
                    date(pay_by),
                    date(call_on)
                ),
            },
            Reason::NoticeReceived { received, pay_by } => match lang {
                Lang::Zh => format!(
                    "对方于{}签收，付款期限自签收之日起算，至{}",
                    date(received),
                    date(pay_by)
                ),
                Lang::En => format!(
                    "Received by the customer on {}: the deadline runs from receipt, to {}",
                    date(received),
                    date(pay_by)
                ),
            },
            Reason::InsurerDeadline { by, days_left } => match lang {
                Lang::Zh if *days_left < 0 => {
                    format!("信用保险报告期限 {} 已过，请尽快联系保险公司", date(by))
                }
                Lang::Zh => format!("信用保险报告期限：{}（还剩 {days_left} 天）", date(by)),
                Lang::En if *days_left < 0 => format!(
                    "The credit insurer's notice deadline passed on {}: contact the insurer now",
                    date(by)
                ),
                Lang::En => format!(
                    "Credit insurer must be notified by {} ({days_left} days left)",
                    date(by)
                ),
            },
            Reason::LimitationNear {
                jurisdiction,
                years,
                ends,
                days_left,
            } => match lang {
                Lang::Zh => format!(
                    "诉讼时效将于 {} 届满（还剩 {days_left} 天；{} {years} 年，{}）。{}",
                    date(ends),
                    jurisdiction.describe(lang),
                    jurisdiction.period_basis(lang),
                    jurisdiction.interruption(lang)
                ),
                Lang::En => format!(
                    "The limitation period ends on {} ({days_left} days left; {}, {years} years, {}). {}",
                    date(ends),
                    jurisdiction.describe(lang),
                    jurisdiction.period_basis(lang),
                    jurisdiction.interruption(lang)
                ),
            },
            Reason::LimitationEnded {
                jurisdiction,
                years,
                ended,
            } => match lang {
                Lang::Zh => format!(
                    "诉讼时效可能已于 {} 届满（{} {years} 年，{}）：客户可以时效抗辩，请尽快咨询律师；取得客户书面确认仍有意义",
                    date(ended),
                    jurisdiction.describe(lang),
                    jurisdiction.period_basis(lang)
                ),
                Lang::En => format!(
                    "The limitation period may have ended on {} ({}, {years} years, {}): the customer can rely on it; take legal advice, and a written acknowledgment is still worth getting",
                    date(ended),
                    jurisdiction.describe(lang),
                    jurisdiction.period_basis(lang)
                ),
            },
            _ => return None,
        })
    }

    /// Whether collecting pays: recoverable against cost, and what to do first.
    fn cost_words(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Reason::CollectionWorthwhile { recoverable, cost } => match lang {
                Lang::Zh => format!(
                    "可收回 {}（本金加逾期费用），高于催收成本 {}：值得继续追收",
                    recoverable.describe(),
                    recoverable.with_amount(*cost).describe()
                ),
                Lang::En => format!(
                    "{} recoverable (principal and charges) exceeds the {} cost of collection: worth pursuing",
                    recoverable.describe(),
                    recoverable.with_amount(*cost).describe()
                ),
            },
            Reason::CollectionNotWorthwhile { recoverable, cost } => match lang {
                Lang::Zh => format!(
                    "催收成本 {} 高于可收回金额 {}（本金加逾期费用）",
                    recoverable.with_amount(*cost).describe(),
                    recoverable.describe()
                ),
                Lang::En => format!(
                    "The {} cost of collection exceeds the {} recoverable (principal and charges)",
                    recoverable.with_amount(*cost).describe(),
                    recoverable.describe()
                ),
            },
            Reason::CostEstimated { cost } => match lang {
                Lang::Zh => format!(
                    "催收成本 {} 为估算（律师函加一审起诉的律师费与诉讼费，整数估计）；请在“设置 → 催收规则”中填写贵司的实际成本",
                    cost.describe()
                ),
                Lang::En => format!(
                    "The {} cost of collection is an estimate (a lawyer's demand and a first-instance claim: fixed fee and court fee, in round figures); set your own in Settings → Collection playbook",
                    cost.describe()
                ),
            },
            Reason::CatchUpDemand => match lang {
                Lang::Zh => "尚无书面催告的记录：移交催收机构或律师之前，先发出附付款期限的最后催告函".to_string(),
                Lang::En => "No written demand on record: send the final demand with its deadline before handing the debt over to an agency or a lawyer".to_string(),
            },
            Reason::EscalateBeforeProvision => match lang {
                Lang::Zh => "金额值得追收：计提坏账准备之前，先移交催收机构或律师（已投保的，先通知保险公司）".to_string(),
                Lang::En => "Worth pursuing: hand it to an agency or a lawyer (and tell the credit insurer, if insured) before providing for it as a bad debt".to_string(),
            },
            Reason::CollectionBreakEven { amount } => match lang {
                Lang::Zh => format!(
                    "催收成本与可收回金额持平（{}）：是否继续追收需自行判断",
                    amount.describe()
                ),
                Lang::En => format!(
                    "The cost of collection equals the {} recoverable: pursuing it is a judgment call",
                    amount.describe()
                ),
            },
            Reason::ChargesWaivable { charges } => match lang {
                Lang::Zh => format!("可免收的逾期费用：{}", charges.describe()),
                Lang::En => format!("Late charges that could be waived: {}", charges.describe()),
            },
            _ => return None,
        })
    }

    /// A stage done, a today item covering several invoices, a customer's risk flag.
    fn progress_words(&self, lang: Lang) -> Option<String> {
        let date = |d: &NaiveDate| format_date(*d, lang);
        Some(match self {
            Reason::StageDone { next, on } => match lang {
                Lang::Zh => format!(
                    "本阶段事项已完成；{} 起进入「{}」阶段",
                    date(on),
                    next.inline(lang)
                ),
                Lang::En => format!(
                    "Every step of this stage is done; {} from {}",
                    next.inline(lang),
                    date(on)
                ),
            },
            Reason::ReviewDue { on } => match lang {
                Lang::Zh => format!("本阶段事项已完成；{} 复查", date(on)),
                Lang::En => format!("Every step of this stage is done; review on {}", date(on)),
            },
            Reason::CoversInvoices {
                count,
                worst,
                stage,
            } => match lang {
                Lang::Zh => format!(
                    "合并 {count} 张发票，按最严重的一张（{worst}，{}）处理",
                    stage.inline(lang)
                ),
                Lang::En => format!(
                    "Covers {count} invoices, at the stage of the worst ({worst}, {})",
                    stage.inline(lang)
                ),
            },
            Reason::RiskOldest { days } => match lang {
                Lang::Zh => format!("最长逾期 {days} 天"),
                Lang::En => format!("Oldest overdue invoice {days} days past due"),
            },
            Reason::RiskOverdueShare { percent } => match lang {
                Lang::Zh => format!("逾期金额占未结清金额的 {percent}%"),
                Lang::En => format!("{percent}% of the open amount is overdue"),
            },
            Reason::RiskBrokenPromises { count } => match lang {
                Lang::Zh => format!("{count} 次付款承诺未兑现"),
                Lang::En if *count == 1 => "1 broken promise to pay".to_string(),
                Lang::En => format!("{count} broken promises to pay"),
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every assessment keeps its reasons, so at 100,000 invoices a reason's size is paid
    /// five to eight hundred thousand times: a variant that grows it past 64 bytes should be
    /// a choice, seen here, not an accident (two `Money` in one reason made it 88).
    #[test]
    fn a_reason_stays_within_64_bytes() {
        assert!(
            std::mem::size_of::<Reason>() <= 64,
            "size_of::<Reason>() = {}",
            std::mem::size_of::<Reason>()
        );
    }

    #[test]
    fn the_stage_reason_reads_as_the_issue_asks() {
        let reason = Reason::DaysPastDue {
            days: 53,
            stage: Stage::PreLegal,
            first: 31,
            last: Some(60),
        };
        assert_eq!(
            reason.describe(Lang::En),
            "53 days past due: 31–60 days stage (pre-legal)"
        );
        assert_eq!(
            reason.describe(Lang::Zh),
            "逾期 53 天：31–60 天阶段（诉前）"
        );
        let last = Reason::DaysPastDue {
            days: 95,
            stage: Stage::BadDebt,
            first: 91,
            last: None,
        };
        assert_eq!(
            last.describe(Lang::En),
            "95 days past due: over 90 days stage (bad-debt risk)"
        );
        assert_eq!(
            last.describe(Lang::Zh),
            "逾期 95 天：90 天以上阶段（坏账风险）"
        );
    }
}
