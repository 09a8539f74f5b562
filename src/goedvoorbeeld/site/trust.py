"""The facts the trust pages (/contact/, /toegankelijkheid/, /privacy/, /over/) take from `mkdocs.yml`.

Hand-written pages name the editors' address, the network that runs the site and the public files of the
library through markers (`<!-- gv:redactie -->`, `<!-- gv:netwerk -->`, `<!-- gv:bron -->`), so each fact
is set in one place: `extra.goedvoorbeeld` in `mkdocs.yml`. A missing setting shows plain words, no link.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from goedvoorbeeld.site.caseform import is_mail_address
from goedvoorbeeld.site.render import esc, external_link



def editors(settings, base: str) -> str:
    """The editors' mail address as a link, or plain words when `editors` is not set."""
    address = settings.editors
    if not address:
        return "de redactie van Goed Voorbeeld"
    return f'<a href="mailto:{esc(address)}">{esc(address)}</a>'


def network(settings, base: str) -> str:
    """The public site of the network that runs this one, its address as the link text (`owner_url`)."""
    if not settings.owner_url:
        return esc(settings.owner or "het Open Overheid-netwerk")
    shown = settings.owner_url.split("://", 1)[-1].rstrip("/")
    return external_link(settings.owner_url, shown)


def source(settings, base: str) -> str:
    """Where the files of the library are public (the source repository), named without git words."""
    text = "de openbare bestanden van Goed Voorbeeld op GitHub"
    return external_link(settings.source_url, text) if settings.source_url else "openbaar op GitHub"


BLOCKS: dict[str, Callable[..., str]] = {"redactie": editors, "netwerk": network, "bron": source}


def setting_problems(extra: dict) -> list[str]:
    """Dutch messages for settings of the trust pages in `extra.goedvoorbeeld` that cannot be used."""
    problems = []
    editors = extra.get("editors")
    if editors is not None and not is_mail_address(editors):
        problems.append("mkdocs.yml: extra.goedvoorbeeld.editors moet het e-mailadres van de redactie zijn "
                        f"(zoals redactie@voorbeeld.nl), niet '{editors}'")
    owner_url = extra.get("owner_url")
    if owner_url is not None and not (isinstance(owner_url, str) and re.match(r"https?://[^\s/]+\.", owner_url)):
        problems.append("mkdocs.yml: extra.goedvoorbeeld.owner_url moet een webadres zijn dat begint met https://, "
                        f"niet '{owner_url}'")
    return problems
