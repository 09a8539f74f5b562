"""`goedvoorbeeld from-mail`: real saved mails (tests/fixtures/mail/*.eml) to one checked case file.

Each fixture is the same case as a mail program sends it (plain, format=flowed, quoted-printable, base64,
HTML only, forwarded inline or attached, a quoting reply, Windows-1252 and iso-8859-1, rightly or wrongly
labelled, an attached .md); every one must give `voorbeeld.md` byte for byte.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import goedvoorbeeld.contribute.mail as mail
from goedvoorbeeld.cli import main
from goedvoorbeeld.check.vocabulary import load_vocabulary

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MAILS = FIXTURES / "mail"
EXPECTED = (MAILS / "voorbeeld.md").read_bytes()
GOOD_MAILS = sorted(p.name for p in MAILS.glob("*.eml") if p.name != "met-problemen.eml")
WRITTEN = "cases/raadsvoorstellen-in-begrijpelijke-taal.md"


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A working folder with a cases/ folder holding the test tag list and one other case."""
    (tmp_path / "cases").mkdir()
    shutil.copy(FIXTURES / "cli" / "tags.yml", tmp_path / "cases" / "tags.yml")
    shutil.copy(FIXTURES / "cli" / "goed-voorbeeld.md", tmp_path / "cases" / "goed-voorbeeld.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_the_fixtures_cover_every_kind_of_mail_the_editors_receive():
    assert len(GOOD_MAILS) == 13
    assert EXPECTED.decode("utf-8").startswith("---\n") and b"\r" not in EXPECTED


@pytest.mark.parametrize("name", GOOD_MAILS)
def test_every_kind_of_mail_gives_the_same_case_file(workdir, name):
    result = run("from-mail", str(MAILS / name))
    assert (result.exit_code, result.output) == (0, f"Geschreven: {WRITTEN}\n")
    assert (workdir / WRITTEN).read_bytes() == EXPECTED
    check = run("check", "--strict", "cases")
    assert check.exit_code == 0, check.output


VARIANTS = {
    # what else mail programs and the editors' own tools do to the same mails
    "attachment as octet-stream": ("bijlage-md.eml", lambda d: d.replace(
        b"Content-Type: text/markdown; charset=UTF-8;", b"Content-Type: application/octet-stream;")),
    "mbox line on top": ("platte-tekst-8bit.eml",
                         lambda d: b"From info@voorbeeldstad.nl Mon Nov  2 10:14:03 2026\n" + d),
    "line ends of Unix": ("outlook-html-windows-1252.eml", lambda d: d.replace(b"\r\n", b"\n")),
    "body only, as pasted": ("platte-tekst-8bit.eml", lambda d: d.split(b"\r\n\r\n", 1)[1]),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variants_of_the_same_mails_give_the_same_case_file(workdir, variant):
    name, change = VARIANTS[variant]
    data = change((MAILS / name).read_bytes())
    assert data != (MAILS / name).read_bytes()
    result = run("from-mail", "-", input=data)
    assert (result.exit_code, result.output) == (0, f"Geschreven: {WRITTEN}\n")
    assert (workdir / WRITTEN).read_bytes() == EXPECTED


def test_pasted_text_on_standard_input_gives_the_same_case_file(workdir):
    pasted = "Hierbij ons voorbeeld:\r\n\r\n".encode() + EXPECTED.replace(b"\n", b"\r\n") + b"\r\nGroeten,\r\nTeam\r\n"
    result = run("from-mail", "-", input=pasted)
    assert (result.exit_code, result.output) == (0, f"Geschreven: {WRITTEN}\n")
    assert (workdir / WRITTEN).read_bytes() == EXPECTED


def test_a_case_with_problems_gives_the_checkers_lines_and_writes_nothing(workdir):
    result = run("from-mail", str(MAILS / "met-problemen.eml"))
    assert result.exit_code == 1
    assert result.output == (
        f"{WRITTEN}:3:10: error GV108: summary: 8 tekens; dat moet 20 tot 400 zijn\n"
        f"{WRITTEN}:8:30: error GV104: tags: onbekende tag 'burger-betrekken'; bedoelde je 'burgers-betrekken'?\n"
        "Er is geen bestand geschreven (2 meldingen).\n"
    )
    assert sorted(p.name for p in (workdir / "cases").iterdir()) == ["goed-voorbeeld.md", "tags.yml"]


def test_a_warning_also_stops_it_because_the_file_must_pass_the_strict_check(workdir):
    hinted = EXPECTED.replace(b"Begin klein:", b"_Vervang deze tekst: wat leerde je?_\n\nBegin klein:")
    result = run("from-mail", "-", input=hinted)
    assert result.exit_code == 1
    assert "warning GV208" in result.output
    assert not (workdir / WRITTEN).exists()


def test_an_existing_file_is_never_overwritten(workdir):
    target = workdir / WRITTEN
    target.write_bytes(b"eerdere versie\n")
    result = run("from-mail", str(MAILS / "platte-tekst-8bit.eml"))
    assert (result.exit_code, result.output) == (
        1, f"{WRITTEN} bestaat al en wordt niet overschreven; staat dit voorbeeld er al, of geef het een andere "
           f"titel\n")
    assert target.read_bytes() == b"eerdere versie\n"


def test_the_same_title_as_another_case_is_reported_and_nothing_is_written(workdir):
    other = EXPECTED.replace(b"Begin klein:", b"Begin echt klein:")
    (workdir / "cases" / "ander-bestand.md").write_bytes(other)
    result = run("from-mail", str(MAILS / "windows-1252.eml"))
    assert result.exit_code == 1
    assert result.output == (f"{WRITTEN}:2:1: warning GV013: dezelfde titel als cases/ander-bestand.md\n"
                             "Er is geen bestand geschreven (1 melding).\n")
    assert not (workdir / WRITTEN).exists()


def test_a_mail_without_a_case_says_so_in_dutch(workdir):
    (workdir / "vraag.eml").write_bytes(b"From: a@example.org\r\nSubject: Vraag\r\n\r\n"
                                        b"Hoe voeg ik een voorbeeld toe?\r\n")
    result = run("from-mail", "vraag.eml")
    assert (result.exit_code, result.output) == (
        1, "vraag.eml: geen voorbeeld gevonden: er staat geen regel '---' in met daaronder gegevens als "
           "'title: ...'; sla de hele mail op als .eml-bestand, of plak het voorbeeld zelf vanaf de eerste regel "
           "'---'\n")
    assert run("from-mail", "bestaat-niet.eml").output == "bestaat-niet.eml: bestaat niet\n"


def test_the_cases_option_names_the_folder_to_write_in(workdir):
    shutil.move(workdir / "cases", workdir / "andere-map")
    result = run("from-mail", "--cases", "andere-map", str(MAILS / "bijlage-md.eml"))
    assert (result.exit_code, result.output) == (
        0, "Geschreven: andere-map/raadsvoorstellen-in-begrijpelijke-taal.md\n")


# ---------------------------------------------------------------------------
# the parts on their own


def test_html_keeps_the_lines_the_writer_typed():
    html = ('<div dir="ltr"><div>---</div><div>title:&nbsp;Een &amp; twee</div><div><br></div>'
            '<p class=MsoNormal>&nbsp;&nbsp;- a<o:p></o:p></p><style>p {x: y}</style>regel<br>\n  met\n  spaties'
            '<pre>  zo\n    blijven</pre></div>')
    assert mail.html_to_text(html) == "---\ntitle: Een & twee\n\n  - a\nregel\nmet spaties\n  zo\n    blijven"


def test_flowed_text_is_joined_and_unstuffed_per_quote_depth():
    text = "een \ntwee\n  ingesprongen\n> geciteerd \n> verder\n>> dieper\n-- \nhandtekening"
    assert mail.unflow(text, delsp=False) == (
        "een twee\n ingesprongen\n> geciteerd verder\n> > dieper\n-- \nhandtekening")
    assert mail.unflow("lang\u00ad \nwoord", delsp=True) == "lang\u00adwoord"


@pytest.mark.parametrize("data, declared, text", [
    ("café ‘x’".encode("utf-8"), "iso-8859-1", "café ‘x’"),  # UTF-8 labelled Latin-1
    ("café ‘x’ €".encode("cp1252"), "iso-8859-1", "café ‘x’ €"),  # Windows-1252 labelled Latin-1
    ("café".encode("latin-1"), "utf-8", "café"),  # Latin-1 labelled UTF-8
    ("één".encode("utf-16"), "utf-16", "één"),
    (b"a\x81b", "x-onbekend", "a\x81b"),  # undefined in Windows-1252, unknown label: read as Latin-1
])
def test_text_is_decoded_whatever_the_label_says(data, declared, text):
    assert mail.decode_text(data, declared) == text


# ---------------------------------------------------------------------------
# damaged mail never makes it fail


def _damage(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(7)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:  # flip bytes
            data = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            data = bytes(data)
        elif kind == 1:  # cut off
            data = data[:at]
        elif kind == 2:  # a slice gone
            data = data[:at] + data[at + rng.randint(1, 400):]
        elif kind == 3:  # a slice twice
            data = data[:at] + data[at:at + rng.randint(1, 400)] * rng.randint(2, 5) + data[at:]
        elif kind == 4:  # noise that means something to a mail parser
            noise = rng.choice([b"=", b"=?", b"?=", b"\r", b"\x00", b"--", b">", b"<", b"&#", b";", b'"', b"\xff\xfe",
                                b"\ncontent-type: multipart/mixed; boundary=", b"\ncharset=x-\xe9",
                                b"\nContent-Transfer-Encoding: base64\n", b"=?utf-8?b?////?=", b"<pre>", b"<br"])
            data = data[:at] + noise * rng.randint(1, 3) + data[at:]
        elif kind == 5:  # a header line mangled
            lines = data.split(b"\n")
            i = rng.randrange(min(len(lines), 15))
            cut = lines[i][: rng.randrange(len(lines[i]) + 1)]
            lines[i] = cut + rng.choice([b";", b"; charset=", b'"', b"\t", b": "])
            data = b"\n".join(lines)
        else:  # a boundary or charset swapped
            data = data.replace(b"boundary=", b"boundary=x").replace(b"utf-8", rng.choice([b"utf-16", b"x", b"utf-7"]))
    return data


HOSTILE = [
    b"",
    b"\n" * 1000,
    b"Content-Type: multipart/mixed; boundary=a\n\n" + b"--a\nContent-Type: multipart/mixed; boundary=a\n\n" * 2000,
    b"Content-Type: message/rfc822\n\n" * 3000,
    b"Content-Type: text/plain; charset*=utf-8''%ff%fe\n\n---\ntitle: x\n",
    b'Content-Type: text/plain; charset="=?utf-8?q?=E9?="\nContent-Transfer-Encoding: base64\n\n!!!!',
    b"---\n" * 5000,
    (b">" * 200 + b" ---\n") * 50,
    b"<div>" * 5000 + b"---<br>title: x",
]


def test_a_few_hundred_damaged_mails_never_raise(tmp_path):
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(FIXTURES / "cli" / "tags.yml", cases / "tags.yml")
    vocabulary = load_vocabulary(cases / "tags.yml")
    sources = [(MAILS / name).read_bytes() for name in sorted(p.name for p in MAILS.glob("*.eml"))]
    rng = random.Random(20261206)
    mails = HOSTILE + [_damage(rng.choice(sources), rng) for _ in range(300)]
    kinds = set()
    for data in mails:
        outcome = mail.case_from_mail(data, cases, "cases", vocabulary, today=dt.date(2026, 12, 6))
        assert outcome.ok or outcome.problems or outcome.refusal
        kinds.add("ok" if outcome.ok else "problems" if outcome.problems else "refused")
    assert kinds == {"ok", "problems", "refused"}  # the damage reached every outcome


def test_damaged_mails_through_the_command_exit_with_0_or_1(workdir):
    rng = random.Random(7)
    sources = [(MAILS / name).read_bytes() for name in GOOD_MAILS]
    for _ in range(25):
        result = CliRunner().invoke(main, ["from-mail", "-"], input=_damage(rng.choice(sources), rng))
        assert result.exit_code in (0, 1)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        (workdir / WRITTEN).unlink(missing_ok=True)
