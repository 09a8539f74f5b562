"""From the bytes of a case file to front matter values with their positions.

Everything here treats the file as untrusted input: size, encoding, YAML
aliases, custom tags and nesting are checked before any value is built.
Positions are 1-based file lines and columns taken from the YAML nodes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

import goedvoorbeeld.check.simple_yaml as simple_yaml
from goedvoorbeeld.check.problems import Problem, problem
from goedvoorbeeld.check.safety import blank_controls, control_characters, may_hold_controls

# PyYAML's C loader is about ten times faster; fall back to pure Python without libyaml.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 256 * 1024
# root mapping (1) > links list (2) > one link mapping (3) > its values (4)
MAX_DEPTH = 4
_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}
# The line that closes the front matter, matched from the line break before it: a pattern that starts with
# a plain character is searched for quickly, while `^` with MULTILINE is tried at every position. `split`
# gives what the MULTILINE form gave: test_scale.py's test_fast_split_equals_the_reference.
_CLOSING = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?=\n|\Z)")

Path = tuple  # a path into the front matter: ("links", 0, "url")


@dataclass
class FrontMatter:
    """Front matter values, where each value and key stands, and the body."""

    values: dict
    positions: dict = field(default_factory=dict)  # Path -> (line, column); (*path, KEY) for keys
    body: str = ""
    body_line: int = 1  # file line of the body's first line

    def pos(self, *path) -> tuple[int, int]:
        """Position of a value, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            found = self.positions.get(p)  # one look-up instead of `in` and `[]` (no position is None)
            if found is not None:
                return found
            p = p[:-1]
        return self.positions.get((), (1, 1))

    def key_pos(self, key: str) -> tuple[int, int]:
        return self.positions.get((key, KEY)) or self.pos(key)


KEY = "\x00key"  # marker in a path for "the key itself"


class _Invalid:
    """A value that could not be built; its problem is already reported."""

    def __repr__(self) -> str:  # pragma: no cover
        return "<ongeldig>"


INVALID = _Invalid()


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes to normalised text: size limit, strict UTF-8, BOM and CRLF accepted."""
    if len(data) > MAX_BYTES:
        kb = (len(data) + 1023) // 1024
        return None, [problem(path, 1, 1, "GV007", f"het bestand is {kb} KB; het maximum is 256 KB")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return None, [problem(path, line, col, "GV008",
                              f"het bestand is geen geldige UTF-8 (byte {e.start}, waarde 0x{data[e.start]:02x})")]
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:  # one scan instead of two for the usual file without carriage returns
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def split(path: str, text: str) -> tuple[str | None, str, int, list[Problem]]:
    """Split text into (yaml, body, body_line). The YAML starts at file line 2."""
    if not text or text.isspace():  # `not text.strip()` without copying the text
        return None, "", 1, [problem(path, 1, 1, "GV002", "het bestand is leeg")]
    nl = text.find("\n")
    first = text if nl == -1 else text[:nl]
    if first.rstrip() != "---":
        return None, "", 1, [problem(path, 1, 1, "GV003", "het bestand begint niet met front matter ('---' op de eerste regel)")]
    m = None if nl == -1 else _CLOSING.search(text, nl)
    if not m:
        last = text.count("\n") + 1
        return None, "", 1, [problem(path, last, 1, "GV004",
                                     "de front matter wordt niet afgesloten met een regel '---'")]
    fm = text[nl + 1:m.start() + 1]  # up to and with the line break before the closing line
    end = m.end()
    body = text[end + 1:] if text.startswith("\n", end) else text[end:]  # the body is copied once
    body_line = 2 + fm.count("\n") + 1
    return fm, body, body_line, []


def parse_yaml(path: str, text: str, line_offset: int = 1, max_depth: int = MAX_DEPTH, *,
               printable: bool = False, document: str = "de front matter") -> tuple[dict | None, dict, list[Problem]]:
    """Parse a YAML mapping safely. Returns (values, positions, problems).

    `line_offset` is the file line of the text's first line. Values that could
    not be built are `INVALID`; `values` is None when nothing usable came out.
    `printable`: see `simple_yaml.parse`. `document` names the root mapping in
    Dutch messages ("sleutel 'top' staat twee keer in de tagslijst").
    """
    if max_depth >= simple_yaml.DEPTH:
        simple = simple_yaml.parse(text, KEY, line_offset, printable=printable)
        if simple is not None:
            values, top = simple
            return values, LazyPositions(line_offset, text=text, top=top), []
    loader = _Loader(text)
    problems: list[Problem] = []
    positions: dict = {}

    def at(mark) -> tuple[int, int]:
        return mark.line + line_offset, mark.column + 1

    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            line, col = at(mark) if mark else (line_offset, 1)
            what = e.problem or e.context or "onbekende fout"
            if "nesting depth" in what:
                return None, positions, [problem(path, line, col, "GV011", "te diep genest")]
            return None, positions, [problem(path, line, col, "GV005", f"ongeldige YAML: {what}")]
        except yaml.YAMLError as e:  # a character YAML refuses (a ReaderError) carries no mark
            return None, positions, [problem(path, line_offset, 1, "GV005", f"ongeldige YAML: {e}")]
        if node is None:
            return {}, positions, []
        if not isinstance(node, yaml.MappingNode):
            return None, positions, [problem(path, *at(node.start_mark), "GV006",
                                             "de front matter moet sleutels met waarden bevatten "
                                             "(zoals 'title: ...'), geen lijst of losse tekst")]
        if _is_plain(node, max_depth):
            # Fast path for the common case (no alias, tag, duplicate key or odd key, not too deep):
            # build the values in one go and find positions only when a problem needs one.
            try:
                return loader.construct_document(node), LazyPositions(line_offset, root=node), []
            except (*_UNBUILDABLE, yaml.YAMLError):  # e.g. an impossible date: the careful path reports it
                loader.constructed_objects, loader.recursive_objects = {}, {}
        seen: set[int] = set()

        def build(n, depth: int, where: tuple):
            if id(n) in seen:
                problems.append(problem(path, *at(n.start_mark), "GV009",
                                        "YAML-ankers en -aliassen (& en *) zijn niet toegestaan"))
                raise _Stop
            seen.add(id(n))
            positions[where] = at(n.start_mark)
            if n.tag not in _ALLOWED_TAGS:
                problems.append(problem(path, *at(n.start_mark), "GV010",
                                        f"YAML-tag '{n.tag.replace('tag:yaml.org,2002:', '!!')}' is niet toegestaan"))
                return INVALID
            if depth > max_depth:
                problems.append(problem(path, *at(n.start_mark), "GV011",
                                        f"{_label(where)}: te diep genest"))
                return INVALID
            if isinstance(n, yaml.ScalarNode):
                try:
                    return loader.construct_object(n)
                except _UNBUILDABLE:
                    if n.tag.endswith(":bool"):  # `!!bool x`
                        problems.append(problem(path, *at(n.start_mark), "GV103",
                                                f"{_label(where)}: '{n.value[:20]}' is geen true of false"))
                        return INVALID
                    if not n.tag.endswith(":timestamp"):  # an integer with thousands of digits, `!!float x`
                        problems.append(problem(path, *at(n.start_mark), "GV103",
                                                f"{_label(where)}: '{n.value[:20]}...' is geen bruikbaar getal"))
                        return INVALID
                    problems.append(problem(path, *at(n.start_mark), "GV111",
                                            f"{_label(where)}: '{n.value}' is geen bestaande datum (JJJJ-MM-DD)"))
                    return INVALID
                except yaml.YAMLError as e:
                    problems.append(problem(path, *at(n.start_mark), "GV005", f"ongeldige YAML: {e}"))
                    return INVALID
            if isinstance(n, yaml.SequenceNode):
                return [build(c, depth + 1, (*where, i)) for i, c in enumerate(n.value)]
            out: dict = {}
            for k, v in n.value:
                key = build(k, depth + 1, (*where, KEY))
                if key is INVALID:  # already reported
                    continue
                if not isinstance(key, str):
                    shown = k.value if isinstance(k, yaml.ScalarNode) else "[...]"
                    problems.append(problem(path, *at(k.start_mark), "GV103",
                                            f"sleutel '{shown}' moet tekst zijn"))
                    continue
                positions[(*where, key, KEY)] = at(k.start_mark)
                if key in out:
                    problems.append(problem(path, *at(k.start_mark), "GV015",
                                            f"sleutel '{key}' staat twee keer in {_label(where) or document}"))
                    continue
                out[key] = build(v, depth + 1, (*where, key))
            return out

        try:
            values = build(node, 1, ())
        except _Stop:
            return None, positions, problems
        return values, positions, problems
    finally:
        loader.dispose()


# What PyYAML's safe constructors raise for a scalar its tag cannot hold: ValueError (an impossible date, an
# integer with thousands of digits, `!!float x`), KeyError (`!!bool x`), AttributeError (`!!timestamp x`).
_UNBUILDABLE = (ValueError, KeyError, AttributeError)


class _Stop(Exception):
    """Building stops: the document has an alias."""


_STR = "tag:yaml.org,2002:str"


def _is_plain(root: yaml.Node, max_depth: int) -> bool:
    """True when `build` in parse_yaml would report no problem about the structure of the node tree.

    The tree has no alias (a node met twice), only allowed tags, no key that is not a plain string or
    that appears twice in its mapping, and no value deeper than `max_depth` (keys count one deeper).
    Dates are not checked here; constructing them raises ValueError, which sends parse_yaml to `build`.
    """
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        n, depth = stack.pop()
        if depth > max_depth or n.tag not in _ALLOWED_TAGS or id(n) in seen:
            return False
        seen.add(id(n))
        value = n.value
        if isinstance(n, yaml.MappingNode):  # (its keys are as deep as its values, which are checked when met)
            keys: set[str] = set()
            for k, v in value:
                if (k.tag != _STR or not isinstance(k, yaml.ScalarNode) or k.value in keys
                        or id(k) in seen):
                    return False
                seen.add(id(k))
                keys.add(k.value)
                stack.append((v, depth + 1))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend((c, depth + 1) for c in value)
    return True


class LazyPositions(Mapping):
    """The positions `build` in parse_yaml records, computed from the node tree when first needed.

    Top-level keys and values are answered without walking the tree: every valid case asks for the
    line of its title, while deeper positions are only needed to report a problem. Given the text
    instead of the tree, it composes the tree only then.
    """

    def __init__(self, line_offset: int, *, root: yaml.MappingNode | None = None, text: str | None = None,
                 top: dict | None = None):
        self._root, self._text, self._offset = root, text, line_offset
        self._all: dict | None = None
        self._top = top  # (line, column) of (key,) and (key, KEY) for top-level keys, when known

    def _at(self, mark) -> tuple[int, int]:
        return mark.line + self._offset, mark.column + 1

    def _node(self) -> yaml.MappingNode:
        if self._root is None:
            loader = _Loader(self._text)
            try:
                self._root = loader.get_single_node()
            finally:
                loader.dispose()
        return self._root

    def _lookup(self, key) -> dict:
        if self._all is None and isinstance(key, tuple) and (len(key) == 1 or (len(key) == 2 and key[1] == KEY)):
            if self._top is None:
                self._top = {}
                for k, v in self._node().value:
                    self._top[(k.value,)] = self._at(v.start_mark)
                    if not isinstance(v, yaml.MappingNode):  # `build` overwrites (key, KEY) inside a mapping
                        self._top[(k.value, KEY)] = self._at(k.start_mark)
            if key in self._top or key != (KEY,) and len(key) == 1:
                return self._top
        return self.all()

    def all(self) -> dict:
        if self._all is None:
            out: dict = {}
            stack: list = [(self._node(), ())]
            while stack:
                n, where = stack.pop()
                out[where] = self._at(n.start_mark)
                if isinstance(n, yaml.MappingNode):
                    for k, v in n.value:
                        out[(*where, KEY)] = self._at(k.start_mark)
                        out[(*where, k.value, KEY)] = self._at(k.start_mark)
                    # values after all keys of this mapping, like `build`, which sets them in order
                    stack.extend(((v, (*where, k.value)) for k, v in reversed(n.value)))
                elif isinstance(n, yaml.SequenceNode):
                    stack.extend(((c, (*where, i)) for i, c in reversed(list(enumerate(n.value)))))
            self._all = out
        return self._all

    def __getitem__(self, key):
        return self._lookup(key)[key]

    def get(self, key, default=None):
        return self._lookup(key).get(key, default)  # what Mapping.get gives, with one look-up

    def __contains__(self, key) -> bool:
        return key in self._lookup(key)

    def __iter__(self):
        return iter(self.all())

    def __len__(self) -> int:
        return len(self.all())


def _label(where: tuple) -> str:
    """A readable name for a path: links[2].url"""
    out = ""
    for part in where:
        if part == KEY:
            continue
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


label = _label


def read_front_matter(path: str, data: bytes) -> tuple[FrontMatter | None, list[Problem]]:
    """Bytes of a case file to its front matter and body, or problems."""
    text, problems = decode(path, data)
    if text is None:
        return None, problems
    bad = control_characters(path, text) if may_hold_controls(data) else []
    if bad:  # reported; blanked so that the rest of the file is still checked at the same positions
        text = blank_controls(text)
    fm_text, body, body_line, problems = split(path, text)
    problems = bad + problems
    if fm_text is None:
        return None, problems
    # Every character YAML refuses but a tab is a control character: reported and blanked above (surrogates
    # cannot come out of strict UTF-8). test_scale.py's test_blanked_text_leaves_yaml_nothing_to_refuse proves it.
    values, positions, more = parse_yaml(path, fm_text, line_offset=2, printable=True)
    problems += more
    if values is None:
        return None, problems
    return FrontMatter(values, positions, body, body_line), problems
