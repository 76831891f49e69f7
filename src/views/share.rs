//! Share links on the page: the Share panel that makes one, and what happens when the page is
//! opened with one (passphrase, replace or alongside, what it changes, undo).

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use overdue_core::dates::iso;
use overdue_core::i18n::Lang;
use overdue_core::playbook::format_date;
use overdue_core::review::shared::Merged;
use overdue_core::review::snapshot::Snapshots;
use overdue_core::share::{self, ShareScope};
use overdue_core::share_review::{Change, Review};
use overdue_core::workspace::Workspace;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::crypto::{self, CryptoError};
use crate::deflate;
use crate::state::{Action, AppState, IncomingLink, LinkAction};

type Dispatch = UseReducerDispatcher<AppState>;

/// Typing a passphrase re-encrypts the link; PBKDF2 takes a noticeable moment, so wait for a
/// pause in the typing.
const ENCRYPT_DELAY_MS: u32 = 400;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub workspace: Rc<Workspace>,
    /// The kept weekly snapshots: a data link carries them when the user ticks them.
    pub snapshots: Rc<Snapshots>,
    pub lang: Lang,
    pub on_close: Callback<()>,
}

/// What the panel shows in place of a link.
#[derive(Clone, PartialEq)]
enum LinkState {
    Ready(String),
    /// Being compressed by the browser (`crate::deflate`): a moment, the link follows.
    Making,
    Encrypting,
    Failed(CryptoError),
    /// The pasted text is too big to travel in an address (bytes).
    TooMuchData(usize),
}

/// Beyond this much pasted text a data link is not made: compressed it would still be far
/// over what mail programs keep, near browsers' own limit on an address (2 MB in Chromium),
/// and compressing it would hold the page up for seconds.
const MAX_DATA_FOR_LINK: usize = 2_000_000;

#[function_component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let lang = props.lang;
    let with_data = use_state(|| false);
    let with_snapshots = use_state(|| false);
    // What the snapshots would add, compressed once per change of the kept list (by the
    // browser, so it comes a moment later).
    let snapshot_chars = use_state(|| None::<usize>);
    {
        let snapshot_chars = snapshot_chars.clone();
        use_effect_with(props.snapshots.clone(), move |snapshots| {
            snapshot_chars.set(None);
            let current = Rc::new(Cell::new(true));
            if !snapshots.is_empty() {
                let json = snapshots.to_json();
                let current = current.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let compressed = deflate::zlib(json.as_bytes()).await;
                    if current.get() {
                        snapshot_chars.set(Some(share::link_chars(compressed.len())));
                    }
                });
            }
            move || current.set(false)
        });
    }
    let snapshots_fit = use_memo(
        (props.workspace.clone(), props.snapshots.clone()),
        |(workspace, snapshots)| share::snapshots_fit(workspace, snapshots),
    );
    let passphrase = use_state(String::new);
    // The panel opens on a settings-only link without a passphrase, made at once.
    let link = use_state(|| LinkState::Making);
    // None: not tried since the link last changed; Some(ok): what the clipboard said.
    let copied = use_state(|| None::<bool>);
    // Each new request for a link outdates the one before: a slow encryption finishing late
    // must not show a link for options the user has since changed.
    let generation = use_mut_ref(|| Cell::new(0u32));
    {
        let link = link.clone();
        let copied = copied.clone();
        let generation = generation.clone();
        let carried = (*with_snapshots && *snapshots_fit && !props.snapshots.is_empty())
            .then(|| props.snapshots.clone());
        use_effect_with(
            (
                props.workspace.clone(),
                *with_data,
                (*passphrase).clone(),
                carried,
            ),
            move |(workspace, with_data, passphrase, carried)| {
                let scope = if *with_data {
                    ShareScope::SettingsAndData
                } else {
                    ShareScope::SettingsOnly
                };
                let snapshots = carried.as_deref();
                let this = generation.borrow().get().wrapping_add(1);
                generation.borrow().set(this);
                copied.set(None);
                let mut pending = None;
                if scope == ShareScope::SettingsAndData
                    && workspace.input.text.len() > MAX_DATA_FOR_LINK
                {
                    link.set(LinkState::TooMuchData(workspace.input.text.len()));
                } else {
                    // Never show the unprotected link while the protected one is being made,
                    // nor the link of the options before.
                    link.set(if passphrase.is_empty() {
                        LinkState::Making
                    } else {
                        LinkState::Encrypting
                    });
                    let json = share::payload_json(workspace, scope, snapshots);
                    let at_once = passphrase.is_empty();
                    let passphrase = passphrase.clone();
                    let make = move || {
                        wasm_bindgen_futures::spawn_local(async move {
                            let payload = deflate::zlib(json.as_bytes()).await;
                            let current = || generation.borrow().get() == this;
                            if passphrase.is_empty() {
                                if current() {
                                    link.set(LinkState::Ready(link_to(&share::encode_payload(
                                        &payload,
                                    ))));
                                }
                                return;
                            }
                            let result = crypto::seal(&passphrase, &payload).await;
                            if !current() {
                                return;
                            }
                            link.set(match result {
                                Ok(sealed) => LinkState::Ready(link_to(&share::encode_encrypted(
                                    &sealed.salt,
                                    &sealed.iv,
                                    &sealed.ciphertext,
                                ))),
                                Err(error) => LinkState::Failed(error),
                            });
                        })
                    };
                    if at_once {
                        make();
                    } else {
                        pending = Some(Timeout::new(ENCRYPT_DELAY_MS, make));
                    }
                }
                move || drop(pending)
            },
        );
    }

    let on_with_data = {
        let with_data = with_data.clone();
        Callback::from(move |e: Event| {
            with_data.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let on_with_snapshots = {
        let with_snapshots = with_snapshots.clone();
        Callback::from(move |e: Event| {
            with_snapshots.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let on_passphrase = {
        let passphrase = passphrase.clone();
        Callback::from(move |e: InputEvent| {
            passphrase.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_copy = {
        let link = link.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            if let LinkState::Ready(text) = &*link {
                let copied = copied.clone();
                browser::copy_text(text, move |ok| copied.set(Some(ok)));
            }
        })
    };
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let on_key = {
        let close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                close.emit(());
            }
        })
    };
    // Keyboard and screen-reader users land in the panel they just opened.
    use_effect_with((), |_| browser::focus("share-heading"));

    let carries = if *with_data {
        lang.pick(
            "链接包含全部内容：粘贴的发票、发票备注、计算日期、客户地址和所有设置。",
            "The link carries everything: the pasted invoices, notes on invoices, the as-of date, \
             customers' addresses and every setting.",
        )
    } else {
        lang.pick(
            "链接只包含设置：账龄分段、账期、币种、语言、滞纳金规则、催收步骤、函件模板与默认设置，以及发函人信息（含银行账户）。不含发票、备注和客户地址。",
            "The link carries settings only: buckets, terms, currency, language, the late-charge \
             rule, the playbook, letter templates and defaults, and your sender profile \
             (bank account included). Not your invoices, notes or customers' addresses.",
        )
    };
    let long = match &*link {
        LinkState::Ready(text) => text.chars().count() > share::LONG_LINK,
        _ => false,
    };
    html! {
        <section class="share-panel no-print" aria-labelledby="share-heading" data-testid="share-panel" onkeydown={on_key}>
            <div class="panel-head">
                <h2 id="share-heading" tabindex="-1">{ crate::i18n::share::words(lang).share_a_link }</h2>
                <button class="link" onclick={on_close}>{ crate::i18n::share::words(lang).close }</button>
            </div>
            <p class="hint">{ lang.pick(
                "内容装在链接“#”之后的部分里，浏览器不会把这部分发给任何服务器；收到链接的人在自己的浏览器中打开。",
                "What you share travels inside the link, after the “#”, which browsers never send \
                 to any server; whoever receives it opens it in their own browser.") }</p>
            <label class="check">
                <input type="checkbox" data-testid="share-with-data" checked={*with_data} onchange={on_with_data} />
                { crate::i18n::share::words(lang).include_my_invoices_settings_and }
            </label>
            <p class="notice">{ carries }</p>
            if *with_data && !props.snapshots.is_empty() {
                { snapshot_choice(&props.snapshots, *snapshot_chars, *snapshots_fit, *with_snapshots, on_with_snapshots, lang) }
            }
            if *with_data && passphrase.is_empty() {
                <p class="warning">{ lang.pick(
                    "任何拿到这个链接的人都能看到您的发票。建议设置口令，并通过另一种方式（例如电话）告诉对方。",
                    "Anyone who gets this link can read your invoices. Set a passphrase and tell it \
                     to the recipient another way (by phone, say).") }</p>
            }
            <div class="field">
                <label for="share-passphrase">{ crate::i18n::share::words(lang).passphrase_optional }</label>
                <input id="share-passphrase" type="password" data-testid="share-passphrase"
                    autocomplete="new-password" spellcheck="false"
                    value={(*passphrase).clone()} oninput={on_passphrase} />
                <p class="hint">{ lang.pick(
                    "设置口令后，链接在本浏览器中加密（AES-GCM）；口令不在链接里，忘记口令就无法打开。",
                    "With a passphrase the link is encrypted in this browser (AES-GCM); the \
                     passphrase is not in the link, and without it the link cannot be opened.") }</p>
            </div>
            {
                match &*link {
                    LinkState::Ready(text) => html! {
                        <>
                            <p class="share-link" data-testid="share-link">{ text.clone() }</p>
                            <div class="share-actions">
                                <button class="primary" data-testid="copy-share-link" onclick={on_copy}>
                                    { crate::i18n::share::words(lang).copy_link }
                                </button>
                                <span class="hint">{ match lang {
                                    Lang::Zh => format!("{} 个字符", text.chars().count()),
                                    Lang::En => format!("{} characters", text.chars().count()),
                                } }</span>
                                if *copied == Some(true) {
                                    <span role="status" data-testid="share-copied">{ crate::i18n::share::words(lang).copied }</span>
                                }
                                if *copied == Some(false) {
                                    <span role="alert" class="error">{ crate::i18n::share::words(lang).this_browser_would_not_copy }</span>
                                }
                            </div>
                        </>
                    },
                    LinkState::Making => html! {
                        <p role="status" class="hint">{ crate::i18n::share::words(lang).making_the_link }</p>
                    },
                    LinkState::Encrypting => html! {
                        <p role="status" class="hint">{ crate::i18n::share::words(lang).encrypting_the_link }</p>
                    },
                    LinkState::TooMuchData(bytes) => html! {
                        <p class="warning" role="alert" data-testid="share-too-much">{ match lang {
                            Lang::Zh => format!("粘贴的数据有 {:.1} MB，太大，无法放进链接。请只分享设置，或先减少行数；也可以把导出的 CSV 文件直接发给对方。", *bytes as f64 / 1e6),
                            Lang::En => format!("The pasted data is {:.1} MB, too much to fit in a link. Share settings only, or fewer rows; or send the exported CSV file itself.", *bytes as f64 / 1e6),
                        } }</p>
                    },
                    LinkState::Failed(error) => html! {
                        <p class="warning" role="alert">{ crypto_error_text(error, lang) }</p>
                    },
                }
            }
            if long {
                <p class="warning" data-testid="share-long">{ lang.pick(
                    "链接超过 8000 个字符，部分邮件和聊天软件可能会截断它。可以只分享设置，或先减少粘贴的行数。",
                    "The link is over 8,000 characters; some mail programs and chat apps may cut it \
                     off. Share settings only, or paste fewer rows first.") }</p>
            }
            <p class="hint">{ lang.pick(
                "对方打开链接时，页面会先列出它要改变的内容并征求同意，不会覆盖对方自己的数据。",
                "When someone opens the link, the page first lists what it would change and asks; \
                 it never overwrites their own work.") }</p>
        </section>
    }
}

/// The box that puts the kept snapshots into a data link (unticked by default), with how many
/// there are and what they add; refused when they are too large for a link.
fn snapshot_choice(
    snapshots: &Snapshots,
    chars: Option<usize>,
    fit: bool,
    checked: bool,
    onchange: Callback<Event>,
    lang: Lang,
) -> Html {
    let w = crate::i18n::share::words(lang);
    let n = snapshots.list.len().to_string();
    if !fit {
        let invoices: usize = snapshots.list.iter().map(|s| s.invoices.len()).sum();
        return html! {
            <p class="hint" data-testid="share-snapshots-too-large">{ w.snapshots_too_large
                .replace("{n}", &n).replace("{invoices}", &invoices.to_string()) }</p>
        };
    }
    // The box comes with its cost: a moment after the panel opens (see `snapshot_chars`).
    let Some(chars) = chars else {
        return html! {};
    };
    html! {
        <>
            <label class="check">
                <input type="checkbox" data-testid="share-with-snapshots" checked={checked} {onchange} />
                { w.include_snapshots.replace("{n}", &n).replace("{chars}", &chars.to_string()) }
            </label>
            <p class="hint">{ w.snapshots_hint }</p>
        </>
    }
}

/// This page's address with `fragment` after the `#`.
fn link_to(fragment: &str) -> String {
    format!("{}#{fragment}", browser::page_address())
}

fn crypto_error_text(error: &CryptoError, lang: Lang) -> &'static str {
    match error {
        CryptoError::Unavailable => lang.pick(
            "此浏览器无法加密或解密：需要通过 https（或本机地址）打开页面，并使用较新的浏览器。",
            "This browser cannot encrypt or decrypt here: open the page over https (or from this \
             computer) in an up-to-date browser.",
        ),
        CryptoError::WrongPassphraseOrIncomplete => lang.pick(
            "口令不对，或者链接不完整（复制时被截断）。您的数据没有任何改变，请再试一次，或请对方重新发送完整的链接。",
            "Wrong passphrase, or the link is incomplete (cut off when it was copied). Nothing \
             has changed; try again, or ask the sender for the whole link again.",
        ),
    }
}

/// The prompt and notices about a shared link: passphrase, replace or alongside, damaged link,
/// viewing alongside, opened into a blank workspace.
pub fn link_notices(state: &AppState, dispatch: &Dispatch) -> Html {
    let lang = state.lang();
    let act = |action: fn() -> Action, clear: bool| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if clear {
                browser::clear_fragment();
            }
            dispatch.dispatch(action());
        })
    };
    let incoming = match &state.link.incoming {
        None => Html::default(),
        Some(IncomingLink::Failed(error)) => html! {
            <section class="link-prompt no-print" role="alert" data-testid="open-link">
                <h2>{ crate::i18n::share::words(lang).this_share_link_cannot_be }</h2>
                <p class="warning" data-testid="open-link-error">{ error.describe(lang) }</p>
                <p>{ crate::i18n::share::words(lang).your_own_work_has_not }</p>
                <button onclick={act(|| Action::Link(LinkAction::Dismiss), true)}>{ crate::i18n::share::words(lang).ok }</button>
            </section>
        },
        Some(IncomingLink::Locked {
            sealed,
            busy,
            error,
        }) => {
            let sealed = sealed.clone();
            let onsubmit = {
                let dispatch = dispatch.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let Some(input) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id("open-link-passphrase"))
                    else {
                        return;
                    };
                    let passphrase =
                        wasm_bindgen::JsCast::unchecked_into::<HtmlInputElement>(input).value();
                    let dispatch = dispatch.clone();
                    let sealed = sealed.clone();
                    dispatch.dispatch(Action::Link(LinkAction::Unlocking));
                    wasm_bindgen_futures::spawn_local(async move {
                        match crypto::open(&passphrase, &sealed).await {
                            Ok(bytes) => {
                                dispatch.dispatch(Action::Link(LinkAction::Decrypted(bytes)))
                            }
                            Err(error) => {
                                dispatch.dispatch(Action::Link(LinkAction::UnlockFailed(error)))
                            }
                        }
                    });
                })
            };
            html! {
                <section class="link-prompt no-print" aria-labelledby="open-link-heading" data-testid="open-link">
                    <h2 id="open-link-heading" tabindex="-1">{ crate::i18n::share::words(lang).open_a_passphrase_protected_share }</h2>
                    <p>{ crate::i18n::share::words(lang).enter_the_passphrase_the_sender }</p>
                    <form class="unlock" onsubmit={onsubmit}>
                        <label for="open-link-passphrase">{ crate::i18n::share::words(lang).passphrase }</label>
                        <input id="open-link-passphrase" type="password" data-testid="share-passphrase"
                            autocomplete="off" autofocus=true aria-invalid={error.is_some().to_string()} />
                        <button type="submit" class="primary" data-testid="open-link-unlock" disabled={*busy}>
                            { if *busy { crate::i18n::share::words(lang).decrypting } else { crate::i18n::share::words(lang).open } }
                        </button>
                        <button type="button" onclick={act(|| Action::Link(LinkAction::Dismiss), true)} data-testid="open-link-cancel">
                            { crate::i18n::share::words(lang).don_t_open }
                        </button>
                    </form>
                    if let Some(error) = error {
                        <p class="warning" role="alert" data-testid="open-link-error">{ crypto_error_text(error, lang) }</p>
                    }
                </section>
            }
        }
        Some(IncomingLink::Ready {
            review,
            invoices,
            customers,
            ..
        }) => {
            let data = review.scope == ShareScope::SettingsAndData;
            html! {
                <section class="link-prompt no-print" aria-labelledby="open-link-heading" data-testid="open-link">
                    <h2 id="open-link-heading" tabindex="-1">{ crate::i18n::share::words(lang).open_a_shared_link }</h2>
                    <p>{ if data {
                        match lang {
                            Lang::Zh => format!("这个链接包含设置和数据：{customers} 个客户的 {invoices} 张发票。"),
                            Lang::En => format!("This link carries settings and data: {invoices} invoices from {customers} customers."),
                        }
                    } else {
                        crate::i18n::share::words(lang).this_link_carries_settings_only.to_string()
                    } }</p>
                    { review_list(review, lang) }
                    <div class="link-actions">
                        <button class="primary" data-testid="open-link-replace" onclick={act(|| Action::Link(LinkAction::Replace), true)}>
                            { if data { crate::i18n::share::words(lang).replace_my_workspace_with_it }
                              else { crate::i18n::share::words(lang).replace_my_settings_my_invoices } }
                        </button>
                        <button data-testid="open-link-alongside" onclick={act(|| Action::Link(LinkAction::Alongside), true)}>
                            { crate::i18n::share::words(lang).open_alongside_keep_mine }
                        </button>
                        <button class="link" data-testid="open-link-cancel" onclick={act(|| Action::Link(LinkAction::Dismiss), true)}>
                            { crate::i18n::share::words(lang).don_t_open }
                        </button>
                    </div>
                </section>
            }
        }
    };
    let alongside = state.link.own_kept.is_some().then(|| html! {
        <section class="link-banner no-print" role="status" data-testid="viewing-shared">
            <p>{ lang.pick(
                "您正在查看分享链接的内容。您自己的工作区原样保留；在这里做的修改不会保存，除非您选择保留它。",
                "You are looking at a shared link. Your own workspace is kept as it was; changes made \
                 here are not saved unless you keep this one.") }</p>
            <div class="link-actions">
                <button class="primary" data-testid="back-to-mine" onclick={act(|| Action::Link(LinkAction::BackToMine), false)}>
                    { crate::i18n::share::words(lang).back_to_my_workspace }
                </button>
                <button data-testid="keep-shared" onclick={act(|| Action::Link(LinkAction::KeepShared), false)}>
                    { crate::i18n::share::words(lang).keep_this_one_instead_of }
                </button>
            </div>
        </section>
    });
    let opened = state.link.opened.as_ref().map(|opened| html! {
        <section class="link-banner no-print" role="status" data-testid="link-opened">
            <p>{ match opened.review.scope {
                ShareScope::SettingsAndData => crate::i18n::share::words(lang).opened_a_shared_link_settings,
                ShareScope::SettingsOnly => crate::i18n::share::words(lang).opened_a_shared_link_settings_2,
            } }</p>
            { review_list(&opened.review, lang) }
            <div class="link-actions">
                <button data-testid="link-undo" onclick={act(|| Action::Link(LinkAction::Undo), false)}>{ crate::i18n::share::words(lang).undo }</button>
                <button class="link" onclick={act(|| Action::Link(LinkAction::Dismiss), false)}>{ crate::i18n::share::words(lang).ok }</button>
            </div>
        </section>
    });
    html! { <>{ incoming }{ for alongside }{ for opened }</> }
}

/// What a link changes, bank details first, then what it brought out of range.
fn review_list(review: &Review, lang: Lang) -> Html {
    html! {
        <>
            { crate::views::sanitized::link_clamped(&review.clamped, lang) }
            if let Some(bank) = &review.bank {
                <div class="warning" role="alert" data-testid="open-link-bank">
                    <p><strong>{ crate::i18n::share::words(lang).careful_this_link_changes_the }</strong></p>
                    <p>{ crate::i18n::share::words(lang).bank_in_the_link }{ if bank.bank_name.is_empty() { crate::i18n::share::words(lang).empty.to_string() } else { bank.bank_name.clone() } }</p>
                    <p>{ crate::i18n::share::words(lang).account_in_the_link }{ if bank.bank_account.is_empty() { crate::i18n::share::words(lang).empty.to_string() } else { bank.bank_account.clone() } }</p>
                    <p>{ lang.pick(
                        "骗子常通过修改收款账户截走货款。发出任何函件前，请通过电话等其他方式与发送人核实这个账户确实是您公司的。",
                        "Changed bank details are a common way to divert payments. Before sending any \
                         letter, confirm with the sender by another channel (phone, say) that this \
                         account is really your company's.") }</p>
                </div>
            }
            if review.changes.is_empty() && review.snapshots.is_none() {
                <p>{ if review.bank.is_some() {
                    crate::i18n::share::words(lang).otherwise_it_matches_what_you
                } else {
                    crate::i18n::share::words(lang).it_matches_what_you_have
                } }</p>
            } else {
                <p>{ crate::i18n::share::words(lang).it_changes }</p>
                <ul class="changes" data-testid="open-link-changes">
                    { for review.changes.iter().map(|c: &Change| html! { <li>{ c.label(lang) }</li> }) }
                    { for review.snapshots.as_ref().map(|merged| snapshots_item(merged, lang)) }
                </ul>
            }
        </>
    }
}

/// "N weekly snapshots", and what merging them into the user's does, date by date.
fn snapshots_item(merged: &Merged, lang: Lang) -> Html {
    let w = crate::i18n::share::words(lang);
    let dates = |label: &str, dates: &[chrono::NaiveDate], testid: &'static str| {
        (!dates.is_empty()).then(|| {
            let listed: Vec<String> = dates.iter().map(|d| format_date(*d, lang)).collect();
            let isos: Vec<String> = dates.iter().map(|d| iso(*d)).collect();
            html! {
                <li data-testid={testid} data-dates={isos.join(" ")}>
                    { label }{ listed.join(lang.pick("、", ", ")) }
                </li>
            }
        })
    };
    html! {
        <li data-testid="open-link-snapshots" data-count={merged.incoming.to_string()}>
            { w.weekly_snapshots.replace("{n}", &merged.incoming.to_string()) }
            <ul>
                { for dates(w.snapshots_added, &merged.added, "snapshots-added") }
                { for dates(w.snapshots_already_kept, &merged.already_kept, "snapshots-already-kept") }
                { for dates(w.snapshots_no_room, &merged.no_room, "snapshots-no-room") }
            </ul>
        </li>
    }
}
