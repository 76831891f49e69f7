//! The reducers, natively: the link-opening rules, undo, the letter draft across a re-paste,
//! saving suspended while a link is open alongside, and which edits rerun `derive`.

use std::cell::Cell;
use std::sync::Arc;

use overdue_core::share::{self, ShareScope};

use super::*;

const HEAD: &str = "Invoice\tCustomer\tDue date\tAmount\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 31).unwrap()
}

thread_local! {
    static DERIVES: Cell<usize> = const { Cell::new(0) };
}

/// A timer that counts the derives it is asked to time.
const COUNTING: Timer = Timer(|name, work| {
    if name == "derive" {
        DERIVES.with(|n| n.set(n.get() + 1));
    }
    work()
});

fn derives() -> usize {
    DERIVES.with(|n| n.get())
}

fn state(text: &str) -> AppState {
    let mut workspace = Workspace::default();
    workspace.input.text = text.into();
    AppState::new(workspace, today(), Lang::En, Saved::Nothing, COUNTING)
}

fn after(state: &AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
    actions
        .into_iter()
        .fold(state.clone(), |s, a| s.next(a).unwrap_or(s))
}

fn paste(text: &str) -> Action {
    Action::edit(Edit::Paste {
        text: text.into(),
        source: None,
    })
}

/// A plain link to this workspace, as the address would carry it, decoded.
fn link_to(workspace: &Workspace, scope: ShareScope) -> Action {
    let fragment = share::encode(workspace, scope);
    Action::Link(LinkAction::Found(Box::new(share::decode(&fragment))))
}

fn shared_workspace() -> Workspace {
    let mut shared = Workspace::default();
    shared.input.text = format!("{HEAD}S1\tShared Co\t2025-09-01\t900\n");
    shared
}

/// The numbers of the invoices the letter covers.
fn letter_invoices(state: &AppState) -> Vec<String> {
    let customer = state.letter.customer.clone().unwrap_or_default();
    overdue_core::letters::ticked_rows(&state.report, &customer, &state.letter.selected)
        .rows
        .iter()
        .map(|&i| state.report.parsed.invoices[i].number.clone())
        .collect()
}

fn tick(number: &str) -> Action {
    Action::Letter(LetterAction::ToggleInvoice(InvoiceKey::new("Acme", number)))
}

#[test]
fn ticked_invoices_survive_a_repaste_in_another_order() {
    let first = state(&format!(
        "{HEAD}A1\tAcme\t2025-09-01\t100\nA2\tAcme\t2025-09-15\t200\nA3\tAcme\t2025-10-01\t300\n"
    ));
    let ticked = after(&first, [tick("A1"), tick("A3")]);
    assert_eq!(letter_invoices(&ticked), ["A1", "A3"]);
    let again = after(
        &ticked,
        [paste(&format!(
            "{HEAD}N1\tAcme\t2025-10-20\t50\nA3\tAcme\t2025-10-01\t300\nA2\tAcme\t2025-09-15\t200\nA1\tAcme\t2025-09-01\t100\n"
        ))],
    );
    assert_eq!(letter_invoices(&again), ["A1", "A3"]);
    assert!(again.letter.dropped.is_empty());
    // A1 paid off and gone from the sheet: dropped from the letter, and said so.
    let gone = after(
        &again,
        [paste(&format!(
            "{HEAD}A3\tAcme\t2025-10-01\t300\nA2\tAcme\t2025-09-15\t200\n"
        ))],
    );
    assert_eq!(letter_invoices(&gone), ["A3"]);
    assert_eq!(gone.letter.dropped, [InvoiceKey::new("Acme", "A1")]);
    // The note is about that paste: the next choice of the letter clears it.
    let untick = after(&gone, [tick("A3")]);
    assert!(untick.letter.dropped.is_empty());
    assert!(untick.letter.selected.is_empty());
}

#[test]
fn a_link_opens_at_once_only_into_a_blank_workspace_and_can_be_undone() {
    let blank = state("");
    let opened = after(
        &blank,
        [link_to(&shared_workspace(), ShareScope::SettingsAndData)],
    );
    assert_eq!(opened.report.parsed.invoices[0].number, "S1");
    assert!(opened.link.opened.is_some() && opened.link.incoming.is_none());
    let undone = after(&opened, [Action::Link(LinkAction::Undo)]);
    assert_eq!(*undone.workspace, *blank.workspace);
    assert!(undone.link.opened.is_none());
}

#[test]
fn a_link_never_overwrites_own_work_without_asking() {
    let own = state(&format!("{HEAD}A1\tAcme\t2025-09-01\t100\n"));
    let asked = after(
        &own,
        [link_to(&shared_workspace(), ShareScope::SettingsAndData)],
    );
    assert_eq!(
        asked.workspace, own.workspace,
        "nothing changes before the user chooses"
    );
    assert!(matches!(
        asked.link.incoming,
        Some(IncomingLink::Ready {
            invoices: 1,
            customers: 1,
            ..
        })
    ));
    let dismissed = after(&asked, [Action::Link(LinkAction::Dismiss)]);
    assert_eq!(dismissed.workspace, own.workspace);
    assert!(dismissed.link.incoming.is_none());
    let replaced = after(&asked, [Action::Link(LinkAction::Replace)]);
    assert_eq!(replaced.report.parsed.invoices[0].number, "S1");
    assert!(!replaced.saving_suspended() && replaced.link.own_kept.is_none());
}

#[test]
fn alongside_keeps_own_work_aside_and_suspends_saving_until_back() {
    let own = state(&format!("{HEAD}A1\tAcme\t2025-09-01\t100\n"));
    assert!(!own.saving_suspended());
    let alongside = after(
        &own,
        [
            link_to(&shared_workspace(), ShareScope::SettingsAndData),
            Action::Link(LinkAction::Alongside),
        ],
    );
    assert_eq!(alongside.report.parsed.invoices[0].number, "S1");
    assert!(alongside.saving_suspended());
    assert_eq!(alongside.link.own_kept.as_deref(), Some(&*own.workspace));
    // Another link meanwhile asks again, and still keeps the user's own work aside.
    let again = after(
        &alongside,
        [link_to(&shared_workspace(), ShareScope::SettingsAndData)],
    );
    assert!(again.link.incoming.is_some() && again.saving_suspended());
    let back = after(&alongside, [Action::Link(LinkAction::BackToMine)]);
    assert_eq!(back.workspace, own.workspace);
    assert!(!back.saving_suspended());
    let kept = after(&alongside, [Action::Link(LinkAction::KeepShared)]);
    assert!(!kept.saving_suspended());
    assert_eq!(kept.report.parsed.invoices[0].number, "S1");
}

#[test]
fn a_damaged_link_is_reported_and_changes_nothing() {
    let own = state(&format!("{HEAD}A1\tAcme\t2025-09-01\t100\n"));
    let found = Action::Link(LinkAction::Found(Box::new(share::decode("v1.p.@@@"))));
    let failed = after(&own, [found]);
    assert!(matches!(
        failed.link.incoming,
        Some(IncomingLink::Failed(_))
    ));
    assert_eq!(failed.workspace, own.workspace);
    let not_a_link = Action::Link(LinkAction::Found(Box::new(share::decode("section-2"))));
    assert!(own.next(not_a_link).is_none());
}

#[test]
fn letter_and_language_edits_rerun_no_derive_and_an_as_of_date_keeps_the_parse() {
    let start = state(&format!("{HEAD}A1\tAcme\t2025-09-01\t100\n"));
    let before = derives();
    let mut letters = start.workspace.settings.letters.clone();
    letters.sender.company = "Made-up Trading Ltd".into();
    let typed = after(
        &start,
        [
            Action::edit(Edit::SetLetters(letters)),
            Action::edit(Edit::SetLang(Lang::Zh)),
        ],
    );
    assert_eq!(derives(), before, "no derive for letters or language");
    assert!(Rc::ptr_eq(&typed.report, &start.report));
    assert_eq!(
        typed.workspace.settings.letters.sender.company,
        "Made-up Trading Ltd"
    );
    let moved = after(
        &typed,
        [Action::edit(Edit::SetAsOf(NaiveDate::from_ymd_opt(
            2026, 1, 1,
        )))],
    );
    assert_eq!(derives(), before + 1);
    assert!(Arc::ptr_eq(&moved.report.parsed, &start.report.parsed));
    assert!(moved.report.aged[0].days_past_due > start.report.aged[0].days_past_due);
    let repasted = after(
        &moved,
        [paste(&format!("{HEAD}A1\tAcme\t2025-09-01\t150\n"))],
    );
    assert!(!Arc::ptr_eq(&repasted.report.parsed, &moved.report.parsed));
}

#[test]
fn marking_done_uses_the_as_of_date_and_undo_removes_it() {
    let start = state(&format!("{HEAD}A1\tAcme\t2025-09-01\t100\n"));
    let keys = vec![InvoiceKey::new("Acme", "A1")];
    let action = PlaybookAction::ALL[0];
    let done = after(&start, [Action::MarkDone(keys.clone(), vec![action])]);
    let annotation = &done.workspace.annotations[&keys[0]];
    assert_eq!(annotation.done[0].date, today());
    let undone = after(&done, [Action::UndoDone(keys, vec![action])]);
    assert!(undone.workspace.annotations.is_empty());
}

#[test]
fn table_filters_on_vanished_customers_are_dropped_after_a_paste() {
    let start = state(&format!(
        "{HEAD}A1\tAcme\t2025-09-01\t100\nB1\tBolt\t2025-09-01\t100\n"
    ));
    let shown = after(&start, [Action::ShowCustomer("Bolt".into())]);
    assert_eq!(shown.ui.tab, Tab::Invoices);
    assert_eq!(shown.table.rows.len(), 1);
    let repasted = after(
        &shown,
        [paste(&format!("{HEAD}A1\tAcme\t2025-09-01\t100\n"))],
    );
    assert_eq!(repasted.table.query.customer, None);
    assert_eq!(repasted.table.rows.len(), 1);
}

#[test]
fn forgetting_keeps_the_tab_and_the_keep_nothing_choice() {
    let start = state(&format!("{HEAD}A1\tAcme\t2025-09-01\t100\n"));
    let set = after(
        &start,
        [
            Action::Panel(PanelAction::SetTab(Tab::Settings)),
            Action::Store(StoreAction::KeepNothing(true)),
            Action::Forgotten,
        ],
    );
    assert_eq!(set.ui.tab, Tab::Settings);
    assert!(set.store.keep_nothing);
    assert!(set.workspace.input.text.is_empty());
    assert!(set
        .next(Action::Store(StoreAction::Saved(Saved::Nothing)))
        .is_none());
}

#[test]
fn a_paste_opens_today_when_something_is_due_and_the_invoices_otherwise() {
    let late = format!("{HEAD}A1\tAcme\t2025-09-01\t900\n");
    assert_eq!(after(&state(""), [paste(&late)]).ui.tab, Tab::Today);
    // Not due for months: nothing to chase today.
    let quiet = format!("{HEAD}A1\tAcme\t2026-06-01\t900\n");
    assert_eq!(after(&state(""), [paste(&quiet)]).ui.tab, Tab::Invoices);
    // A re-paste of an updated ledger keeps the tab the user was working in.
    let letters = Action::Panel(PanelAction::SetTab(Tab::Letters));
    assert_eq!(
        after(&state(""), [paste(&quiet), letters, paste(&late)])
            .ui
            .tab,
        Tab::Letters
    );
}

#[test]
fn a_todays_letter_button_opens_letters_with_customer_kind_and_invoices_chosen() {
    let s = state(&format!(
        "{HEAD}A1\tAcme\t2025-09-01\t900\nA2\tAcme\t2025-09-20\t100\nB1\tBeta\t2025-09-01\t50\n"
    ));
    let item = s.report.playbook.today[0].clone();
    let kind = item
        .letter
        .expect("a letter is due for a 60-day-old invoice");
    let opened = after(
        &s,
        [Action::OpenLetter {
            customer: item.customer.clone(),
            kind,
            invoices: item.invoices.clone(),
        }],
    );
    assert_eq!(opened.ui.tab, Tab::Letters);
    assert_eq!(
        opened.letter.customer.as_deref(),
        Some(item.customer.as_str())
    );
    assert_eq!(opened.letter.kind, Some(kind));
    assert_eq!(letter_invoices(&opened), numbers(&item.invoices));
}

fn numbers(keys: &[InvoiceKey]) -> Vec<String> {
    keys.iter().map(|k| k.number.clone()).collect()
}

#[test]
fn snoozing_a_step_takes_it_off_today_until_the_day_chosen() {
    let s = state(&format!("{HEAD}A1\tAcme\t2025-09-01\t900\n"));
    let item = &s.report.playbook.today[0];
    let due: Vec<_> = item
        .steps
        .iter()
        .filter(|st| st.is_due(today()))
        .map(|st| st.action)
        .collect();
    let until = today().succ_opt().unwrap();
    let snoozed = after(
        &s,
        due.iter()
            .map(|a| Action::Snooze(item.invoices.clone(), *a, Some(until))),
    );
    let again = &snoozed.report.playbook.today[0];
    assert!(!again.steps.iter().any(|st| st.is_due(today())));
    assert_eq!(again.next_action_date, Some(until));
}

#[test]
fn keeping_snapshots_and_comparing_against_the_latest_before() {
    let week1 = state(&format!("{HEAD}A1\tAcme\t2025-10-01\t100\n"));
    let kept = after(&week1, [Action::Review(ReviewAction::Keep)]);
    assert_eq!(kept.snapshots.list.len(), 1);
    assert!(matches!(kept.review.notice, Some(ReviewNotice::Kept(_))));
    // The same day again replaces it.
    let again = after(&kept, [Action::Review(ReviewAction::Keep)]);
    assert_eq!(again.snapshots.list.len(), 1);
    assert!(matches!(&again.review.notice, Some(ReviewNotice::Kept(k)) if k.replaced));
    // A week later: compared against last week's by default; nothing to compare on its day.
    assert!(kept.compared_snapshot().is_none());
    let week2 = after(
        &kept,
        [
            Action::edit(Edit::SetAsOf(Some(today() + chrono::Duration::days(7)))),
            Action::Review(ReviewAction::Keep),
        ],
    );
    assert_eq!(week2.snapshots.list.len(), 2);
    assert_eq!(week2.compared_snapshot().map(|s| s.as_of), Some(today()));
    // Removing the compared one falls back to the default.
    let chosen = after(
        &week2,
        [Action::Review(ReviewAction::Compare(Some(today())))],
    );
    let removed = after(&chosen, [Action::Review(ReviewAction::Remove(today()))]);
    assert_eq!(removed.review.compare, None);
    assert_eq!(removed.snapshots.list.len(), 1);
    assert!(removed.compared_snapshot().is_none());
    // An empty ledger is not kept, and says so.
    let empty = after(&state(""), [Action::Review(ReviewAction::Keep)]);
    assert!(empty.snapshots.is_empty());
    assert!(matches!(
        empty.review.notice,
        Some(ReviewNotice::NotKept(_))
    ));
    // Erasing everything takes the snapshots too.
    let erased = after(&week2, [Action::Forgotten]);
    assert!(erased.snapshots.is_empty());
}
