"""Case pages filled into one rendering of the page template (goedvoorbeeld.engines.mkdocs.skeleton): every
page is what the template gives it, whatever the values, and a template that reads more of a page than the
shape covers turns the filling off. Real MkDocs builds are compared in tests/test_theme.py."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from jinja2 import DictLoader, Environment

from goedvoorbeeld.engines.mkdocs.skeleton import TEMPLATE, CasePages, values

# Material's ways of using a page's values: escaped, stripped of tags, raw, in a condition, and the table of
# contents and neighbours in loops and conditions.
MAIN = (
    "<title>{{ page.meta.title | e }} - Site</title>"
    "<meta name=description content=\"{{ page.meta.description | e }}\">"
    "<link rel=canonical href=\"{{ page.canonical_url | e }}\">"
    "<meta property=og:title content=\"{{ page.title | striptags | e }}\">"
    "<header>{{ page.meta.title }}</header>"
    "{% if page.toc | first is defined %}<a href=\"{{ (page.toc | first).url }}\">skip</a>{% endif %}"
    "<nav>{% for item in page.toc %}<a href=\"{{ item.url }}\">{{ item.title }}</a>{% endfor %}</nav>"
    "{% if page.edit_url %}<a href=\"{{ page.edit_url }}\" rel=edit>{% if '/blob/' in page.edit_url %}raw{% endif %}</a>{% endif %}"
    "{% if '<h1' not in page.content %}<h1>{{ page.title }}</h1>{% endif %}{{ page.content }}"
    "{% if page.previous_page %}<a rel=prev>{{ page.previous_page.title }}</a>{% endif %}"
    "<footer>{{ page.meta.og_type }}</footer>"
)


@dataclass
class Item:
    title: str
    url: str
    level: int = 2
    children: list = field(default_factory=list)


@dataclass
class FakePage:
    """The attributes of an MkDocs page that the templates read (and one they should not: `file`)."""

    slug: str
    title: str = "Een gewone titel"
    description: str = "Een korte samenvatting van het voorbeeld."
    content: str = "<p>Tekst.</p>"
    toc: list = field(default_factory=lambda: [Item("Aanleiding", "#aanleiding"), Item("Lessen", "#lessen")])
    previous_page: object = None
    next_page: object = None
    is_homepage: bool = False
    file: object = None

    def __post_init__(self):
        self.meta = {"title": self.title, "description": self.description, "og_type": "article",
                     "template": TEMPLATE}
        self.url = f"voorbeelden/{self.slug}/"
        self.canonical_url = f"https://example.org/voorbeelden/{self.slug}/"
        self.edit_url = f"https://example.org/edit/main/cases/{self.slug}.md"


def _env(main: str = MAIN) -> tuple[Environment, CasePages]:
    env = Environment(loader=DictLoader({"main.html": main}))
    pages = CasePages(env)
    env.globals["gv_case_page"] = pages
    return env, pages


def _render_all(pages: list[FakePage], main: str = MAIN) -> tuple[list[str], list[str], CasePages]:
    """Each page through the case template (filled where it can be) and through main.html itself."""
    env, case_pages = _env(main)
    filled = [env.get_template(TEMPLATE).render(page=p, base_url="../..") for p in pages]
    full = [env.get_template("main.html").render(page=p, base_url="../..") for p in pages]
    return filled, full, case_pages


def test_filled_pages_equal_the_template_rendered_for_each_page():
    pages = [FakePage(f"voorbeeld-{i}", title=f"Voorbeeld {i} over inspraak", content=f"<p>Tekst {i}.</p>")
             for i in range(6)]
    pages += [FakePage("met-kop", content="<h1>Eigen kop</h1><p>Tekst.</p>"),  # a shape of its own
              FakePage("met-kop-2", content="<h1>Nog een kop</h1>"), FakePage("met-kop-3", content="<h1>x</h1>"),
              FakePage("meer-secties", toc=[Item("Aanleiding", "#aanleiding"), Item("Meer", "#meer")]),
              FakePage("na", previous_page=FakePage("ervoor")), FakePage("na-2", previous_page=FakePage("x"))]
    filled, full, case_pages = _render_all(pages)
    assert filled == full
    assert case_pages.filled == 5 + 2  # the first page of each shape is rendered in full


@pytest.mark.parametrize("title", ["Zoeken & vinden", "A <b>vet</b>", 'Het "open" huis', "Het 'open' huis",
                                   "Twee  spaties", " Voorloop", "Naloop ", "Regel\neinde", "Merk \ue000"])
def test_a_value_that_a_filter_would_change_is_rendered_in_full(title):
    page = FakePage("v", title=title)
    assert values(page) is None
    pages = [FakePage("a"), FakePage("b"), page, FakePage("c")]
    filled, full, case_pages = _render_all(pages)
    assert filled == full
    assert case_pages.filled == 2  # "b" and "c": the odd page is rendered in full


def test_plain_values_are_filled():
    assert values(FakePage("v", title="Open data bij de gemeente (2024), deel 2")) == {
        "Title": "Open data bij de gemeente (2024), deel 2",
        "Description": "Een korte samenvatting van het voorbeeld.",
        "Address": "https://example.org/voorbeelden/v/", "Edit": "https://example.org/edit/main/cases/v.md",
        "Content": "<p>Tekst.</p>"}


def test_a_template_that_reads_more_of_the_page_is_rendered_in_full_for_every_page():
    """The first two pages agree on `file`, a later one does not: the shape does not cover `file`, so no page
    may be filled, even though the skeleton reproduces the first page."""
    main = MAIN + "{% if page.file %}<p>bestand</p>{% endif %}"
    pages = [FakePage("a"), FakePage("b"), FakePage("c", file="c.md"), FakePage("d")]
    filled, full, case_pages = _render_all(pages, main)
    assert filled == full and "<p>bestand</p>" in filled[2]
    assert case_pages.filled == 0


def test_a_skeleton_that_does_not_give_the_first_page_back_is_not_used():
    """A template that prints a value the shape does not cover (here the page's own address)."""
    main = MAIN + "<p>{{ page.url }}</p>"
    pages = [FakePage(s) for s in "abcd"]
    filled, full, case_pages = _render_all(pages, main)
    assert filled == full
    assert case_pages.filled == 0


def test_full_pages_setting_renders_every_page(monkeypatch):
    monkeypatch.setenv("GV_FULL_PAGES", "1")
    filled, full, case_pages = _render_all([FakePage(s) for s in "abcd"])
    assert filled == full and case_pages.filled == 0


def test_a_page_whose_title_is_not_its_front_matter_title_is_rendered_in_full():
    """The templates print `page.title` in some places and `page.meta.title` in others; a page where they
    differ cannot be filled from one title."""
    odd = FakePage("v")
    odd.title = "Een andere titel"
    assert values(odd) is None
    filled, full, case_pages = _render_all([FakePage("a"), FakePage("b"), odd])
    assert filled == full and "Een andere titel" in filled[2] and case_pages.filled == 1
