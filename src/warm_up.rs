//! Warming the core while the user is still reading the page. A browser compiles Wasm lazily
//! with a quick baseline compiler and re-compiles a function optimised only after it has run a
//! while; without this, the user's first paste pays for both. Measured in headless Chromium on
//! 10,000 pasted rows: derive 147 ms cold, about 55 ms after this warm-up (which itself takes
//! ~20 ms at idle). Rendering a hidden copy of the table as well was tried and gained nothing
//! measurable: the table's first render costs what it costs (Yew creating ~2,900 nodes).

use gloo::timers::callback::Timeout;
use overdue_core::i18n::Lang;
use overdue_core::workspace::{Input, Settings, Workspace};

use crate::browser;

/// After the first paint.
const DELAY_MS: u32 = 50;
/// Enough for the hot paths to be optimised (3,000 rows gained a few ms more for three times
/// the work at start-up).
const ROWS: usize = 1_000;

/// Schedules the warm-up with the user's own settings (their charge rule and playbook are what
/// the first paste will run); dropping the returned timer cancels it.
pub fn schedule(settings: Settings) -> Timeout {
    Timeout::new(DELAY_MS, move || {
        let today = browser::today();
        let workspace = Workspace {
            settings,
            input: Input {
                text: overdue_core::sample::warm_up_text(today, ROWS).into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let report = browser::timed("warm-up", || {
            overdue_core::report::derive(&workspace, today)
        });
        let _ = overdue_core::export::invoice_csv(&report, &[0], Lang::En);
    })
}
