/* Goed Voorbeeld: the search box in the header, backed by Pagefind's JavaScript API.
 *
 * Pagefind's index is written into the site at build time (folder pagefind/) and is split into small
 * chunks: only the chunks for the words typed are fetched, from the site's own origin.
 * - Pages that are not searched load nothing extra. Pagefind's script, WebAssembly and index metadata
 *   are loaded at the first sign that the visitor is about to search (the pointer or a finger on the
 *   box, its focus; the "/" and "s" keys focus it), so they are in by the time the first word is typed.
 * - Pagefind runs on the main thread (noWorker): its web worker costs one more script (about 40 KB) and
 *   a thread start before the first search, and a search in this index takes a few milliseconds.
 * - Results appear one by one, in order, each as soon as its own data has arrived.
 * - Cases come first: every indexed page carries the Pagefind filter "soort" (docs/overrides/main.html), and
 *   the box asks for the case pages and the help pages separately and lists them in two groups,
 *   "Voorbeelden" and then "Hulppagina's". Each result shows Pagefind's excerpt: the passage that matched,
 *   with the words found in <mark>.
 * - The filter on /voorbeelden/ (gv-browse.js) searches its text through the same Pagefind, with
 *   window.gvSearch.load(), so both find the same cases for the same words.
 */
(function () {
  "use strict";

  var PAGE = 10; // results shown at once
  var GROUPS = [ // in the order shown
    { soort: "voorbeeld", title: "Voorbeelden", one: "voorbeeld", many: "voorbeelden" },
    { soort: "hulp", title: "Hulppagina's", one: "hulppagina", many: "hulppagina's" }
  ];
  var form = document.getElementById("gv-search-form");
  var input = document.getElementById("gv-search-input");
  var meta = document.getElementById("gv-search-meta");
  var list = document.getElementById("gv-search-list");
  var toggle = document.getElementById("__search");
  if (!form || !input || !meta || !list || !toggle) return;

  var root = siteRoot();
  var pagefind = null; // a promise of the Pagefind module
  var current = 0; // number of the latest search; older answers are dropped
  var results = []; // {result, group, first}: the cases first, then the help pages
  var shown = 0;

  function siteRoot() {
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
    }
    return new URL(base.replace(/\/?$/, "/"), document.baseURI);
  }

  /* The index is one folder, or several for a large library (src/goedvoorbeeld/search.py): the first
     has the search code, the others are merged into it. */
  var indexes = (document.getElementById("gv-search").getAttribute("data-indexes") || "pagefind/")
    .split(" ").filter(Boolean);

  function load() {
    if (!pagefind) {
      var lang = (document.documentElement.lang || "unknown").toLowerCase().split("-")[0];
      // Fetch the WebAssembly (the largest file) alongside the script: Pagefind itself asks for it only
      // once its script has run and its entry file has come in. Every part of the index loads its own.
      indexes.forEach(function (folder) {
        var hint = document.createElement("link");
        hint.rel = "preload";
        hint.as = "fetch";
        hint.crossOrigin = "anonymous";
        hint.href = new URL(folder + "wasm." + lang + ".pagefind", root).href;
        document.head.appendChild(hint);
      });
      pagefind = import(new URL(indexes[0] + "pagefind.js", root).href).then(function (pf) {
        var options = { baseUrl: root.pathname, noWorker: true };
        return pf.options(options).then(function () {
          pf.init(); // starts fetching the index's entry file and metadata
          var merged = indexes.slice(1).map(function (folder) {
            return pf.mergeIndex(new URL(folder, root).href, options);
          });
          // Pagefind splits the query with Intl.Segmenter, and Chromium's first one costs 50-80 ms (it
          // loads ICU data): pay that now, while Pagefind's files come in, not after the visitor typed.
          if (window.Intl && Intl.Segmenter) new Intl.Segmenter(lang, { granularity: "grapheme" });
          return Promise.all(merged).then(function () { return pf; });
        });
      }).catch(function (e) {
        pagefind = null; // a load that failed once (a dropped connection) is tried again on the next search
        throw e;
      });
    }
    return pagefind;
  }

  window.gvSearch = { load: load }; // shared with the filter on /voorbeelden/ (gv-browse.js)

  function say(text) { meta.textContent = text; }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  function counted(n, group) { return n + " " + (n === 1 ? group.one : group.many); }

  function countText(counts) {
    var parts = [];
    counts.forEach(function (n, k) { if (n) parts.push(counted(n, GROUPS[k])); });
    if (!parts.length) return "Geen resultaten. Probeer een ander woord.";
    return parts.join(" en ") + " gevonden";
  }

  /* The heading above a group of results: not a link, so the arrow keys pass it by. */
  function groupItem(group, n) {
    var li = document.createElement("li");
    li.className = "md-search-result__meta gv-search-group";
    li.textContent = group.title + " (" + n + ")";
    return li;
  }

  /* The excerpt is text with <mark> around the words found; keep exactly that, nothing else. */
  function excerpt(html, into) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html;
    tpl.content.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = node.textContent;
        into.appendChild(m);
      } else {
        into.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset gv-search-hit";
    var title = document.createElement("p");
    title.className = "gv-search-hit-title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    if (data.meta && data.meta.organisatie) {
      var org = document.createElement("p");
      org.className = "gv-search-hit-org";
      org.textContent = data.meta.organisatie;
      article.appendChild(org);
    }
    var text = document.createElement("p");
    text.className = "gv-search-hit-excerpt";
    excerpt(data.excerpt || "", text); // the passage that matched, not the summary
    article.appendChild(text);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /* The next PAGE results, each shown as soon as it and the ones before it are in. The first one's data
   * is fetched alone and the others' once it is in: so the first result does not share the connection
   * and the processor with nine others. Resolves to the first new link once all are shown. */
  function more() {
    var ticket = current;
    var batch = results.slice(shown, shown + PAGE);
    var moreItem = list.querySelector(".gv-search-more"); // kept (and focused, if it was) until all are in
    var first = null;
    function stale() { return ticket !== current || pending; } // a newer text waits: it replaces this list
    function show(hit, d) {
      if (stale()) return;
      if (hit.first) list.insertBefore(groupItem(GROUPS[hit.group], hit.size), moreItem);
      var li = item(d);
      first = first || li.querySelector("a");
      list.insertBefore(li, moreItem);
    }
    var done = Promise.resolve();
    if (batch.length) {
      done = batch[0].result.data().then(function (d) { show(batch[0], d); }).then(function () {
        if (stale()) return;
        return batch.slice(1).map(function (hit) {
          return { hit: hit, data: hit.result.data() };
        }).reduce(function (chain, next) {
          return chain.then(function () { return next.data; }).then(function (d) { show(next.hit, d); });
        }, Promise.resolve());
      });
    }
    return done.then(function () {
      if (stale()) return;
      if (moreItem) moreItem.remove();
      shown += batch.length;
      if (shown < results.length) {
        var li = document.createElement("li");
        li.className = "md-search-result__item gv-search-more";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = "Toon meer resultaten (" + (results.length - shown) + " over)";
        button.addEventListener("click", function () {
          more().then(function (firstNew) { if (firstNew) firstNew.focus(); });
        });
        li.appendChild(button);
        list.appendChild(li);
      }
      return first;
    });
  }

  /* One search at a time; keystrokes that arrive meanwhile are served by one search for the latest text. */
  var busy = false;
  var pending = false;
  function search() {
    if (busy) { pending = true; return; }
    busy = true;
    run().then(function () {
      busy = false;
      if (pending) { pending = false; search(); }
    });
  }

  function run() {
    var term = input.value.trim();
    var ticket = ++current;
    if (term.length < 2) {
      list.textContent = "";
      results = [];
      say(term ? "Typ nog een letter" : "Typ om te zoeken");
      return Promise.resolve();
    }
    return load().then(function (pf) {
      // One search per group; Pagefind fetches the word's index chunks once for both.
      return Promise.all(GROUPS.map(function (g) { return pf.search(term, { filters: { soort: g.soort } }); }));
    }).then(function (found) {
      if (ticket !== current || pending) return; // newer text is waiting: show that instead
      results = [];
      found.forEach(function (f, k) {
        f.results.forEach(function (r, i) {
          results.push({ result: r, group: k, first: i === 0, size: f.results.length });
        });
      });
      shown = 0;
      list.textContent = "";
      say(countText(found.map(function (f) { return f.results.length; })));
      return more();
    }).catch(function () {
      if (ticket !== current) return;
      say("Zoeken is nu niet beschikbaar. Bekijk alle voorbeelden via het menu.");
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a, button")); }

  // Signs of intent to search: load Pagefind now, not on every page view. pointerenter comes with a mouse
  // over the box and with a finger or pen touching it, before the focus.
  form.addEventListener("pointerenter", load);
  input.addEventListener("focus", function () { open(); load(); });
  input.addEventListener("input", search);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(); input.focus(); }, 0);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  document.addEventListener("keydown", function (e) {
    if (!toggle.checked) {
      if ((e.key === "/" || e.key === "s") && !(e.ctrlKey || e.metaKey || e.altKey) &&
          !document.activeElement.isContentEditable &&
          !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
        e.preventDefault();
        input.focus();
      }
      return;
    }
    var inside = document.getElementById("gv-search").contains(document.activeElement);
    if (e.key === "Escape" && inside) {
      e.preventDefault();
      close();
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && inside) {
      var items = links();
      if (!items.length) return;
      e.preventDefault();
      var at = items.indexOf(document.activeElement);
      if (document.activeElement === input) {
        items[e.key === "ArrowDown" ? 0 : items.length - 1].focus();
      } else if (at >= 0) {
        var next = at + (e.key === "ArrowDown" ? 1 : -1);
        if (next < 0) input.focus(); else items[Math.min(next, items.length - 1)].focus();
      }
    }
  });
})();
