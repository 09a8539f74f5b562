"""simple_yaml: the fast front-matter reader gives exactly what the careful YAML path gives, and it takes every
text of the subset its docstring promises (so the common case never pays for the careful path).

The inputs are generated with a fixed seed: texts inside the subset, which the reader must take, and the same
texts with small edits (a character inserted or deleted, a line indented, a tab, a comment), which it must
either refuse or read exactly as PyYAML does. The careful path is `source.parse_yaml` with both fast paths
switched off, as in test_scale.py's `test_fast_front_matter_reading_equals_the_careful_path`.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

import goedvoorbeeld.check.simple_yaml as simple_yaml
import goedvoorbeeld.check.source as source
from goedvoorbeeld.check.source import KEY

OFFSET = 2  # the file line of the front matter's first line, as read_front_matter passes it

KEYS = ["title", "summary", "year", "tags", "links", "a_b", "_x", "k9", "level", "url", "x", "y", "n"]
WORDS = ["visie", "know-how", "lopend", "gemeente", "a", "x1", "b-2", "ja", "nee", "y", "n", "e5", "nul"]
DOUBLE = ["Hallo", "", "a: b", "café ✓", "a # b", "it's", " spaties ", "[x]", "- x", "1", "true", "~", "&a *b !c"]
SINGLE = ["Hallo wereld", "", 'zei "ja"', "a: b", "#", "2020", "null", "a\\b"]
INTS = ["0", "7", "2020", "123456789", "100000000", "10"]
DATES = ["2026-01-31", "2024-02-29", "1999-12-01", "2000-10-10"]

# Texts near the edges of the subset; the reader must refuse them or read them exactly (most it must refuse).
EDGES = [
    "on: x\n", "yes: x\n", "null: x\n", "off: x\n", "tags: [visie, yes]\n", "tags: [on]\n", "level: null\n",
    "level: true\n", "level: off\n", "level: No\n", "year: 02020\n", "year: 1234567890\n", "year: -5\n",
    "added: 2026-02-30\n", "added: 2026-13-01\n", "added: 2026-1-1\n", "title: x\t\n", "title:\tx\n",
    "tags:\n  -   visie\n", "tags:\n  -\tvisie\n", "links:\n  - on: x\n", "links:\n  - yes: x\n",
    "links:\n  - title: a\n    on: b\n", "links:\n  - title: [a]\n", "links:\n  - title: a\n    url: []\n", "a: 1\na: 2\n", "links:\n  - title: a\n    title: b\n",
    "title:\n", "title:   \n", "title:\nyear: 1\n", "links:\n  - title:\n", "links:\n  - a: 1\n    b:\n",
    'title: "a\x07b"\n', 'title: "a\x85b"\n', 'title: "a\u2028b"\n', 'title: "a\ufeffb"\n', "title: 'a\x7fb'\n",
    "tags:\n  - a\n - b\n", "tags:\n  - a\n   - b\n", "tags:\n  - a\n    b\n", "tags:\n  - a\nb: 1\n",
    "tags:\n- a\n-  b\n", "links:\n  - a: 1\n     b: 2\n", "links:\n  - a: 1\n   b: 2\n", "links:\n  - a: 1\n  b: 2\n",
    "links:\n  - a: 1\n    b 2\n", "links:\n  - a: 1\n    b: [c\n", "tags:\n  - [a, b]\n  - c\n", "tags:\n  - [a, yes]\n",
    "tags:\n  - yes\n", "tags:\n  - on: x\n", "tags:\n  - 'a'\n  - \"b\"\n  - 3\n  - 2020-01-01\n  - 2020-02-30\n",
    "Title: x\n", "title:x\n", " title: x\n", "title: x\n  y\n", "title: x # c\n", "title: 'x' # c\n",
    "tags: [visie,]\n", "tags: [Visie]\n", "tags: [a b]\n", "tags: [ ]\n", "tags: [a,b ,  c]\n", "-: x\n",
    "# c\n", "\n", "", "  \n", "#\n#\n", "  # c\ntitle: x\n", "title: x\n#c\n  \ntags:\n  - a\n\n  - b\n",
    "title: x\n---\n", "title: x\n...\n", "- a\n", "title: [a\n", "title: {a: 1}\n", "x: &a 1\ny: *a\n",
    "x: !!str 1\n", "x: !t 1\n", "<<: {a: 1}\n", "x: a: b\n", "x: 'a\nb'\n", 'x: "a\\"b"\n', "x: 1_000\n",
    "tags:\n  - a\nX\n  - b\n", "tags:\n  - a\n  X \n  - b\n", "title: x\n\xa0\n", "title: x\n \u3000\n", "tags:\n  - a\n\xa0\n  - b\n", "tags:\n  - a\xa0\n", "tags:\n  - a\u3000\n", "tags:\n  - [a]X\n", "tags:\n  - 'a'X\n", "x: 0x1F\n", "x: 1e5\n", "x: .5\n", "x: 12:30\n", "x: 2020-01-01 10:00:00\n", "x: =\n", "x: -\n",
]


def _careful(monkeypatch, texts: list[str]) -> list:
    """(values, top-level positions) of each text by the careful path, or None where it finds a problem."""
    out = []
    with monkeypatch.context() as m:
        m.setattr(simple_yaml, "parse", lambda *a, **k: None)
        m.setattr(source, "_is_plain", lambda *a: False)
        for text in texts:
            values, positions, problems = source.parse_yaml("x.md", text, OFFSET)
            if values is None or problems or not values:
                out.append(None)
                continue
            top = {p: at for p, at in positions.items()
                   if (len(p) == 1 and p[0] != KEY) or (len(p) == 2 and p[0] != KEY and p[1] == KEY)}
            out.append((values, top))
    return out


def _value(rng: random.Random, flow: bool = True) -> str:
    kind = rng.randrange(6 if flow else 5)
    if kind == 0:
        return '"' + rng.choice(DOUBLE) + '"'
    if kind == 1:
        return "'" + rng.choice(SINGLE) + "'"
    if kind == 2:
        return rng.choice(INTS)
    if kind == 3:
        return rng.choice(DATES)
    if kind == 4:
        return rng.choice(WORDS)
    sp = lambda: " " * rng.choice([0, 0, 1, 2])  # noqa: E731
    words = rng.sample(WORDS, rng.randrange(4))
    return "[" + sp() + (sp() + "," + sp()).join(words) + sp() + "]"


def _subset_text(rng: random.Random) -> str:
    """A front matter inside the subset: entries, block lists of values or small mappings, comments, blanks."""
    lines: list[str] = []
    after_block = False
    for key in rng.sample(KEYS, rng.randint(1, 5)):
        if rng.random() < 0.2:  # (a line of spaces after a mapping in a list is left to the careful path)
            lines.append(rng.choice(["# commentaar", "#", ""] if after_block else ["# commentaar", "#", "", "   "]))
        after_block = rng.random() >= 0.6
        if not after_block:
            lines.append(f"{key}:{' ' * rng.randint(1, 3)}{_value(rng)}{' ' * rng.choice([0, 0, 1, 2])}")
            continue
        lines.append(f"{key}:{' ' * rng.choice([0, 0, 1])}")
        d = rng.randrange(5)
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.3:
                lines.append(" " * rng.randrange(d + 5))
            tail = " " * rng.choice([0, 0, 1])
            if rng.random() < 0.5:
                lines.append(" " * d + "- " + _value(rng) + tail)
                continue
            keys = rng.sample(KEYS, rng.randint(1, 3))
            # no flow list in a mapping in a list: the root > list > mapping > list > word is too deep (GV011)
            lines.append(" " * d + f"- {keys[0]}: {_value(rng, False)}{tail}")
            lines += [" " * (d + 2) + f"{k}:{' ' * rng.randint(1, 2)}{_value(rng, False)}{tail}" for k in keys[1:]]
    return "\n".join(lines) + rng.choice(["\n", "\n", "", "\n\n"])


NOISE = list(" \t\"'\\#:-[],&*!{}|>%@`?~\x07\x85\u2028\ufeffé\nAX0._=<\xa0\u3000")


def _edited(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 2)):
        kind = rng.randrange(4)
        i = rng.randrange(len(text) + 1)
        if kind == 0:
            text = text[:i] + rng.choice(NOISE) + text[i:]
        elif kind == 1:
            text = text[:i] + text[i + 1:]
        else:
            lines = text.split("\n")
            j = rng.randrange(len(lines))
            lines[j] = rng.choice([" " + lines[j], lines[j] + "\t# x", lines[j] + " # x", "- " + lines[j],
                                   lines[j] + " x", lines[j].replace(": ", ":", 1), lines[j].upper(),
                                   lines[j] + "\n" + lines[j]])
            text = "\n".join(lines)
    return text


def _texts(seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    subset = [_subset_text(rng) for _ in range(500)]
    edited = [_edited(rng, rng.choice(subset)) for _ in range(1200)]
    return subset, edited


def _shown(result) -> str:
    """A result with the type of every value in it (True is not 'true', 1 not '1', a date not its text)."""
    return repr(result)


def test_every_text_of_the_subset_is_read_as_pyyaml_reads_it(monkeypatch):
    """Each generated text inside the subset is taken by the fast reader (it does not fall back) and gives the
    careful path's values, with their types and key order, and the line and column of every top-level key and
    value."""
    subset, _ = _texts(16)
    careful = _careful(monkeypatch, subset)
    simple_yaml._ENTRIES.clear()
    for text, expected in zip(subset, careful):
        assert expected is not None, text  # the generator stays inside what PyYAML reads without a problem
        got = simple_yaml.parse(text, KEY, OFFSET)
        assert got is not None, text
        assert _shown(got) == _shown(expected), text


def test_the_reader_never_gives_another_value_than_pyyaml(monkeypatch):
    """On edited texts and texts near the edges of the subset, the fast reader either refuses (None, and the
    careful path reads the text) or gives exactly the careful path's values and positions; where the careful
    path finds a problem, it always refuses."""
    _, edited = _texts(61)
    texts = EDGES + edited
    careful = _careful(monkeypatch, texts)
    taken = 0
    for memo in (True, False):  # with the memo of lines as earlier texts left it, and empty for every text
        for text, expected in zip(texts, careful):
            if not memo:
                simple_yaml._ENTRIES.clear()
            got = simple_yaml.parse(text, KEY, OFFSET)
            if got is None:
                continue
            taken += 1
            assert expected is not None and _shown(got) == _shown(expected), text
    assert taken > 400  # many edits leave a text in the subset: the comparison is not empty


def test_the_common_forms_give_these_values_and_positions():
    """One text with every form of the subset, read by hand."""
    text = ("# commentaar\n"
            'title: "Open raad: live"\n'
            "summary:   'Zei \"ja\"'  \n"
            "\n"
            "level: gemeente\n"
            "year: 2021\n"
            "nul: 0\n"
            "tags: [ visie ,know-how ]\n"
            "leeg: []\n"
            "added: 2024-02-29\n"
            "lijst:\n"
            "  - a\n"
            "\n"
            "  - 'b c'\n"
            "  - [d]\n"
            "links:\n"
            '- title: "Raad"\n'
            '  url: "https://raad.example"\n'
            "- title: x\n")
    values, positions = simple_yaml.parse(text, KEY, 10)
    assert _shown(values) == _shown({
        "title": "Open raad: live", "summary": 'Zei "ja"', "level": "gemeente", "year": 2021, "nul": 0,
        "tags": ["visie", "know-how"], "leeg": [], "added": dt.date(2024, 2, 29), "lijst": ["a", "b c", ["d"]],
        "links": [{"title": "Raad", "url": "https://raad.example"}, {"title": "x"}]})
    assert positions == {
        ("title", KEY): (11, 1), ("title",): (11, 8), ("summary", KEY): (12, 1), ("summary",): (12, 12),
        ("level", KEY): (14, 1), ("level",): (14, 8), ("year", KEY): (15, 1), ("year",): (15, 7),
        ("nul", KEY): (16, 1), ("nul",): (16, 6), ("tags", KEY): (17, 1), ("tags",): (17, 7),
        ("leeg", KEY): (18, 1), ("leeg",): (18, 7), ("added", KEY): (19, 1), ("added",): (19, 8),
        ("lijst", KEY): (20, 1), ("lijst",): (21, 3), ("links", KEY): (25, 1), ("links",): (26, 1)}
    assert simple_yaml.parse("title: x\n", KEY) == ({"title": "x"}, {("title", KEY): (1, 1), ("title",): (1, 8)})


@pytest.mark.parametrize("text", ['title: "x"\n', "title: 'x'\n", 'tags:\n  - "x"\n'])
def test_a_text_with_a_character_yaml_refuses_is_left_to_the_careful_path(text):
    """Without `printable=True` the reader looks for characters PyYAML refuses and leaves such text to the
    careful path; with it (the caller blanked them), it does not look again. A tab always sends text there."""
    for bad in ("\x07", "\x85", "\ufeff", "\u2028"):
        dirty = text.replace("x", f"x{bad}")
        assert simple_yaml.parse(dirty, KEY) is None
        assert simple_yaml.parse(dirty, KEY, printable=True) is not None
    assert simple_yaml.parse(text + "# \t\n", KEY) is None
    assert simple_yaml.parse(text + "# \t\n", KEY, printable=True) is None


def test_a_flow_list_is_new_for_every_text_and_a_remembered_line_is_not():
    """A flow list is built again for each text (a check that changes one case's list changes no other's);
    other values come from the memo of lines, which is emptied when it is full."""
    text = "tags: [visie, know-how]\nlevel: gemeente\n"
    simple_yaml._ENTRIES.clear()
    first, second = simple_yaml.parse(text, KEY)[0], simple_yaml.parse(text, KEY)[0]
    assert first["tags"] == second["tags"] == ["visie", "know-how"] and first["tags"] is not second["tags"]
    assert "tags: [visie, know-how]" not in simple_yaml._ENTRIES
    assert simple_yaml._ENTRIES["level: gemeente"] == ("level", "gemeente", 8)
    assert simple_yaml._entry("links:") == ("links", None, 0) and simple_yaml._ENTRIES["links:"] == ("links", None, 0)
    assert simple_yaml._entry("  - a") is None and simple_yaml._entry("") is None


def test_the_memo_of_lines_is_emptied_when_it_is_full(monkeypatch):
    """The memo never holds more than _ENTRIES_MAX lines: the line that finds it full empties it first."""
    monkeypatch.setattr(simple_yaml, "_ENTRIES_MAX", 3)
    simple_yaml._ENTRIES.clear()
    for i in range(3):
        simple_yaml._entry(f"k{i}: {i}")
    assert list(simple_yaml._ENTRIES) == ["k0: 0", "k1: 1", "k2: 2"]
    assert simple_yaml._entry("k3: 3") == ("k3", 3, 5)
    assert list(simple_yaml._ENTRIES) == ["k3: 3"]
