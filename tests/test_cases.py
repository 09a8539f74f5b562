"""Checking one case and a whole library: every problem named with its code and position."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from goedvoorbeeld.check.cases import load_library, read_case
from goedvoorbeeld.check.vocabulary import load_vocabulary

FIX = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 29)
VOCAB = load_vocabulary(FIX / "library" / "tags.yml")

VALID = """---
title: Luisteren in de wijk
summary: Medewerkers gaan de wijk in om te luisteren voordat er plannen zijn.
organisation: Gemeente Testdorp
level: gemeente
status: pilot
year: 2023
tags: [leren-luisteren, burgers-betrekken]
added: 2026-10-05
links:
  - title: Website
    url: https://www.example.org/
contact: info@example.org
---

## Aanleiding

Plannen werden gemaakt zonder bewoners.

## Aanpak

Gesprekken op straat, met <abbr title="bijvoorbeeld">bijv.</abbr> een koffiekar.

## Resultaat

Nieuwe onderwerpen.
"""


def check(text: str, name: str = "luisteren-in-de-wijk.md"):
    return read_case(f"cases/{name}", text.encode(), VOCAB, today=TODAY, cases_dir=FIX / "library")


def found(text: str, name: str = "luisteren-in-de-wijk.md"):
    return [(p.code, p.line, p.column) for p in check(text, name)[1]]


def test_a_valid_case_becomes_a_case_with_its_sections():
    case, problems = check(VALID)
    assert problems == []
    assert case.slug == "luisteren-in-de-wijk" and case.tags == ("leren-luisteren", "burgers-betrekken")
    assert case.added == dt.date(2026, 10, 5) and case.language == "nl"
    assert [s.key for s in case.sections] == ["aanleiding", "aanpak", "resultaat"]
    assert case.sections[0].line == 16 and case.sections[2].markdown == "Nieuwe onderwerpen."
    assert case.links[0].url == "https://www.example.org/"


@pytest.mark.parametrize("old, new, expected", [
    ("title: Luisteren in de wijk", "title: 12345", ("GV103", 2, 8)),
    ("title: Luisteren in de wijk", "title: Kort", ("GV108", 2, 8)),
    ("tags: [leren-luisteren, burgers-betrekken]", "tags: leren-luisteren", ("GV103", 8, 7)),
    ("tags: [leren-luisteren, burgers-betrekken]", "tags: [leren-luisteren, leren-luisteren]", ("GV105", 8, 25)),
    ("tags: [leren-luisteren, burgers-betrekken]", "tags: []", ("GV106", 8, 7)),
    ("tags: [leren-luisteren, burgers-betrekken]", "tags: [visie, know-how, best-practices, ambassadeurschap, "
                                                   "leren-luisteren, burgers-betrekken]", ("GV106", 8, 76)),
    ("tags: [leren-luisteren, burgers-betrekken]", "tags: [leren-luisteren, '']", ("GV107", 8, 25)),
    ("year: 2023", 'year: "twintig"', ("GV103", 7, 7)),
    ("year: 2023", "year: 1850", ("GV110", 7, 7)),
    ("level: gemeente", "level: Gemeente", ("GV109", 5, 8)),
    ("added: 2026-10-05", "added: 2026-02-30", ("GV111", 9, 8)),
    ("added: 2026-10-05", "added: 05-10-2026", ("GV111", 9, 8)),
    ("added: 2026-10-05", "added: 2027-01-01", ("GV112", 9, 8)),
    ("    url: https://www.example.org/", "    url: javascript:alert(1)", ("GV113", 12, 10)),
    ("contact: info@example.org", "contact: Jan", ("GV114", 13, 10)),
    ("contact: info@example.org", "contact: 'file:///etc/passwd'", ("GV113", 13, 10)),
    ("summary: Medewerkers", "summary: <b>Vet</b> medewerkers", ("GV115", 3, 10)),
    ("organisation: Gemeente Testdorp", "organisatie: Gemeente Testdorp", ("GV102", 4, 1)),
    ("Gesprekken op straat", "Gesprekken <iframe src=x></iframe> op straat", ("GV205", 22, 12)),
    ("Gesprekken op straat", 'Gesprekken <abbr style="color:red">x</abbr>', ("GV205", 22, 12)),
    ("Gesprekken op straat", "Zie [dit](javascript:alert(1)) op straat", ("GV206", 22, 11)),
    ("Gesprekken op straat", "![kaart](../geheim.png) op straat", ("GV207", 22, 10)),
    ("Gesprekken op straat", "![kaart](https://example.org/a.png) op straat", ("GV207", 22, 10)),
    ("## Resultaat", "## Conclusie", ("GV203", 24, 1)),
    ("## Aanpak\n", "## Werkwijze\n", ("GV201", 15, 1)),
])
def test_each_mistake_is_named_with_code_line_and_column(old, new, expected):
    assert old in VALID
    assert expected in found(VALID.replace(old, new, 1))


def test_unknown_key_suggests_the_nearest_key():
    _, problems = check(VALID.replace("organisation:", "organsation:"))
    assert "onbekende sleutel 'organsation'; bedoelde je 'organisation'?" in [p.message for p in problems]


def test_code_spans_and_fences_may_show_html_and_headings():
    body = VALID.replace("Nieuwe onderwerpen.", "Voorbeeld: `<script>` is verboden.\n\n```\n## Niet echt\n<iframe>\n```\n")
    assert found(body) == []


def test_hint_text_gives_a_warning_not_an_error():
    _, problems = check(VALID.replace("Nieuwe onderwerpen.", "_Vervang deze tekst: wat leverde het op?_"))
    assert [(p.code, p.severity) for p in problems] == [("GV208", "warning")]


def test_invalid_file_name_is_named():
    assert ("GV001", 1, 1) in found(VALID, "Luisteren In De Wijk.md")


def test_library_keeps_only_cases_without_errors_and_reports_every_file(tmp_path):
    (tmp_path / "tags.yml").write_bytes((FIX / "library" / "tags.yml").read_bytes())
    (tmp_path / "goed-een.md").write_text(VALID, encoding="utf-8")
    (tmp_path / "goed-twee.md").write_text(VALID.replace("2026-10-05", "2026-10-06"), encoding="utf-8")
    (tmp_path / "kapot.md").write_text(VALID.replace("level: gemeente", "level: stad"), encoding="utf-8")
    (tmp_path / "notities.txt").write_text("los bestand", encoding="utf-8")
    lib = load_library(tmp_path, today=TODAY, shown_root="cases")
    assert [c.slug for c in lib.cases] == ["goed-een", "goed-twee"]
    assert [(p.path, p.code) for p in lib.problems] == [
        ("cases/goed-twee.md", "GV013"), ("cases/kapot.md", "GV109"), ("cases/notities.txt", "GV014")]
    assert lib.files == 3
