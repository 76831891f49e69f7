//! The "open file" button and a file dropped on the paste box: text files and spreadsheets, and
//! the choice of sheet when a workbook has several. A component of its own because the pending
//! choice is state of this button, not of the workspace; it listens for drops on the dropzone
//! around it, so that a dropped workbook asks which sheet exactly as a chosen one does.

use gloo::events::{EventListener, EventListenerOptions};
use overdue_core::edit::Edit;
use overdue_core::i18n::Lang;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::files::{self, Opened};
use crate::i18n::input::words;
use crate::state::Action;

use super::Dispatch;

#[derive(Properties, PartialEq)]
pub struct FileOpenProps {
    pub dispatch: Dispatch,
    pub lang: Lang,
    pub label: AttrValue,
}

#[derive(Clone, PartialEq)]
struct Choice {
    file: String,
    sheets: Vec<String>,
}

/// Hands what was opened on: text is pasted, a choice is offered, a failure is said.
fn settle(
    opened: Opened,
    dispatch: &Dispatch,
    choice: &UseStateHandle<Option<Choice>>,
    error: &UseStateHandle<Option<String>>,
) {
    match opened {
        Opened::Text { text, source } => {
            choice.set(None);
            error.set(None);
            dispatch.dispatch(Action::edit(Edit::Paste {
                text,
                source: Some(source),
            }));
        }
        Opened::ChooseSheet { file, sheets } => {
            error.set(None);
            choice.set(Some(Choice { file, sheets }));
        }
        Opened::Failed(message) => {
            choice.set(None);
            error.set(Some(message));
        }
    }
}

/// What opening a file changes: the component's handles and the language of its messages.
#[derive(Clone)]
struct Opener {
    dispatch: Dispatch,
    choice: UseStateHandle<Option<Choice>>,
    error: UseStateHandle<Option<String>>,
    busy: UseStateHandle<bool>,
    /// Counts the readings started or stopped: an answer for an older one is dropped.
    reading: std::rc::Rc<std::cell::Cell<u32>>,
    lang: Lang,
}

impl Opener {
    /// Reads the file (chosen or dropped) and settles what it held, unless it was stopped or
    /// another file was opened meanwhile.
    fn open(&self, file: web_sys::File) {
        let this = self.clone();
        let reading = this.reading.get().wrapping_add(1);
        this.reading.set(reading);
        this.busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let opened = read(file, this.lang).await;
            if this.reading.get() == reading {
                this.busy.set(false);
                settle(opened, &this.dispatch, &this.choice, &this.error);
            }
        });
    }

    /// Stops the reading under way: the reader's worker is ended and its answer dropped.
    fn cancel(&self) {
        self.reading.set(self.reading.get().wrapping_add(1));
        files::cancel_reading();
        self.busy.set(false);
    }
}

#[function_component(FileOpen)]
pub fn file_open(props: &FileOpenProps) -> Html {
    let choice = use_state(|| None::<Choice>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let reading = use_state(|| std::rc::Rc::new(std::cell::Cell::new(0u32)));
    let lang = props.lang;
    let w = words(lang);
    let opener = Opener {
        dispatch: props.dispatch.clone(),
        choice: choice.clone(),
        error: error.clone(),
        busy: busy.clone(),
        reading: (*reading).clone(),
        lang,
    };

    let on_file = {
        let opener = opener.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                opener.open(file);
            }
            input.set_value("");
        })
    };

    // Drops on the paste box around the button: listened for on the nearest `.dropzone`,
    // again whenever the language changes (the messages are in it).
    let anchor = use_node_ref();
    {
        let (anchor, opener) = (anchor.clone(), opener.clone());
        use_effect_with(lang, move |_| {
            let zone = anchor
                .cast::<web_sys::Element>()
                .and_then(|el| el.closest(".dropzone").ok().flatten());
            let listeners = zone.map(|zone| {
                let cancel = EventListenerOptions::enable_prevent_default();
                let over = EventListener::new_with_options(&zone, "dragover", cancel, |e| {
                    e.prevent_default()
                });
                let drop = EventListener::new_with_options(&zone, "drop", cancel, move |e| {
                    e.prevent_default();
                    let file = e
                        .dyn_ref::<web_sys::DragEvent>()
                        .and_then(|e| e.data_transfer())
                        .and_then(|dt| dt.files())
                        .and_then(|files| files.get(0));
                    if let Some(file) = file {
                        opener.open(file);
                    }
                });
                (over, drop)
            });
            move || drop(listeners)
        });
    }

    let on_cancel = {
        let opener = opener.clone();
        Callback::from(move |_| opener.cancel())
    };

    let sheet_buttons = choice.as_ref().map(|c| {
        c.sheets
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let (dispatch, choice_handle, error, c) = (
                    props.dispatch.clone(),
                    choice.clone(),
                    error.clone(),
                    c.clone(),
                );
                let onclick = Callback::from(move |_| {
                    let (dispatch, choice_handle, error, c) = (
                        dispatch.clone(),
                        choice_handle.clone(),
                        error.clone(),
                        c.clone(),
                    );
                    wasm_bindgen_futures::spawn_local(async move {
                        let opened = files::sheet_text(&c.file, &c.sheets, i, lang).await;
                        settle(opened, &dispatch, &choice_handle, &error);
                    });
                });
                html! { <button data-testid={format!("sheet-{i}")} {onclick}>{ name }</button> }
            })
            .collect::<Html>()
    });

    html! {
        <>
            <label class="file-button" ref={anchor}>
                <input type="file" data-testid="open-file"
                    accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,text/csv,text/plain,text/tab-separated-values"
                    onchange={on_file} />
                <span>{ props.label.clone() }</span>
            </label>
            if *busy {
                <span class="hint" aria-live="polite" data-testid="file-opening">{ w.opening }</span>{ " " }
                <button class="link" data-testid="open-cancel" onclick={on_cancel}>{ w.cancel_open }</button>
            }
            if let Some(c) = choice.as_ref() {
                <div class="notice sheet-choice" data-testid="sheet-choice" role="group">
                    { w.choose_sheet.replace("{file}", &c.file).replace("{n}", &c.sheets.len().to_string()) }{ " " }
                    { sheet_buttons.unwrap_or_default() }
                </div>
            }
            if let Some(message) = error.as_ref() {
                <p class="warning" role="alert" data-testid="file-error">{ message }</p>
            }
        </>
    }
}

/// Reads a file's bytes and opens them.
async fn read(file: web_sys::File, lang: Lang) -> Opened {
    let name = file.name();
    let blob = gloo::file::Blob::from(web_sys::Blob::from(file));
    match gloo::file::futures::read_as_bytes(&blob).await {
        Ok(bytes) => files::open_file(name, bytes, lang).await,
        Err(_) => Opened::Failed(
            lang.pick("无法读取这个文件。", "The file could not be read.")
                .to_string(),
        ),
    }
}
