//! Where the workspace is kept: IndexedDB, whose quota is a share of the disk rather than local
//! storage's few megabytes (a 100,000-row workspace is about 6 MB of JSON, over that quota).
//! One database `overdue`, one object store `kv` of strings, two keys: the saved workspace and
//! the last good one, kept aside so that `web/crash.js` can offer it back if a saved state
//! breaks the page (the names there must match these). Each write is one transaction, so a
//! save is all or nothing.
//!
//! A write begun while the page is being left may not finish before the page is gone; so the
//! flush on leaving also puts small workspaces (those that fit) in local storage under
//! [`PENDING_KEY`], which the next load prefers and moves into IndexedDB.

mod json;

use std::cell::RefCell;

use js_sys::Promise;
use overdue_core::limits::Clamped;
use overdue_core::review::snapshot::Snapshots;
use overdue_core::workspace::Workspace;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::state::Saved;

const DB_NAME: &str = "overdue";
const DB_VERSION: u32 = 1;
const STORE: &str = "kv";
const SAVED_KEY: &str = "workspace";
const LAST_GOOD_KEY: &str = "workspace.last-good";
/// The weekly review's snapshots (issue 19): apart from the workspace, since they are large
/// and the workspace is written on every change.
const SNAPSHOTS_KEY: &str = "snapshots";
/// Where stored snapshots this version cannot read are moved, so that keeping a new one never
/// overwrites them.
const SNAPSHOTS_UNREADABLE_KEY: &str = "snapshots.unreadable";

/// Where earlier versions kept the workspace; read once, moved into IndexedDB, then removed.
const LEGACY_KEY: &str = "overdue.workspace";
/// A workspace written while the page was being left, newer than the IndexedDB copy.
const PENDING_KEY: &str = "overdue.workspace.pending";
/// Where an unreadable stored workspace is moved, so that loading never destroys it.
const DAMAGED_KEY: &str = "overdue.workspace.unreadable";
/// Set by the user's "keep nothing in this browser": the only thing then stored is this flag.
const KEEP_NOTHING_KEY: &str = "overdue.keep-nothing";

thread_local! {
    /// The open database: opened once at start, so that a flush on leaving the page can begin
    /// its write at once, inside the event.
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// The stored JSON as loaded, copied aside as the last good version once it has rendered.
    static LOADED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Size of the stored workspace, for "data on this device".
    static KEPT_BYTES: RefCell<usize> = const { RefCell::new(0) };
    /// How many times a workspace was written on leaving: a save begun before the latest of
    /// those is older than the copy it left in local storage, and must not remove it.
    static LEAVINGS: RefCell<u64> = const { RefCell::new(0) };
    /// Keeps the pasted text's JSON between saves (`storage/json.rs`).
    static WRITER: RefCell<json::JsonWriter> = RefCell::new(json::JsonWriter::default());
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Resolves when `request` succeeds, with its result.
async fn request_done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await?;
    request.result()
}

/// Resolves when `transaction` has committed (its writes are on disk as far as the browser
/// tells), fails when it is aborted (quota, a full disk, the user refusing storage).
async fn committed(transaction: &IdbTransaction) -> Result<(), JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onerror(Some(&reject));
        transaction.set_onabort(Some(&reject));
    });
    JsFuture::from(promise).await.map(drop)
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DB_NAME, DB_VERSION)?;
    let upgrade = Closure::once_into_js(move |event: web_sys::Event| {
        let db = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    request_done(&request).await?.dyn_into()
}

fn store(mode: IdbTransactionMode) -> Result<(IdbTransaction, IdbObjectStore), JsValue> {
    DB.with_borrow(|db| {
        let db = db.as_ref().ok_or(JsValue::NULL)?;
        let transaction = db.transaction_with_str_and_mode(STORE, mode)?;
        let store = transaction.object_store(STORE)?;
        Ok((transaction, store))
    })
}

async fn get(key: &str) -> Result<Option<String>, JsValue> {
    let (_, store) = store(IdbTransactionMode::Readonly)?;
    Ok(request_done(&store.get(&key.into())?).await?.as_string())
}

/// Begins writing (or, for None, deleting) these keys in one transaction; the writes are done
/// when the returned transaction commits.
fn begin_write(entries: &[(&str, Option<&str>)]) -> Result<IdbTransaction, JsValue> {
    let (transaction, store) = store(IdbTransactionMode::Readwrite)?;
    for (key, value) in entries {
        match value {
            Some(value) => store.put_with_key(&JsValue::from_str(value), &(*key).into())?,
            None => store.delete(&(*key).into())?,
        };
    }
    Ok(transaction)
}

async fn write(entries: &[(&str, Option<&str>)]) -> Result<(), JsValue> {
    committed(&begin_write(entries)?).await
}

/// What a load found.
pub struct Loaded {
    pub workspace: Workspace,
    pub saved: Saved,
    /// What `limits::sanitize` changed in what was stored (the page says so).
    pub clamped: Vec<Clamped>,
    pub snapshots: Snapshots,
}

/// Opens the store and reads the saved workspace: the one written while the page was last
/// left if there is one (newer), else IndexedDB's, else (first visit since the move to
/// IndexedDB) local storage's, which is then moved. An unreadable one is set aside under
/// another key, not lost. Storage refused altogether (some private modes) is `Saved::Failed`,
/// so the page says at once that nothing will be kept.
pub async fn load() -> Loaded {
    let nothing = |saved| Loaded {
        workspace: Workspace::default(),
        saved,
        clamped: Vec::new(),
        snapshots: Snapshots::default(),
    };
    match open().await {
        Ok(db) => DB.with_borrow_mut(|slot| *slot = Some(db)),
        Err(_) => return nothing(Saved::Failed),
    }
    let local = local();
    let from_local = |key: &str| local.as_ref().and_then(|s| s.get_item(key).ok().flatten());
    let (json, moved_from) = match from_local(PENDING_KEY) {
        Some(json) => (Some(json), Some(PENDING_KEY)),
        None => match get(SAVED_KEY).await {
            Ok(Some(json)) => (Some(json), None),
            Ok(None) => match from_local(LEGACY_KEY) {
                Some(json) => (Some(json), Some(LEGACY_KEY)),
                None => (None, None),
            },
            Err(_) => return nothing(Saved::Failed),
        },
    };
    if let (Some(json), Some(key)) = (&json, moved_from) {
        // Removed from local storage only once IndexedDB holds it.
        if write(&[(SAVED_KEY, Some(json))]).await.is_ok() {
            if let Some(local) = &local {
                let _ = local.remove_item(key);
            }
        }
    }
    let Some(json) = json else {
        return nothing(Saved::Nothing);
    };
    match Workspace::from_json(&json) {
        Ok(workspace) => {
            let (workspace, clamped) = checked(workspace);
            KEPT_BYTES.set(kept_size(&json));
            LOADED.set(Some(json));
            Loaded {
                workspace,
                saved: Saved::Kept,
                clamped,
                snapshots: Snapshots::default(),
            }
        }
        Err(_) => {
            if let Some(local) = &local {
                let _ = local.set_item(DAMAGED_KEY, &json);
            }
            let _ = write(&[(SAVED_KEY, None)]).await;
            nothing(Saved::Nothing)
        }
    }
}

/// Every workspace read from storage passes here before the page uses it. Storage is written
/// by this page, but by any version of it, and anything on the device can change it: every
/// number is brought into its range and every text and list to its size (`limits::sanitize`)
/// so that no stored value can reach a panic or exhaust the page. What it changed is returned
/// for the page to show (`views/sanitized.rs`): the user should know a setting is not what
/// they left.
fn checked(workspace: Workspace) -> (Workspace, Vec<Clamped>) {
    overdue_core::limits::sanitize(workspace)
}

/// The loaded workspace has rendered without failing: keep it aside as the last good version,
/// for the crash page to offer back if a later save breaks the page.
pub fn keep_last_good() {
    if let Some(json) = LOADED.take() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = write(&[(LAST_GOOD_KEY, Some(&json))]).await;
        });
    }
}

fn kept_size(json: &str) -> usize {
    // UTF-16, as browsers count what they store.
    json::utf16_len(json) * 2
}

/// Size in bytes of what this page keeps in this browser.
pub fn kept_bytes() -> usize {
    KEPT_BYTES.with_borrow(|n| *n)
}

pub fn keeps_nothing() -> bool {
    local()
        .and_then(|s| s.get_item(KEEP_NOTHING_KEY).ok().flatten())
        .is_some()
}

/// Turns "keep nothing" on (erasing what is kept) or off.
pub fn set_keep_nothing(on: bool) {
    if let Some(local) = local() {
        if on {
            forget_everything();
            let _ = local.set_item(KEEP_NOTHING_KEY, "1");
        } else {
            let _ = local.remove_item(KEEP_NOTHING_KEY);
        }
    }
}

/// What to write for this workspace: None to remove the saved copy (nothing worth keeping, or
/// the user keeps nothing).
fn to_store(workspace: &Workspace) -> Option<String> {
    (!keeps_nothing() && *workspace != Workspace::default())
        .then(|| WRITER.with_borrow_mut(|writer| writer.write(workspace)))
}

/// Saves the workspace, then calls `done` with the outcome. A refused write (quota, private
/// mode) removes the stale copy, which would otherwise come back on reload and look like lost
/// work, and reports `Saved::Failed`.
pub fn save(workspace: &Workspace, done: impl FnOnce(Saved) + 'static) {
    let json = crate::browser::timed("save:json", || to_store(workspace));
    let leavings = LEAVINGS.with_borrow(|n| *n);
    wasm_bindgen_futures::spawn_local(async move {
        // The write begins in a task of its own: handing IndexedDB megabytes is tens of ms,
        // and in one task with the JSON a large save would hold the page over 100 ms.
        gloo::timers::future::TimeoutFuture::new(0).await;
        // The write, from its start to its commit (the browser's own work on it included).
        crate::browser::mark("save:write");
        let written = write(&[(SAVED_KEY, json.as_deref())]).await;
        crate::browser::measure_since("save:write");
        let outcome = match written {
            Ok(()) => {
                // IndexedDB now holds what is current: a copy left from leaving the page
                // earlier is older and must not win on the next load. (Unless the page was
                // left while this was being written: that copy is the newer one.)
                if let Some(local) = local().filter(|_| LEAVINGS.with_borrow(|n| *n) == leavings) {
                    let _ = local.remove_item(PENDING_KEY);
                }
                if json.is_some() {
                    Saved::Kept
                } else {
                    Saved::Nothing
                }
            }
            Err(_) => {
                let _ = write(&[(SAVED_KEY, None)]).await;
                Saved::Failed
            }
        };
        KEPT_BYTES.set(match (&outcome, &json) {
            (Saved::Kept, Some(json)) => kept_size(json),
            _ => 0,
        });
        done(outcome);
    });
}

/// Saves the workspace while the page is being left: the write begins now, inside the event,
/// and is committed at once; a copy that fits also goes to local storage, which is written
/// before this returns.
pub fn save_on_leaving(workspace: &Workspace) {
    let json = to_store(workspace);
    LEAVINGS.with_borrow_mut(|n| *n += 1);
    if let Some(local) = local() {
        match &json {
            Some(json) => {
                if local.set_item(PENDING_KEY, json).is_err() {
                    let _ = local.remove_item(PENDING_KEY);
                }
            }
            None => {
                let _ = local.remove_item(PENDING_KEY);
            }
        }
    }
    if let Ok(transaction) = begin_write(&[(SAVED_KEY, json.as_deref())]) {
        commit(&transaction);
    }
}

/// Asks the browser to commit now rather than when the event ends: a page being left may not
/// get that far. (web-sys marks `commit` deprecated only because its WebIDL is newer than the
/// crate's baseline; Chromium, Firefox and Safari have it, and where missing the call fails
/// harmlessly and the transaction commits on its own.)
#[allow(deprecated)]
fn commit(transaction: &IdbTransaction) {
    let _ = transaction.commit();
}

/// Erases everything this page keeps: both stores.
pub fn forget_everything() {
    if let Some(local) = local() {
        for key in [LEGACY_KEY, PENDING_KEY, DAMAGED_KEY] {
            let _ = local.remove_item(key);
        }
    }
    KEPT_BYTES.set(0);
    LOADED.set(None);
    if let Ok(transaction) = begin_write(&[
        (SAVED_KEY, None),
        (LAST_GOOD_KEY, None),
        (SNAPSHOTS_KEY, None),
        (SNAPSHOTS_UNREADABLE_KEY, None),
    ]) {
        commit(&transaction);
    }
}

/// Reads the kept snapshots (after [`load`] opened the store). Ones this version cannot read
/// are moved aside, not lost.
pub async fn load_snapshots() -> Snapshots {
    let Ok(Some(json)) = get(SNAPSHOTS_KEY).await else {
        return Snapshots::default();
    };
    match Snapshots::from_json(&json) {
        Ok(snapshots) => snapshots,
        Err(_) => {
            let _ = write(&[
                (SNAPSHOTS_UNREADABLE_KEY, Some(&json)),
                (SNAPSHOTS_KEY, None),
            ])
            .await;
            Snapshots::default()
        }
    }
}

/// Stores the snapshots (removes the key when there are none, or when the user keeps nothing),
/// then calls `done` with whether the browser took them.
pub fn save_snapshots(snapshots: &Snapshots, done: impl FnOnce(bool) + 'static) {
    let json = (!keeps_nothing() && !snapshots.is_empty()).then(|| snapshots.to_json());
    wasm_bindgen_futures::spawn_local(async move {
        done(write(&[(SNAPSHOTS_KEY, json.as_deref())]).await.is_ok());
    });
}
