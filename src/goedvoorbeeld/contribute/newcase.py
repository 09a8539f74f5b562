"""Write the text of a new case file, and check it with the checker itself.

`goedvoorbeeld new` and `goedvoorbeeld from-issue` both end here: answers
(as typed, possibly wrong) become a case file's text, and `read_case` says
what is wrong with it, so every message is exactly the checker's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.check.cases import read_case, slug_problems
from goedvoorbeeld.check.problems import Problem
from goedvoorbeeld.check.vocabulary import Vocabulary

# The file name used when a title gives no usable slug (the checker then reports the title).
FALLBACK_SLUG = "nieuw-voorbeeld"

# Characters YAML does not accept in a document; JSON leaves some of them unescaped.
# NEL, LS and PS are printable but YAML folds them like line breaks, so they are escaped too.
# (Written as the characters it matches: a class of what YAML allows takes milliseconds to compile.)
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# Words written without quotes: lower-case letters and hyphens only (digits could read as numbers or dates).
_PLAIN = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
# Plain words that YAML 1.1 reads as something other than text.
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@dataclass
class Draft:
    """Front matter values (raw: a wrong answer stays as typed) and section texts."""

    values: dict = field(default_factory=dict)  # field name -> value; None or missing = not given
    sections: dict[str, str] = field(default_factory=dict)  # section key -> Markdown text


def slug_for(title: str) -> str:
    """The file name (without .md) for a title: lower case, no accents, words joined by hyphens."""
    from slugify import slugify  # here, not at the top: `goedvoorbeeld check` never needs it

    slug = slugify(title or "", max_length=schema.SLUG_MAX, word_boundary=True, replacements=[["&", " en "]])
    return slug if slug and not slug_problems("x", f"{slug}.md") else FALLBACK_SLUG


def hint_line(section_key: str) -> str:
    """The hint `new` writes under a heading; the checker warns (GV208) while it is there."""
    rule = next(s for s in schema.SECTIONS if s.key == section_key)
    optional = "" if rule.required else " Is er nog niets over te zeggen? Verwijder dan de kop met deze regel."
    return f"_{schema.HINT_PREFIX}: {schema.SECTION_HINTS[section_key]}{optional}_"


def hinted_sections() -> dict[str, str]:
    """Every section with only its hint, as `new` writes them."""
    return {s.key: hint_line(s.key) for s in schema.SECTIONS}


def yaml_scalar(value) -> str:
    """One value as a YAML flow scalar that reads back as exactly that value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if _PLAIN.match(str(value)) and str(value) not in _YAML_WORDS:
        return str(value)  # a plain word such as 'gemeente' needs no quotes
    text = json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return _NON_PRINTABLE.sub(lambda m: "\\u%04x" % ord(m.group(0)) if ord(m.group(0)) < 0x10000
                              else "\\U%08x" % ord(m.group(0)), text)


def _tag_item(tag) -> str:
    text = str(tag)
    return text if _PLAIN.match(text) and text not in _YAML_WORDS else yaml_scalar(text)


def front_matter_lines(values: dict) -> list[str]:
    """The front matter (without the --- lines), keys in the order of the schema."""
    lines: list[str] = []
    for f in schema.FIELDS:
        value = values.get(f.name)
        if value is None or value == "" or value == [] or value == ():
            continue
        if f.kind == "tags" and isinstance(value, (list, tuple)):
            lines.append(f"{f.name}: [{', '.join(_tag_item(t) for t in value)}]")
        elif f.kind == "links" and isinstance(value, (list, tuple)):
            lines.append(f"{f.name}:")
            for title, url in value:
                lines.append(f"  - title: {yaml_scalar(title)}")
                lines.append(f"    url: {yaml_scalar(url)}")
        else:
            lines.append(f"{f.name}: {yaml_scalar(value)}")
    return lines


def render(draft: Draft) -> str:
    """The whole case file: front matter, then each section that has text, in the schema's order."""
    parts = ["---", *front_matter_lines(draft.values), "---", ""]
    for rule in schema.SECTIONS:
        text = (draft.sections.get(rule.key) or "").strip("\n")
        if text.strip():
            parts += [f"## {rule.title}", "", text.rstrip(), ""]
    return "\n".join(parts)


def check(path: str, text: str, vocabulary: Vocabulary, *, today: dt.date,
          cases_dir=None) -> list[Problem]:
    """Every problem the checker finds in this text, were it the file at `path`."""
    _, problems = read_case(path, text.encode("utf-8"), vocabulary, today=today, cases_dir=cases_dir)
    return sorted(problems, key=lambda p: (p.line, p.column, p.code))


def field_problems(name: str, value, vocabulary: Vocabulary, *, today: dt.date) -> list[Problem]:
    """The checker's problems with one front matter value, checked on its own."""
    lines = front_matter_lines({name: value})
    if not lines:
        return []
    text = "\n".join(["---", *lines, "---", ""])
    last = 1 + len(lines)  # file lines 2..last hold the value
    return [p for p in check(f"cases/{FALLBACK_SLUG}.md", text, vocabulary, today=today)
            if 2 <= p.line <= last and p.code != "GV101"]


def choice_value(name: str, answer: str):
    """An answer for a choice field: its key, given as key or as Dutch label; else the answer itself."""
    f = schema.FIELD_BY_NAME[name]
    answer = " ".join(str(answer).split())
    labels = {"level": schema.LEVELS, "status": schema.STATUSES, "language": schema.LANGUAGES}[name]
    for key in f.choices:
        if answer.casefold() in (key.casefold(), labels[key].casefold()):
            return key
    return answer


def tag_value(vocabulary: Vocabulary, answer: str) -> str:
    """A tag given as slug or as its Dutch label becomes the slug; anything else stays as typed."""
    answer = " ".join(str(answer).split())
    if answer in vocabulary.tags:
        return answer
    for tag in vocabulary.tags.values():
        if answer.casefold() in (tag.slug, tag.label.casefold()):
            return tag.slug
    return answer


def year_value(answer):
    """A year as a number when it is one, otherwise as typed (the checker then explains)."""
    text = str(answer).strip()
    return int(text) if re.fullmatch(r"[0-9]{1,6}", text) else text
