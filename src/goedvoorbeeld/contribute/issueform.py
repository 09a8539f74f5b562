"""The GitHub issue form for a new case: written from the schema and the vocabulary, and read back.

`form(vocabulary)` is the form as data; `form_yaml` writes it. GitHub shows a
submitted form as `### Label` blocks with the answer below (`_No response_`
for an empty one, a multiple-choice dropdown as answers joined by ", ");
`parse_body` reads that back and `draft_from_answers` turns it into a `Draft`.
Labels come from the schema, so the form and the reader cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.contribute.newcase import Draft, choice_value, tag_value, year_value
from goedvoorbeeld.check.vocabulary import Vocabulary

FORM_FILE = ".github/ISSUE_TEMPLATE/nieuw-voorbeeld.yml"
CONFIG_FILE = ".github/ISSUE_TEMPLATE/config.yml"
LABEL = "nieuw-voorbeeld"  # the issue label that makes the workflow write the case file
NO_RESPONSE = "_No response_"

# Front matter fields the form asks for, before and after the sections ('added' is the day of conversion).
FIELDS_BEFORE = ("title", "summary", "organisation", "level", "status", "year", "tags")
FIELDS_AFTER = ("links", "contact")
CONSENT_LABEL = "Delen"

_PLACEHOLDERS = {
    "title": "Bijvoorbeeld: Raadsinformatie als open data",
    "summary": "Bijvoorbeeld: De gemeente publiceert de stukken van de raad als open data, zodat iedereen ze kan "
               "vinden en hergebruiken.",
    "organisation": "Bijvoorbeeld: Gemeente Voorbeeldstad",
    "year": "Bijvoorbeeld: 2021",
    "links": "Website van de gemeente https://www.voorbeeldstad.nl/",
    "contact": "Bijvoorbeeld: info@voorbeeldstad.nl",
}
_FIELD_HELP = {
    "year": "Het jaar waarin het voorbeeld begon, als getal.",
    "links": "Webpagina's met meer informatie of een bron om te controleren. Eén link per regel: "
             "eerst een korte titel, dan het webadres (https://...).",
    "contact": "Niet verplicht. Een algemeen e-mailadres of het webadres van de organisatie; een persoonsnaam is "
               "niet nodig.",
}


@dataclass(frozen=True)
class Question:
    """One question of the form: the schema field or section it fills."""

    id: str  # a field name or a section key
    label: str  # Dutch, as GitHub shows it above the answer
    kind: str  # field | section | consent


def questions() -> list[Question]:
    """Every question of the form in order; labels come from the schema."""
    out = [Question(n, schema.FIELD_BY_NAME[n].label, "field") for n in FIELDS_BEFORE]
    out += [Question(s.key, s.title, "section") for s in schema.SECTIONS]
    out += [Question(n, schema.FIELD_BY_NAME[n].label, "field") for n in FIELDS_AFTER]
    out.append(Question("consent", CONSENT_LABEL, "consent"))
    return out


def tag_options(vocabulary: Vocabulary) -> dict[str, str]:
    """Dropdown text -> tag slug; the Dutch label, with the slug added when two labels are the same."""
    counts: dict[str, int] = {}
    for tag in vocabulary.tags.values():
        counts[tag.label.casefold()] = counts.get(tag.label.casefold(), 0) + 1
    out: dict[str, str] = {}
    for group in vocabulary.groups:
        for tag in group.tags:
            text = tag.label if counts[tag.label.casefold()] == 1 else f"{tag.label} ({tag.slug})"
            out[text] = tag.slug
    return out


def form(vocabulary: Vocabulary, guide_url: str = "") -> dict:
    """The issue form as data, ready for YAML."""
    guide = f" Lees eerst [hoe je een voorbeeld toevoegt]({guide_url})." if guide_url else ""
    body: list[dict] = [{
        "type": "markdown",
        "attributes": {"value": (
            "Bedankt dat je een goed voorbeeld van open overheid deelt! Vul de vragen hieronder in. "
            "Daarna maakt een automatische stap er een voorstel (pull request) van en controleert het; "
            "een beheerder kijkt ernaar voordat het op de site komt. Gaat er iets mis, dan staat hier "
            f"onder het issue wat je moet aanpassen.{guide}"
        )},
    }]
    for q in questions():
        if q.kind == "consent":
            body.append({
                "type": "checkboxes", "id": "consent",
                "attributes": {
                    "label": q.label,
                    "description": "De teksten op Goed Voorbeeld zijn vrij te hergebruiken (CC BY 4.0).",
                    "options": [{
                        "label": "Ik mag deze tekst delen onder CC BY 4.0, en er staan geen namen van personen "
                                 "of vertrouwelijke gegevens in.",
                        "required": True,
                    }],
                },
            })
            continue
        if q.kind == "section":
            rule = next(s for s in schema.SECTIONS if s.key == q.id)
            hint = schema.SECTION_HINTS[q.id]
            markup = "" if rule.max_len else " Markdown mag."  # a plain-text section says so in its hint
            body.append({
                "type": "textarea", "id": q.id,
                "attributes": {"label": q.label, "description": schema.hint_as_sentence(hint) + (
                    markup if rule.required else " Niet verplicht: laat leeg als er nog niets over te "
                                                 "zeggen is." + markup)},
                "validations": {"required": rule.required},
            })
            continue
        f = schema.FIELD_BY_NAME[q.id]
        attributes: dict = {"label": q.label, "description": _FIELD_HELP.get(f.name, f.help)}
        if f.kind == "choice":
            labels = {"level": schema.LEVELS, "status": schema.STATUSES}[f.name]
            attributes["options"] = [labels[c] for c in f.choices]
            item = {"type": "dropdown", "id": f.name, "attributes": attributes}
        elif f.kind == "tags":
            where = f" [in de handleiding]({guide_url}#de-tags)" if guide_url else " in de handleiding"
            attributes["description"] = (f"Kies 1 tot {vocabulary.max_tags} tags die het best passen. Wat elke "
                                         f"tag betekent en hoe zwaar hij telt voor de score, staat{where}.")
            attributes["multiple"] = True
            attributes["options"] = list(tag_options(vocabulary))
            item = {"type": "dropdown", "id": f.name, "attributes": attributes}
        else:
            if f.name in _PLACEHOLDERS:
                attributes["placeholder"] = _PLACEHOLDERS[f.name]
            if f.kind == "text" and f.max_len:
                attributes["description"] += f" ({f.min_len} tot {f.max_len} tekens)"
            kind = "textarea" if f.name in ("summary", "links") else "input"
            item = {"type": kind, "id": f.name, "attributes": attributes}
        item["validations"] = {"required": f.required}
        body.append(item)
    return {
        "name": "Nieuw voorbeeld",
        "description": "Stel een goed voorbeeld van open overheid voor; je hebt geen kennis van git nodig.",
        "title": "Nieuw voorbeeld: ",
        "labels": [LABEL],
        "body": body,
    }


_HEADER = ("# Generated by `goedvoorbeeld forms` from cases/tags.yml and the schema (src/goedvoorbeeld/check/schema.py).\n"
           "# Do not edit by hand: change those and run `goedvoorbeeld forms`; a test fails when this file differs.\n")


def form_yaml(vocabulary: Vocabulary, guide_url: str = "") -> str:
    return _HEADER + _dump(form(vocabulary, guide_url))


def config_yaml(guide_url: str) -> str:
    """The chooser GitHub shows before the forms: blank issues stay possible, the guide is one click away."""
    data: dict = {"blank_issues_enabled": True}
    if guide_url:
        data["contact_links"] = [{
            "name": "Hoe voeg ik een voorbeeld toe?",
            "url": guide_url,
            "about": "De handleiding: drie manieren om bij te dragen, wat een goed voorbeeld is en wat de "
                     "meldingen van de controle betekenen.",
        }]
    return _HEADER + _dump(data)


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


# ---------------------------------------------------------------------------
# reading a submitted form


def parse_body(text: str) -> dict[str, str]:
    """Question id -> answer text ('' when empty or `_No response_`); unanswered questions are absent.

    A heading starts a new answer only when it is the label of a question that
    comes later in the form, so an answer may itself contain `###` headings.
    """
    qs = questions()
    order = {q.label.casefold(): i for i, q in enumerate(qs)}
    answers: dict[str, list[str]] = {}
    current = -1
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        m = re.match(r"^###\s+(.+?)\s*$", line)
        if m and order.get(m.group(1).casefold(), -1) > current:
            current = order[m.group(1).casefold()]
            answers[qs[current].id] = []
            continue
        if current >= 0:
            answers[qs[current].id].append(line)
    out: dict[str, str] = {}
    for key, lines in answers.items():
        answer = "\n".join(lines).strip()
        out[key] = "" if answer == NO_RESPONSE else answer
    return out


def split_choices(answer: str, options: list[str]) -> list[str]:
    """Split a multiple-choice answer ('a, b, c') into options, also when an option contains ', '."""
    pieces = [p.strip() for p in answer.split(",")]
    known = {o.casefold() for o in options}
    out: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):  # the longest run of pieces that is an option
            if ", ".join(pieces[i:j]).casefold() in known:
                out.append(", ".join(pieces[i:j]))
                i = j
                break
        else:
            if pieces[i]:
                out.append(pieces[i])
            i += 1
    return out


_MD_LINK = re.compile(r"^\[([^\]]+)\]\(\s*<?([^)\s>]+)>?\s*\)$")
_URL = re.compile(r"(?:https?|[A-Za-z][A-Za-z0-9+.-]*):\S+")


def _trim_url(url: str) -> str:
    """Drop sentence punctuation after an address, and a closing parenthesis that has no opening one."""
    while url and (url[-1] in ".,;:!?" or (url[-1] == ")" and url.count(")") > url.count("("))):
        url = url[:-1]
    return url


def parse_links(answer: str) -> list[tuple[str, str]]:
    """One link per line: 'title https://...', '[title](https://...)' or just the address."""
    links: list[tuple[str, str]] = []
    for raw in answer.split("\n"):
        line = raw.strip().lstrip("-*").strip()
        if not line:
            continue
        m = _MD_LINK.match(line)
        if m:
            links.append((m.group(1).strip(), m.group(2)))
            continue
        m = _URL.search(line)
        url = _trim_url(m.group(0)) if m else line
        title = (line[:m.start()] if m else "").strip().rstrip(":-–—|").strip()
        if not title:
            title = urlsplit(url).netloc if m else url
        links.append((title or url, url))
    return links


def draft_from_answers(answers: dict[str, str], vocabulary: Vocabulary, today: dt.date) -> Draft:
    """Answers (as `parse_body` gives them) to a draft case; wrong answers stay as typed for the checker."""
    values: dict = {"added": today}
    for name in ("title", "summary", "organisation"):
        if answers.get(name):
            values[name] = " ".join(answers[name].split())
    for name in ("level", "status"):
        if answers.get(name):
            values[name] = choice_value(name, answers[name])
    if answers.get("year"):
        values["year"] = year_value(answers["year"])
    if answers.get("tags"):
        options = tag_options(vocabulary)
        by_text = {k.casefold(): v for k, v in options.items()}
        chosen = split_choices(answers["tags"], list(options))
        values["tags"] = [by_text.get(c.casefold()) or tag_value(vocabulary, c) for c in chosen]
    if answers.get("links"):
        values["links"] = parse_links(answers["links"])
    if answers.get("contact"):
        values["contact"] = answers["contact"].strip()
    sections = {s.key: answers[s.key] for s in schema.SECTIONS if answers.get(s.key)}
    return Draft(values, sections)

