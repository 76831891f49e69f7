//! The sentences of a letter that depend on facts, built whole in each language so that the
//! templates never glue a Chinese sentence out of pieces with spaces between them, and never
//! print a zero or a rule's label where a sentence belongs.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::terms::{ContractTerms, EnglishForm};
use crate::charges::{ChargePeriod, ChargeRuleParams, RateUnit, RuleKind};
use crate::i18n::Lang;

/// A letter's date: `2025年11月20日`; `20 November 2025` (British) or `November 20, 2025`
/// (American).
pub fn letter_date(date: NaiveDate, lang: Lang, form: EnglishForm) -> String {
    match (lang, form) {
        (Lang::Zh, _) => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        (Lang::En, EnglishForm::British) => date.format("%-d %B %Y").to_string(),
        (Lang::En, EnglishForm::American) => date.format("%B %-d, %Y").to_string(),
    }
}

/// A rate as a letter writes it: `0.05%`, `4.5%`.
fn percent(rate: Decimal) -> String {
    format!("{}%", rate.normalize())
}

/// The contract as a sentence cites it: `双方签订的《购销合同》（合同编号：HT-2025-018，签订日期：
/// 2025年3月1日）第五条` / `clause 5 of the Sales Contract no. HT-2025-018 dated 1 March 2025`.
/// Empty when no contract name or clause is known.
pub fn contract_cited(terms: &ContractTerms, lang: Lang, form: EnglishForm) -> String {
    let words = terms.words(lang);
    let name = words.name.trim().trim_matches(['《', '》']).trim();
    let clause = words.clause.trim();
    if name.is_empty() {
        return clause.to_string();
    }
    let number = terms.number.trim();
    let date = terms.date.map(|d| letter_date(d, lang, form));
    match lang {
        Lang::Zh => {
            let mut details = Vec::new();
            if !number.is_empty() {
                details.push(format!("合同编号：{number}"));
            }
            if let Some(date) = date {
                details.push(format!("签订日期：{date}"));
            }
            let details = if details.is_empty() {
                String::new()
            } else {
                format!("（{}）", details.join("，"))
            };
            format!("双方签订的《{name}》{details}{clause}")
        }
        Lang::En => {
            let mut text = String::new();
            if !clause.is_empty() {
                text.push_str(clause);
                text.push_str(" of ");
            }
            text.push_str("our ");
            text.push_str(name);
            if !number.is_empty() {
                text.push_str(" no. ");
                text.push_str(number);
            }
            if let Some(date) = date {
                text.push_str(" dated ");
                text.push_str(&date);
            }
            text
        }
    }
}

/// What the sender will do at law: `向宁波仲裁委员会申请仲裁` / `向某某人民法院提起诉讼` /
/// `commence proceedings before …`; without a forum, court or arbitration in general.
pub fn forum_action(terms: &ContractTerms, lang: Lang) -> String {
    let forum = terms.words(lang).forum.trim();
    match lang {
        Lang::Zh if forum.is_empty() => "依法提起诉讼或申请仲裁".to_string(),
        Lang::Zh if forum.contains("仲裁") => format!("依约向{forum}申请仲裁"),
        Lang::Zh => format!("依约向{forum}提起诉讼"),
        Lang::En if forum.is_empty() => "take legal action in court or arbitration".to_string(),
        Lang::En => format!("commence proceedings before {forum}"),
    }
}

/// The article of the SME payment regulation a letter dated `date` cites: art. 15 of Decree
/// 728 until the revision (Decree 802, in force 1 June 2025) moved the late-interest rule to
/// art. 17 (text of both read on gov.cn; the charges module's scope note says the same).
fn sme_article(date: NaiveDate, lang: Lang) -> &'static str {
    let revised = NaiveDate::from_ymd_opt(2025, 6, 1).is_some_and(|d| date >= d);
    match (revised, lang) {
        (true, Lang::Zh) => "《保障中小企业款项支付条例》（国务院令第802号）第十七条",
        (false, Lang::Zh) => "《保障中小企业款项支付条例》（国务院令第728号）第十五条",
        (true, Lang::En) => "article 17 of the PRC Regulations on Ensuring Payments to Small and Medium-sized Enterprises (State Council Decree No. 802)",
        (false, Lang::En) => "article 15 of the PRC Regulations on Ensuring Payments to Small and Medium-sized Enterprises (State Council Decree No. 728)",
    }
}

/// Why the charge is owed, as the start of a sentence: `依据…，` / `Under …, `. None when the
/// letter must not claim it: no rule, or the SME regulation for a customer not marked as a
/// large enterprise or public body (the regulation covers only those debtors).
pub fn charge_basis(
    rule: RuleKind,
    params: Option<&ChargeRuleParams>,
    terms: &ContractTerms,
    large_or_public: bool,
    date: NaiveDate,
    lang: Lang,
) -> Option<String> {
    let lpr_words = || {
        params
            .filter(|p| p.rule == rule)
            .and_then(|p| crate::charges::basis_words(p, lang))
    };
    let late_clause = terms.words(lang).late_charge_clause.trim().to_string();
    Some(match (rule, lang) {
        (RuleKind::None, _) => return None,
        (RuleKind::CnSmeRegulation, _) if !large_or_public => return None,
        (RuleKind::Contract, Lang::Zh) if !late_clause.is_empty() => {
            format!("依据合同关于逾期付款的约定（{late_clause}），")
        }
        (RuleKind::Contract, Lang::Zh) => "依据双方合同关于逾期付款的约定，".to_string(),
        (RuleKind::Contract, Lang::En) if !late_clause.is_empty() => {
            format!("Under the late-payment clause of our contract ({late_clause}), ")
        }
        (RuleKind::Contract, Lang::En) => "Under the late-payment terms of our contract, ".to_string(),
        (RuleKind::CnSmeRegulation, Lang::Zh) => format!(
            "依据{}（机关、事业单位和大型企业迟延支付中小企业款项的，应当支付逾期利息；未约定利率的，按每日万分之五计付），",
            sme_article(date, lang)
        ),
        (RuleKind::CnSmeRegulation, Lang::En) => format!(
            "Under {} — a public body or large enterprise that pays a small or medium-sized enterprise late owes interest, at 0.05% a day where no rate was agreed — ",
            sme_article(date, lang)
        ),
        (RuleKind::CnSaleLpr, Lang::Zh) => format!(
            "依据《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》第十八条，逾期付款损失{}，",
            lpr_words().unwrap_or_else(|| "以一年期贷款市场报价利率（LPR）为基础加计30%至50%计算".into())
        ),
        (RuleKind::CnSaleLpr, Lang::En) => format!(
            "Under article 18 of the Supreme People's Court's interpretation on sale-contract disputes, the loss from late payment is computed {}, and ",
            lpr_words().unwrap_or_else(|| "on the 1-year Loan Prime Rate (LPR) plus 30% to 50%".into())
        ),
        (RuleKind::CnLpr, Lang::Zh) => format!(
            "依据《中华人民共和国民法典》第五百七十七条、第五百八十四条，贵司应赔偿我司资金占用损失，{}，",
            lpr_words().unwrap_or_else(|| "按一年期贷款市场报价利率（LPR）计算".into())
        ),
        (RuleKind::CnLpr, Lang::En) => format!(
            "Under articles 577 and 584 of the PRC Civil Code you owe us our loss from the use of the money, computed {}, and ",
            lpr_words().unwrap_or_else(|| "on the 1-year Loan Prime Rate (LPR)".into())
        ),
        (RuleKind::UkStatutory, Lang::Zh) => "依据英国《1998年商业债务逾期付款（利息）法》，".to_string(),
        (RuleKind::UkStatutory, Lang::En) => "Under the Late Payment of Commercial Debts (Interest) Act 1998, ".to_string(),
        (RuleKind::EuDirective, Lang::Zh) => "依据欧盟第2011/7/EU号指令（打击商业交易逾期付款）及其国内转化立法，".to_string(),
        (RuleKind::EuDirective, Lang::En) => "Under Directive 2011/7/EU on combating late payment in commercial transactions, as implemented in national law, ".to_string(),
        (RuleKind::DeBgb288, Lang::Zh) => "依据《德国民法典》第288条第2款及第5款，".to_string(),
        (RuleKind::DeBgb288, Lang::En) => "Under section 288(2) and (5) of the German Civil Code (BGB), ".to_string(),
        (RuleKind::FrL441_10, Lang::Zh) => "依据法国《商法典》第L441-10条，".to_string(),
        (RuleKind::FrL441_10, Lang::En) => "Under article L441-10 of the French Commercial Code, ".to_string(),
        (RuleKind::UsPromptPayment, Lang::Zh) => "依据美国《及时付款法》（31 U.S.C. §3902），".to_string(),
        (RuleKind::UsPromptPayment, Lang::En) => "Under the Prompt Payment Act (31 U.S.C. § 3902), ".to_string(),
    })
}

/// One period of the charge in words, never with a currency code in a Chinese sentence:
/// `以人民币128,600.00元为基数，自2025年7月2日至2025年11月20日共142天，按日利率0.05%计算` /
/// `on CNY 128,600.00 from 2 July 2025 to 20 November 2025 (142 days) at 0.05% a day`.
/// None for a period without a known rate (it carries nothing, and a letter does not print it).
pub fn period_words(
    p: &ChargePeriod,
    money: &dyn Fn(Decimal) -> String,
    lang: Lang,
    form: EnglishForm,
) -> Option<String> {
    let rate = percent(p.rate_percent?);
    let basis = p.basis.days();
    let from = letter_date(p.from, lang, form);
    let to = letter_date(p.to, lang, form);
    let principal = money(p.principal);
    let days = p.days;
    Some(match lang {
        Lang::Zh => {
            let rate = match p.unit {
                RateUnit::Day => format!("日利率{rate}"),
                RateUnit::Month => format!("月利率{rate}（一年按{basis}天计）"),
                RateUnit::Year => format!("年利率{rate}（一年按{basis}天计）"),
            };
            format!("以{principal}为基数，自{from}至{to}共{days}天，按{rate}计算")
        }
        Lang::En => {
            let rate = match p.unit {
                RateUnit::Day => format!("{rate} a day"),
                RateUnit::Month => format!("{rate} a month ({basis}-day year)"),
                RateUnit::Year => format!("{rate} a year ({basis}-day year)"),
            };
            let day_word = if days == 1 { "day" } else { "days" };
            let days = if days == 1 {
                String::new()
            } else {
                days.to_string()
            };
            format!("on {principal} for the {days} {day_word} from {from} to {to} at {rate}")
        }
    })
}

/// What one more day adds under the period's rate, to the cent (what runs on after the
/// letter date until payment). None without a known rate.
pub fn daily_amount(p: &ChargePeriod) -> Option<Decimal> {
    if let Some(daily) = p.daily_amount {
        return Some(daily);
    }
    let rate = p.rate_percent? / Decimal::ONE_HUNDRED;
    let basis = Decimal::from(p.basis.days());
    let per_day = match p.unit {
        RateUnit::Day => p.principal.checked_mul(rate)?,
        RateUnit::Month => p
            .principal
            .checked_mul(rate)?
            .checked_mul(Decimal::from(12))?
            .checked_div(basis)?,
        RateUnit::Year => p.principal.checked_mul(rate)?.checked_div(basis)?,
    };
    Some(crate::money::round_cents(per_day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letters::ContractWords;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_contract_is_cited_in_each_language_s_own_order() {
        let terms = ContractTerms {
            number: "HT-2025-018".into(),
            date: Some(day(2025, 3, 1)),
            zh: ContractWords {
                name: "《购销合同》".into(),
                clause: "第五条".into(),
                forum: "宁波仲裁委员会".into(),
                ..Default::default()
            },
            en: ContractWords {
                name: "Sales Contract".into(),
                clause: "clause 5".into(),
                ..Default::default()
            },
        };
        assert_eq!(
            contract_cited(&terms, Lang::Zh, EnglishForm::British),
            "双方签订的《购销合同》（合同编号：HT-2025-018，签订日期：2025年3月1日）第五条"
        );
        assert_eq!(
            contract_cited(&terms, Lang::En, EnglishForm::American),
            "clause 5 of our Sales Contract no. HT-2025-018 dated March 1, 2025"
        );
        assert_eq!(
            forum_action(&terms, Lang::Zh),
            "依约向宁波仲裁委员会申请仲裁"
        );
        assert!(forum_action(&terms, Lang::En).contains("court or arbitration"));
    }

    #[test]
    fn the_sme_regulation_is_cited_only_for_a_large_or_public_debtor() {
        let terms = ContractTerms::default();
        let basis = |large, date| {
            charge_basis(
                RuleKind::CnSmeRegulation,
                None,
                &terms,
                large,
                date,
                Lang::Zh,
            )
        };
        assert_eq!(basis(false, day(2025, 11, 20)), None);
        assert!(basis(true, day(2025, 11, 20))
            .unwrap()
            .contains("第802号）第十七条"));
        assert!(basis(true, day(2025, 5, 31))
            .unwrap()
            .contains("第728号）第十五条"));
    }
}
