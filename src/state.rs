//! The page's one state and the actions that change it (Yew's `Reducible`, as in the
//! `function_todomvc` example). The workspace is the only thing that is kept; the report and
//! the selected rows are caches of pure functions of it, recomputed here when it changes.

use std::rc::Rc;

use chrono::NaiveDate;
use overdue_core::aging::Status;
use overdue_core::charges::ChargeRuleParams;
use overdue_core::letters::LetterSettings;
use overdue_core::playbook::LetterKind;

use crate::crypto::{CryptoError, Sealed};
use crate::letters_view::LetterDraft;
use overdue_core::dates::DayMonthOrder;
use overdue_core::i18n::Lang;
use overdue_core::paste::Field;
use overdue_core::playbook::{
    mark_done, unmark_done, Action as Step, Dispute, InvoiceKey, PlaybookSettings, PromiseToPay,
};
use overdue_core::report::{derive, InvoiceQuery, Report, SortKey};
use overdue_core::sample::sample_text;
use overdue_core::share::{open_payload, Fragment, ShareError};
use overdue_core::share_review::{apply, has_own_work, review, Review};
use overdue_core::workspace::Workspace;
use yew::Reducible;

pub const PAGE_SIZE: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Today,
    Invoices,
    Customers,
    Letters,
    Settings,
}

/// A share link found in the page's address, on its way to being opened. Nothing of the
/// user's own changes until they choose.
#[derive(Clone, Debug, PartialEq)]
pub enum IncomingLink {
    /// Protected: waiting for the passphrase.
    Locked {
        sealed: Rc<Sealed>,
        busy: bool,
        error: Option<CryptoError>,
    },
    /// Opened: the user chooses to replace their workspace or open the link alongside it.
    Ready {
        workspace: Rc<Workspace>,
        review: Review,
        /// How many invoices and customers the link's data holds.
        invoices: usize,
        customers: usize,
    },
    /// Damaged, cut short, or from a newer version.
    Failed(ShareError),
}

/// A link opened straight into a blank workspace (nothing of the user's could be lost), shown
/// with what it set and an undo.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedLink {
    pub review: Review,
    pub previous: Rc<Workspace>,
}

/// Whether the workspace is kept in this browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    Nothing,
    Kept,
    /// Writing failed (usually the browser's quota): it will not survive a reload.
    Failed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub workspace: Rc<Workspace>,
    /// Today in the user's time zone, read once by the shell.
    pub today: NaiveDate,
    /// The browser's language, used while the user has not chosen one.
    pub browser_lang: Lang,
    pub report: Rc<Report>,
    pub query: InvoiceQuery,
    /// Indices into `report.parsed.invoices`, filtered and sorted by `query`.
    pub rows: Rc<Vec<usize>>,
    pub page: usize,
    pub tab: Tab,
    pub saved: Saved,
    pub confirming_forget: bool,
    /// The text in the bucket-edges box while it does not parse.
    pub bucket_draft: Option<String>,
    /// Whether the input panel is unfolded; None: folded when there is data.
    pub input_open: Option<bool>,
    /// The invoice whose late-charge breakdown is open.
    pub expanded: Option<usize>,
    /// The choices on the Letters tab.
    pub letter: LetterDraft,
    /// The user asked that nothing be kept in this browser.
    pub keep_nothing: bool,
    /// The Share panel is open.
    pub share_open: bool,
    pub incoming: Option<IncomingLink>,
    pub opened: Option<OpenedLink>,
    /// The user's own workspace, kept aside (and not overwritten in storage) while a shared
    /// link is open alongside it.
    pub own_kept: Option<Rc<Workspace>>,
}

pub enum Action {
    /// New pasted, typed or opened text, with the file name when it came from a file.
    SetText(String, Option<String>),
    LoadSample,
    SetAsOf(Option<NaiveDate>),
    SetLang(Lang),
    SetMapping(Vec<Field>),
    ResetMapping,
    SetDayMonthOrder(DayMonthOrder),
    SetTerms(i64),
    SetDefaultCurrency(String),
    SetBucketEdges(Vec<u32>),
    SetChargeParams(ChargeRuleParams),
    /// A customer's own rule, or None to follow the workspace's.
    SetCustomerChargeRule(String, Option<ChargeRuleParams>),
    /// Opens or closes the details (next steps, late-charge breakdown) of one invoice.
    ToggleDetails(usize),
    SetPlaybook(PlaybookSettings),
    /// Marks the given playbook steps done today for the invoices of a today item.
    MarkDone(Vec<InvoiceKey>, Vec<Step>),
    UndoDone(Vec<InvoiceKey>, Vec<Step>),
    SetDispute(InvoiceKey, Option<Dispute>),
    /// Records a promise to pay (None: withdraws the latest one).
    SetPromise(InvoiceKey, Option<PromiseToPay>),
    LetterCustomer(String),
    LetterKind(LetterKind),
    LetterLang(Lang),
    LetterDeadline(Option<NaiveDate>),
    LetterInstalments(Option<u32>),
    LetterFirstInstalment(Option<NaiveDate>),
    LetterToggleInvoice(usize),
    LetterCopied(bool),
    SetLetterSettings(LetterSettings),
    KeepNothing(bool),
    /// Text typed in the bucket box that does not parse yet.
    DraftBuckets(String),
    FilterCustomer(Option<String>),
    Search(String),
    FilterBucket(Option<usize>),
    FilterStatus(Option<Status>),
    SortBy(SortKey),
    SetPage(usize),
    SetTab(Tab),
    SetInputOpen(bool),
    ShowCustomer(String),
    Saved(Saved),
    AskForget,
    CancelForget,
    /// Erase: the shell has removed the stored copy; start from an empty workspace.
    Forgotten,
    ToggleShare,
    /// What the address's fragment held, decoded.
    LinkFound(Box<Result<Fragment, ShareError>>),
    LinkUnlocking,
    LinkUnlockFailed(CryptoError),
    /// A protected link's decrypted payload.
    LinkDecrypted(Vec<u8>),
    /// Accept the link in place of the user's workspace (settings-only: in place of the
    /// settings it carries).
    LinkReplace,
    /// Look at the link while the user's own workspace is kept aside, untouched.
    LinkAlongside,
    /// Close the link prompt or notice without changing anything.
    LinkDismiss,
    /// Put back the workspace a link was opened over.
    LinkUndo,
    /// Leave the shared link and return to the user's own workspace.
    BackToMine,
    /// Keep the shared workspace in place of the user's own.
    KeepShared,
}

impl AppState {
    pub fn new(
        workspace: Workspace,
        today: NaiveDate,
        browser_lang: Lang,
        saved: Saved,
    ) -> AppState {
        let report = Rc::new(derive(&workspace, today));
        let query = InvoiceQuery::default();
        let rows = Rc::new(report.select(&query));
        AppState {
            workspace: Rc::new(workspace),
            today,
            browser_lang,
            report,
            query,
            rows,
            page: 0,
            tab: Tab::Invoices,
            saved,
            confirming_forget: false,
            bucket_draft: None,
            input_open: None,
            expanded: None,
            letter: LetterDraft::default(),
            keep_nothing: false,
            share_open: false,
            incoming: None,
            opened: None,
            own_kept: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.workspace.settings.lang.unwrap_or(self.browser_lang)
    }

    pub fn page_count(&self) -> usize {
        self.rows.len().div_ceil(PAGE_SIZE).max(1)
    }

    fn with_workspace(&self, change: impl FnOnce(&mut Workspace)) -> AppState {
        let mut workspace = (*self.workspace).clone();
        change(&mut workspace);
        let report = Rc::new(crate::browser::timed("derive", || {
            derive(&workspace, self.today)
        }));
        let mut query = self.query.clone();
        // A filter on something the new data no longer has would show an empty table.
        if query
            .customer
            .as_ref()
            .is_some_and(|c| !report.parsed.invoices.iter().any(|i| &i.customer == c))
        {
            query.customer = None;
        }
        if query.bucket.is_some_and(|b| b >= report.buckets.len()) {
            query.bucket = None;
        }
        let rows = Rc::new(report.select(&query));
        let page = self
            .page
            .min(rows.len().div_ceil(PAGE_SIZE).saturating_sub(1));
        AppState {
            workspace: Rc::new(workspace),
            report,
            query,
            rows,
            page,
            ..self.clone()
        }
    }

    /// Another workspace altogether (a shared link, or the user's own back): choices that
    /// belonged to the old one are reset.
    fn replaced_by(&self, workspace: Workspace) -> AppState {
        let mut next = self.with_workspace(|ws| *ws = workspace);
        next.letter = LetterDraft::default();
        next.expanded = None;
        next.input_open = None;
        next.bucket_draft = None;
        next
    }

    /// A decoded link: opened straight away when the user has nothing a link could overwrite,
    /// else held until they choose.
    fn link_opened(&self, incoming: Workspace) -> AppState {
        if self.own_kept.is_none() && !has_own_work(&self.workspace) {
            let previous = self.workspace.clone();
            let review = review(&previous, &incoming);
            let mut next = self.replaced_by(apply(&previous, &incoming));
            next.incoming = None;
            next.opened = Some(OpenedLink { review, previous });
            return next;
        }
        let review = review(&self.workspace, &incoming);
        let (invoices, customers) = if incoming.input.text.trim().is_empty() {
            (0, 0)
        } else {
            let report = derive(&incoming, self.today);
            (report.parsed.invoices.len(), report.customer_names().len())
        };
        AppState {
            incoming: Some(IncomingLink::Ready {
                workspace: Rc::new(incoming),
                review,
                invoices,
                customers,
            }),
            opened: None,
            ..self.clone()
        }
    }

    /// The passphrase prompt, busy decrypting or showing why it could not.
    fn unlocking(self: Rc<Self>, busy: bool, error: Option<CryptoError>) -> Rc<Self> {
        let Some(IncomingLink::Locked { sealed, .. }) = &self.incoming else {
            return self;
        };
        Rc::new(AppState {
            incoming: Some(IncomingLink::Locked {
                sealed: sealed.clone(),
                busy,
                error,
            }),
            ..(*self).clone()
        })
    }

    /// A change of letter choices; the copy confirmation is for the letter it was shown for.
    fn with_letter(&self, change: impl FnOnce(&mut LetterDraft)) -> AppState {
        let mut next = self.clone();
        change(&mut next.letter);
        next.letter.copied = false;
        next
    }

    fn with_query(&self, change: impl FnOnce(&mut InvoiceQuery)) -> AppState {
        let mut query = self.query.clone();
        change(&mut query);
        let rows = Rc::new(self.report.select(&query));
        AppState {
            query,
            rows,
            page: 0,
            ..self.clone()
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            Action::SetInputOpen(open) => AppState {
                input_open: Some(open),
                ..(*self).clone()
            },
            Action::SetText(text, source) => {
                let mut next = self.with_workspace(|ws| {
                    // A different sheet gets its columns recognised afresh.
                    if ws.input.text.lines().next() != text.lines().next() {
                        ws.input.mapping = None;
                        ws.input.day_month_order = None;
                        ws.input.decimal_mark = None;
                    }
                    ws.input.text = text;
                    ws.input.source = source;
                });
                next.input_open = Some(true);
                next.expanded = None;
                next
            }
            Action::LoadSample => {
                let today = self.today;
                let as_of = self.workspace.settings.as_of.unwrap_or(today);
                let mut next = self.with_workspace(|ws| {
                    ws.input = Default::default();
                    ws.input.text = sample_text(as_of);
                });
                next.input_open = Some(true);
                next
            }
            Action::SetAsOf(date) => self.with_workspace(|ws| ws.settings.as_of = date),
            Action::SetLang(lang) => self.with_workspace(|ws| ws.settings.lang = Some(lang)),
            Action::SetMapping(mapping) => {
                self.with_workspace(|ws| ws.input.mapping = Some(mapping))
            }
            Action::ResetMapping => self.with_workspace(|ws| ws.input.mapping = None),
            Action::SetDayMonthOrder(order) => {
                self.with_workspace(|ws| ws.input.day_month_order = Some(order))
            }
            Action::SetTerms(days) => {
                self.with_workspace(|ws| ws.settings.terms_days = days.clamp(0, 3650))
            }
            Action::SetDefaultCurrency(code) => {
                self.with_workspace(|ws| ws.settings.default_currency = code)
            }
            Action::SetBucketEdges(edges) => {
                let mut next = self.with_workspace(|ws| ws.settings.bucket_edges = edges);
                next.bucket_draft = None;
                next
            }
            Action::SetChargeParams(params) => {
                self.with_workspace(|ws| ws.settings.charges.workspace = params)
            }
            Action::SetCustomerChargeRule(customer, params) => {
                self.with_workspace(|ws| match params {
                    Some(p) => {
                        ws.settings.charges.per_customer.insert(customer, p);
                    }
                    None => {
                        ws.settings.charges.per_customer.remove(&customer);
                    }
                })
            }
            Action::ToggleDetails(i) => AppState {
                expanded: if self.expanded == Some(i) {
                    None
                } else {
                    Some(i)
                },
                ..(*self).clone()
            },
            Action::SetPlaybook(settings) => {
                self.with_workspace(|ws| ws.settings.playbook = settings)
            }
            Action::MarkDone(keys, steps) => {
                let on = self.report.as_of;
                self.with_workspace(|ws| {
                    for step in steps {
                        mark_done(&mut ws.annotations, &keys, step, on);
                    }
                })
            }
            Action::UndoDone(keys, steps) => {
                let on = self.report.as_of;
                self.with_workspace(|ws| {
                    for step in steps {
                        unmark_done(&mut ws.annotations, &keys, step, on);
                    }
                })
            }
            Action::SetDispute(key, dispute) => self.with_workspace(|ws| {
                crate::today_view::put(&mut ws.annotations, key, |a| a.dispute = dispute)
            }),
            Action::SetPromise(key, promise) => self.with_workspace(|ws| {
                crate::today_view::put(&mut ws.annotations, key, |a| match promise {
                    Some(p) => a.promises.push(p),
                    None => {
                        a.promises.pop();
                    }
                })
            }),
            Action::LetterCustomer(customer) => self.with_letter(|l| {
                l.customer = Some(customer);
                l.selected = None;
                l.kind = None;
            }),
            Action::LetterKind(kind) => self.with_letter(|l| l.kind = Some(kind)),
            Action::LetterLang(lang) => self.with_letter(|l| l.lang = Some(lang)),
            Action::LetterDeadline(date) => self.with_letter(|l| l.deadline = date),
            Action::LetterInstalments(n) => self.with_letter(|l| l.instalments = n),
            Action::LetterFirstInstalment(date) => self.with_letter(|l| l.first_instalment = date),
            Action::LetterToggleInvoice(i) => self.with_letter(|l| {
                let mut selected = l.selected.take().unwrap_or_default();
                match selected.iter().position(|&x| x == i) {
                    Some(at) => {
                        selected.remove(at);
                    }
                    None => selected.push(i),
                }
                l.selected = (!selected.is_empty()).then_some(selected);
            }),
            Action::LetterCopied(copied) => {
                let mut next = (*self).clone();
                next.letter.copied = copied;
                next
            }
            Action::KeepNothing(on) => AppState {
                keep_nothing: on,
                saved: if on {
                    Saved::Nothing
                } else {
                    self.saved.clone()
                },
                ..(*self).clone()
            },
            Action::SetLetterSettings(letters) => {
                self.with_workspace(|ws| ws.settings.letters = letters)
            }
            Action::DraftBuckets(text) => AppState {
                bucket_draft: Some(text),
                ..(*self).clone()
            },
            Action::FilterCustomer(customer) => self.with_query(|q| q.customer = customer),
            Action::Search(text) => {
                self.with_query(|q| q.search = (!text.trim().is_empty()).then_some(text))
            }
            Action::FilterBucket(bucket) => self.with_query(|q| q.bucket = bucket),
            Action::FilterStatus(status) => self.with_query(|q| q.status = status),
            Action::SortBy(key) => self.with_query(|q| {
                if q.sort == key {
                    q.descending = !q.descending;
                } else {
                    q.sort = key;
                    q.descending = matches!(
                        key,
                        SortKey::DaysPastDue | SortKey::Outstanding | SortKey::Amount
                    );
                }
            }),
            Action::SetPage(page) => AppState {
                page: page.min(self.page_count() - 1),
                ..(*self).clone()
            },
            Action::SetTab(tab) => AppState {
                tab,
                ..(*self).clone()
            },
            Action::ShowCustomer(customer) => {
                let mut next = self.with_query(|q| {
                    q.customer = Some(customer);
                    q.bucket = None;
                    q.status = None;
                });
                next.tab = Tab::Invoices;
                next
            }
            Action::Saved(saved) => {
                if self.saved == saved {
                    return self;
                }
                AppState {
                    saved,
                    ..(*self).clone()
                }
            }
            Action::AskForget => AppState {
                confirming_forget: true,
                ..(*self).clone()
            },
            Action::CancelForget => AppState {
                confirming_forget: false,
                ..(*self).clone()
            },
            Action::Forgotten => {
                let mut fresh = AppState::new(
                    Workspace::default(),
                    self.today,
                    self.browser_lang,
                    Saved::Nothing,
                );
                fresh.tab = self.tab;
                fresh.keep_nothing = self.keep_nothing;
                fresh
            }
            Action::ToggleShare => AppState {
                share_open: !self.share_open,
                ..(*self).clone()
            },
            Action::LinkFound(found) => match *found {
                Err(ShareError::NotAShareLink) => return self,
                Err(error) => AppState {
                    incoming: Some(IncomingLink::Failed(error)),
                    ..(*self).clone()
                },
                Ok(Fragment::Plain(workspace)) => self.link_opened(workspace),
                Ok(Fragment::Encrypted {
                    salt,
                    iv,
                    ciphertext,
                }) => AppState {
                    incoming: Some(IncomingLink::Locked {
                        sealed: Rc::new(Sealed {
                            salt,
                            iv,
                            ciphertext,
                        }),
                        busy: false,
                        error: None,
                    }),
                    ..(*self).clone()
                },
            },
            Action::LinkUnlocking => return self.unlocking(true, None),
            Action::LinkUnlockFailed(error) => return self.unlocking(false, Some(error)),
            Action::LinkDecrypted(bytes) => match open_payload(&bytes) {
                Ok(workspace) => self.link_opened(workspace),
                Err(error) => AppState {
                    incoming: Some(IncomingLink::Failed(error)),
                    ..(*self).clone()
                },
            },
            Action::LinkReplace | Action::LinkAlongside => {
                let Some(IncomingLink::Ready { workspace, .. }) = &self.incoming else {
                    return self;
                };
                let own = self.own_kept.clone().unwrap_or(self.workspace.clone());
                let mut next = self.replaced_by(apply(&own, workspace));
                next.incoming = None;
                next.own_kept = match action {
                    Action::LinkAlongside => Some(own),
                    _ => None,
                };
                next
            }
            Action::LinkDismiss => AppState {
                incoming: None,
                opened: None,
                ..(*self).clone()
            },
            Action::LinkUndo => match &self.opened {
                Some(opened) => {
                    let mut next = self.replaced_by((*opened.previous).clone());
                    next.opened = None;
                    next
                }
                None => return self,
            },
            Action::BackToMine => match &self.own_kept {
                Some(own) => {
                    let mut next = self.replaced_by((**own).clone());
                    next.own_kept = None;
                    next
                }
                None => return self,
            },
            Action::KeepShared => AppState {
                own_kept: None,
                ..(*self).clone()
            },
        };
        Rc::new(next)
    }
}
