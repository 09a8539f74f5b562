"""The rules of `schema.py` at their edges: each limit, required key and section, checked through the checker
(`read_case`) with the exact problem a contributor sees. Written for the changes cosmic-ray made to
`schema.py` that no other test noticed (tests/mutants-equivalent.md lists the ones that change nothing)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from goedvoorbeeld.check import schema
from goedvoorbeeld.check.cases import read_case, suggest_slug
from goedvoorbeeld.check.vocabulary import load_vocabulary

FIX = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 29)
VOCAB = load_vocabulary(FIX / "library" / "tags.yml")
NAME = "luisteren-in-de-wijk.md"

FRONT = {
    "title": "Luisteren in de wijk",
    "summary": "Medewerkers gaan de wijk in om te luisteren voordat er plannen zijn.",
    "organisation": "Gemeente Testdorp",
    "level": "gemeente",
    "status": "pilot",
    "year": "2023",
    "tags": "[leren-luisteren, burgers-betrekken]",
    "added": "2026-10-05",
    "links": "\n  - title: Website\n    url: https://www.example.org/",
    "contact": "info@example.org",
    "language": "nl",
}
SECTIONS = {
    "Aanleiding": "Plannen werden gemaakt zonder bewoners.",
    "Aanpak": "Gesprekken op straat, met een koffiekar.",
    "Resultaat": "Nieuwe onderwerpen.",
    "Lessen": "Begin klein.",
}


def case_text(front: dict[str, str] | None = None, sections: dict[str, str] | None = None) -> str:
    """A case file: the front matter lines (a key per line, in the order given) and `## Title` sections."""
    front = FRONT if front is None else front
    sections = SECTIONS if sections is None else sections
    head = "".join(f"{k}: {v}\n" for k, v in front.items())
    body = "".join(f"\n## {title}\n\n{text}\n" for title, text in sections.items())
    return f"---\n{head}---\n{body}"


def check(text: str, name: str = NAME, cases_dir: Path | None = None) -> tuple[object, list[str]]:
    case, problems = read_case(f"cases/{name}", text.encode(), VOCAB, today=TODAY, cases_dir=cases_dir)
    return case, [p.format() for p in problems]


def test_the_full_case_of_these_tests_is_valid():
    case, problems = check(case_text())
    assert problems == [] and case is not None
    assert [s.key for s in case.sections] == ["aanleiding", "aanpak", "resultaat", "lessen"]


# ---------------------------------------------------------------------------
# file names: 3 to 80 characters


@pytest.mark.parametrize("length", [3, 80])
def test_a_file_name_of_3_or_80_characters_is_accepted(length):
    stem = ("abcdefghij" * 8)[:length]
    case, problems = check(case_text(), name=f"{stem}.md")
    assert problems == [] and case.slug == stem


@pytest.mark.parametrize("stem, suggestion", [("ab", "abx"), ("a" * 81, "a" * 80)])
def test_a_file_name_of_2_or_81_characters_is_refused_with_a_name_that_fits(stem, suggestion):
    _, problems = check(case_text(), name=f"{stem}.md")
    assert problems == [f"cases/{stem}.md:1:1: error GV001: bestandsnaam '{stem}.md' is ongeldig: gebruik 3 tot 80 "
                        f"kleine letters, cijfers en koppeltekens, bijvoorbeeld '{suggestion}.md'"]


def test_a_suggested_file_name_is_cut_to_80_and_padded_to_3_characters():
    assert suggest_slug("Ab") == "abx"
    assert suggest_slug("") == "mijn-voorbeeld"
    assert suggest_slug("x" * 79 + "-yz") == "x" * 79
    assert suggest_slug("y" * 100) == "y" * 80


# ---------------------------------------------------------------------------
# text fields: title 5 to 120, summary 20 to 400, organisation 2 to 200 characters


@pytest.mark.parametrize("field, low, high", [("title", 5, 120), ("summary", 20, 400), ("organisation", 2, 200)])
def test_a_text_field_takes_its_shortest_and_longest_length(field, low, high):
    for length in (low, high):
        case, problems = check(case_text({**FRONT, field: "x" * length}))
        assert problems == [], (field, length)
        assert getattr(case, field) == "x" * length


@pytest.mark.parametrize("field, low, high", [("title", 5, 120), ("summary", 20, 400), ("organisation", 2, 200)])
def test_a_text_field_one_character_too_short_or_too_long_is_refused(field, low, high):
    line = 2 + list(FRONT).index(field)
    column = len(field) + 3
    for length in (low - 1, high + 1):
        case, problems = check(case_text({**FRONT, field: "x" * length}))
        assert case is None
        amount = "1 teken" if length == 1 else f"{length} tekens"
        assert problems == [f"cases/{NAME}:{line}:{column}: error GV108: {field}: {amount}; dat moet {low} "
                            f"tot {high} zijn"]


# ---------------------------------------------------------------------------
# the year: from 1990


def test_a_case_may_start_in_1990_but_not_in_1989():
    case, problems = check(case_text({**FRONT, "year": "1990"}))
    assert problems == [] and case.year == 1990
    case, problems = check(case_text({**FRONT, "year": "1989"}))
    assert case is None
    assert problems == [f"cases/{NAME}:7:7: error GV110: year: 1989 ligt niet tussen 1990 en 2027"]


# ---------------------------------------------------------------------------
# required and optional keys, allowed levels and statuses


@pytest.mark.parametrize("field", ["title", "summary", "organisation", "level", "status", "year", "tags", "added"])
def test_each_required_key_that_is_missing_is_named_with_its_help(field):
    front = {k: v for k, v in FRONT.items() if k != field}
    case, problems = check(case_text(front))
    assert case is None
    assert problems == [f"cases/{NAME}:2:1: error GV101: verplichte sleutel '{field}' ontbreekt: "
                        f"{schema.FIELD_BY_NAME[field].help}"]


def test_links_contact_and_language_may_be_left_out():
    front = {k: v for k, v in FRONT.items() if k not in ("links", "contact", "language")}
    case, problems = check(case_text(front))
    assert problems == []
    assert (case.links, case.contact, case.language) == ((), None, "nl")


@pytest.mark.parametrize("field, allowed", [
    ("level", ["rijk", "provincie", "gemeente", "waterschap", "uitvoeringsorganisatie", "samenwerkingsverband",
               "overig"]),
    ("status", ["idee", "pilot", "lopend", "afgerond"]),
    ("language", ["nl", "en"]),
])
def test_each_allowed_level_status_and_language_is_accepted_and_another_is_refused(field, allowed):
    for value in allowed:
        case, problems = check(case_text({**FRONT, field: value}))
        assert problems == [] and getattr(case, field) == value
    text = case_text({**FRONT, field: "anders"})
    line = text.split("\n").index(f"{field}: anders") + 1
    _, problems = check(text)
    assert problems == [f"cases/{NAME}:{line}:{len(field) + 3}: error GV109: {field}: 'anders' is niet toegestaan; "
                        f"kies uit: {', '.join(allowed)}"]


# ---------------------------------------------------------------------------
# sections: Aanleiding and Aanpak required, then Resultaat, Lessen and Gespreksvraag (10 to 300 characters)


@pytest.mark.parametrize("title", ["Aanleiding", "Aanpak"])
def test_a_missing_required_section_is_named(title):
    case, problems = check(case_text(sections={k: v for k, v in SECTIONS.items() if k != title}))
    assert problems == [f"cases/{NAME}:16:1: error GV201: sectie '## {title}' ontbreekt"]


def test_resultaat_lessen_and_gespreksvraag_may_be_left_out():
    case, problems = check(case_text(sections={"Aanleiding": SECTIONS["Aanleiding"], "Aanpak": SECTIONS["Aanpak"]}))
    assert problems == [] and [s.key for s in case.sections] == ["aanleiding", "aanpak"]


def test_the_sections_come_in_this_order_and_no_other_heading_is_allowed():
    case, problems = check(case_text(sections={"Aanpak": "Eerst dit.", "Aanleiding": "Daarna dat."}))
    assert [p.split(" error ")[1] for p in problems] == [
        "GV202: sectie '## Aanleiding' moet voor '## Aanpak' staan (volgorde: Aanleiding, Aanpak, Resultaat, "
        "Lessen, Gespreksvraag)"]
    case, problems = check(case_text(sections={**SECTIONS, "Conclusie": "Iets."}))
    assert [p.split(" error ")[1] for p in problems] == [
        "GV203: onbekende sectie '## Conclusie'; toegestaan: Aanleiding, Aanpak, Resultaat, Lessen, Gespreksvraag "
        "(elk één keer)"]


@pytest.mark.parametrize("length", [10, 300])
def test_a_gespreksvraag_of_10_or_300_characters_is_accepted(length):
    text = ("Hoe " + "x" * 300)[:length - 1] + "?"
    case, problems = check(case_text(sections={**SECTIONS, "Gespreksvraag": text}))
    assert problems == [] and case.sections[-1].markdown == text


@pytest.mark.parametrize("length", [9, 301])
def test_a_gespreksvraag_of_9_or_301_characters_is_refused(length):
    text = ("Hoe " + "x" * 300)[:length - 1] + "?"
    case, problems = check(case_text(sections={**SECTIONS, "Gespreksvraag": text}))
    assert problems == [f"cases/{NAME}:33:1: error GV210: gespreksvraag: {length} tekens; dat moet 10 tot 300 zijn"]


# ---------------------------------------------------------------------------
# images: at most 5 MB


def image_case(tmp_path: Path, size: int) -> tuple[object, list[str]]:
    """A case showing `beeld.png`: a PNG signature padded to `size` bytes (sparse, so cheap to write)."""
    with open(tmp_path / "beeld.png", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.truncate(size)
    text = case_text(sections={**SECTIONS, "Resultaat": "![Het resultaat](beeld.png)"})
    return check(text, cases_dir=tmp_path)


def test_an_image_of_exactly_5_mb_is_accepted(tmp_path):
    case, problems = image_case(tmp_path, 5 * 1024 * 1024)
    assert problems == [] and case.images == ("beeld.png",)


def test_an_image_one_byte_over_5_mb_is_refused(tmp_path):
    case, problems = image_case(tmp_path, 5 * 1024 * 1024 + 1)
    assert problems == [f"cases/{NAME}:27:18: error GV207: afbeelding 'beeld.png' is 5 MB; het maximum is 5 MB"]


def test_a_much_larger_image_says_its_size_in_mb(tmp_path):
    case, problems = image_case(tmp_path, 12 * 1024 * 1024)
    assert problems == [f"cases/{NAME}:27:18: error GV207: afbeelding 'beeld.png' is 12 MB; het maximum is 5 MB"]


# ---------------------------------------------------------------------------
# the tables themselves


def test_the_rules_cannot_be_changed_while_the_site_runs():
    """`mkdocs serve` keeps the modules loaded between builds: a rule changed by mistake would stay changed."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        schema.FIELD_BY_NAME["title"].max_len = 1000
    with pytest.raises(dataclasses.FrozenInstanceError):
        schema.SECTION_BY_KEY["aanleiding"].required = False


@pytest.mark.parametrize("hint, sentence", [
    ("één open vraag", "Eén open vraag"),
    ("waarom begon het?", "Waarom begon het?"),
    ("w", "W"),
    ("", ""),
])
def test_a_section_hint_reads_as_a_sentence_with_a_capital(hint, sentence):
    assert schema.hint_as_sentence(hint) == sentence
