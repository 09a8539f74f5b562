"""MkDocs hook for Goed Voorbeeld: adapts MkDocs events to library calls.

All logic lives in the `goedvoorbeeld` package. State is built afresh in
`on_config`, because `mkdocs serve` imports this module once and reuses it.
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
from goedvoorbeeld.site.browse import write_browse_data
from goedvoorbeeld.check.cases import load_library
from goedvoorbeeld.config import running_engine
from goedvoorbeeld.engines.mkdocs.pages_ahead import PagesAhead
from goedvoorbeeld.check.problems import summary_line
from goedvoorbeeld.check.safety import check_rendered
from goedvoorbeeld.site.search import PAGES_PER_INDEX, Indexer, SearchIndexError
from goedvoorbeeld.rank.selections import read_selections
from goedvoorbeeld.site.facts import Settings
from goedvoorbeeld.site.pages import NAV_PAGES, Site, case_slug
from goedvoorbeeld.site.render import CASES
from goedvoorbeeld.engines.mkdocs.theme import SharedPartials
from goedvoorbeeld.check.vocabulary import VocabularyError

log = logging.getLogger("mkdocs.plugins.goedvoorbeeld")

_site: Site | None = None
_indexer: Indexer | None = None  # Pagefind, part by part, while and after the pages are written
_ahead: PagesAhead | None = None  # a second process reading case pages while MkDocs reads the others
_command: str | None = None  # "build", "serve" or "gh-deploy", set by on_startup


def _current() -> Site:
    if _site is None:  # pragma: no cover - MkDocs always calls on_config first
        raise PluginError("goedvoorbeeld: on_config is niet uitgevoerd")
    return _site


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember the command: `mkdocs serve` skips the search index to keep previews quick."""
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read and check every case; any error aborts the build with the checker's lines."""
    global _site, _ahead
    _site = None
    _ahead = None
    log.info("goedvoorbeeld: gebouwd met %s", running_engine())
    root = Path(config.config_file_path).parent
    try:
        library = load_library(root / "cases", shown_root="cases")
    except VocabularyError as e:
        raise PluginError("\n".join(p.format() for p in e.problems)) from None
    selections, selection_problems = read_selections(root / "cases", shown_root="cases")
    problems = [*library.problems, *selection_problems]
    if library.errors or any(p.is_error for p in selection_problems):
        lines = [p.format() for p in problems]
        lines.append(summary_line(library.files, problems))
        raise PluginError("\n".join(lines))
    for p in problems:
        log.warning(p.format())
    extra = config.extra.get("goedvoorbeeld", {}) or {}
    per_index = extra.get("search_pages_per_index", PAGES_PER_INDEX)
    if isinstance(per_index, bool) or not isinstance(per_index, int) or per_index < 1:
        raise PluginError("mkdocs.yml: extra.goedvoorbeeld.search_pages_per_index moet een heel getal van 1 of "
                          f"meer zijn (het aantal voorbeelden per deel van de zoekindex), niet '{per_index}'")
    _site = Site(library, Settings(
        site_url=(config.site_url or "").rstrip("/") + "/" if config.site_url else "",
        source_url=extra.get("source", ""),
        branch=extra.get("branch", "main"),
        search_pages_per_index=per_index,
    ), tuple(selections))
    too_few = five.shortfall(_site)
    if too_few:
        log.warning(too_few)
    if not config.site_url:
        log.warning("mkdocs.yml: 'site_url' ontbreekt; de feed, de open data en de QR-codes hebben volledige "
                    "adressen nodig")
    return config


def on_env(env, *, config: MkDocsConfig, files: Files):
    """Tell the search box where the parts of the search index are (docs/overrides/partials/search.html);
    render the navigation once for the pages outside it; get ready to index a part as soon as its pages are
    written (`mkdocs serve` skips the index)."""
    global _indexer
    site = _current()
    env.globals["gv_shared"] = SharedPartials(env)
    env.globals["gv_search_indexes"] = [part.output + "/" for part in site.search_parts]
    _indexer = None
    if _command != "serve" and not os.environ.get("GV_SKIP_SEARCH_INDEX"):
        _indexer = Indexer(config.site_dir, site.search_parts, (c.slug for c in site.library.cases))
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """MkDocs writes this page next, so the page before it is on disk: maybe a part can be indexed now."""
    if _indexer is not None:
        slug = case_slug(page.file.src_uri)
        searchable = slug is None and "data-pagefind-body" in output
        _indexer.before_write(slug, page.file.dest_uri if searchable else None)
    return output


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add a page for every case and the generated lists; copy case images."""
    site = _current()
    pages = site.generated_pages()
    for uri in site.build_order(pages):  # MkDocs writes pages in this order: the search index is made meanwhile
        content = pages[uri]
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        # Case pages stay out of the navigation: a nav entry per case makes every page grow with the library.
        inclusion = InclusionLevel.INCLUDED if uri in NAV_PAGES else InclusionLevel.NOT_IN_NAV
        if case_slug(uri) is None:
            content = site.html_blocks.keep(content)  # finished HTML skips Markdown; on_page_content restores it
        files.append(File.generated(config, uri, content=content, inclusion=inclusion))
    cases_dir = Path(config.config_file_path).parent / "cases"
    for image in sorted({i for c in site.library.cases for i in c.images}):
        files.append(File.generated(config, CASES + image, abs_src_path=str(cases_dir / image)))
    return files


def on_nav(nav, *, config: MkDocsConfig, files: Files):
    """Start reading the last case pages in a second process (MkDocs reads the others meanwhile)."""
    global _ahead
    _ahead = PagesAhead.start(config, files, case_slug)
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill `<!-- gv:... -->` markers in hand-written pages; set edit links of case pages (nothing to render
    for one the second process read)."""
    site = _current()
    case = _case_of(page)
    if case is not None:
        page.edit_url = site.edit_url(f"cases/{case.slug}.md")
        return "" if _ahead is not None and _ahead.ready(page) else markdown
    page.edit_url = None if page.file.generated_by else site.edit_url(f"{Path(config.docs_dir).name}/{page.file.src_uri}")
    try:
        return site.fill_markers(markdown, page.url)
    except KeyError as e:
        raise PluginError(f"{page.file.src_uri}: onbekende markering <!-- gv:{e.args[0]} -->") from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Wrap a case body (sanitized) in its metadata panel, links and edit link."""
    case = _case_of(page)
    if case is None:
        return _current().html_blocks.restore(html) if page.file.generated_by else html
    ahead = _ahead.apply(page, files) if _ahead is not None else None
    if ahead is not None:  # read, checked and wrapped by this function in the second process
        return ahead
    unsafe = check_rendered(case, html)  # the checker missed it: refuse rather than publish a cleaned page
    if unsafe:
        raise PluginError("\n".join(p.format() for p in unsafe))
    return _current().case_html(case, html, page.url)


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the feed, the open data and the filter data next to the HTML, then index the site for search."""
    site = _current()
    site_dir = Path(config.site_dir)
    for rel, data in outputs.files(site).items():
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    write_browse_data(site.newest, site.library.vocabulary, config.site_dir)
    global _indexer
    indexer, _indexer = _indexer, None
    if indexer is None:
        log.info("goedvoorbeeld: zoekindex overgeslagen (mkdocs serve of GV_SKIP_SEARCH_INDEX)")
        return
    try:
        indexer.finish()
    except SearchIndexError as e:
        raise PluginError(str(e)) from None


def on_build_error(*, error: Exception) -> None:
    """Stop a Pagefind that indexes part of a build that failed, and the second process if it still reads."""
    global _indexer, _ahead
    if _ahead is not None:
        _ahead.stop()
        _ahead = None
    if _indexer is not None:
        _indexer.abort()
        _indexer = None


def _case_of(page: Page):
    slug = case_slug(page.file.src_uri)
    return None if slug is None else _current().library.by_slug().get(slug)
