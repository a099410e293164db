/* Help center: copy buttons of the agents' desk. Hand-written, no dependency.
   Without JavaScript the fields stay selectable and the buttons stay hidden. */
(function () {
  "use strict";
  var status = document.querySelector(".hc-copy__status");
  function say(text) { if (status) { status.textContent = ""; status.textContent = text; } }
  document.querySelectorAll(".hc-copy__button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
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
    });
  });
})();
