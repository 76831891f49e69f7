//! The choices on the Letters tab (not kept: a view on the workspace). Ticked invoices are
//! held by identity (customer + invoice number), so that re-pasting an updated ledger keeps
//! the same invoices in the letter; ticked invoices the new ledger no longer has open are
//! taken out, and listed so that the page can say so.

use chrono::NaiveDate;
use overdue_core::i18n::Lang;
use overdue_core::letters::{default_customer, ticked_rows};
use overdue_core::playbook::{InvoiceKey, LetterKind};
use overdue_core::report::Report;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct LetterDraft {
    /// None: the customer the core puts first ([`default_customer`]).
    pub customer: Option<String>,
    pub kind: Option<LetterKind>,
    pub lang: Option<Lang>,
    pub deadline: Option<NaiveDate>,
    /// Ticked invoices, in the order ticked; empty: the ones the letter kind is about.
    pub selected: Vec<InvoiceKey>,
    pub instalments: Option<u32>,
    /// First instalment date of a payment plan; None: the default days after the letter date.
    pub first_instalment: Option<NaiveDate>,
    pub copied: bool,
    /// Ticked invoices a re-paste took out of the letter (the page says which).
    pub dropped: Vec<InvoiceKey>,
}

pub enum LetterAction {
    Customer(String),
    Kind(LetterKind),
    Lang(Lang),
    Deadline(Option<NaiveDate>),
    Instalments(Option<u32>),
    FirstInstalment(Option<NaiveDate>),
    ToggleInvoice(InvoiceKey),
    Copied(bool),
}

impl LetterDraft {
    /// A fresh draft with the customer, kind and invoices a Today action calls for.
    pub fn chosen(customer: String, kind: LetterKind, invoices: Vec<InvoiceKey>) -> LetterDraft {
        LetterDraft {
            customer: Some(customer),
            kind: Some(kind),
            selected: invoices,
            ..LetterDraft::default()
        }
    }

    pub fn reduce(&self, action: LetterAction) -> LetterDraft {
        let mut next = self.clone();
        // The copy confirmation is for the letter it was shown for; the note about dropped
        // invoices for the letter as it was before this choice.
        next.copied = false;
        next.dropped.clear();
        match action {
            LetterAction::Customer(customer) => {
                next.customer = Some(customer);
                next.selected.clear();
                next.kind = None;
            }
            LetterAction::Kind(kind) => next.kind = Some(kind),
            LetterAction::Lang(lang) => next.lang = Some(lang),
            LetterAction::Deadline(date) => next.deadline = date,
            LetterAction::Instalments(n) => next.instalments = n,
            LetterAction::FirstInstalment(date) => next.first_instalment = date,
            LetterAction::ToggleInvoice(key) => {
                // Ticking pins the customer: a re-paste may change which one comes first.
                next.customer = Some(key.customer.clone());
                match next.selected.iter().position(|k| *k == key) {
                    Some(at) => {
                        next.selected.remove(at);
                    }
                    None => next.selected.push(key),
                }
            }
            LetterAction::Copied(copied) => {
                next.copied = copied;
                next.dropped = self.dropped.clone();
            }
        }
        next
    }

    /// The same choices over a newly read ledger: ticked invoices it no longer has open are
    /// dropped, and remembered in `dropped`.
    pub fn after_repaste(&self, report: &Report) -> LetterDraft {
        if self.selected.is_empty() {
            return self.clone();
        }
        let customer = self
            .customer
            .clone()
            .or_else(|| default_customer(report))
            .unwrap_or_default();
        let gone = ticked_rows(report, &customer, &self.selected).gone;
        if gone.is_empty() {
            return self.clone();
        }
        let mut next = self.clone();
        next.selected.retain(|k| !gone.contains(k));
        next.dropped.extend(gone);
        next.copied = false;
        next
    }
}
