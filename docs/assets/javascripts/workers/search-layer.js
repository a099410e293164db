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

  var lang = null, separator = /[\s\-]+/, built = null;

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
   * followed by a space is whole, and a boost mark keeps it so. */
  function read(query) {
    var L = language(), terms = [], words = String(query).toLowerCase().split(separator);
    var typing = !/\s$/.test(query), known = built ? built.invertedIndex : {};
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
      terms.push(whole ? stem + "^1" : stem);
      /* The word as typed counts once more where the page has it as typed. */
      if (whole && fold(word) !== stem && ("\u01c2" + fold(word)) in known) terms.push("\u01c2" + fold(word) + "^1");
    });
    return terms.join(" ");
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
    return built = build.call(this);
  };
})();
