//! The sliced derive's rules (`deriving.rs`), natively: a large edit is not derived by the
//! reducer, the page's result lands only for the run asked for, edits meanwhile widen the run,
//! and stopping puts the workspace back.

use overdue_core::report::{derive, rederive};

use super::*;

const HEAD: &str = "Invoice\tCustomer\tDue date\tAmount\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 31).unwrap()
}

/// A ledger of `rows` invoices, some overdue.
fn ledger(rows: usize) -> String {
    let mut text = String::from(HEAD);
    for i in 0..rows {
        text += &format!(
            "N{i}\tCustomer {}\t2025-{:02}-10\t{}.25\n",
            i % 50,
            1 + i % 12,
            100 + i % 900
        );
    }
    text
}

fn paste(text: &str) -> Action {
    Action::edit(Edit::Paste {
        text: text.into(),
        source: None,
    })
}

fn blank() -> AppState {
    AppState::new(
        Workspace::default(),
        today(),
        Lang::En,
        Saved::Nothing,
        Timer::NONE,
    )
}

/// What the page's run gives back for the state's current run.
fn finish(state: &AppState) -> AppState {
    let run = state.deriving.as_ref().expect("a sliced derive is running");
    let report = rederive(&state.report, run.reach, &state.workspace, state.today);
    state
        .next(Action::Derive(DeriveAction::Done {
            run: run.run,
            report: report.map(Box::new),
        }))
        .expect("the run asked for is taken")
}

#[test]
fn a_large_paste_is_derived_by_the_page_in_slices_and_ends_as_one_derived_at_once() {
    let text = ledger(SLICED_FROM_ROWS);
    let start = blank();
    let pasted = start.next(paste(&text)).unwrap();
    let running = pasted.deriving.clone().expect("sliced");
    assert_eq!(running.reach, Reach::Parse);
    assert_eq!(
        &*pasted.workspace.input.text,
        text.as_str(),
        "the paste is kept at once"
    );
    assert!(
        pasted.report.parsed.invoices.is_empty(),
        "the report is the one before"
    );
    let done = finish(&pasted);
    assert_eq!(done.deriving, None);
    assert_eq!(*done.report, derive(&done.workspace, today()));
    assert_eq!(done.table.rows.len(), SLICED_FROM_ROWS);
    // Opens where the day's work is, as a paste derived at once does.
    assert_eq!(done.ui.tab, Tab::Today);
    // A small paste is still derived by the reducer.
    let small = done.next(paste(&ledger(20))).unwrap();
    assert_eq!(small.deriving, None);
    assert_eq!(small.report.parsed.invoices.len(), 20);
}

#[test]
fn an_edit_while_a_derive_runs_widens_the_run_and_the_older_result_is_not_taken() {
    let base = finish(&blank().next(paste(&ledger(SLICED_FROM_ROWS))).unwrap());
    let as_of = base
        .next(Action::edit(Edit::SetAsOf(NaiveDate::from_ymd_opt(
            2026, 2, 1,
        ))))
        .unwrap();
    let first = as_of
        .deriving
        .clone()
        .expect("an as-of change at this size is sliced");
    assert_eq!(first.reach, Reach::AfterParse);
    // A language switch reaches no stage: the run goes on as it was.
    let lang = as_of.next(Action::edit(Edit::SetLang(Lang::Zh))).unwrap();
    assert_eq!(lang.deriving, as_of.deriving);
    // A second small edit reaching the derive: sliced too, since the report is behind.
    let mut playbook = lang.workspace.settings.playbook.clone();
    playbook.review_every_days = 3;
    let both = lang
        .next(Action::edit(Edit::SetPlaybook(playbook)))
        .unwrap();
    let second = both.deriving.clone().unwrap();
    assert_ne!(second.run, first.run);
    assert_eq!(second.reach, Reach::AfterParse, "the union of the two");
    assert_eq!(
        second.before, first.before,
        "stop still goes back to before the first"
    );
    let stale = both.next(Action::Derive(DeriveAction::Done {
        run: first.run,
        report: None,
    }));
    assert!(stale.is_none(), "the first run's result is not taken");
    let done = finish(&both);
    assert_eq!(*done.report, derive(&done.workspace, today()));
    assert_eq!(done.lang(), Lang::Zh);
    assert_eq!(done.as_of(), NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
}

#[test]
fn stopping_a_derive_puts_the_workspace_back_with_its_report() {
    let base = finish(&blank().next(paste(&ledger(SLICED_FROM_ROWS))).unwrap());
    let repasted = base.next(paste(&ledger(SLICED_FROM_ROWS + 5))).unwrap();
    assert!(repasted.deriving.is_some());
    let stopped = repasted.next(Action::Derive(DeriveAction::Cancel)).unwrap();
    assert_eq!(stopped.deriving, None);
    assert_eq!(stopped.workspace, base.workspace);
    assert!(Rc::ptr_eq(&stopped.report, &base.report));
    assert_eq!(*stopped.report, derive(&stopped.workspace, today()));
    // Nothing to stop: nothing changes.
    assert!(stopped.next(Action::Derive(DeriveAction::Cancel)).is_none());
}

#[test]
fn a_large_saved_ledger_is_worked_out_in_slices_as_the_page_opens() {
    let mut saved = Workspace::default();
    saved.apply(Edit::Paste {
        text: ledger(SLICED_FROM_ROWS),
        source: None,
    });
    let opened = AppState::new(
        saved.clone(),
        today(),
        Lang::En,
        Saved::Nothing,
        Timer::NONE,
    );
    let running = opened
        .deriving
        .clone()
        .expect("a large saved ledger is sliced");
    assert_eq!(running.reach, Reach::Parse);
    assert_eq!(running.before, None, "nothing to stop back to");
    assert_eq!(running.run, opened.runs);
    assert_eq!(*opened.workspace, saved, "the saved work is kept as it was");
    assert!(opened.report.parsed.invoices.is_empty());
    assert!(
        opened.next(Action::Derive(DeriveAction::Cancel)).is_none(),
        "there is no stop"
    );
    let done = finish(&opened);
    assert_eq!(done.deriving, None);
    assert_eq!(*done.report, derive(&saved, today()));
    assert_eq!(done.table.rows.len(), SLICED_FROM_ROWS);
    assert_eq!(
        done.ui.tab,
        Tab::Invoices,
        "where a small saved ledger opens"
    );
    // A small saved ledger is derived at once, as before.
    let mut small = Workspace::default();
    small.apply(Edit::Paste {
        text: ledger(20),
        source: None,
    });
    let opened = AppState::new(small, today(), Lang::En, Saved::Nothing, Timer::NONE);
    assert_eq!(opened.deriving, None);
    assert_eq!(opened.report.parsed.invoices.len(), 20);
}
