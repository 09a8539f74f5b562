"""The handout of the five, printed to PDF by headless Chromium, and the accessibility of the pages of the five."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess

import pytest

from conftest import run_axe, debian_tool as tool
from goedvoorbeeld.check.cases import Case, Section
from goedvoorbeeld.site.five import result_paragraph

TOOLS = ("pdfinfo", "pdftotext", "pdftoppm", "zbarimg")


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def five(built_fixture_site) -> list[dict]:
    return json.loads((built_fixture_site.site / "data" / "top-5.json").read_text(encoding="utf-8"))


@pytest.fixture
def handout_pdf(page, fixture_server, tmp_path):
    for name in TOOLS:
        tool(name)
    page.goto(fixture_server + "top-5/handout/")
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert all(r.startswith(fixture_server) for r in page.requests)
    return pdf


def test_handout_prints_to_five_a4_pages_each_with_its_case_and_a_working_qr_code(handout_pdf, five, tmp_path):
    info = subprocess.run([tool("pdfinfo"), str(handout_pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+5$", info, re.M), info
    width, height = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups())
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)  # A4: 210 x 297 mm
    assert len(five) == 5
    for number, case in enumerate(five, start=1):
        text = words(subprocess.run([tool("pdftotext"), "-f", str(number), "-l", str(number), "-layout",
                                     str(handout_pdf), "-"], capture_output=True, text=True, check=True).stdout)
        assert words(case["title"]) in text, (number, text[:300])
        assert case["organisation"] in text
        assert f"{number} van 5" in text
        for other in five:
            if other is not case:
                assert words(other["title"]) not in text
        # Printing leaves out the header, tabs, search and footer.
        for chrome in ("Zoeken", "Eerder gedeeld", "Bijdragen", "Goed Voorbeeld is een initiatief"):
            assert chrome not in text, (number, chrome)
    # Each page's QR code, read back from a 150 dpi render, opens that page's case at its absolute URL.
    subprocess.run([tool("pdftoppm"), "-r", "150", "-png", str(handout_pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 5
    for image, case in zip(images, five):
        result = subprocess.run([tool("zbarimg"), "--raw", "-q", str(image)], capture_output=True, text=True)
        assert result.returncode == 0, (image.name, result.stderr)
        assert result.stdout.split() == [case["url"]]
        assert case["url"].startswith("https://")


def test_handout_page_gives_the_result_and_an_accessible_qr_code(built_fixture_site):
    page = (built_fixture_site.site / "top-5" / "handout" / "index.html").read_text(encoding="utf-8")
    assert page.count('<article class="gv-handout-case"') == 5
    assert page.count('<svg role="img" aria-label="QR-code: opent het voorbeeld') == 5
    assert "<h3>Resultaat</h3>\n<p>Reacties zijn verwerkt in de visie.</p>" in page


RESULT = """
### Cijfers

De wachttijd daalde van *zes* naar [twee weken](https://example.org/cijfers), en 80&nbsp;% was
tevreden.

Een tweede alinea die niet op de handout komt.
"""


def test_handout_takes_the_first_paragraph_of_resultaat_as_plain_text():
    case = Case("x-y", "cases/x-y.md", "Titel", "Samenvatting " * 3, "Org", "gemeente", "lopend", 2020, ("a",),
                dt.date(2026, 1, 1), sections=(Section("resultaat", "Resultaat", RESULT.strip(), 10),))
    assert result_paragraph(case) == "De wachttijd daalde van zes naar twee weken, en 80 % was tevreden."
    long = dataclasses.replace(case, sections=(Section("resultaat", "Resultaat", "woord " * 400, 10),))
    cut = result_paragraph(long, limit=50)
    assert cut.endswith(" …") and len(cut) <= 52 and "woor …" not in cut
    assert result_paragraph(dataclasses.replace(case, sections=())) == ""


@pytest.mark.parametrize("path", ["", "top-5/", "top-5/handout/", "selecties/"])
def test_pages_of_the_five_have_no_serious_accessibility_problem(page, fixture_server, path):
    page.goto(fixture_server + path)
    assert run_axe(page) == []
    assert page.console_errors == []
    assert all(r.startswith(fixture_server) for r in page.requests), page.requests
