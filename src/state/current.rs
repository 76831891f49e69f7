//! Edits made to the state as the reducer holds it when they land, not as a view last drew
//! it.
//!
//! A view's callbacks are built at render time and capture what was drawn. When an edit
//! replaces a whole settings group (the letters' sender profile, the playbook's thresholds, a
//! set of contract terms, a letter's proof of delivery) and the callback builds that group
//! from what it captured, two changes made before the page draws again (a quick tab through
//! the sender fields, a slow phone, a script filling a form) each send the group as it was
//! drawn, and the second silently undoes the first. Here the view says only what it changes;
//! the reducer reads the group from its current state and makes the edit from that.

use overdue_core::calendar::CalendarSettings;
use overdue_core::charges::ChargeRuleParams;
use overdue_core::credit::CreditSettings;
use overdue_core::edit::Edit;
use overdue_core::letters::{ContractTerms, CustomerProfile, LetterSettings};
use overdue_core::paste::Field;
use overdue_core::playbook::sent::Proof;
use overdue_core::playbook::{Dispute, InvoiceKey, PlaybookSettings};
use overdue_core::workspace::Workspace;

use super::{Action, AppState};

/// Makes an edit from the state the reducer holds when the action is applied; None: nothing
/// to change (what the view asked for no longer applies, or a typed value did not read).
pub struct FromCurrent(Box<MakeEdit>);

type MakeEdit = dyn FnOnce(&AppState) -> Option<Edit>;

impl FromCurrent {
    pub(super) fn edit(self, state: &AppState) -> Option<Edit> {
        (self.0)(state)
    }
}

/// Which set of contract terms a form edits: the workspace default or one customer's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermsOf {
    Default,
    Customer(String),
}

impl TermsOf {
    fn terms(&self, workspace: &Workspace) -> ContractTerms {
        let letters = &workspace.settings.letters;
        match self {
            TermsOf::Default => letters.contract.clone(),
            TermsOf::Customer(name) => letters
                .customers
                .get(name)
                .map(|p| p.contract.clone())
                .unwrap_or_default(),
        }
    }

    fn edit(&self, workspace: &Workspace, terms: ContractTerms) -> Edit {
        match self {
            TermsOf::Default => {
                let mut letters = workspace.settings.letters.clone();
                letters.contract = terms;
                Edit::SetLetters(letters)
            }
            TermsOf::Customer(customer) => Edit::SetCustomerContract {
                customer: customer.clone(),
                terms,
            },
        }
    }
}

impl Action {
    /// An edit built from the state as it is when the reducer applies it.
    pub fn from_current(make: impl FnOnce(&AppState) -> Option<Edit> + 'static) -> Action {
        Action::FromCurrent(FromCurrent(Box::new(make)))
    }

    /// Changes one settings group: `group` reads it from the workspace, `change` changes a
    /// copy, `edit` makes the edit that stores it.
    fn group<T: Clone + 'static>(
        group: fn(&Workspace) -> &T,
        edit: fn(T) -> Edit,
        change: impl FnOnce(&mut T) + 'static,
    ) -> Action {
        Action::from_current(move |state| {
            let mut next = group(&state.workspace).clone();
            change(&mut next);
            Some(edit(next))
        })
    }

    /// Changes the letter settings (sender, customers' details, templates, defaults).
    pub fn letters(change: impl FnOnce(&mut LetterSettings) + 'static) -> Action {
        Action::group(|w| &w.settings.letters, Edit::SetLetters, change)
    }

    /// Changes one customer's letter details (address, contact, size), creating them if new.
    pub fn customer_profile(
        customer: String,
        change: impl FnOnce(&mut CustomerProfile) + 'static,
    ) -> Action {
        Action::letters(move |letters| change(letters.customers.entry(customer).or_default()))
    }

    /// Changes one set of contract terms.
    pub fn contract(whose: TermsOf, change: impl FnOnce(&mut ContractTerms) + 'static) -> Action {
        Action::from_current(move |state| {
            let mut terms = whose.terms(&state.workspace);
            change(&mut terms);
            Some(whose.edit(&state.workspace, terms))
        })
    }

    /// Changes the playbook's thresholds and choices.
    pub fn playbook(change: impl FnOnce(&mut PlaybookSettings) + 'static) -> Action {
        Action::group(|w| &w.settings.playbook, Edit::SetPlaybook, change)
    }

    /// Changes the workspace's late-charge rule; `change` returns false when what was typed
    /// did not read, and nothing is edited.
    pub fn charge_params(change: impl FnOnce(&mut ChargeRuleParams) -> bool + 'static) -> Action {
        Action::from_current(move |state| {
            let mut next = state.workspace.settings.charges.workspace.clone();
            change(&mut next).then_some(Edit::SetChargeParams(next))
        })
    }

    /// Changes the credit thresholds and default limit.
    pub fn credit(change: impl FnOnce(&mut CreditSettings) + 'static) -> Action {
        Action::group(|w| &w.settings.credit, Edit::SetCreditSettings, change)
    }

    /// Changes the working-day calendar.
    pub fn calendar(change: impl FnOnce(&mut CalendarSettings) + 'static) -> Action {
        Action::group(|w| &w.settings.calendar, Edit::SetCalendar, change)
    }

    /// Changes the recorded dispute of an invoice: `change` gets the dispute as recorded now
    /// and returns the one to keep, or None to leave it as it is.
    pub fn dispute(
        key: InvoiceKey,
        change: impl FnOnce(Option<&Dispute>) -> Option<Dispute> + 'static,
    ) -> Action {
        Action::from_current(move |state| {
            let now = state
                .workspace
                .annotations
                .get(&key)
                .and_then(|a| a.dispute.as_ref());
            let next = change(now)?;
            Some(Edit::SetDispute(key, Some(next)))
        })
    }

    /// Changes the proof of delivery of letter `id` (nothing if the letter is gone).
    pub fn sent_proof(id: u64, change: impl FnOnce(&mut Proof) + 'static) -> Action {
        Action::from_current(move |state| {
            let entry = state.workspace.letters_sent.iter().find(|e| e.id == id)?;
            let mut proof = entry.proof();
            change(&mut proof);
            Some(Edit::UpdateSentProof { id, proof })
        })
    }

    /// Changes the column mapping as the last parse read it.
    pub fn mapping(change: impl FnOnce(&mut Vec<Field>) + 'static) -> Action {
        Action::from_current(move |state| {
            let mut mapping: Vec<Field> = state
                .report
                .parsed
                .columns
                .iter()
                .map(|c| c.field)
                .collect();
            change(&mut mapping);
            Some(Edit::SetMapping(mapping))
        })
    }
}
