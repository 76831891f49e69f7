//! Overdue's thin Yew shell: it renders the core's report and turns what the user does into
//! `Action`s on the one state. All computing is in `overdue-core`.

mod app;
mod browser;
mod charges_view;
mod crypto;
mod i18n;
mod letters_view;
mod share_view;
mod state;
mod today_view;
mod views;
mod warm_up;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
