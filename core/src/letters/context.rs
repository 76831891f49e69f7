//! The values a letter template sees, gathered from the report, the settings and the request.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::Value;
use rust_decimal::Decimal;

use super::amount_words::{amount_in_words_zh, currency_name_zh};
use super::phrases::{
    charge_basis, contract_cited, daily_amount, forum_action, letter_date, period_words,
};
use super::schedule::instalments;
use super::settings::{CustomerLines, SenderLines};
use super::terms::ContractTerms;
use super::{LetterRequest, LetterSettings};
use crate::aging::Status;
use crate::calendar::Calendar;
use crate::dates::{add_days, days_between, iso};
use crate::i18n::Lang;
use crate::money::format_grouped;
use crate::playbook::{add_working_days, DisputeReason, LetterKind};
use crate::report::Report;

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

/// A list a template can loop over, and that prints as ready-made lines when used whole
/// (`{{ invoices }}`).
#[derive(Debug)]
struct TextList {
    items: Vec<Value>,
    text: String,
}

impl Object for TextList {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.items.get(key.as_usize()?).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.items.len())
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn list(items: Vec<Value>, lines: Vec<String>) -> Value {
    Value::from_object(TextList {
        items,
        text: lines.join("\n"),
    })
}

fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from_iter(pairs)
}

/// Sums per currency, in first-seen order.
#[derive(Default)]
struct Totals(Vec<(String, Decimal)>);

impl Totals {
    fn add(&mut self, currency: &str, value: Decimal) {
        match self.0.iter_mut().find(|(c, _)| c == currency) {
            Some((_, sum)) => *sum = sum.saturating_add(value),
            None => self.0.push((currency.to_string(), value)),
        }
    }

    fn text(&self, lang: Lang) -> String {
        if self.0.is_empty() {
            return format_amount(Decimal::ZERO, "", lang);
        }
        self.0
            .iter()
            .map(|(c, v)| format_amount(*v, c, lang))
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; "))
    }

    fn words(&self) -> String {
        self.0
            .iter()
            .map(|(c, v)| amount_in_words_zh(*v, c))
            .collect::<Vec<_>>()
            .join("；")
    }

    fn is_positive(&self) -> bool {
        self.0.iter().any(|(_, v)| *v > Decimal::ZERO)
    }
}

struct Row {
    index: usize,
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

/// Everything a letter says, gathered once.
pub(super) struct Facts<'a> {
    report: &'a Report,
    settings: &'a LetterSettings,
    request: &'a LetterRequest,
    rows: Vec<Row>,
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
        let invoices = &report.parsed.invoices;
        let customer = if request.customer.trim().is_empty() {
            request
                .invoices
                .iter()
                .find_map(|&i| invoices.get(i))
                .map(|inv| inv.customer.clone())
                .unwrap_or_default()
        } else {
            request.customer.clone()
        };
        let status_of = |i: usize| {
            report
                .aged
                .get(i)
                .map(|a| (a.days_past_due, a.status, a.bucket))
                .unwrap_or_else(|| {
                    let inv = &invoices[i];
                    let status = if inv.outstanding.is_zero() {
                        Status::Paid
                    } else if inv.outstanding.is_sign_negative() {
                        Status::Credit
                    } else {
                        Status::Open
                    };
                    (days_between(inv.due_date, report.as_of), status, 0)
                })
        };
        let chosen: Vec<usize> = if request.invoices.is_empty() {
            let mine = || (0..invoices.len()).filter(|&i| invoices[i].customer == customer);
            let open: Vec<usize> = mine().filter(|&i| status_of(i).1 == Status::Open).collect();
            // The open invoices the letter is about, or all open ones when none fits.
            let about = |fits: &dyn Fn(usize) -> bool| {
                let some: Vec<usize> = open.iter().copied().filter(|&i| fits(i)).collect();
                if some.is_empty() {
                    open.clone()
                } else {
                    some
                }
            };
            match request.kind {
                LetterKind::Statement | LetterKind::Acknowledgment => {
                    mine().filter(|&i| status_of(i).1 != Status::Paid).collect()
                }
                LetterKind::PaymentPlan => open.clone(),
                LetterKind::Courtesy => about(&|i| status_of(i).0 <= 0),
                LetterKind::Reminder | LetterKind::Demand | LetterKind::Final => {
                    about(&|i| status_of(i).0 > 0)
                }
                LetterKind::Dispute => about(&|i| {
                    report
                        .playbook
                        .assessments
                        .get(i)
                        .is_some_and(|a| a.dispute.is_some())
                }),
            }
        } else {
            let mut seen = std::collections::BTreeSet::new();
            request
                .invoices
                .iter()
                .copied()
                .filter(|&i| i < invoices.len() && invoices[i].customer == customer)
                .filter(|&i| seen.insert(i))
                .collect()
        };
        let rows = chosen
            .into_iter()
            .map(|index| {
                let (days_past_due, status, bucket) = status_of(index);
                Row {
                    index,
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

        let assessments = &report.playbook.assessments;
        let from_playbook = rows
            .iter()
            .filter_map(|r| assessments.get(r.index)?.payment_deadline)
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
            let case = assessments.get(r.index)?.dispute.as_ref()?;
            let inv = &invoices[r.index];
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
                currency: inv.currency.clone(),
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
                    let inv = &invoices[r.index];
                    DisputeFacts {
                        invoice: inv.number.clone(),
                        reason: None,
                        since: request.date,
                        amount: inv.outstanding,
                        undisputed: Decimal::ZERO,
                        currency: inv.currency.clone(),
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
            .find_map(|r| report.charge(r.index).filter(|c| c.total > Decimal::ZERO))
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
            .map(|r| self.report.parsed.invoices[r.index].number.as_str())
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
            .map(|r| self.report.parsed.invoices[r.index].number.as_str())
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

    /// The invoices (a line each, in the letter's language), the totals due and charged per
    /// currency, the charge lines, and what the charges add per day from the letter date on.
    fn invoice_values(&self) -> (Value, Totals, Totals, Value, Totals) {
        let lang = self.lang();
        let form = self.settings.english;
        let report = self.report;
        let mut due = Totals::default();
        let mut charges = Totals::default();
        let mut per_day = Totals::default();
        let mut items = Vec::new();
        let mut lines = Vec::new();
        let mut charge_items = Vec::new();
        let mut charge_lines = Vec::new();
        let date = |d: NaiveDate| letter_date(d, lang, form);
        for row in &self.rows {
            let inv = &report.parsed.invoices[row.index];
            let cur = inv.currency.as_str();
            due.add(cur, inv.outstanding);
            let money = |v: Decimal| format_amount(v, cur, lang);
            let overdue = row.days_past_due.max(0);
            let invoice_date = inv.invoice_date.map(date).unwrap_or_default();
            let charge = report.charge(row.index).filter(|c| {
                c.total > Decimal::ZERO && row.status == Status::Open && self.charge_basis.is_some()
            });
            let charge_total = match charge {
                Some(c) => {
                    charges.add(cur, c.total);
                    let periods: Vec<String> = c
                        .periods
                        .iter()
                        .filter_map(|p| period_words(p, &money, lang, form))
                        .collect();
                    if let Some(daily) = c
                        .periods
                        .last()
                        .filter(|p| p.to >= report.as_of)
                        .and_then(daily_amount)
                    {
                        per_day.add(cur, daily);
                    }
                    let fixed = (c.fixed > Decimal::ZERO).then(|| money(c.fixed));
                    let line = match lang {
                        Lang::Zh => {
                            let mut text = format!("发票{}：", inv.number);
                            if c.interest > Decimal::ZERO {
                                text.push_str(&format!(
                                    "逾期利息{}（{}）",
                                    money(c.interest),
                                    periods.join("；")
                                ));
                            }
                            if let Some(fixed) = &fixed {
                                if c.interest > Decimal::ZERO {
                                    text.push('，');
                                }
                                text.push_str(&format!("固定补偿{fixed}"));
                            }
                            // A total only where it adds two figures.
                            if fixed.is_some() && c.interest > Decimal::ZERO {
                                text.push_str(&format!("，合计{}", money(c.total)));
                            }
                            text
                        }
                        Lang::En => {
                            let mut parts = Vec::new();
                            if c.interest > Decimal::ZERO {
                                parts.push(format!(
                                    "interest of {} ({})",
                                    money(c.interest),
                                    periods.join("; ")
                                ));
                            }
                            if let Some(fixed) = &fixed {
                                parts.push(format!("fixed compensation of {fixed}"));
                            }
                            let all = if parts.len() > 1 {
                                format!(", {} in all", money(c.total))
                            } else {
                                String::new()
                            };
                            format!("Invoice {}: {}{all}", inv.number, parts.join(" and "))
                        }
                    };
                    charge_items.push(map([
                        ("number", Value::from(inv.number.clone())),
                        ("interest", Value::from(money(c.interest))),
                        ("fixed", Value::from(fixed.clone().unwrap_or_default())),
                        ("total", Value::from(money(c.total))),
                        ("days", Value::from(c.days)),
                        ("formula", Value::from(periods.join(lang.pick("；", "; ")))),
                        ("line", Value::from(line.clone())),
                    ]));
                    charge_lines.push(line);
                    money(c.total)
                }
                None => String::new(),
            };
            let is_credit = row.status == Status::Credit;
            // Never "0 days overdue": an invoice not yet due says when it falls due.
            let age = match lang {
                Lang::Zh if is_credit => "为贷项（可抵减欠款）".to_string(),
                Lang::Zh if overdue > 0 => format!("已逾期{overdue}天"),
                Lang::Zh => format!("将于{}到期", date(inv.due_date)),
                Lang::En if is_credit => "a credit in your favour".to_string(),
                Lang::En if overdue == 1 => "1 day overdue".to_string(),
                Lang::En if overdue > 0 => format!("{overdue} days overdue"),
                Lang::En => format!("falling due on {}", date(inv.due_date)),
            };
            let age = if lang == Lang::En && !form.is_british() {
                age.replace("favour", "favor")
            } else {
                age
            };
            let paid = (inv.paid > Decimal::ZERO).then(|| money(inv.paid));
            let credit = money(inv.outstanding.abs());
            let line = match lang {
                Lang::Zh if is_credit => format!("贷项{}，金额{credit}，可抵减欠款", inv.number),
                Lang::En if is_credit => {
                    let favour = if form.is_british() { "favour" } else { "favor" };
                    format!("Credit note {}: {credit} in your {favour}", inv.number)
                }
                Lang::Zh => {
                    let dated = if invoice_date.is_empty() {
                        String::new()
                    } else {
                        format!("（开票日期{invoice_date}）")
                    };
                    let paid = paid.map(|p| format!("，已付{p}")).unwrap_or_default();
                    let due_on = if overdue > 0 {
                        format!("，到期日{}", date(inv.due_date))
                    } else {
                        String::new()
                    };
                    format!(
                        "发票{}{dated}，金额{}{paid}，尚欠{}{due_on}，{age}",
                        inv.number,
                        money(inv.amount),
                        money(inv.outstanding),
                    )
                }
                Lang::En => {
                    let dated = if invoice_date.is_empty() {
                        String::new()
                    } else {
                        format!(" dated {invoice_date}")
                    };
                    let paid = paid.map(|p| format!(", {p} paid")).unwrap_or_default();
                    let due_on = if overdue > 0 {
                        format!(", due {}", date(inv.due_date))
                    } else {
                        String::new()
                    };
                    format!(
                        "Invoice {}{dated} for {}{paid}: {} outstanding{due_on}, {age}",
                        inv.number,
                        money(inv.amount),
                        money(inv.outstanding),
                    )
                }
            };
            lines.push(line.clone());
            items.push(map([
                ("number", Value::from(inv.number.clone())),
                ("invoice_date", Value::from(invoice_date)),
                ("due_date", Value::from(date(inv.due_date))),
                ("currency", Value::from(inv.currency.clone())),
                ("amount", Value::from(money(inv.amount))),
                ("paid", Value::from(money(inv.paid))),
                ("outstanding", Value::from(money(inv.outstanding))),
                ("days_overdue", Value::from(overdue)),
                ("days_to_due", Value::from((-row.days_past_due).max(0))),
                (
                    "overdue",
                    Value::from(overdue > 0 && row.status == Status::Open),
                ),
                ("credit", Value::from(is_credit)),
                ("bucket", Value::from(row.bucket.clone())),
                ("status", Value::from(row.status.label(lang))),
                ("age", Value::from(age)),
                ("line", Value::from(line)),
                ("charge", Value::from(charge_total)),
                ("notes", Value::from(inv.notes.clone())),
            ]));
        }
        (
            list(items, lines),
            due,
            charges,
            list(charge_items, charge_lines),
            per_day,
        )
    }

    /// What the sender will do if the deadline passes: each a whole clause, with no "由贵司承担"
    /// repeated (the letter's lead-in says it once).
    fn consequences(&self) -> Value {
        let lang = self.lang();
        let c = self.settings.consequences;
        let mut lines: Vec<String> = Vec::new();
        if c.late_charges {
            lines.push(
                lang.pick(
                    "继续计收逾期利息，直至贵司实际付清之日；",
                    "charge interest on the overdue amount until the day it is paid;",
                )
                .to_string(),
            );
        }
        if c.account_hold {
            lines.push(
                lang.pick(
                    "暂停向贵司发货及提供信用账期，直至欠款结清；",
                    "place your account on hold and suspend deliveries and credit until the balance is settled;",
                )
                .to_string(),
            );
        }
        if c.collection_agency {
            lines.push(
                lang.pick(
                    "委托专业催收机构追收欠款；",
                    "refer the debt to a collection agency;",
                )
                .to_string(),
            );
        }
        if c.legal_action {
            let action = forum_action(&self.contract, lang);
            lines.push(match lang {
                Lang::Zh => format!("{action}，并依法主张律师费、诉讼费等实现债权的费用。"),
                Lang::En => {
                    format!(
                        "{action} to recover the debt, with interest and the costs the law allows."
                    )
                }
            });
        }
        if let Some(last) = lines.last_mut() {
            if last.ends_with('；') {
                last.pop();
                last.push('。');
            } else if last.ends_with(';') {
                last.pop();
                last.push('.');
            }
        }
        let items = lines.iter().map(|s| Value::from(s.clone())).collect();
        let text = lines
            .iter()
            .enumerate()
            .map(|(i, s)| numbered(i + 1, s, lang))
            .collect();
        list(items, text)
    }

    /// What the user holds that backs the letter: the invoices, the contract when named, the
    /// delivery notes when kept (the dispute settings say so), the statement of account.
    fn attachments(&self) -> Value {
        let lang = self.lang();
        let kind = self.request.kind;
        let mut lines: Vec<String> = Vec::new();
        let with_invoices = !matches!(kind, LetterKind::Courtesy | LetterKind::PaymentPlan);
        let invoices: Vec<&str> = self
            .rows
            .iter()
            .filter(|r| r.status == Status::Open)
            .map(|r| self.report.parsed.invoices[r.index].number.as_str())
            .collect();
        if with_invoices && !invoices.is_empty() {
            lines.push(match lang {
                Lang::Zh => format!("发票复印件（{}）", invoices.join("、")),
                Lang::En if invoices.len() == 1 => format!("copy of invoice {}", invoices[0]),
                Lang::En => format!("copies of invoices {}", invoices.join(", ")),
            });
        }
        let formal = matches!(
            kind,
            LetterKind::Demand | LetterKind::Final | LetterKind::Dispute
        );
        let name = self
            .contract
            .words(lang)
            .name
            .trim()
            .trim_matches(['《', '》']);
        if formal && !name.is_empty() {
            lines.push(match lang {
                Lang::Zh => format!("《{name}》复印件"),
                Lang::En => format!("copy of the {name}"),
            });
        }
        if formal && self.settings.dispute.delivery_note {
            lines.push(
                lang.pick(
                    "送货单及签收记录复印件",
                    "copies of the delivery notes and signed receipts",
                )
                .to_string(),
            );
        }
        if matches!(
            kind,
            LetterKind::Demand | LetterKind::Final | LetterKind::Acknowledgment
        ) {
            lines.push(match lang {
                Lang::Zh => format!("应收账款对账明细（截至{}）", self.date(self.request.date)),
                Lang::En => format!(
                    "statement of account as of {}",
                    self.date(self.request.date)
                ),
            });
        }
        let items = lines.iter().map(|s| Value::from(s.clone())).collect();
        let text = lines
            .iter()
            .enumerate()
            .map(|(i, s)| numbered(i + 1, s, lang))
            .collect();
        list(items, text)
    }

    /// The account to pay to, a line each (an account number is never split across lines);
    /// empty without an account number.
    fn bank_lines(&self) -> Value {
        let s = &self.sender;
        let mut lines = Vec::new();
        if !s.bank_account.is_empty() {
            let lang = self.lang();
            for (label, value) in [
                (lang.pick("户名：", "Account name: "), &s.company),
                (lang.pick("开户银行：", "Bank: "), &s.bank_name),
                (lang.pick("账号：", "Account number: "), &s.bank_account),
            ] {
                if !value.is_empty() {
                    lines.push(format!("{label}{value}"));
                }
            }
        }
        let items = lines.iter().map(|l| Value::from(l.clone())).collect();
        list(items, lines)
    }

    /// Who to call: `联系人：王丽　电话：…　邮箱：…` as one line in Chinese; `Tel: …` and
    /// `Email: …` as lines in English (the contact's name signs the English letter).
    fn contact_lines(&self) -> Value {
        let s = &self.sender;
        let lang = self.lang();
        let mut parts = Vec::new();
        let fields = match lang {
            Lang::Zh => vec![
                ("联系人：", &s.contact),
                ("电话：", &s.phone),
                ("邮箱：", &s.email),
            ],
            Lang::En => vec![("Tel: ", &s.phone), ("Email: ", &s.email)],
        };
        for (label, value) in fields {
            if !value.is_empty() {
                parts.push(format!("{label}{value}"));
            }
        }
        let lines = match lang {
            Lang::Zh if parts.is_empty() => Vec::new(),
            Lang::Zh => vec![parts.join("　")],
            Lang::En => parts,
        };
        let items = lines.iter().map(|l| Value::from(l.clone())).collect();
        list(items, lines)
    }

    fn date(&self, d: NaiveDate) -> String {
        letter_date(d, self.lang(), self.settings.english)
    }

    fn dispute_values(&self) -> Value {
        let lang = self.lang();
        let options = self.settings.dispute;
        let mut documents = Vec::new();
        for (on, zh, en) in [
            (options.contract, "合同", "the contract"),
            (options.purchase_order, "采购订单", "your purchase order"),
            (
                options.order_confirmation,
                "订单确认书",
                "our order confirmation",
            ),
            (
                options.delivery_note,
                "送货单/提单",
                "the delivery note / bill of lading",
            ),
            (
                options.acceptance_record,
                "验收记录/签收单",
                "the acceptance record / signed receipt",
            ),
        ] {
            if on {
                documents.push(lang.pick(zh, en));
            }
        }
        let d = self.dispute.as_ref();
        let currency = d.map(|d| d.currency.as_str()).unwrap_or("");
        let mut resolutions = Vec::new();
        if options.corrected_invoice {
            resolutions.push(
                lang.pick(
                    "如核实发票有误，我司将作废原发票并重新开具更正后的发票；".to_string(),
                    "if the invoice proves wrong, we will cancel it and issue a corrected invoice;"
                        .to_string(),
                ),
            );
        }
        if options.credit_note {
            resolutions.push(lang.pick(
                "如核实确有短缺或质量问题，我司将就核实部分开具红字发票/贷项通知单；".to_string(),
                "if a shortfall or defect is confirmed, we will issue a credit note for the confirmed part;"
                    .to_string(),
            ));
        }
        if options.partial_payment {
            let undisputed = d
                .filter(|d| !d.whole)
                .map(|d| format_amount(d.undisputed, currency, lang));
            resolutions.push(match (lang, undisputed) {
                (Lang::Zh, Some(u)) => format!(
                    "请贵司先行支付无争议部分{u}，争议部分待核实后另行结算。"
                ),
                (Lang::Zh, None) => "请贵司先行支付无争议部分，争议部分待核实后另行结算。".to_string(),
                (Lang::En, Some(u)) => format!(
                    "you pay the undisputed amount of {u} now, and the disputed part is settled once it has been reviewed."
                ),
                (Lang::En, None) => "you pay the undisputed part now, and the disputed part is settled once it has been reviewed.".to_string(),
            });
        }
        let doc_items = documents.iter().map(|s| Value::from(*s)).collect();
        let doc_lines = documents
            .iter()
            .enumerate()
            .map(|(i, s)| numbered(i + 1, s, lang))
            .collect();
        let res_items = resolutions.iter().map(|s| Value::from(s.clone())).collect();
        let res_lines = resolutions
            .iter()
            .enumerate()
            .map(|(i, s)| numbered(i + 1, s, lang))
            .collect();
        let date = |d: NaiveDate| self.date(d);
        map([
            (
                "invoice",
                Value::from(d.map(|d| d.invoice.clone()).unwrap_or_default()),
            ),
            (
                "reason",
                Value::from(
                    d.and_then(|d| d.reason)
                        .map(|r| r.describe(lang))
                        .unwrap_or(""),
                ),
            ),
            (
                "since",
                Value::from(d.map(|d| date(d.since)).unwrap_or_default()),
            ),
            (
                "amount",
                Value::from(
                    d.map(|d| format_amount(d.amount, currency, lang))
                        .unwrap_or_default(),
                ),
            ),
            (
                "undisputed",
                Value::from(
                    d.map(|d| format_amount(d.undisputed, currency, lang))
                        .unwrap_or_default(),
                ),
            ),
            ("whole", Value::from(d.is_none_or(|d| d.whole))),
            (
                "is_quality",
                Value::from(d.is_some_and(|d| d.reason == Some(DisputeReason::Quality))),
            ),
            (
                "evidence_by",
                Value::from(d.map(|d| date(d.evidence_by)).unwrap_or_else(|| {
                    date(working_days_after(
                        self.request.date,
                        3,
                        &self.report.calendar,
                    ))
                })),
            ),
            ("documents", list(doc_items, doc_lines)),
            ("resolutions", list(res_items, res_lines)),
        ])
    }

    fn plan_values(&self, due: &Totals) -> Value {
        let lang = self.lang();
        let (count, first) = self.request.instalments.unwrap_or((
            self.settings.instalment_count,
            add_days(
                self.request.date,
                i64::from(self.settings.first_instalment_days),
            ),
        ));
        let (currency, total) = due
            .0
            .first()
            .cloned()
            .unwrap_or_else(|| (String::new(), Decimal::ZERO));
        let rows = instalments(total, count, first);
        let mut items = Vec::new();
        let mut lines = Vec::new();
        for (n, (date, amount)) in rows.iter().enumerate() {
            let n = n + 1;
            let amount = format_amount(*amount, &currency, lang);
            let date = self.date(*date);
            lines.push(match lang {
                Lang::Zh => format!("第{n}期：{date}前支付{amount}"),
                Lang::En => format!("Instalment {n}: {amount} by {date}"),
            });
            items.push(map([
                ("n", Value::from(n)),
                ("date", Value::from(date)),
                ("amount", Value::from(amount)),
            ]));
        }
        map([
            ("count", Value::from(rows.len())),
            ("total", Value::from(format_amount(total, &currency, lang))),
            (
                "total_words",
                Value::from(amount_in_words_zh(total, &currency)),
            ),
            (
                "first",
                Value::from(rows.first().map(|r| self.date(r.0)).unwrap_or_default()),
            ),
            (
                "last",
                Value::from(rows.last().map(|r| self.date(r.0)).unwrap_or_default()),
            ),
            ("rows", list(items, lines)),
        ])
    }

    /// The template's context; see [`super::placeholders`] for the names.
    pub(super) fn to_value(&self, subject: &str) -> Value {
        let lang = self.lang();
        let s = &self.sender;
        let c = &self.customer_lines;
        let (invoices, due, charges, charge_rows, per_day) = self.invoice_values();
        let mut with_charges = Totals::default();
        for (cur, v) in due.0.iter().chain(charges.0.iter()) {
            with_charges.add(cur, *v);
        }
        let open = self
            .rows
            .iter()
            .filter(|r| r.status == Status::Open)
            .collect::<Vec<_>>();
        let days_overdue = open
            .iter()
            .map(|r| r.days_past_due.max(0))
            .max()
            .unwrap_or(0);
        let earliest_due = open
            .iter()
            .map(|r| self.report.parsed.invoices[r.index].due_date)
            .min();
        let text = |v: &str| Value::from(v.trim().to_string());
        let form = self.settings.english;
        let british = form.is_british();
        let greeting = match (lang, c.contact.is_empty()) {
            (Lang::Zh, _) => format!("致{}：", c.name),
            (Lang::En, true) if british => "Dear Sir or Madam,".to_string(),
            (Lang::En, true) => "To whom it may concern:".to_string(),
            (Lang::En, false) if british => format!("Dear {},", c.contact),
            (Lang::En, false) => format!("Dear {}:", c.contact),
        };
        let closing = match (lang, c.contact.is_empty()) {
            (Lang::Zh, _) => "此致".to_string(),
            (Lang::En, true) if british => "Yours faithfully,".to_string(),
            (Lang::En, false) if british => "Yours sincerely,".to_string(),
            (Lang::En, _) => "Sincerely,".to_string(),
        };
        let history = &self.request.history;
        let words = self.contract.words(lang);
        let cited = contract_cited(&self.contract, lang, form);
        map([
            (
                "sender",
                map([
                    ("company", text(&s.company)),
                    ("address", text(&s.address)),
                    ("contact", text(&s.contact)),
                    ("phone", text(&s.phone)),
                    ("email", text(&s.email)),
                    ("bank_name", text(&s.bank_name)),
                    ("bank_account", text(&s.bank_account)),
                    ("signature", text(&s.signature)),
                ]),
            ),
            (
                "customer",
                map([
                    ("name", Value::from(c.name.clone())),
                    ("address", text(&c.address)),
                    ("contact", text(&c.contact)),
                ]),
            ),
            ("greeting", Value::from(greeting)),
            ("closing", Value::from(closing)),
            ("british", Value::from(british)),
            ("subject", Value::from(subject)),
            ("kind", Value::from(self.request.kind.describe(lang))),
            ("date", Value::from(self.date(self.request.date))),
            ("date_iso", Value::from(iso(self.request.date))),
            ("deadline", Value::from(self.date(self.deadline))),
            ("deadline_iso", Value::from(iso(self.deadline))),
            (
                "deadline_days",
                Value::from(days_between(self.request.date, self.deadline).max(0)),
            ),
            (
                "deadline_working_days",
                Value::from(if self.working_days {
                    self.settings.deadline_days
                } else {
                    0
                }),
            ),
            ("bank_lines", self.bank_lines()),
            ("contact_lines", self.contact_lines()),
            ("invoices", invoices),
            ("invoice_count", Value::from(self.rows.len())),
            ("invoice_numbers", Value::from(self.numbers())),
            ("days_overdue", Value::from(days_overdue)),
            (
                "earliest_due_date",
                Value::from(earliest_due.map(|d| self.date(d)).unwrap_or_default()),
            ),
            ("total_due", Value::from(due.text(lang))),
            ("total_due_words", Value::from(due.words())),
            ("has_charges", Value::from(charges.is_positive())),
            ("charges", charge_rows),
            ("charges_total", Value::from(charges.text(lang))),
            (
                "charges_basis",
                Value::from(self.charge_basis.clone().unwrap_or_default()),
            ),
            (
                "charges_per_day",
                Value::from(if per_day.is_positive() {
                    per_day.text(lang)
                } else {
                    String::new()
                }),
            ),
            ("total_with_charges", Value::from(with_charges.text(lang))),
            (
                "total_with_charges_words",
                Value::from(with_charges.words()),
            ),
            ("contract_clause", Value::from(cited.clone())),
            (
                "contract",
                map([
                    ("cited", Value::from(cited)),
                    ("number", text(&self.contract.number)),
                    (
                        "date",
                        Value::from(self.contract.date.map(|d| self.date(d)).unwrap_or_default()),
                    ),
                    ("name", text(words.name.trim_matches(['《', '》']))),
                    ("clause", text(&words.clause)),
                    ("payment_terms", text(&words.payment_terms)),
                    ("late_charge_clause", text(&words.late_charge_clause)),
                    ("forum", text(&words.forum)),
                    (
                        "forum_action",
                        Value::from(forum_action(&self.contract, lang)),
                    ),
                ]),
            ),
            (
                "history",
                map([
                    ("first", Value::from(history.is_first())),
                    ("reminders", Value::from(history.reminders())),
                    (
                        "last_date",
                        Value::from(
                            history
                                .last()
                                .map(|(_, d)| self.date(d))
                                .unwrap_or_default(),
                        ),
                    ),
                    (
                        "last_kind",
                        Value::from(
                            history
                                .last()
                                .map(|(k, _)| match lang {
                                    Lang::Zh => k.describe(lang).to_string(),
                                    Lang::En => k.describe(lang).to_lowercase(),
                                })
                                .unwrap_or_default(),
                        ),
                    ),
                ]),
            ),
            ("consequences", self.consequences()),
            ("attachments", self.attachments()),
            ("dispute", self.dispute_values()),
            ("plan", self.plan_values(&due)),
        ])
    }
}
