// The service worker: after the first visit the page works with the network off (a school's Wi-Fi that drops
// mid-lesson). It caches what the page loaded, whatever Trunk named it, and answers from the network first, so
// a new version deployed is used as soon as it can be reached; only when the network fails does the cache
// answer. Every URL is relative to this file, so the site works from a subpath.
const CACHE = "backprop-lab";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// The page sends the list of what it loaded (its address and every file it fetched); the cache then holds
// exactly that: the new build's files in, the old build's out.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "cache") return;
  const wanted = new Set(event.data.urls.map((u) => new URL(u, self.registration.scope).href));
  const done = (async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll([...wanted]);
    for (const request of await cache.keys()) if (!wanted.has(request.url)) await cache.delete(request);
  })();
  event.waitUntil(
    done.then(
      () => event.source?.postMessage({ type: "cached", count: wanted.size }),
      (e) => event.source?.postMessage({ type: "not-cached", reason: String(e) }),
    ),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(
    (async () => {
      try {
        const response = await fetch(request);
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      } catch (offline) {
        // The page's address may carry ?present=1; its files never do.
        const cached = await caches.match(request, { ignoreSearch: request.mode === "navigate" });
        if (cached) return cached;
        throw offline;
      }
    })(),
  );
});
