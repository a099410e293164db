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
