// Runs our search worker (docs/assets/javascripts/workers/search-layer.js) in Node, as a
// browser would, over a published search held in a JSON file: tests/test_search.py.
// Usage: node search_worker.js WORKER THEME_JS FILES QUERIES
//   THEME_JS: Material's assets/javascripts folder; FILES: {path under search/: text};
//   QUERIES: the queries, sent one after another.
// Prints, per query, the search files it fetched and the locations of its results.
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const [worker, themeJs, filesPath, queriesPath] = process.argv.slice(2);
const files = JSON.parse(fs.readFileSync(filesPath, "utf8"));
const queries = JSON.parse(fs.readFileSync(queriesPath, "utf8"));
const base = "http://site/assets/javascripts/workers/";
let fetched = [], posted = [];
const listeners = [];
const context = vm.createContext({
  URL, URLSearchParams, TextEncoder, console, setTimeout, clearTimeout, Promise,
  location: new URL(base + "search-layer.js?w=search.a7633da7.min.js"),
  addEventListener: (type, fn) => listeners.push(fn),
  postMessage: (message) => posted.push(JSON.parse(JSON.stringify(message))),
  fetch: (url) => {
    const rel = new URL(url).pathname.replace(/^\/search\//, "");
    fetched.push(rel);
    const text = files[rel];
    return Promise.resolve({ ok: text !== undefined, status: text === undefined ? 404 : 200,
                             json: () => Promise.resolve(JSON.parse(text)) });
  },
  importScripts: (...names) => names.forEach((name) => {
    const file = name.startsWith("../") ? path.join(themeJs, name.slice(3)) : path.join(themeJs, "workers", name);
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  }),
});
context.self = context;
vm.runInContext(fs.readFileSync(worker, "utf8"), context, { filename: worker });

function send(data) {
  let stopped = false;
  const event = { data, stopImmediatePropagation: () => { stopped = true; } };
  for (const fn of listeners) { if (stopped) break; fn(event); }
}
const settle = () => new Promise((done) => setTimeout(done, 400));

(async () => {
  send({ type: 0, data: { config: JSON.parse(files["search_index.json"]).config } });
  const out = [];
  for (const query of queries) {
    fetched = []; posted = [];
    send({ type: 2, data: query });
    await settle();
    const last = posted.filter((m) => m.type === 3).pop();
    out.push({ query, fetched, results: last ? last.data.items.map((item) => item[0].location) : null,
               titles: last ? last.data.items.map((item) => item[0].title) : null });
  }
  console.log(JSON.stringify(out));
})();
