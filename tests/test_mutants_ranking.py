"""The rule that picks the five, case by case: written to catch the changes mutation testing made to
`ranking.py` that no other test noticed (see tests/mutants-equivalent.md for the ones that change nothing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from goedvoorbeeld.check.cases import Case, Library, Section
from goedvoorbeeld.check.schema import HINT_PREFIX
from goedvoorbeeld.rank.ranking import held_back, hint_lines, hints_reason, ineligible_reason, rank, score, top
from goedvoorbeeld.check.vocabulary import Tag, TagGroup, Vocabulary

VOCABULARY = Vocabulary(top=2, max_tags=5, groups=(TagGroup("g", "Groep", "", (
    Tag("zwaar", "Zwaar", "", 6, "g"), Tag("middel", "Middel", "", 3, "g"), Tag("licht", "Licht", "", 1, "g"),
    Tag("nul", "Nul", "", 0, "g"))),))
RESULT = Section("resultaat", "Resultaat", "Het werkt.", 10)


def case(slug: str, tags=("licht",), *, status="lopend", added=dt.date(2026, 1, 1), result=True, body="",
         body_line=1) -> Case:
    return Case(slug=slug, path=f"cases/{slug}.md", title=slug, summary="s", organisation="o", level="gemeente",
                status=status, year=2020, tags=tuple(tags), added=added, sections=(RESULT,) if result else (),
                body=body, body_line=body_line)


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


# A body as `goedvoorbeeld new` leaves it: hint lines (schema.HINT_PREFIX) under the headings. The lines below
# the body's first line (body_line) are counted from it: line 0 of the body is file line body_line.
HINT = HINT_PREFIX + ": beschrijf wat er gebeurde."


def unfinished(slug: str, tags=("licht",), **kwargs) -> Case:
    """A case that is complete except for one hint line on file line 13 (body line 3, body starting at 10)."""
    body = f"## Aanleiding\n\nHet begon.\n{HINT}\n\n## Resultaat\n\nHet werkt.\n"
    return case(slug, tags, body=body, body_line=10, **kwargs)


def test_hint_lines_are_the_file_lines_of_the_hints_outside_code_and_nothing_else():
    body = (f"## Aanleiding\n\n{HINT}\n\n```\n{HINT}\n```\n\n## Resultaat\n\nDoor {HINT.lower()} en\n"
            f"{HINT}\n")
    assert hint_lines(case("a", body=body, body_line=7)) == (9, 18)  # the fenced one is quoted, not a hint
    assert hint_lines(unfinished("a")) == (13,)
    # other findings of the body scan (here: required sections missing, an empty section) are not hints
    assert hint_lines(case("a", body=f"## Aanleiding\n\n## Resultaat\n\n{HINT}\n", body_line=3)) == (7,)
    assert hint_lines(case("a", body="## Aanleiding\n\n## Resultaat\n", body_line=3)) == ()
    assert hint_lines(case("a", body="## Aanleiding\n\nKlaar.\n\n## Resultaat\n\nHet werkt.\n")) == ()


def test_hints_reason_names_one_line_or_lists_the_lines_in_dutch():
    assert hints_reason((12,)) == "nog niet af: de hulptekst op regel 12 is nog niet vervangen"
    assert hints_reason((4, 9)) == "nog niet af: de hulpteksten op de regels 4 en 9 zijn nog niet vervangen"
    assert hints_reason((3, 5, 8, 21)) == (
        "nog niet af: de hulpteksten op de regels 3, 5, 8 en 21 zijn nog niet vervangen")


def test_a_hint_line_makes_a_case_ineligible_and_its_reason_comes_first():
    assert ineligible_reason(unfinished("a")) == "nog niet af: de hulptekst op regel 13 is nog niet vervangen"
    assert ineligible_reason(unfinished("a"), ()) is None  # given hints are used as they are: none
    assert ineligible_reason(case("a"), (4, 6)) == (
        "nog niet af: de hulpteksten op de regels 4 en 6 zijn nog niet vervangen")
    assert ineligible_reason(unfinished("a", status="idee", result=False)) == (
        "nog niet af: de hulptekst op regel 13 is nog niet vervangen; "
        "status is 'idee' (telt mee bij: pilot, lopend, afgerond); geen sectie 'Resultaat'")


def test_ranked_records_carry_the_hint_lines_and_an_unfinished_case_is_not_in_the_five():
    lib = library(unfinished("a", ("zwaar",)), case("b", ("middel",)), case("c", ("licht",)))
    by_slug = {r.slug: r for r in rank(lib)}
    assert (by_slug["a"].rank, by_slug["a"].eligible, by_slug["a"].hints) == (1, False, (13,))
    assert by_slug["a"].reason == "nog niet af: de hulptekst op regel 13 is nog niet vervangen"
    assert (by_slug["b"].eligible, by_slug["b"].hints, by_slug["b"].reason) == (True, (), None)
    assert [r.slug for r in top(lib)] == ["b", "c"]


def test_held_back_are_the_unfinished_cases_that_would_be_among_the_five_once_finished():
    # top is 2. Once finished, a (6) and c (3) would be the two: a is held back; d (1) is ranked below them
    # and does not block; e (6) also misses its result and f (6) is an idea, so finishing them is not enough.
    lib = library(unfinished("a", ("zwaar",)), case("c", ("middel",)), unfinished("d", ("licht",)),
                  unfinished("e", ("zwaar",), result=False), unfinished("f", ("zwaar",), status="idee"),
                  case("g", ("nul",)))
    assert [r.slug for r in held_back(lib)] == ["a"]
    assert [r.slug for r in held_back(lib, rank(lib))] == ["a"]
    # two unfinished cases above every finished one: both are held back, in the order of the rule
    two = library(unfinished("a", ("zwaar",)), unfinished("b", ("middel",)), case("c", ("licht",)))
    assert [r.slug for r in held_back(two)] == ["a", "b"]
    assert [r.slug for r in held_back(replace(two, vocabulary=replace(VOCABULARY, top=1)))] == ["a"]
    # the finished cases fill the five: the unfinished one below them is not held back
    below = library(case("a", ("zwaar",)), case("b", ("middel",)), unfinished("c", ("licht",)))
    assert held_back(below) == []
    # a given ranking is used as it is
    assert held_back(two, [r for r in rank(two) if r.slug != "a"]) == [rank(two)[1]]
    assert held_back(library()) == []
