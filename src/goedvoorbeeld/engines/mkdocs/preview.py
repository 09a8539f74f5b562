"""The contributor's preview: `goedvoorbeeld serve` (and `make serve`).

One process keeps MkDocs' build state (config, files, navigation, Jinja environment, pages) alive and serves the
last good site on 127.0.0.1. A web server thread only reads files; a builder thread reacts to saved files:

- a case file (`cases/*.md`) changed, appeared or went away: only the files that changed are read and checked
  again. When only the text of cases outside the five changed, only their pages are rendered again. Otherwise
  the pages of the five and the hand-written pages with generated blocks come first (tabs on them reload at
  once), then every generated page whose Markdown changed and the pages of affected cases, then sitemap,
  feed and data. Pages go through MkDocs' own page steps and the hook; a file is written only when its bytes
  change. A new save stops that tail after the page it is at: the pages not yet written wait and are written
  by the next update, after that update's own pages (the newest edit shows first);
- anything else (`tags.yml`, a selection, a docs page, `mkdocs.yml`, an image): a full build into a fresh
  folder, served once it succeeded.

A broken file never stops the server: it keeps serving the last good site and every page shows the checker's
lines in a panel at the top (`role="alert"`); the terminal shows them once. One open tab waits for changes
through a long-poll request to the same origin (`/_voorbeeldweergave/wacht`) and tells the others; a tab reloads
when its page or the error state changed. Every page carries a slim banner saying it is a preview. Search stays
off (no Pagefind run), and `site_url` keeps its public value, so feed, data and the handout's QR codes are those
of the published site.

tests/test_preview.py compares every served file with a clean `mkdocs build` after a series of edits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import gzip
import html
import io
import json
import logging
import mimetypes
import os
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from goedvoorbeeld.site.browse import browse_data
from goedvoorbeeld.check.cases import Case, Library, case_files, cross_checks, problem_order, read_file, vocabulary_of, read_case
from goedvoorbeeld.check.problems import CODES, Problem, problem, summary_line
from goedvoorbeeld.rank.ranking import rank
from goedvoorbeeld.rank.selections import read_selections
from goedvoorbeeld.check.vocabulary import Vocabulary, VocabularyError

log = logging.getLogger("mkdocs")
ASSETS = Path(__file__).parent / "preview_assets"
ROUTE = "/_voorbeeldweergave/"  # the preview's own requests: its script, its stylesheet and the long poll
MARK_START = "<!-- gv-voorbeeldweergave -->"  # what the preview adds to a page sits between these two
MARK_END = "<!-- /gv-voorbeeldweergave -->"
POLL_SECONDS = 25.0
QUIET_SECONDS = 0.05  # a save often comes as several events: wait until the folder is quiet this long


# -- what went wrong -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Failure:
    """Why the site could not be brought up to date: the checker's problems, or other lines (a page, mkdocs.yml)."""

    problems: tuple[Problem, ...] = ()
    lines: tuple[str, ...] = ()
    files: int = 0  # case files read, for the checker's summary line

    def terminal(self) -> str:
        out = [p.format() for p in self.problems] + list(self.lines)
        if self.problems and self.files:
            out.append(summary_line(self.files, self.problems))
        return "\n".join(out)

    def panel(self, served: bool = True) -> str:
        """The Dutch error panel at the top of every page the preview serves (`served`: a good site is)."""
        items = []
        for p in self.problems:
            code = CODES[p.code]
            kind = "fout" if p.is_error else "waarschuwing"
            items.append(
                f'<li><code class="gv-preview-plek">{html.escape(f"{p.path}:{p.line}:{p.column}")}</code> '
                f'<strong>{html.escape(p.code)}</strong> ({kind}): {html.escape(p.message)}'
                f'<br><span class="gv-preview-oplossing">Zo los je het op: {_code_spans(code.fix)}</span></li>')
        items += [f"<li>{html.escape(line)}</li>" for line in self.lines]
        return (
            '<section class="gv-preview-fout" role="alert" aria-labelledby="gv-preview-fout-titel">'
            '<h2 id="gv-preview-fout-titel">De site kan niet worden bijgewerkt</h2>'
            f"<p>{'Je ziet de laatste versie die wel lukte. ' if served else ''}Los het probleem hieronder op "
            "en sla het bestand op: deze pagina ververst dan vanzelf.</p>"
            f'<ul>{"".join(items)}</ul></section>')


def _code_spans(text: str) -> str:
    """Escaped text with the table's `code` spans as <code>."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


class BuildFailed(Exception):
    def __init__(self, failure: Failure):
        super().__init__(failure.terminal())
        self.failure = failure


# -- the library, read again file by file ----------------------------------------------------------------------

class LibraryReader:
    """`cases.load_library`, but a second read checks only the files that changed since the first.

    The result is the Library `read_library` returns for the same folder: the same per-file checks, the same
    cross checks between files (GV012, GV013) and the same order. The differential test proves it on the site.
    """

    def __init__(self, cases_dir: Path, shown_root: str = "cases"):
        self.cases_dir = cases_dir
        self.root = shown_root
        self.vocabulary: Vocabulary | None = None
        self._seen: dict[str, tuple[tuple[int, int], Case | None, list[Problem]]] = {}

    def load_vocabulary(self) -> Vocabulary:
        self.vocabulary = vocabulary_of(self.cases_dir, self.root, None)  # raises VocabularyError
        self._seen.clear()  # every case is checked against the vocabulary
        return self.vocabulary

    def read(self, touched: set[str] | None = None, today: dt.date | None = None) -> Library:
        """Every case file, re-reading the new ones and those named in `touched` (file names, from the file
        watcher), or without `touched` those whose size or time changed."""
        assert self.vocabulary is not None
        today = today or dt.date.today()
        problems: list[Problem] = []
        names = case_files(self.cases_dir, self.root, problems)
        folder, shown = os.path.join(self.cases_dir, ""), self.root.rstrip("/") + "/"
        cases: list[Case] = []
        seen = {}
        for name in names:
            try:
                known = self._seen.get(name)
                if touched is not None and known is not None and name not in touched:
                    stamp = known[0]  # the watcher saw no change: 10,000 stat calls cost a third of a second
                else:
                    st = os.stat(folder + name)
                    stamp = (st.st_mtime_ns, st.st_size)
                if known is None or known[0] != stamp or (touched is not None and name in touched):
                    case, found = read_case(shown + name, read_file(folder + name), self.vocabulary, today=today,
                                            cases_dir=self.cases_dir)
                    known = (stamp, case, found)
            except OSError as e:  # gone or unreadable between the listing and the read
                known = ((0, 0), None, [problem(shown + name, 1, 1, "GV002",
                                                f"het bestand kan niet worden gelezen: {e.strerror}")])
            seen[name] = known
            problems += known[2]
            if known[1] is not None:
                cases.append(known[1])
        self._seen = seen
        problems += cross_checks(cases, [shown + name for name in names])
        ordered = tuple(sorted(problems, key=problem_order))
        failed = {p.path for p in problems if p.is_error}
        good = sorted((c for c in cases if c.path not in failed), key=lambda c: c.slug)
        return Library(self.root, self.vocabulary, tuple(good), ordered, len(names))


# -- the build state -------------------------------------------------------------------------------------------

def render_page(page, config, doc_files, nav, env) -> bytes:
    """A page's HTML as MkDocs' `_build_page` makes it, returned instead of written."""
    from mkdocs.commands.build import get_context

    config._current_page = page
    try:
        page.active = True
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
        return output.encode("utf-8", errors="xmlcharrefreplace") if output.strip() else b""
    finally:
        page.active = False
        config._current_page = None


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` unless the file holds those bytes already; replace it in one step (a reader never sees half)."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def _remove(path: Path, root: Path) -> None:
    """Remove a file and the folders it leaves empty, up to `root`."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


class _Collect(logging.Handler):
    """The warnings and errors MkDocs and the hook log during a build, to show once and without a traceback."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class State:
    """MkDocs' build state after a successful full build, kept up to date by `Builder.update`."""

    config: object
    files: object  # mkdocs Files
    base_files: list  # the files before the hook added the generated pages
    nav: object
    env: object
    hook: object  # the hook module (hooks/goedvoorbeeld_hook.py)
    site: object  # goedvoorbeeld.site.pages.Site
    markdown: dict[str, str]  # generated src_uri -> its Markdown (before HtmlBlocks.keep)
    filled: dict[str, str]  # hand-written src_uri -> Markdown with its markers filled
    extra: dict[str, bytes] = field(default_factory=dict)  # feed, data, filter data: rel path -> bytes

    @property
    def site_dir(self) -> Path:
        return Path(self.config.site_dir)


def affected_cases(old, new) -> set[str]:
    """The cases whose pages may show something else besides their own Markdown: the case changed, or its related
    cases did (which ones, or what they show), or its row in the list newest first (the search filter `nr` that
    the list's text filter uses). A case page shows its own fields and score, labels from tags.yml, its row and
    its related cases (`Site.case_html`); a change to tags.yml makes a full build."""
    before = old.library.by_slug()
    changed = {c.slug for c in new.library.cases if before.get(c.slug) is not c and before.get(c.slug) != c}
    changed |= before.keys() - new.library.by_slug().keys()
    out = set()
    for c in new.library.cases:
        related = [r.slug for r in new.related.get(c.slug) or ()]
        if (c.slug in changed or changed.intersection(related)
                or related != [r.slug for r in old.related.get(c.slug) or ()]
                or old.newest_number.get(c.slug) != new.newest_number[c.slug]):
            out.add(c.slug)
    return out


def hand_written_fills(site, files) -> dict[str, str]:
    """Hand-written pages with `<!-- gv:... -->` markers: their Markdown with the markers filled."""
    out = {}
    for f in files.documentation_pages():
        if f.generated_by or f.page is None:
            continue
        source = f.content_string
        if site.MARKER.search(source):
            out[f.src_uri] = site.fill_markers(source, f.url)
    return out


def _failure_of(collect: _Collect, e: Exception) -> Failure:
    lines = [r.getMessage() for r in collect.records if r.levelno >= logging.ERROR]
    lines += [line for line in str(e).splitlines() if line and line not in lines]
    return Failure(lines=tuple(lines) or (type(e).__name__,))


def _listed(case: Case) -> Case:
    """A case without the text of its sections: what every page but its own shows of it."""
    return dataclasses.replace(case, body="", body_line=0, title_line=0,
                               sections=tuple(dataclasses.replace(s, markdown="", line=0) for s in case.sections))


def _only_bodies_changed(old, new) -> list[Case] | None:
    """The cases whose section texts are all that changed, when nothing else did, or None.

    Then no page but their own changes: every list, tag page, chart, feed and data file shows only the fields
    kept by `_listed`; the ranking rule, whose eligibility may depend on the text, gives each changed case its
    old score and eligibility (so the order stays); and a case among the five is never taken this way, because
    the handout and the presentation print its Resultaat (so is a case in a saved selection, for its
    presentation). The new site reuses the old one's ranking and related cases (which
    depend only on the listed fields), with the new cases in them. A generated page that shows more of a
    case's text than the handout must be added here; tests/test_preview.py compares the result with a clean
    build.
    """
    before, after = old.library.by_slug(), new.library.by_slug()
    if before.keys() != after.keys() or old.selections != new.selections:
        return None
    changed = [c for c in new.library.cases if before[c.slug] is not c and before[c.slug] != c]
    if any(_listed(before[c.slug]) != _listed(c) for c in changed):
        return None
    # The ranking rule on the changed cases alone (with their problems: a rule may read warnings): when each
    # keeps its score and eligibility, the order is the old one, with the new cases in it.
    paths = {c.path for c in changed}
    alone = rank(Library(new.library.root, new.library.vocabulary, tuple(changed),
                         tuple(p for p in new.library.problems if p.path in paths), len(changed)))
    was = old.ranked_by_slug
    if any((r.score, r.breakdown, r.eligible, r.reason) != (was[r.slug].score, was[r.slug].breakdown,
                                                            was[r.slug].eligible, was[r.slug].reason) for r in alone):
        return None
    swapped = {c.slug for c in changed}
    if {r.slug for r in old.five} & swapped:
        return None
    # A saved selection's presentation shows the Resultaat of its cases as they are now.
    if {c.slug for s in new.selections for c in s.cases} & swapped:
        return None
    new.__dict__["ranking"] = [dataclasses.replace(r, case=after[r.slug]) if r.slug in swapped else r
                               for r in old.ranking]
    new.__dict__["related"] = {slug: [after[c.slug] for c in cases] for slug, cases in old.related.items()}
    return changed


class Builder:
    """Builds the site in full or in part; never raises for bad input (it returns a Failure)."""

    def __init__(self, config_file: Path, work: Path):
        self.config_file = config_file.resolve()
        self.root = self.config_file.parent
        self.work = work
        self.reader = LibraryReader(self.root / "cases")
        self.state: State | None = None
        self.needs_full = True
        self.warnings_shown: tuple[str, ...] = ()
        self.check_warnings: list[str] = []  # the checker's warnings of the last update
        # Generated pages (src_uri) an update was stopped before it wrote them: the next update renders them
        # again, whatever changed (their Markdown in the state is the stopped update's, not what is on disk).
        self.pending: set[str] = set()

    # -- full build --------------------------------------------------------------------------------------------
    def full_build(self) -> Path:
        """Build the whole site into a new folder and return it; raises BuildFailed."""
        from mkdocs import config as mkdocs_config
        from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page, get_files
        from mkdocs.structure.files import set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        try:
            self.reader.load_vocabulary()
            library = self.reader.read()
        except VocabularyError as e:
            raise BuildFailed(Failure(tuple(e.problems))) from None
        except FileNotFoundError as e:
            raise BuildFailed(Failure(lines=(str(e),))) from None
        self._check(library)
        site_dir = Path(tempfile.mkdtemp(prefix="site-", dir=self.work))
        collect = _Collect()
        log.addHandler(collect)
        config = None
        try:
            config = mkdocs_config.load_config(config_file=str(self.config_file), site_dir=str(site_dir))
            config.plugins.on_startup(command="serve", dirty=False)
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            base_files = list(files)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            for file in files.documentation_pages():
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)
                _populate_page(file.page, config, files)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files()
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:  # pragma: no cover - this site has none
                from mkdocs.commands.build import _build_extra_template
                _build_extra_template(template, files, config, nav)
            doc_files = files.documentation_pages()
            for file in doc_files:
                _build_page(file.page, config, doc_files, nav, env)
            config.plugins.on_post_build(config=config)
        except Exception as e:  # noqa: BLE001 - PluginError and MkDocs' own errors above all; never a traceback
            if config is not None:
                config.plugins.on_build_error(error=e)
            shutil.rmtree(site_dir, ignore_errors=True)
            lines = [r.getMessage() for r in collect.records if r.levelno >= logging.ERROR]
            lines += [line for line in str(e).splitlines() if line and line not in lines]
            raise BuildFailed(Failure(lines=tuple(lines))) from None
        finally:
            log.removeHandler(collect)
        self._show_warnings([r.getMessage() for r in collect.records if r.levelno < logging.ERROR])
        hook = next(iter(config.hooks.values()))
        site = hook.build.site
        hook.build.preview_update(site)
        self.state = State(
            config=config, files=files, base_files=base_files, nav=nav, env=env, hook=hook, site=site,
            markdown=site.generated_pages(),
            filled=hand_written_fills(site, files),
            extra=self._extra(site, config),
        )
        self.needs_full = False
        self.pending = set()
        return site_dir

    # -- a case changed ----------------------------------------------------------------------------------------
    def update(self, touched: set[str], progress=None, stop=None) -> list[str] | None:
        """Bring the served site up to date after case files changed; the paths (relative to the site folder)
        of the files written or removed (but those handed to `progress` already), or None when a full build is
        needed instead. Raises BuildFailed.

        `stop()`, asked before each page after `progress` (a new save is waiting), ends the update early: the
        pages not rendered yet go to `self.pending`, feed and data wait (the state keeps what is on disk), and
        the next update writes them after its own pages.

        Three ways, the cheapest that is right: only the text of cases changed (their pages alone); otherwise
        first the pages of the five and the hand-written pages with generated blocks (handed to `progress`
        at once: the ranking is what people look at), then every other page whose Markdown or surroundings
        changed, and the files beside the pages."""
        from mkdocs.commands.build import _build_template
        from mkdocs.structure.files import Files, set_exclusions
        from mkdocs.structure.pages import Page
        from mkdocs.utils import get_build_timestamp

        import goedvoorbeeld.site.five as five
        from goedvoorbeeld.site.pages import Site

        st = self.state
        if st is None or self.needs_full:
            return None
        library = self.reader.read(touched)
        selections = self._check(library)
        site = Site(library, st.site.settings, tuple(selections))
        if site.search_parts != st.site.search_parts or {i for c in library.cases for i in c.images} != {
                i for c in st.site.library.cases for i in c.images}:
            return None  # the search box's parts or the copied images change: rarely, so build it all
        self.needs_full = True  # until this update is through: a failure half-way makes the next one full
        hook, config = st.hook, st.config
        body_only = None if self.pending else _only_bodies_changed(st.site, site)
        if body_only is not None:
            written = self._case_pages(site, body_only)
            self.needs_full = False
            return written
        hook.build.preview_update(site)
        old_site = st.site
        site_dir = st.site_dir
        collect = _Collect()
        log.addHandler(collect)
        written: list[str] = []
        try:
            # 1. the five (/top-5/, the handout, selections) and the home page, at once; the full ranking's
            #    pages (a hundred at 10,000 cases) follow with the rest
            files = st.files
            first = {uri: md for uri, md in five.five_pages(site).items() if uri in st.markdown}
            redo = [self._set(files.get_file_from_path(uri), md, site) for uri, md in first.items()
                    if st.markdown[uri] != md]
            filled = hand_written_fills(site, files)
            redo += [files.get_file_from_path(uri) for uri, text in filled.items() if st.filled.get(uri) != text]
            early, _ = self._render(redo, files)
            st.markdown.update(first)
            st.filled = filled
            if progress is not None and early:
                progress(early)
            else:
                written += early
            # 2. every other page: this edit's first, then those a stopped update left
            markdown = site.generated_pages()
            affected = affected_cases(old_site, site)
            old = {f.src_uri: f for f in files}
            pending, self.pending = self.pending, set()
            redo = []
            if set(markdown) != set(st.markdown):  # pages added or removed: the files in a clean build's order
                fresh = hook.on_files(Files(list(st.base_files)), config=config)
                set_exclusions(fresh, config)
                chosen = []
                for f in fresh:
                    uri = f.src_uri
                    if uri in markdown and uri in st.markdown:
                        kept = old[uri]
                        if self._changed(uri, markdown, affected, st) or uri in pending:
                            kept.content_string = f.content_string
                            redo.append(kept)
                        chosen.append(kept)
                    elif uri in markdown:
                        Page(None, f, config)
                        redo.append(f)
                        chosen.append(f)
                    else:
                        chosen.append(old.get(uri, f))
                files = Files(chosen)
            else:
                redo = [self._set(old[uri], markdown[uri], site) for uri in markdown
                        if self._changed(uri, markdown, affected, st) or uri in pending]
            own = {f.src_uri for f in redo
                   if f.src_uri not in pending or self._changed(f.src_uri, markdown, affected, st)}
            redo = [f for f in redo if f.src_uri in own] + [f for f in redo if f.src_uri not in own]
            done, left = self._render(redo, files, stop)
            written += done
            self.pending = {f.src_uri for f in left}
            for uri in set(st.markdown) - set(markdown):
                f = old[uri]
                _remove(Path(f.abs_dest_path), site_dir)
                written.append(f.dest_uri)
            if set(markdown) != set(st.markdown):
                template = st.env.get_template("sitemap.xml")
                text = _build_template("sitemap.xml", template, files, config, st.nav).encode("utf-8")
                if write_if_changed(site_dir / "sitemap.xml", text):
                    written.append("sitemap.xml")
                    stamp = get_build_timestamp(pages=[f.page for f in files.documentation_pages() if f.page])
                    buf = io.BytesIO()
                    with gzip.GzipFile(fileobj=buf, filename=str(site_dir / "sitemap.xml.gz"), mode="wb",
                                       mtime=stamp) as gz:
                        gz.write(text)
                    write_if_changed(site_dir / "sitemap.xml.gz", buf.getvalue())
            # 3. feed, open data and filter data (unless stopped: the state then keeps those on disk)
            extra = st.extra
            if not self.pending:
                extra = self._extra(site, st.config)
                for rel, data in extra.items():
                    if st.extra.get(rel) != data and write_if_changed(site_dir / rel, data):
                        written.append(rel)
                for rel in set(st.extra) - set(extra):
                    _remove(site_dir / rel, site_dir)
                    written.append(rel)
        except Exception as e:  # noqa: BLE001 - a page the hook refuses (PluginError) or any other surprise
            raise BuildFailed(_failure_of(collect, e)) from None
        finally:
            log.removeHandler(collect)
        shortfall = five.shortfall(site)
        self._show_warnings([*self.check_warnings, *([shortfall] if shortfall else []),
                             *(r.getMessage() for r in collect.records if r.levelno < logging.ERROR)])
        st.files, st.site, st.markdown, st.extra = files, site, markdown, extra
        self.needs_full = False
        return written

    @staticmethod
    def _set(f, markdown: str, site):
        """Give a generated page its new Markdown (list and table pages keep their HTML out of Markdown)."""
        from goedvoorbeeld.site.pages import case_slug

        f.content_string = markdown if case_slug(f.src_uri) is not None else site.html_blocks.keep(markdown)
        return f

    def _render(self, redo: list, files, stop=None) -> tuple[list[str], list]:
        """Read and render these pages again with MkDocs' steps; write those whose bytes changed. Returns the
        files written and the pages left when `stop()` said to stop (asked before each page): all of them while
        they are read (every page is read before any is rendered, as in a build), the rest once rendering began."""
        from mkdocs.commands.build import _populate_page

        st = self.state
        for f in redo:
            if stop is not None and stop():
                return [], redo
            _populate_page(f.page, st.config, files)
        doc_files = files.documentation_pages() if redo else []
        written = []
        for n, f in enumerate(redo):
            if stop is not None and stop():
                return written, redo[n:]
            if write_if_changed(Path(f.abs_dest_path), render_page(f.page, st.config, doc_files, st.nav, st.env)):
                written.append(f.dest_uri)
        return written, []

    def _case_pages(self, site, changed: list[Case]) -> list[str]:
        """Render only the pages of these cases again (their text changed, nothing any other page shows)."""
        st = self.state
        st.hook.build.preview_update(site)
        collect = _Collect()
        log.addHandler(collect)
        try:
            redo = []
            for case in changed:
                f = st.files.get_file_from_path(f"voorbeelden/{case.slug}.md")
                f.content_string = st.markdown[f.src_uri] = site.case_markdown(case)
                redo.append(f)
            written, _ = self._render(redo, st.files)
        except Exception as e:  # noqa: BLE001 - a page the hook refuses (PluginError) or any other surprise
            raise BuildFailed(_failure_of(collect, e)) from None
        finally:
            log.removeHandler(collect)
        self._show_warnings([*self.check_warnings,
                             *(r.getMessage() for r in collect.records if r.levelno < logging.ERROR)])
        st.site = site
        return written

    @staticmethod
    def _changed(uri: str, markdown: dict[str, str], affected: set[str], st: State) -> bool:
        """Whether a generated page must be rendered again: its Markdown changed, or it is the page of an
        affected case (rendered again, written only if its bytes differ)."""
        from goedvoorbeeld.site.pages import case_slug

        return st.markdown.get(uri) != markdown[uri] or case_slug(uri) in affected

    # -- shared steps ------------------------------------------------------------------------------------------
    def _check(self, library: Library) -> list:
        """The checks of the hook's on_config: errors stop the update; warnings are shown once."""
        selections, selection_problems = read_selections(self.root / "cases", shown_root="cases")
        problems = [*library.problems, *selection_problems]
        errors = [p for p in problems if p.is_error]
        if errors:
            raise BuildFailed(Failure(tuple(errors), files=library.files))
        self.check_warnings = [p.format() for p in problems]
        return selections

    @staticmethod
    def _extra(site, config) -> dict[str, bytes]:
        """What the hook writes beside the pages (the presentations; feed, open data, filter data), as bytes."""
        import goedvoorbeeld.site.outputs as outputs
        import goedvoorbeeld.site.presentation as presentation

        decks = presentation.files(site, Path(config.docs_dir) / "assets")
        return {**{uri: html.encode("utf-8") for uri, html in decks.items()}, **outputs.files(site),
                **browse_data(site.newest, site.library.vocabulary)}

    def _show_warnings(self, lines: list[str]) -> None:
        shown = tuple(dict.fromkeys(line for line in lines if line))
        if shown and shown != self.warnings_shown:
            say("\n".join(shown))
        self.warnings_shown = shown


# -- serving ---------------------------------------------------------------------------------------------------

def say(text: str) -> None:
    print(text, flush=True)


class Preview:
    """What the web server shows: the current site folder, the failure (if any), and change versions."""

    def __init__(self, prefix: str):
        self.prefix = prefix  # the path of site_url, e.g. "/goed-voorbeeld/"
        self.site_dir: Path | None = None
        self.failure: Failure | None = None
        self.boot = uuid.uuid4().hex[:8]
        self.version = 0
        self.changed: dict[str, int] = {}  # site-relative file -> version it last changed in
        self.all_changed = 0  # version of the last full build or error change: every page reloads
        self.cond = threading.Condition()

    def token(self) -> str:
        return f"{self.boot}-{self.version}"

    def publish(self, *, site_dir: Path | None = None, written: list[str] | None = None,
                failure: Failure | None = None) -> None:
        with self.cond:
            self.version += 1
            if site_dir is not None:
                self.site_dir = site_dir
                self.all_changed = self.version
            for rel in written or ():
                self.changed[rel] = self.version
            if failure != self.failure:
                self.failure = failure
                self.all_changed = self.version
            self.cond.notify_all()

    def wait(self, token: str, timeout: float = POLL_SECONDS) -> dict:
        """Answer the long poll of the tab that waits for all tabs: once anything changed after `token`, which
        files changed and whether every page must reload (a full build, an error came or went)."""
        boot, _, number = token.partition("-")
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                if boot != self.boot or not number.isdigit():
                    return {"versie": self.token(), "alles": True, "bestanden": []}
                n = int(number)
                if self.version > n:
                    return {"versie": self.token(), "alles": self.all_changed > n,
                            "bestanden": sorted(rel for rel, v in self.changed.items() if v > n)}
                left = deadline - time.monotonic()
                if left <= 0:
                    return {"versie": self.token(), "alles": False, "bestanden": []}
                self.cond.wait(left)

    def file_of(self, path: str) -> str | None:
        """The site-relative file a URL path names (`x/` -> `x/index.html`), or None outside the site."""
        if not path.startswith(self.prefix):
            return None
        rel = unquote(path[len(self.prefix):])
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        parts = [p for p in rel.split("/") if p not in ("", ".")]
        if ".." in parts or any("\x00" in p for p in parts):
            return None
        return "/".join(parts)

    def decorate(self, page: bytes, rel: str = "") -> bytes:
        """The preview's banner, the error panel (if any) and the reload script, right after `<body ...>`."""
        with self.cond:  # the panel and the version it belongs to, together
            failure, token, served = self.failure, self.token(), self.site_dir is not None
        added = (
            f'{MARK_START}<div class="gv-preview">'
            '<p class="gv-preview-banner"><strong>Voorbeeldweergave</strong>: zo komt de site eruit te zien. '
            "Deze pagina ververst vanzelf als je een bestand opslaat; zoeken werkt alleen op de gepubliceerde site.</p>"
            f'{failure.panel(served) if failure else ""}</div>'
            f'<link rel="stylesheet" href="{ROUTE}voorbeeldweergave.css">'
            f'<script src="{ROUTE}voorbeeldweergave.js" data-versie="{token}" '
            f'data-bestand="{html.escape(rel)}" defer></script>{MARK_END}'
        ).encode("utf-8")
        start = page.find(b"<body")
        end = page.find(b">", start) + 1 if start >= 0 else 0
        return page[:end] + added + page[end:]

    def placeholder(self, rel: str = "") -> bytes:
        """The page shown before any build succeeded: only the banner and the panel."""
        return self.decorate(
            b'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Voorbeeldweergave</title></head>'
            b'<body><main><h1>Goed Voorbeeld</h1><p>Er is nog geen versie van de site die lukte.</p></main>'
            b'</body></html>',
            rel)


def _handler(preview: Preview):
    class Handler(BaseHTTPRequestHandler):
        server_version = "voorbeeldweergave"
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002 - the terminal shows only what matters
            return

        def do_HEAD(self):
            self.do_GET(head=True)

        def do_GET(self, head: bool = False):
            url = urlsplit(self.path)
            path = url.path
            if path.startswith(ROUTE):
                return self._own(path[len(ROUTE):], parse_qs(url.query), head)
            if path == "/" or (path + "/") == preview.prefix:
                return self._send(302, b"", "text/plain", head, {"Location": preview.prefix})
            rel = preview.file_of(path)
            if rel is None:
                return self._not_found(head, "")
            site = preview.site_dir
            if site is None:
                return self._send(200 if rel.endswith(".html") else 404, preview.placeholder(rel),
                                  "text/html; charset=utf-8", head)
            target = site / rel
            if target.is_dir():
                return self._send(301, b"", "text/plain", head, {"Location": path + "/"})
            try:
                data = target.read_bytes()
            except OSError:
                return self._not_found(head, rel)
            kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
            if kind == "text/html":
                data = preview.decorate(data, rel)
            if kind.startswith("text/") or kind in ("application/json", "application/xml", "application/javascript"):
                kind += "; charset=utf-8"
            self._send(200, data, kind, head)

        def _not_found(self, head: bool, rel: str = ""):
            site = preview.site_dir
            page = site / "404.html" if site is not None else None
            data = (preview.decorate(page.read_bytes(), rel) if page is not None and page.exists()
                    else preview.placeholder(rel))
            self._send(404, data, "text/html; charset=utf-8", head)

        def _own(self, name: str, query: dict, head: bool):
            if name == "wacht":
                answer = preview.wait(query.get("versie", [""])[0])
                return self._send(200, json.dumps(answer).encode(), "application/json", head)
            if name == "bestanden":  # every file of the site served now (for tests and curious people)
                site = preview.site_dir
                listing = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) if site else []
                return self._send(200, json.dumps(listing).encode(), "application/json", head)
            asset = ASSETS / name
            if name in ("voorbeeldweergave.js", "voorbeeldweergave.css") and asset.exists():
                kind = "text/javascript" if name.endswith(".js") else "text/css"
                return self._send(200, asset.read_bytes(), f"{kind}; charset=utf-8", head)
            self._not_found(head, "")

        def _send(self, status: int, data: bytes, kind: str, head: bool, headers: dict | None = None):
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                if not head:
                    self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the tab went away
                pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        """A tab that closes or reloads mid-request is normal; anything else is one line, never a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            say(f"voorbeeldweergave: een verzoek mislukte: {type(error).__name__}: {error}")


# -- watching --------------------------------------------------------------------------------------------------

def _watch(root: Path, events: "queue.Queue[str]"):
    """Report saved files under cases/ and docs/, and mkdocs.yml, by their path. (Python code, the hook included,
    is loaded once: a change to it needs a restart, as with `mkdocs serve`.)"""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.event_type in ("opened", "closed_no_write"):
                return
            events.put(event.src_path)
            if getattr(event, "dest_path", ""):
                events.put(event.dest_path)

    observer = Observer()
    for name in ("cases", "docs"):
        if (root / name).is_dir():
            observer.schedule(Handler(), str(root / name), recursive=True)
    observer.schedule(Handler(), str(root), recursive=False)
    observer.daemon = True
    observer.start()
    return observer


def _kind(root: Path, path: str) -> str | None:
    """'case' for a case file (its name), 'all' for anything that needs a full build, None to ignore."""
    p = Path(path)
    name = p.name
    if name.startswith(".") or name.endswith(("~", ".swp", ".swx", ".tmp")) or name.isdigit():
        return None  # an editor's scratch file
    if p.parent == root:
        return "all" if name == "mkdocs.yml" else None
    if p.parent == root / "cases" and name.endswith(".md"):
        return "case"
    return "all"


class Loop:
    """The builder thread: the first build, then one update per burst of saved files."""

    def __init__(self, builder: Builder, preview: Preview):
        self.builder = builder
        self.preview = preview
        self.events: "queue.Queue[str]" = queue.Queue()
        self.shown: Failure | None = None

    def first(self) -> None:
        self._run(set(), full=True)

    def _run(self, touched: set[str], full: bool) -> None:
        """A full build, or an update for the touched case files (a full build when it needs one)."""
        old = self.preview.site_dir
        start = time.monotonic()
        early: list[str] = []  # files of the five, published before the rest

        def progress(files: list[str]) -> None:
            early.extend(files)
            self.preview.publish(written=files, failure=None)

        try:
            written = None if full else self.builder.update(touched, progress=progress, stop=self.saved)
            if written is None:
                full = True
                result = self.builder.full_build()
        except BuildFailed as e:  # pages first show the panel, then the terminal says it (tests wait for it)
            self.preview.publish(failure=e.failure)
            if e.failure != self.shown:
                say(("De site kan niet worden bijgewerkt; de voorbeeldweergave toont de laatste versie die lukte:\n"
                     if self.preview.site_dir is not None else "De site kan nog niet worden gebouwd:\n")
                    + e.failure.terminal())
            self.shown = e.failure
            return
        except Exception as e:  # noqa: BLE001 - never stop serving; say what happened in one line
            failure = Failure(lines=(f"onverwachte fout bij het bouwen: {type(e).__name__}: {e}",))
            self.builder.needs_full = True
            self.preview.publish(failure=failure)
            if failure != self.shown:
                say(failure.terminal())
            self.shown = failure
            return
        seconds = f"{time.monotonic() - start:.2f}".replace(".", ",")
        if full:
            self.preview.publish(site_dir=result, failure=None)
            if old is not None and old != result:
                shutil.rmtree(old, ignore_errors=True)
        else:
            self.preview.publish(written=written, failure=None)
        if self.shown is not None:
            say(f"Opgelost: de site is weer bijgewerkt ({seconds} s).")
        elif old is not None and full:
            say(f"Bijgewerkt in {seconds} s (de hele site).")
        elif old is not None:
            count = len(early) + len(written)
            files = f"{count} {'bestand' if count == 1 else 'bestanden'} gewijzigd"
            left = len(self.builder.pending)
            if left:
                rest = "pagina volgt" if left == 1 else "pagina's volgen"
                say(f"Onderbroken na {seconds} s voor een nieuwe wijziging ({files}); {left} {rest} daarna.")
            else:
                say(f"Bijgewerkt in {seconds} s ({files}).")
        self.shown = None

    def saved(self) -> bool:
        """Whether a save that needs an update waits in the queue: then the update that runs stops early."""
        root = self.builder.root
        with self.events.mutex:
            return any(_kind(root, p) for p in self.events.queue)

    def step(self, paths: list[str]) -> None:
        root = self.builder.root
        kinds = {p: _kind(root, p) for p in paths}
        if not any(kinds.values()):
            return
        full = "all" in kinds.values() or self.builder.needs_full
        self._run({Path(p).name for p, k in kinds.items() if k == "case"}, full=full)

    def forever(self) -> None:
        while True:
            paths = [self.events.get()]
            while True:  # until the folder is quiet
                try:
                    paths.append(self.events.get(timeout=QUIET_SECONDS))
                except queue.Empty:
                    break
            self.step(paths)


def _prefix(config_file: Path) -> str:
    """The path of site_url in mkdocs.yml ("/goed-voorbeeld/"), where the site is served as it is published."""
    import yaml

    try:
        with open(config_file, encoding="utf-8") as f:
            for line in f:
                if line.startswith("site_url:"):
                    value = yaml.safe_load(line.partition(":")[2]) or ""
                    path = urlsplit(str(value)).path.strip("/")
                    return f"/{path}/" if path else "/"
    except (OSError, yaml.YAMLError):
        pass
    return "/"


class CannotListen(Exception):
    """The port is taken (or not allowed); the message is Dutch."""


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def serve(config_file: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the preview until interrupted."""
    config_file = config_file.resolve()
    root = config_file.parent
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("mkdocs").propagate = False
    preview = Preview(_prefix(config_file))
    try:
        server = _Server((host, port), _handler(preview))
    except OSError as e:
        why = ("is al in gebruik (draait de voorbeeldweergave al?)" if e.errno == errno.EADDRINUSE
               else "kan niet worden gebruikt")
        raise CannotListen(f"poort {port} op {host} {why}; kies een andere met --port") from None
    signal.signal(signal.SIGTERM, _interrupt)
    work = Path(tempfile.mkdtemp(prefix="goedvoorbeeld-voorbeeldweergave-"))
    loop = Loop(Builder(config_file, work), preview)
    observer = _watch(root, loop.events)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://{host}:{port}{preview.prefix}"
    say(f"Voorbeeldweergave op {address} (stoppen: Ctrl+C). De site wordt gebouwd...")
    try:
        loop.first()
        if preview.failure is None:
            say(f"Klaar: open {address}")
        loop.forever()
    except KeyboardInterrupt:
        say("Voorbeeldweergave gestopt.")
    finally:
        observer.stop()
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
