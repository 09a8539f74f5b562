"""Finding cases without a browser: related cases, the browse data, tag pages, charts, search index.

Library-level tests use the fixture library and synthetic libraries made in memory (no MkDocs);
the built fixture site (one strict build per session) shows what visitors get.
"""

from __future__ import annotations

import dataclasses
import gzip
import datetime as dt
import json
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.site.browse import CHUNK, DATA_DIR, browse_data, normalise, words
from goedvoorbeeld.check.cases import Case, Library, load_library
from goedvoorbeeld.site.charts import Bar, bar_chart
from goedvoorbeeld.rank.related import related_cases
from goedvoorbeeld.site.search import OUTPUT, Indexer, IndexPart, SearchIndexError
from goedvoorbeeld.site.pages import PAGE_SIZE, Site

FIXTURE_LIBRARY = Path(__file__).parent / "fixtures" / "library"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(FIXTURE_LIBRARY, shown_root="cases")


def synthetic(library: Library, n: int, seed: int = 7) -> Library:
    """`n` valid cases with random tags, levels, statuses, years and dates (fixed seed)."""
    rng = random.Random(seed)
    tags = list(library.vocabulary.tags)
    template = library.cases[0]
    cases = []
    for i in range(n):
        cases.append(dataclasses.replace(
            template, slug=f"voorbeeld-{i:05d}", path=f"cases/voorbeeld-{i:05d}.md",
            title=f"Voorbeeld {i} over {rng.choice(['participatie', 'open data', 'luisteren', 'regels'])}",
            organisation=f"Gemeente {rng.choice(['Aa', 'Bee', 'Cee', 'Dee', 'Ee'])}{i % 37}",
            level=rng.choice(list(schema.LEVELS)), status=rng.choice(list(schema.STATUSES)),
            year=rng.randint(2000, 2026), tags=tuple(rng.sample(tags, rng.randint(1, 5))),
            added=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 2000)),
        ))
    return dataclasses.replace(library, cases=tuple(cases))


def related_by_comparing_every_pair(cases, limit=3):
    """The slow, obvious definition, used only as the oracle in tests."""
    out = {}
    for c in cases:
        others = [o for o in cases if o.slug != c.slug and set(o.tags) & set(c.tags)]
        others.sort(key=lambda o: (-len(set(o.tags) & set(c.tags)), -o.added.toordinal(), o.slug))
        out[c.slug] = [o.slug for o in others[:limit]]
    return out


# -- related cases ------------------------------------------------------------

def test_related_cases_share_the_most_tags_newest_first(library):
    got = related_cases(library.cases)
    # participatie-provincie has burgers-betrekken, leren-luisteren, klantvriendelijkheid:
    # burgerpanel-waterschap and luisteren-in-de-wijk share two; of the cases sharing one, open-raad-testdorp is newest.
    assert [c.slug for c in got["participatie-provincie"]] == [
        "burgerpanel-waterschap", "luisteren-in-de-wijk", "open-raad-testdorp"]
    assert {k: [c.slug for c in v] for k, v in got.items()} == related_by_comparing_every_pair(library.cases)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_related_cases_match_the_pairwise_definition_on_a_random_library(library, seed):
    cases = synthetic(library, 400, seed).cases
    got = {k: [c.slug for c in v] for k, v in related_cases(cases).items()}
    assert got == related_by_comparing_every_pair(cases)


def test_a_case_without_shared_tags_has_no_related_cases(library):
    lonely = dataclasses.replace(library.cases[0], slug="alleen", tags=("juiste-intentie",))
    other = dataclasses.replace(library.cases[1], slug="ander", tags=("visie",))
    assert related_cases([lonely, other]) == {"alleen": [], "ander": []}


# -- browse data ---------------------------------------------------------------

def test_browse_data_describes_every_case_in_list_order(library):
    site = Site(library)
    files = browse_data(site.newest, library.vocabulary)
    index = json.loads(files[f"{DATA_DIR}/voorbeelden.json"])
    assert index["count"] == len(library.cases) == len(index["cases"])
    for case, (level, status, year, org, tags) in zip(site.newest, index["cases"]):
        assert index["levels"][level] == case.level
        assert index["statuses"][status] == case.status
        assert year == case.year
        assert index["organisations"][org] == case.organisation
        assert [index["tags"][t] for t in tags] == list(case.tags)
    cards = json.loads(files[f"{DATA_DIR}/kaarten/0.json"])
    assert [c["slug"] for c in cards] == [c.slug for c in site.newest]


def test_word_files_find_cases_by_a_word_from_title_summary_or_organisation(library):
    site = Site(library)
    files = browse_data(site.newest, library.vocabulary)
    index = json.loads(files[f"{DATA_DIR}/voorbeelden.json"])
    assert index["prefixes"] == sorted(p.rsplit("/", 1)[1][:-5] for p in files if "/woorden/" in p)
    testdorp = json.loads(files[f"{DATA_DIR}/woorden/te.json"])["testdorp"]
    expected = [i for i, c in enumerate(site.newest)
                if "testdorp" in normalise(f"{c.title} {c.summary} {c.organisation}")]
    assert testdorp == expected and expected


def test_words_are_lower_case_without_accents():
    assert words("Coöperatie in Súdwest-Fryslân, 2 x") == ["cooperatie", "in", "sudwest", "fryslan"]


def test_browse_data_is_split_into_chunks(library):
    big = synthetic(library, 260)
    site = Site(big)
    files = browse_data(site.newest, big.vocabulary)
    chunks = sorted(p for p in files if "/kaarten/" in p)
    assert len(chunks) == -(-260 // CHUNK)
    assert sum(len(json.loads(files[p])) for p in chunks) == 260


def test_first_view_of_the_list_does_not_grow_with_the_library(library):
    """The page at /voorbeelden/ holds PAGE_SIZE cases and a form of fixed size, at any library size."""
    small = Site(synthetic(library, 2 * PAGE_SIZE + 1)).generated_pages()["voorbeelden/index.md"]
    large = Site(synthetic(library, 40 * PAGE_SIZE)).generated_pages()["voorbeelden/index.md"]
    items = re.compile(r'<li><a href="[^"]*voorbeelden/voorbeeld-')
    assert len(items.findall(small)) == len(items.findall(large)) == PAGE_SIZE
    assert abs(len(large) - len(small)) < 0.02 * len(small), (len(small), len(large))


# -- tag pages -----------------------------------------------------------------

def test_tag_pages_list_the_cases_of_their_tag_paged_like_the_list(library):
    big = synthetic(library, 5 * PAGE_SIZE)
    pages = Site(big).generated_pages()
    with_tag = [c for c in sorted(big.cases, key=lambda c: (-c.added.toordinal(), c.slug)) if "visie" in c.tags]
    assert len(with_tag) > PAGE_SIZE  # the test needs a tag with more than one page
    listed = []
    n = 1
    while True:
        uri = "tags/visie.md" if n == 1 else f"tags/visie/pagina/{n}.md"
        if uri not in pages:
            break
        listed += re.findall(r'<li><a href="[^"]*voorbeelden/([a-z0-9-]+)/">', pages[uri])
        n += 1
    assert listed == [c.slug for c in with_tag]
    assert "Overall visie" in pages["tags/visie.md"] and "samenhangende visie" in pages["tags/visie.md"]


# -- charts --------------------------------------------------------------------

def test_bar_chart_is_valid_svg_with_a_table_of_the_same_numbers():
    html = bar_chart("c", "Voorbeelden per status", "Status", [Bar("Idee", 3), Bar("Pilot & test", 0), Bar("Lopend", 12)])
    svg = re.search(r"<svg.*</svg>", html).group(0)
    root = ET.fromstring(svg.replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    ns = "{http://www.w3.org/2000/svg}"
    widths = [float(r.get("width")) for r in root.iter(f"{ns}rect")]
    assert widths[1] == 0 and widths[2] > widths[0] > 0 and widths[2] / widths[0] == pytest.approx(4, rel=0.01)
    assert re.findall(r"<td>(\d+)</td>", html) == ["3", "0", "12"]
    assert "Pilot &amp; test" in html
    assert bar_chart("c", "x", "y", [Bar("a", 1)]) == bar_chart("c", "x", "y", [Bar("a", 1)])


def test_overview_counts_match_the_library(library):
    page = Site(library).generated_pages()["overzicht.md"]
    per_level = Counter(c.level for c in library.cases)
    for key, label in schema.LEVELS.items():
        assert re.search(rf'level={key}">{label}</a></th><td>{per_level[key]}</td>', page), key
    per_tag = Counter(t for c in library.cases for t in c.tags)
    for slug, tag in library.vocabulary.tags.items():
        assert f'tags/{slug}/">{tag.label}</a></th><td>{per_tag[slug]}</td>' in page.replace("&#x27;", "'")


# -- search index --------------------------------------------------------------

def test_search_index_error_is_dutch_and_names_the_problem(tmp_path):
    (tmp_path / "leeg").mkdir()
    with pytest.raises(SearchIndexError, match="zoekindex"):
        Indexer(tmp_path / "leeg", (IndexPart(OUTPUT),), []).finish()


# -- the built site ---------------------------------------------------------------

def test_built_site_has_pagefind_index_and_no_material_search(built_fixture_site):
    site = built_fixture_site.site
    assert (site / "pagefind" / "pagefind.js").exists()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["nl"]
    assert not (site / "search" / "search_index.json").exists()


def test_only_case_pages_and_explanatory_pages_are_indexed(built_fixture_site):
    """Lists of cases (browse, tags, overview, selections, the handout) stay out; /top-5/ explains the rule."""
    site = built_fixture_site.site
    indexed = sorted(str(p.relative_to(site).parent) for p in site.rglob("index.html")
                     if "data-pagefind-body" in p.read_text(encoding="utf-8"))
    slugs = sorted(p.stem for p in built_fixture_site.cases.glob("*.md"))
    assert indexed == sorted([".", "bijdragen", "over", "top-5"] + [f"voorbeelden/{s}" for s in slugs])


def test_tag_pages_and_overview_are_built(built_fixture_site):
    site = built_fixture_site.site
    vocab = load_library(built_fixture_site.cases).vocabulary
    for slug in vocab.tags:
        assert (site / "tags" / slug / "index.html").exists(), slug
    overview = (site / "overzicht" / "index.html").read_text(encoding="utf-8")
    assert overview.count("<svg class=\"gv-chart-svg\"") == len(vocab.groups) + 3
    assert overview.count("<table class=\"gv-chart-table\"") == len(vocab.groups) + 3


def test_case_page_links_its_tags_level_organisation_and_related_cases(built_fixture_site):
    page = (built_fixture_site.site / "voorbeelden" / "participatie-provincie" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../tags/burgers-betrekken/"' in page
    assert 'href="../../voorbeelden/?level=provincie"' in page
    assert 'href="../../voorbeelden/?organisation=Provincie+Voorbeeldland"' in page
    assert 'href="../../top-5/"' in page
    related = page[page.index('id="vergelijkbare-voorbeelden"'):]
    assert related.index("burgerpanel-waterschap") < related.index("luisteren-in-de-wijk")


def test_browse_page_ships_no_filter_data_inline(built_fixture_site):
    page = (built_fixture_site.site / "voorbeelden" / "index.html").read_text(encoding="utf-8")
    assert 'id="gv-filters" hidden' in page and "gv-browse.js" in page
    assert (built_fixture_site.site / DATA_DIR / "voorbeelden.json").exists()
    assert '"organisations"' not in page


def test_build_can_skip_the_search_index_for_quick_previews(project, monkeypatch):
    """`mkdocs serve` skips Pagefind (on_startup); GV_SKIP_SEARCH_INDEX=1 does the same for any build."""
    monkeypatch.setenv("GV_SKIP_SEARCH_INDEX", "1")
    project.build("--strict")
    assert not (project.site / "pagefind").exists()
    assert (project.site / DATA_DIR / "voorbeelden.json").exists()  # the filters still work


def _pagefind_fragments(site: Path) -> dict[str, dict]:
    """Pagefind's stored text of every indexed page, by URL (gzip with a 12-byte marker, then JSON)."""
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[12:])
        fragments[fragment["url"]] = fragment
    return fragments


def test_search_index_reads_every_fact_of_a_case_as_separate_words(built_fixture_site):
    """The metadata panel's values (organisation, level, status, year, tags) are Pagefind metadata, each its own
    words (so they can be found), and not part of the text (so an excerpt shows the case's own passage)."""
    library = load_library(built_fixture_site.cases)
    vocab = library.vocabulary.tags
    fragments = _pagefind_fragments(built_fixture_site.site)
    assert len(fragments) >= len(library.cases)
    for case in library.cases:
        fragment = fragments[f"/voorbeelden/{case.slug}/"]
        meta = fragment["meta"]
        assert meta["organisatie"] == case.organisation
        assert meta["bestuurslaag"] == schema.LEVELS[case.level]
        assert meta["status"] == schema.STATUSES[case.status]
        assert meta["startjaar"] == str(case.year)
        # Pagefind ends each list item with a full stop: compare the words without it.
        words = [w.rstrip(".") for w in meta["tags"].split()]
        for t in case.tags:
            label = vocab[t].label.split()
            assert any(words[i:i + len(label)] == label for i in range(len(words))), (case.slug, t)
        assert "Bestuurslaag" not in fragment["content"] and "Startjaar" not in fragment["content"], case.slug
