"""Shared test fixtures: temporary projects, real MkDocs builds, a local server and a real browser.

Browser tests use Playwright for Python with Debian's Chromium at /usr/bin/chromium.
Without it they are skipped with the reason; under CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

sys.path.insert(0, str(ROOT / "scripts"))
from localweb import CHROMIUM, CHROMIUM_ARGS, browser_missing, serve  # noqa: E402  (shared with the benchmark)


def debian_tool(name: str) -> str:
    """The path of a Debian tool the print and QR tests need (pdftoppm, pdftotext, zbarimg); skipped when missing,
    a failure under CI (.ci/run installs them)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} missing in CI (apt-get install poppler-utils zbar-tools)")
        pytest.skip(f"{name} niet gevonden (apt-get install poppler-utils zbar-tools)")
    return path


@dataclass
class Project:
    """A temporary copy of the site skeleton (mkdocs.yml, docs/, hooks/) with its own cases/."""

    root: Path

    @property
    def cases(self) -> Path:
        return self.root / "cases"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write_case(self, slug: str, text: str) -> Path:
        path = self.cases / f"{slug}.md"
        path.write_text(text, encoding="utf-8")
        return path

    def build(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run the real `mkdocs build` on this project (not quiet: with -q MkDocs drops warnings, so --strict could not fail)."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(self.root / "mkdocs.yml"),
             "-d", str(self.site), *args],
            capture_output=True, text=True, env=env, cwd=self.root,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result


def make_project(dest: Path, cases_from: Path | None = None) -> Project:
    """Copy the site skeleton into `dest`; cases come from `cases_from` (default: the fixture library)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "hooks", dest / "hooks")
    shutil.copytree(cases_from or FIXTURES / "library", dest / "cases")
    return Project(dest)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh project with the fixture library, for tests that change cases."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_fixture_site(tmp_path_factory) -> Project:
    """The fixture library built once, strict, for read-only tests of the site."""
    p = make_project(tmp_path_factory.mktemp("fixture-site") / "project")
    p.build("--strict")
    return p


@pytest.fixture(scope="session")
def served_build(tmp_path_factory):
    """Builds of the fixture library with a few files added or changed, each built once per session (strict)
    and served on 127.0.0.1: `served_build(name, prepare)` returns (project, base URL); `prepare(project)` changes
    the copy before the build. Modules that ask for the same name share one build."""
    builds: dict[str, tuple[Project, str]] = {}
    servers = []

    def get(name: str, prepare) -> tuple[Project, str]:
        if name not in builds:
            p = make_project(tmp_path_factory.mktemp(name) / "project")
            prepare(p)
            p.build("--strict")
            url, server = serve(p.site)
            servers.append(server)
            builds[name] = (p, url)
        return builds[name]

    yield get
    for server in servers:
        server.shutdown()


SPLIT_PAGES_PER_INDEX = 4  # the fixture library's ten cases give three parts of the search index


def split_search_index(project: Project) -> None:
    """Set mkdocs.yml to make the search index in parts of at most SPLIT_PAGES_PER_INDEX case pages."""
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "    branch: main\n" in text
    config.write_text(text.replace("    branch: main\n",
                                   f"    branch: main\n    search_pages_per_index: {SPLIT_PAGES_PER_INDEX}\n"),
                      encoding="utf-8")


@pytest.fixture(scope="session")
def split_build(served_build) -> tuple[Project, str]:
    """The fixture library with its search index in parts, as a large library has: built once, served."""
    return served_build("split", split_search_index)


@pytest.fixture(scope="session")
def fixture_server(built_fixture_site: Project):
    """The built fixture site served on 127.0.0.1; yields its base URL."""
    url, server = serve(built_fixture_site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium driven by Playwright; skipped (or failed under CI) when missing."""
    reason = browser_missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def make_page(browser):
    """Fresh pages in a window of a given size (and other context options) that record console errors and every
    request they make: `make_page(390, 844)`. Each has its own context, closed after the test."""
    contexts = []

    def make(width: int = 1280, height: int = 900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL", **options)
        contexts.append(context)
        pg = context.new_page()
        pg.console_errors = []
        pg.requests = []
        pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
        pg.on("request", lambda r: pg.requests.append(r.url))
        return pg

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page):
    """A fresh page (1280 x 900) that records console errors and every request it makes."""
    return make_page()


def run_axe(pg) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA rules) in the page; return serious and critical violations."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core missing at {AXE}: run npm ci")
        pytest.skip(f"axe-core niet gevonden op {AXE} (npm ci)")
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
