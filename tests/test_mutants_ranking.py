"""The rule that picks the five, case by case: written to catch the changes mutation testing made to
`ranking.py` that no other test noticed (see tests/mutants-equivalent.md for the ones that change nothing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from goedvoorbeeld.check.cases import Case, Library, Section
from goedvoorbeeld.rank.ranking import ineligible_reason, rank, score, top
from goedvoorbeeld.check.vocabulary import Tag, TagGroup, Vocabulary

VOCABULARY = Vocabulary(top=2, max_tags=5, groups=(TagGroup("g", "Groep", "", (
    Tag("zwaar", "Zwaar", "", 6, "g"), Tag("middel", "Middel", "", 3, "g"), Tag("licht", "Licht", "", 1, "g"),
    Tag("nul", "Nul", "", 0, "g"))),))
RESULT = Section("resultaat", "Resultaat", "Het werkt.", 10)


def case(slug: str, tags=("licht",), *, status="lopend", added=dt.date(2026, 1, 1), result=True) -> Case:
    return Case(slug=slug, path=f"cases/{slug}.md", title=slug, summary="s", organisation="o", level="gemeente",
                status=status, year=2020, tags=tuple(tags), added=added, sections=(RESULT,) if result else ())


def library(*cases: Case) -> Library:
    return Library("cases", VOCABULARY, tuple(cases), (), len(cases))


def test_score_counts_each_distinct_tag_once_in_the_cases_order_and_unknown_tags_weigh_nothing():
    assert score(case("a", ("middel", "zwaar", "middel", "onbekend")), VOCABULARY) == (
        9, (("middel", 3), ("zwaar", 6), ("onbekend", 0)))


def test_reasons_name_the_status_and_the_missing_result_in_dutch():
    assert ineligible_reason(case("a")) is None
    assert ineligible_reason(case("a", result=False)) == "geen sectie 'Resultaat'"
    assert ineligible_reason(case("a", status="idee")) == (
        "status is 'idee' (telt mee bij: pilot, lopend, afgerond)")
    assert ineligible_reason(case("a", status="idee", result=False)) == (
        "status is 'idee' (telt mee bij: pilot, lopend, afgerond); geen sectie 'Resultaat'")
    for status in ("pilot", "lopend", "afgerond"):
        assert ineligible_reason(case("a", status=status)) is None


def test_order_is_score_then_newest_then_slug_and_places_start_at_one():
    old, new = dt.date(2025, 1, 1), dt.date(2026, 1, 1)
    cases = [case("b-oud", ("middel",), added=old), case("a-oud", ("middel",), added=old),
             case("c-nieuw", ("middel",), added=new), case("d-hoog", ("zwaar",), added=old),
             case("e-laag", ("licht",), added=new)]
    order = rank(library(*cases))
    assert [(r.rank, r.slug, r.score) for r in order] == [
        (1, "d-hoog", 6), (2, "c-nieuw", 3), (3, "a-oud", 3), (4, "b-oud", 3), (5, "e-laag", 1)]
    assert [r.breakdown for r in order][0] == (("zwaar", 6),)
    assert all(r.case.slug == r.slug for r in order)


def test_ranked_records_carry_eligibility_and_reason():
    order = rank(library(case("a", status="idee"), case("b")))
    by_slug = {r.slug: r for r in order}
    assert (by_slug["a"].eligible, by_slug["a"].reason) == (
        False, "status is 'idee' (telt mee bij: pilot, lopend, afgerond)")
    assert (by_slug["b"].eligible, by_slug["b"].reason) == (True, None)


def test_top_takes_the_first_eligible_cases_up_to_top_from_the_vocabulary():
    lib = library(case("a", ("zwaar",), status="idee"), case("b", ("middel",)), case("c", ("licht",)),
                  case("d", ("nul",)))
    assert [r.slug for r in top(lib)] == ["b", "c"]  # top is 2; the idea does not count
    assert [r.slug for r in top(lib, rank(lib))] == ["b", "c"]
    given = [r for r in rank(lib) if r.slug != "b"]
    assert [r.slug for r in top(lib, given)] == ["c", "d"]  # a given ranking is used as it is
    assert top(lib, []) == []
    assert [r.slug for r in top(replace(lib, vocabulary=replace(VOCABULARY, top=1)))] == ["b"]
