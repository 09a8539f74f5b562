"""The rules of a case file, in one place: keys, allowed values and sections.

The checker, the JSON Schema in the open data, the issue form and the
contributor guide are all derived from these tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The one slug pattern: case file names, tag and group slugs, names of saved selections.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MIN, SLUG_MAX = 3, 80
# The folder of the site where the case pages live (/voorbeelden/<slug>/): the one place for this name.
CASES_FOLDER = "voorbeelden"
# Slugs the site itself uses under voorbeelden/ (the list page and its pages).
RESERVED_SLUGS = ("index", "pagina")
FIRST_YEAR = 1990


def dashed(text: str) -> str:
    """`text` in the shape of a slug: lowercase, every run of other characters one hyphen (may be empty)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

LEVELS: dict[str, str] = {
    "rijk": "Rijk",
    "provincie": "Provincie",
    "gemeente": "Gemeente",
    "waterschap": "Waterschap",
    "uitvoeringsorganisatie": "Uitvoeringsorganisatie",
    "samenwerkingsverband": "Samenwerkingsverband",
    "overig": "Overig",
}
STATUSES: dict[str, str] = {
    "idee": "Idee",
    "pilot": "Pilot",
    "lopend": "Lopend",
    "afgerond": "Afgerond",
}
LANGUAGES: dict[str, str] = {"nl": "Nederlands", "en": "Engels"}

# Statuses that can count among the five: the practice has actually been tried.
RANKED_STATUSES = ("pilot", "lopend", "afgerond")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text | choice | year | tags | date | links | contact
    required: bool
    label: str  # Dutch, as a contributor sees it
    help: str  # Dutch, one line
    min_len: int = 0
    max_len: int = 0
    choices: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field("title", "text", True, "Titel", "Korte, duidelijke titel van het voorbeeld.", 5, 120),
    Field("summary", "text", True, "Samenvatting",
          "In één of twee zinnen platte tekst: wat is er gedaan en wat leverde het op?", 20, 400),
    Field("organisation", "text", True, "Organisatie", "De organisatie die het voorbeeld uitvoert.", 2, 200),
    Field("level", "choice", True, "Bestuurslaag", "Het soort organisatie.", choices=tuple(LEVELS)),
    Field("status", "choice", True, "Status", "Hoe ver is het voorbeeld?", choices=tuple(STATUSES)),
    Field("year", "year", True, "Startjaar", "Het jaar waarin het voorbeeld begon."),
    Field("tags", "tags", True, "Tags", "Minstens één tag uit de tagslijst."),
    Field("added", "date", True, "Toegevoegd", "De datum waarop het voorbeeld is toegevoegd (JJJJ-MM-DD)."),
    Field("links", "links", False, "Links", "Webpagina's met meer informatie: een lijst van title en url."),
    Field("contact", "contact", False, "Contact",
          "Een algemeen e-mailadres of het webadres van de organisatie; geen persoonsnaam nodig."),
    Field("language", "choice", False, "Taal", "De taal van het voorbeeld (standaard nl).", choices=tuple(LANGUAGES)),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}
LINK_KEYS = ("title", "url")

# Dutch key names people are likely to type, mapped to the real key.
KEY_ALIASES = {
    "titel": "title", "samenvatting": "summary", "organisatie": "organisation", "organization": "organisation",
    "niveau": "level", "bestuurslaag": "level", "jaar": "year", "startjaar": "year", "tag": "tags",
    "toegevoegd": "added", "datum": "added", "date": "added", "taal": "language", "link": "links",
}


@dataclass(frozen=True)
class SectionRule:
    key: str
    title: str
    required: bool
    # A plain-text section (no Markdown at all, one paragraph) of min_len to max_len characters; 0 = any.
    min_len: int = 0
    max_len: int = 0


SECTIONS: tuple[SectionRule, ...] = (
    SectionRule("aanleiding", "Aanleiding", True),
    SectionRule("aanpak", "Aanpak", True),
    SectionRule("resultaat", "Resultaat", False),
    SectionRule("lessen", "Lessen", False),
    # The question a group discusses in the conversation game (checked by `question.py`).
    SectionRule("gespreksvraag", "Gespreksvraag", False, 10, 300),
)
SECTION_BY_TITLE = {s.title.lower(): s for s in SECTIONS}
SECTION_BY_KEY = {s.key: s for s in SECTIONS}

# A line the `new` command writes under each heading; the checker warns while it is there.
HINT_PREFIX = "Vervang deze tekst"
# What belongs in each section: the hint under each heading of a new file and the help text of the issue form.
SECTION_HINTS: dict[str, str] = {
    "aanleiding": "waarom begon de organisatie hiermee? Welk probleem of welke vraag lag er?",
    "aanpak": "wat is er gedaan, door wie (welke afdeling of rol) en hoe? Beschrijf de stappen zo concreet mogelijk.",
    "resultaat": "wat leverde het op? Noem alleen wat je kunt onderbouwen, liefst met een link naar een bron.",
    "lessen": "wat zou je een collega aanraden, en wat ging minder goed?",
    "gespreksvraag": "één open vraag waarover een groep bij een bijeenkomst kan praten, in platte tekst "
                     "(10 tot 300 tekens, zonder opmaak of links).",
}


def hint_as_sentence(hint: str) -> str:
    """A section hint with a capital first letter, as a sentence of its own: 'één' becomes 'Eén', not 'Één'."""
    if hint.startswith("één"):
        return "Eén" + hint[3:]
    return hint[:1].upper() + hint[1:]

# Raw HTML a body may contain; everything else is rejected by the checker.
ALLOWED_HTML = {"abbr": {"title"}, "sub": set(), "sup": set(), "br": set()}
ALLOWED_LINK_SCHEMES = ("http", "https", "mailto")
ALLOWED_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
MAX_IMAGE_BYTES = 5 * 1024 * 1024
