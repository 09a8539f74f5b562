"""Material's page, rendered less often, gives the same site: the navigation once per folder
(goedvoorbeeld.engines.mkdocs.theme) and the case pages filled into one rendering per shape
(goedvoorbeeld.engines.mkdocs.skeleton)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import make_project


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    """The fixture library built as always, verbose: the debug lines say how many case pages were filled."""
    project = make_project(tmp_path_factory.mktemp("default"))
    result = project.build("--strict", "-v")
    return project, result.stdout + result.stderr


def _pages(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("*.html"))


def _case_pages(pages: list[Path]) -> list[Path]:
    return [p for p in pages if p.parts[0] == "voorbeelden" and len(p.parts) == 3]


def _same_site(one: Path, other: Path) -> list[Path]:
    pages = _pages(one)
    assert pages == _pages(other)
    for page in pages:
        assert (one / page).read_text(encoding="utf-8") == (other / page).read_text(encoding="utf-8"), page
    return pages


def test_shared_navigation_gives_byte_identical_pages(default_build, tmp_path, monkeypatch):
    """The site with docs/overrides/partials/nav.html and tabs.html (rendered once per folder) equals the site
    built with Material's own partials on every page: case pages, lists, tags, the pages in the navigation."""
    monkeypatch.setenv("GV_SKIP_SEARCH_INDEX", "1")  # the index is not what is compared
    shared, _ = default_build
    material = make_project(tmp_path / "material")
    for name in ("nav.html", "tabs.html"):
        (material.root / "docs" / "overrides" / "partials" / name).unlink()
    material.build("--strict")
    (shared.site / "pagefind").rename(shared.root / "pagefind")  # only the HTML is compared
    try:
        pages = _same_site(shared.site, material.site)
    finally:
        (shared.root / "pagefind").rename(shared.site / "pagefind")
    assert len(_case_pages(pages)) >= 5 and any(p.parts[0] == "tags" for p in pages)
    standalone = [p for p in pages if "presentatie" in p.parts]  # the slides: no Material chrome at all
    assert standalone and len(standalone) < len(pages) // 4
    for page in pages:
        if page not in standalone:
            html = (shared.site / page).read_text(encoding="utf-8")
            assert 'class="md-tabs"' in html and "md-nav--primary" in html, page


def test_case_pages_filled_into_one_rendering_equal_material_rendering_each(default_build, tmp_path, monkeypatch):
    """With GV_FULL_PAGES=1 Material renders every case page; the default build fills most of them into a page
    rendered once per shape, and the two sites are the same file for file (search index left out)."""
    filled, output = default_build
    full = make_project(tmp_path / "full")
    monkeypatch.setenv("GV_FULL_PAGES", "1")
    monkeypatch.setenv("GV_SKIP_SEARCH_INDEX", "1")
    full.build("--strict")
    (filled.site / "pagefind").rename(filled.root / "pagefind")
    try:
        pages = _same_site(filled.site, full.site)
    finally:
        (filled.root / "pagefind").rename(filled.site / "pagefind")
    count = int(re.search(r"goedvoorbeeld: (\d+) voorbeeldpagina's gevuld", output).group(1))
    # the first page of each shape is rendered in full; every other plain case page is filled
    assert 0 < count < len(_case_pages(pages)), output
    assert count >= len(_case_pages(pages)) // 3
