"""Saved selections: the five as shared on a given day, frozen in `cases/selecties/`.

A selection file is `<YYYY-MM-DD>-<name>.yml`. It records the slugs, titles,
scores and the weights used, so what was shared at a meeting stays on record
when weights or cases change later. Selection files are checked like case
files: every problem has a path, a line, a column and a GV3xx code.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from goedvoorbeeld.check.cases import Library
from goedvoorbeeld.check.problems import Problem, problem
from goedvoorbeeld.check.schema import SLUG_RE, dashed
from goedvoorbeeld.rank.ranking import Ranked, held_back, rank, top
from goedvoorbeeld.check.source import INVALID, KEY, decode, label, parse_yaml

FOLDER = "selecties"  # inside the cases folder
NAME_MAX = 60
FILE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.yml$")
# root mapping (1) > cases list (2) > one case (3) > its breakdown (4) > the weights (5)
MAX_DEPTH = 5

NOT_A_MAPPING = "een selectie moet sleutels met waarden bevatten: name, date, top, weights en cases"
HEADER = (
    "# Bevroren selectie van de vijf, vastgelegd met `goedvoorbeeld rank --save {name}`.\n"
    "# Pas dit bestand niet aan: het laat zien wat er op deze dag is gedeeld,\n"
    "# ook als de gewichten in tags.yml of de voorbeelden later veranderen.\n"
)


@dataclass(frozen=True)
class SelectedCase:
    rank: int  # place among the five, 1-based
    slug: str
    title: str
    organisation: str
    summary: str
    score: int
    breakdown: tuple[tuple[str, int], ...]  # (tag, weight) as used that day


@dataclass(frozen=True)
class Selection:
    name: str
    date: dt.date
    top: int  # how many cases the rule asked for that day
    weights: tuple[tuple[str, int], ...]  # every tag's weight that day, in the order of tags.yml
    cases: tuple[SelectedCase, ...]
    path: str = ""  # as shown to people

    @property
    def stem(self) -> str:
        return f"{self.date.isoformat()}-{self.name}"


class SelectionError(Exception):
    """A selection cannot be saved; the message is Dutch and says what to do."""


# ---------------------------------------------------------------------------
# making and saving


def make_selection(name: str, library: Library, today: dt.date,
                   ranking: list[Ranked] | None = None) -> Selection:
    """Today's five of a checked library as a selection (not yet written)."""
    why = name_problem(name)
    if why:
        raise SelectionError(why)
    ranking = ranking if ranking is not None else rank(library)
    unfinished = held_back(library, ranking)
    if unfinished:
        raise SelectionError(unfinished_message(unfinished))
    five = top(library, ranking)
    vocabulary = library.vocabulary
    weights = tuple((t.slug, t.weight) for g in vocabulary.groups for t in g.tags)
    cases = tuple(
        SelectedCase(i, r.slug, r.case.title, r.case.organisation, r.case.summary, r.score, r.breakdown)
        for i, r in enumerate(five, start=1)
    )
    return Selection(name, today, vocabulary.top, weights, cases)


def unfinished_message(unfinished: list[Ranked]) -> str:
    """Why today's five are not saved while a case that belongs among them still holds a hint line."""
    one = len(unfinished) == 1
    who = "een voorbeeld dat bij de vijf zou horen, is" if one else \
        f"{len(unfinished)} voorbeelden die bij de vijf zouden horen, zijn"
    lines = [f"de vijf worden niet vastgelegd: {who} nog niet af"]
    lines += [f"  {r.case.path}:{r.hints[0]}: {r.reason}" for r in unfinished]
    lines.append("Vervang eerst de hulpteksten (zie goedvoorbeeld check --strict) en leg de vijf daarna vast.")
    return "\n".join(lines)


def name_problem(name: str) -> str | None:
    """Why a selection name cannot be used, in Dutch; None when it can."""
    if SLUG_RE.match(name) and len(name) <= NAME_MAX:
        return None
    hint = dashed(name)[:NAME_MAX].strip("-") or "netwerkdag"
    return (f"de naam '{name}' kan niet: gebruik hoogstens {NAME_MAX} kleine letters, cijfers en "
            f"koppeltekens, bijvoorbeeld '{hint}'")


def dump_selection(selection: Selection) -> str:
    """The YAML text of a selection file; `load_selection` reads it back unchanged."""
    data = {
        "name": selection.name,
        "date": selection.date,
        "top": selection.top,
        "weights": dict(selection.weights),
        "cases": [
            {
                "rank": c.rank,
                "slug": c.slug,
                "title": c.title,
                "organisation": c.organisation,
                "summary": c.summary,
                "score": c.score,
                "breakdown": dict(c.breakdown),
            }
            for c in selection.cases
        ],
    }
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False)
    return HEADER.format(name=selection.name) + body


def save_selection(cases_dir: str | Path, selection: Selection, *, shown_root: str = "cases") -> str:
    """Write a selection into `<cases>/selecties/`; refuses to overwrite. Returns the path as shown."""
    if not selection.cases:
        raise SelectionError("er is niets om te bewaren: geen enkel voorbeeld telt mee voor de vijf")
    folder = Path(cases_dir) / FOLDER
    filename = f"{selection.stem}.yml"
    shown = f"{shown_root.rstrip('/')}/{FOLDER}/{filename}"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        # "x": create the file, never replace one that is there.
        with open(folder / filename, "x", encoding="utf-8", newline="\n") as f:
            f.write(dump_selection(selection))
    except FileExistsError:
        raise SelectionError(
            f"er is op {selection.date.isoformat()} al een selectie '{selection.name}' bewaard ({shown}); "
            f"een bewaarde selectie wordt nooit overschreven: kies een andere naam"
        ) from None
    return shown


# ---------------------------------------------------------------------------
# reading and checking


def read_selection(path: str, data: bytes, *, today: dt.date) -> tuple[Selection | None, list[Problem]]:
    """Check one selection file. Returns the selection (None when it has errors) and its problems."""
    problems: list[Problem] = []
    filename = os.path.basename(path)
    m = FILE_RE.match(filename)
    file_date: dt.date | None = None
    file_name: str | None = None
    if m:
        try:
            file_date = dt.date.fromisoformat(m.group(1))
        except ValueError:
            file_date = None
        file_name = m.group(2) if not name_problem(m.group(2)) else None
    if file_date is None or file_name is None:
        problems.append(problem(path, 1, 1, "GV301",
                                f"bestandsnaam '{filename}' is ongeldig: een selectie heet "
                                f"JJJJ-MM-DD-naam.yml, bijvoorbeeld '{today.isoformat()}-netwerkdag.yml'"))
    text, found = decode(path, data)
    problems += found
    if text is None:
        return None, problems
    values, pos, found = parse_yaml(path, text, line_offset=1, max_depth=MAX_DEPTH, document="de selectie")
    problems += [replace(p, message=NOT_A_MAPPING) if p.code == "GV006" else p for p in found]
    if values is None:
        problems.sort(key=lambda p: (p.line, p.column, p.code))
        return None, problems
    checker = _Checker(path, values, pos, today, file_name, file_date)
    selection = checker.run()
    problems += checker.problems
    problems.sort(key=lambda p: (p.line, p.column, p.code))
    if any(p.is_error for p in problems):
        return None, problems
    return selection, problems


class _Checker:
    """Checks the values of one selection file against the format `dump_selection` writes."""

    KEYS = ("name", "date", "top", "weights", "cases")
    CASE_KEYS = ("rank", "slug", "title", "organisation", "summary", "score", "breakdown")

    def __init__(self, path: str, values: dict, pos: dict, today: dt.date,
                 file_name: str | None, file_date: dt.date | None):
        self.path, self.values, self.pos, self.today = path, values, pos, today
        self.file_name, self.file_date = file_name, file_date
        self.problems: list[Problem] = []

    def add(self, where: tuple, code: str, message: str, key: bool = False) -> None:
        p = (*where, KEY) if key else where
        while p and p not in self.pos:
            p = p[:-1]
        self.problems.append(problem(self.path, *self.pos.get(p, (1, 1)), code, message))

    def keys(self, mapping: dict, where: tuple, allowed: tuple[str, ...]) -> bool:
        ok = True
        for k in mapping:
            if k not in allowed:
                self.add((*where, k), "GV302", f"{label((*where, k))}: onbekende sleutel; "
                                               f"toegestaan: {', '.join(allowed)}", key=True)
                ok = False
        for k in allowed:
            if k not in mapping or mapping[k] is None:
                name = label((*where, k))
                self.add(where, "GV302", f"{name}: ontbreekt" if k not in mapping else f"{name}: heeft geen waarde")
                ok = False
        return ok

    def text(self, where: tuple, value) -> str | None:
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
        if value is not INVALID:
            self.add(where, "GV303", f"{label(where)}: verwacht tekst")
        return None

    def whole(self, where: tuple, value, minimum: int) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
            return value
        if value is not INVALID:
            self.add(where, "GV303", f"{label(where)}: verwacht een geheel getal van {minimum} of meer")
        return None

    def weight_map(self, where: tuple, value) -> tuple[tuple[str, int], ...] | None:
        if not isinstance(value, dict) or not value:
            if value is not INVALID:
                self.add(where, "GV303", f"{label(where)}: verwacht tags met hun gewicht, zoals 'visie: 3'")
            return None
        out = []
        for tag, w in value.items():
            if not SLUG_RE.match(tag):
                self.add((*where, tag), "GV303", f"{label(where)}: '{tag}' is geen geldige tag", key=True)
                return None
            weight = self.whole((*where, tag), w, 0)
            if weight is None:
                return None
            out.append((tag, weight))
        return tuple(out)

    def run(self) -> Selection | None:
        v = self.values
        complete = self.keys(v, (), self.KEYS)
        name = date = top = weights = None
        if "name" in v and v["name"] is not None:
            name = self.text(("name",), v["name"])
            if name is not None and name_problem(name):
                self.add(("name",), "GV303", f"name: {name_problem(name)}")
                name = None
        if "date" in v and v["date"] is not None:
            date = v["date"]
            if isinstance(date, dt.datetime):
                date = date.date()
            if not isinstance(date, dt.date):
                if date is not INVALID:
                    self.add(("date",), "GV303", f"date: '{date}' is geen datum; schrijf JJJJ-MM-DD")
                date = None
            elif date > self.today:
                self.add(("date",), "GV303", f"date: {date.isoformat()} ligt in de toekomst")
                date = None
        if "top" in v and v["top"] is not None:
            top = self.whole(("top",), v["top"], 1)
        if "weights" in v and v["weights"] is not None:
            weights = self.weight_map(("weights",), v["weights"])
        if name is not None and self.file_name is not None and name != self.file_name:
            self.add(("name",), "GV304", f"name: '{name}' verschilt van de naam in de bestandsnaam "
                                         f"('{self.file_name}')")
        if date is not None and self.file_date is not None and date != self.file_date:
            self.add(("date",), "GV304", f"date: {date.isoformat()} verschilt van de datum in de "
                                         f"bestandsnaam ({self.file_date.isoformat()})")
        cases = self.cases(v.get("cases"), dict(weights) if weights is not None else None, top)
        if not complete or None in (name, date, top, weights, cases):
            return None
        return Selection(name, date, top, weights, cases, self.path)

    def cases(self, value, weights: dict | None, top: int | None) -> tuple[SelectedCase, ...] | None:
        if value is None:
            return None
        if not isinstance(value, list) or not value:
            if value is not INVALID:
                self.add(("cases",), "GV303", "cases: verwacht een lijst met minstens één voorbeeld")
            return None
        out: list[tuple[int, SelectedCase]] = []  # (place in the file, 0-based; the case), broken ones left out
        ok = True
        for i, item in enumerate(value):
            where = ("cases", i)
            if not isinstance(item, dict):
                if item is not INVALID:
                    self.add(where, "GV303", f"{label(where)}: verwacht rank, slug, title, organisation, "
                                             f"summary, score en breakdown")
                ok = False
                continue
            if not self.keys(item, where, self.CASE_KEYS):
                ok = False
                continue
            fields = {
                "rank": self.whole((*where, "rank"), item["rank"], 1),
                "slug": self.text((*where, "slug"), item["slug"]),
                "title": self.text((*where, "title"), item["title"]),
                "organisation": self.text((*where, "organisation"), item["organisation"]),
                "summary": self.text((*where, "summary"), item["summary"]),
                "score": self.whole((*where, "score"), item["score"], 0),
                "breakdown": self.weight_map((*where, "breakdown"), item["breakdown"]),
            }
            if any(x is None for x in fields.values()):
                ok = False
                continue
            case = SelectedCase(**fields)
            ok = self.consistent(case, where, weights) and ok
            out.append((i, case))
        in_order = self.ordered(out, len(value), top)
        return in_order if ok else None

    def consistent(self, case: SelectedCase, where: tuple, weights: dict | None) -> bool:
        """The score is the sum of the breakdown, and the breakdown uses the weights of that day."""
        ok = True
        if weights is not None:
            for tag, w in case.breakdown:
                if tag not in weights:
                    self.add((*where, "breakdown", tag), "GV305",
                             f"{label((*where, 'breakdown'))}: tag '{tag}' staat niet in 'weights'", key=True)
                    ok = False
                elif weights[tag] != w:
                    self.add((*where, "breakdown", tag), "GV305",
                             f"{label((*where, 'breakdown', tag))}: gewicht {w}, maar 'weights' geeft "
                             f"{tag} gewicht {weights[tag]}")
                    ok = False
        total = sum(w for _, w in case.breakdown)
        if total != case.score:
            self.add((*where, "score"), "GV305",
                     f"{label((*where, 'score'))}: {case.score}, maar de som van 'breakdown' is {total}")
            ok = False
        return ok

    def ordered(self, cases: list[tuple[int, SelectedCase]], count: int,
                top: int | None) -> tuple[SelectedCase, ...] | None:
        """Places 1, 2, 3, ... by score from high to low; no case twice; no more than `top`.

        `cases` are the well-formed entries with their 0-based place among all `count` entries of the list: a
        broken entry (reported already) keeps its place, so the entries after it are judged where they are.
        """
        ok = True
        seen: set[str] = set()
        before: tuple[int, SelectedCase] | None = None  # the last well-formed case above this one
        for i, c in cases:
            where = ("cases", i)
            if c.rank != i + 1:
                self.add((*where, "rank"), "GV306", f"{label((*where, 'rank'))}: {c.rank}, verwacht {i + 1}")
                ok = False
            if c.slug in seen:
                self.add((*where, "slug"), "GV306", f"{label((*where, 'slug'))}: '{c.slug}' staat er twee keer in")
                ok = False
            seen.add(c.slug)
            if before is not None and c.score > before[1].score:
                self.add((*where, "score"), "GV306",
                         f"{label((*where, 'score'))}: {c.score} is hoger dan de score op plaats {before[0] + 1}")
                ok = False
            before = (i, c)
        if top is not None and count > top:
            self.add(("cases", top), "GV306", f"cases: {count} voorbeelden, maar 'top' is {top}")
            ok = False
        return tuple(c for _, c in cases) if ok else None


def read_selections(cases_dir: str | Path, *, today: dt.date | None = None,
                    shown_root: str | None = None) -> tuple[list[Selection], list[Problem]]:
    """Read and check every file in `<cases>/selecties/`; newest first (then name A to Z)."""
    today = today or dt.date.today()
    folder = Path(cases_dir) / FOLDER
    root = (shown_root if shown_root is not None else str(cases_dir)).rstrip("/") + f"/{FOLDER}"
    if not folder.is_dir():
        return [], []
    selections: list[Selection] = []
    problems: list[Problem] = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.is_dir():
            continue
        shown = f"{root}/{entry.name}"
        if not entry.name.endswith(".yml"):
            problems.append(problem(shown, 1, 1, "GV301",
                                    f"'{entry.name}' is geen selectie: alleen JJJJ-MM-DD-naam.yml hoort in "
                                    f"{root}/"))
            continue
        try:
            data = Path(entry.path).read_bytes()
        except OSError as e:
            problems.append(problem(shown, 1, 1, "GV002", f"het bestand kan niet worden gelezen: {e.strerror}"))
            continue
        selection, found = read_selection(shown, data, today=today)
        problems += found
        if selection is not None:
            selections.append(selection)
    selections.sort(key=lambda s: (-s.date.toordinal(), s.name))
    return selections, problems
