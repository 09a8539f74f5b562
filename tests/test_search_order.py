"""Search finds cases first, shows the passage that matched, and agrees with the text filter on /voorbeelden/.

The fixture library is built once (with its Pagefind index) and searched in Chromium through the search box in
the header, through Pagefind's own API and through the filter on /voorbeelden/. What each must find is read
from the fixture files or from Pagefind itself, never written down by hand.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata

import pytest
import yaml

from conftest import FIXTURES, make_project
from localweb import serve

LIBRARY = FIXTURES / "library"
CASE = re.compile(r"/voorbeelden/([a-z0-9-]+)/$")


def fixture_cases() -> dict[str, dict]:
    """Slug -> front matter and body of every fixture case, read straight from the files."""
    out = {}
    for path in sorted(LIBRARY.glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        out[path.stem] = {**yaml.safe_load(front), "body": body}
    return out


def fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


def marked(text: str) -> str:
    """A marked word as a reader sees it: folded, without the punctuation Pagefind may mark with it."""
    return re.sub(r"^\W+", "", fold(text))


def slug_of(href: str) -> str | None:
    m = CASE.search(href)
    return m.group(1) if m else None


def search_box(page, base: str, words: str) -> list[tuple[str, str]]:
    """Everything the search box lists for `words`, in order: ("group", heading) and ("link", href)."""
    page.goto(base)
    page.click("#gv-search-input")
    page.fill("#gv-search-input", words)  # one search for the whole text
    page.wait_for_function("/gevonden|Geen/.test(document.getElementById('gv-search-meta').textContent)")
    total = sum(int(n) for n in re.findall(r"\d+", page.text_content("#gv-search-meta")))
    while True:  # results come in one by one; "Toon meer" adds the next ten
        page.wait_for_function("""total => document.querySelectorAll('#gv-search-list a').length === total
                                  || document.querySelector('#gv-search-list .gv-search-more')""", arg=total)
        more = page.locator("#gv-search-list .gv-search-more button")
        if not more.count():
            break
        more.click()
    return page.eval_on_selector_all("#gv-search-list > li", """items => items.map(li => li.querySelector('a')
        ? ['link', li.querySelector('a').getAttribute('href')] : ['group', li.textContent.trim()])""")


def pagefind_alone(page, words: str) -> list[str]:
    """The pages Pagefind itself finds for `words` (no grouping), best first, as paths."""
    return page.evaluate("""async (words) => {
        const pf = await window.gvSearch.load();
        const found = await pf.search(words);
        return Promise.all(found.results.map(r => r.data().then(d => d.url)));
    }""", words)


def filter_list(page, base: str, address: str) -> tuple[list[str], str]:
    """The slugs the filter on /voorbeelden/ shows for an address such as 'q=gemeente', and its count line."""
    page.goto(f"{base}voorbeelden/?{address}")
    page.wait_for_function("document.getElementById('gv-filter-count').textContent.includes('gevonden')")
    while page.is_visible("#gv-filter-more"):
        page.click("#gv-filter-more")
    hrefs = page.eval_on_selector_all("#gv-filter-list a", "links => links.map(a => a.getAttribute('href'))")
    return [slug_of(h) for h in hrefs], page.text_content("#gv-filter-count")


# -- cases first -------------------------------------------------------------------------

@pytest.mark.parametrize("words", ["gemeente", "regel", "participatie", "open data"])
def test_a_case_comes_first_and_help_pages_after_the_cases(page, fixture_server, words):
    items = search_box(page, fixture_server, words)
    links = [href for kind, href in items if kind == "link"]
    kinds = ["case" if slug_of(href) else "help" for href in links]
    assert kinds and kinds[0] == "case", (words, links)
    assert kinds == sorted(kinds), (words, links)  # every case before every help page
    groups = [text for kind, text in items if kind == "group"]
    expected = [f"Voorbeelden ({kinds.count('case')})"]
    if "help" in kinds:
        expected.append(f"Hulppagina's ({kinds.count('help')})")
    assert groups == expected
    assert [kind for kind, _ in items][0] == "group"  # each group starts with its heading
    # Grouping loses nothing: the same pages as Pagefind's own search, only in a different order.
    alone = pagefind_alone(page, words)
    assert sorted(alone) == sorted(links)
    if words == "regel":  # here Pagefind alone ranks the explanation of the five above every case
        assert slug_of(alone[0]) is None and "help" in kinds
    assert page.console_errors == []


def test_results_show_the_passage_that_matched_with_the_words_marked(page, fixture_server):
    cases = fixture_cases()
    word = "griffie"  # in the body of one case, not in its title or summary
    holders = [s for s, c in cases.items() if word in fold(c["body"])]
    assert holders and all(word not in fold(cases[s]["summary"] + cases[s]["title"]) for s in holders)
    items = search_box(page, fixture_server, word)
    assert sorted(slug_of(h) for k, h in items if k == "link") == sorted(holders)
    first = page.locator("#gv-search-list .md-search-result__item").first
    marks = first.locator(".gv-search-hit-excerpt mark").all_text_contents()
    assert marks and all(marked(m).startswith(word) for m in marks)
    # The word is not in the summary: what is shown is the passage of the body that holds it.
    assert word in fold(first.locator(".gv-search-hit-excerpt").text_content())

    search_box(page, fixture_server, "gemeente")
    hits = page.locator("#gv-search-list .gv-search-hit-excerpt").all()
    assert hits
    for hit in hits:
        assert any(marked(m).startswith("gemeente") for m in hit.locator("mark").all_text_contents()), hit.inner_html()


def test_a_case_is_found_by_its_summary_and_its_result_carries_the_panel_not_the_summary(page, fixture_server):
    """Each result brings the metadata the search box shows (title, organisation) and the panel's facts, which
    make a case findable by them; the summary is searched as text of the page and is not sent again as
    metadata with every result (nothing shows it: the box shows the passage that matched)."""
    cases = fixture_cases()
    page.goto(fixture_server)
    for slug, case in sorted(cases.items()):
        results = page.evaluate("""async (words) => {
            const pf = await window.gvSearch.load();
            const found = await pf.search(words, {filters: {soort: 'voorbeeld'}});
            return Promise.all(found.results.map(r => r.data().then(d => [d.url, d.meta])));
        }""", case["summary"])
        meta = {slug_of(url): m for url, m in results}
        assert slug in meta, (slug, case["summary"], list(meta))
        assert meta[slug]["title"] == case["title"]
        assert html.unescape(meta[slug]["organisatie"]) == case["organisation"]
        assert {"bestuurslaag", "status", "startjaar", "tags"} <= set(meta[slug])
        assert "summary" not in meta[slug]
    assert page.console_errors == []


def test_the_guides_code_blocks_are_not_in_the_search_index(built_fixture_site):
    """Command lines make poor excerpts: every code block of the guide is marked and left out of the index."""
    site = built_fixture_site.site
    guide = (site / "bijdragen" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r"<pre([^>]*)>(.*?)</pre>", guide, re.S)
    assert len(blocks) >= 3
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes())[12:])
        fragments[fragment["url"]] = fragment
    content = " ".join(fragments["/bijdragen/"]["content"].split())
    texts = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", block)).split()) for _, block in blocks]
    assert all("data-pagefind-ignore" in attributes for attributes, _ in blocks)
    long_blocks = [t for t in texts if len(t) > 40]  # a short one may also be quoted in the text around it
    assert long_blocks
    for text in long_blocks:
        assert text not in content, text


# -- the filter on /voorbeelden/ agrees with the search box -------------------------------

@pytest.mark.parametrize("words", ["gemeente", "participatie", "open data", "burgers betrekken", "participeert"])
def test_the_text_filter_finds_the_same_cases_as_the_search_box(page, fixture_server, words):
    found = {slug_of(h) for kind, h in search_box(page, fixture_server, words) if kind == "link"} - {None}
    assert found, words  # each word must find something, or the comparison proves nothing
    shown, count = filter_list(page, fixture_server, f"q={words.replace(' ', '+')}")
    assert sorted(shown) == sorted(found), words
    assert count.startswith(f"{len(found)} voorbeeld"), count
    assert page.text_content("#gv-filter-q-hint") == "Zoekt in de hele tekst, zoals het zoekvak bovenaan"
    assert page.console_errors == []


def test_the_text_filter_combines_with_the_other_filters(page, fixture_server):
    cases = fixture_cases()
    found = {slug_of(h) for kind, h in search_box(page, fixture_server, "gemeente") if kind == "link"} - {None}
    expected = {s for s in found if cases[s]["level"] == "gemeente"}
    assert expected and expected < found  # the level filter takes some of the words' cases away
    shown, _ = filter_list(page, fixture_server, "q=gemeente&level=gemeente")
    newest = sorted(cases, key=lambda s: (-cases[s]["added"].toordinal(), s))
    assert shown == [s for s in newest if s in expected]  # newest first, as the list is


# -- without a search index (the preview) -----------------------------------------------

@pytest.fixture(scope="module")
def preview_server(tmp_path_factory):
    """The fixture library built without a search index, as `mkdocs serve` does."""
    project = make_project(tmp_path_factory.mktemp("preview") / "project")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GV_SKIP_SEARCH_INDEX", "1")
        project.build("--strict")
    assert not (project.site / "pagefind").exists()
    url, server = serve(project.site)
    yield url
    server.shutdown()


def test_without_a_search_index_the_text_filter_searches_titles_and_says_so(page, preview_server):
    cases = fixture_cases()

    def words_of(c):
        return re.findall(r"[a-z0-9]{2,}", fold(f"{c['title']} {c['summary']} {c['organisation']}"))

    expected = [s for s, c in cases.items() if any(w.startswith("testdorp") for w in words_of(c))]
    elsewhere = [s for s, c in cases.items() if "testdorp" in fold(c["body"]) and s not in expected]
    assert expected
    shown, count = filter_list(page, preview_server, "q=testdorp")
    assert sorted(shown) == sorted(expected) and not set(elsewhere) & set(shown)
    assert "Zonder zoekindex zoekt het woordveld alleen in titel, samenvatting en organisatie." in count
    assert "De zoekindex ontbreekt hier" in page.text_content("#gv-filter-q-hint")
    shown, count = filter_list(page, preview_server, "level=gemeente")  # the other filters need no index
    assert sorted(shown) == sorted(s for s, c in cases.items() if c["level"] == "gemeente")


# -- a search index in parts -------------------------------------------------------------

@pytest.fixture(scope="module")
def split_server(split_build):
    """The fixture library with its search index in parts (conftest's split_build: three parts)."""
    project, url = split_build
    assert (project.site / "pagefind-3" / "pagefind-entry.json").exists()
    return url


def test_with_the_index_in_parts_cases_still_come_first_and_the_filter_agrees(page, split_server):
    for words in ("gemeente", "open data"):
        links = [h for kind, h in search_box(page, split_server, words) if kind == "link"]
        kinds = ["case" if slug_of(h) else "help" for h in links]
        assert kinds[0] == "case" and kinds == sorted(kinds) and "help" in kinds, (words, links)
        shown, _ = filter_list(page, split_server, f"q={words.replace(' ', '+')}")
        assert sorted(shown) == sorted(slug_of(h) for h in links if slug_of(h)), words
    parts = {u.split("/")[3] for u in page.requests if "/pagefind" in u}
    assert parts == {"pagefind", "pagefind-2", "pagefind-3"}
    assert page.console_errors == []
