/* Goed Voorbeeld: filters on /voorbeelden/ (plain JavaScript, no framework).
 *
 * Without JavaScript the page is the plain list. With it, the filter form appears. Its data is not in the
 * page: the first time a visitor filters (or opens an address with filters), the script fetches
 * zoekdata/voorbeelden.json (a compact row per case), then only the files it needs: zoekdata/kaarten/N.json
 * for the results it shows.
 * The text filter asks the site search (Pagefind, through gv-search.js) for the case pages with the words, so
 * it finds exactly the cases the search box in the header finds: each case page carries its row number as the
 * Pagefind filter "nr". Where the site has no search index (the preview of `mkdocs serve`), it falls back to
 * the words of titles, summaries and organisations (zoekdata/woorden/XY.json) and says so.
 * The address reflects the filters (?tag=a&tag=b&level=gemeente), so a view can be bookmarked and shared.
 * See src/goedvoorbeeld/browse.py for the files.
 */
(function () {
  "use strict";

  var PAGE = 25; // results shown at once
  var form = document.getElementById("gv-filters");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var status = document.getElementById("gv-filter-count");
  var results = document.getElementById("gv-filter-results");
  var list = document.getElementById("gv-filter-list");
  var moreButton = document.getElementById("gv-filter-more");
  var clearButton = document.getElementById("gv-filter-clear");
  var all = document.getElementById("gv-all");
  var total = document.querySelector(".gv-count");
  var organisations = document.getElementById("gv-organisations");
  var data = new URL(form.getAttribute("data-data"), document.baseURI);
  var FIELDS = ["level", "status", "organisation", "from", "to", "q"];

  var index = null; // promise of voorbeelden.json
  var chunks = {}; // promises of kaarten/N.json
  var words = {}; // promises of woorden/XY.json (the text filter without a search index)
  var numbers = null; // promise that Pagefind has the row numbers of the case pages (its filter "nr")
  var fullText = null; // true: the text filter searches with Pagefind; false: without (the preview)
  var hint = document.getElementById("gv-filter-q-hint");
  var run = 0; // number of the latest update; older answers are dropped
  var matches = [];
  var shown = 0;

  function get(path) {
    return fetch(new URL(path, data).href).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return r.json();
    });
  }

  function loadIndex() {
    if (!index) {
      index = get("voorbeelden.json").then(function (idx) {
        idx.prefixSet = new Set(idx.prefixes);
        idx.orgNames = idx.organisations.map(normalise);
        idx.organisations.forEach(function (name) {
          var option = document.createElement("option");
          option.value = name;
          organisations.appendChild(option);
        });
        return idx;
      });
      index.catch(function () { index = null; });
    }
    return index;
  }

  function chunk(n) {
    if (!chunks[n]) {
      chunks[n] = get("kaarten/" + n + ".json");
      chunks[n].catch(function () { delete chunks[n]; });
    }
    return chunks[n];
  }

  /* Same as normalise() and words() in browse.py: lower case, no accents, words of 2+ letters or digits. */
  function normalise(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function wordsOf(text) {
    return (normalise(text).match(/[a-z0-9]+/g) || []).filter(function (w) { return w.length >= 2; });
  }

  /* The cases (numbers) with a word that starts with `word`. */
  function casesWithWord(idx, word) {
    var prefix = word.slice(0, 2);
    if (!idx.prefixSet.has(prefix)) return Promise.resolve(new Set());
    if (!words[prefix]) {
      words[prefix] = get("woorden/" + prefix + ".json");
      words[prefix].catch(function () { delete words[prefix]; });
    }
    return words[prefix].then(function (postings) {
      var found = new Set();
      Object.keys(postings).forEach(function (w) {
        if (w.lastIndexOf(word, 0) === 0) postings[w].forEach(function (i) { found.add(i); });
      });
      return found;
    });
  }

  /* The cases (numbers) whose page the site search finds for `text`: the same search as the box in the header,
     limited to case pages. Rejects when the site has no search index. */
  function casesFound(text) {
    if (!window.gvSearch) return Promise.reject(new Error("geen zoekvak"));
    return window.gvSearch.load().then(function (pf) {
      if (!numbers) {
        numbers = pf.filters(); // fetches the filter data of the index, "nr" included
        numbers.catch(function () { numbers = null; });
      }
      return numbers.then(function () { return pf.search(text, { filters: { soort: "voorbeeld" } }); });
    }).then(function (found) {
      var counts = (found.filters && found.filters.nr) || {};
      var out = new Set();
      Object.keys(counts).forEach(function (n) { if (counts[n] > 0) out.add(parseInt(n, 10)); });
      return out;
    });
  }

  /* Without a search index: the cases with every word of `text` at the start of a word of their title,
     summary or organisation. */
  function casesWithWords(idx, text) {
    return Promise.all(wordsOf(text).map(function (w) { return casesWithWord(idx, w); })).then(function (sets) {
      if (!sets.length) return null;
      return new Set(Array.from(sets[0]).filter(function (i) {
        return sets.every(function (set) { return set.has(i); });
      }));
    });
  }

  function textFilter(idx, text) {
    if (!wordsOf(text).length) return Promise.resolve(null); // no words: no text filter
    if (fullText === false) return casesWithWords(idx, text);
    return casesFound(text).then(function (found) {
      fullText = true;
      return found;
    }, function () {
      fullText = false;
      hint.textContent = "De zoekindex ontbreekt hier (zoals in een voorbeeldweergave): dit veld zoekt nu alleen " +
        "in de titel, de samenvatting en de organisatie.";
      return casesWithWords(idx, text);
    });
  }

  function readForm() {
    var state = { tag: [] };
    form.querySelectorAll('input[name="tag"]:checked').forEach(function (box) { state.tag.push(box.value); });
    FIELDS.forEach(function (name) { state[name] = form.elements[name].value.trim(); });
    return state;
  }

  function writeForm(params) {
    var tags = params.getAll("tag");
    form.querySelectorAll('input[name="tag"]').forEach(function (box) { box.checked = tags.indexOf(box.value) >= 0; });
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name) || "";
      if (field.tagName === "SELECT" && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) value = "";
      field.value = value;
    });
  }

  function query(state) {
    var params = new URLSearchParams();
    state.tag.forEach(function (t) { params.append("tag", t); });
    FIELDS.forEach(function (name) { if (state[name]) params.append(name, state[name]); });
    return params.toString();
  }

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function showAll() {
    results.hidden = true;
    all.hidden = false;
    if (total) total.hidden = false;
    say("");
  }

  function year(value) {
    var n = parseInt(value, 10);
    return isNaN(n) ? null : n;
  }

  function match(idx, state) {
    var tags = state.tag.map(function (t) { return idx.tags.indexOf(t); }).filter(function (n) { return n >= 0; });
    var level = state.level ? idx.levels.indexOf(state.level) : -1;
    var stat = state.status ? idx.statuses.indexOf(state.status) : -1;
    var from = year(state.from), to = year(state.to);
    var orgs = null;
    if (state.organisation) {
      var wanted = normalise(state.organisation);
      orgs = new Set();
      idx.orgNames.forEach(function (name, n) { if (name.indexOf(wanted) >= 0) orgs.add(n); });
    }
    return textFilter(idx, state.q).then(function (text) {
      var out = [];
      idx.cases.forEach(function (row, i) {
        // row: [level, status, year, organisation, [tags]]
        if (level >= 0 && row[0] !== level) return;
        if (stat >= 0 && row[1] !== stat) return;
        if (from !== null && row[2] < from) return;
        if (to !== null && row[2] > to) return;
        if (orgs && !orgs.has(row[3])) return;
        for (var t = 0; t < tags.length; t++) if (row[4].indexOf(tags[t]) < 0) return;
        if (text && !text.has(i)) return;
        out.push(i);
      });
      return out;
    });
  }

  function item(card) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = new URL("../voorbeelden/" + card.slug + "/", data).href;
    a.textContent = card.title;
    var meta = document.createElement("span");
    meta.className = "gv-list-meta";
    meta.textContent = [card.organisation, card.level, card.status, card.year].join(" · ") + " · ";
    var added = document.createElement("span"); // the list is newest first: show the date it is sorted by
    added.className = "gv-added";
    added.textContent = "toegevoegd ";
    var date = document.createElement("time");
    date.dateTime = card.added;
    date.textContent = card.added_text;
    added.appendChild(date);
    meta.appendChild(added);
    var summary = document.createElement("span");
    summary.className = "gv-list-summary";
    summary.textContent = card.summary;
    li.appendChild(a);
    li.appendChild(meta);
    li.appendChild(summary);
    return li;
  }

  /* Show the next PAGE results; returns (a promise of) the first new link. */
  function showMore(idx, ticket) {
    var batch = matches.slice(shown, shown + PAGE);
    var needed = Array.from(new Set(batch.map(function (i) { return Math.floor(i / idx.chunk); })));
    return Promise.all(needed.map(chunk)).then(function (loaded) {
      if (ticket !== run) return null;
      var cards = {};
      needed.forEach(function (n, k) { cards[n] = loaded[k]; });
      var first = null;
      batch.forEach(function (i) {
        var li = item(cards[Math.floor(i / idx.chunk)][i % idx.chunk]);
        first = first || li.firstChild;
        list.appendChild(li);
      });
      shown += batch.length;
      var left = matches.length - shown;
      moreButton.hidden = left <= 0;
      moreButton.textContent = "Toon meer (nog " + left + ")";
      return first;
    });
  }

  function countText(n, state) {
    var text = n === 0 ? "Geen voorbeelden gevonden. Kies minder filters of wis alle filters."
      : (n === 1 ? "1 voorbeeld" : n + " voorbeelden") + " gevonden";
    if (fullText === false && wordsOf(state.q).length) {
      text += " Zonder zoekindex zoekt het woordveld alleen in titel, samenvatting en organisatie.";
    }
    return text;
  }

  function update() {
    var state = readForm();
    var q = query(state);
    history.replaceState(history.state, "", q ? "?" + q : location.pathname);
    var ticket = ++run;
    if (!q) {
      showAll();
      return Promise.resolve();
    }
    if (!index) say("Filters laden…");
    return loadIndex().then(function (idx) {
      return match(idx, state).then(function (found) {
        if (ticket !== run) return;
        matches = found;
        shown = 0;
        list.textContent = "";
        all.hidden = true;
        if (total) total.hidden = true;
        results.hidden = false;
        moreButton.hidden = true;
        return showMore(idx, ticket).then(function () {
          if (ticket === run) say(countText(found.length, state));
        });
      });
    }).catch(function () {
      if (ticket !== run) return;
      showAll();
      say("De filters konden niet worden geladen. Hieronder staan alle voorbeelden.");
    });
  }

  form.hidden = false;
  // The fields fold behind one button on a phone (the first case shows on the first screen); open on a wide screen.
  var fold = document.getElementById("gv-filters-fold");
  if (fold && window.matchMedia && window.matchMedia("(min-width: 60em)").matches) fold.open = true;
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  // Fetch the data as soon as someone starts using the form, so the first result comes quickly.
  form.addEventListener("focusin", function () { loadIndex().catch(function () {}); });
  clearButton.addEventListener("click", function () {
    form.reset();
    update();
    form.elements.q.focus();
  });
  moreButton.addEventListener("click", function () {
    loadIndex().then(function (idx) { return showMore(idx, run); }).then(function (first) {
      if (first) first.focus();
    });
  });

  writeForm(new URLSearchParams(location.search));
  // An address with filters (a shared or bookmarked view) opens the fields on a phone too: the visitor sees
  // which filters are on and can change them.
  if (fold && query(readForm())) fold.open = true;
  update();
})();
