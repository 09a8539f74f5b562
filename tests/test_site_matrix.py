"""Every kind of page at phone and desktop widths: what a visitor judging the site sees.

One built site (the session's `built_fixture_site`), served as on GitHub Pages: under the path of `site_url`
with 404.html for an unknown address. One browser, one page per width, reused across all kinds of page. On
each: no sideways scroll (WCAG 1.4.10), no visible text under 12 px (SVG text measured as drawn), no English
interface words in visible text, the title or ARIA labels, one h1 and no skipped heading level, the footer's
links resolving, and no serious or critical axe-core violation.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, run_axe

WIDTHS = {320: 568, 390: 844, 1280: 900}  # viewport width -> height (small phone, common phone, desktop)

# kind of page -> address under the site's root
PAGES = {
    "home": "",
    "case": "voorbeelden/participatie-provincie/",
    "list": "voorbeelden/",
    "filtered list": "voorbeelden/?tag=burgers-betrekken",
    "tag": "tags/burgers-betrekken/",
    "top-5": "top-5/",
    "ranking": "top-5/rangorde/",
    "handout": "top-5/handout/",
    "game": "top-5/spel/",
    "game cards": "top-5/spel/kaarten/",
    "share": "top-5/delen/",
    "selections": "selecties/",
    "overview": "overzicht/",
    "guide": "bijdragen/",
    "case form": "bijdragen/nieuw/",
    "about": "over/",
    "accessibility": "toegankelijkheid/",
    "privacy": "privacy/",
    "contact": "contact/",
    "404": "deze-pagina-bestaat-niet/",
}
GUIDE = {"guide", "case form"}  # the contributor guide and the form may explain GitHub and its terms

# English a Dutch visitor must not meet: interface words of the theme, and git words on visitor pages.
INTERFACE_WORDS = ["Home", "Header", "Footer", "Tabs", "Search", "Skip", "Next", "Previous", "Not found",
                   "Tag:", "Handout", "Table of contents", "Back to top", "Edit this page"]
GIT_WORDS = ["pull request", "repository", "front matter", "slug"]

FOOTER = ["toegankelijkheid/", "privacy/", "contact/", "bijdragen/"]


def _prefix() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return urlsplit(config["site_url"]).path


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its path, and 404.html with status 404 for anything else (as GitHub Pages does)."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        path = "/" + path[len(self.prefix):] if path.startswith(self.prefix) else "/nergens/"
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_fixture_site):
    """The built fixture site on 127.0.0.1 under the path of `site_url`; yields its root address."""
    prefix = _prefix()
    handler = type("Handler", (_PagesHandler,), {"prefix": prefix})
    serve_site = functools.partial(handler, directory=str(built_fixture_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), serve_site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()


@pytest.fixture(scope="module")
def views(browser):
    """One page per width, reused for every address."""
    contexts = {w: browser.new_context(viewport={"width": w, "height": h}, locale="nl-NL") for w, h in WIDTHS.items()}
    pages = {w: c.new_page() for w, c in contexts.items()}
    for pg in pages.values():
        pg.requests = []
        pg.on("request", lambda r, pg=pg: pg.requests.append(r.url))
    yield pages
    for c in contexts.values():
        c.close()


def open_page(pg, url: str, kind: str):
    pg.requests.clear()
    response = pg.goto(url)
    if kind == "filtered list":
        pg.wait_for_selector("#gv-filter-results:not([hidden]) #gv-filter-list > li")
    return response


# What the page shows, measured in the browser: sideways scroll, text under 12 px, the words a visitor
# reads or hears, headings and the footer's links (each fetched).
MEASURE = """async () => {
  const out = {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
               small: [], text: [], headings: [], footer: [], lang: document.documentElement.lang};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const el = node.parentElement;
    if (!text || !el || el.closest("script, style, template, noscript")) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    out.text.push(text);
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {  // drawn at the picture's scale
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    const where = `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") || ""}">`;
    if (size < 11.95) out.small.push(`${text.slice(0, 40)} (${size.toFixed(1)} px, ${where})`);
  }
  for (const el of document.querySelectorAll("[aria-label], [title], [alt], [placeholder]")) {
    for (const a of ["aria-label", "title", "alt", "placeholder"]) {
      if (el.hasAttribute(a)) out.text.push(el.getAttribute(a));
    }
  }
  for (const el of document.querySelectorAll("svg title")) out.text.push(el.textContent);
  out.text.push(document.title);
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    if (h.checkVisibility()) out.headings.push([Number(h.tagName[1]), h.textContent.trim().slice(0, 40)]);
  }
  const links = [...document.querySelectorAll(".md-footer a")].map(a => a.href)
    .filter(h => h.startsWith(location.origin));
  out.footer = await Promise.all([...new Set(links)].map(async h => [new URL(h).pathname, (await fetch(h)).status]));
  return out;
}"""


def english_words(texts: list[str], kind: str) -> list[str]:
    words = INTERFACE_WORDS + ([] if kind in GUIDE else GIT_WORDS)
    found = []
    for w in words:
        pattern = re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])", re.IGNORECASE if " " in w or w in GIT_WORDS else 0)
        found += [f"{w!r} in {t[:80]!r}" for t in texts if pattern.search(t)]
    return found


def heading_problems(headings: list[list]) -> list[str]:
    problems = []
    if [level for level, _ in headings].count(1) != 1:
        problems.append(f"not one h1: {headings}")
    previous = 0
    for level, text in headings:
        if level > previous + 1:
            problems.append(f"h{level} {text!r} after h{previous}")
        previous = level
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_page_reflows_reads_dutch_and_passes_axe(views, site_url, width, kind):
    pg = views[width]
    response = open_page(pg, site_url + PAGES[kind], kind)
    assert response.status == (404 if kind == "404" else 200)
    seen = pg.evaluate(MEASURE)
    problems = []
    if seen["scrollWidth"] > seen["innerWidth"]:
        problems.append(f"scrolls sideways: {seen['scrollWidth']} px wide in {seen['innerWidth']} px")
    problems += [f"text under 12 px: {s}" for s in seen["small"]]
    problems += [f"English: {e}" for e in english_words(seen["text"], kind)]
    problems += heading_problems(seen["headings"])
    if seen["lang"] != "nl":
        problems.append(f"lang={seen['lang']!r}")
    footer = {path[len(urlsplit(site_url).path):]: status for path, status in seen["footer"]}
    problems += [f"footer lacks a link to /{p}" for p in FOOTER if p not in footer]
    problems += [f"footer link /{p} answers {s}" for p, s in footer.items() if s != 200]
    origin = urlsplit(site_url).netloc
    problems += [f"request to another host: {u}" for u in pg.requests if urlsplit(u).netloc != origin]
    problems += [f"axe {v['impact']}: {v['id']} {v['help']} {v['nodes']}" for v in run_axe(pg)]
    assert not problems, f"{kind} at {width} px:\n" + "\n".join(problems)


# -- what a phone visitor meets first -----------------------------------------------------------------

@pytest.mark.parametrize("width", [320, 390])
def test_on_a_phone_the_filters_fold_and_the_first_case_shows_on_the_first_screen(views, site_url, width):
    pg = views[width]
    open_page(pg, site_url + "voorbeelden/", "list")
    assert pg.is_visible("summary:text('Filter de voorbeelden')")
    assert not pg.is_visible("#gv-filter-q")  # folded
    first = pg.locator("#gv-all ol.gv-list > li").first.bounding_box()
    assert first["y"] + 40 <= WIDTHS[width], f"first case starts at {first['y']} px on a {WIDTHS[width]} px screen"
    pg.click("summary:text('Filter de voorbeelden')")
    assert pg.is_visible("#gv-filter-q")


def test_on_a_wide_screen_the_filters_are_open(views, site_url):
    pg = views[1280]
    open_page(pg, site_url + "voorbeelden/", "list")
    assert pg.is_visible("#gv-filter-q")


@pytest.mark.parametrize("width", WIDTHS)
def test_lists_sorted_newest_first_show_the_date_added(views, site_url, width):
    pg = views[width]
    for kind in ("list", "filtered list", "tag"):
        open_page(pg, site_url + PAGES[kind], kind)
        items = "#gv-filter-list > li" if kind == "filtered list" else "#inhoud ol.gv-list > li"
        dates = pg.eval_on_selector_all(items, "lis => lis.map(li => { const t = li.querySelector('time');"
                                               " return t && t.checkVisibility() ? t.dateTime : null; })")
        assert dates and None not in dates, kind
        assert dates == sorted(dates, reverse=True), kind


@pytest.mark.parametrize("width", [320, 390])
def test_tables_become_rows_with_the_name_of_each_column_on_a_phone(views, site_url, width):
    pg = views[width]
    for kind in ("top-5", "guide"):
        open_page(pg, site_url + PAGES[kind], kind)
        tables = pg.evaluate("""() => [...document.querySelectorAll('#inhoud table')].map(table => {
          const names = [...table.querySelectorAll('thead th')].map(th => th.textContent.replace(/\\s+/g, ' ').trim());
          const row = table.querySelector('tbody tr');
          const cells = [...row.children];
          return {names, shown: cells.map(c => getComputedStyle(c, '::before').content.replace(/^"|"$/g, '')),
                  lefts: cells.map(c => Math.round(c.getBoundingClientRect().left)),
                  width: table.getBoundingClientRect().width};
        })""")
        assert tables, kind
        for t in tables:
            assert t["shown"] == t["names"][:len(t["shown"])], kind  # each value under its column's name
            assert len(set(t["lefts"])) == 1, kind  # the cells of a row stand under each other
            assert t["width"] <= width, kind


@pytest.mark.parametrize("width", WIDTHS)
def test_the_home_buttons_are_even_with_a_gap(views, site_url, width):
    pg = views[width]
    open_page(pg, site_url, "home")
    a, b = (pg.locator(".gv-actions .md-button").nth(i).bounding_box() for i in (0, 1))
    assert abs(a["width"] - b["width"]) <= 1
    gap = b["y"] - (a["y"] + a["height"]) if b["y"] > a["y"] + a["height"] / 2 else b["x"] - (a["x"] + a["width"])
    assert gap >= 8, f"gap of {gap} px"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_skip_link_comes_first_and_focus_is_clearly_visible(views, site_url, width):
    pg = views[width]
    open_page(pg, site_url + PAGES["case"], "case")
    pg.keyboard.press("Tab")
    pg.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")  # it fades in
    focused = pg.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
      return {text: e.textContent.trim(), outline: parseFloat(s.outlineWidth), style: s.outlineStyle}; }""")
    assert focused["text"] == "Naar de inhoud"
    assert focused["outline"] >= 2 and focused["style"] == "solid"
    pg.keyboard.press("Enter")
    assert pg.evaluate("location.hash") == "#inhoud"
    pg.keyboard.press("Tab")  # the next stop is inside the content, past header and navigation
    assert pg.evaluate("document.getElementById('inhoud').contains(document.activeElement)")
    ring = pg.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert ring >= 2


@pytest.mark.parametrize("width", WIDTHS)
def test_the_header_names_the_owner_of_the_site(views, site_url, width):
    owner = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["goedvoorbeeld"]["owner"]
    pg = views[width]
    open_page(pg, site_url, "home")
    assert pg.is_visible(f".md-header >> text={owner}")


def test_the_search_box_on_the_404_page_hands_its_words_to_the_site_search(views, site_url):
    pg = views[1280]
    response = open_page(pg, site_url + "voorbeelden/bestaat-niet/", "404")
    assert response.status == 404
    pg.fill("#gv-notfound-q", "omgevingsvisie")
    pg.press("#gv-notfound-q", "Enter")
    pg.wait_for_selector("#gv-search-list a")
    assert pg.input_value("#gv-search-input") == "omgevingsvisie"
    assert "participatie-provincie" in pg.get_attribute("#gv-search-list a >> nth=0", "href")
