"""A fast reader for the plain YAML that front matter of a case almost always is.

Reading 10,000 front matters with PyYAML (even its C loader) takes about a
second, most of it spent building nodes and marks that only matter when
something is wrong. This reader accepts a small subset of YAML that it can
read exactly (line by line, with one regular expression per line) and
returns None for anything else, so the caller falls back to the careful YAML
path, which reports every problem with its position. The subset:

- `key: value` lines at the left margin (lower-case keys), blank lines and
  `#` comment lines at the left margin;
- a value that is a double-quoted string without `\\` or `"`, a single-quoted
  string without `'`, a whole number, a date `JJJJ-MM-DD`, a lower-case word
  such as `lopend` (not `yes`, `no`, `on`, `off`, `true`, `false`, `null`), or
  a flow list of such words (`[visie, know-how]`);
- an empty value followed by a block list whose items are such values or
  small mappings (`- title: "..."` with `url: "..."` under it).

For accepted text the result equals what PyYAML's safe loader constructs;
the tests compare the two on many inputs.
"""

from __future__ import annotations

import datetime as dt
import re

_KEY = r"[a-z_][a-z0-9_]*"
_WORD = r"[a-z][a-z0-9-]*"
# A value in one of the simple forms; the name of the group that matched says which.
_VALUE = (rf'"(?P<double>[^"\\]*)"'
          rf"|'(?P<single>[^']*)'"
          rf"|\[ *(?P<flow>(?:{_WORD}(?: *, *{_WORD})*)?) *\]"
          rf"|(?P<int>0|[1-9][0-9]{{0,8}})"
          rf"|(?P<date>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})"
          rf"|(?P<word>{_WORD})")
_SCALAR = re.compile(_VALUE)
# `key: value` with a simple value (group 2: the spaces before it), or `key:` without one: a whole line in
# one match, so that the common line costs one call into the regular expression engine.
_ENTRY = re.compile(rf"({_KEY}):(?:( +)(?:{_VALUE}) *| *)")
_ITEM = re.compile(r"( *)- +(.*)")
# Words YAML 1.1 reads as true, false or null rather than as text.
_NOT_TEXT = frozenset("yes no true false on off null".split())
# Characters PyYAML refuses in a stream; such text goes to the careful path, which reports them.
# \x85, \u2028 and \u2029 are line breaks to YAML 1.1 and \ufeff a byte order mark: left to the careful path too.
# (Written as the few characters it refuses: a class of what it allows takes milliseconds to compile at start-up.)
_NON_PRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")

DEPTH = 4  # the deepest this subset goes: root mapping > list > mapping > value
Positions = dict  # (key,) or (key, KEY) -> (line, column)


class _NotSimple(Exception):
    pass


def _scalar(text: str):
    """The value of an inline scalar or flow list, or _NotSimple."""
    m = _SCALAR.fullmatch(text)
    if m is None:
        raise _NotSimple
    return _value_of(m)


def _value_of(m: re.Match):
    """The value a match of _VALUE (in _SCALAR or _ENTRY) stands for, or _NotSimple."""
    kind = m.lastgroup
    text = m.group(kind)
    if kind == "double" or kind == "single":
        return text
    if kind == "int":
        return int(text)
    if kind == "date":
        try:  # for JJJJ-MM-DD (ASCII digits) the same date as date(int(...), ...), and the same ValueError
            return dt.date.fromisoformat(text)
        except ValueError:  # an impossible date: the careful path reports it
            raise _NotSimple from None
    if kind == "flow":
        # the words hold no space or comma (_WORD): without the spaces, the commas alone separate them
        words = text.replace(" ", "").split(",") if text else []
        if _NOT_TEXT.intersection(words):
            raise _NotSimple
        return words
    if text in _NOT_TEXT:  # a word that YAML reads as true, false or null
        raise _NotSimple
    return text


# What `_entry` found for lines seen before: most lines of front matter recur from file to file (level,
# status, year, organisation, contact, `links:`), and a dictionary look-up costs a tenth of a match and its
# value. The entry depends on nothing but the line, and its value is immutable (lines with a flow list are not
# kept), so an entry found here is what matching the line again would give. Bounded: it is emptied when full.
_ENTRIES: dict[str, tuple] = {}
_ENTRIES_MAX = 8192


def _entry(line: str) -> tuple[str, object, int] | None:
    """(key, value, column of the value) of a `key: value` line, (key, None, 0) of a line `key:`, or None
    for a line that is neither. Raises _NotSimple for a value or key outside the subset."""
    entry = _ENTRIES.get(line)
    if entry is not None:
        return entry
    m = _ENTRY.fullmatch(line)
    if m is None:
        return None
    key = m.group(1)
    if key in _NOT_TEXT:  # a key YAML reads as true, false or null
        raise _NotSimple
    if m.lastindex == 1:
        entry = (key, None, 0)
    else:
        value = _value_of(m)
        entry = (key, value, m.end(2) + 1)
        if isinstance(value, list):  # a new list for every file
            return entry
    if len(_ENTRIES) >= _ENTRIES_MAX:
        _ENTRIES.clear()
    _ENTRIES[line] = entry
    return entry


def parse(text: str, key_marker: str, line_offset: int = 1, *,
          printable: bool = False) -> tuple[dict, Positions] | None:
    """(values, top-level positions) of a simple YAML mapping, or None when the text is not simple.

    Positions hold `(key,)` (where the value starts) and `(key, key_marker)` (where the key starts)
    for every top-level key as (line, column): 1-based columns, lines counted from `line_offset`.
    `printable=True` says that the caller made sure the text has no character of _NON_PRINTABLE but
    tabs, so that it need not be scanned again (source.read_front_matter blanks them all).
    """
    if "\t" in text or (not printable and _NON_PRINTABLE.search(text)):
        return None
    lines = text.split("\n")
    values: dict = {}
    pos: Positions = {}
    i, n = 0, len(lines)
    try:
        while i < n:
            line = lines[i]
            # the look-up here saves a call for most lines; an empty line (one ends every text) is no entry
            entry = (_ENTRIES.get(line) or _entry(line)) if line else None
            if entry is None:
                # (only spaces: to YAML a no-break space is text, which Python's isspace() and strip() count as space)
                if not line or line[0] == "#" or not line.strip(" "):
                    i += 1
                    continue
                return None
            key, value, column = entry
            if key in values:
                return None
            pos[(key, key_marker)] = (i + line_offset, 1)
            if column:  # a value on the line itself
                values[key] = value
                pos[(key,)] = (i + line_offset, column)
                i += 1
                continue
            i, value, where = _block(lines, i + 1)
            if where is None:
                raise _NotSimple  # `key:` without a value: rare; the careful path knows where YAML puts it
            values[key] = value
            pos[(key,)] = (where[0] + line_offset, where[1] + 1)
    except _NotSimple:
        return None
    return (values, pos) if values else None


def _block(lines: list[str], i: int) -> tuple[int, object, tuple[int, int] | None]:
    """A block list after `key:` (or nothing: null). Returns (next line, value, position of the list)."""
    items: list = []
    indent: int | None = None
    start = None
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line.strip(" "):
            i += 1
            continue
        m = _ITEM.fullmatch(line)
        if not m:  # the next key, or something `parse` refuses (an indented line is no `key: value`)
            break
        d = len(m.group(1))
        if indent is None:
            indent, start = d, (i, d)
        elif d != indent:
            raise _NotSimple
        content = m.group(2).rstrip(" ")
        if m.start(2) != d + 2:
            raise _NotSimple  # `-   key: ...`: keep the simple column rule
        km = _ENTRY.fullmatch(content)
        if km is None:  # not `key: value` with a simple value; `_scalar` refuses every `key: ...` too
            items.append(_scalar(content))
            i += 1
            continue
        mapping: dict = {}
        while True:
            k = km.group(1)
            if km.lastindex == 1 or k in mapping or k in _NOT_TEXT:  # no value, or a key YAML reads otherwise
                raise _NotSimple
            value = _value_of(km)
            if isinstance(value, list):  # root > list > mapping > list > word: deeper than DEPTH
                raise _NotSimple
            mapping[k] = value
            i += 1
            # the mapping ends at a line that does not hold a key right under its first key (a blank one too)
            if i >= n or not lines[i].startswith(" " * (d + 2)) or lines[i][d + 2:d + 3] in ("", " "):
                break
            km = _ENTRY.fullmatch(lines[i][d + 2:])
            if km is None:
                raise _NotSimple
        items.append(mapping)
    if indent is None:
        return i, None, None
    return i, items, start
