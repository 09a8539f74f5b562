"""Related cases against the obvious pairwise definition, on libraries built to hit each branch: written to
catch the changes mutation testing made to `related.py` that no other test noticed (tests/mutants-equivalent.md
lists the ones that change nothing)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from goedvoorbeeld.check.cases import Case
from goedvoorbeeld.rank.related import related_cases
from test_finding import related_by_comparing_every_pair as pairwise  # the slow, obvious definition

TAGS = ["a", "b", "c", "d", "e", "f"]


def case(slug: str, tags, added=dt.date(2026, 1, 1)) -> Case:
    return Case(slug=slug, path=f"cases/{slug}.md", title=slug, summary="s", organisation="o", level="gemeente",
                status="lopend", year=2020, tags=tuple(tags), added=added)



def slugs(found: dict[str, list[Case]]) -> dict[str, list[str]]:
    return {k: [c.slug for c in v] for k, v in found.items()}


def test_the_most_shared_tags_first_then_the_newest_then_the_slug():
    cases = [
        case("basis", ["a", "b", "c"], dt.date(2026, 1, 1)),
        case("twee-oud", ["a", "b"], dt.date(2024, 1, 1)),
        case("twee-nieuw", ["b", "c", "f"], dt.date(2025, 1, 1)),
        case("een-nieuwst", ["c"], dt.date(2026, 6, 1)),
        case("een-b", ["a"], dt.date(2025, 6, 1)),
        case("een-a", ["a"], dt.date(2025, 6, 1)),
        case("niets", ["d"], dt.date(2026, 12, 1)),
    ]
    found = slugs(related_cases(cases))
    assert found["basis"] == ["twee-nieuw", "twee-oud", "een-nieuwst"]
    assert found["niets"] == []
    assert slugs(related_cases(cases, limit=5))["basis"] == ["twee-nieuw", "twee-oud", "een-nieuwst", "een-a", "een-b"]
    assert slugs(related_cases(cases, limit=1))["basis"] == ["twee-nieuw"]
    assert slugs(related_cases(cases, limit=0))["basis"] == []
    assert found == pairwise(cases)


def test_a_case_is_never_its_own_relative_and_repeated_tags_count_once():
    cases = [case("x", ["a", "a", "b"]), case("y", ["a", "b", "b"]), case("z", ["b"], dt.date(2027, 1, 1))]
    assert slugs(related_cases(cases)) == {"x": ["y", "z"], "y": ["x", "z"], "z": ["x", "y"]}
    assert slugs(related_cases(tuple(cases))) == pairwise(cases)


def test_many_cases_under_one_tag_give_only_the_newest():
    cases = [case(f"c{i:02d}", ["a"], dt.date(2020, 1, 1) + dt.timedelta(days=i)) for i in range(12)]
    cases.append(case("twee", ["a", "b"], dt.date(2019, 1, 1)))
    cases.append(case("ook-b", ["b"], dt.date(2018, 1, 1)))
    found = slugs(related_cases(cases))
    assert found["twee"] == ["c11", "c10", "c09"]  # one shared tag each; the newest win
    assert found["ook-b"] == ["twee"]
    assert found == pairwise(cases)
    assert slugs(related_cases(cases, limit=4)) == pairwise(cases, limit=4)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_small_random_libraries_match_the_pairwise_definition(seed, limit):
    rng = random.Random(seed)
    cases = [case(f"v{i:02d}", rng.sample(TAGS, rng.randint(1, 5)),
                  dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 5))) for i in range(rng.randint(2, 25))]
    assert slugs(related_cases(cases, limit=limit)) == pairwise(cases, limit=limit)


def test_nothing_in_nothing_out():
    assert related_cases([]) == {}
    assert related_cases([case("alleen", ["a"])]) == {"alleen": []}


class _Counted(Case):
    """A case that counts how often its slug is read: a measure of the work `related_cases` does."""

    reads = 0

    def __getattribute__(self, name):
        if name == "slug":
            type(self).reads += 1
        return object.__getattribute__(self, name)


def test_the_work_per_case_does_not_grow_with_the_library():
    """The module's promise: each case looks at no more than `limit` new candidates per subset of its tags."""
    def reads_per_case(n: int, limit: int, tags=("a",)) -> float:
        cases = [_Counted(slug=f"c{i:04d}", path="", title="", summary="", organisation="", level="gemeente",
                          status="lopend", year=2020, tags=tags, added=dt.date(2020, 1, 1) + dt.timedelta(days=i))
                 for i in range(n)]
        _Counted.reads = 0
        found = related_cases(cases, limit=limit)
        assert all(len(v) == limit for v in found.values())
        return _Counted.reads / n

    limit = 3
    small, large = reads_per_case(20, limit), reads_per_case(400, limit)
    assert large == pytest.approx(small, abs=1)  # a constant per case, not a share of the library
    # Per case: 4 reads to order and key it; in its one tag's list itself (1 read) and `limit` new candidates
    # (3 reads each: taken? found? keep); then 2 per chosen case (placing and marking it taken).
    assert large <= 4 + (1 + 3 * limit) + 2 * limit
    # Two shared tags: the pair finds all `limit` cases, so the single tags are not searched at all.
    assert reads_per_case(400, limit, tags=("a", "b")) <= 4 + (1 + 3 * limit) + 2 * limit
