//! Where a long derive may pause, so that the page stays responsive while it works (issue 14,
//! goal 3: the main thread never blocks for more than 100 ms).
//!
//! The stages of `report::derive` are written once, as `async` functions that call
//! [`Pace::tick`] in their long loops. Natively, and for small ledgers in the page, they run to
//! the end in one go ([`block_on`] with [`Pace::never`]: a tick never pauses). For a large
//! ledger the page polls the same future in slices ([`Pace::sliced`]): when a slice's time is
//! up, the next tick returns `Pending` once, the page hands the thread back to the browser
//! (input, scrolling, painting the progress bar) and polls again in a new task. Dropping the
//! future cancels the work: it holds nothing but its own state.
//!
//! Why not a Web Worker: the views read the `Report` directly, so a report derived in a worker
//! would have to be copied into the page's memory (serialised and read back — at 100,000
//! invoices about as long as deriving it, in the page's thread again) and held twice. Slicing
//! keeps one report, costs no code to serialise, and the work is the same code either way.

use std::cell::Cell;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Milliseconds from some fixed start (the page's `performance.now`).
pub type Clock = fn() -> f64;

/// How many ticks pass between two looks at the clock: a tick is one row of a loop, and
/// reading the clock in the page crosses into JavaScript, which costs more than a row.
const TICKS_PER_LOOK: u32 = 512;

/// What the page and the work share while a sliced derive runs: when the current slice ends
/// (set by the page before each poll) and how far the work has got.
#[derive(Debug, Default)]
pub struct Slice {
    /// The clock's reading after which the next look pauses the work.
    pub deadline: Cell<f64>,
    /// The share of the work done, 0 to 1, as of the last pause.
    pub progress: Cell<f64>,
    /// Pauses so far.
    pub pauses: Cell<u32>,
}

/// The checkpoints of one derive.
#[derive(Debug)]
pub struct Pace {
    clock: Option<Clock>,
    slice: Rc<Slice>,
    ticks: u32,
    /// The part of the whole work the current stage covers (`span`), and within it the part
    /// the current loop covers (`within`): from `base`, `width` wide.
    stage: (f64, f64),
    base: f64,
    width: f64,
}

impl Pace {
    /// A pace that never pauses: the work runs to its end in one poll.
    pub fn never() -> Pace {
        Pace {
            clock: None,
            slice: Rc::default(),
            ticks: 0,
            stage: (0.0, 1.0),
            base: 0.0,
            width: 1.0,
        }
    }

    /// A pace that pauses at the first look at `clock` past `slice.deadline`.
    pub fn sliced(clock: Clock, slice: Rc<Slice>) -> Pace {
        Pace {
            clock: Some(clock),
            slice,
            ..Pace::never()
        }
    }

    /// The loops that follow cover the share of the whole work from `from` to `to` (0 to 1):
    /// what [`tick`](Pace::tick) reports as progress.
    pub fn span(&mut self, from: f64, to: f64) {
        let from = from.clamp(0.0, 1.0);
        self.stage = (from, to.clamp(from, 1.0));
        self.within(0.0, 1.0);
    }

    /// The loops that follow cover this part (0 to 1) of the current stage's span.
    pub fn within(&mut self, from: f64, to: f64) {
        let (lo, hi) = self.stage;
        let from = from.clamp(0.0, 1.0);
        self.base = lo + (hi - lo) * from;
        self.width = (hi - lo) * (to.clamp(from, 1.0) - from);
        self.slice.progress.set(self.base);
    }

    /// A checkpoint at row `done` of a loop of `total`: every [`TICKS_PER_LOOK`] ticks the clock
    /// is read, and past the slice's deadline the returned future is pending once.
    pub fn tick(&mut self, done: usize, total: usize) -> Tick {
        let Some(clock) = self.clock else {
            return Tick(false);
        };
        self.ticks = self.ticks.wrapping_add(1);
        if !self.ticks.is_multiple_of(TICKS_PER_LOOK) || clock() < self.slice.deadline.get() {
            return Tick(false);
        }
        let share = if total == 0 {
            0.0
        } else {
            done.min(total) as f64 / total as f64
        };
        self.slice.progress.set(self.base + self.width * share);
        self.slice
            .pauses
            .set(self.slice.pauses.get().saturating_add(1));
        Tick(true)
    }

    /// A checkpoint between two passes: the clock is read at once.
    pub fn between(&mut self) -> Tick {
        self.ticks = TICKS_PER_LOOK - 1;
        self.tick(0, 0)
    }
}

/// The future of one checkpoint: ready, or pending once (a pause).
#[derive(Debug)]
#[must_use = "a checkpoint pauses only when awaited"]
pub struct Tick(bool);

impl Future for Tick {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::take(&mut self.0) {
            // The page polls again on its own schedule; a waker that is asked still hears.
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

/// Runs `work` to its end here: polled until ready. With [`Pace::never`] that is one poll.
pub fn block_on<T>(work: impl Future<Output = T>) -> T {
    let mut work = pin!(work);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = work.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// One poll of `work` (the page's slices).
pub fn poll_once<T>(work: Pin<&mut dyn Future<Output = T>>) -> Poll<T> {
    let mut cx = Context::from_waker(Waker::noop());
    work.poll(&mut cx)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn count(pace: &mut Pace, rows: usize) -> usize {
        let mut seen = 0;
        for i in 0..rows {
            pace.tick(i, rows).await;
            seen += 1;
        }
        seen
    }

    fn past() -> f64 {
        1.0
    }

    #[test]
    fn a_pace_that_never_pauses_finishes_in_one_poll() {
        let mut pace = Pace::never();
        let mut work = pin!(count(&mut pace, 10_000));
        assert_eq!(poll_once(work.as_mut()), Poll::Ready(10_000));
    }

    #[test]
    fn a_sliced_pace_pauses_once_per_look_past_the_deadline_and_loses_nothing() {
        let slice = Rc::new(Slice::default());
        let mut pace = Pace::sliced(past, slice.clone());
        pace.span(0.5, 1.0);
        let mut work = pin!(count(&mut pace, 4 * TICKS_PER_LOOK as usize));
        let mut polls = 1;
        let out = loop {
            match poll_once(work.as_mut()) {
                Poll::Ready(out) => break out,
                Poll::Pending => polls += 1,
            }
            let progress = slice.progress.get();
            assert!((0.5..=1.0).contains(&progress), "{progress}");
        };
        assert_eq!(out, 4 * TICKS_PER_LOOK as usize);
        assert_eq!(polls, 5);
        assert_eq!(slice.pauses.get(), 4);
    }

    #[test]
    fn before_the_deadline_a_sliced_pace_does_not_pause() {
        let slice = Rc::new(Slice::default());
        slice.deadline.set(f64::INFINITY);
        let mut pace = Pace::sliced(past, slice.clone());
        assert_eq!(block_on(count(&mut pace, 10_000)), 10_000);
        assert_eq!(slice.pauses.get(), 0);
    }
}
