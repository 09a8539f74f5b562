"""The contributor guide (docs/bijdragen.md): its example passes the checker, its tables come from the code,
and every page links to it."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

from conftest import run_axe

from goedvoorbeeld.check.cases import read_case
from goedvoorbeeld.cli import main
from goedvoorbeeld.check.problems import CODES
from goedvoorbeeld.check.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "bijdragen.md"


def fenced_blocks(text: str, language: str) -> list[str]:
    """Fenced code blocks, also those indented inside a list item."""
    blocks = re.findall(rf"^([ \t]*)```{language}\n(.*?)^\1```$", text, re.MULTILINE | re.DOTALL)
    return [re.sub(rf"^{indent}", "", body, flags=re.MULTILINE) for indent, body in blocks]


def test_the_complete_example_in_the_guide_passes_the_checker_strictly():
    example = fenced_blocks(GUIDE.read_text(encoding="utf-8"), "markdown")[0]
    vocabulary = load_vocabulary(ROOT / "cases" / "tags.yml")
    case, problems = read_case("cases/raadsinformatie-als-open-data.md", example.encode("utf-8"), vocabulary,
                               today=dt.date(2026, 11, 29))
    assert problems == []
    assert [s.key for s in case.sections] == ["aanleiding", "aanpak", "resultaat", "lessen"]


def test_every_goedvoorbeeld_command_in_the_guide_exists_with_those_options():
    text = GUIDE.read_text(encoding="utf-8")
    commands = []
    for block in fenced_blocks(text, "bash"):
        for line in block.replace("\\\n", " ").split("\n"):
            words = shlex.split(line, comments=True)
            if words and Path(words[0]).name == "goedvoorbeeld":
                commands.append(words[1:])
    assert len(commands) >= 3
    for args in commands:
        command = main.commands[args[0]]
        command.make_context(args[0], args[1:])  # raises on an unknown option


def test_the_built_guide_explains_every_checker_code_and_every_tag(built_fixture_site):
    html = (built_fixture_site.site / "bijdragen" / "index.html").read_text(encoding="utf-8")
    for code in CODES.values():
        assert f"<code>{code.code}</code>" in html
    vocabulary = load_vocabulary(built_fixture_site.cases / "tags.yml")
    for slug in vocabulary.tags:
        assert f"<code>{slug}</code>" in html
    # messages that mention HTML show it as text (the GV205 example once put a live <script> on this page)
    assert "HTML-element &lt;script&gt; is niet toegestaan" in html
    assert "<script> is niet" not in html
    for way in ("1. Met het formulier op GitHub", "2. In de webeditor van GitHub", "3. Op je eigen computer"):
        assert way in html


def test_every_page_links_to_the_guide_in_its_footer(built_fixture_site):
    site = built_fixture_site.site
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        m = re.search(r'class="gv-footer-contribute">.*?<a href="([^"]+)"', html, re.DOTALL)
        assert m, f"{page.relative_to(site)} has no link to the guide"
        target = (page.parent / m.group(1)).resolve() / "index.html"
        assert target == (site / "bijdragen" / "index.html").resolve(), page


def test_the_footer_link_leads_to_the_guide_in_a_browser(page, fixture_server):
    page.goto(fixture_server + "voorbeelden/regio-open-data/")
    page.get_by_role("link", name="Zo voeg je het toe").click()
    page.wait_for_url(fixture_server + "bijdragen/")
    assert page.get_by_role("heading", level=1).inner_text() == "Een voorbeeld toevoegen"
    whole_page = run_axe(page)  # injects axe-core; Material's own header issues are another test's business
    footer = page.evaluate("""() => axe.run('.md-copyright', {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations.map(v => v.id))""")
    assert footer == [], footer
    assert not [v for v in whole_page if any("copyright" in str(n) or "gv-" in str(n) for n in v["nodes"])]
    assert page.console_errors == []
    assert all(r.startswith(fixture_server) for r in page.requests)


def test_every_anchor_the_guide_the_form_and_the_issue_comment_use_exists(built_fixture_site):
    html = (built_fixture_site.site / "bijdragen" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    used = set(re.findall(r'href="#([^"]+)"', html))
    form = (ROOT / ".github" / "ISSUE_TEMPLATE" / "nieuw-voorbeeld.yml").read_text(encoding="utf-8")
    used |= set(re.findall(r"/bijdragen/#([\w-]+)", form))
    used.add("meldingen-van-de-controle")  # the link in the comment under an issue (contribute_cli.report_markdown)
    assert len(used) > 5
    assert used <= ids, used - ids
