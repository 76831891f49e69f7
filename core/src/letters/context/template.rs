//! Everything gathered, as the one value a template sees.

use super::*;

impl Facts<'_> {
    /// The template's context; see [`super::placeholders`] for the names.
    pub(in crate::letters) fn to_value(&self, subject: &str) -> Value {
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
        let earliest_due = open.iter().map(|r| r.invoice.due_date).min();
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
