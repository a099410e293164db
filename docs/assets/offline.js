// Registers the offline copy of the reader's language (its service worker,
// written by the build at the language's root: scripts/helpcenter/offline.py),
// then asks it to keep this page, which was loaded before the worker ran.
// Without JavaScript, or in a browser without service workers, nothing
// changes: every page works as before. Hand-written; loaded on every page.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="hc-offline-worker"]');
  if (!meta || !("serviceWorker" in navigator)) return;
  var worker = navigator.serviceWorker;
  worker.register(meta.content, { scope: meta.getAttribute("data-scope") }).then(function () {
    return worker.ready;
  }).then(function (registration) {
    if (registration.active) registration.active.postMessage({ type: "hc-save", url: location.href });
  }).catch(function () {});
})();
