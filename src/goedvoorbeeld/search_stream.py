"""Search indexing while the site is built: pages go to Pagefind as MkDocs writes them.

MkDocs renders pages on one core. Indexing the finished site afterwards
(`search.index_site`) adds Pagefind's whole run to the build: at 10,000
cases about half the time of the rest of the build. Here Pagefind runs as a
service next to MkDocs (`pagefind --service`, the binary of the pagefind
package) and indexes each page as soon as it is rendered, on the other
core; at the end of the build only the index files are left to write.

The result is the same index as Pagefind's run over the finished site: the
same HTML of every page, the same URLs, Dutch stemming, only elements marked
`data-pagefind-body` indexed (tests/test_scale.py compares the two).

This speaks the service's protocol directly (a JSON message, base64, then a
comma; answers the same way) instead of through pagefind's Python API,
which waits 0.1 s before reading each answer: ten pages a second.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from pathlib import Path

from .search import LANGUAGE, OUTPUT, SearchIndexError


class StreamingIndex:
    """A Pagefind index fed page by page; writes into `site_dir`/pagefind. One per build."""

    def __init__(self, site_dir: str | Path) -> None:
        try:
            from pagefind.service import get_executable
        except ImportError:  # pragma: no cover - a runtime dependency
            raise SearchIndexError("Pagefind is niet geinstalleerd: pip install 'pagefind[bin]'") from None
        exe = get_executable()
        if exe is None:
            raise SearchIndexError("het programma van Pagefind is niet gevonden: pip install 'pagefind[bin]'")
        self._output = Path(site_dir) / OUTPUT
        self._sent = 0
        self._answers: dict[int, dict] = {}  # message id -> answer payload
        self._errors: list[str] = []
        self._answered = threading.Condition()
        self._process = subprocess.Popen([str(exe), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        self._reader = threading.Thread(target=self._read, name="pagefind", daemon=True)
        self._reader.start()
        answer = self._wait(self._send({"type": "NewIndex", "config": {"force_language": LANGUAGE}}))
        if answer.get("type") != "NewIndex":
            self.close()
            raise SearchIndexError(f"Pagefind kon niet starten: {answer}")
        self._index_id = answer["index_id"]

    def _send(self, payload: dict) -> int:
        """Write one message; blocks while Pagefind is busy and its input is full (bounded memory)."""
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except OSError as e:
            raise SearchIndexError(f"Pagefind is gestopt: {e}") from None
        return self._sent

    def _read(self) -> None:
        """Collect the answers (on a thread of its own, so that Pagefind never waits for us)."""
        buffer = b""
        stream = self._process.stdout
        while chunk := stream.read1(1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for raw in messages:
                answer = json.loads(base64.b64decode(raw))
                payload = answer.get("payload") or {}
                with self._answered:
                    if payload.get("type") == "Error":
                        self._errors.append(str(payload.get("message")))
                    self._answers[answer.get("message_id") or 0] = payload
                    self._answered.notify_all()
        with self._answered:
            self._answers[-1] = {"type": "Closed"}
            self._answered.notify_all()

    def _wait(self, message_id: int) -> dict:
        with self._answered:
            self._answered.wait_for(lambda: message_id in self._answers or -1 in self._answers)
            return self._answers.get(message_id) or {"type": "Closed"}

    def add_page(self, html: str, url: str) -> None:
        """Hand over a rendered page (`url` relative to the site root, such as 'voorbeelden/x/')."""
        self._send({"type": "AddFile", "index_id": self._index_id, "url": "/" + url.lstrip("/"),
                    "file_contents": html, "file_path": None})

    def write(self) -> int:
        """Wait for every page, then write the index; returns the number of pages with indexed text."""
        try:
            pages = self._sent
            with self._answered:  # every page indexed before the files are written
                self._answered.wait_for(lambda: -1 in self._answers
                                        or all(i in self._answers for i in range(1, pages + 1)))
            answer = self._wait(self._send({"type": "WriteFiles", "index_id": self._index_id,
                                            "output_path": str(self._output)}))
            if self._errors or answer.get("type") != "WriteFiles":
                raise SearchIndexError("Pagefind kon de zoekindex niet maken: "
                                       + "; ".join(self._errors or [str(answer)]))
            return sum(1 for a in self._answers.values()
                       if a.get("type") == "IndexedFile" and a.get("page_word_count"))
        finally:
            self.close()

    def close(self) -> None:
        """Stop Pagefind (also after a failed build, so that no process is left behind)."""
        if self._process.poll() is None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._reader.join(timeout=10)
