"""The hostile-input scans of `check/safety.py`, input by input: the exact code, line, column and message.

Each table pins one behaviour of a scan (what it reports, where, and what it leaves alone), so that a change
to the scan fails a row. Written for mutation testing (`make mutate MODULE=safety`); the limits are tested
on both sides (at the limit: accepted; one past it: refused).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import goedvoorbeeld.check.safety as safety
from goedvoorbeeld.check.cases import read_case
from goedvoorbeeld.check.vocabulary import load_vocabulary

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
ELEMENT = "is niet toegestaan; gebruik Markdown (alleen <abbr>, <sub>, <sup> en <br> mogen)"
BRACES = ("is niet toegestaan: tekst tussen accolades wordt een HTML-attribuut; haal de accolades weg of zet de "
          "tekst tussen backticks")
MAYBE = " " * 11 + "x\n"
LONG = "het maximum is 5000: begin een nieuwe alinea met een lege regel"
DEEP = "lijsten of citaten zijn te diep genest of te ver ingesprongen (hoogstens 8 niveaus en 40 spaties)"
BLOCK = "meer dan 300 regels zonder lege regel ertussen: zet lege regels tussen alinea's, lijsten en tabellen"
BRACKETS = "te veel haken '[' of '(' zonder sluithaak: haal losse haken weg of zet ze tussen backticks"
LINK = "is niet toegestaan; alleen http://, https:// en mailto:"
UNREAD = "HTML-attribuut '(onleesbare HTML)' op <abbr> is niet toegestaan"


# --- 1a. characters -------------------------------------------------------------

INVISIBLE = "het is een onzichtbaar stuurteken"
CONTROLS = [
    # text, [(line, column, message)]
    ("a\x00b", [(1, 2, f"teken U+0000 (NUL) is niet toegestaan: {INVISIBLE}")]),
    ("ab\ncd\x07", [(2, 3, f"teken U+0007 is niet toegestaan: {INVISIBLE}")]),
    ("\x85", [(1, 1, f"teken U+0085 is niet toegestaan: {INVISIBLE}")]),
    ("x\x7f", [(1, 2, f"teken U+007F is niet toegestaan: {INVISIBLE}")]),
    ("x\n\n\u202eabc", [(3, 1, "teken U+202E (RIGHT-TO-LEFT OVERRIDE) is niet toegestaan: het keert de "
                               "leesrichting om, zodat de tekst iets anders lijkt te zeggen dan er staat")]),
    ("\n\n\n  \u2066", [(4, 3, "teken U+2066 (LEFT-TO-RIGHT ISOLATE) is niet toegestaan: het keert de "
                                "leesrichting om, zodat de tekst iets anders lijkt te zeggen dan er staat")]),
    ("ab\u2028", [(1, 3, "teken U+2028 (LINE SEPARATOR) is niet toegestaan: het is een onzichtbaar regeleinde; "
                         "gebruik een gewone nieuwe regel")]),
    ("\u2029", [(1, 1, "teken U+2029 (PARAGRAPH SEPARATOR) is niet toegestaan: het is een onzichtbaar "
                       "regeleinde; gebruik een gewone nieuwe regel")]),
    ("\ufeff", [(1, 1, f"teken U+FEFF (ZERO WIDTH NO-BREAK SPACE) is niet toegestaan: {INVISIBLE}")]),
    ("a\x00\nb", [(1, 2, f"teken U+0000 (NUL) is niet toegestaan: {INVISIBLE}")]),  # a line break after it
    ("\n\x00", [(2, 1, f"teken U+0000 (NUL) is niet toegestaan: {INVISIBLE}")]),
    ("a\x01\x02", [(1, 2, f"teken U+0001 is niet toegestaan: {INVISIBLE}"),
                   (1, 3, f"teken U+0002 is niet toegestaan: {INVISIBLE}")]),
    ("tab\tand\r\nnewline é \u200b", []),
]


@pytest.mark.parametrize("text,expected", CONTROLS)
def test_control_characters_are_named_with_line_column_and_reason(text, expected):
    found = safety.control_characters("cases/x.md", text)
    assert [(p.path, p.code) for p in found] == [("cases/x.md", "GV016")] * len(expected)
    assert [(p.line, p.column, p.message) for p in found] == expected


def test_control_characters_stop_after_twenty():
    assert len(safety.control_characters("x.md", "\x00" * 20)) == 20
    found = safety.control_characters("x.md", "\x01" * 25)
    assert [p.column for p in found] == list(range(1, 21))


def test_blanked_controls_become_one_space_each():
    assert safety.blank_controls("a\x00b\u202ec\r\n\td\u2028") == "a b c\r\n\td "


@pytest.mark.parametrize("text,maybe", [("a\x00b", True), ("\u2029", True), ("\x85", True),
                                        ("Gewone tekst, é en ë.\n\t", False), ("", False)])
def test_control_prefilter_says_maybe_only_for_bytes_of_a_reported_character(text, maybe):
    assert safety.may_hold_controls(text.encode()) is maybe


# --- 1b. links: scheme, server name, protocol-relative ------------------------------

SCHEMES = [
    ("HTTPS://a", "https"), ("mailto:x", "mailto"), ("java&#x09;script:x", "javascript"),
    ("&#106;avascript:x", "javascript"), (" \tjavascript:x", "javascript"), ("ja\x00va:1", "java"),
    ("java\\&#115;cript:x", "javascript"), ("java\\:x", "java"), ("java&#92;:x", "java"),
    ("a+b.c-d:x", "a+b.c-d"), ("x&colon;y", "x"),
    ("java&amp;#115;cript:x", None), ("java\\script:x", None), ("ja&#92;va:x", None), ("/rel", None),
    ("a.png", None), ("1http:x", None), ("&#x3a;x", None), ("", None),
]


@pytest.mark.parametrize("url,scheme", SCHEMES)
def test_url_scheme_is_what_a_browser_would_see(url, scheme):
    assert safety.url_scheme(url) == scheme


LOOKALIKE = "zulke namen kunnen op een bekende naam lijken"
HOSTS = [
    ("https://example.org/é", None), ("mailto:a@b", None), ("https://ex ample.org", None), ("p.png", None),
    ("http://[::1", "is geen geldig webadres"),
    ("https://exämple.org", "heeft tekens van buiten het Latijnse alfabet in de servernaam (eigenlijk "
                            f"'xn--exmple-cua.org'); {LOOKALIKE}"),
    ("https://é .nl", "heeft tekens van buiten het Latijnse alfabet in de servernaam (eigenlijk 'xn--9ca.nl'); "
                      f"{LOOKALIKE}"),  # white space in an address is dropped, as a browser does
    (" https://\u0430pple.com", "heeft tekens van buiten het Latijnse alfabet in de servernaam (eigenlijk "
                                f"'xn--pple-43d.com'); {LOOKALIKE}"),
    ("https://\tbé.nl", f"heeft tekens van buiten het Latijnse alfabet in de servernaam (eigenlijk 'xn--b-bga.nl'); "
                        f"{LOOKALIKE}"),
    # a label too long for IDNA: shown with escapes
    ("https://x" + "é" * 64 + ".org", "heeft tekens van buiten het Latijnse alfabet in de servernaam (eigenlijk "
                                      "'x" + "\\xe9" * 64 + f".org'); {LOOKALIKE}"),
]


@pytest.mark.parametrize("url,why", HOSTS)
def test_server_names_outside_ascii_are_shown_as_the_browser_sends_them(url, why):
    assert safety.host_problem(url) == why


@pytest.mark.parametrize("url,relative", [
    ("//a", True), ("\\\\a", True), ("/\\a", True), ("\\/a", True), (" //a", True), ("&#47;/a", True),
    ("&sol;&sol;a", True), ("/\t/a", True), ("/a", False), ("http://a", False), ("a//b", False), ("", False),
])
def test_protocol_relative_addresses_are_recognised_through_entities_and_spaces(url, relative):
    assert safety.is_protocol_relative(url) is relative


# --- 1b. code is masked ----------------------------------------------------------

MASKED = [
    # body, masked, hidden
    ("plain", "plain", False),
    ("a ~x~ b", "a ~x~ b", False),
    ("a `x` b", "a     b", False),
    ("a `<b>` b", "a       b", True),
    ("a ``x`y`` b", "a         b", True),
    ("`a\nb`", "  \n  ", False),
    ("`<a\nb>` c", "   \n    c", True),
    ("a\\`<b>` c", "a\\`<b>` c", False),
    ("```\n<b>\n```\nafter", "   \n   \n   \nafter", True),
    ("~~~\nx\n~~~\n`y`", "   \n \n   \n   ", True),
    ("```\n<b>\n", "```\n<b>\n", False),  # never closed: text to Markdown, scanned as text
    ("~~~\n[a](x)", "~~~\n[a](x)", False),
    ("~~~x y\n<b>\n~~~", "~~~x y\n<b>\n~~~", False),  # words after a fence: no fence to Markdown
    ("```\tpy\n<b>\n```", "      \n   \n   ", True),  # a tab is white space
    ("~~~ {x}\n<b>\n~~~", "       \n   \n   ", True),
    ("~~~ {x\n<b>\n~~~", "~~~ {x\n<b>\n~~~", False),
    ("~~~ {a} b}\n<b>\n~~~\n\n~~~\n<i>\n~~~", "~~~ {a} b}\n<b>\n   \n\n   \n<i>\n~~~", True),  # as Markdown pairs them
    ("~~~\tpy\n<b>\n~~~", "      \n   \n   ", True),
    ("a\tb\n~~~\n<b>\n~~~", "a\tb\n   \n   \n   ", True),
    ("a\n~~~\nb\n~~~\nc\n~~~\nd\n~~~", "a\n   \n \n   \nc\n   \n \n   ", True),
    ("````\n```\n<b>\n````\nx", "    \n   \n   \n    \nx", True),  # a shorter fence does not close it
    ("```\nx\n~~~\n<y>\n```", "   \n \n   \n   \n   ", True),  # nor another kind
    ("```\nx\n```  t\n<b>\n```\nz", "   \n \n      \n   \n   \nz", True),  # nor one with text after it
    ("```\nx\n``` \nz", "   \n \n    \nz", True),  # white space after the closing fence is allowed
    ("   ```\n<x>\n   ```", "      \n   \n      ", True),
    ("    ```\n<x>\n```", "       \n   \n   ", True),  # no fence: one code span over three lines
    ("   ~~~\n<x>\n   ~~~", "   ~~~\n<x>\n   ~~~", False),  # an indented fence is text to Markdown
    ("~~~x\n<b>\n~~~", "    \n   \n   ", True),
]


@pytest.mark.parametrize("body,masked,hidden", MASKED)
def test_code_is_blanked_keeping_lines_and_columns(body, masked, hidden):
    assert safety.mask_code(body) == (masked, hidden)


def test_where_gives_file_line_and_column_of_an_offset():
    where = safety.Where("ab\ncd\n\ne", 7)
    assert [where(i) for i in range(9)] == [(7, 1), (7, 2), (7, 3), (8, 1), (8, 2), (8, 3), (9, 1), (10, 1), (10, 2)]


# --- 1b. raw HTML and attribute lists ----------------------------------------------

MARKUP = [
    # body, [(line, column, message)] (all GV205 unless the message says otherwise)
    ("a <b>x</b>", [(10, 3, f"HTML-element <b> {ELEMENT}")]),
    ("a<SCRIPT>", [(10, 2, f"HTML-element <script> {ELEMENT}")]),
    ("x\n  <x:y onclick=1>", [(11, 3, f"HTML-element <x:y> {ELEMENT}")]),
    ("</div> </abbr onclick=x>", []),  # a closing tag does nothing on its own
    ('<abbr title="x">A</abbr> <br> <br/> <sub>1</sub><sup>2</sup>', []),
    ("<ABBR TITLE=x>", []),
    ("<abbr title='a>b' onclick=y>x", [(10, 1, "HTML-attribuut 'onclick' op <abbr> is niet toegestaan")]),
    ("<abbr\n onclick=x>", [(10, 1, "HTML-attribuut 'onclick' op <abbr> is niet toegestaan")]),
    ("<abbr ONCLICK=x title=y>", [(10, 1, "HTML-attribuut 'onclick' op <abbr> is niet toegestaan")]),
    ("<br onclick=x/>", [(10, 1, "HTML-attribuut 'onclick' op <br> is niet toegestaan")]),
    ("<sub title=x>", [(10, 1, "HTML-attribuut 'title' op <sub> is niet toegestaan")]),
    ('<abbr title="a" title2 x>', [(10, 1, "HTML-attribuut 'title2' op <abbr> is niet toegestaan")]),
    ("<sub>x</sub><sup onclick=1>", [(10, 13, "HTML-attribuut 'onclick' op <sup> is niet toegestaan")]),
    ('<abbr title="<b>">x</abbr>', []),  # a '<' inside a quoted value is no tag
    ('x <abbr title="<i>">', []),
    ("<abbr\n\n<b>", [(12, 1, f"HTML-element <b> {ELEMENT}")]),  # after a tag never closed, the next is checked
    ('<abbr title="<b>">x</abbr> <i>', [(10, 28, f"HTML-element <i> {ELEMENT}")]),
    ("<https://a.nl> <b>", [(10, 16, f"HTML-element <b> {ELEMENT}")]),
    ('<x title="<abbr onclick=1>">', [(10, 1, f"HTML-element <x> {ELEMENT}")]),
    ("<abbr title=x\n\n onclick=y>", []),  # a blank line ends the tag: plain text
    ("<abbr title=x\n\n onclick=y>\n\nz", []),
    ("<abbr", []),
    ("<abbr title=x><![xb x]>", [(10, 15, "een HTML-declaratie (<!) is niet toegestaan")]),  # html.parser gives up
    ("<abbr " + "x" * 4100 + "\n\n>", []),  # never ended in its paragraph: text
    ('<abbr title="' + "x" * 4100 + '" onclick="alert(1)">', [(10, 1, UNREAD)]),  # ended after what is read
    ("1 < 2 and 3 > 2", []),
    ("x <!-- c -->", [(10, 3, "HTML-commentaar (<!-- -->) is niet toegestaan")]),
    ("<![CDATA[x]]>", [(10, 1, "CDATA is niet toegestaan")]),
    ("\n<!doctype>", [(11, 1, "een HTML-declaratie (<!) is niet toegestaan")]),
    ("<?php", [(10, 1, "een verwerkingsinstructie (<?) is niet toegestaan")]),
    ("<https://a.nl/x> <HtTp://a.nl> <ftp://a> <javascript:alert(1)> <data:x/y>", []),  # autolinks: see targets
    ("<mailto:a/b>", [(10, 1, f"HTML-element <mailto:a> {ELEMENT}")]),  # no '@': Markdown passes it on as HTML
    ("{: .x }", [(10, 1, f"'{{: .x }}' {BRACES}")]),
    ("a {b} c {d}", [(10, 3, f"'{{b}}' {BRACES}"), (10, 9, f"'{{d}}' {BRACES}")]),
    ("{ }", []),
    ("{" + "x" * 50 + "}", [(10, 1, "'{" + "x" * 39 + f"' {BRACES}")]),
    ("`{x}` {y}", [(10, 7, f"'{{y}}' {BRACES}")]),
    ("`<b>` <i>", [(10, 7, f"HTML-element <i> {ELEMENT}")]),
]


@pytest.mark.parametrize("body,expected", MARKUP)
def test_raw_html_and_attribute_lists_are_named_where_they_start(body, expected):
    problems, _, _ = safety.check_markup("cases/x.md", body, 10)
    assert [(p.path, p.code) for p in problems] == [("cases/x.md", "GV205")] * len(expected)
    assert [(p.line, p.column, p.message) for p in problems] == expected


def _angles(n: int) -> str:
    return f"de tekst bevat {n} keer '<' zonder dat er een toegestaan HTML-element begint; het maximum is 300"


@pytest.mark.parametrize("body,expected", [
    ("1 < 2 " * 300, []),
    ("1 < 2 " * 301, [(1, 1, "GV017", _angles(301))]),
    ("1 < 2 " * 299 + "<abbr", []),
    ("1 < 2 " * 300 + "<abbr", [(1, 1, "GV017", _angles(301))]),  # never closed: plain text
    ("1 < 2 " * 300 + "<abbr title=x>", []),
    ("<abbr\n\n<sub\n\n" + "1 < 2 " * 299, [(1, 1, "GV017", _angles(301))]),
    ("1 < 2 " * 299 + "<abbr title=x><![xb x]>", [(1, 1809, "GV205", "een HTML-declaratie (<!) is niet toegestaan")]),
    ("1 < 2 " * 300 + "</abbr>", []),
    ("1 < 2 " * 300 + "<https://a.nl>", []),
    ("a\n\n" + "<i>" * 301, [(3, 1 + 3 * i, "GV205", f"HTML-element <i> {ELEMENT}") for i in range(301)]),
])
def test_stray_angle_brackets_are_limited(body, expected):
    problems, _, _ = safety.check_markup("x.md", body, 1)
    assert [(p.line, p.column, p.code, p.message) for p in problems] == expected


# --- 1b. limits on the shape of a body (GV017) ----------------------------------------

SHAPES = [
    # body, [(offset, message)]
    ("x" * 5000, []),
    ("x" * 5001, [(0, f"regel van 5001 tekens; {LONG}")]),
    ("a\n" + "x" * 5002, [(2, f"regel van 5002 tekens; {LONG}")]),
    (("x" * 5001 + "\n") * 7, [(5002 * i, f"regel van 5001 tekens; {LONG}") for i in range(5)]),
    ("> " * 8 + "x", []),
    ("> " * 9 + "x", [(0, DEEP)]),
    ("a\n" + "> " * 9, [(2, DEEP)]),
    (">" * 9 + " x", [(0, DEEP)]),
    (" > > > > > > > > > x", [(0, DEEP)]),
    ("- " * 8 + "x", []),
    ("- " * 9 + "x", [(0, DEEP)]),
    ("-\t" * 9 + "x", [(0, DEEP)]),
    ("1. " * 9 + "x", [(0, DEEP)]),
    ("1) " * 9 + "x", [(0, DEEP)]),
    ("-" * 9 + " x", []),
    (" " * 40 + "x", []),
    (" " * 41 + "x", [(0, DEEP)]),
    ("\t" * 10 + "x", []),
    ("\t" * 10 + " x", [(0, DEEP)]),
    ("a\n" + " " * 50 + "\nb", []),  # a line of white space only
    (("> " * 9 + "x\n") * 6 + "x" * 5001, [(20 * i, DEEP) for i in range(5)]),
    ("a\n" * 300, []),
    ("a\n" * 300 + "a", [(0, BLOCK)]),
    ("b\n \n" + "a\n" * 700, [(4, BLOCK)]),  # once per block
    ("a\n" * 301 + "\n" + "b\n" * 301, [(0, BLOCK), (603, BLOCK)]),
    ("*[A]: a\n" * 50, []),
    ("*[A]: a\n" * 51, [(0, "51 afkortingen (*[AFK]: ...); het maximum is 50")]),
    ("   *[A]: a\n" * 52, [(0, "52 afkortingen (*[AFK]: ...); het maximum is 50")]),
    ("    *[A]: a\n" * 51, []),  # four spaces: code, not a definition
    ("[" * 30 + "x" * 3000, []),
    ("a\n\n" + "(" * 34 + "x" * 3000, [(3, BRACKETS)]),
    ("(" * 34 + "x" * 3000 + ")", [(0, BRACKETS)]),
    ("a " * 2501, [(0, f"regel van 5002 tekens; {LONG}")]),  # a long line of short words
    # at each limit on the careful path: a line indented 11 spaces (within the limit) keeps the fast path out
    (MAYBE + "x" * 5000, []),
    (MAYBE + "\t" * 10 + "x", []),
    (MAYBE + "> " * 8 + "x", []),
    (MAYBE + "*[A]: a\n" * 50, []),
    ("[" + ("x" * 4999 + "\n") * 19 + " " * 11 + "x" * 4988, []),  # exactly 100,000 characters scanned
    ("[" + ("x" * 4999 + "\n") * 19 + "x" * 4999 + "]\n\n(", [(100_003, BRACKETS)]),  # 100,000, then one more
    # the scan stops at the block where the count is exceeded: later blocks give no offset
    ("[" + ("x" * 4000 + "\n") * 26 + "]\n\n[", [(0, BRACKETS)]),
]


@pytest.mark.parametrize("body,expected", SHAPES, ids=lambda x: str(len(x)) if isinstance(x, str) else None)
def test_limits_on_the_shape_of_a_body(body, expected):
    found: list = []
    exceeded = safety._complexity(body, lambda *a: found.append(a))
    assert found == [(offset, "GV017", message) for offset, message in expected]
    assert exceeded is bool(expected)


def test_a_body_past_a_limit_is_refused_without_scanning_for_html_or_links():
    body = "<script>\n[a](javascript:x)\n" + "x" * 5001
    problems, found, hidden = safety.check_markup("x.md", body, 3)
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (5, 1, "GV017", f"regel van 5001 tekens; {LONG}")]
    assert (found, hidden) == ([], False)


@pytest.mark.parametrize("body,simple", [
    ("", True), ("Tekst.", True), ("a\n" * 299, True), ("a\n" * 300, False), ("x" * 5000, True),
    ("x" * 5001, False), (("a" * 2500 + "\n") * 3, True), ("b" * 2499 + "\n" + "a" * 5001, False),
    (" " * 10 + "x", True), (" " * 11 + "x", False), ("\t" * 10 + "x", True), ("\t" * 11 + "x", False),
    ("a\n" + " " * 11 + "x", False), ("a\nb" + " " * 11 + "x", True), ("x" + " " * 11, True),
    ("> " * 8 + "x", True), ("> " * 9 + "x", False), ("a\n" + "- " * 9, False), ("- " * 8 + "x", True),
    ("*[A]: a\n" * 50, True), ("*[A]: a\n" * 51, False), ("a " * 2501, False), ("x [y" * 51, True),
    ("[" * 30 + "x" * 3000, True), ("(" * 34 + "x" * 3000, False),
    (("a" * 4999 + "\n") * 19 + "[" + "a" * 4999, True),  # one bracket in 100,000 characters
    (("a" * 4999 + "\n") * 19 + "(" + "a" * 5000, False),  # one in 100,001
    ("[" + ("a" * 4999 + "\n") * 9 + "a" * 4999 + "(", False),  # two brackets in 50,001 characters
    ("[" + ("a" * 4999 + "\n") * 9 + "a" * 4998 + "(", True),  # in 50,000
])
def test_fast_shape_check_passes_ordinary_bodies_and_leaves_the_rest_to_the_careful_one(body, simple):
    assert safety._surely_simple(body) is simple


@pytest.mark.parametrize("body,scan", [
    ("", (0, -1)), ("a [b] (c) [d\n\n(e", (8, 10)), ("[[]", (4, 0)), ("x\n\n[a\n \n(b", (4, 3)),
    ("][", (1, 1)), (")(", (1, 1)), ("(a)[b", (4, 3)), ("[a(b", (6, 0)), ("a\n\t\n[b]", (2, -1)),
    ("[" + "x" * 100_001 + "]\n\n[", (100_002, -1)),
])
def test_bracket_scan_counts_characters_to_each_match_and_finds_the_first_unmatched(body, scan):
    assert safety._bracket_scan(body) == scan


# --- 1b. what the checker reads as code is what Markdown renders as code ---------------------------

def _check_body(body: str):
    """read_case on a valid case whose section Aanpak is `body` (line 18 of the file is the body's first line)."""
    vocab = load_vocabulary(HOSTILE / "tags.yml")
    head = (HOSTILE / "html-allowlist.md").read_text(encoding="utf-8").split("## Aanpak")[0] + "## Aanpak\n\n"
    _, problems = read_case("cases/gegenereerd.md", (head + body + "\n").encode(), vocab, today=dt.date(2026, 11, 29),
                            cases_dir=HOSTILE)
    return [(p.line, p.column, p.code, p.message) for p in problems]


LOOKALIKE_LINK = ("GV206", "link 'https://\u0430pple.com/' heeft tekens van buiten het Latijnse alfabet in de "
                           f"servernaam (eigenlijk 'xn--pple-43d.com'); {LOOKALIKE}")


@pytest.mark.parametrize("body,line", [
    ("~~~\n[a](https://\u0430pple.com/)", 19),  # a fence never closed
    ("   ~~~\n[a](https://\u0430pple.com/)\n   ~~~", 19),  # an indented fence
    ("~~~x y\n[a](https://\u0430pple.com/)\n~~~", 19),  # words after the fence
    ("~~~\n[a](https://\u0430pple.com/)\n~~~~", 19),  # closed by a longer fence
])
def test_a_fence_that_markdown_reads_as_text_does_not_hide_a_lookalike_link(body, line):
    """Bug fixed: these fences hid the link from the checker, and Markdown published it as a link (the rendered-HTML
    check allows any https link); the checker now follows Markdown's own fenced-code rule."""
    assert _check_body(body) == [(line, 5, *LOOKALIKE_LINK)]


def test_a_fenced_block_markdown_reads_as_code_may_hold_any_link():
    assert _check_body("~~~\n[a](https://\u0430pple.com/) <script>\n~~~") == []


def test_a_start_tag_longer_than_the_scan_reads_is_refused_by_the_checker_as_by_the_build():
    """Bug fixed: an allowed tag whose handler came after the first 4,000 characters was read as plain text, so the
    checker accepted a file that the build's rendered-HTML check then refused (a browser ends the tag and obeys it)."""
    body = '<abbr title="' + "x" * 4100 + '" onclick="alert(1)">Woo</abbr>'
    assert _check_body(body) == [(18, 1, "GV205", UNREAD)]


def test_a_tag_after_a_blank_line_is_checked_even_when_an_unended_tag_comes_before_it():
    """Bug fixed: '<abbr' and, after a blank line, '<script>' were read as one tag (a browser would), so the script was
    skipped as if inside it; Markdown reads two paragraphs and passes the script on. The build refused it."""
    assert _check_body("<abbr\n\n<script>alert(1)</script>") == [(20, 1, "GV205", f"HTML-element <script> {ELEMENT}")]


def test_an_autolink_with_a_line_break_is_checked_like_any_link():
    """Bug fixed: Markdown makes '<https://...>' a link also with white space or a line break inside (a browser drops
    the line break); the checker stopped at the white space and let a lookalike server name or an ftp link through."""
    assert _check_body("<https://\u0430pple.com/\nlogin>") == [
        (18, 2, "GV206", "link 'https://\u0430pple.com/\nlogin' heeft tekens van buiten het Latijnse alfabet in de "
                         f"servernaam (eigenlijk 'xn--pple-43d.com'); {LOOKALIKE}")]
    assert _check_body("<ftp://evil.example x>") == [(18, 2, "GV206", f"link 'ftp://evil.example x' {LINK}")]


# --- 1b. link and image targets ------------------------------------------------------

TARGETS = [
    # body, [(url, offset, is_image)]
    ("Tekst zonder links.", []),
    ("[a](https://x.nl)", [("https://x.nl", 4, False)]),
    ("![a](p.png)", [("p.png", 5, True)]),
    ("[a]( <https://x.nl> )", [("https://x.nl", 6, False)]),
    ("[a](\n\t https://x.nl)", [("https://x.nl", 7, False)]),
    ("[a](<x\ny>)", []),
    ("[a](<x", []),
    ("[a](<x\ny>) [b](c)", [("c", 15, False)]),
    ("[a](<x>) b>", [("x", 5, False)]),
    ("[a](<p q>)", [("p q", 5, False)]),
    ("[a](<>) x", [("", 5, False)]),
    ("x\n[a](<p q>)", [("p q", 7, False)]),
    ("[a](<p\nq>)\nx", []),
    ("[a](\n<p q>)", [("p q", 6, False)]),
    ("[a](<\np>)", []),
    ("[a](<p q>)\nx", [("p q", 5, False)]),
    ("[a](x\\)", [("x\\)", 4, False)]),
    ("[a](a\\)) b", [("a\\)", 4, False)]),
    ("[a](u\nXy)", [("u\nXy", 4, False)]),
    ('[a]( "t")', [('"t"', 5, False)]),
    ("[a](uX't')", [("uX't'", 4, False)]),
    ("[a](f((x))y)", [("f((x))y", 4, False)]),
    ('[a](u "t")', [("u", 4, False)]),
    ("[a](u 't')", [("u", 4, False)]),
    ("[a](u\n't')", [("u", 4, False)]),
    ("[a](u'v)", [("u'v", 4, False)]),
    ('[a]("t")', [('"t"', 4, False)]),
    ("[a](f(x)y)", [("f(x)y", 4, False)]),
    ("[a](f(x)", [("f(x)", 4, False)]),
    ("[a](a\\)b)", [("a\\)b", 4, False)]),
    ("[a](x\\", [("x\\", 4, False)]),
    ("[a](a\nb)", [("a\nb", 4, False)]),
    ("[a](a\n\nb)", [("a", 4, False)]),
    ("[a](u )", [("u", 4, False)]),
    ("[a](" + "x" * 2100 + ")", [("x" * 2000, 4, False)]),
    ("[r]: https://x.nl\n\n[a][r]", [("https://x.nl", 5, False)]),
    ("![i][r]\n\n[r]: <p.png>", [("p.png", 15, True)]),
    ("![r]\n\n[R]:  p.png", [("p.png", 12, True)]),
    ("![i][ r  x ]\n\n[R X]: p.png", [("p.png", 21, True)]),
    ("![i] [r]\n\n[r]: p.png", [("p.png", 15, True)]),
    ("[r]: p.png\n[s]: q.png\n\n![x][s]", [("p.png", 5, False), ("q.png", 16, True)]),
    ("[r]:\n  https://x.nl", [("https://x.nl", 7, False)]),
    ("    [r]: u", []),
    ("[a\\]b]: u", [("u", 8, False)]),
    ("[a](x) ![b](y)", [("x", 4, False), ("y", 12, True)]),
    ("[a](Xa)", [("Xa", 4, False)]),
    ("![a \\] b](p.png)", [("p.png", 10, True)]),  # an escaped ']' closes nothing
    ("![a]\\b](p.png)", [("p.png", 8, False)]),
    ("![a [b [c]] d](p.png)", [("p.png", 15, True)]),
    ("[a](p.png) !", [("p.png", 4, False)]),
    ("![a [b]](p.png)", [("p.png", 9, True)]),
    ("[a \\] ![b](x)", [("x", 11, True)]),
    ("![a \\[b](x)", [("x", 9, True)]),
    ("[![b](x)](y)", [("x", 6, True), ("y", 10, False)]),
    ("![[a](u)](v)", [("u", 6, False), ("v", 10, True)]),
    ("!\\[a](u)", [("u", 6, False)]),
    ("x](y)", [("y", 3, False)]),
    ("<https://a.nl> [x](<https://a.nl>)", [("https://a.nl", 1, False), ("https://a.nl", 20, False)]),
    ("[a](<https://a.nl>)", [("https://a.nl", 5, False)]),
    ("a <javascript:alert(1)> <x>", [("javascript:alert(1)", 3, False)]),
    ("<ftp://evil.example x>", [("ftp://evil.example x", 1, False)]),  # Markdown's autolinks may hold spaces
    ("<https://a.nl/\nx> <http://b.nl>", [("https://a.nl/\nx", 1, False), ("http://b.nl", 19, False)]),
    ("<http://a\n \nb>", []),  # not over a blank line
]


@pytest.mark.parametrize("body,expected", TARGETS)
def test_link_and_image_targets_are_found_as_markdown_reads_them(body, expected):
    assert [(t.url, t.offset, t.is_image) for t in safety.targets(body)] == expected


@pytest.mark.parametrize("gap,is_image", [(1_999, True), (2_000, False)])
def test_an_image_is_recognised_up_to_2000_characters_before_its_closing_bracket(gap, is_image):
    body = "![" + "x" * gap + "](p.png)"
    assert [(t.url, t.is_image) for t in safety.targets(body)] == [("p.png", is_image)]


def test_check_markup_returns_the_targets_of_the_body_without_those_in_code():
    body = "Zie [a](https://a.nl).\n\n`[b](javascript:x)`\n\n```\n![c](p.png)\n```\n<mailto:a@b.nl>"
    problems, found, hidden = safety.check_markup("x.md", body, 1)
    assert problems == []
    assert [(t.url, t.offset, t.is_image) for t in found] == [("https://a.nl", 8, False), ("mailto:a@b.nl", 66, False)]
    assert hidden is True


# --- 2. the rendered HTML -----------------------------------------------------------------

def _attribute(name: str, tag: str) -> tuple[str, str, str]:
    return "GV205", f"HTML-attribuut '{name}' op <{tag}> is niet toegestaan", name


RENDERED = [
    # fragment, [(code, message, needle)]
    ('<p>x</p><h1>a</h1><h6 id="b">b</h6><ul><li>x</li></ul><ol start="3"><li>y</li></ol><hr /><br>', []),
    ("<em>a</em><strong>b</strong><code>x</code><pre>y</pre><blockquote>z</blockquote>", []),
    ("<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>", []),
    ('<p><a href="https://a.nl" title="t" rel="x">a</a> <a href="mailto:a@b">m</a> <a href="x.html">r</a></p>', []),
    ('<img src="p.png" alt="a" title="t"><img src><a href>x</a><abbr title="x">A</abbr><sub>1</sub><sup>2</sup>', []),
    ('<td style="text-align: left;">a</td><td style="text-align: center;">b</td><th style="text-align: right;">', []),
    ("<div>x</div>", [("GV205", "HTML-element <div> is niet toegestaan", "<div")]),
    ('<a href="javascript:x" >a</a>', [("GV206", f"link 'javascript:x' {LINK}", "javascript:x")]),
    ('<a href="//x">', [("GV206", f"link '//x' {LINK}", "//x")]),
    ('<a href="ftp://x">', [("GV206", f"link 'ftp://x' {LINK}", "ftp://x")]),
    ('<a href="/x">', []),
    ('<a href="' + "j" * 80 + ':x">', [("GV206", f"link '{'j' * 60}' {LINK}", "j" * 20)]),
    ('<a name="x">', [_attribute("name", "a")]),
    ('<img src="/p.png">', [("GV207", "afbeelding '/p.png' staat niet in cases/", "/p.png")]),
    ('<img src="\\p.png">', [("GV207", "afbeelding '\\p.png' staat niet in cases/", "\\p.png")]),
    ('<img src="//h/p.png">', [("GV207", "afbeelding '//h/p.png' staat niet in cases/", "//h/p.png")]),
    ('<img src="data:x">', [("GV207", "afbeelding 'data:x' staat niet in cases/", "data:x")]),
    ('<img src="https://t.example/' + "p" * 80 + '.png">',
     [("GV207", "afbeelding 'https://t.example/" + "p" * 42 + "' staat niet in cases/", "https://t.example/pp")]),
    ('<img src="p.png" onerror="x">', [_attribute("onerror", "img")]),
    ('<td style="text-align: left; color: red">', [_attribute("style", "td")]),
    ('<td style>', [_attribute("style", "td")]),
    ('<p style="text-align: left;">', [_attribute("style", "p")]),
    ('<ol start="3" type="a">', [_attribute("type", "ol")]),
    ('<h3 class="x">', [_attribute("class", "h3")]),
    ('<a href="https://a.nl" id="x" src="y">', [_attribute("id", "a"), _attribute("src", "a")]),
    ('<img src="p.png" href="javascript:x">', [_attribute("href", "img")]),
    ('<a title="javascript:x" rel="//y" href="https://a.nl">', []),  # only href is a link
    ('<img alt="/x" title="https://t" src="p.png">', []),  # only src is an image
    ('<br class="x"/>', [_attribute("class", "br")]),
    ("<!doctype html>", [("GV205", "een HTML-declaratie (<!) is niet toegestaan", "<!")]),
    ("<![CDATA[x]]>", [("GV205", "CDATA is niet toegestaan", "<![")]),
    ("<?pi?>", [("GV205", "een verwerkingsinstructie (<?) is niet toegestaan", "<?")]),
    ("<!-- x -->", [("GV205", "HTML-commentaar (<!-- -->) is niet toegestaan", "<!--")]),
    ("<p>a <![ x", [("GV205", "HTML die niet te lezen is (bijvoorbeeld '<![')", "<!")]),
    ("<div><p>x</p>", [("GV205", "HTML-element <div> is niet toegestaan", "<div")]),
    # the server name of every link Markdown made is checked again (a lookalike the body scan did not see)
    ('<p><a href="https://www.рaypal.com/login">x</a></p>',
     [("GV206", "link 'https://www.рaypal.com/login' heeft tekens van buiten het Latijnse alfabet in de "
                "servernaam (eigenlijk 'www.xn--aypal-uye.com'); zulke namen kunnen op een bekende naam lijken",
       "https://www.рaypal.c")]),
    ('<p><a href="http://bücher.example/">x</a></p>',
     [("GV206", "link 'http://bücher.example/' heeft tekens van buiten het Latijnse alfabet in de servernaam "
                "(eigenlijk 'xn--bcher-kva.example'); zulke namen kunnen op een bekende naam lijken",
       "http://bücher.exampl")]),
    ('<p><a href="https://www.рaypal.com/' + "a" * 60 + '">x</a></p>',  # the address shown: its first 60 characters
     [("GV206", "link 'https://www.рaypal.com/" + "a" * 37 + "' heeft tekens van buiten het Latijnse alfabet in "
                "de servernaam (eigenlijk 'www.xn--aypal-uye.com'); zulke namen kunnen op een bekende naam lijken",
       "https://www.рaypal.c")]),
    ('<p><a href="https://nl.wikipedia.org/wiki/Café">x</a> <a href="mailto:müller@example.org">y</a></p>', []),
    ('<p><a href="https://example.org/a b">x</a></p>', []),
]


@pytest.mark.parametrize("fragment,expected", RENDERED)
def test_rendered_html_outside_the_allowlist_is_found(fragment, expected):
    found = [(f.code, f.message, f.needle) for f in safety.verify_html(fragment)]
    assert found == expected
    assert found == [(f.code, f.message, f.needle) for f in safety._verify_with_parser(fragment)]


def test_findings_point_at_the_first_body_line_with_their_needle():
    body = "Tekst\n\n<DIV>x</div>\n\n[a](javascript:x)\nonclick"
    findings = safety.verify_html(safety.render_body(body))
    assert [(p.path, p.line, p.column, p.code, p.message) for p in
            safety.findings_as_problems("c.md", body, 20, findings)] == [
        ("c.md", 22, 1, "GV205", "na omzetting naar HTML: HTML-element <div> is niet toegestaan"),
        ("c.md", 24, 5, "GV206", f"na omzetting naar HTML: link 'javascript:x' {LINK}")]
    made_up = [safety.Finding("GV205", "m", needle) for needle in ("nergens", "", "ONCLICK", "onclick", "Tekst")]
    assert [(p.line, p.column) for p in safety.findings_as_problems("c.md", body, 20, made_up)] == [(20, 1), (25, 1)]
    twice = [safety.Finding("GV206", "m", "x")]
    assert [(p.line, p.column) for p in safety.findings_as_problems("c.md", "a\nb x x", 3, twice)] == [(4, 3)]
    assert safety.findings_as_problems("c.md", body, 20, []) == []


def test_the_build_refuses_a_case_page_whose_html_holds_what_the_checker_refused():
    vocab = load_vocabulary(HOSTILE / "tags.yml")
    data = (HOSTILE / "html-script.md").read_bytes()
    case, _ = read_case("cases/html-script.md", data, vocab, today=dt.date(2026, 11, 29), cases_dir=HOSTILE)
    found = safety.check_rendered(case, safety.render_body(case.body))
    assert [(p.path, p.line, p.column, p.code, p.message) for p in found] == [
        ("cases/html-script.md", 20, 1, "GV205", "na omzetting naar HTML: HTML-element <script> is niet toegestaan")]


def test_bodies_render_with_the_extensions_of_the_site():
    body = "## Kop\n\n| a |\n|---|\n| b |\n\nDe AFK.\n\n*[AFK]: Afkorting\n\nTekst\n{: .x }\n\n```\n<b>\n```"
    assert safety.render_body(body) == (
        '<h2 id="kop">Kop</h2>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n'
        '</tr>\n</tbody>\n</table>\n<p>De <abbr title="Afkorting">AFK</abbr>.</p>\n<p class="x">Tekst</p>\n'
        "<pre><code>&lt;b&gt;\n</code></pre>")


@pytest.mark.parametrize("body,hidden", [
    ("> [r]: https://example.org/\n\n[a][r]\n", True),  # a reference defined inside a quote
    ("- [r]: https://example.org/\n\n[a][r]\n", True),  # inside a list item
    ("1. punt\n\n    [r]: https://example.org/\n", True),  # indented under one
    ("Zie [bron]: de tekst.\n", True),  # prose that looks like one: the renderer decides, nothing is lost
    ("[r]: https://example.org/\n\n[a][r]\n", False),  # at the start of a line: `targets` reads it
    ("   [r]: https://example.org/\n", False),
    ("Gewone tekst met [a](https://example.org/) en een dubbele punt: hier.\n", False),
    ("> [r] : geen definitie\n", False),
])
def test_a_reference_defined_where_targets_does_not_look_is_left_to_the_renderer(body, hidden):
    assert safety.check_markup("c.md", body, 1)[2] is hidden


def test_a_lookalike_link_defined_in_a_quote_or_a_javascript_link_in_a_list_is_refused_by_the_checker():
    """The checker's reading of the body misses references inside a quote or a list item; rendering finds them."""
    for name, message in (("body-link-lookalike-host-in-quote.md", "heeft tekens van buiten het Latijnse alfabet"),
                          ("body-link-javascript-in-list.md", LINK)):
        text = (HOSTILE / name).read_text(encoding="utf-8")
        body_line = text.split("\n").index("## Aanleiding") + 1
        body = text.split("---\n", 2)[2].lstrip("\n")
        problems = safety.check_markup(name, body, body_line)
        assert problems[0] == [] and problems[2] is True
        found = safety.findings_as_problems(name, body, body_line, safety.verify_html(safety.render_body(body)))
        assert [(p.line, p.code) for p in found] == [(21, "GV206")] and message in found[0].message

