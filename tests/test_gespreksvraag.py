"""The optional plain-text section `## Gespreksvraag`: GV210 (length) and GV211 (markup), through the real checker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

import goedvoorbeeld.contribute.issueform as issueform
import goedvoorbeeld.contribute.newcase as newcase
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.check.cases import read_case
from goedvoorbeeld.cli import main
from goedvoorbeeld.check.vocabulary import load_vocabulary

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
TODAY = dt.date(2026, 11, 29)
VOCAB = load_vocabulary(HOSTILE / "tags.yml")
VALID = (HOSTILE / "gespreksvraag-valid.md").read_text(encoding="utf-8")
QUESTION = ("Wat zou er in uw organisatie nodig zijn om raadsstukken\n"
            "zo vindbaar te maken dat niemand meer hoeft te bellen?")
QUESTION_LINE = 22  # the first line of the question in gespreksvraag-valid.md


def check(text: str):
    return read_case("cases/gespreksvraag.md", text.encode("utf-8"), VOCAB, today=TODAY)


def test_a_case_with_a_gespreksvraag_passes_and_keeps_the_question():
    case, problems = check(VALID)
    assert problems == []
    assert case.section("gespreksvraag").markdown == QUESTION
    assert VALID.split("\n")[QUESTION_LINE - 1] == QUESTION.split("\n")[0]


def test_raw_html_in_the_gespreksvraag_is_refused_with_gv211_on_its_line():
    text = VALID.replace("raadsstukken", '<abbr title="stukken van de raad">raadsstukken</abbr>')
    _, problems = check(text)
    # <abbr> is allowed in the rest of the body (no GV205), but not in the plain-text question.
    assert [(p.code, p.line) for p in problems] == [("GV211", QUESTION_LINE)]
    assert problems[0].is_error and "HTML (<abbr>)" in problems[0].message


def test_a_five_character_gespreksvraag_is_refused_with_gv210_on_the_heading():
    text = VALID.replace(QUESTION, "Waar?")
    _, problems = check(text)
    assert [(p.code, p.line) for p in problems] == [("GV210", QUESTION_LINE - 2)]
    assert problems[0].message == "gespreksvraag: 5 tekens; dat moet 10 tot 300 zijn"


@pytest.mark.parametrize("length, refused", [(9, True), (10, False), (300, False), (301, True)])
def test_the_limits_are_those_of_the_schema(length, refused):
    rule = schema.SECTION_BY_KEY["gespreksvraag"]
    assert (rule.min_len, rule.max_len) == (10, 300)
    _, problems = check(VALID.replace(QUESTION, "w" * (length - 1) + "?"))
    assert [p.code for p in problems] == (["GV210"] if refused else [])


@pytest.mark.parametrize("markup, what", [
    ("Lees [de aanpak](https://www.example.org/) eerst.", "een link"),
    ("Kijk naar ![schets](plaatje.png) en praat.", "een afbeelding"),
    ("Wat is **echt** nodig om te slagen?", "vette tekst"),
    ("Wat is `nodig` om dit te laten slagen?", "code"),
    ("### Wat is nodig om dit te laten slagen?", "een kop"),
    ("1. Wat is nodig om dit te laten slagen?", "een lijst"),
    ("> Wat is nodig om dit te laten slagen?", "een citaat"),
])
def test_any_markup_in_the_gespreksvraag_is_named(markup, what):
    _, problems = check(VALID.replace(QUESTION, markup))
    gv211 = [p for p in problems if p.code == "GV211"]
    assert [(p.line, p.message.split(";")[0]) for p in gv211] == [(QUESTION_LINE, f"gespreksvraag: {what}")]


def test_plain_punctuation_and_a_bare_address_are_plain_text():
    _, problems = check(VALID.replace(QUESTION, 'Is 5 < 6 & "open" genoeg, zie www.example.org/woo?'))
    assert problems == []


def test_the_hint_of_new_is_left_to_gv208():
    text = VALID.replace(QUESTION, newcase.hint_line("gespreksvraag"))
    _, problems = check(text)
    assert [p.code for p in problems] == ["GV208"]


def test_the_cli_prints_path_line_and_code(tmp_path):
    (tmp_path / "tags.yml").write_bytes((HOSTILE / "tags.yml").read_bytes())
    (tmp_path / "te-korte-vraag.md").write_text(VALID.replace(QUESTION, "Waar?"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert f"te-korte-vraag.md:{QUESTION_LINE - 2}:1: error GV210: gespreksvraag: 5 tekens" in result.output



def test_the_issue_form_asks_for_it_as_plain_text():
    item = next(i for i in issueform.form(VOCAB)["body"] if i.get("id") == "gespreksvraag")
    assert item["type"] == "textarea" and item["validations"]["required"] is False
    assert "platte tekst" in item["attributes"]["description"]
    assert "Markdown mag" not in item["attributes"]["description"]
