"""Case pages from one rendering of Material's page template.

Every case page is the same Material page around its own values: title, summary, address, edit link and the
case's HTML. Rendering Material's `main.html` for each of them was the largest cost of writing the pages
(about 1.5 of 4 s of a plain 1,000-case build). Here the template is rendered once for a *shape* of page with
markers in place of those values (a skeleton), and each page of that shape is the skeleton with its own
values put in: a few string joins instead of a template.

The shape is everything else of a page that the templates read: the folder (relative links), the table of
contents (the optional sections differ between cases), the other front matter and whether the text has its
own `<h1>`. A page in the navigation (with neighbours, or the home page) is always rendered in full. A page is filled from a skeleton only when it is as safe as rendering:
- its values look the same through every filter the templates apply to them (escaping, `striptags`,
  nothing at all), that is: no `<>&"'`, no runs of white space, no marker characters;
- the first page of a shape is rendered in full; at the second, the skeleton (made from the second page)
  filled with the *first* page's values must give the first page's HTML byte for byte, and every attribute
  the templates read of the page must be one of those the shape or the values cover (a theme update that
  reads another one turns the skeleton off).
Anything else is rendered by Material as before. What the checks cannot see is a template that tests a page's
own address or text for something other than `<h1` and prints nothing of it, where the first two pages of a
shape agree and a later one does not; Material's templates and ours do not. `GV_FULL_PAGES=1` renders every page in full;
tests/test_theme.py builds a site both ways and compares every page.
"""

from __future__ import annotations

import os
import re

from jinja2 import ChoiceLoader, DictLoader, Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

TEMPLATE = "goedvoorbeeld/case-page.html"  # the case pages' template: the global below fills in the page
_FIELDS = ("Title", "Description", "Address", "Edit", "Content")
_MARK = {f: f"\ue000Gv{f}\ue001" for f in _FIELDS}  # private-use characters, both cases: no filter keeps a
_SPLIT = re.compile("(" + "|".join(re.escape(m) for m in _MARK.values()) + ")")  # changed marker intact
_BY_MARK = {m: f for f, m in _MARK.items()}
_INERT = re.compile(r"[^\s<>&\"'\ue000-\uf8ff]+(?: [^\s<>&\"'\ue000-\uf8ff]+)*")
_OWN_META = ("title", "description")  # front matter that is a value of the page, not part of its shape
# Attributes of a page the templates may read: the values above, and those the shape covers.
_COVERED = frozenset({"title", "content", "canonical_url", "edit_url", "meta", "toc", "url", "previous_page",
                      "next_page", "is_homepage"})


def _toc(items) -> tuple:
    return tuple((i.title, i.url, i.level, _toc(i.children)) for i in items)


def shape(page, base_url: str) -> tuple:
    """What, besides its own values, decides a case page's HTML."""
    return (str(base_url), page.url.rstrip("/").rpartition("/")[0], _toc(page.toc),
            tuple(sorted((k, repr(v)) for k, v in page.meta.items() if k not in _OWN_META)),
            "<h1" in (page.content or ""))


def values(page) -> dict[str, str] | None:
    """The page's own values by field, or None when one of them could look different through a filter."""
    got = {"Title": page.meta.get("title"), "Description": page.meta.get("description"),
           "Address": page.canonical_url, "Edit": page.edit_url}
    if not all(isinstance(v, str) and _INERT.fullmatch(v) for v in got.values()) or page.title != got["Title"]:
        return None
    if page.previous_page is not None or page.next_page is not None or page.is_homepage:
        return None  # a page in the navigation (a case page never is)
    content = page.content or ""
    if any(m in content for m in _MARK.values()):
        return None
    return {**got, "Content": content}


class _Probe:
    """A page whose own values are markers; records which attributes the templates read."""

    def __init__(self, page):
        self._page, self.read = page, set()
        self.meta = {**page.meta, "title": _MARK["Title"], "description": _MARK["Description"]}
        self.content = _MARK["Content"] + ("<h1" if "<h1" in (page.content or "") else "")

    def __getattr__(self, name):
        self.read.add(name)
        own = {"title": _MARK["Title"], "canonical_url": _MARK["Address"], "edit_url": _MARK["Edit"]}
        return own[name] if name in own else getattr(self._page, name)


class _Skeleton:
    def __init__(self, html: str, content_has_h1: bool):
        if content_has_h1:
            html = html.replace(_MARK["Content"] + "<h1", _MARK["Content"])
        self.parts = _SPLIT.split(html)  # text, marker, text, marker, ..., text

    def fill(self, own: dict[str, str]) -> str:
        return "".join(own[_BY_MARK[p]] if i % 2 else p for i, p in enumerate(self.parts))


class CasePages:
    """A Jinja global: `{{ gv_case_page() }}`, the case page of the current context (see the module)."""

    def __init__(self, env: Environment, main: str = "main.html"):
        env.loader = ChoiceLoader([DictLoader({TEMPLATE: "{{ gv_case_page() }}"}), env.loader])
        self._env, self._main = env, main
        self._full = bool(os.environ.get("GV_FULL_PAGES"))
        self._first: dict[tuple, tuple[dict[str, str], str]] = {}  # shape -> first page's values and HTML
        self._skeletons: dict[tuple, _Skeleton | None] = {}  # shape -> skeleton (None: render in full)
        self.filled = 0  # pages made from a skeleton (tests prove the fast way ran)

    @pass_context
    def __call__(self, context: Context) -> Markup:
        variables = context.get_all()
        page = variables["page"]
        own = None if self._full else values(page)
        if own is None:
            return Markup(self._render(variables))
        key = shape(page, variables["base_url"])
        skeleton = self._skeletons.get(key, False)
        if skeleton is False:
            first = self._first.get(key)
            if first is None:  # the first page of its shape: in full, kept to check the skeleton against
                html = self._render(variables)
                self._first[key] = (own, html)
                return Markup(html)
            skeleton = self._skeleton(variables, page, key, first)
        if skeleton is None:
            return Markup(self._render(variables))
        self.filled += 1
        return Markup(skeleton.fill(own))

    def _render(self, variables: dict) -> str:
        return self._env.get_template(self._main).render(variables)

    def _skeleton(self, variables: dict, page, key: tuple, first: tuple[dict[str, str], str]) -> _Skeleton | None:
        probe = _Probe(page)
        skeleton = _Skeleton(self._render({**variables, "page": probe}), "<h1" in (page.content or ""))
        if probe.read - _COVERED or skeleton.fill(first[0]) != first[1]:
            skeleton = None
        self._skeletons[key] = skeleton
        del self._first[key]
        return skeleton
