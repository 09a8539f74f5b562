"""Nothing lost: a failed build leaves the previous site untouched, and every valid case is published."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import ROOT, make_project
from goedvoorbeeld.check.cases import load_library
from goedvoorbeeld.cli import main
from goedvoorbeeld.engines.publish import build_site, missing_from_site

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
NOTHING_MISSING = {"pagina's": set(), "lijst": set(), "ranglijst": set(), "data/cases.json": set(),
                   "data/cases.csv": set()}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, byte for byte, and every folder (as b'<dir>')."""
    out = {}
    for p in sorted(folder.rglob("*")):
        out[p.relative_to(folder).as_posix()] = b"<dir>" if p.is_dir() else p.read_bytes()
    return out


def leftovers(project) -> list[str]:
    return sorted(p.name for p in project.root.iterdir() if p.name.startswith("site."))


def test_failed_build_leaves_the_previous_site_exactly_as_it_was(project):
    assert build_site(project.root / "mkdocs.yml", project.site) == 0
    before = snapshot(project.site)
    assert "voorbeelden/regio-open-data/index.html" in before
    stat_before = (project.site / "index.html").stat()

    shutil.copy(HOSTILE / "html-script.md", project.cases / "html-script.md")
    assert build_site(project.root / "mkdocs.yml", project.site) == 1
    assert snapshot(project.site) == before
    assert (project.site / "index.html").stat().st_mtime_ns == stat_before.st_mtime_ns
    assert leftovers(project) == []


def test_successful_build_replaces_the_site_and_leaves_no_temporary_folder(project):
    (project.site).mkdir()
    (project.site / "oud-bestand.txt").write_text("van een vorige bouw", encoding="utf-8")
    shutil.copy(HOSTILE / "html-allowlist.md", project.cases / "html-allowlist.md")
    assert build_site(project.root / "mkdocs.yml", project.site) == 0
    assert (project.site / "voorbeelden" / "html-allowlist" / "index.html").is_file()
    assert not (project.site / "oud-bestand.txt").exists()
    assert leftovers(project) == []


def test_a_warning_fails_the_strict_build_and_keeps_the_site(project):
    assert build_site(project.root / "mkdocs.yml", project.site) == 0
    before = snapshot(project.site)
    for name in ("dezelfde-titel-een.md", "dezelfde-titel-twee.md"):  # GV013 is a warning
        shutil.copy(HOSTILE / "same-title.md", project.cases / name)
    assert build_site(project.root / "mkdocs.yml", project.site) == 1
    assert snapshot(project.site) == before


def test_build_command_reports_in_dutch_and_exits_1(project, monkeypatch):
    monkeypatch.chdir(project.root)
    shutil.copy(HOSTILE / "empty-file.md", project.cases / "empty-file.md")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "cases/empty-file.md:1:1: error GV002" in result.output  # checked before any engine starts
    assert "De bouw is niet begonnen; de vorige site in 'site' is niet veranderd." in result.output
    assert not project.site.exists()
    assert leftovers(project) == []


def test_makefile_builds_through_the_swapping_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    assert "goedvoorbeeld build" in target and "mkdocs build" not in target


def test_every_case_of_the_fixture_library_is_on_the_site_and_in_the_ranking(built_fixture_site):
    library = load_library(built_fixture_site.cases)
    assert len(library.cases) == 10
    assert missing_from_site(library, built_fixture_site.site) == NOTHING_MISSING


def test_every_case_in_cases_is_published(tmp_path):
    project = make_project(tmp_path / "project", cases_from=ROOT / "cases")
    library = load_library(project.cases)
    assert library.errors == [] and library.cases
    assert build_site(project.root / "mkdocs.yml", project.site) == 0
    assert missing_from_site(library, project.site) == NOTHING_MISSING


def test_comparison_names_a_lost_page(built_fixture_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_fixture_site.site, site)
    shutil.rmtree(site / "voorbeelden" / "regio-open-data")
    (site / "data" / "cases.json").write_text("[]", encoding="utf-8")
    library = load_library(built_fixture_site.cases)
    missing = missing_from_site(library, site)
    assert missing["pagina's"] == {"regio-open-data"}
    assert missing["data/cases.json"] == {c.slug for c in library.cases}
    assert missing["lijst"] == set() and missing["data/cases.csv"] == set()
