// Overdue's service worker: after the first visit the page loads and works with no network.
// The page's own files are cached at install (the list and the build id are written in by
// scripts/post-build.mjs after each build); the page itself is fetched network-first so a new
// version is picked up on the next visit online, and the old cache is dropped when the new
// worker takes over. Nothing here talks to any host but the page's own.
const BUILD = "__OVERDUE_BUILD__";
const FILES = ["./"]; // replaced after the build with every file of dist/
const CACHE = `overdue-${BUILD}`;

// A file whose name carries its content's hash (Trunk's overdue-<hash>.js, its _bg.wasm, the
// CSS) is the same file wherever it comes from, so the install takes it from the browser's HTTP
// cache when the page has just downloaded it: on a first visit the worker installs right after
// the page loaded, and fetching the ~900 KB module again doubled what a phone downloaded.
// Unhashed files (the page, sw-register.js, …) are fetched as usual, so an update never caches
// an old copy of them. Trunk writes the hash as a u64 in hex with no leading zeros
// (`{hash:x}`), so it has 16 digits only 15 times in 16: 8 to 16 digits is every hash but one in
// four billion, and no name of ours has a run of 8 hex digits after a hyphen.
const HASHED = /-[0-9a-f]{8,16}[._]/;
const precache = (file) => new Request(file, { cache: HASHED.test(file) ? "force-cache" : "default" });

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map(precache))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("overdue-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "activate-update") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put("./", copy));
          return response;
        })
        .catch(() => caches.match("./", { ignoreSearch: true }).then((r) => r ?? caches.match(request))),
    );
    return;
  }
  event.respondWith(
    caches.match(request).then(
      (cached) =>
        cached ??
        fetch(request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
