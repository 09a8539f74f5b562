"""The contributor's preview (`goedvoorbeeld serve`, what `make serve` runs), as a contributor uses it.

One preview process serves a copy of the fixture library for the whole module. The differential test edits the
cases one step at a time and compares every file the preview serves with a clean `mkdocs build` of the same
files; the browser test breaks and fixes a case under an open tab.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, Project, make_project, run_axe

PREFIX = "/goed-voorbeeld/"  # the path of site_url in mkdocs.yml, where the preview serves the site
# What only the preview adds to a page (its banner, error panel and reload script), between two markers.
PREVIEW_PART = re.compile(rb"<!-- gv-voorbeeldweergave -->.*?<!-- /gv-voorbeeldweergave -->", re.S)
DONE = ("Bijgewerkt in", "Opgelost:", "De site kan niet worden bijgewerkt")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _command() -> list[str]:
    """`goedvoorbeeld serve` as `make serve` runs it: the installed command of this environment."""
    script = Path(sys.executable).with_name("goedvoorbeeld")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from goedvoorbeeld.cli import main; main()"]


class Running:
    """A `goedvoorbeeld serve` process and everything it printed."""

    def __init__(self, project: Project):
        self.project = project
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}{PREFIX}"
        self.lines: list[str] = []
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([*_command(), "serve", "--port", str(self.port)], cwd=project.root, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(lambda: any(line.startswith(("Klaar", "De site kan niet")) for line in self.lines), 120)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, condition, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"the preview stopped ({self.process.returncode}):\n{self.output}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the preview did not answer in time:\n{self.output}")
            time.sleep(0.05)

    def save(self, name: str, text: str | None) -> None:
        """Save a case file in one step (as an editor that writes a copy and renames it), or delete it
        (text None); then wait until the preview reports the update."""
        before = len(self.lines)
        path = self.project.cases / name
        if text is None:
            path.unlink()
        else:
            tmp = path.with_name(f".{name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        self.wait_for(lambda: any(line.startswith(DONE) for line in self.lines[before:]))

    def get(self, rel: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + rel, timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def served_files(self) -> list[str]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_voorbeeldweergave/bestanden", timeout=30) as r:
            return json.loads(r.read())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.process.kill()


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("preview") / "project")
    running = Running(project)
    yield running
    running.stop()


def clean_build(project: Project, dest: Path) -> Path:
    """A clean `mkdocs build` of the project's files as they are now; without the search index, which the
    preview leaves out."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GV_SKIP_SEARCH_INDEX": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project.root / "mkdocs.yml"),
                             "-d", str(dest)], capture_output=True, text=True, env=env, cwd=project.root)
    assert result.returncode == 0, result.stderr
    return dest


def assert_same_site(preview: Running, built: Path, *, panel: bool = False, step: str = "") -> None:
    """Every file the preview serves equals the clean build's, and it serves no other file. HTML is compared
    after removing the preview's own part (banner, panel, reload script), which is checked to be there."""
    expected = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert preview.served_files() == expected, step
    for rel in expected:
        status, body = preview.get(rel)
        assert status == 200, (step, rel)
        want = built.joinpath(rel).read_bytes()
        if rel.endswith(".html"):
            added = PREVIEW_PART.findall(body)
            assert len(added) == 1 and b"Voorbeeldweergave" in added[0], (step, rel)
            assert (b'role="alert"' in added[0]) is panel, (step, rel)
            body = PREVIEW_PART.sub(b"", body)
        assert body == want, f"after the edit '{step}': {rel} differs from a clean build"


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_every_served_file_equals_a_clean_build_after_each_edit(preview: Running, tmp_path: Path):
    cases = preview.project.cases
    original = (cases / "regio-open-data.md").read_text(encoding="utf-8")
    five_case = (cases / "participatie-provincie.md").read_text(encoding="utf-8")
    assert_same_site(preview, clean_build(preview.project, tmp_path / "start"))
    # The handout's QR codes and the feed point at the public site_url, never at the preview's address.
    for rel in ("top-5/handout/index.html", "feed.xml"):
        body = PREVIEW_PART.sub(b"", preview.get(rel)[1])
        assert b"https://open-overheid.github.io/goed-voorbeeld/" in body and b"127.0.0.1" not in body, rel

    steps = [
        ("body text", "regio-open-data.md",
         _edit(original, "## Aanleiding\n", "## Aanleiding\n\nEen zin die er net bij kwam.\n")),
        ("body text of one of the five, whose Resultaat the handout prints", "participatie-provincie.md",
         _edit(five_case, "## Resultaat\n", "## Resultaat\n\nEen resultaat dat er net bij kwam.\n")),
        ("tags", "regio-open-data.md", _edit(original, "tags: [", "tags: [burgers-betrekken, ")),
        ("status", "regio-open-data.md", _edit(original, "status: afgerond", "status: pilot")),
        ("new file", "regio-nieuw-voorbeeld.md", _edit(original, 'title: "Open data in de regio"',
                                                       'title: "Een nieuw voorbeeld uit de regio"')),
        ("deleted file", "regio-nieuw-voorbeeld.md", None),
    ]
    for n, (what, name, text) in enumerate(steps):
        preview.save(name, text)
        assert_same_site(preview, clean_build(preview.project, tmp_path / f"step-{n}"), step=what)

    # A renamed file: the old page goes, the new one comes, lists and data follow.
    before = len(preview.lines)
    os.rename(cases / "regio-open-data.md", cases / "open-data-regio.md")
    preview.wait_for(lambda: any(line.startswith(DONE) for line in preview.lines[before:]))
    good = clean_build(preview.project, tmp_path / "renamed")
    assert_same_site(preview, good, step="renamed file")
    assert preview.get("voorbeelden/regio-open-data/")[0] == 404

    # A broken file: the last good site stays, every page with the panel; the fix brings the new site.
    renamed = (cases / "open-data-regio.md").read_text(encoding="utf-8")
    preview.save("open-data-regio.md", _edit(renamed, "tags: [", "tags: [burger-betrekken, "))
    assert_same_site(preview, good, panel=True, step="broken file")
    preview.save("open-data-regio.md", _edit(renamed, "## Aanpak\n", "## Aanpak\n\nWeer goed.\n"))
    assert_same_site(preview, clean_build(preview.project, tmp_path / "fixed"), step="fixed file")
    assert "Traceback" not in preview.output


def test_a_broken_case_shows_in_the_open_tab_and_its_fix_reloads_it(preview: Running, browser):
    """The done-when of issue 12: the open tab shows the panel with code and path within 3 s while another
    page still loads; after the fix it reloads with the fixed text; the terminal shows no traceback."""
    name = "woo-verzoeken-sneller.md"
    path = preview.project.cases / name
    original = path.read_text(encoding="utf-8")
    context = browser.new_context(locale="nl-NL")
    try:
        tab = context.new_page()
        tab.goto(preview.url + "voorbeelden/woo-verzoeken-sneller/")
        assert "Voorbeeldweergave" in tab.locator(".gv-preview-banner").inner_text()
        assert tab.locator('[role="alert"]').count() == 0

        broken = _edit(original, "tags: [", "tags: [burger-betrekken, ")
        path.write_text(broken, encoding="utf-8")
        alert = tab.locator('[role="alert"]', has_text="GV104")
        alert.wait_for(timeout=3_000)
        text = alert.inner_text()
        assert "GV104" in text and f"cases/{name}:" in text and "Zo los je het op" in text
        assert run_axe(tab) == []  # the banner and the panel keep the page accessible (WCAG 2.1 AA)

        other = context.new_page()  # while broken, any other page still loads (the last good one, with the panel)
        response = other.goto(preview.url + "voorbeelden/")
        assert response.status == 200 and other.locator("ol.gv-list li").count() > 0
        assert other.locator('[role="alert"]').count() == 1

        path.write_text(_edit(original, "## Aanpak\n", "## Aanpak\n\nDeze zin staat er na het herstel.\n"),
                        encoding="utf-8")
        tab.get_by_text("Deze zin staat er na het herstel.").wait_for(timeout=10_000)
        assert tab.locator('[role="alert"]').count() == 0
    finally:
        context.close()
    assert "Traceback" not in preview.output
    assert sum("GV104" in line for line in preview.lines) >= 1


def test_many_open_tabs_wait_on_one_connection(preview: Running, browser):
    """A browser opens at most six connections to one host: one tab waits for all and tells the others."""
    context = browser.new_context(locale="nl-NL")
    waits: list[str] = []
    context.on("request", lambda r: waits.append(r.url) if "/_voorbeeldweergave/wacht" in r.url else None)
    try:
        tabs = []
        for _ in range(8):
            tab = context.new_page()
            tab.goto(preview.url + "voorbeelden/")
            tabs.append(tab)
        # Wait (with a deadline, not a fixed time) until every tab's script has run: one tab holds the lock and
        # polls, the seven others queue for it; or until a second tab polls, which fails below.
        deadline = time.monotonic() + 30
        while True:
            locks = tabs[0].evaluate("() => navigator.locks.query()")
            asked = [lock for lock in locks["held"] + locks["pending"] if lock["name"] == "gv-voorbeeldweergave"]
            if (len(asked) == len(tabs) and waits) or len(waits) > 1:
                break
            assert time.monotonic() < deadline, f"the tabs' scripts did not all run: {locks}, {waits}"
            tabs[0].wait_for_timeout(50)
        assert len(waits) == 1, waits
        assert len(locks["held"]) == 1 and len(locks["pending"]) == len(tabs) - 1, locks
        last = context.new_page()
        assert last.goto(preview.url + "over/").status == 200
    finally:
        context.close()


def test_reading_again_file_by_file_gives_what_load_library_gives(tmp_path: Path):
    """The preview's reader (only changed files read again) against `load_library` on the same folder: the fixture
    library and the hostile catalogue together (errors, warnings and cross checks), then after edits."""
    from goedvoorbeeld.check.cases import load_library
    from goedvoorbeeld.engines.mkdocs.preview import LibraryReader

    cases = tmp_path / "cases"
    shutil.copytree(FIXTURES / "library", cases)
    for f in (FIXTURES / "hostile").iterdir():
        if f.is_file() and not (cases / f.name).exists():
            shutil.copy(f, cases / f.name)
    reader = LibraryReader(cases)
    reader.load_vocabulary()

    def same() -> None:
        fresh = load_library(cases, shown_root="cases")
        again = reader.read()
        assert (again.cases, again.problems, again.files) == (fresh.cases, fresh.problems, fresh.files)

    same()
    (cases / "regio-open-data.md").write_text((cases / "open-raad-testdorp.md").read_text(encoding="utf-8"),
                                              encoding="utf-8")  # the same title twice (GV013)
    (cases / "visie-open-werken.md").unlink()
    shutil.copy(cases / "woo-verzoeken-sneller.md", cases / "nieuw-voorbeeld.md")
    same()


def test_a_library_broken_at_the_start_gets_the_panel_and_its_fix_the_site(tmp_path: Path, capsys):
    """No exit when the first build fails: every page is the panel; saving the fix builds and serves the site."""
    from goedvoorbeeld.engines.mkdocs.preview import Builder, Loop, Preview

    project = make_project(tmp_path / "project")
    path = project.cases / "regio-open-data.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(_edit(good, "tags: [", "tags: [burger-betrekken, "), encoding="utf-8")
    preview = Preview(PREFIX)
    loop = Loop(Builder(project.root / "mkdocs.yml", tmp_path / "work"), preview)
    (tmp_path / "work").mkdir()
    loop.first()
    assert preview.site_dir is None and preview.failure is not None
    page = preview.placeholder("index.html").decode()
    assert 'role="alert"' in page and "GV104" in page and "cases/regio-open-data.md:8:8" in page
    printed = capsys.readouterr().out
    assert printed.count("GV104") == 1 and "Traceback" not in printed

    path.write_text(good, encoding="utf-8")
    loop.step([str(path)])
    assert preview.failure is None and (preview.site_dir / "voorbeelden" / "regio-open-data" / "index.html").exists()
    assert "Opgelost" in capsys.readouterr().out


# -- a new save stops the tail of an update ----------------------------------------------------------------------

RANKING_EDIT = ("regio-open-data.md", "tags: [best-practices, know-how]",  # from the bottom to number 1
                "tags: [regels-en-informatie, burgers-betrekken, klantvriendelijkheid, leren-luisteren, best-practices]")
LIST_EDIT = ("woo-verzoeken-sneller.md", "status: lopend", "status: afgerond")  # outside the five


def _apply(project: Project, edit: tuple[str, str, str]) -> Path:
    name, old, new = edit
    path = project.cases / name
    path.write_text(_edit(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    return path


def assert_same_folder(site: Path, built: Path) -> None:
    """The preview's site folder holds exactly the files of the clean build, byte for byte."""
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == files
    differ = [rel for rel in files if site.joinpath(rel).read_bytes() != built.joinpath(rel).read_bytes()]
    assert differ == []


def test_an_update_stopped_in_its_tail_leaves_the_rest_to_the_next_which_writes_its_own_pages_first(tmp_path):
    """The builder stops the pages after the tabs were told when asked to (here: right after the edited case's own
    page was written): what it did not write waits; the next update writes its own edit's pages first, then the
    waiting ones, then feed and data, and the folder equals a clean build."""
    from goedvoorbeeld.engines.mkdocs.preview import Builder

    project = make_project(tmp_path / "project")
    (tmp_path / "work").mkdir()
    builder = Builder(project.root / "mkdocs.yml", tmp_path / "work")
    site = builder.full_build()
    own_page = site / "voorbeelden" / "regio-open-data" / "index.html"
    before = own_page.read_bytes()
    five_data = (site / "data" / "top-5.json").read_bytes()
    told: list[str] = []

    _apply(project, RANKING_EDIT)
    written = builder.update({RANKING_EDIT[0]}, progress=told.extend, stop=lambda: own_page.read_bytes() != before)
    assert "top-5/index.html" in told  # the tabs were told before the tail began
    assert "voorbeelden/regio-open-data/index.html" in written
    waiting = set(builder.pending)
    assert waiting, "the edited case's page was the last of the tail: nothing was left to wait"
    assert (site / "data" / "top-5.json").read_bytes() == five_data  # feed and data wait too

    # The next save: a sentence in a case whose page does not wait. Its page comes first, then the waiting ones.
    waiting_pages = {_dest(uri) for uri in waiting}
    name = next(p.name for p in sorted(project.cases.glob("*.md"))
                if f"voorbeelden/{p.stem}/index.html" not in waiting_pages)
    _apply(project, (name, "## Aanpak\n", "## Aanpak\n\nEen zin die er net bij kwam.\n"))
    written = builder.update({name}, progress=told.extend)
    assert builder.pending == set()
    assert written[0] == f"voorbeelden/{name.removesuffix('.md')}/index.html", written
    assert waiting_pages & set(written[1:])
    assert "data/top-5.json" in written  # the text edit leaves the five alone: this is the first edit's
    assert_same_folder(site, clean_build(project, tmp_path / "clean"))


def _dest(src_uri: str) -> str:
    """Where MkDocs writes a page (use_directory_urls): voorbeelden/x.md -> voorbeelden/x/index.html."""
    stem = src_uri.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def test_a_save_during_the_tail_of_an_update_stops_it_and_the_next_update_finishes_it(tmp_path, capsys):
    """Through the builder thread's loop: a save that arrives once the tabs were told stops the running update
    (an editor's scratch file does not); the terminal says so, not 'Bijgewerkt'; the update for that save writes
    what was left, and the site equals a clean build."""
    from goedvoorbeeld.engines.mkdocs.preview import Builder, Loop, Preview

    project = make_project(tmp_path / "project")
    (tmp_path / "work").mkdir()
    preview = Preview(PREFIX)
    loop = Loop(Builder(project.root / "mkdocs.yml", tmp_path / "work"), preview)
    loop.first()
    capsys.readouterr()
    published: list[list[str]] = []
    publish = preview.publish
    second: list[Path] = []

    def watching(**kwargs):
        publish(**kwargs)
        published.append(list(kwargs.get("written") or []))
        if len(published) == 1:  # the tabs were told: now the second save comes
            loop.events.put(str(project.cases / ".woo-verzoeken-sneller.md.swp"))
            assert not loop.saved()  # a scratch file stops nothing
            second.append(_apply(project, LIST_EDIT))
            loop.events.put(str(second[0]))

    preview.publish = watching
    loop.step([str(_apply(project, RANKING_EDIT))])
    assert "top-5/index.html" in published[0]
    left = len(loop.builder.pending)
    assert left > 0
    said = capsys.readouterr().out
    assert said.startswith("Onderbroken na ") and f"; {left} pagina's volgen daarna." in said
    assert "Bijgewerkt" not in said

    paths = []
    while not loop.events.empty():
        paths.append(loop.events.get())
    loop.step(paths)
    assert loop.builder.pending == set()
    assert capsys.readouterr().out.startswith("Bijgewerkt in ")
    assert "voorbeelden/woo-verzoeken-sneller/index.html" in published[-1]
    assert_same_folder(preview.site_dir, clean_build(project, tmp_path / "clean"))
