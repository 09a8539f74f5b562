"""The plain-text sections of a case, such as `## Gespreksvraag`: one paragraph, no markup, a set length.

A section whose rule in `schema.SECTIONS` has a length (`min_len`, `max_len`) must be plain text: the
conversation game shows it on a screen and on a printed card, where markup has no place. Whether the text
holds markup is decided by the renderer the site uses (`safety.render_body`): plain text becomes exactly one
paragraph without any element inside. Only when it does not is the line of the markup looked for.
"""

from __future__ import annotations

import re

import goedvoorbeeld.check.safety as safety
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.check.problems import Problem, amount, problem

# Characters that start Markdown or HTML inside a line, and line starts that make a list, heading, quote,
# code block or table. Used only to point at the line once the renderer has found markup.
_INLINE_MARKUP = re.compile(r"[<>\[\]!*_`~{}|&\\]|https?://")
_BLOCK_START = re.compile(r"^(?:\s{4,}|\s{0,3}(?:#|[-*+]\s|\d{1,9}[.)]\s|>|={2,}\s*$|-{2,}\s*$))")
_ONE_PARAGRAPH = re.compile(r"^<p>[^<]*</p>$")
_FIRST_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
_WHAT = {
    "a": "een link", "img": "een afbeelding", "em": "schuine tekst", "strong": "vette tekst", "code": "code",
    "pre": "code", "ul": "een lijst", "ol": "een lijst", "li": "een lijst", "blockquote": "een citaat",
    "table": "een tabel", "br": "een harde regelovergang", "hr": "een lijn",
    **{f"h{n}": "een kop" for n in range(1, 7)},
}


def plain_text(markdown: str) -> str:
    """The section's text as one line: whitespace collapsed (the length is counted on this)."""
    return " ".join(markdown.split())


def check_section(path: str, rule: schema.SectionRule, markdown: str, heading_line: int) -> list[Problem]:
    """GV210 (length) and GV211 (markup) for a plain-text section; `markdown` is its text below the heading.

    A section still holding the hint of `goedvoorbeeld new` is left to GV208.
    """
    if not rule.max_len or not markdown.strip() or schema.HINT_PREFIX in markdown:
        return []
    problems: list[Problem] = []
    name = rule.title.lower()
    text = plain_text(markdown)
    if not rule.min_len <= len(text) <= rule.max_len:
        problems.append(problem(path, heading_line, 1, "GV210",
                                f"{name}: {amount(len(text), 'teken', 'tekens')}; dat moet {rule.min_len} tot "
                                f"{rule.max_len} zijn"))
    markup = _markup_line(markdown)
    if markup is not None:
        offset, what = markup
        problems.append(problem(path, heading_line + 1 + offset, 1, "GV211",
                                f"{name}: {what}; schrijf één alinea platte tekst, zonder opmaak, HTML of links"))
    return problems


def _markup_line(markdown: str) -> tuple[int, str] | None:
    """(line after the heading, what) of the first markup in the section's text, or None for plain text."""
    lines = [line.rstrip() for line in markdown.split("\n")]  # trailing spaces would make a line break
    first = next(i for i, line in enumerate(lines) if line.strip())
    for i in range(first, len(lines)):
        if not lines[i].strip() and any(line.strip() for line in lines[i:]):
            second = next(j for j in range(i, len(lines)) if lines[j].strip())
            return second, "een tweede alinea"
    rendered = safety.render_body("\n".join(lines)).strip()
    if _ONE_PARAGRAPH.match(rendered):
        return None
    inner = rendered[3:] if rendered.startswith("<p>") else rendered
    tag = _FIRST_TAG.search(inner)
    name = tag.group(1).lower() if tag else "p"
    what = _WHAT.get(name, f"HTML (<{name}>)")
    for i in range(first, len(lines)):
        if _BLOCK_START.match(lines[i]) or _INLINE_MARKUP.search(lines[i]):
            return i, what
    return first, what  # pragma: no cover - the renderer made markup of characters listed above
