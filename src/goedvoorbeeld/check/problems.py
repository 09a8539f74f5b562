"""Problems found in case files, and the one table of every checker code.

The table `CODES` is the single source for severities, the Dutch explanation,
an example and the fix; the contributor guide is generated from it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str  # Dutch: what is wrong
    example: str  # Dutch: a message as the checker prints it
    fix: str  # Dutch: how to fix it


_TABLE = [
    # --- the file as a whole -------------------------------------------------
    Code("GV001", "error", "Bestandsnaam is geen geldige slug",
         "bestandsnaam 'Mijn Voorbeeld.md' is ongeldig",
         "Gebruik alleen kleine letters, cijfers en koppeltekens (3 tot 80 tekens), bijvoorbeeld `open-raad.md`."),
    Code("GV002", "error", "Leeg bestand",
         "het bestand is leeg",
         "Begin met front matter tussen twee regels `---` en schrijf daarna de tekst."),
    Code("GV003", "error", "Geen front matter",
         "het bestand begint niet met front matter ('---')",
         "Zet op de eerste regel `---`, daarna de gegevens (title, summary, ...) en sluit af met `---`."),
    Code("GV004", "error", "Front matter niet afgesloten",
         "de front matter wordt niet afgesloten met een regel '---'",
         "Zet na de laatste gegevensregel een regel met alleen `---`."),
    Code("GV005", "error", "Ongeldige YAML",
         "ongeldige YAML: mapping values are not allowed here",
         "Controleer de regel: zet tekst met een dubbele punt tussen aanhalingstekens en let op het inspringen."),
    Code("GV006", "error", "Front matter is geen lijst van sleutels en waarden",
         "de front matter moet sleutels met waarden bevatten (zoals 'title: ...'), geen lijst of losse tekst",
         "Schrijf elke gegeven op een eigen regel als `sleutel: waarde`."),
    Code("GV007", "error", "Bestand te groot",
         "het bestand is 300 KB; het maximum is 256 KB",
         "Maak de tekst korter of verwijs met een link naar een uitgebreider document."),
    Code("GV008", "error", "Geen geldige UTF-8",
         "het bestand is geen geldige UTF-8 (byte 1234)",
         "Sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' en dan codering UTF-8)."),
    Code("GV009", "error", "YAML-anker of -alias",
         "YAML-ankers en -aliassen (& en *) zijn niet toegestaan",
         "Schrijf de waarde gewoon uit; zet tekst die met & of * begint tussen aanhalingstekens."),
    Code("GV010", "error", "YAML-tag niet toegestaan",
         "YAML-tag '!!python/object/apply:os.system' is niet toegestaan",
         "Verwijder de tag (het deel dat met ! begint); zet tekst die met ! begint tussen aanhalingstekens."),
    Code("GV011", "error", "Te diep genest",
         "links: te diep genest",
         "Gebruik de vorm uit het voorbeeld: alleen `links` is een lijst van `title` en `url`."),
    Code("GV012", "error", "Slugs verschillen alleen in hoofdletters",
         "de slug botst met cases/Open-Raad.md (verschilt alleen in hoofdletters)",
         "Geef een van de bestanden een andere naam."),
    Code("GV013", "warning", "Dubbele titel",
         "dezelfde titel als cases/open-raad.md",
         "Maak de titel onderscheidend, of voeg de voorbeelden samen als ze over hetzelfde gaan."),
    Code("GV014", "warning", "Bestand wordt niet gepubliceerd",
         "'voorbeeld.txt' is geen .md-bestand en wordt niet gepubliceerd",
         "Geef een voorbeeld de extensie `.md`; zet andere bestanden buiten `cases/`."),
    Code("GV015", "error", "Dubbele sleutel",
         "sleutel 'title' staat twee keer in de front matter",
         "Houd één regel per sleutel over."),
    Code("GV016", "error", "Onzichtbaar teken of stuurteken",
         "teken U+202E (RIGHT-TO-LEFT OVERRIDE) is niet toegestaan: het keert de leesrichting om",
         "Verwijder het teken: typ de tekst opnieuw of plak hem als platte tekst (zonder opmaak)."),
    Code("GV017", "error", "Tekst te ingewikkeld om veilig om te zetten",
         "regel van 12000 tekens; het maximum is 5000",
         "Splits lange regels in alinea's, nest lijsten en citaten hoogstens 8 niveaus diep en haal losse haken weg."),
    Code("GV018", "error", "Koppeling in plaats van bestand",
         "'open-raad.md' is een koppeling naar een ander bestand",
         "Zet het bestand zelf in `cases/`; een koppeling kan naar iets buiten de bibliotheek wijzen."),
    # --- front matter --------------------------------------------------------
    Code("GV101", "error", "Verplichte sleutel ontbreekt",
         "verplichte sleutel 'summary' ontbreekt",
         "Voeg de sleutel toe, bijvoorbeeld `summary: In twee zinnen wat er gebeurde.`"),
    Code("GV102", "error", "Onbekende sleutel",
         "onbekende sleutel 'titel'; bedoelde je 'title'?",
         "Gebruik alleen de sleutels uit het voorbeeld; let op de Engelse schrijfwijze."),
    Code("GV103", "error", "Verkeerd soort waarde",
         "title: verwacht tekst, maar dit is een getal",
         "Geef de waarde in de vorm uit het voorbeeld: tekst, een jaartal, een datum of een lijst."),
    Code("GV104", "error", "Onbekende tag",
         "tags: onbekende tag 'burger-betrekken'; bedoelde je 'burgers-betrekken'?",
         "Kies tags uit de lijst in `cases/tags.yml` (zie de tabel met tags in deze gids)."),
    Code("GV105", "error", "Dubbele tag",
         "tags: 'visie' staat er twee keer in",
         "Noem elke tag één keer."),
    Code("GV106", "error", "Te veel of te weinig tags",
         "tags: 6 tags; het maximum is 5",
         "Kies de tags die het best passen, minstens 1 en hoogstens het maximum."),
    Code("GV107", "error", "Lege tag",
         "tags: lege tag",
         "Verwijder het lege item uit de lijst."),
    Code("GV108", "error", "Tekst te kort of te lang",
         "title: 3 tekens; dat moet 5 tot 120 zijn",
         "Pas de lengte aan: de titel 5–120 tekens, de samenvatting 20–400."),
    Code("GV109", "error", "Waarde niet toegestaan",
         "level: 'stad' is niet toegestaan; kies uit: rijk, provincie, gemeente, ...",
         "Kies een van de genoemde waarden."),
    Code("GV110", "error", "Jaartal buiten bereik",
         "year: 1850 ligt niet tussen 1990 en 2027",
         "Geef het jaar waarin het voorbeeld begon."),
    Code("GV111", "error", "Ongeldige datum",
         "added: '2026-02-30' is geen bestaande datum (JJJJ-MM-DD)",
         "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld `2026-11-29`."),
    Code("GV112", "error", "Datum in de toekomst",
         "added: 2031-01-01 ligt in de toekomst",
         "Gebruik de datum van vandaag of eerder."),
    Code("GV113", "error", "Adres niet toegestaan",
         "links[1].url: 'javascript:alert(1)' is niet toegestaan; alleen http:// of https://",
         "Gebruik een volledig webadres dat begint met https:// (of http://)."),
    Code("GV114", "error", "Ongeldig contact",
         "contact: 'Jan' is geen e-mailadres of webadres",
         "Geef een algemeen e-mailadres of het webadres van de organisatie; een persoonsnaam is niet nodig."),
    Code("GV115", "error", "Opmaak in platte tekst",
         "summary: gebruik hier platte tekst, zonder HTML",
         "Haal de HTML-code weg; de samenvatting verschijnt op kaarten, in de hand-out en in feeds."),
    # --- body ----------------------------------------------------------------
    Code("GV201", "error", "Verplichte sectie ontbreekt",
         "sectie '## Aanpak' ontbreekt",
         "Voeg de kop toe met tekst eronder: `## Aanleiding` en `## Aanpak` zijn verplicht."),
    Code("GV202", "error", "Secties in de verkeerde volgorde",
         "sectie '## Aanleiding' moet voor '## Aanpak' staan",
         "Zet de secties in de volgorde Aanleiding, Aanpak, Resultaat, Lessen, Gespreksvraag."),
    Code("GV203", "error", "Onbekende of dubbele sectie",
         "onbekende sectie '## Conclusie'; toegestaan: Aanleiding, Aanpak, Resultaat, Lessen, Gespreksvraag",
         "Gebruik alleen de vijf secties; een tussenkop binnen een sectie schrijf je met `###`."),
    Code("GV204", "warning", "Lege sectie",
         "sectie '## Resultaat' is leeg",
         "Schrijf tekst onder de kop, of laat een optionele sectie weg."),
    Code("GV205", "error", "HTML niet toegestaan",
         "HTML-element <script> is niet toegestaan",
         "Gebruik Markdown in plaats van HTML. Alleen <abbr>, <sub>, <sup> en <br> mogen."),
    Code("GV206", "error", "Link niet toegestaan",
         "link 'javascript:alert(1)' is niet toegestaan; alleen http://, https:// en mailto:",
         "Gebruik een volledig webadres dat begint met https://."),
    Code("GV207", "error", "Afbeelding niet gevonden of niet toegestaan",
         "afbeelding '../geheim.png' ligt buiten cases/ of bestaat niet",
         "Zet de afbeelding (png, jpg, gif of webp) in `cases/` en verwijs ernaar met een relatief pad."),
    Code("GV208", "warning", "Hulptekst nog niet vervangen",
         "de hulptekst onder '## Aanpak' is nog niet vervangen",
         "Vervang de hulptekst (de regel die begint met 'Vervang deze tekst') door je eigen tekst."),
    Code("GV209", "warning", "Kop van niveau 1 in de tekst",
         "kop '# Titel' in de tekst; de titel komt uit 'title'",
         "Verwijder de kop; de pagina krijgt de titel uit de front matter."),
    Code("GV210", "error", "Gespreksvraag te kort of te lang",
         "gespreksvraag: 5 tekens; dat moet 10 tot 300 zijn",
         "Schrijf onder `## Gespreksvraag` één open vraag van 10 tot 300 tekens, of laat de sectie weg."),
    Code("GV211", "error", "Opmaak in de gespreksvraag",
         "gespreksvraag: opmaak gevonden; schrijf één alinea platte tekst, zonder opmaak, HTML of links",
         "Haal HTML, links, afbeeldingen, vet of schuin, code, lijstjes, koppen en een tweede alinea weg: de "
         "vraag staat in het gespreksspel op een scherm en op een kaart."),
    # --- saved selections (cases/selecties/) ----------------------------------
    Code("GV301", "error", "Bestandsnaam van een selectie ongeldig",
         "bestandsnaam 'netwerkdag.yml' is ongeldig: een selectie heet JJJJ-MM-DD-naam.yml",
         "Bewaar selecties met `goedvoorbeeld rank --save naam`; dat kiest de juiste bestandsnaam."),
    Code("GV302", "error", "Sleutel ontbreekt of is onbekend in een selectie",
         "cases[2].score: ontbreekt",
         "Zet het bestand terug zoals `goedvoorbeeld rank --save` het schreef (zie de geschiedenis in git)."),
    Code("GV303", "error", "Verkeerde waarde in een selectie",
         "top: verwacht een geheel getal van 1 of meer",
         "Geef de waarde in de vorm die `goedvoorbeeld rank --save` schrijft: tekst, een datum of een getal."),
    Code("GV304", "error", "Naam of datum verschilt van de bestandsnaam",
         "date: 2026-11-28 verschilt van de datum in de bestandsnaam (2026-11-29)",
         "Een bewaarde selectie verandert niet: zet de waarde terug of bewaar een nieuwe selectie."),
    Code("GV305", "error", "Score klopt niet met de gewichten",
         "cases[1].score: 14, maar de som van 'breakdown' is 16",
         "Een bewaarde selectie verandert niet: zet de waarden terug zoals ze bewaard zijn."),
    Code("GV306", "error", "Volgorde van een selectie klopt niet",
         "cases[2].rank: 3, verwacht 2",
         "Houd de plaatsen 1, 2, 3, ... op volgorde van score, elk voorbeeld één keer en niet meer dan 'top'."),
    # --- vocabulary and settings ---------------------------------------------
    Code("GV401", "error", "Fout in de tagslijst",
         "cases/tags.yml: tag 'visie' mist 'weight'",
         "Geef elke tag een label, een beschrijving en een gewicht (een geheel getal van 0 of meer)."),
]

CODES: dict[str, Code] = {c.code: c for c in _TABLE}


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, pointing at a file position (1-based line and column)."""

    path: str
    line: int
    column: int
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message}"

    def format_github(self) -> str:
        kind = "error" if self.is_error else "warning"
        # GitHub workflow commands need %, CR and LF escaped in the message.
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{kind} file={path},line={self.line},col={self.column},title={self.code}::{msg}"

    def to_dict(self) -> dict:
        return {**asdict(self), "severity": self.severity}


def problem(path: str, line: int, column: int, code: str, message: str) -> Problem:
    """Make a problem; an unknown code is a programming error."""
    if code not in CODES:  # pragma: no cover - guards the table
        raise KeyError(code)
    return Problem(path, max(line, 1), max(column, 1), code, message)


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = warnings = 0
    for p in problems:
        if p.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def amount(n: int, one: str, more: str) -> str:
    """A count with its noun in agreement: `1 teken`, `2 tekens`, `0 fouten`."""
    return f"{n} {one if n == 1 else more}"


def summary_line(cases: int, problems: Iterable[Problem]) -> str:
    errors, warnings = count(problems)
    return (f"{amount(cases, 'voorbeeld', 'voorbeelden')} gecontroleerd: {amount(errors, 'fout', 'fouten')}, "
            f"{amount(warnings, 'waarschuwing', 'waarschuwingen')}")


def strict_line(warnings: int) -> str:
    """The last line of a strict build that failed on warnings alone."""
    return (f"{amount(warnings, 'waarschuwing', 'waarschuwingen')}: met --strict telt elke "
            f"waarschuwing als fout")


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    items = list(problems)
    if fmt == "json":
        return json.dumps([p.to_dict() for p in items], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.format_github() for p in items)
    return "\n".join(p.format() for p in items)
