//! The reducers, natively: the link-opening rules, undo, the letter draft across a re-paste,
//! saving suspended while a link is open alongside, and which edits rerun `derive`.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use overdue_core::playbook::contacts::ContactEntry;
use overdue_core::share::{self, ShareScope};

use super::*;
use overdue_core::report::SortKey;

const HEAD: &str = "Invoice\tCustomer\tDue date\tAmount\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 31).unwrap()
}

thread_local! {
    static DERIVES: Cell<usize> = const { Cell::new(0) };
    static TIMED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// A timer that counts the derives it is asked to time, and notes every name it times.
const COUNTING: Timer = Timer {
    start: |name| {
        if name == "derive" {
            DERIVES.with(|n| n.set(n.get() + 1));
        }
        TIMED.with(|t| t.borrow_mut().push(name));
    },
    end: |_| {},
};

/// The names timed while `act` ran.
fn timed_during(act: impl FnOnce()) -> Vec<&'static str> {
    TIMED.with(|t| t.borrow_mut().clear());
    act();
    TIMED.with(|t| t.take())
}

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
    Action::Link(LinkAction::Found(Box::new(share::decode_in_full(
        &fragment,
    ))))
}

fn shared_workspace() -> Workspace {
    let mut shared = Workspace::default();
    shared.input.text = format!("{HEAD}S1\tShared Co\t2025-09-01\t900\n").into();
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
    let found = Action::Link(LinkAction::Found(Box::new(share::decode_in_full(
        "v1.p.@@@",
    ))));
    let failed = after(&own, [found]);
    assert!(matches!(
        failed.link.incoming,
        Some(IncomingLink::Failed(_))
    ));
    assert_eq!(failed.workspace, own.workspace);
    let not_a_link = Action::Link(LinkAction::Found(Box::new(share::decode_in_full(
        "section-2",
    ))));
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
    assert!(
        typed
            .workspace
            .input
            .text
            .is_shared_with(&start.workspace.input.text),
        "an edit shares the pasted text, it does not copy it"
    );
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
    let days = |st: &AppState| st.report.row(0).unwrap().aged.days_past_due;
    assert!(days(&moved) > days(&start));
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
    let action = CollectionAction::ALL[0];
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
    let keys = item.keys(&s.report.parsed.invoices);
    let kind = item
        .letter
        .expect("a letter is due for a 60-day-old invoice");
    let opened = after(
        &s,
        [Action::OpenLetter {
            customer: item.customer.clone(),
            kind,
            invoices: keys.clone(),
        }],
    );
    assert_eq!(opened.ui.tab, Tab::Letters);
    assert_eq!(
        opened.letter.customer.as_deref(),
        Some(item.customer.as_str())
    );
    assert_eq!(opened.letter.kind, Some(kind));
    assert_eq!(letter_invoices(&opened), numbers(&keys));
}

fn numbers(keys: &[InvoiceKey]) -> Vec<String> {
    keys.iter().map(|k| k.number.clone()).collect()
}

#[test]
fn snoozing_a_step_takes_it_off_today_until_the_day_chosen() {
    let s = state(&format!("{HEAD}A1\tAcme\t2025-09-01\t900\n"));
    let item = &s.report.playbook.today[0];
    let keys = item.keys(&s.report.parsed.invoices);
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
            .map(|a| Action::Snooze(keys.clone(), *a, Some(until))),
    );
    let again = &snoozed.report.playbook.today[0];
    assert!(!again.steps.iter().any(|st| st.is_due(today())));
    assert_eq!(again.next_action_date, Some(until));
}

#[test]
fn a_credit_limit_rederives_the_credit_and_its_details_row_toggles() {
    let start = state(&format!("{HEAD}A1\tAcme\t2025-09-01\t100\n"));
    let before = derives();
    let limited = after(
        &start,
        [Action::edit(Edit::SetCreditLimit {
            customer: "Acme".into(),
            limit: Some(overdue_core::credit::CreditLimit {
                amount: rust_decimal::Decimal::from(50),
                currency: "CNY".into(),
            }),
        })],
    );
    // Reaches after the parse: one derive, the parse reused, the customer now over its limit.
    assert_eq!(derives(), before + 1);
    assert!(Arc::ptr_eq(&limited.report.parsed, &start.report.parsed));
    assert!(limited.report.credit.customer("Acme").unwrap().over_limit());

    let toggle = |c: &str| Action::Panel(PanelAction::ToggleCredit(c.into()));
    let open = after(&limited, [toggle("Acme")]);
    assert_eq!(open.ui.credit_open.as_deref(), Some("Acme"));
    assert_eq!(derives(), before + 1, "opening a panel derives nothing");
    let other = after(&open, [toggle("Beta")]);
    assert_eq!(other.ui.credit_open.as_deref(), Some("Beta"));
    let closed = after(&other, [toggle("Beta")]);
    assert_eq!(closed.ui.credit_open, None);
}

#[test]
fn what_was_adjusted_on_load_is_shown_until_dismissed_and_the_workspace_keeps_the_adjusted_values()
{
    let mut stored = Workspace::default();
    stored.settings.terms_days = 106_751_991_168;
    let (workspace, clamped) = overdue_core::limits::sanitize(stored);
    let mut loaded = AppState::new(workspace, today(), Lang::En, Saved::Kept, COUNTING);
    loaded.store.sanitized = clamped;
    assert_eq!(loaded.store.sanitized.len(), 1);
    assert_eq!(loaded.store.sanitized[0].field, "settings.terms_days");
    let dismissed = after(&loaded, [Action::Store(StoreAction::DismissSanitized)]);
    assert!(dismissed.store.sanitized.is_empty());
    assert_eq!(dismissed.workspace.settings.terms_days, 3_650);
}

/// Screens (issue 17): the sample's results come first with the paste box folded, while a
/// paste keeps it open (the user is typing in it); the column chooser is a panel choice that
/// a re-paste keeps.
#[test]
fn sample_data_folds_the_input_and_the_column_chooser_is_kept() {
    let sample = after(&state(""), [Action::LoadSample]);
    assert!(!sample.report.parsed.invoices.is_empty());
    assert_eq!(sample.ui.input_open, Some(false));
    let pasted = after(
        &state(""),
        [paste(&format!("{HEAD}A\tX\t2025-10-01\t10\n"))],
    );
    assert_eq!(pasted.ui.input_open, Some(true));

    let wide = after(&pasted, [Action::Panel(PanelAction::SetAllColumns(true))]);
    assert!(wide.ui.all_columns && !pasted.ui.all_columns);
    let repasted = after(&wide, [paste(&format!("{HEAD}B\tY\t2025-10-01\t20\n"))]);
    assert!(repasted.ui.all_columns);
    let narrow = after(
        &repasted,
        [Action::Panel(PanelAction::SetAllColumns(false))],
    );
    assert!(!narrow.ui.all_columns);
}

fn own_ledger() -> String {
    format!("{HEAD}A1\tAcme\t2025-09-01\t900\n")
}

/// A workspace with a ledger, a note and a log entry of the user's own.
fn own_work() -> AppState {
    let key = InvoiceKey {
        customer: "Acme".into(),
        number: "A1".into(),
    };
    let promise = overdue_core::playbook::PromiseToPay {
        pay_by: today(),
        made_on: today(),
    };
    after(
        &state(&own_ledger()),
        [
            Action::edit(Edit::SetPromise(key, Some(promise))),
            Action::LogContact(Box::new(call_entry("Acme"))),
        ],
    )
}

fn call_entry(customer: &str) -> ContactEntry {
    ContactEntry {
        customer: customer.into(),
        date: today(),
        time: None,
        channel: overdue_core::playbook::contacts::Channel::Phone,
        person: "Ms Li".into(),
        said: "Paying Friday".into(),
        reason: Some(overdue_core::playbook::contacts::ContactReason::CashFlow),
        promise: None,
        next_step: String::new(),
    }
}

#[test]
fn the_sample_over_own_work_asks_first_and_changes_nothing_until_yes() {
    let own = own_work();
    let asked = after(&own, [Action::LoadSample]);
    assert_eq!(asked.ui.confirm_replace, Some(Replace::Sample));
    assert_eq!(asked.workspace, own.workspace);
    let kept = after(&asked, [Action::Guard(GuardAction::Cancel)]);
    assert_eq!(kept.ui.confirm_replace, None);
    assert_eq!(kept.workspace, own.workspace);
}

#[test]
fn the_sample_after_yes_can_be_undone_whole() {
    let own = own_work();
    let sample = after(
        &own,
        [Action::LoadSample, Action::Guard(GuardAction::Confirm)],
    );
    assert_eq!(
        sample.workspace.input.text,
        overdue_core::sample::sample_text(today())
    );
    assert_eq!(sample.ui.confirm_replace, None);
    assert_eq!(
        sample.ui.replaced.as_ref().map(|r| r.what),
        Some(Replace::Sample)
    );
    let back = after(&sample, [Action::Guard(GuardAction::Undo)]);
    assert_eq!(back.workspace, own.workspace);
    assert_eq!(back.report.parsed.invoices.len(), 1);
    assert_eq!(back.ui.replaced, None);
}

#[test]
fn the_sample_over_nothing_or_over_the_sample_loads_at_once_with_nothing_to_undo() {
    let first = after(&state(""), [Action::LoadSample]);
    assert_eq!(first.ui.confirm_replace, None);
    assert!(!first.report.parsed.invoices.is_empty());
    assert_eq!(first.ui.replaced, None);
    let again = after(&first, [Action::LoadSample]);
    assert_eq!(again.ui.confirm_replace, None);
    assert_eq!(again.workspace.input.text, first.workspace.input.text);
}

#[test]
fn clearing_can_be_undone_until_the_next_change() {
    let own = own_work();
    let cleared = after(&own, [Action::Guard(GuardAction::Clear)]);
    assert!(cleared.workspace.input.text.is_empty());
    assert!(cleared.report.parsed.invoices.is_empty());
    let back = after(&cleared, [Action::Guard(GuardAction::Undo)]);
    assert_eq!(back.workspace, own.workspace);
    // Once something else changed, undoing would lose it: the banner is gone.
    let changed = after(&cleared, [Action::edit(Edit::SetTerms(45))]);
    assert_eq!(changed.ui.replaced, None);
    assert!(changed.next(Action::Guard(GuardAction::Undo)).is_none());
}

#[test]
fn logging_a_contact_keeps_it_closes_the_form_and_feeds_the_playbook() {
    // Ten days late: the friendly stage, whose steps include asking why.
    let s = after(
        &state(&format!("{HEAD}A1\tAcme\t2025-10-21\t900\n")),
        [Action::Panel(PanelAction::LogForm(Some("Acme".into())))],
    );
    assert_eq!(s.ui.log_form.as_deref(), Some("Acme"));
    let logged = after(&s, [Action::LogContact(Box::new(call_entry("Acme")))]);
    assert_eq!(logged.ui.log_form, None);
    assert_eq!(logged.workspace.contacts, vec![call_entry("Acme")]);
    // A phone call that got an answer is the call step done, and the reason asked.
    let open = |st: &AppState, action| {
        st.report
            .row(0)
            .unwrap()
            .assessment
            .steps
            .iter()
            .any(|step| step.action == action && step.done.is_none())
    };
    let asked = [
        CollectionAction::CallPayablesContact,
        CollectionAction::AskReasonForDelay,
    ];
    let before: Vec<_> = asked.into_iter().filter(|a| open(&s, *a)).collect();
    assert!(
        !before.is_empty(),
        "a 10-day-old invoice has its question due"
    );
    for action in before {
        assert!(
            !open(&logged, action),
            "{action:?} is still open after the call"
        );
    }
}

#[test]
fn a_batch_steps_through_its_letters_and_keeps_its_list_while_they_are_recorded() {
    use overdue_core::playbook::sent::{SentChannel, SentLetter};
    let text = format!("{HEAD}R1\tAlpha Ltd\t2025-10-21\t100\nR2\tBeta Ltd\t2025-10-24\t200\n");
    let s = after(&state(""), [paste(&text)]);
    let opened = after(&s, [Action::Batch(BatchAction::Open(LetterKind::Reminder))]);
    let batch = opened.batch.clone().expect("two reminders are due");
    assert_eq!(batch.letters.len(), 2);
    assert_eq!(batch.at, 0);
    let first = batch.current().unwrap().customer.clone();
    let recorded = after(
        &opened,
        [Action::edit(Edit::RecordSent(SentLetter {
            id: 0,
            customer: first.clone(),
            date: today(),
            kind: LetterKind::Reminder,
            lang: Lang::En,
            channel: SentChannel::Email,
            invoices: Vec::new(),
            courier: String::new(),
            reference: String::new(),
            received: None,
            acknowledged: None,
        }))],
    );
    // Off Today, but still in the batch being reviewed.
    assert!(!recorded
        .report
        .playbook
        .today
        .iter()
        .any(|i| i.customer == first && i.letter == Some(LetterKind::Reminder) && !i.is_done()));
    assert_eq!(recorded.batch.as_ref().unwrap().letters.len(), 2);
    let stepped = after(
        &recorded,
        [
            Action::Batch(BatchAction::Next),
            Action::Batch(BatchAction::Next),
        ],
    );
    assert_eq!(stepped.batch.as_ref().unwrap().at, 1, "stops at the last");
    let back = after(&stepped, [Action::Batch(BatchAction::Previous)]);
    assert_eq!(back.batch.as_ref().unwrap().at, 0);
    assert_eq!(
        after(&back, [Action::Batch(BatchAction::Close)]).batch,
        None
    );
    // A kind nothing is due for opens nothing.
    let none = after(&s, [Action::Batch(BatchAction::Open(LetterKind::Final))]);
    assert_eq!(none.batch, None);
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

#[test]
fn today_draws_its_first_cards_and_adds_a_page_at_a_time() {
    use crate::state::TODAY_PAGE;
    let start = state("");
    assert_eq!(start.ui.today_shown, TODAY_PAGE);
    let more = after(
        &start,
        [
            Action::Panel(PanelAction::ShowMoreToday),
            Action::Panel(PanelAction::ShowMoreToday),
        ],
    );
    assert_eq!(more.ui.today_shown, 3 * TODAY_PAGE);
}

/// The page times each stage that reruns under its own measure, inside the derive's; a template
/// keystroke times nothing, a playbook threshold only the playbook and what reads it.
#[test]
fn each_stage_that_reruns_is_timed_under_its_own_name() {
    let start = state(&format!("{HEAD}A1\tAcme\t2025-09-01\t100\n"));
    let mut letters = start.workspace.settings.letters.clone();
    letters.sender.company = "Made-up Trading Ltd".into();
    let typed = timed_during(|| {
        after(&start, [Action::edit(Edit::SetLetters(letters))]);
    });
    assert_eq!(typed, Vec::<&str>::new());
    let mut playbook = start.workspace.settings.playbook.clone();
    playbook.review_every_days = 3;
    let threshold = timed_during(|| {
        after(&start, [Action::edit(Edit::SetPlaybook(playbook))]);
    });
    // The invoice table's rows are worked out again after each derive, timed apart.
    assert_eq!(
        threshold,
        ["derive", "derive:playbook", "derive:credit", "table"]
    );
    let as_of = timed_during(|| {
        after(
            &start,
            [Action::edit(Edit::SetAsOf(NaiveDate::from_ymd_opt(
                2026, 1, 1,
            )))],
        );
    });
    assert_eq!(
        as_of,
        [
            "derive",
            "derive:aging",
            "derive:charges",
            "derive:playbook",
            "derive:credit",
            "table"
        ]
    );
}

/// The table narrows its kept rows on a search keystroke instead of selecting the whole ledger
/// again: whatever the order, filters and typing, its rows are `Report::select`'s.
#[test]
fn the_table_shows_what_select_selects_through_searches_sorts_and_filters() {
    let mut text = String::from(HEAD);
    for i in 0..60 {
        text.push_str(&format!(
            "A{i}	Customer {}	2025-0{}-1{}	{}
",
            i % 7,
            i % 9 + 1,
            i % 10,
            (i * 37) % 500 + 1
        ));
    }
    let start = state(&text);
    let steps = [
        TableAction::Search("a1".into()),
        TableAction::Search("a12".into()),
        TableAction::SortBy(SortKey::Outstanding),
        TableAction::Search("CUSTOMER 3".into()),
        TableAction::FilterBucket(Some(1)),
        TableAction::Search(" ".into()),
        TableAction::SortBy(SortKey::Outstanding),
        TableAction::Search("a".into()),
        TableAction::FilterCustomer(Some("Customer 2".into())),
        TableAction::Search(String::new()),
    ];
    let mut now = start;
    let mut searched = 0;
    for step in steps {
        now = after(&now, [Action::Table(step)]);
        assert_eq!(
            *now.table.rows,
            now.report.select(&now.table.query),
            "{:?}",
            now.table.query
        );
        searched += usize::from(now.table.query.search.is_some() && !now.table.rows.is_empty());
    }
    assert!(searched >= 3, "the searches found rows");
    // And after an edit that rederives, on the new report.
    let moved = after(
        &now,
        [Action::edit(Edit::SetAsOf(NaiveDate::from_ymd_opt(
            2026, 2, 1,
        )))],
    );
    assert_eq!(*moved.table.rows, moved.report.select(&moved.table.query));
}
