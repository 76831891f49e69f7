//! The page: top bar, input panel, summary, tabs. Owns the state and its persistence.

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use overdue_core::i18n::Lang;
use overdue_core::share;
use yew::prelude::*;

use std::cell::RefCell;
use std::rc::Rc;

use crate::browser;
use crate::i18n::texts;
use crate::state::{
    Action, AppState, DeriveAction, IncomingLink, LinkAction, PanelAction, ReviewAction, Saved,
    StoreAction, Tab, Timer,
};
use crate::storage::{self, Loaded};
use crate::views;
use crate::views::share::{self as share_view, SharePanel};

const SAVE_DELAY_MS: u32 = 300;

/// What the page starts from: the workspace read from storage before the first render.
/// (Taken by the first render; props compare by identity, there is only ever one.)
pub struct AppProps {
    loaded: Rc<RefCell<Option<Loaded>>>,
}

impl AppProps {
    pub fn new(loaded: Loaded) -> AppProps {
        AppProps {
            loaded: Rc::new(RefCell::new(Some(loaded))),
        }
    }
}

impl PartialEq for AppProps {
    fn eq(&self, other: &AppProps) -> bool {
        Rc::ptr_eq(&self.loaded, &other.loaded)
    }
}

impl Properties for AppProps {
    type Builder = ();
    fn builder() {}
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    browser::mark("render");
    let state = use_reducer(|| {
        let Loaded {
            workspace,
            saved,
            clamped,
            snapshots,
        } = props.loaded.take().unwrap_or(Loaded {
            workspace: Default::default(),
            saved: Saved::Nothing,
            clamped: Vec::new(),
            snapshots: Default::default(),
        });
        let mut state = AppState::new(
            workspace,
            browser::today(),
            browser::browser_lang(),
            saved,
            Timer {
                start: browser::mark,
                end: browser::measure_since,
            },
        )
        .with_snapshots(snapshots);
        state.store.keep_nothing = browser::keeps_nothing();
        state.store.sanitized = clamped;
        state
    });

    use_saving(&state);
    use_sliced_derive(&state);
    use_link_in_address(&state);
    use_letters_engine(&state);
    use_release_after_paint(&state.report);
    // The first paste should not pay for the browser compiling the code it runs.
    {
        let settings = state.workspace.settings.clone();
        use_effect_with((), move |_| {
            let warm_up = crate::warm_up::schedule(settings);
            move || drop(warm_up)
        });
    }
    // A link opened straight into a blank workspace is done with: out of the address bar, so
    // that a reload does not offer it again. (A prompt clears it when the user chooses.)
    use_effect_with(state.link.opened.is_some(), |opened| {
        if *opened {
            browser::clear_fragment();
        }
    });
    // A link prompt takes the focus: the passphrase box when it asks for one, else its heading.
    {
        let prompt = match &state.link.incoming {
            Some(IncomingLink::Locked { .. }) => Some("open-link-passphrase"),
            Some(IncomingLink::Ready { .. }) => Some("open-link-heading"),
            _ => None,
        };
        use_effect_with(prompt, |prompt| {
            if let Some(id) = prompt {
                browser::focus(id);
            }
        });
    }
    use_document_lang(state.lang());

    // After each render is in the document: how long building and applying it took.
    use_effect(|| browser::measure_since("render"));
    let dispatch = state.dispatcher();
    let t = texts(state.lang());
    let tab_button = |tab: Tab, label: &'static str| {
        let dispatch = dispatch.clone();
        let selected = state.ui.tab == tab;
        html! {
            <button role="tab" class={classes!("tab", selected.then_some("selected"))}
                aria-selected={selected.to_string()}
                onclick={Callback::from(move |_| dispatch.dispatch(Action::Panel(PanelAction::SetTab(tab))))}>
                {label}
            </button>
        }
    };

    html! {
        <>
            { browser::timed("view:top-bar", || views::top_bar(&state, &dispatch)) }
            <main>
                { share_view::link_notices(&state, &dispatch) }
                { views::deriving_bar(&state, &dispatch) }
                { views::sanitized_notice(&state, &dispatch) }
                if state.ui.share_open {
                    <SharePanel workspace={state.workspace.clone()} snapshots={state.snapshots.clone()} lang={state.lang()}
                        on_close={{
                            let dispatch = dispatch.clone();
                            Callback::from(move |_| dispatch.dispatch(Action::Panel(PanelAction::ToggleShare)))
                        }} />
                }
                { browser::timed("view:input", || views::input_panel(&state, &dispatch)) }
                { browser::timed("view:summary", || views::summary(&state)) }
                <nav class="tabs no-print" role="tablist">
                    { tab_button(Tab::Today, t.tab_today) }
                    { tab_button(Tab::Invoices, t.tab_invoices) }
                    { tab_button(Tab::Customers, t.tab_customers) }
                    { tab_button(Tab::Letters, t.tab_letters) }
                    { tab_button(Tab::Review, crate::i18n::review::words(state.lang()).tab) }
                    { tab_button(Tab::Settings, t.tab_settings) }
                </nav>
                <section class="tab-panel" role="tabpanel">
                    {
                        match state.ui.tab {
                            Tab::Today => browser::timed("view:today", || views::today_list(&state, &dispatch)),
                            Tab::Invoices => browser::timed("view:invoices", || views::invoice_table(&state, &dispatch)),
                            Tab::Customers => browser::timed("view:customers", || views::customer_summary(&state, &dispatch)),
                            Tab::Letters => browser::timed("view:letters", || views::letters_tab(&state, &dispatch)),
                            Tab::Review => browser::timed("view:review", || views::review_tab(&state, &dispatch)),
                            Tab::Settings => browser::timed("view:settings", || views::settings(&state, &dispatch)),
                        }
                    }
                </section>
            </main>
            <footer class="no-print"><p>{ t.privacy_note }</p></footer>
        </>
    }
}

/// A large derive (`state/deriving.rs`) is worked out in slices while the page stays
/// responsive (`sliced.rs`). A new run replaces the one under way, which stops.
#[hook]
fn use_sliced_derive(state: &UseReducerHandle<AppState>) {
    let running = use_mut_ref(|| None::<crate::sliced::Run>);
    let job = state.deriving.as_ref().map(|d| crate::sliced::Job {
        previous: state.report.clone(),
        reach: d.reach,
        workspace: state.workspace.clone(),
        today: state.today,
        timer: state.timer,
    });
    let run = state.deriving.as_ref().map(|d| d.run);
    let dispatcher = state.dispatcher();
    use_effect_with(run, move |run| {
        // The run before, if any, stops here (dropped), whether or not another starts.
        let started = run.zip(job).map(|(run, job)| {
            crate::sliced::start(job, move |report| {
                dispatcher.dispatch(Action::Derive(DeriveAction::Done {
                    run,
                    report: report.map(Box::new),
                }))
            })
        });
        *running.borrow_mut() = started;
    });
}

/// The letters engine (a second Wasm module, `letters_engine.rs`) is loaded once there are
/// results on screen, or at once when letters are wanted before that; when it arrives the page
/// renders again only if it shows letters now (a render of 100,000 invoices is not free).
#[hook]
fn use_letters_engine(state: &UseReducerHandle<AppState>) {
    let shows_letters = state.ui.tab == Tab::Letters || state.batch.is_some();
    let has_results = !state.report.parsed.invoices.is_empty();
    let showing = use_mut_ref(|| false);
    *showing.borrow_mut() = shows_letters;
    let arrived = use_state(|| false);
    let wanted = shows_letters || has_results;
    // Opening letters tries again after a failed load (offline before the files were cached).
    use_effect_with((wanted, shows_letters), move |&(wanted, shows_letters)| {
        if wanted && !crate::letters_engine::ready() {
            let start = move || {
                crate::letters_engine::load(move || {
                    if *showing.borrow() {
                        arrived.set(true);
                    }
                })
            };
            // Results first: the engine's module is read and compiled after they are painted.
            if shows_letters {
                start();
            } else {
                browser::after_paint(start);
            }
        }
    });
}

/// The report an edit replaced is freed once the new one is painted, not before it: natively,
/// freeing 100,000 invoices' results took about a fifth of an as-of change (the parse bench's
/// `PARSE_ONCE_ASOF`); in the page the gain was within the benchmark's noise. Holding the
/// report the last render drew keeps it alive past the old state's drop; it is let go after
/// the paint.
#[hook]
fn use_release_after_paint(report: &Rc<overdue_core::report::Report>) {
    let drawn = use_mut_ref(|| report.clone());
    if !Rc::ptr_eq(&drawn.borrow(), report) {
        let replaced = drawn.replace(report.clone());
        browser::after_paint(move || drop(replaced));
    }
}

/// Saving: the workspace after a change, the last good version once it rendered, and the
/// kept snapshots when they change.
#[hook]
fn use_saving(state: &UseReducerHandle<AppState>) {
    // Keep the workspace in this browser when it changes: a moment later, so that typing and
    // big pastes are not slowed by writing megabytes on every change, and at once if the page
    // is being left or hidden (a phone may end a hidden tab without another event). Only a
    // state that has derived without failing gets here: the reducer derives before it returns,
    // and a panic there ends the page (src/crash.rs) with the last save intact.
    // `stored` is the workspace storage is known to hold: the loaded one at first — unless
    // loading brought values into range, when storage holds the unadjusted one and the adjusted
    // one is saved as any change is (so that the notice of it does not come back each load).
    let stored = use_mut_ref(|| {
        if state.store.sanitized.is_empty() {
            state.workspace.clone()
        } else {
            Rc::default()
        }
    });
    {
        let dispatcher = state.dispatcher();
        let stored = stored.clone();
        // While a shared link is open alongside, the user's own copy stays as it is stored; and
        // while a large derive is worked out, the saved copy stays the one that derived (the
        // leaving listeners below still save the newer one, so that nothing is lost).
        let alongside = state.saving_suspended() || state.deriving.is_some();
        use_effect_with(
            (state.workspace.clone(), alongside),
            move |(workspace, alongside)| {
                let workspace = workspace.clone();
                let due = !*alongside && !Rc::ptr_eq(&stored.borrow(), &workspace);
                let timeout = due.then(|| {
                    Timeout::new(SAVE_DELAY_MS, move || {
                        let written = workspace.clone();
                        storage::save(&workspace, move |saved| {
                            if saved != Saved::Failed {
                                *stored.borrow_mut() = written;
                            }
                            dispatcher.dispatch(Action::Store(StoreAction::Saved(saved)))
                        });
                    })
                });
                move || drop(timeout)
            },
        );
    }
    {
        // The leaving listeners read the reducer's current state through its handle, which a
        // dispatch updates at once. Not a copy made by an effect: Yew renders and runs effects
        // later, and on a loaded machine it yields to the browser between a dispatch and its
        // effects (every 16 ms), so such a copy can be an edit behind when the page is left —
        // a language switched just before a reload was lost that way. A save still in flight
        // does not count as stored either: the page may be gone before it commits.
        let current = state.clone();
        let stored = stored.clone();
        use_effect_with((), move |_| {
            let flush = move || {
                if current.saving_suspended() {
                    return;
                }
                let workspace = current.workspace.clone();
                if !Rc::ptr_eq(&stored.borrow(), &workspace) {
                    storage::save_on_leaving(&workspace);
                    *stored.borrow_mut() = workspace;
                }
            };
            let listeners = web_sys::window()
                .zip(web_sys::window().and_then(|w| w.document()))
                .map(|(window, document)| {
                    let on_hide = flush.clone();
                    let hidden = document.clone();
                    [
                        EventListener::new(&window, "pagehide", move |_| flush()),
                        EventListener::new(&document, "visibilitychange", move |_| {
                            if hidden.visibility_state() == web_sys::VisibilityState::Hidden {
                                on_hide();
                            }
                        }),
                    ]
                });
            move || drop(listeners)
        });
    }
    // The saved workspace has derived and rendered without failing: it is the last good
    // version from now on. Not at the first render when it is a large one worked out in
    // slices (`state/deriving.rs`): that render has none of it yet, and a ledger that broke
    // the derive would otherwise replace the good copy the crash page offers back.
    use_effect_with(state.deriving.is_some(), |deriving| {
        if !*deriving {
            storage::keep_last_good();
        }
    });
    // The kept snapshots, when they change (not on the first render: they were just read).
    {
        let dispatcher = state.dispatcher();
        let seen = use_mut_ref(|| None::<Rc<overdue_core::review::snapshot::Snapshots>>);
        use_effect_with(state.snapshots.clone(), move |snapshots| {
            let first = seen.borrow().is_none();
            *seen.borrow_mut() = Some(snapshots.clone());
            if !first {
                storage::save_snapshots(snapshots, move |ok| {
                    if !ok {
                        dispatcher.dispatch(Action::Review(ReviewAction::SaveFailed));
                    }
                });
            }
        });
    }
}

/// A share link in the address opens the link flow.
#[hook]
fn use_link_in_address(state: &UseReducerHandle<AppState>) {
    // A share link in the address: now, and when one is pasted into the address bar of the
    // open page (a change of fragment does not reload it).
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let found = |dispatcher: &UseReducerDispatcher<AppState>| {
                let fragment = browser::location_fragment();
                if !fragment.is_empty() {
                    dispatcher.dispatch(Action::Link(LinkAction::Found(Box::new(
                        share::decode_in_full(&fragment),
                    ))));
                }
            };
            found(&dispatcher);
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| found(&dispatcher))
            });
            move || drop(listener)
        });
    }
}

/// The document's language and title.
#[hook]
fn use_document_lang(lang: Lang) {
    // The document's language follows the page's, for screen readers and fonts.
    {
        use_effect_with(lang, move |lang| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
            }
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(texts(*lang).app_name);
            }
        });
    }
}
