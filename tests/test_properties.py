"""Property-based tests: the checker never raises, never lets unsafe HTML through, and good cases build.

Example counts are modest (the machine is shared); the build property makes
ONE site from a batch of generated cases per example.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, make_project
import goedvoorbeeld.check.safety as safety
from goedvoorbeeld.check.cases import _TAG_RE, read_case
from goedvoorbeeld.site.render import esc
from goedvoorbeeld.check.vocabulary import load_vocabulary

TODAY = dt.date(2026, 11, 29)
CASES_DIR = FIXTURES / "hostile"
VOCAB = load_vocabulary(CASES_DIR / "tags.yml")
HEAD = (CASES_DIR / "html-allowlist.md").read_bytes().split(b"## Aanpak")[0] + b"## Aanpak\n\n"


def check(data: bytes):
    return read_case("cases/gegenereerd.md", data, VOCAB, today=TODAY, cases_dir=CASES_DIR)


def _assert_result(result) -> None:
    case, problems = result
    assert case is None or case.slug == "gegenereerd"
    assert isinstance(problems, list)
    for p in problems:
        assert p.line >= 1 and p.column >= 1 and p.message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_problems_or_a_case_and_never_raise(data):
    _assert_result(check(data))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_after_a_valid_start_never_raise(tail):
    _assert_result(check(HEAD + tail))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=1500))
def test_any_text_as_front_matter_never_raises(text):
    _assert_result(check(("---\n" + text + "\n---\n\n## Aanleiding\n\nTekst.\n").encode("utf-8", "replace")))


# Pieces of hostile Markdown; random sequences of them probe the checker against the renderer.
FRAGMENTS = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", '<abbr title="x" onclick="y">', "<abbr title='a>b' onclick=y>",
    "<abbr", " title=", "onclick=", "<br>", "<sub>", "</sub>", "<svg/onload=alert(1)>", "<a href=", "[x](", "](",
    "[", "]", "(", ")", "javascript:alert(1)", "java\\script:", "&#106;", "&#x3a;", "&colon;", "&#58;", "{: onclick=x }",
    "{ #id }", "{", "}", "\n", "\n\n", "`", "``", "```\n", "~~~\n", "<", ">", "[r]: ", "[r]", "![", "!", "*[A]: ",
    "<https://a.nl>", "<javascript:alert(1)>", "data:text/html,x", "//evil.example/", "\\", "    ", "> ", "- ", "1. ",
    '"', "'", "<!--", "-->", "&", ";", ":", "x", " ", "#", "|", "\t", "<?", "<![CDATA[", "file:///etc/passwd",
    "https://tracker.example/p.png", "p.png", "../", "%2e%2e/",
]
hostile_body = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_body)
def test_a_body_the_checker_accepts_renders_to_allowed_html_only(body):
    case, problems = check(HEAD + body.encode("utf-8", "replace"))
    if case is None or any(p.is_error for p in problems):
        return
    rendered = safety.render_body(case.body)
    assert safety.verify_html(rendered) == [], (body, rendered)


# --- generated valid cases build, and their text is escaped ----------------

_ALPHABET = st.one_of(
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyz éëïöüĳ ABCXYZ 0123456789 <>&\"'/=!-*_[](){}#`\\:;.,?")),
    st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")),
)


def _plain(min_len: int, max_len: int):
    def ok(text: str) -> bool:
        norm = " ".join(text.split())
        return min_len <= len(norm) <= max_len and not _TAG_RE.search(norm)

    return st.text(_ALPHABET, min_size=min_len, max_size=max_len).filter(ok).map(lambda t: " ".join(t.split()))


def _case_file(title: str, summary: str) -> str:
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nsummary: {json.dumps(summary, ensure_ascii=False)}\n"
        "organisation: Gemeente Testdorp\nlevel: gemeente\nstatus: pilot\nyear: 2023\ntags: [leren-luisteren]\n"
        "added: 2026-10-05\n---\n\n## Aanleiding\n\nEen gegenereerd voorbeeld.\n\n## Aanpak\n\nHet bouwt.\n"
    )


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = None
        self.summary = None
        self.description = None
        self._in = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h1" and self.h1 is None:
            self._in, self.h1 = "h1", ""
        elif tag == "p" and a.get("class") == "gv-summary":
            self._in, self.summary = "summary", ""
        elif tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "h1":
            self.h1 += data
        elif self._in == "summary":
            self.summary += data


BATCH = 8


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(_plain(5, 120), _plain(20, 400)), min_size=BATCH, max_size=BATCH,
                unique_by=lambda c: c[0].casefold()))
def test_generated_valid_cases_build_and_show_title_and_summary_escaped(batch):
    for title, summary in batch:
        case, problems = check(_case_file(title, summary).encode())
        assume(case is not None and not problems)
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project")
        for i, (title, summary) in enumerate(batch):
            project.write_case(f"gegenereerd-{i:02d}", _case_file(title, summary))
        project.build()
        for i, (title, summary) in enumerate(batch):
            html = (project.site / "voorbeelden" / f"gegenereerd-{i:02d}" / "index.html").read_text(encoding="utf-8")
            page = _Page()
            page.feed(html)
            assert page.h1 == title
            assert page.summary == summary
            assert page.description == summary
            assert re.search(rf'<p class="gv-summary"[^>]*>{re.escape(esc(summary))}</p>', html)
