"""Case pages read in a second process (goedvoorbeeld.engines.mkdocs.pages_ahead) give the same site and the same errors."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import bench  # scripts/ is on the path (conftest.py): its generator writes realistic valid libraries
from conftest import ROOT, make_project
from goedvoorbeeld.engines.mkdocs.pages_ahead import ONE_PROCESS


def _files(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())


def _build_both(tmp_path: Path, monkeypatch, cases: Path | None = None):
    monkeypatch.setenv("GV_SKIP_SEARCH_INDEX", "1")  # Pagefind reads the pages compared here
    two = make_project(tmp_path / "two", cases)
    one = make_project(tmp_path / "one", cases)
    two_result = two.build("--strict", check=False)
    monkeypatch.setenv(ONE_PROCESS, "1")
    one_result = one.build("--strict", check=False)
    return two, two_result, one, one_result


def test_site_is_the_same_file_for_file_with_and_without_the_second_process(tmp_path, monkeypatch):
    """60 generated cases (realistic Markdown, all levels and statuses) plus the fixture library's own."""
    cases = tmp_path / "cases"
    shutil.copytree(ROOT / "tests" / "fixtures" / "library", cases)
    bench.write_library(cases, 60, bench.Words.load(2_000), seed=7)
    two, two_result, one, one_result = _build_both(tmp_path, monkeypatch, cases)
    assert two_result.returncode == 0 and one_result.returncode == 0, two_result.stderr + one_result.stderr
    files = _files(two.site)
    assert files == _files(one.site)
    assert len([f for f in files if f.parts[0] == "voorbeelden" and len(f.parts) == 3]) >= 60
    _, mismatch, errors = filecmp.cmpfiles(two.site, one.site, [str(f) for f in files], shallow=False)
    assert mismatch == [] and errors == []


def test_an_unsafe_page_in_the_second_half_fails_the_build_with_the_same_lines(tmp_path, monkeypatch):
    """The second process leaves a page whose check fails to MkDocs, which reports it as it would have."""
    from test_sanitizer import BODIES, HOSTILE, unchecked_project

    projects = []
    for name in ("two", "one"):
        project = unchecked_project(tmp_path / name, rendered_check=True)
        for body in BODIES:  # only the last case (in reading order) is hostile: it is in the second half
            (project.cases / body).unlink()
        shutil.copy(HOSTILE / "html-script.md", project.cases / "zz-html-script.md")
        projects.append(project)
    monkeypatch.setenv("GV_SKIP_SEARCH_INDEX", "1")
    two = projects[0].build(check=False)
    monkeypatch.setenv(ONE_PROCESS, "1")
    one = projects[1].build(check=False)
    assert two.returncode == one.returncode == 1
    lines = [re.findall(r"^.*error GV\d+.*$", r.stdout + r.stderr, re.M) for r in (two, one)]
    assert lines[0] == lines[1] and any("zz-html-script.md" in line for line in lines[0]), lines
    assert "Traceback" not in two.stdout + two.stderr
