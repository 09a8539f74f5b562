"""Slides of the five (or of a saved selection) to show at a meeting, online and as one offline file.

A `Deck` is what the slides say, made from the site's facts; `page_html` turns a deck into a standalone
HTML page (no Material chrome: a projector shows the slides and nothing else). The page on the site loads
`assets/gv-present.css` and `assets/gv-present.js`; the offline file holds the same styles and script inline,
and QR codes are inline SVG, so it makes no request of any kind.

Without JavaScript the slides are one long page; with it, one slide fills the screen (see gv-present.js
for the keys). Every value from a case, tags.yml or a selection passes through `esc`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import markdown as md
import nh3

import goedvoorbeeld.site.render as render
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.site.cardtext import trim
from goedvoorbeeld.site.qr import qr_svg
from goedvoorbeeld.site.render import esc, href
from goedvoorbeeld.rank.selections import FOLDER, Selection
from goedvoorbeeld.site.sharing import NUMBERS

if TYPE_CHECKING:  # pragma: no cover
    from goedvoorbeeld.site.facts import SiteFacts as Site

TOP_PAGE = "top-5/presentatie/"
CSS = "assets/gv-present.css"
JS = "assets/gv-present.js"
GUIDE = "bijdragen/"
RESULT_LIMIT = 300  # characters of `Resultaat` on a slide, cut at a sentence
ORGANISATION_LIMIT = 100
# A slide's starting text size (1 = the full size) by how many characters it shows. Printing uses it as it
# is; on screen gv-present.js shrinks the text further when a slide still does not fit.
DENSITY = ((450, "1"), (650, "0.9"), (850, "0.8"), (10**9, "0.7"))


@dataclass(frozen=True)
class SlideCase:
    title: str
    organisation: str
    summary: str
    url: str  # the public address of the case page; "" when the case is no longer in the library
    level: str = ""  # Dutch label
    year: int | None = None
    result: str = ""  # plain text
    tags: tuple[str, ...] = ()  # Dutch labels


@dataclass(frozen=True)
class Deck:
    heading: str  # the selection's name, as on the title slide
    date_text: str  # "stand van 1 oktober 2026", "gedeeld op 17 juni 2026"
    date_iso: str
    page_url: str  # site-root-relative folder of the presentation, ends with "/"
    back_url: str  # the page about this selection
    back_text: str
    offline_name: str  # file name of the offline copy, next to the presentation
    site_url: str  # the public address of the site, ends with "/"
    cases: tuple[SlideCase, ...]

    @property
    def title(self) -> str:
        return f"Presentatie: {self.heading}"

    @property
    def slide_count(self) -> int:
        return len(self.cases) + 2


# -- decks from the site's facts ---------------------------------------------------

def five_deck(site: Site) -> Deck:
    """Today's five; the date is that of the newest case in the library, so two builds give the same file."""
    newest = max((c.added for c in site.library.cases), default=None)
    cases = tuple(_slide_case(site, r.case) for r in site.five)
    return Deck(
        heading="De vijf van nu",
        date_text=f"Stand van {render.dutch_date(newest)}" if newest else "",
        date_iso=newest.isoformat() if newest else "",
        page_url=TOP_PAGE, back_url="top-5/", back_text="Zo kiezen we de vijf",
        offline_name="goed-voorbeeld-de-vijf-offline.html",
        site_url=site.settings.site_url, cases=cases,
    )


def selection_deck(site: Site, s: Selection) -> Deck:
    """A saved selection as it was shared; level, start year, result and tags come from the case as it is now
    (the selection file does not record them), and are left out for a case no longer in the library."""
    existing = site.library.by_slug()
    labels = site.library.vocabulary.tags
    cases = []
    for c in s.cases:
        case = existing.get(c.slug)
        if case is not None:
            now = _slide_case(site, case)
            cases.append(SlideCase(c.title, trim(c.organisation, ORGANISATION_LIMIT), c.summary, now.url,
                                   now.level, now.year, now.result, now.tags))
        else:
            tags = tuple(labels[t].label if t in labels else t for t, _ in c.breakdown)
            cases.append(SlideCase(c.title, trim(c.organisation, ORGANISATION_LIMIT), c.summary, "", tags=tags))
    return Deck(
        heading=f"De vijf van {s.name}",
        date_text=f"Gedeeld op {render.dutch_date(s.date)}",
        date_iso=s.date.isoformat(),
        page_url=f"{FOLDER}/{s.stem}/presentatie/", back_url=f"{FOLDER}/{s.stem}/",
        back_text="Over deze selectie",
        offline_name=f"goed-voorbeeld-{s.stem}-offline.html",
        site_url=site.settings.site_url, cases=tuple(cases),
    )


def decks(site: Site) -> list[Deck]:
    return [five_deck(site), *(selection_deck(site, s) for s in site.selections)]


def _slide_case(site: Site, case) -> SlideCase:
    labels = site.library.vocabulary.tags
    return SlideCase(
        title=case.title,
        organisation=trim(case.organisation, ORGANISATION_LIMIT),
        summary=case.summary,
        url=site.absolute(render.case_url(case.slug)),
        level=schema.LEVELS[case.level],
        year=case.year,
        result=result_text(case),
        tags=tuple(labels[t].label for t in case.tags if t in labels),
    )


def result_text(case, limit: int = RESULT_LIMIT) -> str:
    """The whole `Resultaat` section as plain text, shortened as the cards shorten their texts
    (`cardtext.trim`: after the last sentence that fits, then "…", never over `limit`)."""
    section = case.section("resultaat")
    if section is None:
        return ""
    rendered = md.markdown(section.markdown, extensions=["abbr", "fenced_code"])
    return trim(html.unescape(nh3.clean(rendered, tags=set())), limit)


# -- HTML -------------------------------------------------------------------------

def files(site: Site, assets_dir: Path) -> dict[str, str]:
    """Site-root-relative path -> HTML: each presentation and its offline copy."""
    inline = ((assets_dir / "gv-present.css").read_text(encoding="utf-8"),
              (assets_dir / "gv-present.js").read_text(encoding="utf-8"))
    out = {}
    for deck in decks(site):
        out[deck.page_url + "index.html"] = page_html(deck)
        out[deck.page_url + deck.offline_name] = page_html(deck, inline=inline)
    return out


def page_html(deck: Deck, inline: tuple[str, str] | None = None) -> str:
    """The standalone presentation page; with `inline` (CSS, JS) the self-contained offline file."""
    offline = inline is not None
    base = render.base_for(deck.page_url)
    # Links inside the site are relative online (they work on a preview too); the offline file can only
    # point to the public site.
    def link(target: str) -> str:
        return esc(deck.site_url + target) if offline else href(base, target)

    if offline:
        head_assets = f"<style>\n{inline[0]}\n</style>"
        script = f"<script>\n{_script_safe(inline[1])}\n</script>"
    else:
        head_assets = f'<link rel="stylesheet" href="{href(base, CSS)}">'
        script = f'<script src="{href(base, JS)}"></script>'
    total = deck.slide_count
    slides = [title_slide(deck, link, total)]
    slides += [case_slide(deck, c, i, total) for i, c in enumerate(deck.cases, start=1)]
    slides.append(closing_slide(deck, link, total))
    overview = "".join(f'<li><a href="#{n}">{n}. {esc(t)}</a></li>'
                       for n, t in enumerate(_slide_titles(deck), start=1))
    download = ("" if offline else
                f'<a class="gv-control" href="{esc(deck.offline_name)}" download>Download voor offline gebruik</a>')
    back = f'<a class="gv-control" href="{link(deck.back_url)}">{esc(deck.back_text)}</a>'
    return "\n".join([
        "<!doctype html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(deck.title)} · Goed Voorbeeld</title>",
        f'<meta name="description" content="{esc(_description(deck))}">',
        '<link rel="icon" href="data:,">',  # no favicon request, online or from disk
        head_assets,
        "</head>",
        '<body class="gv-present">',
        f'<main id="gv-deck" class="gv-deck" aria-label="{esc(deck.title)}" tabindex="-1">',
        *slides,
        "</main>",
        '<nav id="gv-controls" class="gv-controls" aria-label="Bediening van de presentatie" hidden>',
        '<button type="button" class="gv-control" data-gv-action="prev">Vorige</button>',
        '<button type="button" class="gv-control" data-gv-action="next">Volgende</button>',
        '<button type="button" class="gv-control" data-gv-action="overview">Overzicht (O)</button>',
        '<button type="button" class="gv-control" data-gv-action="fullscreen">Volledig scherm (F)</button>',
        '<button type="button" class="gv-control" data-gv-action="blank">Zwart scherm (B)</button>',
        download,
        back,
        "</nav>",
        '<nav id="gv-overview" class="gv-overview" aria-label="Overzicht van alle dia\'s" hidden>',
        '<h2 class="gv-overview-title">Overzicht: kies een dia</h2>',
        f'<ol class="gv-overview-list">{overview}</ol>',
        '<p class="gv-keys">Pijltjes, spatiebalk, Page Up en Page Down: vorige en volgende dia. Home en End: '
        "eerste en laatste. F: volledig scherm. Esc of O: dit overzicht. B: zwart scherm.</p>",
        "</nav>",
        '<div id="gv-blank" class="gv-blank" hidden></div>',
        '<p id="gv-status" class="gv-sr" aria-live="polite" aria-atomic="true"></p>',
        script,
        "</body>",
        "</html>",
        "",
    ])


def _slide(kind: str, label: str, inner: list[str], number: int, total: int, fit: str = "1") -> str:
    """One slide; its id is its number, so `#3` leads to slide 3 with or without JavaScript."""
    return (f'<section class="gv-slide gv-slide-{kind}" id="{number}" style="--gv-print-fit: {fit}" '
            f'aria-label="Dia {number} van {total}: {esc(label)}">\n' + "\n".join(inner) + "\n</section>")


def title_slide(deck: Deck, link, total: int) -> str:
    when = (f'<p class="gv-slide-date"><time datetime="{esc(deck.date_iso)}">{esc(deck.date_text)}</time></p>'
            if deck.date_text else "")
    count = len(deck.cases)
    what = "Eén goed voorbeeld" if count == 1 else f"{NUMBERS.get(count, count)} goede voorbeelden".capitalize()
    lead = (f"{what} van open overheid, gekozen met een vaste regel uit de praktijkbibliotheek van het "
            "Open Overheid-netwerk." if count else "Er tellen nog geen voorbeelden mee voor de vijf.")
    return _slide("title", deck.heading, [
        '<p class="gv-slide-kicker">Goed Voorbeeld</p>',
        f"<h1>{esc(deck.heading)}</h1>",
        when,
        f'<p class="gv-slide-lead">{lead}</p>',
        f'<p class="gv-slide-address"><a href="{link("")}">{_address(deck.site_url)}</a></p>',
    ], 1, total)


def case_slide(deck: Deck, c: SlideCase, number: int, total: int) -> str:
    count = len(deck.cases)
    meta = [esc(c.level)] if c.level else []
    if c.year is not None:
        meta.append(f"sinds {c.year}")
    meta_html = f' · {" · ".join(meta)}' if meta else ""
    text = [
        f'<p class="gv-slide-kicker">Voorbeeld {number} van {count}</p>',
        f"<h2>{esc(c.title)}</h2>",
        f'<p class="gv-slide-org"><strong>{esc(c.organisation)}</strong>{meta_html}</p>',
        f'<p class="gv-slide-summary">{esc(c.summary)}</p>',
    ]
    if c.result:
        text.append(f'<p class="gv-slide-result"><strong>Resultaat:</strong> {esc(c.result)}</p>')
    if c.tags:
        text.append('<ul class="gv-slide-tags" aria-label="Tags">'
                    + "".join(f"<li>{esc(t)}</li>" for t in c.tags) + "</ul>")
    if c.url:
        label = f"QR-code: opent het voorbeeld '{c.title}' op {c.url}"
        qr = (f'<figure class="gv-slide-qr">{qr_svg(c.url, label)}'
              f'<figcaption><a href="{esc(c.url)}">{_address(c.url, whole_words=False)}</a></figcaption></figure>')
    else:
        qr = '<p class="gv-slide-gone">Dit voorbeeld staat niet meer in de bibliotheek.</p>'
    shown = len(c.title) * 1.6 + len(c.organisation) + len(c.summary) + len(c.result) + sum(map(len, c.tags))
    fit = next(f for limit, f in DENSITY if shown <= limit)
    return _slide("case", c.title, ['<div class="gv-slide-text">', *text, "</div>", qr], number + 1, total, fit)


def closing_slide(deck: Deck, link, total: int) -> str:
    url = deck.site_url + GUIDE
    label = f"QR-code: opent de pagina over bijdragen op {url}"
    return _slide("closing", "Deel jouw voorbeeld", [
        '<div class="gv-slide-text">',
        '<p class="gv-slide-kicker">Goed Voorbeeld</p>',
        "<h2>Deel jouw voorbeeld</h2>",
        '<p class="gv-slide-lead">Ken je een goed voorbeeld van open overheid? Zet het in de bibliotheek, '
        "zodat anderen ervan leren.</p>",
        '<ol class="gv-slide-steps">',
        f'<li class="gv-footer-contribute">Ga naar <a href="{link(GUIDE)}">{_address(url)}</a></li>',
        "<li>Vul het formulier op de site in; je hebt geen account nodig.</li>",
        "<li>Het formulier zegt wat er nog ontbreekt; daarna bekijkt de redactie je voorbeeld en zet het op de "
        "site.</li>",
        "</ol>",
        "</div>",
        f'<figure class="gv-slide-qr">{qr_svg(url, label)}<figcaption>Scan de code om te beginnen</figcaption>'
        "</figure>",
    ], total, total)


def _slide_titles(deck: Deck) -> list[str]:
    return [deck.heading, *(c.title for c in deck.cases), "Deel jouw voorbeeld"]


def _description(deck: Deck) -> str:
    return (f"Dia's om {deck.heading.lower()} te presenteren op een bijeenkomst: één dia per voorbeeld, "
            "met een QR-code naar het hele voorbeeld.")


def _address(url: str, whole_words: bool = True) -> str:
    """An address as shown on a slide, without the scheme. A line breaks only after a slash; with
    `whole_words` never inside a part (not even at a hyphen), else (under a QR code, where a case's slug may
    be wider than the column) anywhere the column needs it."""
    shown = re.sub(r"^https?://", "", url)
    if not shown:
        return ""
    parts = [esc(part) + "/" for part in shown.rstrip("/").split("/")]
    if whole_words:
        parts = [f'<span class="gv-nowrap">{part}</span>' for part in parts]
    return "<wbr>".join(parts)


def _script_safe(js: str) -> str:
    """A script for inside <script>…</script>: no `</script` may end it early."""
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.I)
