/* The decision guide, one question at a time, without page loads.
 *
 * Each guide page (/guide/, /guide/<node>/) holds its node, shown, and the
 * nodes one click away, hidden, with plain links between them: it works
 * without JavaScript. This script makes the step in place: it shows the
 * next node (fetching the node's own page, same site, when it is further
 * away), keeps the address in sync with the history API (a reload or a
 * shared link lands on the same node), moves focus to the new heading and
 * announces it, and keeps "Your answers" true to the way the reader came
 * (kept in the history state, so Back, Forward and a reload keep it too; a
 * page loaded on its own prints the answers when only one path leads to
 * it). All words come from the page; none are written here.
 * Hand-written, no dependency; runs beside Material's own scripts.
 */
(function () {
  "use strict";
  var guide = document.querySelector(".hc-guide");
  if (!guide || !window.history || !history.pushState) return;

  // pushState changes the base of relative links (menu, switcher, diagram,
  // answers): resolve them all once, against the address they came from.
  function absolute(root, base) {
    Array.prototype.forEach.call(root.querySelectorAll("a[href]"), function (a) {
      var raw = a.getAttribute("href");
      if (raw.charAt(0) !== "#") a.setAttribute("href", new URL(raw, base).href);
    });
  }
  absolute(document, location.href);
  // The icon too: Chromium asks for it again at each new address.
  Array.prototype.forEach.call(document.querySelectorAll("link[rel~='icon'][href]"), function (link) {
    link.setAttribute("href", new URL(link.getAttribute("href"), location.href).href);
  });

  var nodes = {}, paths = {};
  var live = guide.querySelector(".hc-live");
  function learn(section) {
    nodes[section.getAttribute("data-node")] = section;
    // Every node's address, read from the links that lead to it.
    Array.prototype.forEach.call(section.querySelectorAll("a[data-next]"), function (a) {
      paths[a.getAttribute("data-next")] = a.href.split("#")[0];
    });
  }
  Array.prototype.forEach.call(guide.querySelectorAll(".hc-node[data-node]"), learn);

  // A node further away: take it from its own page (same site), once.
  function ensure(id) {
    if (nodes[id]) return Promise.resolve(true);
    if (!paths[id] || !window.fetch) return Promise.resolve(false);
    guide.setAttribute("aria-busy", "true");
    return fetch(paths[id]).then(function (response) {
      return response.ok ? response.text() : "";
    }).then(function (html) {
      var found = new DOMParser().parseFromString(html, "text/html").querySelector(".hc-node[data-node]:not([hidden])");
      if (!found || found.getAttribute("data-node") !== id) return false;
      var section = document.importNode(found, true);
      absolute(section, paths[id]);
      section.hidden = true;
      guide.insertBefore(section, live);
      learn(section);
      return true;
    }, function () { return false; }).then(function (ok) {
      guide.removeAttribute("aria-busy");
      return ok;
    });
  }

  function shown() { return guide.querySelector(".hc-node[data-node]:not([hidden])"); }
  var first = shown();
  if (!first) return;
  var start = guide.querySelector(".hc-node[data-node]").getAttribute("data-node");
  // "<node title><site suffix>": keep the suffix Material wrote.
  var suffix = document.title.slice(first.getAttribute("data-title").length);
  paths[first.getAttribute("data-node")] = location.href.split("#")[0];
  // The language switcher keeps the reader's place: same node, other language.
  var dir = paths[guide.querySelector(".hc-node[data-node]").getAttribute("data-node")];
  var here = paths[first.getAttribute("data-node")].slice(dir.length);
  var switches = Array.prototype.map.call(document.querySelectorAll("a[hreflang]"), function (a) {
    // Material's own switcher handler (on body) goes to the page the reader
    // loaded; once they have moved, the link's own address is the right one.
    a.addEventListener("click", function (event) {
      if (shown() !== first) event.stopPropagation();
    });
    return { a: a, dir: a.href.slice(0, a.href.length - here.length) };
  });

  // "Your answers": the rows a section shows, [] on the first question,
  // null where the way is unknown (several paths lead to the node).
  function answersShown(section) {
    var box = section.querySelector(".hc-your-answers");
    if (!box) return [];
    if (box.hidden) return null;
    return Array.prototype.map.call(box.querySelectorAll(".hc-your-answers__row"), function (row) {
      var link = row.querySelector("a[data-next]");
      return { node: row.getAttribute("data-node"), question: row.querySelector("dt").textContent,
               answer: row.querySelector(".hc-your-answers__answer").textContent, href: link.href };
    });
  }
  function key(list) {
    return list.map(function (a) { return a.node + "\u0000" + a.answer; }).join("\u0001");
  }
  function showAnswers(section, answers) {
    var box = section.querySelector(".hc-your-answers");
    if (!box || !answers) return;  // unknown: the page's own rows stay
    var now = answersShown(section);
    if (now && key(now) === key(answers)) return;
    var list = box.querySelector("dl"), change = guide.getAttribute("data-change");
    while (list.firstChild) list.removeChild(list.firstChild);
    answers.forEach(function (a) {
      var row = document.createElement("div"), dt = document.createElement("dt"),
          dd = document.createElement("dd"), cell = document.createElement("dd"),
          link = document.createElement("a"), hidden = document.createElement("span");
      row.className = "hc-your-answers__row";
      row.setAttribute("data-node", a.node);
      dt.textContent = a.question;
      dd.className = "hc-your-answers__answer";
      dd.textContent = a.answer;
      cell.className = "hc-your-answers__change";
      link.href = a.href;
      link.setAttribute("data-next", a.node);
      link.textContent = change;
      hidden.className = "hc-visually-hidden";
      hidden.textContent = " " + a.question;
      link.appendChild(hidden);
      cell.appendChild(link);
      row.appendChild(dt);
      row.appendChild(dd);
      row.appendChild(cell);
      list.appendChild(row);
    });
    box.hidden = answers.length === 0;
  }
  function headingText(section) {
    var text = section.querySelector(".hc-heading__text");
    return text ? text.textContent : "";
  }
  // The answers that lead to node ``id`` when the reader follows ``link``.
  function answersTo(id, link) {
    var current = shown(), before = answersShown(current);
    if (id === start) return [];
    if (!before) return null;
    for (var i = 0; i < before.length; i++) if (before[i].node === id) return before.slice(0, i);
    if (link && link.closest(".hc-answers")) {
      return before.concat([{ node: current.getAttribute("data-node"), question: headingText(current),
                              answer: link.textContent, href: paths[current.getAttribute("data-node")] }]);
    }
    return null;
  }

  function show(id, announce, answers) {
    var next = nodes[id], current = shown();
    if (!next) return false;
    showAnswers(next, answers);
    if (current !== next) {
      current.hidden = true;
      next.hidden = false;
    }
    document.title = next.getAttribute("data-title") + suffix;
    switches.forEach(function (s) { s.a.setAttribute("href", s.dir + paths[id].slice(dir.length)); });
    if (announce) {
      next.querySelector(".hc-heading").focus();
      if (live) live.textContent = headingText(next);  // the question, without the guide's name
    }
    return true;
  }

  function depth() { return (history.state && history.state.hcDepth) || 0; }

  // An old-style link to a node's anchor (/guide/#paid) shows that node.
  var hash = decodeURIComponent(location.hash.slice(1));
  var kept = history.state && history.state.hcAnswers;  // a reload, or Back from another page
  if (kept && history.state.hcNode === first.getAttribute("data-node")) showAnswers(first, kept);
  history.replaceState({ hcNode: first.getAttribute("data-node"), hcDepth: depth(), hcAnswers: answersShown(first) }, "");
  if (/^[a-z0-9-]+$/.test(hash) && !paths[hash]) paths[hash] = dir + hash + "/";  // /guide/<id>/
  if (hash && paths[hash] && nodes[hash] !== first) {
    ensure(hash).then(function (ok) {
      if (!ok) return;
      show(hash, false);
      history.replaceState({ hcNode: hash, hcDepth: 0, hcAnswers: answersShown(nodes[hash]) }, "", paths[hash]);
    });
  }

  function go(id, href, answers) {
    history.pushState({ hcNode: id, hcDepth: depth() + 1, hcAnswers: answers }, "", href);
    show(id, true, answers);
    // Where the way was unknown, the node's own rows (its only path) now stand.
    if (!answers) history.replaceState({ hcNode: id, hcDepth: depth(), hcAnswers: answersShown(nodes[id]) }, "");
  }

  guide.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-next]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var id = link.getAttribute("data-next");
    event.preventDefault();
    if (guide.hasAttribute("aria-busy")) return;  // one step at a time: a node is on its way
    if (link.classList.contains("hc-back") && depth() > 0) {
      guide.setAttribute("aria-busy", "true");  // until popstate shows the node
      history.back();  // the way the reader came, not the shortest way
      return;
    }
    var answers = answersTo(id, link);
    if (nodes[id]) return go(id, link.href, answers);
    ensure(id).then(function (ok) {
      if (ok) go(id, link.href, answers); else location.href = link.href;
    });
  });

  window.addEventListener("popstate", function (event) {
    guide.removeAttribute("aria-busy");
    var id = event.state && event.state.hcNode;
    if (!id) {
      for (var key in paths) if (paths[key] === location.href.split("#")[0]) id = key;
    }
    if (!id) return location.reload();
    var answers = event.state && event.state.hcAnswers;
    if (nodes[id]) return show(id, true, answers);
    ensure(id).then(function (ok) {
      if (!ok || !show(id, true, answers)) location.reload();
    });
  });
})();
