"""Reading on a phone held upright, measured in Chromium on the fixture library's site.

- The presentation of the five: sized only to a 16:9 screen, its slides came out at 7 to 10 px on a phone 390 px
  wide (docs/assets/gv-present.css now lays a slide out in one column there).
- A long one-word page title ("Toegankelijkheidsverklaring") was cut in the middle of the word and ran under the
  edit button (docs/assets/goedvoorbeeld.css scales titles with a narrow screen).
- A shared address with filters (/voorbeelden/?tag=...) showed the list filtered but the filter fields folded, so
  the visitor could not see which filters were on (docs/assets/gv-browse.js now opens them).
"""

from __future__ import annotations

import pytest

SMALLEST_TEXT = """() => {
  const slide = [...document.querySelectorAll('.gv-slide')].find(s => !s.hidden);
  let smallest = Infinity;
  for (const el of slide.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (text && r.width > 0 && getComputedStyle(el).display !== 'none') {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
    }
  }
  return [slide.getAttribute('aria-label'), smallest, document.documentElement.scrollWidth];
}"""


@pytest.mark.parametrize("width,height", [(320, 568), (390, 844)])
def test_every_slide_on_an_upright_phone_has_text_of_12_px_or_more_and_no_sideways_scroll(
        make_page, fixture_server, width, height):
    pg = make_page(width, height)
    pg.goto(fixture_server + "top-5/presentatie/#1")
    count = pg.locator(".gv-slide").count()
    assert count >= 3  # title, the cases, closing
    for n in range(1, count + 1):
        pg.goto(fixture_server + f"top-5/presentatie/#{n}")
        pg.wait_for_function(f"() => location.hash === '#{n}'")
        label, smallest, scroll_width = pg.evaluate(SMALLEST_TEXT)
        assert smallest >= 12, f"slide {n} ({label}): text of {smallest} px"
        assert scroll_width <= width, f"slide {n} ({label}) scrolls sideways"
    assert pg.console_errors == []


WORD_TITLE = """() => {
  const h1 = document.querySelector('article h1');
  const range = document.createRange();
  range.selectNodeContents(h1);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  const title = range.getBoundingClientRect();
  const button = document.querySelector('.md-content__button');
  const b = button ? button.getBoundingClientRect() : null;
  const overlap = b !== null && title.right > b.left && title.left < b.right && title.top < b.bottom && title.bottom > b.top;
  return [h1.textContent.trim(), lines.size, overlap];
}"""


@pytest.mark.parametrize("width,height", [(320, 568), (390, 844)])
def test_a_one_word_page_title_stays_whole_beside_the_edit_button_on_a_phone(make_page, fixture_server, width, height):
    pg = make_page(width, height)
    pg.goto(fixture_server + "toegankelijkheid/")
    title, lines, overlap = pg.evaluate(WORD_TITLE)
    assert " " not in title  # the test needs a title of one word
    assert lines == 1, f"'{title}' is broken over {lines} lines at {width} px"
    assert not overlap, f"'{title}' runs under the edit button at {width} px"
    assert pg.console_errors == []


def test_a_shared_filtered_address_on_a_phone_opens_the_filters_so_the_visitor_sees_which_are_on(
        make_page, fixture_server):
    """On a narrow screen the filter fields fold behind a button; an address that carries filters (a view someone
    shared) opens them, so the checked tag and the chosen level are in sight. Without filters they stay folded."""
    pg = make_page(390, 844)
    pg.goto(fixture_server + "voorbeelden/?tag=visie&level=gemeente")
    pg.wait_for_function("document.getElementById('gv-filter-count').textContent.includes('gevonden')")
    assert pg.is_visible("#gv-tag-visie") and pg.is_checked("#gv-tag-visie")
    assert pg.is_visible("#gv-filter-level") and pg.input_value("#gv-filter-level") == "gemeente"
    assert pg.is_visible("#gv-filter-clear")

    pg.goto(fixture_server + "voorbeelden/")
    pg.wait_for_selector("#gv-filters", state="visible")
    assert pg.is_visible("summary:text('Filter de voorbeelden')")
    assert not pg.is_visible("#gv-filter-q")  # folded: nothing to show
    assert pg.console_errors == []
