// Keep the reader's place when switching language: a step or section has
// the same anchor in both languages, so the other language's link gets the
// current #anchor. Hand-written; loaded on every page by mkdocs.yml.
(function () {
  "use strict";
  function carryAnchor() {
    var links = document.querySelectorAll(".md-select__link[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.hash = location.hash;
      links[i].href = url.href;
    }
  }
  carryAnchor();
  window.addEventListener("hashchange", carryAnchor);
})();
