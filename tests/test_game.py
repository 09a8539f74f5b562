"""The conversation game (/top-5/spel/), its cards (/top-5/spel/kaarten/) and the handout, on a real build
of the fixture library plus the longest case the schema allows, in real Chromium."""

from __future__ import annotations

import html as html_lib
import json
import math
import re
import subprocess

import pytest

from conftest import run_axe, debian_tool as tool
import goedvoorbeeld.site.cardtext as cardtext
import goedvoorbeeld.site.game as game

LONG_SLUG = "het-langste-voorbeeld-dat-de-regels-toestaan-met-een-lange-bestandsnaam-en-titel"  # 80, the maximum
SENTENCE = "De gemeente sprak in elke wijk met inwoners en ondernemers over wat er beter kon aan de dienstverlening. "
QUESTION = ("Welke drie dingen zou uw eigen organisatie morgen al anders kunnen doen om inwoners en ondernemers "
            "eerder, eerlijker en begrijpelijker te betrekken bij besluiten die hun buurt raken, en wie moet "
            "daarvoor in uw organisatie de eerste stap zetten, met welke middelen en binnen welke termijn dan precies?")


LESSEN = "\n## Lessen\n\nLees elke brief hardop voor aan iemand die de regeling niet kent.\n"


def long_case() -> str:
    title = ("Een uitzonderlijk lange titel voor een voorbeeld over open overheid waarin elke regel van de "
             "controle op het uiterste is")  # 120 characters, the maximum
    organisation = ("Gemeenschappelijke regeling van gemeenten, provincie, waterschappen en uitvoeringsorganisaties "
                    "voor samenwerking op het gebied van dienstverlening, informatiebeheer en participatie in de "
                    "regio")[:200]
    summary = (SENTENCE * 5)[:399].rsplit(" ", 1)[0] + "."
    return "\n".join([
        "---",
        f'title: "{title}"',
        f'summary: "{summary}"',
        f'organisation: "{organisation}"',
        "level: samenwerkingsverband",
        "status: afgerond",
        "year: 2020",
        "tags: [regels-en-informatie, burgers-betrekken, ambassadeurschap, klantvriendelijkheid, leren-luisteren]",
        "added: 2026-11-20",
        "---",
        "",
        "## Aanleiding",
        "",
        SENTENCE * 12,
        "",
        SENTENCE * 8,
        "",
        "## Aanpak",
        "",
        SENTENCE * 10,
        "",
        *[f"- Stap {n}: {SENTENCE}" for n in range(1, 9)],
        "",
        "## Resultaat",
        "",
        SENTENCE * 14,
        "",
        "## Lessen",
        "",
        SENTENCE * 10,
        "",
        "## Gespreksvraag",
        "",
        QUESTION,
        "",
    ])


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pdf, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run([tool("pdftotext"), *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(pdf) -> int:
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))


def add_the_longest_case(project) -> None:
    """The fixture library plus the longest case, and a short case of the five with Lessen."""
    assert len(LONG_SLUG) == 80 and len(QUESTION) == 300 and len(re.search(r'title: "(.*)"', long_case())[1]) == 120
    project.write_case(LONG_SLUG, long_case())
    klantreis = project.cases / "klantreis-uitvoering.md"
    klantreis.write_text(klantreis.read_text(encoding="utf-8") + LESSEN, encoding="utf-8")


@pytest.fixture(scope="module")
def long_site(served_build):
    """That library, built once (strict) and served (conftest's served_build)."""
    return served_build("game-site", add_the_longest_case)[0]


@pytest.fixture(scope="module")
def five(long_site) -> list[dict]:
    return json.loads((long_site.site / "data" / "top-5.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server(served_build):
    return served_build("game-site", add_the_longest_case)[1]


# -- the pages as built ---------------------------------------------------------------------------------------

def test_the_game_has_one_round_per_case_of_the_five_with_its_question(long_site, five):
    html = (long_site.site / "top-5" / "spel" / "index.html").read_text(encoding="utf-8")
    assert five[0]["slug"] == LONG_SLUG and len(five) == 5
    titles = re.findall(r'<h2 id="ronde-(\d)-titel"><span class="gv-round-kicker">Ronde \1 van 5</span> ([^<]+)</h2>',
                        html)
    assert [int(n) for n, _ in titles] == [1, 2, 3, 4, 5]
    assert [html_lib.unescape(t) for _, t in titles] == [c["title"] for c in five]
    questions = re.findall(r'<p class="gv-game-question">([^<]+)</p>', html)
    assert questions[0] == QUESTION  # from ## Gespreksvraag
    for q, case in zip(questions[1:], five[1:]):  # no Gespreksvraag: made from the title
        assert html_lib.unescape(q) == game.default_question(case["title"])
        assert q.startswith("Wat zou er in uw organisatie nodig zijn om ‘")
    for role in game.ROLES:
        assert html.count(f"<h4>{role.title}</h4>") == 5
    assert html.count("<summary>Onthul</summary>") == 5
    assert '<link rel="stylesheet" href="../../assets/gv-game.css">' in html
    assert "aanleiding voor gesprek over open overheid" in html


def test_top_5_links_to_the_game_and_the_cards_and_only_these_pages_load_their_assets(long_site):
    top = (long_site.site / "top-5" / "index.html").read_text(encoding="utf-8")
    assert 'href="../top-5/spel/"' in top and 'href="../top-5/spel/kaarten/"' in top
    own = {"top-5/spel/index.html": "gv-game.css", "top-5/spel/kaarten/index.html": "gv-cards.css",
           "top-5/handout/index.html": "gv-handout.css"}
    for path in (*own, "index.html", "top-5/index.html", f"voorbeelden/{LONG_SLUG}/index.html"):
        text = (long_site.site / path).read_text(encoding="utf-8")
        for asset in ("gv-game.css", "gv-game.js", "gv-cards.css", "gv-handout.css"):
            expected = own.get(path) == asset or (asset == "gv-game.js" and path == "top-5/spel/index.html")
            assert (asset in text) == expected, (path, asset)


def test_every_case_gets_seven_cards_and_long_texts_are_trimmed_at_a_sentence(long_site):
    html = (long_site.site / "top-5" / "spel" / "kaarten" / "index.html").read_text(encoding="utf-8")
    assert html.count('<article class="gv-playcard ') == 7 * 5
    assert html.count('<div class="gv-sheet">') == math.ceil(7 * 5 / 4)
    situation = re.search(r'gv-playcard-situation">.*?<p class="gv-playcard-org">[^<]*</p><p>([^<]+)</p>', html).group(1)
    assert situation.endswith("dienstverlening. …") and len(situation) <= game.CARD_LIMITS["situation"]


def test_trim_cuts_at_the_end_of_a_sentence_and_never_exceeds_the_limit():
    text = "Eerste zin is kort. Tweede zin is ook kort! Derde zin loopt veel langer door dan de rest van de tekst."
    assert cardtext.trim(text, 200) == text
    assert cardtext.trim(text, 60) == "Eerste zin is kort. Tweede zin is ook kort! …"
    assert cardtext.trim("een lange zin zonder punt " * 10, 50).endswith(" …")
    for limit in range(5, 120, 7):
        assert len(cardtext.trim(text * 3, limit)) <= limit
    assert cardtext.paragraphs("Een *schuine* [link](https://x.nl/).\n\n- een\n- twee") == [
        "Een schuine link.", "een", "twee"]


# -- the game in a browser --------------------------------------------------------------------------------------

def visible_round(pg) -> int:
    shown = pg.eval_on_selector_all(".gv-round", "els => els.filter(e => !e.hidden).map(e => e.id)")
    assert len(shown) == 1, shown
    return int(shown[0].split("-")[1])


def test_rounds_move_by_keyboard_and_onthul_shows_the_answer(page, server, five):
    page.goto(server + "top-5/spel/")
    assert visible_round(page) == 1
    assert page.locator('[data-gv-round="previous"]').is_disabled()
    page.locator('[data-gv-round="next"]').focus()
    page.keyboard.press("Enter")
    assert visible_round(page) == 2
    assert page.evaluate("location.hash") == "#ronde-2"
    assert page.evaluate("document.activeElement.id") == "ronde-2"  # focus moves to the round shown
    assert page.locator(".gv-game-position").inner_text() == "Ronde 2 van 5"
    answer = page.locator("#ronde-2 .gv-answer-card")
    assert not answer.is_visible()
    page.keyboard.press("Tab")  # the first control of the round is "Onthul"
    assert page.evaluate("document.activeElement.textContent") == "Onthul"
    page.keyboard.press("Enter")
    assert answer.is_visible()
    assert "Aanpak" in answer.inner_text() and "Lees het hele voorbeeld" in answer.inner_text()
    for _ in range(3):
        page.locator('[data-gv-round="next"]').click()
    assert visible_round(page) == 5 and page.locator('[data-gv-round="next"]').is_disabled()
    assert page.locator("#ronde-5 h2").inner_text().endswith(five[4]["title"])
    page.goto(server + "top-5/spel/#ronde-3")
    page.reload()
    assert visible_round(page) == 3
    assert page.console_errors == []
    assert all(r.startswith(server) for r in page.requests), page.requests


def test_the_clock_is_set_by_the_group_runs_pauses_and_resets(page, server):
    page.clock.install()
    page.goto(server + "top-5/spel/")
    clock = page.locator("#gv-timer-clock")
    status = page.locator("#gv-timer-status")
    assert clock.inner_text() == "5:00"
    assert status.get_attribute("aria-live") == "polite" and clock.get_attribute("role") == "timer"
    page.locator("#gv-timer-minutes").fill("2")
    page.keyboard.press("Tab")  # leaving the field commits it
    assert clock.inner_text() == "2:00"
    assert status.inner_text() == "De klok staat op 2 minuten."
    page.locator('[data-gv-timer="start"]').focus()
    page.keyboard.press("Space")
    assert status.inner_text() == "De klok loopt: nog 2 minuten."
    page.clock.run_for(61_000)
    assert clock.inner_text() == "0:59"
    assert status.inner_text() == "Nog 1 minuut."
    page.locator('[data-gv-timer="pause"]').click()
    assert status.inner_text() == "Gepauzeerd: nog 59 seconden."
    page.clock.run_for(30_000)
    assert clock.inner_text() == "0:59"  # paused
    page.locator('[data-gv-timer="start"]').click()
    page.clock.run_for(60_000)
    assert clock.inner_text() == "0:00"
    assert status.inner_text() == "De tijd is om."
    page.locator('[data-gv-timer="reset"]').click()
    assert clock.inner_text() == "2:00"
    assert page.console_errors == []


def test_without_javascript_every_round_shows_and_onthul_still_works(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(server + "top-5/spel/")
        assert all(pg.locator(f"#ronde-{n}").is_visible() for n in range(1, 6))
        assert not pg.locator(".gv-timer").is_visible()  # the clock needs the script
        assert not pg.locator("#ronde-4 .gv-answer-card").is_visible()
        pg.locator("#ronde-4 summary").click()
        assert pg.locator("#ronde-4 .gv-answer-card").is_visible()
    finally:
        context.close()


def test_game_and_cards_pages_pass_axe(page, server):
    page.goto(server + "top-5/spel/")
    page.locator("#ronde-1 summary").click()  # the answer shown, the clock and the round controls visible
    assert run_axe(page) == []
    page.goto(server + "top-5/spel/kaarten/")
    assert run_axe(page) == []
    assert page.console_errors == []


def test_game_cards_and_handout_fit_a_390_px_screen(page, server):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("top-5/spel/", "top-5/spel/kaarten/", "top-5/handout/"):
        page.goto(server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto(server + "top-5/spel/")
    for control in ("#gv-timer-minutes", '[data-gv-timer="start"]', '[data-gv-round="next"]', "#ronde-1 summary"):
        box = page.locator(control).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, control


# -- printing -------------------------------------------------------------------------------------------------

def test_printed_cards_fill_ceil_7n_over_4_pages_hold_every_case_and_never_overflow(page, server, five, tmp_path):
    page.goto(server + "top-5/spel/kaarten/")
    page.emulate_media(media="print")
    overflowing = page.eval_on_selector_all(
        ".gv-playcard", "els => els.filter(e => e.scrollHeight > e.clientHeight + 1 || "
                        "e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 60))")
    assert overflowing == []
    size = page.eval_on_selector(".gv-playcard", "e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height]")
    assert abs(size[0] - 95 / 25.4 * 96) < 2 and abs(size[1] - 138.5 / 25.4 * 96) < 2, size  # 95 x 138.5 mm
    # The cut marks lie in the border around the cards, in line with the cards' edges.
    sheet = page.locator(".gv-sheet").first
    origin = sheet.bounding_box()
    edges_x = sorted({round(v) for b in (c.bounding_box() for c in sheet.locator(".gv-playcard").all())
                      for v in (b["x"] - origin["x"], b["x"] + b["width"] - origin["x"])})
    edges_y = sorted({round(v) for b in (c.bounding_box() for c in sheet.locator(".gv-playcard").all())
                      for v in (b["y"] - origin["y"], b["y"] + b["height"] - origin["y"])})
    assert len(edges_x) == 3 and len(edges_y) == 3
    marks = [m.bounding_box() for m in sheet.locator(".gv-cut").all()]
    border = 10 / 25.4 * 96  # 10 mm
    vertical = [m for m in marks if m["height"] > m["width"]]
    horizontal = [m for m in marks if m["width"] > m["height"]]
    assert sorted(round(m["x"] - origin["x"]) for m in vertical) == sorted(edges_x * 2)
    assert sorted(round(m["y"] - origin["y"]) for m in horizontal) == sorted(edges_y * 2)
    for m in vertical:
        assert m["y"] - origin["y"] + m["height"] <= border or m["y"] - origin["y"] >= origin["height"] - border
    pdf = tmp_path / "kaarten.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf_pages(pdf) == math.ceil(7 * len(five) / 4)
    text = words(pdf_text(pdf))
    for n, case in enumerate(five, start=1):
        assert text.count(f"RONDE {n} ·") == 7, n  # situation, question, four roles, answer
        assert words(case["title"]) in text
    assert words(QUESTION) in text
    for role in game.ROLES:
        assert text.count(f"ROL: {role.title.upper()}") == len(five)
    # Pages break between sheets: the first card of each sheet starts its page.
    cards = re.findall(r'<article class="gv-playcard gv-playcard-(\w+)">', page.content())
    for number in range(1, pdf_pages(pdf) + 1):
        first_kind = {"situation": "DE SITUATIE", "question": "DE VRAAG", "role": "ROL:", "answer": "HET ANTWOORD"}[
            cards[(number - 1) * 4]]
        assert first_kind in pdf_text(pdf, number)


def test_the_handout_keeps_one_page_per_case_with_name_date_sections_and_public_qr_codes(page, server, five,
                                                                                         long_site, tmp_path):
    page.goto(server + "top-5/handout/")
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf_pages(pdf) == len(five) == 5
    site_url = re.search(r"^site_url: (\S+)$", (long_site.root / "mkdocs.yml").read_text(), re.M).group(1)
    subprocess.run([tool("pdftoppm"), "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == 5
    for number, (case, image) in enumerate(zip(five, images), start=1):
        raw = pdf_text(pdf, number)
        text = words(raw)
        assert "De vijf van nu, stand van 20 november 2026" in text  # the newest case's date
        assert f"{number} van 5" in text and words(case["title"]) in text
        assert "Resultaat" in text and "Aanpak" in text
        # The address is whole, or broken only right after a '/'.
        url = case["url"]
        assert url.startswith(site_url)
        pattern = r" ?\n?".join(re.escape(part) for part in re.findall(r"[^/]*/+|[^/]+$", url))
        assert re.search(pattern, raw), (url, raw[-400:])
        decoded = subprocess.run([tool("zbarimg"), "--raw", "-q", str(image)], capture_output=True, text=True)
        assert decoded.stdout.split() == [url]
    # The longest case: Resultaat and Aanpak trimmed, no room left for Lessen. A short case: Lessen fits.
    long_page = words(pdf_text(pdf, 1))
    assert long_page.count("…") == 2 and "Lessen" not in long_page
    assert [c["slug"] for c in five].index("klantreis-uitvoering") == 2
    assert "Lessen Lees elke brief hardop voor" in words(pdf_text(pdf, 3))
