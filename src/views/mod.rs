//! Rendering: plain functions from the state to HTML, one file per panel. User text is only
//! ever put in text nodes and attribute values (Yew escapes both), never parsed as HTML.

mod batch;
mod charges;
mod contacts;
mod contract;
mod credit;
mod customer_select;
mod customers;
mod deriving;
mod evidence;
mod field;
mod file_open;
mod input;
mod invoices;
mod letter_print;
mod letters;
mod lpr_table;
mod mapping;
mod memo;
mod problems;
mod rates;
pub mod review;
mod sanitized;
mod sender;
mod sent;
mod settings;
pub mod share;
mod sparkline;
mod summary;
mod today;
mod top_bar;

use overdue_core::money::format_grouped;
use rust_decimal::Decimal;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::AppState;

pub use customers::customer_summary;
pub use deriving::deriving_bar;
pub use input::input_panel;
pub use invoices::invoice_table;
pub use letters::letters_tab;
pub use review::review_tab;
pub use sanitized::sanitized_notice;
pub use settings::settings;
pub use summary::summary;
pub use today::today_list;
pub use top_bar::top_bar;

type Dispatch = UseReducerDispatcher<AppState>;

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn amount(value: Decimal) -> String {
    format_grouped(value)
}
