//! The top bar: the app's name, the as-of date, the language, the Share button, and what
//! this browser keeps.

use overdue_core::dates::{self};
use overdue_core::edit::Edit;
use overdue_core::i18n::Lang;
use yew::prelude::*;

use crate::browser;
use crate::i18n::texts;
use crate::state::{Action, AppState, PanelAction, Saved, StoreAction};

use super::*;

pub fn top_bar(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let t = texts(lang);
    let on_as_of = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let value = input_value(&e);
            if let Ok(date) = chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
                dispatch.dispatch(Action::edit(Edit::SetAsOf(Some(date))));
            } else if value.is_empty() {
                dispatch.dispatch(Action::edit(Edit::SetAsOf(None)));
            }
        })
    };
    let on_today = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::edit(Edit::SetAsOf(None))))
    };
    let on_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(lang) = Lang::from_code(&select_value(&e)) {
                dispatch.dispatch(Action::edit(Edit::SetLang(lang)));
            }
        })
    };
    html! {
        <header class="top-bar">
            <div class="brand">
                <h1>{ t.app_name }<span class="brand-alt">{ crate::i18n::top_bar::words(lang).other_name }</span></h1>
                <p class="tagline no-print">{ t.tagline }</p>
            </div>
            <div class="controls">
                <label class="control">
                    <span>{ t.as_of }</span>
                    <input type="date" data-testid="as-of-date" value={dates::iso(state.report.as_of)} onchange={on_as_of} />
                </label>
                if state.workspace.settings.as_of.is_some() {
                    <button class="link no-print" onclick={on_today}>{ t.today_button }</button>
                }
                <label class="control no-print">
                    <span>{ t.language }</span>
                    <select data-testid="lang-switch" onchange={on_lang}>
                        <option value="zh" selected={lang == Lang::Zh}>{ "中文" }</option>
                        <option value="en" selected={lang == Lang::En}>{ "English" }</option>
                    </select>
                </label>
                <button class="no-print" data-testid="share" aria-expanded={state.ui.share_open.to_string()}
                    onclick={{
                        let dispatch = dispatch.clone();
                        Callback::from(move |_| dispatch.dispatch(Action::Panel(PanelAction::ToggleShare)))
                    }}>
                    { crate::i18n::top_bar::words(lang).share }
                </button>
                { device_control(state, dispatch) }
            </div>
        </header>
    }
}

fn device_control(state: &AppState, dispatch: &Dispatch) -> Html {
    let t = texts(state.lang());
    let (note, class) = match state.store.saved {
        _ if state.link.own_kept.is_some() => (
            state.lang().pick(
                "正在查看分享链接：不保存（您自己的工作区已保存）",
                "Viewing a shared link: not saved (your own work is)",
            ),
            "nothing",
        ),
        Saved::Kept => (t.saved_note, "saved"),
        Saved::Nothing => (t.device_nothing, "nothing"),
        Saved::Failed => (t.device_not_saved, "failed"),
    };
    let ask = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Store(StoreAction::AskForget)))
    };
    let cancel = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Store(StoreAction::CancelForget)))
    };
    let erase = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            browser::forget_everything();
            dispatch.dispatch(Action::Forgotten);
        })
    };
    html! {
        <div class="device no-print" data-testid="device-status">
            <span class={classes!("device-note", class)} title={t.device_kept}>{ note }</span>
            if state.store.saved == Saved::Failed && state.link.own_kept.is_none() {
                // The browser refused to keep it: the user can still keep it themselves.
                <button class="link" data-testid="download-workspace" onclick={{
                    let workspace = state.workspace.clone();
                    Callback::from(move |_| browser::download("overdue-workspace.json", "application/json", &workspace.to_json()))
                }}>{ state.lang().pick("下载工作区文件", "Download the workspace file") }</button>
            }
            if state.store.confirming_forget {
                <div class="confirm" role="alertdialog" aria-label={t.forget}>
                    <span>{ t.forget_confirm }</span>
                    <button class="danger" data-testid="forget-confirm" onclick={erase}>{ t.forget_yes }</button>
                    <button onclick={cancel}>{ t.cancel }</button>
                </div>
            } else {
                <button class="link" data-testid="forget-data" onclick={ask}>{ t.forget }</button>
            }
        </div>
    }
}
