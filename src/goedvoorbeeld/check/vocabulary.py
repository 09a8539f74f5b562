"""The vocabulary in `cases/tags.yml`: settings, tag groups and tag weights."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from goedvoorbeeld.check.problems import Problem, problem
from goedvoorbeeld.check.schema import SLUG_RE
from goedvoorbeeld.check.source import decode, parse_yaml



@dataclass(frozen=True)
class Tag:
    slug: str
    label: str
    description: str
    weight: int
    group: str


@dataclass(frozen=True)
class TagGroup:
    slug: str
    label: str
    description: str
    tags: tuple[Tag, ...]


@dataclass(frozen=True)
class Vocabulary:
    top: int
    max_tags: int
    groups: tuple[TagGroup, ...]

    @cached_property
    def tags(self) -> dict[str, Tag]:
        return {t.slug: t for g in self.groups for t in g.tags}

    @cached_property
    def plain_tags(self) -> frozenset[str]:
        """The tags that are non-blank text (all of them, as `load_vocabulary` accepts only slugs), for
        the fast path of the tags check in `cases`."""
        return frozenset(t for t in self.tags if isinstance(t, str) and t.strip())

    def weight(self, slug: str) -> int:
        tag = self.tags.get(slug)
        return tag.weight if tag else 0


class VocabularyError(Exception):
    """`tags.yml` cannot be used; carries the problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


def load_vocabulary(path: str | Path, display: str | None = None) -> Vocabulary:
    """Read and validate tags.yml; raise VocabularyError with every problem."""
    path = Path(path)
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise VocabularyError([problem(shown, 1, 1, "GV401", f"kan de tagslijst niet lezen: {e.strerror}")])
    text, problems = decode(shown, data)
    if text is None:
        raise VocabularyError(problems)
    values, pos, problems = parse_yaml(shown, text, line_offset=1, max_depth=8, document="de tagslijst")
    if values is None or problems:
        raise VocabularyError(problems)
    return vocabulary_from_values(values, pos, shown)


def vocabulary_from_values(values: dict, pos: dict, shown: str) -> Vocabulary:
    problems: list[Problem] = []

    def err(where: tuple, msg: str) -> None:
        p = where
        while p and p not in pos:
            p = p[:-1]
        problems.append(problem(shown, *pos.get(p, (1, 1)), "GV401", msg))

    def whole(key: str, minimum: int) -> int:
        v = values.get(key)
        if not isinstance(v, int) or isinstance(v, bool) or v < minimum:
            err((key,), f"'{key}' moet een geheel getal van {minimum} of meer zijn")
            return minimum
        return v

    top = whole("top", 1)
    max_tags = whole("max_tags", 1)
    for key in values:
        if key not in ("top", "max_tags", "groups"):
            err((key,), f"onbekende sleutel '{key}'; toegestaan: top, max_tags, groups")
    groups: list[TagGroup] = []
    seen: dict[str, str] = {}
    raw_groups = values.get("groups")
    if not isinstance(raw_groups, dict) or not raw_groups:
        err(("groups",), "'groups' moet minstens één groep met tags bevatten")
        raw_groups = {}
    for gslug, g in raw_groups.items():
        where = ("groups", gslug)
        if not SLUG_RE.match(gslug):
            err(where, f"groepsnaam '{gslug}' is geen geldige slug")
        if not isinstance(g, dict) or not isinstance(g.get("tags"), dict) or not g["tags"]:
            err(where, f"groep '{gslug}' moet 'label' en 'tags' hebben")
            continue
        tags: list[Tag] = []
        for tslug, t in g["tags"].items():
            twhere = (*where, "tags", tslug)
            if not SLUG_RE.match(tslug):
                err(twhere, f"tag '{tslug}' is geen geldige slug")
            if tslug in seen:
                err(twhere, f"tag '{tslug}' staat al in groep '{seen[tslug]}'")
                continue
            seen[tslug] = gslug
            if not isinstance(t, dict):
                err(twhere, f"tag '{tslug}' moet label, description en weight hebben")
                continue
            for k in ("label", "description"):
                if not isinstance(t.get(k), str) or not t[k].strip():
                    err(twhere, f"tag '{tslug}' mist '{k}'")
            w = t.get("weight")
            if not isinstance(w, int) or isinstance(w, bool) or w < 0:
                err(twhere, f"tag '{tslug}' mist 'weight' (een geheel getal van 0 of meer)")
                w = 0
            tags.append(Tag(tslug, str(t.get("label", tslug)), str(t.get("description", "")), w, gslug))
        label = g.get("label")
        if not isinstance(label, str) or not label.strip():
            err(where, f"groep '{gslug}' mist 'label'")
            label = gslug
        groups.append(TagGroup(gslug, label, str(g.get("description", "")), tuple(tags)))
    if problems:
        raise VocabularyError(problems)
    return Vocabulary(top=top, max_tags=max_tags, groups=tuple(groups))
