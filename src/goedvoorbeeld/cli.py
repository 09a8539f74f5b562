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


# Commands for contributors (new, from-issue, forms) live in their own module.
from .contribute_cli import forms, from_issue, new  # noqa: E402

main.add_command(new)
main.add_command(from_issue)
main.add_command(forms)


if __name__ == "__main__":  # pragma: no cover
    main()
