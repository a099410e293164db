// The offline copy of one language of the help center: a service worker at
// the language's root (scripts/helpcenter/offline.py writes self.HC above).
// - A page is asked of the network first: the reader always gets the
//   current one, and a copy is kept with the moment it was saved.
// - Without a connection, the saved copy is shown with a line saying so and
//   since when; a page never saved gets the language's offline page.
// - The build's files (styles, scripts, search) come from a cache named
//   after the build: a new build is a new worker, which deletes the old one.
// - Only this site's requests in this language: another host, and the other
//   languages' roots, are left to the browser.
"use strict";
var HC = self.HC;
var OWN = "hc-" + HC.lang + "-";
var PAGES = OWN + "pages";
var FILES = OWN + HC.version;
var SAVED = "x-hc-saved";

function ours(url) {
  if (url.origin !== self.location.origin) return false;
  function under(roots) {
    return roots.some(function (root) { return url.pathname.indexOf(root) === 0; });
  }
  return under([HC.scope].concat(HC.shared)) && !under(HC.others);
}

// One copy per page, whatever its query (?h= from the search) or hash.
function pageKey(url) {
  return url.origin + url.pathname.replace(/\/index\.html$/, "/");
}

function isPage(url) {
  return url.pathname.indexOf(HC.scope) === 0;
}

function save(key, response) {
  if (!response.ok || (response.headers.get("content-type") || "").indexOf("text/html") !== 0) {
    return Promise.resolve();
  }
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set(SAVED, new Date().toISOString());
    return caches.open(PAGES).then(function (cache) {
      return cache.put(key, new Response(body, { status: 200, headers: headers }));
    });
  });
}

function savedOn(iso) {
  var date = new Date(iso);
  var words = new Intl.DateTimeFormat(HC.locale, { dateStyle: "long" }).format(date);
  return '<time datetime="' + date.toISOString() + '">' + words + "</time>";
}

// The saved copy, with the line that says what it is, at the top of the page's text.
function withBanner(page, iso) {
  var banner = '<div class="hc-offline-banner" role="status"><p>' + HC.saved + " " + savedOn(iso) + ".</p></div>";
  var at = page.search(/<article\b[^>]*>/);
  if (at < 0) return page.replace(/(<body\b[^>]*>)/, "$1" + banner);
  var end = page.indexOf(">", at) + 1;
  return page.slice(0, end) + banner + page.slice(end);
}

function fromCache(key) {
  return caches.open(PAGES).then(function (cache) {
    return cache.match(key);
  }).then(function (saved) {
    if (saved) {
      return saved.text().then(function (page) {
        return new Response(withBanner(page, saved.headers.get(SAVED)), {
          headers: { "Content-Type": "text/html; charset=utf-8" }
        });
      });
    }
    return caches.open(FILES).then(function (cache) {
      return cache.match(HC.offline);
    }).then(function (offline) {
      return offline || Response.error();
    });
  });
}

function page(event, url) {
  var key = pageKey(url);
  return fetch(event.request).then(function (response) {
    if (response.ok) {
      event.waitUntil(save(key, response.clone()));
    } else if (response.status === 404 || response.status === 410) {
      event.waitUntil(caches.open(PAGES).then(function (cache) { return cache.delete(key); }));
    }
    return response;
  }, function () {
    return fromCache(key);
  });
}

// The build's files: the cached copy at this very address (query included:
// Material starts its search as search-layer.js?w=..., and a worker's script
// keeps the address of the copy it is given), else the network, kept; offline,
// a copy at the same path whatever its query.
function file(event) {
  var request = event.request;
  return caches.open(FILES).then(function (cache) {
    return cache.match(request).then(function (found) {
      return found || fetch(request).then(function (response) {
        if (response.ok) event.waitUntil(cache.put(request, response.clone()));
        return response;
      }, function () {
        return cache.match(request, { ignoreSearch: true }).then(function (near) {
          return near || Response.error();
        });
      });
    });
  });
}

function fetchEach(paths, keep) {
  return Promise.all(paths.map(function (path) {
    return fetch(path, { cache: "no-cache" }).then(keep(path), function () {});
  }));
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(FILES).then(function (cache) {
    return Promise.all([
      fetchEach(HC.files, function (path) {
        return function (response) { return response.ok ? cache.put(path, response) : null; };
      }),
      fetchEach(HC.pages, function (path) {
        return function (response) { return save(pageKey(new URL(path, self.location)), response); };
      })
    ]);
  }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(OWN) === 0 && name !== PAGES && name !== FILES;
    }).map(function (name) {
      return caches.delete(name);
    }));
  }).then(function () {
    return self.clients.claim();
  }));
});

// The page that registered the worker was loaded before it ran: it asks to be kept.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "hc-save" || typeof data.url !== "string") return;
  var url = new URL(data.url, self.location);
  if (!ours(url) || !isPage(url)) return;
  event.waitUntil(fetch(url.href, { cache: "force-cache" }).then(function (response) {
    return save(pageKey(url), response);
  }, function () {}));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (!ours(url)) return;
  if (request.mode === "navigate") {
    if (isPage(url)) event.respondWith(page(event, url));
    return;
  }
  event.respondWith(file(event));
});
