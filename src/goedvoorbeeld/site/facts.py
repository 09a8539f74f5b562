"""The facts of the site, computed once per build from a checked library; no renderer is imported here.

`site.pages.Site` adds the renderers; `five` and `outputs` read only these facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import goedvoorbeeld.site.search as search
from goedvoorbeeld.check.cases import Case, Library
from goedvoorbeeld.rank.ranking import Ranked, rank, top
from goedvoorbeeld.rank.related import related_cases


@dataclass(frozen=True)
class Settings:
    site_url: str = ""  # absolute, ends with "/"
    source_url: str = ""  # repository web address, for edit links
    branch: str = "main"
    search_pages_per_index: int = search.PAGES_PER_INDEX
    editors: str = ""  # the editors' mail address (extra.goedvoorbeeld.editors): the case form, /contact/
    owner: str = ""  # who runs the site, and its public site (extra.goedvoorbeeld.owner, owner_url)
    owner_url: str = ""


@dataclass
class SiteFacts:
    """The facts every page is made from: the checked library, the settings, the saved selections and what
    follows from them (ranking, the five, newest first, related cases, cases per tag, search parts).
    It imports no renderer: pages, feed and data read these facts."""

    library: Library
    settings: Settings = field(default_factory=Settings)
    selections: tuple = ()  # saved selections (selections.Selection), newest first

    # -- facts derived once -------------------------------------------------
    @cached_property
    def ranking(self) -> list[Ranked]:
        return rank(self.library)

    @cached_property
    def five(self) -> list[Ranked]:
        return top(self.library, self.ranking)

    @cached_property
    def ranked_by_slug(self) -> dict[str, Ranked]:
        return {r.slug: r for r in self.ranking}

    @cached_property
    def newest(self) -> list[Case]:
        """Every case, newest first (then slug A to Z)."""
        return sorted(self.library.cases, key=lambda c: (-c.added.toordinal(), c.slug))

    @cached_property
    def newest_number(self) -> dict[str, int]:
        """Slug -> place in `newest` from 0: a case's row in the filter data of /voorbeelden/ (browse.py)."""
        return {c.slug: i for i, c in enumerate(self.newest)}

    @cached_property
    def related(self) -> dict[str, list[Case]]:
        return related_cases(self.library.cases)

    @cached_property
    def cases_by_tag(self) -> dict[str, list[Case]]:
        """Tag slug -> its cases, newest first."""
        out: dict[str, list[Case]] = {t: [] for t in self.library.vocabulary.tags}
        for c in self.newest:
            for t in dict.fromkeys(c.tags):
                out[t].append(c)
        return out

    @cached_property
    def search_parts(self) -> tuple[search.IndexPart, ...]:
        """How the search index is made: in one part, or in several for a large library."""
        return search.index_parts((c.slug for c in self.library.cases), self.settings.search_pages_per_index)

    def edit_url(self, repo_path: str) -> str | None:
        """Where to edit a file of the repository (such as 'cases/x.md') on its forge."""
        if not self.settings.source_url:
            return None
        return f"{self.settings.source_url.rstrip('/')}/edit/{self.settings.branch}/{repo_path}"

    def absolute(self, target: str) -> str:
        return self.settings.site_url + target
