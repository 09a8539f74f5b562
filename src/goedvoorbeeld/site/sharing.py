"""A ready message about the five (or a saved selection) for a newsletter, an intranet page or a mail.

`message_text` is the one source of the plain text: `/top-5/delen/` shows it and `goedvoorbeeld rank
--format bericht` prints it. `message_html` says the same as simple HTML. `share_page` is the generated
page with both and a copy button for each (assets/gv-share.js).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import goedvoorbeeld.site.render as render
from goedvoorbeeld.site.render import esc, href
from goedvoorbeeld.rank.selections import FOLDER, Selection

if TYPE_CHECKING:  # pragma: no cover
    from goedvoorbeeld.check.cases import Library
    from goedvoorbeeld.rank.ranking import Ranked
    from goedvoorbeeld.site.facts import SiteFacts as Site

TOP_URI = "top-5/delen.md"
GONE = "staat niet meer in de bibliotheek"
NUMBERS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen", 10: "tien"}


@dataclass(frozen=True)
class Message:
    heading: str
    entries: tuple[tuple[str, str, str], ...]  # (title, organisation, public address or "" when gone)
    site_url: str  # ends with "/" (or "" when unknown: the addresses are then relative)


def five_message(five: Iterable[Ranked], site_url: str) -> Message:
    """Today's five, as the command line and /top-5/delen/ both make it."""
    entries = tuple((r.case.title, r.case.organisation, site_url + render.case_url(r.slug)) for r in five)
    return Message("de vijf van nu", entries, site_url)


def selection_message(s: Selection, library: Library, site_url: str) -> Message:
    existing = library.by_slug()
    entries = tuple((c.title, c.organisation, site_url + render.case_url(c.slug) if c.slug in existing else "")
                    for c in s.cases)
    return Message(f"de vijf van {render.dutch_date(s.date)} ({s.name})", entries, site_url)


def _intro(m: Message) -> str:
    count = len(m.entries)
    if not count:
        return "Er tellen nog geen voorbeelden mee voor de vijf."
    what = "één goed voorbeeld" if count == 1 else f"{NUMBERS.get(count, count)} goede voorbeelden"
    return (f"Het Open Overheid-netwerk deelt {what} van open overheid uit Goed Voorbeeld, de "
            f"praktijkbibliotheek van het netwerk. Lees ze en laat je inspireren:")


def message_text(m: Message) -> str:
    """The message as plain text, one line per case with its address; ends with a newline."""
    lines = [f"Goed Voorbeeld: {m.heading}", "", _intro(m)]
    if m.entries:
        lines.append("")
        for n, (title, organisation, url) in enumerate(m.entries, start=1):
            lines.append(f"{n}. {title} ({organisation}): {url or GONE}")
    lines += ["", f"Zo kiezen we de vijf: {m.site_url}top-5/",
              f"Zelf een voorbeeld delen? Zo doe je dat: {m.site_url}bijdragen/", ""]
    return "\n".join(lines)


def message_html(m: Message) -> str:
    """The same message as simple HTML (paragraphs, a numbered list, links), on one line."""
    items = "".join(
        f'<li><a href="{esc(url)}">{esc(title)}</a> ({esc(organisation)})</li>' if url
        else f"<li>{esc(title)} ({esc(organisation)}): {GONE}</li>"
        for title, organisation, url in m.entries
    )
    top, guide = m.site_url + "top-5/", m.site_url + "bijdragen/"
    return (f"<p><strong>Goed Voorbeeld: {esc(m.heading)}</strong></p><p>{esc(_intro(m))}</p>"
            + (f"<ol>{items}</ol>" if items else "")
            + f'<p>Zo kiezen we de vijf: <a href="{esc(top)}">{esc(top)}</a><br>'
            f'Zelf een voorbeeld delen? Zo doe je dat: <a href="{esc(guide)}">{esc(guide)}</a></p>')


# -- the pages ----------------------------------------------------------------------

def pages(site: Site) -> dict[str, str]:
    """src_uri -> Markdown of /top-5/delen/ and of each saved selection's share page."""
    url = site.settings.site_url
    out = {TOP_URI: share_page(five_message(site.five, url), "top-5/delen/", "top-5/", "Zo kiezen we de vijf")}
    for s in site.selections:
        out[f"{FOLDER}/{s.stem}/delen.md"] = share_page(
            selection_message(s, site.library, url), f"{FOLDER}/{s.stem}/delen/", f"{FOLDER}/{s.stem}/",
            "Over deze selectie")
    return out


def share_page(m: Message, page_url: str, back_url: str, back_text: str) -> str:
    base = render.base_for(page_url)
    text, rich = message_text(m), message_html(m)
    title = f"Bericht over {m.heading}"
    description = f"Een kant-en-klaar bericht over {m.heading} voor een nieuwsbrief, intranet of mail."
    rows = text.count("\n") + 1
    return "\n".join([
        *render.unsearched_page(title, description),
        f"<h1>{esc(title)}</h1>",
        "",
        '<p>Deel de voorbeelden via een nieuwsbrief, een intranetpagina of een mail aan het netwerk. Het bericht '
        "hieronder is klaar om te kopiëren; pas het gerust aan. Elk voorbeeld staat erin met zijn adres op deze "
        "site.</p>",
        "",
        '<h2 id="als-tekst">Als platte tekst</h2>',
        "",
        '<p>Voor een mail of een plek waar je geen opmaak kunt gebruiken.</p>',
        "",
        # Newlines as &#10;: a blank line would end the raw HTML block in Markdown.
        f'<div class="gv-share"><link rel="stylesheet" href="{href(base, "assets/gv-share.css")}">'
        f'<textarea id="gv-share-text" class="gv-share-source" rows="{rows}" readonly '
        f'aria-labelledby="als-tekst" spellcheck="false">{_lines(text)}</textarea>'
        '<p class="gv-share-actions"><button type="button" class="md-button md-button--primary" '
        'data-gv-copy="gv-share-text" hidden>Kopieer de tekst</button>'
        '<span class="gv-share-status" role="status"></span></p></div>',
        "",
        '<h2 id="als-html">Als HTML</h2>',
        "",
        '<p>Voor een nieuwsbrief of intranetpagina. Met de knop <em>Kopieer de HTML</em> neem je het bericht mét '
        "opmaak mee: plak het in een mail, een tekstverwerker of een nieuwsbrief. Zo ziet het bericht eruit:</p>",
        "",
        f'<div class="gv-share-preview" data-pagefind-ignore>{rich}</div>',
        "",
        f'<div class="gv-share"><textarea id="gv-share-html" class="gv-share-source" rows="6" readonly '
        f'aria-label="Het bericht als HTML" spellcheck="false">{esc(rich)}</textarea>'
        '<p class="gv-share-actions"><button type="button" class="md-button md-button--primary" '
        'data-gv-copy="gv-share-html" data-gv-copy-html hidden>Kopieer de HTML</button>'
        '<span class="gv-share-status" role="status"></span></p></div>',
        "",
        f'<p><a href="{href(base, back_url)}">{esc(back_text)}</a></p>',
        "",
        f'<script src="{href(base, "assets/gv-share.js")}" defer></script>',
        "",
    ])


def _lines(text: str) -> str:
    return esc(text).replace("\n", "&#10;")
