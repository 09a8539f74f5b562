"""Score, eligibility and the order that picks the five.

score    = the sum of the weights of the case's distinct tags
eligible = status pilot, lopend or afgerond, and a `## Resultaat` section
order    = score descending, then `added` newest first, then slug A to Z
"""

from __future__ import annotations

from dataclasses import dataclass

from goedvoorbeeld.check.cases import Case, Library
from goedvoorbeeld.check.schema import RANKED_STATUSES, STATUSES
from goedvoorbeeld.check.vocabulary import Vocabulary


@dataclass(frozen=True)
class Ranked:
    rank: int  # position in the full order, 1-based
    case: Case
    score: int
    breakdown: tuple[tuple[str, int], ...]  # (tag, weight) in the case's order
    eligible: bool
    reason: str | None  # Dutch: why the case is not eligible

    @property
    def slug(self) -> str:
        return self.case.slug


def score(case: Case, vocabulary: Vocabulary) -> tuple[int, tuple[tuple[str, int], ...]]:
    breakdown = tuple((t, vocabulary.weight(t)) for t in dict.fromkeys(case.tags))
    return sum(w for _, w in breakdown), breakdown


def ineligible_reason(case: Case) -> str | None:
    """Why a (checked) case cannot be among the five, in Dutch; None when it can."""
    reasons = []
    if case.status not in RANKED_STATUSES:
        allowed = ", ".join(STATUSES[s].lower() for s in RANKED_STATUSES)
        reasons.append(f"status is '{STATUSES[case.status].lower()}' (telt mee bij: {allowed})")
    if case.section("resultaat") is None:
        reasons.append("geen sectie 'Resultaat'")
    return "; ".join(reasons) or None


def _sort_key(item: tuple[Case, int]):
    case, s = item
    return (-s, -case.added.toordinal(), case.slug)


def rank(library: Library) -> list[Ranked]:
    """The full ranking of every checked case, eligible or not, in the order of the rule."""
    scored = [(c, *score(c, library.vocabulary)) for c in library.cases]
    scored.sort(key=lambda t: _sort_key((t[0], t[1])))
    out = []
    for i, (case, s, breakdown) in enumerate(scored, start=1):
        reason = ineligible_reason(case)
        out.append(Ranked(i, case, s, breakdown, reason is None, reason))
    return out


def top(library: Library, ranking: list[Ranked] | None = None) -> list[Ranked]:
    """The five (or `top` from tags.yml): the first eligible cases in the ranking."""
    ranking = ranking if ranking is not None else rank(library)
    return [r for r in ranking if r.eligible][: library.vocabulary.top]
