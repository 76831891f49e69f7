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
  navigator.serviceWorker
    .register("sw.js")
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
