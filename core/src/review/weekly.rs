//! The one-page weekly report for management: the KPIs, the change since the last snapshot,
//! the ten largest overdue customers with their stage and next step, and the customers newly
//! at risk; as rows for the page and as CSV.

use rust_decimal::Decimal;

use super::changes::{ChangeKind, Changes};
use super::kpi::{Kpi, Kpis};
use crate::export::{neutralize, BOM};
use crate::i18n::Lang;
use crate::money::format_plain;
use crate::playbook::{describe_when, RiskLevel, Stage};
use crate::report::Report;

/// How many customers the "largest overdue" list names.
pub const TOP_OVERDUE: usize = 10;
/// How many customers the "newly at risk" list names.
pub const NEWLY_AT_RISK: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverdueCustomer {
    pub customer: String,
    pub currency: String,
    pub overdue: Decimal,
    pub oldest_days: Option<i64>,
    pub risk: RiskLevel,
    /// The most advanced stage of its invoices.
    pub stage: Stage,
    /// The earliest step not done, said with its day.
    pub next_step: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AtRisk {
    pub customer: String,
    pub currency: String,
    pub then_overdue: Decimal,
    pub now_overdue: Decimal,
    pub why: ChangeKind,
}

/// A count and the amount of one kind of change, per currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeLine {
    pub kind: ChangeKind,
    pub currency: String,
    pub count: usize,
    pub amount: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weekly {
    pub kpis: Vec<Kpis>,
    pub changes: Vec<ChangeLine>,
    pub top_overdue: Vec<OverdueCustomer>,
    pub newly_at_risk: Vec<AtRisk>,
}

/// The report of the ledger on the page (`report`), against `changes` when there is an
/// earlier snapshot.
pub fn weekly(report: &Report, kpis: Vec<Kpis>, changes: Option<&Changes>, lang: Lang) -> Weekly {
    let mut top: Vec<OverdueCustomer> = report
        .playbook
        .customers
        .iter()
        .filter(|c| c.overdue > Decimal::ZERO)
        .map(|c| {
            let assessments = report
                .rows()
                .filter(|row| {
                    row.invoice.customer == c.customer && row.invoice.currency == c.currency
                })
                .map(|row| row.assessment);
            let mut stage = Stage::Closed;
            let mut next = None;
            for a in assessments {
                stage = stage.max(a.stage);
                if let Some(n) = a.next_action {
                    next = Some(next.map_or(
                        n,
                        |m: crate::playbook::NextAction| {
                            if n.date < m.date {
                                n
                            } else {
                                m
                            }
                        },
                    ));
                }
            }
            OverdueCustomer {
                customer: c.customer.clone(),
                currency: c.currency.clone(),
                overdue: c.overdue,
                oldest_days: c.oldest_days_past_due,
                risk: c.level,
                stage,
                next_step: next
                    .map(|n| {
                        format!(
                            "{}（{}）",
                            n.action.describe(lang),
                            describe_when(n.date, report.as_of, lang)
                        )
                    })
                    .map(|s| match lang {
                        Lang::Zh => s,
                        Lang::En => s.replacen('（', " (", 1).replacen('）', ")", 1),
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    top.sort_by(|a, b| {
        a.currency
            .cmp(&b.currency)
            .then(b.overdue.cmp(&a.overdue))
            .then(a.customer.cmp(&b.customer))
    });
    // Ten per currency: amounts in different currencies are not ranked against each other.
    let mut per_currency = std::collections::BTreeMap::<String, usize>::new();
    top.retain(|c| {
        let n = per_currency.entry(c.currency.clone()).or_default();
        *n += 1;
        *n <= TOP_OVERDUE
    });

    let mut lines: Vec<ChangeLine> = Vec::new();
    let mut at_risk = Vec::new();
    if let Some(changes) = changes {
        for change in &changes.invoices {
            let amount = match change.kind {
                ChangeKind::PaidInFull | ChangeKind::PartlyPaid => change.collected,
                _ => change.at_stake(),
            };
            match lines
                .iter_mut()
                .find(|l| l.kind == change.kind && l.currency == change.currency)
            {
                Some(line) => {
                    line.count += 1;
                    line.amount = line.amount.saturating_add(amount);
                }
                None => lines.push(ChangeLine {
                    kind: change.kind,
                    currency: change.currency.clone(),
                    count: 1,
                    amount,
                }),
            }
        }
        lines.sort_by(|a, b| a.kind.cmp(&b.kind).then(a.currency.cmp(&b.currency)));
        at_risk = changes
            .customers
            .iter()
            .filter(|c| c.worsened() && c.worst.is_some_and(ChangeKind::is_worse))
            .take(NEWLY_AT_RISK)
            .map(|c| AtRisk {
                customer: c.customer.clone(),
                currency: c.currency.clone(),
                then_overdue: c.then_overdue,
                now_overdue: c.now_overdue,
                why: c.worst.unwrap_or(ChangeKind::Unchanged),
            })
            .collect();
    }
    Weekly {
        kpis,
        changes: lines,
        top_overdue: top,
        newly_at_risk: at_risk,
    }
}

/// The report as CSV: one table of `section, currency, item, value, detail` rows, so that it
/// opens as one sheet. Excel-safe (formula-like text neutralised) with a BOM for Excel.
pub fn weekly_csv(weekly: &Weekly, lang: Lang) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = lang.pick(
        ["栏目", "币种", "项目", "数值", "说明"],
        ["section", "currency", "item", "value", "detail"],
    );
    let _ = writer.write_record(header);
    let mut row = |section: &str, currency: &str, item: &str, value: String, detail: String| {
        let _ = writer.write_record([
            section.to_string(),
            neutralize(currency),
            neutralize(item),
            value,
            neutralize(&detail),
        ]);
    };
    for k in &weekly.kpis {
        for kpi in Kpi::ALL {
            let value = kpi.raw(k).map(format_plain).unwrap_or_default();
            row(
                lang.pick("指标", "kpi"),
                &k.currency,
                kpi.name(lang),
                value,
                kpi.formula(k, lang),
            );
        }
    }
    for line in &weekly.changes {
        row(
            lang.pick("变化", "change"),
            &line.currency,
            line.kind.describe(lang),
            format_plain(line.amount),
            format!("{}{}", line.count, lang.pick(" 张发票", " invoices")),
        );
    }
    for c in &weekly.top_overdue {
        row(
            lang.pick("逾期最多的客户", "largest overdue"),
            &c.currency,
            &c.customer,
            format_plain(c.overdue),
            format!(
                "{} · {} · {}",
                c.risk.describe(lang),
                c.stage.describe(lang),
                c.next_step
            ),
        );
    }
    for c in &weekly.newly_at_risk {
        row(
            lang.pick("新增风险客户", "newly at risk"),
            &c.currency,
            &c.customer,
            format_plain(c.now_overdue),
            format!(
                "{} {} → {}",
                c.why.describe(lang),
                format_plain(c.then_overdue),
                format_plain(c.now_overdue)
            ),
        );
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}
