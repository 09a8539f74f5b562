"""The command line: `goedvoorbeeld check`, and friends.

Library errors are turned into a Dutch message and an exit code here, at the
edge; a user never sees a Python traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .cases import Library, load_library
from .problems import Problem, format_problems, summary_line
from .vocabulary import VocabularyError

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
            try:
                libraries.append(load_library(p, shown_root=shown(p), tags_file=tags_file))
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="goedvoorbeeld")
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
    libraries, problems = read_paths(paths, tags_file)
    for lib in libraries:
        problems += lib.problems
    files = sum(lib.files for lib in libraries)
    output = format_problems(problems, fmt)
    if output:
        click.echo(output)
    if fmt != "json":
        click.echo(summary_line(files, problems))
    failed = any(p.is_error or strict for p in problems)
    sys.exit(1 if failed else 0)


@main.command()
@click.option("-f", "--config-file", type=click.Path(dir_okay=False), default="mkdocs.yml", show_default=True,
              help="Het MkDocs-configuratiebestand.")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False), default="site", show_default=True,
              help="De map van de site; wordt pas vervangen als de bouw gelukt is.")
@click.option("--strict/--no-strict", default=True, show_default=True, help="Waarschuwingen laten de bouw mislukken.")
def build(config_file: str, site_dir: str, strict: bool) -> None:
    """Bouw de site in een tijdelijke map en vervang de site pas als alles gelukt is."""
    from .publish import build_site

    if not Path(config_file).is_file():
        _fail(f"'{config_file}' bestaat niet")
    code = build_site(config_file, site_dir, strict=strict)
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
    from .links import Checker, external_links, report_markdown, report_text

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


if __name__ == "__main__":  # pragma: no cover
    main()
