"""Scale: the fast paths give exactly what the careful paths give, and the benchmark runs."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from goedvoorbeeld import simple_yaml, source
from goedvoorbeeld.cases import load_library, read_case
from goedvoorbeeld.source import decode, parse_yaml, split

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
        m.setattr(simple_yaml, "parse", lambda *a: None)
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
    from goedvoorbeeld import cases

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
    "weight_home", "weight_case", "weight_voorbeelden",
    "weight_growth_home", "weight_growth_case", "weight_growth_voorbeelden",
    "browser_weight_home", "browser_weight_case", "browser_weight_voorbeelden",
    "search_ms", "search_bytes", "search_api_ms", "search_api_bytes", "browse_ms", "browse_bytes",
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
                 "weight_home", "weight_case", "weight_voorbeelden"):
        assert isinstance(figures[name]["value"], (int, float)) and figures[name]["value"] > 0, name
    assert figures["weight_case"]["external"] == [] and figures["weight_home"]["external"] == []
    browser_there = Path(os.environ.get("GV_CHROMIUM", "/usr/bin/chromium")).exists()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        browser_there = False
    if browser_there or os.environ.get("CI"):
        for name in ("browser_weight_home", "browser_weight_case", "browser_weight_voorbeelden"):
            assert figures[name]["value"] > figures[name.replace("browser_", "")]["value"] * 0.5, name
            assert figures[name]["third_party"] == [], name
        # search: measured, or missing with the reason (before Pagefind lands, Material's search box is measured)
        assert figures["search_ms"]["value"] is not None or "zoekvak" in figures["search_ms"]["note"]
    assert "| check |" in result.stdout and "Written:" in result.stdout


def test_checking_on_several_processes_finds_exactly_what_load_library_finds(tmp_path):
    import shutil

    from goedvoorbeeld.cases import check_library

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
