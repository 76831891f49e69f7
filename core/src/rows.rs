//! One invoice with everything derived about it — the invoice as read, its aging, its late
//! charge, the playbook's assessment — so that the table, the export, the letters, credit,
//! the review and the Today list read one row instead of indexing parallel lists.
//!
//! Invariant: the stages' per-invoice outputs are one per invoice of the parse, in the pasted
//! order (charges: that, or none at all when no rule is chosen). They are `pub(crate)` in
//! [`Report`] and put together only here, so code outside `report`, `rows` and `stages`
//! reads per-invoice results through [`Report::row`] / [`Report::rows`] and nowhere else.

use crate::aging::Aged;
use crate::charges::Charge;
use crate::paste::Invoice;
use crate::playbook::{Assessment, InvoiceKey};
use crate::report::Report;

#[derive(Clone, Copy, Debug)]
pub struct InvoiceRow<'a> {
    /// Its place in `report.parsed.invoices` (the pasted order).
    pub index: usize,
    pub invoice: &'a Invoice,
    pub aged: &'a Aged,
    /// None when no late-charge rule is chosen anywhere.
    pub charge: Option<&'a Charge>,
    pub assessment: &'a Assessment,
}

impl InvoiceRow<'_> {
    /// Customer + invoice number: how annotations and letter ticks name this invoice.
    pub fn key(&self) -> InvoiceKey {
        InvoiceKey::of(self.invoice)
    }

    /// Outstanding plus its late charge, as the 账龄表's "total now due" adds them per
    /// customer (`Report::now_due`), so that the rows add up to it; None without charges.
    pub fn now_due(&self) -> Option<rust_decimal::Decimal> {
        self.charge.map(|c| self.invoice.outstanding + c.total)
    }
}

/// The stages' per-invoice outputs side by side, read as rows. Made by `derive` (and by its
/// credit stage, before the report exists) from lists of the same length.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rows<'a> {
    invoices: &'a [Invoice],
    aged: &'a [Aged],
    /// Empty when no charge rule is chosen anywhere.
    charges: &'a [Charge],
    assessments: &'a [Assessment],
}

impl<'a> Rows<'a> {
    pub(crate) fn new(
        invoices: &'a [Invoice],
        aged: &'a [Aged],
        charges: &'a [Charge],
        assessments: &'a [Assessment],
    ) -> Rows<'a> {
        debug_assert_eq!(aged.len(), invoices.len());
        debug_assert!(charges.is_empty() || charges.len() == invoices.len());
        debug_assert_eq!(assessments.len(), invoices.len());
        Rows {
            invoices,
            aged,
            charges,
            assessments,
        }
    }

    pub(crate) fn get(&self, index: usize) -> Option<InvoiceRow<'a>> {
        Some(InvoiceRow {
            index,
            invoice: self.invoices.get(index)?,
            aged: self.aged.get(index)?,
            charge: self.charges.get(index),
            assessment: self.assessments.get(index)?,
        })
    }

    pub(crate) fn iter(self) -> impl Iterator<Item = InvoiceRow<'a>> {
        (0..self.invoices.len()).filter_map(move |i| self.get(i))
    }
}

impl Report {
    fn table(&self) -> Rows<'_> {
        Rows::new(
            &self.parsed.invoices,
            &self.aged,
            &self.charges,
            &self.playbook.assessments,
        )
    }

    /// Invoice `index` (its place in `parsed.invoices`) with what was derived about it; None
    /// past the end.
    pub fn row(&self, index: usize) -> Option<InvoiceRow<'_>> {
        self.table().get(index)
    }

    /// Every invoice, in the pasted order.
    pub fn rows(&self) -> impl Iterator<Item = InvoiceRow<'_>> {
        self.table().iter()
    }

    /// Whether a late-charge rule is chosen anywhere (every row then has a charge).
    pub fn has_charges(&self) -> bool {
        !self.charges.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use crate::report::derive;
    use crate::workspace::Workspace;
    use chrono::NaiveDate;

    #[test]
    fn a_row_holds_what_was_derived_about_its_own_invoice() {
        let mut ws = Workspace::default();
        ws.input.text =
            "Invoice\tCustomer\tDue date\tAmount\nA\tX\t2025-10-01\t10\nB\tY\t2025-09-01\t20\n"
                .into();
        ws.settings.charges.workspace.rule = crate::charges::RuleKind::Contract;
        ws.settings.charges.workspace.fixed_fee = rust_decimal::Decimal::from(40);
        let report = derive(&ws, NaiveDate::from_ymd_opt(2025, 10, 31).unwrap());
        let rows: Vec<_> = report.rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].invoice.number, "B");
        assert_eq!(rows[1].aged.days_past_due, 60);
        assert!(rows[1].charge.is_some());
        assert!(report.has_charges());
        assert_eq!(rows[1].assessment.days_past_due, 60);
        assert_eq!(rows[1].key().number, "B");
        assert!(report.row(2).is_none());
        // Each row's total now due is its outstanding plus its charge, and the rows of a
        // customer add up to the customer's total now due.
        let b = &rows[1];
        assert_eq!(
            b.now_due(),
            Some(b.invoice.outstanding + b.charge.unwrap().total)
        );
        assert!(b.charge.unwrap().total > rust_decimal::Decimal::ZERO);
        let y = report.customers.iter().find(|c| c.customer == "Y").unwrap();
        assert_eq!(
            b.now_due(),
            Some(report.now_due(Some("Y"), "CNY", y.rollup.total))
        );
    }
}
