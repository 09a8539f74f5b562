"""What makes the site trustworthy, read from the built files: the trust pages and their one-place facts,
the footer on every page, Dutch titles, dates, and tables labelled for phones (goedvoorbeeld.site.tables)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import yaml

from conftest import ROOT
import goedvoorbeeld.site.trust as trust
from goedvoorbeeld.site.facts import Settings
from goedvoorbeeld.site.tables import label_cells


def settings() -> dict:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config


class Cells(HTMLParser):
    """Every table cell of a fragment: (tag, data-label or None, text)."""

    def __init__(self):
        super().__init__()
        self.cells: list[list] = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._open = [tag, dict(attrs).get("data-label"), ""]
            self.cells.append(self._open)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data


def cells(html: str) -> list[list]:
    parser = Cells()
    parser.feed(html)
    return parser.cells


# -- tables: the name of the column on every cell ------------------------------------------------------

def test_every_body_cell_gets_the_name_of_its_column():
    html = ('<table><thead><tr><th>Code</th><th>Wat is er <em>mis</em> &amp; waarom</th><th>"Soort"</th></tr>'
            '</thead><tbody><tr><td>GV001</td><td align="left">iets</td><td>fout</td></tr>'
            '<tr><th scope="row">GV002</th><td>anders</td><td>waarschuwing</td></tr></tbody></table>')
    body = [c for c in cells(label_cells(html)) if c[2] not in ("Code", "Wat is er mis & waarom", '"Soort"')]
    assert [c[1] for c in body] == ["Code", "Wat is er mis & waarom", '"Soort"'] * 2
    assert label_cells(html).count('align="left"') == 1


def test_a_cell_spanning_columns_is_left_unlabelled_and_the_next_cell_keeps_its_own_column():
    html = ('<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead>'
            '<tbody><tr><td colspan="2">ab</td><td>c</td></tr></tbody></table>')
    assert [(c[2], c[1]) for c in cells(label_cells(html)) if c[0] == "td"] == [("ab", None), ("c", "C")]


def test_a_table_without_a_header_row_and_a_page_without_tables_stay_as_they_are():
    plain = "<table><tbody><tr><td>1</td></tr></tbody></table>"
    assert label_cells(plain) == plain
    assert label_cells("<p>geen tabel</p>") == "<p>geen tabel</p>"


def test_generated_and_markdown_tables_of_the_built_site_are_labelled(built_fixture_site):
    for page in ("top-5/index.html", "bijdragen/index.html", "overzicht/index.html"):
        html = (built_fixture_site.site / page).read_text(encoding="utf-8")
        body = [c for c in cells(html.split("<tbody>", 1)[1]) if c[0] == "td"] if "<tbody>" in html else []
        assert body, page
        assert all(c[1] for c in body), page


# -- the trust pages and their facts from mkdocs.yml ----------------------------------------------------

def test_contact_and_accessibility_pages_give_the_editors_address_from_mkdocs_yml(built_fixture_site):
    extra = settings()["extra"]["goedvoorbeeld"]
    for page in ("contact", "toegankelijkheid", "privacy"):
        html = (built_fixture_site.site / page / "index.html").read_text(encoding="utf-8")
        assert f'href="mailto:{extra["editors"]}"' in html, page
    contact = (built_fixture_site.site / "contact" / "index.html").read_text(encoding="utf-8")
    assert f'href="{extra["owner_url"]}"' in contact
    about = (built_fixture_site.site / "over" / "index.html").read_text(encoding="utf-8")
    assert f'href="{extra["source"]}"' in about
    for page in ("toegankelijkheid", "privacy", "contact"):
        assert f'href="../{page}/"' in about, page


def test_without_settings_the_trust_pages_name_the_editors_in_words_and_link_nothing():
    empty = Settings()
    for block in trust.BLOCKS.values():
        assert "<a " not in block(empty, "../")
    assert trust.editors(empty, "") == "de redactie van Goed Voorbeeld"
    address = "redactie@voorbeeld.nl"
    assert trust.editors(Settings(editors=address), "") == f'<a href="mailto:{address}">{address}</a>'


def test_the_accessibility_statement_names_its_standard_checks_limits_and_date(built_fixture_site):
    text = (built_fixture_site.site / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
    for words in ("WCAG 2.1", "EN 301 549", "axe-core", "320", "390", "1280", "schermlezer", "deskundige",
                  "Bekende problemen", "Een probleem melden"):
        assert words in text, words
    assert re.search(r"opgesteld op \d{1,2} [a-z]+ \d{4}", text)
    assert "voldoet volledig" not in text


# -- every page ------------------------------------------------------------------------------------------

def test_every_page_has_the_footer_links_a_dutch_title_and_dates_with_their_year(built_fixture_site):
    site = built_fixture_site.site
    name = settings()["site_name"]
    prefix = urlsplit(settings()["site_url"]).path
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if "<footer" not in html:  # a redirect page or a fragment
            continue
        footer = html.split("<footer", 1)[1]
        here = prefix + str(path.relative_to(site)).removesuffix("index.html")
        linked = {urljoin("http://host" + here, h)[len("http://host" + prefix):]
                  for h in re.findall(r'href="([^"]+)"', footer)}
        for target in ("toegankelijkheid/", "privacy/", "contact/", "bijdragen/"):
            assert target in linked, (path, target)
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
        assert "Tag:" not in title and "Handout" not in title and "Not found" not in title, (path, title)
        assert title.count(name) == 1, (path, title)
        assert not re.search(r"17 juni(?! \d{4})", html), path
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>(.*?)</title>", home).group(1) == name


def test_the_404_page_is_dutch_with_search_and_the_main_links(built_fixture_site):
    html = (built_fixture_site.site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Pagina niet gevonden</h1>" in html and "Not found" not in html
    assert 'id="gv-notfound-q"' in html
    for target in ("voorbeelden/", "top-5/", "tags/", "bijdragen/", "contact/"):
        assert f'/{target}"' in html, target


# -- charts readable on a phone ---------------------------------------------------------------------------

def test_a_long_chart_label_wraps_between_words_onto_lines_that_fit_the_picture():
    from goedvoorbeeld.site.charts import LABEL_CHARS, Bar, bar_chart

    label = "Een erg lange naam voor een tag die op een telefoon niet op één regel past"
    html = bar_chart("c", "x", "y", [Bar(label, 2), Bar("Kort", 1)])
    lines = re.findall(r"<tspan[^>]*>(.*?)</tspan>", html)
    assert len(lines) > 1 and " ".join(lines) == label
    assert all(len(line) <= LABEL_CHARS for line in lines)
    assert "<text x=\"0\" y=\"" in html and ">Kort</text>" in html  # a short label stays one line
    bars = [float(y) for y in re.findall(r'<rect x="0" y="([\d.]+)"', html)]
    assert bars[0] >= 14 + 18 * (len(lines) - 1)  # the first bar sits below all lines of its label


def test_an_editors_setting_that_is_no_mail_address_stops_the_build_with_a_dutch_message(project):
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "editors: redactie@example.org", "editors: de redactie"), encoding="utf-8")
    result = project.build(check=False)
    assert result.returncode == 1
    assert ("mkdocs.yml: extra.goedvoorbeeld.editors moet het e-mailadres van de redactie zijn "
            "(zoals redactie@voorbeeld.nl), niet 'de redactie'") in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_trust_settings_that_can_be_used_raise_nothing():
    assert trust.setting_problems(settings()["extra"]["goedvoorbeeld"]) == []
    assert trust.setting_problems({}) == []
    assert len(trust.setting_problems({"editors": "a@b", "owner_url": "www.open-overheid.nl"})) == 2
