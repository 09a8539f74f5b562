"""Material's navigation rendered once for the pages outside it (goedvoorbeeld.engines.mkdocs.theme) gives the same site."""

from __future__ import annotations

from conftest import make_project


def test_shared_navigation_gives_byte_identical_pages(tmp_path, monkeypatch):
    """The site with docs/overrides/partials/nav.html and tabs.html (rendered once per folder) equals the site
    built with Material's own partials on every page: case pages, lists, tags, the pages in the navigation."""
    monkeypatch.setenv("GV_SKIP_SEARCH_INDEX", "1")  # the index is not what is compared
    shared = make_project(tmp_path / "shared")
    material = make_project(tmp_path / "material")
    for name in ("nav.html", "tabs.html"):
        (material.root / "docs" / "overrides" / "partials" / name).unlink()
    shared.build("--strict")
    material.build("--strict")
    pages = sorted(p.relative_to(shared.site) for p in shared.site.rglob("*.html"))
    assert pages == sorted(p.relative_to(material.site) for p in material.site.rglob("*.html"))
    case_pages = [p for p in pages if p.parts[0] == "voorbeelden" and len(p.parts) == 3]
    assert len(case_pages) >= 5 and any(p.parts[0] == "tags" for p in pages)
    standalone = [p for p in pages if "presentatie" in p.parts]  # the slides: no Material chrome at all
    assert standalone and len(standalone) < len(pages) // 4
    for page in pages:
        html = (shared.site / page).read_text(encoding="utf-8")
        if page not in standalone:
            assert 'class="md-tabs"' in html and "md-nav--primary" in html, page
        assert html == (material.site / page).read_text(encoding="utf-8"), page
