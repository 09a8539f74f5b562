"""Click in Dutch: its own words ("Usage", "Options", "Error:", "Aborted!", ...) and our metavars.

Click marks its messages for gettext (`_()` and `ngettext()` imported from the standard library into each of
its modules). `speaking_dutch()` puts a translation object with the small catalog below in their place while
a Goed Voorbeeld command runs, and puts the originals back afterwards, so no other program that uses click
in the same process is changed. `DutchGroup` and `DutchCommand` run every command that way and give the
placeholders in usage lines Dutch names (`[OPTIES]`, `MAP`, `BESTAND`, ...).

tests/test_cli_dutch.py reads click's installed source and fails when a message lacks a translation here.
"""

from __future__ import annotations

import gettext
import importlib
from contextlib import contextmanager
from typing import Iterator

import click

# Click's messages (its msgids) and their Dutch text. Placeholders that would bring English words along
# (click's own type names such as 'integer' or 'path') are left out of the Dutch text.
CATALOG: dict[str, str] = {
    # core.py
    "Aborted!": "Afgebroken.",
    "deprecated": "verouderd",
    "required": "verplicht",
    "Missing command.": "Er ontbreekt een opdracht.",
    "Options": "Opties",
    "Positional arguments": "Argumenten",
    "Commands": "Opdrachten",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Let op: de opdracht {name!r} is verouderd.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Let op: {name!r} is verouderd.{extra_message}",
    "Value must be an iterable.": "De waarde moet een lijst zijn.",
    "Could not determine name for option with declarations {decls!r}":
        "Geen naam te bepalen voor de optie met {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?":
        "Geen opties gegeven, wel een naam ({name}). Bedoelde je een argument, of '--{name}'?",
    "env var: {var}": "omgevingsvariabele: {var}",
    "default: {default}": "standaard: {default}",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Een argument heeft precies één naam, niet {length}: {decls}.",
    "(dynamic)": "(wisselend)",
    "Name '{name}' defined twice": "De naam '{name}' komt twee keer voor",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "Ja/nee-optie {decl!r} kan niet dezelfde vlag voor ja en nee gebruiken.",
    # decorators.py
    "Do you want to continue?": "Wil je doorgaan?",
    "Confirm the action without prompting.": "Bevestig zonder te vragen.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Show the version and exit.": "Toon de versie en stop.",
    "Show this message and exit.": "Toon deze hulp en stop.",
    # exceptions.py
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekend gegeven",
    "Missing parameter: {param_name}": "Ontbrekend gegeven: {param_name}",
    "Missing {param_type}": "Ontbrekend gegeven",
    "unknown error": "onbekende fout",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Could not open file {filename!r}: {message}": "Kan bestand {filename!r} niet openen: {message}",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Probeer '{command} {option}' voor hulp.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    # formatting.py
    "Usage:": "Gebruik:",
    # parser.py
    "Invalid start character for option ({option})": "Ongeldig eerste teken voor een optie ({option})",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} heeft {nargs} waarden nodig.",
    # shell_completion.py
    "Couldn't detect Bash version, shell completion is not supported.":
        "De versie van Bash is onbekend; aanvullen met Tab werkt daarom niet.",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Aanvullen met Tab werkt niet in Bash ouder dan 4.4.",
    # termui.py and _termui_impl.py
    "Press any key to continue...": "Druk op een toets om door te gaan...",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee ingevoerde waarden verschillen.",
    "Unknown color {colour!r}": "Onbekende kleur {colour!r}",
    "Error: invalid input": "Fout: ongeldige invoer",
    "d": "d",
    "{editor}: Editing failed": "{editor}: bewerken mislukt",
    "{editor}: Editing failed: {e}": "{editor}: bewerken mislukt: {e}",
    # types.py
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Choice({choices})": "Keuze({choices})",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} is geen ja of nee. Mogelijk: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen getal.",
    "{value!r} is not a valid UUID.": "{value!r} is geen geldige UUID.",
    "{name} {filename!r} is a file.": "{filename!r} is een bestand; hier hoort een map.",
    "{name} {filename!r} is a directory.": "{filename!r} is een map; hier hoort een bestand.",
    "{name} {filename!r} is not readable.": "{filename!r} kan niet worden gelezen.",
    "{name} {filename!r} is not writable.": "{filename!r} kan niet worden beschreven.",
    "{name} {filename!r} is not executable.": "{filename!r} kan niet worden uitgevoerd.",
    "{name} {filename!r} does not exist.": "{filename!r} bestaat niet.",
    # utils.py and _winconsole.py
    "Unknown standard stream '{name}'": "Onbekende standaardstroom '{name}'",
    "Windows error: {error}": "Windows-fout: {error}",
}

# ngettext: the English singular -> the Dutch (one, more).
PLURALS: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})":
        ("Onverwacht extra argument ({args})", "Onverwachte extra argumenten ({args})"),
    "Takes {nargs} values but 1 was given.":
        ("Verwacht {nargs} waarden, maar er is er 1 gegeven.", "Verwacht {nargs} waarden, maar er zijn er {len} gegeven."),
    "Did you mean {possibility}?": ("Bedoelde je {possibility}?", "(Bedoelde je een van deze: {possibilities}?)"),
    "Option {name!r} requires an argument.":
        ("Optie {name!r} heeft een waarde nodig.", "Optie {name!r} heeft {nargs} waarden nodig."),
    "{value!r} is not {choice}.": ("{value!r} is niet {choice}.", "{value!r} is geen van {choices}."),
    "{value!r} does not match the format {format}.":
        ("{value!r} past niet bij de vorm {format}.", "{value!r} past niet bij de vormen {formats}."),
    "{len_type} values are required, but {len_value} was given.":
        ("Er zijn {len_type} waarden nodig, maar er is er {len_value} gegeven.",
         "Er zijn {len_type} waarden nodig, maar er zijn er {len_value} gegeven."),
}


class Dutch(gettext.NullTranslations):
    """A translation object over the catalog above; an unknown message stays as it is."""

    def gettext(self, message: str) -> str:
        return CATALOG.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if msgid1 in PLURALS:
            one, more = PLURALS[msgid1]
            return one if n == 1 else more
        return msgid1 if n == 1 else msgid2


DUTCH = Dutch()
# Click's modules that call `_()` or `ngettext()` (`_winconsole` exists only on Windows).
CLICK_MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
                 "click.shell_completion", "click.termui", "click._termui_impl", "click.types", "click.utils")


@contextmanager
def speaking_dutch() -> Iterator[None]:
    """Click's messages in Dutch for the duration of the block."""
    saved = []
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        for attr, dutch in (("_", DUTCH.gettext), ("ngettext", DUTCH.ngettext)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, dutch)
    try:
        yield
    finally:
        for module, attr, original in reversed(saved):
            setattr(module, attr, original)


def metavar_word(param: click.Parameter) -> str | None:
    """The Dutch placeholder for a value of this parameter's type; None where click's own is fine."""
    kind = param.type
    if isinstance(kind, click.Path):
        if kind.file_okay and not kind.dir_okay:
            return "BESTAND"
        return "MAP" if kind.dir_okay and not kind.file_okay else "PAD"
    if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        return "GETAL"
    if kind is click.STRING:
        return "TEKST"
    return None  # choices list their values; tuples are given a metavar where they are declared


def _dutch_metavars(params: list[click.Parameter]) -> None:
    for param in params:
        if param.metavar is not None:
            continue
        word = metavar_word(param)
        if word is None:
            continue
        if isinstance(param, click.Argument):
            word = word if param.required else f"[{word}]"
            word += "..." if param.nargs != 1 else ""
            param.metavar = word
        elif isinstance(param, click.Option) and not param.is_flag and not param.count:
            param.metavar = word


class _Dutch:
    """Run the command with click speaking Dutch; Dutch placeholders in its usage line and help."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)
        _dutch_metavars(self.params)

    def main(self, *args, **kwargs):
        with speaking_dutch():
            return super().main(*args, **kwargs)


class DutchCommand(_Dutch, click.Command):
    pass


class DutchGroup(_Dutch, click.Group):
    command_class = DutchCommand

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "OPDRACHT [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)


DutchGroup.group_class = DutchGroup
