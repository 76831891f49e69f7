//! Acceptance cases for the LPR rule (`cn-lpr`, issue 21) taken from published decisions: the
//! principal, the period, the LPR basis and the figure, as the published text states them.
//!
//! What the stored corpus gave (searched with the `search` tool, corpus `pages`, for
//! "一年期贷款市场报价利率 计算 利息 判决 元", "资金占用损失 LPR 自 至 计算", "以…为基数 按照 LPR
//! 标准 计算至", "暂计 元 以 为基数 一年期贷款市场报价利率", "来源:中国裁判文书网 … 贷款市场报价利率"):
//! mostly rate tables and explainers; three decisions state principal, period, basis and a
//! figure. All three figures are the claimant's 暂计 (the interest "so far" on a continuing
//! claim), recorded in the decision's text, not a sum the court itself computed; courts award
//! the continuing interest by its rule ("计至实际清偿之日止") without a figure.
//!
//! 1. The decision quoted on a Q&A page (below): matches to the fen. Floating, × 1, /360, both
//!    ends counted, across four LPR changes.
//! 2. (2022)粤01民终26765号 (广东省广州市中级人民法院, recording the first-instance claim of
//!    (2022)粤0111民初16178号): 2 fen from ours under the nearest convention (below).
//! 3. (2023)琼9025民初9号 (海南省白沙黎族自治县人民法院): 1,763,083.66元 from 2021-03-09 to
//!    2023-01-08 at "全国…" (the excerpt is cut before the basis), claimed 124,444.32元. No
//!    combination of /360 or /365, fixed or floating, × 1, and either end counted or not gives
//!    it (the nearest: fixed 3.85 % /365, neither end counted, 124,413.33); the basis the
//!    claimant used is not in the excerpt, so it is not a test.
//!
//! No published case with /365, or with an LPR fixed at the breach, stated enough figures to
//! test; those conventions keep their hand-worked cases in `lpr_rule.rs` (marked as such).

use std::str::FromStr;

use chrono::NaiveDate;
use overdue_core::charges::{
    breakdown_text, compute_with, lpr_lines, Charge, ChargeInput, ChargeRuleParams, DayBasis,
    LprMode, RuleKind,
};
use overdue_core::i18n::Lang;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The court's usual award: LPR × 1, floating (同期), /360, both ends counted.
fn court_lpr() -> ChargeRuleParams {
    let mut params = ChargeRuleParams::new(RuleKind::CnLpr);
    params.lpr_mode = LprMode::Floating;
    params.lpr_day_basis = DayBasis::Days360;
    params.lpr_both_ends = true;
    params
}

/// Interest from `first` through `last` on an unpaid principal: due the day before `first`,
/// counted to the as-of date `last`.
fn unpaid(principal: &str, first: NaiveDate, last: NaiveDate) -> ChargeInput<'static> {
    ChargeInput {
        principal: d(principal),
        currency: "CNY",
        due_date: first.pred_opt().unwrap(),
        paid_date: None,
        as_of: last,
    }
}

/// (from, to, days, rate applied, publication of the LPR read, amount to the fen)
fn lines(charge: &Charge) -> Vec<(NaiveDate, NaiveDate, i64, Decimal, NaiveDate, Decimal)> {
    lpr_lines(charge)
        .into_iter()
        .map(|l| {
            (
                l.from,
                l.to,
                l.days,
                l.rate_percent.unwrap(),
                l.published_on.unwrap(),
                l.amount,
            )
        })
        .collect()
}

/// A judgment against a company for 320,000元 of goods, quoted by the company on a public
/// accounting Q&A page (question 10032914, "企业有一笔32万的货款败诉"; the page gives neither the
/// court nor the case number):
///
/// > 上述费用利息暂计18475.56元（以320000为基数，自2023年5月16日起按同期一年期贷款市场报价利率
/// > 计算至实际付清之日止，暂计算至2025年1月14日，为18475.56元）
///
/// Source: http://m.yinshua168.com.cn/wenda/detail/nofollow/xt/10032914 (as the corpus gives
/// it; a mirror of a chinaacc.com Q&A page), asked 2025.
///
/// The asker tried 320,000 × 3.1 % ÷ 12 × 20 months = 16,533.33; the figure is in fact the
/// floating LPR, /360, from 16 May 2023 through 14 January 2025 with both ends counted — five
/// periods, each at the LPR published on the day it starts:
/// - 2023-05-16 – 2023-06-19, 35 days at 3.65 % (published 2022-08-22): 1,135.56
/// - 2023-06-20 – 2023-08-20, 62 days at 3.55 %: 1,956.44
/// - 2023-08-21 – 2024-07-21, 336 days at 3.45 %: 10,304.00
/// - 2024-07-22 – 2024-10-20, 91 days at 3.35 %: 2,709.78
/// - 2024-10-21 – 2025-01-14, 86 days at 3.10 %: 2,369.78
/// - 610 days, 18,475.56元 — the judgment's figure to the fen.
#[test]
fn a_judgments_floating_lpr_over_360_across_four_changes_to_the_fen() {
    let params = court_lpr();
    let charge = compute_with(
        &params,
        &unpaid("320000", date(2023, 5, 16), date(2025, 1, 14)),
    );
    assert_eq!(charge.interest, d("18475.56"));
    assert_eq!(charge.days, 610);
    assert!(charge.warnings.is_empty(), "{:?}", charge.warnings);
    assert_eq!(
        lines(&charge),
        vec![
            (
                date(2023, 5, 16),
                date(2023, 6, 19),
                35,
                d("3.65"),
                date(2022, 8, 22),
                d("1135.56")
            ),
            (
                date(2023, 6, 20),
                date(2023, 8, 20),
                62,
                d("3.55"),
                date(2023, 6, 20),
                d("1956.44")
            ),
            (
                date(2023, 8, 21),
                date(2024, 7, 21),
                336,
                d("3.45"),
                date(2023, 8, 21),
                d("10304.00")
            ),
            (
                date(2024, 7, 22),
                date(2024, 10, 20),
                91,
                d("3.35"),
                date(2024, 7, 22),
                d("2709.78")
            ),
            (
                date(2024, 10, 21),
                date(2025, 1, 14),
                86,
                d("3.10"),
                date(2024, 10, 21),
                d("2369.78")
            ),
        ]
    );
    // The breakdown a user lays next to the judgment: the total line carries its figure.
    let zh = breakdown_text(&charge, &params, Lang::Zh, "CNY");
    assert!(
        zh.iter()
            .any(|l| l.contains("合计610天") && l.contains("18,475.56")),
        "{zh:?}"
    );
    assert!(zh[0].starts_with("2023-05-16至2023-06-19，35天，年利率3.65%"));
    let first = &lpr_lines(&charge)[0];
    assert_eq!(first.basis(Lang::Zh), "LPR 3.65%（2022-08-22公布）");
}

/// (2022)粤01民终26765号, 广东省广州市中级人民法院 (second instance; the claim recorded is the
/// first-instance claim in (2022)粤0111民初16178号, 广州市白云区人民法院):
///
/// > 资金占用费18334.99元（自2020年9月21日起，以210017.5元为基数，按同期全国银行间同业拆借中心
/// > 公布的贷款市场报价利率的1.5倍计算利息，计至实际清偿之日止，现暂计至2022年3月22日）
///
/// Source: https://m.cbi360.net/hhb/sg_932217/fy_23898385.html (a reprint of the 中国裁判文书网
/// text, as the corpus gives it).
///
/// The nearest convention is LPR × 1.5, floating, /360, from 21 September 2020, the end day
/// (22 March 2022) not counted: 15,329.09 + 1,030.84 + 1,975.04 = 18,334.97 — 2 fen below the
/// claim. The next nearest (the first day not counted instead of the last) is 1.34元 below, the
/// rest (/365, fixed) are 30元 or more away; how the claimant rounded is not stated. The test pins the 2 fen so that a change in our arithmetic
/// shows, and so that nobody mistakes this for a to-the-fen match.
#[test]
fn a_claim_at_one_and_a_half_times_the_lpr_comes_within_two_fen() {
    let mut params = court_lpr();
    params.lpr_multiplier = d("1.5");
    params.lpr_both_ends = false;
    // Due 20 September 2020; as of 22 March 2022, which is not counted.
    let charge = compute_with(
        &params,
        &ChargeInput {
            principal: d("210017.5"),
            currency: "CNY",
            due_date: date(2020, 9, 20),
            paid_date: None,
            as_of: date(2022, 3, 22),
        },
    );
    let claimed = d("18334.99");
    assert_eq!(charge.interest, d("18334.97"));
    assert_eq!(claimed - charge.interest, d("0.02"));
    let periods: Vec<(NaiveDate, NaiveDate, i64, Decimal)> = lines(&charge)
        .into_iter()
        .map(|(from, to, days, rate, _, _)| (from, to, days, rate))
        .collect();
    assert_eq!(
        periods,
        vec![
            (date(2020, 9, 21), date(2021, 12, 19), 455, d("5.775")),
            (date(2021, 12, 20), date(2022, 1, 19), 31, d("5.7")),
            (date(2022, 1, 20), date(2022, 3, 21), 61, d("5.55")),
        ]
    );
    assert_eq!(
        lpr_lines(&charge)[0].basis(Lang::En),
        "LPR 3.85% (published 2020-04-20) × 1.5"
    );
}
