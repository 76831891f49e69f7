//! Runs a large derive in slices (issue 14, goal 3; the rule is in `state/deriving.rs`, the
//! checkpoints in `overdue_core::pace`): each slice polls the core's paced derive for
//! [`SLICE_MS`], then hands the thread back to the browser — input, scrolling, painting — and
//! the next slice runs in a new task. Dropping the [`Run`] stops it: the work is dropped at
//! the next slice, with everything it held.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

use chrono::NaiveDate;
use gloo::timers::callback::Timeout;
use overdue_core::edit::Reach;
use overdue_core::pace::{poll_once, Pace, Slice};
use overdue_core::report::{rederive_paced, Report};
use overdue_core::workspace::Workspace;

use crate::state::Timer;

/// How long one slice works before it lets the browser in. A task of this plus the overshoot to
/// the next checkpoint (a pass with none in it, a few ms at 100,000 rows) stays well within
/// the 100 ms the page may block for, and near the 50 ms a browser counts as a long task.
pub const SLICE_MS: f64 = 40.0;

/// The `id` of the progress bar (`views/deriving.rs`), whose value each slice sets.
pub const PROGRESS_ID: &str = "derive-progress";

type Work = Pin<Box<dyn Future<Output = Option<Report>>>>;

struct Running {
    work: Work,
    slice: Rc<Slice>,
    done: Box<dyn FnOnce(Option<Report>)>,
}

/// A derive under way; dropping it stops it.
pub struct Run(Rc<RefCell<Option<Running>>>);

impl Drop for Run {
    fn drop(&mut self) {
        // Taken out before it is dropped: a slice that is due finds nothing to run.
        let stopped = self.0.borrow_mut().take();
        drop(stopped);
    }
}

/// What one sliced derive works from: the report to rederive from, the reach since, the
/// workspace and today's date.
pub struct Job {
    pub previous: Rc<Report>,
    pub reach: Reach,
    pub workspace: Rc<Workspace>,
    pub today: NaiveDate,
    pub timer: Timer,
}

/// Starts `job`; `done` gets its report (None: nothing it reaches changed) unless the run is
/// dropped first. The first slice runs in a new task, after the page has drawn the bar.
pub fn start(job: Job, done: impl FnOnce(Option<Report>) + 'static) -> Run {
    let slice = Rc::new(Slice::default());
    let pace = Pace::sliced(now, slice.clone());
    let work: Work = Box::pin(derive(job, pace));
    let running = Rc::new(RefCell::new(Some(Running {
        work,
        slice,
        done: Box::new(done),
    })));
    schedule(running.clone());
    Run(running)
}

async fn derive(job: Job, mut pace: Pace) -> Option<Report> {
    let Job {
        previous,
        reach,
        workspace,
        today,
        mut timer,
    } = job;
    (timer.start)("derive");
    let report = rederive_paced(&previous, reach, &workspace, today, &mut timer, &mut pace).await;
    (timer.end)("derive");
    report
}

fn schedule(running: Rc<RefCell<Option<Running>>>) {
    Timeout::new(0, move || step(running)).forget();
}

/// One slice: poll until the slice's time is up; then the next slice, or the result.
fn step(running: Rc<RefCell<Option<Running>>>) {
    let mut slot = running.borrow_mut();
    let Some(current) = slot.as_mut() else {
        return;
    };
    current.slice.deadline.set(now() + SLICE_MS);
    match poll_once(current.work.as_mut()) {
        Poll::Pending => {
            show_progress(current.slice.progress.get());
            drop(slot);
            schedule(running);
        }
        Poll::Ready(report) => {
            show_progress(1.0);
            drop(slot);
            // The report is handed over in a task of its own: what it brings (the table's rows
            // worked out again, the render) is tens of ms at 100,000 invoices, and after a
            // full slice in the same task it would hold the page over 100 ms. A run dropped
            // meanwhile hands nothing over.
            let handing = running.clone();
            Timeout::new(0, move || {
                let finished = handing.borrow_mut().take();
                if let Some(finished) = finished {
                    (finished.done)(report);
                }
            })
            .forget();
        }
    }
}

fn show_progress(share: f64) {
    if let Some(bar) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(PROGRESS_ID))
    {
        let _ = bar.set_attribute("value", &format!("{:.3}", share.clamp(0.0, 1.0)));
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
