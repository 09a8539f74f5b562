"""The pages about the five: how they are chosen, the handout, and the selections shared before.

Each function takes a `Site` and returns the Markdown (with raw HTML) of one
generated page; every value from a case, tags.yml or a selection passes
through `esc`. Raw HTML blocks contain no blank lines, so Markdown leaves
them alone.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import markdown as md
import nh3

import goedvoorbeeld.site.game as game
import goedvoorbeeld.site.render as render
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.site.cardtext import breakable_url, section_text
from goedvoorbeeld.check.cases import Case
from goedvoorbeeld.check.problems import amount
from goedvoorbeeld.site.qr import qr_svg
from goedvoorbeeld.rank.ranking import Ranked
from goedvoorbeeld.site.render import esc, href
from goedvoorbeeld.rank.selections import FOLDER, Selection

if TYPE_CHECKING:  # pragma: no cover
    from goedvoorbeeld.site.facts import SiteFacts as Site

TOP_URI = "top-5/index.md"
TOP_PATH = "top-5/"  # the rule, the five and the weights: the same size at any library size
RANKING_PATH = "top-5/rangorde/"  # the full ranking, paged like /voorbeelden/: then rangorde/pagina/N/
HANDOUT_URI = "top-5/handout.md"
SELECTIONS_URI = f"{FOLDER}/index.md"
RESULT_LIMIT = 700  # characters of `Resultaat` on a handout page: each case fits on one A4 page
# Aanpak and Lessen go on a handout page where they fit: the page's height in millimetres is estimated from
# the lengths of the texts (characters per line and line height of each kind of text, as printed by
# Chromium with gv-handout.css), Resultaat gets at most half the room left, Aanpak and Lessen share the
# rest. tests/test_game.py prints the longest case the schema allows and checks it stays on one A4 page.
PAGE_MM = 247  # A4 (297 mm) minus the page margins (36 mm) and a safety margin
FIXED_MM = 5 + 12 + 12 + 65 + 25  # kicker, tags, score, the QR code with the address under it, and the space
# between the blocks
PER_LINE = {"title": 50, "org": 90, "summary": 85, "text": 95}  # characters per printed line
LINE_MM = {"title": 8.7, "org": 6.0, "summary": 6.6, "text": 6.6}
HEADING_MM = 7
SECTION_MIN = 120  # characters: less than this of a section is not worth printing


def pages(site: Site) -> dict[str, str]:
    """src_uri -> Markdown of every page about the five (in the order the site has always listed them)."""
    first = five_pages(site)
    main = {uri: first.pop(uri) for uri in (TOP_URI, HANDOUT_URI, SELECTIONS_URI)}
    return {**main, **ranking_pages(site), **first}


def five_pages(site: Site) -> dict[str, str]:
    """src_uri -> Markdown of the pages that show the five themselves: /top-5/, the handout and the selections
    (the preview renders these first after an edit that changes the ranking)."""
    out = {TOP_URI: top_page(site), HANDOUT_URI: handout_page(site), SELECTIONS_URI: selections_page(site)}
    for s in site.selections:
        out[f"{FOLDER}/{s.stem}.md"] = selection_page(site, s)
    return out


def ranking_pages(site: Site) -> dict[str, str]:
    """src_uri -> Markdown of the full ranking's pages (/top-5/rangorde/, then rangorde/pagina/N/)."""
    chunks = ranking_chunks(site)
    return {f"{RANKING_PATH}index.md" if n == 1 else f"{RANKING_PATH}pagina/{n}.md":
            ranking_page(site, rows, n, len(chunks)) for n, rows in enumerate(chunks, start=1)}


def too_few(have: int, wanted: int) -> str:
    """Why fewer cases than `top` count, in Dutch: the one text of the build's warning and of `rank`."""
    counted = f"{'telt' if have == 1 else 'tellen'} maar {amount(have, 'voorbeeld', 'voorbeelden')}"
    return (f"top is {wanted}, maar er {counted} mee voor de vijf "
            f"(status {_ranked_statuses()}, een sectie 'Resultaat' en geen hulptekst meer)")


def shortfall(site: Site) -> str | None:
    """The build's warning (Dutch) when fewer cases count than `top` asks for; None when enough do."""
    wanted = site.library.vocabulary.top
    have = len(site.five)
    if have >= wanted:
        return None
    return f"{site.library.root.rstrip('/')}/tags.yml: {too_few(have, wanted)}; de site toont er {have}"


def fewer_note(have: int, wanted: int) -> str:
    """The line (HTML) under a list of the five when fewer than `top` count; "" when enough do."""
    if have >= wanted:
        return ""
    if have == 0:
        return '<p class="gv-empty">Er tellen nog geen voorbeelden mee voor de vijf.</p>\n'
    counted = "telt nu 1 voorbeeld" if have == 1 else f"tellen nu {have} voorbeelden"
    return (f'<p class="gv-empty">Er {counted} mee; de vijf vullen zich aan zodra er meer voorbeelden met een '
            f'resultaat zijn.</p>\n')


# -- /top-5/ -----------------------------------------------------------------

def ranking_chunks(site: Site) -> list[list[Ranked]]:
    """The full ranking cut into pages of the list's page size: /top-5/ weighs the same at any library size."""

    ranking = site.ranking
    return [ranking[i:i + render.PAGE_SIZE] for i in range(0, len(ranking), render.PAGE_SIZE)] or [[]]


def top_page(site: Site) -> str:
    base = render.base_for(TOP_PATH)
    vocab = site.library.vocabulary
    n = vocab.top
    chunks = ranking_chunks(site)
    lines = [
        "---",
        'title: "Zo kiezen we de vijf"',
        'description: "De regel waarmee Goed Voorbeeld de vijf voorbeelden kiest, de gewichten van de tags '
        'en de volledige rangorde."',
        "---",
        "",
        "# Zo kiezen we de vijf",
        "",
        "Het Open Overheid-netwerk wil de vijf meest interessante voorbeelden verspreiden: op bijeenkomsten, "
        "op deze website en via het netwerk. Welke vijf dat zijn, bepaalt een vaste regel. Iedereen kan die "
        "regel hieronder nalezen en narekenen.",
        "",
        "## De regel",
        "",
        "1. **Score.** Elk voorbeeld krijgt punten voor zijn tags: de score is de som van de gewichten "
        "van de tags. Elke tag telt één keer.",
        f"2. **Meetellen.** Een voorbeeld telt mee als het door de controle komt, de status "
        f"{_ranked_statuses()} heeft (het is dus echt geprobeerd), een sectie *Resultaat* heeft en af is: "
        f"er staat geen hulptekst meer in ('{schema.HINT_PREFIX} …').",
        "3. **Volgorde.** De hoogste score staat bovenaan. Bij een gelijke score gaat het voorbeeld voor dat "
        "het laatst is toegevoegd. Is ook die datum gelijk, dan beslist de bestandsnaam, van A naar Z.",
        f"4. **De vijf.** Van de voorbeelden die meetellen, zijn de {n} bovenste in die volgorde de vijf. "
        f"Tellen er minder dan {n} mee, dan tonen we de voorbeelden die er zijn.",
        "",
        "De gewichten en het aantal staan in het bestand met de tags van Goed Voorbeeld. Een voorstel om ze "
        f"te veranderen doe je zoals elke andere [bijdrage]({href(base, 'bijdragen/')}).",
        "",
        "## De vijf van nu",
        "",
        five_list(site, base),
        "",
        f'<p class="gv-five-links"><a href="{href(base, "top-5/handout/")}">Hand-out om af te drukken</a>'
        f' · <a href="{href(base, "selecties/")}">Eerder gedeelde selecties</a></p>',
        meeting_links(base, "top-5/"),
        "",
        game.top_links(base),
        "",
        "## Gewichten van de tags",
        "",
        weights_table(site),
        "",
        "## De hele rangorde",
        "",
        f'<p class="gv-ranking-link">{_all_cases(site)} in de volgorde van de regel, met de opbouw van de score '
        f'en of een voorbeeld meetelt (en zo niet, waarom niet): <a href="{href(base, RANKING_PATH)}">'
        f"bekijk de hele rangorde</a>{_pages_note(len(chunks))}.</p>" if site.ranking else
        '<p class="gv-ranking-link">Er zijn nog geen voorbeelden, dus nog geen rangorde.</p>',
        "",
        "## Open data",
        "",
        open_data(base),
        "",
    ]
    return "\n".join(lines)


def _all_cases(site: Site) -> str:
    """The start of the sentence about the ranking: 'Alle 12 voorbeelden staan', or 'Het enige voorbeeld staat'."""
    n = len(site.ranking)
    return "Het enige voorbeeld staat" if n == 1 else f"Alle {n} voorbeelden staan"


def _pages_note(pages: int) -> str:

    return f" ({pages} pagina's van {render.PAGE_SIZE})" if pages > 1 else ""


def ranking_page(site: Site, rows: list[Ranked], number: int, pages: int) -> str:
    """Page `number` of the full ranking: its part of the table, with the pages around it."""
    base = render.base_for(RANKING_PATH if number == 1 else f"{RANKING_PATH}pagina/{number}/")
    title = "De hele rangorde" + ("" if number == 1 else f", pagina {number}")
    lines = [
        *render.unsearched_page(title, "Alle voorbeelden in de volgorde van de regel die de vijf kiest."),
        f"# {title}",
        "",
        f'<p>De regel en de gewichten van de tags staan op <a href="{href(base, TOP_PATH)}">Zo kiezen we de vijf</a>.'
        "</p>",
        "",
        ranking_count(site, rows, pages) if rows else '<p class="gv-empty">Er zijn nog geen voorbeelden.</p>',
        "",
        ranking_table(site, base, rows) if rows else "",
        "",
    ]
    if pages > 1:
        lines += [ranking_pager(site, number, pages, base), ""]
    return "\n".join(lines)


def ranking_count(site: Site, rows: list[Ranked], pages: int) -> str:
    """How many cases the ranking has and, when it has several pages, which places this page shows."""
    text = f"{_all_cases(site)} in de volgorde van de regel, met de opbouw van de score"
    if pages > 1 and rows:
        text += f"; dit zijn plaats {rows[0].rank} tot en met {rows[-1].rank}"
    return f'<p class="gv-count">{text}.</p>'


def ranking_pager(site: Site, number: int, pages: int, base: str) -> str:
    """The same page navigation as the list of all cases: previous, next, first, last and the pages around."""
    return site.pager(number, pages, base, RANKING_PATH)


def five_list(site: Site, base: str) -> str:
    if not site.five:
        return fewer_note(0, site.library.vocabulary.top).rstrip("\n")
    items = [
        f'<li><a href="{href(base, render.case_url(r.slug))}">{esc(r.case.title)}</a>'
        f' <span class="gv-list-meta">{esc(r.case.organisation)} · score {r.score}</span></li>'
        for r in site.five
    ]
    note = "\n" + fewer_note(len(site.five), site.library.vocabulary.top).rstrip("\n")
    # data-pagefind-ignore: lists of cases repeat the case pages; search should find those.
    return '<ol class="gv-five" data-pagefind-ignore>' + "".join(items) + "</ol>" + note


def weights_table(site: Site) -> str:
    rows = []
    for g in site.library.vocabulary.groups:
        for t in g.tags:
            rows.append(f"<tr><td>{esc(g.label)}</td><td>{esc(t.label)}<br><code>{esc(t.slug)}</code></td>"
                        f'<td class="gv-num">{t.weight}</td></tr>')
    return (
        '<div class="gv-table"><table><caption>Gewicht van elke tag</caption>'
        '<thead><tr><th scope="col">Groep</th><th scope="col">Tag</th><th scope="col">Gewicht</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )


def breakdown_html(site: Site, breakdown) -> str:
    """`Burgers betrekken (5) + Klantvriendelijkheid (6)`: each tag's label, then its weight.

    The weight comes after the label: "5 Burgers en bedrijven betrekken" read as five citizens."""
    tags = site.library.vocabulary.tags
    parts = [f"{esc(tags[t].label if t in tags else t)} ({w})" for t, w in breakdown]
    return " + ".join(parts) or "geen tags met gewicht"


def ranking_table(site: Site, base: str, ranked: list[Ranked]) -> str:
    """The table of one page of the ranking: place, case, score, its breakdown and whether it counts (or why not)."""
    place = {r.slug: i for i, r in enumerate(site.five, start=1)}
    rows = []
    for r in ranked:
        if r.slug in place:
            verdict = f"ja, nr. {place[r.slug]}"
        elif r.eligible:
            verdict = "telt mee, buiten de vijf"
        else:
            verdict = f"telt niet mee: {esc(r.reason)}" if r.reason else "telt niet mee"
        rows.append(
            f'<tr><td class="gv-num">{r.rank}</td>'
            f'<td><a href="{href(base, render.case_url(r.slug))}">{esc(r.case.title)}</a></td>'
            f'<td class="gv-num">{r.score}</td><td>{breakdown_html(site, r.breakdown)}</td>'
            f"<td>{verdict}</td></tr>"
        )
    return (
        '<div class="gv-table gv-ranking" data-pagefind-ignore><table><caption>Rangorde van alle voorbeelden</caption>'
        '<thead><tr><th scope="col">Plaats</th><th scope="col">Voorbeeld</th><th scope="col">Score</th>'
        '<th scope="col">Opbouw van de score</th><th scope="col">Bij de vijf?</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )


def open_data(base: str) -> str:
    items = [
        ("data/top-5.json", "de vijf van nu, met score en opbouw (JSON)"),
        ("data/cases.json", "alle voorbeelden met hun gegevens, score en of ze meetellen (JSON)"),
        ("data/cases.csv", "dezelfde gegevens als tabel (CSV, UTF-8, te openen in een spreadsheet)"),
        ("data/case.schema.json", "de regels voor de gegevens van een voorbeeld (JSON Schema)"),
        ("feed.xml", "de 20 nieuwste voorbeelden als RSS-feed"),
    ]
    lis = "".join(f'<li><a href="{href(base, target)}"><code>{esc(target)}</code></a>: {esc(text)}</li>'
                  for target, text in items)
    return ("<p>Alles op deze pagina is ook als open data te downloaden, vrij te hergebruiken (CC BY 4.0):</p>\n"
            f'<ul class="gv-open-data">{lis}</ul>')


# -- /top-5/handout/ -----------------------------------------------------------

def handout_page(site: Site) -> str:
    base = render.base_for("top-5/handout/")
    count = len(site.five)
    lines = [
        *render.unsearched_page("Hand-out: de vijf", "De vijf voorbeelden van Goed Voorbeeld om af te drukken: één "
                                "A4 per voorbeeld, met een QR-code naar het hele voorbeeld."),
        '<h1 class="gv-screen-only">Hand-out: de vijf</h1>',
        "",
        '<div class="gv-screen-only gv-handout-intro">'
        "<p>Deze pagina is gemaakt om af te drukken of als PDF te bewaren (Ctrl+P of Cmd+P): elk voorbeeld komt "
        "op een eigen A4-pagina, met een QR-code die de pagina van het voorbeeld opent. Kop, menu, zoekveld en "
        "voettekst worden niet afgedrukt.</p>"
        f'<p><a href="{href(base, "top-5/")}">Zo kiezen we de vijf</a></p>'
        f'<link rel="stylesheet" href="{href(base, "assets/gv-handout.css")}"></div>',
        "",
    ]
    if not site.five:
        lines.append('<p class="gv-empty">Er tellen nog geen voorbeelden mee voor de vijf.</p>')
    label = game.label_text(site)
    for i, r in enumerate(site.five, start=1):
        lines += [handout_case(site, r, i, count, label), ""]
    return "\n".join(lines)


def handout_case(site: Site, r: Ranked, number: int, count: int, selection: str = "") -> str:
    c = r.case
    url = site.absolute(render.case_url(c.slug))
    vocab = site.library.vocabulary.tags
    tags = "".join(f"<li>{esc(vocab[t].label)}</li>" for t in c.tags)
    texts = handout_texts(c)
    meta = " · ".join([schema.LEVELS[c.level], schema.STATUSES[c.status], f"sinds {c.year}"])
    label = f"QR-code: opent het voorbeeld '{c.title}' op {url}"
    heading = f"handout-{number}"
    parts = [
        f'<article class="gv-handout-case" aria-labelledby="{heading}">',
        f'<p class="gv-handout-kicker">Goed Voorbeeld · {esc(selection or "de vijf")} · {number} van {count}</p>',
        f'<h2 id="{heading}">{esc(c.title)}</h2>',
        f'<p class="gv-handout-org"><strong>{esc(c.organisation)}</strong> · {esc(meta)}</p>',
        f'<p class="gv-handout-summary">{esc(c.summary)}</p>',
    ]
    for title, text in texts:
        parts += [f"<h3>{esc(title)}</h3>", f"<p>{esc(text)}</p>"]
    parts += [
        f'<ul class="gv-tags" aria-label="Tags">{tags}</ul>',
        f'<p class="gv-handout-score">Score {r.score}: {breakdown_html(site, r.breakdown)}</p>',
        f'<figure class="gv-qr">{qr_svg(url, label)}'
        f'<figcaption>Lees het hele voorbeeld: scan de code of ga naar<br>'
        f'<a class="gv-url" href="{esc(url)}">{breakable_url(url)}</a></figcaption></figure>',
        "</article>",
    ]
    return "\n".join(parts)


def handout_texts(case: Case) -> list[tuple[str, str]]:
    """(section title, plain text) for the handout in the order of the schema: the first paragraph of
    Resultaat, then Aanpak and Lessen trimmed to the room left on the page (left out when it is too little)."""
    org_line = " · ".join([case.organisation, schema.LEVELS[case.level], schema.STATUSES[case.status],
                           f"sinds {case.year}"])
    room = PAGE_MM - FIXED_MM - sum(_height(kind, text) for kind, text in (
        ("title", case.title), ("org", org_line), ("summary", case.summary)))
    texts: dict[str, str] = {}
    result = result_paragraph(case, min(RESULT_LIMIT, _chars(room / 2)))
    if result:
        texts["resultaat"] = result
        room -= HEADING_MM + _height("text", result)
    for key in ("aanpak", "lessen"):
        section = case.section(key)
        limit = _chars(room)
        if section is None or limit < SECTION_MIN:
            continue
        text = section_text(section.markdown, limit)
        if text:
            texts[key] = text
            room -= HEADING_MM + _height("text", text)
    return [(s.title, texts[s.key]) for s in schema.SECTIONS if s.key in texts]


def _height(kind: str, text: str) -> float:
    """Estimated printed height (mm) of a paragraph of this kind."""
    return max(1, -(-len(text) // PER_LINE[kind])) * LINE_MM[kind]


def _chars(room_mm: float) -> int:
    """Characters of section text that fit in `room_mm` below a heading (whole lines, the last one short)."""
    lines = int((room_mm - HEADING_MM) // LINE_MM["text"])
    return max(0, lines * PER_LINE["text"] - PER_LINE["text"] // 2)


def result_paragraph(case: Case, limit: int = RESULT_LIMIT) -> str:
    """The first paragraph of `Resultaat` as plain text, cut at a word near `limit` characters."""
    section = case.section("resultaat")
    if section is None:
        return ""
    for block in re.split(r"\n[ \t]*\n", section.markdown):
        stripped = block.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith(("```", "~~~")):
            continue
        rendered = md.markdown(stripped, extensions=["abbr"])
        text = " ".join(html.unescape(nh3.clean(rendered, tags=set())).split())
        if not text:
            continue
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
        return text
    return ""


# -- /selecties/ ----------------------------------------------------------------

def selections_page(site: Site) -> str:
    base = render.base_for("selecties/")
    lines = [
        *render.unsearched_page("Eerder gedeeld", "De selecties van de vijf zoals ze eerder zijn gedeeld, op "
                                "bijeenkomsten en in het netwerk; elk vastgelegd zoals het toen was."),
        "# Eerder gedeeld",
        "",
        "Als de vijf worden gedeeld, op een bijeenkomst of in het netwerk, leggen we die selectie vast. Zo blijft "
        "zichtbaar wat er toen is gedeeld, ook als gewichten of voorbeelden later veranderen.",
        "",
    ]
    if not site.selections:
        lines.append('<p class="gv-empty">Er is nog geen selectie vastgelegd.</p>')
    else:
        items = []
        for s in site.selections:
            titles = "; ".join(c.title for c in s.cases)
            items.append(
                f'<li><a href="{href(base, f"selecties/{s.stem}/")}">{esc(selection_title(s))}</a>'
                f'<span class="gv-list-summary">{esc(titles)}</span></li>'
            )
        lines.append('<ul class="gv-list gv-selections">' + "".join(items) + "</ul>")
    lines.append("")
    return "\n".join(lines)


def selection_title(s: Selection) -> str:
    return f"{render.dutch_date(s.date)}: {s.name}"


def selection_page(site: Site, s: Selection) -> str:
    """One saved selection, shown only from what its file recorded."""
    page_url = f"selecties/{s.stem}/"
    base = render.base_for(page_url)
    existing = site.library.by_slug()
    title = f"De vijf van {selection_title(s)}"
    lines = [
        *render.unsearched_page(title, f"De vijf voorbeelden die op {render.dutch_date(s.date)} zijn gedeeld "
                                       f"({s.name})."),
        f"<h1>{esc(title)}</h1>",
        "",
        f'<p class="gv-frozen">Deze selectie is vastgelegd op <time datetime="{s.date.isoformat()}">'
        f"{esc(render.dutch_date(s.date))}</time> en verandert niet meer: de scores en gewichten zijn die van "
        f'toen. De vijf van nu staan op <a href="{href(base, "top-5/")}">Zo kiezen we de vijf</a>.</p>',
        "",
        meeting_links(base, f"selecties/{s.stem}/"),
        "",
    ]
    rows = []
    for c in s.cases:
        if c.slug in existing:
            name = f'<a href="{href(base, render.case_url(c.slug))}">{esc(c.title)}</a>'
        else:
            name = f"{esc(c.title)} <em>(staat niet meer in de bibliotheek)</em>"
        rows.append(
            f'<tr><td class="gv-num">{c.rank}</td><td>{name}<br><span class="gv-list-meta">'
            f"{esc(c.organisation)}</span></td>"
            f'<td class="gv-num">{c.score}</td><td>{breakdown_html(site, c.breakdown)}</td></tr>'
        )
    lines += [
        '<div class="gv-table"><table><caption>De gedeelde voorbeelden</caption>'
        '<thead><tr><th scope="col">Plaats</th><th scope="col">Voorbeeld</th><th scope="col">Score</th>'
        '<th scope="col">Opbouw van de score</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>',
        "",
        "## Gewichten van toen",
        "",
    ]
    tags = site.library.vocabulary.tags
    weight_rows = "".join(
        f"<tr><td>{esc(tags[t].label) if t in tags else ''}<br><code>{esc(t)}</code></td>"
        f'<td class="gv-num">{w}</td></tr>'
        for t, w in s.weights
    )
    lines += [
        f'<div class="gv-table"><table><caption>Gewichten van de tags op {esc(render.dutch_date(s.date))}; '
        f"gekozen werden de eerste {s.top}</caption>"
        '<thead><tr><th scope="col">Tag</th><th scope="col">Gewicht</th></tr></thead>'
        f"<tbody>{weight_rows}</tbody></table></div>",
        "",
        f'<p><a href="{href(base, "selecties/")}">Alle eerder gedeelde selecties</a></p>',
        "",
    ]
    return "\n".join(lines)


def meeting_links(base: str, folder: str) -> str:
    """Links to the presentation and the share page of the five or of a selection (`folder` ends with "/")."""
    return (f'<p class="gv-five-links"><a href="{href(base, folder + "presentatie/")}">Presenteer deze voorbeelden'
            f'</a> (dia\'s, ook offline) · <a href="{href(base, folder + "delen/")}">Bericht voor een nieuwsbrief, '
            f"intranet of mail</a></p>")


def _ranked_statuses() -> str:
    names = [schema.STATUSES[s].lower() for s in schema.RANKED_STATUSES]
    return ", ".join(names[:-1]) + " of " + names[-1] if len(names) > 1 else names[0]
