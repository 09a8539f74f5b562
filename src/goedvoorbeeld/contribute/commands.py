"""Commands for contributors: `new`, `from-issue` and `forms`.

They are registered on the `goedvoorbeeld` group in cli.py. Every answer is
checked by the checker itself (`read_case`), so a contributor sees the same
messages here as in `goedvoorbeeld check` and in the pull request.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path

import click

import goedvoorbeeld.contribute.issueform as issueform
import goedvoorbeeld.contribute.newcase as newcase
import goedvoorbeeld.check.schema as schema
from goedvoorbeeld.check.cases import load_library, slug_problems
from goedvoorbeeld.dutch_click import DutchCommand
from goedvoorbeeld.contribute.newcase import Draft
from goedvoorbeeld.check.problems import Problem, amount
from goedvoorbeeld.check.vocabulary import Vocabulary, VocabularyError, load_vocabulary

REQUIRED_ASKED = ("title", "summary", "organisation", "level", "status", "year", "tags")


def _shown(path: Path) -> str:
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


def _vocabulary(cases_dir: Path, tags_file: str | None) -> Vocabulary:
    """Load the tag list, or stop with the checker's messages (exit 1)."""
    if not cases_dir.is_dir():
        raise click.ClickException(f"map '{_shown(cases_dir)}' bestaat niet; ga naar de map van Goed Voorbeeld "
                                   f"of geef de map met --cases")
    path = Path(tags_file) if tags_file else cases_dir / "tags.yml"
    try:
        return load_vocabulary(path, display=_shown(path))
    except VocabularyError as e:
        _stop(e.problems)
        raise  # unreachable: _stop exits


def _stop(problems: list[Problem], note: str = "") -> None:
    for p in problems:
        click.echo(p.format(), err=True)
    if note:
        click.echo(note, err=True)
    sys.exit(1)


# ---------------------------------------------------------------------------
# goedvoorbeeld new


def _numbered_choices(name: str) -> list[tuple[str, str]]:
    labels = {"level": schema.LEVELS, "status": schema.STATUSES}[name]
    return [(key, labels[key]) for key in schema.FIELD_BY_NAME[name].choices]


def _tag_list(vocabulary: Vocabulary) -> list[str]:
    return [t.slug for g in vocabulary.groups for t in g.tags]


def _convert(name: str, text: str, vocabulary: Vocabulary):
    """A typed answer to a value; numbers pick from the list shown for choices and tags."""
    text = text.strip()
    if name in ("level", "status"):
        choices = _numbered_choices(name)
        if text.isdigit() and 1 <= int(text) <= len(choices):
            return choices[int(text) - 1][0]
        return newcase.choice_value(name, text)
    if name == "year":
        return newcase.year_value(text)
    if name == "tags":
        slugs = _tag_list(vocabulary)
        out = []
        for item in re.split(r"[,;\s]+", text):
            if not item:
                continue
            if item.isdigit() and 1 <= int(item) <= len(slugs):
                out.append(slugs[int(item) - 1])
            else:
                out.append(newcase.tag_value(vocabulary, item))
        return out
    return " ".join(text.split())


def _show_choices(name: str, vocabulary: Vocabulary) -> None:
    if name in ("level", "status"):
        for i, (key, label) in enumerate(_numbered_choices(name), start=1):
            click.echo(f"  {i:>2}  {label} ({key})")
    elif name == "tags":
        n = 0
        for g in vocabulary.groups:
            click.echo(f"  {g.label}: {g.description}")
            for t in g.tags:
                n += 1
                click.echo(f"    {n:>2}  {t.label} ({t.slug})")


def _ask(name: str, vocabulary: Vocabulary, today: dt.date, *, required: bool = True):
    """Ask for one value until the checker accepts it."""
    f = schema.FIELD_BY_NAME[name]
    click.echo("")
    click.echo(click.style(f.label, bold=True) + f" - {f.help}")
    _show_choices(name, vocabulary)
    prompt = {"level": "Kies een nummer of naam", "status": "Kies een nummer of naam",
              "tags": f"Kies 1 tot {vocabulary.max_tags} nummers of namen, gescheiden door komma's"}.get(name, f.label)
    if not required:
        prompt += " (Enter om over te slaan)"

    while True:
        text = click.prompt(prompt, default="" if not required else None, show_default=False)
        if not text.strip():
            if not required:
                return None
            continue
        value = _convert(name, text, vocabulary)
        found = newcase.field_problems(name, value, vocabulary, today=today)
        if not found:
            return value
        _retry(found)


def _retry(found: list[Problem]) -> None:
    """The checker's messages for a wrong answer, before asking again."""
    for p in found:
        click.echo(f"Fout ({p.code}): {p.message}", err=True)


def _ask_link(vocabulary: Vocabulary, today: dt.date) -> list[tuple[str, str]]:
    f = schema.FIELD_BY_NAME["links"]
    click.echo("")
    click.echo(click.style(f.label, bold=True) + " - een webpagina met meer informatie of een bron om te controleren.")

    while True:
        url = click.prompt("Webadres (Enter om over te slaan)", default="", show_default=False).strip()
        if not url:
            return []
        found = newcase.field_problems("links", [("link", url)], vocabulary, today=today)
        if not found:
            break
        _retry(found)
    title = ""
    while not title:
        title = " ".join(click.prompt("Titel van die link").split())
    return [(title, url)]


@click.command("new", cls=DutchCommand)
@click.option("--title", help="Titel van het voorbeeld (5 tot 120 tekens).")
@click.option("--summary", help="Samenvatting in één of twee zinnen (20 tot 400 tekens).")
@click.option("--organisation", help="De organisatie die het voorbeeld uitvoert.")
@click.option("--level", help="Bestuurslaag: " + ", ".join(schema.LEVELS) + ".")
@click.option("--status", help="Status: " + ", ".join(schema.STATUSES) + ".")
@click.option("--year", metavar="JAAR", help="Het jaar waarin het voorbeeld begon.")
@click.option("--tag", "tag_list", multiple=True, metavar="TAG", help="Een tag (naam of label uit cases/tags.yml); herhaal voor meer.")
@click.option("--link", "link_list", multiple=True, type=(str, str), metavar="TITEL URL",
              help="Een link met meer informatie; herhaal voor meer.")
@click.option("--contact", metavar="ADRES", help="Algemeen e-mailadres of webadres van de organisatie.")
@click.option("--slug", metavar="NAAM", help="Bestandsnaam zonder .md (standaard gemaakt van de titel).")
@click.option("--cases", "cases_dir", type=click.Path(file_okay=False), default="cases", show_default=True,
              help="De map met voorbeelden.")
@click.option("--tags", "tags_file", type=click.Path(dir_okay=False), default=None,
              help="De tagslijst (standaard tags.yml in de map van de voorbeelden).")
def new(title, summary, organisation, level, status, year, tag_list, link_list, contact, slug, cases_dir,
        tags_file) -> None:
    """Maak een nieuw voorbeeld in cases/ met de koppen en een hulptekst onder elke kop.

    Zonder opties vraagt het commando om elk gegeven; met alle opties werkt het zonder vragen.
    """
    cases_path = Path(cases_dir)
    vocabulary = _vocabulary(cases_path, tags_file)
    today = dt.date.today()
    given = {"title": title, "summary": summary, "organisation": organisation, "level": level,
             "status": status, "year": year, "tags": ",".join(tag_list) if tag_list else None}
    values: dict = {}
    for name in REQUIRED_ASKED:  # what the options give, checked before anything is asked
        if given[name] is not None:
            values[name] = ([newcase.tag_value(vocabulary, t) for t in tag_list] if name == "tags"
                            else _convert(name, given[name], vocabulary))
    links = [(" ".join(t.split()), u.strip()) for t, u in link_list]
    wrong = _option_problems({**values, "links": links, "contact": contact and contact.strip(), "slug": slug},
                             vocabulary, today)
    if wrong:
        raise click.UsageError("\n".join(wrong))
    interactive = any(v is None for v in given.values())
    if interactive:
        click.echo("Een nieuw voorbeeld voor Goed Voorbeeld. Na elke vraag controleert het programma je antwoord.")
    try:
        for name in REQUIRED_ASKED:
            if name not in values:
                values[name] = _ask(name, vocabulary, today)
        if interactive and contact is None:
            contact = _ask("contact", vocabulary, today, required=False)
        if interactive and not links:
            links = _ask_link(vocabulary, today)
    except click.Abort:
        missing = [name for name in REQUIRED_ASKED if name not in values]
        if sys.stdin.isatty() or not missing:
            raise
        click.echo("")  # end the unanswered question's line
        raise click.UsageError(_missing_message(missing)) from None
    values["added"] = today
    if links:
        values["links"] = links
    if contact:
        values["contact"] = contact.strip()

    name = slug or newcase.slug_for(values["title"] if isinstance(values["title"], str) else "")
    path = cases_path / f"{name}.md"
    shown = _shown(path)
    text = newcase.render(Draft(values, newcase.hinted_sections()))
    problems = slug_problems(shown, path.name) + newcase.check(shown, text, vocabulary, today=today,
                                                               cases_dir=cases_path)
    errors = [p for p in problems if p.is_error]
    if errors:
        _stop(errors, f"Er is geen bestand geschreven: pas {'de opties' if not interactive else 'de antwoorden'} aan.")
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise click.ClickException(f"{shown} bestaat al en wordt niet overschreven; kies een andere titel of geef "
                                   f"een andere bestandsnaam met --slug") from None
    hints = [p for p in problems if p.code == "GV208"]
    click.echo("")
    click.echo(f"Geschreven: {shown}")
    click.echo("Nog te doen:")
    click.echo(f"  1. Open {shown} en vervang de {amount(len(hints), 'hulptekst', 'hulpteksten')} (de regels met '{schema.HINT_PREFIX}') "
               f"door je eigen tekst.")
    optional = [s.title for s in schema.SECTIONS if not s.required]
    click.echo(f"     {', '.join(optional[:-1])} en {optional[-1]} zijn niet verplicht: heb je daar nog niets over, "
               f"verwijder dan die kop.")
    click.echo(f"  2. Controleer het bestand: goedvoorbeeld check --strict {shown}")
    click.echo("  3. Bekijk het op de site: make serve (en open http://127.0.0.1:8000/)")


# The option of `new` that gives each front matter field (the others have the field's name).
_OPTION_OF = {"tags": "tag_list", "links": "link_list"}


def _option(name: str) -> click.Option:
    param = _OPTION_OF.get(name, name)
    return next(p for p in click.get_current_context().command.params if p.name == param)


def _option_problems(values: dict, vocabulary: Vocabulary, today: dt.date) -> list[str]:
    """The checker's problems with values given as options, each named by its option:
    `--level: onbekende bestuurslaag 'gemeentee'; bedoelde je 'gemeente'?`."""
    lines = []
    for name, value in values.items():
        if value is None or value == []:
            continue
        option = _option(name).opts[0]
        if name == "slug":
            found = slug_problems("slug", f"{value}.md")
        else:
            found = newcase.field_problems(name, value, vocabulary, today=today)
        for p in found:
            m = re.match(rf"{name}(?:\[(\d+)\])?(?:\.\w+)?: ", p.message)
            text = p.message[m.end():] if m else p.message
            if p.code == "GV109":  # the choice's Dutch name, and the checker's guess
                f = schema.FIELD_BY_NAME[name]
                guess = re.search(r"bedoelde je '([^']*)'", text)
                text = f"onbekende {f.label.lower()} '{value}'" + (
                    f"; bedoelde je '{guess.group(1)}'?" if guess else f"; kies uit: {', '.join(f.choices)}")
            where = f"{option} (de {m.group(1)}e)" if m and m.group(1) else option
            lines.append(f"{where}: {text}")
    return lines


def _missing_message(missing: list[str]) -> str:
    """`new` without a terminal to ask on: every required option that is still missing, with its help."""
    options = [_option(name) for name in missing]
    width = max(len(o.opts[0]) for o in options)
    one = len(options) == 1
    lines = [f"zonder terminal kan 'new' niets vragen; {'deze verplichte optie ontbreekt' if one else 'deze verplichte opties ontbreken'}:"]
    lines += [f"  {o.opts[0].ljust(width)}  {o.help}" for o in options]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# goedvoorbeeld from-issue


def _question_of(problem: Problem, text: str) -> str:
    """The form question (its Dutch label) that a problem in the written text comes from."""
    labels = {q.id: q.label for q in issueform.questions()}
    lines = text.split("\n")
    m = re.search(r"sleutel '(\w+)'", problem.message) or re.search(r"sectie '## (\w+)'", problem.message)
    if m:
        key = m.group(1)
        section = schema.SECTION_BY_TITLE.get(key.lower())
        return labels.get(section.key if section else key, key)
    # Walk back from the problem's line to the key or heading it belongs to.
    for i in range(min(problem.line, len(lines)) - 1, -1, -1):
        line = lines[i]
        km = re.match(r"^(\w+):", line)
        if km and km.group(1) in labels:
            return labels[km.group(1)]
        hm = re.match(r"^## (.+)$", line)
        if hm and hm.group(1).strip().lower() in schema.SECTION_BY_TITLE:
            return labels[schema.SECTION_BY_TITLE[hm.group(1).strip().lower()].key]
    return "Het voorbeeld"


def _md_escape(text: str) -> str:
    text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
    return text.replace("@", "@\u200b")  # no mentions from quoted input


def report_markdown(problems: list[Problem], text: str, guide_url: str = "", note: str = "") -> str:
    """The comment for the issue: what to change, per question of the form, and the checker's lines."""
    out = ["Bedankt voor je voorbeeld! De controle vond nog iets om aan te passen, daarom is er nog geen "
           "voorstel (pull request) gemaakt.", ""]
    if note:
        out += [note, ""]
    if problems:
        out += ["Wat moet er anders:", ""]
        for p in problems:
            kind = "fout" if p.is_error else "waarschuwing"
            out.append(f"- **{_question_of(p, text)}** ({kind} {p.code}): {_md_escape(p.message)}")
        longest = max((len(m) for m in re.findall(r"~+", "\n".join(p.format() for p in problems))), default=0)
        fence = "~" * max(3, longest + 1)
        out += ["", "<details><summary>Meldingen van de controle</summary>", "", fence + "text",
                *(p.format() for p in problems), fence, "", "</details>"]
    out += ["", "Pas het issue aan (in het menu ··· bij je tekst: **Edit**) en sla het op; de controle draait dan "
                "opnieuw."]
    if guide_url:
        out.append(f"Uitleg bij elke melding: [Een voorbeeld toevoegen]({guide_url}#meldingen-van-de-controle).")
    return "\n".join(out) + "\n"


def _guide_url(config_file: str) -> str:
    from goedvoorbeeld.config import site_url_of  # one reader of mkdocs.yml

    site = site_url_of(Path(config_file))
    return f"{site.rstrip('/')}/bijdragen/" if site else ""


@click.command("from-issue", cls=DutchCommand)
@click.argument("source", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--cases", "cases_dir", type=click.Path(file_okay=False), default="cases", show_default=True,
              help="De map met voorbeelden.")
@click.option("--tags", "tags_file", type=click.Path(dir_okay=False), default=None,
              help="De tagslijst (standaard tags.yml in de map van de voorbeelden).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False), default=None,
              help="Schrijf bij problemen een reactie in Markdown voor onder het issue naar dit bestand.")
@click.option("--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False),
              help="mkdocs.yml, voor de link naar de handleiding in de reactie.")
def from_issue(source: str, cases_dir: str, tags_file: str | None, report_file: str | None,
               config_file: str) -> None:
    """Maak cases/<slug>.md van de tekst van een ingevuld issueformulier (een bestand, of - voor invoer)."""
    cases_path = Path(cases_dir)
    vocabulary = _vocabulary(cases_path, tags_file)
    today = dt.date.today()
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as e:
        raise click.ClickException(f"kan '{source}' niet lezen: {e.strerror}") from None
    body = data.decode("utf-8", errors="replace")
    answers = issueform.parse_body(body)
    draft = issueform.draft_from_answers(answers, vocabulary, today)
    title = draft.values.get("title")
    path = cases_path / f"{newcase.slug_for(title if isinstance(title, str) else '')}.md"
    shown = _shown(path)
    text = newcase.render(draft)
    # Warnings block too: the pull-request checks run with --strict.
    problems = newcase.check(shown, text, vocabulary, today=today, cases_dir=cases_path)
    note = ""
    if not answers:
        note = ("Dit lijkt geen ingevuld formulier 'Nieuw voorbeeld': er staat geen enkele vraag uit het formulier "
                "in (koppen als '### Titel').")
    elif not problems and path.exists():
        note = (f"Er bestaat al een voorbeeld met de bestandsnaam {shown}. Kies een andere titel, of verbeter het "
                f"bestaande voorbeeld op de site met 'Verbeter dit voorbeeld'.")
    if problems or note:
        if report_file:
            Path(report_file).write_text(report_markdown(problems, text, _guide_url(config_file), note),
                                         encoding="utf-8")
        _stop(problems, note or f"Er is geen bestand geschreven ({len(problems)} "
                                f"{'melding' if len(problems) == 1 else 'meldingen'}).")
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:  # appeared since the check above
        raise click.ClickException(f"{shown} bestaat al en wordt niet overschreven") from None
    # The checks across files (such as the same title as another case) need the whole library.
    library = load_library(cases_path, today=today, shown_root=_shown(cases_path), tags_file=tags_file)
    across = [p for p in library.problems if p.path == shown or shown in p.message]
    if across:
        path.unlink()
        if report_file:
            Path(report_file).write_text(report_markdown(across, text, _guide_url(config_file)), encoding="utf-8")
        _stop(across, "Er is geen bestand geschreven.")
    click.echo(f"Geschreven: {shown}")


# ---------------------------------------------------------------------------
# goedvoorbeeld forms


def form_files(vocabulary: Vocabulary, guide_url: str) -> dict[str, str]:
    """Repository path -> content of every file `forms` writes."""
    return {
        issueform.FORM_FILE: issueform.form_yaml(vocabulary, guide_url),
        issueform.CONFIG_FILE: issueform.config_yaml(guide_url),
    }


@click.command("forms", cls=DutchCommand)
@click.option("--cases", "cases_dir", type=click.Path(file_okay=False), default="cases", show_default=True,
              help="De map met voorbeelden (voor tags.yml).")
@click.option("--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False),
              help="mkdocs.yml, voor de link naar de handleiding.")
@click.option("--check", "check_only", is_flag=True,
              help="Schrijf niets; stop met een fout als de formulieren niet bij de tagslijst passen.")
def forms(cases_dir: str, config_file: str, check_only: bool) -> None:
    """Schrijf het issueformulier 'Nieuw voorbeeld' uit cases/tags.yml en de regels van de controle."""
    vocabulary = _vocabulary(Path(cases_dir), None)
    stale = []
    for name, content in form_files(vocabulary, _guide_url(config_file)).items():
        path = Path(name)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == content:
            click.echo(f"Ongewijzigd: {name}")
            continue
        if check_only:
            stale.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
        click.echo(f"Geschreven: {name}")
    if stale:
        raise click.ClickException(f"{', '.join(stale)} past niet bij cases/tags.yml of de regels; "
                                   f"voer 'goedvoorbeeld forms' uit")


# ---------------------------------------------------------------------------
# goedvoorbeeld from-mail


@click.command("from-mail", cls=DutchCommand)
@click.argument("source", metavar="BRON", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--cases", "cases_dir", metavar="MAP", type=click.Path(file_okay=False), default="cases",
              show_default=True, help="De map met voorbeelden.")
@click.option("--tags", "tags_file", metavar="BESTAND", type=click.Path(dir_okay=False), default=None,
              help="De tagslijst (standaard tags.yml in de map van de voorbeelden).")
def from_mail(source: str, cases_dir: str, tags_file: str | None) -> None:
    """Maak cases/<slug>.md van een voorbeeld in een mail (een .eml-bestand, of - voor geplakte tekst)."""
    from goedvoorbeeld.contribute.mail import case_from_mail

    cases_path = Path(cases_dir)
    vocabulary = _vocabulary(cases_path, tags_file)
    where = "invoer" if source == "-" else _shown(Path(source))
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as e:
        _stop([], f"{where}: {'bestaat niet' if isinstance(e, FileNotFoundError) else 'kan niet worden gelezen'}")
    outcome = case_from_mail(data, cases_path, _shown(cases_path), vocabulary, today=dt.date.today())
    if not outcome.ok:
        count = len(outcome.problems)
        _stop(list(outcome.problems), f"{where}: {outcome.refusal}" if outcome.path is None and outcome.refusal
              else outcome.refusal or f"Er is geen bestand geschreven ({count} "
                                      f"{'melding' if count == 1 else 'meldingen'}).")
    try:
        with open(outcome.path, "x", encoding="utf-8", newline="\n") as out:
            out.write(outcome.text)
    except FileExistsError:  # appeared since the check
        _stop([], f"{outcome.shown} bestaat al en wordt niet overschreven")
    click.echo(f"Geschreven: {outcome.shown}")
