//! A large derive worked out in slices (issue 14, goal 3): the reducer does not derive a large
//! ledger itself — that would hold the page for as long as the derive takes, half a second at
//! 100,000 invoices and seconds at a million. It applies the edit, keeps the report it has, and
//! records a [`Deriving`]; the page (`app.rs`, `use_sliced_derive`) runs the core's paced
//! derive (`overdue_core::pace`) in slices of a few tens of milliseconds, with a progress bar
//! and a cancel, and hands the report back as [`DeriveAction::Done`].
//!
//! While one runs, the workspace is ahead of the report. Edits go on being applied; one that
//! reaches the derive starts it again, with the reaches of both ([`Reach::union`]), from the
//! same report. Cancel puts back the workspace the report was derived from.

use std::rc::Rc;

use chrono::NaiveDate;
use overdue_core::edit::Reach;
use overdue_core::report::{derive_with, Report};
use overdue_core::stages::Stage;
use overdue_core::workspace::{Input, Workspace};

use super::{AppState, Timer};

/// From this many rows of work on, a derive is sliced: about 50 ms of derive in the page on
/// our 2-core machine, so a smaller one goes in one piece as before (and shows no progress bar
/// that would only flash).
pub const SLICED_FROM_ROWS: usize = 15_000;

/// A derive the page is working out in slices.
#[derive(Clone, Debug, PartialEq)]
pub struct Deriving {
    /// Which run this is: a later edit starts another, and a run's result is taken only while
    /// it is the one asked for.
    pub run: u64,
    /// What has to be worked out again since the report in the state.
    pub reach: Reach,
    /// The workspace the state's report was derived from: what cancel puts back. None when
    /// there is nothing to go back to (the saved work being read at start-up).
    pub before: Option<Rc<Workspace>>,
    /// Rows of work, for the words beside the progress bar.
    pub rows: usize,
}

pub enum DeriveAction {
    /// Run `run` has finished: its report (None: nothing it reaches changed).
    Done {
        run: u64,
        report: Option<Box<Report>>,
    },
    /// Stop working out the derive: the workspace goes back to the one the report is from.
    Cancel,
}

/// Rows of work a derive of `workspace` after an edit of this reach takes, judged without
/// doing it: the pasted text's size when the parse reruns, else the invoices read.
pub fn rows_of_work(workspace: &Workspace, report: &Report, reach: Reach) -> usize {
    if reach.reruns(Stage::Parse) {
        lines_in(&workspace.input.text)
    } else if reach == Reach::Nothing {
        0
    } else {
        report.parsed.invoices.len()
    }
}

/// The lines of `text`: counted up to [`SLICED_FROM_ROWS`], and past that estimated from the
/// length of those (counting a million lines would itself hold the page a moment).
fn lines_in(text: &str) -> usize {
    let mut lines = 0;
    for (at, byte) in text.bytes().enumerate() {
        if byte == b'\n' {
            lines += 1;
            if lines == SLICED_FROM_ROWS {
                let per_line = (at + 1) as f64 / lines as f64;
                return (text.len() as f64 / per_line).round() as usize;
            }
        }
    }
    lines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// The report a page opening on `workspace` starts from, and the run that catches it up: a
/// large saved ledger is worked out in slices too, so that opening the page does not hold it
/// for the derive (a first run has no `before`, so nothing to stop back to). Meanwhile the
/// report is that of the same workspace without its text: no invoices, the settings as saved.
pub(super) fn at_start(
    workspace: &Workspace,
    today: NaiveDate,
    timer: Timer,
) -> (Report, Option<Deriving>) {
    let mut stages = timer;
    let rows = lines_in(&workspace.input.text);
    if rows < SLICED_FROM_ROWS {
        let report = timer.time("derive", || derive_with(workspace, today, &mut stages));
        return (report, None);
    }
    let textless = Workspace {
        input: Input::default(),
        ..workspace.clone()
    };
    let run = Deriving {
        run: 1,
        reach: Reach::Parse,
        before: None,
        rows,
    };
    (derive_with(&textless, today, &mut stages), Some(run))
}

impl AppState {
    /// Whether the derive after an edit of `reach` to `workspace` is sliced: it is large, or
    /// one is running already (the report is then behind, and only the sliced run catches it
    /// up).
    pub(super) fn slices(&self, workspace: &Workspace, reach: Reach) -> bool {
        reach != Reach::Nothing
            && (self.deriving.is_some()
                || rows_of_work(workspace, &self.report, reach) >= SLICED_FROM_ROWS)
    }

    /// The run to ask for after an edit of `reach`, on top of any running one.
    pub(super) fn sliced_run(&self, workspace: &Workspace, reach: Reach) -> Deriving {
        let (reach, before) = match &self.deriving {
            Some(running) => (running.reach.union(reach), running.before.clone()),
            None => (reach, Some(self.workspace.clone())),
        };
        Deriving {
            run: self.runs.wrapping_add(1),
            reach,
            before,
            rows: rows_of_work(workspace, &self.report, reach),
        }
    }

    pub(super) fn reduce_deriving(&self, action: DeriveAction) -> Option<AppState> {
        let running = self.deriving.as_ref()?;
        match action {
            DeriveAction::Done { run, report } => {
                if run != running.run {
                    return None;
                }
                let mut next = self.clone();
                next.deriving = None;
                if let Some(report) = report {
                    next.report = Rc::new(*report);
                    next.table = self.timed_table(|| self.table.refreshed(&next.report));
                }
                if running.reach.reruns(Stage::Parse) {
                    next.letter = self.letter.after_repaste(&next.report);
                    // The first data of the page: it opens where the day's work is, as a
                    // paste derived at once does. (The saved work read at start-up, which has
                    // no `before`, opens where a small one does.)
                    if running.before.is_some() {
                        next.open_today_if_work(self);
                    }
                }
                Some(next)
            }
            DeriveAction::Cancel => {
                let before = running.before.clone()?;
                let mut next = self.clone();
                next.deriving = None;
                next.workspace = before;
                Some(next)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_then_estimated() {
        assert_eq!(lines_in(""), 0);
        assert_eq!(lines_in("a\nb"), 2);
        assert_eq!(lines_in("a\nb\n"), 2);
        let text = "0123456789\n".repeat(4 * SLICED_FROM_ROWS);
        assert_eq!(lines_in(&text), 4 * SLICED_FROM_ROWS);
    }
}
