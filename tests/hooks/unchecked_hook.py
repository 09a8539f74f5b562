"""TEST ONLY: the real MkDocs hook with the checker switched off.

Never listed in the project's mkdocs.yml. `tests/test_sanitizer.py` copies
this file next to `hooks/goedvoorbeeld_hook.py` in a temporary project and
points that project's mkdocs.yml at it, to prove that the later defences hold
on their own when a hostile case gets past the checker:

- `extra.unchecked.rendered_check: true`: the real `on_page_content`, which
  refuses a page whose rendered HTML is outside the allowlist;
- `extra.unchecked.rendered_check: false`: only the sanitizer (nh3) stands
  between the case and the page.

Every other event is the real hook's own; only the library it reads differs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import goedvoorbeeld_hook as real  # the real hook; MkDocs puts this folder on sys.path while loading
from goedvoorbeeld.check.cases import Library, read_case
from goedvoorbeeld.check.vocabulary import load_vocabulary

# Re-export the real events unchanged (on_startup, on_files, on_page_markdown, on_post_build, ...).
for _name in dir(real):
    if _name.startswith("on_") and _name not in ("on_config", "on_page_content"):
        globals()[_name] = getattr(real, _name)


def _unchecked_library(cases_dir, **_ignored) -> Library:
    """Every case whose front matter is usable, errors and all: the checker's verdict is ignored."""
    cases_dir = Path(cases_dir)
    vocabulary = load_vocabulary(cases_dir / "tags.yml")
    files = sorted(cases_dir.glob("*.md"))
    cases = []
    for f in files:
        case, _problems = read_case(f"cases/{f.name}", f.read_bytes(), vocabulary,
                                    today=dt.date.today(), cases_dir=cases_dir)
        if case is not None:
            cases.append(case)
    return Library("cases", vocabulary, tuple(sorted(cases, key=lambda c: c.slug)), (), len(files))


def on_config(config):
    real.build.read_library = _unchecked_library
    return real.on_config(config)


def on_page_content(html, *, page, config, files):
    rendered_check = config.extra.get("unchecked", {}).get("rendered_check", True)
    return real.build.on_page_content(html, page=page, config=config, files=files, rendered_check=rendered_check)
