"""QR codes as inline SVG, made with segno; accessible and the same bytes on every build."""

from __future__ import annotations

import functools

import segno

from goedvoorbeeld.site.render import esc


@functools.lru_cache(maxsize=256)  # the preview makes the handout again after each change: same codes
def qr_svg(url: str, label: str) -> str:
    """An inline `<svg>` QR code for `url`; `label` (Dutch) tells screen readers what it opens.

    Error correction level M survives a crease or a smudge on paper; the SVG
    has a viewBox and no fixed size, so CSS sets its printed size.
    """
    code = segno.make(url, error="m", micro=False, boost_error=False)
    svg = code.svg_inline(dark="#000", light="#fff", border=2, omitsize=True, svgclass="gv-qr-code",
                          lineclass=None, title=label)
    if not svg.startswith("<svg "):  # pragma: no cover - segno's output format
        raise ValueError("segno gaf geen <svg>-element")
    return f'<svg role="img" aria-label="{esc(label)}" focusable="false" ' + svg[len("<svg "):]
