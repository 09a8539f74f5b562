"""The command line, asserted on its exact output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from goedvoorbeeld.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIX = "tests/fixtures/cli"

EXPECTED = """\
tests/fixtures/cli/fout-voorbeeld.md:2:1: error GV101: verplichte sleutel 'title' ontbreekt: Korte, duidelijke titel van het voorbeeld.
tests/fixtures/cli/fout-voorbeeld.md:2:1: error GV102: onbekende sleutel 'titel'; bedoelde je 'title'?
tests/fixtures/cli/fout-voorbeeld.md:3:10: error GV108: summary: 7 tekens; dat moet 20 tot 400 zijn
tests/fixtures/cli/fout-voorbeeld.md:5:8: error GV109: level: 'stad' is niet toegestaan; kies uit: rijk, provincie, gemeente, waterschap, uitvoeringsorganisatie, samenwerkingsverband, overig
tests/fixtures/cli/fout-voorbeeld.md:8:8: error GV104: tags: onbekende tag 'burger-betrekken'; bedoelde je 'burgers-betrekken'?
tests/fixtures/cli/fout-voorbeeld.md:9:8: error GV111: added: '2026-02-30' is geen bestaande datum (JJJJ-MM-DD)
tests/fixtures/cli/fout-voorbeeld.md:16:1: error GV202: sectie '## Aanleiding' moet voor '## Aanpak' staan (volgorde: Aanleiding, Aanpak, Resultaat, Lessen, Gespreksvraag)
tests/fixtures/cli/fout-voorbeeld.md:18:28: error GV205: HTML-element <script> is niet toegestaan; gebruik Markdown (alleen <abbr>, <sub>, <sup> en <br> mogen)
tests/fixtures/cli/goed-voorbeeld.md:2:1: warning GV013: dezelfde titel als tests/fixtures/cli/dubbele-titel.md
3 voorbeelden gecontroleerd: 8 fouten, 1 waarschuwing
"""


@pytest.fixture
def run(monkeypatch):
    monkeypatch.chdir(ROOT)

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_check_prints_every_problem_and_a_summary(run):
    result = run("check", FIX)
    assert result.output == EXPECTED
    assert result.exit_code == 1


def test_check_github_format_prints_annotations(run):
    result = run("check", FIX, "--format", "github")
    lines = result.output.splitlines()
    assert lines[0] == ("::error file=tests/fixtures/cli/fout-voorbeeld.md,line=2,col=1,title=GV101::"
                        "verplichte sleutel 'title' ontbreekt: Korte, duidelijke titel van het voorbeeld.")
    assert lines[-2].startswith("::warning file=tests/fixtures/cli/goed-voorbeeld.md,line=2,col=1,title=GV013::")
    assert lines[-1] == "3 voorbeelden gecontroleerd: 8 fouten, 1 waarschuwing"
    assert result.exit_code == 1


def test_check_json_format_is_a_list_of_objects(run):
    result = run("check", FIX, "--format", "json")
    data = json.loads(result.output)
    assert [d["code"] for d in data] == ["GV101", "GV102", "GV108", "GV109", "GV104", "GV111", "GV202", "GV205", "GV013"]
    assert data[4] == {
        "path": "tests/fixtures/cli/fout-voorbeeld.md", "line": 8, "column": 8, "code": "GV104",
        "message": "tags: onbekende tag 'burger-betrekken'; bedoelde je 'burgers-betrekken'?", "severity": "error",
    }
    assert result.exit_code == 1


def test_check_single_file_without_errors_exits_0_and_warnings_fail_only_with_strict(run):
    result = run("check", f"{FIX}/goed-voorbeeld.md")
    assert result.output == "1 voorbeeld gecontroleerd: 0 fouten, 0 waarschuwingen\n"
    assert result.exit_code == 0
    both = [f"{FIX}/goed-voorbeeld.md", f"{FIX}/dubbele-titel.md"]
    assert run("check", *both).exit_code == 0
    strict = run("check", "--strict", *both)
    assert "warning GV013" in strict.output and strict.exit_code == 1


def test_check_bad_usage_exits_2(run):
    result = run("check", "bestaat/niet")
    assert result.exit_code == 2
    assert "'bestaat/niet' bestaat niet" in result.output


def test_shipped_cases_pass_the_checker(run):
    result = run("check")
    assert result.exit_code == 0, result.output
    count = len(list((ROOT / "cases").glob("*.md")))
    assert result.output.endswith(f"{count} voorbeelden gecontroleerd: 0 fouten, 0 waarschuwingen\n")
    assert 6 <= count <= 10


def test_broken_vocabulary_is_reported_with_its_line(run, tmp_path):
    (tmp_path / "tags.yml").write_text("top: 5\nmax_tags: nul\ngroups: {}\n", encoding="utf-8")
    os.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 1
    assert "tags.yml:2:11: error GV401: 'max_tags' moet een geheel getal van 1 of meer zijn" in result.output
    assert "Traceback" not in result.output
