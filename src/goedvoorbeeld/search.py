"""Site search: a Pagefind index of the built site, with Dutch stemming.

Pagefind splits its index into small chunks that the browser fetches as a
visitor types, so a search costs a few hundred KB at 10,000 cases instead of
one monolithic index. Only elements marked `data-pagefind-body` are indexed
(case pages and the hand-written pages; not the generated lists, which would
match every query), see docs/overrides/main.html.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

LANGUAGE = "nl"
OUTPUT = "pagefind"  # folder in the site; docs/assets/gv-search.js loads OUTPUT/pagefind.js


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is Dutch and says what to do."""


def pagefind_command(site_dir: str | Path) -> list[str]:
    """The Pagefind command line for a built site (the binary comes from the pagefind[bin] package)."""
    try:
        from pagefind.service import get_executable
    except ImportError:  # pragma: no cover - a runtime dependency
        raise SearchIndexError("Pagefind is niet geinstalleerd: pip install 'pagefind[bin]'") from None
    exe = get_executable()
    if exe is None:
        raise SearchIndexError("het programma van Pagefind is niet gevonden: pip install 'pagefind[bin]'")
    return [str(exe), "--site", str(site_dir), "--output-subdir", OUTPUT, "--force-language", LANGUAGE, "--quiet"]


def index_site(site_dir: str | Path) -> str:
    """Index the built site in `site_dir`; returns Pagefind's summary. Raises SearchIndexError."""
    result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind kon de zoekindex niet maken (code {result.returncode}):\n{output}")
    if not (Path(site_dir) / OUTPUT / "pagefind.js").exists():
        raise SearchIndexError(f"Pagefind schreef geen zoekindex in {Path(site_dir) / OUTPUT}:\n{output}")
    return output

