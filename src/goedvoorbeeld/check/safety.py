"""Hostile input: what a case body may contain before it becomes HTML on a government site.

Three layers, each complete on its own for what it covers:

1. `control_characters` and `check_markup` scan the source text (cheap, exact
   positions): control and direction characters, raw HTML, attribute lists,
   every form of link and image (inline, reference, autolink), and limits on
   the shapes that make Python-Markdown slow or crash (very long lines, deep
   nesting, unmatched brackets).
2. `verify_html` checks the HTML that Python-Markdown rendered against an
   allowlist. The build runs it on every case page (the HTML is already there)
   and the checker runs it when code spans hide markup, so that a difference
   between the checker's reading and the renderer's can never publish anything.
3. `site.sanitize` (nh3) cleans the HTML that reaches the page regardless.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.check.problems import Problem, problem

# The Markdown extensions of the site; mkdocs.yml must list the same (a test compares them).
MARKDOWN_EXTENSIONS = ("tables", "abbr", "attr_list", "toc", "fenced_code")

# Limits on the shape of a body. Prose never comes near them; past them Python-Markdown
# takes seconds to minutes (unmatched brackets are quadratic) or recurses until it crashes.
MAX_LINE = 5_000  # characters on one line
MAX_NESTING = 8  # lists and quotes inside each other
MAX_INDENT = 40  # columns of leading white space
MAX_BRACKET_SCAN = 100_000  # characters Markdown scans to match every '[' and '(' of a body
MAX_ANGLES = 300  # '<' in a body that do not start an allowed tag
MAX_BLOCK_LINES = 300  # lines in one block (lines without an empty line between them)
MAX_ABBREVIATIONS = 50  # '*[AFK]: ...' definitions

# --- 1a. characters ---------------------------------------------------------

_DIRECTION = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ufffe\uffff]"
)


def _char_name(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    if ch == "\x00":
        return f"{code} (NUL)"
    name = unicodedata.name(ch, "")
    return f"{code} ({name})" if name else code


def control_characters(path: str, text: str) -> list[Problem]:
    """Control characters, direction overrides and invisible separators, each with its position."""
    found: list[Problem] = []
    for m in _BAD_CHARS.finditer(text):
        ch = m.group(0)
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        if ch in _DIRECTION:
            why = "het keert de leesrichting om, zodat de tekst iets anders lijkt te zeggen dan er staat"
        elif ch in "\u2028\u2029":
            why = "het is een onzichtbaar regeleinde; gebruik een gewone nieuwe regel"
        else:
            why = "het is een onzichtbaar stuurteken"
        found.append(problem(path, line, col, "GV016", f"teken {_char_name(ch)} is niet toegestaan: {why}"))
        if len(found) >= 20:  # enough to find them all with an editor's search
            break
    return found


# Bytes that are not the UTF-8 of a character `control_characters` reports (a fast path at 10,000 cases).
# The reported characters are C0 controls and DEL (single bytes), U+0080-U+009F (lead byte 0xC2),
# U+2028-U+202E and U+2066-U+2069 (lead byte 0xE2) and U+FEFF, U+FFFE, U+FFFF (lead byte 0xEF); every
# other byte is deleted by `bytes.translate`, so a file with nothing left cannot contain any of them.
_NEVER_CONTROL = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0xC2), *range(0xC3, 0xE2),
                        *range(0xE3, 0xEF), *range(0xF0, 0x100)])


def may_hold_controls(data: bytes) -> bool:
    """False when the UTF-8 `data` surely has no character `control_characters` reports.

    Mirrors `control_characters` on the decoded text (proved by test_scale.py's
    test_control_character_prefilter_never_misses_one); True means: run that careful scan.
    """
    return bool(data.translate(None, _NEVER_CONTROL))


def blank_controls(text: str) -> str:
    """The text with every character `control_characters` reports replaced by a space."""
    return _BAD_CHARS.sub(" ", text)


# --- 1b. markup in the body -------------------------------------------------

# An HTML tag as a browser reads it: quoted attribute values may contain '>'.
_ATTR = r"""\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_FULL_TAG = re.compile(rf"<([A-Za-z][A-Za-z0-9-]*)((?:{_ATTR})*)\s*/?>")
# What Python-Markdown passes on as raw HTML: '<' and a letter, then anything up to white space, '/' or '>'
# (so '<x:y onclick=...>' counts: a browser makes it an element with a working handler).
_TAG_START = re.compile(r"<(/?)([A-Za-z][^\s/>@<]*)(?=[\s/>]|$)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^>\s]*)>")
_MARKDOWN_AUTOLINK = re.compile(r"<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*>")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _is_autolink(text: str, at: int) -> bool:
    """An autolink Python-Markdown turns into a link, or '<scheme:...>' whose scheme is refused anyway."""
    if _MARKDOWN_AUTOLINK.match(text, at):
        return True
    m = _AUTOLINK.match(text, at)
    return bool(m) and url_scheme(m.group(1)) not in schema.ALLOWED_LINK_SCHEMES
_SPECIAL = re.compile(r"<(!--|!\[CDATA\[|!|\?)")
# Python-Markdown's attr_list: '{: #id .class key=value }' after a block or an inline element.
_ATTR_LIST = re.compile(r"\{[^}\n]*[^}\s][^}\n]*\}")
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_REF_DEF = re.compile(r"^[ ]{0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.M)
_IMAGE_REF = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:[ ]?\[((?:[^\]\\]|\\.)*)\])?")
_MAY_NEST = set(" \t>*+-0123456789")
_CONTAINER = re.compile(r"(?:[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t])))")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, Markdown escapes and control characters removed."""
    cleaned = _ESCAPED.sub(r"\1", html.unescape(_ESCAPED.sub(r"\1", url)))
    cleaned = "".join(ch for ch in cleaned if ch > " ")
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


def host_problem(url: str) -> str | None:
    """A server name that can look like another one: letters from outside ASCII (shown as the browser sends it)."""
    try:
        host = urlsplit("".join(ch for ch in url if ch > " ")).hostname or ""
    except ValueError:
        return "is geen geldig webadres"
    if host.isascii():
        return None
    try:
        ascii_name = host.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_name = host.encode("ascii", "backslashreplace").decode("ascii")
    return (f"heeft tekens van buiten het Latijnse alfabet in de servernaam (eigenlijk '{ascii_name}'); "
            f"zulke namen kunnen op een bekende naam lijken")


def is_protocol_relative(url: str) -> bool:
    cleaned = "".join(ch for ch in html.unescape(url) if ch > " ")
    return cleaned.startswith(("//", "\\\\", "/\\", "\\/"))


@dataclass(frozen=True)
class Target:
    """A link or image target found in the body."""

    url: str
    offset: int  # in the body
    is_image: bool


_MARKUP = re.compile(r"[^\w\s]")  # any punctuation in hidden code can combine with the text around it


def _fenced_blocks(body: str) -> list[tuple[int, int]]:
    """Where Python-Markdown's fenced_code finds fenced code blocks: its own pattern and loop, on the body with
    each tab read as a space (Markdown expands tabs first; that changes no match, and this keeps the offsets)."""
    from markdown.extensions.attr_list import get_attrs_and_remainder
    from markdown.extensions.fenced_code import FencedBlockPreprocessor

    text = body.replace("\t", " ")
    blocks: list[tuple[int, int]] = []
    index = 0
    while m := FencedBlockPreprocessor.FENCED_BLOCK_RE.search(text, index):
        if m.group("attrs") and get_attrs_and_remainder(m.group("attrs"))[1]:
            index = m.end("attrs")  # '{...}' that is not an attribute list: Markdown skips it the same way
            continue
        blocks.append((m.start(), m.end()))
        index = m.end()
    return blocks


def mask_code(body: str) -> tuple[str, bool]:
    """Blank out fenced code blocks and inline code (same length, same lines).

    A fenced block counts only where Python-Markdown finds one (an indented or unclosed fence, or one closed by a
    fence of another length, is text to Markdown, so it is scanned like text). Returns the masked text and
    whether the code hid anything that looks like markup; then the caller lets the renderer decide
    (`verify_html`), so that a difference between this reading and Python-Markdown's cannot hide HTML.
    """
    if "`" not in body and "~" not in body:  # no code at all: most bodies (a fast path at 10,000 cases)
        return body, False
    hidden = False
    text = body
    if "```" in body or "~~~" in body:
        parts: list[str] = []
        end = 0
        for start, stop in _fenced_blocks(body):
            block = body[start:stop]
            hidden = hidden or bool(_MARKUP.search(block))
            parts += [body[end:start], "".join("\n" if ch == "\n" else " " for ch in block)]
            end = stop
        text = "".join(parts) + body[end:]
    if "`" not in text:
        return text, hidden

    def blank(m: re.Match) -> str:
        nonlocal hidden
        if _MARKUP.search(m.group(2)):
            hidden = True
        return "".join("\n" if ch == "\n" else " " for ch in m.group(0))

    return _CODE_SPAN.sub(blank, text), hidden


class Where:
    """Offsets in the body to file lines and columns (the line starts are found on first use)."""

    def __init__(self, body: str, body_line: int):
        self.body = body
        self.body_line = body_line
        self.starts: list[int] | None = None

    def __call__(self, offset: int) -> tuple[int, int]:
        if self.starts is None:
            self.starts = [0] + [m.end() for m in re.finditer("\n", self.body)]
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.body_line + i, offset - self.starts[i] + 1


# '[label]: ' not at the start of a line (after at most three spaces), where Markdown may still read a reference
# definition: inside a quote ('> [r]: ...'), a list item ('- [r]: ...') or indented under one. The caller then
# lets the renderer decide (`verify_html`), which checks every link Markdown made.
_NESTED_REFERENCE = re.compile(r"^(?![ ]{0,3}\[)[^\n]*?\[[^\]\n]+\]:", re.M)


def check_markup(path: str, body: str, body_line: int) -> tuple[list[Problem], list[Target], bool]:
    """Raw HTML, attribute lists and complexity limits; returns problems, link targets and
    whether code spans hid markup or a reference may be defined where `targets` does not look (then the caller
    confirms with `verify_html`)."""
    where = Where(body, body_line)
    problems: list[Problem] = []

    def add(offset: int, code: str, message: str) -> None:
        problems.append(problem(path, *where(offset), code, message))

    too_complex = _complexity(body, add)
    if too_complex:  # scanning further could be slow, and the file is refused anyway
        return problems, [], False
    text, hidden = mask_code(body)
    if not hidden and "]:" in text and _NESTED_REFERENCE.search(text):
        hidden = True  # a reference defined inside a quote or a list item: `targets` reads only top-level ones

    # Each scan below finds nothing without a '<' or a '{' (every pattern starts with one), so it is skipped
    # then: a fast path, since most bodies have neither.
    if "<" in text:
        _check_tags(text, add)
    if "{" in text:
        for m in _ATTR_LIST.finditer(text):  # Python-Markdown's attr_list reads '{...}' as HTML attributes
            add(m.start(), "GV205", f"'{m.group(0)[:40]}' is niet toegestaan: tekst tussen accolades wordt een "
                                    f"HTML-attribuut; haal de accolades weg of zet de tekst tussen backticks")
    return problems, targets(text), hidden


def _check_tags(text: str, add) -> None:
    """Raw HTML: comments and declarations, elements and attributes outside the allowlist, stray '<'."""
    for m in _SPECIAL.finditer(text):
        what = {"!--": "HTML-commentaar (<!-- -->)", "![CDATA[": "CDATA", "?": "een verwerkingsinstructie (<?)"}
        add(m.start(), "GV205", f"{what.get(m.group(1), 'een HTML-declaratie (<!)')} is niet toegestaan")
    angles = 0
    inside = 0  # end of the last whole tag: a '<' in its quoted attribute values is no tag of its own
    for m in _TAG_START.finditer(text):
        if m.start() < inside or (not m.group(1) and _is_autolink(text, m.start())):
            continue  # inside a tag already seen, or an autolink (checked with the links)
        name = m.group(2).lower()
        allowed = schema.ALLOWED_HTML.get(name)
        full = None if m.group(1) else _FULL_TAG.match(text, m.start())
        if full and not _BLANK_LINE.search(full.group(0)):  # a blank line ends Markdown's paragraph, and the tag
            inside = full.end()
        if allowed is None:
            if not m.group(1):  # a closing tag does nothing on its own; its opening tag is reported
                add(m.start(), "GV205", f"HTML-element <{name}> is niet toegestaan; gebruik Markdown "
                                        f"(alleen <abbr>, <sub>, <sup> en <br> mogen)")
            continue
        if m.group(1):
            continue
        attributes = _browser_attributes(text, m.start())
        if attributes is None:  # never closed with '>': plain text
            angles += 1
            continue
        bad = [a for a in attributes if a.lower() not in allowed]
        if bad:
            add(m.start(), "GV205", f"HTML-attribuut '{bad[0]}' op <{name}> is niet toegestaan")
    angles += text.count("<") - len(_TAG_START.findall(text))
    if angles > MAX_ANGLES:
        add(0, "GV017", f"de tekst bevat {angles} keer '<' zonder dat er een toegestaan HTML-element begint; "
                        f"het maximum is {MAX_ANGLES}")


class _StartTag(HTMLParser):
    """The attributes of the first start tag, read as tolerantly as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if self.attributes is None:
            self.attributes = [name for name, _ in attrs]

    handle_startendtag = handle_starttag


_TAG_READ = 4_000  # characters of a start tag read (a tag in prose is short; reading less keeps the scan linear)


def _browser_attributes(text: str, at: int) -> list[str] | None:
    """The attribute names of the start tag at `at`; None when it never ends (then it is text)."""
    parser = _StartTag()
    end = text.find("\n\n", at)
    paragraph = text[at:end if end != -1 else len(text)]
    try:
        parser.feed(paragraph[:_TAG_READ])
    except Exception:  # html.parser gives up on some malformed markup (AssertionError in Python 3.11)
        return parser.attributes if parser.attributes is not None else ["(onleesbare HTML)"]
    if parser.attributes is None and ">" in paragraph[_TAG_READ:]:
        return ["(onleesbare HTML)"]  # a tag longer than what was read, which a browser may still end and obey
    return parser.attributes


# The start of a line that may be nested deeper than MAX_NESTING (nine containers, exactly as `_complexity`
# counts them with _CONTAINER) or indented more than MAX_INDENT columns (11 spaces or tabs: a tab is 4 columns).
_DEEP_OR_INDENTED = re.compile(rf"{_CONTAINER.pattern}{{{MAX_NESTING + 1}}}|[ \t]{{{MAX_INDENT // 4 + 1}}}")
# The same at the start of any line after the first one that starts with a character of _MAY_NEST.
_DEEP_OR_INDENTED_LINE = re.compile(rf"\n(?=[ \t>*+0-9-])(?:{_DEEP_OR_INDENTED.pattern})")


def _surely_simple(body: str) -> bool:
    """True when `_complexity` surely finds nothing: a fast path at 10,000 cases.

    Each test is a necessary condition of one of its limits, and most lines need no test at all: only a
    line that starts with a space, a tab or a marker can nest. False means only "maybe": then the careful
    checks run. Proved to agree by test_scale.py's test_fast_markup_check_equals_the_careful_path (mutated bodies).
    """
    if body.count("\n") >= MAX_BLOCK_LINES:  # a block of more lines needs at least as many lines
        return False
    if len(body) > MAX_LINE and max(map(len, body.split("\n"))) > MAX_LINE:
        return False
    # The lines are not split off (that copies the body): the first line is matched where it starts, the
    # others by one search from their line break. Neither pattern can match or look at a line break, so a
    # match at a line's start in the body is a match on the line alone.
    if body[:1] in _MAY_NEST and _DEEP_OR_INDENTED.match(body) or _DEEP_OR_INDENTED_LINE.search(body):
        return False
    if "*" in body and body.count("*[") > MAX_ABBREVIATIONS:
        return False
    # every '[' and '(' makes `_bracket_scan` count at most the rest of its block
    return ("[" not in body and "(" not in body) or (body.count("[") + body.count("(")) * len(body) <= MAX_BRACKET_SCAN


def _complexity(body: str, add) -> bool:
    """Limits on line length, nesting and bracket matching; True when any is exceeded."""
    if _surely_simple(body):
        return False
    exceeded = False
    offset = reported = 0
    for line in body.split("\n"):
        if reported >= 5:  # enough to show what is wrong; the file is refused anyway
            break
        if len(line) > MAX_LINE:
            add(offset, "GV017", f"regel van {len(line)} tekens; het maximum is {MAX_LINE}: "
                                 f"begin een nieuwe alinea met een lege regel")
            exceeded, reported = True, reported + 1
        elif line[:1] in _MAY_NEST and line.strip():
            expanded = line.expandtabs(4)
            indent = len(expanded) - len(expanded.lstrip(" "))
            depth = pos = 0
            while depth <= MAX_NESTING:
                m = _CONTAINER.match(line, pos)
                if not m or m.end() == pos:
                    break
                depth, pos = depth + 1, m.end()
            if depth > MAX_NESTING or indent > MAX_INDENT:
                add(offset, "GV017", f"lijsten of citaten zijn te diep genest of te ver ingesprongen "
                                     f"(hoogstens {MAX_NESTING} niveaus en {MAX_INDENT} spaties)")
                exceeded, reported = True, reported + 1
        offset += len(line) + 1
    run = start = 0
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            if run == 0:
                start = offset
            run += 1
            if run == MAX_BLOCK_LINES + 1:
                add(start, "GV017", f"meer dan {MAX_BLOCK_LINES} regels zonder lege regel ertussen: "
                                    f"zet lege regels tussen alinea's, lijsten en tabellen")
                exceeded = True
        else:
            run = 0
        offset += len(line) + 1
    abbreviations = len(re.findall(r"^[ ]{0,3}\*\[", body, re.M))
    if abbreviations > MAX_ABBREVIATIONS:
        add(0, "GV017", f"{abbreviations} afkortingen (*[AFK]: ...); het maximum is {MAX_ABBREVIATIONS}")
        exceeded = True
    scanned, first = _bracket_scan(body)
    if scanned > MAX_BRACKET_SCAN:
        add(max(first, 0), "GV017", "te veel haken '[' of '(' zonder sluithaak: haal losse haken weg "
                        "of zet ze tussen backticks")
        exceeded = True
    return exceeded


_BRACKETS = {"[": re.compile(r"[\[\]]"), "(": re.compile(r"[()]")}


def _bracket_scan(body: str) -> tuple[int, int]:
    """Characters scanned to match every '[' and '(' within its block (unmatched: to the block's end),
    and the offset of the first unmatched one."""
    total = 0
    first = -1
    offset = 0
    for block in re.split(r"(\n[ \t]*\n)", body):
        if block.strip():
            for open_, close in (("[", "]"), ("(", ")")):
                if open_ not in block:
                    continue
                stack: list[int] = []
                for m in _BRACKETS[open_].finditer(block):
                    i = m.start()
                    if m.group() == open_:
                        stack.append(i)
                    elif stack:
                        total += i - stack.pop()
                total += sum(len(block) - i for i in stack)
                if stack and first < 0:
                    first = offset + stack[0]
        offset += len(block)
        if total > MAX_BRACKET_SCAN:
            break
    return total, first


def targets(text: str) -> list[Target]:
    """Every link and image target: inline, reference definitions and autolinks."""
    found: list[Target] = []
    if "]" in text:  # inline links and reference definitions need ']' (a fast path: prose often has none)
        for m in re.finditer(r"\]\(", text):
            url, start = _destination(text, m.end())
            if url is None:
                continue
            found.append(Target(url, start, _opened_by_image(text, m.start())))
        definitions = list(_REF_DEF.finditer(text))
        image_labels = set()
        for m in _IMAGE_REF.finditer(text) if definitions else ():
            label = m.group(2) if m.group(2) else m.group(1)
            image_labels.add(" ".join(label.lower().split()))
        for m in definitions:
            label = " ".join(m.group(1).lower().split())
            url = m.group(2)
            start = m.start(2)
            if url.startswith("<"):
                url, start = url[1:-1], start + 1
            found.append(Target(url, start, label in image_labels))
    if "<" in text:
        for m in _AUTOLINK.finditer(text):
            found.append(Target(m.group(1), m.start(1), False))
        for m in _MARKDOWN_AUTOLINK.finditer(text):  # Markdown's own autolinks may hold white space and line breaks
            if not _BLANK_LINE.search(m.group(0)):  # (not a blank line: Markdown reads each paragraph on its own)
                found.append(Target(m.group(0)[1:-1], m.start() + 1, False))
    if not found:  # the usual body: nothing to sort
        return found
    unique: dict[int, Target] = {}
    for t in found:  # '[x](<url>)' is also an autolink: report it once
        unique.setdefault(t.offset, t)
    return sorted(unique.values(), key=lambda t: t.offset)


def _destination(text: str, i: int) -> tuple[str | None, int]:
    """A link destination as Python-Markdown reads it after '](': '<...>', or everything up to the
    balancing ')' or a title in quotes, white space and line breaks included (browsers drop those)."""
    n = len(text)
    while i < n and text[i] in " \t\n":
        i += 1
    if i < n and text[i] == "<":
        end = text.find(">", i + 1)
        nl = text.find("\n", i + 1)
        if end == -1 or (nl != -1 and nl < end):
            return None, i
        return text[i + 1:end], i + 1
    start = i
    depth = 0
    while i < n and i - start < 2_000:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            i += 2
            continue
        if ch == "\n" and text[i + 1:i + 2] == "\n":
            break
        if ch in "\"'" and i > start and text[i - 1] in " \t\n":
            break  # a title begins
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        i += 1
    return text[start:i].rstrip(), start


def _opened_by_image(text: str, close: int) -> bool:
    """Whether the '[' matching the ']' at `close` is preceded by '!'."""
    depth = 0
    i = close - 1
    stop = max(0, close - 2_000)
    while i >= stop:
        ch = text[i]
        if ch == "]" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif ch == "[" and (i == 0 or text[i - 1] != "\\"):
            if depth == 0:
                return i > 0 and text[i - 1] == "!"
            depth -= 1
        i -= 1
    return False


# --- 2. the rendered HTML ---------------------------------------------------

_HTML_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "img", "hr", "br", "abbr", "sub", "sup",
}
_HTML_ATTRIBUTES = {
    "a": {"href", "title", "rel"}, "img": {"src", "alt", "title"}, "abbr": {"title"}, "ol": {"start"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "th": {"style"}, "td": {"style"},
}
_ALIGN = re.compile(r"^text-align: (?:left|right|center);$")


@dataclass(frozen=True)
class Finding:
    code: str  # GV205 (element, attribute), GV206 (link) or GV207 (image)
    message: str  # Dutch
    needle: str  # text to look for in the source to find the line


class _Verifier(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _HTML_TAGS:
            self.findings.append(Finding("GV205", f"HTML-element <{tag}> is niet toegestaan", f"<{tag}"))
            return
        allowed = _HTML_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name not in allowed or (name == "style" and not _ALIGN.match(value)):
                self.findings.append(Finding("GV205", f"HTML-attribuut '{name}' op <{tag}> is niet toegestaan", name))
            elif tag == "a" and name == "href":
                scheme = url_scheme(value)
                if (scheme is not None and scheme not in schema.ALLOWED_LINK_SCHEMES) or is_protocol_relative(value):
                    self.findings.append(Finding("GV206", f"link '{value[:60]}' is niet toegestaan; "
                                                          f"alleen http://, https:// en mailto:", value[:20]))
                elif scheme in ("http", "https") and (why := host_problem(value)):
                    # the checker's own test, again on what Markdown made: a link the checker's reading of the
                    # body missed (a reference defined inside a quote or a list item) is refused, not published
                    self.findings.append(Finding("GV206", f"link '{value[:60]}' {why}", value[:20]))
            elif tag == "img" and name == "src":
                if url_scheme(value) is not None or is_protocol_relative(value) or value.startswith(("/", "\\")):
                    self.findings.append(Finding("GV207", f"afbeelding '{value[:60]}' staat niet in cases/",
                                                 value[:20]))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.findings.append(Finding("GV205", "HTML-commentaar (<!-- -->) is niet toegestaan", "<!--"))

    def handle_decl(self, decl):
        self.findings.append(Finding("GV205", "een HTML-declaratie (<!) is niet toegestaan", "<!"))

    def unknown_decl(self, data):
        self.findings.append(Finding("GV205", "CDATA is niet toegestaan", "<!["))

    def handle_pi(self, data):
        self.findings.append(Finding("GV205", "een verwerkingsinstructie (<?) is niet toegestaan", "<?"))


# What Python-Markdown makes of ordinary prose, tag for tag. When every '<' of a fragment starts one of these,
# the parser below has nothing to find: it runs only for the rest (links with a title or '&', images, table
# alignment, anything odd). tests/test_scale_build.py compares both on the hostile fixtures and on fuzzed HTML.
_PLAIN_TAG = re.compile(
    r'</?(?:p|h[1-6]|ul|ol|li|em|strong|code|pre|blockquote|table|thead|tbody|tr|th|td|hr|br|sub|sup|a)>'
    r'|<h[1-6] id="[^"&<>]*">|<ol start="[0-9]+">|<hr />|<br />|<a href="https?://[!#-%\'-;=?-~]*">'
)  # a link's address in ASCII only: a server name with other letters is for the parser (host_problem)


def verify_html(fragment: str) -> list[Finding]:
    """Everything in HTML rendered from a case body that falls outside the allowlist."""
    if fragment.count("<") == len(_PLAIN_TAG.findall(fragment)):
        return []
    return _verify_with_parser(fragment)


def _verify_with_parser(fragment: str) -> list[Finding]:
    v = _Verifier()
    try:
        v.feed(fragment)
        v.close()
    except Exception:  # html.parser gives up on some malformed markup (AssertionError in Python 3.11)
        v.findings.append(Finding("GV205", "HTML die niet te lezen is (bijvoorbeeld '<![')", "<!"))
    return v.findings


def findings_as_problems(path: str, body: str, body_line: int, findings: list[Finding]) -> list[Problem]:
    """Point each finding at the first body line that contains its needle (else the body's first line)."""
    out: list[Problem] = []
    lines = body.split("\n")
    for f in findings:
        line, col = body_line, 1
        needle = f.needle.lower()
        for i, text in enumerate(lines):
            at = text.lower().find(needle) if needle else -1
            if at >= 0:
                line, col = body_line + i, at + 1
                break
        out.append(problem(path, line, col, f.code, f"na omzetting naar HTML: {f.message}"))
    return sorted(set(out))


def check_rendered(case, fragment: str) -> list[Problem]:
    """Problems in the HTML the site rendered from a case body (the build's last check before publishing)."""
    return findings_as_problems(case.path, case.body, case.body_line, verify_html(fragment))


def render_body(body: str) -> str:
    """The body as the site renders it (the same Markdown extensions as mkdocs.yml)."""
    import markdown

    return markdown.markdown(body, extensions=list(MARKDOWN_EXTENSIONS))
