//! The values of a dispute response and of an instalment plan.

use super::*;

impl Facts<'_> {
    pub(super) fn dispute_values(&self) -> Value {
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

    pub(super) fn plan_values(&self, due: &Totals) -> Value {
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
}
