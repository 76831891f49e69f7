//! The words and formulas of the late-charges breakdown, in both languages. Kept here, next to
//! the engine, so that the page, the export and the letters say exactly the same thing.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{
    Adjustment, ChargeFee, ChargeNotice, ChargePeriod, ChargeWarning, DayBasis, DayCount, FeeKind,
    LprMode, RateOrigin, RateTable, RateUnit, Rounding, RuleKind, Setting,
};
use crate::dates::iso;
use crate::i18n::Lang;
use crate::money::{format_grouped, format_money, round_cents};

/// `12.25%`, `8.50%`, `4.875%`, `0.05%`: at least two decimals, no trailing zeros beyond.
pub fn format_percent(rate: Decimal) -> String {
    let rate = rate.normalize();
    if rate.scale() < 2 {
        format!("{rate:.2}%")
    } else {
        format!("{rate}%")
    }
}

/// An amount with its currency code in front, or bare when `currency` is empty.
fn amount(value: Decimal, currency: &str) -> String {
    let currency = currency.trim();
    if currency.is_empty() {
        format_grouped(value)
    } else {
        format_money(value, currency)
    }
}

fn or_unstated(source: &str, lang: Lang) -> String {
    let source = source.trim();
    if source.is_empty() {
        lang.pick("未注明", "not given").to_string()
    } else {
        source.to_string()
    }
}

fn points(value: Decimal) -> String {
    value.normalize().to_string()
}

impl RuleKind {
    /// The rule's name, for the `<select>` and the breakdown.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            RuleKind::None => lang.pick("不计逾期费用", "No late charges"),
            RuleKind::Contract => lang.pick("按合同约定", "As agreed in the contract"),
            RuleKind::UkStatutory => lang.pick(
                "英国法定逾期利息（1998年商业债务逾期付款法）",
                "UK statutory interest (Late Payment of Commercial Debts Act 1998)",
            ),
            RuleKind::EuDirective => lang.pick(
                "欧盟逾期付款指令最低标准（2011/7/EU）",
                "EU Late Payment Directive minimum (2011/7/EU)",
            ),
            RuleKind::DeBgb288 => lang.pick(
                "德国《民法典》第288条（企业之间）",
                "Germany §288 BGB (business to business)",
            ),
            RuleKind::FrL441_10 => lang.pick(
                "法国《商法典》L441-10条",
                "France, Code de commerce L441-10",
            ),
            RuleKind::CnSmeRegulation => lang.pick(
                "《保障中小企业款项支付条例》（日万分之五）",
                "China: SME Payment Regulation (0.05 % a day)",
            ),
            RuleKind::CnSaleLpr => lang.pick(
                "买卖合同：一年期LPR加计30%–50%",
                "China: sale contracts, 1-year LPR × 1.3–1.5",
            ),
            RuleKind::CnLpr => lang.pick(
                "按一年期LPR计息（倍数或加点，按合同或判决的口径）",
                "China: interest on the 1-year LPR (a multiple or a margin, as the contract or judgment says)",
            ),
            RuleKind::UsPromptPayment => {
                lang.pick("美国联邦《及时付款法》", "US federal Prompt Payment Act")
            }
        }
    }
}

impl RateUnit {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RateUnit::Year => lang.pick("年利率", "a year"),
            RateUnit::Month => lang.pick("月利率", "a month"),
            RateUnit::Day => lang.pick("日利率", "a day"),
        }
    }
}

impl DayBasis {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DayBasis::Days365 => lang.pick("一年按365天", "365-day year"),
            DayBasis::Days360 => lang.pick("一年按360天", "360-day year"),
        }
    }
}

impl DayCount {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DayCount::AfterDue => lang.pick(
                "自到期日次日起算，含付款日",
                "From the day after the due date, through the payment date",
            ),
            DayCount::IncludeDue => lang.pick(
                "自到期日当日起算，含付款日",
                "From the due date itself, through the payment date",
            ),
            DayCount::ExcludeEnd => lang.pick(
                "自到期日次日起算，不含付款日",
                "From the day after the due date, to the day before payment",
            ),
        }
    }
}

impl Rounding {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Rounding::End => lang.pick(
                "最后一次四舍五入到分",
                "Rounded half-up to the cent once, at the end",
            ),
            Rounding::Daily => lang.pick(
                "每日利息先四舍五入到分，再乘以天数",
                "One day's interest rounded to the cent, then times the days",
            ),
        }
    }
}

impl LprMode {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            LprMode::Fixed => lang.pick("违约时的LPR，固定不变", "LPR at the breach, fixed"),
            LprMode::Floating => lang.pick("同期LPR，随调整浮动", "LPR in force, floating"),
        }
    }
}

impl ChargePeriod {
    /// The period's formula with the numbers filled in, e.g.
    /// `10,000.00 × 12.25% × 30/365 = 100.68` (with `currency` empty) or
    /// `GBP 10,000.00 × 12.25% × 30/365 = GBP 100.68`. Amounts are shown to the cent; the
    /// result is the period's interest rounded to the cent.
    pub fn formula(&self, lang: Lang, currency: &str) -> String {
        let principal = amount(self.principal, currency);
        let days = self.days;
        let basis = self.basis.days();
        let Some(rate) = self.rate_percent else {
            return match self.unit {
                RateUnit::Day => format!("{principal} × ? × {days}"),
                _ => format!("{principal} × ? × {days}/{basis}"),
            } + lang.pick("（无已知利率）", " (no rate known)");
        };
        let percent = format_percent(rate);
        let rate_term = match (self.unit, lang) {
            (RateUnit::Year, _) => percent,
            (RateUnit::Month, Lang::En) => format!("{percent}/month × 12"),
            (RateUnit::Month, Lang::Zh) => format!("月利率{percent} × 12"),
            (RateUnit::Day, Lang::En) => format!("{percent}/day"),
            (RateUnit::Day, Lang::Zh) => format!("日利率{percent}"),
        };
        let result = amount(round_cents(self.interest), currency);
        match self.daily_amount {
            None => match self.unit {
                RateUnit::Day => format!("{principal} × {rate_term} × {days} = {result}"),
                _ => format!("{principal} × {rate_term} × {days}/{basis} = {result}"),
            },
            Some(daily) => {
                let one_day = match self.unit {
                    RateUnit::Day => format!("{principal} × {rate_term}"),
                    _ => format!("{principal} × {rate_term} / {basis}"),
                };
                let daily = amount(daily, currency);
                match lang {
                    Lang::En => format!("{one_day} = {daily} a day × {days} = {result}"),
                    Lang::Zh => format!("{one_day} = 每日{daily} × {days}天 = {result}"),
                }
            }
        }
    }

    /// Where the rate comes from, e.g. `Bank Rate 5.25% on 2023-12-31 + 8 points = 13.25%`
    /// or `1-year LPR 3.10% on 2024-11-01 × 1.3 = 4.03%`.
    pub fn rate_source(&self, lang: Lang) -> String {
        let rate = self
            .rate_percent
            .map(format_percent)
            .unwrap_or_else(|| "?".to_string());
        let Some(reference) = &self.reference else {
            return match (self.unit, lang) {
                (RateUnit::Year, Lang::En) => format!("{rate} a year"),
                (RateUnit::Year, Lang::Zh) => format!("年利率{rate}"),
                (RateUnit::Month, Lang::En) => format!("{rate} a month"),
                (RateUnit::Month, Lang::Zh) => format!("月利率{rate}"),
                (RateUnit::Day, Lang::En) => format!("{rate} a day"),
                (RateUnit::Day, Lang::Zh) => format!("日利率{rate}"),
            };
        };
        let name = reference.table.short_name(lang);
        let on = iso(reference.observed_on);
        let Some(reference_rate) = reference.rate else {
            return match lang {
                Lang::En => format!("{name} on {on}: not in the table"),
                Lang::Zh => format!("{name}（{on}）：利率表中没有"),
            };
        };
        let base = format_percent(reference_rate);
        let on = match (reference.table, reference.published_on, lang) {
            (RateTable::CnLpr1Year, Some(published), Lang::En) => {
                format!("{on}, in force since {}", iso(published))
            }
            (RateTable::CnLpr1Year, Some(published), Lang::Zh) => {
                format!("{on}，{}公布起适用", iso(published))
            }
            _ => on,
        };
        let text = self.adjusted(lang, name, &base, &on, &rate);
        match (&reference.origin, lang) {
            (RateOrigin::BuiltIn, _) => text,
            (RateOrigin::UserEntered { source, .. }, Lang::En) => {
                format!(
                    "{text} [entered by you; source: {}]",
                    or_unstated(source, lang)
                )
            }
            (RateOrigin::UserEntered { source, .. }, Lang::Zh) => {
                format!("{text}【自填；来源：{}】", or_unstated(source, lang))
            }
        }
    }

    fn adjusted(&self, lang: Lang, name: &str, base: &str, on: &str, rate: &str) -> String {
        let Some(reference) = &self.reference else {
            return String::new();
        };
        match (reference.adjustment, lang) {
            (Adjustment::None, Lang::En) => format!("{name} on {on}: {base}"),
            (Adjustment::None, Lang::Zh) => format!("{name}（{on}）：{base}"),
            (Adjustment::PlusPoints(p), Lang::En) => {
                format!("{name} {base} on {on} + {} points = {rate}", points(p))
            }
            (Adjustment::PlusPoints(p), Lang::Zh) => {
                format!("{name} {base}（{on}）+ {}个百分点 = {rate}", points(p))
            }
            (Adjustment::Times(m), Lang::En) => {
                format!("{name} {base} on {on} × {} = {rate}", points(m))
            }
            (Adjustment::Times(m), Lang::Zh) => {
                format!("{name} {base}（{on}）× {} = {rate}", points(m))
            }
            (Adjustment::PlusBasisPoints(b), Lang::En) => {
                format!(
                    "{name} {base} on {on} + {} basis points = {rate}",
                    points(b)
                )
            }
            (Adjustment::PlusBasisPoints(b), Lang::Zh) => {
                format!("{name} {base}（{on}）+ {}个基点 = {rate}", points(b))
            }
        }
    }
}

impl ChargeFee {
    /// What the sum is and where it comes from.
    pub fn label(&self, lang: Lang) -> String {
        match self.kind {
            FeeKind::ContractFixed => lang
                .pick(
                    "逾期发票固定费用（合同约定）",
                    "Fixed fee per overdue invoice (contract)",
                )
                .to_string(),
            FeeKind::ContractPercent { percent } => {
                let p = format_percent(percent);
                match lang {
                    Lang::En => format!("One-off fee of {p} of the outstanding (contract)"),
                    Lang::Zh => format!("一次性费用：未付金额的{p}（合同约定）"),
                }
            }
            FeeKind::Statutory { rule } => statutory_fee_label(rule, lang).to_string(),
        }
    }
}

fn statutory_fee_label(rule: RuleKind, lang: Lang) -> &'static str {
    match rule {
        RuleKind::UkStatutory => lang.pick(
            "固定补偿金（1998年商业债务逾期付款法第5A条：债务不足1,000英镑为40英镑，不足10,000英镑为70英镑，10,000英镑及以上为100英镑）",
            "Fixed sum, Late Payment Act s.5A (debt under £1,000: £40; under £10,000: £70; £10,000 or more: £100)",
        ),
        RuleKind::EuDirective => lang.pick(
            "追讨费用固定补偿（第2011/7/EU号指令第6条，至少40欧元）",
            "Fixed compensation for recovery costs, Directive 2011/7/EU art. 6 (at least €40)",
        ),
        RuleKind::DeBgb288 => lang.pick(
            "逾期总额补偿（《德国民法典》第288条第5款，40欧元）",
            "Verzugspauschale, §288(5) BGB (€40)",
        ),
        RuleKind::FrL441_10 => lang.pick(
            "追讨费用固定补偿（法国《商法典》L441-10条，每张发票40欧元）",
            "Indemnité forfaitaire pour frais de recouvrement, C. com. L441-10 (€40 per invoice)",
        ),
        _ => lang.pick("法定固定金额", "Statutory fixed sum"),
    }
}

fn setting_name(setting: Setting, lang: Lang) -> &'static str {
    match setting {
        Setting::FixedFee => lang.pick("固定费用", "The fixed fee"),
        Setting::PercentFee => lang.pick("一次性百分比费用", "The one-off percentage"),
        Setting::Rate => lang.pick("利率", "The interest rate"),
        Setting::CapAmount => lang.pick("上限金额", "The cap amount"),
        Setting::CapPercent => lang.pick("上限百分比", "The cap percentage"),
        Setting::GraceDays => lang.pick("宽限期", "The grace period"),
        Setting::CnAgreedRate => lang.pick("约定利率", "The agreed rate"),
        Setting::LprMultiplier => lang.pick("LPR倍数", "The LPR multiplier"),
        Setting::LprMargin => lang.pick("LPR加点", "The LPR margin"),
    }
}

fn day(date: NaiveDate) -> String {
    iso(date)
}

impl ChargeWarning {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ChargeWarning::RateUnknown {
                table,
                rate_date,
                from,
                to,
                ..
            } => {
                let name = table.name(lang);
                let known = day(table.last_known());
                let (rate_date, from, to) = (day(*rate_date), day(*from), day(*to));
                match lang {
                    Lang::En => format!(
                        "The {name} table has no rate for {rate_date} (it is known up to {known}), \
                         so no interest was computed for {from} to {to}."
                    ),
                    Lang::Zh => format!(
                        "{name}表中没有{rate_date}的利率（已知至{known}），{from}至{to}未计利息。"
                    ),
                }
            }
            ChargeWarning::CurrencyMismatch {
                rule_currency,
                invoice_currency,
            } => match lang {
                Lang::En => format!(
                    "This rule is defined in {rule_currency}, but the invoice is in \
                     {invoice_currency}: the figures were computed as if in {invoice_currency}, \
                     and the fixed sum in particular is defined in {rule_currency}."
                ),
                Lang::Zh => format!(
                    "该规则以{rule_currency}计，而发票币种为{invoice_currency}：金额按{invoice_currency}计算，其中固定补偿金的法定币种为{rule_currency}。"
                ),
            },
            ChargeWarning::CnAgreedRateBelowLpr {
                agreed_annual_percent,
                lpr_percent,
                contract_date,
            } => {
                let (a, l, c) = (
                    format_percent(*agreed_annual_percent),
                    format_percent(*lpr_percent),
                    day(*contract_date),
                );
                match lang {
                    Lang::En => format!(
                        "The agreed rate ({a} a year) is below the 1-year LPR on the contract \
                         date {c} ({l}); the regulation does not allow an agreed rate below it."
                    ),
                    Lang::Zh => format!(
                        "约定利率（年化{a}）低于合同订立时（{c}）的一年期LPR（{l}），不符合条例“约定利率不得低于合同订立时1年期贷款市场报价利率”的规定。"
                    ),
                }
            }
            ChargeWarning::CnContractDateMissing => lang
                .pick(
                    "请填写合同订立日期，以核对约定利率是否低于当时的一年期LPR。",
                    "Enter the contract date to check the agreed rate against the 1-year LPR at contract time.",
                )
                .to_string(),
            ChargeWarning::CnLprUnknownOnContractDate { contract_date } => {
                let c = day(*contract_date);
                let known = day(RateTable::CnLpr1Year.last_known());
                match lang {
                    Lang::En => format!(
                        "No 1-year LPR is known for the contract date {c} (the table covers \
                         2019-08-20 to {known}), so the agreed rate was not checked against it."
                    ),
                    Lang::Zh => format!(
                        "合同订立日{c}无已知的一年期LPR（利率表范围为2019-08-20至{known}），未核对约定利率。"
                    ),
                }
            }
            ChargeWarning::MultiplierOutOfRange { given, used } => {
                let (g, u) = (points(*given), points(*used));
                match lang {
                    Lang::En => format!(
                        "The multiplier must be between 1.3 and 1.5 (LPR plus 30–50 %); {g} was \
                         replaced by {u}."
                    ),
                    Lang::Zh => format!("加计倍数应在1.3至1.5之间（加计30%–50%），已将{g}改为{u}。"),
                }
            }
            ChargeWarning::InvalidSetting(Setting::GraceDays) => lang
                .pick(
                    "宽限期超过100年，已忽略。",
                    "The grace period is longer than 100 years; it was ignored.",
                )
                .to_string(),
            ChargeWarning::InvalidSetting(Setting::LprMultiplier) => lang
                .pick(
                    "LPR倍数必须大于零，未计利息。",
                    "The LPR multiplier must be above zero; no interest was computed.",
                )
                .to_string(),
            ChargeWarning::InvalidSetting(Setting::LprMargin) => lang
                .pick(
                    "LPR加点应在−1000至10000个基点之间，未计利息。",
                    "The LPR margin must be between −1,000 and 10,000 basis points; no interest was computed.",
                )
                .to_string(),
            ChargeWarning::LprStartOutOfRange { given } => {
                let g = day(*given);
                match lang {
                    Lang::En => format!(
                        "The interest start date {g} is outside 1900–2200; the day after the due date was used."
                    ),
                    Lang::Zh => format!("起息日{g}超出1900–2200年范围，已改为到期日次日。"),
                }
            }
            ChargeWarning::InvalidSetting(setting) => {
                let name = setting_name(*setting, lang);
                match lang {
                    Lang::En => format!("{name} cannot be negative; it was ignored."),
                    Lang::Zh => format!("{name}不能为负数，已忽略。"),
                }
            }
            ChargeWarning::DateOutOfRange => lang
                .pick(
                    "日期超出1900–2200年范围，未计算逾期费用。",
                    "A date is outside 1900–2200; no late charge was computed.",
                )
                .to_string(),
            ChargeWarning::AmountTooLarge => lang
                .pick(
                    "金额过大，未计算逾期费用。",
                    "The amount is too large; no late charge was computed.",
                )
                .to_string(),
            ChargeWarning::Overflow => lang
                .pick(
                    "参数导致数值过大，未计算逾期费用，请检查利率和费用。",
                    "The settings give numbers too large to compute; no late charge was computed. Check the rate and fees.",
                )
                .to_string(),
        }
    }
}

impl ChargeNotice {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ChargeNotice::Scope(rule) => scope(*rule, lang).to_string(),
            ChargeNotice::NotOverdue => lang
                .pick(
                    "按期付款或尚未逾期：不计逾期费用。",
                    "Paid on time or not yet overdue: nothing is charged.",
                )
                .to_string(),
            ChargeNotice::WithinGrace { ends } => {
                let ends = day(*ends);
                match lang {
                    Lang::En => format!(
                        "Within the grace period, which ends on {ends}: nothing is charged yet."
                    ),
                    Lang::Zh => format!("仍在宽限期内（至{ends}）：暂不计逾期费用。"),
                }
            }
            ChargeNotice::NothingOwed => lang
                .pick(
                    "没有未付金额：不计逾期费用。",
                    "Nothing is outstanding: nothing is charged.",
                )
                .to_string(),
            ChargeNotice::CapApplied { uncapped, cap } => {
                let (u, c) = (format_grouped(*uncapped), format_grouped(*cap));
                match lang {
                    Lang::En => format!(
                        "The agreed cap of {c} applies (the charge would otherwise be {u})."
                    ),
                    Lang::Zh => format!("已按约定上限{c}计收（否则为{u}）。"),
                }
            }
            ChargeNotice::CnSmeNotBefore20200901 { from, to } => {
                let (f, t) = (day(*from), day(*to));
                match lang {
                    Lang::En => format!(
                        "The regulation's 0.05 % a day applies only from 2020-09-01, when it came \
                         into force; {f} to {t} carry no interest under it (People's Court case \
                         database no. 2023-08-2-084-007)."
                    ),
                    Lang::Zh => format!(
                        "条例自2020年9月1日起施行，不溯及既往：{f}至{t}不按日万分之五计息（人民法院案例库 入库编号2023-08-2-084-007）。"
                    ),
                }
            }
            ChargeNotice::CnBenchmarkBeforeLpr => lang
                .pick(
                    "违约行为发生在2019年8月20日之前，以中国人民银行同期同类人民币贷款基准利率代替LPR计算。",
                    "The breach happened before 2019-08-20, so the PBOC benchmark lending rate takes the place of the LPR.",
                )
                .to_string(),
            ChargeNotice::LprStartsAfterEnd { start } => {
                let s = day(*start);
                match lang {
                    Lang::En => format!("Interest starts on {s}, after the end date: nothing is due yet."),
                    Lang::Zh => format!("起息日为{s}，晚于截止日：暂不计息。"),
                }
            }
            ChargeNotice::LprNotBefore20190820 { from, to } => {
                let (f, t) = (day(*from), day(*to));
                match lang {
                    Lang::En => format!(
                        "The LPR was first published on 2019-08-20; {f} to {t} carry no interest under this rule."
                    ),
                    Lang::Zh => format!("LPR自2019年8月20日起发布，{f}至{t}不按本规则计息。"),
                }
            }
            ChargeNotice::UserRateUsed {
                table,
                percent,
                in_force_from,
                source,
            } => {
                let (name, p, f) = (table.name(lang), format_percent(*percent), day(*in_force_from));
                let s = or_unstated(source, lang);
                match lang {
                    Lang::En => format!(
                        "{name} {p} from {f} was entered by you, not taken from the page's table (source: {s})."
                    ),
                    Lang::Zh => format!("{f}起的{name}{p}为自填数值，并非页面内置利率表（来源：{s}）。"),
                }
            }
            ChargeNotice::UsOneYearLimit { last_day } => {
                let l = day(*last_day);
                match lang {
                    Lang::En => format!(
                        "Interest stops accruing one year after the due date; it was computed \
                         up to {l}."
                    ),
                    Lang::Zh => format!("利息最多计至到期日后一年，即{l}。"),
                }
            }
            ChargeNotice::UsUnderOneDollar => lang
                .pick(
                    "不足1美元的利息罚金可以不付（5 CFR 1315.10）。",
                    "Interest penalties under $1 need not be paid (5 CFR 1315.10).",
                )
                .to_string(),
            ChargeNotice::DeEightPointsBefore2014 => lang
                .pick(
                    "2014年7月28日及之前产生的债务，加点为8个百分点而非9个。",
                    "For obligations that arose on or before 28 July 2014 the margin is 8 points, not 9.",
                )
                .to_string(),
        }
    }
}

/// Who a statutory rule applies to and what it leaves out.
fn scope(rule: RuleKind, lang: Lang) -> &'static str {
    match rule {
        RuleKind::UkStatutory => lang.pick(
            "英国法定利息适用于企业之间的债务，且合同未就逾期付款约定实质性救济（第8–9条）。参考利率为利息起算前最近的6月30日或12月31日的英格兰银行基准利率，整笔债务适用同一利率；单利，按365天计。超出固定补偿金的合理追讨费用可另行主张。",
            "UK statutory interest applies to business-to-business debts where the contract gives no substantial remedy for late payment (ss.8–9). The reference rate is the Bank Rate on the 30 June or 31 December before interest starts to run, fixed for the life of the debt; simple interest, divided by 365. Reasonable recovery costs above the fixed sum may also be claimed.",
        ),
        RuleKind::EuDirective => lang.pick(
            "指令规定的最低标准，适用于企业之间及公共机构付款的交易：上半年按1月1日、下半年按7月1日有效的欧洲央行利率加8个百分点，单利，按365天计，另加每笔债务至少40欧元。以各成员国法律为准，可能更高。",
            "The Directive's minimum for business-to-business and public-authority debts: the ECB rate in force on 1 January (first half-year) or 1 July (second half-year) plus 8 points, simple interest, divided by 365, and at least €40 per debt. National law applies and may give more.",
        ),
        RuleKind::DeBgb288 => lang.pick(
            "《德国民法典》第288条第2款适用于不涉及消费者的交易中的价款债权：基础利率加9个百分点，基础利率于1月1日和7月1日调整；消费者交易为加5个百分点，损害赔偿债权不适用。第288条第5款的40欧元按每张发票计，并可抵扣后续的法律追讨费用。按365天计（法律未规定，实务不一）。",
            "§288(2) BGB covers payment claims (Entgeltforderungen) in transactions without a consumer: the base rate plus 9 points, the base rate changing on 1 January and 1 July; consumers get 5 points and damages claims are not covered. The €40 of §288(5) is due per invoice and is credited against later legal costs. Divided by 365 (no statute; practice varies).",
        ),
        RuleKind::FrL441_10 => lang.pick(
            "法国《商法典》L441-10条适用于企业之间：上半年按1月1日、下半年按7月1日有效的欧洲央行利率加10个百分点，无需催告即应支付，另加每张发票40欧元追讨费用补偿。合同约定的利率不得低于法定利率的三倍。",
            "France, L441-10: between businesses, the ECB rate in force on 1 January / 1 July plus 10 points, due without a reminder, plus €40 per invoice for recovery costs. An agreed rate may not be below three times the taux d'intérêt légal.",
        ),
        RuleKind::CnSmeRegulation => lang.pick(
            "本条例（国务院令第728号第十五条；2025年修订后为第802号第十七条）仅适用于机关、事业单位和大型企业迟延支付中小企业款项的情形（企业规模按合同订立时认定，中小企业应主动告知），并非一般企业间规则。未约定利率的，按每日万分之五支付逾期利息（按365天折合年利率18.25%，法院常表述为年利率18%），自2020年9月1日起适用；约定利率不得低于合同订立时1年期LPR。",
            "The regulation (State Council Decree 728, art. 15; revised as Decree 802, art. 17) applies only where a small or medium-sized enterprise is owed by a public body (机关、事业单位) or a large enterprise, sizes judged at contract time; it is not a general business-to-business rule. Without an agreed rate: 0.05 % a day (18.25 % a year on 365 days; courts often say 18 %), from 2020-09-01. An agreed rate may not be below the 1-year LPR at contract time.",
        ),
        RuleKind::CnSaleLpr => lang.pick(
            "《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》（法释〔2020〕17号）第十八条：买卖合同未约定逾期付款违约金的，人民法院可以违约行为发生时的一年期LPR为基础，加计30%–50%计算逾期付款损失。倍数、LPR是否浮动及计息天数由法院裁量，以上为所选口径。",
            "SPC sale-contract interpretation (法释〔2020〕17号) art. 18: where the contract sets no late-payment damages, a court may award the 1-year LPR at the breach plus 30–50 % (× 1.3 to 1.5). The multiplier, a fixed or floating LPR and the day basis are for the court; the figures show the choices made.",
        ),
        RuleKind::CnLpr => lang.pick(
            "按一年期贷款市场报价利率（LPR）计息：倍数（如LPR的1.5倍、上浮50%）或加点（如LPR加100个基点）、固定或浮动、按360天或365天、是否算头算尾及起息日，均按合同约定或判决所采口径选择。未约定利率时，法院常按同期LPR（即1倍、浮动）支持资金占用损失；买卖合同加计30%–50%的规则另见“买卖合同”一项。LPR自2019年8月20日起发布。",
            "Interest on the 1-year Loan Prime Rate: a multiple (1.5 times, \"上浮50%\") or a margin (plus 100 basis points), fixed or floating, /360 or /365, which days count and from when, all as the contract or the judgment says. Without an agreed rate, courts often award the LPR in force (× 1, floating) for the use of the money; the sale-contract rule's 30–50 % is a separate choice. The LPR exists from 2019-08-20.",
        ),
        RuleKind::UsPromptPayment => lang.pick(
            "美国《及时付款法》（31 U.S.C. 3901–3907；5 CFR 1315.10）适用于联邦机构逾期付款：按到期日次日有效的财政部利率计整笔债务，按360天计；每满30天未付的利息计入本金，最长计一年。",
            "Prompt Payment Act (31 U.S.C. 3901–3907; 5 CFR 1315.10): federal agencies paying late. The Treasury rate in effect the day after the due date applies to the whole debt, divided by 360; interest unpaid at the end of each 30 days is added to the principal, for up to one year.",
        ),
        RuleKind::None | RuleKind::Contract => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn percents_keep_at_least_two_decimals() {
        assert_eq!(format_percent(d("12.25")), "12.25%");
        assert_eq!(format_percent(d("8.5")), "8.50%");
        assert_eq!(format_percent(d("8.500")), "8.50%");
        assert_eq!(format_percent(d("4.875")), "4.875%");
        assert_eq!(format_percent(d("0.05")), "0.05%");
        assert_eq!(format_percent(d("10")), "10.00%");
        assert_eq!(format_percent(d("-0.88")), "-0.88%");
    }

    #[test]
    fn every_rule_warning_and_notice_has_both_languages() {
        for rule in RuleKind::ALL {
            assert!(!rule.name(Lang::Zh).is_empty());
            assert_ne!(rule.name(Lang::Zh), rule.name(Lang::En));
            if rule.is_statutory() {
                let notice = ChargeNotice::Scope(rule);
                assert!(!notice.describe(Lang::Zh).is_empty());
                assert_ne!(notice.describe(Lang::Zh), notice.describe(Lang::En));
            }
        }
    }
}
