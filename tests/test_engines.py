"""Engine-neutral build: `goedvoorbeeld build` checks first, then runs MkDocs or ProperDocs, and both engines
publish the same site, file for file, search index included."""

from __future__ import annotations

import filecmp
import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_project
from goedvoorbeeld.cli import main
from goedvoorbeeld.config import ConfigError, engine_of

import properdocs  # noqa: E402,F401  (the [test] extra installs it: a missing engine fails, never skips)


def goedvoorbeeld(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GV_SKIP_SEARCH_INDEX", None)
    return subprocess.run([sys.executable, "-m", "goedvoorbeeld.cli", "build", *args], cwd=root, env=env,
                          capture_output=True, text=True)


def differences(a: Path, b: Path) -> list[str]:
    """Every file that is only in one tree or differs in its bytes."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, rel: str) -> None:
        found.extend(f"{rel}{n} (alleen links)" for n in cmp.left_only)
        found.extend(f"{rel}{n} (alleen rechts)" for n in cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(rel + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return found


def varies_per_build(path: str) -> bool:
    """Pagefind's files that name or hold its filters, whose value order differs from one build to the next."""
    return (path.startswith("pagefind/filter/") or path.startswith("pagefind/pagefind.")
            and ".pf_meta" in path or path.startswith("pagefind/pagefind-entry.json"))


def filter_values(site: Path) -> list[bytes]:
    """The bytes of every filter file of the search index, uncompressed and sorted: the same values in any order."""
    out = []
    for f in (site / "pagefind" / "filter").glob("*.pf_filter"):
        out.append(bytes(sorted(gzip.decompress(f.read_bytes()))))
    return sorted(out)


@pytest.fixture(scope="module")
def both_engines(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("engines") / "project")
    runs = {engine: goedvoorbeeld(project.root, "--engine", engine, "-d", f"site-{engine}")
            for engine in ("mkdocs", "properdocs")}
    return project, runs


def test_mkdocs_and_properdocs_publish_the_same_site_file_for_file(both_engines):
    project, runs = both_engines
    for engine, run in runs.items():
        assert run.returncode == 0, f"{engine}:\n{run.stdout}\n{run.stderr}"
        assert f"Bouwen met {engine}." in run.stderr
        assert f"goedvoorbeeld: gebouwd met {engine}" in run.stderr  # the hook ran inside that engine
    mkdocs_site, properdocs_site = project.root / "site-mkdocs", project.root / "site-properdocs"
    pages = list(mkdocs_site.rglob("*.html"))
    assert len(pages) > 30 and (mkdocs_site / "pagefind" / "pagefind.js").is_file()
    assert (mkdocs_site / "data" / "cases.json").is_file() and (mkdocs_site / "feed.xml").is_file()
    assert [d for d in differences(mkdocs_site, properdocs_site) if not varies_per_build(d)] == []
    # Pagefind writes a filter's values in hash-map order, so the filter files (and the names that hash them)
    # differ between any two builds, of one engine too; what they hold is the same.
    assert filter_values(mkdocs_site) == filter_values(properdocs_site)


def test_the_comparison_sees_a_changed_file(both_engines, tmp_path):
    project, _ = both_engines
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(project.root / "site-mkdocs", copy)
    (copy / "feed.xml").write_bytes((copy / "feed.xml").read_bytes() + b" ")
    (copy / "extra.txt").write_text("x", encoding="utf-8")
    assert sorted(differences(project.root / "site-mkdocs", copy)) == ["extra.txt (alleen rechts)", "feed.xml"]
    assert not varies_per_build("feed.xml") and not varies_per_build("pagefind/fragment/x.pf_fragment")


def test_the_engine_comes_from_mkdocs_yml_and_an_unknown_one_is_named(tmp_path):
    project = make_project(tmp_path / "project")
    config = project.root / "mkdocs.yml"
    assert engine_of(config) == "mkdocs"
    config.write_text(config.read_text(encoding="utf-8").replace("engine: mkdocs", "engine: properdocs"),
                      encoding="utf-8")
    assert engine_of(config) == "properdocs"
    config.write_text(config.read_text(encoding="utf-8").replace("engine: properdocs", "engine: zensicaal"),
                      encoding="utf-8")
    with pytest.raises(ConfigError):
        engine_of(config)
    run = goedvoorbeeld(project.root)
    assert run.returncode == 1
    assert "mkdocs.yml: extra.goedvoorbeeld.engine: onbekende bouwmachine 'zensicaal'; kies uit 'mkdocs', " \
           "'properdocs'" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (project.root / "site").exists()


def test_a_library_with_an_error_starts_no_engine_and_keeps_the_old_site(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    old = project.site / "index.html"
    old.parent.mkdir(parents=True)
    old.write_text("vorige site", encoding="utf-8")
    case = next(p for p in sorted(project.cases.glob("*.md")))
    case.write_text(case.read_text(encoding="utf-8").replace("tags: [", "tags: [onbekende-tag, ", 1),
                    encoding="utf-8")
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert f"cases/{case.name}:" in result.output and "GV104" in result.output
    assert "De bouw is niet begonnen" in result.output
    assert "Bouwen met" not in result.output  # no engine was started
    assert old.read_text(encoding="utf-8") == "vorige site"
