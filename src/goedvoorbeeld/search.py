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
"""

from __future__ import annotations

import math
import os
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LANGUAGE = "nl"
OUTPUT = "pagefind"  # folder in the site; docs/assets/gv-search.js loads OUTPUT/pagefind.js
PAGES_PER_INDEX = 5_000  # case pages per Pagefind run; mkdocs.yml extra.goedvoorbeeld.search_pages_per_index
CASES = "voorbeelden"  # the folder of the case pages in the site
ENDING = 2  # characters at the end of a slug that decide its part


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class IndexPart:
    """One Pagefind run: the case pages whose slug ends in one of `endings` (all when empty)."""

    output: str  # folder in the site
    endings: tuple[str, ...] = ()
    main: bool = True  # also indexes every page that is not a case page

    def glob(self, site_dir: str | Path) -> str | None:
        """The file glob of this part for Pagefind, or None for every HTML file of the site."""
        if not self.endings:
            return None
        patterns = [f"{CASES}/*{e}/index.html" for e in self.endings]
        if self.main:
            patterns += _other_pages(Path(site_dir))
        return "{" + ",".join(patterns) + "}"


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


def _other_pages(site_dir: Path) -> list[str]:
    """Globs for every HTML file outside the case pages' folder (the hand-written and generated pages)."""
    out = []
    for entry in sorted(os.scandir(site_dir), key=lambda e: e.name):
        if entry.name == CASES or entry.name == OUTPUT or entry.name.startswith(OUTPUT + "-"):
            continue
        if entry.is_dir():
            out.append(f"{entry.name}/**/*.html")
        elif entry.name.endswith(".html"):
            out.append(entry.name)
    return out


def pagefind_command(site_dir: str | Path, part: IndexPart = IndexPart(OUTPUT)) -> list[str]:
    """The Pagefind command line for a part of a built site (the binary comes from the pagefind[bin] package)."""
    try:
        from pagefind.service import get_executable
    except ImportError:  # pragma: no cover - a runtime dependency
        raise SearchIndexError("Pagefind is niet geinstalleerd: pip install 'pagefind[bin]'") from None
    exe = get_executable()
    if exe is None:
        raise SearchIndexError("het programma van Pagefind is niet gevonden: pip install 'pagefind[bin]'")
    command = [str(exe), "--site", str(site_dir), "--output-subdir", part.output, "--force-language", LANGUAGE,
               "--quiet"]
    glob = part.glob(site_dir)
    return command if glob is None else [*command, "--glob", glob]


def _start(site_dir: str | Path, part: IndexPart) -> subprocess.Popen:
    """Start Pagefind on a part; its messages go to a temporary file (a pipe nobody reads could fill up)."""
    log = tempfile.TemporaryFile("w+", encoding="utf-8")
    run = subprocess.Popen(pagefind_command(site_dir, part), stdout=log, stderr=subprocess.STDOUT)
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
    """Indexes a site while MkDocs writes it: a part starts as soon as all its case pages are on disk.

    MkDocs uses one core; on a machine with more, Pagefind indexes a finished part meanwhile. The hook
    writes case pages in `run_order`, tells `written` about each page after it is on disk and calls
    `finish` after the build. One Pagefind runs at a time, so memory holds one part (see PAGES_PER_INDEX).
    """

    def __init__(self, site_dir: str | Path, parts: tuple[IndexPart, ...], slugs) -> None:
        self.site_dir = site_dir
        self.todo = list(run_order(parts))
        self.left = Counter(part_of(parts, s).output for s in slugs)
        self.parts = parts
        self.running: tuple[IndexPart, subprocess.Popen] | None = None
        self.outputs: list[str] = []
        self._writing: str | None = None  # the case page MkDocs is writing now

    def before_write(self, slug: str | None) -> None:
        """MkDocs is about to write a page (a case page's slug, else None), so the page before it is on disk."""
        if self._writing is not None:
            self.left[part_of(self.parts, self._writing).output] -= 1
        self._writing = slug
        if self.running is not None and self.running[1].poll() is not None:
            self._collect()
        nxt = self.todo[0] if self.todo else None
        if self.running is None and nxt is not None and not nxt.main and self.left[nxt.output] <= 0:
            self.running = (nxt, _start(self.site_dir, nxt))
            self.todo.pop(0)

    def finish(self) -> str:
        """Index what is left, part after part; returns Pagefind's summary. Raises SearchIndexError."""
        if self.running is not None:
            self._collect()
        for part in self.todo:
            self.outputs.append(_finish(self.site_dir, part, _start(self.site_dir, part)))
        self.todo = []
        return "\n".join(o for o in self.outputs if o)

    def abort(self) -> None:
        """The build failed: stop a Pagefind that is still running."""
        if self.running is not None:
            self.running[1].kill()
            self.running[1].communicate()
            self.running = None
        self.todo = []

    def _collect(self) -> None:
        part, run = self.running
        self.running = None
        self.outputs.append(_finish(self.site_dir, part, run))
