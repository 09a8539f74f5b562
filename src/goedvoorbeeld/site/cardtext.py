"""Plain text from case sections for paper and screens: cards, the handout and the game.

A printed card or an A4 page has room for a fixed amount of text, so a
section's text is trimmed at the end of a sentence (else of a word) and ends
with "…". Addresses get break points only after a '/', never inside a word.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown as md

from goedvoorbeeld.site.render import esc
from goedvoorbeeld.check.safety import MARKDOWN_EXTENSIONS

ELLIPSIS = "…"
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "dt", "dd"}
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’)\]]*)(?=\s)")


class _Blocks(HTMLParser):
    """The text of each block element of rendered Markdown, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._flush()
        elif tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag):
        if tag in _BLOCKS or tag in ("ul", "ol"):
            self._flush()

    def handle_data(self, data):
        self.current.append(data)


def paragraphs(markdown: str) -> list[str]:
    """The section's Markdown as plain-text paragraphs: one per paragraph, list item, heading or code block."""
    if not markdown.strip():
        return []
    parser = _Blocks()
    parser.feed(md.markdown(markdown, extensions=list(MARKDOWN_EXTENSIONS)))
    parser.close()
    parser._flush()
    return [html.unescape(b) if "&" in b else b for b in parser.blocks]


def trim(text: str, limit: int) -> str:
    """`text` when it has at most `limit` characters; else its longest start that ends a sentence, plus " …"
    (at a word when no sentence ends in the first half). The result never exceeds `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS) - 1
    head = text[: room + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(head) if m.end() <= room]
    if ends and ends[-1] >= room // 2:
        cut = text[: ends[-1]]
    else:
        cut = head[:room].rsplit(" ", 1)[0] if " " in head[:room] else head[:room]
        cut = cut.rstrip(",;:–-")
    return f"{cut} {ELLIPSIS}"


def section_text(markdown: str, limit: int) -> str:
    """A whole section as one trimmed plain-text run (paragraphs and list items joined by spaces)."""
    return trim(" ".join(paragraphs(markdown)), limit)


def breakable_url(url: str) -> str:
    """HTML for an address that a line may break only after a '/': each part keeps together (CSS class
    `gv-url-part`, `white-space: nowrap`) and a `<wbr>` follows every '/'."""
    parts = re.findall(r"[^/]*/+|[^/]+$", url)
    return "<wbr>".join(f'<span class="gv-url-part">{esc(p)}</span>' for p in parts)
