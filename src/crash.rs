//! When the page dies: a Rust panic aborts the Wasm instance (`panic = "abort"`), and with it
//! Yew. The hook hands the message to `web/crash.js`, plain JavaScript that outlives the
//! instance and replaces the dead page with a message, the error to copy, a reload button and,
//! when there is one, the last good version to restore. Traps that are not panics reach
//! crash.js through the window's error events.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Yew's renderer installs its own panic hook (console output only) unless given one, so the
/// hook goes through Yew; it must be set before the first render.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| report(&info.to_string())));
}

fn report(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
    let Some(window) = web_sys::window() else {
        return;
    };
    let shown = Reflect::get(&window, &"overdueCrash".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .is_some_and(|crash| crash.call1(&window, &message.into()).is_ok());
    // crash.js did not load (an old cached page, a blocked file): say it in plain text.
    if !shown {
        if let Some(body) = window.document().and_then(|d| d.body()) {
            body.set_text_content(Some(&format!(
                "出了点问题——您保存的工作是安全的。请重新加载。 \
                 Something went wrong — your saved work is safe. Please reload.\n\n{message}"
            )));
        }
    }
}

/// Ways to fail on purpose, for the browser test of the crash page only: compiled into the
/// test build (`--features crash-test`, see tests/e2e/survive.test.mjs), never into the page
/// users get, so there is no crash-on-purpose path in it.
#[cfg(feature = "crash-test")]
mod on_purpose {
    use wasm_bindgen::prelude::wasm_bindgen;

    /// A real Rust panic, through the hook above.
    #[wasm_bindgen]
    pub fn overdue_test_panic(message: String) {
        panic!("{message}");
    }

    /// A trap the panic hook never sees (as a stack overflow or a failed allocation would be).
    #[wasm_bindgen]
    pub fn overdue_test_trap() {
        core::arch::wasm32::unreachable();
    }
}
