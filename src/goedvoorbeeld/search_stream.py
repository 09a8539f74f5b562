"""Search indexing while the site is built: pages go to Pagefind as MkDocs writes them.

MkDocs renders pages on one core. Indexing the finished site afterwards
(`search.index_site`) adds Pagefind's whole run to the build: at 10,000
cases about half the time of the rest of the build. Here Pagefind runs as a
service next to MkDocs (its Python API, in a thread with its own event loop)
and indexes each page as soon as it is rendered, on the other core; at the
end of the build only the index files are left to write.

The result is the same index: the same HTML of every page, the same URLs,
Dutch stemming, only elements marked `data-pagefind-body` indexed.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from pathlib import Path

from .search import LANGUAGE, OUTPUT, SearchIndexError

PENDING = 64  # pages handed over but not yet indexed; MkDocs waits beyond this (bounded memory)


class StreamingIndex:
    """A Pagefind index fed page by page from another thread; writes into `site_dir`/pagefind. One per build."""

    def __init__(self, site_dir: str | Path) -> None:
        try:
            from pagefind.index import IndexConfig, PagefindIndex
        except ImportError:  # pragma: no cover - a runtime dependency
            raise SearchIndexError("Pagefind is niet geinstalleerd: pip install 'pagefind[bin]'") from None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()
        self._slots = threading.BoundedSemaphore(PENDING)
        self._futures: list[Future] = []
        self._index = PagefindIndex(config=IndexConfig(force_language=LANGUAGE,
                                                       output_path=str(Path(site_dir) / OUTPUT)))
        try:
            self._call(self._index.__aenter__())  # `async with`, spread over the build
        except Exception as e:
            self._stop()
            raise SearchIndexError(f"Pagefind kon niet starten: {e}") from None

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def add_page(self, html: str, url: str) -> None:
        """Hand over a rendered page (`url` relative to the site root, such as 'voorbeelden/x/')."""
        self._slots.acquire()
        future = asyncio.run_coroutine_threadsafe(
            self._index.add_html_file(content=html, url="/" + url.lstrip("/")), self._loop)
        future.add_done_callback(lambda _: self._slots.release())
        self._futures.append(future)

    def write(self) -> int:
        """Wait for every page, then write the index; returns the number of pages with indexed text."""
        try:
            indexed = sum(1 for f in self._futures if f.result().get("page_word_count"))
            self._call(self._index.__aexit__(None, None, None))  # writes the files, stops Pagefind
            return indexed
        except Exception as e:
            self.close()
            raise SearchIndexError(f"Pagefind kon de zoekindex niet maken: {e}") from None
        finally:
            self._stop()

    def close(self) -> None:
        """Stop Pagefind without writing (after a failed build), so no process is left behind."""
        try:
            self._call(self._index.__aexit__(RuntimeError, RuntimeError("build failed"), None))
        except Exception:  # noqa: BLE001 - closing after a failure: the first error is the one to report
            pass
        finally:
            self._stop()

    def _stop(self) -> None:
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
