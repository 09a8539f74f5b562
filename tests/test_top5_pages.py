"""/top-5/ weighs the same at any library size: the rule, the five and the weights; the full ranking is paged.

One library of 250 cases (the fixture library plus 240 generated ones) is built once, without a search index
(the pages tested here are not searched), and compared with the fixture library's own build.
"""

from __future__ import annotations

import math
import re
import shutil

import pytest

import bench  # scripts/ is on the path (conftest.py): its generator writes realistic valid libraries
from conftest import FIXTURES, make_project, run_axe
from goedvoorbeeld.check.cases import load_library
from goedvoorbeeld.rank.ranking import rank
from goedvoorbeeld.site.pages import PAGE_SIZE
from localweb import serve

# A row of the ranking; the cells carry their column's name (data-label) for phones.
ROW = re.compile(r'<tr><td class="gv-num"[^>]*>(\d+)</td><td[^>]*><a href="(?:\.\./)+voorbeelden/([a-z0-9-]+)/">'
                 r'.*?</a></td><td class="gv-num"[^>]*>\d+</td><td[^>]*>.*?</td><td[^>]*>(.*?)</td></tr>')


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """The fixture library plus 240 generated cases, built once."""
    root = tmp_path_factory.mktemp("top5-large")
    cases = root / "cases"
    shutil.copytree(FIXTURES / "library", cases)
    bench.write_library(cases, 240, bench.Words.load(2_000), seed=11)
    project = make_project(root / "project", cases_from=cases)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GV_SKIP_SEARCH_INDEX", "1")
        project.build("--strict")
    return project


def ranking_pages(site) -> list[str]:
    """The HTML of every page of the full ranking, in order: /top-5/rangorde/, then its pagina/N/."""
    pages = [(site / "top-5" / "rangorde" / "index.html").read_text(encoding="utf-8")]
    while (next_page := site / "top-5" / "rangorde" / "pagina" / str(len(pages) + 1) / "index.html").exists():
        pages.append(next_page.read_text(encoding="utf-8"))
    return pages


def test_every_case_appears_once_in_the_order_of_the_rule_across_the_pages(large):
    ranking = rank(load_library(large.cases))
    assert len(ranking) == 250
    pages = ranking_pages(large.site)
    assert len(pages) == math.ceil(len(ranking) / PAGE_SIZE)
    rows = [ROW.findall(page) for page in pages]
    assert all(0 < len(r) <= PAGE_SIZE for r in rows)
    shown = [(int(place), slug) for page_rows in rows for place, slug, _ in page_rows]
    assert shown == [(r.rank, r.slug) for r in ranking]  # each case once, in order, nothing left out
    verdicts = {slug: verdict for page_rows in rows for _, slug, verdict in page_rows}
    eligible = {r.slug for r in ranking if r.eligible}
    assert eligible and eligible != set(verdicts)
    assert {s for s, v in verdicts.items() if not v.startswith("telt niet mee")} == eligible
    for number, page in enumerate(pages, start=1):
        first, last = (number - 1) * PAGE_SIZE + 1, min(number * PAGE_SIZE, len(ranking))
        assert f"dit zijn plaats {first} tot en met {last}." in page


def test_the_page_navigation_leads_through_the_whole_ranking(page, large):
    url, server = serve(large.site)
    try:
        page.goto(url + "top-5/")
        page.click("text=bekijk de hele rangorde")
        visited = []
        while True:
            visited.append(page.url[len(url):])
            current = page.locator("nav.gv-pager a[aria-current=page]").text_content()
            assert current == str(len(visited))
            following = page.locator("nav.gv-pager a[rel=next]")
            if not following.count():
                break
            following.click()
        assert visited == ["top-5/rangorde/", "top-5/rangorde/pagina/2/", "top-5/rangorde/pagina/3/"]
        page.click("nav.gv-pager a[rel=prev]")
        assert page.url == url + "top-5/rangorde/pagina/2/"
        assert page.locator("nav.gv-pager").get_attribute("aria-label") == "Paginanummers"
        assert [a.text_content() for a in page.locator("nav.gv-pager a").all()] == ["Vorige", "1", "2", "3", "Volgende"]
        page.click("nav.gv-pager >> text=1")
        assert page.url == url + "top-5/rangorde/"
        page.click("text=Zo kiezen we de vijf")
        assert page.url == url + "top-5/"
        assert page.console_errors == []
        assert [u for u in page.requests if not u.startswith(url)] == []
        page.goto(url + "top-5/rangorde/pagina/3/")
        assert run_axe(page) == []
    finally:
        server.shutdown()


def test_top_5_weighs_the_same_with_10_and_with_250_cases(built_fixture_site, large):
    """The rule, the five and the weights: nothing on /top-5/ grows with the library (bench.py measures it
    at 100 and 10,000 cases)."""
    small = (built_fixture_site.site / "top-5" / "index.html").read_text(encoding="utf-8")
    big = (large.site / "top-5" / "index.html").read_text(encoding="utf-8")
    assert len(load_library(built_fixture_site.cases).cases) == 10
    assert "Rangorde van alle voorbeelden" not in big and "<tr><td class=\"gv-num\">1</td>" not in big
    assert 'href="../top-5/rangorde/">bekijk de hele rangorde</a> (3 pagina\'s van 100)' in big
    assert abs(len(big.encode()) / len(small.encode()) - 1) < 0.05
    # The ranking's own first page is what grows: up to 100 rows.
    assert len((large.site / "top-5" / "rangorde" / "index.html").read_bytes()) > 1.5 * len(big.encode())
