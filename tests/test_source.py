"""From bytes to front matter: encoding, splitting and safe YAML with positions."""

from __future__ import annotations

from goedvoorbeeld.check.source import INVALID, MAX_BYTES, decode, parse_yaml, read_front_matter, split


def codes(problems):
    return [(p.code, p.line, p.column) for p in problems]


def test_bom_and_windows_line_endings_are_accepted():
    text, problems = decode("x.md", b"\xef\xbb\xbf---\r\ntitle: Hallo\r\n---\r\nTekst\r\n")
    assert problems == [] and text == "---\ntitle: Hallo\n---\nTekst\n"


def test_invalid_utf8_names_the_byte_offset_and_line():
    text, problems = decode("x.md", b"---\ntitle: caf\xe9\n---\n")
    assert text is None
    assert codes(problems) == [("GV008", 2, 11)]
    assert "byte 14" in problems[0].message


def test_too_large_file_is_refused_before_parsing():
    text, problems = decode("x.md", b"a" * (MAX_BYTES + 1))
    assert text is None and codes(problems) == [("GV007", 1, 1)]


def test_split_finds_the_first_closing_line_and_keeps_later_rules_in_the_body():
    fm, body, body_line, problems = split("x.md", "---\na: 1\n---\n## Aanleiding\n\n---\n\nMeer tekst\n")
    assert problems == [] and fm == "a: 1\n" and body_line == 4
    assert body == "## Aanleiding\n\n---\n\nMeer tekst\n"


def test_split_reports_empty_missing_and_unclosed_front_matter():
    assert codes(split("x.md", "  \n")[3]) == [("GV002", 1, 1)]
    assert codes(split("x.md", "title: x\n")[3]) == [("GV003", 1, 1)]
    assert codes(split("x.md", "---\ntitle: x\nmeer\n")[3]) == [("GV004", 4, 1)]


def test_values_come_with_file_positions():
    values, pos, problems = parse_yaml("x.md", "title: Hallo\ntags:\n  - a\n  - b\n", line_offset=2)
    assert problems == [] and values == {"title": "Hallo", "tags": ["a", "b"]}
    assert pos[("title",)] == (2, 8)
    assert pos[("tags", 1)] == (5, 5)


def test_invalid_yaml_points_at_the_error_line():
    _, _, problems = parse_yaml("x.md", "title: Hallo\nsummary: [open\n", line_offset=2)
    assert problems[0].code == "GV005" and problems[0].line == 4


def test_alias_is_refused_before_it_is_expanded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    values, _, problems = parse_yaml("x.md", bomb, line_offset=2)
    assert values is None and [p.code for p in problems] == ["GV009"]


def test_custom_tags_and_duplicate_keys_are_refused():
    values, _, problems = parse_yaml(
        "x.md", "title: !!python/object/apply:os.system [ls]\ntitle: b\n", line_offset=2)
    assert [(p.code, p.line) for p in problems] == [("GV010", 2), ("GV015", 3)]
    assert values["title"] is INVALID


def test_impossible_date_is_reported_at_its_value():
    values, _, problems = parse_yaml("x.md", "title: a\nadded: 2026-02-30\n", line_offset=2)
    assert codes(problems) == [("GV111", 3, 8)] and values["added"] is INVALID


def test_front_matter_that_is_a_list_is_refused():
    fm, problems = read_front_matter("x.md", b"---\n- a\n- b\n---\n")
    assert fm is None and codes(problems) == [("GV006", 2, 1)]


def test_nesting_deeper_than_the_schema_is_refused():
    _, _, problems = parse_yaml("x.md", "links:\n  - title:\n      a:\n        b: c\n", line_offset=2)
    assert "GV011" in [p.code for p in problems]
