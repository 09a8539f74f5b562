"""The conversation game of the five: rounds on a screen (`/top-5/spel/`) and cards to print
(`/top-5/spel/kaarten/`).

One round per case of the five: the situation (from `## Aanleiding`), a question (from `## Gespreksvraag`,
else one made from the title), four roles with a short brief, and the answer card (`## Aanpak`,
`## Resultaat`, `## Lessen`). Every text that goes on a card is trimmed to what a card holds (`CARD_LIMITS`),
and the screen shows the same texts as the paper. Every value from a case passes through `esc`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import goedvoorbeeld.site.render as render
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.site.cardtext import breakable_url, paragraphs, section_text, trim
from goedvoorbeeld.check.cases import Case
from goedvoorbeeld.site.render import esc, href

if TYPE_CHECKING:  # pragma: no cover
    from goedvoorbeeld.site.facts import SiteFacts as Site

GAME_URI = "top-5/spel/index.md"
CARDS_URI = "top-5/spel/kaarten.md"
CARDS_PER_SHEET = 4  # A4, two by two

# Characters of each text on a printed card (A4 in four: 95 x 138.5 mm). With the longest title (120) and
# organisation (200) the schema allows, each card still fits: tests/test_game.py prints the longest case.
CARD_LIMITS = {"situation": 480, "aanpak": 300, "resultaat": 220, "lessen": 200}


@dataclass(frozen=True)
class Role:
    key: str
    title: str  # Dutch
    brief: str  # Dutch: what this role cares about


ROLES: tuple[Role, ...] = (
    Role("bestuurder", "Bestuurder",
         "U bent bestuurder: wethouder, gedeputeerde, minister of lid van een dagelijks bestuur. U let op het "
         "vertrouwen van inwoners, op verantwoording aan raad of parlement, op risico's en op wat het kost."),
    Role("inwoner", "Inwoner",
         "U woont in het gebied waar het over gaat. U let erop of u de informatie kunt vinden en begrijpen, of u "
         "op tijd wordt gehoord en wat u er in uw dagelijks leven van merkt."),
    Role("ondernemer", "Ondernemer",
         "U heeft een bedrijf of een maatschappelijke organisatie. U let op duidelijke regels, snelle en "
         "voorspelbare antwoorden, gegevens die u kunt hergebruiken en gelijke kansen."),
    Role("ambtenaar", "Ambtenaar",
         "U werkt bij de overheid en voert het uit. U let op wat het vraagt van uw werk en uw collega's, welke "
         "regels gelden, wie het trekt en of het ook na de eerste stap blijft werken."),
)

# The answer card's parts, in the order of the schema.
ANSWER_SECTIONS = tuple(s for s in schema.SECTIONS if s.key in ("aanpak", "resultaat", "lessen"))


def default_question(title: str) -> str:
    """The question of a case without `## Gespreksvraag`."""
    return f"Wat zou er in uw organisatie nodig zijn om ‘{title}’ te laten slagen?"


def question(case: Case) -> str:
    section = case.section("gespreksvraag")
    text = " ".join(section.markdown.split()) if section is not None else ""
    return text or default_question(case.title)


@dataclass(frozen=True)
class Round:
    number: int
    case: Case
    url: str  # the case's public address
    situation: str
    question: str
    answer: tuple[tuple[str, str], ...]  # (section title, trimmed text) of each answer section the case has


def rounds(site: Site) -> list[Round]:
    out = []
    for number, r in enumerate(site.five, start=1):
        c = r.case
        aanleiding = c.section("aanleiding")
        answer = tuple(
            (s.title, section_text(c.section(s.key).markdown, CARD_LIMITS[s.key]))
            for s in ANSWER_SECTIONS if c.section(s.key) is not None and paragraphs(c.section(s.key).markdown)
        )
        out.append(Round(number, c, site.absolute(render.case_url(c.slug)),
                         section_text(aanleiding.markdown if aanleiding else "", CARD_LIMITS["situation"]),
                         question(c), answer))
    return out


def selection_label(site: Site) -> tuple[str, dt.date | None]:
    """The name of the current five and the date of the library they come from (its newest case)."""
    newest = max((c.added for c in site.library.cases), default=None)
    return "De vijf van nu", newest


def label_text(site: Site) -> str:
    name, date = selection_label(site)
    return f"{name}, stand van {render.dutch_date(date)}" if date else name


def pages(site: Site) -> dict[str, str]:
    return {GAME_URI: game_page(site), CARDS_URI: cards_page(site)}


def top_links(base: str) -> str:
    """The links on /top-5/ to the game and its cards."""
    return (f'<p class="gv-five-links gv-game-links"><a href="{href(base, "top-5/spel/")}">Gespreksspel met de '
            f'vijf</a> · <a href="{href(base, "top-5/spel/kaarten/")}">Spelkaarten om af te drukken</a></p>')


# -- /top-5/spel/ --------------------------------------------------------------

def _meta(c: Case) -> str:
    return " · ".join([c.organisation, schema.LEVELS[c.level], f"sinds {c.year}"])


def game_page(site: Site) -> str:
    base = render.base_for("top-5/spel/")
    all_rounds = rounds(site)
    n = len(all_rounds)
    lines = [
        *render.unsearched_page("Gespreksspel: de vijf", "Een gespreksspel met de vijf voorbeelden van Goed "
                                "Voorbeeld, voor een bijeenkomst: per voorbeeld de situatie, een vraag, vier rollen "
                                "en het antwoord."),
        '<h1>Gespreksspel: de vijf</h1>',
        "",
        f'<p class="gv-game-label"><link rel="stylesheet" href="{href(base, "assets/gv-game.css")}">'
        f'{esc(label_text(site))}</p>',
        "",
        _intro(base, n),
        "",
    ]
    if not all_rounds:
        lines += ['<p class="gv-empty">Er tellen nog geen voorbeelden mee voor de vijf; er is dus nog geen '
                  'spel.</p>', ""]
        return "\n".join(lines)
    lines += [
        '<div class="gv-game" data-gv-game>',
        _timer(),
        '<nav class="gv-game-nav" aria-label="Rondes" hidden>'
        '<button type="button" class="md-button" data-gv-round="previous">Vorige ronde</button>'
        f'<p class="gv-game-position" aria-live="polite">Ronde <span data-gv-round-number>1</span> van {n}</p>'
        '<button type="button" class="md-button md-button--primary" data-gv-round="next">Volgende ronde</button>'
        "</nav>",
    ]
    lines += [_round(site, r, n, base) for r in all_rounds]
    lines += ["</div>", "", f'<script src="{href(base, "assets/gv-game.js")}" defer></script>', ""]
    return "\n".join(lines)


def _intro(base: str, rounds_count: int) -> str:
    roles = ", ".join(r.title.lower() for r in ROLES[:-1]) + " en " + ROLES[-1].title.lower()
    return "\n".join([
        '<section class="gv-game-intro" aria-labelledby="gv-game-intro-title">',
        '<h2 id="gv-game-intro-title">Voor wie het gesprek leidt</h2>',
        "<p>Het verslag van de gesprekstafel ‘Cultuur van Open Overheid’ van 17 juni 2015 stelt voor om de vijf "
        "voorbeelden te gebruiken in een spel met ministers, bewoners en andere belanghebbenden: "
        "„gebruik het spel als aanleiding voor gesprek over open overheid”. Dit spel doet dat met de vijf "
        f"voorbeelden van nu, in {rounds_count} {'ronde' if rounds_count == 1 else 'rondes'}.</p>",
        "<ol>",
        "<li>Maak groepjes van vier tot acht mensen, het liefst gemengd: bestuurders, inwoners, "
        "ondernemers en ambtenaren. Geef elk groepje de kaarten, of zet deze pagina op het grote scherm.</li>",
        f"<li>Verdeel per ronde de vier rollen ({esc(roles)}). Wie een rol heeft, praat vanuit wat die rol "
        "belangrijk vindt; de anderen luisteren en vragen door.</li>",
        "<li>Lees de situatie voor en stel de vraag. Zet de klok op het aantal minuten dat de groep kiest en "
        "start hem.</li>",
        "<li>Is de tijd om, kies dan <strong>Onthul</strong>: het antwoord laat zien wat de organisatie echt "
        "deed, wat het opleverde en wat zij ervan leerde. Bespreek wat overeenkomt en wat verrast.</li>",
        "<li>Sluit af met één vraag aan iedereen: wat neemt u mee naar uw eigen werk?</li>",
        "</ol>",
        f'<p><a href="{href(base, "top-5/spel/kaarten/")}">Spelkaarten om af te drukken</a> · '
        f'<a href="{href(base, "top-5/handout/")}">Hand-out</a> · '
        f'<a href="{href(base, "top-5/")}">Zo kiezen we de vijf</a></p>',
        "</section>",
    ])


def _timer() -> str:
    return "\n".join([
        '<section class="gv-timer" aria-labelledby="gv-timer-title" hidden>',
        '<h2 id="gv-timer-title" class="gv-timer-title">Klok</h2>',
        '<div class="gv-timer-row">',
        '<label for="gv-timer-minutes">Minuten per ronde</label>',
        '<input id="gv-timer-minutes" type="number" min="1" max="120" step="1" value="5" inputmode="numeric">',
        '<p class="gv-timer-clock" id="gv-timer-clock" role="timer" aria-atomic="true">5:00</p>',
        '<button type="button" class="md-button md-button--primary" data-gv-timer="start">Start</button>',
        '<button type="button" class="md-button" data-gv-timer="pause">Pauze</button>',
        '<button type="button" class="md-button" data-gv-timer="reset">Opnieuw</button>',
        "</div>",
        '<p class="gv-visually-hidden" id="gv-timer-status" aria-live="polite"></p>',
        "</section>",
    ])


def _round(site: Site, r: Round, count: int, base: str) -> str:
    c = r.case
    heading = f"ronde-{r.number}-titel"
    roles = "".join(f'<li class="gv-role"><h4>{esc(role.title)}</h4><p>{esc(role.brief)}</p></li>' for role in ROLES)
    answer = "".join(f"<h4>{esc(title)}</h4><p>{esc(text)}</p>" for title, text in r.answer)
    return "\n".join([
        f'<section class="gv-round" id="ronde-{r.number}" aria-labelledby="{heading}" tabindex="-1">',
        f'<h2 id="{heading}"><span class="gv-round-kicker">Ronde {r.number} van {count}</span> {esc(c.title)}</h2>',
        f'<p class="gv-list-meta">{esc(_meta(c))}</p>',
        '<div class="gv-round-grid">',
        f'<div class="gv-round-part gv-round-situation"><h3>De situatie</h3><p>{esc(r.situation)}</p></div>',
        f'<div class="gv-round-part gv-round-question"><h3>De vraag</h3>'
        f'<p class="gv-game-question">{esc(r.question)}</p></div>',
        "</div>",
        f'<h3>De rollen</h3><ul class="gv-roles">{roles}</ul>',
        '<details class="gv-answer">',
        '<summary>Onthul</summary>',
        f'<div class="gv-answer-card"><h3>Het antwoord</h3>{answer}'
        f'<p><a href="{href(base, render.case_url(c.slug))}">Lees het hele voorbeeld</a></p></div>',
        "</details>",
        "</section>",
    ])


# -- /top-5/spel/kaarten/ ------------------------------------------------------

def cards(site: Site) -> list[str]:
    """Every card of the game as HTML, seven per case, in the order they are printed."""
    label = label_text(site)
    out: list[str] = []
    for r in rounds(site):
        c = r.case
        title = esc(trim(c.title, 120))

        def card(kind: str, name: str, body: str) -> str:
            return (f'<article class="gv-playcard gv-playcard-{kind}">'
                    f'<p class="gv-playcard-kind">Ronde {r.number} · {esc(name)}</p>'
                    f'<h2 class="gv-playcard-title">{title}</h2>'
                    f'<div class="gv-playcard-body">{body}</div>'
                    f'<p class="gv-playcard-foot">Goed Voorbeeld · gespreksspel · {esc(label)}</p></article>')

        out.append(card("situation", "De situatie",
                        f'<p class="gv-playcard-org">{esc(_meta(c))}</p><p>{esc(r.situation)}</p>'))
        out.append(card("question", "De vraag", f'<p class="gv-playcard-question">{esc(r.question)}</p>'))
        for role in ROLES:
            out.append(card("role", f"Rol: {role.title}",
                            f'<p class="gv-playcard-role">{esc(role.title)}</p><p>{esc(role.brief)}</p>'))
        answer = "".join(f"<p><strong>{esc(t)}.</strong> {esc(text)}</p>" for t, text in r.answer)
        out.append(card("answer", "Het antwoord", answer + f'<p class="gv-playcard-url">{breakable_url(r.url)}</p>'))
    return out


def cards_page(site: Site) -> str:
    base = render.base_for("top-5/spel/kaarten/")
    all_cards = cards(site)
    sheets = [all_cards[i:i + CARDS_PER_SHEET] for i in range(0, len(all_cards), CARDS_PER_SHEET)]
    marks = "".join(f'<span class="gv-cut gv-cut-{i}"></span>' for i in range(1, 13))
    lines = [
        *render.unsearched_page("Spelkaarten: de vijf", "De kaarten van het gespreksspel met de vijf voorbeelden, om "
                                "af te drukken op A4: vier kaarten per vel, met snijtekens."),
        '<h1 class="gv-screen-only">Spelkaarten: de vijf</h1>',
        "",
        # The stylesheet sits in the block that printing hides: an empty paragraph around it would take room.
        f'<div class="gv-screen-only"><link rel="stylesheet" href="{href(base, "assets/gv-cards.css")}">'
        f'<p class="gv-game-label">{esc(label_text(site))}</p>'
        "<p>Druk deze pagina af op A4 (Ctrl+P of Cmd+P), op ware grootte: vier kaarten per vel, met snijtekens "
        "in de rand. Per voorbeeld zijn er zeven kaarten: de situatie, de vraag, vier rollen en het antwoord. "
        "Lange teksten zijn ingekort; het hele voorbeeld staat op de site.</p>"
        f'<p><a href="{href(base, "top-5/spel/")}">Het gespreksspel op het scherm</a></p></div>',
        "",
    ]
    if not sheets:
        lines.append('<p class="gv-empty">Er tellen nog geen voorbeelden mee voor de vijf.</p>')
    for sheet in sheets:
        lines.append(f'<div class="gv-sheet"><div class="gv-sheet-cards">{"".join(sheet)}</div>'
                     f'<div class="gv-cutmarks" aria-hidden="true">{marks}</div></div>')
    lines.append("")
    return "\n".join(lines)
