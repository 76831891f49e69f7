//! The batch review (issue 16 item 7): every letter of one kind due today, stepped through one
//! after another. The list is taken when the batch opens, so that recording a letter as sent
//! (which takes it off Today) does not move the others under the user's hand.

use overdue_core::playbook::sent::{letters_due, DueLetter};
use overdue_core::playbook::LetterKind;
use overdue_core::report::Report;

#[derive(Clone, Debug, PartialEq)]
pub struct BatchView {
    pub kind: LetterKind,
    pub letters: Vec<DueLetter>,
    /// The letter shown, an index into `letters`.
    pub at: usize,
    /// The letter shown was copied.
    pub copied: bool,
}

pub enum BatchAction {
    Open(LetterKind),
    Next,
    Previous,
    Copied(bool),
    Close,
}

impl BatchView {
    /// The batch of `kind` as the report stands; None when no such letter is due.
    pub fn open(report: &Report, kind: LetterKind) -> Option<BatchView> {
        let letters = letters_due(&report.playbook.today, kind, &report.parsed.invoices);
        (!letters.is_empty()).then_some(BatchView {
            kind,
            letters,
            at: 0,
            copied: false,
        })
    }

    pub fn current(&self) -> Option<&DueLetter> {
        self.letters.get(self.at)
    }
}

/// The batch after one action (None: closed).
pub fn reduce(
    batch: Option<&BatchView>,
    action: BatchAction,
    report: &Report,
) -> Option<BatchView> {
    let mut next = match action {
        BatchAction::Open(kind) => return BatchView::open(report, kind),
        BatchAction::Close => return None,
        _ => batch?.clone(),
    };
    match action {
        BatchAction::Next => {
            next.at = (next.at + 1).min(next.letters.len().saturating_sub(1));
            next.copied = false;
        }
        BatchAction::Previous => {
            next.at = next.at.saturating_sub(1);
            next.copied = false;
        }
        BatchAction::Copied(ok) => next.copied = ok,
        BatchAction::Open(_) | BatchAction::Close => {}
    }
    Some(next)
}
