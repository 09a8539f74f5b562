"""A built site on 127.0.0.1 and Debian's Chromium: shared by the benchmark and the browser tests.

The Playwright browser download does not work on the build machines; the tests and `make bench` drive
Debian's /usr/bin/chromium (GV_CHROMIUM to use another) with these flags.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = os.environ.get("GV_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test and benchmark output clean
        pass


def serve(directory: Path):
    """Serve a folder on 127.0.0.1 on a free port; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def browser_missing() -> str | None:
    """Why the browser cannot run here (Dutch), or None."""
    if not Path(CHROMIUM).exists():
        return f"Chromium niet gevonden op {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright voor Python is niet geinstalleerd (pip install -e '.[test]')"
    return None
