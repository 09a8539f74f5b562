"""Contributing: `goedvoorbeeld new`, `from-issue` and `forms`, driven through the real command line."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import frontmatter
import pytest
import yaml
from click.testing import CliRunner

import goedvoorbeeld.contribute.issueform as issueform
import goedvoorbeeld.contribute.newcase as newcase
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.check.cases import read_case
from goedvoorbeeld.cli import main
from goedvoorbeeld.contribute.commands import form_files
from goedvoorbeeld.check.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
FORMS = Path(__file__).resolve().parent / "fixtures" / "issue-forms"
TODAY = dt.date.today()

OPTIONS = [
    "--title", "Open raadsinformatie in Voorbeeldstad",
    "--summary", "De gemeente publiceert de stukken van de raad als open data, zodat iedereen ze kan vinden.",
    "--organisation", "Gemeente Voorbeeldstad",
    "--level", "gemeente", "--status", "lopend", "--year", "2019",
    "--tag", "regels-en-informatie", "--tag", "Burgers en bedrijven betrekken",
    "--link", "Website van de gemeente", "https://www.voorbeeldstad.nl/",
    "--contact", "info@voorbeeldstad.nl",
]


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A folder with the real cases/ and mkdocs.yml, as the working directory."""
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(ROOT / "cases" / "tags.yml")


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def replace_hints(text: str) -> str:
    """What a contributor does next: write real text where the hints are."""
    return re.sub(r"^_Vervang deze tekst: .*_$", "De organisatie beschrijft hier wat er echt gebeurde.", text,
                  flags=re.MULTILINE)


# ---------------------------------------------------------------------------
# new


def test_new_with_options_writes_a_file_that_passes_once_the_hints_are_replaced(workdir):
    result = run("new", *OPTIONS)
    assert result.exit_code == 0, result.output
    path = workdir / "cases" / "open-raadsinformatie-in-voorbeeldstad.md"
    assert "Geschreven: cases/open-raadsinformatie-in-voorbeeldstad.md" in result.output
    text = path.read_text(encoding="utf-8")
    assert f"added: {TODAY.isoformat()}" in text
    assert "tags: [regels-en-informatie, burgers-betrekken]" in text
    assert [h for h in re.findall(r"^## (.+)$", text, re.MULTILINE)] == [s.title for s in schema.SECTIONS]

    strict = run("check", "--strict", "cases/open-raadsinformatie-in-voorbeeldstad.md")
    assert strict.exit_code == 1
    assert strict.output.count("GV208") == len(schema.SECTIONS)
    assert f"0 fouten, {len(schema.SECTIONS)} waarschuwingen" in strict.output
    assert run("check", "cases/open-raadsinformatie-in-voorbeeldstad.md").exit_code == 0  # warnings only

    path.write_text(replace_hints(text), encoding="utf-8")
    again = run("check", "--strict")
    assert again.exit_code == 0, again.output
    assert "0 fouten, 0 waarschuwingen" in again.output


def test_new_refuses_to_overwrite_an_existing_case(workdir):
    assert run("new", *OPTIONS).exit_code == 0
    path = workdir / "cases" / "open-raadsinformatie-in-voorbeeldstad.md"
    path.write_text("mijn eigen tekst", encoding="utf-8")
    result = run("new", *OPTIONS)
    assert result.exit_code == 1
    assert "cases/open-raadsinformatie-in-voorbeeldstad.md bestaat al en wordt niet overschreven" in result.output
    assert path.read_text(encoding="utf-8") == "mijn eigen tekst"


def test_new_names_each_wrong_option_with_the_checkers_message_and_writes_nothing(workdir):
    args = list(OPTIONS)
    args[args.index("--level") + 1] = "stad"
    args[args.index("--year") + 1] = "1850"
    result = run("new", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Gebruik: goedvoorbeeld new [OPTIES]\n"
        "Probeer 'goedvoorbeeld new --help' voor hulp.\n\n"
        "Fout: --level: onbekende bestuurslaag 'stad'; kies uit: rijk, provincie, gemeente, waterschap, "
        "uitvoeringsorganisatie, samenwerkingsverband, overig\n"
        f"--year: 1850 ligt niet tussen 1990 en {TODAY.year + 1}\n")
    assert not (workdir / "cases" / "open-raadsinformatie-in-voorbeeldstad.md").exists()


def test_new_checks_a_chosen_slug_like_the_checker(workdir):
    result = run("new", *OPTIONS, "--slug", "Mijn Voorbeeld")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "\nFout: --slug: bestandsnaam 'Mijn Voorbeeld.md' is ongeldig: gebruik 3 tot 80 kleine letters, cijfers "
        "en koppeltekens, bijvoorbeeld 'mijn-voorbeeld.md'\n")
    assert run("new", *OPTIONS, "--slug", "raad-open").exit_code == 0
    assert (workdir / "cases" / "raad-open.md").exists()


def test_new_asks_for_each_value_shows_the_vocabulary_and_asks_again_after_a_wrong_answer(workdir):
    answers = "\n".join([
        "   ",  # blank: asked again
        "Kort",  # too short: the checker's GV108 message, then asked again
        "Samen de begroting lezen met inwoners",
        "De gemeente legde de begroting in gewone taal uit en vroeg inwoners wat zij belangrijk vinden.",
        "Gemeente Voorbeeldstad",
        "3",  # Gemeente
        "afgerond",
        "twintig",  # not a year: asked again
        "2023",
        "burger-betrekken, 4",  # unknown tag: the checker suggests the right one
        "burgers-betrekken, 4",
        "",  # no contact
        "",  # no link
    ]) + "\n"
    result = run("new", input=answers)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Fout (GV108): title: 4 tekens; dat moet 5 tot 120 zijn" in out
    assert "Fout (GV103): year: verwacht een jaartal zoals" in out
    assert "Fout (GV104): tags: onbekende tag 'burger-betrekken'; bedoelde je 'burgers-betrekken'?" in out
    # the vocabulary with its Dutch labels, by group, and the levels with their labels
    assert "Opgave: De belangrijkste opgaven" in out
    assert " 2  Burgers en bedrijven betrekken (burgers-betrekken)" in out
    assert " 3  Gemeente (gemeente)" in out
    text = (workdir / "cases" / "samen-de-begroting-lezen-met-inwoners.md").read_text(encoding="utf-8")
    assert "level: gemeente" in text and "status: afgerond" in text and "year: 2023" in text
    assert "tags: [burgers-betrekken, visie]" in text
    assert "links:" not in text and "contact:" not in text


@pytest.mark.parametrize("title, slug", [
    ("Coöperatie & IJsselmeer: één café", "cooperatie-en-ijsselmeer-een-cafe"),
    ("Wet open overheid (Woo) – actieve openbaarmaking", "wet-open-overheid-woo-actieve-openbaarmaking"),
    ("???", newcase.FALLBACK_SLUG),
])
def test_slugs_come_from_titles_without_accents(title, slug):
    assert newcase.slug_for(title) == slug


def test_slugs_of_long_titles_stay_within_the_limit_and_end_on_a_word():
    slug = newcase.slug_for("Een heel lange titel over open overheid " * 5)
    assert len(slug) <= schema.SLUG_MAX and not slug.endswith("-")
    assert slug.endswith(("open", "overheid", "over", "titel", "lange", "heel", "een"))


@pytest.mark.parametrize("value", [
    'Aanhalingstekens "zo" en \'zo\', een dubbele punt: en # een hekje',
    "Backslash \\ en tab\tin de tekst",
    "Onzichtbaar \x7f\x85\u2028 teken",
    "yes", "null", "2020", "- geen lijst", "[ook geen lijst]", "& geen anker", "! geen tag",
])
def test_any_answer_is_written_as_yaml_that_reads_back_as_the_same_text(value, vocabulary):
    text = "\n".join(["---", *newcase.front_matter_lines({"organisation": value}), "---", ""])
    _, problems = read_case("cases/x-y-z.md", text.encode("utf-8"), vocabulary, today=TODAY)
    assert not [p for p in problems if p.code in ("GV005", "GV008", "GV009", "GV010", "GV103")], problems
    assert frontmatter.loads(text)["organisation"] == value  # an independent reader agrees


# ---------------------------------------------------------------------------
# from-issue


@pytest.mark.parametrize("fixture, slug", [
    ("geldig-raadsinformatie.md", "raadsinformatie-van-voorbeeldstad-als-open-data"),
    ("geldig-dijkversterking-crlf.md", "inwonerspanel-over-de-dijkversterking"),
])
def test_a_submitted_issue_form_becomes_a_case_that_passes_the_checker(workdir, fixture, slug):
    result = run("from-issue", str(FORMS / fixture))
    assert result.exit_code == 0, result.output
    assert f"Geschreven: cases/{slug}.md" in result.output
    strict = run("check", "--strict")
    assert strict.exit_code == 0, strict.output
    assert "0 fouten, 0 waarschuwingen" in strict.output


def test_issue_answers_land_in_the_right_places(workdir, vocabulary):
    assert run("from-issue", str(FORMS / "geldig-raadsinformatie.md")).exit_code == 0
    data = (workdir / "cases" / "raadsinformatie-van-voorbeeldstad-als-open-data.md").read_bytes()
    case, problems = read_case("cases/raadsinformatie-van-voorbeeldstad-als-open-data.md", data, vocabulary,
                               today=TODAY)
    assert not problems
    assert case.organisation == "Gemeente Voorbeeldstad"
    assert (case.level, case.status, case.year) == ("gemeente", "lopend", 2019)
    assert case.tags == ("regels-en-informatie", "burgers-betrekken")  # a label with a comma in it
    assert [(l.title, l.url) for l in case.links] == [
        ("Website van de gemeente", "https://www.voorbeeldstad.nl/"),
        ("Open data van de raad", "https://data.voorbeeldstad.nl/raad"),
    ]
    assert case.contact == "info@voorbeeldstad.nl"
    assert case.added == TODAY
    assert [s.key for s in case.sections] == ["aanleiding", "aanpak", "resultaat", "lessen"]
    assert "### Eerste ervaringen" in case.section("aanpak").markdown  # a heading inside an answer stays there


def test_a_missing_required_answer_gives_the_checkers_message_and_no_file(workdir):
    report = workdir / "reactie.md"
    result = run("from-issue", "--report", str(report), str(FORMS / "ontbrekende-aanpak.md"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "cases/spreekuur-over-de-woo-in-de-bibliotheek.md:11:1: error GV201: sectie '## Aanpak' ontbreekt")
    assert not (workdir / "cases" / "spreekuur-over-de-woo-in-de-bibliotheek.md").exists()
    comment = report.read_text(encoding="utf-8")
    assert "- **Aanpak** (fout GV201):" in comment
    assert "error GV201: sectie '## Aanpak' ontbreekt" in comment
    assert "https://open-overheid.github.io/goed-voorbeeld/bijdragen/#meldingen-van-de-controle" in comment


def test_wrong_answers_are_each_reported_under_their_question(workdir):
    report = workdir / "reactie.md"
    result = run("from-issue", "--report", str(report), str(FORMS / "ongeldige-antwoorden.md"))
    assert result.exit_code == 1
    codes = re.findall(r"error (GV\d+)", result.stderr)
    assert codes == ["GV108", "GV108", "GV103", "GV104", "GV113", "GV114", "GV205"]
    assert "links[1].url: 'javascript:alert(1)' is niet toegestaan" in result.stderr
    comment = report.read_text(encoding="utf-8")
    for question in ("Titel", "Samenvatting", "Startjaar", "Tags", "Links", "Contact", "Aanpak"):
        assert f"- **{question}** (fout " in comment
    assert "<script>" not in comment.split("<details>")[0]  # escaped in the list, raw only in the code block
    assert not (workdir / "cases" / "open.md").exists()


def test_from_issue_reads_standard_input(workdir):
    body = (FORMS / "geldig-raadsinformatie.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["from-issue", "-"], input=body)
    assert result.exit_code == 0, result.output
    assert (workdir / "cases" / "raadsinformatie-van-voorbeeldstad-als-open-data.md").exists()


def test_from_issue_does_not_overwrite_an_existing_case(workdir):
    assert run("from-issue", str(FORMS / "geldig-raadsinformatie.md")).exit_code == 0
    result = run("from-issue", "--report", "r.md", str(FORMS / "geldig-raadsinformatie.md"))
    assert result.exit_code == 1
    assert "Er bestaat al een voorbeeld met de bestandsnaam" in Path("r.md").read_text(encoding="utf-8")


def test_the_same_title_as_another_case_is_reported_like_the_checker_does(workdir):
    body = (FORMS / "geldig-raadsinformatie.md").read_text(encoding="utf-8").replace(
        "Raadsinformatie van Voorbeeldstad als open data", "INTERNETCONSULTATIE: iedereen kan reageren op nieuwe "
                                                           "wetten en regels")
    Path("issue.md").write_text(body, encoding="utf-8")
    result = run("from-issue", "--report", "r.md", "issue.md")
    assert result.exit_code == 1
    slug = "internetconsultatie-iedereen-kan-reageren-op-nieuwe-wetten-en-regels"
    # the checker reports it on whichever of the two files comes second in file name order
    assert (f"cases/internetconsultatie.md:2:1: warning GV013: dezelfde titel als cases/{slug}.md"
            in result.stderr)
    assert not (workdir / "cases" / f"{slug}.md").exists()
    assert "- **Titel** (waarschuwing GV013)" in Path("r.md").read_text(encoding="utf-8")


def test_text_that_is_not_a_form_is_explained(workdir):
    Path("los.md").write_text("Hallo, ik heb een goed voorbeeld!\n", encoding="utf-8")
    result = run("from-issue", "--report", "r.md", "los.md")
    assert result.exit_code == 1
    assert "geen ingevuld formulier" in Path("r.md").read_text(encoding="utf-8")


def test_every_question_of_the_generated_form_is_read_back(vocabulary):
    """A body as GitHub renders it from the generated form, for every question, reads back to the same case."""
    data = issueform.form(vocabulary)
    answers = {
        "title": "Een volledig ingevuld formulier", "summary": "Elke vraag van het formulier heeft hier een antwoord.",
        "organisation": "Provincie Voorbeeldland", "year": "2020",
        "aanleiding": "Waarom.", "aanpak": "Hoe.", "resultaat": "Wat.", "lessen": "Lessen.",
        "gespreksvraag": "Wat zou er nodig zijn om dit te laten slagen?",
        "links": "https://www.voorbeeldland.nl/", "contact": "https://www.voorbeeldland.nl/contact",
    }
    blocks = []
    for item in data["body"]:
        if item["type"] == "markdown":
            continue
        label = item["attributes"]["label"]
        options = item["attributes"].get("options", [])
        if item["type"] == "dropdown":
            answer = ", ".join(options[-2:]) if item["attributes"].get("multiple") else options[-1]
        elif item["type"] == "checkboxes":
            answer = "\n".join(f"- [X] {o['label']}" for o in options)
        else:
            answer = answers[item["id"]]
        blocks.append(f"### {label}\n\n{answer}")
    parsed = issueform.parse_body("\n\n".join(blocks))
    draft = issueform.draft_from_answers(parsed, vocabulary, TODAY)
    last_two = [t.slug for g in vocabulary.groups for t in g.tags][-2:]
    assert draft.values["tags"] == last_two
    assert (draft.values["level"], draft.values["status"]) == (list(schema.LEVELS)[-1], list(schema.STATUSES)[-1])
    assert draft.values["links"] == [("www.voorbeeldland.nl", "https://www.voorbeeldland.nl/")]
    assert set(draft.sections) == {s.key for s in schema.SECTIONS}
    text = newcase.render(draft)
    _, problems = read_case("cases/een-volledig-ingevuld-formulier.md", text.encode(), vocabulary, today=TODAY)
    assert problems == []


def test_multiple_choice_answers_split_on_commas_except_inside_an_option():
    options = ["Versimpelen regels, informatie vinden", "Visie", "A, B, C"]
    assert issueform.split_choices("Versimpelen regels, informatie vinden, Visie", options) == options[:2]
    assert issueform.split_choices("A, B, C, Visie, Onbekend", options) == ["A, B, C", "Visie", "Onbekend"]


# ---------------------------------------------------------------------------
# forms


def test_committed_issue_form_equals_the_generated_one(vocabulary):
    from goedvoorbeeld.contribute.commands import _guide_url

    for name, content in form_files(vocabulary, _guide_url(str(ROOT / "mkdocs.yml"))).items():
        committed = (ROOT / name).read_text(encoding="utf-8")
        assert committed == content, f"{name} is out of date: run `goedvoorbeeld forms`"


def test_the_form_offers_every_level_status_and_tag_with_its_dutch_label(vocabulary):
    data = yaml.safe_load((ROOT / issueform.FORM_FILE).read_text(encoding="utf-8"))
    items = {i.get("id"): i for i in data["body"]}
    assert items["level"]["attributes"]["options"] == list(schema.LEVELS.values())
    assert items["status"]["attributes"]["options"] == list(schema.STATUSES.values())
    assert items["tags"]["attributes"]["options"] == [t.label for g in vocabulary.groups for t in g.tags]
    assert items["tags"]["attributes"]["multiple"] is True
    assert data["labels"] == [issueform.LABEL]
    required = {i["id"] for i in data["body"] if i.get("validations", {}).get("required")}
    assert required == {f.name for f in schema.FIELDS if f.required and f.name != "added"} | {
        s.key for s in schema.SECTIONS if s.required}


def test_forms_command_writes_and_then_reports_the_form_up_to_date(workdir):
    result = run("forms")
    assert result.exit_code == 0
    assert (workdir / issueform.FORM_FILE).read_text(encoding="utf-8") == (ROOT / issueform.FORM_FILE).read_text(
        encoding="utf-8")
    assert run("forms", "--check").exit_code == 0
    tags = workdir / "cases" / "tags.yml"
    tags.write_text(tags.read_text(encoding="utf-8").replace("label: Ambassadeurschap", "label: Ambassadeurs"),
                    encoding="utf-8")
    stale = run("forms", "--check")
    assert stale.exit_code == 1
    assert "voer 'goedvoorbeeld forms' uit" in stale.output
