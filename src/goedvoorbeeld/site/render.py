"""Small HTML building blocks. Every value from a case passes through `esc`.

URLs inside the site are written relative to the page (`base` is the path
from the page back to the site root, such as "../../"), so the site works
from any folder and on file:// as well as on a server.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape

from goedvoorbeeld.check.schema import CASES_FOLDER

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december")


def yaml_str(value: str) -> str:
    """A YAML double-quoted scalar for the front matter of a generated page (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def unsearched_page(title: str, description: str) -> list[str]:
    """The front matter of a generated page that stays out of the search index (a list, a print page, a game),
    as Markdown lines: search finds the case pages themselves."""
    return ["---", f"title: {yaml_str(title)}", f"description: {yaml_str(description)}", "search:", "  exclude: true",
            "---", ""]


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def dutch_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def base_for(page_url: str) -> str:
    """Path from a page (MkDocs `page.url`, directory URLs) back to the site root."""
    return "../" * page_url.count("/")


def href(base: str, target: str) -> str:
    """A link from a page to a site-root-relative target such as 'voorbeelden/x/'."""
    return esc(base + target) if (base + target) else "./"


# Where the cases live on the site: the one place for this path.
CASES = CASES_FOLDER + "/"
PAGE_SIZE = 100  # cases per page of a paged list: /voorbeelden/, the tag pages and the ranking
CASES_INDEX = CASES + "index.md"  # the first page of the list of all cases


def case_url(slug: str) -> str:
    return f"{CASES}{slug}/"


def case_source(slug: str) -> str:
    """The source name of a case page (MkDocs `src_uri`), as the generated pages name it."""
    return f"{CASES}{slug}.md"


def external_link(url: str, text: str) -> str:
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'
