"""Site search: a Pagefind index of the built site, with Dutch stemming.

Pagefind splits its index into small chunks that the browser fetches as a
visitor types, so a search costs a few hundred KB at 10,000 cases instead of
one monolithic index. Only elements marked `data-pagefind-body` are indexed
(case pages and the hand-written pages; not the generated lists, which would
match every query), see docs/overrides/main.html.

Pagefind holds every page it indexes in memory: about 330 KB per case page
(3.3 GB at 10,000 cases, measured with Pagefind 1.5). A large library is
therefore indexed in parts of at most `PAGES_PER_INDEX` case pages, one
Pagefind run after the other, and the search box merges the parts in the
browser (Pagefind's `mergeIndex`). A part is the set of case pages whose slug
ends in certain characters, so that a glob can select it.

Search finds cases first: every indexed page carries the Pagefind filter
`soort` ("voorbeeld" for a case page, "hulp" for the other pages, see
docs/overrides/main.html), and the search box asks for the cases and then for
the help pages, listing them in two groups. A case page also carries the
filter `nr`, its row in the filter data of /voorbeelden/ (browse.py), so that
the filter's text box there asks Pagefind too and finds exactly the cases the
search box finds. Code blocks of the hand-written pages stay out of the index:
command lines make poor excerpts.
"""

from __future__ import annotations

import math
import re
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from goedvoorbeeld.check.schema import CASES_FOLDER

LANGUAGE = "nl"
OUTPUT = "pagefind"  # folder in the site; docs/assets/gv-search.js loads OUTPUT/pagefind.js
PAGES_PER_INDEX = 5_000  # case pages per Pagefind run; mkdocs.yml extra.goedvoorbeeld.search_pages_per_index
CASES = CASES_FOLDER  # the folder of the case pages in the site
ENDING = 2  # characters at the end of a slug that decide its part
CASE_NUMBER = "nr"  # Pagefind filter of a case page: its row in zoekdata/voorbeelden.json (docs/assets/gv-browse.js)

_PRE = re.compile(r"<pre(?=[\s>])")


def case_number_filter(number: int) -> str:
    """The value of `data-pagefind-filter` that gives a case page its row number in the filter data."""
    return f"{CASE_NUMBER}:{number}"


def unindexed_code(html: str) -> str:
    """A hand-written page's HTML with its code blocks left out of the search index."""
    return _PRE.sub("<pre data-pagefind-ignore", html)


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class IndexPart:
    """One Pagefind run: the case pages whose slug ends in one of `endings` (all when empty)."""

    output: str  # folder in the site
    endings: tuple[str, ...] = ()
    main: bool = True  # also indexes the searchable pages that are not case pages

    def glob(self, pages: Iterable[str] = ()) -> str:
        """The file glob of this part for Pagefind; the main part also takes the other searchable `pages`."""
        cases = [f"{CASES}/*{e}/index.html" for e in self.endings] or [f"{CASES}/*/index.html"]
        return "{" + ",".join([*cases, *(pages if self.main else ())]) + "}"


def index_parts(slugs: Iterable[str], per_index: int = PAGES_PER_INDEX) -> tuple[IndexPart, ...]:
    """How to index a site with these case slugs: one part, or parts of about `per_index` case pages.

    Endings are dealt out largest first to the part with the fewest pages, so the parts come out nearly
    equal; the result depends only on the slugs (the same site gets the same parts).
    """
    counts = Counter(s[-ENDING:] for s in slugs)
    wanted = max(1, math.ceil(sum(counts.values()) / max(1, per_index)))
    if wanted == 1:
        return (IndexPart(OUTPUT),)
    groups: list[list[str]] = [[] for _ in range(min(wanted, len(counts)))]
    sizes = [0] * len(groups)
    for ending, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        smallest = sizes.index(min(sizes))
        groups[smallest].append(ending)
        sizes[smallest] += n
    return tuple(IndexPart(OUTPUT if i == 0 else f"{OUTPUT}-{i + 1}", tuple(sorted(g)), main=i == 0)
                 for i, g in enumerate(groups))


# The preview's set-up (`make serve`) leaves Pagefind out: the extra 'search' of pyproject.toml.
MISSING = ("Pagefind ontbreekt, en daarmee de zoekindex: installeer het met 'make build' (of pip install -e "
           "\".[search]\"), of bouw zonder zoekindex met GV_SKIP_SEARCH_INDEX=1")


def pagefind_executable() -> Path:
    """Pagefind's binary from the pagefind[bin] package, or SearchIndexError saying how to install it."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError(MISSING) from None
    exe = get_executable()
    if exe is None:
        raise SearchIndexError(MISSING)
    return Path(exe)


def pagefind_command(site_dir: str | Path, part: IndexPart, pages: Iterable[str] = ()) -> list[str]:
    """The Pagefind command line for a part of a built site (the binary comes from the pagefind[bin] package);
    `pages` are the searchable pages other than case pages, as paths in the site."""
    return [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", part.output, "--force-language", LANGUAGE,
            "--quiet", "--glob", part.glob(pages)]


def _start(site_dir: str | Path, part: IndexPart, pages: Iterable[str]) -> subprocess.Popen:
    """Start Pagefind on a part; its messages go to a temporary file (a pipe nobody reads could fill up)."""
    log = tempfile.TemporaryFile("w+", encoding="utf-8")
    run = subprocess.Popen(pagefind_command(site_dir, part, pages), stdout=log, stderr=subprocess.STDOUT)
    run.log = log  # type: ignore[attr-defined]
    return run


def _finish(site_dir: str | Path, part: IndexPart, run: subprocess.Popen) -> str:
    """Wait for a Pagefind run; its messages, or SearchIndexError."""
    run.wait()
    run.log.seek(0)  # type: ignore[attr-defined]
    output = run.log.read().strip()  # type: ignore[attr-defined]
    run.log.close()  # type: ignore[attr-defined]
    if run.returncode != 0:
        raise SearchIndexError(f"Pagefind kon de zoekindex niet maken (code {run.returncode}):\n{output}")
    if not (Path(site_dir) / part.output / "pagefind.js").exists():
        raise SearchIndexError(f"Pagefind schreef geen zoekindex in {Path(site_dir) / part.output}:\n{output}")
    return output


def run_order(parts: tuple[IndexPart, ...]) -> tuple[IndexPart, ...]:
    """The parts in the order they are indexed: the main part (with every other page) last."""
    return tuple(sorted(parts, key=lambda p: p.main))


def part_of(parts: tuple[IndexPart, ...], slug: str) -> IndexPart:
    """The part that indexes a case page."""
    return next((p for p in parts if slug[-ENDING:] in p.endings), parts[0]) if len(parts) > 1 else parts[0]


def write_order(parts: tuple[IndexPart, ...], slug: str) -> int:
    """Where a case page goes in the build: the pages of the part indexed first are written first."""
    return run_order(parts).index(part_of(parts, slug))


class Indexer:
    """Indexes a site while MkDocs writes it: a part starts as soon as all its pages are on disk.

    MkDocs uses one core; Pagefind indexes a finished part on another meanwhile. Pages are written in
    `Site.build_order` (searchable pages, then case pages in `run_order`); the hook tells `before_write` about
    every page and calls `finish` after the build. One Pagefind runs at a time, so memory holds one part (see
    PAGES_PER_INDEX). A searchable page written after the main part started (`Site.build_order` prevents it)
    makes `finish` index the main part again, so no page is ever left out.
    """

    def __init__(self, site_dir: str | Path, parts: tuple[IndexPart, ...], slugs) -> None:
        pagefind_executable()  # before MkDocs writes a page: SearchIndexError when Pagefind is missing
        self.site_dir = site_dir
        self.todo = list(run_order(parts))
        self.left = Counter(part_of(parts, s).output for s in slugs)
        self.parts = parts
        self.pages: list[str] = []  # searchable pages other than case pages, as paths in the site
        self.running: tuple[IndexPart, subprocess.Popen] | None = None
        self.outputs: list[str] = []
        self._writing: tuple[str | None, str | None] = (None, None)  # the page MkDocs is writing now
        self._main_started = False
        self._cases_written = False  # without case pages (an empty library) the main part waits for `finish`

    def before_write(self, slug: str | None, searchable: str | None = None) -> None:
        """MkDocs is about to write a page (a case page's slug; or, for a searchable other page, its path in
        the site), so the page before it is on disk: start the next part if all its pages are."""
        done_slug, done_page = self._writing
        if done_slug is not None:
            self.left[part_of(self.parts, done_slug).output] -= 1
            self._cases_written = True
        if done_page is not None:
            self.pages.append(done_page)
            if self._main_started:
                self.todo.append(next(p for p in self.parts if p.main))  # index the main part again
        self._writing = (slug, searchable)
        if self.running is not None and self.running[1].poll() is not None:
            self._collect()
        nxt = self.todo[0] if self.todo else None
        if (self.running is None and nxt is not None and self.left[nxt.output] <= 0 and self._cases_written
                and not self._main_started):
            self._run_next()

    def finish(self) -> str:
        """Index what is left, part after part; returns Pagefind's summary. Raises SearchIndexError."""
        self.before_write(None)  # the last page is on disk
        if self.running is not None:
            self._collect()
        while self.todo:
            self._run_next()
            self._collect()
        return "\n".join(o for o in self.outputs if o)

    def abort(self) -> None:
        """The build failed: stop a Pagefind that is still running."""
        if self.running is not None:
            self.running[1].kill()
            self.running[1].wait()
            self.running[1].log.close()  # type: ignore[attr-defined]
            self.running = None
        self.todo = []

    def _run_next(self) -> None:
        part = self.todo.pop(0)
        self._main_started = self._main_started or part.main
        self.running = (part, _start(self.site_dir, part, tuple(self.pages)))

    def _collect(self) -> None:
        part, run = self.running
        self.running = None
        self.outputs.append(_finish(self.site_dir, part, run))
