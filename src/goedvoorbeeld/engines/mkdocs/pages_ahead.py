"""Case pages read and rendered in a second process while MkDocs reads the others.

MkDocs turns the Markdown of every page into HTML one page after the other, on one processor core, before it
writes any page: a third of the build. When the navigation is ready (hook `on_nav`) the hook forks; the child
runs MkDocs' own steps for reading a page (the plugin events and `Page.render`) on the last case pages and
sends the results back, while MkDocs in the parent reads the other pages. On reaching a page the child did,
the hook gives MkDocs an empty Markdown text to render and then the child's HTML and table of contents.

The result is the same site: the child runs the same code on the same state (a fork is a copy of the parent).
A page whose reading raises or logs a warning in the child is left to the parent, which then raises or warns
itself (MkDocs counts warnings for --strict in its own process). If the child fails, the parent reads every
page. tests/test_pages_ahead.py builds sites with and without the child and compares every file.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

SHARE = 0.5  # of the case pages, read by the child: the parent also has the other pages and the hand-over
ONE_PROCESS = "GV_ONE_PROCESS"  # set: MkDocs reads every page itself (to compare, or to debug a page)


@dataclass
class Rendered:
    """What `Page.render` and the page events leave on a page, as the child sends it."""

    content: str
    toc: object  # mkdocs.structure.toc.TableOfContents
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri


def read_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """MkDocs' steps for reading one page (as in mkdocs.commands.build._populate_page)."""
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    return page


class _Warned(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


def _read_in_child(chosen: list[File], config: MkDocsConfig, files: Files) -> dict[str, Rendered]:
    """Read the pages in order until one raises or warns; that one and the rest are left to the parent."""
    warned = _Warned()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = [warned]  # the child prints nothing: the parent reports every page itself
    mkdocs_log.propagate = False
    done: dict[str, Rendered] = {}
    for file in chosen:
        try:
            page = read_page(file.page or Page(None, file, config), config, files)
        except Exception:  # noqa: BLE001 - the parent reads this page again and reports the error
            break
        if warned.seen:
            break
        links = page.links_to_anchors
        done[file.src_uri] = Rendered(
            page.content, page.toc, page.present_anchor_ids,
            None if links is None else {f.src_uri: dict(v) for f, v in links.items()})
    return done


class PagesAhead:
    """A child process reading some pages ahead of MkDocs; `take` hands a page's result over."""

    def __init__(self, chosen: list[File], config: MkDocsConfig, files: Files):
        self._uris = {f.src_uri for f in chosen}
        self._done: dict[str, Rendered] | None = None
        self._pid: int | None = None
        self._read_end: int | None = None
        if not chosen:
            return
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: MkDocs reads every page
            os.close(read_end)
            os.close(write_end)
            self._uris = set()
            return
        if pid == 0:  # the child: send the results and leave at once (no cleanup of the parent's state)
            code = 1
            try:
                os.close(read_end)
                done = _read_in_child(chosen, config, files)
                with os.fdopen(write_end, "wb") as out:
                    pickle.dump(done, out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self._pid, self._read_end = pid, read_end

    @classmethod
    def start(cls, config: MkDocsConfig, files: Files, is_case) -> "PagesAhead":
        """Fork a child for the last SHARE of the case pages in MkDocs' reading order, if this process may
        fork (one thread only: `mkdocs serve` runs a web server thread) and ONE_PROCESS is not set."""
        import threading

        if os.environ.get(ONE_PROCESS) or not hasattr(os, "fork") or threading.active_count() != 1:
            return cls([], config, files)
        cases = [f for f in files.documentation_pages() if is_case(f.src_uri)]
        return cls(cases[len(cases) - int(len(cases) * SHARE):] if len(cases) > 1 else [], config, files)

    def _collect(self) -> dict[str, Rendered]:
        if self._done is None:
            done: dict[str, Rendered] = {}
            if self._pid is not None:
                with os.fdopen(self._read_end, "rb") as inp:
                    try:
                        done = pickle.load(inp)
                    except Exception:  # noqa: BLE001 - the child failed before it sent everything
                        done = {}
                if os.waitpid(self._pid, 0)[1] != 0:
                    done = {}
                self._pid = None
            self._done = done
        return self._done

    def ready(self, page: Page) -> bool:
        """True when the child read this page: MkDocs then renders an empty text for it (`apply` fills it)."""
        return page.file.src_uri in self._uris and page.file.src_uri in self._collect()

    def apply(self, page: Page, files: Files) -> str | None:
        """The child's HTML of the page, with its table of contents and anchors set; None if it did not."""
        if page.file.src_uri not in self._uris:
            return None
        rendered = self._collect().pop(page.file.src_uri, None)
        if rendered is None:
            return None
        # What Page.render sets besides the content (a case page's title comes from its front matter).
        page.toc = rendered.toc
        page.present_anchor_ids = rendered.present_anchor_ids
        if rendered.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): links
                                     for uri, links in rendered.links_to_anchors.items()}
        return rendered.content

    def stop(self) -> None:
        """End the child if it still runs (a failed build)."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except OSError:
                pass
            os.close(self._read_end)
            self._pid = None
