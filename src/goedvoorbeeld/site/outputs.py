"""The files beside the HTML: an RSS feed and open data, as bytes.

`files(site)` returns every such file as {path relative to the site root:
bytes}; the MkDocs hook writes them after the build. The records here are
also what `goedvoorbeeld rank --format json` prints, so the command line and
the published data cannot disagree. Output is deterministic: no clock, stable
order, fixed formatting.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import json
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import goedvoorbeeld.site.render as render
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.check.cases import Case
from goedvoorbeeld.rank.ranking import Ranked
from goedvoorbeeld.check.vocabulary import Vocabulary

if TYPE_CHECKING:  # pragma: no cover
    from goedvoorbeeld.site.facts import SiteFacts as Site

FEED_SIZE = 20
CASE_COLUMNS = ("slug", "url", "title", "summary", "organisation", "level", "status", "year", "tags", "added",
                "score", "eligible")
ATOM = "http://www.w3.org/2005/Atom"


def files(site: Site) -> dict[str, bytes]:
    """Every non-HTML output of the site: {relative path: bytes}."""
    return {
        "feed.xml": feed(site),
        "data/cases.json": _json(cases_records(site)),
        "data/cases.csv": cases_csv(site),
        "data/top-5.json": _json(top_records(site.five, site.library.vocabulary, site.absolute)),
        "data/case.schema.json": _json(case_schema(site.library.vocabulary, site.absolute("data/case.schema.json"))),
    }


# -- records ----------------------------------------------------------------

def breakdown_records(r: Ranked, vocabulary: Vocabulary) -> list[dict]:
    tags = vocabulary.tags
    return [{"tag": t, "label": tags[t].label if t in tags else t, "weight": w} for t, w in r.breakdown]


def top_records(five: list[Ranked], vocabulary: Vocabulary, absolute) -> list[dict]:
    """The five, as in /data/top-5.json: place among the five, score, breakdown and absolute URL."""
    return [
        {
            "rank": i,
            "slug": r.slug,
            "title": r.case.title,
            "organisation": r.case.organisation,
            "summary": r.case.summary,
            "score": r.score,
            "breakdown": breakdown_records(r, vocabulary),
            "url": absolute(render.case_url(r.slug)),
        }
        for i, r in enumerate(five, start=1)
    ]


def ranking_records(ranking: list[Ranked], five: list[Ranked], vocabulary: Vocabulary, absolute) -> list[dict]:
    """The full ranking: place in the order, score, breakdown, eligible or why not, and place among the five."""
    place = {r.slug: i for i, r in enumerate(five, start=1)}
    return [
        {
            "position": r.rank,
            "slug": r.slug,
            "title": r.case.title,
            "score": r.score,
            "breakdown": breakdown_records(r, vocabulary),
            "eligible": r.eligible,
            "reason": r.reason,
            "top": place.get(r.slug),
            "url": absolute(render.case_url(r.slug)),
        }
        for r in ranking
    ]


def case_record(case: Case, r: Ranked, absolute) -> dict:
    return {
        "slug": case.slug,
        "url": absolute(render.case_url(case.slug)),
        "title": case.title,
        "summary": case.summary,
        "organisation": case.organisation,
        "level": case.level,
        "status": case.status,
        "year": case.year,
        "tags": list(case.tags),
        "added": case.added.isoformat(),
        "score": r.score,
        "eligible": r.eligible,
    }


def cases_records(site: Site) -> list[dict]:
    """Every published case, by slug."""
    return [case_record(c, site.ranked_by_slug[c.slug], site.absolute) for c in site.library.cases]


def cases_csv(site: Site) -> bytes:
    """The records of cases.json as CSV: tags joined by ';', eligible as true/false.

    UTF-8 with a byte order mark, so that a spreadsheet shows é and ë correctly.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CASE_COLUMNS)
    for rec in cases_records(site):
        row = dict(rec, tags=";".join(rec["tags"]), eligible="true" if rec["eligible"] else "false")
        writer.writerow([row[k] for k in CASE_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- JSON Schema of the front matter ---------------------------------------------

def _field_schema(f: schema.Field, vocabulary: Vocabulary) -> dict:
    """One front matter field as JSON Schema, from the same table the checker uses."""
    if f.kind == "text":
        return {"type": "string", "minLength": f.min_len, "maxLength": f.max_len}
    if f.kind == "choice":
        return {"type": "string", "enum": list(f.choices)}
    if f.kind == "year":
        return {"type": "integer", "minimum": schema.FIRST_YEAR}
    if f.kind == "date":
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if f.kind == "tags":
        return {"type": "array", "items": {"type": "string", "enum": list(vocabulary.tags)},
                "minItems": 1, "maxItems": vocabulary.max_tags, "uniqueItems": True}
    if f.kind == "links":
        return {"type": "array", "items": {
            "type": "object", "required": list(schema.LINK_KEYS), "additionalProperties": False,
            "properties": {"title": {"type": "string", "minLength": 1},
                           "url": {"type": "string", "pattern": "^https?://[^/\\s]+"}}}}
    if f.kind == "contact":
        return {"type": "string", "anyOf": [
            {"pattern": "^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[A-Za-z]{2,}$"}, {"pattern": "^https?://[^/\\s]+"}]}
    raise KeyError(f"geen JSON Schema voor soort veld '{f.kind}'")


def case_schema(vocabulary: Vocabulary, schema_id: str) -> dict:
    """A JSON Schema (2020-12) of a case's front matter; dates are written as JJJJ-MM-DD text."""
    props = {}
    for f in schema.FIELDS:
        props[f.name] = {"title": f.label, "description": f.help, **_field_schema(f, vocabulary)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": "Front matter van een voorbeeld in Goed Voorbeeld",
        "description": "De gegevens bovenaan een voorbeeld (cases/<slug>.md). Afgeleid van dezelfde regels "
                       "die de controle gebruikt; jaartallen tot en met volgend jaar, datums niet in de toekomst.",
        "type": "object",
        "required": [f.name for f in schema.FIELDS if f.required],
        "additionalProperties": False,
        "properties": props,
    }


# -- RSS 2.0 ------------------------------------------------------------------------

def rfc822(day: dt.date) -> str:
    """A date as RFC 822 (with a four-digit year, as RSS readers expect): midnight UTC."""
    return email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc))


def feed(site: Site) -> bytes:
    """RSS 2.0 of the newest cases (by `added`, then slug), with absolute links."""
    ET.register_namespace("atom", ATOM)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    newest = site.newest[:FEED_SIZE]
    home = site.absolute("")
    for tag, text in (
        ("title", "Goed Voorbeeld: nieuwe voorbeelden"),
        ("link", home),
        ("description", "De nieuwste goede voorbeelden van open overheid, verzameld door en voor ambtenaren."),
        ("language", "nl"),
    ):
        ET.SubElement(channel, tag).text = text
    ET.SubElement(channel, f"{{{ATOM}}}link",
                  {"href": site.absolute("feed.xml"), "rel": "self", "type": "application/rss+xml"})
    if newest:
        # The newest case's date, not the clock: two builds of the same cases give the same feed.
        ET.SubElement(channel, "lastBuildDate").text = rfc822(newest[0].added)
    tags = site.library.vocabulary.tags
    for c in newest:
        url = site.absolute(render.case_url(c.slug))
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = c.title
        ET.SubElement(item, "link").text = url
        ET.SubElement(item, "description").text = f"{c.summary} ({c.organisation})"
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = url
        ET.SubElement(item, "pubDate").text = rfc822(c.added)
        for t in c.tags:
            ET.SubElement(item, "category").text = tags[t].label
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
