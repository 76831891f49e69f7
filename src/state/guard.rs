//! Nothing lost by a click (issue 15, item 5): "try with sample data" over the user's own
//! ledger asks first, and both it and "clear" can be undone — the workspace as it was is kept
//! aside until the next change, and the undo banner puts it back whole (notes, log, settings).

use std::rc::Rc;

use overdue_core::edit::{Edit, Reach};
use overdue_core::sample::sample_text;
use overdue_core::workspace::Workspace;

use super::AppState;

/// A click that replaces the pasted ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    Sample,
    Clear,
}

/// The workspace before a replacing click, while it can still be had back.
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    pub what: Replace,
    pub before: Rc<Workspace>,
}

pub enum GuardAction {
    /// "Try with sample data": at once over nothing (or over the sample), else it asks.
    Sample,
    /// "Clear": at once, with an undo.
    Clear,
    /// The user said yes to what was asked.
    Confirm,
    /// The user said no.
    Cancel,
    /// Puts the workspace back as it was before the last replacing click.
    Undo,
    /// The undo banner closed without undoing.
    Dismiss,
}

impl AppState {
    /// The user has a ledger of their own in the box: text that is not the sample's.
    pub fn has_own_ledger(&self) -> bool {
        let text = &self.workspace.input.text;
        !text.trim().is_empty() && *text != sample_text(self.as_of())
    }

    pub(super) fn reduce_guard(&self, action: GuardAction) -> Option<AppState> {
        Some(match action {
            GuardAction::Sample if self.has_own_ledger() => {
                let mut next = self.clone();
                next.ui.confirm_replace = Some(Replace::Sample);
                next
            }
            GuardAction::Sample => self.replace(Replace::Sample),
            GuardAction::Clear => self.replace(Replace::Clear),
            GuardAction::Confirm => self.replace(self.ui.confirm_replace?),
            GuardAction::Cancel => {
                let mut next = self.clone();
                next.ui.confirm_replace = None;
                next
            }
            GuardAction::Undo => {
                let replaced = self.ui.replaced.clone()?;
                let mut next = self.with_workspace((*replaced.before).clone(), Reach::Parse);
                next.ui.replaced = None;
                next.ui.input_open = Some(true);
                next
            }
            GuardAction::Dismiss => {
                let mut next = self.clone();
                next.ui.replaced = None;
                next
            }
        })
    }

    /// Makes the replacing click, keeping the workspace before it for the undo (only when
    /// there was something to lose: the banner would otherwise undo nothing).
    fn replace(&self, what: Replace) -> AppState {
        let edit = match what {
            Replace::Sample => Edit::LoadSample {
                as_of: self.as_of(),
            },
            Replace::Clear => Edit::Paste {
                text: String::new(),
                source: None,
            },
        };
        let mut next = self.edited(edit);
        next.ui.confirm_replace = None;
        next.ui.replaced = self.has_own_ledger().then(|| Replaced {
            what,
            before: self.workspace.clone(),
        });
        match what {
            Replace::Sample => {
                // The sample's results come first (on a phone, the whole first screen would
                // be the paste box): the panel is folded, its "Read as" sentence in view.
                next.ui.input_open = Some(false);
                next.table.expanded = None;
                next.open_today_if_work(self);
            }
            Replace::Clear => next.table.expanded = None,
        }
        next
    }
}
