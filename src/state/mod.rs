//! The page's state, split by concern, each part with its own pure reducer (in the spirit of
//! Yew's `function_todomvc` `state.rs`): the workspace and its report (here), the invoice
//! table (`table`), the letter draft (`letter`), the shared-link flow (`link`), persistence
//! status (`store`) and which panels are open (`Panels`). Reducers never touch the browser:
//! the clock is read once by the page, saving is an effect in `app.rs`, and derive timing
//! goes through the `Timer` the page passes in. They are tested natively (`tests.rs`).

mod batch;
mod current;
#[cfg(test)]
mod current_tests;
mod deriving;
#[cfg(test)]
mod deriving_tests;
mod guard;
mod letter;
mod link;
mod review;
mod store;
mod table;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use chrono::NaiveDate;
use overdue_core::edit::{Edit, Reach};
use overdue_core::i18n::Lang;
use overdue_core::playbook::contacts::ContactEntry;
use overdue_core::playbook::{CollectionAction, InvoiceKey, LetterKind};
use overdue_core::report::{rederive_with, Report};
use overdue_core::review::snapshot::Snapshots;
use overdue_core::stages::{Stage, StageHook};
use overdue_core::workspace::Workspace;
use yew::Reducible;

pub use batch::{BatchAction, BatchView};
pub use current::{FromCurrent, TermsOf};
#[cfg(test)]
use deriving::SLICED_FROM_ROWS;
pub use deriving::{DeriveAction, Deriving};
pub use guard::{GuardAction, Replace, Replaced};
pub use letter::{LetterAction, LetterDraft};
pub use link::{IncomingLink, LinkAction, LinkFlow};
pub use review::{ReviewAction, ReviewNotice, ReviewView};
pub use store::{Persistence, Saved, StoreAction};
pub use table::{TableAction, TableView, PAGE_SIZE};

/// Times pieces of work under a name: the page records a User Timing measure from `start` to
/// `end` (`browser.rs`), tests note the names. Two calls, not one around a closure, because a
/// sliced derive's stages pause between them.
#[derive(Clone, Copy)]
pub struct Timer {
    pub start: fn(&'static str),
    pub end: fn(&'static str),
}

impl std::fmt::Debug for Timer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Timer")
    }
}

impl Timer {
    /// `work`'s result, the work timed under `name`.
    pub fn time<T>(self, name: &'static str, work: impl FnOnce() -> T) -> T {
        (self.start)(name);
        let out = work();
        (self.end)(name);
        out
    }

    /// A timer that times nothing.
    #[cfg(test)]
    pub const NONE: Timer = Timer {
        start: |_| {},
        end: |_| {},
    };
}

/// Each stage of a derive timed under its own name (`overdue:derive:aging`, …), inside the
/// `overdue:derive` measure of the whole.
impl StageHook for Timer {
    fn start(&mut self, stage: Stage) {
        (self.start)(stage.measure())
    }

    fn end(&mut self, stage: Stage) {
        (self.end)(stage.measure())
    }
}

/// How the work is timed is not part of what the page shows: states never differ by it.
impl PartialEq for Timer {
    fn eq(&self, _: &Timer) -> bool {
        true
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Today,
    Invoices,
    Customers,
    Letters,
    Review,
    Settings,
}

/// Which parts of the page are open, and text typed that does not parse yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Panels {
    pub tab: Tab,
    /// Whether the input panel is unfolded; None: folded when there is data.
    pub input_open: Option<bool>,
    /// The text in the bucket-edges box while it does not parse.
    pub bucket_draft: Option<String>,
    /// The Share panel is open.
    pub share_open: bool,
    /// The customer whose credit details row is open in the 账龄表.
    pub credit_open: Option<String>,
    /// The invoice table shows its secondary columns too (invoice date, amount, paid); by
    /// default only those that fit a laptop's width.
    pub all_columns: bool,
    /// The customer whose contact-log form is open.
    pub log_form: Option<String>,
    /// How many customer cards the Today tab draws (the first, most urgent ones): a ledger
    /// of thousands of customers would otherwise draw every card at once and hold the page for
    /// tens of seconds. "Show more" adds [`TODAY_PAGE`] at a time.
    pub today_shown: usize,
    /// A replacing click waiting for the user's yes (`guard.rs`).
    pub confirm_replace: Option<Replace>,
    /// The workspace before the last replacing click, for its undo banner.
    pub replaced: Option<Replaced>,
}

pub enum PanelAction {
    SetTab(Tab),
    SetInputOpen(bool),
    /// Text typed in the bucket box that does not parse yet.
    DraftBuckets(String),
    ToggleShare,
    /// Opens a customer's credit details, or closes them when they are open.
    ToggleCredit(String),
    SetAllColumns(bool),
    /// Opens the contact-log form for a customer (None: closes it).
    LogForm(Option<String>),
    /// Draws the next [`TODAY_PAGE`] customer cards on Today.
    ShowMoreToday,
}

/// Customer cards the Today tab draws at first, and adds with each "show more".
pub const TODAY_PAGE: usize = 30;

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// Today in the user's time zone, read once by the shell.
    pub today: NaiveDate,
    /// The browser's language, used while the user has not chosen one.
    pub browser_lang: Lang,
    pub timer: Timer,
    pub workspace: Rc<Workspace>,
    /// A cache of `derive(workspace, today)`, recomputed in stages as edits reach it.
    pub report: Rc<Report>,
    pub table: TableView,
    pub letter: LetterDraft,
    /// The batch of today's letters of one kind being reviewed, if one is open.
    pub batch: Option<BatchView>,
    pub link: LinkFlow,
    pub store: Persistence,
    pub ui: Panels,
    /// Snapshots kept in this browser (the weekly review), stored apart from the workspace.
    pub snapshots: Rc<Snapshots>,
    pub review: ReviewView,
    /// A large derive being worked out in slices; the report is behind the workspace meanwhile
    /// (`deriving.rs`).
    pub deriving: Option<Deriving>,
    /// Sliced runs asked for so far: the last one's number.
    pub runs: u64,
}

pub enum Action {
    /// A change to the workspace, made by the core. (Boxed: most edits carry a whole settings
    /// group, and every other action would otherwise be as large.)
    Edit(Box<Edit>),
    /// An edit made from the state as the reducer holds it when it lands (`current.rs`):
    /// what every change to part of a settings group sends.
    FromCurrent(FromCurrent),
    /// The sample ledger, dated from the as-of date (asks first over the user's own ledger).
    LoadSample,
    /// Sample / clear, asked and undone (`guard.rs`).
    Guard(GuardAction),
    /// Adds a contact-log entry and closes its form.
    LogContact(Box<ContactEntry>),
    /// Marks the given playbook actions done on the as-of date for these invoices.
    MarkDone(Vec<InvoiceKey>, Vec<CollectionAction>),
    UndoDone(Vec<InvoiceKey>, Vec<CollectionAction>),
    /// Puts one action off until a day for these invoices (None: asks for it on its own day).
    Snooze(Vec<InvoiceKey>, CollectionAction, Option<NaiveDate>),
    /// The Letters tab with this customer, letter kind and invoices chosen (a Today action's
    /// letter button).
    OpenLetter {
        customer: String,
        kind: LetterKind,
        invoices: Vec<InvoiceKey>,
    },
    Table(TableAction),
    /// Only this customer's invoices, on the Invoices tab.
    ShowCustomer(String),
    Letter(LetterAction),
    Batch(BatchAction),
    Link(LinkAction),
    Store(StoreAction),
    Panel(PanelAction),
    Review(ReviewAction),
    /// A sliced derive finished or cancelled (`deriving.rs`).
    Derive(DeriveAction),
    /// Erase: the shell has removed the stored copy; start from an empty workspace.
    Forgotten,
}

impl Action {
    pub fn edit(edit: Edit) -> Action {
        Action::Edit(Box::new(edit))
    }
}

impl AppState {
    pub fn new(
        workspace: Workspace,
        today: NaiveDate,
        browser_lang: Lang,
        saved: Saved,
        timer: Timer,
    ) -> AppState {
        let (report, deriving) = deriving::at_start(&workspace, today, timer);
        let report = Rc::new(report);
        AppState {
            today,
            browser_lang,
            timer,
            workspace: Rc::new(workspace),
            table: TableView::new(&report),
            report,
            letter: LetterDraft::default(),
            batch: None,
            link: LinkFlow::default(),
            store: Persistence {
                saved,
                keep_nothing: false,
                confirming_forget: false,
                sanitized: Vec::new(),
            },
            ui: Panels {
                tab: Tab::Invoices,
                input_open: None,
                bucket_draft: None,
                share_open: false,
                credit_open: None,
                all_columns: false,
                log_form: None,
                today_shown: TODAY_PAGE,
                confirm_replace: None,
                replaced: None,
            },
            snapshots: Rc::default(),
            review: ReviewView::default(),
            runs: deriving.as_ref().map_or(0, |d| d.run),
            deriving,
        }
    }

    pub fn lang(&self) -> Lang {
        self.workspace.settings.lang.unwrap_or(self.browser_lang)
    }

    /// The as-of date in force (the workspace's, else today).
    pub fn as_of(&self) -> NaiveDate {
        self.workspace.settings.as_of.unwrap_or(self.today)
    }

    /// The workspace after one edit, and the report rederived only as far as the edit reaches.
    fn edited(&self, edit: Edit) -> AppState {
        let reach = edit.reach_on(&self.report.parsed);
        let mut workspace = (*self.workspace).clone();
        workspace.apply(edit);
        let mut next = self.with_workspace(workspace, reach);
        // The undo banner of a replacing click goes with any later change: undoing it then
        // would lose that change too.
        next.ui.replaced = None;
        next
    }

    fn with_workspace(&self, workspace: Workspace, reach: Reach) -> AppState {
        if self.slices(&workspace, reach) {
            let run = self.sliced_run(&workspace, reach);
            return AppState {
                workspace: Rc::new(workspace),
                runs: run.run,
                deriving: Some(run),
                ..self.clone()
            };
        }
        let mut report = None;
        if reach != Reach::Nothing {
            let mut stages = self.timer;
            report = self.timer.time("derive", || {
                rederive_with(&self.report, reach, &workspace, self.today, &mut stages)
            });
        }
        let mut next = AppState {
            workspace: Rc::new(workspace),
            ..self.clone()
        };
        if let Some(report) = report {
            next.report = Rc::new(report);
            next.table = self.timed_table(|| self.table.refreshed(&next.report));
        }
        if reach == Reach::Parse {
            next.letter = self.letter.after_repaste(&next.report);
        }
        next
    }

    /// The invoice table's rows worked out again, timed as `overdue:table`.
    fn timed_table(&self, work: impl FnOnce() -> TableView) -> TableView {
        self.timer.time("table", work)
    }

    /// Another workspace altogether (a shared link, or the user's own back): choices that
    /// belonged to the old one are reset.
    fn replaced_by(&self, workspace: Workspace) -> AppState {
        let mut next = self.with_workspace(workspace, Reach::Parse);
        next.letter = LetterDraft::default();
        next.batch = None;
        next.table.expanded = None;
        next.ui.input_open = None;
        next.ui.bucket_draft = None;
        next
    }

    /// After the first data (`before` had no invoices): the page opens on Today when something
    /// there is due, since that is where the day's work starts; otherwise on the invoices just
    /// read. A re-paste of an updated ledger leaves the user on the tab they were working in.
    fn open_today_if_work(&mut self, before: &AppState) {
        // A sliced derive decides when its report is in (`deriving.rs`).
        if !before.report.parsed.invoices.is_empty() || self.deriving.is_some() {
            return;
        }
        let work = self
            .report
            .playbook
            .today
            .iter()
            .any(|item| !item.is_done());
        self.ui.tab = if work { Tab::Today } else { Tab::Invoices };
    }

    fn reduce_panels(&self, action: PanelAction) -> Panels {
        let mut ui = self.ui.clone();
        match action {
            PanelAction::SetTab(tab) => ui.tab = tab,
            PanelAction::SetInputOpen(open) => ui.input_open = Some(open),
            PanelAction::DraftBuckets(text) => ui.bucket_draft = Some(text),
            PanelAction::ToggleShare => ui.share_open = !ui.share_open,
            PanelAction::ToggleCredit(customer) => {
                ui.credit_open = match ui.credit_open.take() {
                    Some(open) if open == customer => None,
                    _ => Some(customer),
                }
            }
            PanelAction::SetAllColumns(all) => ui.all_columns = all,
            PanelAction::LogForm(customer) => ui.log_form = customer,
            PanelAction::ShowMoreToday => {
                ui.today_shown = ui.today_shown.saturating_add(TODAY_PAGE)
            }
        }
        ui
    }

    /// The whole state after one action; None: nothing changes.
    pub fn next(&self, action: Action) -> Option<AppState> {
        Some(match action {
            Action::Edit(edit) => {
                let edit = *edit;
                let pasted = matches!(edit, Edit::Paste { .. });
                let bucket_edges = matches!(edit, Edit::SetBucketEdges(_));
                let mut next = self.edited(edit);
                if pasted {
                    next.ui.input_open = Some(true);
                    next.table.expanded = None;
                    next.open_today_if_work(self);
                }
                if bucket_edges {
                    next.ui.bucket_draft = None;
                }
                next
            }
            Action::FromCurrent(make) => return self.next(Action::edit(make.edit(self)?)),
            Action::LoadSample => return self.reduce_guard(GuardAction::Sample),
            Action::Guard(action) => return self.reduce_guard(action),
            Action::LogContact(entry) => {
                let mut next = self.edited(Edit::LogContact(*entry));
                next.ui.log_form = None;
                next
            }
            Action::Snooze(keys, action, until) => self.edited(Edit::Snooze {
                keys,
                action,
                until,
            }),
            Action::OpenLetter {
                customer,
                kind,
                invoices,
            } => {
                let mut next = self.clone();
                next.letter = LetterDraft::chosen(customer, kind, invoices);
                next.ui.tab = Tab::Letters;
                next
            }
            // The workspace's as-of date, which is the report's unless a sliced derive is
            // still catching the report up with a new one.
            Action::MarkDone(keys, actions) => self.edited(Edit::MarkDone {
                keys,
                actions,
                on: self.as_of(),
            }),
            Action::UndoDone(keys, actions) => self.edited(Edit::UndoDone {
                keys,
                actions,
                on: self.as_of(),
            }),
            Action::Table(action) => AppState {
                table: self.timed_table(|| self.table.reduce(action, &self.report)),
                ..self.clone()
            },
            Action::ShowCustomer(customer) => {
                let mut next = self.clone();
                next.table = self.timed_table(|| {
                    self.table
                        .reduce(TableAction::ShowCustomer(customer), &self.report)
                });
                next.ui.tab = Tab::Invoices;
                next
            }
            Action::Letter(action) => AppState {
                letter: self.letter.reduce(action),
                ..self.clone()
            },
            Action::Batch(action) => AppState {
                batch: batch::reduce(self.batch.as_ref(), action, &self.report),
                ..self.clone()
            },
            Action::Link(action) => return self.reduce_link(action),
            Action::Store(action) => {
                let store = self.store.reduce(action);
                if store == self.store {
                    return None;
                }
                AppState {
                    store,
                    ..self.clone()
                }
            }
            Action::Panel(action) => AppState {
                ui: self.reduce_panels(action),
                ..self.clone()
            },
            Action::Review(action) => self.reduce_review(action),
            Action::Derive(action) => return self.reduce_deriving(action),
            Action::Forgotten => {
                let mut fresh = AppState::new(
                    Workspace::default(),
                    self.today,
                    self.browser_lang,
                    Saved::Nothing,
                    self.timer,
                );
                fresh.ui.tab = self.ui.tab;
                fresh.store.keep_nothing = self.store.keep_nothing;
                fresh
            }
        })
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.next(action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}
