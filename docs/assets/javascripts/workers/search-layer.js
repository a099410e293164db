/* Our layer over Material's search worker (see scripts/helpcenter/search.py).
 *
 * Material sends every query term to lunr as a prefix ("alipay*"), and lunr
 * skips its language pipeline for such terms: words are then never stemmed,
 * stop words never dropped. This worker loads Material's own worker, then
 * reads each query the way the index was read (the index's separator splits
 * elisions and punctuation; the language's stop words are dropped; each word
 * is stemmed), and folds accents on both sides, so "remboursements",
 * "rembourse" and "remboursé" all find "remboursement", and "payee" finds
 * "payée". Nothing leaves the browser. */
(function () {
  "use strict";
  var name = new URLSearchParams(self.location.search).get("w") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name))
    throw new Error("search-layer.js: no Material worker named in ?w=");

  var lang = null, separator = /[\s\-]+/, built = null, intentFields = [], asked = [];

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  function language() {
    return lang === "en" || !self.lunr[lang] ? self.lunr : self.lunr[lang];
  }

  /* The words of a query as the index holds them, joined by spaces: the
   * language's stop words dropped, each word stemmed (the stemmer reads
   * accents), then folded; a whole word typed without accents that the
   * index only holds accented is looked up unaccented ("payee": "_paye").
   * Material makes every word a prefix ("command*"): a word already
   * followed by a space is whole, and a boost mark keeps it so. A word the
   * index holds in no form is a misspelling: it is looked up one letter
   * off ("anuler": "annul", "seler": "seller"). Each word's forms are kept
   * in ``asked``, for the ranking below. */
  function read(query) {
    var L = language(), terms = [], words = String(query).toLowerCase().split(separator);
    var typing = !/\s$/.test(query), known = built ? built.invertedIndex : {};
    asked = [];
    words = words.map(function (word) { return word.replace(/[+\-:^~*"_]/g, ""); })
      .filter(function (word) { return word && keeps(new self.lunr.Token(word, {})); });
    words.forEach(function (word, i) {
      var stem = fold(L.stemmer(new self.lunr.Token(word, {})).toString());
      if (!stem) return;
      /* The word being typed is a prefix, unless the stemmer took an ending
       * off: "rembour" finds "remboursement", "shipping" is "ship", not "shipment". */
      var whole = !(typing && i === words.length - 1) || stem !== fold(word);
      if (whole && word === fold(word) && !(stem in known) && ("_" + stem) in known)
        stem = "_" + stem;
      var group = { terms: [stem], prefix: !whole, fuzzy: false }, exact = "\u01c2" + fold(word);
      if (stem.length >= MISSPELT && !held(stem, whole, known)) {
        /* misspelt: its stem, and the word as typed (the stemmer may not
         * see the ending of a misspelt word: "remboursment"), one letter off */
        group.fuzzy = true;
        group.prefix = false;
        terms.push(stem + "~1", exact + "~1");
        group.terms.push(exact);
        asked.push(group);
        return;
      }
      terms.push(whole ? stem + "^1" : stem);
      /* The word as typed counts once more where the page has it as typed. */
      if (whole && fold(word) !== stem && exact in known) {
        terms.push(exact + "^1");
        group.terms.push(exact);
      }
      asked.push(group);
    });
    return terms.join(" ");
  }

  /* Whether the index holds a word, or (still being typed) a word it begins. */
  var MISSPELT = 4, vocabulary = null;
  function held(stem, whole, known) {
    if (whole || stem in known) return stem in known;
    vocabulary = vocabulary || Object.keys(known);
    for (var i = 0; i < vocabulary.length; i++)
      if (vocabulary[i].lastIndexOf(stem, 0) === 0) return true;
    return false;
  }

  /* Stop words are dropped, but not the negations: "not paid" is not "paid". */
  var NEGATIONS = { not: true, no: true, pas: true, non: true, sans: true, without: true };
  function keeps(token) {
    return NEGATIONS[token.toString()] ? token : language().stopWordFilter(token);
  }

  /* In the index, each word stands for itself stemmed then folded
   * ("payée": "pai"); if they differ, also folded then stemmed, marked
   * ("_paye", for readers who type without accents), and as written,
   * folded, marked ("\u01c2payee", so that the very word weighs more; a mark no text holds,
   * so Material never highlights it in a snippet). */
  /* A second form of a word is placed in no block of the text: Material
   * highlights a result's words by position (block << 20 | token), and two
   * forms matched at one place would put two marks there (a broken
   * snippet); a form without a position would mark the first word. The
   * block 4095 does not exist, so Material skips it; the first form marks
   * the word. */
  var NOWHERE = (4095 << 20) >>> 0;
  function unplaced(token) {
    var metadata = {};
    for (var key in token.metadata) metadata[key] = token.metadata[key];
    metadata.position = NOWHERE;
    token.metadata = metadata;
    return token;
  }

  function stems(stemmer) {
    var fn = function (token) {
      var word = fold(token.toString());
      var a = fold(stemmer(token.clone()).toString());
      var b = stemmer(token.clone(fold)).toString();
      var out = [token.clone(function () { return a; })];
      if (b !== a) out.push(unplaced(token.clone(function () { return "_" + b; })));
      if (word !== a) out.push(unplaced(token.clone(function () { return "\u01c2" + word; })));
      return out;
    };
    self.lunr.Pipeline.registerFunction(fn, "helpcenterStems");
    return fn;
  }

  /* Our listener runs before Material's: it rewrites the message and hands
   * the rewritten one to Material's listener. */
  var own = false;
  self.addEventListener("message", function (ev) {
    if (own) return;
    var message = ev.data;
    if (message && message.type === 0 && message.data && message.data.config) {  // setup
      lang = (message.data.config.lang || ["en"])[0];
      separator = new RegExp(message.data.config.separator);
      intentFields = message.data.config.intent || [];
    } else if (message && message.type === 2 && typeof message.data === "string") {  // query
      ev.stopImmediatePropagation();
      own = true;
      try {
        self.dispatchEvent(new MessageEvent("message", { data: { type: 2, data: read(message.data) } }));
      } finally {
        own = false;
      }
    }
  });

  self.importScripts(name);
  self.lunr.Pipeline.registerFunction(keeps, "helpcenterStopWords");

  /* Material builds the index with the language's stemmer: ours replaces it. */
  var add = self.lunr.Builder.prototype.add, ours = null;
  self.lunr.Builder.prototype.add = function (doc, attributes) {
    var stemmer = language().stemmer, stack = this.pipeline._stack, i = stack.indexOf(stemmer);
    if (i >= 0) stack[i] = ours = ours || stems(stemmer);
    var j = stack.indexOf(language().stopWordFilter);
    if (j >= 0) stack[j] = keeps;
    this.searchPipeline.reset();  // the query is read above, once
    return add.call(this, doc, attributes);
  };
  /* lunr counts a word's documents once per field, and takes an absolute
   * value: a word in every field of every page weighs more than a rarer one.
   * A word weighs by the pages that hold it (BM25's idf). */
  self.lunr.idf = function (posting, count) {
    var pages = {};
    for (var field in posting)
      if (field !== "_index")
        for (var ref in posting[field]) pages[ref] = true;
    var n = Object.keys(pages).length;
    return Math.log(1 + (count - n + 0.5) / (n + 0.5));
  };
  var build = self.lunr.Builder.prototype.build;
  self.lunr.Builder.prototype.build = function () {
    vocabulary = null;
    return built = build.call(this);
  };

  /* The ranking: lunr scores a page by each word's weight in each field. A
   * page whose titles, summary, editors' terms or "this page is for you if"
   * (the intent fields, named by the index) hold the reader's words says it
   * answers them; one whose body only mentions them does not. A page's
   * score is multiplied by 1 + INTENT x (share of the asked words found in
   * its intent fields)^2 + NEAR x (share of neighbouring asked words found
   * side by side, in either order, in one intent field). */
  var INTENT = 3, NEAR = 1, WINDOW = 3;
  var find = self.lunr.Index.prototype.search;
  self.lunr.Index.prototype.search = function (query) {
    var results = find.call(this, query);
    if (!asked.length || !intentFields.length) return results;
    results.forEach(function (result) { result.score *= intent(result.matchData.metadata); });
    return results.sort(function (a, b) { return b.score - a.score; });
  };

  function intent(metadata) {
    var found = {}, places = {};  // asked word -> true; field -> asked word -> positions
    for (var key in metadata) {
      var g = owner(key);
      if (g < 0) continue;
      for (var field in metadata[key]) {
        if (intentFields.indexOf(field) < 0) continue;
        found[g] = true;
        var at = (places[field] = places[field] || {});
        at[g] = (at[g] || []).concat(metadata[key][field].position || []);
      }
    }
    var share = Object.keys(found).length / asked.length, pairs = 0;
    for (var w = 1; w < asked.length; w++)
      if (together(places, w - 1, w)) pairs++;
    return 1 + INTENT * share * share + (asked.length > 1 ? NEAR * pairs / (asked.length - 1) : 0);
  }

  /* Which asked word an index term stands for (-1: none). */
  function owner(key) {
    for (var g = 0; g < asked.length; g++)
      for (var t = 0; t < asked[g].terms.length; t++) {
        var term = asked[g].terms[t];
        if (key === term || (asked[g].prefix && key.lastIndexOf(term, 0) === 0)
            || (asked[g].fuzzy && oneOff(key, term))) return g;
      }
    return -1;
  }

  /* Two words at most one edit apart (a letter added, dropped, changed, or two swapped). */
  function oneOff(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1)
      || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }

  /* Two asked words within WINDOW words of each other in one block of one
   * intent field (a position is block << 20 | word; NOWHERE is no place). */
  function together(places, a, b) {
    for (var field in places) {
      var pa = places[field][a] || [], pb = places[field][b] || [];
      for (var i = 0; i < pa.length; i++)
        for (var j = 0; j < pb.length; j++)
          if (pa[i] >>> 20 === pb[j] >>> 20 && pa[i] >>> 20 !== 4095
              && Math.abs((pa[i] & 0xfffff) - (pb[j] & 0xfffff)) <= WINDOW) return true;
    }
    return false;
  }
})();
