//! The Review tab's state: the snapshots kept in this browser (stored apart from the
//! workspace, under their own key: they are large), which one the page compares against, and
//! what the last "keep" did. The rules (what a snapshot holds, the bound, the order) are the
//! core's (`overdue_core::review::snapshot`); this only calls them.

use std::rc::Rc;

use chrono::NaiveDate;
use overdue_core::review::snapshot::{KeepError, Kept, Snapshot, Snapshots};

use super::AppState;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewView {
    /// The snapshot compared against; None: the latest before the ledger's as-of date.
    pub compare: Option<NaiveDate>,
    pub notice: Option<ReviewNotice>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ReviewNotice {
    Kept(Kept),
    NotKept(KeepError),
    /// The browser refused to store the snapshots.
    SaveFailed,
}

pub enum ReviewAction {
    /// Keep the ledger on the page as a snapshot of its as-of date.
    Keep,
    Remove(NaiveDate),
    Compare(Option<NaiveDate>),
    SaveFailed,
}

impl AppState {
    pub(super) fn reduce_review(&self, action: ReviewAction) -> AppState {
        let mut next = self.clone();
        match action {
            ReviewAction::Keep => {
                let snapshot = Snapshot::of(&self.report, &self.workspace);
                let mut snapshots = (*self.snapshots).clone();
                next.review.notice = Some(match snapshots.keep(snapshot) {
                    Ok(kept) => {
                        next.snapshots = Rc::new(snapshots);
                        ReviewNotice::Kept(kept)
                    }
                    Err(e) => ReviewNotice::NotKept(e),
                });
            }
            ReviewAction::Remove(date) => {
                let mut snapshots = (*self.snapshots).clone();
                if snapshots.remove(date) {
                    next.snapshots = Rc::new(snapshots);
                }
                if next.review.compare == Some(date) {
                    next.review.compare = None;
                }
                next.review.notice = None;
            }
            ReviewAction::Compare(date) => next.review.compare = date,
            ReviewAction::SaveFailed => next.review.notice = Some(ReviewNotice::SaveFailed),
        }
        next
    }

    /// The snapshot the review compares the page's ledger against.
    pub fn compared_snapshot(&self) -> Option<&Snapshot> {
        let as_of = self.report.as_of;
        match self.review.compare {
            Some(date) => self.snapshots.get(date).filter(|s| s.as_of != as_of),
            None => self.snapshots.latest_before(as_of),
        }
    }

    /// The state with the snapshots read from storage.
    pub fn with_snapshots(mut self, snapshots: Snapshots) -> AppState {
        self.snapshots = Rc::new(snapshots);
        self
    }
}
