"""The filters of /voorbeelden/: the form in the page and the data behind it.

The browse page stays a plain list of at most PAGE_SIZE cases; with
JavaScript (docs/assets/gv-browse.js) it gains a filter form. The data for
the filters is NOT inline in the page: it is written at build time as small
JSON files under `zoekdata/` and fetched only when a visitor filters, so the
first view weighs the same at 100 and at 10,000 cases.

- `zoekdata/voorbeelden.json`: one compact row per case (newest first):
  level, status, start year, organisation number, tag numbers. About 8 bytes
  a case before compression.
- `zoekdata/kaarten/N.json`: title, address, summary and so on of cases
  N*CHUNK to (N+1)*CHUNK-1, fetched only for the results that are shown.
- `zoekdata/woorden/XY.json`: every word of titles, summaries and
  organisations that starts with XY, with the cases it occurs in. The text
  filter asks the site search (Pagefind) and finds what the search box
  finds (see search.py); only without a search index (the preview) does it
  fetch one such file per word typed, and it says so.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.check.cases import Case
from goedvoorbeeld.site.render import CASES, dutch_date, esc
from goedvoorbeeld.check.vocabulary import Vocabulary

DATA_DIR = "zoekdata"
CHUNK = 50  # cases per file of result cards
FORMAT = 1  # bump when the shape of the files changes

_WORD = re.compile(r"[a-z0-9]+")
_MARKS = re.compile("[\u0300-\u036f]")  # combining accents; gv-browse.js removes the same range


def normalise(text: str) -> str:
    """Lower case without accents: 'Coöperatie' -> 'cooperatie'. The browser does the same."""
    text = text.lower()
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def words(text: str) -> list[str]:
    """The searchable words of a text: at least two letters or digits."""
    return [w for w in _WORD.findall(normalise(text)) if len(w) >= 2]


def browse_url(base: str, **params: str | int | list[str]) -> str:
    """A link to a filtered view of /voorbeelden/, e.g. browse_url(base, level='gemeente')."""
    query = urlencode([(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])])
    return esc(f"{base}{CASES}?{query}")


def filter_form(vocabulary: Vocabulary, cases: list[Case] | tuple[Case, ...], base: str) -> str:
    """The filter form (hidden until the script shows it). Its size does not depend on the number of cases."""
    years = [c.year for c in cases] or [schema.FIRST_YEAR]
    lo, hi = min(years), max(years)
    groups = []
    for g in vocabulary.groups:
        boxes = "".join(
            f'<li><input type="checkbox" name="tag" value="{esc(t.slug)}" id="gv-tag-{esc(t.slug)}">'
            f'<label for="gv-tag-{esc(t.slug)}">{esc(t.label)}</label></li>'
            for t in g.tags
        )
        groups.append(f'<fieldset class="gv-filter-tags"><legend>{esc(g.label)}</legend><ul>{boxes}</ul></fieldset>')

    def select(name: str, label: str, choices: dict[str, str], everything: str) -> str:
        options = "".join(f'<option value="{esc(k)}">{esc(v)}</option>' for k, v in choices.items())
        return (f'<div class="gv-filter-field"><label for="gv-filter-{name}">{label}</label>'
                f'<select name="{name}" id="gv-filter-{name}"><option value="">{everything}</option>{options}</select></div>')

    return (
        f'<form class="gv-filters" id="gv-filters" hidden aria-label="Voorbeelden filteren"'
        f' data-data="{esc(base)}{DATA_DIR}/" data-min-year="{lo}" data-max-year="{hi}">'
        # The fields fold behind one button, so that on a phone the first case shows on the first screen;
        # gv-browse.js opens it on a wide screen.
        '<details class="gv-filters-fold" id="gv-filters-fold"><summary>Filter de voorbeelden</summary>'
        '<div class="gv-filter-fields">'
        '<div class="gv-filter-field gv-filter-text"><label for="gv-filter-q">Zoekwoord</label>'
        '<input type="search" name="q" id="gv-filter-q" autocomplete="off" spellcheck="false"'
        ' aria-describedby="gv-filter-q-hint">'
        '<span class="gv-hint" id="gv-filter-q-hint">Zoekt in de hele tekst, zoals het zoekvak bovenaan</span></div>'
        + select("level", "Bestuurslaag", schema.LEVELS, "Alle bestuurslagen")
        + select("status", "Status", schema.STATUSES, "Alle statussen")
        + '<div class="gv-filter-field"><label for="gv-filter-organisation">Organisatie</label>'
        '<input type="text" name="organisation" id="gv-filter-organisation" list="gv-organisations" autocomplete="off"'
        ' aria-describedby="gv-filter-organisation-hint">'
        '<datalist id="gv-organisations"></datalist>'
        '<span class="gv-hint" id="gv-filter-organisation-hint">Naam of een deel ervan</span></div>'
        '<fieldset class="gv-filter-years"><legend>Startjaar</legend>'
        f'<label for="gv-filter-from">van</label><input type="number" name="from" id="gv-filter-from" min="{lo}" max="{hi}"'
        f' placeholder="{lo}" inputmode="numeric">'
        f'<label for="gv-filter-to">tot en met</label><input type="number" name="to" id="gv-filter-to" min="{lo}" max="{hi}"'
        f' placeholder="{hi}" inputmode="numeric"></fieldset>'
        '</div>'
        '<div class="gv-filter-groups">' + "".join(groups) + '</div>'
        '<p class="gv-filter-hint">Kies je meer tags, dan zie je de voorbeelden die ze allemaal hebben.</p>'
        '<button type="button" class="md-button" id="gv-filter-clear">Wis filters</button>'
        '</details></form>'
        '<p class="gv-filter-count" id="gv-filter-count" role="status" aria-live="polite" aria-atomic="true"></p>'
        '<div id="gv-filter-results" hidden><ol class="gv-list" id="gv-filter-list"></ol>'
        '<button type="button" class="md-button" id="gv-filter-more" hidden>Toon meer</button></div>'
    )


def browse_data(cases: list[Case], vocabulary: Vocabulary) -> dict[str, bytes]:
    """Path under the site -> bytes of every data file; `cases` newest first (the order of the list)."""
    tag_numbers = {slug: i for i, slug in enumerate(vocabulary.tags)}
    levels, statuses = list(schema.LEVELS), list(schema.STATUSES)
    organisations = sorted({c.organisation for c in cases}, key=lambda o: (normalise(o), o))
    org_numbers = {o: i for i, o in enumerate(organisations)}
    rows = [
        [levels.index(c.level), statuses.index(c.status), c.year, org_numbers[c.organisation],
         [tag_numbers[t] for t in c.tags]]
        for c in cases
    ]
    postings: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for i, c in enumerate(cases):
        for w in dict.fromkeys(words(f"{c.title} {c.summary} {c.organisation}")):
            postings[w[:2]].setdefault(w, []).append(i)
    files: dict[str, bytes] = {}
    files[f"{DATA_DIR}/voorbeelden.json"] = _json({
        "format": FORMAT, "count": len(cases), "chunk": CHUNK,
        "tags": list(vocabulary.tags), "levels": levels, "statuses": statuses,
        "organisations": organisations, "prefixes": sorted(postings), "cases": rows,
    })
    for start in range(0, len(cases), CHUNK):
        cards = [
            {"slug": c.slug, "title": c.title, "summary": c.summary, "organisation": c.organisation,
             "level": schema.LEVELS[c.level], "status": schema.STATUSES[c.status], "year": c.year,
             "added": c.added.isoformat(), "added_text": dutch_date(c.added)}
            for c in cases[start:start + CHUNK]
        ]
        files[f"{DATA_DIR}/kaarten/{start // CHUNK}.json"] = _json(cards)
    for prefix in sorted(postings):
        files[f"{DATA_DIR}/woorden/{prefix}.json"] = _json(dict(sorted(postings[prefix].items())))
    return files


def write_browse_data(cases: list[Case], vocabulary: Vocabulary, site_dir: str | Path) -> int:
    """Write the data files into the built site; returns how many were written."""
    files = browse_data(cases, vocabulary)
    root = Path(site_dir)
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return len(files)


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
