"""`goedvoorbeeld links` against a local server on 127.0.0.1: 200, 404, a redirect loop and a stall."""

from __future__ import annotations

import http.server
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from goedvoorbeeld.check.cases import load_library
from goedvoorbeeld.cli import main
from goedvoorbeeld.check.links import Checker, external_links, report_markdown

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
TIMEOUT = 0.5  # the stall is recognised after this; everything else answers at once


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.release = threading.Event()  # ends the stalls when the test is done
        self.lock = threading.Lock()
        self.active = 0
        self.most_at_once = 0
        self.methods: list[tuple[str, str]] = []


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:
        pass

    def _answer(self, method: str) -> None:
        s = self.server
        with s.lock:
            s.active += 1
            s.most_at_once = max(s.most_at_once, s.active)
            s.methods.append((method, self.path))
        self._counted = True
        try:
            self._route(method)
        finally:
            self._done()

    def _done(self) -> None:
        """The request stops counting before its answer is sent: a client that has the answer may start the
        next request at once, while this thread is still on its way out."""
        if self._counted:
            self._counted = False
            with self.server.lock:
                self.server.active -= 1

    def _route(self, method: str) -> None:
        path = self.path
        if path.startswith("/stil"):
            self.server.release.wait(30)  # says nothing until the test ends
            return
        if path.startswith("/ok") or path.startswith("/druk"):
            if path.startswith("/druk"):  # busy page: hold the request a moment so requests overlap
                self.server.release.wait(0.05)
            self._send(200)
        elif path == "/geen-head" and method == "HEAD":
            self._send(405)
        elif path == "/geen-head":
            self._send(200)
        elif path == "/omweg":
            self._send(301, location="/ok")
        elif path == "/lus-a":
            self._send(302, location="/lus-b")
        elif path == "/lus-b":
            self._send(302, location="/lus-a")
        elif path == "/verboden":
            self._send(403)
        else:
            self._send(404)

    def _send(self, status: int, location: str | None = None) -> None:
        self._done()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        body = b"" if self.command == "HEAD" else b"<p>pagina</p>"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self):  # noqa: N802
        self._answer("HEAD")

    def do_GET(self):  # noqa: N802
        self._answer("GET")


@pytest.fixture
def server():
    s = _Server()
    threading.Thread(target=s.serve_forever, daemon=True).start()
    yield s, f"http://127.0.0.1:{s.server_address[1]}"
    s.release.set()
    s.shutdown()
    s.server_close()


CASE = """---
title: Links om te controleren
summary: Een voorbeeld met links die werken, niet bestaan, rondjes draaien of niets zeggen.
organisation: Gemeente Testdorp
level: gemeente
status: pilot
year: 2023
tags: [leren-luisteren]
added: 2026-10-05
links:
  - title: Werkt
    url: {base}/ok
  - title: Bestaat niet
    url: {base}/weg
contact: {base}/lus-a
---

## Aanleiding

Zie [de pagina die stil blijft]({base}/stil) en [een omweg]({base}/omweg).

## Aanpak

Een server zonder HEAD: <{base}/geen-head>, een [verboden pagina][v] en [mail](mailto:info@example.org).

[v]: {base}/verboden
"""


def cases_folder(tmp_path: Path, base: str) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(HOSTILE / "tags.yml", folder / "tags.yml")
    (folder / "links-controleren.md").write_text(CASE.format(base=base), encoding="utf-8")
    return folder


def test_links_reports_broken_ones_with_file_line_and_dutch_reason(server, tmp_path):
    srv, base = server
    folder = cases_folder(tmp_path, base)
    result = CliRunner().invoke(main, ["links", str(folder), "--timeout", str(TIMEOUT), "--allow-private-addresses"])
    assert result.exit_code == 1, result.output
    shown = f"{folder}/links-controleren.md"
    lines = result.output.strip().split("\n")
    assert lines == [
        f"{shown}:14:10: kapot: {base}/weg: pagina niet gevonden (HTTP 404)",
        f"{shown}:15:10: kapot: {base}/lus-a: doorverwijzingen in een kringetje: "
        f"{base}/lus-a -> {base}/lus-b -> {base}/lus-a",
        f"{shown}:20:33: kapot: {base}/stil: geen antwoord binnen 0.5 s",
        f"{shown}:26:6: onzeker: {base}/verboden: de server weigert de controle (HTTP 403)",
        "7 links gecontroleerd: 3 kapot, 1 onzeker",
    ]
    assert "Traceback" not in result.output
    # HEAD first; GET only where HEAD was refused
    assert ("HEAD", "/ok") in srv.methods and ("GET", "/ok") not in srv.methods
    assert ("HEAD", "/geen-head") in srv.methods and ("GET", "/geen-head") in srv.methods


def test_all_links_working_exits_0(server, tmp_path):
    srv, base = server
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(HOSTILE / "tags.yml", folder / "tags.yml")
    text = CASE.format(base=base)
    for bad in ("/weg", "/lus-a", "/stil", "/verboden"):
        text = text.replace(base + bad, base + "/ok")
    (folder / "links-controleren.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["links", str(folder), "--timeout", str(TIMEOUT), "--allow-private-addresses"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "3 links gecontroleerd: 0 kapot, 0 onzeker"  # /ok, /omweg and /geen-head


def test_no_more_than_per_host_requests_at_once(server, tmp_path):
    srv, base = server
    links = {f"{base}/druk/{i}": [] for i in range(12)}
    results = Checker(timeout=5, per_host=2, workers=12, allow_private=True).check_all(links)
    assert all(r.ok for r in results)
    assert 1 <= srv.most_at_once <= 2


def test_each_url_is_checked_once_and_every_place_is_reported(server, tmp_path):
    srv, base = server
    folder = cases_folder(tmp_path, base)
    second = (folder / "links-controleren.md").read_text(encoding="utf-8").replace(
        "title: Links om te controleren", "title: Dezelfde links nog een keer")
    (folder / "links-nog-een-keer.md").write_text(second, encoding="utf-8")
    library = load_library(folder, shown_root="cases")
    found = external_links(library, folder)
    assert [(o.path, o.line) for o in found[f"{base}/weg"]] == [
        ("cases/links-controleren.md", 14), ("cases/links-nog-een-keer.md", 14)]
    results = Checker(timeout=TIMEOUT, allow_private=True).check_all(found)
    assert srv.methods.count(("HEAD", "/weg")) == 1
    body = report_markdown(results)
    assert f"| `cases/links-controleren.md:14` | `{base}/weg` | `pagina niet gevonden (HTTP 404)` |" in body
    assert f"| `cases/links-nog-een-keer.md:14` | `{base}/weg` |" in body


def test_local_network_addresses_are_not_requested_by_default(server, tmp_path):
    srv, base = server
    results = Checker(timeout=TIMEOUT).check_all({f"{base}/ok": []})
    assert not results[0].ok and "lokaal netwerk" in results[0].reason
    assert srv.methods == []  # nothing reached the server


def test_issue_body_stays_under_githubs_limit():
    from goedvoorbeeld.check.links import MAX_ISSUE_CHARS, Occurrence, Result

    many = [Result(f"https://example.org/{i:05d}", False, reason="pagina niet gevonden (HTTP 404)",
                   occurrences=[Occurrence("cases/x.md", i + 1, 1)]) for i in range(3000)]
    body = report_markdown(many)
    assert len(body) <= MAX_ISSUE_CHARS and body.endswith("toont alles.)\n")


WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "links.yml"


def test_weekly_workflow_is_pinned_least_privileged_and_free_of_template_injection():
    import re

    import yaml

    text = WORKFLOW.read_text(encoding="utf-8")
    wf = yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader: the key 'on' stays a string
    assert wf["on"]["schedule"][0]["cron"]
    assert wf["permissions"] == {}
    job = wf["jobs"]["links"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    uses = [s["uses"] for s in job["steps"] if "uses" in s]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] == "false"
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")  # values reach scripts through env only
    assert "goedvoorbeeld links cases --format markdown" in text
