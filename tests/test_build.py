"""The site is built by real MkDocs from a temporary library."""

from __future__ import annotations

import re

from conftest import make_project

BROKEN = """---
title: Kapot voorbeeld
summary: Dit voorbeeld heeft een onbekende tag en mag niet gepubliceerd worden.
organisation: Gemeente Testdorp
level: gemeente
status: lopend
year: 2020
tags: [burger-betrekken]
added: 2026-01-01
---

## Aanleiding

Tekst.

## Aanpak

Tekst.
"""


def test_strict_build_makes_a_page_for_every_case(built_fixture_site):
    site = built_fixture_site.site
    slugs = sorted(p.stem for p in built_fixture_site.cases.glob("*.md"))
    assert len(slugs) == 10
    for slug in slugs:
        page = (site / "voorbeelden" / slug / "index.html").read_text(encoding="utf-8")
        assert 'class="gv-meta"' in page
    page = (site / "voorbeelden" / "participatie-provincie" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Participatie bij de omgevingsvisie" in page
    assert "Provincie Voorbeeldland" in page and "Pilot" in page
    assert re.search(r'href="[^"]*/edit/main/cases/participatie-provincie\.md"', page)
    for section in ("Aanleiding", "Aanpak", "Resultaat"):
        assert f">{section}</h2>" in page or f">{section}<" in page


def test_case_pages_stay_out_of_the_navigation(built_fixture_site):
    page = (built_fixture_site.site / "voorbeelden" / "regio-open-data" / "index.html").read_text(encoding="utf-8")
    start = page.index("md-nav--primary")
    nav = page[start:page.index("md-sidebar--secondary", start)]
    assert "Voorbeelden" in nav and "Bijdragen" in nav
    assert "participatie-provincie" not in nav and "klantreis-uitvoering" not in nav


def test_no_request_to_google_fonts(built_fixture_site):
    for page in built_fixture_site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, page


def test_broken_case_fails_the_build_with_the_checkers_line(project):
    project.write_case("kapot-voorbeeld", BROKEN)
    result = project.build(check=False)
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert ("cases/kapot-voorbeeld.md:8:8: error GV104: tags: onbekende tag 'burger-betrekken'; "
            "bedoelde je 'burgers-betrekken'?") in out
    assert "Traceback" not in out


def test_case_page_does_not_grow_with_the_library(tmp_path):
    small = make_project(tmp_path / "small")
    big = make_project(tmp_path / "big")
    template = (big.cases / "regio-open-data.md").read_text(encoding="utf-8")
    for i in range(60):
        big.write_case(f"extra-voorbeeld-{i:03d}", template.replace("Open data in de regio", f"Extra voorbeeld {i}"))
    small.build("--strict")
    big.build("--strict")
    a = (small.site / "voorbeelden" / "participatie-provincie" / "index.html").stat().st_size
    b = (big.site / "voorbeelden" / "participatie-provincie" / "index.html").stat().st_size
    assert abs(a - b) < 200, (a, b)
