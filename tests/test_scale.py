"""Scale: the fast paths give exactly what the careful paths give, and the benchmark runs."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import goedvoorbeeld.check.simple_yaml as simple_yaml
import goedvoorbeeld.check.source as source
from goedvoorbeeld.check.cases import load_library, read_case
from goedvoorbeeld.check.source import decode, parse_yaml, split

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

EDGE_CASES = [
    'title: "Hallo"\nyear: 2020\n',
    "title: 'Hallo wereld'\nlevel: gemeente\n",
    "title: Hallo wereld\n",  # plain text with a space
    'title: "a \\" b"\n', 'title: "a \\t b"\n', "title: 'it''s'\n",
    'title: "x" # commentaar\n', "# commentaar\ntitle: x\n", "  # ingesprongen commentaar\ntitle: x\n",
    "tags: [visie, know-how]\n", "tags: [visie,know-how]\n", "tags: []\n", "tags: [ visie ]\n",
    "tags: [visie, yes]\n", "tags: [visie, 12]\n", "tags: [visie,]\n", "tags: [Visie]\n",
    "tags:\n  - visie\n  - know-how\n", "tags:\n- visie\n- know-how\n", "tags:\n\n  - visie\n\n  - b\n",
    "tags:\n  - visie\n - b\n", "tags:\n  -   visie\n", "tags:\n  - visie\n    vervolg\n",
    "tags:\n  - [a, b]\n", "tags:\n  - yes\n", "tags:\n  - 2020\n", "tags:\n  -\n",
    'links:\n  - title: "A"\n    url: "https://a.example"\n  - title: "B"\n    url: "https://b.example"\n',
    'links:\n- title: "A"\n  url: "https://a.example"\n',
    'links:\n  - title: "A"\n    url: https://a.example\n',
    'links:\n  - title: "A"\n\n    url: "https://a.example"\n',
    'links:\n  - title: "A"\n      url: "x"\n', 'links:\n  - title: "A"\n    title: "B"\n',
    'links:\n  - title: "A"\n    extra:\n      - x\n', 'links:\n  - title:\n', 'links:\n  - on: "x"\n',
    "links: https://a.example\n", "links:\n", "links:\ntitle: x\n", "title:\n", "title:   \n",
    "year: 2020\n", "year: 02020\n", "year: 0\n", "year: 2020.5\n", "year: 20_20\n", "year: 0x1F\n",
    "year: -5\n", "year: 12345678901\n", "added: 2026-01-31\n", "added: 2026-02-30\n", "added: 2026-1-1\n",
    "added: 2026-01-01 10:00:00\n", "status: lopend\nstatus: pilot\n", "on: x\n", "yes: x\n", "null: x\n",
    "level: null\n", "level: ~\n", "level: true\n", "level: off\n", "level: y\n", "level: gemeente-\n",
    "Title: x\n", "title:x\n", "title: x\n  y\n", " title: x\n", "title: &a x\nsummary: *a\n",
    "title: !!str x\n", "title: !custom x\n", "<<: {a: 1}\n", "title: x\t\n", "title:\tx\n",
    'title: "a\x07b"\n', 'title: "a\u2028b"\n', 'title: "a\x85b"\n', 'title: "a\ufeffb"\n', 'title: "café ✓"\n',
    "- a\n- b\n", "title: [a\n", "title: {a: 1}\n", "title: x\n---\n", "%YAML 1.1\n---\ntitle: x\n",
    "", "\n\n", "# alleen commentaar\n", "contact: info@example.org\n", 'contact: "info@example.org"\n',
    "language: en\n", "a_b: x\n", "title: 'a: b'\n", 'title: "a: b"\n', "title: a: b\n",
]


def _front_matters() -> list[str]:
    texts = list(EDGE_CASES)
    for path in sorted([*ROOT.glob("cases/*.md"), *FIXTURES.rglob("*.md")]):
        text = decode(str(path), path.read_bytes())[0]  # the hostile fixtures hold files that are not UTF-8
        fm = split(str(path), text)[0] if text is not None else None
        if fm is not None:
            texts.append(fm)
            lines = fm.split("\n")
            for i in range(len(lines)):  # each line dropped, indented, given a tab or a comment
                texts.append("\n".join(lines[:i] + lines[i + 1:]))
                texts.append("\n".join(lines[:i] + [" " + lines[i]] + lines[i + 1:]))
                texts.append("\n".join(lines[:i] + [lines[i] + "\t# x"] + lines[i + 1:]))
    return texts


def _careful(monkeypatch, text: str):
    with monkeypatch.context() as m:
        m.setattr(simple_yaml, "parse", lambda *a, **k: None)
        m.setattr(source, "_is_plain", lambda *a: False)
        return parse_yaml("x.md", text, line_offset=2)


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.parametrize("text", _front_matters())
def test_fast_front_matter_reading_equals_the_careful_path(monkeypatch, text):
    values, positions, problems = parse_yaml("x.md", text, line_offset=2)
    c_values, c_positions, c_problems = _careful(monkeypatch, text)
    assert _same(values, c_values), (values, c_values)
    assert problems == c_problems
    keys = list(c_positions) + [("title",), ("title", source.KEY), ("links",), ("tags", 0), (source.KEY,)]
    for key in keys:  # one lookup at a time on a fresh result, as the checker asks
        fresh = parse_yaml("x.md", text, line_offset=2)[1]
        assert (key in fresh) == (key in c_positions), key
        if key in c_positions:
            assert fresh[key] == c_positions[key] == positions[key], key
        assert parse_yaml("x.md", text, line_offset=2)[1].get(key) == c_positions.get(key), key  # get alone
    assert dict(positions) == dict(c_positions)


def test_simple_reader_takes_the_common_front_matter():
    text = ('title: "Open raad"\nsummary: \'Een samenvatting van twintig tekens.\'\nlevel: gemeente\n'
            "year: 2021\ntags: [visie, know-how]\nadded: 2026-01-02\n"
            'links:\n  - title: "Raad"\n    url: "https://raad.example"\n')
    values, positions = simple_yaml.parse(text, source.KEY)
    assert values["added"] == dt.date(2026, 1, 2) and values["links"] == [
        {"title": "Raad", "url": "https://raad.example"}]
    assert positions[("links",)] == (8, 3)
    for text in ("title: Open raad\n", "year: 02020\n", 'title: "a\\"b"\n', "added: 2026-02-30\n", "on: x\n"):
        assert simple_yaml.parse(text, source.KEY) is None, text


def test_body_fast_path_keeps_every_check(tmp_path):
    """Lines of plain prose skip the per-line checks; every line with something to check is still checked."""
    vocab = load_library(FIXTURES / "library").vocabulary
    head = ("---\ntitle: Een voorbeeld\nsummary: Een samenvatting die lang genoeg is.\norganisation: Gemeente X\n"
            "level: gemeente\nstatus: lopend\nyear: 2020\ntags: [visie]\nadded: 2026-01-01\n---\n\n")
    body = ("## Aanleiding\n\nGewone tekst.\n# Kop\n<div>x</div>\n[a](javascript:alert(1))\n"
            "Vervang deze tekst door iets.\n```\n## Aanpak in code\n```\n\n## Aanpak\n\nTekst.\n")
    case, problems = read_case("cases/een-voorbeeld.md", (head + body).encode(), vocab, today=dt.date(2026, 6, 1))
    assert sorted((p.code, p.line) for p in problems) == sorted([("GV209", 15), ("GV205", 16), ("GV206", 17), ("GV208", 18)])
    assert [s.key for s in case.sections] == ["aanleiding", "aanpak"]
    assert "## Aanpak in code" in case.sections[0].markdown


def test_library_by_slug_is_built_once():
    library = load_library(FIXTURES / "library")
    assert library.by_slug() is library.by_slug()
    assert sorted(library.by_slug()) == [c.slug for c in library.cases]


@pytest.mark.parametrize("path", sorted([*ROOT.glob("cases/*.md"), *FIXTURES.rglob("*.md")]), ids=lambda p: p.name)
def test_fast_body_check_equals_the_careful_path(monkeypatch, path):
    import goedvoorbeeld.check.cases as cases

    vocab = load_library(FIXTURES / "library").vocabulary
    data = path.read_bytes()
    fast = read_case(f"cases/{path.name}", data, vocab, today=dt.date(2026, 11, 29))
    monkeypatch.setattr(cases, "_notable_lines", _every_line)
    careful = read_case(f"cases/{path.name}", data, vocab, today=dt.date(2026, 11, 29))
    assert fast == careful


def _every_line(body: str) -> list[int]:
    starts, pos = [0], body.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = body.find("\n", pos + 1)
    return starts


BENCH_FIGURES = {
    "check_s", "build_s", "plain_build_s", "build_ratio", "build_growth", "build_peak_memory",
    "weight_home", "weight_case", "weight_voorbeelden", "weight_top5",
    "weight_growth_home", "weight_growth_case", "weight_growth_voorbeelden", "weight_growth_top5",
    "browser_weight_home", "browser_weight_case", "browser_weight_voorbeelden", "browser_weight_top5",
    "search_ms", "search_bytes", "search_api_ms", "search_api_bytes", "browse_ms", "browse_bytes",
    "preview_full_rebuild_s", "preview_body_s", "preview_ranking_s",
}


def test_benchmark_runs_at_50_cases_and_reports_every_figure(tmp_path):
    """A smoke test of `make bench`: it runs, and every figure has a value or says why not. No time is asserted."""
    pytest.importorskip("wordfreq")
    out = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "50", "--out", str(out)],
                            capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    figures = data["sizes"]["50"]
    assert BENCH_FIGURES <= set(figures), BENCH_FIGURES - set(figures)
    for name, f in figures.items():
        assert f["status"] in ("PASS", "FAIL", "n/a", "-"), (name, f)
        assert f["value"] is not None or f["note"], f"{name} has neither a value nor a reason"
    for name in ("check_s", "build_s", "plain_build_s", "build_ratio", "build_peak_memory",
                 "weight_home", "weight_case", "weight_voorbeelden", "weight_top5"):
        assert isinstance(figures[name]["value"], (int, float)) and figures[name]["value"] > 0, name
    assert figures["weight_case"]["external"] == [] and figures["weight_home"]["external"] == []
    browser_there = Path(os.environ.get("GV_CHROMIUM", "/usr/bin/chromium")).exists()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        browser_there = False
    if browser_there or os.environ.get("CI"):
        for name in ("browser_weight_home", "browser_weight_case", "browser_weight_voorbeelden",
                     "browser_weight_top5"):
            assert figures[name]["value"] > figures[name.replace("browser_", "")]["value"] * 0.5, name
            assert figures[name]["third_party"] == [], name
        # search: measured, or missing with the reason (before Pagefind lands, Material's search box is measured)
        assert figures["search_ms"]["value"] is not None or "zoekvak" in figures["search_ms"]["note"]
        # the contributor's preview: both edits reached the open tab
        assert figures["preview_body_s"]["value"] is not None, figures["preview_body_s"]
        assert figures["preview_ranking_s"]["value"] is not None, figures["preview_ranking_s"]
    assert "| check |" in result.stdout and "Written:" in result.stdout


def test_checking_on_several_processes_finds_exactly_what_load_library_finds(tmp_path):
    import shutil

    import goedvoorbeeld.check.cases as cases_module
    from goedvoorbeeld.check.cases import check_library, read_library

    cases = tmp_path / "cases"
    shutil.copytree(FIXTURES / "library", cases)
    template = (cases / "regio-open-data.md").read_text(encoding="utf-8")
    for i in range(40):
        text = template if i % 4 else template.replace("Open data in de regio", f"Open data {i}")  # GV013
        if i % 5 == 0:
            text = text.replace("tags: [", "tags: [onbekend, ")  # GV104
        if i % 7 == 0:
            text = text.replace("## Aanpak", "## Werkwijze")  # GV203, GV201
        (cases / f"extra-{i:02d}.md").write_text(text, encoding="utf-8")
    (cases / "Extra-01.md").write_text(template, encoding="utf-8")  # GV001, GV012
    (cases / "notities.txt").write_text("x", encoding="utf-8")  # GV014
    expected = load_library(cases, shown_root="cases", today=dt.date(2026, 11, 29))
    for workers in (1, 2, 3):
        found = check_library(cases, shown_root="cases", today=dt.date(2026, 11, 29), workers=workers,
                              parallel_from=1)
        assert found.problems == expected.problems and found.files == expected.files
    assert {p.code for p in expected.problems} >= {"GV001", "GV012", "GV013", "GV014", "GV104", "GV201", "GV203"}
    serial = read_library(cases, expected.vocabulary, shown_root="cases", today=dt.date(2026, 11, 29), workers=1)
    assert serial == expected
    for workers in (2, 3):  # the cases come back from the other processes too
        assert read_library(cases, expected.vocabulary, shown_root="cases", today=dt.date(2026, 11, 29),
                            workers=workers, parallel_from=1) == expected
    parent = os.getpid()

    def read_files_failing_elsewhere(*args):
        if os.getpid() != parent:
            os._exit(3)
        return read_files(*args)

    read_files = cases_module._read_files
    cases_module._read_files = read_files_failing_elsewhere
    try:  # a child that fails is not trusted: its part is read again in this process
        found = check_library(cases, shown_root="cases", today=dt.date(2026, 11, 29), workers=2, parallel_from=1)
    finally:
        cases_module._read_files = read_files
    assert found.problems == expected.problems


# --- the fast paths of the checker, each against the careful path it mirrors ---------------------------

def _case_files() -> list[Path]:
    return sorted([*ROOT.glob("cases/*.md"), *FIXTURES.rglob("*.md")])


def _bodies() -> list[str]:
    out = []
    for path in _case_files():
        text = decode(str(path), path.read_bytes())[0]
        if text is not None:
            out.append(split(str(path), text)[1] or text)
    return out


_LINE_MUTATIONS = [
    lambda line: None,  # dropped
    lambda line: " " * 11 + line, lambda line: " " * 10 + line, lambda line: "\t" * 11 + line,
    lambda line: "\t" * 10 + " " + line, lambda line: "> " * 9 + line, lambda line: ">" * 8 + line,
    lambda line: "- " * 9 + line, lambda line: "1. " * 9 + line, lambda line: "- " * 8 + line,
    lambda line: "-\t" * 9 + line, lambda line: "1234567890. " + "* " * 8 + line,
    lambda line: (line + " x") * (5_001 // (len(line) + 2) + 1), lambda line: "x" * 5_000,
    lambda line: "*[AFK]: " + line, lambda line: line + " [(" * 40, lambda line: line + " <b>{x}</b> ](",
    lambda line: "\u0663. " * 9 + line, lambda line: "1. " + "\u0663. " * 8 + line,  # digits outside ASCII
    lambda line: "\u00a0" * 11 + line, lambda line: "\n" + " " * 11 + line,
]


def _mutated_bodies() -> list[str]:
    """Each body of the fixtures with each line changed in ways that come near a limit of `_complexity`."""
    bodies = _bodies()
    out = list(bodies)
    for body in bodies[:12]:
        lines = body.split("\n")
        for i in range(0, len(lines), max(1, len(lines) // 6)):
            for mutate in _LINE_MUTATIONS:
                changed = mutate(lines[i])
                out.append("\n".join(lines[:i] + ([] if changed is None else [changed]) + lines[i + 1:]))
    prose = "Een regel tekst.\n"
    out += [prose * 300, prose * 301, (prose + "\n") * 400, "x\n" * 300, "*[A]: a\n" * 50, "*[A]: a\n" * 51,
            "[" * 30 + "x" * 3_000, "(" * 34 + "x" * 3_000, ("a" * 2_500 + "\n") * 3, "a" * 5_000 + "\nb" * 5_000,
            "b" * 2_499 + "\n" + "a" * 5_001, "a" * 5_001]
    return out


@pytest.mark.parametrize("body", _mutated_bodies(), ids=lambda body: str(len(body)))
def test_fast_markup_check_equals_the_careful_path(monkeypatch, body):
    """`safety._surely_simple` lets `_complexity` skip its careful checks only when they find nothing, and the
    scans that `check_markup` skips for lack of '<', '{' or ']' find nothing either."""
    import goedvoorbeeld.check.safety as safety

    fast: list = []
    fast_exceeded = safety._complexity(body, lambda *a: fast.append(a))
    fast_markup = safety.check_markup("x.md", body, 5)
    monkeypatch.setattr(safety, "_surely_simple", lambda body: False)
    careful: list = []
    assert safety._complexity(body, lambda *a: careful.append(a)) == fast_exceeded
    assert careful == fast
    assert safety.check_markup("x.md", body, 5) == fast_markup


def test_control_character_prefilter_never_misses_one():
    """`safety.may_hold_controls` says True for the UTF-8 of every character `control_characters` reports."""
    import goedvoorbeeld.check.safety as safety

    reported = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and safety._BAD_CHARS.match(chr(c))]
    assert len(reported) > 60
    for ch in reported:
        assert safety.may_hold_controls(f"a{ch}b".encode()), hex(ord(ch))
    assert not safety.may_hold_controls("Gewone tekst met é en ë, zonder stuurtekens.\n".encode())


def test_blanked_text_leaves_yaml_nothing_to_refuse():
    """After `read_front_matter` decodes and blanks a file, only a tab can be in simple_yaml's _NON_PRINTABLE
    (so `parse_yaml(..., printable=True)` may skip that scan)."""
    import goedvoorbeeld.check.safety as safety

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)  # strict UTF-8 has no surrogates
    text = every.replace("\r", "\n")  # as source.decode leaves line breaks
    assert set(simple_yaml._NON_PRINTABLE.findall(safety.blank_controls(text))) == {"\t"}


def _split_reference(path: str, text: str):
    """`source.split` as it was before its fast path: partition and a MULTILINE search."""
    import re

    if not text.strip():
        return None, "", 1, [source.problem(path, 1, 1, "GV002", "het bestand is leeg")]
    first, _, rest = text.partition("\n")
    if first.rstrip() != "---":
        return None, "", 1, [source.problem(path, 1, 1, "GV003",
                                            "het bestand begint niet met front matter ('---' op de eerste regel)")]
    m = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE).search(rest)
    if not m:
        return None, "", 1, [source.problem(path, text.count("\n") + 1, 1, "GV004",
                                            "de front matter wordt niet afgesloten met een regel '---'")]
    fm, body = rest[: m.start()], rest[m.end():]
    if body.startswith("\n"):
        body = body[1:]
    return fm, body, 2 + fm.count("\n") + 1, []


@pytest.mark.parametrize("text", [
    "", "\n", " \n\t", "---", "---\n", "---\n---", "---\n---\n", "---\n...\nx", "--- \ntitle: x\n---  \t\nbody",
    "---\ntitle: x\n--- x\n---\n", "---\n\n---\n\nbody\n", "x\n---\n---\n", "---\ntitle: x", "---\ntitle: x\n----\n",
    "---\r\n", "\u2028---\n---\n", "---\na\n ---\n---\nb", "---\na\n...\n---\n",
    *[decode("x", p.read_bytes())[0] or "" for p in _case_files()],
])
def test_fast_split_equals_the_reference(text):
    assert split("x.md", text) == _split_reference("x.md", text)


def _mutated_files() -> list[tuple[str, bytes]]:
    """Every case file of the fixtures, and each with one line of its front matter or body changed."""
    out = []
    for path in _case_files():
        data = path.read_bytes()
        out.append((path.name, data))
        lines = data.split(b"\n")
        for i in range(0, len(lines), max(1, len(lines) // 5)):
            for change in (b"", b"  " + lines[i], lines[i] + b"\t", lines[i] + "\u202e".encode(), b"- " * 9 + lines[i],
                           lines[i] + b" <i>x</i>", b"## " + lines[i], b"```" + lines[i]):
                out.append((path.name, b"\n".join(lines[:i] + [change] + lines[i + 1:])))
    return out


@pytest.fixture(scope="module")
def vocab():
    from goedvoorbeeld.check.vocabulary import load_vocabulary

    return load_vocabulary(FIXTURES / "library" / "tags.yml")


@pytest.mark.parametrize("name,data", _mutated_files(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_fast_path_together_equals_the_careful_paths(monkeypatch, vocab, name, data):
    """read_case with every fast path gives exactly what it gives with all of them switched off."""
    import goedvoorbeeld.check.cases as cases
    import goedvoorbeeld.check.safety as safety

    fast = read_case(f"cases/{name}", data, vocab, today=dt.date(2026, 11, 29))
    monkeypatch.setattr(cases, "_notable_lines", _every_line)
    monkeypatch.setattr(safety, "_surely_simple", lambda body: False)
    monkeypatch.setattr(source, "may_hold_controls", lambda data: True)
    monkeypatch.setattr(simple_yaml, "parse", lambda *a, **k: None)
    monkeypatch.setattr(source, "_is_plain", lambda *a: False)
    monkeypatch.setattr(cases, "_HEADINGS", {})
    monkeypatch.setattr(cases, "_plainly_known_tags", lambda *a: False)
    monkeypatch.setattr(cases, "_PLAIN_URL", re.compile(r"(?!)"))
    simple_yaml._ENTRIES.clear()
    careful = read_case(f"cases/{name}", data, vocab, today=dt.date(2026, 11, 29))
    assert fast == careful


def _tag_lists(vocab) -> list[list]:
    """Tag lists near every check of `cases._tags`: known, unknown, blank, doubled, of the wrong type, too many."""
    known = sorted(vocab.tags)
    items = [*known[:7], "onbekend", "Visie", " visie", "", "  ", None, 3, True, 2.5, [known[0]], {"a": 1},
             source.INVALID, dt.date(2026, 1, 1)]
    out: list[list] = [[], known[:vocab.max_tags], known[:vocab.max_tags + 1], known[:1] * 2, known]
    for n in range(1, vocab.max_tags + 2):
        for start in range(len(items)):  # a window of n items: each item once at each place
            out.append([items[(start + i * 3) % len(items)] for i in range(n)])
    out += [[known[0], x] for x in items] + [[x, known[0]] for x in items]
    return out


def test_fast_tags_check_equals_the_careful_path(monkeypatch, vocab):
    """`cases._plainly_known_tags` lets `_tags` skip its loop only when the loop would find nothing."""
    import goedvoorbeeld.check.cases as cases
    import goedvoorbeeld.check.schema as schema

    field = schema.FIELD_BY_NAME["tags"]

    def check(value):
        found: list = []
        result = cases._tags(field, value, lambda *a: found.append(a), vocab, dt.date(2026, 11, 29))
        return result, found

    lists = _tag_lists(vocab)
    fast = [check(list(v)) for v in lists]
    assert sum(result is not source.INVALID for result, _ in fast) > 10  # the fast path is taken
    monkeypatch.setattr(cases, "_plainly_known_tags", lambda *a: False)
    for value, got in zip(lists, fast):
        assert check(list(value)) == got, value


_URLS = [
    "https://example.org", "http://example.org", "https://example.org/", "https://a.example/pad/naar?x=1&y=2#deel",
    "https://a-b.example:8080/x", "https://a.example:/x", "https://a.example:abc/x", "https://a.example?x",
    "https://a.example#x", "https://", "https:///pad", "http:/a.example", "https:a.example", "HTTPS://a.example",
    "Https://a.example", "ftp://a.example", "javascript:alert(1)", "//a.example", "a.example", "", " ",
    "https://a.example/ x", " https://a.example", "https://a.example ", "https://a.example\t", "https://a\nb.example",
    "https://[::1]/x", "https://[::1/x", "https://a]b/x", "https://user@a.example/x", "https://user:pw@a.example",
    "https://exämple.org", "https://xn--exmple-cua.org", "https://a.example/é", "https://a.example/\u200b",
    "https://a.example/\x7f", "https://\u0430pple.com", "https://a.example/[x]", "https://a.example\\x",
    "https://a.example/%20", "https://-.example", "https://a..example", "https://a.example/\u2028",
]


def test_fast_url_check_equals_the_careful_path(monkeypatch):
    """`cases._PLAIN_URL` lets `_url_problem` skip urlsplit only for addresses it has nothing to object to."""
    import re

    import goedvoorbeeld.check.cases as cases

    urls = _URLS + [u + suffix for u in _URLS[:12] for suffix in ("/", "?", "#", " ", "\t", "é", ":", "[", "]")]
    fast = [cases._url_problem(u) for u in urls]
    assert sum(cases._PLAIN_URL.fullmatch(u) is not None for u in urls) > 10  # the fast path is taken
    monkeypatch.setattr(cases, "_PLAIN_URL", re.compile(r"(?!)"))  # matches nothing
    assert [cases._url_problem(u) for u in urls] == fast


def test_remembered_lines_give_what_reading_them_again_gives(monkeypatch):
    """simple_yaml's memo of lines (`_entry`) changes no result: every front matter is read with an empty memo,
    again with the memo full of what earlier texts left, and with a memo that is emptied after every line."""
    texts = _front_matters()
    fresh = []
    for text in texts:
        simple_yaml._ENTRIES.clear()
        fresh.append(simple_yaml.parse(text, source.KEY, 2))
    for text in texts:  # the memo now holds the lines of every text
        simple_yaml.parse(text, source.KEY, 2)
    assert len(simple_yaml._ENTRIES) > 50
    for text, expected in zip(texts, fresh):
        got = simple_yaml.parse(text, source.KEY, 2)
        assert got == expected and (got is None or all(_same(got[0][k], expected[0][k]) for k in got[0])), text
    monkeypatch.setattr(simple_yaml, "_ENTRIES_MAX", 1)  # emptied whenever it holds a line
    for text, expected in zip(texts, fresh):
        assert simple_yaml.parse(text, source.KEY, 2) == expected, text


def test_no_value_read_from_the_memo_is_shared_when_it_can_change():
    """A flow list is built again for every file: changing one case's list changes no other's."""
    text = "tags: [visie, know-how]\nlevel: gemeente\n"
    first, second = simple_yaml.parse(text, source.KEY)[0], simple_yaml.parse(text, source.KEY)[0]
    assert first["tags"] == second["tags"] and first["tags"] is not second["tags"]


@pytest.mark.parametrize("name,data", _mutated_files(), ids=lambda x: x if isinstance(x, str) else "")
def test_checking_without_keeping_the_case_finds_the_same(vocab, name, data):
    """`goedvoorbeeld check` makes no Case or Section objects (`cases._read_case(keep=False)`), and finds the
    same problems and the same title for the cross checks."""
    import goedvoorbeeld.check.cases as cases

    case, problems = read_case(f"cases/{name}", data, vocab, today=dt.date(2026, 11, 29))
    seen, found = cases._read_case(f"cases/{name}", data, vocab, dt.date(2026, 11, 29), None, keep=False)
    assert found == problems
    assert seen == (None if case is None else cases._Seen(case.path, case.title, case.title_line))


@pytest.mark.parametrize("title", ["Aanleiding", "Aanpak", "Resultaat", "Lessen", "aanpak", "Werkwijze", ""])
def test_fast_heading_equals_the_careful_path(monkeypatch, title):
    """`cases._heading` takes a template heading such as '## Aanpak' at once, and gives what the careful steps give."""
    import goedvoorbeeld.check.cases as cases

    lines = [f"## {title}", f"##  {title}", f" ## {title}", f"## {title} ", f"## {title} ##", f"##{title}",
             f"# {title}", f"### {title}", f"## {title}\u00a0", f"\u00a0## {title}", f"## {title}`",
             f"## {title.upper()}", "##", "## "]
    fast = [cases._heading(line) for line in lines]
    monkeypatch.setattr(cases, "_HEADINGS", {})
    assert [cases._heading(line) for line in lines] == fast
