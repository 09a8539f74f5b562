"""The routes to add a case: the form on the site first, mail to the editors second, GitHub after."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORM = "bijdragen/nieuw"


def _article(page: Path) -> str:
    """The page's own content (the header, navigation and table of contents left out)."""
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def _form_target(page: Path, site: Path) -> int:
    """Where in the content the first link to the form is, checking that it resolves to the form."""
    html = _article(page)
    for m in re.finditer(r'href="([^"#]*)"', html):
        href = m.group(1)
        if "://" in href or not href.rstrip("/").endswith("nieuw"):
            continue
        assert (page.parent / href).resolve() == (site / FORM).resolve(), href
        return m.start()
    raise AssertionError(f"{page.relative_to(site)} has no link to the form")


def test_the_guide_offers_the_form_then_mail_then_github(built_fixture_site):
    site = built_fixture_site.site
    page = site / "bijdragen" / "index.html"
    html = _article(page)
    form = _form_target(page, site)
    mail = html.index("Mail naar de redactie")
    github = html.index("issues/new")  # the first GitHub route: the issue form
    assert form < mail < github


def test_the_home_page_offers_the_form_before_the_github_routes(built_fixture_site):
    site = built_fixture_site.site
    page = site / "index.html"
    html = _article(page)
    form = _form_target(page, site)
    assert form < html.index("redactie", form)
    assert 'href="bijdragen/"' in html[form:]  # the guide, for the other routes


def test_contributing_md_offers_the_form_and_mail_before_github():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    form = text.index("/bijdragen/nieuw/")
    mail = text.index("Mail naar de redactie")
    github = text.index("https://github.com/")
    assert form < mail < github
    assert "goedvoorbeeld from-mail" in text
