"""Drafts of the case form, generated from a seed: valid ones and ones that break each rule the form checks.

A draft is what the form keeps in the browser: every answer as text (tags a list of slugs, links a list of
rows, sections by key). Used by tests/test_case_form_rules.py (node and Chromium against the Python checker).
"""

from __future__ import annotations

import datetime as dt
import random

import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.contribute.newcase import hint_line
from goedvoorbeeld.check.vocabulary import Vocabulary

WORDS = ("gemeente inwoners open data raad besluit participatie wijk provincie samen luisteren informatie "
         "regels publiceren overheid ambtenaren bestuur burgers vragen antwoorden dienstverlening transparant "
         "één café coöperatie reünie financiën privé ideeën geïnteresseerd zó").split()
TITLE_EXTRAS = ("&", "'s", "R&D", "2024, 2025", "—", "“open”", "Ærø", "Straße", "Œuvre", "naïef", "€ 5", "1,5",
                "(pilot)", "!", "ĳs", "Łódź", "ñ", "…")

SNIPPETS = [
    "<script>alert(1)</script>", "<b>vet</b>", '<abbr title="Wet open overheid">Woo</abbr>',
    '<abbr onclick="x()">Woo</abbr>', "<!-- opmerking -->", "H<sub>2</sub>O", "regel<br>volgende", "<br/>",
    "<sup>1</sup>", "<x:y onclick=alert(1)>", "<?php ?>", "<!DOCTYPE html>", "a < b en c > d", "<abbr",
    '<abbr title="a>b">x</abbr>', "<ABBR TITLE='x'>y</ABBR>", "<abbr title=x onmouseover=y>z</abbr>",
    "[site](https://www.example.org/)", "[mail](mailto:info@example.org)", "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))", "[x](javascript&colon;alert(1))", "[x](&#106;avascript:alert(1))",
    "[x](//evil.example/)", "[x](data:text/html,hoi)", "[x](ftp://example.org/)", "[x](/pad/naar)",
    "[x](https://bücher.example/)", "[x](https://例え.jp/)", "[x](<https://example.org/a b>)",
    '[x](https://example.org/ "titel")', "<https://www.example.org/>", "<javascript:alert(1)>",
    "<mailto:info@example.org>", "[ref]\n\n[ref]: javascript:alert(1)", "[ref]\n\n[ref]: https://example.org/",
    "![foto](https://example.org/a.png)", "![foto](foto.png)", "![foto](foto.svg)", "![foto](//x/a.png)",
    "![logo][l]\n\n[l]: logo.png", "![x](foto.PNG?v=1)", "{: .klasse }", "tekst {#id}", "{ }", "`<b>code</b>`",
    "`code`", "```\n<script>\n```", "~~~\ncode\n~~~", "```\nnooit gesloten", "``a`b``", "\\[niet\\](javascript:x)",
    "## Resultaat\n\nWat het opleverde.", "## Lessen\n\nWat we leerden.", "# Kop van niveau 1", "  # ingesprongen kop", "## Conclusie", "## Aanleiding", "##", "### Tussenkop",
    "## aanpak", "\u202egeheim", "bel\u0007", "\u200bonzichtbaar", "\ufeffbom", "\u2028regel", "\x85nel",
    "emoji 😀 in de tekst", "- een\n- twee\n  - drie", "1. een\n2. twee", "> citaat\n> verder",
    "> " * 10 + "diep", "1. " * 10 + "diep", " " * 45 + "ver", "\t" * 11 + "tab", "[" * 60 + "haken",
    "(" * 10 + "x" * 2000, "*[AFK]: afkorting\n" * 51, "x" * 5001, "é" * 5001, "regel\n" * 301,
    "tekst met & en &amp; en &nbsp;", "*schuin* en **vet**", "_nadruk_",
]


# Characters where Python and JavaScript read text differently (white space, code points, markup starts).
NOISE = ["\x85", "\xa0", "\u2003", "\x1c", "\t", "\u3000", "😀", "é", "<", ">", "&", "`", "[", "]", "(", ")", "*",
         "_", "#", "\n", "\n\n", "  ", ":", "'", '"', "\\", "{", "}", "~", "!", "-", "1.", ">", "\u202f", "ß", "İ"]


def _noisy(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        chars.insert(rng.randint(0, len(chars)), rng.choice(NOISE))
    return "".join(chars)


def _words(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def _sentence_of_length(rng: random.Random, n: int) -> str:
    text = ""
    while len(text) < n:
        text += rng.choice(WORDS) + " "
    return text[:n].strip() or "x"


QUESTIONS = ("Hoe zou jouw organisatie dit aanpakken?", "Wat hebben inwoners in jouw gemeente nodig om mee te denken?",
             "Welke regel zou jij als eerste eenvoudiger maken, en waarom?")


def _section_text(rng: random.Random, key: str) -> str:
    if key == "gespreksvraag":
        return rng.choice(QUESTIONS)
    paragraphs = [_words(rng, 8, 30).capitalize() + "." for _ in range(rng.randint(1, 3))]
    return "\n\n".join(paragraphs)


def valid_draft(rng: random.Random, vocabulary: Vocabulary, today: dt.date) -> dict:
    tags = rng.sample(sorted(vocabulary.tags), rng.randint(1, vocabulary.max_tags))
    draft = {
        "title": _words(rng, 2, 8).capitalize(),
        "summary": _words(rng, 6, 20).capitalize() + ".",
        "organisation": "Gemeente " + rng.choice(("Voorbeeldstad", "Testdorp", "Ons Dorp", "’s-Hertogenbosch")),
        "level": rng.choice(schema.FIELD_BY_NAME["level"].choices),
        "status": rng.choice(schema.FIELD_BY_NAME["status"].choices),
        "year": str(rng.randint(schema.FIRST_YEAR, today.year)),
        "tags": tags,
        "added": (today - dt.timedelta(days=rng.randint(0, 900))).isoformat(),
        "links": [],
        "contact": rng.choice(("", "info@example.org", "https://www.example.org/contact")),
        "language": rng.choice(("", "", "nl", "en")),
        "sections": {s.key: _section_text(rng, s.key) if s.required or rng.random() < 0.6 else ""
                     for s in schema.SECTIONS},
    }
    if len(draft["title"]) < 5:
        draft["title"] += " open overheid"
    if rng.random() < 0.5:
        draft["links"] = [{"title": "Website", "url": "https://www.example.org/"}]
    return draft


def _mutate(rng: random.Random, d: dict, vocabulary: Vocabulary, today: dt.date) -> None:
    """One change that breaks (or just stretches) one rule the form checks."""
    kind = rng.randrange(17)
    if kind >= 15:  # noise in any text answer
        name = rng.choice(["title", "summary", "organisation", "year", "added", "contact", "section"])
        if name == "section":
            key = rng.choice([s.key for s in schema.SECTIONS])
            d["sections"][key] = _noisy(rng, d["sections"][key])
        else:
            d[name] = _noisy(rng, d[name])
        return
    if kind == 0:  # title: length, markup, characters for the file name
        d["title"] = rng.choice([
            "Ab", "", "   ", "x" * 121, _sentence_of_length(rng, 120), "<b>Vet</b> voorbeeld", "a < b voorbeeld",
            "Index", "Pagina", "één", "😀😀😀😀😀 emoji", " ".join(rng.choice(TITLE_EXTRAS) for _ in range(4)) + " titel",
            "Open " + rng.choice(TITLE_EXTRAS) + " raad", "  Open   raad\tin de wijk  ", "Woord" * 20 + " en meer",
            " ".join(["langwoord" + str(i) for i in range(12)]), "yes", "null", "2024", "Titel: met dubbele punt",
            "Titel met \"aanhalingstekens\" en \\ schuine streep", "tab\tin titel", "nbsp\xa0titel",
        ])
    elif kind == 1:  # summary
        d["summary"] = rng.choice([
            "Te kort.", "", "x" * 401, _sentence_of_length(rng, 400), _sentence_of_length(rng, 20),
            _sentence_of_length(rng, 19), "Met <abbr title=\"x\">HTML</abbr> erin, lang genoeg hoor.",
            "Met een regel\nerin die wel lang genoeg is.", "😀" * 19 + "x", "😀" * 20,
            "Drie < vier, en dat is lang genoeg hier.",
        ])
    elif kind == 2:
        d["organisation"] = rng.choice(["", "X", "x" * 201, "<i>Gemeente</i>", "Gemeente\u202eX"])
    elif kind == 3:
        d[rng.choice(("level", "status"))] = rng.choice(["", "stad", "Gemeente", "yes", "gemeent", "afgerondd"])
    elif kind == 4:
        d["language"] = rng.choice(["fr", "NL", "nederlands"])
    elif kind == 5:  # year
        d["year"] = rng.choice(["1989", "1990", str(today.year + 1), str(today.year + 2), "0012", "twintig", "20 19",
                                "", "-5", "2019.0", "１２", "999999", " 2019 ", "2019a"])
    elif kind == 6:  # tags
        known = sorted(vocabulary.tags)
        d["tags"] = rng.choice([
            [], rng.sample(known, min(len(known), vocabulary.max_tags + rng.randint(1, 3))),
            ["burger-betrekken"], ["Burgers en bedrijven betrekken"], ["onbekend", known[0]], [known[0], known[0]],
            [""], ["  "], ["visie", "yes"], ["123"], rng.sample(known, vocabulary.max_tags),
            ["Visie", "best-practice"] + known[:5],
        ])
    elif kind == 7:  # date
        d["added"] = rng.choice([(today + dt.timedelta(days=1)).isoformat(), today.isoformat(), "2026-02-30",
                                 "gisteren", "", "6-12-2026", "0000-01-01", "2020-1-5", " 2020-01-05 ",
                                 "2024-02-29", "2023-02-29", "0001-01-01"])
    elif kind == 8:  # links
        urls = ["https://www.example.org/", "http://example.org", "javascript:alert(1)", "www.example.org",
                "ftp://example.org/", "https://bücher.example/", "", "//example.org/", "https://",
                "https://exa mple.org/", "HTTPS://EXAMPLE.ORG/", "https://example.org/a?b=c#d",
                "https://[::1/", "mailto:info@example.org", "https://münchen.example/pad", "https://xn--bcher-kva.example/"]
        d["links"] = [{"title": rng.choice(["Website", "", "  Meer   info  ", "Bron", "Bron\u202eX"]), "url": rng.choice(urls)}
                      for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.2:
            d["links"].append({"title": "", "url": ""})
    elif kind == 9:  # contact
        d["contact"] = rng.choice(["Jan", "info@example.org", " info@example.org ", "mailto:info@example.org",
                                   "javascript:alert(1)", "tel:0101234567", "https://www.example.org/",
                                   "http://bad host", "www.example.org", "a@b", "a@b.nl", "https://bücher.example/",
                                   "https:", "info@@example.org"])
    elif kind == 10 and "gespreksvraag" in d["sections"] and rng.random() < 0.5:  # the plain-text question
        d["sections"]["gespreksvraag"] = rng.choice([
            "Waarom?", "x" * 301, _sentence_of_length(rng, 300), _sentence_of_length(rng, 10), "Hoe  dan\n\nook?",
            "Wat vind jij van *dit* idee?", "Lees [dit](https://example.org/) eerst?", "- een lijst\n- met vragen",
            "Wat is `code` hier?", "<b>Vet</b> gevraagd?", "Is 3 > 2 en 1 < 2, denk je?", "Kosten & baten: wat weeg je?",
            "# Een kop als vraag?", "Waarom **vet** gedrukt?", "Zie <https://example.org/> voor meer?",
            "Wat is een_variabele_naam eigenlijk?", "Eén vraag\nover twee regels?", "Hoe? " * 70,
        ])
    elif kind == 10:  # a required section left empty
        d["sections"][rng.choice([s.key for s in schema.SECTIONS])] = rng.choice(["", "   ", "\n\n"])
    elif kind == 11:  # the hint of `goedvoorbeeld new` left in
        key = rng.choice([s.key for s in schema.SECTIONS])
        d["sections"][key] = hint_line(key) + ("\n\n" + d["sections"][key] if rng.random() < 0.5 else "")
    else:  # markup in a section
        key = rng.choice([s.key for s in schema.SECTIONS])
        snippet = rng.choice(SNIPPETS)
        base = d["sections"][key]
        d["sections"][key] = rng.choice([snippet + "\n\n" + base, base + "\n\n" + snippet, base + " " + snippet,
                                         snippet])


def drafts(vocabulary: Vocabulary, today: dt.date, count: int, seed: int = 13) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        d = valid_draft(rng, vocabulary, today)
        if i % 4:  # three in four break something, one to three things at once
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                _mutate(rng, d, vocabulary, today)
        out.append(d)
    return out
