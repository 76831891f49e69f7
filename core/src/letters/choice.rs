//! The Letters tab's defaults and its ticked invoices, decided here so that the page only
//! shows them: which customer and which letter come first, and which rows the user's
//! ticks stand for in the report of the moment.

use crate::aging::Status;
use crate::dates::add_days;
use crate::i18n::Lang;
use crate::playbook::{CollectionAction, InvoiceKey, LetterKind};
use crate::report::Report;
use crate::workspace::Workspace;

use super::history::history;
use super::LetterRequest;

/// A letter's request with what the workspace says about it, so that the Letters tab and a
/// batch of letters ask for the same letter: dated the as-of date, the customer's charge
/// rule, what was sent before about `history_of`, and for a payment plan the default
/// instalments. The caller sets a deadline or other instalments the user chose.
pub fn request_for(
    workspace: &Workspace,
    report: &Report,
    kind: LetterKind,
    lang: Lang,
    customer: &str,
    invoices: Vec<usize>,
    history_of: &[InvoiceKey],
) -> LetterRequest {
    let settings = &workspace.settings.letters;
    let first_instalment = add_days(report.as_of, i64::from(settings.first_instalment_days));
    LetterRequest {
        kind,
        lang,
        customer: customer.to_string(),
        invoices,
        date: report.as_of,
        deadline: None,
        instalments: (kind == LetterKind::PaymentPlan)
            .then_some((settings.instalment_count, first_instalment)),
        history: history(
            &workspace.annotations,
            &workspace.letters_sent,
            history_of,
            report.as_of,
        ),
        charge_rule: Some(workspace.settings.charges.params_for(customer).clone()),
    }
}

/// The customer at the top of today's list, else the first one in the ledger.
pub fn default_customer(report: &Report) -> Option<String> {
    report
        .playbook
        .today
        .first()
        .map(|i| i.customer.clone())
        .or_else(|| report.customer_names().first().map(|c| c.to_string()))
}

/// The letter the playbook recommends for this customer: the one of its first (most urgent)
/// today item; past the stages that have a letter of their own (bad-debt risk), the final
/// notice. A customer with nothing to do today gets a reminder. When the limitation period
/// is about to run out (its "interrupt the limitation" step is due) or the debt is about to
/// go to a collector, the debt acknowledgment comes first: signed by the customer, it
/// restarts the period (民法典 art. 195) and gives the collector a confirmed balance.
pub fn recommended_letter(report: &Report, customer: &str) -> LetterKind {
    let Some(item) = report
        .playbook
        .today
        .iter()
        .find(|i| i.customer == customer)
    else {
        return LetterKind::Reminder;
    };
    let due = |action: CollectionAction| {
        item.steps
            .iter()
            .any(|s| s.action == action && s.is_due(report.as_of))
    };
    if due(CollectionAction::InterruptLimitation) || due(CollectionAction::HandToCollector) {
        return LetterKind::Acknowledgment;
    }
    item.letter
        .or(item.stage.letter())
        .unwrap_or(LetterKind::Final)
}

/// The rows a letter can be about: the customer's invoices that are not paid, as pasted.
pub fn open_rows(report: &Report, customer: &str) -> Vec<usize> {
    report
        .rows()
        .filter(|row| row.invoice.customer == customer && row.aged.status != Status::Paid)
        .map(|row| row.index)
        .collect()
}

/// What the ticked invoices stand for in this report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ticked {
    /// Rows of `report.parsed.invoices`, in the order the invoices were ticked (a key the
    /// ledger repeats gives each of its rows).
    pub rows: Vec<usize>,
    /// Ticked invoices that are no longer among the customer's open invoices.
    pub gone: Vec<InvoiceKey>,
}

/// Finds ticked invoices by identity (customer + invoice number, as annotations are), never
/// by position, so that a re-pasted ledger in another order keeps the same invoices ticked.
pub fn ticked_rows(report: &Report, customer: &str, keys: &[InvoiceKey]) -> Ticked {
    let open = open_rows(report, customer);
    let mut ticked = Ticked::default();
    for key in keys {
        let before = ticked.rows.len();
        ticked.rows.extend(open.iter().copied().filter(|&i| {
            let inv = &report.parsed.invoices[i];
            key.customer == inv.customer && key.number == inv.number
        }));
        if ticked.rows.len() == before {
            ticked.gone.push(key.clone());
        }
    }
    ticked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::derive;
    use crate::workspace::Workspace;
    use chrono::NaiveDate;

    fn report(text: &str) -> Report {
        let mut ws = Workspace::default();
        ws.input.text = text.into();
        derive(&ws, NaiveDate::from_ymd_opt(2025, 10, 31).unwrap())
    }

    const HEAD: &str = "Invoice\tCustomer\tDue date\tAmount\tPaid\n";

    #[test]
    fn ticks_follow_the_invoice_not_the_row() {
        let first = report(&format!(
            "{HEAD}A1\tAcme\t2025-09-01\t100\t0\nA2\tAcme\t2025-09-15\t200\t0\nA3\tAcme\t2025-10-01\t300\t0\n"
        ));
        let keys = [InvoiceKey::new("Acme", "A1"), InvoiceKey::new("Acme", "A3")];
        assert_eq!(ticked_rows(&first, "Acme", &keys).rows, [0, 2]);
        // The same ledger re-pasted in another order, a new row on top.
        let again = report(&format!(
            "{HEAD}A4\tAcme\t2025-10-05\t400\t0\nA3\tAcme\t2025-10-01\t300\t0\nA2\tAcme\t2025-09-15\t200\t0\nA1\tAcme\t2025-09-01\t100\t0\n"
        ));
        let ticked = ticked_rows(&again, "Acme", &keys);
        let numbers: Vec<&str> = ticked
            .rows
            .iter()
            .map(|&i| again.parsed.invoices[i].number.as_str())
            .collect();
        assert_eq!(numbers, ["A1", "A3"]);
        assert!(ticked.gone.is_empty());
    }

    #[test]
    fn paid_or_vanished_invoices_are_reported_gone() {
        let r = report(&format!(
            "{HEAD}A1\tAcme\t2025-09-01\t100\t100\nA2\tAcme\t2025-09-15\t200\t0\nB1\tBolt\t2025-09-15\t200\t0\n"
        ));
        let keys = [
            InvoiceKey::new("Acme", "A1"),
            InvoiceKey::new("Acme", "A2"),
            InvoiceKey::new("Acme", "A9"),
            InvoiceKey::new("Bolt", "B1"),
        ];
        let ticked = ticked_rows(&r, "Acme", &keys);
        assert_eq!(ticked.rows, [1]);
        assert_eq!(
            ticked.gone,
            [
                InvoiceKey::new("Acme", "A1"),
                InvoiceKey::new("Acme", "A9"),
                InvoiceKey::new("Bolt", "B1")
            ]
        );
    }

    #[test]
    fn defaults_come_from_the_today_list() {
        let r = report(&format!(
            "{HEAD}A1\tAcme\t2025-12-01\t100\t0\nB1\tBolt\t2025-06-01\t200\t0\n"
        ));
        assert_eq!(default_customer(&r).as_deref(), Some("Bolt"));
        // Bolt is past the hand-over point: the acknowledgment comes before the collector.
        let bolt = r
            .playbook
            .today
            .iter()
            .find(|i| i.customer == "Bolt")
            .unwrap();
        let hand_over = bolt
            .steps
            .iter()
            .any(|s| s.action == CollectionAction::HandToCollector && s.is_due(r.as_of));
        let expected = if hand_over {
            LetterKind::Acknowledgment
        } else {
            LetterKind::Final
        };
        assert_eq!(recommended_letter(&r, "Bolt"), expected);
        assert_eq!(recommended_letter(&r, "Nobody"), LetterKind::Reminder);
        assert_eq!(default_customer(&report("")), None);
        assert_eq!(open_rows(&r, "Acme"), [0]);
    }
}
