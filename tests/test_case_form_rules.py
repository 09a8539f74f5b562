"""The case form's rules in the browser (docs/assets/gv-form.js) against the Python checker.

Several hundred drafts, generated from a seed (tests/form_drafts.py), valid and breaking every rule the form
checks, go through the script (with node, loading the very file the site serves) and through Python: the
draft as `goedvoorbeeld new` renders it (`caseform.draft_from_answers`, `newcase.render`), its file name
(`newcase.slug_for`) and `read_case` on that text. File text, file name, codes and messages must be equal.

Excluded, and counted: drafts for which the checker renders Markdown to decide (inline code that hides
markup, and markup in the plain-text `## Gespreksvraag`); the script has no Markdown renderer and says so
with `needsRendering`. Images: the form sends no image files, so the checker runs with an empty cases folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from form_drafts import drafts
import goedvoorbeeld.site.caseform as caseform
import goedvoorbeeld.contribute.newcase as newcase
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.check.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node") or "/usr/bin/node"
RUNNER = Path(__file__).resolve().parent / "js" / "run_form_rules.js"
TODAY = dt.date.today()
COUNT = 600


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(ROOT / "cases" / "tags.yml")


@pytest.fixture(scope="module")
def data(vocabulary):
    return caseform.form_data(vocabulary, editors="redactie@example.org", source="https://github.com/o/r")


def run_node(data: dict, items: list[dict], today: dt.date = TODAY) -> list[dict]:
    if not Path(NODE).exists():
        if os.environ.get("CI"):
            pytest.fail("node is needed in CI for the differential test of the case form")
        pytest.skip("node niet gevonden")
    job = json.dumps({"data": data, "today": today.isoformat(), "drafts": items}, ensure_ascii=False)
    result = subprocess.run([NODE, str(RUNNER)], input=job, capture_output=True, text=True, encoding="utf-8",
                            check=True)
    return json.loads(result.stdout)


def python_side(draft: dict, vocabulary, cases_dir: Path, today: dt.date = TODAY) -> dict:
    case = caseform.draft_from_answers(draft)
    text = newcase.render(case)
    title = case.values.get("title")
    slug = newcase.slug_for(title if isinstance(title, str) else "")
    problems = newcase.check(f"cases/{slug}.md", text, vocabulary, today=today, cases_dir=cases_dir)
    return {"text": text, "slug": slug, "problems": sorted((p.code, p.message) for p in problems)}


@pytest.fixture(scope="module")
def compared(vocabulary, data, tmp_path_factory):
    cases_dir = tmp_path_factory.mktemp("empty-cases")
    items = drafts(vocabulary, TODAY, COUNT)
    js = run_node(data, items)
    return [(d, j, python_side(d, vocabulary, cases_dir)) for d, j in zip(items, js)]


def test_the_form_writes_the_file_goedvoorbeeld_new_writes(compared):
    wrong = [(d, j["text"], p["text"]) for d, j, p in compared if j["text"] != p["text"]]
    assert not wrong, f"{len(wrong)} verschillen, eerste: {wrong[0]!r}"


def test_the_form_names_the_file_as_goedvoorbeeld_new_does(compared):
    wrong = [(d.get("title"), j["slug"], p["slug"]) for d, j, p in compared if j["slug"] != p["slug"]]
    assert not wrong, f"{len(wrong)} verschillen: {wrong[:5]!r}"


def test_the_form_finds_the_checkers_problems_in_its_words(compared):
    excluded = [c for c in compared if c[1]["needsRendering"]]
    checked = [c for c in compared if not c[1]["needsRendering"]]
    wrong = []
    for d, j, p in checked:
        mine = sorted((code, message) for code, message, _ in j["problems"])
        if mine != p["problems"]:
            wrong.append((d, sorted(set(mine) ^ set(p["problems"]))))
    assert not wrong, f"{len(wrong)} van {len(checked)} verschillen, eerste: {wrong[0]!r}"
    # Only the drafts the script cannot decide without Markdown are left out: a few percent of them. How often
    # the script's guess for them still agrees is printed, not asserted.
    agree = sum(1 for _, j, p in excluded if sorted((c, m) for c, m, _ in j["problems"]) == p["problems"])
    print(f"\n{len(checked)} concepten vergeleken; {len(excluded)} uitgesloten (Markdown-weergave nodig), "
          f"waarvan {agree} toch gelijk")
    assert len(excluded) < len(compared) * 0.1


def test_the_drafts_cover_every_rule_the_form_checks(compared):
    codes = Counter(code for _, j, _ in compared if not j["needsRendering"] for code, _, _ in j["problems"])
    expected = {"GV016", "GV017", "GV101", "GV103", "GV104", "GV105", "GV106", "GV107", "GV108", "GV109", "GV110",
                "GV111", "GV112", "GV113", "GV114", "GV115", "GV201", "GV202", "GV203", "GV204", "GV205", "GV206",
                "GV207", "GV208", "GV209"}
    if any(s.key == "gespreksvraag" for s in schema.SECTIONS):
        expected |= {"GV210", "GV211"}
    assert expected <= set(codes), sorted(expected - set(codes))
    valid = sum(1 for _, j, _ in compared if not j["problems"])
    assert valid >= len(compared) // 5  # a fifth at least passes: the valid path is compared too


def test_every_problem_is_shown_at_a_field_of_the_form(compared, data):
    """Every problem has a box beside a field: a field of its own, a section, or the link row it is about (links
    as a whole have no box)."""
    fields = ({f["name"] for f in data["fields"] if f["kind"] != "links"}
              | {f"section-{s['key']}" for s in data["sections"]})
    on_links = Counter()
    for d, j, _ in compared:
        filled = [f"link-{n}" for n, row in enumerate(d.get("links", [])) if row["title"].strip() or row["url"].strip()]
        for code, _, field in j["problems"]:
            assert field in fields or field in filled, (code, field, d.get("links"))
            if field in filled:
                on_links[code] += 1
    assert {"GV016", "GV113"} <= set(on_links)  # a problem in a link's title and one in its address


def test_a_problem_in_a_link_title_is_shown_at_that_link_row(data):
    """GV016 on a link's title line belongs to that row of the form, counted as the form counts its rows (a
    blank row before it is not in the file)."""
    draft = {"title": "Open raad", "tags": ["visie"], "sections": {},
             "links": [{"title": "", "url": ""}, {"title": "Bron\u202eX", "url": "https://example.org/"}]}
    [result] = run_node(data, [draft])
    assert [(code, field) for code, _, field in result["problems"] if code == "GV016"] == [("GV016", "link-1")]


def test_the_form_data_comes_from_the_schema_and_the_tag_list(data, vocabulary):
    assert [f["name"] for f in data["fields"]] == [f.name for f in schema.FIELDS]
    assert [s["key"] for s in data["sections"]] == [s.key for s in schema.SECTIONS]
    assert [t["slug"] for g in data["tag_groups"] for t in g["tags"]] == list(vocabulary.tags)
    assert data["max_tags"] == vocabulary.max_tags
    level = next(f for f in data["fields"] if f["name"] == "level")
    assert {c["value"]: c["label"] for c in level["choices"]} == schema.LEVELS


def test_a_valid_draft_written_by_the_form_passes_check_strict(compared, tmp_path):
    from click.testing import CliRunner

    from goedvoorbeeld.cli import main

    valid = [(d, j) for d, j, _ in compared if not j["problems"]][:5]
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(ROOT / "cases" / "tags.yml", cases / "tags.yml")
    for n, (_, j) in enumerate(valid):
        (cases / f"{j['slug']}-{n}.md").write_text(j["text"], encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--strict", str(cases)])
    assert result.exit_code == 0, result.output


def test_a_missing_section_is_shown_at_that_sections_field(data):
    draft = {"title": "Open raad", "tags": ["visie"], "links": [], "sections": {"aanleiding": "Waarom."}}
    [result] = run_node(data, [draft])
    fields = {message: field for code, message, field in result["problems"] if code == "GV201"}
    assert fields == {"sectie '## Aanpak' ontbreekt": "section-aanpak"}


def test_the_limits_come_from_the_tag_list_not_from_the_script(vocabulary):
    import dataclasses

    fewer = dataclasses.replace(vocabulary, max_tags=2)
    data = caseform.form_data(fewer)
    [result] = run_node(data, [{"title": "Open raad", "tags": ["visie", "best-practices", "know-how"],
                                "links": [], "sections": {}}])
    assert ("GV106", "tags: 3 tags; het maximum is 2", "tags") in [tuple(p) for p in result["problems"]]
    assert "Kies 1 tot 2 tags" in caseform.page_markdown(data)


def test_without_an_editors_address_the_form_offers_no_mail(vocabulary):
    with_mail = caseform.page_markdown(caseform.form_data(vocabulary, editors="redactie@example.org"))
    without = caseform.page_markdown(caseform.form_data(vocabulary))
    assert 'id="gv-f-mail"' in with_mail and 'id="gv-f-mail"' not in without
    assert 'id="gv-f-pr"' not in without  # no repository set either: no pull-request link


def test_only_the_form_page_loads_the_form_script(built_fixture_site):
    site = built_fixture_site.site
    form = (site / "bijdragen" / "nieuw" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../assets/gv-form.js"' in form and 'id="gv-form-data"' in form
    assert (site / "assets" / "gv-form.js").is_file() and (site / "assets" / "gv-form.css").is_file()
    others = [p for p in site.rglob("*.html") if "gv-form.js" in p.read_text(encoding="utf-8")]
    assert others == [site / "bijdragen" / "nieuw" / "index.html"]
    data = json.loads(form.split('id="gv-form-data">', 1)[1].split("</script>", 1)[0])
    assert data["send"]["editors"] == "redactie@example.org"
    assert data["send"]["source"] == "https://github.com/open-overheid/goed-voorbeeld"


def test_the_form_finds_what_the_checker_finds_in_autolinks_and_long_or_unended_tags(vocabulary, data, tmp_path):
    """The form mirrors three fixes of safety.py: Markdown's autolinks may hold white space and line breaks, a start
    tag that ends past the 4,000 characters read is unreadable HTML, and no tag reaches over a blank line."""
    bodies = ["Zie <https://\u0430pple.com/\nlogin>.", "Zie <ftp://evil.example x>.", "Zie <https://a.nl/x y>.",
              'De <abbr title="' + "x" * 4100 + '" onclick="alert(1)">Woo</abbr>.', "De <abbr " + "x" * 4100 + "\n\n>.",
              "De <abbr\n\n<script>alert(1)</script>"]
    items = [{"title": "Open raad", "summary": "Een samenvatting die lang genoeg is.", "tags": ["visie"], "links": [],
              "sections": {"aanleiding": "Waarom.", "aanpak": body}} for body in bodies]
    js = run_node(data, items)
    for draft, j in zip(items, js):
        assert not j["needsRendering"]
        assert sorted((code, message) for code, message, _ in j["problems"]) == \
            python_side(draft, vocabulary, tmp_path)["problems"], draft["sections"]["aanpak"][:40]
    body_codes = [sorted(code for code, _, _ in j["problems"] if code.startswith("GV2")) for j in js]
    assert body_codes == [["GV206"], ["GV206"], [], ["GV205"], [], ["GV205"]]
