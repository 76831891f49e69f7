//! Opening someone else's share link. The rules: a link never overwrites the user's own work
//! without asking; only into a blank workspace does it open at once (with an undo); "open
//! alongside" keeps the user's workspace aside, and saving is suspended meanwhile. Weekly
//! snapshots a data link carries are merged into the user's kept ones when the link is taken
//! (replace, or keep after looking alongside), by the core's rule: the user's own are never
//! dropped; undo puts the user's list back.

use std::collections::HashSet;
use std::rc::Rc;

use overdue_core::report::parse_input;
use overdue_core::review::snapshot::Snapshots;
use overdue_core::share::{open_payload_in_full, Fragment, Opened, ShareError};
use overdue_core::share_review::{apply, has_own_work, review_link, Review};
use overdue_core::workspace::Workspace;

use super::AppState;
use crate::crypto::{CryptoError, Sealed};

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
        /// The sender's snapshots (empty unless they ticked them).
        snapshots: Rc<Snapshots>,
        /// Boxed: with the link's clamped values and snapshot plan it is the largest variant.
        review: Box<Review>,
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
    /// The user's snapshots before the link's were merged in.
    pub previous_snapshots: Rc<Snapshots>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct LinkFlow {
    pub incoming: Option<IncomingLink>,
    pub opened: Option<OpenedLink>,
    /// The user's own workspace, kept aside (and not overwritten in storage) while a shared
    /// link is open alongside it.
    pub own_kept: Option<Rc<Workspace>>,
    /// A link's snapshots while it is open alongside: merged only if the user keeps it.
    pub pending_snapshots: Option<Rc<Snapshots>>,
}

pub enum LinkAction {
    /// What the address's fragment held, decoded.
    Found(Box<Result<Fragment<Opened>, ShareError>>),
    Unlocking,
    UnlockFailed(CryptoError),
    /// A protected link's decrypted payload.
    Decrypted(Vec<u8>),
    /// Accept the link in place of the user's workspace (settings-only: in place of the
    /// settings it carries).
    Replace,
    /// Look at the link while the user's own workspace is kept aside, untouched.
    Alongside,
    /// Close the link prompt or notice without changing anything.
    Dismiss,
    /// Put back the workspace a link was opened over.
    Undo,
    /// Leave the shared link and return to the user's own workspace.
    BackToMine,
    /// Keep the shared workspace in place of the user's own.
    KeepShared,
}

impl AppState {
    /// Saving is suspended while the user's own workspace is kept aside.
    pub fn saving_suspended(&self) -> bool {
        self.link.own_kept.is_some()
    }

    /// The link flow's reducer; None: nothing changes.
    pub(super) fn reduce_link(&self, action: LinkAction) -> Option<AppState> {
        let link = |link: LinkFlow| AppState {
            link,
            ..self.clone()
        };
        let failed = |error| {
            link(LinkFlow {
                incoming: Some(IncomingLink::Failed(error)),
                ..self.link.clone()
            })
        };
        Some(match action {
            LinkAction::Found(found) => match *found {
                Err(ShareError::NotAShareLink) => return None,
                Err(error) => failed(error),
                Ok(Fragment::Plain(opened)) => self.link_opened(opened),
                Ok(Fragment::Encrypted {
                    salt,
                    iv,
                    ciphertext,
                }) => link(LinkFlow {
                    incoming: Some(IncomingLink::Locked {
                        sealed: Rc::new(Sealed {
                            salt,
                            iv,
                            ciphertext,
                        }),
                        busy: false,
                        error: None,
                    }),
                    ..self.link.clone()
                }),
            },
            LinkAction::Unlocking => return self.unlocking(true, None),
            LinkAction::UnlockFailed(error) => return self.unlocking(false, Some(error)),
            LinkAction::Decrypted(bytes) => match open_payload_in_full(&bytes) {
                Ok(opened) => self.link_opened(opened),
                Err(error) => failed(error),
            },
            LinkAction::Replace | LinkAction::Alongside => {
                let Some(IncomingLink::Ready {
                    workspace,
                    snapshots,
                    ..
                }) = &self.link.incoming
                else {
                    return None;
                };
                let own = self.link.own_kept.clone().unwrap_or(self.workspace.clone());
                let mut next = self.replaced_by(apply(&own, workspace));
                next.link.incoming = None;
                if matches!(action, LinkAction::Alongside) {
                    next.link.own_kept = Some(own);
                    next.link.pending_snapshots =
                        (!snapshots.is_empty()).then(|| snapshots.clone());
                } else {
                    next.link.own_kept = None;
                    next.link.pending_snapshots = None;
                    next.merge_snapshots(snapshots);
                }
                next
            }
            LinkAction::Dismiss => link(LinkFlow {
                incoming: None,
                opened: None,
                ..self.link.clone()
            }),
            LinkAction::Undo => {
                let opened = self.link.opened.as_ref()?;
                let mut next = self.replaced_by((*opened.previous).clone());
                next.snapshots = opened.previous_snapshots.clone();
                next.link.opened = None;
                next
            }
            LinkAction::BackToMine => {
                let own = self.link.own_kept.clone()?;
                let mut next = self.replaced_by((*own).clone());
                next.link.own_kept = None;
                next.link.pending_snapshots = None;
                next
            }
            LinkAction::KeepShared => {
                let mut next = link(LinkFlow {
                    own_kept: None,
                    pending_snapshots: None,
                    ..self.link.clone()
                });
                if let Some(pending) = &self.link.pending_snapshots {
                    next.merge_snapshots(pending);
                }
                next
            }
        })
    }

    /// A decoded link: opened straight away when the user has nothing a link could overwrite,
    /// else held until they choose.
    fn link_opened(&self, opened: Opened) -> AppState {
        let review = review_link(&self.workspace, &self.snapshots, &opened);
        let Opened {
            workspace: incoming,
            snapshots,
            ..
        } = opened;
        if self.link.own_kept.is_none() && !has_own_work(&self.workspace, &self.snapshots) {
            let previous = self.workspace.clone();
            let mut next = self.replaced_by(apply(&previous, &incoming));
            next.merge_snapshots(&snapshots);
            next.link.incoming = None;
            next.link.opened = Some(OpenedLink {
                review,
                previous,
                previous_snapshots: self.snapshots.clone(),
            });
            return next;
        }
        let (invoices, customers) = if incoming.input.text.trim().is_empty() {
            (0, 0)
        } else {
            let parsed = parse_input(&incoming);
            let customers: HashSet<&str> = parsed
                .invoices
                .iter()
                .map(|i| i.customer.as_str())
                .collect();
            (parsed.invoices.len(), customers.len())
        };
        AppState {
            link: LinkFlow {
                incoming: Some(IncomingLink::Ready {
                    workspace: Rc::new(incoming),
                    snapshots: Rc::new(snapshots),
                    review: Box::new(review),
                    invoices,
                    customers,
                }),
                opened: None,
                own_kept: self.link.own_kept.clone(),
                pending_snapshots: self.link.pending_snapshots.clone(),
            },
            ..self.clone()
        }
    }

    /// The link's snapshots merged into the user's (nothing when it carries none); the change
    /// of `snapshots` is what stores them.
    fn merge_snapshots(&mut self, incoming: &Snapshots) {
        if incoming.is_empty() {
            return;
        }
        let mut merged = (*self.snapshots).clone();
        merged.merge(incoming);
        self.snapshots = Rc::new(merged);
    }

    /// The passphrase prompt, busy decrypting or showing why it could not.
    fn unlocking(&self, busy: bool, error: Option<CryptoError>) -> Option<AppState> {
        let Some(IncomingLink::Locked { sealed, .. }) = &self.link.incoming else {
            return None;
        };
        Some(AppState {
            link: LinkFlow {
                incoming: Some(IncomingLink::Locked {
                    sealed: sealed.clone(),
                    busy,
                    error,
                }),
                ..self.link.clone()
            },
            ..self.clone()
        })
    }
}

#[cfg(test)]
#[path = "link_tests.rs"]
mod tests;
