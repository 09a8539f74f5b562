"""The feed, the open data files and the link previews of the built site."""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import json
import re
from html import unescape
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from conftest import FIXTURES, make_project
import goedvoorbeeld.site.outputs as outputs
from goedvoorbeeld.check.cases import load_library
from goedvoorbeeld.site.facts import Settings
from goedvoorbeeld.site.pages import Site
from goedvoorbeeld.check.source import read_front_matter

SITE = "https://open-overheid.github.io/goed-voorbeeld/"  # site_url in mkdocs.yml
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d{2}:\d{2}:\d{2} \+0000$")
DATA_FILES = ("feed.xml", "data/cases.json", "data/cases.csv", "data/top-5.json", "data/case.schema.json")


def fixture_front_matters() -> dict[str, dict]:
    out = {}
    for path in sorted((FIXTURES / "library").glob("*.md")):
        fm, problems = read_front_matter(path.name, path.read_bytes())
        assert fm is not None and not problems
        out[path.stem] = fm.values
    return out


def test_feed_is_rss_2_with_absolute_links_and_rfc_822_dates(built_fixture_site):
    root = ET.fromstring((built_fixture_site.site / "feed.xml").read_bytes())
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("link") == SITE
    items = channel.findall("item")
    front = fixture_front_matters()
    newest = sorted(front, key=lambda s: (-front[s]["added"].toordinal(), s))
    assert [i.findtext("link") for i in items] == [f"{SITE}voorbeelden/{s}/" for s in newest]
    for item, slug in zip(items, newest):
        assert item.findtext("title") == front[slug]["title"]
        assert item.findtext("guid") == item.findtext("link")
        date = item.findtext("pubDate")
        assert RFC822.match(date), date
        assert email.utils.parsedate_to_datetime(date).date() == front[slug]["added"]
    assert RFC822.match(channel.findtext("lastBuildDate"))


def test_feed_holds_the_20_newest_cases(tmp_path):
    lib = tmp_path / "cases"
    lib.mkdir()
    (lib / "tags.yml").write_bytes((FIXTURES / "library" / "tags.yml").read_bytes())
    template = (FIXTURES / "library" / "regio-open-data.md").read_text(encoding="utf-8")
    start = dt.date(2026, 1, 1)
    for i in range(25):
        day = start + dt.timedelta(days=i)
        text = re.sub(r"^added: .*$", f"added: {day.isoformat()}", template, flags=re.M)
        text = re.sub(r"^title: .*$", f"title: Voorbeeld nummer {i:02d}", text, flags=re.M)
        (lib / f"voorbeeld-{i:02d}.md").write_text(text, encoding="utf-8")
    library = load_library(lib, today=dt.date(2026, 6, 1))
    assert not library.problems
    root = ET.fromstring(outputs.feed(Site(library, Settings(site_url="https://x.test/"))))
    links = [i.findtext("link") for i in root.iter("item")]
    assert links == [f"https://x.test/voorbeelden/voorbeeld-{i:02d}/" for i in range(24, 4, -1)]


def test_cases_json_and_csv_hold_every_case_with_the_same_values(built_fixture_site):
    data = built_fixture_site.site / "data"
    records = json.loads((data / "cases.json").read_text(encoding="utf-8"))
    front = fixture_front_matters()
    assert [r["slug"] for r in records] == sorted(front)
    top = {r["slug"]: r for r in json.loads((data / "top-5.json").read_text(encoding="utf-8"))}
    for r in records:
        assert list(r) == list(outputs.CASE_COLUMNS)
        fm = front[r["slug"]]
        assert r["url"] == f"{SITE}voorbeelden/{r['slug']}/"
        assert (r["title"], r["organisation"], r["level"], r["status"], r["year"]) == (
            fm["title"], fm["organisation"], fm["level"], fm["status"], fm["year"])
        assert r["tags"] == fm["tags"] and r["added"] == fm["added"].isoformat()
        if r["slug"] in top:
            assert r["eligible"] and r["score"] == top[r["slug"]]["score"]
    assert {r["slug"] for r in records if not r["eligible"]} == {"ambtenaar-ambassadeurs", "visie-open-werken"}

    raw = (data / "cases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets then read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(records)
    for row, rec in zip(rows, records):
        assert row["slug"] == rec["slug"] and row["summary"] == rec["summary"]
        assert row["tags"].split(";") == rec["tags"]
        assert row["score"] == str(rec["score"]) and row["eligible"] == ("true" if rec["eligible"] else "false")


def test_top_5_json_has_rank_slug_title_score_breakdown_url(built_fixture_site):
    top = json.loads((built_fixture_site.site / "data" / "top-5.json").read_text(encoding="utf-8"))
    assert [t["rank"] for t in top] == [1, 2, 3, 4, 5]
    assert [t["slug"] for t in top] == ["participatie-provincie", "klantreis-uitvoering", "open-raad-testdorp",
                                       "burgerpanel-waterschap", "luisteren-in-de-wijk"]
    for t in top:
        assert t["score"] == sum(b["weight"] for b in t["breakdown"])
        assert t["url"] == f"{SITE}voorbeelden/{t['slug']}/"
        assert t["title"]


def test_case_schema_accepts_every_case_and_rejects_mistakes(built_fixture_site):
    schema = json.loads((built_fixture_site.site / "data" / "case.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert schema["$id"] == f"{SITE}data/case.schema.json"

    def as_json(values: dict) -> dict:
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}

    for slug, values in fixture_front_matters().items():
        errors = list(validator.iter_errors(as_json(values)))
        assert not errors, (slug, errors)
    good = as_json(fixture_front_matters()["regio-open-data"])
    for bad in ({"tags": ["bestaat-niet"]}, {"level": "stad"}, {"titel": "x"}, {"year": 1850},
                {"links": [{"title": "x", "url": "javascript:alert(1)"}]}):
        assert list(validator.iter_errors({**good, **bad})), bad
    missing = dict(good)
    del missing["summary"]
    assert list(validator.iter_errors(missing))


def test_two_builds_give_byte_identical_feed_and_data(built_fixture_site, tmp_path):
    again = make_project(tmp_path / "again")
    again.build("--strict")
    for rel in DATA_FILES:
        assert (again.site / rel).read_bytes() == (built_fixture_site.site / rel).read_bytes(), rel
    handout = "top-5/handout/index.html"
    assert (again.site / handout).read_bytes() == (built_fixture_site.site / handout).read_bytes()


@pytest.mark.parametrize("slug", ["participatie-provincie", "visie-open-werken"])
def test_case_page_has_description_and_open_graph_preview(built_fixture_site, slug):
    page = (built_fixture_site.site / "voorbeelden" / slug / "index.html").read_text(encoding="utf-8")
    values = fixture_front_matters()[slug]

    def meta(attr: str, name: str) -> str:
        found = re.findall(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)">', page)
        assert len(found) == 1, (name, found)
        return found[0]

    assert unescape(meta("name", "description")) == values["summary"]
    assert unescape(meta("property", "og:title")) == values["title"]
    assert unescape(meta("property", "og:description")) == values["summary"]
    assert meta("property", "og:url") == f"{SITE}voorbeelden/{slug}/"
    assert meta("property", "og:type") == "article"


def test_quotes_in_a_summary_stay_inside_the_meta_attributes(project):
    text = (project.cases / "regio-open-data.md").read_text(encoding="utf-8")
    text = re.sub(r"^summary: .*$", "summary: 'Het \"open\" dashboard & de regio: samen > apart.'", text,
                  flags=re.M)
    project.write_case("regio-open-data", text)
    project.build("--strict")
    page = (project.site / "voorbeelden" / "regio-open-data" / "index.html").read_text(encoding="utf-8")
    expected = 'content="Het &#34;open&#34; dashboard &amp; de regio: samen &gt; apart."'
    assert f'<meta name="description" {expected}>' in page
    assert f'<meta property="og:description" {expected}>' in page


def test_every_page_links_the_feed(built_fixture_site):
    home = (built_fixture_site.site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="feed alternate" type="application/rss+xml"' in home and 'href="feed.xml"' in home
    assert 'rel="alternate"' not in home  # Material would fetch the whole sitemap.xml for it on every page
    case = (built_fixture_site.site / "voorbeelden" / "regio-open-data" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../feed.xml"' in case


def test_schema_covers_every_kind_of_field():
    vocabulary = load_library(FIXTURES / "library").vocabulary
    import goedvoorbeeld.check.schema as schema

    for f in schema.FIELDS:
        assert outputs._field_schema(f, vocabulary)["type"] in ("string", "integer", "array")
