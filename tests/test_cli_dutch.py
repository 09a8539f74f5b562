"""The command line speaks Dutch: help, usage errors, click's own words, option-named values, plurals."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from goedvoorbeeld import dutch_click
from goedvoorbeeld.cli import main
from conftest import FIXTURES

USAGE_NEW = "Gebruik: goedvoorbeeld new [OPTIES]\nProbeer 'goedvoorbeeld new --help' voor hulp.\n\n"
REQUIRED = ["--title", "Open raadsinformatie in Testdorp",
            "--summary", "De gemeente publiceert de stukken van de raad als open data.",
            "--organisation", "Gemeente Testdorp", "--level", "gemeente", "--status", "lopend",
            "--year", "2019", "--tag", "regels-en-informatie"]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    shutil.copytree(FIXTURES / "library", tmp_path / "cases")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def click_messages() -> tuple[set[str], set[str]]:
    """Every literal message click passes to `_()` and the singular of every `ngettext()`, from its source."""
    singles, plurals = set(), set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
                first = node.args[0]
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    continue
                if node.func.id == "_":
                    singles.add(first.value)
                elif node.func.id == "ngettext":
                    plurals.add(first.value)
    return singles, plurals


def test_every_message_of_the_installed_click_has_a_dutch_text():
    singles, plurals = click_messages()
    assert "Usage:" in singles and "Aborted!" in singles and "Error: {message}" in singles  # the walk works
    assert sorted(singles - dutch_click.CATALOG.keys()) == []
    assert sorted(plurals - dutch_click.PLURALS.keys()) == []
    assert "required" in dutch_click.CATALOG  # passed to _() from a variable, so the walk cannot see it


def all_commands():
    yield ()
    for name in sorted(main.commands):
        yield (name,)


@pytest.mark.parametrize("command", list(all_commands()), ids=lambda c: " ".join(c) or "goedvoorbeeld")
def test_help_of_every_command_is_dutch(command):
    result = run(*command, "-h")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith(f"Gebruik: goedvoorbeeld {' '.join(command) + ' ' if command else ''}[OPTIES]")
    assert "\nOpties:\n" in out and "Toon deze hulp en stop." in out
    for english in ("Usage", "Options", "Show this message", "[default", "[required", "Commands:", "OPTIONS",
                    "COMMAND", "ARGS", "TEXT", "PATH", "FILE", "DIRECTORY", "INTEGER", "FLOAT", "RANGE"):
        assert english not in out, f"{english!r} in the help of {command}"
    for param in (main.commands[command[0]] if command else main).params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help and param.opts[0] in out


def test_the_group_lists_its_commands_under_a_dutch_heading():
    out = run("-h").output
    assert "Gebruik: goedvoorbeeld [OPTIES] OPDRACHT [ARGUMENTEN]...\n" in out
    assert "\nOpdrachten:\n" in out and "  rank  " in out
    assert run("--version").output == f"goedvoorbeeld, versie {main_version()}\n"


def main_version() -> str:
    from importlib.metadata import version

    return version("goedvoorbeeld")


@pytest.mark.parametrize("args, expected", [
    (["rank", "--bogus"],
     "Gebruik: goedvoorbeeld rank [OPTIES] [MAP]\nProbeer 'goedvoorbeeld rank --help' voor hulp.\n\n"
     "Fout: Onbekende optie '--bogus'.\n"),
    (["rank", "--sav", "x"],
     "Gebruik: goedvoorbeeld rank [OPTIES] [MAP]\nProbeer 'goedvoorbeeld rank --help' voor hulp.\n\n"
     "Fout: Onbekende optie '--sav'. Bedoelde je '--save'?\n"),
    (["check", "--format", "xml"],
     "Gebruik: goedvoorbeeld check [OPTIES] [PAD]...\nProbeer 'goedvoorbeeld check --help' voor hulp.\n\n"
     "Fout: Ongeldige waarde voor '--format': 'xml' is geen van 'text', 'github', 'json'.\n"),
    (["links", "--timeout", "abc"],
     "Gebruik: goedvoorbeeld links [OPTIES] [MAP]\nProbeer 'goedvoorbeeld links --help' voor hulp.\n\n"
     "Fout: Ongeldige waarde voor '--timeout': 'abc' is geen getal.\n"),
    (["links", "--workers", "0"],
     "Gebruik: goedvoorbeeld links [OPTIES] [MAP]\nProbeer 'goedvoorbeeld links --help' voor hulp.\n\n"
     "Fout: Ongeldige waarde voor '--workers': 0 ligt niet in het bereik x>=1.\n"),
    (["rank", "--save"], "Fout: Optie '--save' heeft een waarde nodig.\n"),
    (["bogus"],
     "Gebruik: goedvoorbeeld [OPTIES] OPDRACHT [ARGUMENTEN]...\nProbeer 'goedvoorbeeld --help' voor hulp.\n\n"
     "Fout: Onbekende opdracht 'bogus'.\n"),
    (["check", "bestaat-niet"],
     "Gebruik: goedvoorbeeld check [OPTIES] [PAD]...\nProbeer 'goedvoorbeeld check --help' voor hulp.\n\n"
     "Fout: 'bestaat-niet' bestaat niet\n"),
    (["from-issue"],
     "Gebruik: goedvoorbeeld from-issue [OPTIES] BESTAND\n"
     "Probeer 'goedvoorbeeld from-issue --help' voor hulp.\n\n"
     "Fout: Ontbrekend argument 'BESTAND'.\n"),
])
def test_usage_errors_are_dutch_and_exit_2(workdir, args, expected):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == expected


def test_click_is_english_again_for_other_programs_after_a_command():
    run("rank", "--bogus")
    assert click.formatting._("Usage:") == "Usage:"
    assert click.core.ngettext("a", "b", 2) == "b"


def test_new_without_a_terminal_names_each_missing_required_option_and_exits_2(workdir):
    result = run("new")
    assert result.exit_code == 2
    assert result.stderr == USAGE_NEW + (
        "Fout: zonder terminal kan 'new' niets vragen; deze verplichte opties ontbreken:\n"
        "  --title         Titel van het voorbeeld (5 tot 120 tekens).\n"
        "  --summary       Samenvatting in één of twee zinnen (20 tot 400 tekens).\n"
        "  --organisation  De organisatie die het voorbeeld uitvoert.\n"
        "  --level         Bestuurslaag: rijk, provincie, gemeente, waterschap, uitvoeringsorganisatie, "
        "samenwerkingsverband, overig.\n"
        "  --status        Status: idee, pilot, lopend, afgerond.\n"
        "  --year          Het jaar waarin het voorbeeld begon.\n"
        "  --tag           Een tag (naam of label uit cases/tags.yml); herhaal voor meer.\n")
    assert "Aborted" not in result.output and "Afgebroken" not in result.output
    assert sorted(p.name for p in (workdir / "cases").iterdir()) == sorted(p.name for p in
                                                                           (FIXTURES / "library").iterdir())


def test_new_without_a_terminal_names_only_what_is_still_missing(workdir):
    without_tag = REQUIRED[:-2]
    result = run("new", *without_tag)
    assert result.exit_code == 2
    assert result.stderr == USAGE_NEW + (
        "Fout: zonder terminal kan 'new' niets vragen; deze verplichte optie ontbreekt:\n"
        "  --tag  Een tag (naam of label uit cases/tags.yml); herhaal voor meer.\n")
    # answers that run out halfway: the questions already answered are not named
    result = run("new", *without_tag[:-2], input="2019\n")
    assert result.exit_code == 2
    assert result.stderr.endswith("deze verplichte optie ontbreekt:\n"
                                  "  --tag  Een tag (naam of label uit cases/tags.yml); herhaal voor meer.\n")


def test_a_bad_option_value_is_named_by_its_option_not_by_a_file_position(workdir):
    args = list(REQUIRED)
    args[args.index("--level") + 1] = "gemeentee"
    result = run("new", *args)
    assert result.exit_code == 2
    assert result.stderr == USAGE_NEW + "Fout: --level: onbekende bestuurslaag 'gemeentee'; bedoelde je 'gemeente'?\n"
    args = list(REQUIRED) + ["--tag", "burger-betrekken", "--link", "Website", "javascript:alert(1)"]
    args[args.index("--title") + 1] = "A"
    args[args.index("--status") + 1] = "klaar"
    result = run("new", *args)
    assert result.exit_code == 2
    assert result.stderr == USAGE_NEW + (
        "Fout: --title: 1 teken; dat moet 5 tot 120 zijn\n"
        "--status: onbekende status 'klaar'; kies uit: idee, pilot, lopend, afgerond\n"
        "--tag: onbekende tag 'burger-betrekken'; bedoelde je 'burgers-betrekken'?\n"
        "--link (de 1e): 'javascript:alert(1)' is niet toegestaan; alleen http:// of https://\n")
    assert len(list((workdir / "cases").glob("*.md"))) == len(list((FIXTURES / "library").glob("*.md")))


def test_counts_agree_with_their_number(workdir):
    case = (workdir / "cases" / "open-raad-testdorp.md")
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace('title: "Raadsinformatie van Testdorp als open data"', 'title: "A"'),
                    encoding="utf-8")
    result = run("check", "cases/open-raad-testdorp.md")
    assert result.output == ("cases/open-raad-testdorp.md:2:8: error GV108: title: 1 teken; dat moet 5 tot 120 zijn\n"
                             "1 voorbeeld gecontroleerd: 1 fout, 0 waarschuwingen\n")
    for other in (workdir / "cases").glob("*.md"):
        if other.name not in ("open-raad-testdorp.md", "woo-verzoeken-sneller.md"):
            other.unlink()
    result = run("rank", "cases")
    assert result.stderr == ("Let op: 1 fout in de voorbeelden; voorbeelden met een fout tellen niet mee. "
                             "Zie: goedvoorbeeld check cases\n"
                             "Let op: top is 5, maar er telt maar 1 voorbeeld mee voor de vijf (status pilot, "
                             "lopend of afgerond, een sectie 'Resultaat' en geen hulptekst meer).\n")
    assert result.stdout.endswith("\n1 voorbeeld, waarvan 1 meetelt; de vijf zijn de eerste 5 die meetellen.\n")
