"""TEST ONLY: the real MkDocs hook with the checker switched off.

Never listed in the project's mkdocs.yml. `tests/test_sanitizer.py` copies
this file next to `hooks/goedvoorbeeld_hook.py` in a temporary project and
points that project's mkdocs.yml at it, to prove that the later defences hold
on their own when a hostile case gets past the checker:

- `extra.unchecked.rendered_check: true`: the real `on_page_content`, which
  refuses a page whose rendered HTML is outside the allowlist;
- `extra.unchecked.rendered_check: false`: only the sanitizer (nh3) stands
  between the case and the page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import goedvoorbeeld_hook as real  # the real hook; MkDocs puts this folder on sys.path while loading
from goedvoorbeeld.cases import Library, read_case
from goedvoorbeeld.site import Settings, Site
from goedvoorbeeld.vocabulary import load_vocabulary

on_files = real.on_files
on_page_markdown = real.on_page_markdown


def on_config(config):
    """Every case whose front matter is usable, errors and all: the checker's verdict is ignored."""
    cases_dir = Path(config.config_file_path).parent / "cases"
    vocabulary = load_vocabulary(cases_dir / "tags.yml")
    cases = []
    files = sorted(cases_dir.glob("*.md"))
    for f in files:
        case, _problems = read_case(f"cases/{f.name}", f.read_bytes(), vocabulary,
                                    today=dt.date.today(), cases_dir=cases_dir)
        if case is not None:
            cases.append(case)
    library = Library("cases", vocabulary, tuple(sorted(cases, key=lambda c: c.slug)), (), len(files))
    real._site = Site(library, Settings())
    return config


def on_page_content(html, *, page, config, files):
    if config.extra.get("unchecked", {}).get("rendered_check", True):
        return real.on_page_content(html, page=page, config=config, files=files)
    case = real._case_of(page)
    return html if case is None else real._current().case_html(case, html, page.url)
