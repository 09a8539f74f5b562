"""The case form at /bijdragen/nieuw/ in a real Chromium, on the fixture site built once (conftest).

Keyboard only; the checker's codes next to their fields; the downloaded file passes `goedvoorbeeld check
--strict`; a reload keeps the draft; the mail and pull-request links hold the exact file; no request leaves
the site; axe finds nothing serious at desktop and phone width; the rules in Chromium agree with Python.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from click.testing import CliRunner

from conftest import ROOT, run_axe
from form_drafts import drafts
import goedvoorbeeld.site.caseform as caseform
from goedvoorbeeld.cli import main
from goedvoorbeeld.check.vocabulary import load_vocabulary
from test_case_form_rules import python_side

FORM = "bijdragen/nieuw/"
SUMMARY_TEXT = "De gemeente zet alle raadsstukken als open data online, zodat inwoners ze kunnen vinden."


def open_form(page, base: str):
    page.goto(base + FORM)
    page.wait_for_selector("#gv-form:not([hidden])")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.wait_for_selector("#gv-form:not([hidden])")


def tab_to(page, element_id: str, limit: int = 120) -> None:
    """Press Tab until the element has the focus (keyboard only); fails when it never gets it."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} kreeg nooit de focus met Tab")


def type_into(page, element_id: str, text: str) -> None:
    tab_to(page, element_id)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def fill_by_keyboard(page, tags: int) -> None:
    """A whole case, typed: every field reached with Tab, choices with letters, tags with Space."""
    type_into(page, "gv-f-title", "Raadsstukken als open data")
    type_into(page, "gv-f-summary", "Te kort.")
    type_into(page, "gv-f-organisation", "Gemeente Testdorp")
    tab_to(page, "gv-f-level")
    page.keyboard.type("gemeente")
    tab_to(page, "gv-f-status")
    page.keyboard.type("lopend")
    type_into(page, "gv-f-year", "2021")
    boxes = page.eval_on_selector_all("input[name=tags]", "els => els.map(e => e.id)")
    for box in boxes[:tags]:
        tab_to(page, box)
        page.keyboard.press("Space")
    type_into(page, "gv-f-section-aanleiding", "Inwoners konden raadsstukken moeilijk vinden.")
    type_into(page, "gv-f-section-aanpak", "De griffie publiceert elk stuk als open data.\n\n- elke week\n- met een vaste link")


def fill_quickly(page, tags: int) -> None:
    """The same case as `fill_by_keyboard`, filled in directly (for tests about something else)."""
    page.fill("#gv-f-title", "Raadsstukken als open data")
    page.fill("#gv-f-summary", "Te kort.")
    page.fill("#gv-f-organisation", "Gemeente Testdorp")
    page.select_option("#gv-f-level", "gemeente")
    page.select_option("#gv-f-status", "lopend")
    page.fill("#gv-f-year", "2021")
    for box in page.locator("input[name=tags]").all()[:tags]:
        box.check()
    page.fill("#gv-f-section-aanleiding", "Inwoners konden raadsstukken moeilijk vinden.")
    page.fill("#gv-f-section-aanpak", "De griffie publiceert elk stuk als open data.")


def field_error(page, field: str) -> str:
    return page.inner_text(f"#gv-f-{field}-fout") if page.is_visible(f"#gv-f-{field}-fout") else ""


@pytest.fixture
def form(page, fixture_server):
    open_form(page, fixture_server)
    return page


def test_keyboard_only_shows_the_checkers_codes_at_their_fields_and_downloads_a_file_check_strict_accepts(
        form, fixture_server, tmp_path):
    page = form
    fill_by_keyboard(page, tags=6)
    # Beside its Dutch label the message leaves out the file's English key ("summary: ").
    assert field_error(page, "summary") == "Fout GV108: 8 tekens; dat moet 20 tot 400 zijn"
    assert "GV106" in field_error(page, "tags") and "6 tags; het maximum is 5" in field_error(page, "tags")
    assert page.inner_text("#gv-f-tags-telling") == "Gekozen: 6 van hoogstens 5."
    summary = page.locator("#gv-f-summary")
    assert summary.get_attribute("aria-invalid") == "true"
    assert "gv-f-summary-fout" in summary.get_attribute("aria-describedby").split()
    first_tag = page.locator("input[name=tags]").first
    assert "gv-f-tags-fout" in first_tag.get_attribute("aria-describedby").split()
    # Sending is refused while the checker finds something; the focus goes to the summary of problems.
    tab_to(page, "gv-f-download")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "gv-f-samenvatting"
    assert "GV108" in page.inner_text("#gv-f-problemen")

    # Fix both, still by keyboard.
    type_into(page, "gv-f-summary", SUMMARY_TEXT)
    sixth = page.eval_on_selector_all("input[name=tags]:checked", "els => els.map(e => e.id)")[5]
    tab_to(page, sixth)
    page.keyboard.press("Space")
    assert field_error(page, "summary") == "" and field_error(page, "tags") == ""
    assert page.locator("#gv-f-summary").get_attribute("aria-invalid") is None
    assert page.inner_text("#gv-f-problemen") == ""
    page.wait_for_function("() => document.getElementById('gv-f-melding').textContent.includes('niets meer')")

    tab_to(page, "gv-f-download")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == "raadsstukken-als-open-data.md"
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(ROOT / "cases" / "tags.yml", cases / "tags.yml")
    saved = cases / download.suggested_filename
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8") == page.text_content("#gv-f-text")
    result = CliRunner().invoke(main, ["check", "--strict", str(cases)])
    assert result.exit_code == 0, result.output
    text = saved.read_text(encoding="utf-8")
    assert f"summary: \"{SUMMARY_TEXT}\"" in text and "## Aanpak" in text

    # The pull-request link and the mail link carry exactly that file.
    href = page.get_attribute("#gv-f-pr", "href")
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/open-overheid/goed-voorbeeld/new/main"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["filename"] == ["cases/raadsstukken-als-open-data.md"]
    assert query["value"] == [text]
    mail = page.get_attribute("#gv-f-mail", "href")
    assert mail.startswith("mailto:redactie@example.org?")
    assert unquote(mail.split("&body=", 1)[1]) == text
    assert not page.console_errors
    origin = fixture_server.rstrip("/")
    off = [u for u in page.requests if not u.startswith((origin, "blob:", "data:"))]
    assert not off, off


def test_a_reload_keeps_the_draft_and_starting_again_asks_first(form):
    page = form
    type_into(page, "gv-f-title", "Een concept dat blijft")
    type_into(page, "gv-f-section-lessen", "Begin klein.")
    tab_to(page, "gv-f-tag-visie")
    page.keyboard.press("Space")
    page.reload()
    page.wait_for_selector("#gv-form:not([hidden])")
    assert page.input_value("#gv-f-title") == "Een concept dat blijft"
    assert page.input_value("#gv-f-section-lessen") == "Begin klein."
    assert page.is_checked("#gv-f-tag-visie")
    assert "teruggezet" in page.inner_text("#gv-f-saved")

    questions = []
    page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    tab_to(page, "gv-f-reset")
    page.keyboard.press("Enter")
    assert questions and "Opnieuw beginnen" in questions[0]
    assert page.input_value("#gv-f-title") == "Een concept dat blijft"  # said no: nothing lost

    tab_to(page, "gv-f-text")  # Tab leads on past the form: no keyboard trap
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.id") != "gv-f-text"

    page.once("dialog", lambda d: d.accept())
    tab_to(page, "gv-f-reset")
    page.keyboard.press("Enter")
    assert page.input_value("#gv-f-title") == ""
    assert page.input_value("#gv-f-added") == dt.date.today().isoformat()
    page.reload()
    page.wait_for_selector("#gv-form:not([hidden])")
    assert page.input_value("#gv-f-title") == ""


def test_a_file_too_long_for_a_mail_link_goes_to_the_clipboard(form, browser, fixture_server):
    page = form
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=fixture_server.rstrip("/"))
    fill_quickly(page, tags=2)
    page.fill("#gv-f-summary", SUMMARY_TEXT)
    page.fill("#gv-f-section-resultaat", "Meer inwoners lezen mee. " * 80)
    page.wait_for_function("() => document.getElementById('gv-f-melding').textContent.includes('niets meer')")
    href = page.get_attribute("#gv-f-mail", "href")
    assert href.startswith("mailto:") and len(href) <= 2000
    assert "klembord" in unquote(href)
    page.evaluate("() => { document.getElementById('gv-f-mail').addEventListener('click', e => e.preventDefault()); }")
    tab_to(page, "gv-f-mail")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('gv-f-send-status').textContent.includes('klembord')")
    assert page.evaluate("() => navigator.clipboard.readText()") == page.text_content("#gv-f-text")


def test_the_preview_shows_markup_as_text_and_only_safe_links(form):
    page = form
    type_into(page, "gv-f-section-aanleiding",
              'Eerst <img src=x onerror="window.hacked=1"> dan [klik](javascript:alert(1)) en [site](https://example.org/) '
              "met **vet**.")
    preview = page.locator("#gv-f-preview")
    assert preview.locator("img, script").count() == 0
    assert "<img src=x" in preview.inner_text()
    assert [a.get_attribute("href") for a in preview.locator("a").all()] == ["https://example.org/"]
    assert preview.locator("strong").inner_text() == "vet"
    assert "GV205" in field_error(page, "section-aanleiding") and "GV206" in field_error(page, "section-aanleiding")
    assert page.evaluate("() => window.hacked") is None


def test_a_kept_draft_with_a_tag_no_longer_in_the_list_shows_it_and_lets_it_go(form):
    page = form
    draft = {"title": "Een oud concept", "tags": ["visie", "burger-betrekken"], "links": [], "sections": {}}
    page.evaluate("d => localStorage.setItem('goedvoorbeeld-concept', JSON.stringify({draft: d}))", draft)
    page.reload()
    page.wait_for_selector("#gv-form:not([hidden])")
    assert page.is_checked("#gv-f-tag-visie")
    extra = page.locator("#gv-f-tags-extra input[name=tags]")
    assert extra.count() == 1 and extra.is_checked() and extra.get_attribute("value") == "burger-betrekken"
    assert "GV104" in field_error(page, "tags") and "bedoelde je 'burgers-betrekken'?" in field_error(page, "tags")
    extra.focus()
    page.keyboard.press("Space")
    assert "GV104" not in field_error(page, "tags")


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_serious_with_problems_shown(form, width):
    page = form
    page.set_viewport_size({"width": width, "height": 900})
    fill_quickly(page, tags=6)
    tab_to(page, "gv-f-download")
    page.keyboard.press("Enter")  # refused: every problem is shown at its field
    assert page.locator(".gv-f-error:not([hidden])").count() >= 2
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    assert run_axe(page) == []


def test_the_rules_in_chromium_agree_with_python(form, tmp_path):
    vocabulary = load_vocabulary(ROOT / "cases" / "tags.yml")
    today = dt.date.today()
    data = json.loads(form.text_content("#gv-form-data"))
    items = drafts(vocabulary, today, 120, seed=31)
    results = form.evaluate("([items, data, today]) => items.map(d => GVForm.check(d, data, today))",
                            [items, data, today.isoformat()])
    compared = 0
    for draft, js in zip(items, results):
        py = python_side(draft, vocabulary, tmp_path, today)
        assert js["text"] == py["text"] and js["slug"] == py["slug"]
        if js["needsRendering"]:
            continue
        assert sorted((p["code"], p["message"]) for p in js["problems"]) == py["problems"], draft
        compared += 1
    assert compared >= 100


def test_tabbing_through_the_tags_says_nothing_until_a_tag_is_changed(form):
    """Passing the tag boxes with Tab is not choosing: no 'verplicht' before the person changed a tag. Checking
    and unchecking one is a change, and then the missing tags are reported."""
    page = form
    boxes = page.eval_on_selector_all("input[name=tags]", "els => els.map(e => e.id)")
    tab_to(page, boxes[0])
    for _ in boxes:
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") != "tags"  # left the whole group
    assert field_error(page, "tags") == ""
    assert "gv-f-invalid" not in page.get_attribute("#gv-f-tags-veld", "class")
    assert page.inner_text("#gv-f-problemen") == ""

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    assert field_error(page, "tags") == "Fout GV101: dit veld is verplicht"
    assert "gv-f-invalid" in page.get_attribute("#gv-f-tags-veld", "class")
    assert not page.console_errors


BORDERS = """() => {
  const box = getComputedStyle(document.getElementById('gv-f-samenvatting')).borderTopColor;
  const error = document.querySelector('.gv-f-error');
  error.hidden = false;  // the colour of an error message, read from the page's own style
  const red = getComputedStyle(error).color;
  error.hidden = true;
  return [box, red];
}"""


def test_the_check_box_looks_neutral_on_a_blank_form_and_red_once_it_lists_a_problem(form):
    page = form
    box, red = page.evaluate(BORDERS)
    assert page.inner_text("#gv-f-problemen") == ""
    assert box != red, "the empty 'Controle' box has the error colour on a blank form"
    tab_to(page, "gv-f-download")
    page.keyboard.press("Enter")  # refused: now the problems are listed
    assert "GV101" in page.inner_text("#gv-f-problemen")
    box, red = page.evaluate(BORDERS)
    assert box == red
    assert not page.console_errors


def test_a_problem_in_a_link_title_shows_beside_that_link_row(form):
    """A hidden direction character in the title of the second link row (the first left blank): GV016 shows in
    that row's box, said to be about the title, and the title box (not the address) is marked."""
    page = form
    page.click("#gv-f-link-add")
    page.fill("#gv-f-link-1-title", "Bron\u202eX")
    page.fill("#gv-f-link-1", "https://example.org/")
    page.locator("#gv-f-link-1").blur()
    assert field_error(page, "link-1").startswith("Fout GV016: titel: teken U+202E")
    assert field_error(page, "link-0") == ""
    assert page.get_attribute("#gv-f-link-1-title", "aria-invalid") == "true"
    assert "gv-f-link-1-fout" in page.get_attribute("#gv-f-link-1-title", "aria-describedby").split()
    assert page.get_attribute("#gv-f-link-1", "aria-invalid") is None
    item = page.locator("#gv-f-problemen li", has_text="GV016")
    assert item.locator("a").inner_text() == "Link 2"
    item.locator("a").click()
    assert page.evaluate("() => document.activeElement.id") == "gv-f-link-1-title"

    page.fill("#gv-f-link-1-title", "Bron")
    assert field_error(page, "link-1") == ""
    assert page.get_attribute("#gv-f-link-1-title", "aria-invalid") is None
    assert not page.console_errors


def test_the_kept_draft_holds_only_the_answers_and_a_draft_kept_by_the_previous_version_still_loads(form):
    """The browser keeps what the person filled in and nothing derived from it: the tags no longer in the list
    follow from the chosen tags. A draft kept before this change (with its derived "extraTags") still loads."""
    page = form
    fields = page.evaluate("() => JSON.parse(document.getElementById('gv-form-data').textContent).fields"
                           ".map(f => [f.name, f.kind])")
    draft = {name: "" for name, kind in fields if kind not in ("tags", "links")}
    draft.update({"title": "Een bewaard concept", "added": dt.date.today().isoformat(),
                  "tags": ["visie", "burger-betrekken"], "links": [{"title": "Site", "url": "https://example.org/"}],
                  "sections": {"aanleiding": "Waarom dit begon."}})
    kept = {"draft": draft, "extraTags": ["burger-betrekken"]}  # as the previous version saved it
    page.evaluate("k => localStorage.setItem('goedvoorbeeld-concept', JSON.stringify(k))", kept)
    page.reload()
    page.wait_for_selector("#gv-form:not([hidden])")
    assert "teruggezet" in page.inner_text("#gv-f-saved")
    assert page.input_value("#gv-f-title") == "Een bewaard concept"
    assert page.input_value("#gv-f-link-0") == "https://example.org/"
    assert page.input_value("#gv-f-section-aanleiding") == "Waarom dit begon."
    assert page.is_checked("#gv-f-tag-visie")
    assert page.eval_on_selector_all("#gv-f-tags-extra input:checked", "els => els.map(e => e.value)") == [
        "burger-betrekken"]

    page.fill("#gv-f-title", "Een nieuwe titel")
    stored = json.loads(page.evaluate("() => localStorage.getItem('goedvoorbeeld-concept')"))
    assert list(stored) == ["draft"]
    assert stored["draft"] == {**draft, "title": "Een nieuwe titel",
                               "sections": {**{k: "" for k in stored["draft"]["sections"]}, "aanleiding": "Waarom dit begon."}}
    page.reload()  # and the draft this version keeps loads the same way, the unknown tag included
    page.wait_for_selector("#gv-form:not([hidden])")
    assert page.input_value("#gv-f-title") == "Een nieuwe titel"
    assert page.eval_on_selector_all("#gv-f-tags-extra input:checked", "els => els.map(e => e.value)") == [
        "burger-betrekken"]
    assert not page.console_errors
