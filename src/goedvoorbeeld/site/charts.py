"""The library at a glance (/overzicht/): inline SVG bar charts made at build time.

Every chart is a picture for the eye and a table with the same numbers for
everyone else (screen readers, copying, printing). Output is deterministic:
the same counts give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.site.browse import browse_url
from goedvoorbeeld.check.cases import Case
from goedvoorbeeld.site.render import esc, href
from goedvoorbeeld.check.vocabulary import Vocabulary

# SVG user units. The picture is drawn at its own size (one unit is one CSS pixel) and shrinks only to fit
# a narrower column: at 320 px wide the column is 288 px, so 15-unit text is still 13.5 px (the site shows no
# text under 12 px; docs/assets/gv-trust.css sets the size, tests/test_site_matrix.py measures it as drawn).
WIDTH = 320
ROW = 40  # height of one bar with one line of label above it
LINE = 18  # each further line of a long label
LABEL_CHARS = 34  # a label longer than this wraps onto more lines (about 300 units of 15-unit text)
BAR = 16
LABEL_GAP = 6
VALUE_ROOM = 44  # room right of the longest bar for its number


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    link: str | None = None  # already escaped, relative to the page


def bar_chart(chart_id: str, caption: str, category: str, bars: list[Bar], label_width: int = 0) -> str:
    """A figure with a horizontal bar chart and a table of the same numbers (one block of raw HTML).

    Labels stand above their bars; with `label_width` (for short labels such as years) they stand to the
    left of the bar, one row per bar."""
    top = max((b.count for b in bars), default=0) or 1
    shapes = []
    y = 0
    for b in bars:
        lines = [b.label] if label_width else _wrap(b.label)
        extra = LINE * (len(lines) - 1)
        bar_top = 4 if label_width else 14 + LABEL_GAP + extra
        width = (WIDTH - VALUE_ROOM - label_width) * b.count / top
        if label_width:
            label = f'<text x="0" y="{y + bar_top + BAR - 3}" class="gv-chart-label">{esc(b.label)}</text>'
        else:
            spans = "".join(f'<tspan x="0" dy="{0 if n == 0 else LINE}">{esc(line)}</tspan>'
                            for n, line in enumerate(lines))
            label = f'<text x="0" y="{y + 14}" class="gv-chart-label">{spans if extra else esc(b.label)}</text>'
        shapes.append(
            label
            + f'<rect x="{label_width}" y="{y + bar_top}" width="{width:.1f}" height="{BAR}" class="gv-chart-bar"/>'
            f'<text x="{label_width + width + 6:.1f}" y="{y + bar_top + BAR - 3}"'
            f' class="gv-chart-value">{b.count}</text>'
        )
        y += (BAR + 8) if label_width else ROW + extra
    height = y + 4
    title = f"Staafdiagram: {caption.lower()}. De getallen staan in de tabel onder het diagram."
    svg = (
        f'<svg class="gv-chart-svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
        f' role="img" aria-labelledby="{chart_id}-title" focusable="false">'
        f'<title id="{chart_id}-title">{esc(title)}</title>{"".join(shapes)}</svg>'
    )
    rows = "".join(f'<tr><th scope="row">{_label(b)}</th><td>{b.count}</td></tr>' for b in bars)
    table = (
        f'<table class="gv-chart-table"><caption>{esc(caption)}</caption>'
        f'<thead><tr><th scope="col">{esc(category)}</th><th scope="col">Aantal voorbeelden</th></tr></thead>'
        f'<tbody>{rows}</tbody></table>'
    )
    return f'<figure class="gv-chart" id="{chart_id}"><figcaption>{esc(caption)}</figcaption>{svg}{table}</figure>'


def _wrap(label: str) -> list[str]:
    """A label in lines of at most LABEL_CHARS characters, broken between words (a longer word stays whole)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LABEL_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _label(b: Bar) -> str:
    return f'<a href="{b.link}">{esc(b.label)}</a>' if b.link else esc(b.label)


def overview_page(cases: list[Case] | tuple[Case, ...], vocabulary: Vocabulary, base: str) -> str:
    """The Markdown of /overzicht/ (charts are raw HTML blocks)."""
    n = len(cases)
    per_tag = Counter(t for c in cases for t in set(c.tags))
    per_level = Counter(c.level for c in cases)
    per_status = Counter(c.status for c in cases)
    per_year = Counter(c.year for c in cases)
    organisations = len({c.organisation for c in cases})
    parts = [
        "---", 'title: "Overzicht"',
        'description: "De verzameling in cijfers: voorbeelden per tag, bestuurslaag, status en startjaar."',
        "search:", "  exclude: true", "---", "",
        "# Overzicht", "",
        f"De verzameling in cijfers: {n} {'voorbeeld' if n == 1 else 'voorbeelden'} van {organisations} "
        f"{'organisatie' if organisations == 1 else 'organisaties'}. Klik in een tabel op een tag, bestuurslaag, "
        "status of jaar om de voorbeelden te zien.", "",
        "## Per tag", "",
        "Een voorbeeld kan meer tags hebben; daarom tellen de tags samen op tot meer dan het aantal voorbeelden.", "",
    ]
    for g in vocabulary.groups:
        bars = [Bar(t.label, per_tag[t.slug], href(base, f"tags/{t.slug}/")) for t in g.tags]
        parts += [f"### {esc(g.label)}", "",
                  bar_chart(f"gv-chart-tag-{g.slug}", f"Voorbeelden per tag in de groep {g.label}", "Tag", bars), ""]
    parts += ["## Per bestuurslaag", "",
              bar_chart("gv-chart-level", "Voorbeelden per bestuurslaag", "Bestuurslaag",
                        [Bar(label, per_level[k], browse_url(base, level=k)) for k, label in schema.LEVELS.items()]),
              "", "## Per status", "",
              bar_chart("gv-chart-status", "Voorbeelden per status", "Status",
                        [Bar(label, per_status[k], browse_url(base, status=k)) for k, label in schema.STATUSES.items()]),
              "", "## Per startjaar", ""]
    if per_year:
        years = range(min(per_year), max(per_year) + 1)
        parts.append(bar_chart("gv-chart-year", "Voorbeelden per startjaar", "Startjaar",
                               [Bar(str(y), per_year[y], browse_url(base, **{"from": y, "to": y}) if per_year[y] else None)
                                for y in years], label_width=48))
    else:
        parts.append('<p class="gv-empty">Er zijn nog geen voorbeelden.</p>')
    return "\n".join(parts) + "\n"
