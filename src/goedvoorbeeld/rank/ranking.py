"""Score, eligibility and the order that picks the five.

score    = the sum of the weights of the case's distinct tags
eligible = status pilot, lopend or afgerond, a `## Resultaat` section, and no hint line left
           (`schema.HINT_PREFIX`, warning GV208: nothing half-written counts)
order    = score descending, then `added` newest first, then slug A to Z
"""

from __future__ import annotations

from dataclasses import dataclass

from goedvoorbeeld.check.cases import Case, Library, check_body
from goedvoorbeeld.check.schema import HINT_PREFIX, RANKED_STATUSES, STATUSES
from goedvoorbeeld.check.vocabulary import Vocabulary


@dataclass(frozen=True)
class Ranked:
    rank: int  # position in the full order, 1-based
    case: Case
    score: int
    breakdown: tuple[tuple[str, int], ...]  # (tag, weight) in the case's order
    eligible: bool
    reason: str | None  # Dutch: why the case is not eligible
    hints: tuple[int, ...] = ()  # file lines of hint lines still in the case (it is not finished)

    @property
    def slug(self) -> str:
        return self.case.slug


def score(case: Case, vocabulary: Vocabulary) -> tuple[int, tuple[tuple[str, int], ...]]:
    breakdown = tuple((t, vocabulary.weight(t)) for t in dict.fromkeys(case.tags))
    return sum(w for _, w in breakdown), breakdown


def hint_lines(case: Case) -> tuple[int, ...]:
    """The file lines of the hint lines `goedvoorbeeld new` wrote and nobody replaced yet: exactly where
    the checker warns GV208 (its own body scan, so a hint quoted in a code block does not count)."""
    if HINT_PREFIX not in case.body:  # a fast path: the scan reports GV208 only on a line holding the prefix
        return ()
    found = check_body(case.path, case.body, case.body_line, None, keep_sections=False)[2]
    return tuple(p.line for p in found if p.code == "GV208")


def hints_reason(lines: tuple[int, ...]) -> str:
    """`nog niet af: de hulptekst op regel 12 is nog niet vervangen`, in Dutch."""
    if len(lines) == 1:
        return f"nog niet af: de hulptekst op regel {lines[0]} is nog niet vervangen"
    listed = ", ".join(str(n) for n in lines[:-1]) + f" en {lines[-1]}"
    return f"nog niet af: de hulpteksten op de regels {listed} zijn nog niet vervangen"


def ineligible_reason(case: Case, hints: tuple[int, ...] | None = None) -> str | None:
    """Why a (checked) case cannot be among the five, in Dutch; None when it can."""
    hints = hint_lines(case) if hints is None else hints
    reasons = [hints_reason(hints)] if hints else []
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
        hints = hint_lines(case)
        reason = ineligible_reason(case, hints)
        out.append(Ranked(i, case, s, breakdown, reason is None, reason, hints))
    return out


def top(library: Library, ranking: list[Ranked] | None = None) -> list[Ranked]:
    """The five (or `top` from tags.yml): the first eligible cases in the ranking."""
    ranking = ranking if ranking is not None else rank(library)
    return [r for r in ranking if r.eligible][: library.vocabulary.top]


def held_back(library: Library, ranking: list[Ranked] | None = None) -> list[Ranked]:
    """Unfinished cases (hint lines only) that would be among the five once finished: a selection saved
    now would hold them, so `rank --save` refuses while there are any."""
    ranking = ranking if ranking is not None else rank(library)
    finished = [r for r in ranking if r.eligible or (r.hints and ineligible_reason(r.case, ()) is None)]
    return [r for r in finished[: library.vocabulary.top] if r.hints]
