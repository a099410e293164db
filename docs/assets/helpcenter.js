/* Help center: the agents' desk (copy buttons, filter). Hand-written, no dependency.
   Without JavaScript the fields stay selectable, the buttons and the filter
   stay hidden, and the page is the plain full list. */
(function () {
  "use strict";
  // One listener for the whole desk: the page's 600 buttons need no work while it loads
  // (the stylesheet shows them: the desk's inline script marks the page).
  var status = document.querySelector(".hc-copy__status");
  function say(text) { if (status) { status.textContent = ""; status.textContent = text; } }
  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var label = button.textContent;
    function done() {
      button.textContent = status.getAttribute("data-copied");
      say(status.getAttribute("data-copied"));
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    function fallback() {
      field.focus();
      field.select();
      say(status.getAttribute("data-failed"));
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, fallback);
    } else {
      fallback();
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".hc-copy__button[data-copy]");
    if (button) { copy(button); }
  });
})();

/* The desk's filter: every word typed must occur in an article (title, links,
   steps, reply) or a guide point; case and accents do not matter. */
(function () {
  "use strict";
  var box = document.querySelector(".hc-desk-filter");
  if (!box) { return; }
  var field = box.querySelector(".hc-desk-filter__field");
  var none = box.querySelector(".hc-desk-filter__none");
  var items = Array.prototype.slice.call(document.querySelectorAll(".hc-desk__item"));
  var groups = document.querySelectorAll(".hc-desk__group");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u2019/g, "'").toLowerCase();
  }
  function textOf(element) {
    var values = Array.prototype.map.call(element.querySelectorAll("input, textarea"), function (f) { return f.value; });
    return fold(element.textContent + " " + values.join(" "));
  }
  var texts, steps;  // read at the first keystroke, not while the page loads
  function read() {
    texts = items.map(function (item) { return textOf(item) + " " + item.id; });
    steps = items.map(function (item) {
      var details = item.querySelector("details");
      return details ? { element: details, text: textOf(details) } : null;
    });
  }
  function apply() {
    if (!texts) { read(); }
    var words = fold(field.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    function has(text) { return words.every(function (w) { return text.indexOf(w) !== -1; }); }
    items.forEach(function (item, i) {
      var match = has(texts[i]);
      item.hidden = !match;
      if (match) { shown += 1; }
      // A match among the steps opens them, so the agent sees why; never closes them.
      if (match && words.length && steps[i] && has(steps[i].text)) { steps[i].element.open = true; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".hc-desk__item:not([hidden])");
    });
    none.textContent = shown ? "" : none.getAttribute("data-none");
  }
  field.addEventListener("input", apply);
  box.hidden = false;
})();
