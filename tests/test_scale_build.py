"""Scale of the build: generated HTML skips Markdown unchanged, and a large library is indexed in parts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from goedvoorbeeld.check.cases import load_library, read_case
from goedvoorbeeld.check.safety import _PLAIN_TAG, MARKDOWN_EXTENSIONS, _verify_with_parser, render_body, verify_html
from goedvoorbeeld.site.search import OUTPUT, Indexer, index_parts, part_of, run_order, write_order
from goedvoorbeeld.site.pages import HtmlBlocks, Site, case_slug

from conftest import FIXTURES, SPLIT_PAGES_PER_INDEX
from test_finding import synthetic

LIBRARY = FIXTURES / "library"
ROOT = Path(__file__).resolve().parent.parent


def _body(page: str) -> str:
    """A generated page without its front matter, as MkDocs hands it to Markdown."""
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


def _between_tags(html: str) -> str:
    """White space between two tags only: Markdown puts a line break between raw blocks it passes on."""
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("size", [0, 8, 250])
def test_generated_pages_render_the_same_with_their_html_kept_out_of_markdown(size):
    library = load_library(LIBRARY)
    if size != 8:
        library = synthetic(library, size)
    pages = Site(library).generated_pages()
    blocks = HtmlBlocks()
    kept = 0
    for uri, page in pages.items():
        if case_slug(uri) is not None:
            continue  # case pages always go through Markdown and the sanitizer
        body = _body(page)
        before = len(blocks.blocks)
        through = blocks.keep(body)
        kept += len(blocks.blocks) - before
        assert len(blocks.PLACEHOLDER.findall(through)) == len(blocks.blocks) - before, uri
        plain = markdown.markdown(body, extensions=list(MARKDOWN_EXTENSIONS))
        fast = blocks.restore(markdown.markdown(through, extensions=list(MARKDOWN_EXTENSIONS)))
        assert _between_tags(fast) == _between_tags(plain), uri
    assert kept > len(pages) - len(library.cases)  # every list or table page had blocks to keep out


def test_a_placeholder_in_a_case_title_is_escaped_and_never_replaced():
    library = load_library(LIBRARY)
    case = library.cases[0]
    tricky = dataclasses.replace(case, title="Titel <!-- gv-html 0 -->")
    site = Site(dataclasses.replace(library, cases=(tricky, *library.cases[1:])))
    listed = site.html_blocks.keep(_body(site.generated_pages()["voorbeelden/index.md"]))
    assert site.html_blocks.restore(listed).count("Titel &lt;!-- gv-html 0 --&gt;") == 1


# -- the search index in parts ------------------------------------------------------

def test_a_small_library_is_indexed_in_one_part_by_pagefinds_own_glob():
    parts = index_parts([f"voorbeeld-{i}" for i in range(4_999)])
    assert parts == (parts[0],) and parts[0].output == OUTPUT
    assert parts[0].glob(["index.html", "over/index.html"]) == "{voorbeelden/*/index.html,index.html,over/index.html}"


def test_a_large_library_is_split_into_nearly_equal_parts_that_cover_every_case_once():
    slugs = [f"v{i:05d}-{w}" for i, w in zip(range(12_001), ["open", "data", "raad", "wijk", "plan", "x1"] * 2001)]
    parts = index_parts(slugs, per_index=5_000)
    assert [p.output for p in parts] == [OUTPUT, f"{OUTPUT}-2", f"{OUTPUT}-3"]
    assert [p.main for p in parts] == [True, False, False]
    owner = {}
    for p in parts:
        for e in p.endings:
            assert e not in owner
            owner[e] = p.output
    sizes = {p.output: sum(1 for s in slugs if owner[s[-2:]] == p.output) for p in parts}
    assert sum(sizes.values()) == len(slugs)
    assert max(sizes.values()) - min(sizes.values()) <= 2_001  # endings are dealt out whole
    assert index_parts(list(reversed(slugs)), per_index=5_000) == parts  # the slugs decide, not their order


@pytest.fixture(scope="module")
def split_site(split_build):
    """The fixture library built with at most SPLIT_PAGES_PER_INDEX case pages per part of the search index
    (conftest's split_build, which tests/test_search_order.py searches too)."""
    return split_build[0]


def test_every_searchable_page_is_in_exactly_one_part_of_the_index(split_site):
    site = split_site.site
    slugs = sorted(p.stem for p in split_site.cases.glob("*.md"))
    parts = index_parts(slugs, per_index=SPLIT_PAGES_PER_INDEX)
    assert len(parts) >= 3  # the fixture library has about ten cases
    counts = {}
    for part in parts:
        entry = json.loads((site / part.output / "pagefind-entry.json").read_text(encoding="utf-8"))
        counts[part.output] = entry["languages"]["nl"]["page_count"]
    own = {p.output: sum(1 for s in slugs if s[-2:] in p.endings) for p in parts}
    hand_written = 4  # home, bijdragen, over, top-5 (tests/test_finding.py lists what is searchable)
    assert counts == {p.output: own[p.output] + (hand_written if p.main else 0) for p in parts}
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'data-indexes="{" ".join(p.output + "/" for p in parts)}"' in home


def test_bad_part_size_in_mkdocs_yml_is_a_dutch_error(project):
    config = project.root / "mkdocs.yml"
    data = config.read_text(encoding="utf-8")
    config.write_text(data.replace("    branch: main\n", "    branch: main\n    search_pages_per_index: veel\n"),
                      encoding="utf-8")
    result = project.build("--strict", check=False)
    assert result.returncode == 1
    assert "search_pages_per_index moet een heel getal" in result.stderr
    assert "Traceback" not in result.stderr


def test_search_box_finds_cases_in_every_part_of_a_split_index(split_build, page):
    split_site, base = split_build
    slugs = sorted(p.stem for p in split_site.cases.glob("*.md"))
    parts = index_parts(slugs, per_index=SPLIT_PAGES_PER_INDEX)
    titles = {}
    for path in split_site.cases.glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        titles[path.stem] = front["title"]
    for part in parts:
        slug = next(s for s in slugs if s[-2:] in part.endings)
        page.goto(base)
        page.click("#gv-search-input")
        page.keyboard.type(titles[slug])
        page.wait_for_selector("#gv-search-list a")
        hrefs = page.eval_on_selector_all("#gv-search-list a", "links => links.map(a => a.getAttribute('href'))")
        assert any(h.endswith(f"/voorbeelden/{slug}/") for h in hrefs), (part.output, slug, hrefs)
    assert page.console_errors == []
    assert all(r.startswith(base) for r in page.requests)


# -- the build's last check of a case page -------------------------------------------

def _rendered_fixtures() -> list[str]:
    """The HTML Markdown makes of every fixture body, hostile ones included, and of pieces of them."""
    out = []
    vocabulary = load_library(LIBRARY).vocabulary
    for path in sorted([*ROOT.glob("cases/*.md"), *FIXTURES.rglob("*.md")]):
        data = path.read_bytes()
        _, problems = read_case(path.name, data, vocabulary, today=dt.date(2026, 11, 29))
        if any(p.code == "GV017" for p in problems):
            continue  # shapes that make Python-Markdown hang or recurse: the checker refuses them first
        body = data.decode("utf-8", errors="replace").split("\n---", 2)[-1]
        html = render_body(body)
        out.append(html)
        out += [html[i:i + 400] for i in range(0, len(html), 137)]  # cut anywhere, tags broken in two
    return out


def test_fast_html_check_finds_exactly_what_the_parser_finds():
    fragments = _rendered_fixtures()
    fast = 0
    for fragment in fragments:
        assert verify_html(fragment) == _verify_with_parser(fragment), fragment[:200]
        fast += fragment.count("<") == len(_PLAIN_TAG.findall(fragment))
    assert 0 < fast < len(fragments)  # both paths were taken


PIECES = ["<p>", "</p>", "<a href=\"https://a.example/x\">", "<a href=\"javascript:x\">", "<a href=\"//h\">",
          "</a>", "<h2 id=\"x\">", "<h2 id=\"x\" onclick=\"y\">", "<br />", "<br>", "<img src=\"x.png\">",
          "<script>", "<!-- c -->", "<![CDATA[x]]>", "<?pi?>", "<!doctype html>", "&lt;", "&amp;", "<", ">",
          "tekst", " ", "\n", "\"", "<ol start=\"3\">", "<ol start=\"x\">", "<td style=\"text-align: left;\">",
          "<p class=\"x\">", "<P>", "<em>", "</em >", "<a href=\"https://a.example/?a=1&amp;b=2\">"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_fast_html_check_agrees_with_the_parser_on_generated_html(pieces):
    fragment = "".join(pieces)
    assert verify_html(fragment) == _verify_with_parser(fragment)


def test_a_part_is_indexed_while_the_build_still_writes_and_a_failed_build_stops_it(split_site, tmp_path):
    """The hook writes case pages part by part; the Indexer starts a part once the page after its last is due."""
    site = tmp_path / "site"
    shutil.copytree(split_site.site, site, ignore=shutil.ignore_patterns(f"{OUTPUT}*"))
    slugs = sorted(p.stem for p in split_site.cases.glob("*.md"))
    parts = index_parts(slugs, per_index=3)
    order = sorted(slugs, key=lambda s: write_order(parts, s))
    first = run_order(parts)[0]
    assert not first.main and run_order(parts)[-1].main
    mine = [s for s in order if part_of(parts, s) == first]
    assert order[:len(mine)] == mine  # its pages are written first

    indexer = Indexer(site, parts, slugs)
    for slug in mine:
        indexer.before_write(slug)
        assert indexer.running is None  # the last of them is not on disk yet
    indexer.before_write(None)  # the next page is due: all of the part is written
    assert indexer.running is not None and indexer.running[0] == first
    indexer.abort()
    assert indexer.running is None and indexer.finish() == ""  # nothing left to do after an abort

    indexer = Indexer(site, parts, slugs)
    for slug in order:
        indexer.before_write(slug)
    indexer.finish()
    for part in parts:
        assert (site / part.output / "pagefind-entry.json").exists(), part.output


def test_a_library_without_cases_still_gets_a_search_index_of_its_other_pages(project):
    for case in project.cases.glob("*.md"):
        case.unlink()
    project.build()
    entry = json.loads((project.site / OUTPUT / "pagefind-entry.json").read_text(encoding="utf-8"))
    searchable = [p for p in project.site.rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert entry["languages"]["nl"]["page_count"] == len(searchable) >= 3
