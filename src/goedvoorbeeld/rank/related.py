"""Related cases: the cases that share the most tags with a case.

Computed from a tag index instead of comparing every pair of cases. For
every set of tags U (of at most `max_tags` tags) the index lists the cases
that carry all of U, newest first. A case with tags S finds its best
matches by walking the subsets of S from large to small: a case found
under a subset of size m shares at least m tags, and every case sharing
more was found at a larger size already. The work per case depends on its
own tags (at most 2^max_tags subsets), not on the size of the library:
O(n * 2^k) in all.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from goedvoorbeeld.check.cases import Case


def _newest_first(case: Case) -> tuple:
    return (-case.added.toordinal(), case.slug)


def related_cases(cases: list[Case] | tuple[Case, ...], limit: int = 3) -> dict[str, list[Case]]:
    """slug -> up to `limit` other cases with the most shared tags (ties: newest first, then slug)."""
    ordered = sorted(cases, key=_newest_first)
    position = {c.slug: i for i, c in enumerate(ordered)}
    index: dict[tuple[str, ...], list[Case]] = defaultdict(list)
    for case in ordered:  # appended in newest-first order, so every list is sorted
        tags = tuple(sorted(set(case.tags)))
        for size in range(1, len(tags) + 1):
            for subset in combinations(tags, size):
                index[subset].append(case)

    out: dict[str, list[Case]] = {}
    for case in ordered:
        tags = tuple(sorted(set(case.tags)))
        chosen: list[Case] = []
        taken = {case.slug}
        for size in range(len(tags), 0, -1):
            need = limit - len(chosen)
            if need <= 0:
                break
            found: dict[str, Case] = {}
            for subset in combinations(tags, size):
                # Each list is newest first: at most `need` new cases from each can be among the best.
                picked = 0
                for other in index.get(subset, ()):
                    if other.slug in taken or other.slug in found:
                        continue
                    found[other.slug] = other
                    picked += 1
                    if picked >= need:
                        break
            best = sorted(found.values(), key=lambda c: position[c.slug])[:need]
            chosen += best
            taken.update(c.slug for c in best)
        out[case.slug] = chosen
    return out
