"""Hostile and broken input: every file of the catalogue is named with a clear message, or accepted.

The catalogue is `tests/fixtures/hostile/`: one file per item, named for what
it is. Every item goes through the checker here; a representative set, and
all of them together, go through a real `mkdocs build`.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT
import goedvoorbeeld.check.safety as safety
from goedvoorbeeld.check.cases import load_library, read_case
from goedvoorbeeld.cli import main
from goedvoorbeeld.check.vocabulary import load_vocabulary

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
TODAY = dt.date(2026, 11, 29)
VOCAB = load_vocabulary(HOSTILE / "tags.yml")

# file -> every problem the checker reports for it, as (code, line); [] means accepted.
CATALOGUE: dict[str, list[tuple[str, int]]] = {
    # the file as a whole
    "empty-file.md": [("GV002", 1)],
    "no-front-matter.md": [("GV003", 1)],
    "front-matter-not-closed.md": [("GV004", 14)],
    "front-matter-is-a-list.md": [("GV006", 2)],
    "front-matter-is-a-string.md": [("GV006", 2)],
    "invalid-yaml.md": [("GV005", 3)],
    "horizontal-rule-in-body.md": [],
    "Not A Valid Slug.md": [("GV001", 1)],
    # front matter
    "missing-required-key.md": [("GV101", 2)],
    "wrong-type-title-number.md": [("GV103", 2)],
    "wrong-type-tags-string.md": [("GV103", 8)],
    "wrong-type-year-text.md": [("GV103", 7)],
    "year-out-of-range.md": [("GV110", 7)],
    "unknown-key.md": [("GV102", 10)],
    "date-does-not-exist.md": [("GV111", 9)],
    "added-in-the-future.md": [("GV112", 9)],
    "unknown-tag.md": [("GV104", 8)],
    "duplicate-tag.md": [("GV105", 8)],
    "too-many-tags.md": [("GV106", 8)],
    "empty-tag.md": [("GV107", 8)],
    # YAML as an attack
    "yaml-alias-bomb.md": [("GV009", 10)],
    "yaml-custom-tag-python-object.md": [("GV010", 2)],
    "yaml-nesting-too-deep.md": [("GV011", 12), ("GV103", 12)],
    "larger-than-256-kb.md": [("GV007", 1)],
    # bytes and characters
    "not-utf-8.md": [("GV008", 18)],
    "bom-and-crlf.md": [],
    "nul-byte.md": [("GV016", 18)],
    "bidi-override.md": [("GV016", 18), ("GV016", 18)],
    # raw HTML
    "html-script.md": [("GV205", 20)],
    "html-script-mixed-case.md": [("GV205", 20)],
    "html-iframe.md": [("GV205", 20)],
    "html-img-onerror.md": [("GV205", 18)],
    "html-multiline-img-onerror.md": [("GV205", 20)],
    "html-a-javascript-href.md": [("GV205", 18)],
    "html-svg-onload.md": [("GV205", 20)],
    "html-style-attribute.md": [("GV205", 18)],
    "html-comment.md": [("GV205", 20)],
    "html-namespaced-element-onclick.md": [("GV205", 18)],
    "html-attribute-with-slashes.md": [("GV205", 18)],
    "attribute-list-onclick.md": [("GV205", 19)],
    "html-allowlist.md": [],
    "fenced-code-with-html.md": [],
    # plain text that must be escaped, not refused
    "title-with-comment-opener.md": [],
    "summary-meta-refresh.md": [],
    # links and images
    "front-matter-link-javascript.md": [("GV113", 12)],
    "front-matter-link-data.md": [("GV113", 12)],
    "front-matter-link-file.md": [("GV113", 12)],
    "front-matter-link-unclosed-bracket.md": [("GV113", 12)],
    "front-matter-contact-javascript.md": [("GV113", 10)],
    "body-link-javascript.md": [("GV206", 18)],
    "body-link-data.md": [("GV206", 18)],
    "body-link-file.md": [("GV206", 18)],
    "body-link-entity-encoded-scheme.md": [("GV206", 18)],
    "body-link-escaped-scheme.md": [("GV206", 18)],
    "body-link-nested-brackets.md": [("GV206", 18)],
    "body-link-reference-style.md": [("GV206", 20)],
    "body-autolink-javascript.md": [("GV206", 18)],
    "body-link-protocol-relative.md": [("GV206", 18)],
    "body-link-lookalike-host.md": [("GV206", 18)],
    # a reference defined inside a quote or a list item: the renderer decides (found by mutation testing)
    "body-link-lookalike-host-in-quote.md": [("GV206", 21)],
    "body-link-javascript-in-list.md": [("GV206", 21)],
    "front-matter-link-lookalike-host.md": [("GV113", 12)],
    "body-link-external.md": [],
    "image-outside-cases.md": [("GV207", 18)],
    "image-missing.md": [("GV207", 18)],
    "image-reference-external.md": [("GV207", 20)],
    "image-not-really-a-png.md": [("GV207", 18)],
    "reserved-slug.md": [("GV001", 1)],  # checked as index.md
    # shapes that make Markdown hang (quadratic) or crash (recursion)
    "very-long-line.md": [("GV017", 18)],
    "nested-lists-too-deep.md": [("GV017", 18)],
    "unmatched-brackets.md": [("GV017", 18)],
    # the plain-text section ## Gespreksvraag
    "gespreksvraag-valid.md": [],
    "gespreksvraag-too-short.md": [("GV210", 20)],
    "gespreksvraag-raw-html.md": [("GV211", 22), ("GV205", 22)],
    "gespreksvraag-link.md": [("GV211", 23)],
    "gespreksvraag-emphasis.md": [("GV211", 22)],
    "gespreksvraag-list.md": [("GV211", 22)],
    "gespreksvraag-second-paragraph.md": [("GV211", 24)],
    "gespreksvraag-before-lessen.md": [("GV202", 24)],
}
# Items that need a second file: the test writes both under these names.
PAIRS = {
    "slug-differs-only-in-case.md": ("open-raad.md", "Open-Raad.md"),
    "same-title.md": ("dezelfde-titel-een.md", "dezelfde-titel-twee.md"),
}
# Items checked under another file name than the fixture's own.
RENAMED = {"reserved-slug.md": "index.md"}
ACCEPTED = sorted(name for name, expected in CATALOGUE.items() if not expected)
REFUSED = sorted(name for name, expected in CATALOGUE.items() if expected)


def shown(name: str) -> str:
    return f"cases/{RENAMED.get(name, name)}"


def check(name: str):
    return read_case(shown(name), (HOSTILE / name).read_bytes(), VOCAB, today=TODAY, cases_dir=HOSTILE)


def test_every_fixture_is_in_the_catalogue_and_every_item_has_a_fixture():
    on_disk = {p.name for p in HOSTILE.glob("*.md")}
    assert on_disk == set(CATALOGUE) | set(PAIRS)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_checker_names_each_item_with_code_path_and_line(name):
    case, problems = check(name)
    assert sorted((p.code, p.line) for p in problems) == sorted(CATALOGUE[name])
    for p in problems:
        assert p.path == shown(name)
        assert p.message and not p.message.startswith("Traceback")
    if CATALOGUE[name]:
        assert any(p.is_error for p in problems)
    else:
        assert case is not None


def test_a_rule_later_in_the_body_does_not_cut_the_body():
    case, problems = check("horizontal-rule-in-body.md")
    assert problems == []
    assert "Na de lijn gaat de tekst verder en mag niets verloren gaan." in case.section("aanpak").markdown


def test_byte_order_mark_and_windows_line_endings_are_accepted():
    case, problems = check("bom-and-crlf.md")
    assert problems == []
    assert case.title == "Windows-regeleinden met een BOM"  # no BOM glued to a key, no \r in a value
    assert "\r" not in case.body and case.section("aanpak").markdown.startswith("Windows-regeleinden")


def test_non_utf8_names_the_byte_offset():
    _, problems = check("not-utf-8.md")
    data = (HOSTILE / "not-utf-8.md").read_bytes()
    offset = data.index(b"\xe9")
    assert f"byte {offset}" in problems[0].message


def test_a_lookalike_server_name_is_shown_as_the_browser_sends_it():
    _, problems = check("body-link-lookalike-host.md")
    assert "eigenlijk 'www.xn--aypal-uye.com'" in problems[0].message


def test_alias_bomb_is_refused_before_it_is_expanded():
    # Expanded, the bomb is 9**9 strings; the test finishing at all shows nothing was expanded.
    _, problems = check("yaml-alias-bomb.md")
    assert [p.code for p in problems] == ["GV009"]


def test_slugs_that_differ_only_in_case_are_refused(tmp_path):
    shutil.copy(HOSTILE / "tags.yml", tmp_path / "tags.yml")
    for target in PAIRS["slug-differs-only-in-case.md"]:
        shutil.copy(HOSTILE / "slug-differs-only-in-case.md", tmp_path / target)
    library = load_library(tmp_path, today=TODAY, shown_root="cases")
    found = sorted((p.path, p.code, p.line) for p in library.problems)
    assert found == [("cases/Open-Raad.md", "GV001", 1), ("cases/open-raad.md", "GV012", 1),
                     ("cases/open-raad.md", "GV013", 2)]  # the copy also has the same title
    assert library.cases == ()


def test_a_case_file_that_is_a_link_to_another_file_is_refused(tmp_path):
    shutil.copy(HOSTILE / "tags.yml", tmp_path / "tags.yml")
    outside = tmp_path.parent / "buiten-de-bibliotheek.md"
    shutil.copy(HOSTILE / "html-allowlist.md", outside)
    (tmp_path / "koppeling-naar-buiten.md").symlink_to(outside)
    library = load_library(tmp_path, today=TODAY, shown_root="cases")
    assert [(p.path, p.code, p.line) for p in library.problems] == [("cases/koppeling-naar-buiten.md", "GV018", 1)]
    assert library.cases == ()


def test_two_cases_with_the_same_title_get_a_warning(tmp_path):
    shutil.copy(HOSTILE / "tags.yml", tmp_path / "tags.yml")
    for target in PAIRS["same-title.md"]:
        shutil.copy(HOSTILE / "same-title.md", tmp_path / target)
    library = load_library(tmp_path, today=TODAY, shown_root="cases")
    assert [(p.path, p.code, p.line, p.severity) for p in library.problems] == [
        ("cases/dezelfde-titel-twee.md", "GV013", 2, "warning")]
    assert len(library.cases) == 2  # a warning keeps both


def test_cli_check_reports_the_whole_catalogue_without_a_traceback(tmp_path):
    folder = tmp_path / "cases"
    shutil.copytree(HOSTILE, folder)
    for name, as_name in RENAMED.items():
        (folder / name).rename(folder / as_name)
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for name, expected in CATALOGUE.items():
        for code, line in expected:
            pattern = rf"{re.escape(RENAMED.get(name, name))}:{line}:\d+: error {code}: "
            assert re.search(pattern, result.output), (name, code)


def test_markdown_extensions_of_the_site_are_the_ones_the_checker_renders_with():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert tuple(names) == safety.MARKDOWN_EXTENSIONS


# --- real builds -----------------------------------------------------------

REPRESENTATIVE = [
    "empty-file.md", "not-utf-8.md", "yaml-alias-bomb.md", "html-script-mixed-case.md",
    "body-link-reference-style.md", "nested-lists-too-deep.md", "larger-than-256-kb.md",
]


def _copy(project, name: str, as_name: str | None = None) -> None:
    shutil.copy(HOSTILE / name, project.cases / (as_name or RENAMED.get(name, name)))


@pytest.mark.parametrize("name", REPRESENTATIVE)
def test_build_fails_cleanly_for_a_representative_item(project, name):
    _copy(project, name)
    result = project.build(check=False)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    for code, line in CATALOGUE[name]:
        assert re.search(rf"cases/{re.escape(name)}:{line}:\d+: error {code}: ", out), out
    assert not (project.site / "voorbeelden").exists()


def test_build_with_the_whole_catalogue_names_every_item_and_publishes_nothing(project):
    for name in REFUSED:
        _copy(project, name)
    result = project.build(check=False)
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in out
    for name in REFUSED:
        for code, line in CATALOGUE[name]:
            assert f"{shown(name)}:{line}:" in out and code in out, name
    assert not project.site.exists()


def test_accepted_items_build_strict_and_keep_their_content(project):
    for name in ACCEPTED:
        _copy(project, name)
    # `build -q` hides warnings from --strict, so check for warnings here too
    assert load_library(project.cases, today=TODAY).problems == ()
    project.build("--strict")
    pages = project.site / "voorbeelden"
    rule = (pages / "horizontal-rule-in-body" / "index.html").read_text(encoding="utf-8")
    assert "<hr" in rule and "Na de lijn gaat de tekst verder en mag niets verloren gaan." in rule
    bom = (pages / "bom-and-crlf" / "index.html").read_text(encoding="utf-8")
    assert "Windows-regeleinden en een byte-order mark zijn prima." in bom and "\ufeff" not in bom
    allow = (pages / "html-allowlist" / "index.html").read_text(encoding="utf-8")
    for fragment in ('<abbr title="Wet open overheid">Woo</abbr>', "CO<sub>2</sub>", "1<sup>e</sup>", "<br"):
        assert fragment in allow
    fenced = (pages / "fenced-code-with-html" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fenced and "<script>alert(1)" not in fenced
    assert "<code>&lt;iframe&gt;</code>" in fenced
    external = (pages / "body-link-external" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a [^>]*href="https://www\.example\.org/[^"]*"[^>]*>', external)
    assert len(links) == 2 and all('rel="noopener noreferrer"' in a for a in links), links


class _Text(HTMLParser):
    """Text of the first element with the given tag, and every meta element's attributes."""

    def __init__(self, tag: str):
        super().__init__()
        self.tag, self.depth, self.text, self.metas = tag, 0, None, []

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            self.metas.append(dict(attrs))
        if tag == self.tag and self.text is None:
            self.depth, self.text = 1, ""
        elif self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text += data


def page_parts(html: str, tag: str = "h1") -> _Text:
    p = _Text(tag)
    p.feed(html)
    return p


def test_title_and_summary_are_escaped_in_the_page_head_and_heading(project):
    for name in ("title-with-comment-opener.md", "summary-meta-refresh.md"):
        _copy(project, name)
    project.build()
    pages = project.site / "voorbeelden"
    opener = (pages / "title-with-comment-opener" / "index.html").read_text(encoding="utf-8")
    assert page_parts(opener).text == """Een <!-- open commentaar & "aanhalingstekens" 'enkel'"""
    assert "De titel mag geen deel van de pagina wegvegen." in opener
    assert "<!-- open" not in opener
    refresh = (pages / "summary-meta-refresh" / "index.html").read_text(encoding="utf-8")
    metas = page_parts(refresh).metas
    assert not any("http-equiv" in m for m in metas), metas
    assert {"name": "description", "content": '0;url=https://evil.example/" http-equiv="refresh'} in metas
