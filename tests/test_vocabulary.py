"""The vocabulary: cases/tags.yml holds the settings and the weights chosen on 17 June."""

from __future__ import annotations

from pathlib import Path

import pytest

from goedvoorbeeld.check.vocabulary import VocabularyError, load_vocabulary

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_vocabulary_has_the_weights_from_17_june():
    v = load_vocabulary(ROOT / "cases" / "tags.yml")
    assert (v.top, v.max_tags) == (5, 5)
    assert [g.slug for g in v.groups] == ["opgave", "oplossing"]
    assert [(t.slug, t.weight) for t in v.groups[0].tags] == [
        ("regels-en-informatie", 6), ("burgers-betrekken", 5), ("ambassadeurschap", 4),
        ("visie", 3), ("best-practices", 2), ("know-how", 1)]
    assert [(t.slug, t.weight) for t in v.groups[1].tags] == [
        ("klantvriendelijkheid", 6), ("leren-luisteren", 5), ("behoorlijkheidswijzer", 4),
        ("voorbeeldfunctie", 3), ("kwetsbaar-opstellen", 2), ("juiste-intentie", 1)]
    assert v.tags["regels-en-informatie"].label == "Versimpelen regels, informatie vinden"


def test_a_group_with_weight_zero_is_allowed(tmp_path):
    (tmp_path / "tags.yml").write_text(
        "top: 3\nmax_tags: 2\ngroups:\n  thema:\n    label: Thema\n    tags:\n"
        "      water:\n        label: Water\n        description: Over water.\n        weight: 0\n", encoding="utf-8")
    v = load_vocabulary(tmp_path / "tags.yml")
    assert v.weight("water") == 0 and v.top == 3


def test_every_problem_in_the_vocabulary_is_reported(tmp_path):
    (tmp_path / "tags.yml").write_text(
        "top: 0\nmax_tags: 5\ngroups:\n  thema:\n    label: Thema\n    tags:\n"
        "      water:\n        label: Water\n        weight: -1\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as e:
        load_vocabulary(tmp_path / "tags.yml", display="cases/tags.yml")
    messages = [p.format() for p in e.value.problems]
    assert messages[0] == "cases/tags.yml:1:6: error GV401: 'top' moet een geheel getal van 1 of meer zijn"
    assert any("tag 'water' mist 'description'" in m for m in messages)
    assert any("tag 'water' mist 'weight'" in m for m in messages)


VALID = ("top: 3\nmax_tags: 2\ngroups:\n  thema:\n    label: Thema\n    tags:\n"
         "      water:\n        label: Water\n        description: Over water.\n        weight: 2\n")


@pytest.mark.parametrize("text, expected", [
    (VALID.replace("max_tags: 2\n", "max_tags: 2\ntop: 4\n"),
     "cases/tags.yml:3:1: error GV015: sleutel 'top' staat twee keer in de tagslijst"),
    (VALID + "  thema:\n    label: Nog eens\n",
     "cases/tags.yml:11:3: error GV015: sleutel 'thema' staat twee keer in groups"),
    (VALID + "        weight: 3\n",
     "cases/tags.yml:11:9: error GV015: sleutel 'weight' staat twee keer in groups.thema.tags.water"),
])
def test_a_duplicate_key_in_the_vocabulary_is_an_error_with_its_line(tmp_path, text, expected):
    """YAML would keep the last of two equal keys; the tag list is refused with GV015 instead."""
    (tmp_path / "tags.yml").write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as e:
        load_vocabulary(tmp_path / "tags.yml", display="cases/tags.yml")
    assert [p.format() for p in e.value.problems] == [expected]


def test_goedvoorbeeld_check_reports_a_duplicate_key_in_tags_yml_and_fails(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from goedvoorbeeld.cli import main

    (tmp_path / "tags.yml").write_text(VALID.replace("max_tags: 2\n", "max_tags: 2\nmax_tags: 3\n"),
                                       encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 1
    assert "tags.yml:3:1: error GV015: sleutel 'max_tags' staat twee keer in de tagslijst" in result.output
    assert "Traceback" not in result.output
