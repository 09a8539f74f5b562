"""Saved selections, branch by branch: written to catch the changes mutation testing made to
`selections.py` that no other test noticed (tests/mutants-equivalent.md lists the ones that change nothing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from goedvoorbeeld.check.cases import Case, Library, Section
from goedvoorbeeld.check.schema import HINT_PREFIX
from goedvoorbeeld.rank.ranking import rank
from goedvoorbeeld.rank.selections import (SelectedCase, Selection, SelectionError, dump_selection, make_selection,
                                      name_problem, read_selection, read_selections, save_selection)
from goedvoorbeeld.check.vocabulary import Tag, TagGroup, Vocabulary

TODAY = dt.date(2026, 12, 1)
PATH = "cases/selecties/2026-06-17-netwerkdag.yml"
SELECTION = Selection("netwerkdag", dt.date(2026, 6, 17), 3, (("visie", 3), ("water", 2), ("lucht", 0)), (
    SelectedCase(1, "alpha", "Titel A", "Org A", "Samenvatting A", 5, (("visie", 3), ("water", 2))),
    SelectedCase(2, "beta", "Titel B", "Org B", "Samenvatting B", 2, (("water", 2),)),
))
TEXT = dump_selection(SELECTION)


def test_the_written_file_is_exactly_this_and_reads_back_unchanged():
    assert TEXT == (
        "# Bevroren selectie van de vijf, vastgelegd met `goedvoorbeeld rank --save netwerkdag`.\n"
        "# Pas dit bestand niet aan: het laat zien wat er op deze dag is gedeeld,\n"
        "# ook als de gewichten in tags.yml of de voorbeelden later veranderen.\n"
        "name: netwerkdag\ndate: 2026-06-17\ntop: 3\nweights:\n  visie: 3\n  water: 2\n  lucht: 0\ncases:\n"
        "- rank: 1\n  slug: alpha\n  title: Titel A\n  organisation: Org A\n  summary: Samenvatting A\n  score: 5\n"
        "  breakdown:\n    visie: 3\n    water: 2\n"
        "- rank: 2\n  slug: beta\n  title: Titel B\n  organisation: Org B\n  summary: Samenvatting B\n  score: 2\n"
        "  breakdown:\n    water: 2\n")
    assert read_selection(PATH, TEXT.encode(), today=TODAY) == (replace(SELECTION, path=PATH), [])
    assert SELECTION.stem == "2026-06-17-netwerkdag"


def test_long_and_accented_text_stays_on_one_readable_line():
    summary = ("Een samenvatting met één lange zin die veel langer is dan tachtig tekens, zodat YAML haar "
               "zou afbreken.")
    long = replace(SELECTION, cases=(replace(SELECTION.cases[0], title="Café", summary=summary),
                                     SELECTION.cases[1]))
    text = dump_selection(long)
    assert "  title: Café\n" in text and f"  summary: {summary}\n" in text
    assert read_selection(PATH, text.encode(), today=TODAY)[0] == replace(long, path=PATH)


@pytest.mark.parametrize("old, new, expected", [
    ('name: netwerkdag\n', '',
     ['4:1: error GV302: name: ontbreekt']),
    ('name: netwerkdag\n', 'name:\n',
     ['4:1: error GV302: name: heeft geen waarde']),
    ('name: netwerkdag\n', "name: '  '\n",
     ['4:7: error GV303: name: verwacht tekst']),
    ('name: netwerkdag\n', 'name: 12\n',
     ['4:7: error GV303: name: verwacht tekst']),
    ('name: netwerkdag\n', 'name: Netwerk Dag\n',
     ["4:7: error GV303: name: de naam 'Netwerk Dag' kan niet: gebruik hoogstens 60 kleine letters, cijfers en "
      "koppeltekens, bijvoorbeeld 'netwerk-dag'"]),
    ('name: netwerkdag\n', 'name: andere-dag\n',
     ["4:7: error GV304: name: 'andere-dag' verschilt van de naam in de bestandsnaam ('netwerkdag')"]),
    ('date: 2026-06-17\n', 'date: 2026-06-18\n',
     ['5:7: error GV304: date: 2026-06-18 verschilt van de datum in de bestandsnaam (2026-06-17)']),
    ('date: 2026-06-17\n', 'date: 2027-01-01\n',
     ['5:7: error GV303: date: 2027-01-01 ligt in de toekomst']),
    ('date: 2026-06-17\n', 'date: morgen\n',
     ["5:7: error GV303: date: 'morgen' is geen datum; schrijf JJJJ-MM-DD"]),
    ('date: 2026-06-17\n', 'date: 2026-06-17 10:00:00\n',
     []),
    ('date: 2026-06-17\n', 'date: 2026-02-30\n',
     ["5:7: error GV111: date: '2026-02-30' is geen bestaande datum (JJJJ-MM-DD)"]),
    ('top: 3\n', 'top: 0\n',
     ['6:6: error GV303: top: verwacht een geheel getal van 1 of meer']),
    ('top: 3\n', 'top: true\n',
     ['6:6: error GV303: top: verwacht een geheel getal van 1 of meer']),
    ('top: 3\n', 'top: 1\n',
     ["21:3: error GV306: cases: 2 voorbeelden, maar 'top' is 1"]),
    ('top: 3\n', 'top: 2\n',
     []),
    ('top: 3\n', 'top: 3\ntop: 2\n',
     ["7:1: error GV015: sleutel 'top' staat twee keer in de selectie"]),
    ('top: 3\n', 'top: 3\nkleur: blauw\n',
     ['7:1: error GV302: kleur: onbekende sleutel; toegestaan: name, date, top, weights, cases']),
    ('weights:\n  visie: 3\n  water: 2\n  lucht: 0\n', 'weights: {}\n',
     ["7:10: error GV303: weights: verwacht tags met hun gewicht, zoals 'visie: 3'"]),
    ('weights:\n  visie: 3\n  water: 2\n  lucht: 0\n', 'weights: tekst\n',
     ["7:10: error GV303: weights: verwacht tags met hun gewicht, zoals 'visie: 3'"]),
    ('  visie: 3\n  water: 2\n  lucht: 0\n', '  Visie!: 3\n  water: 2\n  lucht: 0\n',
     ["8:3: error GV303: weights: 'Visie!' is geen geldige tag"]),
    ('  lucht: 0\n', '  lucht: -1\n',
     ['10:10: error GV303: weights.lucht: verwacht een geheel getal van 0 of meer']),
    ('  water: 2\n  lucht', '  water: 4\n  lucht',
     ["20:12: error GV305: cases[1].breakdown.water: gewicht 2, maar 'weights' geeft water gewicht 4",
      "28:12: error GV305: cases[2].breakdown.water: gewicht 2, maar 'weights' geeft water gewicht 4"]),
    ('cases:\n', 'cases: []\ngeen:\n',
     ['11:8: error GV303: cases: verwacht een lijst met minstens één voorbeeld',
      '12:1: error GV302: geen: onbekende sleutel; toegestaan: name, date, top, weights, cases']),
    ('- rank: 2\n', '- rank: 3\n',
     ['21:9: error GV306: cases[2].rank: 3, verwacht 2']),
    ('- rank: 2\n', '- rank: 0\n',
     ['21:9: error GV303: cases[2].rank: verwacht een geheel getal van 1 of meer']),
    ('  slug: beta\n', '  slug: alpha\n',
     ["22:9: error GV306: cases[2].slug: 'alpha' staat er twee keer in"]),
    ('  score: 2\n', '  score: 3\n',
     ["26:10: error GV305: cases[2].score: 3, maar de som van 'breakdown' is 2"]),
    ('  score: 2\n', '  score: -2\n',
     ['26:10: error GV303: cases[2].score: verwacht een geheel getal van 0 of meer']),
    ('    visie: 3\n    water: 2\n', '    visie: 4\n    water: 2\n',
     ["17:10: error GV305: cases[1].score: 5, maar de som van 'breakdown' is 6",
      "19:12: error GV305: cases[1].breakdown.visie: gewicht 4, maar 'weights' geeft visie gewicht 3"]),
    ('    visie: 3\n    water: 2\n', '    visie: 3\n    regen: 2\n',
     ["20:5: error GV305: cases[1].breakdown: tag 'regen' staat niet in 'weights'"]),
    ('  title: Titel B\n', "  title: ''\n",
     ['23:10: error GV303: cases[2].title: verwacht tekst']),
    ('  organisation: Org B\n', '',
     ['21:3: error GV302: cases[2].organisation: ontbreekt']),
    ('  summary: Samenvatting B\n', '  summary: Samenvatting B\n  extra: 1\n',
     ['26:3: error GV302: cases[2].extra: onbekende sleutel; toegestaan: rank, slug, title, organisation, '
      'summary, score, breakdown']),
    ('  breakdown:\n    water: 2\n', '  breakdown: {}\n',
     ["27:14: error GV303: cases[2].breakdown: verwacht tags met hun gewicht, zoals 'visie: 3'"]),
    ('- rank: 2\n  slug: beta\n  title: Titel B\n  organisation: Org B\n  summary: Samenvatting B\n  score: 2\n'
     '  breakdown:\n    water: 2\n', '- tekst\n',
     ['21:3: error GV303: cases[2]: verwacht rank, slug, title, organisation, summary, score en breakdown']),
    ('  score: 5\n  breakdown:\n    visie: 3\n    water: 2\n', '  score: 0\n  breakdown:\n    lucht: 0\n',
     ['25:10: error GV306: cases[2].score: 2 is hoger dan de score op plaats 1']),
    ('date: 2026-06-17\n', '', ['4:1: error GV302: date: ontbreekt']),
    ('top: 3\n', '', ['4:1: error GV302: top: ontbreekt']),
    ('weights:\n  visie: 3\n  water: 2\n  lucht: 0\n', '', ['4:1: error GV302: weights: ontbreekt']),
    ('  slug: beta\n', "  slug: ''\n", ['22:9: error GV303: cases[2].slug: verwacht tekst']),
    ('  organisation: Org B\n', '  organisation: 5\n', ['24:17: error GV303: cases[2].organisation: verwacht tekst']),
    ('  summary: Samenvatting B\n', "  summary: ' '\n", ['25:12: error GV303: cases[2].summary: verwacht tekst']),
])
def test_each_change_to_a_selection_is_reported_where_it_is(old, new, expected):
    assert old in TEXT
    selection, problems = read_selection(PATH, TEXT.replace(old, new, 1).encode(), today=TODAY)
    assert [p.format().removeprefix(PATH + ":") for p in problems] == expected
    assert (selection is None) == bool(expected)


FIRST = ("- rank: 1\n  slug: alpha\n  title: Titel A\n  organisation: Org A\n  summary: Samenvatting A\n"
         "  score: 5\n  breakdown:\n    visie: 3\n    water: 2\n")


@pytest.mark.parametrize("first", ["- tekst\n", FIRST.replace("  organisation: Org A\n", ""),
                                   FIRST.replace("  title: Titel A\n", "  title: ''\n")])
def test_the_cases_after_a_broken_one_are_still_checked(first):
    text = TEXT.replace("  score: 2\n", "  score: 3\n").replace(FIRST, first)
    selection, problems = read_selection(PATH, text.encode(), today=TODAY)
    assert selection is None
    assert "cases[2].score: 3, maar de som van 'breakdown' is 2" in [p.message for p in problems]


@pytest.mark.parametrize("first, expected", [
    ("- tekst\n",
     ["12:3: error GV303: cases[1]: verwacht rank, slug, title, organisation, summary, score en breakdown"]),
    (FIRST.replace("  organisation: Org A\n", ""),
     ["12:3: error GV302: cases[1].organisation: ontbreekt"]),
    (FIRST.replace("  title: Titel A\n", "  title: ''\n"),
     ["14:10: error GV303: cases[1].title: verwacht tekst"]),
])
def test_a_broken_case_is_reported_alone_and_the_next_keeps_its_own_place(first, expected):
    """The case after a broken one is still at place 2: its rank 2 is right, and a problem of its own names
    cases[2] at its own line, not the broken entry's."""
    text = TEXT.replace(FIRST, first)
    selection, problems = read_selection(PATH, text.encode(), today=TODAY)
    assert selection is None
    assert [p.format().removeprefix(PATH + ":") for p in problems] == expected
    shift = first.count("\n") - FIRST.count("\n")
    text = text.replace("- rank: 2\n", "- rank: 3\n")
    _, problems = read_selection(PATH, text.encode(), today=TODAY)
    assert [p.format().removeprefix(PATH + ":") for p in problems] == \
        expected + [f"{21 + shift}:9: error GV306: cases[2].rank: 3, verwacht 2"]


def test_a_score_above_the_last_good_case_before_a_broken_one_is_reported_with_its_place():
    """Scores fall from place to place; a broken case in between is skipped, the comparison names the place
    of the last good case before it."""
    third = ("- rank: 3\n  slug: gamma\n  title: Titel C\n  organisation: Org C\n  summary: Samenvatting C\n"
             "  score: 5\n  breakdown:\n    visie: 3\n    water: 2\n")
    text = TEXT.replace(
        "  score: 5\n  breakdown:\n    visie: 3\n    water: 2\n", "  score: 3\n  breakdown:\n    visie: 3\n", 1)
    text = text.replace("  title: Titel B\n", "  title: ''\n") + third
    _, problems = read_selection(PATH, text.encode(), today=TODAY)
    assert [p.format().removeprefix(PATH + ":") for p in problems] == [
        "22:10: error GV303: cases[2].title: verwacht tekst",
        "33:10: error GV306: cases[3].score: 5 is hoger dan de score op plaats 1"]


def test_a_broken_case_still_counts_towards_top():
    """'top' limits the entries of the list, broken ones included."""
    text = TEXT.replace("top: 3\n", "top: 1\n").replace("  title: Titel B\n", "  title: ''\n")
    _, problems = read_selection(PATH, text.encode(), today=TODAY)
    assert [p.format().removeprefix(PATH + ":") for p in problems] == [
        "21:3: error GV306: cases: 2 voorbeelden, maar 'top' is 1",
        "23:10: error GV303: cases[2].title: verwacht tekst"]


def test_problems_at_the_same_place_keep_the_order_of_the_keys():
    text = TEXT.replace("date: 2026-06-17\n", "")
    text = text[:text.index("cases:")]
    _, problems = read_selection(PATH, text.encode(), today=TODAY)
    assert [p.message for p in problems] == ["date: ontbreekt", "cases: ontbreekt"]


def test_a_time_with_the_date_is_read_as_that_day():
    selection, problems = read_selection(PATH, TEXT.replace("date: 2026-06-17", "date: 2026-06-17 10:00:00").encode(),
                                         today=TODAY)
    assert problems == [] and selection.date == dt.date(2026, 6, 17)


def test_a_selection_of_today_is_not_in_the_future():
    selection, problems = read_selection(PATH, TEXT.encode(), today=dt.date(2026, 6, 17))
    assert problems == [] and selection is not None


@pytest.mark.parametrize("path", ["cases/selecties/netwerkdag.yml", "cases/selecties/2026-13-01-netwerkdag.yml",
                                  "cases/selecties/2026-06-17-Netwerk_dag.yml"])
def test_a_wrong_file_name_is_reported_first(path):
    selection, problems = read_selection(path, TEXT.encode(), today=TODAY)
    assert selection is None
    name = path.rsplit("/", 1)[1]
    assert [p.format() for p in problems] == [
        f"{path}:1:1: error GV301: bestandsnaam '{name}' is ongeldig: een selectie heet JJJJ-MM-DD-naam.yml, "
        f"bijvoorbeeld '2026-12-01-netwerkdag.yml'"]


def test_text_that_is_no_mapping_or_no_utf8_is_reported():
    selection, problems = read_selection(PATH, b"- een\n- lijst\n", today=TODAY)
    assert selection is None
    assert [(p.code, p.message) for p in problems] == [
        ("GV006", "een selectie moet sleutels met waarden bevatten: name, date, top, weights en cases")]
    selection, problems = read_selection(PATH, b"name: \xff\n", today=TODAY)
    assert selection is None and [p.format() for p in problems] == [
        f"{PATH}:1:7: error GV008: het bestand is geen geldige UTF-8 (byte 6, waarde 0xff)"]
    selection, problems = read_selection(PATH, b"name: [\n", today=TODAY)
    assert selection is None and [p.code for p in problems] == ["GV005"]


def test_problems_come_in_file_order_whatever_found_them():
    text = TEXT.replace("top: 3", "top: 0").replace("name: netwerkdag", "name: andere")
    _, problems = read_selection("cases/selecties/x.yml", text.encode(), today=TODAY)
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "GV301"), (6, 6, "GV303")]
    text = TEXT.replace("top: 3", "top: 0").replace("name: netwerkdag", "name: andere")
    _, problems = read_selection(PATH, text.encode(), today=TODAY)
    assert [(p.line, p.column, p.code) for p in problems] == [(4, 7, "GV304"), (6, 6, "GV303")]


# ---------------------------------------------------------------------------
# names, making and saving


@pytest.mark.parametrize("name, hint", [
    ("Netwerk Dag!", "netwerk-dag"), ("!!!", "netwerkdag"), ("", "netwerkdag"), ("a" * 61, "a" * 60),
    ("-" * 5 + "b", "b"), ("x" * 59 + "-y", "x" * 59), ("-" * 5 + "c" * 60, "c" * 60),
])
def test_a_bad_name_gets_a_usable_suggestion(name, hint):
    assert name_problem(name) == (f"de naam '{name}' kan niet: gebruik hoogstens 60 kleine letters, cijfers en "
                                  f"koppeltekens, bijvoorbeeld '{hint}'")
    assert name_problem(hint) is None


def test_names_up_to_sixty_characters_are_allowed():
    assert name_problem("a" * 60) is None
    assert name_problem("a" * 61) is not None
    assert name_problem("dag-2") is None


VOCABULARY = Vocabulary(top=2, max_tags=5, groups=(
    TagGroup("g", "G", "", (Tag("visie", "Visie", "", 3, "g"), Tag("water", "Water", "", 2, "g"))),
    TagGroup("h", "H", "", (Tag("lucht", "Lucht", "", 0, "h"),)),
))


def case(slug: str, tags: tuple[str, ...], status: str = "lopend") -> Case:
    return Case(slug=slug, path=f"cases/{slug}.md", title=f"Titel {slug}", summary=f"Over {slug}.",
                organisation=f"Org {slug}", level="gemeente", status=status, year=2020, tags=tags,
                added=dt.date(2026, 1, 1), sections=(Section("resultaat", "Resultaat", "x", 9),))


LIBRARY = Library("cases", VOCABULARY, (case("a", ("water",)), case("b", ("visie", "water")), case("c", ("lucht",)),
                                        case("d", ("visie",), status="idee")), (), 4)


def test_making_a_selection_freezes_the_five_and_every_weight_of_the_day():
    made = make_selection("netwerkdag", LIBRARY, dt.date(2026, 6, 17))
    assert made == Selection("netwerkdag", dt.date(2026, 6, 17), 2, (("visie", 3), ("water", 2), ("lucht", 0)), (
        SelectedCase(1, "b", "Titel b", "Org b", "Over b.", 5, (("visie", 3), ("water", 2))),
        SelectedCase(2, "a", "Titel a", "Org a", "Over a.", 2, (("water", 2),)),
    ))
    order = [r for r in rank(LIBRARY) if r.slug != "b"]
    assert [c.slug for c in make_selection("x", LIBRARY, TODAY, order).cases] == ["a", "c"]
    with pytest.raises(SelectionError) as e:
        make_selection("Slechte Naam", LIBRARY, TODAY)
    assert str(e.value) == name_problem("Slechte Naam")


def test_saving_writes_the_file_once_and_never_overwrites_it(tmp_path):
    shown = save_selection(tmp_path / "cases", SELECTION, shown_root="cases/")
    assert shown == "cases/selecties/2026-06-17-netwerkdag.yml"
    other = replace(SELECTION, name="tweede")
    assert save_selection(tmp_path / "cases", other, shown_root="MAPX") == "MAPX/selecties/2026-06-17-tweede.yml"
    assert (tmp_path / "cases" / "selecties" / "2026-06-17-netwerkdag.yml").read_text(encoding="utf-8") == TEXT
    with pytest.raises(SelectionError) as e:
        save_selection(tmp_path / "cases", SELECTION)
    assert str(e.value) == ("er is op 2026-06-17 al een selectie 'netwerkdag' bewaard "
                            "(cases/selecties/2026-06-17-netwerkdag.yml); een bewaarde selectie wordt nooit "
                            "overschreven: kies een andere naam")
    with pytest.raises(SelectionError) as e:
        save_selection(tmp_path / "cases", replace(SELECTION, name="leeg", cases=()))
    assert str(e.value) == "er is niets om te bewaren: geen enkel voorbeeld telt mee voor de vijf"
    assert not (tmp_path / "cases" / "selecties" / "2026-06-17-leeg.yml").exists()


# ---------------------------------------------------------------------------
# the folder


EXPECTED_FOLDER_PROBLEMS = [
    "cases/selecties/2026-01-01-kapot.yml:4:7: error GV304: name: 'netwerkdag' verschilt van de naam in de "
    "bestandsnaam ('kapot')",
    "cases/selecties/2026-01-01-kapot.yml:5:7: error GV304: date: 2026-06-17 verschilt van de datum in de "
    "bestandsnaam (2026-01-01)",
    "cases/selecties/2026-01-01-kapot.yml:6:6: error GV303: top: verwacht een geheel getal van 1 of meer",
    "cases/selecties/2026-01-02-ook-kapot.yml:4:7: error GV304: name: 'netwerkdag' verschilt van de naam in de "
    "bestandsnaam ('ook-kapot')",
    "cases/selecties/2026-01-02-ook-kapot.yml:5:7: error GV304: date: 2026-06-17 verschilt van de datum in de "
    "bestandsnaam (2026-01-02)",
    "cases/selecties/2026-01-02-ook-kapot.yml:6:6: error GV303: top: verwacht een geheel getal van 1 of meer",
    "cases/selecties/2026-01-03-weg.yml:1:1: error GV002: het bestand kan niet worden gelezen: "
    "No such file or directory",
    "cases/selecties/2026-06-16-0.txt:1:1: error GV301: '2026-06-16-0.txt' is geen selectie: alleen "
    "JJJJ-MM-DD-naam.yml hoort in cases/selecties/",
]


def test_the_folder_is_read_newest_first_and_keeps_the_problems_of_every_file(tmp_path):
    folder = tmp_path / "cases" / "selecties"
    assert read_selections(tmp_path / "cases", today=TODAY) == ([], [])
    folder.mkdir(parents=True)
    (folder / "2026-06-17-netwerkdag.yml").write_text(TEXT, encoding="utf-8")
    later = replace(SELECTION, name="b-dag", date=dt.date(2026, 9, 1))
    (folder / "2026-09-01-b-dag.yml").write_text(dump_selection(later), encoding="utf-8")
    same_day = replace(SELECTION, name="a-dag", date=dt.date(2026, 9, 1))
    (folder / "2026-09-01-a-dag.yml").write_text(dump_selection(same_day), encoding="utf-8")
    (folder / "2026-01-01-kapot.yml").write_text(TEXT.replace("top: 3", "top: 0"), encoding="utf-8")
    (folder / "2026-01-02-ook-kapot.yml").write_text(TEXT.replace("top: 3", "top: nul"), encoding="utf-8")
    (folder / "2026-06-16-0.txt").write_text("x", encoding="utf-8")  # sorts before a good file
    (folder / "2026-01-03-weg.yml").symlink_to(folder / "bestaat-niet.yml")  # cannot be read
    (folder / ".verborgen.yml").write_text("x", encoding="utf-8")
    (folder / "2026-01-04.map.yml").mkdir()
    selections, problems = read_selections(tmp_path / "cases", today=TODAY, shown_root="cases/")
    assert [s.stem for s in selections] == ["2026-09-01-a-dag", "2026-09-01-b-dag", "2026-06-17-netwerkdag"]
    assert selections[0].path == "cases/selecties/2026-09-01-a-dag.yml"
    assert [p.format() for p in problems] == EXPECTED_FOLDER_PROBLEMS


def test_without_a_shown_root_the_folder_is_shown_as_given(tmp_path):
    folder = tmp_path / "selecties"
    folder.mkdir()
    (folder / "leesmij.txt").write_text("x", encoding="utf-8")
    _, problems = read_selections(tmp_path, today=TODAY)
    assert problems[0].path == f"{tmp_path}/selecties/leesmij.txt"
    _, problems = read_selections(tmp_path, today=TODAY, shown_root="MAPX/")
    assert problems[0].path == "MAPX/selecties/leesmij.txt"


def unfinished(slug: str, tags: tuple[str, ...], hint_at: int) -> Case:
    """A case that is complete except for one hint line (schema.HINT_PREFIX), at file line `hint_at`."""
    body = f"## Aanleiding\n\nHet begon.\n\n## Aanpak\n\n{HINT_PREFIX}: beschrijf de aanpak.\n"
    return replace(case(slug, tags), body=body, body_line=hint_at - 6)


def test_a_five_that_would_hold_an_unfinished_case_is_not_saved_and_the_message_names_it():
    one = replace(LIBRARY, cases=(*LIBRARY.cases, unfinished("e", ("visie", "water", "lucht"), 14)))
    with pytest.raises(SelectionError) as e:
        make_selection("netwerkdag", one, TODAY)
    assert str(e.value) == (
        "de vijf worden niet vastgelegd: een voorbeeld dat bij de vijf zou horen, is nog niet af\n"
        "  cases/e.md:14: nog niet af: de hulptekst op regel 14 is nog niet vervangen\n"
        "Vervang eerst de hulpteksten (zie goedvoorbeeld check --strict) en leg de vijf daarna vast.")
    # a given ranking is used as it is: without the unfinished case, nothing is held back
    given = [r for r in rank(one) if r.slug != "e"]
    assert [c.slug for c in make_selection("netwerkdag", one, TODAY, given).cases] == ["b", "a"]
    # ranked by the rule (score, then newest, then slug A to Z): a1 and a2 before b, so both are held back
    two = replace(LIBRARY, cases=(*LIBRARY.cases, unfinished("a1", ("visie", "water", "lucht"), 14),
                                  unfinished("a2", ("visie", "water"), 30)))
    with pytest.raises(SelectionError) as e:
        make_selection("netwerkdag", two, TODAY, rank(two))
    assert str(e.value) == (
        "de vijf worden niet vastgelegd: 2 voorbeelden die bij de vijf zouden horen, zijn nog niet af\n"
        "  cases/a1.md:14: nog niet af: de hulptekst op regel 14 is nog niet vervangen\n"
        "  cases/a2.md:30: nog niet af: de hulptekst op regel 30 is nog niet vervangen\n"
        "Vervang eerst de hulpteksten (zie goedvoorbeeld check --strict) en leg de vijf daarna vast.")
    # ranked below the two finished cases of the five (top is 2), an unfinished case does not block
    low = replace(LIBRARY, cases=(*LIBRARY.cases, unfinished("g", ("lucht",), 14)))
    assert [c.slug for c in make_selection("netwerkdag", low, TODAY).cases] == ["b", "a"]
