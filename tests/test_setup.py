"""The set-up: `make serve` installs only what builds and serves the site; a build without Pagefind says so."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT, make_project

TEST_ONLY = ("pytest", "playwright", "wordfreq", "zizmor", "hypothesis", "check-jsonschema", "pagefind")


def dry_run(target: str, tmp_path: Path) -> str:
    """What `make <target>` would run in a fresh clone (no .venv yet)."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):  # this checkout's version, committed or not
        (clone / name).write_bytes((ROOT / name).read_bytes())
    result = subprocess.run(["make", "-n", "--no-print-directory", target], cwd=clone, capture_output=True,
                            text=True, check=True)
    return result.stdout


def pip_installs(commands: str) -> list[str]:
    return [line for line in commands.splitlines() if "-m pip install" in line]


def test_the_runtime_dependencies_hold_no_test_bench_or_search_tool():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [d.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip() for d in project["dependencies"]]
    assert "mkdocs" in names and "mkdocs-material" in names
    assert [n for n in names if n in TEST_ONLY] == []
    assert any(d.startswith("pagefind[bin]") for d in project["optional-dependencies"]["search"])
    for extra in ("test", "bench"):
        assert "goedvoorbeeld[search]" in project["optional-dependencies"][extra]


def test_make_serve_on_a_fresh_clone_installs_the_runtime_dependencies_only_and_shows_progress(tmp_path):
    (install,) = pip_installs(dry_run("serve", tmp_path))
    assert install.split("pip install", 1)[1].split()[-2:] == ["-e", "."]  # no extras
    assert "--quiet" not in install and " -q" not in install


def test_make_build_installs_search_and_make_test_the_test_tools(tmp_path):
    (build,) = pip_installs(dry_run("build", tmp_path / "b"))
    assert build.endswith('-e ".[search]"')
    (test,) = pip_installs(dry_run("test", tmp_path / "t"))
    assert test.endswith('-e ".[test]"')


def test_a_build_without_pagefind_stops_before_writing_with_a_dutch_message(tmp_path):
    project = make_project(tmp_path / "project")
    hidden = tmp_path / "zonder-pagefind" / "pagefind"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("", encoding="utf-8")  # shadows the installed package: no .service
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(hidden.parent)}
    env.pop("GV_SKIP_SEARCH_INDEX", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project.root / "mkdocs.yml"),
                             "-d", str(project.site)], capture_output=True, text=True, env=env, cwd=project.root)
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert ("Pagefind ontbreekt, en daarmee de zoekindex: installeer het met 'make build' (of pip install -e "
            "\".[search]\"), of bouw zonder zoekindex met GV_SKIP_SEARCH_INDEX=1") in out
    assert "Traceback" not in out
    assert not (project.site / "index.html").exists()


# ---------------------------------------------------------------------------
# pinned installs


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version and not any(c in version for c in "<>=,;* "), f"not an exact version: {line}"
            found[normalize(name)] = version
    return found


def normalize(name: str) -> str:
    return "".join("-" if c in "_." else c for c in name.lower())


def requirement_names(requirements: list[str]) -> set[str]:
    import re

    return {normalize(re.split(r"[\[<>=!~;\s]", r, maxsplit=1)[0]) for r in requirements}


def test_constraints_pin_every_dependency_exactly_but_not_the_project_itself():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = pins()
    wanted = requirement_names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted |= requirement_names(extra)
    wanted.discard("goedvoorbeeld")
    assert sorted(wanted - pinned.keys()) == []
    assert "goedvoorbeeld" not in pinned
    assert "pagefind-bin" in pinned  # what an extra of a dependency brings is pinned too


def test_every_pip_install_of_make_and_the_workflows_uses_the_constraints(tmp_path):
    checked = 0
    for target in ("serve", "build", "test", "bench", "lock"):
        lines = pip_installs(dry_run(target, tmp_path / target))
        assert lines, f"make {target} installs nothing?"
        for line in lines:
            checked += 1
            if ".venv-lock/" in line:  # `make lock` resolves the newest versions on purpose
                continue
            assert "-c constraints.txt" in line, f"make {target}: {line}"
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "pip install" in line:
                checked += 1
                assert "-c constraints.txt" in line, f"{workflow.name}: {line.strip()}"
    assert checked > 5
