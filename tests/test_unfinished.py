"""Nothing half-written counts: a case that still holds a hint line (GV208) is never among the five.

The half-written case is made the way a contributor makes one (`goedvoorbeeld new`), with tags that would
put it first; `rank`, `rank --save`, the `/top-5/` page and strict builds (with and without `-q`) are run
for real.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.cli import main
from conftest import FIXTURES, make_project

# The highest-weighted tags of the fixture vocabulary: the new case would be first by score.
TOP_TAGS = ["regels-en-informatie", "klantvriendelijkheid", "burgers-betrekken", "leren-luisteren",
            "ambassadeurschap"]


def new_case(cases: Path, slug: str, tags: list[str]) -> Path:
    """`goedvoorbeeld new` with every option: a case with a hint line under each heading."""
    args = ["new", "--cases", str(cases), "--slug", slug, "--title", f"Half af: {slug}",
            "--summary", "Een voorbeeld waarvan de tekst onder de koppen nog geschreven moet worden.",
            "--organisation", "Gemeente Testdorp", "--level", "gemeente", "--status", "lopend", "--year", "2020"]
    for tag in tags:
        args += ["--tag", tag]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return cases / f"{slug}.md"


def hint_lines_in(path: Path) -> list[int]:
    """The file lines that hold a hint, read from the file itself."""
    return [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if schema.HINT_PREFIX in line]


def finish(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^_Vervang deze tekst: .*_$", "Wat er echt gebeurde, in eigen woorden.", text,
                           flags=re.MULTILINE), encoding="utf-8")


@pytest.fixture
def cases(tmp_path, monkeypatch) -> Path:
    """The fixture library plus one half-written case that would be first, as the working folder."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "library", root / "cases")
    monkeypatch.chdir(root)
    new_case(root / "cases", "half-af", TOP_TAGS)
    return Path("cases")


def rank(*args: str):
    return CliRunner().invoke(main, ["rank", *args], catch_exceptions=False)


def test_rank_says_in_dutch_with_the_lines_why_a_case_with_hints_does_not_count(cases):
    lines = hint_lines_in(cases / "half-af.md")
    assert len(lines) == len(schema.SECTIONS)
    result = rank("cases")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if " half-af " in line)
    listed = ", ".join(map(str, lines[:-1])) + f" en {lines[-1]}"
    assert row.split()[:3] == ["1", "26", "half-af"]  # first by score ...
    assert row.endswith(f"telt niet mee: nog niet af: de hulpteksten op de regels {listed} zijn nog niet "
                        f"vervangen")  # ... but not among the five
    second = next(line for line in result.stdout.splitlines() if line.split()[:1] == ["2"])
    assert second.endswith("nr. 1")


def test_one_hint_left_is_named_by_its_line_and_a_finished_case_counts(cases):
    path = cases / "half-af.md"
    finish(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Lessen\n", f"## Lessen\n\n_{schema.HINT_PREFIX}: nog invullen._\n"),
                    encoding="utf-8")
    (line,) = hint_lines_in(path)
    row = next(r for r in rank("cases").stdout.splitlines() if " half-af " in r)
    assert row.endswith(f"telt niet mee: nog niet af: de hulptekst op regel {line} is nog niet vervangen")
    finish(path)
    row = next(r for r in rank("cases").stdout.splitlines() if " half-af " in r)
    assert row.endswith("nr. 1")


def test_a_hint_quoted_in_a_code_block_does_not_count_like_the_checker(cases):
    path = cases / "half-af.md"
    finish(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Lessen\n", f"## Lessen\n\n```\n{schema.HINT_PREFIX}: voorbeeld\n```\n"),
                    encoding="utf-8")
    check = CliRunner().invoke(main, ["check", "--strict", "cases/half-af.md"])
    assert check.exit_code == 0, check.output
    assert next(r for r in rank("cases").stdout.splitlines() if " half-af " in r).endswith("nr. 1")


def test_rank_save_refuses_a_five_that_would_hold_a_half_written_case_and_writes_nothing(cases):
    lines = hint_lines_in(cases / "half-af.md")
    listed = ", ".join(map(str, lines[:-1])) + f" en {lines[-1]}"
    result = rank("cases", "--save", "netwerkdag")
    assert result.exit_code == 1
    assert result.stderr == (
        "Fout: de vijf worden niet vastgelegd: een voorbeeld dat bij de vijf zou horen, is nog niet af\n"
        f"  cases/half-af.md:{lines[0]}: nog niet af: de hulpteksten op de regels {listed} zijn nog niet "
        "vervangen\n"
        "Vervang eerst de hulpteksten (zie goedvoorbeeld check --strict) en leg de vijf daarna vast.\n")
    assert result.stdout == ""
    assert not (cases / "selecties").exists()


def test_two_half_written_cases_are_both_named(cases):
    new_case(cases, "ook-half-af", TOP_TAGS[:4])
    result = rank("cases", "--save", "netwerkdag")
    assert result.exit_code == 1
    assert result.stderr.startswith("Fout: de vijf worden niet vastgelegd: 2 voorbeelden die bij de vijf zouden "
                                    "horen, zijn nog niet af\n  cases/half-af.md:")
    assert "\n  cases/ook-half-af.md:" in result.stderr
    assert not (cases / "selecties").exists()


def test_a_half_written_case_below_the_five_does_not_stop_saving(cases):
    (cases / "half-af.md").unlink()
    new_case(cases, "laag-half-af", ["know-how"])  # weight 1: far below the five
    result = rank("cases", "--save", "netwerkdag")
    assert result.exit_code == 0, result.output
    saved = next((cases / "selecties").glob("*-netwerkdag.yml")).read_text(encoding="utf-8")
    assert "laag-half-af" not in saved


# ---------------------------------------------------------------------------
# the build: /top-5/ says why; strict fails with and without -q


@pytest.fixture(scope="module")
def half_written_project(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("unfinished") / "project")
    new_case(project.cases, "half-af", TOP_TAGS)
    return project


def mkdocs_build(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project.root / "mkdocs.yml"), "-d", str(project.site),
         *args],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=project.root,
    )


@pytest.mark.parametrize("quiet", [("-q",), ()], ids=["quiet", "loud"])
def test_a_strict_build_fails_on_the_hint_lines_with_or_without_q(half_written_project, quiet):
    result = mkdocs_build(half_written_project, *quiet, "--strict")
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    lines = hint_lines_in(half_written_project.cases / "half-af.md")
    for line in lines:
        assert f"cases/half-af.md:{line}:" in out
    assert out.count("warning GV208") == len(lines)
    assert f"{len(lines)} waarschuwingen: met --strict telt elke waarschuwing als fout" in out
    assert "Traceback" not in out


def test_the_top_5_page_says_why_the_half_written_case_does_not_count(half_written_project):
    result = mkdocs_build(half_written_project)
    assert result.returncode == 0, result.stderr
    lines = hint_lines_in(half_written_project.cases / "half-af.md")
    listed = ", ".join(map(str, lines[:-1])) + f" en {lines[-1]}"
    page = (half_written_project.site / "top-5" / "index.html").read_text(encoding="utf-8")
    assert "en af is: er staat geen hulptekst meer in" in page  # the rule itself says so
    ranking = (half_written_project.site / "top-5" / "rangorde" / "index.html").read_text(encoding="utf-8")
    row = next(r for r in ranking.split("<tr>") if "Half af: half-af</a>" in r)
    assert f"telt niet mee: nog niet af: de hulpteksten op de regels {listed} zijn nog niet vervangen" in row
    home = (half_written_project.site / "index.html").read_text(encoding="utf-8")
    assert "Half af: half-af" not in home
