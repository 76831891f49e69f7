//! Whether the workspace is kept in this browser, and the "forget my data" confirmation.
//! The writing itself is an effect of the page (`app.rs`, `browser.rs`).

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    Nothing,
    Kept,
    /// Writing failed (usually the browser's quota): it will not survive a reload.
    Failed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Persistence {
    pub saved: Saved,
    /// The user asked that nothing be kept in this browser.
    pub keep_nothing: bool,
    pub confirming_forget: bool,
    /// What was out of range or over its size in the stored workspace and was brought into it
    /// on load (`limits::sanitize`), until the user dismisses the notice.
    pub sanitized: Vec<overdue_core::limits::Clamped>,
}

pub enum StoreAction {
    Saved(Saved),
    KeepNothing(bool),
    AskForget,
    CancelForget,
    DismissSanitized,
}

impl Persistence {
    pub fn reduce(&self, action: StoreAction) -> Persistence {
        let mut next = self.clone();
        match action {
            StoreAction::Saved(saved) => next.saved = saved,
            StoreAction::KeepNothing(on) => {
                next.keep_nothing = on;
                if on {
                    next.saved = Saved::Nothing;
                }
            }
            StoreAction::AskForget => next.confirming_forget = true,
            StoreAction::CancelForget => next.confirming_forget = false,
            StoreAction::DismissSanitized => next.sanitized.clear(),
        }
        next
    }
}
