// The page's last word when our WebAssembly dies: a Rust panic (the panic hook in
// src/crash.rs calls overdueCrash with its message) or a trap the hook never saw (a
// WebAssembly.RuntimeError reaching window's error events). With panic = "abort" nothing of
// the Wasm instance, Yew included, runs after that, so this is plain JavaScript and plain DOM,
// built with textContent only. A separate file, not an inline script: the CSP forbids those.
(() => {
  let shown = false;
  const zh = () => (document.documentElement.lang || navigator.language || "").startsWith("zh");

  // What a reload would load, and the copy kept aside before this visit's first save
  // (src/storage.rs writes both; the names must match).
  const DB = "overdue";
  const STORE = "kv";
  const SAVED = "workspace";
  const LAST_GOOD = "workspace.last-good";
  const withStore = (mode, work) =>
    new Promise((resolve, reject) => {
      const open = indexedDB.open(DB);
      open.onerror = () => reject(open.error);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onsuccess = () => {
        const tx = open.result.transaction(STORE, mode);
        const result = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
      };
    });
  const read = (key) =>
    withStore("readonly", (store) => {
      const out = {};
      const request = store.get(key);
      request.onsuccess = () => (out.value = request.result);
      return out;
    }).then((out) => out.value);

  const restoreOffer = async (panel, words) => {
    try {
      const [saved, good] = await Promise.all([read(SAVED), read(LAST_GOOD)]);
      if (good === undefined || good === saved) return;
      const button = document.createElement("button");
      button.dataset.testid = "crash-restore";
      button.textContent = words.restore;
      button.addEventListener("click", async () => {
        await withStore("readwrite", (store) => store.put(good, SAVED));
        location.reload();
      });
      panel.append(" ", button);
    } catch {
      // No store to read: nothing to restore from; the reload button is still there.
    }
  };

  window.overdueCrash = (message) => {
    if (shown) return;
    shown = true;
    const words = zh()
      ? {
          title: "出了点问题——您保存的工作是安全的。",
          body: "页面遇到错误，已停止运行。重新加载即可继续；如需报告问题，请复制下面的错误信息。",
          reload: "重新加载",
          restore: "恢复上一个正常的版本",
        }
      : {
          title: "Something went wrong — your saved work is safe.",
          body: "The page hit an error and stopped. Reload to carry on; to report it, copy the error below.",
          reload: "Reload",
          restore: "Restore the last good version",
        };
    const panel = document.createElement("section");
    panel.id = "crash";
    panel.dataset.testid = "crash";
    panel.setAttribute("role", "alert");
    const title = document.createElement("h1");
    title.textContent = words.title;
    const body = document.createElement("p");
    body.textContent = words.body;
    const error = document.createElement("textarea");
    error.readOnly = true;
    error.rows = 4;
    error.dataset.testid = "crash-error";
    error.value = String(message);
    const reload = document.createElement("button");
    reload.dataset.testid = "crash-reload";
    reload.textContent = words.reload;
    reload.addEventListener("click", () => location.reload());
    panel.append(title, body, error, reload);
    // The dead page stays in the document (its text can still be read) but out of the way.
    // (An inline style: the stylesheet gives some of these a display that `hidden` loses to.)
    for (const child of [...document.body.children]) child.style.display = "none";
    document.body.prepend(panel);
    restoreOffer(panel, words);
  };

  const fromWasm = (error) => error instanceof WebAssembly.RuntimeError;
  window.addEventListener("error", (event) => {
    if (fromWasm(event.error)) window.overdueCrash(`${event.error.name}: ${event.error.message}`);
  });
  window.addEventListener("unhandledrejection", (event) => {
    if (fromWasm(event.reason)) window.overdueCrash(`${event.reason.name}: ${event.reason.message}`);
  });
})();
