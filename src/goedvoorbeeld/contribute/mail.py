"""Find a case file in an e-mail, for `goedvoorbeeld from-mail`.

Contributors without git send their case to the editors by mail (the form on the
site puts the file in the mail's body, or they attach the downloaded `.md`). Mail
programs change text on the way: quoted-printable or base64, `format=flowed`
line wrapping, HTML only, a forward inline or as an attached message, a reply
that quotes every line with `> `, a charset that is not UTF-8 or not the one the
header names. This module undoes all of that and returns the case files it finds:

    candidates(data)  ->  the case texts in the mail, the most trustworthy first

Each candidate starts at a line `---` followed by a `key:` line (the front matter)
and runs through the body, up to a signature (`-- `), the separator of a forwarded
or quoted message, or the end of its part. `case_from_mail` checks every candidate
with the checker itself and keeps the one with the fewest problems, so a part the
mail program mangled (such as a hard-wrapped plain text next to an intact HTML
version) loses to one that came through whole.

Pure functions from bytes to text; reading and writing files is left to the command.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import goedvoorbeeld.contribute.newcase as newcase
from goedvoorbeeld.check.cases import cross_checks, read_case, read_library
from goedvoorbeeld.check.problems import Problem
from goedvoorbeeld.check.source import read_front_matter
from goedvoorbeeld.check.vocabulary import Vocabulary

# A mail larger than this is not a case sent by hand (a case file may hold 256 KB).
MAX_MAIL_BYTES = 25 * 1024 * 1024
# Nested quoting deeper than this is not followed (a reply to a reply to ... a case).
MAX_QUOTE_DEPTH = 8

_LATIN = {"us-ascii", "ascii", "iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "windows-1252", "cp1252",
          "utf-8", "utf8"}
_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:")
# Lines after which the case cannot go on: a signature, a forwarded or quoted message, a reply's header,
# a greeting on a line of its own (no case ends its last section with 'Met vriendelijke groet,').
_END_LINE = re.compile(
    r"--"  # the signature delimiter '-- ' (its space is gone after trimming)
    r"|-{4,}[ \t]*\S.*\S[ \t]*-{4,}"  # -----Original Message----- / ---------- Forwarded message ---------
    r"|_{10,}"  # Outlook's line above the header of the message it quotes
    r"|(?:Op|On)\s.{1,200}\s(?:schreef|wrote)\b.*:"  # Op 3 dec. 2026 om 10:12 schreef ...:
    r"|(?i:(?:met\s+)?(?:vriendelijke|hartelijke)\s+groet(?:en)?|groet(?:en)?|mvg|(?:kind|best)\s+regards),?"  # closing
)


# ---------------------------------------------------------------------------
# text out of the parts of a mail


def decode_text(data: bytes, declared: str | None) -> str:
    """Bytes of a text part to text, whatever the header claims.

    Mislabelled charsets are common: UTF-8 sent as iso-8859-1, Windows-1252 (with its quotes and euro
    sign in 0x80-0x9f) sent as iso-8859-1 or us-ascii. Valid UTF-8 is almost never anything else, so it
    is tried first; then a declared charset outside the Latin family; then Windows-1252, which reads
    every iso-8859-1 text the same apart from control characters nobody types.
    """
    declared = (declared or "").strip().lower()
    if declared and declared not in _LATIN:
        try:
            return _normal(data.decode(declared))
        except (LookupError, UnicodeDecodeError, ValueError):
            pass
    try:
        return _normal(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        return _normal(data.decode("cp1252"))
    except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined: read as iso-8859-1
        return _normal(data.decode("latin-1"))


def _normal(text: str) -> str:
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def unflow(text: str, delsp: bool) -> str:
    """Undo `format=flowed` (RFC 3676): join soft-broken lines, remove space-stuffing; keep quote marks."""
    out: list[str] = []
    pending: tuple[int, str] | None = None  # (quote depth, text so far) of a paragraph still flowing
    for raw in text.split("\n"):
        depth = len(raw) - len(raw.lstrip(">"))
        line = raw[depth:]
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if pending is not None and pending[0] != depth:  # a flowed line must not change depth: end it
            out.append(_quoted(*pending))
            pending = None
        if pending is not None:
            line = pending[1] + line
            pending = None
        is_signature = line == "-- "
        if line.endswith(" ") and not is_signature:
            pending = (depth, line[:-1] if delsp else line)
        else:
            out.append(_quoted(depth, line))
    if pending is not None:
        out.append(_quoted(*pending))
    return "\n".join(out)


def _quoted(depth: int, line: str) -> str:
    return "> " * depth + line if depth else line


_BLOCKS = {"address", "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt", "fieldset",
           "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
           "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
           "ul"}
_HIDDEN = {"head", "script", "style", "title", "template"}
_SPACES = re.compile(r"[ \t\n\r\f]+")


class _TextOfHtml(HTMLParser):
    """The text of an HTML mail with its lines: each block and `<br>` ends a line, spaces collapse as a
    browser shows them, `<pre>` keeps its own. Mail programs write one block per typed line (Outlook
    `<p class=MsoNormal>`, Gmail and Apple Mail `<div>`, an empty line as `<div><br></div>`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.hidden = 0
        self.pre = 0

    def _end_line(self, *, always: bool = False) -> None:
        if self.line or always:
            self.lines.append("".join(self.line))
            self.line = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self._end_line(always=True)
        elif tag in _BLOCKS:
            self._end_line()
            self.pre += tag == "pre"

    def handle_startendtag(self, tag, attrs) -> None:
        if tag == "br":
            self._end_line(always=True)
        elif tag in _BLOCKS:
            self._end_line()

    def handle_endtag(self, tag) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self._end_line()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.pre:
            first, *rest = data.split("\n")
            self.line.append(first)
            for part in rest:
                self._end_line(always=True)
                self.line.append(part)
            return
        data = _SPACES.sub(" ", data)
        if not self.line:
            data = data.lstrip(" ")
        if data:
            self.line.append(data)

    def text(self) -> str:
        self._end_line()
        return "\n".join(self.lines).replace("\xa0", " ")


def html_to_text(html: str) -> str:
    """The text of an HTML mail, one line for each line the writer typed."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return parser.text()


def _texts_of(data: bytes) -> list[str]:
    """The texts of a mail's parts (attached messages included), the most trustworthy first:
    attached `.md` files, then plain text, then HTML."""
    found: dict[str, list[str]] = {"attached": [], "plain": [], "html": []}
    try:
        parts = list(email.message_from_bytes(data, policy=email.policy.default).walk())
    except Exception:  # noqa: BLE001 - the parser records damage as defects; should it still fail, read the raw text
        return []
    for part in parts:
        try:  # a few malformed headers still make the standard parser raise when they are read
            kind_text = _text_of_part(part)
        except Exception:  # noqa: BLE001 - a part that cannot be read is skipped; the others may hold the case
            continue
        if kind_text is not None:
            found[kind_text[0]].append(kind_text[1])
    return found["attached"] + found["plain"] + found["html"]


def _text_of_part(part) -> tuple[str, str] | None:
    if part.is_multipart():
        return None
    ctype = part.get_content_type()
    filename = (part.get_filename() or "").lower()
    if filename.endswith((".md", ".markdown")) or ctype in ("text/markdown", "text/x-markdown"):
        kind = "attached"
    elif ctype == "text/plain":
        kind = "plain"
    elif ctype == "text/html":
        kind = "html"
    else:
        return None
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    text = decode_text(payload, part.get_content_charset())
    if kind == "html":
        return kind, html_to_text(text)
    if kind == "plain" and (part.get_param("format") or "").lower() == "flowed":
        text = unflow(text, (part.get_param("delsp") or "").lower() == "yes")
    return kind, text


# ---------------------------------------------------------------------------
# the case in a text


def _lines(text: str) -> list[str]:
    """Lines without trailing spaces; leading no-break spaces (indentation from HTML editors) as spaces."""
    out = []
    for line in text.split("\n"):
        line = line.rstrip()
        stripped = line.lstrip("\xa0")
        out.append(" " * (len(line) - len(stripped)) + stripped)
    return out


def case_in(text: str) -> str | None:
    """The case file in a text: from a `---` line followed by a `key:` line through the body."""
    lines = _lines(text)
    n = len(lines)
    for start, line in enumerate(lines):
        if line.strip() != "---":
            continue
        first = next((j for j in range(start + 1, n) if lines[j].strip()), None)
        if first is None or not _KEY_LINE.match(lines[first].strip()):
            continue
        close = next((j for j in range(first + 1, n) if lines[j].strip() == "---"), n - 1)
        end = next((j for j in range(close + 1, n) if _END_LINE.fullmatch(lines[j].strip())), n)
        body = [line.strip() if i == start or i == close else line for i, line in enumerate(lines[start:end],
                                                                                              start)]
        while body and not body[-1]:
            body.pop()
        return "\n".join(body) + "\n"
    return None


def _quoted_runs(text: str, depth: int = 0) -> list[str]:
    """Each run of lines quoted with `>`, one level of quoting removed, and the runs quoted inside it."""
    if depth >= MAX_QUOTE_DEPTH:
        return []
    runs: list[list[str]] = []
    inside = False
    for line in text.split("\n"):
        if line.startswith(">"):
            unquoted = line[1:]
            if unquoted.startswith(" "):
                unquoted = unquoted[1:]
            if not inside:
                runs.append([])
            runs[-1].append(unquoted)
            inside = True
        else:
            inside = False
    out: list[str] = []
    for run in runs:
        inner = "\n".join(run)
        out.append(inner)
        out += _quoted_runs(inner, depth + 1)
    return out


def candidates(data: bytes) -> list[str]:
    """Every distinct case file in the mail, the most trustworthy first.

    Pasted text that is no mail at all is read as one plain text; so is a mail whose parts hold no case.
    """
    texts = _texts_of(data)
    found = _cases_in(texts)
    if not found:
        found = _cases_in([decode_text(data, None)])
    return found


def _cases_in(texts: list[str]) -> list[str]:
    found: list[str] = []
    for text in texts:
        for variant in [text, *_quoted_runs(text)]:
            case = case_in(variant)
            if case is not None and case not in found:
                found.append(case)
    return found


# ---------------------------------------------------------------------------
# checking: which candidate, which file


@dataclass(frozen=True)
class Outcome:
    """What `from-mail` should do: write `text` to `path`, or report `problems` (or `refusal`) and stop."""

    path: Path | None  # where the case goes (None when the mail holds no case)
    shown: str  # that path as people see it
    text: str | None
    problems: tuple[Problem, ...] = ()
    refusal: str = ""  # a Dutch sentence when the case cannot be written for another reason

    @property
    def ok(self) -> bool:
        return self.text is not None and not self.problems and not self.refusal


def _title_of(text: str) -> str:
    fm, _ = read_front_matter("x.md", text.encode("utf-8"))
    title = fm.values.get("title") if fm is not None else None
    return title if isinstance(title, str) else ""


def case_from_mail(data: bytes, cases_dir: Path, shown_dir: str, vocabulary: Vocabulary, *,
                   today: dt.date) -> Outcome:
    """The case in a mail, checked as `goedvoorbeeld check --strict` would check it in `cases_dir`.

    Warnings count: the file must be ready to publish. Of several candidates the one with the fewest
    problems wins (the first of those on a tie). Nothing is written here.
    """
    if len(data) > MAX_MAIL_BYTES:
        return Outcome(None, "", None, refusal=f"de mail is groter dan {MAX_MAIL_BYTES // (1024 * 1024)} MB; "
                                               f"plak alleen het voorbeeld en probeer het opnieuw")
    found = candidates(data)
    if not found:
        return Outcome(None, "", None, refusal="geen voorbeeld gevonden: er staat geen regel '---' in met daaronder "
                                               "gegevens als 'title: ...'; sla de hele mail op als .eml-bestand, of "
                                               "plak het voorbeeld zelf vanaf de eerste regel '---'")
    checked = []
    for text in found:
        slug = newcase.slug_for(_title_of(text))
        shown = f"{shown_dir.rstrip('/')}/{slug}.md"
        problems = newcase.check(shown, text, vocabulary, today=today, cases_dir=cases_dir)
        checked.append((len(problems), len(checked), cases_dir / f"{slug}.md", shown, text, problems))
    _, _, path, shown, text, problems = min(checked, key=lambda c: c[:2])
    if problems:
        return Outcome(path, shown, text, tuple(problems))
    if path.exists():
        return Outcome(path, shown, text, refusal=f"{shown} bestaat al en wordt niet overschreven; staat dit "
                                                  f"voorbeeld er al, of geef het een andere titel")
    return Outcome(path, shown, text, tuple(_across(path, shown, text, cases_dir, shown_dir, vocabulary, today)))


def _across(path: Path, shown: str, text: str, cases_dir: Path, shown_dir: str, vocabulary: Vocabulary,
            today: dt.date) -> list[Problem]:
    """The checks between files (the same title as another case), as if the case were already in the folder."""
    library = read_library(cases_dir, vocabulary, today=today, shown_root=shown_dir)
    case, _ = read_case(shown, text.encode("utf-8"), vocabulary, today=today, cases_dir=cases_dir)
    if case is None:  # pragma: no cover - a case without problems is always read
        return []
    files = sorted([c.path for c in library.cases] + [shown])
    return [p for p in cross_checks([*library.cases, case], files) if p.path == shown or shown in p.message]
