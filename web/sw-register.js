// Registers the service worker (offline use, install as an app) and says when a new version
// is ready. A separate file, not an inline script, so the Content-Security-Policy can forbid
// inline scripts. The notice is built with textContent only.
if ("serviceWorker" in navigator) {
  const notice = (registration) => {
    if (document.getElementById("update-ready")) return;
    const zh = (document.documentElement.lang || navigator.language || "").startsWith("zh");
    const bar = document.createElement("div");
    bar.id = "update-ready";
    bar.setAttribute("role", "status");
    bar.dataset.testid = "update-ready";
    const text = document.createElement("span");
    text.textContent = zh ? "新版本已就绪。" : "An update is ready.";
    const button = document.createElement("button");
    button.textContent = zh ? "重新加载以使用新版本" : "Reload to use it";
    button.addEventListener("click", () => {
      updateRequested = true;
      registration.waiting?.postMessage("activate-update");
    });
    bar.append(text, " ", button);
    document.body.append(bar);
  };
  // Reload only when the user asked for the update: on the first visit the new worker also
  // takes control (clients.claim), and that must not reload the page under the user's hands.
  let updateRequested = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (updateRequested) {
      updateRequested = false;
      location.reload();
    }
  });
  // Registered once the page is loaded and the app has started: installing caches every file of
  // the build (the spreadsheet reader's 400 KB included), which on a first visit over a slow
  // phone link would otherwise share the link with the page's own module and delay the first
  // screen (tests/bench/startup.mjs, PHONE=1).
  const loaded = new Promise((resolve) =>
    document.readyState === "complete" ? resolve() : addEventListener("load", resolve, { once: true }),
  );
  const started = new Promise((resolve) => addEventListener("TrunkApplicationStarted", resolve, { once: true }));
  Promise.all([loaded, started])
    .then(() => navigator.serviceWorker.register("sw.js"))
    .then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) notice(registration);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker?.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) notice(registration);
        });
      });
    })
    .catch(() => {
      // No offline support (for example on a file:// page); the page works as before.
    });
}
