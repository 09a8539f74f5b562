"""One MkDocs (or ProperDocs) build of the site: the state the hook's events share, and what each event does.

`hooks/goedvoorbeeld_hook.py` only forwards MkDocs' events to one `MkDocsBuild`; this module holds the logic.
A new object is made for every run (`on_startup`), and `on_config` builds the state afresh, because
`mkdocs serve` imports the hook once and reuses it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import goedvoorbeeld.site.five as five
import goedvoorbeeld.site.outputs as outputs
import goedvoorbeeld.site.presentation as presentation
from goedvoorbeeld.check.cases import Case, load_library
from goedvoorbeeld.check.problems import strict_line, summary_line
from goedvoorbeeld.check.safety import check_rendered
from goedvoorbeeld.check.vocabulary import VocabularyError
import goedvoorbeeld.site.trust as trust
from goedvoorbeeld.site.tables import label_cells
from goedvoorbeeld.config import running_engine
from goedvoorbeeld.engines.mkdocs.pages_ahead import PagesAhead
from goedvoorbeeld.engines.mkdocs.skeleton import TEMPLATE as CASE_TEMPLATE, CasePages
from goedvoorbeeld.engines.mkdocs.theme import SharedPartials
from goedvoorbeeld.rank.selections import read_selections
from goedvoorbeeld.site.browse import write_browse_data
from goedvoorbeeld.site.facts import Settings
from goedvoorbeeld.site.pages import NAV_PAGES, Site, case_slug
from goedvoorbeeld.site.render import CASES
from goedvoorbeeld.site.search import PAGES_PER_INDEX, Indexer, SearchIndexError, unindexed_code

log = logging.getLogger("mkdocs.plugins.goedvoorbeeld")


def settings_of(config: MkDocsConfig) -> Settings:
    """The site's settings from mkdocs.yml (`site_url`, `extra.goedvoorbeeld`); a bad value is a Dutch error."""
    extra = config.extra.get("goedvoorbeeld", {}) or {}
    per_index = extra.get("search_pages_per_index", PAGES_PER_INDEX)
    if isinstance(per_index, bool) or not isinstance(per_index, int) or per_index < 1:
        raise PluginError("mkdocs.yml: extra.goedvoorbeeld.search_pages_per_index moet een heel getal van 1 of "
                          f"meer zijn (het aantal voorbeelden per deel van de zoekindex), niet '{per_index}'")
    bad = trust.setting_problems(extra)
    if bad:
        raise PluginError("\n".join(bad))
    return Settings(
        site_url=(config.site_url or "").rstrip("/") + "/" if config.site_url else "",
        source_url=extra.get("source", ""),
        branch=extra.get("branch", "main"),
        search_pages_per_index=per_index,
        editors=str(extra.get("editors") or ""),
        owner=str(extra.get("owner") or ""),
        owner_url=str(extra.get("owner_url") or ""),
    )


class MkDocsBuild:
    """The state of one build: the site's facts and renderers, the search indexer and the second process."""

    def __init__(self, command: str | None = None):
        self.command = command  # "build", "serve" or "gh-deploy"; `mkdocs serve` skips the search index
        self.site: Site | None = None
        self.indexer: Indexer | None = None  # Pagefind, part by part, while and after the pages are written
        self.ahead: PagesAhead | None = None  # a second process reading case pages while MkDocs reads the others
        self.case_pages: CasePages | None = None  # case pages filled into one rendering of the template
        self.read_library = load_library  # the test-only unchecked hook swaps this

    @property
    def current(self) -> Site:
        if self.site is None:  # pragma: no cover - MkDocs always calls on_config first
            raise PluginError("goedvoorbeeld: on_config is niet uitgevoerd")
        return self.site

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read and check every case; any error aborts the build with the checker's lines."""
        self.site, self.ahead = None, None
        log.info("goedvoorbeeld: gebouwd met %s", running_engine())
        root = Path(config.config_file_path).parent
        try:
            library = self.read_library(root / "cases", shown_root="cases")
        except VocabularyError as e:
            raise PluginError("\n".join(p.format() for p in e.problems)) from None
        selections, selection_problems = read_selections(root / "cases", shown_root="cases")
        problems = [*library.problems, *selection_problems]
        if library.errors or any(p.is_error for p in selection_problems):
            lines = [p.format() for p in problems]
            lines.append(summary_line(library.files, problems))
            raise PluginError("\n".join(lines))
        warnings = [p.format() for p in problems]
        self.site = Site(library, settings_of(config), tuple(selections))
        too_few = five.shortfall(self.site)
        if too_few:
            warnings.append(too_few)
        if not config.site_url:
            warnings.append("mkdocs.yml: 'site_url' ontbreekt; de feed, de open data en de QR-codes hebben "
                            "volledige adressen nodig")
        if config.strict and warnings:  # here, not by MkDocs' count of logged warnings: `-q` drops those
            raise PluginError("\n".join([*warnings, strict_line(len(warnings))]))
        for line in warnings:
            log.warning(line)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add a page for every case and the generated lists; copy case images."""
        site = self.current
        pages = site.generated_pages()
        for uri in site.build_order(pages):  # MkDocs writes pages in this order: search indexes meanwhile
            content = pages[uri]
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            # Case pages stay out of the navigation: a nav entry per case makes every page grow with the library.
            inclusion = InclusionLevel.INCLUDED if uri in NAV_PAGES else InclusionLevel.NOT_IN_NAV
            if case_slug(uri) is None:
                content = site.html_blocks.keep(content)  # finished HTML skips Markdown; on_page_content restores it
            files.append(File.generated(config, uri, content=content, inclusion=inclusion))
        # The presentations are standalone HTML (no theme, no Markdown), each with its offline copy.
        for uri, content in presentation.files(site, Path(config.docs_dir) / "assets").items():
            files.append(File.generated(config, uri, content=content))
        cases_dir = Path(config.config_file_path).parent / "cases"
        for image in sorted({i for c in site.library.cases for i in c.images}):
            files.append(File.generated(config, CASES + image, abs_src_path=str(cases_dir / image)))
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Start reading the last case pages in a second process (MkDocs reads the others meanwhile)."""
        self.ahead = PagesAhead.start(config, files, case_slug)
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Tell the search box where the parts of the search index are (docs/overrides/partials/search.html);
        render the navigation once for the pages outside it, and the case pages from one rendering per shape
        (goedvoorbeeld.engines.mkdocs.skeleton); get ready to index a part as soon as its pages are
        written (`mkdocs serve` skips the index)."""
        site = self.current
        env.globals["gv_shared"] = SharedPartials(env)
        env.globals["gv_case_page"] = self.case_pages = CasePages(env)
        env.globals["gv_search_indexes"] = [part.output + "/" for part in site.search_parts]
        self.indexer = None
        if self.command != "serve" and not os.environ.get("GV_SKIP_SEARCH_INDEX"):
            try:
                self.indexer = Indexer(config.site_dir, site.search_parts, (c.slug for c in site.library.cases))
            except SearchIndexError as e:
                raise PluginError(str(e)) from None
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Fill `<!-- gv:... -->` markers in hand-written pages; set edit links of case pages (nothing to render
        for one the second process read)."""
        site = self.current
        case = self.case_of(page)
        if case is not None:
            page.edit_url = site.edit_url(f"cases/{case.slug}.md")
            page.meta["template"] = CASE_TEMPLATE
            return "" if self.ahead is not None and self.ahead.ready(page) else markdown
        docs = Path(config.docs_dir).name
        page.edit_url = None if page.file.generated_by else site.edit_url(f"{docs}/{page.file.src_uri}")
        try:
            return site.fill_markers(markdown, page.url)
        except KeyError as e:
            raise PluginError(f"{page.file.src_uri}: onbekende markering <!-- gv:{e.args[0]} -->") from None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files,
                        rendered_check: bool = True) -> str:
        """Wrap a case body (sanitized) in its metadata panel, links and edit link; keep the code blocks of a
        hand-written page out of the search index."""
        case = self.case_of(page)
        if case is None:  # tables get their column names on every cell, to reflow on a phone
            page_html = self.current.html_blocks.restore(html) if page.file.generated_by else unindexed_code(html)
            return label_cells(page_html)
        ahead = self.ahead.apply(page, files) if self.ahead is not None else None
        if ahead is not None:  # read, checked and wrapped by this method in the second process
            return ahead
        unsafe = check_rendered(case, html) if rendered_check else []
        if unsafe:  # the checker missed it: refuse rather than publish a cleaned page
            raise PluginError("\n".join(p.format() for p in unsafe))
        return self.current.case_html(case, html, page.url)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """MkDocs writes this page next, so the page before it is on disk: maybe a part can be indexed now."""
        if self.indexer is not None:
            slug = case_slug(page.file.src_uri)
            searchable = slug is None and "data-pagefind-body" in output
            self.indexer.before_write(slug, page.file.dest_uri if searchable else None)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feed, the open data and the filter data next to the HTML, then index the site for search."""
        site = self.current
        site_dir = Path(config.site_dir)
        for rel, data in outputs.files(site).items():
            target = site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        write_browse_data(site.newest, site.library.vocabulary, config.site_dir)
        if self.case_pages is not None:
            log.debug(f"goedvoorbeeld: {self.case_pages.filled} voorbeeldpagina's gevuld in een eerder gemaakte pagina")
        indexer, self.indexer = self.indexer, None
        if indexer is None:
            log.info("goedvoorbeeld: zoekindex overgeslagen (mkdocs serve of GV_SKIP_SEARCH_INDEX)")
            return
        try:
            indexer.finish()
        except SearchIndexError as e:
            raise PluginError(str(e)) from None

    def on_build_error(self, *, error: Exception) -> None:
        """Stop a Pagefind that indexes part of a build that failed, and the second process if it still reads."""
        ahead, self.ahead = self.ahead, None
        if ahead is not None:
            ahead.stop()
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.abort()

    def preview_update(self, site: Site) -> None:
        """`goedvoorbeeld serve` renders pages again with this site after a case changed (goedvoorbeeld.engines.mkdocs.preview)."""
        self.site, self.ahead, self.indexer = site, None, None

    def case_of(self, page: Page) -> Case | None:
        slug = case_slug(page.file.src_uri)
        return None if slug is None else self.current.library.by_slug().get(slug)
