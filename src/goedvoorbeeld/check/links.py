"""Check the external links of every case: front matter `links`, a `contact` web address and body links.

Standard library only: a thread pool of `urllib` requests. Every URL is
checked once (however many cases use it), with a timeout on every socket
operation and an overall deadline per URL, at most `per_host` requests to one
host at a time, HEAD first and GET when a server does not answer HEAD well,
and redirects followed by hand so that a loop is recognised.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import goedvoorbeeld.check.safety as safety
from goedvoorbeeld.check.cases import Case, Library

USER_AGENT = "goedvoorbeeld-linkcontrole/0.1 (controle van links in goede voorbeelden)"
MAX_REDIRECTS = 10
MAX_ISSUE_CHARS = 60_000
UNSURE_STATUSES = {401, 403, 429}  # the server refuses robots; that says nothing about the page


@dataclass(frozen=True)
class Occurrence:
    """Where a URL stands: file, line and column."""

    path: str
    line: int
    column: int


@dataclass
class Result:
    url: str
    ok: bool
    unsure: bool = False
    reason: str = ""  # Dutch
    occurrences: list[Occurrence] = field(default_factory=list)


def external_links(library: Library, cases_dir: str | Path) -> dict[str, list[Occurrence]]:
    """Every http(s) URL of every case, with where it stands, in a stable order."""
    found: dict[str, list[Occurrence]] = {}
    for case in library.cases:
        for url, where in _links_of(case, _front_matter_lines(Path(cases_dir) / Path(case.path).name, case)):
            found.setdefault(url, []).append(where)
    return {url: sorted(set(found[url]), key=lambda o: (o.path, o.line, o.column)) for url in sorted(found)}


def _front_matter_lines(file: Path, case: Case) -> list[str]:
    """The front matter's lines as in the file (a Case keeps values, not where each link stands)."""
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[: case.body_line - 1]


def _links_of(case: Case, front_matter: list[str]):
    urls = [link.url for link in case.links]
    if case.contact and case.contact.startswith(("http://", "https://")):
        urls.append(case.contact)
    for url in urls:
        yield url, _find(case.path, front_matter, url)
    masked, _ = safety.mask_code(case.body)
    where = safety.Where(case.body, case.body_line)
    for target in safety.targets(masked):
        if target.is_image or safety.url_scheme(target.url) not in ("http", "https"):
            continue
        yield target.url, Occurrence(case.path, *where(target.offset))


def _find(path: str, lines: list[str], url: str) -> Occurrence:
    for i, text in enumerate(lines):
        at = text.find(url)
        if at >= 0:
            return Occurrence(path, i + 1, at + 1)
    return Occurrence(path, 1, 1)


def _is_private(url: str) -> bool:
    """True when the URL's server is (or resolves to) a loopback, private, link-local or reserved address."""
    try:
        host = urlsplit(url).hostname or ""
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (UnicodeError, OSError, ValueError):
        return False  # the request itself will report that the name does not exist
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            return True
    return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the checker follows redirects itself, to recognise loops


class Checker:
    def __init__(self, *, timeout: float = 10.0, per_host: int = 2, workers: int = 16,
                 deadline: float | None = None, allow_private: bool = False):
        self.timeout = timeout
        self.allow_private = allow_private
        self.deadline = deadline if deadline is not None else timeout * 3
        self.per_host = per_host
        self.workers = workers
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()
        self._opener = urllib.request.build_opener(_NoRedirect())

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            return self._hosts.setdefault(host, threading.BoundedSemaphore(self.per_host))

    def check_all(self, links: dict[str, list[Occurrence]]) -> list[Result]:
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            results = list(pool.map(self.check, links))
        for r in results:
            r.occurrences = links[r.url]
        return results

    def check(self, url: str) -> Result:
        """Follow one URL to its final answer."""
        start = time.monotonic()
        seen = [url]
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if time.monotonic() - start > self.deadline:
                return Result(url, False, reason=f"geen antwoord binnen {self.deadline:g} s")
            if not self.allow_private and _is_private(current):
                # never let a case make the checker (and the CI runner) call into a local network
                return Result(url, False, reason=f"'{current[:80]}' wijst naar een adres in een lokaal netwerk")
            status, location, error = self._request(current)
            if error:
                return Result(url, False, reason=error)
            if status in (301, 302, 303, 307, 308) and location:
                try:
                    nxt = urljoin(current, location)
                    scheme = urlsplit(nxt).scheme
                except ValueError:
                    return Result(url, False, reason=f"ongeldige doorverwijzing naar '{location[:80]}'")
                if scheme not in ("http", "https"):
                    return Result(url, False, reason=f"doorverwijzing naar '{nxt[:80]}'")
                if nxt in seen:
                    return Result(url, False, reason="doorverwijzingen in een kringetje: " + " -> ".join(seen + [nxt]))
                seen.append(nxt)
                current = nxt
                continue
            if 200 <= status < 300:
                return Result(url, True)
            if status in UNSURE_STATUSES:
                return Result(url, True, unsure=True, reason=f"de server weigert de controle (HTTP {status})")
            if status == 404 or status == 410:
                return Result(url, False, reason=f"pagina niet gevonden (HTTP {status})")
            return Result(url, False, reason=f"de server antwoordt met HTTP {status}")
        return Result(url, False, reason=f"meer dan {MAX_REDIRECTS} doorverwijzingen")

    def _request(self, url: str) -> tuple[int, str | None, str | None]:
        """(status, Location, error): HEAD, and GET when HEAD is refused or fails."""
        status, location, error = self._once(url, "HEAD")
        if error is None and status not in (400, 403, 404, 405, 429, 500, 501, 503):
            return status, location, None
        if error and error.startswith("geen antwoord"):
            return status, location, error  # a server that stalls on HEAD will stall on GET too
        return self._once(url, "GET")

    def _once(self, url: str, method: str) -> tuple[int, str | None, str | None]:
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        with self._host_slot(url):
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    if method == "GET":
                        response.read(1024)
                    return response.status, response.headers.get("Location"), None
            except urllib.error.HTTPError as e:
                location = e.headers.get("Location") if e.headers else None
                e.close()
                return e.code, location, None
            except (TimeoutError, socket.timeout):
                return 0, None, f"geen antwoord binnen {self.timeout:g} s"
            except urllib.error.URLError as e:
                if isinstance(e.reason, (TimeoutError, socket.timeout)):
                    return 0, None, f"geen antwoord binnen {self.timeout:g} s"
                if isinstance(e.reason, ssl.SSLError):
                    return 0, None, f"beveiligde verbinding mislukt ({e.reason.__class__.__name__})"
                if isinstance(e.reason, socket.gaierror):
                    return 0, None, "de servernaam bestaat niet (DNS)"
                return 0, None, f"verbinding mislukt ({e.reason})"
            except (http.client.HTTPException, OSError, ValueError) as e:
                return 0, None, f"verbinding mislukt ({e.__class__.__name__})"


def report_text(results: list[Result]) -> str:
    found = []
    for r in results:
        if r.ok and not r.unsure:
            continue
        kind = "onzeker" if r.unsure else "kapot"
        for o in r.occurrences:
            found.append(((o.path, o.line, o.column), f"{o.path}:{o.line}:{o.column}: {kind}: {r.url}: {r.reason}"))
    return "\n".join([line for _, line in sorted(found)] + [summary(results)])


def report_markdown(results: list[Result]) -> str:
    """The body of the issue the weekly workflow opens: a table of broken links with file and line."""
    broken = [r for r in results if not r.ok]
    unsure = [r for r in results if r.unsure]
    out = ["De wekelijkse controle vond links in voorbeelden die niet (meer) werken.", "",
           summary(results), ""]
    if broken:
        out += ["| Bestand | Link | Wat er mis is |", "|---|---|---|"]
        rows = sorted((o.path, o.line, r.url, r.reason) for r in broken for o in r.occurrences)
        out += [f"| `{path}:{line}` | {_cell(url)} | {_cell(reason)} |" for path, line, url, reason in rows]
        out.append("")
    if unsure:
        out += ["Deze servers weigerden de controle; kijk ze met de hand na:", ""]
        out += [f"- {_cell(r.url)} ({_cell(r.reason)})" for r in unsure]
        out.append("")
    out.append("Werk de link bij of haal hem weg; dit bericht wordt bij de volgende controle bijgewerkt.")
    text = "\n".join(out) + "\n"
    if len(text) > MAX_ISSUE_CHARS:  # GitHub refuses longer issue bodies
        cut = text.rfind("\n", 0, MAX_ISSUE_CHARS - 200)
        text = text[:cut] + "\n\n(De lijst is ingekort; `goedvoorbeeld links` toont alles.)\n"
    return text


def _cell(text: str) -> str:
    return "`" + text.replace("`", "'").replace("|", "%7C").replace("\n", " ") + "`"


def summary(results: list[Result]) -> str:
    broken = sum(1 for r in results if not r.ok)
    unsure = sum(1 for r in results if r.unsure)
    noun = "link" if len(results) == 1 else "links"
    return f"{len(results)} {noun} gecontroleerd: {broken} kapot, {unsure} onzeker"
