// Registers the service worker (sw.js, beside index.html) and hands it the list of what this page loaded, so
// the next visit works offline. body[data-offline] says where that stands: "ready" once cached.
export function startOffline() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  const mark = (state) => (document.body.dataset.offline = state);
  mark("pending");
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type === "cached") mark("ready");
    else if (event.data?.type === "not-cached") mark("failed");
  });
  navigator.serviceWorker
    .register("./sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const page = location.href.split("#")[0].split("?")[0];
      const files = performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((url) => url.startsWith(registration.scope) && !url.includes("#"));
      registration.active.postMessage({ type: "cache", urls: [...new Set([page, ...files])] });
    })
    .catch(() => mark("failed"));
}
