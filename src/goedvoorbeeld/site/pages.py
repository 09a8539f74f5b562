"""The renderers of the site's pages, over the facts in `site.facts`.

`Site` knows nothing of MkDocs: the hook asks it for generated pages (as
Markdown), for the blocks that replace markers in hand-written pages, and
for the HTML around a case body.
"""

from __future__ import annotations

import functools
import re
from functools import cached_property

import nh3

import goedvoorbeeld.site.caseform as caseform
import goedvoorbeeld.site.five as five
import goedvoorbeeld.site.game as game
import goedvoorbeeld.site.render as render
import goedvoorbeeld.check.schema as schema
import goedvoorbeeld.site.search as search
import goedvoorbeeld.site.tables as tables
import goedvoorbeeld.site.trust as trust
import goedvoorbeeld.site.sharing as sharing
from goedvoorbeeld.site.browse import browse_url, filter_form
from goedvoorbeeld.check.cases import Case
from goedvoorbeeld.site.facts import SiteFacts
from goedvoorbeeld.site.charts import overview_page
from goedvoorbeeld.check.problems import CODES
from goedvoorbeeld.rank.ranking import Ranked
from goedvoorbeeld.site.render import esc, href
from goedvoorbeeld.check.safety import is_protocol_relative, url_scheme

PAGE_SIZE = render.PAGE_SIZE  # cases per page of the plain list at /voorbeelden/
# Generated pages that the navigation in mkdocs.yml may list; all others stay out of the nav.
NAV_PAGES = (render.CASES_INDEX, "overzicht.md")


class Site(SiteFacts):
    """The facts of the site and the renderers of its pages: generated pages as Markdown, the blocks that
    replace markers in hand-written pages, and the HTML around a case body."""

    # -- generated pages ----------------------------------------------------
    def generated_pages(self) -> dict[str, str]:
        """src_uri -> Markdown for every page that is not a file in docs/."""
        pages = {render.case_source(c.slug): self.case_markdown(c) for c in self.library.cases}
        chunks = [self.newest[i:i + PAGE_SIZE] for i in range(0, len(self.newest), PAGE_SIZE)] or [[]]
        for n, chunk in enumerate(chunks, start=1):
            uri = render.CASES_INDEX if n == 1 else f"{render.CASES}pagina/{n}.md"
            pages[uri] = self.list_page(chunk, n, len(chunks))
        pages.update(five.pages(self))  # /top-5/, the handout and /selecties/
        pages.update(game.pages(self))  # /top-5/spel/ and its cards
        pages.update(sharing.pages(self))  # /top-5/delen/ and each selection's share page
        pages.update(self.tag_pages())
        pages["overzicht.md"] = overview_page(self.library.cases, self.library.vocabulary, render.base_for("overzicht/"))
        pages[caseform.PAGE] = caseform.page_markdown(caseform.form_data(
            self.library.vocabulary, editors=self.settings.editors, source=self.settings.source_url,
            branch=self.settings.branch))
        return pages

    def build_order(self, pages: dict[str, str]) -> list[str]:
        """The generated pages (src_uri -> Markdown) in the order to write them, so that the search index can
        be made while the rest is written: searchable pages first, then case pages part by part (see
        search.Indexer), then the lists and tables that search leaves out."""
        last = len(self.search_parts)

        def order(uri: str) -> int:
            slug = case_slug(uri)
            if slug is not None:
                return search.write_order(self.search_parts, slug)
            return last if _excluded_from_search(pages[uri]) else -1

        return sorted(pages, key=order)

    def case_markdown(self, case: Case) -> str:
        """A case page's Markdown: its title and description as metadata, then its sections."""
        meta = {"title": case.title, "description": case.summary, "og_type": "article", "gv_case": True}
        head = "\n".join(f"{k}: {render.yaml_str(v)}" for k, v in meta.items())
        body = "\n\n".join(f"## {s.title}\n\n{s.markdown}" for s in case.sections)
        return f"---\n{head}\n---\n\n{body}\n"

    def list_page(self, cases: list[Case], number: int, pages: int) -> str:
        page_url = render.CASES if number == 1 else f"{render.CASES}pagina/{number}/"
        base = render.base_for(page_url)
        total = len(self.library.cases)
        title = "Alle voorbeelden" if number == 1 else f"Alle voorbeelden, pagina {number}"
        first = (number - 1) * PAGE_SIZE + 1
        lines = [
            *render.unsearched_page(title, "Alle goede voorbeelden van open overheid, nieuwste eerst."),
            f'<p class="gv-count">{total} voorbeelden, nieuwste eerst'
            + (f"; dit zijn nummer {first} tot en met {first + len(cases) - 1}." if pages > 1 else ".") + "</p>",
            "",
            '<ol class="gv-list" start="%d">' % first,
        ]
        lines += [f"<li>{self.list_item(c, base)}</li>" for c in cases]
        lines.append("</ol>")
        if pages > 1:
            lines += ["", self.pager(number, pages, base)]
        if number == 1:
            lines = self.with_filters(lines, base)
        return "\n".join(lines) + "\n"

    def with_filters(self, lines: list[str], base: str) -> list[str]:
        """Page 1 of the list gets the filter form (hidden without JavaScript) above the count, the list and
        its pager wrapped in #gv-all (which the script hides while filters are set), and the script.
        The form has the same size at any library size; its data is fetched only when a visitor filters."""
        body = lines.index("---", 1) + 2  # the first line after the front matter and its blank line
        start = lines.index('<ol class="gv-list" start="1">')
        form = filter_form(self.library.vocabulary, self.library.cases, base)
        themes = (f'<p class="gv-browse-links">Zoek je op thema? Bekijk de <a href="{href(base, "tags/")}">tags</a>'
                  f' of het <a href="{href(base, "overzicht/")}">overzicht in cijfers</a>.</p>')
        return (lines[:body] + [themes, "", form, ""] + lines[body:start] + ['<div id="gv-all">'] + lines[start:]
                + ["</div>", "", f'<script src="{href(base, "assets/gv-browse.js")}" defer></script>'])

    # -- tag pages -------------------------------------------------------------
    def tag_pages(self) -> dict[str, str]:
        """src_uri -> Markdown: /tags/ and a page per tag (paged like the list)."""
        pages = {"tags/index.md": self.tags_index()}
        for slug, tag in self.library.vocabulary.tags.items():
            cases = self.cases_by_tag[slug]
            chunks = [cases[i:i + PAGE_SIZE] for i in range(0, len(cases), PAGE_SIZE)] or [[]]
            for n, chunk in enumerate(chunks, start=1):
                uri = f"tags/{slug}.md" if n == 1 else f"tags/{slug}/pagina/{n}.md"
                pages[uri] = self.tag_page(tag, chunk, len(cases), n, len(chunks))
        return pages

    def tags_index(self) -> str:
        base = render.base_for("tags/")
        lines = [*render.unsearched_page("Tags", "Alle tags van Goed Voorbeeld, per groep."), "# Tags", "",
                 "Elk voorbeeld heeft een of meer tags uit deze lijst. Kies een tag om de voorbeelden te zien.", ""]
        for g in self.library.vocabulary.groups:
            items = "".join(
                f'<li><a href="{href(base, f"tags/{t.slug}/")}">{esc(t.label)}</a> '
                f'({len(self.cases_by_tag[t.slug])})<span class="gv-list-summary">{esc(t.description)}</span></li>'
                for t in g.tags
            )
            lines += [f"## {esc(g.label)}", "", f"<p>{esc(g.description)}</p>", "", f'<ul class="gv-taglist">{items}</ul>', ""]
        return "\n".join(lines)

    def tag_page(self, tag, cases: list[Case], total: int, number: int, pages: int) -> str:
        path = f"tags/{tag.slug}/"
        page_url = path if number == 1 else f"{path}pagina/{number}/"
        base = render.base_for(page_url)
        group = next(g for g in self.library.vocabulary.groups if g.slug == tag.group)
        title = f"Voorbeelden met de tag {tag.label}" + ("" if number == 1 else f", pagina {number}")
        first = (number - 1) * PAGE_SIZE + 1
        count = f"{total} {'voorbeeld' if total == 1 else 'voorbeelden'} met deze tag, nieuwste eerst"
        if pages > 1:
            count += f"; dit zijn nummer {first} tot en met {first + len(cases) - 1}"
        lines = [
            *render.unsearched_page(title, tag.description),
            f"# {esc(title)}", "",
            f'<p class="gv-summary">{esc(tag.description)}</p>',
            f'<p>Groep: <a href="{href(base, "tags/")}">{esc(group.label)}</a>. '
            f'<a href="{browse_url(base, tag=tag.slug)}">Combineer deze tag met andere filters</a>.</p>', "",
            f'<p class="gv-count">{count}.</p>', "",
        ]
        if cases:
            lines.append(f'<ol class="gv-list" start="{first}">')
            lines += [f"<li>{self.list_item(c, base)}</li>" for c in cases]
            lines.append("</ol>")
        else:
            lines.append('<p class="gv-empty">Er zijn nog geen voorbeelden met deze tag.</p>')
        if pages > 1:
            lines += ["", self.pager(number, pages, base, path)]
        return "\n".join(lines) + "\n"

    def list_item(self, case: Case, base: str) -> str:
        text = self._list_texts.get(case.slug)
        if text is None:  # a case is listed on several pages (list, tags, related cases): escape it once
            level = schema.LEVELS[case.level]
            status = schema.STATUSES[case.status]
            text = self._list_texts[case.slug] = (
                f'{esc(case.title)}</a>'
                f'<span class="gv-list-meta">{esc(case.organisation)} · {esc(level)} · {esc(status)} · {case.year}'
                f' · <span class="gv-added">toegevoegd <time datetime="{case.added.isoformat()}">'
                f'{render.dutch_date(case.added)}</time></span></span>'
                f'<span class="gv-list-summary">{esc(case.summary)}</span>'
            )
        return f'<a href="{href(base, render.case_url(case.slug))}">{text}'

    @cached_property
    def _list_texts(self) -> dict[str, str]:
        return {}

    @staticmethod
    def pager(number: int, pages: int, base: str, path: str = render.CASES) -> str:
        """Previous, next, first and last, plus the pages around this one: constant size at any count."""
        def url(n: int) -> str:
            return href(base, path if n == 1 else f"{path}pagina/{n}/")

        shown = sorted({1, pages, *range(max(1, number - 2), min(pages, number + 2) + 1)})
        items = []
        if number > 1:
            items.append(f'<li><a href="{url(number - 1)}" rel="prev">Vorige</a></li>')
        last = 0
        for n in shown:
            if n - last > 1:
                items.append('<li aria-hidden="true">…</li>')
            if n == number:
                items.append(f'<li><a href="{url(n)}" aria-current="page">{n}</a></li>')
            else:
                items.append(f'<li><a href="{url(n)}">{n}</a></li>')
            last = n
        if number < pages:
            items.append(f'<li><a href="{url(number + 1)}" rel="next">Volgende</a></li>')
        return f'<nav class="gv-pager" aria-label="Paginanummers"><ul>{"".join(items)}</ul></nav>'

    # -- finished HTML kept out of Markdown ------------------------------------
    @cached_property
    def html_blocks(self) -> "HtmlBlocks":
        return HtmlBlocks()

    # -- blocks in hand-written pages ----------------------------------------
    MARKER = re.compile(r"<!--\s*gv:([a-z0-9-]+)\s*-->")

    def fill_markers(self, markdown: str, page_url: str) -> str:
        """Replace `<!-- gv:name -->` markers in a docs page with generated blocks."""
        base = render.base_for(page_url)

        def replace(m: re.Match) -> str:
            block = getattr(self, "block_" + m.group(1).replace("-", "_"), None)
            if block is None:
                if m.group(1) not in trust.BLOCKS:
                    raise KeyError(m.group(1))
                return trust.BLOCKS[m.group(1)](self.settings, base)
            return block(base)

        return self.MARKER.sub(replace, markdown)

    def block_de_vijf(self, base: str) -> str:
        links = (
            f'<p class="gv-five-links"><a href="{href(base, "top-5/")}">Zo kiezen we de vijf</a>'
            f' · <a href="{href(base, "top-5/handout/")}">Hand-out om af te drukken</a>'
            f' · <a href="{href(base, "selecties/")}">Eerder gedeeld</a></p>'
        )
        note = five.fewer_note(len(self.five), self.library.vocabulary.top)
        if not self.five:
            return note + links
        cards = [self.card(r, base, i) for i, r in enumerate(self.five, start=1)]
        return '<ol class="gv-cards" data-pagefind-ignore>\n' + "\n".join(cards) + "\n</ol>\n" + note + links

    def card(self, r: Ranked, base: str, number: int = 0) -> str:
        c = r.case
        tags = self.library.vocabulary.tags
        tag_items = "".join(f'<li><a href="{href(base, f"tags/{t}/")}">{esc(tags[t].label)}</a></li>' for t in c.tags)
        place = f'<span class="gv-card-rank" aria-hidden="true">{number}</span>' if number else ""
        return (
            f'<li class="gv-card">{place}<h3><a href="{href(base, render.case_url(c.slug))}">{esc(c.title)}</a></h3>'
            f'<p class="gv-card-org">{esc(c.organisation)}</p>'
            f'<p>{esc(c.summary)}</p>'
            f'<ul class="gv-tags" aria-label="Tags">{tag_items}</ul>'
            f'<p class="gv-card-score">Score {r.score}'
            f'<span class="gv-card-breakdown">: {five.breakdown_html(self, r.breakdown)}</span></p></li>'
        )

    def block_codes(self, base: str) -> str:
        rows = [
            "| Code | Soort | Wat is er mis | Voorbeeld van de melding | Zo los je het op |",
            "|---|---|---|---|---|",
        ]
        for c in CODES.values():
            kind = "fout" if c.severity == "error" else "waarschuwing"
            rows.append(f"| `{c.code}` | {kind} | {_cell(c.title)} | {_cell(c.example)} | {_cell(c.fix)} |")
        return "\n".join(rows)

    def block_tags(self, base: str) -> str:
        rows = ["| Groep | Tag | Betekenis | Gewicht |", "|---|---|---|---|"]
        for g in self.library.vocabulary.groups:
            for t in g.tags:
                rows.append(f"| {_cell(g.label)} | `{t.slug}`<br>{_cell(t.label)} | {_cell(t.description)} | {t.weight} |")
        return "\n".join(rows)

    # -- a case page ----------------------------------------------------------
    def case_html(self, case: Case, body_html: str, page_url: str) -> str:
        """The whole content of a case page around its sanitized body."""
        base = render.base_for(page_url)
        vocab = self.library.vocabulary.tags
        r = self.ranked_by_slug[case.slug]
        tags = "\n".join(f'<li><a href="{href(base, f"tags/{t}/")}">{esc(vocab[t].label)}</a></li>' for t in case.tags)
        # The panel's facts are searchable as Pagefind metadata, not as text: a search result's excerpt then
        # shows the passage of the case that matched, not the panel (data-pagefind-ignore on the <dl> below).
        # The summary is searched as text of the page and is no metadata: the search box never shows it.
        meta = [
            ("Organisatie", f'<a href="{browse_url(base, organisation=case.organisation)}"'
                            f' data-pagefind-meta="organisatie">{esc(case.organisation)}</a>'),
            ("Bestuurslaag", f'<a href="{browse_url(base, level=case.level)}" data-pagefind-meta="bestuurslaag">'
                             f'{esc(schema.LEVELS[case.level])}</a>'),
            ("Status", f'<a href="{browse_url(base, status=case.status)}" data-pagefind-meta="status">'
                       f'{esc(schema.STATUSES[case.status])}</a>'),
            ("Startjaar", f'<a href="{browse_url(base, **{"from": case.year, "to": case.year})}"'
                          f' data-pagefind-meta="startjaar">{case.year}</a>'),
            ("Tags", f'<ul class="gv-tags" data-pagefind-meta="tags">{tags}</ul>'),
            ("Score", f'{r.score} <a href="{href(base, "top-5/")}">(zo werkt de score)</a>'),
            ("Toegevoegd", f'<time datetime="{case.added.isoformat()}">{render.dutch_date(case.added)}</time>'),
        ]
        if case.language != "nl":
            meta.append(("Taal", esc(schema.LANGUAGES[case.language])))
        # One line per term and value: Pagefind reads <dt>Status</dt><dd>Lopend</dd> as the one word "StatusLopend".
        panel = "\n".join(f"<dt>{k}</dt>\n<dd>{v}</dd>" for k, v in meta)
        parts = [
            f'<p class="gv-summary"'
            f' data-pagefind-filter="{search.case_number_filter(self.newest_number[case.slug])}">{esc(case.summary)}</p>',
            f'<dl class="gv-meta" aria-label="Gegevens van dit voorbeeld" data-pagefind-ignore>\n{panel}\n</dl>',
            f'<div class="gv-body"{_lang(case)}>{tables.label_cells(sanitize(body_html))}</div>',
        ]
        if case.links or case.contact:
            items = [f"<li>{render.external_link(l.url, l.title)}</li>" for l in case.links]
            if case.contact:
                target = case.contact if case.contact.startswith("http") else f"mailto:{case.contact}"
                items.append(f"<li>Contact: {render.external_link(target, case.contact)}</li>")
            parts.append(f'<h2 id="meer-informatie">Meer informatie</h2><ul class="gv-links">{"".join(items)}</ul>')
        related = self.related.get(case.slug) or []
        if related:
            items = "".join(f"<li>{self.list_item(c, base)}</li>" for c in related)
            parts.append(f'<h2 id="vergelijkbare-voorbeelden">Vergelijkbare voorbeelden</h2>'
                         f'<ul class="gv-list gv-related" data-pagefind-ignore>{items}</ul>')
        edit = self.edit_url(f"cases/{case.slug}.md")
        if edit:
            parts.append(
                f'<p class="gv-edit"><a href="{esc(edit)}" rel="noopener noreferrer">Verbeter dit voorbeeld</a>'
                f' (op GitHub) of mail een verbetering aan de redactie (zie <a href="{href(base, "contact/")}">contact</a>).</p>'
            )
        return "\n".join(parts)


def case_slug(src_uri: str) -> str | None:
    """The slug of a case page's source (`voorbeelden/<slug>.md`, as `generated_pages` names it), else None."""
    if src_uri.startswith(render.CASES) and src_uri.count("/") == 1 and src_uri != render.CASES_INDEX:
        return src_uri[len(render.CASES):-3]
    return None


def _excluded_from_search(markdown: str) -> bool:
    """Whether a generated page's front matter says `search: exclude: true` (docs/overrides/main.html)."""
    return markdown.startswith("---\n") and "\nsearch:\n  exclude: true\n" in markdown.split("\n---", 1)[0] + "\n"


class HtmlBlocks:
    """The raw HTML blocks of the pages this module generates, kept out of Python-Markdown.

    A generated list or table page is mostly finished HTML (up to 2.5 MB for the full ranking at 10,000
    cases). Python-Markdown would only parse it twice with html.parser (its raw-HTML preprocessor and
    MkDocs' anchor scan) to pass it through unchanged: most of the build time of such pages. `keep` swaps
    each raw HTML block for a comment that Markdown passes through; `restore` puts the blocks back into the
    rendered page. Only for pages built from our own escaped HTML: never for case bodies, which must go
    through Markdown and the sanitizer. tests/test_scale_build.py renders every generated page of
    three libraries both ways and compares them.
    """

    PLACEHOLDER = re.compile(r"<!-- gv-html (\d+) -->")
    # A line that opens a raw HTML block for Python-Markdown: a block-level tag at the start of a line.
    _OPENS_BLOCK = re.compile(r"<(?:p|div|ol|ul|dl|table|nav|section|figure|form|fieldset|details|script|h[1-6])[\s>]")

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def keep(self, markdown: str) -> str:
        """Markdown with each raw HTML block (from its opening line up to the next blank line) replaced."""
        out: list[str] = []
        run: list[str] = []
        for line in markdown.split("\n"):
            if run:
                if line.strip():
                    run.append(line)
                    continue
                out.append(self._placeholder(run))
                run = []
            if self._OPENS_BLOCK.match(line) and (not out or not out[-1].strip()):
                run = [line]
            else:
                out.append(line)
        if run:
            out.append(self._placeholder(run))
        return "\n".join(out)

    def _placeholder(self, lines: list[str]) -> str:
        self.blocks.append("\n".join(lines))
        return f"<!-- gv-html {len(self.blocks) - 1} -->"

    def restore(self, html: str) -> str:
        return self.PLACEHOLDER.sub(lambda m: self.blocks[int(m.group(1))], html)


def sanitize(fragment: str) -> str:
    """Allowlist sanitizer for HTML rendered from a case body (defence in depth)."""
    return _cleaner().clean(fragment)


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """Built once: configuring the sanitizer on every call cost a third of its time per case page."""
    return nh3.Cleaner(
        tags=_BODY_TAGS,
        attributes=_BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_local_images_only,
    )


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    """Drop an image source on another host: the site makes no request to a third party."""
    if tag == "img" and attribute == "src" and (url_scheme(value) is not None or is_protocol_relative(value)):
        return None
    return value


_BODY_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "img", "hr", "br", "abbr", "sub", "sup", "del", "span", "div",
    "dl", "dt", "dd",
}
_BODY_ATTRIBUTES = {
    "a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "th": {"align"}, "td": {"align"}, "ol": {"start"},
}


def _lang(case: Case) -> str:
    return f' lang="{esc(case.language)}"' if case.language != "nl" else ""


def _cell(text: str) -> str:
    """Text for a Markdown table cell: HTML outside `code spans` is shown as text, never run."""
    parts = re.split(r"(`[^`]*`)", text)
    shown = "".join(p if p.startswith("`") else p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    for p in parts)
    return shown.replace("|", "\\|").replace("\n", " ")
