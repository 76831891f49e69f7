//! The link flow with weekly snapshots and clamped values (issues 19 and 20), natively.

use chrono::NaiveDate;
use overdue_core::i18n::Lang;
use overdue_core::review::snapshot::{Snapshot, Snapshots};
use overdue_core::share::{self, ShareScope};
use overdue_core::workspace::Workspace;

use super::*;
use crate::state::{Action, Saved, Timer};

const HEAD: &str = "Invoice\tCustomer\tDue date\tAmount\n";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

const UNTIMED: Timer = Timer::NONE;

fn state(text: &str, snapshots: Snapshots) -> AppState {
    let mut workspace = Workspace::default();
    workspace.input.text = text.into();
    AppState::new(
        workspace,
        date("2026-11-27"),
        Lang::En,
        Saved::Nothing,
        UNTIMED,
    )
    .with_snapshots(snapshots)
}

fn after(state: &AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
    actions
        .into_iter()
        .fold(state.clone(), |s, a| s.next(a).unwrap_or(s))
}

/// Snapshots of `text` on each date.
fn kept(text: &str, dates: &[&str]) -> Snapshots {
    let mut workspace = Workspace::default();
    workspace.input.text = text.into();
    let mut snapshots = Snapshots::default();
    for d in dates {
        let report = overdue_core::report::derive(&workspace, date(d));
        snapshots.keep(Snapshot::of(&report, &workspace)).unwrap();
    }
    snapshots
}

fn theirs() -> (Workspace, Snapshots) {
    let text = format!("{HEAD}S1\tShared Co\t2026-10-01\t900\n");
    let mut workspace = Workspace::default();
    workspace.input.text = text.clone().into();
    (workspace, kept(&text, &["2026-11-20", "2026-11-27"]))
}

fn found(workspace: &Workspace, snapshots: &Snapshots) -> Action {
    let fragment =
        share::encode_with_snapshots(workspace, ShareScope::SettingsAndData, Some(snapshots));
    Action::Link(LinkAction::Found(Box::new(share::decode_in_full(
        &fragment,
    ))))
}

fn numbers(state: &AppState, as_of: &str) -> Vec<String> {
    let snapshot = state.snapshots.get(date(as_of)).expect("kept");
    snapshot.invoices.iter().map(|i| i.number.clone()).collect()
}

#[test]
fn accepted_snapshots_join_the_users_and_the_users_own_date_stays_theirs() {
    let mine_text = format!("{HEAD}M1\tMine Co\t2026-10-01\t100\n");
    let own = state(&mine_text, kept(&mine_text, &["2026-11-20"]));
    let (workspace, snapshots) = theirs();
    let asked = after(&own, [found(&workspace, &snapshots)]);
    assert_eq!(
        asked.snapshots, own.snapshots,
        "nothing merged before the user chooses"
    );
    let Some(IncomingLink::Ready { review, .. }) = &asked.link.incoming else {
        panic!("asked first: {:?}", asked.link.incoming);
    };
    let merged = review.snapshots.as_ref().expect("listed");
    assert_eq!(merged.added, vec![date("2026-11-27")]);
    assert_eq!(merged.already_kept, vec![date("2026-11-20")]);

    let replaced = after(&asked, [Action::Link(LinkAction::Replace)]);
    assert_eq!(replaced.snapshots.list.len(), 2);
    assert_eq!(numbers(&replaced, "2026-11-20"), ["M1"]);
    assert_eq!(numbers(&replaced, "2026-11-27"), ["S1"]);

    // Dismissed: nothing of the link's is kept.
    let dismissed = after(&asked, [Action::Link(LinkAction::Dismiss)]);
    assert_eq!(dismissed.snapshots, own.snapshots);
}

#[test]
fn alongside_merges_only_when_the_user_keeps_the_shared_one() {
    let mine_text = format!("{HEAD}M1\tMine Co\t2026-10-01\t100\n");
    let own = state(&mine_text, Snapshots::default());
    let (workspace, snapshots) = theirs();
    let alongside = after(
        &own,
        [
            found(&workspace, &snapshots),
            Action::Link(LinkAction::Alongside),
        ],
    );
    assert!(alongside.snapshots.is_empty());
    let back = after(&alongside, [Action::Link(LinkAction::BackToMine)]);
    assert!(back.snapshots.is_empty() && back.link.pending_snapshots.is_none());
    let keep = after(&alongside, [Action::Link(LinkAction::KeepShared)]);
    assert_eq!(keep.snapshots.list.len(), 2);
    assert!(keep.link.pending_snapshots.is_none());
}

#[test]
fn into_a_blank_page_the_snapshots_come_at_once_and_undo_takes_them_back() {
    let blank = state("", Snapshots::default());
    let (workspace, snapshots) = theirs();
    let opened = after(&blank, [found(&workspace, &snapshots)]);
    assert_eq!(opened.snapshots.list.len(), 2);
    assert!(opened
        .link
        .opened
        .as_ref()
        .unwrap()
        .review
        .snapshots
        .is_some());
    let undone = after(&opened, [Action::Link(LinkAction::Undo)]);
    assert!(undone.snapshots.is_empty());
}

#[test]
fn with_only_kept_snapshots_the_user_is_asked_before_a_links_snapshots_join_them() {
    let mine_text = format!("{HEAD}M1\tMine Co\t2026-10-01\t100\n");
    // Nothing pasted now, but a history of their own.
    let own = state("", kept(&mine_text, &["2026-11-13"]));
    let (workspace, snapshots) = theirs();
    let asked = after(&own, [found(&workspace, &snapshots)]);
    assert!(
        matches!(asked.link.incoming, Some(IncomingLink::Ready { .. })),
        "asked first: {:?}",
        asked.link.incoming
    );
    assert!(asked.link.opened.is_none());
    assert_eq!(asked.snapshots, own.snapshots, "nothing merged yet");
}

#[test]
fn a_links_out_of_range_values_are_in_its_review_before_the_user_accepts() {
    let own = state(
        &format!("{HEAD}M1\tMine Co\t2026-10-01\t100\n"),
        Snapshots::default(),
    );
    let mut workspace = Workspace::default();
    workspace.input.text = format!("{HEAD}S1\tShared Co\t2026-10-01\t900\n").into();
    workspace.settings.terms_days = 106_751_991_168;
    let fragment = share::encode(&workspace, ShareScope::SettingsAndData);
    let asked = after(
        &own,
        [Action::Link(LinkAction::Found(Box::new(
            share::decode_in_full(&fragment),
        )))],
    );
    let Some(IncomingLink::Ready { review, .. }) = &asked.link.incoming else {
        panic!("asked first");
    };
    assert_eq!(review.clamped.len(), 1);
    assert_eq!(review.clamped[0].field, "settings.terms_days");
    assert_eq!(review.clamped[0].now.to_string(), "3650");
}
