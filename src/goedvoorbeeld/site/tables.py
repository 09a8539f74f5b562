"""Tables that reflow on a phone: every data cell carries the name of its column.

On a narrow screen (WCAG 1.4.10, Reflow) docs/assets/gv-trust.css shows each row of a table as a block
and each cell on a line of its own, its column's name before it (`td[data-label]::before`). The names are
written at build time from the table's header row, for the generated tables (the ranking, the weights,
the charts' numbers, the saved selections) and for Markdown tables in hand-written pages and case bodies
alike. A table without a header row is left as it is.
"""

from __future__ import annotations

import html
import re

from goedvoorbeeld.site.render import esc

_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
_HEAD = re.compile(r"<thead\b.*?</thead>", re.S | re.I)
_ROW = re.compile(r"<tr\b.*?</tr>", re.S | re.I)
_CELL_OPEN = re.compile(r"<(td|th)\b([^>]*)>", re.I)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def label_cells(page_html: str) -> str:
    """The HTML with `data-label` (the column's name) on every cell of the body of each table."""
    if "<table" not in page_html:
        return page_html
    return _TABLE.sub(_label_table, page_html)


def _label_table(match: re.Match) -> str:
    table = match.group(0)
    head = _HEAD.search(table)
    if head is None:
        return table
    names = [_text(cell) for cell in _HEADER_CELL.findall(head.group(0))]
    if not names:
        return table
    body = table[head.end():]
    return table[:head.end()] + _ROW.sub(lambda row: _label_row(row.group(0), names), body)


_COLSPAN = re.compile(r"""colspan\s*=\s*["']?(\d+)""", re.I)


def _label_row(row: str, names: list[str]) -> str:
    column = 0

    def label(cell: re.Match) -> str:
        nonlocal column
        name = names[column] if column < len(names) else ""
        span = _COLSPAN.search(cell.group(2))
        column += int(span.group(1)) if span else 1
        if not name or span or "data-label=" in cell.group(2):
            return cell.group(0)
        return f'<{cell.group(1)}{cell.group(2)} data-label="{esc(name)}">'

    return _CELL_OPEN.sub(label, row)


def _text(cell_html: str) -> str:
    """A header cell's text: tags removed, entities read, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", cell_html)).split())
