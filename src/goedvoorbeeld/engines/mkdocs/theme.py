"""Material's navigation, rendered once for all pages that are not in it.

Material renders the site navigation (the drawer and the tabs) for every page. For a page that is not in the
navigation (every case page, list page and tag page) no item is active, so the result only depends on the
folder the page sits in (the links are relative to the page): it is the same for all 10,000 case pages.
Rendering it per page took about 2.4 of 21 profiled seconds of a 1,000-case build (about 0.5 s of 10 s
unprofiled).

`docs/overrides/partials/nav.html` and `tabs.html` call `SharedPartials`, which renders Material's own partial
(reachable as `material/partials/...`) and keeps the HTML per folder. A page in the navigation (whose item is
active or which shows its table of contents there), or one with a navigation page below it, is always
rendered afresh. tests/test_theme.py builds a site with and without this and compares every page.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

MATERIAL_PREFIX = "material"  # Material's own templates, also where docs/overrides shadows them


def _material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def _shared_key(page, nav) -> str | None:
    """The folder of a page whose navigation is the same as its neighbours', or None to render it afresh:
    the page is in the navigation, an item is active (as for a page in it) or a navigation page lies below
    it (a relative link to it would differ from a neighbour's)."""
    if page is None or nav is None or page.url in ("", "/"):
        return None
    if any(p is page or p.url.startswith(page.url) for p in nav.pages) or any(i.active for i in nav.items):
        return None
    return page.url.rstrip("/").rpartition("/")[0]


class SharedPartials:
    """A Jinja global: `{{ gv_shared("partials/nav.html") }}` renders Material's partial of that name."""

    def __init__(self, env: Environment):
        self._env = env
        self._html: dict[tuple[str, str, str], Markup] = {}  # (partial, folder, base_url)
        env.loader = ChoiceLoader([env.loader, PrefixLoader({MATERIAL_PREFIX: FileSystemLoader(
            str(_material_templates()))})])

    @pass_context
    def __call__(self, context: Context, name: str) -> Markup:
        template = self._env.get_template(f"{MATERIAL_PREFIX}/{name}")
        folder = _shared_key(context.get("page"), context.get("nav"))
        if folder is None:
            return Markup(template.render(context.get_all()))
        key = (name, folder, str(context.get("base_url")))
        html = self._html.get(key)
        if html is None:
            html = self._html[key] = Markup(template.render(context.get_all()))
        return html
