"""The command line: `goedvoorbeeld check`, and friends.

Library errors are turned into a Dutch message and an exit code here, at the
edge; a user never sees a Python traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from goedvoorbeeld.check.cases import Library, check_library, load_library
from goedvoorbeeld.config import ENGINES, ConfigError, engine_of, site_url_of
from goedvoorbeeld.dutch_click import DutchGroup
from goedvoorbeeld.check.problems import Problem, amount, format_problems, summary_line
from goedvoorbeeld.check.vocabulary import VocabularyError

DEFAULT_CASES = "cases"


def shown(path: Path) -> str:
    """A path as people should see it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


def _fail(message: str) -> None:
    raise click.ClickException(message)


def read_paths(paths: tuple[str, ...], tags_file: str | None) -> tuple[list[Library], list[Problem]]:
    """Each folder is a library; loose files are grouped by their folder."""
    libraries: list[Library] = []
    problems: list[Problem] = []
    loose: dict[Path, list[Path]] = {}
    for raw in paths or (DEFAULT_CASES,):
        p = Path(raw)
        if p.is_dir():
            try:  # only the problems are needed: a large folder is checked on every core
                libraries.append(check_library(p, shown_root=shown(p), tags_file=tags_file))
            except VocabularyError as e:
                problems += e.problems
        elif p.is_file():
            loose.setdefault(p.parent, []).append(p)
        else:
            raise click.UsageError(f"'{raw}' bestaat niet", ctx=click.get_current_context())
    for folder, files in sorted(loose.items()):
        tags = tags_file or (folder / "tags.yml" if (folder / "tags.yml").exists() else Path(DEFAULT_CASES) / "tags.yml")
        try:
            libraries.append(load_library(folder, shown_root=shown(folder), tags_file=tags,
                                          only=[Path(shown(f)) for f in files]))
        except VocabularyError as e:
            problems += e.problems
    return libraries, problems


@click.group("goedvoorbeeld", cls=DutchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="goedvoorbeeld", help="Toon de versie en stop.",
                      message="%(prog)s, versie %(version)s")
def main() -> None:
    """Goed Voorbeeld: controleer, rangschik en publiceer goede voorbeelden van open overheid."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text",
              show_default=True, help="Uitvoer: tekst, GitHub-annotaties of JSON.")
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten.")
@click.option("--tags", "tags_file", type=click.Path(dir_okay=False), default=None,
              help="De tagslijst (standaard tags.yml in de map van de voorbeelden).")
def check(paths: tuple[str, ...], fmt: str, strict: bool, tags_file: str | None) -> None:
    """Controleer voorbeelden (standaard de map cases/) en meld elk probleem met bestand en regel."""
    files, problems = problems_of(paths, tags_file)
    output = format_problems(problems, fmt)
    if output:
        click.echo(output)
    if fmt != "json":
        click.echo(summary_line(files, problems))
    failed = any(p.is_error or strict for p in problems)
    sys.exit(1 if failed else 0)


def problems_of(paths: tuple[str, ...], tags_file: str | None = None) -> tuple[int, list[Problem]]:
    """The number of case files read and every problem of the cases and saved selections under `paths`."""
    selection_files = tuple(p for p in paths if is_selection_file(Path(p)))
    case_paths = tuple(p for p in paths if p not in selection_files)
    libraries, problems = read_paths(case_paths, tags_file) if case_paths or not paths else ([], [])
    for lib in libraries:
        problems += lib.problems
    problems += check_selections(paths)
    return sum(lib.files for lib in libraries), problems


def is_selection_file(p: Path) -> bool:
    from goedvoorbeeld.rank.selections import FOLDER

    return p.is_file() and p.suffix == ".yml" and p.parent.name == FOLDER


def check_selections(paths: tuple[str, ...]) -> list[Problem]:
    """Saved selections are checked like cases: the selecties/ folder of each cases folder, or loose files."""
    from goedvoorbeeld.rank.selections import read_selection, read_selections

    found: list[Problem] = []
    for raw in paths or (DEFAULT_CASES,):
        p = Path(raw)
        if p.is_dir():
            found += read_selections(p, shown_root=shown(p))[1]
        elif is_selection_file(p):
            found += read_selection(shown(p), p.read_bytes(), today=dt.date.today())[1]
    return found


@main.command()
@click.argument("cases_dir", default=DEFAULT_CASES, type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "bericht"]), default="table", show_default=True,
              help="Uitvoer: een tabel, JSON, of een bericht over de vijf voor een nieuwsbrief of mail.")
@click.option("--save", "save_name", metavar="NAAM", default=None,
              help="Leg de vijf van vandaag vast in cases/selecties/JJJJ-MM-DD-NAAM.yml.")
@click.option("--site-url", default=None, metavar="ADRES",
              help="Het adres van de site voor de links (standaard site_url uit mkdocs.yml).")
def rank(cases_dir: str, fmt: str, save_name: str | None, site_url: str | None) -> None:
    """Toon de hele rangorde en de vijf; leg de vijf vast met --save."""
    import goedvoorbeeld.rank.ranking as ranking
    from goedvoorbeeld.site.outputs import ranking_records, top_records
    from goedvoorbeeld.rank.selections import SelectionError, make_selection, save_selection

    folder = Path(cases_dir)
    if not folder.is_dir():
        _fail(f"map '{cases_dir}' bestaat niet")
    try:
        library = load_library(folder, shown_root=shown(folder))
    except VocabularyError as e:
        _fail("de tagslijst kan niet worden gebruikt:\n" + "\n".join(p.format() for p in e.problems))
    if library.errors:
        click.echo(f"Let op: {amount(len(library.errors), 'fout', 'fouten')} in de voorbeelden; voorbeelden met een fout tellen "
                   f"niet mee. Zie: goedvoorbeeld check {shown(folder)}", err=True)
    order = ranking.rank(library)
    five = ranking.top(library, order)
    if save_name is not None:
        if library.errors:
            _fail("de vijf worden niet vastgelegd zolang er fouten zijn; los ze eerst op "
                  f"(goedvoorbeeld check {shown(folder)})")
        try:
            selection = make_selection(save_name, library, dt.date.today(), order)
            saved = save_selection(folder, selection, shown_root=shown(folder))
        except SelectionError as e:
            _fail(str(e))
    base = site_url if site_url is not None else site_url_of(folder.parent / "mkdocs.yml")
    base = base.rstrip("/") + "/" if base else ""

    def absolute(target: str) -> str:
        return base + target

    if fmt == "json":
        click.echo(json.dumps({
            "top": top_records(five, library.vocabulary, absolute),
            "ranking": ranking_records(order, five, library.vocabulary, absolute),
        }, ensure_ascii=False, indent=2))
    elif fmt == "bericht":
        from goedvoorbeeld.site.sharing import five_message, message_text

        click.echo(message_text(five_message(five, base)), nl=False)
        if not base:
            click.echo("Let op: het adres van de site is onbekend, dus de links in het bericht zijn niet volledig; "
                       "geef --site-url of zet site_url in mkdocs.yml.", err=True)
    else:
        click.echo(ranking_table(order, five, library.vocabulary.top))
    if save_name is not None:
        click.echo(f"De vijf van vandaag zijn vastgelegd in {saved}. Voeg het bestand toe aan git.", err=True)
    if len(five) < library.vocabulary.top:
        from goedvoorbeeld.site.five import too_few

        click.echo(f"Let op: {too_few(len(five), library.vocabulary.top)}.", err=True)


def ranking_table(order, five, top: int) -> str:
    """The ranking as a plain-text table: place, score, breakdown per tag, and whether it counts."""
    place = {r.slug: i for i, r in enumerate(five, start=1)}
    rows = [("plaats", "score", "voorbeeld", "opbouw", "de vijf")]
    for r in order:
        breakdown = " + ".join(f"{t} {w}" for t, w in r.breakdown) or "-"
        if r.slug in place:
            verdict = f"nr. {place[r.slug]}"
        elif r.eligible:
            verdict = "telt mee, buiten de vijf"
        else:
            verdict = f"telt niet mee: {r.reason}"
        rows.append((str(r.rank), str(r.score), r.slug, breakdown, verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for row in rows:
        cells = [row[0].rjust(widths[0]), row[1].rjust(widths[1]), row[2].ljust(widths[2]),
                 row[3].ljust(widths[3]), row[4]]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    counted = sum(1 for r in order if r.eligible)
    lines.append(f"{amount(len(order), 'voorbeeld', 'voorbeelden')}, waarvan {counted} "
                 f"{'meetelt' if counted == 1 else 'meetellen'}; de vijf zijn de eerste {top} "
                 f"die meetellen.")
    return "\n".join(lines)


# Commands for contributors (new, from-issue, forms) live in their own module.
from goedvoorbeeld.contribute.commands import forms, from_issue, from_mail, new  # noqa: E402

main.add_command(new)
main.add_command(from_issue)
main.add_command(forms)
main.add_command(from_mail)


@main.command()
@click.option("-f", "--config-file", type=click.Path(dir_okay=False), default="mkdocs.yml", show_default=True,
              help="Het MkDocs-configuratiebestand.")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False), default="site", show_default=True,
              help="De map van de site; wordt pas vervangen als de bouw gelukt is.")
@click.option("--strict/--no-strict", default=True, show_default=True, help="Waarschuwingen laten de bouw mislukken.")
@click.option("--engine", type=click.Choice(sorted(ENGINES)), default=None,
              help="De bouwmachine (standaard extra.goedvoorbeeld.engine in mkdocs.yml, anders mkdocs).")
def build(config_file: str, site_dir: str, strict: bool, engine: str | None) -> None:
    """Controleer de voorbeelden, bouw de site in een tijdelijke map en vervang de site pas als alles gelukt is.

    De stappen: controleren, de gegenereerde pagina's, de bouwmachine, dan feed, open data en zoekindex."""
    import importlib.util

    from goedvoorbeeld.engines.publish import build_site

    config = Path(config_file)
    if not config.is_file():
        _fail(f"'{config_file}' bestaat niet")
    try:
        engine = engine or engine_of(config)
    except ConfigError as e:
        _fail(str(e))
    if importlib.util.find_spec(ENGINES[engine]) is None:
        _fail(f"bouwmachine '{engine}' is niet geïnstalleerd; installeer die met: pip install {engine}")
    files, problems = problems_of((shown(config.parent / DEFAULT_CASES),))
    if any(p.is_error for p in problems):  # the engine is not started for a library that cannot be published
        click.echo(format_problems(problems, "text"))
        click.echo(summary_line(files, problems), err=True)
        click.echo(f"De bouw is niet begonnen; de vorige site in '{site_dir}' is niet veranderd.", err=True)
        sys.exit(1)
    click.echo(f"Bouwen met {engine}.", err=True)
    code = build_site(config_file, site_dir, strict=strict, engine=engine)
    if code != 0:
        click.echo(f"De bouw is mislukt; de vorige site in '{site_dir}' is niet veranderd.", err=True)
        sys.exit(1)
    click.echo(f"De site staat in '{site_dir}'.")


@main.command()
@click.argument("cases_dir", required=False, default=DEFAULT_CASES, type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="Uitvoer: tekst met bestand:regel, of Markdown voor een issue.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconden wachten op elk antwoord van een server.")
@click.option("--per-host", type=click.IntRange(min=1), default=2, show_default=True,
              help="Hoogstens zoveel verzoeken tegelijk naar dezelfde server.")
@click.option("--workers", type=click.IntRange(min=1), default=16, show_default=True,
              help="Hoogstens zoveel verzoeken tegelijk in totaal.")
@click.option("--allow-private-addresses", is_flag=True, hidden=True,
              help="Ook adressen in een lokaal netwerk opvragen (alleen voor tests).")
def links(cases_dir: str, fmt: str, timeout: float, per_host: int, workers: int,
          allow_private_addresses: bool) -> None:
    """Controleer de externe links van alle voorbeelden; meld kapotte links met bestand en regel."""
    from goedvoorbeeld.check.links import Checker, external_links, report_markdown, report_text

    path = Path(cases_dir)
    if not path.is_dir():
        raise click.UsageError(f"'{cases_dir}' bestaat niet", ctx=click.get_current_context())
    try:
        library = load_library(path, shown_root=shown(path))
    except VocabularyError as e:
        _fail("\n".join(p.format() for p in e.problems))
    found = external_links(library, path)
    results = Checker(timeout=timeout, per_host=per_host, workers=workers,
                      allow_private=allow_private_addresses).check_all(found)
    click.echo(report_markdown(results) if fmt == "markdown" else report_text(results))
    sys.exit(1 if any(not r.ok for r in results) else 0)


@main.command()
@click.option("-f", "--config-file", type=click.Path(dir_okay=False), default="mkdocs.yml", show_default=True,
              help="Het instellingenbestand van de site.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Poort op 127.0.0.1.")
def serve(config_file: str, port: int) -> None:
    """Bekijk de site op je eigen computer; open tabbladen verversen vanzelf als je een bestand opslaat."""
    from goedvoorbeeld.engines.mkdocs.preview import CannotListen
    from goedvoorbeeld.engines.mkdocs.preview import serve as run_preview

    path = Path(config_file)
    if not path.is_file():
        _fail(f"{config_file} bestaat niet: start de voorbeeldweergave in de map van de site")
    try:
        run_preview(path, port=port)
    except CannotListen as e:
        _fail(str(e))


if __name__ == "__main__":  # pragma: no cover
    main()
