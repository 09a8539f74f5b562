"""Cases: read a case file, check it against the schema, and read a library.

`read_case` turns bytes into a `Case` plus every `Problem` it has; a case
with errors is still returned when its values are usable, so that all
problems of all files are reported in one run.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple
from urllib.parse import urlsplit

import goedvoorbeeld.check.question as question
import goedvoorbeeld.check.safety as safety
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.check.problems import Problem, amount, problem
from goedvoorbeeld.check.source import INVALID, FrontMatter, label, read_front_matter
from goedvoorbeeld.check.vocabulary import Vocabulary


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Section:
    key: str  # aanleiding | aanpak | resultaat | lessen | gespreksvraag
    title: str
    markdown: str
    line: int  # file line of the heading


@dataclass(frozen=True)
class Case:
    slug: str
    path: str  # as shown to people, e.g. cases/open-raad.md
    title: str
    summary: str
    organisation: str
    level: str
    status: str
    year: int
    tags: tuple[str, ...]
    added: dt.date
    links: tuple[Link, ...] = ()
    contact: str | None = None
    language: str = "nl"
    body: str = ""
    sections: tuple[Section, ...] = ()
    images: tuple[str, ...] = ()  # paths relative to the cases folder
    title_line: int = 1
    body_line: int = 1  # file line of the body's first line

    def section(self, key: str) -> Section | None:
        for s in self.sections:
            if s.key == key:
                return s
        return None


@dataclass(frozen=True)
class Library:
    root: str  # the cases folder as shown
    vocabulary: Vocabulary
    cases: tuple[Case, ...]  # every case without errors, sorted by slug
    problems: tuple[Problem, ...]
    files: int  # case files read

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def by_slug(self) -> Mapping[str, Case]:
        """Every case by its slug; built once per library (the hook asks for it on every page)."""
        return self._by_slug

    @cached_property
    def _by_slug(self) -> Mapping[str, Case]:
        return MappingProxyType({c.slug: c for c in self.cases})


# ---------------------------------------------------------------------------
# one file


def slug_problems(path: str, filename: str) -> list[Problem]:
    stem = filename[:-3] if filename.endswith(".md") else filename
    if stem in schema.RESERVED_SLUGS:
        return [problem(path, 1, 1, "GV001", f"bestandsnaam '{filename}' is gereserveerd voor de site; "
                                             f"kies een naam die zegt waar het voorbeeld over gaat")]
    if schema.SLUG_RE.match(stem) and schema.SLUG_MIN <= len(stem) <= schema.SLUG_MAX:
        return []
    return [problem(path, 1, 1, "GV001",
                    f"bestandsnaam '{filename}' is ongeldig: gebruik {schema.SLUG_MIN} tot {schema.SLUG_MAX} "
                    f"kleine letters, cijfers en koppeltekens, bijvoorbeeld '{suggest_slug(stem)}.md'")]


def suggest_slug(text: str) -> str:
    s = schema.dashed(text)
    return (s or "mijn-voorbeeld")[: schema.SLUG_MAX].strip("-").ljust(schema.SLUG_MIN, "x")


def read_case(path: str, data: bytes, vocabulary: Vocabulary, *, today: dt.date,
              cases_dir: str | Path | None = None) -> tuple[Case | None, list[Problem]]:
    """Check one case file. Returns the case (None when unusable) and its problems."""
    return _read_case(path, data, vocabulary, today, cases_dir, keep=True)


def _read_case(path: str, data: bytes, vocabulary: Vocabulary, today: dt.date, cases_dir: str | Path | None, *,
               keep: bool) -> tuple[Case | _Seen | None, list[Problem]]:
    """`read_case`, or with `keep=False` only what the cross checks need of the case (`_Seen`).

    `goedvoorbeeld check` drops every Case at once, and making it and its Sections costs a twentieth of
    the time of a file. Every check runs either way; test_scale.py's
    test_checking_without_keeping_the_case_finds_the_same compares the two.
    """
    filename = os.path.basename(path)
    problems = slug_problems(path, filename)
    fm, found = read_front_matter(path, data)
    problems += found
    if fm is None:
        return None, problems
    values, more = _check_front_matter(path, fm, vocabulary, today)
    problems += more
    sections, images, more = check_body(path, fm.body, fm.body_line, cases_dir, keep_sections=keep)
    problems += more
    if values is None:
        return None, problems
    if not keep:
        return _Seen(path, values["title"], fm.pos("title")[0]), problems
    case = Case(
        slug=filename[:-3] if filename.endswith(".md") else filename,
        path=path,
        body=fm.body,
        sections=tuple(sections),
        images=tuple(images),
        title_line=fm.pos("title")[0],
        body_line=fm.body_line,
        **values,
    )
    return case, problems


def _check_front_matter(path: str, fm: FrontMatter, vocab: Vocabulary,
                        today: dt.date) -> tuple[dict | None, list[Problem]]:
    """Check every key; return the Case fields (None if any is unusable) and problems."""
    problems: list[Problem] = []
    v = fm.values
    out: dict = {}

    def add(where: tuple, code: str, msg: str, key: bool = False) -> None:
        pos = fm.key_pos(where[0]) if key else fm.pos(*where)
        problems.append(problem(path, *pos, code, msg))

    unknown = not v.keys() <= schema.FIELD_BY_NAME.keys()  # one set test: most files have no unknown key
    for key in v if unknown else ():
        if key not in schema.FIELD_BY_NAME:
            guess = schema.KEY_ALIASES.get(key.lower()) or _closest(key, schema.FIELD_BY_NAME)
            hint = f"; bedoelde je '{guess}'?" if guess else f"; toegestaan: {', '.join(schema.FIELD_BY_NAME)}"
            add((key,), "GV102", f"onbekende sleutel '{key}'{hint}", key=True)
    for f, checker in _FIELDS_AND_CHECKS:
        value = v.get(f.name)
        if value is None:  # missing, or without a value
            if f.required:
                where = (f.name,) if f.name in v else ()
                problems.append(problem(path, *(fm.key_pos(f.name) if where else fm.pos()), "GV101",
                                        f"verplichte sleutel '{f.name}' ontbreekt: {f.help}"
                                        if f.name not in v else f"'{f.name}' heeft geen waarde"))
            continue
        if value is INVALID:
            continue
        result = checker(f, value, add, vocab, today)
        if result is not INVALID:
            out[f.name] = result
    if not out.keys() >= _REQUIRED:  # not usable
        return None, problems
    out.setdefault("language", "nl")
    return out, problems


_REQUIRED = frozenset(f.name for f in schema.FIELDS if f.required)


def _closest(word: str, options) -> str | None:
    import difflib  # only for a problem: not at start-up

    found = difflib.get_close_matches(word.lower(), list(options), n=1, cutoff=0.6)
    return found[0] if found else None


_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\s/>])([^>]*)>?")


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep sleutels"
    if isinstance(value, (dt.date, dt.datetime)):
        return "een datum"
    return "tekst"


def _text(f, value, add, vocab, today):
    if not isinstance(value, str):
        add((f.name,), "GV103", f"{f.name}: verwacht tekst, maar dit is {_type_name(value)}; "
                                f"zet de waarde tussen aanhalingstekens")
        return INVALID
    text = " ".join(value.split())
    if not (f.min_len <= len(text) <= f.max_len):
        add((f.name,), "GV108", f"{f.name}: {amount(len(text), 'teken', 'tekens')}; dat moet {f.min_len} tot {f.max_len} zijn")
        return INVALID
    if "<" in text and _TAG_RE.search(text):  # every match starts with '<'
        add((f.name,), "GV115", f"{f.name}: gebruik hier platte tekst, zonder HTML")
        return INVALID
    return text


def _choice(f, value, add, vocab, today):
    if not isinstance(value, str) or value not in f.choices:
        shown = value if isinstance(value, str) else _type_name(value)
        guess = _closest(shown, f.choices) if isinstance(value, str) else None
        hint = f"bedoelde je '{guess}'? " if guess else ""
        add((f.name,), "GV109", f"{f.name}: '{shown}' is niet toegestaan; {hint}kies uit: {', '.join(f.choices)}")
        return INVALID
    return value


def _year(f, value, add, vocab, today):
    last = today.year + 1
    if isinstance(value, bool) or not isinstance(value, int):
        add((f.name,), "GV103", f"{f.name}: verwacht een jaartal zoals {today.year}, maar dit is {_type_name(value)}")
        return INVALID
    if not (schema.FIRST_YEAR <= value <= last):
        add((f.name,), "GV110", f"{f.name}: {value} ligt niet tussen {schema.FIRST_YEAR} en {last}")
        return INVALID
    return value


def _date(f, value, add, vocab, today):
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        add((f.name,), "GV111", f"{f.name}: '{value}' is geen geldige datum; schrijf JJJJ-MM-DD, "
                                f"bijvoorbeeld {today.isoformat()}")
        return INVALID
    if value > today:
        add((f.name,), "GV112", f"{f.name}: {value.isoformat()} ligt in de toekomst")
        return INVALID
    return value


def _tags(f, value, add, vocab: Vocabulary, today):
    if not isinstance(value, list):
        add((f.name,), "GV103", f"tags: verwacht een lijst, zoals [burgers-betrekken, visie], "
                                f"maar dit is {_type_name(value)}")
        return INVALID
    known = vocab.tags
    if _plainly_known_tags(value, vocab):
        return tuple(value)
    seen: list[str] = []
    ok = True
    for i, tag in enumerate(value):
        where = (f.name, i)
        if tag is INVALID:
            ok = False
            continue
        if tag is None or (isinstance(tag, str) and not tag.strip()):
            add(where, "GV107", "tags: lege tag")
            ok = False
            continue
        if not isinstance(tag, str):
            add(where, "GV103", f"tags: verwacht de naam van een tag, maar dit is {_type_name(tag)}")
            ok = False
            continue
        if tag not in known:
            by_label = {t.label.lower(): t.slug for t in known.values()}
            guess = by_label.get(tag.lower()) or _closest(tag, known)
            hint = f"; bedoelde je '{guess}'?" if guess else "; zie cases/tags.yml"
            add(where, "GV104", f"tags: onbekende tag '{tag}'{hint}")
            ok = False
            continue
        if tag in seen:
            add(where, "GV105", f"tags: '{tag}' staat er twee keer in")
            ok = False
            continue
        seen.append(tag)
    if not value:
        add((f.name,), "GV106", "tags: geef minstens 1 tag")
        return INVALID
    if len(value) > vocab.max_tags:
        add((f.name, vocab.max_tags), "GV106", f"tags: {amount(len(value), 'tag', 'tags')}; het maximum is {vocab.max_tags}")
        return INVALID
    return tuple(seen) if ok else INVALID


def _plainly_known_tags(value: list, vocab: Vocabulary) -> bool:
    """True when `_tags` surely finds nothing wrong with the list and returns `tuple(value)`: a fast path.

    Each item is then a known tag that is non-blank text, and as many distinct items as items means no
    tag twice: every careful check in `_tags` passes and its `seen` is the list itself. An item that cannot
    be hashed (a list or a mapping from YAML) leaves it to the careful path.
    test_scale.py's test_fast_tags_check_equals_the_careful_path.
    """
    if not 0 < len(value) <= vocab.max_tags:
        return False
    try:
        distinct = set(value)
    except TypeError:
        return False
    return len(distinct) == len(value) and distinct <= vocab.plain_tags


# An address that `urlsplit` surely reads as http or https with a server name and without raising: printable
# ASCII without white space (so `_url_problem` has nothing to clean), no brackets in the server name, and
# nothing but ASCII (so no host_problem). test_scale.py's test_fast_url_check_equals_the_careful_path.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#][!-~]*)?")


def _url_problem(url: str) -> str | None:
    """Why a front matter URL is not acceptable, or None."""
    if _PLAIN_URL.fullmatch(url):  # the usual address (a fast path at 10,000 cases): nothing to object to
        return None
    # printable and without a space: no character is <= " ", so the join would change nothing (a fast path
    # for the usual address; test_hostile.py's front-matter link fixtures hold the other kinds)
    cleaned = url if url.isprintable() and " " not in url else "".join(ch for ch in url if ch > " ")
    try:
        parts = urlsplit(cleaned) if cleaned else None
    except ValueError:  # such as an unclosed '[' in the server name
        return f"'{url}' is geen geldig webadres"
    if not parts or parts.scheme.lower() not in ("http", "https"):
        return f"'{url}' is niet toegestaan; alleen http:// of https://"
    if not parts.netloc:
        return f"'{url}' is geen volledig webadres"
    # host_problem splits the same cleaned address again (it cannot fail now): only letters from outside
    # ASCII can make it object (front-matter-link-lookalike-host.md in the hostile fixtures)
    why = None if cleaned.isascii() else safety.host_problem(url)
    if why:
        return f"'{url}' {why}"
    return None


def _links(f, value, add, vocab, today):
    if not isinstance(value, list):
        add((f.name,), "GV103", "links: verwacht een lijst met items die 'title' en 'url' hebben")
        return INVALID
    out: list[Link] = []
    ok = True
    for i, item in enumerate(value):
        name = label((f.name, i))
        if not isinstance(item, dict):
            add((f.name, i), "GV103", f"{name}: verwacht 'title' en 'url'")
            ok = False
            continue
        for k in item:
            if k not in schema.LINK_KEYS:
                add((f.name, i, k), "GV102", f"{name}: onbekende sleutel '{k}'; toegestaan: title, url")
                ok = False
        title, url = item.get("title"), item.get("url")
        for k, val in (("title", title), ("url", url)):
            if val is None:
                add((f.name, i), "GV101", f"{name}: '{k}' ontbreekt")
                ok = False
            elif val is not INVALID and not isinstance(val, str):
                add((f.name, i, k), "GV103", f"{name}.{k}: verwacht tekst, maar dit is {_type_name(val)}")
                ok = False
        if isinstance(url, str):
            why = _url_problem(url)
            if why:
                add((f.name, i, "url"), "GV113", f"{name}.url: {why}")
                ok = False
        if isinstance(title, str) and isinstance(url, str) and ok:
            out.append(Link(" ".join(title.split()), url.strip()))
    return tuple(out) if ok else INVALID


_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$")


def _contact(f, value, add, vocab, today):
    if not isinstance(value, str):
        add((f.name,), "GV103", f"contact: verwacht tekst, maar dit is {_type_name(value)}")
        return INVALID
    value = value.strip()
    if _EMAIL.match(value):
        return value
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) and not value.lower().startswith(("http:", "https:")):
        add((f.name,), "GV113", f"contact: '{value}' is niet toegestaan; alleen een e-mailadres of http(s)://")
        return INVALID
    if value.lower().startswith(("http://", "https://")) and not _url_problem(value):
        return value
    add((f.name,), "GV114", f"contact: '{value}' is geen e-mailadres of webadres")
    return INVALID


_FIELD_CHECKS = {
    "text": _text, "choice": _choice, "year": _year, "date": _date,
    "tags": _tags, "links": _links, "contact": _contact,
}
_FIELDS_AND_CHECKS = tuple((f, _FIELD_CHECKS[f.kind]) for f in schema.FIELDS)  # looked up once, not per file

# ---------------------------------------------------------------------------
# the body

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


# Every structural check on a body line needs one of these; most lines of prose have none (a fast path at
# 10,000 cases). Markup (HTML, links, images) is checked over the whole body by `_check_markup`.
_NOTABLE = ("`", "~", "#", schema.HINT_PREFIX)


def _notable_lines(body: str) -> list[int]:
    """Offsets of the lines of a body that hold a character or text some line check looks for.

    `str.find` per character is ten times faster here than one regular expression over the body.
    """
    starts: set[int] = set()
    find, rfind = body.find, body.rfind
    for text in _NOTABLE:
        i = find(text)
        while i != -1:
            starts.add(rfind("\n", 0, i) + 1)
            end = find("\n", i)
            if end == -1:
                break
            i = find(text, end + 1)
    return sorted(starts)


_ORDER = tuple(s.key for s in schema.SECTIONS)  # the order the sections must have
_ORDER_TEXT = ", ".join(s.title for s in schema.SECTIONS)
# The heading lines as the template writes them, such as '## Aanpak'.
_HEADINGS = {f"## {s.title}": s for s in schema.SECTIONS}


def _heading(raw: str) -> tuple[str, schema.SectionRule | None] | None:
    """(title, rule or None) of a line that is a '##' heading, or None for any other line."""
    rule = _HEADINGS.get(raw)
    if rule is not None:  # a fast path: stripping '## Aanpak' changes nothing, and its title leads to this rule
        return rule.title, rule
    stripped = raw.strip()
    if stripped.startswith("## ") or stripped == "##":
        title = stripped[2:].strip().strip("#").strip()
        return title, schema.SECTION_BY_TITLE.get(title.lower())
    return None


def check_body(path: str, body: str, body_line: int, cases_dir: str | Path | None, *,
                keep_sections: bool = True) -> tuple[list[Section], list[str], list[Problem]]:
    """Sections, images and problems of a body (no Section objects with `keep_sections=False`)."""
    problems: list[Problem] = []
    sections: list[Section] = []
    images: list[str] = []
    current: tuple[str, str, int, int] | None = None  # key, title, line, offset where its text starts
    seen_keys: list[str] = []
    fence: str | None = None

    def close(end: int) -> None:
        if current is not None:
            key, title, line, start = current
            text = body[start:end].strip("\n")
            if not text or text.isspace():
                problems.append(problem(path, line, 1, "GV204", f"sectie '## {title}' is leeg"))
            elif schema.SECTION_BY_KEY[key].max_len:
                problems.extend(question.check_section(path, schema.SECTION_BY_KEY[key], body[start:end], line))
            if keep_sections:
                sections.append(Section(key, title, text, line))

    # Only lines with something to check are visited (a fast path at 10,000 cases): a section's text is
    # the slice of the body between its heading and the next accepted heading.
    lineno, last = body_line, 0
    for start in _notable_lines(body):
        end = body.find("\n", start)
        end = len(body) if end == -1 else end
        raw = body[start:end]
        lineno += body.count("\n", last, start)
        last = start
        m = _FENCE.match(raw) if "`" in raw or "~" in raw else None
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        heading = _heading(raw)
        if heading is not None:
            title, rule = heading
            if rule is None or rule.key in seen_keys:
                allowed = ", ".join(s.title for s in schema.SECTIONS)
                what = "dubbele" if rule else "onbekende"
                problems.append(problem(path, lineno, 1, "GV203",
                                        f"{what} sectie '## {title}'; toegestaan: {allowed} (elk één keer)"))
                continue
            if seen_keys and _ORDER.index(rule.key) < _ORDER.index(seen_keys[-1]):
                before = schema.SECTIONS[_ORDER.index(seen_keys[-1])].title
                problems.append(problem(path, lineno, 1, "GV202",
                                        f"sectie '## {rule.title}' moet voor '## {before}' staan "
                                        f"(volgorde: {_ORDER_TEXT})"))
            close(start)
            seen_keys.append(rule.key)
            current = (rule.key, rule.title, lineno, end + 1)
            continue
        if re.match(r"^\s{0,3}#\s", raw):
            problems.append(problem(path, lineno, 1, "GV209",
                                    f"kop '{raw.strip()[:40]}' in de tekst; de titel komt uit 'title'"))
        if schema.HINT_PREFIX in raw:
            where = f" onder '## {current[1]}'" if current else ""
            problems.append(problem(path, lineno, raw.index(schema.HINT_PREFIX) + 1, "GV208",
                                    f"de hulptekst{where} is nog niet vervangen"))
    close(len(body))
    for rule in schema.SECTIONS:
        if rule.required and rule.key not in seen_keys:
            problems.append(problem(path, body_line, 1, "GV201", f"sectie '## {rule.title}' ontbreekt"))
    problems += _check_markup(path, body, body_line, cases_dir, images)
    return sections, images, problems


def _check_markup(path: str, body: str, body_line: int, cases_dir, images: list[str]) -> list[Problem]:
    """Raw HTML, attribute lists, complexity, links and images of the whole body (see `safety`)."""
    found, targets, hidden = safety.check_markup(path, body, body_line)
    where = safety.Where(body, body_line) if targets else None
    for t in targets:
        found += _check_target(path, *where(t.offset), t.url, t.is_image, cases_dir, images)
    if hidden and not any(p.is_error for p in found):
        # Inline code hid something that looks like markup: let the renderer decide what it is.
        findings = safety.verify_html(safety.render_body(body))
        found += safety.findings_as_problems(path, body, body_line, findings)
    return found


def _check_target(path, lineno, col, url, is_image, cases_dir, images) -> list[Problem]:
    scheme = safety.url_scheme(url)
    if not is_image:
        if scheme is not None and scheme not in schema.ALLOWED_LINK_SCHEMES:
            return [problem(path, lineno, col, "GV206",
                            f"link '{url[:60]}' is niet toegestaan; alleen http://, https:// en mailto:")]
        if safety.is_protocol_relative(url):
            return [problem(path, lineno, col, "GV206",
                            f"link '{url[:60]}' heeft geen http:// of https://; schrijf het volledige adres")]
        why = safety.host_problem(url) if scheme in ("http", "https") else None
        if why:
            return [problem(path, lineno, col, "GV206", f"link '{url[:60]}' {why}")]
        return []
    if scheme is not None or safety.is_protocol_relative(url):
        return [problem(path, lineno, col, "GV207",
                        f"afbeelding '{url[:60]}' staat op een andere website; zet de afbeelding in cases/ "
                        f"(de site laadt niets van andere websites)")]
    rel = html.unescape(url).split("#")[0].split("?")[0]
    if not rel.lower().endswith(schema.ALLOWED_IMAGE_SUFFIXES):
        return [problem(path, lineno, col, "GV207",
                        f"afbeelding '{url[:60]}': alleen png, jpg, gif of webp")]
    if cases_dir is None:
        return []
    root = os.path.realpath(cases_dir)
    target = os.path.realpath(os.path.join(root, rel))
    if rel.startswith("/") or not target.startswith(root + os.sep) or not os.path.isfile(target):
        return [problem(path, lineno, col, "GV207", f"afbeelding '{url[:60]}' ligt buiten cases/ of bestaat niet")]
    why = _image_content_problem(target)
    if why:
        return [problem(path, lineno, col, "GV207", f"afbeelding '{url[:60]}' {why}")]
    images.append(os.path.relpath(target, root).replace(os.sep, "/"))
    return []


_IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",),
}


def _image_content_problem(file: str) -> str | None:
    """An image must be what its name says (no HTML or SVG behind a .png) and not too large."""
    size = os.path.getsize(file)
    if size > schema.MAX_IMAGE_BYTES:
        return f"is {size // (1024 * 1024)} MB; het maximum is {schema.MAX_IMAGE_BYTES // (1024 * 1024)} MB"
    suffix = os.path.splitext(file)[1].lower()
    with open(file, "rb") as f:
        head = f.read(12)
    if not head.startswith(_IMAGE_SIGNATURES[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
        return f"is geen echt {suffix[1:]}-bestand; sla de afbeelding opnieuw op als {suffix[1:]}"
    return None


# ---------------------------------------------------------------------------
# a library

IGNORED = {"tags.yml", "selecties"}
PARALLEL_FROM = 1000  # case files; for fewer, starting a process costs more than it saves


def read_library(cases_dir: str | Path, vocabulary: Vocabulary, *, today: dt.date | None = None,
                 shown_root: str | None = None, only: list[Path] | None = None, keep_cases: bool = True,
                 workers: int | None = None, parallel_from: int = PARALLEL_FROM) -> Library:
    """Read every `*.md` in the cases folder (or only the given files) and check them all.

    Reading and checking is CPU work, so a large folder is split over `workers` processes (default: one
    per core). With `keep_cases=False` the Library has no cases: for `goedvoorbeeld check`, which needs
    only the problems (and then nothing but those travels back from the other processes).
    """
    today = today or dt.date.today()
    cases_dir = Path(cases_dir)
    root = shown_root if shown_root is not None else str(cases_dir)
    problems: list[Problem] = []
    if only is not None:
        files = [(str(f), str(f)) for f in sorted(only)]  # (where to read it, as shown)
    else:
        folder, shown = os.path.join(cases_dir, ""), root.rstrip("/") + "/"  # joined once, not 10,000 times
        files = [(folder + name, shown + name) for name in case_files(cases_dir, root, problems)]

    def read(part: list[tuple[str, str]]) -> tuple[list[Problem], list]:
        return _read_files(part, vocabulary, today, cases_dir, keep_cases)

    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(files) >= parallel_from and _can_fork():
        size = -(-len(files) // workers)
        results = _in_parallel(read, [files[i:i + size] for i in range(0, len(files), size)])
    else:
        results = [read(files)]
    cases: list = []  # cases with errors too, for the cross checks; removed below
    for found, read_cases in results:  # in file order: the parts are consecutive
        problems += found
        cases += read_cases
    problems += cross_checks(cases, [shown for _, shown in files])
    ordered = tuple(sorted(problems, key=problem_order))
    if not keep_cases:
        return Library(root, vocabulary, (), ordered, len(files))
    failed = {p.path for p in problems if p.is_error}
    good = sorted((c for c in cases if c.path not in failed), key=lambda c: c.slug)
    return Library(root, vocabulary, tuple(good), ordered, len(files))


class _Seen(NamedTuple):
    """What the cross checks need of a case (a small tuple: cheap to send between processes)."""

    path: str
    title: str
    title_line: int


def _read_files(files: list[tuple[str, str]], vocabulary: Vocabulary, today: dt.date, cases_dir: Path,
                keep_cases: bool) -> tuple[list[Problem], list]:
    """Read and check case files: their problems, and their cases (or only what the cross checks need)."""
    problems: list[Problem] = []
    cases: list = []
    collecting = gc.isenabled()
    gc.disable()  # every case adds objects that live on: cyclic collection in between only costs time
    try:
        for file, shown in files:
            try:
                data = read_file(file)
            except OSError as e:
                problems.append(problem(shown, 1, 1, "GV002", f"het bestand kan niet worden gelezen: {e.strerror}"))
                continue
            case, found = _read_case(shown, data, vocabulary, today, cases_dir, keep=keep_cases)
            problems += found
            if case is not None:
                cases.append(case)
    finally:
        if collecting:
            gc.enable()
    return problems, cases


def read_file(path: str) -> bytes:
    """`Path.read_bytes()` without the buffered file object around it: half the cost, which counts at 10,000 files.

    A read of a regular file that returns less than it asked for has reached the end (POSIX), so a case
    file under 64 KB takes one read instead of two (a system call costs tens of microseconds here).
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        chunk = os.read(fd, _CHUNK)
        if len(chunk) < _CHUNK:
            return chunk
        chunks = [chunk]
        while chunk := os.read(fd, _CHUNK):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


_CHUNK = 1 << 16
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _can_fork() -> bool:
    """Whether this process can fork safely: it can (not on Windows) and runs no other thread (`mkdocs serve` does)."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


def _in_parallel(work: Callable[[list], object], parts: list[list]) -> list:
    """`[work(part) for part in parts]`, the first part here and each other one in a forked child process.

    A child inherits everything, so nothing is sent to it; it sends its result back pickled through a
    pipe. A child that fails is not trusted: its part is then done here, so that the result never depends
    on the children. (Leaner than multiprocessing.Pool, whose import, threads and pickling of every file
    name cost more than a tenth of a second at 10,000 files.)
    """
    import pickle

    children = []
    for part in parts[1:]:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: this part is done here, after the first
            os.close(read_end)
            os.close(write_end)
            children.append((None, None, part))
            continue
        if pid == 0:  # the child: send the result and leave at once (no cleanup of the parent's state)
            code = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as out:
                    pickle.dump(work(part), out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        children.append((pid, read_end, part))
    results = [work(parts[0])]
    for pid, read_end, part in children:
        if pid is None:
            results.append(work(part))
            continue
        with os.fdopen(read_end, "rb") as inp:
            try:
                result = pickle.load(inp)
            except Exception:  # the child failed before it sent everything
                result = _FAILED
        if os.waitpid(pid, 0)[1] != 0:
            result = _FAILED
        results.append(work(part) if result is _FAILED else result)
    return results


_FAILED = object()


def problem_order(p: Problem):
    return (p.path, p.line, p.column, p.code)


def case_files(cases_dir: Path, root: str, problems: list[Problem]) -> list[str]:
    """The names of the case files in the folder, sorted; other entries are reported (GV014, GV018)."""
    out = []
    try:
        entries = sorted(os.scandir(cases_dir), key=attrgetter("name"))
    except OSError as e:
        raise FileNotFoundError(f"map '{root}' bestaat niet of kan niet worden gelezen: {e.strerror}") from e
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name in IGNORED:
            continue
        if entry.is_symlink():
            problems.append(problem(f"{root.rstrip('/')}/{name}", 1, 1, "GV018",
                                    f"'{name}' is een koppeling naar een ander bestand; zet het bestand zelf in cases/"))
        elif entry.is_file() and name.endswith(".md"):
            out.append(name)
        elif entry.is_file() and name.lower().endswith(schema.ALLOWED_IMAGE_SUFFIXES):
            continue
        elif entry.is_dir():
            continue
        else:
            problems.append(problem(f"{root.rstrip('/')}/{name}", 1, 1, "GV014",
                                    f"'{name}' is geen .md-bestand en wordt niet gepubliceerd"))
    return out


def cross_checks(cases: list, shown_files: list[str]) -> list[Problem]:
    """Problems between files: names that differ only in case (GV012), the same title twice (GV013)."""
    problems: list[Problem] = []
    by_fold: dict[str, str] = {}
    folded = [os.path.basename(shown).casefold() for shown in shown_files]
    if len(set(folded)) < len(folded):  # two names differ only in case (rare): say which, in file order
        for shown, key in zip(shown_files, folded):
            if key in by_fold:
                problems.append(problem(shown, 1, 1, "GV012",
                                        f"de slug botst met {by_fold[key]} (verschilt alleen in hoofdletters)"))
            else:
                by_fold[key] = shown
    by_title: dict[str, Case | _Seen] = {}
    for c in sorted(cases, key=attrgetter("path")):
        key = " ".join(c.title.casefold().split())
        if key in by_title:
            problems.append(problem(c.path, c.title_line, 1, "GV013", f"dezelfde titel als {by_title[key].path}"))
        else:
            by_title[key] = c
    return problems


def load_library(cases_dir: str | Path, *, today: dt.date | None = None, shown_root: str | None = None,
                 only: list[Path] | None = None, tags_file: str | Path | None = None) -> Library:
    """Read `tags.yml` in the cases folder (or `tags_file`) and every case; raises VocabularyError."""
    cases_dir = Path(cases_dir)
    root = shown_root if shown_root is not None else str(cases_dir)
    vocabulary = vocabulary_of(cases_dir, root, tags_file)
    return read_library(cases_dir, vocabulary, today=today, shown_root=root, only=only)


def check_library(cases_dir: str | Path, *, today: dt.date | None = None, shown_root: str | None = None,
                  tags_file: str | Path | None = None, workers: int | None = None,
                  parallel_from: int = PARALLEL_FROM) -> Library:
    """Every problem of a cases folder, exactly as `load_library` finds them, but without keeping the cases.

    For `goedvoorbeeld check`, which needs only the problems. Raises VocabularyError like `load_library`.
    """
    cases_dir = Path(cases_dir)
    root = shown_root if shown_root is not None else str(cases_dir)
    vocabulary = vocabulary_of(cases_dir, root, tags_file)
    return read_library(cases_dir, vocabulary, today=today, shown_root=root, keep_cases=False,
                        workers=workers, parallel_from=parallel_from)


def vocabulary_of(cases_dir: Path, root: str, tags_file: str | Path | None) -> Vocabulary:
    """`tags.yml` in the cases folder, or `tags_file`, shown as people see the path."""
    from goedvoorbeeld.check.vocabulary import load_vocabulary

    tags_path = Path(tags_file) if tags_file else cases_dir / "tags.yml"
    shown_tags = str(tags_file) if tags_file else f"{root.rstrip('/')}/tags.yml"
    return load_vocabulary(tags_path, display=shown_tags)
