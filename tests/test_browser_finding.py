"""Finding cases in a real browser: search, filters, tag pages, accessibility, no third-party requests.

The site is the fixture library, built once per session and served on 127.0.0.1. Expected results are
computed here from the fixture files themselves, never written down by hand.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from conftest import FIXTURES, run_axe

LIBRARY = FIXTURES / "library"


def fixture_cases() -> list[dict]:
    """Front matter and text of every fixture case, read straight from the files."""
    out = []
    for path in sorted(LIBRARY.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---", 2)[1])
        out.append({**front, "slug": path.stem, "text": text})
    return out


def newest_first(cases: list[dict]) -> list[str]:
    return [c["slug"] for c in sorted(cases, key=lambda c: (-c["added"].toordinal(), c["slug"]))]


def shown(page) -> list[str]:
    """Slugs of the filter results, in the order shown."""
    hrefs = page.eval_on_selector_all("#gv-filter-list a", "links => links.map(a => a.getAttribute('href'))")
    return [re.search(r"/voorbeelden/([a-z0-9-]+)/$", h).group(1) for h in hrefs]


def wait_for_results(page) -> str:
    page.wait_for_function("document.getElementById('gv-filter-count').textContent.includes('gevonden')")
    return page.text_content("#gv-filter-count")


def assert_clean(page, base: str) -> None:
    """No request left the origin, nothing went wrong in the console, axe finds nothing serious."""
    off_origin = [u for u in page.requests if not u.startswith(base) and not u.startswith(("data:", "blob:"))]
    assert off_origin == []
    # A page must not pull in a file that grows with the library (Material fetches sitemap.xml for
    # any <link rel="alternate">): page weight stays the same at 100 and 10,000 cases.
    assert [u for u in page.requests if u.endswith(("sitemap.xml", "sitemap.xml.gz"))] == []
    assert page.console_errors == []
    assert run_axe(page) == []


def query(page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


# -- search -----------------------------------------------------------------------------

def search(page, base: str, words: str) -> list[str]:
    page.goto(base)
    page.click("#gv-search-input")
    page.keyboard.type(words)
    page.wait_for_selector("#gv-search-list a")
    return page.eval_on_selector_all("#gv-search-list a", "links => links.map(a => a.getAttribute('href'))")


def test_search_finds_a_case_by_an_inflected_dutch_word(page, fixture_server):
    case = (LIBRARY / "participatie-provincie.md").read_text(encoding="utf-8").lower()
    assert "participeert" not in case  # only stemming can find it
    hrefs = search(page, fixture_server, "participeert")
    assert hrefs[0].endswith("/voorbeelden/participatie-provincie/")
    first = page.locator("#gv-search-list li.md-search-result__item").first
    assert "Participatie bij de omgevingsvisie" in first.text_content()
    assert first.locator(".gv-search-hit-excerpt mark").count() >= 1  # the passage that matched, marked
    assert "gevonden" in page.text_content("#gv-search-meta")
    assert_clean(page, fixture_server)


def test_search_finds_cases_by_organisation_name_and_tag_label(page, fixture_server):
    cases = fixture_cases()
    organisations = sorted({c["organisation"] for c in cases})
    for organisation in organisations:
        hrefs = search(page, fixture_server, organisation)
        found = {h.rstrip("/").rsplit("/", 1)[1] for h in hrefs}
        assert {c["slug"] for c in cases if c["organisation"] == organisation} <= found, organisation
    hrefs = search(page, fixture_server, "Behoorlijkheidswijzer")
    found = {h.rstrip("/").rsplit("/", 1)[1] for h in hrefs}
    assert {c["slug"] for c in cases if "behoorlijkheidswijzer" in c["tags"]} <= found


def test_search_loads_only_on_intent_and_each_file_once(page, fixture_server):
    def pagefind_requests():
        return [urlsplit(u).path.rsplit("/", 1)[1] for u in page.requests if "/pagefind/" in u]

    page.goto(fixture_server, wait_until="networkidle")
    assert pagefind_requests() == []  # visitors who do not search do not pay for search
    page.hover("#gv-search-input")
    page.wait_for_function("performance.getEntriesByName(new URL('pagefind/pagefind.js', location).href).length")
    page.click("#gv-search-input")
    page.keyboard.type("participeert")
    page.wait_for_selector("#gv-search-list a")
    page.wait_for_load_state("networkidle")
    files = pagefind_requests()
    # The WebAssembly fetched early is the one Pagefind uses (not fetched twice); no worker script.
    assert len(files) == len(set(files)) and "wasm.nl.pagefind" in files
    assert not [f for f in files if "worker" in f]
    assert_clean(page, fixture_server)


def test_search_box_works_with_the_keyboard(page, fixture_server):
    page.goto(fixture_server)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "gv-search-input"
    page.keyboard.type("dijkonderhoud")
    page.wait_for_selector("#gv-search-list a")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("/burgerpanel-waterschap/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/voorbeelden/burgerpanel-waterschap/")


# -- filters on /voorbeelden/ -------------------------------------------------------------

@pytest.mark.parametrize("tag, level", [("burgers-betrekken", "gemeente"), ("leren-luisteren", "waterschap"),
                                        ("visie", "gemeente")])
def test_opening_a_filtered_address_shows_exactly_the_matching_cases(page, fixture_server, tag, level):
    cases = fixture_cases()
    expected = newest_first([c for c in cases if tag in c["tags"] and c["level"] == level])
    page.goto(f"{fixture_server}voorbeelden/?tag={tag}&level={level}")
    count = wait_for_results(page)
    assert shown(page) == expected
    assert count.startswith(str(len(expected)) if expected else "Geen")
    assert page.is_checked(f"#gv-tag-{tag}") and page.input_value("#gv-filter-level") == level
    assert page.is_hidden("#gv-all")


def test_every_filter_narrows_the_list_as_the_address_says(page, fixture_server):
    cases = fixture_cases()

    # The text filter (q) asks the site search: tests/test_search_order.py compares it with the search box.
    checks = {
        "organisation=testdorp": [c for c in cases if "testdorp" in c["organisation"].lower()],
        "from=2018&to=2021": [c for c in cases if 2018 <= c["year"] <= 2021],
        "status=lopend&tag=regels-en-informatie": [c for c in cases if c["status"] == "lopend"
                                                   and "regels-en-informatie" in c["tags"]],
        "tag=burgers-betrekken&tag=leren-luisteren": [c for c in cases if {"burgers-betrekken", "leren-luisteren"}
                                                      <= set(c["tags"])],
    }
    for address, matching in checks.items():
        assert matching, address  # each check must select something
        page.goto(f"{fixture_server}voorbeelden/?{address}")
        wait_for_results(page)
        assert shown(page) == newest_first(matching), address


def test_filters_with_the_keyboard_only_update_the_address_and_the_list(page, fixture_server):
    cases = fixture_cases()
    page.goto(f"{fixture_server}voorbeelden/")
    for _ in range(60):  # Tab from the top of the page to the text filter
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "gv-filter-q":
            break
    assert page.evaluate("document.activeElement.id") == "gv-filter-q"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "gv-filter-level"
    while page.input_value("#gv-filter-level") != "gemeente":
        page.keyboard.press("ArrowDown")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "gv-tag-burgers-betrekken":
            break
    page.keyboard.press("Space")
    wait_for_results(page)
    assert query(page) == [("tag", "burgers-betrekken"), ("level", "gemeente")]
    assert shown(page) == newest_first([c for c in cases if "burgers-betrekken" in c["tags"]
                                        and c["level"] == "gemeente"])
    assert "gevonden" in page.text_content("[role=status]#gv-filter-count")
    assert_clean(page, fixture_server)

    for _ in range(30):  # on to "Wis filters"
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "gv-filter-clear":
            break
    page.keyboard.press("Enter")
    assert query(page) == []
    assert page.is_visible("#gv-all") and page.is_hidden("#gv-filter-results")
    assert page.locator("#gv-all ol.gv-list > li").count() == len(cases)


def test_without_javascript_the_list_is_plain_and_complete(browser, fixture_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(f"{fixture_server}voorbeelden/?tag=visie")
        assert pg.is_hidden("#gv-filters")
        hrefs = pg.eval_on_selector_all("#gv-all ol.gv-list a", "links => links.map(a => a.getAttribute('href'))")
        assert [h.rstrip("/").rsplit("/", 1)[1] for h in hrefs] == newest_first(fixture_cases())
    finally:
        context.close()


# -- tag pages and the rest -----------------------------------------------------------------

def test_tag_page_lists_the_cases_with_that_tag(page, fixture_server):
    cases = fixture_cases()
    page.goto(f"{fixture_server}tags/leren-luisteren/")
    hrefs = page.eval_on_selector_all("ol.gv-list a", "links => links.map(a => a.getAttribute('href'))")
    assert [h.rstrip("/").rsplit("/", 1)[1] for h in hrefs] == newest_first(
        [c for c in cases if "leren-luisteren" in c["tags"]])
    tags = yaml.safe_load((LIBRARY / "tags.yml").read_text(encoding="utf-8"))
    tag = tags["groups"]["oplossing"]["tags"]["leren-luisteren"]
    assert page.text_content("h1") == f"Voorbeelden met de tag {tag['label']}"
    assert tag["description"] in page.text_content("article")
    assert_clean(page, fixture_server)


def test_case_page_links_lead_to_tag_pages_and_filtered_views(page, fixture_server):
    page.goto(f"{fixture_server}voorbeelden/participatie-provincie/")
    page.click(".gv-meta a:text('Provincie Voorbeeldland')")
    wait_for_results(page)
    assert query(page) == [("organisation", "Provincie Voorbeeldland")]
    assert shown(page) == [c["slug"] for c in fixture_cases() if c["organisation"] == "Provincie Voorbeeldland"]
    page.go_back()
    page.click(".gv-meta .gv-tags a >> nth=0")
    page.wait_for_url("**/tags/burgers-betrekken/")


@pytest.mark.parametrize("path", ["", "voorbeelden/participatie-provincie/", "overzicht/", "tags/",
                                  "bijdragen/", "over/"])
def test_pages_pass_axe_without_console_errors_or_third_party_requests(page, fixture_server, path):
    page.goto(fixture_server + path)
    page.wait_for_load_state("load")
    assert_clean(page, fixture_server)
