"""Every branch of reading `tags.yml`, with its exact message and position: written to catch the changes
mutation testing made to `vocabulary.py` that no other test noticed (tests/mutants-equivalent.md lists
the ones that change nothing)."""

from __future__ import annotations

import pytest

from goedvoorbeeld.check.vocabulary import Tag, TagGroup, Vocabulary, VocabularyError, load_vocabulary

GOOD = """\
top: 4
max_tags: 3
groups:
  opgave:
    label: Opgave
    description: Wat het netwerk wil.
    tags:
      water-en-land:
        label: Water en land
        description: Over water.
        weight: 6
      lucht:
        label: Lucht
        description: Over lucht.
        weight: 0
  oplossing2:
    label: Oplossing
    tags:
      aarde:
        label: Aarde
        description: Over aarde.
        weight: 2
"""


def load(tmp_path, text: str, display: str | None = "cases/tags.yml") -> Vocabulary:
    (tmp_path / "tags.yml").write_text(text, encoding="utf-8")
    return load_vocabulary(tmp_path / "tags.yml", display=display)


def problems(tmp_path, text: str) -> list[str]:
    with pytest.raises(VocabularyError) as e:
        load(tmp_path, text)
    assert str(e.value) == "\n".join(p.format() for p in e.value.problems)
    return [p.format() for p in e.value.problems]


def test_a_good_vocabulary_is_read_completely(tmp_path):
    v = load(tmp_path, GOOD)
    assert v == Vocabulary(top=4, max_tags=3, groups=(
        TagGroup("opgave", "Opgave", "Wat het netwerk wil.", (
            Tag("water-en-land", "Water en land", "Over water.", 6, "opgave"),
            Tag("lucht", "Lucht", "Over lucht.", 0, "opgave"))),
        TagGroup("oplossing2", "Oplossing", "", (Tag("aarde", "Aarde", "Over aarde.", 2, "oplossing2"),)),
    ))
    assert list(v.tags) == ["water-en-land", "lucht", "aarde"]
    assert v.tags["aarde"].group == "oplossing2"
    assert v.plain_tags == frozenset({"water-en-land", "lucht", "aarde"})
    assert (v.weight("water-en-land"), v.weight("lucht"), v.weight("onbekend")) == (6, 0, 0)


def test_the_smallest_allowed_settings_are_one(tmp_path):
    v = load(tmp_path, GOOD.replace("top: 4", "top: 1").replace("max_tags: 3", "max_tags: 1"))
    assert (v.top, v.max_tags) == (1, 1)


@pytest.mark.parametrize("change, expected", [
    (("top: 4", "top: 0"), ["1:6: error GV401: 'top' moet een geheel getal van 1 of meer zijn"]),
    (("top: 4", "top: true"), ["1:6: error GV401: 'top' moet een geheel getal van 1 of meer zijn"]),
    (("top: 4", "top: vier"), ["1:6: error GV401: 'top' moet een geheel getal van 1 of meer zijn"]),
    (("max_tags: 3", "max_tags: 0"), ["2:11: error GV401: 'max_tags' moet een geheel getal van 1 of meer zijn"]),
    (("max_tags: 3\n", ""), ["1:1: error GV401: 'max_tags' moet een geheel getal van 1 of meer zijn"]),
    (("top: 4\n", "top: 4\nkleur: blauw\n"),
     ["2:8: error GV401: onbekende sleutel 'kleur'; toegestaan: top, max_tags, groups"]),
    (("groups:\n", "groepen: 1\ngroups:\n"),
     ["3:10: error GV401: onbekende sleutel 'groepen'; toegestaan: top, max_tags, groups"]),
    (("  opgave:\n", "  Opgave!:\n"), ["5:5: error GV401: groepsnaam 'Opgave!' is geen geldige slug"]),
    (("      lucht:\n", "      Lucht_x:\n"), ["13:9: error GV401: tag 'Lucht_x' is geen geldige slug"]),
    (("      aarde:\n", "      lucht:\n"), ["20:9: error GV401: tag 'lucht' staat al in groep 'opgave'"]),
    (("        label: Lucht\n", "        label: '  '\n"), ["13:9: error GV401: tag 'lucht' mist 'label'"]),
    (("        description: Over lucht.\n", "        description: 5\n"),
     ["13:9: error GV401: tag 'lucht' mist 'description'"]),
    (("        weight: 0\n", "        weight: -1\n"),
     ["13:9: error GV401: tag 'lucht' mist 'weight' (een geheel getal van 0 of meer)"]),
    (("        weight: 0\n", "        weight: false\n"),
     ["13:9: error GV401: tag 'lucht' mist 'weight' (een geheel getal van 0 of meer)"]),
    (("        weight: 0\n", "        weight: '1'\n"),
     ["13:9: error GV401: tag 'lucht' mist 'weight' (een geheel getal van 0 of meer)"]),
    (("    label: Oplossing\n", ""), ["17:5: error GV401: groep 'oplossing2' mist 'label'"]),
    (("    label: Oplossing\n", "    label: ' '\n"), ["17:5: error GV401: groep 'oplossing2' mist 'label'"]),
])
def test_each_mistake_is_reported_with_its_position_and_message(tmp_path, change, expected):
    """Positions are those of the value of the key, group or tag at fault (the first line inside it)."""
    old, new = change
    assert old in GOOD
    assert problems(tmp_path, GOOD.replace(old, new, 1)) == [f"cases/tags.yml:{e}" for e in expected]


@pytest.mark.parametrize("text, expected", [
    ("top: 1\nmax_tags: 1\n", ["1:1: error GV401: 'groups' moet minstens één groep met tags bevatten"]),
    ("top: 1\nmax_tags: 1\ngroups: {}\n", ["3:9: error GV401: 'groups' moet minstens één groep met tags bevatten"]),
    ("top: 1\nmax_tags: 1\ngroups: [a]\n", ["3:9: error GV401: 'groups' moet minstens één groep met tags bevatten"]),
    ("top: 1\nmax_tags: 1\ngroups:\n  a:\n    label: A\n",
     ["5:5: error GV401: groep 'a' moet 'label' en 'tags' hebben"]),
    ("top: 1\nmax_tags: 1\ngroups:\n  a:\n    label: A\n    tags: {}\n",
     ["5:5: error GV401: groep 'a' moet 'label' en 'tags' hebben"]),
    ("top: 1\nmax_tags: 1\ngroups:\n  a:\n    label: A\n    tags: [b]\n",
     ["5:5: error GV401: groep 'a' moet 'label' en 'tags' hebben"]),
    ("top: 1\nmax_tags: 1\ngroups:\n  a: tekst\n", ["4:6: error GV401: groep 'a' moet 'label' en 'tags' hebben"]),
    ("top: 1\nmax_tags: 1\ngroups:\n  a:\n    label: A\n    tags:\n      b: tekst\n",
     ["7:10: error GV401: tag 'b' moet label, description en weight hebben"]),
])
def test_the_shape_of_groups_and_tags_is_checked(tmp_path, text, expected):
    assert problems(tmp_path, text) == [f"cases/tags.yml:{e}" for e in expected]


def test_a_later_group_is_still_read_after_a_broken_one(tmp_path):
    text = GOOD.replace("  opgave:\n    label: Opgave\n", "  kapot: tekst\n  opgave:\n    label: Opgave\n")
    text = text.replace("      aarde:\n", "      Aarde!:\n")
    assert problems(tmp_path, text) == [
        "cases/tags.yml:4:10: error GV401: groep 'kapot' moet 'label' en 'tags' hebben",
        "cases/tags.yml:21:9: error GV401: tag 'Aarde!' is geen geldige slug",
    ]


def test_a_file_that_cannot_be_read_or_parsed_is_reported(tmp_path):
    with pytest.raises(VocabularyError) as e:
        load_vocabulary(tmp_path / "ontbreekt.yml", display="cases/tags.yml")
    assert [p.format() for p in e.value.problems] == [
        "cases/tags.yml:1:1: error GV401: kan de tagslijst niet lezen: No such file or directory"]
    (tmp_path / "tags.yml").write_bytes(b"top: \xff\n")
    with pytest.raises(VocabularyError) as e:
        load_vocabulary(tmp_path / "tags.yml", display="cases/tags.yml")
    assert [p.code for p in e.value.problems] == ["GV008"]
    with pytest.raises(VocabularyError) as e:
        load(tmp_path, "top: [1\n")
    assert [p.code for p in e.value.problems] == ["GV005"]
    assert e.value.problems[0].path == "cases/tags.yml"


def test_without_a_display_name_the_path_is_shown(tmp_path):
    with pytest.raises(VocabularyError) as e:
        load(tmp_path, "top: 0\n", display=None)
    assert e.value.problems[0].path == str(tmp_path / "tags.yml")


def test_a_missing_setting_is_reported_where_the_settings_begin(tmp_path):
    text = "# De tags.\n\ntop: 1\n" + GOOD[GOOD.index("groups:"):]
    assert problems(tmp_path, text) == [
        "cases/tags.yml:3:1: error GV401: 'max_tags' moet een geheel getal van 1 of meer zijn"]


def test_the_tags_after_a_repeated_or_shapeless_tag_are_still_checked(tmp_path):
    repeated = GOOD.replace("      aarde:\n", "      lucht:\n        label: L\n      Fout!:\n        label: F\n"
                                              "        description: F.\n        weight: 1\n      aarde:\n")
    assert problems(tmp_path, repeated) == [
        "cases/tags.yml:20:9: error GV401: tag 'lucht' staat al in groep 'opgave'",
        "cases/tags.yml:22:9: error GV401: tag 'Fout!' is geen geldige slug",
    ]
    shapeless = GOOD.replace("      aarde:\n", "      los: tekst\n      Fout!:\n        label: F\n"
                                               "        description: F.\n        weight: 1\n      aarde:\n")
    assert problems(tmp_path, shapeless) == [
        "cases/tags.yml:19:12: error GV401: tag 'los' moet label, description en weight hebben",
        "cases/tags.yml:21:9: error GV401: tag 'Fout!' is geen geldige slug",
    ]


def test_yaml_problems_stop_the_vocabulary_even_when_values_came_out(tmp_path):
    assert problems(tmp_path, GOOD.replace("top: 4", "top: 2026-02-30")) == [
        "cases/tags.yml:1:6: error GV111: top: '2026-02-30' is geen bestaande datum (JJJJ-MM-DD)"]
    (tmp_path / "tags.yml").write_bytes(b"top: \xff\n")
    with pytest.raises(VocabularyError) as e:
        load_vocabulary(tmp_path / "tags.yml", display="cases/tags.yml")
    assert [p.format() for p in e.value.problems] == [
        "cases/tags.yml:1:6: error GV008: het bestand is geen geldige UTF-8 (byte 5, waarde 0xff)"]


@pytest.mark.parametrize("nested, refused", [("[[1]]", False), ("[[[1]]]", True)])
def test_the_vocabulary_may_nest_eight_levels_deep(tmp_path, nested, refused):
    text = GOOD.replace("        weight: 2\n", f"        weight: 2\n        extra: {nested}\n")
    if refused:
        assert problems(tmp_path, text) == [
            "cases/tags.yml:23:19: error GV011: groups.oplossing2.tags.aarde.extra[1][1][1]: te diep genest"]
    else:
        assert load(tmp_path, text).tags["aarde"].weight == 2
