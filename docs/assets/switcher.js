// Keep the reader's place when switching language: a step or section has
// the same anchor in both languages, so the other language's link gets the
// current #anchor. Hand-written; loaded on every page by mkdocs.yml.
(function () {
  "use strict";
  var links = document.querySelectorAll(".md-select__link[hreflang]");
  function carryAnchor() {
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.hash = location.hash;
      links[i].href = url.href;
    }
  }
  for (var i = 0; i < links.length; i++) {
    // Material's own handler (on <body>) would rebuild the address from a
    // sitemap and drop the anchor; our link already holds the right address.
    links[i].addEventListener("click", function (event) { event.stopPropagation(); });
  }
  carryAnchor();
  window.addEventListener("hashchange", carryAnchor);
})();

// The page head names each language version by its absolute address (search
// engines need it). Material reads those <link rel="alternate"> and fetches
// "sitemap.xml" beside each one, for a switcher our links above already make
// right: from a copy served elsewhere that would be a request to another
// host, and on the site itself a 404 (no sitemap sits beside a page). Those
// requests get an empty sitemap instead, without leaving the browser.
// This runs before Material looks (it waits for DOMContentLoaded).
(function () {
  "use strict";
  var beside = {};
  var heads = document.querySelectorAll("link[rel=alternate][hreflang]");
  for (var i = 0; i < heads.length; i++) beside[new URL("sitemap.xml", heads[i].href).href] = true;
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (beside[new URL(String(url), location.href).href])
      args[1] = "data:application/xml,%3Curlset%2F%3E";
    return open.apply(this, args);
  };
})();
