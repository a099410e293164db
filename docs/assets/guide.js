/* The decision guide, one question at a time, without page loads.
 *
 * Each guide page (/guide/, /guide/<node>/) already holds every node, with
 * only its own shown, and plain links between them: it works without
 * JavaScript. This script only makes the step in place: it shows the next
 * node, keeps the address in sync with the history API (so a reload or a
 * shared link lands on the same node), moves focus to the new heading and
 * announces it. All words come from the page; none are written here.
 * Hand-written, no dependency; runs beside Material's own scripts.
 */
(function () {
  "use strict";
  var guide = document.querySelector(".hc-guide");
  if (!guide || !window.history || !history.pushState) return;

  var nodes = {}, paths = {};
  var live = guide.querySelector(".hc-live");
  Array.prototype.forEach.call(guide.querySelectorAll("section[data-node]"), function (s) {
    nodes[s.getAttribute("data-node")] = s;
  });
  // Every node's address, read from the links that lead to it.
  Array.prototype.forEach.call(guide.querySelectorAll("a[data-next]"), function (a) {
    paths[a.getAttribute("data-next")] = a.href.split("#")[0];
  });

  function shown() { return guide.querySelector("section[data-node]:not([hidden])"); }
  var first = shown();
  if (!first) return;
  // "<node title><site suffix>": keep the suffix Material wrote.
  var suffix = document.title.slice(first.getAttribute("data-title").length);
  paths[first.getAttribute("data-node")] = location.href.split("#")[0];

  function show(id, announce) {
    var next = nodes[id], current = shown();
    if (!next) return false;
    if (current !== next) {
      current.hidden = true;
      next.hidden = false;
    }
    document.title = next.getAttribute("data-title") + suffix;
    if (announce) {
      var heading = next.querySelector(".hc-heading");
      heading.focus();
      if (live) live.textContent = heading.textContent;
    }
    return true;
  }

  function depth() { return (history.state && history.state.hcDepth) || 0; }

  // An old-style link to a node's anchor (/guide/#paid) shows that node.
  var hash = decodeURIComponent(location.hash.slice(1));
  if (nodes[hash] && paths[hash]) {
    show(hash, false);
    history.replaceState({ hcNode: hash, hcDepth: 0 }, "", paths[hash]);
  } else {
    history.replaceState({ hcNode: first.getAttribute("data-node"), hcDepth: depth() }, "");
  }

  guide.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-next]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var id = link.getAttribute("data-next");
    if (!nodes[id]) return;
    event.preventDefault();
    if (link.classList.contains("hc-back") && depth() > 0) {
      history.back();  // the way the reader came, not the shortest way
      return;
    }
    history.pushState({ hcNode: id, hcDepth: depth() + 1 }, "", link.href);
    show(id, true);
  });

  window.addEventListener("popstate", function (event) {
    var id = event.state && event.state.hcNode;
    if (!id) {
      for (var key in paths) if (paths[key] === location.href.split("#")[0]) id = key;
    }
    if (!id || !show(id, true)) location.reload();
  });
})();
