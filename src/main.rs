//! Overdue's thin Yew shell: it renders the core's report and turns what the user does into
//! `Action`s on the one state. All computing is in `overdue-core`.

mod app;
mod browser;
mod crash;
mod crypto;
mod deflate;
mod files;
mod i18n;
mod letters_engine;
mod sliced;
mod state;
mod storage;
mod views;
mod warm_up;

fn main() {
    crash::install_panic_hook();
    // The saved work is read before the first render, so the page never shows an empty
    // workspace first; meanwhile index.html's "loading your saved work" stays in view.
    wasm_bindgen_futures::spawn_local(async {
        let mut loaded = storage::load().await;
        loaded.snapshots = storage::load_snapshots().await;
        if let Some(note) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("loading"))
        {
            note.remove();
        }
        yew::Renderer::<app::App>::with_props(app::AppProps::new(loaded)).render();
    });
}
