#!/usr/bin/env python3
"""Benchmark Goed Voorbeeld at 100, 1,000 and 10,000 cases: `make bench`.

For every size the script writes a synthetic, valid library into a temporary
folder and measures, in one run:

- `goedvoorbeeld check` (wall time of the command, Python start included);
- the real build (`mkdocs build --strict` of a copy of mkdocs.yml, docs/,
  hooks/ plus the generated cases/, search indexing included) against a plain
  Material build of the same Markdown without the hook (the cases as plain
  docs pages outside the nav, Material's search plugin on): the ratio;
- the peak memory of the build (resident memory of the whole process tree,
  sampled from /proc, and the largest single process from getrusage);
- page weight of one case page, the first view of /voorbeelden/ and the
  home page: the HTML plus every stylesheet and script it references, raw
  bytes on disk, and everything a browser loads when it opens the page;
- in headless Chromium on 127.0.0.1: milliseconds and bytes from typing
  `participatie` to the first result (through the search box, and through
  Pagefind's JS API when the site has a Pagefind index), and from opening
  /voorbeelden/?tag=burgers-betrekken until filtered results are shown.

A figure whose feature the site does not have is reported as "n/a" with the
reason, never invented. The text of the cases is realistic: words drawn by
their real frequency from wordfreq's Dutch list (it works offline), so a
query matches a realistic share of the cases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261129
QUERY = "participatie"
TAG = "burgers-betrekken"
CHROMIUM = os.environ.get("GV_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
BROWSER_TIMEOUT_MS = 30_000

# ---------------------------------------------------------------------------
# budgets (issue 7; 2-core machine)

CHECK_BUDGET_10K_S = 1.5
BUILD_RATIO_BUDGET = 1.5
GROWTH_BUDGET = 11.0  # time(10,000) / time(1,000)
WEIGHT_GROWTH_BUDGET = 1.05  # page weight at the largest size / at the smallest
MEMORY_BUDGET_BYTES = 3 * 1024 ** 3
SEARCH_BUDGETS = {1_000: (200.0, 300 * 1024), 10_000: (500.0, 500 * 1024)}  # ms, bytes


# ---------------------------------------------------------------------------
# a synthetic library

LEVEL_ORGANISATIONS = {
    "rijk": ["Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "Ministerie van Financiën",
             "Ministerie van Justitie en Veiligheid", "Ministerie van Infrastructuur en Waterstaat",
             "Ministerie van Onderwijs, Cultuur en Wetenschap", "Ministerie van Volksgezondheid, Welzijn en Sport"],
    "provincie": ["Provincie Groningen", "Provincie Fryslân", "Provincie Drenthe", "Provincie Overijssel",
                  "Provincie Gelderland", "Provincie Utrecht", "Provincie Noord-Holland", "Provincie Zuid-Holland",
                  "Provincie Zeeland", "Provincie Noord-Brabant", "Provincie Limburg", "Provincie Flevoland"],
    "gemeente": ["Gemeente Amsterdam", "Gemeente Rotterdam", "Gemeente Utrecht", "Gemeente Eindhoven",
                 "Gemeente Groningen", "Gemeente Tilburg", "Gemeente Almere", "Gemeente Breda",
                 "Gemeente Nijmegen", "Gemeente Zwolle", "Gemeente Leeuwarden", "Gemeente Maastricht",
                 "Gemeente Deventer", "Gemeente Assen", "Gemeente Middelburg", "Gemeente Súdwest-Fryslân"],
    "waterschap": ["Waterschap Rivierenland", "Hoogheemraadschap van Rijnland", "Waterschap Vallei en Veluwe",
                   "Waterschap Aa en Maas", "Wetterskip Fryslân", "Waterschap Hunze en Aa's"],
    "uitvoeringsorganisatie": ["Belastingdienst", "Uitvoeringsinstituut Werknemersverzekeringen",
                               "Sociale Verzekeringsbank", "Dienst Uitvoering Onderwijs", "Rijkswaterstaat",
                               "Kadaster", "Rijksdienst voor Ondernemend Nederland"],
    "samenwerkingsverband": ["Vereniging van Nederlandse Gemeenten", "Interprovinciaal Overleg",
                             "Unie van Waterschappen", "Veiligheidsregio Utrecht", "Omgevingsdienst Regio Utrecht"],
    "overig": ["Open State Foundation", "Nationale ombudsman", "Kennisnetwerk Open Overheid",
               "Stichting Open Overheid in de Regio"],
}
LEVELS = list(LEVEL_ORGANISATIONS)
STATUSES = ["idee", "pilot", "lopend", "afgerond"]


@dataclass
class Words:
    """Dutch words and their cumulative frequencies, for weighted drawing."""

    words: list[str]
    cum: list[float]

    @classmethod
    def load(cls, n: int = 20_000) -> "Words":
        try:
            import wordfreq
        except ImportError:
            sys.exit("bench: wordfreq ontbreekt; installeer met: pip install -e '.[bench]' (of: make bench)")
        words, cum, total = [], [], 0.0
        for w in wordfreq.top_n_list("nl", n):
            if not w.isalpha() or not w.islower():
                continue
            total += wordfreq.word_frequency(w, "nl")
            words.append(w)
            cum.append(total)
        return cls(words, cum)

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)


def _sentence(rng: random.Random, words: Words, extra: str | None = None) -> str:
    ws = words.draw(rng, rng.randint(6, 20))
    if extra:
        ws.insert(rng.randrange(len(ws) + 1), extra)
    return ws[0].capitalize() + " " + " ".join(ws[1:]) + "."


def _paragraph(rng: random.Random, words: Words, n_words: int, extra: str | None = None) -> tuple[str, int]:
    out, count = [], 0
    while count < n_words:
        s = _sentence(rng, words, extra if extra and not out else None)
        out.append(s)
        count += s.count(" ") + 1
    return " ".join(out), count


def case_text(i: int, words: Words, vocabulary: list[str], seed: int = SEED) -> tuple[str, str, tuple[str, ...]]:
    """Case number i as (slug, file text, tags). Depends only on (seed, i): case 0 is the same at every size."""
    rng = random.Random(f"{seed}-{i}")
    title_words = words.draw(rng, rng.randint(3, 7))
    title = " ".join([title_words[0].capitalize(), *title_words[1:]]) + f" (voorbeeld {i + 1})"
    slug = "-".join([f"vb{i + 1:05d}", *(w for w in title_words[:3] if w.isascii())])
    level = LEVELS[i % len(LEVELS)]
    status = STATUSES[(i // len(LEVELS)) % len(STATUSES)]
    organisation = rng.choice(LEVEL_ORGANISATIONS[level])
    tags = tuple(rng.sample(vocabulary, rng.randint(1, 5)))
    if i % 3 == 0 and TAG not in tags:  # make sure the tag query has plenty of matches at every size
        tags = (TAG, *tags[:4])
    year = rng.randint(1995, 2025)
    added = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    # participatie appears where people would write it: often in cases about involving people.
    mention = QUERY if (TAG in tags and rng.random() < 0.3) else None
    summary = " ".join(_sentence(rng, words, mention) for _ in range(2))[:380].rsplit(" ", 1)[0] + "."
    target = rng.randint(300, 800)
    sections = ["Aanleiding", "Aanpak"] + (["Resultaat"] if rng.random() < 0.75 else []) \
        + (["Lessen"] if rng.random() < 0.6 else [])
    share = target // len(sections)
    parts = []
    for n, section in enumerate(sections):
        paras, count = [], 0
        while count < share:
            p, c = _paragraph(rng, words, rng.randint(40, 120), mention if n == 1 and not paras else None)
            paras.append(p)
            count += c
        if section == "Lessen" and rng.random() < 0.5:
            paras.append("\n".join(f"- {_sentence(rng, words)}" for _ in range(rng.randint(2, 4))))
        parts.append(f"## {section}\n\n" + "\n\n".join(paras))
    links = ""
    if rng.random() < 0.5:
        links = f'links:\n  - title: "Meer over dit voorbeeld"\n    url: "https://example.org/voorbeeld/{i + 1}"\n'
    contact = f'contact: "info@example.org"\n' if rng.random() < 0.3 else ""
    front = (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
        f"summary: {json.dumps(summary, ensure_ascii=False)}\n"
        f"organisation: {json.dumps(organisation, ensure_ascii=False)}\n"
        f"level: {level}\nstatus: {status}\nyear: {year}\n"
        f"tags: [{', '.join(tags)}]\nadded: {added.isoformat()}\n{links}{contact}---\n\n"
    )
    return slug, front + "\n\n".join(parts) + "\n", tags


def write_library(dest: Path, n: int, words: Words, seed: int = SEED) -> dict[str, tuple[str, ...]]:
    """Write n cases and the real tags.yml into dest; return slug -> tags."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "cases" / "tags.yml", dest / "tags.yml")
    vocab = yaml.safe_load((ROOT / "cases" / "tags.yml").read_text(encoding="utf-8"))
    tags = [t for g in vocab["groups"].values() for t in g["tags"]]
    out = {}
    for i in range(n):
        slug, text, case_tags = case_text(i, words, tags, seed)
        (dest / f"{slug}.md").write_text(text, encoding="utf-8")
        out[slug] = case_tags
    return out


# ---------------------------------------------------------------------------
# projects: the real site and a plain Material site of the same Markdown


class _Tagged:
    """A YAML value with an application tag (such as !!python/name:...), kept as written."""

    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader, suffix, node):
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(tag, loader.construct_sequence(node, deep=True))
    return _Tagged(tag, loader.construct_mapping(node, deep=True))


def _represent_tagged(dumper, data: _Tagged):
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def make_project(dest: Path, cases: Path) -> Path:
    """The real site: a copy of mkdocs.yml, docs/ and hooks/ plus the generated cases (as tests/conftest.py)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "hooks", dest / "hooks")
    shutil.copytree(cases, dest / "cases")
    return dest


def make_plain_project(dest: Path, cases: Path) -> Path:
    """Plain Material for MkDocs: the same docs and case Markdown as pages outside the nav, no hook.

    Kept from mkdocs.yml: site name, theme name, language, features and palette, font off, Markdown
    extensions and the nav of hand-written pages. Dropped: the hook, theme overrides, extra CSS/JS and
    every plugin but Material's search (`lang: nl`), which a plain Material site has.
    """
    real = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    theme = {k: v for k, v in (real.get("theme") or {}).items() if k != "custom_dir"}
    theme["font"] = False
    docs = dest / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("overrides"))
    nav = [item for item in real.get("nav", []) if (docs / str(next(iter(item.values())))).is_file()] \
        if isinstance(real.get("nav"), list) else None
    config = {
        "site_name": real.get("site_name", "Goed Voorbeeld"),
        "site_url": real.get("site_url"),
        "docs_dir": "docs",
        "theme": theme,
        "plugins": [{"search": {"lang": "nl"}}],
        "markdown_extensions": real.get("markdown_extensions", []),
        "nav": nav,
        "exclude_docs": "overrides/\n",
    }
    (dest / "mkdocs.yml").write_text(yaml.dump({k: v for k, v in config.items() if v is not None},
                                               Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    (docs / "voorbeelden").mkdir(parents=True, exist_ok=True)
    for case in sorted(cases.glob("*.md")):
        shutil.copy(case, docs / "voorbeelden" / case.name)
    return dest


# ---------------------------------------------------------------------------
# running a command: wall time and peak memory of its whole process tree


def _tree_rss(root_pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("ascii", "replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * page
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


@dataclass
class Run:
    seconds: float
    returncode: int
    output: str
    peak_tree_bytes: int = 0  # sampled sum over the process tree
    peak_process_bytes: int = 0  # the largest single process (getrusage of children)


def run(cmd: list[str], cwd: Path, sample_memory: bool = False) -> Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        sampler.start()
    output = proc.communicate()[0].decode("utf-8", "replace")
    seconds = time.perf_counter() - start
    stop.set()
    if sample_memory:
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss (KiB) is the largest child so far; it only tells about this command if it grew.
    largest = after * 1024 if after > before else 0
    return Run(seconds, proc.returncode, output, max(peak, largest), largest)
