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

// The menu button of phones and tablets (Material's <label for="__drawer">)
// takes no Tab stop and answers no key: the drawer, and the whole menu with
// it, was out of reach of the keyboard. A real <button> takes its place (a
// label may carry no role nor name of its own): Enter or Space opens the
// drawer with the focus on its first link; Escape closes the drawer and comes
// back to it. While closed, the drawer's links take no Tab stop (helpcenter.css).
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var label = document.querySelector("label.md-header__button[for=__drawer]");
  if (!drawer || !label) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " hc-menu-button";
  button.innerHTML = label.innerHTML;
  button.setAttribute("aria-label", label.getAttribute("data-hc-name") || "");
  label.parentNode.insertBefore(button, label);
  label.classList.add("hc-replaced");
  function sync() { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); }
  button.addEventListener("click", function (event) {
    drawer.click();
    // Opened from the keyboard (a click of no pointer): the focus goes to the
    // drawer's first link (it comes after the header's controls in the page).
    var first = event.detail === 0 && drawer.checked && document.querySelector(".md-sidebar--primary a[href]");
    if (first) window.requestAnimationFrame(function () { first.focus(); });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      drawer.click();
      button.focus();
    }
  });
  drawer.addEventListener("change", sync);
  sync();
})();

// On a phone the open search holds the page still (Material fixes <body> in
// place) and lets it go a moment after it closes, back at the place it was.
// The Tab that closes the search moves the focus to the next link while the
// page is held: the browser cannot scroll to it, and the focused link stayed
// off screen. Once the page is let go, the focused element is brought into view.
(function () {
  "use strict";
  new MutationObserver(function () {
    var focused = document.activeElement;
    if (document.body.hasAttribute("data-md-scrolllock") || !focused || focused === document.body) return;
    var box = focused.getBoundingClientRect();
    if (box.bottom > window.innerHeight || box.top < 0) focused.scrollIntoView({block: "nearest"});
  }).observe(document.body, {attributes: true, attributeFilter: ["data-md-scrolllock"]});
})();
