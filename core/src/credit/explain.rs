//! The credit wording the page shows, each language written for its reader. The rules
//! themselves are stated here too, so that the page says exactly what the code does.

use crate::dates::display;
use crate::i18n::Lang;
use crate::money::format_money;

use super::grade::GradeReason;
use super::holds::{Hold, HoldReason, Terms};
use super::settings::CreditSettings;
use super::suggest::Suggestion;

pub fn grade_reason(r: &GradeReason, lang: Lang) -> String {
    match (r, lang) {
        (GradeReason::OnTime { percent, counted }, Lang::Zh) => {
            format!("{counted} 张发票中按期付款 {percent}%")
        }
        (GradeReason::OnTime { percent, counted }, Lang::En) => {
            format!("{percent}% of {counted} invoices paid on time")
        }
        (GradeReason::DaysLate { average }, Lang::Zh) => format!("平均逾期 {average} 天"),
        (GradeReason::DaysLate { average }, Lang::En) => {
            format!("paid {average} days late on average")
        }
        (GradeReason::Worsening { recent, before }, Lang::Zh) => {
            format!("付款变慢：近期平均逾期 {recent} 天，此前 {before} 天（降一级）")
        }
        (GradeReason::Worsening { recent, before }, Lang::En) => {
            format!("paying later: {recent} days late recently, {before} before (one grade down)")
        }
        (GradeReason::BrokenPromises { count }, Lang::Zh) => format!("{count} 次承诺付款未兑现"),
        (GradeReason::BrokenPromises { count }, Lang::En) => {
            format!("{count} broken promise(s) to pay")
        }
        (GradeReason::OpenDisputes { count }, Lang::Zh) => format!("{count} 张发票有未决争议"),
        (GradeReason::OpenDisputes { count }, Lang::En) => {
            format!("{count} invoice(s) in open dispute")
        }
    }
}

/// The grade rule, with the thresholds in force.
pub fn grade_rule(s: &CreditSettings, lang: Lang) -> String {
    let [a, b, c] = s.on_time_percent;
    let [da, db, dc] = s.days_late;
    match lang {
        Lang::Zh => format!(
            "按已付发票及已逾期未付发票计：A 级按期率 ≥{a}% 且平均逾期 ≤{da} 天；B 级 ≥{b}% 且 ≤{db} 天；\
             C 级 ≥{c}% 且 ≤{dc} 天；其余为 D 级。按期率须有至少 {n} 张发票才计入评级（不足时只看平均逾期天数）。\
             近 {} 天付款明显变慢降一级；1 次承诺未兑现至多 C 级，2 次及以上为 D 级；有未决争议至多 B 级。",
            s.trend_days,
            n = super::grade::MIN_INVOICES_FOR_SHARE
        ),
        Lang::En => format!(
            "From paid invoices and open ones already past due: A needs ≥{a}% on time and ≤{da} days \
             late on average; B ≥{b}% and ≤{db} days; C ≥{c}% and ≤{dc} days; otherwise D. The share \
             on time counts only over {n} invoices or more (below that, the days late alone). Paying \
             clearly later in the last {} days costs a grade; one broken promise caps it at C, two \
             or more make it D; an open dispute caps it at B.",
            s.trend_days,
            n = super::grade::MIN_INVOICES_FOR_SHARE
        ),
    }
}

pub fn no_history(s: &CreditSettings, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "尚无付款记录：新客户规则——前 {} 张订单款到发货。",
            s.new_customer_orders
        ),
        Lang::En => format!(
            "No payment history yet: the new-customer rule applies — payment before delivery for the first {} orders.",
            s.new_customer_orders
        ),
    }
}

/// The suggested-limit rule, as [`super::suggest`] applies it.
pub fn suggest_rule(s: &CreditSettings, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "建议额度 = 近 {} 个月月均开票额 × {}；平均每逾期 1 天减 1%（至多 50%），每次承诺未兑现减 20%\
             （至多 60%），合计至多减 90%；D 级为 0（预付款）；向下取整。",
            s.history_months, s.suggest_months
        ),
        Lang::En => format!(
            "Suggested limit = {} × the average monthly invoiced amount over the last {} months, less \
             1% per average day late (at most 50%) and 20% per broken promise (at most 60%), at \
             most 90% in all; 0 for grade D (prepayment); rounded down.",
            s.suggest_months, s.history_months
        ),
    }
}

pub fn suggestion(s: &Suggestion, lang: Lang) -> String {
    let avg = format_money(s.monthly_average, &s.currency);
    match lang {
        Lang::Zh => format!(
            "近 {} 个月月均开票 {avg}，扣减 {}%",
            s.months, s.reduction_percent
        ),
        Lang::En => format!(
            "{avg} a month over {} months, less {}%",
            s.months, s.reduction_percent
        ),
    }
}

pub fn hold(h: Hold, lang: Lang) -> &'static str {
    match (h, lang) {
        (Hold::Clear, Lang::Zh) => "可以发货",
        (Hold::Clear, Lang::En) => "OK to ship",
        (Hold::Hold, Lang::Zh) => "暂停发货、暂停接单",
        (Hold::Hold, Lang::En) => "Stop shipment, hold new orders",
        (Hold::Lift, Lang::Zh) => "可解除暂停",
        (Hold::Lift, Lang::En) => "Lift the hold",
    }
}

pub fn terms(t: Terms, lang: Lang) -> Option<&'static str> {
    match (t, lang) {
        (Terms::Usual, _) => None,
        (Terms::CashBeforeDelivery, Lang::Zh) => Some("款到发货"),
        (Terms::CashBeforeDelivery, Lang::En) => Some("Payment before delivery"),
        (Terms::PrepaymentOrLc, Lang::Zh) => Some("改为预付款或信用证"),
        (Terms::PrepaymentOrLc, Lang::En) => Some("Move to prepayment or a letter of credit"),
    }
}

pub fn hold_reason(r: &HoldReason, lang: Lang) -> String {
    match (r, lang) {
        (
            HoldReason::OverLimit {
                used,
                limit,
                currency,
            },
            Lang::Zh,
        ) => format!(
            "已用 {}，超过额度 {}",
            format_money(*used, currency),
            format_money(*limit, currency)
        ),
        (
            HoldReason::OverLimit {
                used,
                limit,
                currency,
            },
            Lang::En,
        ) => format!(
            "{} in use, over the {} limit",
            format_money(*used, currency),
            format_money(*limit, currency)
        ),
        (
            HoldReason::PastPreLegal {
                invoice,
                days_past_due,
            },
            Lang::Zh,
        ) => format!("发票 {invoice} 已逾期 {days_past_due} 天，已过法律前阶段"),
        (
            HoldReason::PastPreLegal {
                invoice,
                days_past_due,
            },
            Lang::En,
        ) => format!("invoice {invoice} is {days_past_due} days past due, past the pre-legal stage"),
        (HoldReason::BrokenPromises { count }, Lang::Zh) => format!("{count} 次承诺付款未兑现"),
        (HoldReason::BrokenPromises { count }, Lang::En) => {
            format!("{count} broken promise(s) to pay")
        }
        (HoldReason::GradeD, Lang::Zh) => "信用等级 D".to_string(),
        (HoldReason::GradeD, Lang::En) => "credit grade D".to_string(),
        (
            HoldReason::NewCustomer {
                invoices,
                first_orders,
            },
            Lang::Zh,
        ) => format!("新客户：尚无付款记录，已开票 {invoices} 张（前 {first_orders} 张款到发货）"),
        (
            HoldReason::NewCustomer {
                invoices,
                first_orders,
            },
            Lang::En,
        ) => format!(
            "new customer: no payment history, {invoices} invoice(s) so far (the first {first_orders} are paid before delivery)"
        ),
        (HoldReason::BackInOrder { since }, Lang::Zh) => {
            format!("{} 起暂停，现已无超额、无严重逾期、无失信", display(*since, lang))
        }
        (HoldReason::BackInOrder { since }, Lang::En) => format!(
            "on hold since {}; now within its limit, nothing deep in arrears, no broken promise",
            display(*since, lang)
        ),
        (HoldReason::PlacedSince { since }, Lang::Zh) => {
            format!("{} 起已暂停", display(*since, lang))
        }
        (HoldReason::PlacedSince { since }, Lang::En) => {
            format!("on hold since {}", display(*since, lang))
        }
    }
}

/// "Insured CNY 800.00 of CNY 1,500.00 in use; tell the insurer by …; a claim can be filed from …".
pub fn insurance(i: &super::Insurance, lang: Lang) -> String {
    let covered = format_money(i.covered, &i.currency);
    let limit = format_money(i.insured_limit, &i.currency);
    let uncovered = format_money(i.uncovered, &i.currency);
    let mut out = match lang {
        Lang::Zh => format!("信保限额 {limit}，覆盖 {covered}，未覆盖 {uncovered}"),
        Lang::En => format!("insured limit {limit}: {covered} covered, {uncovered} not"),
    };
    if let Some(by) = i.notice_by {
        out.push_str(&match lang {
            Lang::Zh => format!("；须在 {} 前向信保报损", display(by, lang)),
            Lang::En => format!("; notify the insurer by {}", display(by, lang)),
        });
    }
    if let Some(from) = i.claim_from {
        out.push_str(&match lang {
            Lang::Zh => format!("；{} 起可索赔", display(from, lang)),
            Lang::En => format!("; a claim can be filed from {}", display(from, lang)),
        });
    }
    out
}
