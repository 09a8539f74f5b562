"""Saving the five of a day, refusing a second save, checking selection files, and frozen pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, make_project, run_axe, serve
from goedvoorbeeld.check.cases import load_library
from goedvoorbeeld.cli import main
from goedvoorbeeld.rank.selections import dump_selection, make_selection, read_selection, read_selections

TODAY = dt.date.today().isoformat()
FIVE = ["participatie-provincie", "klantreis-uitvoering", "open-raad-testdorp", "burgerpanel-waterschap",
        "luisteren-in-de-wijk"]


@pytest.fixture
def cases(tmp_path) -> Path:
    folder = tmp_path / "cases"
    shutil.copytree(FIXTURES / "library", folder)
    return folder


def save(cases: Path, name: str):
    return CliRunner().invoke(main, ["rank", str(cases), "--save", name])


def test_save_freezes_slugs_titles_scores_and_weights(cases):
    result = save(cases, "netwerkdag")
    assert result.exit_code == 0, result.output
    path = cases / "selecties" / f"{TODAY}-netwerkdag.yml"
    assert f"vastgelegd in {cases}/selecties/{TODAY}-netwerkdag.yml" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert re.findall(r"^  slug: (.*)$", text, flags=re.M) == FIVE
    assert re.findall(r"^  score: (\d+)$", text, flags=re.M) == ["16", "12", "11", "10", "10"]
    assert "  title: Participatie bij de omgevingsvisie" in text
    assert "weights:\n  regels-en-informatie: 6\n  burgers-betrekken: 5\n" in text
    selections, problems = read_selections(cases)
    assert problems == [] and [s.name for s in selections] == ["netwerkdag"]
    library = load_library(cases)
    assert dataclasses.replace(selections[0], path="") == make_selection("netwerkdag", library, dt.date.today())


def test_a_second_save_with_the_same_name_and_date_is_refused(cases):
    assert save(cases, "netwerkdag").exit_code == 0
    path = cases / "selecties" / f"{TODAY}-netwerkdag.yml"
    before = path.read_bytes()
    again = save(cases, "netwerkdag")
    assert again.exit_code == 1
    assert again.stderr.startswith(f"Fout: er is op {TODAY} al een selectie 'netwerkdag' bewaard")
    assert "wordt nooit overschreven: kies een andere naam" in again.stderr
    assert "Traceback" not in again.output
    assert path.read_bytes() == before
    assert save(cases, "netwerkdag-middag").exit_code == 0


def test_a_bad_name_is_refused_with_a_suggestion(cases):
    result = save(cases, "Netwerkdag Utrecht")
    assert result.exit_code == 1
    assert "de naam 'Netwerkdag Utrecht' kan niet" in result.stderr and "'netwerkdag-utrecht'" in result.stderr
    assert not (cases / "selecties").exists()


def test_saved_selection_stays_unchanged_after_the_weights_change(cases, tmp_path):
    assert save(cases, "netwerkdag").exit_code == 0
    path = cases / "selecties" / f"{TODAY}-netwerkdag.yml"
    before = path.read_bytes()
    tags = cases / "tags.yml"
    # Turn the weights around: know-how (1) becomes the heaviest, klantvriendelijkheid (6) the lightest.
    changed = tags.read_text(encoding="utf-8")
    changed = changed.replace("weight: 1\n", "weight: 60\n").replace("weight: 6\n", "weight: 0\n")
    tags.write_text(changed, encoding="utf-8")
    now = CliRunner().invoke(main, ["rank", str(cases), "--format", "json"])
    assert now.exit_code == 0
    assert "regio-open-data" in now.stdout.split('"ranking"')[0]  # the new weights changed today's five
    assert path.read_bytes() == before
    selections, problems = read_selections(cases)
    assert problems == []
    assert [(c.slug, c.score) for c in selections[0].cases] == list(zip(FIVE, [16, 12, 11, 10, 10]))
    assert dict(selections[0].weights)["know-how"] == 1

    project = make_project(tmp_path / "project", cases_from=cases)
    project.build("--strict")
    page = (project.site / "selecties" / f"{TODAY}-netwerkdag" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td class="gv-num"[^>]*>(\d)</td><td[^>]*><a href="../../voorbeelden/([a-z-]+)/">.*?'
                      r'<td class="gv-num"[^>]*>(\d+)</td>', page)
    assert rows == [(str(i), slug, str(score)) for i, slug, score in
                    zip(range(1, 6), FIVE, [16, 12, 11, 10, 10])]
    assert '<code>know-how</code></td><td class="gv-num" data-label="Gewicht">1</td>' in page  # the weight of that day
    index = (project.site / "selecties" / "index.html").read_text(encoding="utf-8")
    assert f'href="../selecties/{TODAY}-netwerkdag/"' in index
    top = (project.site / "top-5" / "index.html").read_text(encoding="utf-8")
    assert '<code>know-how</code></td><td class="gv-num" data-label="Gewicht">60</td>' in top  # today's weights


def test_selections_are_listed_newest_first(cases):
    library = load_library(cases)
    folder = cases / "selecties"
    folder.mkdir()
    for day, name in (("2026-03-02", "voorjaar"), ("2026-09-15", "najaar"), ("2026-09-15", "avond")):
        sel = make_selection(name, library, dt.date.fromisoformat(day))
        (folder / f"{day}-{name}.yml").write_text(dump_selection(sel), encoding="utf-8")
    selections, problems = read_selections(cases)
    assert problems == []
    assert [s.stem for s in selections] == ["2026-09-15-avond", "2026-09-15-najaar", "2026-03-02-voorjaar"]


def selection_text(cases: Path) -> str:
    return dump_selection(make_selection("netwerkdag", load_library(cases), dt.date(2026, 11, 1)))


@pytest.mark.parametrize("change, expected", [
    (lambda t: t.replace("  score: 16\n", "  score: 17\n"),
     ":26:10: error GV305: cases[1].score: 17, maar de som van 'breakdown' is 16"),
    (lambda t: t.replace("    klantvriendelijkheid: 6\n", "    klantvriendelijkheid: 5\n", 1),
     ":30:27: error GV305: cases[1].breakdown.klantvriendelijkheid: gewicht 5, maar 'weights' geeft "
     "klantvriendelijkheid gewicht 6"),
    (lambda t: t.replace("- rank: 2\n", "- rank: 3\n"), ":31:9: error GV306: cases[2].rank: 3, verwacht 2"),
    (lambda t: t.replace("date: 2026-11-01", "date: 2026-11-02"),
     ":5:7: error GV304: date: 2026-11-02 verschilt van de datum in de bestandsnaam (2026-11-01)"),
    (lambda t: t.replace("top: 5", "top: vijf"), ":6:6: error GV303: top: verwacht een geheel getal van 1 of meer"),
    (lambda t: t.replace("  organisation: Provincie", "  organisatie: Provincie"),
     ":24:3: error GV302: cases[1].organisatie: onbekende sleutel; toegestaan: rank, slug, title"),
    (lambda t: t.replace("cases:\n", "cases: [\n"), ":2"),  # broken YAML: GV005 with a line
])
def test_a_changed_selection_is_reported_with_path_line_and_code(cases, change, expected):
    text = change(selection_text(cases))
    assert text != selection_text(cases)
    shown = "cases/selecties/2026-11-01-netwerkdag.yml"
    selection, problems = read_selection(shown, text.encode(), today=dt.date(2026, 11, 29))
    assert selection is None
    assert any(p.format().startswith(shown + expected) for p in problems), [p.format() for p in problems]


def test_an_untouched_selection_passes_the_check(cases):
    selection, problems = read_selection("cases/selecties/2026-11-01-netwerkdag.yml",
                                         selection_text(cases).encode(), today=dt.date(2026, 11, 29))
    assert problems == [] and selection is not None and len(selection.cases) == 5


def test_wrong_file_name_is_reported(cases):
    _, problems = read_selection("cases/selecties/netwerkdag.yml", selection_text(cases).encode(),
                                 today=dt.date(2026, 11, 29))
    assert problems[0].format().startswith("cases/selecties/netwerkdag.yml:1:1: error GV301: bestandsnaam")


def test_check_command_and_build_report_a_broken_selection(cases, tmp_path, monkeypatch):
    folder = cases / "selecties"
    folder.mkdir()
    (folder / "2026-11-01-netwerkdag.yml").write_text(
        selection_text(cases).replace("  score: 16\n", "  score: 17\n"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "cases"])
    assert result.exit_code == 1
    line = ("cases/selecties/2026-11-01-netwerkdag.yml:26:10: error GV305: cases[1].score: 17, maar de som van "
            "'breakdown' is 16")
    assert line in result.stdout
    loose = CliRunner().invoke(main, ["check", "cases/selecties/2026-11-01-netwerkdag.yml"])
    assert loose.exit_code == 1 and loose.stdout == f"{line}\n0 voorbeelden gecontroleerd: 1 fout, 0 waarschuwingen\n"

    project = make_project(tmp_path / "project", cases_from=cases)
    built = project.build(check=False)
    assert built.returncode == 1
    assert line in built.stdout + built.stderr and "Traceback" not in built.stdout + built.stderr


def test_saved_selection_page_passes_axe(cases, tmp_path, page):
    assert save(cases, "netwerkdag").exit_code == 0
    project = make_project(tmp_path / "project", cases_from=cases)
    project.build("--strict")
    url, server = serve(project.site)
    try:
        for path in ("selecties/", f"selecties/{TODAY}-netwerkdag/"):
            page.goto(url + path)
            assert run_axe(page) == [], path
        assert all(r.startswith(url) for r in page.requests)
        assert page.console_errors == []
    finally:
        server.shutdown()


def test_the_five_are_not_saved_while_a_case_has_errors(cases):
    text = (cases / "regio-open-data.md").read_text(encoding="utf-8").replace("level: ", "level: stad-", 1)
    (cases / "regio-open-data.md").write_text(text, encoding="utf-8")
    result = save(cases, "netwerkdag")
    assert result.exit_code == 1
    assert "de vijf worden niet vastgelegd zolang er fouten zijn" in result.stderr
    assert not (cases / "selecties").exists()


def test_a_frozen_page_keeps_a_case_that_left_the_library(cases):
    from goedvoorbeeld.site.five import selection_page
    from goedvoorbeeld.site.pages import Site

    library = load_library(cases)
    selection = make_selection("netwerkdag", library, dt.date(2026, 11, 1))
    (cases / "klantreis-uitvoering.md").unlink()
    page = selection_page(Site(load_library(cases)), selection)
    assert "Klantreis voor toeslagaanvragen <em>(staat niet meer in de bibliotheek)</em>" in page
    assert "voorbeelden/klantreis-uitvoering/" not in page
    assert 'href="../../voorbeelden/participatie-provincie/"' in page
