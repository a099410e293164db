/* Our search worker (see scripts/helpcenter/search.py and docs/dev/search.md).
 *
 * Material's page talks to it as to its own worker: SETUP (the language's
 * search_index.json, which holds only the configuration), then QUERY (what
 * the reader typed), answered by RESULT (one item per article). The index
 * is published in pieces: a query fetches the shards of its words (one per
 * first two accent-folded letters, more letters in a big one), scores the pages as lunr would over the
 * whole index, then fetches the fragments (title, summary, section) of the
 * results it shows. lunr itself comes from Material's worker, loaded below
 * for its stemmers and stop words only: its own listener never sees a
 * message. Nothing leaves this site. */
(function () {
  "use strict";
  var name = new URLSearchParams(self.location.search).get("w") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name))
    throw new Error("search-layer.js: no Material worker named in ?w=");

  var MISSPELT = 4, INTENT = 3, NEAR = 1, WINDOW = 3, RESULTS = 20, K1 = 1.2;
  var NOWHERE = -1;  // the place of a word's second form: none (see forms)
  var NEGATIONS = { not: true, no: true, pas: true, non: true, sans: true, without: true };
  var config = null, lang = "en", separator = /[\s\-]+/, fields = [], boosts = [], intent = [];
  var folder = null, keys = {}, cut = {}, shards = {}, fragments = {}, latest = 0;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  function language() {
    return lang === "en" || !self.lunr[lang] ? self.lunr : self.lunr[lang];
  }

  function stem(word) {
    return language().stemmer(new self.lunr.Token(word, {})).toString();
  }

  /* Stop words are dropped, but not the negations: "not paid" is not "paid". */
  function kept(word) {
    return NEGATIONS[word] || language().stopWordFilter(new self.lunr.Token(word, {}));
  }

  function hex(text) {
    return Array.prototype.map.call(new TextEncoder().encode(text), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function json(path) {
    return fetch(new URL(path, folder).href).then(function (response) {
      if (!response.ok) throw new Error("search-layer.js: " + response.status + " for " + path);
      return response.json();
    });
  }

  /* --- Shards ----------------------------------------------------------- */

  /* A word of the index stands for up to three terms, as lunr's index held
   * them: stemmed then folded ("payée": "pai"), placed at the word; folded
   * then stemmed, marked "_" ("_paye", for readers who type without
   * accents), and folded as written, marked "\u01c2" ("\u01c2payee": the
   * very word weighs more), both without a place (two marks at one place
   * would break the shown title). */
  function forms(word) {
    var bare = fold(word), a = fold(stem(word)), b = stem(bare), out = [[a, true]];
    if (b !== a) out.push(["_" + b, false]);
    if (bare !== a) out.push(["\u01c2" + bare, false]);
    return out;
  }

  /* A loaded shard: term -> [[word, placed]...], and each word's postings decoded once. */
  function shard(key) {
    if (key === null || !(key in keys)) return Promise.resolve(null);
    if (!shards[key]) shards[key] = json("s/" + hex(key) + ".json").then(function (data) {
      var terms = {};
      for (var word in data.w)
        forms(word).forEach(function (form) {
          (terms[form[0]] = terms[form[0]] || []).push([word, form[1]]);
        });
      return { words: data.w, terms: terms, decoded: {} };
    }, function (error) { delete shards[key]; throw error; });
    return shards[key];
  }

  /* One word's postings: [doc, {field index: positions (intent) or count}]... (search.py's encoded). */
  function decoded(s, word) {
    if (s.decoded[word]) return s.decoded[word];
    var flat = s.words[word], out = [], i = 0, doc = 0;
    while (i < flat.length) {
      doc += flat[i++];
      var mask = flat[i++], held = {};
      for (var f = 0; f < fields.length; f++) {
        if (!(mask & (1 << f))) continue;
        if (intent[f]) {
          var n = flat[i++], at = [], p = 0;
          for (var j = 0; j < n; j++) at.push(p += flat[i++]);
          held[f] = at;
        } else held[f] = flat[i++];
      }
      out.push([doc, held]);
    }
    return (s.decoded[word] = out);
  }

  /* --- The query -------------------------------------------------------- */

  /* The query's words as lunr's index held them: stop words dropped, each
   * stemmed then folded; a whole word typed without accents that the index
   * only holds accented is looked up unaccented ("payee": "_paye"). The word
   * being typed is a prefix, unless the stemmer took an ending off, and
   * waits until its shard is known (two letters at least; see keyOf). A
   * word the index holds in no form is a misspelling: it is looked up one
   * edit off, as its stem and as typed ("anuler": "annul", "seler":
   * "seller"), if it has 4 letters or more.
   * Returns the clauses (term, how it matches) and the asked words (the
   * terms that stand for each, for the intent ranking). */
  function words(query) {
    var typing = !/\s$/.test(query);
    var list = String(query).toLowerCase().split(separator)
      .map(function (word) { return word.replace(/[+\-:^~*"_]/g, ""); })
      .filter(function (word) { return word && kept(word); });
    var out = list.map(function (word, i) {
      return { word: word, typing: typing && i === list.length - 1, key: keyOf(fold(word)) };
    });
    if (out.length && out[out.length - 1].typing && fold(out[out.length - 1].word) in cut) out.pop();
    return out;
  }

  /* A word's shard: the longest key it begins with (keys are two letters, more
   * where a big shard was cut). A word being typed waits while it could still
   * be in several shards ("c", or "co" once "co" is cut in "col", "com"...). */
  function keyOf(folded) {
    for (var n = folded.length; n > 0; n--)
      if (folded.slice(0, n) in keys) return folded.slice(0, n);
    return null;
  }

  function read(list, loaded) {
    var clauses = [], asked = [];
    list.forEach(function (item, i) {
      var word = item.word, known = loaded[i] ? loaded[i].terms : {};
      var term = fold(stem(word));
      if (!term) return;
      var whole = !item.typing || term !== fold(word), exact = "\u01c2" + fold(word);
      if (whole && word === fold(word) && !(term in known) && ("_" + term) in known) term = "_" + term;
      var group = { terms: [term], prefix: !whole, fuzzy: false, shard: loaded[i] };
      if (term.length >= MISSPELT && !held(term, whole, known)) {
        group.fuzzy = true;
        group.prefix = false;
        group.terms.push(exact);
        var more = [];  // the neighbouring shards (search), shared by both clauses
        var near = { shard: loaded[i], key: item.key, folded: fold(word), more: more };
        clauses.push(with_(near, { term: term, match: "fuzzy" }), with_(near, { term: exact, match: "fuzzy" }));
      } else {
        clauses.push({ term: term, match: whole ? "exact" : "prefix", shard: loaded[i] });
        /* The word as typed counts once more where the page has it as typed. */
        if (whole && fold(word) !== term && exact in known) {
          clauses.push({ term: exact, match: "exact", shard: loaded[i] });
          group.terms.push(exact);
        }
      }
      asked.push(group);
    });
    return { clauses: clauses, asked: asked };
  }

  function with_(a, b) {
    var out = {};
    for (var k in a) out[k] = a[k];
    for (k in b) out[k] = b[k];
    return out;
  }

  /* Whether the shard holds a term, or (still being typed) a term it begins. */
  function held(term, whole, known) {
    if (whole || term in known) return term in known;
    for (var t in known) if (t.lastIndexOf(term, 0) === 0) return true;
    return false;
  }

  /* Two terms at most one edit apart (a letter added, dropped, changed, or two swapped). */
  function oneOff(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1)
      || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }

  function matches(clause, t) {
    return clause.match === "exact" ? t === clause.term
      : clause.match === "prefix" ? t.lastIndexOf(clause.term, 0) === 0 : oneOff(t, clause.term);
  }

  /* --- Scoring ---------------------------------------------------------- */

  /* lunr's score of each page: for each term a clause expands to, in each
   * field, its BM25 weight (lunr with b = 0, as Material sets it: no length
   * normalisation) times the clause's boost (1), over the query vector's
   * length. A term weighs by the pages that hold it (BM25's idf; lunr's own
   * counted a word once per field). */
  function scores(clauses) {
    var boost = {}, where = {};  // term -> summed clause boost; term -> its shard
    clauses.forEach(function (clause) {
      [clause.shard].concat(clause.more || []).forEach(function (s) {
        if (!s) return;
        var expanded = clause.match === "exact" ? (clause.term in s.terms ? [clause.term] : [])
          : Object.keys(s.terms).filter(function (t) { return matches(clause, t); });
        expanded.forEach(function (t) {
          boost[t] = (boost[t] || 0) + 1;
          where[t] = where[t] || s;
        });
      });
    });
    var pages = {}, length = 0, count = config.shards.docs;
    Object.keys(boost).forEach(function (t) {
      length += boost[t] * boost[t];
      var s = where[t], tf = {}, meta = {};  // doc -> field -> count; doc -> field -> places
      s.terms[t].forEach(function (entry) {
        decoded(s, entry[0]).forEach(function (posting) {
          var doc = posting[0], held = posting[1];
          var per = (tf[doc] = tf[doc] || {}), at = (meta[doc] = meta[doc] || {});
          for (var f in held) {
            var places = held[f];
            per[f] = (per[f] || 0) + (intent[f] ? places.length : places);
            if (intent[f]) at[f] = (at[f] || []).concat(entry[1] ? places : [NOWHERE]);
          }
        });
      });
      var docs = Object.keys(tf), n = docs.length;
      var idf = Math.log(1 + (count - n + 0.5) / (n + 0.5));
      docs.forEach(function (doc) {
        var page = (pages[doc] = pages[doc] || { doc: +doc, dot: 0, meta: {} });
        for (var f in tf[doc]) {
          var x = tf[doc][f];
          page.dot += boost[t] * Math.round(idf * (K1 + 1) * x / (K1 + x) * boosts[f] * 1000) / 1000;
        }
        page.meta[t] = meta[doc];
      });
    });
    var norm = Math.sqrt(length) || 1;
    return Object.keys(pages).map(function (doc) {
      var page = pages[doc];
      page.score = page.dot / norm;
      return page;
    });
  }

  /* The ranking: a page whose titles, summary, editors' terms or "this page
   * is for you if" (the intent fields) hold the reader's words says it
   * answers them; one whose body only mentions them does not. Its score is
   * multiplied by 1 + INTENT x (share of the asked words found in its intent
   * fields)^2 + NEAR x (share of neighbouring asked words found side by side,
   * in either order, in one intent field); then, as Material does, by
   * 1 + (1 + share of the query's terms the page matched)^2. */
  function ranked(pages, clauses, asked) {
    pages.forEach(function (page) {
      if (asked.length) page.score *= intentOf(page.meta, asked);
      var terms = matchedTerms(clauses, Object.keys(page.meta)), all = Object.keys(terms);
      var share = all.filter(function (t) { return terms[t]; }).length / all.length;
      page.terms = terms;
      page.score *= 1 + Math.pow(1 + (all.length ? share : 0), 2);
    });
    return pages.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
  }

  function intentOf(meta, asked) {
    var found = {}, places = {};  // asked word -> true; field -> asked word -> positions
    for (var t in meta) {
      var g = owner(t, asked);
      if (g < 0) continue;
      for (var f in meta[t]) {
        found[g] = true;
        var at = (places[f] = places[f] || {});
        at[g] = (at[g] || []).concat(meta[t][f]);
      }
    }
    var share = Object.keys(found).length / asked.length, pairs = 0;
    for (var w = 1; w < asked.length; w++)
      if (together(places, w - 1, w)) pairs++;
    return 1 + INTENT * share * share + (asked.length > 1 ? NEAR * pairs / (asked.length - 1) : 0);
  }

  /* Which asked word a term stands for (-1: none). */
  function owner(key, asked) {
    for (var g = 0; g < asked.length; g++)
      for (var i = 0; i < asked[g].terms.length; i++) {
        var term = asked[g].terms[i];
        if (key === term || (asked[g].prefix && key.lastIndexOf(term, 0) === 0)
            || (asked[g].fuzzy && oneOff(key, term))) return g;
      }
    return -1;
  }

  /* Two asked words within WINDOW words of each other in one intent field. */
  function together(places, a, b) {
    for (var f in places) {
      var pa = places[f][a] || [], pb = places[f][b] || [];
      for (var i = 0; i < pa.length; i++)
        for (var j = 0; j < pb.length; j++)
          if (pa[i] !== NOWHERE && pb[j] !== NOWHERE && Math.abs(pa[i] - pb[j]) <= WINDOW) return true;
    }
    return false;
  }

  /* Material's record of the query's terms a page matched (a term matched
   * if one of the page's terms begins with it), which it uses for its own
   * boost and for the words it highlights on the page opened (?h=). */
  function matchedTerms(clauses, keys) {
    var out = {}, left = clauses.slice();
    keys.forEach(function (key) {
      left = left.filter(function (clause) {
        if (key.lastIndexOf(clause.term, 0) !== 0) return true;
        out[clause.term] = true;
        return false;
      });
    });
    left.forEach(function (clause) {
      if (self.lunr.stopWordFilter(clause.term)) out[clause.term] = out[clause.term] || false;
    });
    return out;
  }

  /* --- Results ---------------------------------------------------------- */

  function escaped(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* ``text`` escaped, its words at ``places`` (their rank among the words) marked. */
  function marked(text, places) {
    if (!places.length) return escaped(text);
    var out = "", at = 0, n = 0, re = new RegExp(separator.source, "g"), match;
    function word(start, end) {
      if (start >= end) return;
      var piece = escaped(text.slice(start, end));
      out += places.indexOf(n++) >= 0 ? "<mark>" + piece + "</mark>" : piece;
    }
    while ((match = re.exec(text)) !== null) {
      word(at, match.index);
      out += escaped(match[0]);
      at = match.index + match[0].length;
      if (!match[0].length) re.lastIndex++;
    }
    word(at, text.length);
    return out;
  }

  function placesIn(page, field) {
    var f = fields.indexOf(field), out = [];
    for (var t in page.meta)
      (page.meta[t][f] || []).forEach(function (p) { if (p !== NOWHERE) out.push(p); });
    return out;
  }

  function fragment(doc) {
    if (!fragments[doc]) fragments[doc] = json("d/" + doc + ".json")
      .catch(function (error) { delete fragments[doc]; throw error; });
    return fragments[doc];
  }

  function item(page, shown) {
    var out = {
      location: shown.location, score: page.score, terms: page.terms,
      title: marked(shown.title, placesIn(page, "title")),
      text: marked(shown.text || "", placesIn(page, "text"))
    };
    if (shown.tags) out.tags = shown.tags.slice();
    return [out];
  }

  /* A misspelt word's first two letters may hold the slip ("vandeur" for
   * "vendeur"): its second letter swapped for each other vowel names the
   * shards also looked in, if they exist. They are fetched only once the
   * reader has stopped typing for LATER ms (the results without them are
   * shown meanwhile), so that a word half typed costs no extra shard. */
  var VOWELS = "aeiouy", LATER = 250;
  function neighbours(folded, own) {
    var out = [];
    if (folded.length < 2) return out;
    VOWELS.split("").forEach(function (v) {
      var key = keyOf(folded[0] + v + folded.slice(2));
      if (key !== null && key !== own && out.indexOf(key) < 0) out.push(key);
    });
    return out;
  }

  function wanted(q) {
    var out = [];
    q.clauses.forEach(function (clause) {
      if (clause.match === "fuzzy" && !clause.more.asked) {
        clause.more.asked = true;
        neighbours(clause.folded, clause.key).forEach(function (k) { out.push([clause.more, k]); });
      }
    });
    return out;
  }

  function results(q) {
    var pages = ranked(scores(q.clauses), q.clauses, q.asked).slice(0, RESULTS);
    return Promise.all(pages.map(function (page) { return fragment(page.doc); })).then(function (shown) {
      return { items: pages.map(function (page, i) { return item(page, shown[i]); }) };
    });
  }

  /* Answers ``post`` once, and a second time with the neighbouring shards if a
   * misspelt word has some and no newer query came meanwhile. */
  function search(query, post, current) {
    var list = words(query);
    return Promise.all(list.map(function (w) { return shard(w.key); })).then(function (loaded) {
      var q = read(list, loaded), more = wanted(q);
      return results(q).then(function (first) {
        post(first);
        if (!more.length) return;
        return new Promise(function (done) { setTimeout(done, LATER); }).then(function () {
          if (!current()) return;
          return Promise.all(more.map(function (m) { return shard(m[1]); })).then(function (extra) {
            extra.forEach(function (s, i) { if (s) more[i][0].push(s); });
            return results(q);
          }).then(function (second) {
            if (second && JSON.stringify(second) !== JSON.stringify(first)) post(second);
          });
        });
      });
    });
  }

  /* --- Messages (Material's: 0 SETUP, 1 READY, 2 QUERY, 3 RESULT) ------- */

  function setup(data) {
    config = data.config;
    lang = (config.lang || ["en"])[0];
    separator = new RegExp(config.separator);
    fields = Object.keys(config.fields);
    boosts = fields.map(function (f) { return config.fields[f].boost || 1; });
    intent = fields.map(function (f) { return (config.intent || []).indexOf(f) >= 0; });
    keys = {};
    cut = {};  // what begins a longer key: a word typed so far waits
    config.shards.keys.forEach(function (key) {
      keys[key] = true;
      for (var n = 1; n < key.length; n++) cut[key.slice(0, n)] = true;
    });
    folder = new URL("../../../search/" + config.shards.version + "/", self.location.href).href;
    shards = {};
    fragments = {};
    if (lang !== "en")
      self.importScripts("../lunr/min/lunr.stemmer.support.min.js", "../lunr/min/lunr." + lang + ".min.js");
    self.postMessage({ type: 1 });
  }

  /* Registered before Material's worker is loaded: ours runs first, and stops each message. */
  self.addEventListener("message", function (ev) {
    ev.stopImmediatePropagation();
    var message = ev.data || {};
    if (message.type === 0) setup(message.data);
    else if (message.type === 2) {
      var mine = ++latest, current = function () { return mine === latest; };
      search(String(message.data), function (result) {
        if (current()) self.postMessage({ type: 3, data: result });
      }, current).catch(function (error) {
        console.warn(error);
        if (mine === latest) self.postMessage({ type: 3, data: { items: [] } });
      });
    }
  });

  self.importScripts(name);
})();
