"""The case form on the site (`/bijdragen/nieuw/`): its page and the facts its script needs.

The form writes a case file in the browser, the way `goedvoorbeeld new` writes one, and checks it while the
contributor types with the checker's own rules, codes and messages (`docs/assets/gv-form.js`). Every fact it
uses comes from here, at build time, from the schema, `cases/tags.yml`, the code table and the checker's
limits: the script lists no field, tag, limit or choice itself. tests/test_case_form_rules.py compares the
script with the Python checker on generated drafts.
"""

from __future__ import annotations

import datetime as dt
import html
import html.entities
import json
import re
import unicodedata
from importlib import import_module

import goedvoorbeeld.site.render as render
import goedvoorbeeld.check.safety as safety
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.contribute.newcase import FALLBACK_SLUG, Draft, hint_line, year_value
from goedvoorbeeld.check.problems import CODES
from goedvoorbeeld.site.render import esc
from goedvoorbeeld.check.vocabulary import Vocabulary

PAGE = "bijdragen/nieuw.md"  # src_uri of the generated page: /bijdragen/nieuw/
PAGE_URL = "bijdragen/nieuw/"
SCRIPT = "assets/gv-form.js"
STYLESHEET = "assets/gv-form.css"
STORAGE_KEY = "goedvoorbeeld-concept"
# Characters whose transliteration the script knows (python-slugify's, below): Latin letters with and without
# accents, general punctuation and currency signs. Others are dropped from a file name by the script.
_TRANSLIT_RANGES = ((0x80, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20C0))


def _translit() -> dict[str, str]:
    """Character -> ASCII as python-slugify transliterates it after NFKD (for file names from titles)."""
    try:
        module = import_module("unidecode")
        fn = module.unidecode
    except ModuleNotFoundError:
        fn = import_module("text_unidecode").unidecode
    out = {}
    for lo, hi in _TRANSLIT_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if unicodedata.normalize("NFKD", ch) == ch and unicodedata.category(ch) != "Cc":
                out[ch] = fn(ch)
    return out


def _html_tables() -> dict:
    """What html.unescape needs to decide a link's scheme: the numeric rules and the ASCII-valued names."""
    module_vars = vars(html)
    return {
        "invalid_charrefs": {str(k): v for k, v in module_vars["_invalid_charrefs"].items()},
        "invalid_codepoints": sorted(module_vars["_invalid_codepoints"]),
        "entities": {k: v for k, v in html.entities.html5.items() if v.isascii()},
    }


def _char_names() -> dict[str, str]:
    """Names of the characters the checker refuses (GV016), as `unicodedata` gives them."""
    ranges = [(0, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069), (0x2028, 0x2029), (0xFEFF, 0xFEFF),
              (0xFFFE, 0xFFFF)]
    out = {}
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            name = unicodedata.name(chr(cp), "")
            if name:
                out[f"U+{cp:04X}"] = name
    return out


def is_mail_address(value) -> bool:
    """Whether a setting is a plain e-mail address (for the editors' address the form mails to)."""
    return isinstance(value, str) and re.fullmatch(r"[^@\s<>\"?&]+@[^@\s<>\"?&]+\.[A-Za-z]{2,}", value) is not None


def form_data(vocabulary: Vocabulary, *, editors: str = "", source: str = "", branch: str = "main") -> dict:
    """Every fact the form's script needs, from the one place each lives."""
    labels = {"level": schema.LEVELS, "status": schema.STATUSES, "language": schema.LANGUAGES}
    fields = []
    for f in schema.FIELDS:
        item = {"name": f.name, "kind": f.kind, "required": f.required, "label": f.label, "help": f.help,
                "min_len": f.min_len, "max_len": f.max_len}
        if f.choices:
            item["choices"] = [{"value": c, "label": labels[f.name][c]} for c in f.choices]
        fields.append(item)
    return {
        "fields": fields,
        "first_year": schema.FIRST_YEAR,
        "max_tags": vocabulary.max_tags,
        "tag_groups": [{"label": g.label, "description": g.description,
                        "tags": [{"slug": t.slug, "label": t.label, "description": t.description} for t in g.tags]}
                       for g in vocabulary.groups],
        "sections": [{"key": s.key, "title": s.title, "required": s.required,
                      "min_len": getattr(s, "min_len", 0), "max_len": getattr(s, "max_len", 0),
                      "hint": schema.SECTION_HINTS.get(s.key, ""), "hint_line": hint_line(s.key)}
                     for s in schema.SECTIONS],
        "section_order_text": ", ".join(s.title for s in schema.SECTIONS),
        "hint_prefix": schema.HINT_PREFIX,
        "allowed_html": {k: sorted(v) for k, v in schema.ALLOWED_HTML.items()},
        "link_schemes": list(schema.ALLOWED_LINK_SCHEMES),
        "image_suffixes": list(schema.ALLOWED_IMAGE_SUFFIXES),
        "limits": {"line": safety.MAX_LINE, "nesting": safety.MAX_NESTING, "indent": safety.MAX_INDENT,
                   "bracket_scan": safety.MAX_BRACKET_SCAN, "angles": safety.MAX_ANGLES,
                   "block_lines": safety.MAX_BLOCK_LINES, "abbreviations": safety.MAX_ABBREVIATIONS},
        "codes": {c.code: {"severity": c.severity, "title": c.title, "fix": c.fix} for c in CODES.values()},
        "slug": {"pattern": schema.SLUG_RE.pattern, "min": schema.SLUG_MIN, "max": schema.SLUG_MAX,
                 "reserved": list(schema.RESERVED_SLUGS), "fallback": FALLBACK_SLUG, "translit": _translit()},
        "char_names": _char_names(),
        "html": _html_tables(),
        "send": {"editors": editors, "source": source.rstrip("/"), "branch": branch, "mail_max": 2000,
                 "storage_key": STORAGE_KEY},
    }


def data_json(data: dict) -> str:
    """The data as JSON that is safe inside a <script> element (no '<' at all) and on one line."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")


# ---------------------------------------------------------------------------------------------------------------
# the page


def _field_html(f: dict) -> str:
    fid = f"gv-f-{f['name']}"
    need = "" if f["required"] else ' <span class="gv-f-optional">(niet verplicht)</span>'
    help_text = f["help"]
    if f["kind"] == "text":
        help_text += f" {f['min_len']} tot {f['max_len']} tekens."
    head = (f'<label class="gv-f-label" for="{fid}">{esc(f["label"])}{need}</label>'
            f'<p class="gv-f-help" id="{fid}-hulp">{esc(help_text)}</p>'
            f'<p class="gv-f-error" id="{fid}-fout" hidden></p>')
    common = f'id="{fid}" name="{f["name"]}" aria-describedby="{fid}-hulp"'
    if f["kind"] == "choice":
        empty = "Kies..." if f["required"] else "Niet opgegeven"
        options = [f'<option value="">{empty}</option>'] + [
            f'<option value="{esc(c["value"])}">{esc(c["label"])}</option>' for c in f["choices"]]
        control = f'<select {common}>{"".join(options)}</select>'
    elif f["name"] == "summary":
        control = f'<textarea {common} rows="3"></textarea>'
    elif f["kind"] in ("year", "date"):
        control = f'<input {common} type="text" inputmode="numeric" autocomplete="off" class="gv-f-short">'
    elif f["kind"] == "contact":
        control = f'<input {common} type="text" autocomplete="email">'
    else:
        control = f'<input {common} type="text" autocomplete="off">'
    return f'<div class="gv-f-field" id="{fid}-veld">{head}{control}</div>'


def _tags_html(data: dict, field: dict) -> str:
    fid = "gv-f-tags"
    groups = []
    for g in data["tag_groups"]:
        items = []
        for t in g["tags"]:
            tid = f"gv-f-tag-{t['slug']}"
            items.append(f'<li><input type="checkbox" id="{tid}" name="tags" value="{esc(t["slug"])}" '
                         f'aria-describedby="{tid}-uitleg">'
                         f'<label for="{tid}">{esc(t["label"])}</label>'
                         f'<span class="gv-f-help" id="{tid}-uitleg">{esc(t["description"])}</span></li>')
        groups.append(f'<div class="gv-f-taggroup"><p class="gv-f-taggroup-title"><strong>{esc(g["label"])}</strong>: '
                      f'{esc(g["description"])}</p><ul class="gv-f-tags">{"".join(items)}</ul></div>')
    return (f'<fieldset class="gv-f-field" id="{fid}-veld" aria-describedby="{fid}-hulp">'
            f'<legend class="gv-f-label">{esc(field["label"])}</legend>'
            f'<p class="gv-f-help" id="{fid}-hulp">Kies 1 tot {data["max_tags"]} tags die het best passen.</p>'
            f'<p class="gv-f-help gv-f-count" id="{fid}-telling"></p>'
            f'<p class="gv-f-error" id="{fid}-fout" hidden></p>'
            f'{"".join(groups)}</fieldset>')


def _links_html(field: dict) -> str:
    return ('<fieldset class="gv-f-field" id="gv-f-links-veld" aria-describedby="gv-f-links-hulp">'
            f'<legend class="gv-f-label">{esc(field["label"])} <span class="gv-f-optional">(niet verplicht)</span>'
            '</legend><p class="gv-f-help" id="gv-f-links-hulp">Webpagina\'s met meer informatie: een titel en een '
            'webadres dat begint met https://.</p><div id="gv-f-links"></div>'
            '<button type="button" class="md-button" id="gv-f-link-add">Nog een link toevoegen</button></fieldset>')


def _section_html(s: dict) -> str:
    sid = f"gv-f-section-{s['key']}"
    need = "" if s["required"] else ' <span class="gv-f-optional">(niet verplicht)</span>'
    hint = schema.hint_as_sentence(s["hint"])
    return (f'<div class="gv-f-field" id="{sid}-veld"><label class="gv-f-label" for="{sid}">{esc(s["title"])}{need}'
            f'</label><p class="gv-f-help" id="{sid}-hulp">{esc(hint)}</p>'
            f'<p class="gv-f-error" id="{sid}-fout" hidden></p>'
            f'<textarea id="{sid}" name="section-{s["key"]}" rows="6" aria-describedby="{sid}-hulp"></textarea></div>')


def page_markdown(data: dict) -> str:
    """The page at /bijdragen/nieuw/: the form (built here, labelled), its data and its script."""
    base = render.base_for(PAGE_URL)
    fields = [_tags_html(data, f) if f["kind"] == "tags" else _links_html(f) if f["kind"] == "links"
              else _field_html(f) for f in data["fields"]]
    send = data["send"]
    mail = ('<a class="md-button md-button--primary" id="gv-f-mail" href="#gv-f-samenvatting">Mail naar de redactie</a>'
            if send["editors"] else "")
    github = (f'<a class="md-button" id="gv-f-pr" href="#gv-f-samenvatting">Open een pull request op GitHub</a>'
              if send["source"] else "")
    lines = [
        *render.unsearched_page("Een voorbeeld insturen", "Schrijf een goed voorbeeld van open overheid in dit "
                                "formulier en stuur het naar de redactie."),
        "# Een voorbeeld insturen", "",
        f'<div class="gv-f-intro"><link rel="stylesheet" href="{base}{STYLESHEET}"><p>Vul het formulier in. Terwijl je typt, controleert het formulier je voorbeeld '
        'met dezelfde regels als de redactie. Alles blijft in je eigen browser tot je het verstuurt; wat je typt, '
        'wordt hier bewaard, zodat je later verder kunt. Je hebt geen account nodig. Alles is verplicht, '
        'behalve wat ‘niet verplicht’ zegt.</p>'
        f'<p>Liever op een andere manier? Zie <a href="{base}bijdragen/">Een voorbeeld toevoegen</a>.</p>'
        '<noscript><p class="gv-f-noscript">Dit formulier werkt alleen met JavaScript. Zonder JavaScript kun je '
        f'een voorbeeld insturen op de manieren die <a href="{base}bijdragen/">Een voorbeeld toevoegen</a> '
        'beschrijft.</p></noscript></div>', "",
        f'<form id="gv-form" class="gv-form" novalidate hidden>'
        '<div class="gv-f-summary" id="gv-f-samenvatting" tabindex="-1">'
        '<h2 id="gv-f-samenvatting-titel">Controle</h2><p id="gv-f-melding" role="status"></p>'
        '<ul id="gv-f-problemen"></ul></div>'
        '<fieldset class="gv-f-group"><legend>Gegevens</legend>' + "".join(fields) + "</fieldset>"
        '<fieldset class="gv-f-group"><legend>Tekst</legend><p class="gv-f-help">In de tekst mag je eenvoudige '
        'opmaak gebruiken: een lege regel tussen alinea\'s, <code>- </code> voor een opsomming, '
        '<code>**vet**</code>, <code>*schuin*</code> en <code>[tekst](https://...)</code> voor een link.</p>'
        + "".join(_section_html(s) for s in data["sections"]) + "</fieldset>"
        '<div class="gv-f-send"><h2>Versturen</h2><p>Elke manier stuurt hetzelfde bestand. Het kan pas weg als de '
        'controle niets meer vindt.</p><p class="gv-f-buttons">' + mail +
        '<button type="button" class="md-button" id="gv-f-download">Download het bestand</button>' + github +
        '</p><p id="gv-f-send-status" role="status"></p>'
        '<p class="gv-f-buttons"><button type="button" class="md-button gv-f-reset" id="gv-f-reset">'
        'Opnieuw beginnen</button></p><p id="gv-f-saved" class="gv-f-help"></p></div></form>', "",
        '<section class="gv-f-preview" id="gv-f-voorbeeld" aria-labelledby="gv-f-voorbeeld-titel" hidden>'
        '<h2 id="gv-f-voorbeeld-titel">Zo ziet je voorbeeld eruit</h2><div id="gv-f-preview"></div></section>', "",
        '<section class="gv-f-file" id="gv-f-bestand" aria-labelledby="gv-f-bestand-titel" hidden>'
        '<h2 id="gv-f-bestand-titel">Het bestand</h2><p>Bestandsnaam: <code id="gv-f-filename"></code></p>'
        '<pre id="gv-f-text" tabindex="0" aria-label="De tekst van het bestand"></pre></section>', "",
        f'<script type="application/json" id="gv-form-data">{data_json(data)}</script>', "",
        f'<script src="{base}{SCRIPT}" defer></script>', "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# the form's answers as a draft (what the script does, in Python: the differential test's reference)


def draft_from_answers(answers: dict) -> Draft:
    """The form's answers (all text, as kept in the browser) to the draft `goedvoorbeeld new` renders.

    Converted as `new` and `from-issue` convert typed answers: text collapsed to single spaces, a year of
    digits a number, a real JJJJ-MM-DD date a date; a wrong answer stays as typed, for the checker.
    """
    values: dict = {}
    for f in schema.FIELDS:
        raw = answers.get(f.name)
        if f.kind == "tags":
            if raw:
                values["tags"] = list(raw)
        elif f.kind == "links":
            rows = [(r.get("title") or "", r.get("url") or "") for r in raw or ()]
            rows = [(" ".join(t.split()), u.strip()) for t, u in rows if t.strip() or u.strip()]
            if rows:
                values["links"] = rows
        elif isinstance(raw, str) and raw.strip():
            if f.kind == "text":
                values[f.name] = " ".join(raw.split())
            elif f.kind == "year":
                values[f.name] = year_value(raw)
            elif f.kind == "date":
                values[f.name] = _date_value(raw.strip())
            elif f.kind == "contact":
                values[f.name] = raw.strip()
            else:
                values[f.name] = raw
    sections = {k: v for k, v in (answers.get("sections") or {}).items() if isinstance(v, str)}
    return Draft(values, sections)


def _date_value(text: str):
    """A date when the text is a real JJJJ-MM-DD date, otherwise the text (the checker then explains)."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            pass
    return text
