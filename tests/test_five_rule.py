"""The rule that picks the five, on a library with its own tags and weights that nothing else has seen.

score = sum of the weights of the distinct tags; eligible = checked, status pilot/lopend/afgerond and a
`## Resultaat` section; order = score high to low, then `added` newest first, then slug A to Z.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_project
from goedvoorbeeld.cli import main, site_url_of

SITE = "https://voorbeeld.test/gv/"

TAGS = """\
top: 4
max_tags: 4
groups:
  thema:
    label: Thema
    description: Tags voor deze test.
    tags:
      alfa: {label: Alfa, description: Tag alfa., weight: 7}
      beta: {label: Beta, description: Tag beta., weight: 4}
      gamma: {label: Gamma, description: Tag gamma., weight: 2}
      delta: {label: Delta, description: Tag delta zonder gewicht., weight: 0}
      epsilon: {label: Epsilon, description: Tag epsilon., weight: 9}
"""


def case(title: str, tags: list[str], status: str, added: str, result: bool = True) -> str:
    text = f"""---
title: {title}
summary: Een voorbeeld om de regel van de vijf te toetsen, met bekende tags.
organisation: Gemeente Proefstad
level: gemeente
status: {status}
year: 2024
tags: [{", ".join(tags)}]
added: {added}
---

## Aanleiding

Waarom dit begon.

## Aanpak

Hoe het ging.
"""
    if result:
        text += f"\n## Resultaat\n\nWat {title} opleverde.\n\nEen tweede alinea.\n"
    return text


# slug: (tags, status, added, has Resultaat)
CASES = {
    "a-zee": (["alfa", "beta"], "lopend", "2026-03-01", True),  # 11
    "b-berg": (["epsilon", "gamma"], "afgerond", "2026-03-01", True),  # 11, same day as a-zee
    "c-dal": (["beta", "alfa"], "pilot", "2026-04-01", True),  # 11, newer
    "d-bos": (["epsilon", "alfa"], "idee", "2026-05-01", True),  # 16, but an idea
    "e-veld": (["epsilon", "beta", "gamma"], "lopend", "2026-05-01", False),  # 15, no Resultaat
    "f-meer": (["delta", "gamma"], "afgerond", "2026-02-01", True),  # 2
    "g-heide": (["epsilon"], "pilot", "2026-01-01", True),  # 9
}
# Worked out by hand from the rule: the full order, then the first four eligible.
EXPECTED_ORDER = [("d-bos", 16), ("e-veld", 15), ("c-dal", 11), ("a-zee", 11), ("b-berg", 11),
                  ("g-heide", 9), ("f-meer", 2)]
EXPECTED_FIVE = [("c-dal", 11), ("a-zee", 11), ("b-berg", 11), ("g-heide", 9)]


def write_library(folder: Path, cases: dict = CASES) -> Path:
    folder.mkdir(parents=True)
    (folder / "tags.yml").write_text(TAGS, encoding="utf-8")
    for slug, (tags, status, added, result) in cases.items():
        title = "Voorbeeld " + slug.replace("-", " ")
        (folder / f"{slug}.md").write_text(case(title, tags, status, added, result), encoding="utf-8")
    return folder


def build_loud(project, *args: str) -> subprocess.CompletedProcess:
    """`mkdocs build` without -q: with -q MkDocs drops warnings, so --strict could never fail on them."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project.root / "mkdocs.yml"), "-d", str(project.site),
         *args],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=project.root,
    )


def rank_json(cases_dir: Path) -> dict:
    result = CliRunner().invoke(main, ["rank", str(cases_dir), "--format", "json", "--site-url", SITE])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def unseen(tmp_path_factory) -> Path:
    return write_library(tmp_path_factory.mktemp("unseen") / "cases")


@pytest.fixture(scope="module")
def unseen_site(tmp_path_factory, unseen):
    project = make_project(tmp_path_factory.mktemp("unseen-site") / "project", cases_from=unseen)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://open-overheid.github.io/goed-voorbeeld/", f"site_url: {SITE}"), encoding="utf-8")
    built = build_loud(project, "--strict")
    assert built.returncode == 0 and "WARNING" not in built.stderr, built.stderr
    return project


def test_rank_json_gives_the_five_and_scores_of_the_rule(unseen):
    data = rank_json(unseen)
    assert [(r["slug"], r["score"]) for r in data["ranking"]] == EXPECTED_ORDER
    assert [(r["slug"], r["score"]) for r in data["top"]] == EXPECTED_FIVE
    assert [r["rank"] for r in data["top"]] == [1, 2, 3, 4]
    first = data["top"][0]
    assert first["url"] == SITE + "voorbeelden/c-dal/"
    assert first["breakdown"] == [{"tag": "beta", "label": "Beta", "weight": 4},
                                  {"tag": "alfa", "label": "Alfa", "weight": 7}]
    reasons = {r["slug"]: r["reason"] for r in data["ranking"] if not r["eligible"]}
    assert set(reasons) == {"d-bos", "e-veld"}
    assert "status is 'idee'" in reasons["d-bos"]
    assert reasons["e-veld"] == "geen sectie 'Resultaat'"


def test_rank_table_shows_place_score_breakdown_and_why_not(unseen):
    result = CliRunner().invoke(main, ["rank", str(unseen)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["plaats", "score", "voorbeeld", "opbouw", "de", "vijf"]
    row = {line.split()[2]: line for line in lines[1:8]}
    assert row["d-bos"].split()[:2] == ["1", "16"]
    assert "epsilon 9 + alfa 7" in row["d-bos"] and "telt niet mee: status is 'idee'" in row["d-bos"]
    assert row["c-dal"].split()[:2] == ["3", "11"] and row["c-dal"].endswith("nr. 1")
    assert row["g-heide"].endswith("nr. 4")
    assert row["f-meer"].endswith("telt mee, buiten de vijf")
    assert "delta 0 + gamma 2" in row["f-meer"]


def test_a_case_with_checker_errors_never_counts(tmp_path):
    lib = write_library(tmp_path / "cases")
    broken = case("Kapot maar hoog", ["epsilon", "alfa", "onbekend"], "lopend", "2026-06-01")
    (lib / "h-kapot.md").write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(main, ["rank", str(lib), "--format", "json", "--site-url", SITE])
    assert result.exit_code == 0
    assert "Let op: 1 fout in de voorbeelden;" in result.stderr
    data = json.loads(result.stdout)
    assert "h-kapot" not in [r["slug"] for r in data["ranking"]]
    assert [(r["slug"], r["score"]) for r in data["top"]] == EXPECTED_FIVE


def test_published_top_5_json_equals_the_command_line(unseen_site, monkeypatch):
    published = json.loads((unseen_site.site / "data" / "top-5.json").read_text(encoding="utf-8"))
    # Run where a contributor would: in the project, so `rank` reads site_url from mkdocs.yml itself.
    monkeypatch.chdir(unseen_site.root)
    result = CliRunner().invoke(main, ["rank", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert published == json.loads(result.stdout)["top"]
    assert [(r["slug"], r["score"]) for r in published] == EXPECTED_FIVE
    assert published[0]["url"] == SITE + "voorbeelden/c-dal/"


def test_site_url_is_read_from_mkdocs_yml_with_python_tags(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_url: https://x.test/a/\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    assert site_url_of(config) == "https://x.test/a/"
    assert site_url_of(tmp_path / "missing.yml") == ""


def test_home_page_cards_show_the_five_in_order(unseen_site):
    home = (unseen_site.site / "index.html").read_text(encoding="utf-8")
    start = home.index('<ol class="gv-cards"')
    cards = home[start:home.index("</ol>", start)].split('<li class="gv-card">')[1:]
    assert len(cards) == 4
    for (slug, score), card_html in zip(EXPECTED_FIVE, cards):
        assert f'href="voorbeelden/{slug}/"' in card_html
        assert "Voorbeeld " + slug.replace("-", " ") in card_html
        assert "Gemeente Proefstad" in card_html
        assert "Een voorbeeld om de regel van de vijf te toetsen" in card_html
        assert f"Score {score}" in card_html
        assert '<ul class="gv-tags"' in card_html


def test_top_5_page_explains_rule_weights_ranking_and_reasons(unseen_site):
    page = (unseen_site.site / "top-5" / "index.html").read_text(encoding="utf-8")
    assert "Zo kiezen we de vijf" in page
    assert "zijn de 4 bovenste in die volgorde de vijf" in page  # top comes from tags.yml
    assert "pilot, lopend of afgerond" in page
    for label, weight in (("Alfa", 7), ("Beta", 4), ("Gamma", 2), ("Delta", 0), ("Epsilon", 9)):
        assert (f'<td data-label="Tag">{label}<br><code>{label.lower()}</code></td>'
                f'<td class="gv-num" data-label="Gewicht">{weight}</td>') in page
    assert 'href="../top-5/rangorde/">bekijk de hele rangorde</a>' in page  # the ranking has pages of its own
    ranking = (unseen_site.site / "top-5" / "rangorde" / "index.html").read_text(encoding="utf-8")
    ranking = ranking[ranking.index("Rangorde van alle voorbeelden"):]
    positions = [ranking.index(f'href="../../voorbeelden/{slug}/"') for slug, _ in EXPECTED_ORDER]
    assert positions == sorted(positions)
    assert "Epsilon (9) + Alfa (7)" in ranking  # d-bos's breakdown
    rows = {slug: row for slug, row in re.findall(r'<tr><td class="gv-num"[^>]*>\d+</td><td[^>]*><a href="../../'
                                                 r'voorbeelden/([a-z-]+)/">(.*?)</tr>', ranking)}
    assert ">telt niet mee: status is &#x27;idee&#x27;" in rows["d-bos"]  # why not, in the case's own row
    assert ">telt niet mee: geen sectie &#x27;Resultaat&#x27;</td>" in rows["e-veld"]


def test_fewer_eligible_cases_than_top_shows_those_and_the_build_warns(tmp_path):
    few = {k: v for k, v in CASES.items() if k in ("a-zee", "d-bos", "f-meer")}
    lib = write_library(tmp_path / "cases", few)
    project = make_project(tmp_path / "project", cases_from=lib)
    strict = build_loud(project, "--strict")
    assert strict.returncode == 1
    out = strict.stdout + strict.stderr
    assert "cases/tags.yml: top is 4, maar er tellen maar 2 voorbeelden mee voor de vijf" in out
    assert "1 waarschuwing: met --strict telt elke waarschuwing als fout" in out and "Traceback" not in out
    assert build_loud(project).returncode == 0
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert home.count('<li class="gv-card">') == 2
    note = "Er tellen nu 2 voorbeelden mee; de vijf vullen zich aan zodra er meer voorbeelden met een resultaat zijn."
    assert note in home
    assert note in (project.site / "top-5" / "index.html").read_text(encoding="utf-8")  # one text for both
    handout = (project.site / "top-5" / "handout" / "index.html").read_text(encoding="utf-8")
    assert handout.count('<article class="gv-handout-case"') == 2
    assert "2 van 2" in handout


def test_the_note_for_fewer_than_top_counts_its_cases_in_dutch():
    from goedvoorbeeld.site.five import fewer_note

    assert fewer_note(5, 5) == "" and fewer_note(6, 5) == ""
    assert "Er tellen nog geen voorbeelden mee voor de vijf." in fewer_note(0, 5)
    assert "Er telt nu 1 voorbeeld mee;" in fewer_note(1, 5)
    assert "Er tellen nu 4 voorbeelden mee;" in fewer_note(4, 5)
