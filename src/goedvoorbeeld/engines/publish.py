"""Nothing lost: build into a temporary folder, swap it in only after success, and compare what was published.

`build_site` runs the real `mkdocs build` into a fresh folder next to the
site folder and renames it into place only when the build succeeded; a failed
build leaves the previous site exactly as it was.

`missing_from_site` compares the slugs of a library with each place the
site shows them: case pages, the list, the ranking and the open data. Every
view is one small function in `VIEWS`, so a new output is one more entry.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

from goedvoorbeeld.check.cases import Library
from goedvoorbeeld.config import DEFAULT_ENGINE, ENGINES
from goedvoorbeeld.site.render import CASES

CASE_LINK = re.compile(r'href="[^"]*' + CASES + r'([a-z0-9-]+)/"')  # a link to a case page, its slug
from goedvoorbeeld.rank.ranking import rank


def build_site(config_file: str | Path = "mkdocs.yml", site_dir: str | Path = "site", *, strict: bool = True,
               extra_args: tuple[str, ...] = (), engine: str = DEFAULT_ENGINE) -> int:
    """Build the site with `engine` into a temporary folder; replace `site_dir` only when the build succeeded.

    Returns the engine's exit code. The new folder sits next to `site_dir` (same file
    system), so putting it in place is a rename, never a copy.
    """
    config_file = Path(config_file).resolve()
    site = Path(site_dir)
    if not site.is_absolute():
        site = config_file.parent / site
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{site.name}.nieuw-", dir=site.parent))
    try:
        args = [sys.executable, "-m", ENGINES[engine], "build", "-f", str(config_file), "-d", str(fresh), *extra_args]
        if strict:
            args.append("--strict")
        code = subprocess.run(args, cwd=config_file.parent).returncode
        if code != 0:
            return code
        _swap_in(fresh, site)
        return 0
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)


def _swap_in(fresh: Path, site: Path) -> None:
    """Put `fresh` where `site` is with renames; the old site is removed only after the new one is in place."""
    if not site.exists():
        os.rename(fresh, site)
        return
    old = Path(tempfile.mkdtemp(prefix=f"{site.name}.oud-", dir=site.parent))
    os.rmdir(old)
    os.rename(site, old)
    try:
        os.rename(fresh, site)
    except OSError:
        os.rename(old, site)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)


# --- what the site shows, per view ------------------------------------------

def pages_on_site(site_dir: Path) -> set[str]:
    """Slugs that have a case page."""
    root = Path(site_dir) / CASES
    if not root.is_dir():
        return set()
    return {p.parent.name for p in root.glob("*/index.html") if p.parent.name != "pagina"}


def ranked(library: Library, site_dir: Path) -> set[str]:
    """Slugs in the ranking the site is built from."""
    return {r.slug for r in rank(library)}


def listed(library: Library, site_dir: Path) -> set[str]:
    """Slugs linked from the list of all cases (/voorbeelden/ and its further pages)."""
    root = Path(site_dir) / CASES
    pages = [root / "index.html", *sorted((root / "pagina").glob("*/index.html"))]
    found: set[str] = set()
    for page in pages:
        if page.is_file():
            found |= set(CASE_LINK.findall(page.read_text(encoding="utf-8")))
    return found - {"pagina"}


def in_open_data(library: Library, site_dir: Path) -> set[str]:
    """Slugs in /data/cases.json."""
    try:
        return {r["slug"] for r in json.loads((Path(site_dir) / "data" / "cases.json").read_text(encoding="utf-8"))}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def in_csv(library: Library, site_dir: Path) -> set[str]:
    """Slugs in /data/cases.csv."""
    try:
        with open(Path(site_dir) / "data" / "cases.csv", encoding="utf-8-sig", newline="") as f:  # with a BOM
            return {row["slug"] for row in csv.DictReader(f)}
    except (OSError, KeyError, csv.Error):
        return set()


# name (Dutch, as reported) -> slugs the view shows. A new output is one more entry.
VIEWS: dict[str, Callable[[Library, Path], set[str]]] = {
    "pagina's": lambda library, site_dir: pages_on_site(site_dir),
    "lijst": listed,
    "ranglijst": ranked,
    "data/cases.json": in_open_data,
    "data/cases.csv": in_csv,
}


def missing_from_site(library: Library, site_dir: str | Path) -> dict[str, set[str]]:
    """For every view, the slugs of valid cases it does not show (empty sets when nothing is lost)."""
    slugs = {c.slug for c in library.cases}
    return {name: slugs - view(library, Path(site_dir)) for name, view in VIEWS.items()}
