//! Overdue's thin Yew shell: it renders the core's report and turns what the user does into
//! `Action`s on the one state. All computing is in `overdue-core`.

mod app;
mod browser;
mod crypto;
mod files;
mod i18n;
mod state;
mod views;
mod warm_up;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
