//! The invoices a letter lists, their totals per currency, the late charges and their daily
//! accrual.

use super::*;

impl Facts<'_> {
    /// The invoices (a line each, in the letter's language), the totals due and charged per
    /// currency, the charge lines, and what the charges add per day from the letter date on.
    pub(super) fn invoice_values(&self) -> (Value, Totals, Totals, Value, Totals) {
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
            let inv = row.invoice;
            let cur = inv.currency.as_str();
            due.add(cur, inv.outstanding);
            let money = |v: Decimal| format_amount(v, cur, lang);
            let overdue = row.days_past_due.max(0);
            let invoice_date = inv.invoice_date.map(date).unwrap_or_default();
            let charge = row.charge.filter(|c| {
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
                ("currency", Value::from(inv.currency.as_str())),
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
}
