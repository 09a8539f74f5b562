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


def index_site(site_dir: str | Path, parts: tuple[IndexPart, ...] = (IndexPart(OUTPUT),)) -> str:
    """Index the built site in `site_dir`, part after part; returns Pagefind's summary. Raises SearchIndexError."""
    outputs = []
    for part in parts:
        result = subprocess.run(pagefind_command(site_dir, part), capture_output=True, text=True)
        output = (result.stdout + result.stderr).strip()
        if result.returncode != 0:
            raise SearchIndexError(f"Pagefind kon de zoekindex niet maken (code {result.returncode}):\n{output}")
        if not (Path(site_dir) / part.output / "pagefind.js").exists():
            raise SearchIndexError(f"Pagefind schreef geen zoekindex in {Path(site_dir) / part.output}:\n{output}")
        outputs.append(output)
    return "\n".join(o for o in outputs if o)
