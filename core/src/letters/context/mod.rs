//! The values a letter template sees, gathered from the report, the settings and the request.
//! Here: which invoices, the deadline, the dispute and the charges' basis ([`Facts::gather`])
//! and the subject line; beside it, by concern: `invoices` (the invoice lines, totals and
//! charges), `lists` (consequences, enclosures, the account, contact lines), `dispute` (a
//! dispute response's and a payment plan's values), `template` (everything as the template's
//! one value), `values` (sums per currency). The value itself is
//! plain data (`super::value`), so the template engine can run in another module.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::amount_words::{amount_in_words_zh, currency_name_zh};
use super::phrases::{
    charge_basis, contract_cited, daily_amount, forum_action, letter_date, period_words,
};
use super::schedule::instalments;
use super::settings::{CustomerLines, SenderLines};
use super::terms::ContractTerms;
use super::value::{list, map, LetterValue as Value};
use super::{LetterRequest, LetterSettings};
use crate::aging::{Aged, Status};
use crate::calendar::Calendar;
use crate::charges::Charge;
use crate::dates::{add_days, days_between, iso};
use crate::i18n::Lang;
use crate::money::format_grouped;
use crate::paste::Invoice;
use crate::playbook::Assessment;
use crate::playbook::{add_working_days, DisputeReason, LetterKind};
use crate::report::Report;
use crate::rows::InvoiceRow;

/// The one place a letter counts working days (the deadline, the evidence deadline): with
/// the workspace's working-day calendar (`report.calendar`: mainland China's holidays and
/// make-up working days, or weekends only), as every other deadline on the page.
pub fn working_days_after(date: NaiveDate, days: u32, calendar: &Calendar) -> NaiveDate {
    add_working_days(date, days, calendar)
}

/// `1．…` in Chinese (a full-width stop: no half-width space beside a Chinese character),
/// `1. …` in English.
fn numbered(n: usize, text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n}．{text}"),
        Lang::En => format!("{n}. {text}"),
    }
}

/// An amount as a letter writes it: `CNY 12,345.60` in English; `人民币12,345.60元` for yuan
/// and `18,400.00美元` for other currencies in Chinese.
pub fn format_amount(value: Decimal, currency: &str, lang: Lang) -> String {
    let code = currency.trim();
    match lang {
        Lang::En if code.is_empty() => format_grouped(value),
        Lang::En => format!("{code} {}", format_grouped(value)),
        Lang::Zh => match code.to_ascii_uppercase().as_str() {
            "" | "CNY" | "RMB" => format!("人民币{}元", format_grouped(value)),
            _ => format!("{}{}", format_grouped(value), currency_name_zh(code)),
        },
    }
}

mod dispute;
mod invoices;
mod lists;
mod template;
mod values;

use values::Totals;

/// One invoice the letter covers: its report row, and its bucket as the letter names it.
struct Row<'a> {
    invoice: &'a Invoice,
    charge: Option<&'a Charge>,
    assessment: &'a Assessment,
    days_past_due: i64,
    status: Status,
    bucket: String,
}

struct DisputeFacts {
    invoice: String,
    reason: Option<DisputeReason>,
    since: NaiveDate,
    amount: Decimal,
    undisputed: Decimal,
    currency: String,
    whole: bool,
    evidence_by: NaiveDate,
}

/// The rows a letter covers: the ticked invoices of its customer (each once, in the order
/// ticked), or with none ticked the customer's invoices the letter's kind is about.
fn covered<'a>(report: &'a Report, request: &LetterRequest, customer: &str) -> Vec<InvoiceRow<'a>> {
    if request.invoices.is_empty() {
        let mine = || report.rows().filter(|r| r.invoice.customer == customer);
        let open: Vec<InvoiceRow> = mine().filter(|r| r.aged.status == Status::Open).collect();
        // The open invoices the letter is about, or all open ones when none fits.
        let about = |fits: &dyn Fn(&InvoiceRow) -> bool| {
            let some: Vec<InvoiceRow> = open.iter().copied().filter(|r| fits(r)).collect();
            if some.is_empty() {
                open.clone()
            } else {
                some
            }
        };
        match request.kind {
            LetterKind::Statement | LetterKind::Acknowledgment => {
                mine().filter(|r| r.aged.status != Status::Paid).collect()
            }
            LetterKind::PaymentPlan => open.clone(),
            LetterKind::Courtesy => about(&|r| r.aged.days_past_due <= 0),
            LetterKind::Reminder | LetterKind::Demand | LetterKind::Final => {
                about(&|r| r.aged.days_past_due > 0)
            }
            LetterKind::Dispute => about(&|r| r.assessment.dispute.is_some()),
        }
    } else {
        let mut seen = std::collections::BTreeSet::new();
        request
            .invoices
            .iter()
            .filter_map(|&i| report.row(i))
            .filter(|r| r.invoice.customer == customer)
            .filter(|r| seen.insert(r.index))
            .collect()
    }
}

/// Everything a letter says, gathered once.
pub(super) struct Facts<'a> {
    report: &'a Report,
    settings: &'a LetterSettings,
    request: &'a LetterRequest,
    rows: Vec<Row<'a>>,
    deadline: NaiveDate,
    /// The deadline was counted in working days from the settings.
    working_days: bool,
    dispute: Option<DisputeFacts>,
    sender: SenderLines,
    customer_lines: CustomerLines,
    contract: ContractTerms,
    /// Why the charges are owed (the start of a sentence); None: the letter claims none.
    charge_basis: Option<String>,
}

impl<'a> Facts<'a> {
    pub(super) fn gather(
        report: &'a Report,
        settings: &'a LetterSettings,
        request: &'a LetterRequest,
    ) -> Facts<'a> {
        let customer = super::gaps::report_customer(report, request);
        let chosen = covered(report, request, &customer);
        let rows = chosen
            .into_iter()
            .map(|row| {
                let Aged {
                    days_past_due,
                    status,
                    bucket,
                } = *row.aged;
                Row {
                    invoice: row.invoice,
                    charge: row.charge,
                    assessment: row.assessment,
                    days_past_due,
                    status,
                    bucket: if status == Status::Credit {
                        status.label(request.lang).to_string()
                    } else {
                        report.buckets.label(bucket, request.lang)
                    },
                }
            })
            .collect::<Vec<_>>();

        let from_playbook = rows
            .iter()
            .filter_map(|r| r.assessment.payment_deadline)
            .filter(|d| *d >= request.date)
            .min();
        let working_days =
            request.deadline.is_none() && from_playbook.is_none() && settings.working_days;
        let deadline = request.deadline.or(from_playbook).unwrap_or_else(|| {
            if settings.working_days {
                working_days_after(request.date, settings.deadline_days, &report.calendar)
            } else {
                add_days(request.date, i64::from(settings.deadline_days))
            }
        });

        let dispute = rows.iter().find_map(|r| {
            let case = r.assessment.dispute.as_ref()?;
            let inv = r.invoice;
            let evidence_by = if case.evidence_by >= request.date {
                case.evidence_by
            } else if case.reason == DisputeReason::Quality {
                add_days(request.date, 3)
            } else {
                working_days_after(request.date, 3, &report.calendar)
            };
            Some(DisputeFacts {
                invoice: inv.number.clone(),
                reason: Some(case.reason),
                since: case.since,
                amount: case.amount,
                undisputed: inv.outstanding.saturating_sub(case.amount),
                currency: inv.currency.to_string(),
                whole: case.whole,
                evidence_by,
            })
        });
        let dispute = dispute.or_else(|| {
            // A dispute response for invoices with no dispute recorded: the whole first invoice.
            (request.kind == LetterKind::Dispute)
                .then(|| rows.first())
                .flatten()
                .map(|r| {
                    let inv = r.invoice;
                    DisputeFacts {
                        invoice: inv.number.clone(),
                        reason: None,
                        since: request.date,
                        amount: inv.outstanding,
                        undisputed: Decimal::ZERO,
                        currency: inv.currency.to_string(),
                        whole: true,
                        evidence_by: working_days_after(request.date, 3, &report.calendar),
                    }
                })
        });

        let contract = settings.contract_for(&customer);
        let large_or_public = settings
            .customers
            .get(&customer)
            .is_some_and(|p| p.large_or_public);
        let rule = rows
            .iter()
            .find_map(|r| r.charge.filter(|c| c.total > Decimal::ZERO))
            .map(|c| c.rule)
            .unwrap_or_default();
        let charge_basis = charge_basis(
            rule,
            request.charge_rule.as_ref(),
            &contract,
            large_or_public,
            request.date,
            request.lang,
        );
        Facts {
            report,
            settings,
            request,
            sender: settings.sender.in_lang(request.lang),
            customer_lines: settings.customer_in_lang(&customer, request.lang),
            rows,
            deadline,
            working_days,
            dispute,
            contract,
            charge_basis,
        }
    }

    fn lang(&self) -> Lang {
        self.request.lang
    }

    fn numbers(&self) -> String {
        self.rows
            .iter()
            .map(|r| r.invoice.number.as_str())
            .collect::<Vec<_>>()
            .join(self.lang().pick("、", ", "))
    }

    /// The subject line: the letter's kind and the invoice numbers (the first five; a
    /// statement gives its date instead).
    pub(super) fn subject(&self) -> String {
        const SHOWN: usize = 5;
        let lang = self.lang();
        let count = self.rows.len();
        let mut numbers = self
            .rows
            .iter()
            .take(SHOWN)
            .map(|r| r.invoice.number.as_str())
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "));
        if count > SHOWN {
            numbers.push_str(&match lang {
                Lang::Zh => format!("等{count}张"),
                Lang::En => format!(" and {} more", count - SHOWN),
            });
        }
        let date = self.date(self.request.date);
        match lang {
            Lang::Zh => {
                let what = match self.request.kind {
                    LetterKind::Courtesy => "付款到期提醒",
                    LetterKind::Reminder => "逾期付款提醒",
                    LetterKind::Demand => "逾期账款催告",
                    LetterKind::Final => "最后催告",
                    LetterKind::Dispute => "异议的回复",
                    LetterKind::PaymentPlan => "分期付款协议建议",
                    LetterKind::Statement => return format!("对账单（截至{date}）"),
                    LetterKind::Acknowledgment => return format!("欠款确认书（截至{date}）"),
                };
                if numbers.is_empty() {
                    what.to_string()
                } else if self.request.kind == LetterKind::Dispute {
                    format!("关于发票{numbers}{what}")
                } else {
                    format!("关于发票{numbers}的{what}")
                }
            }
            Lang::En => {
                let what = match self.request.kind {
                    LetterKind::Courtesy => "Payment due soon",
                    LetterKind::Reminder => "Payment reminder",
                    LetterKind::Demand => "Formal notice of overdue payment",
                    LetterKind::Final => "Final notice",
                    LetterKind::Dispute => "Response to your query",
                    LetterKind::PaymentPlan => "Proposed instalment payment plan",
                    LetterKind::Statement => return format!("Statement of account as of {date}"),
                    LetterKind::Acknowledgment => {
                        return format!("Debt acknowledgment and balance confirmation as of {date}")
                    }
                };
                if numbers.is_empty() {
                    what.to_string()
                } else if count > 1 {
                    format!("{what} – invoices {numbers}")
                } else {
                    format!("{what} – invoice {numbers}")
                }
            }
        }
    }

    fn date(&self, d: NaiveDate) -> String {
        letter_date(d, self.lang(), self.settings.english)
    }
}
