"""The meeting kit: the presentation of the five and of a saved selection (keys, address, overview, blank screen,
fitting the screen, the offline file, printing, QR codes, accessibility) and the share page with its message.

One real MkDocs build serves every test: the fixture library plus a case whose every text is as long as the
checker allows (tests/fixtures/meeting/lange-teksten-overal.md, so that fitting the screen is really needed) and
one saved selection (tests/fixtures/meeting/, three cases of which one is no longer in the library).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, run_axe, debian_tool as tool
from goedvoorbeeld.check.cases import Case, Section, load_library
from goedvoorbeeld.cli import main
from goedvoorbeeld.site.presentation import result_text
from goedvoorbeeld.site.render import dutch_date

MEETING = FIXTURES / "meeting"
SELECTION = "selecties/2026-11-20-netwerkdag/"
SITE_URL = "https://open-overheid.github.io/goed-voorbeeld/"
SIZES = [(1920, 1080), (1280, 720), (1024, 768)]
SCREEN = (1280, 720)  # a projector's 16:9, for the tests that need no other size


def add_the_meeting_files(project) -> None:
    """The fixture library plus the case with the longest texts and the saved selection."""
    shutil.copy(MEETING / "lange-teksten-overal.md", project.cases)
    (project.cases / "selecties").mkdir()
    shutil.copy(MEETING / "2026-11-20-netwerkdag.yml", project.cases / "selecties")


@pytest.fixture(scope="module")
def meeting_site(served_build):
    """That library, built once (strict) and served (conftest's served_build)."""
    return served_build("meeting", add_the_meeting_files)[0]


@pytest.fixture(scope="module")
def server(served_build):
    return served_build("meeting", add_the_meeting_files)[1]


def expected_slides(site: Path, folder: str) -> list[str]:
    """The slide titles as the page's own overview lists them (title slide, cases, closing slide)."""
    html = (site / folder / "presentatie" / "index.html").read_text(encoding="utf-8")
    return re.findall(r'aria-label="Dia \d+ van \d+: ([^"]*)"', html)


def shown(pg) -> dict:
    return pg.evaluate("""() => {
        const visible = [...document.querySelectorAll('.gv-slide')].filter(s => !s.hidden);
        return {ids: visible.map(s => s.id), hash: location.hash,
                status: document.getElementById('gv-status').textContent};
    }""")


# -- keys, address, overview, blank ------------------------------------------------------------------------

@pytest.mark.parametrize("folder", ["top-5/", SELECTION])
def test_keys_move_through_the_slides_and_the_slide_is_announced(make_page, server, meeting_site, folder):
    titles = expected_slides(meeting_site.site, folder)
    last = len(titles)
    pg = make_page(*SCREEN)
    pg.goto(server + folder + "presentatie/")
    assert shown(pg)["ids"] == ["1"] and shown(pg)["hash"] == "#1"
    steps = [("ArrowRight", 2), ("ArrowDown", 3), ("ArrowLeft", 2), ("PageDown", 3), ("PageUp", 2),
             ("Space", 3), ("ArrowUp", 2), ("End", last), ("PageDown", last), ("Home", 1), ("PageUp", 1)]
    for key, number in steps:
        pg.keyboard.press(key)
        state = shown(pg)
        assert state["ids"] == [str(number)], (key, state)
        assert state["hash"] == f"#{number}"
        assert state["status"] == f"Dia {number} van {last}: {titles[number - 1]}", key
    assert pg.get_attribute("#gv-status", "aria-live") == "polite"
    assert pg.console_errors == []


def test_without_javascript_the_slides_are_one_long_page(browser, server, meeting_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 720})
    try:
        pg = context.new_page()
        pg.goto(server + "top-5/presentatie/")
        titles = expected_slides(meeting_site.site, "top-5/")
        assert pg.locator(".gv-slide").count() == len(titles)
        assert all(s.is_visible() for s in pg.locator(".gv-slide").all())
        assert pg.locator("#gv-controls").is_hidden() and pg.locator("#gv-overview").is_hidden()
    finally:
        context.close()


def test_a_reload_on_slide_3_stays_on_slide_3(make_page, server):
    pg = make_page(*SCREEN)
    pg.goto(server + "top-5/presentatie/#3")
    assert shown(pg)["ids"] == ["3"]
    pg.keyboard.press("PageDown")
    assert shown(pg)["hash"] == "#4"
    pg.reload()
    assert shown(pg)["ids"] == ["4"] and shown(pg)["hash"] == "#4"


def test_an_address_past_the_last_slide_shows_the_last_one(make_page, server, meeting_site):
    last = len(expected_slides(meeting_site.site, "top-5/"))
    pg = make_page(*SCREEN)
    pg.goto(server + "top-5/presentatie/#99")
    assert shown(pg)["ids"] == [str(last)] and shown(pg)["hash"] == f"#{last}"


def test_f_switches_full_screen_on_and_off(make_page, server):
    pg = make_page(*SCREEN)
    pg.goto(server + "top-5/presentatie/#2")
    pg.keyboard.press("f")
    pg.wait_for_function("document.fullscreenElement === document.documentElement")
    assert shown(pg)["ids"] == ["2"]
    pg.keyboard.press("F")
    pg.wait_for_function("document.fullscreenElement === null")
    assert pg.console_errors == []


def test_the_overview_lists_every_slide_and_takes_you_to_the_one_chosen(make_page, server, meeting_site):
    titles = expected_slides(meeting_site.site, "top-5/")
    pg = make_page(*SCREEN)
    pg.goto(server + "top-5/presentatie/#2")
    overview = pg.locator("#gv-overview")
    assert overview.is_hidden()
    pg.keyboard.press("Escape")
    assert overview.is_visible()
    links = overview.get_by_role("link")
    assert links.all_inner_texts() == [f"{n}. {t}" for n, t in enumerate(titles, start=1)]
    assert pg.evaluate("document.activeElement.getAttribute('href')") == "#2"  # focus on the slide shown
    assert pg.get_attribute("#gv-overview a[href='#2']", "aria-current") == "true"
    assert run_axe(pg) == []
    pg.keyboard.press("o")  # O closes it again, on the same slide
    assert overview.is_hidden() and shown(pg)["ids"] == ["2"]
    pg.keyboard.press("O")
    links.nth(4).click()
    assert overview.is_hidden()
    assert shown(pg)["ids"] == ["5"] and shown(pg)["hash"] == "#5"
    pg.keyboard.press("o")
    pg.keyboard.press("Tab")  # from slide 5 to the link of slide 6, chosen with Enter
    pg.keyboard.press("Enter")
    assert overview.is_hidden() and shown(pg)["ids"] == ["6"]


def test_b_blanks_the_screen_and_the_next_key_brings_the_slide_back(make_page, server):
    pg = make_page(*SCREEN)
    pg.goto(server + "top-5/presentatie/#3")
    blank = pg.locator("#gv-blank")
    assert blank.is_hidden()
    pg.keyboard.press("b")
    assert blank.is_visible()
    box = blank.bounding_box()
    assert (box["width"], box["height"]) == (1280, 720)
    assert pg.evaluate("getComputedStyle(document.getElementById('gv-blank')).backgroundColor") == "rgb(0, 0, 0)"
    assert pg.locator("#gv-status").inner_text() == "Zwart scherm"
    pg.keyboard.press("PageDown")  # ends the black screen, and does not move on
    assert blank.is_hidden() and shown(pg)["ids"] == ["3"]
    pg.keyboard.press("B")
    pg.keyboard.press("B")
    assert blank.is_hidden() and shown(pg)["ids"] == ["3"]


@pytest.mark.parametrize("motion, animation", [("reduce", "none"), ("no-preference", "gv-fade")])
def test_slides_change_without_animation_when_reduced_motion_is_asked(make_page, server, motion, animation):
    pg = make_page(*SCREEN, reduced_motion=motion)
    pg.goto(server + "top-5/presentatie/")
    pg.keyboard.press("ArrowRight")
    assert pg.evaluate("getComputedStyle(document.getElementById('2')).animationName") == animation


# -- fitting the screen -------------------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("folder", ["top-5/", SELECTION])
def test_no_slide_scrolls(make_page, server, meeting_site, folder, width, height):
    count = len(expected_slides(meeting_site.site, folder))
    pg = make_page(width, height)
    pg.goto(server + folder + "presentatie/")
    fits = []
    for number in range(1, count + 1):
        if number > 1:
            pg.keyboard.press("ArrowRight")
        state = pg.evaluate("""() => {
            const s = document.querySelector('.gv-slide:not([hidden])');
            const doc = document.scrollingElement;
            return {id: s.id, fit: parseFloat(s.style.getPropertyValue('--gv-fit')),
                    slide: [s.scrollHeight, s.clientHeight, s.scrollWidth, s.clientWidth],
                    page: [doc.scrollHeight, doc.scrollWidth]};
        }""")
        assert state["id"] == str(number)
        sh, ch, sw, cw = state["slide"]
        assert sh <= ch and sw <= cw, state
        assert state["page"] == [height, width], state
        fits.append(state["fit"])
    if folder == "top-5/":  # the long case is slide 2: its text had to shrink, the short ones did not
        assert fits[1] < 1 and fits[0] == 1
    assert min(fits) >= 0.5


# -- the offline file ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", ["top-5/", SELECTION])
def test_the_offline_file_shows_every_slide_from_disk_with_every_request_blocked(make_page, server, meeting_site,
                                                                                  folder):
    site = meeting_site.site
    online = (site / folder / "presentatie" / "index.html").read_text(encoding="utf-8")
    name = re.search(r'<a class="gv-control" href="([^"]+)" download>Download voor offline gebruik</a>', online)
    assert name, "the presentation links its offline file with `download`"
    offline = site / folder / "presentatie" / name.group(1)
    url = offline.as_uri()
    titles = expected_slides(site, folder)
    pg = make_page(1024, 768)
    asked = []

    def block(route):
        asked.append(route.request.url)
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    pg.route("**/*", block)
    pg.goto(url)
    for number, title in enumerate(titles, start=1):
        if number > 1:
            pg.keyboard.press("PageDown")
        slide = pg.locator(f".gv-slide:not([hidden])")
        assert slide.get_attribute("id") == str(number)
        assert slide.get_attribute("aria-label").endswith(title)
        assert slide.locator("h1, h2").first.is_visible()
        sh, ch = pg.evaluate("() => { const s = document.querySelector('.gv-slide:not([hidden])');"
                             " return [s.scrollHeight, s.clientHeight]; }")
        assert sh <= ch
    assert asked == [url] and pg.requests == [url]
    assert pg.console_errors == []
    # The same slides as online, and the QR codes inline.
    html = offline.read_text(encoding="utf-8")
    assert html.count("<svg role=\"img\"") == online.count("<svg role=\"img\"") == len(titles) - 1 - (
        1 if folder == SELECTION else 0)  # the selection's third case is gone: no QR code for it
    assert "Download voor offline gebruik" not in html


def test_the_presentation_on_the_site_asks_only_its_own_site(make_page, server):
    pg = make_page(*SCREEN)
    pg.goto(server + "top-5/presentatie/")
    pg.wait_for_load_state("networkidle")
    assert pg.requests and all(r.startswith(server) for r in pg.requests), pg.requests
    assert pg.console_errors == []


# -- printing and QR codes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", ["top-5/", SELECTION])
def test_printing_gives_one_landscape_page_per_slide_and_each_qr_code_opens_the_public_address(
        make_page, server, meeting_site, tmp_path, folder):
    for name in ("pdfinfo", "pdftoppm", "zbarimg"):
        tool(name)
    html = (meeting_site.site / folder / "presentatie" / "index.html").read_text(encoding="utf-8")
    slides = re.findall(r'<section class="gv-slide gv-slide-(\w+)"(.*?)</section>', html, re.S)
    pg = make_page(*SCREEN)
    pg.goto(server + folder + "presentatie/#3")  # printing shows every slide, not just the one on screen
    pg.emulate_media(media="print")
    pg.set_viewport_size({"width": 1056, "height": 816})  # a landscape Letter page at 96 dpi, as printed
    overflow = pg.evaluate("""() => [...document.querySelectorAll('.gv-slide')].map(
        s => [s.id, getComputedStyle(s).display, s.scrollHeight <= s.clientHeight])""")
    assert overflow == [[str(n), "flex", True] for n in range(1, len(slides) + 1)]
    pdf = tmp_path / "presentatie.pdf"
    pg.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"^Pages:\s+{len(slides)}$", info, re.M), info
    width, height = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups())
    assert width > height, (width, height)
    subprocess.run([tool("pdftoppm"), "-r", "72", "-png", str(pdf), str(tmp_path / "dia")], check=True)
    images = sorted(tmp_path.glob("dia-*.png"))
    assert len(images) == len(slides)
    with_address = [body for kind, body in slides if kind == "case" and "<figcaption><a href=" in body]
    assert len(with_address) >= len([k for k, _ in slides if k == "case"]) - 1  # at most one case has left
    for image, (kind, body) in zip(images, slides):
        found = subprocess.run([tool("zbarimg"), "--raw", "-q", str(image)], capture_output=True, text=True)
        links = re.findall(r'<figcaption><a href="([^"]+)"', body)
        if kind == "closing":
            expected = [SITE_URL + "bijdragen/"]
        elif kind == "case" and links:
            expected = links
            assert links[0].startswith(SITE_URL + "voorbeelden/")
        else:  # the title slide, and a case no longer in the library
            expected = []
        assert found.stdout.split() == expected, (image.name, kind, found.stderr)


def test_the_slides_of_the_five_follow_the_ranking(meeting_site):
    import json

    five = json.loads((meeting_site.site / "data" / "top-5.json").read_text(encoding="utf-8"))
    titles = expected_slides(meeting_site.site, "top-5/")
    assert titles == ["De vijf van nu", *(c["title"] for c in five), "Deel jouw voorbeeld"]
    html = (meeting_site.site / "top-5" / "presentatie" / "index.html").read_text(encoding="utf-8")
    # The long case: organisation cut at a word, result cut after the last sentence within 300 characters, tags
    # by their labels.
    long = html[html.index('id="2"'):html.index('id="3"')]
    assert "<strong>Samenwerkingsverband van gemeenten, provincies, waterschappen en uitvoeringsorganisaties in de " \
           "…</strong> · Samenwerkingsverband · sinds 2021" in long
    assert "De vierde zin wordt niet meer getoond, want de dia kapt de tekst af bij een zin. …</p>" in long
    assert "Een tweede alinea" not in long
    assert '<li>Versimpelen regels, informatie vinden</li>' in long and "regels-en-informatie" not in long
    newest = max(c.added for c in load_library(meeting_site.cases).cases)  # the day the newest case was added
    assert f'<time datetime="{newest.isoformat()}">Stand van {dutch_date(newest)}</time>' in html


def test_the_slides_of_a_selection_are_the_cases_it_recorded(meeting_site):
    html = (meeting_site.site / SELECTION / "presentatie" / "index.html").read_text(encoding="utf-8")
    assert expected_slides(meeting_site.site, SELECTION) == [
        "De vijf van netwerkdag", "Participatie bij de omgevingsvisie", "Klantreis voor toeslagaanvragen",
        "Een voorbeeld dat niet meer in de bibliotheek staat", "Deel jouw voorbeeld"]
    assert '<time datetime="2026-11-20">Gedeeld op 20 november 2026</time>' in html
    assert "Drie goede voorbeelden van open overheid" in html
    gone = html[html.index('id="4"'):html.index('id="5"')]
    assert "Dit voorbeeld staat niet meer in de bibliotheek." in gone and "<svg" not in gone
    assert "<li>Klantvriendelijkheid</li>" in html[html.index('id="3"'):html.index('id="4"')]


def test_qr_codes_point_to_the_public_case_addresses_of_the_five(meeting_site):
    import json

    five = json.loads((meeting_site.site / "data" / "top-5.json").read_text(encoding="utf-8"))
    html = (meeting_site.site / "top-5" / "presentatie" / "index.html").read_text(encoding="utf-8")
    captions = re.findall(r'<figure class="gv-slide-qr"><svg[^>]*aria-label="QR-code: opent het voorbeeld [^"]* op '
                          r'([^" ]+)"', html)
    assert captions == [c["url"] for c in five] and all(u.startswith(SITE_URL) for u in captions)
    assert "127.0.0.1" not in html and "localhost" not in html


# -- accessibility ------------------------------------------------------------------------------------------------

# /top-5/ itself is checked in test_handout.py; the share page of a selection is the same template as this one.
@pytest.mark.parametrize("path", ["top-5/presentatie/#1", "top-5/presentatie/#2", "top-5/presentatie/#7",
                                  SELECTION + "presentatie/#4", "top-5/delen/", SELECTION])
def test_meeting_pages_have_no_serious_accessibility_problem(make_page, server, path):
    pg = make_page(*SCREEN)
    pg.goto(server + path)
    assert run_axe(pg) == []


# -- slide texts ---------------------------------------------------------------------------------------------------

def test_the_result_is_plain_text_cut_after_a_sentence_within_its_limit():
    text = "Eerste zin met *nadruk*. Tweede zin met een [link](https://example.org/). Derde zin die te lang is."
    case = Case("x-y", "cases/x-y.md", "Titel", "Samenvatting " * 3, "Org", "gemeente", "lopend", 2020, ("a",),
                dt.date(2026, 1, 1), sections=(Section("resultaat", "Resultaat", text + "\n\n- een punt", 10),))
    assert result_text(case, limit=1000) == text.replace("*", "").replace("[link](https://example.org/)", "link") \
        + " een punt"
    assert result_text(case, limit=70) == "Eerste zin met nadruk. Tweede zin met een link. …"
    assert result_text(case, limit=15) == "Eerste zin …"  # at a word when no sentence fits; never over the limit
    assert all(len(result_text(case, limit=n)) <= n for n in range(5, 120))
    assert result_text(dataclasses.replace(case, sections=())) == ""


# -- the links and the share page --------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", ["top-5/", SELECTION])
def test_the_page_of_the_five_links_its_presentation_and_share_page(make_page, server, folder):
    pg = make_page(*SCREEN)
    pg.goto(server + folder)
    pg.get_by_role("link", name="Presenteer deze voorbeelden").click()
    pg.wait_for_url(server + folder + "presentatie/#1")
    pg.goto(server + folder)
    pg.get_by_role("link", name="Bericht voor een nieuwsbrief, intranet of mail").click()
    pg.wait_for_url(server + folder + "delen/")


MESSAGE = """Goed Voorbeeld: de vijf van nu

Het Open Overheid-netwerk deelt vijf goede voorbeelden van open overheid uit Goed Voorbeeld, de praktijkbibliotheek van het netwerk. Lees ze en laat je inspireren:

1. Participatie bij de omgevingsvisie (Provincie Voorbeeldland): https://example.org/gv/voorbeelden/participatie-provincie/
2. Klantreis voor toeslagaanvragen (Dienst Testuitvoering): https://example.org/gv/voorbeelden/klantreis-uitvoering/
3. Raadsinformatie van Testdorp als open data (Gemeente Testdorp): https://example.org/gv/voorbeelden/open-raad-testdorp/
4. Burgerpanel over dijkonderhoud (Waterschap Proefrivier): https://example.org/gv/voorbeelden/burgerpanel-waterschap/
5. Luisteren in de wijk (Gemeente Testdorp): https://example.org/gv/voorbeelden/luisteren-in-de-wijk/

Zo kiezen we de vijf: https://example.org/gv/top-5/
Zelf een voorbeeld delen? Zo doe je dat: https://example.org/gv/bijdragen/
"""


def test_rank_prints_the_message_about_the_five():
    result = CliRunner().invoke(main, ["rank", str(FIXTURES / "library"), "--format", "bericht",
                                       "--site-url", "https://example.org/gv"])
    assert result.exit_code == 0, result.output
    assert result.stdout == MESSAGE


def test_rank_says_when_the_message_has_no_full_addresses(tmp_path):
    cases = tmp_path / "cases"
    shutil.copytree(FIXTURES / "library", cases)  # no mkdocs.yml next to it: no site_url
    result = CliRunner().invoke(main, ["rank", str(cases), "--format", "bericht"])
    assert result.exit_code == 0
    assert "1. Participatie bij de omgevingsvisie (Provincie Voorbeeldland): voorbeelden/participatie-provincie/\n" \
        in result.stdout
    assert result.stderr == ("Let op: het adres van de site is onbekend, dus de links in het bericht zijn niet "
                             "volledig; geef --site-url of zet site_url in mkdocs.yml.\n")


def test_the_share_page_shows_the_same_text_as_the_command_and_copies_it(make_page, server, meeting_site):
    cli = CliRunner().invoke(main, ["rank", str(meeting_site.cases), "--format", "bericht",
                                    "--site-url", SITE_URL])
    assert cli.exit_code == 0
    pg = make_page(*SCREEN, permissions=["clipboard-read", "clipboard-write"])
    pg.goto(server + "top-5/delen/")
    assert pg.input_value("#gv-share-text") == cli.stdout
    assert "Een voorbeeld met de langste titel" in cli.stdout  # the five of this build, not of another library
    pg.get_by_role("button", name="Kopieer de tekst").click()
    pg.get_by_text("Gekopieerd.").wait_for()
    assert pg.evaluate("navigator.clipboard.readText()") == cli.stdout
    html = pg.input_value("#gv-share-html")
    assert html.startswith("<p><strong>Goed Voorbeeld: de vijf van nu</strong></p>")
    assert html.count("<li><a href=\"" + SITE_URL + "voorbeelden/") == 5
    pg.get_by_role("button", name="Kopieer de HTML").click()
    pg.locator(".gv-share-status").nth(1).get_by_text("Gekopieerd.").wait_for()
    assert pg.evaluate("navigator.clipboard.readText()") == html
    # The preview is that HTML, rendered.
    preview = pg.locator(".gv-share-preview")
    assert preview.get_by_role("link").count() == 7
    assert pg.console_errors == []


def test_without_the_clipboard_api_the_copy_button_selects_the_text(make_page, server):
    pg = make_page(*SCREEN)
    pg.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});"
                       "document.execCommand = () => false;")
    pg.goto(server + "top-5/delen/")
    pg.get_by_role("button", name="Kopieer de tekst").click()
    pg.get_by_text("De tekst is geselecteerd").wait_for()
    selected = pg.evaluate("""() => { const a = document.getElementById('gv-share-text');
        return [document.activeElement === a, a.selectionStart, a.selectionEnd, a.value.length]; }""")
    assert selected[0] and selected[1] == 0 and selected[2] == selected[3] > 100


def test_the_share_page_of_a_selection_names_its_day_and_the_case_that_is_gone(meeting_site):
    import html as html_lib

    page = (meeting_site.site / SELECTION / "delen" / "index.html").read_text(encoding="utf-8")
    text = html_lib.unescape(re.search(r'<textarea id="gv-share-text"[^>]*>(.*?)</textarea>', page, re.S).group(1))
    assert text.startswith("Goed Voorbeeld: de vijf van 20 november 2026 (netwerkdag)\n\n"
                           "Het Open Overheid-netwerk deelt drie goede voorbeelden")
    assert (f"1. Participatie bij de omgevingsvisie (Provincie Voorbeeldland): "
            f"{SITE_URL}voorbeelden/participatie-provincie/\n") in text
    assert ("3. Een voorbeeld dat niet meer in de bibliotheek staat (Gemeente Oudstad): "
            "staat niet meer in de bibliotheek\n") in text
