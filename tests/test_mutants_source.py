"""source: bytes to safe YAML with positions, each check with its exact code, line, column and message, and the
fast paths (`simple_yaml`, `_is_plain`, `LazyPositions`) compared with the careful path on texts that reach them."""

from __future__ import annotations

import datetime as dt
import random

import pytest

import goedvoorbeeld.check.simple_yaml as simple_yaml
import goedvoorbeeld.check.source as source
from goedvoorbeeld.check.source import (INVALID, KEY, MAX_BYTES, FrontMatter, decode, label, parse_yaml,
                                        read_front_matter, split)


def found(problems):
    return [(p.path, p.line, p.column, p.code, p.message) for p in problems]


# --- decode ---------------------------------------------------------------------------------------------

def test_a_file_of_exactly_the_maximum_size_is_read_and_one_byte_more_is_refused_in_whole_kilobytes():
    assert decode("x.md", b"a" * MAX_BYTES) == ("a" * MAX_BYTES, [])
    assert found(decode("x.md", b"a" * (MAX_BYTES + 1))[1]) == [
        ("x.md", 1, 1, "GV007", "het bestand is 257 KB; het maximum is 256 KB")]
    assert found(decode("x.md", b"a" * (MAX_BYTES + 1024))[1])[0][4] == "het bestand is 257 KB; het maximum is 256 KB"
    assert found(decode("x.md", b"a" * (MAX_BYTES + 1025))[1])[0][4] == "het bestand is 258 KB; het maximum is 256 KB"


@pytest.mark.parametrize("data,line,column,offset,byte", [
    (b"\xff---\n", 1, 1, 0, "ff"),
    (b"\n\xff", 2, 1, 1, "ff"),
    (b"\nab\xff", 2, 3, 3, "ff"),
    (b"ab\xe9\n", 1, 3, 2, "e9"),
    (b"---\ntitle: caf\xe9\n---\n", 2, 11, 14, "e9"),
    (b"a\nb\n\x80c\n", 3, 1, 4, "80"),
    (b"a\r\n\r\nxy\xc3(\n", 3, 3, 7, "c3"),
])
def test_invalid_utf8_is_reported_at_its_line_column_and_byte(data, line, column, offset, byte):
    assert decode("p.md", data) == (None, [source.problem(
        "p.md", line, column, "GV008", f"het bestand is geen geldige UTF-8 (byte {offset}, waarde 0x{byte})")])


def test_one_byte_order_mark_is_dropped_and_every_line_end_becomes_a_line_feed():
    assert decode("x.md", "\ufeffa\r\nb\rc\n\r".encode()) == ("a\nb\nc\n\n", [])
    assert decode("x.md", "\ufeff\ufeffa".encode()) == ("\ufeffa", [])
    assert decode("x.md", "a\ufeff".encode()) == ("a\ufeff", [])
    assert decode("x.md", b"\r\r\n") == ("\n\n", [])


# --- split ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("---\n---\nbody", ("", "body", 3)),
    ("---\n---", ("", "", 3)),
    ("---  \ntitle: x\n...\t \n\nbody\n", ("title: x\n", "\nbody\n", 4)),
    ("---\na: 1\nb: 2\n--- \nx\n---\ny", ("a: 1\nb: 2\n", "x\n---\ny", 5)),
    ("---\na: 1\n---x\n---\n", ("a: 1\n---x\n", "", 5)),
])
def test_split_gives_the_front_matter_the_body_and_the_body_line(text, expected):
    assert split("x.md", text) == (*expected, [])


@pytest.mark.parametrize("text,code,line,message", [
    ("", "GV002", 1, "het bestand is leeg"),
    (" \n\t\n", "GV002", 1, "het bestand is leeg"),
    ("title: x\n---\n", "GV003", 1, "het bestand begint niet met front matter ('---' op de eerste regel)"),
    ("---x\n---\n", "GV003", 1, "het bestand begint niet met front matter ('---' op de eerste regel)"),
    ("---", "GV004", 1, "de front matter wordt niet afgesloten met een regel '---'"),
    ("---\n", "GV004", 2, "de front matter wordt niet afgesloten met een regel '---'"),
    ("---\na: 1\n ---\n", "GV004", 4, "de front matter wordt niet afgesloten met een regel '---'"),
])
def test_split_reports_a_file_it_cannot_split_at_line_one_or_at_its_end(text, code, line, message):
    assert split("x.md", text) == (None, "", 1, [source.problem("x.md", line, 1, code, message)])


# --- parse_yaml: the careful path ------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("title: [a\n", [("x.md", 4, 1, "GV005", "ongeldige YAML: did not find expected ',' or ']'")]),
    ("a: b\n  c: d\n", [("x.md", 4, 4, "GV005", "ongeldige YAML: mapping values are not allowed in this context")]),
    ("x: " + "[" * 2000 + "]" * 2000 + "\n", [("x.md", 3, 1003, "GV011", "te diep genest")]),
    ("- a\n", [("x.md", 3, 1, "GV006", "de front matter moet sleutels met waarden bevatten (zoals 'title: ...'), "
                                       "geen lijst of losse tekst")]),
    ("\n\n  tekst\n", [("x.md", 5, 3, "GV006", "de front matter moet sleutels met waarden bevatten (zoals "
                                             "'title: ...'), geen lijst of losse tekst")]),
])
def test_yaml_that_is_no_mapping_is_reported_where_it_goes_wrong(text, expected):
    values, positions, problems = parse_yaml("x.md", text, line_offset=3)
    assert values is None and dict(positions) == {} and found(problems) == expected


def test_an_empty_front_matter_is_an_empty_mapping():
    for text in ("", "\n", "# alleen commentaar\n"):
        values, positions, problems = parse_yaml("x.md", text, 2)
        assert values == {} and dict(positions) == {} and problems == []


def test_each_problem_of_the_careful_path_has_its_code_position_and_message():
    text = ("a: !!python/object:os.system x\n"
            "b: !!timestamp x\n"
            "c: !!bool x\n"
            "d: !!float x\n"
            "e: 2026-02-30\n"
            "1: g\n"
            "? [h]\n"
            ": i\n"
            "j: &j [k, [l, [m]]]\n"
            "n: " + "9" * 5000 + "\n"
            "j: dubbel\n"
            "o: {p: 1, p: 2}\n"
            "q: !!bool yes\n"
            "r: !!timestamp 2020-01-02\n"
            "s: !!str [t]\n"
            "!!python/name:os u: 1\n"
            "v: !!bool abcdefghijklmnopqrstuvwxyz\n")
    values, positions, problems = parse_yaml("x.md", text, 2)
    assert found(problems) == [
        ("x.md", 2, 4, "GV010", "YAML-tag '!!python/object:os.system' is niet toegestaan"),
        ("x.md", 3, 4, "GV111", "b: 'x' is geen bestaande datum (JJJJ-MM-DD)"),
        ("x.md", 4, 4, "GV103", "c: 'x' is geen true of false"),
        ("x.md", 5, 4, "GV103", "d: 'x...' is geen bruikbaar getal"),
        ("x.md", 6, 4, "GV111", "e: '2026-02-30' is geen bestaande datum (JJJJ-MM-DD)"),
        ("x.md", 7, 1, "GV103", "sleutel '1' moet tekst zijn"),
        ("x.md", 8, 3, "GV103", "sleutel '[...]' moet tekst zijn"),
        ("x.md", 10, 16, "GV011", "j[2][2][1]: te diep genest"),
        ("x.md", 11, 4, "GV103", "n: '99999999999999999999...' is geen bruikbaar getal"),
        ("x.md", 12, 1, "GV015", "sleutel 'j' staat twee keer in de front matter"),
        ("x.md", 13, 11, "GV015", "sleutel 'p' staat twee keer in o"),
        ("x.md", 17, 1, "GV010", "YAML-tag '!!python/name:os' is niet toegestaan"),
        ("x.md", 18, 4, "GV103", "v: 'abcdefghijklmnopqrst' is geen true of false"),
    ]
    assert repr(values) == repr({"a": INVALID, "b": INVALID, "c": INVALID, "d": INVALID, "e": INVALID,
                                 "j": ["k", ["l", [INVALID]]], "n": INVALID, "o": {"p": 1}, "q": True,
                                 "r": dt.date(2020, 1, 2), "s": ["t"], "v": INVALID})
    assert positions[()] == (2, 1) and positions[("j", 1, 1, 0)] == (10, 16) and positions[("o", "p", KEY)] == (13, 11)
    assert positions[("j", KEY)] == (12, 1) and positions[(KEY,)] == (18, 1) and positions[("o", KEY)] == (13, 11)
    assert positions[(KEY, 0)] == (8, 4) and ("1", KEY) not in positions and (1, KEY) not in positions


def test_an_alias_stops_reading_with_the_positions_read_so_far():
    """The alias is the anchored node met a second time: it is reported where the anchor is."""
    values, positions, problems = parse_yaml("x.md", "a: &x 1\nb:\n  - *x\n", 5)
    assert values is None and found(problems) == [
        ("x.md", 5, 4, "GV009", "YAML-ankers en -aliassen (& en *) zijn niet toegestaan")]
    assert positions == {(): (5, 1), (KEY,): (6, 1), ("a", KEY): (5, 1), ("a",): (5, 4), ("b",): (7, 3),
                         ("b", KEY): (6, 1)}


def test_a_shallower_limit_is_kept_by_every_path():
    """`max_depth` below the fast reader's depth skips it: the list's mapping is too deep at depth 3."""
    text = 'links:\n  - title: "a"\n'
    values, _, problems = parse_yaml("x.md", text, 2, max_depth=3)
    assert values == {"links": [{}]}  # its key would be at depth 4: refused, so the mapping is empty
    assert found(problems) == [("x.md", 3, 5, "GV011", "links[1]: te diep genest")]
    values, positions, problems = parse_yaml("x.md", "tags: [a]\n", 2, max_depth=3)
    assert values == {"tags": ["a"]} and problems == [] and positions[("tags", 0)] == (2, 8)
    values, _, problems = parse_yaml("x.md", "a: {b: 1}\nc: [d]\n", 2, max_depth=2)
    assert values == {"a": {}, "c": [INVALID]}
    assert found(problems) == [("x.md", 2, 5, "GV011", "a: te diep genest"), ("x.md", 3, 5, "GV011", "c[1]: te diep genest")]


# --- the fast paths against the careful path ----------------------------------------------------------------

def _careful(monkeypatch, text: str, max_depth: int):
    with monkeypatch.context() as m:
        m.setattr(simple_yaml, "parse", lambda *a, **k: None)
        m.setattr(source, "_is_plain", lambda *a: False)
        return parse_yaml("x.md", text, 3, max_depth)


PIECES = ["a: 1", "b: tekst met spaties", "c: [x, y]", "d: {e: 1, f: [g]}", "h:\n  - i: 1\n    j: [k]",
          "l: &m 1", "n: *m", "o: !!str 5", "p: !eigen x", "q: 2026-02-30", "2: r", "s: 1\ns: 2",
          "t: {u: 1, u: 2}", "? [v]\n: w", "x:\n  - - - - y", "z: null", "aa: 1.5", "bb: ''", "cc:",
          'links:\n  - title: "A"\n    url: "https://a.example"', "tags:\n  - visie\n  - [a]", "dd: {ee: {ff: 1}}",
          "gg: !!timestamp 2020-01-01", "hh: !!bool x", "ii: !!int 3", "jj: [[[]]]", "kk: {}", "ll: []",
          "&mm x: 1\nnn:\n  *mm : 2", "oo:\n  &pp x: 1\n  c: *pp"]  # an anchored key met again as a key or value


def _texts() -> list[str]:
    rng = random.Random(7)
    texts = list(PIECES) + ["# c\n", "- a\n", "x\n"]
    for _ in range(120):
        texts.append("\n".join(rng.sample(PIECES, rng.randint(2, 4))) + "\n")
    return texts


def test_fast_paths_give_the_careful_values_problems_and_positions(monkeypatch):
    """parse_yaml with its fast paths (simple_yaml, `_is_plain` and lazy positions) gives what it gives with
    both switched off: the same values with their types, problems, and every position, asked one at a time on
    a fresh result (as the checker asks) and as a whole."""
    fast_taken = 0
    for n, text in enumerate(_texts()):
        for depth in (3, 4, 5):
            values, positions, problems = parse_yaml("x.md", text, 3, depth)
            c_values, c_positions, c_problems = _careful(monkeypatch, text, depth)
            assert repr(values) == repr(c_values) and problems == c_problems, (text, depth)
            fast_taken += isinstance(positions, source.LazyPositions)
            c_positions = dict(c_positions)
            asked = [*c_positions, ("a",), ("a", KEY), (KEY,), (), ("links", 0), ("zz",), ("zz", KEY), ("a", "b"),
                     ("d", KEY), ("d", "e"), ("h", 0, "j", 0), "a", ("a", KEY, KEY)]
            for key in asked if n < 60 else ():  # one at a time on the single pieces and a few more
                fresh = parse_yaml("x.md", text, 3, depth)[1]
                assert (key in fresh) == (key in c_positions), (text, depth, key)
                fresh = parse_yaml("x.md", text, 3, depth)[1]
                assert fresh.get(key) == c_positions.get(key), (text, depth, key)
                fresh = parse_yaml("x.md", text, 3, depth)[1]
                if key in c_positions:
                    assert fresh[key] == c_positions[key], (text, depth, key)
            assert dict(positions) == c_positions and len(positions) == len(c_positions), (text, depth)
            assert sorted(positions, key=repr) == sorted(c_positions, key=repr)
    assert fast_taken > 100


def test_positions_of_a_text_the_simple_reader_took_come_from_the_text_itself():
    """Deeper positions of a text read by simple_yaml are found by composing it when first asked for."""
    text = 'title: "A"\nlinks:\n  - title: "B"\n    url: "https://b.example"\n'
    values, positions, problems = parse_yaml("x.md", text, 7)
    assert isinstance(positions, source.LazyPositions) and problems == []
    assert positions[("links", 0, "url")] == (10, 10) and positions[("links", 0, "url", KEY)] == (10, 5)
    assert positions.get(("title",)) == (7, 8) and positions.get(("nee",), "geen") == "geen"
    assert positions[(KEY,)] == (8, 1) and positions[()] == (7, 1)
    assert set(positions) == {
        (), (KEY,), ("title", KEY), ("title",), ("links", KEY), ("links",), ("links", 0), ("links", 0, KEY),
        ("links", 0, "title", KEY), ("links", 0, "title"), ("links", 0, "url", KEY), ("links", 0, "url")}
    assert len(positions) == 12


def test_a_top_level_mapping_gives_its_key_the_position_of_its_last_inner_key():
    """As `build` records it: inside a mapping value, (key, KEY) is overwritten by the inner keys' walk."""
    text = "a:\n  b: 1\n  c: 2\nd: 3\n"
    for positions in (parse_yaml("x.md", text, 1)[1], parse_yaml("x.md", text, 1)[1].all()):
        assert positions[("a", KEY)] == (3, 3) and positions[("a",)] == (2, 3) and positions[("a", "c", KEY)] == (3, 3)
        assert positions[("a", "b")] == (2, 6) and positions[("d", KEY)] == (4, 1)


# --- FrontMatter, label, read_front_matter ---------------------------------------------------------------

def test_a_position_falls_back_to_the_nearest_ancestor_and_then_to_the_first_line():
    fm = FrontMatter({}, {(): (2, 1), ("links",): (5, 3), ("links", 0): (6, 5), ("title", KEY): (3, 1)})
    assert fm.pos("links", 0, "url") == (6, 5) and fm.pos("links", 3) == (5, 3) and fm.pos("nee") == (2, 1)
    assert fm.key_pos("title") == (3, 1) and fm.key_pos("links") == (5, 3)
    assert FrontMatter({}).pos("a", "b") == (1, 1) and FrontMatter({}).pos() == (1, 1)
    assert FrontMatter({}, {("a",): (4, 2)}).key_pos("a") == (4, 2)


def test_a_path_is_shown_as_readers_write_it():
    assert label(("links", 2, "url")) == "links[3].url"
    assert label(("links", 0, KEY)) == "links[1]" and label((KEY,)) == "" and label(()) == ""
    assert label(("a", "b", 0, 1)) == "a.b[1][2]" and label((0, "a")) == "[1].a"
    assert label((KEY, 0, 1)) == "[1][2]" and label(("a", KEY, 0)) == "a[1]"  # inside a key that is a list


def test_read_front_matter_blanks_control_characters_and_keeps_every_position():
    data = "\ufeff---\r\ntitle: \"a\x07b\"\r\nyear: 2020\r\n---\r\n\r\nTekst \u202e.\r\n".encode()
    fm, problems = read_front_matter("x.md", data)
    assert [(p.code, p.line, p.column) for p in problems] == [("GV016", 2, 10), ("GV016", 6, 7)]
    assert fm.values == {"title": "a b", "year": 2020} and fm.body == "\nTekst  .\n" and fm.body_line == 5
    assert fm.pos("year") == (3, 7) and fm.key_pos("title") == (2, 1)


def test_read_front_matter_returns_no_front_matter_with_the_problems_that_stopped_it():
    assert found(read_front_matter("x.md", b"\xff")[1]) == [
        ("x.md", 1, 1, "GV008", "het bestand is geen geldige UTF-8 (byte 0, waarde 0xff)")]
    fm, problems = read_front_matter("x.md", b"x\x07\n")
    assert fm is None and [(p.code, p.line) for p in problems] == [("GV016", 1), ("GV003", 1)]
    fm, problems = read_front_matter("x.md", b"---\n- a\x07\n---\n")
    assert fm is None and [(p.code, p.line) for p in problems] == [("GV016", 2), ("GV006", 2)]
    fm, problems = read_front_matter("x.md", b"---\ntitle: !!bool x\n---\nb\n")
    assert fm.values == {"title": INVALID} and fm.body == "b\n" and found(problems) == [
        ("x.md", 2, 8, "GV103", "title: 'x' is geen true of false")]


# --- the fast paths run where they should --------------------------------------------------------------

def _no_yaml(*args, **kwargs):
    raise AssertionError("PyYAML was asked")


def _no_walk(self):
    raise AssertionError("every position was computed")


@pytest.mark.parametrize("max_depth", [4, 5])
def test_a_simple_front_matter_is_read_without_pyyaml_and_its_top_level_positions_without_a_walk(monkeypatch,
                                                                                                 max_depth):
    """simple_yaml reads the common front matter (PyYAML is never asked), and the line of a top-level key or
    value comes from what it found: no YAML is composed and no table of every position is built."""
    text = 'title: "A"\nyear: 2020\nlinks:\n  - title: "B"\n'
    expected = {("title",): (2, 8), ("title", KEY): (2, 1), ("year",): (3, 7), ("year", KEY): (3, 1),
                ("links",): (5, 3), ("links", KEY): (4, 1)}
    monkeypatch.setattr(source, "_Loader", _no_yaml)
    monkeypatch.setattr(source.LazyPositions, "all", _no_walk)
    values, positions, problems = parse_yaml("x.md", text, 2, max_depth)
    assert values == {"title": "A", "year": 2020, "links": [{"title": "B"}]} and problems == []
    for key, at in expected.items():
        assert parse_yaml("x.md", text, 2, max_depth)[1][key] == at
        assert parse_yaml("x.md", text, 2, max_depth)[1].get(key) == at
        assert key in parse_yaml("x.md", text, 2, max_depth)[1]
    for key in [("nee",)]:  # (a missing (key, KEY) could be a mapping's: it needs the walk)
        assert key not in parse_yaml("x.md", text, 2, max_depth)[1]
        assert parse_yaml("x.md", text, 2, max_depth)[1].get(key, "geen") == "geen"


def test_a_plain_tree_at_the_deepest_allowed_level_is_built_in_one_go(monkeypatch):
    """A text simple_yaml leaves alone but with nothing to report (plain text, a flow mapping), as deep as
    allowed, is built at once (`_is_plain`); its top-level positions come without the walk over every node,
    which only a deeper position or one of the root's own needs."""
    text = "title: tekst met spaties\nlinks:\n  - {title: a b, url: c}\ntags: [[a]]\n"
    values, positions, problems = parse_yaml("x.md", text, 2)
    assert isinstance(positions, source.LazyPositions) and problems == []
    assert values == {"title": "tekst met spaties", "links": [{"title": "a b", "url": "c"}], "tags": [["a"]]}
    for max_depth in (5, 6):
        assert isinstance(parse_yaml("x.md", text, 2, max_depth)[1], source.LazyPositions)
    with monkeypatch.context() as m:
        m.setattr(source.LazyPositions, "all", _no_walk)
        for key, at in {("title",): (2, 8), ("title", KEY): (2, 1), ("links",): (4, 3), ("links", KEY): (3, 1),
                        ("tags",): (5, 7)}.items():
            assert parse_yaml("x.md", text, 2)[1][key] == at
            assert parse_yaml("x.md", text, 2)[1].get(key) == at and key in parse_yaml("x.md", text, 2)[1]
        assert ("nee",) not in parse_yaml("x.md", text, 2)[1]
    fresh = parse_yaml("x.md", text, 2)[1]
    assert fresh[(KEY,)] == (5, 1) and fresh[("links", 0, "url")] == (4, 23) and fresh[("tags", 0, 0)] == (5, 9)


def test_a_character_yaml_refuses_is_reported_by_the_careful_path_when_the_caller_did_not_blank_it():
    values, positions, problems = parse_yaml("x.md", 'a: "b\x07"\n', 3)
    assert values is None and dict(positions) == {} and found(problems) == [
        ("x.md", 3, 1, "GV005", "ongeldige YAML: unacceptable character #x0007: control characters are not allowed\n"
                                '  in "<unicode string>", position 5')]


def test_positions_count_from_the_first_line_unless_told_otherwise():
    assert parse_yaml("x.md", "a: 1\n")[1][("a",)] == (1, 4)
    assert parse_yaml("x.md", "a: b c\n")[1][("a",)] == (1, 4)
    assert parse_yaml("x.md", "a: &x b\n")[1] == {(): (1, 1), (KEY,): (1, 1), ("a", KEY): (1, 1), ("a",): (1, 4)}
