//! The values a letter template sees, gathered from the report, the settings and the request.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::Value;
use rust_decimal::Decimal;

use super::amount_words::{amount_in_words_zh, currency_name_zh};
use super::schedule::instalments;
use super::{LetterRequest, LetterSettings};
use crate::aging::Status;
use crate::dates::{add_days, days_between, display, iso};
use crate::i18n::Lang;
use crate::money::format_grouped;
use crate::playbook::{add_working_days, DisputeReason, LetterKind};
use crate::report::Report;

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
    customer: String,
    rows: Vec<Row>,
    deadline: NaiveDate,
    dispute: Option<DisputeFacts>,
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
                LetterKind::Statement => {
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
        let deadline = request.deadline.unwrap_or_else(|| {
            rows.iter()
                .filter_map(|r| assessments.get(r.index)?.payment_deadline)
                .filter(|d| *d >= request.date)
                .min()
                .unwrap_or_else(|| {
                    if settings.working_days {
                        add_working_days(request.date, settings.deadline_days, &report.calendar)
                    } else {
                        add_days(request.date, i64::from(settings.deadline_days))
                    }
                })
        });

        let dispute = rows.iter().find_map(|r| {
            let case = assessments.get(r.index)?.dispute.as_ref()?;
            let inv = &invoices[r.index];
            let evidence_by = if case.evidence_by >= request.date {
                case.evidence_by
            } else if case.reason == DisputeReason::Quality {
                add_days(request.date, 3)
            } else {
                add_working_days(request.date, 3, &report.calendar)
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
                        evidence_by: add_working_days(request.date, 3, &report.calendar),
                    }
                })
        });

        Facts {
            report,
            settings,
            request,
            customer,
            rows,
            deadline,
            dispute,
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

    fn customer_name(&self) -> String {
        self.settings
            .customers
            .get(&self.customer)
            .map(|p| p.full_name.trim())
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| self.customer.clone())
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
        let date = display(self.request.date, lang);
        match lang {
            Lang::Zh => {
                let what = match self.request.kind {
                    LetterKind::Courtesy => "付款到期提醒",
                    LetterKind::Reminder => "逾期付款提醒",
                    LetterKind::Demand => "逾期账款催告",
                    LetterKind::Final => "律师函前最后通知",
                    LetterKind::Dispute => "异议的回复",
                    LetterKind::PaymentPlan => "分期付款协议建议",
                    LetterKind::Statement => return format!("对账单（截至{date}）"),
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
                    LetterKind::Final => "Final notice before legal action",
                    LetterKind::Dispute => "Response to your query",
                    LetterKind::PaymentPlan => "Proposed instalment payment plan",
                    LetterKind::Statement => return format!("Statement of account as of {date}"),
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

    fn invoice_values(&self) -> (Value, Totals, Totals, Value) {
        let lang = self.lang();
        let report = self.report;
        let mut due = Totals::default();
        let mut charges = Totals::default();
        let mut items = Vec::new();
        let mut lines = Vec::new();
        let mut charge_items = Vec::new();
        let mut charge_lines = Vec::new();
        for row in &self.rows {
            let inv = &report.parsed.invoices[row.index];
            let cur = inv.currency.as_str();
            due.add(cur, inv.outstanding);
            let money = |v: Decimal| format_amount(v, cur, lang);
            let overdue = row.days_past_due.max(0);
            let invoice_date = inv
                .invoice_date
                .map(|d| display(d, lang))
                .unwrap_or_else(|| "—".to_string());
            let charge = report
                .charge(row.index)
                .filter(|c| c.total > Decimal::ZERO && row.status == Status::Open);
            let (charge_total, charge_text) = match charge {
                Some(c) => {
                    charges.add(cur, c.total);
                    let formulas = c
                        .periods
                        .iter()
                        .map(|p| p.formula(lang, cur))
                        .collect::<Vec<_>>()
                        .join(lang.pick("；", "; "));
                    let basis = c.rule.name(lang);
                    charge_items.push(map([
                        ("number", Value::from(inv.number.clone())),
                        ("interest", Value::from(money(c.interest))),
                        ("fixed", Value::from(money(c.fixed))),
                        ("total", Value::from(money(c.total))),
                        ("days", Value::from(c.days)),
                        ("basis", Value::from(basis)),
                        ("formula", Value::from(formulas.clone())),
                    ]));
                    charge_lines.push(match lang {
                        Lang::Zh => format!(
                            "发票{}：逾期利息{}，固定赔偿{}，合计{}（依据：{}{}）",
                            inv.number,
                            money(c.interest),
                            money(c.fixed),
                            money(c.total),
                            basis,
                            if formulas.is_empty() {
                                String::new()
                            } else {
                                format!("；计算：{formulas}")
                            }
                        ),
                        Lang::En => format!(
                            "Invoice {}: interest {}, fixed compensation {}, total {} (basis: {}{})",
                            inv.number,
                            money(c.interest),
                            money(c.fixed),
                            money(c.total),
                            basis,
                            if formulas.is_empty() {
                                String::new()
                            } else {
                                format!("; computed as {formulas}")
                            }
                        ),
                    });
                    (money(c.total), formulas)
                }
                None => (String::new(), String::new()),
            };
            lines.push(match lang {
                Lang::Zh => {
                    let age = if row.status == Status::Credit {
                        "贷项".to_string()
                    } else if overdue > 0 {
                        format!("已逾期{overdue}天")
                    } else {
                        "未逾期".to_string()
                    };
                    format!(
                        "发票号{}，开票日期{}，到期日{}，发票金额{}，已付{}，未付余额{}，{}",
                        inv.number,
                        invoice_date,
                        display(inv.due_date, lang),
                        money(inv.amount),
                        money(inv.paid),
                        money(inv.outstanding),
                        age
                    )
                }
                Lang::En => {
                    let age = if row.status == Status::Credit {
                        "credit".to_string()
                    } else if overdue == 1 {
                        "1 day overdue".to_string()
                    } else if overdue > 0 {
                        format!("{overdue} days overdue")
                    } else {
                        "not yet overdue".to_string()
                    };
                    format!(
                        "Invoice {} dated {}, due {}: amount {}, paid {}, outstanding {}, {}",
                        inv.number,
                        invoice_date,
                        display(inv.due_date, lang),
                        money(inv.amount),
                        money(inv.paid),
                        money(inv.outstanding),
                        age
                    )
                }
            });
            items.push(map([
                ("number", Value::from(inv.number.clone())),
                ("invoice_date", Value::from(invoice_date)),
                ("due_date", Value::from(display(inv.due_date, lang))),
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
                ("credit", Value::from(row.status == Status::Credit)),
                ("bucket", Value::from(row.bucket.clone())),
                ("status", Value::from(row.status.label(lang))),
                ("charge", Value::from(charge_total)),
                ("charge_formula", Value::from(charge_text)),
                ("notes", Value::from(inv.notes.clone())),
            ]));
        }
        (
            list(items, lines),
            due,
            charges,
            list(charge_items, charge_lines),
        )
    }

    fn consequences(&self) -> Value {
        let lang = self.lang();
        let c = self.settings.consequences;
        let mut lines = Vec::new();
        if c.late_charges {
            lines.push(lang.pick(
                "依约定或依法计收的逾期利息及费用将自逾期之日起持续累计，由贵司承担；",
                "late-payment interest and charges due under the contract or by law will continue to accrue at your expense;",
            ));
        }
        if c.account_hold {
            lines.push(lang.pick(
                "我司将暂停向贵司发货及提供信用账期，直至欠款结清；",
                "we will place your account on hold and suspend deliveries and credit until the balance is settled;",
            ));
        }
        if c.collection_agency {
            lines.push(lang.pick(
                "我司将委托专业催收机构追收欠款，由此产生的费用依法由贵司承担；",
                "we will refer the debt to a collection agency, and recover its costs from you where the law allows;",
            ));
        }
        if c.legal_action {
            lines.push(lang.pick(
                "我司将通过诉讼或仲裁等法律途径追讨欠款，并主张相关费用。",
                "we will take legal action (court or arbitration) to recover the debt and our costs.",
            ));
        }
        let items = lines.iter().map(|s| Value::from(*s)).collect();
        let text = lines
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}. {s}", i + 1))
            .collect();
        list(items, text)
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
            .map(|(i, s)| format!("{}. {s}", i + 1))
            .collect();
        let res_items = resolutions.iter().map(|s| Value::from(s.clone())).collect();
        let res_lines = resolutions
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}. {s}", i + 1))
            .collect();
        let date = |d: NaiveDate| display(d, lang);
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
                    date(add_working_days(
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
            let date = display(*date, lang);
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
                Value::from(rows.first().map(|r| display(r.0, lang)).unwrap_or_default()),
            ),
            (
                "last",
                Value::from(rows.last().map(|r| display(r.0, lang)).unwrap_or_default()),
            ),
            ("rows", list(items, lines)),
        ])
    }

    /// The template's context; see [`super::placeholders`] for the names.
    pub(super) fn to_value(&self, subject: &str) -> Value {
        let lang = self.lang();
        let s = &self.settings.sender;
        let profile = self.settings.customers.get(&self.customer);
        let (invoices, due, charges, charge_rows) = self.invoice_values();
        let mut with_charges = Totals::default();
        for (c, v) in due.0.iter().chain(charges.0.iter()) {
            with_charges.add(c, *v);
        }
        let mut bases: Vec<&str> = Vec::new();
        for row in &self.rows {
            if let Some(c) = self
                .report
                .charge(row.index)
                .filter(|c| c.total > Decimal::ZERO)
            {
                let name = c.rule.name(lang);
                if !bases.contains(&name) {
                    bases.push(name);
                }
            }
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
                    ("name", Value::from(self.customer_name())),
                    (
                        "address",
                        text(profile.map(|p| p.address.as_str()).unwrap_or("")),
                    ),
                    (
                        "contact",
                        text(profile.map(|p| p.contact.as_str()).unwrap_or("")),
                    ),
                ]),
            ),
            ("subject", Value::from(subject)),
            ("kind", Value::from(self.request.kind.describe(lang))),
            ("date", Value::from(display(self.request.date, lang))),
            ("date_iso", Value::from(iso(self.request.date))),
            ("deadline", Value::from(display(self.deadline, lang))),
            ("deadline_iso", Value::from(iso(self.deadline))),
            (
                "deadline_days",
                Value::from(days_between(self.request.date, self.deadline).max(0)),
            ),
            ("invoices", invoices),
            ("invoice_count", Value::from(self.rows.len())),
            ("invoice_numbers", Value::from(self.numbers())),
            ("days_overdue", Value::from(days_overdue)),
            (
                "earliest_due_date",
                Value::from(earliest_due.map(|d| display(d, lang)).unwrap_or_default()),
            ),
            ("total_due", Value::from(due.text(lang))),
            ("total_due_words", Value::from(due.words())),
            ("has_charges", Value::from(charges.is_positive())),
            ("charges", charge_rows),
            ("charges_total", Value::from(charges.text(lang))),
            (
                "charges_basis",
                Value::from(bases.join(lang.pick("；", "; "))),
            ),
            ("total_with_charges", Value::from(with_charges.text(lang))),
            (
                "total_with_charges_words",
                Value::from(with_charges.words()),
            ),
            ("contract_clause", text(&self.settings.contract_clause)),
            ("consequences", self.consequences()),
            ("dispute", self.dispute_values()),
            ("plan", self.plan_values(&due)),
        ])
    }
}
