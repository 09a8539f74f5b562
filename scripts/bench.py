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
- page weight of one case page, the first view of /voorbeelden/, /top-5/
  (the rule and the first page of the ranking) and the home page: the HTML
  plus every stylesheet and script it references, raw bytes on disk, and
  everything a browser loads when it opens the page;
- in headless Chromium on 127.0.0.1: milliseconds and bytes from typing
  `participatie` to the first result (through the search box, and through
  Pagefind's JS API when the site has a Pagefind index), and from opening
  /voorbeelden/?tag=burgers-betrekken until filtered results are shown;
- the contributor's preview (`goedvoorbeeld serve`, issue 12) with a Chromium
  tab open: seconds from writing a case file until the tab's DOM shows the new
  text, for a text edit (tab on the case) and an edit that changes the
  ranking (tab on /top-5/), the median of three edits each, beside a full
  rebuild without search index (what `mkdocs serve` did on every save).

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
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from localweb import CHROMIUM, CHROMIUM_ARGS, browser_missing, serve

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261129
QUERY = "participatie"
TAG = "burgers-betrekken"
BROWSER_TIMEOUT_MS = 30_000
BUILD_RUNS, BUILD_RUNS_LARGE = 3, 2  # builds of each kind at a size (10,000 cases: 2, as each takes minutes)
SEARCH_RUNS = 5  # the search box is timed this often (a fresh browser each time); the median run counts:
# one run of a few hundred milliseconds varies by a factor of two on a shared 2-core machine

# ---------------------------------------------------------------------------
# budgets (issue 7; 2-core machine)

CHECK_BUDGET_10K_S = 1.5
BUILD_RATIO_BUDGET = 1.5
GROWTH_BUDGET = 11.0  # time(10,000) / time(1,000)
WEIGHT_GROWTH_BUDGET = 1.05  # page weight at the largest size / at the smallest
MEMORY_BUDGET_BYTES = 3 * 1024 ** 3
SEARCH_BUDGETS = {1_000: (200.0, 300 * 1024), 10_000: (500.0, 500 * 1024)}  # ms, bytes
# issue 12, the contributor's preview: from the file write until the open tab shows the new text
PREVIEW_BODY_BUDGET_S = {1_000: 1.0, 10_000: 2.0}  # a text edit, on the case page (the 1,000 budget below 1,000)
PREVIEW_RANKING_BUDGET_S = {10_000: 3.0}  # an edit that changes the ranking, on /top-5/ (stated at 10,000 only)
PREVIEW_EDITS = 3  # edits of each kind; the median counts


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
    cpu_seconds: float = 0.0  # user + system time of the command and its children


def run(cmd: list[str], cwd: Path, sample_memory: bool = False, extra_env: dict | None = None) -> Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GV_SKIP_SEARCH_INDEX", None)  # the build measured is the full one, search index included
    env.update(extra_env or {})
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
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
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    after, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    # ru_maxrss (KiB) is the largest child so far; it only tells about this command if it grew.
    largest = after * 1024 if after > before else 0
    return Run(seconds, proc.returncode, output, max(peak, largest), largest, round(cpu, 3))


# ---------------------------------------------------------------------------
# page weight on disk: the HTML plus the stylesheets and scripts it references


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])


def page_weight(site: Path, url_path: str) -> dict:
    """Bytes of a built page (`url_path` such as 'voorbeelden/') and of every stylesheet and script it names."""
    from urllib.parse import urljoin, urlsplit

    html_file = site / url_path / "index.html" if url_path.endswith("/") or not url_path else site / url_path
    html = html_file.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8", "replace"))
    total, gz, files, external = len(html), len(gzip.compress(html, 6)), [url_path or "/"], []
    for ref in dict.fromkeys(parser.urls):
        target = urlsplit(urljoin("http://site/" + url_path, ref))
        if target.netloc != "site":
            external.append(ref)
            continue
        path = site / target.path.lstrip("/")
        if path.is_file():
            data = path.read_bytes()
            total += len(data)
            gz += len(gzip.compress(data, 6))
            files.append(target.path.lstrip("/"))
    return {"bytes": total, "gzip_bytes": gz, "files": files, "external": external}


# ---------------------------------------------------------------------------
# in the browser: page weight, search and the tag view, on 127.0.0.1

RESULT_SELECTOR = ".md-search-result__item, .pagefind-ui__result, [data-gv-search-result]"
SEARCH_INPUT = "input.md-search__input, input.pagefind-ui__search-input, header input[type=search]"
SEARCH_URL = re.compile(r"/(search|pagefind(-[0-9]+)?)/|/workers/search")

_SEARCH_WATCH = """
() => {
  const T = window.__gvSearch = {input: null, result: null};
  document.addEventListener('input', () => { if (T.input === null) T.input = performance.now(); }, true);
  const check = () => {
    if (T.input === null || T.result !== null) return;
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (el.checkVisibility() && el.textContent.trim()) { T.result = performance.now(); return; }
    }
  };
  new MutationObserver(check).observe(document.body, {childList: true, subtree: true, attributes: true,
                                                      characterData: true});
}
"""

_PAGEFIND_API = """
async ([query, timeout]) => {
  const t0 = performance.now();
  const late = new Promise((resolve) => setTimeout(() => resolve({timeout: true}), timeout));
  return Promise.race([late, run()]);
  async function run() {
  // The index folders as the search box lists them: one, or several parts for a large library.
  const root = document.baseURI.replace(/[^/]*$/, '');
  const box = document.getElementById('gv-search');
  const folders = ((box && box.getAttribute('data-indexes')) || 'pagefind/').split(' ').filter(Boolean);
  const pf = await import(new URL(folders[0] + 'pagefind.js', root).href);
  const options = {baseUrl: '/', noWorker: true};  // as the site's search box runs it
  if (pf.options) await pf.options(options);
  await Promise.all(folders.slice(1).map((f) => pf.mergeIndex(new URL(f, root).href, options)));
  if (pf.init) await pf.init();
  const search = await pf.search(query);
  const count = search.results.length;
  const first = count ? await search.results[0].data() : null;
  return {ms: performance.now() - t0, count, title: first && first.meta ? first.meta.title : null};
  }
}
"""

# Installed before the page loads: notes when the page first shows only cases that have the tag.
_BROWSE_WATCH = """
(bits) => {
  window.__gvBrowse = null;
  const re = /\\/voorbeelden\\/vb(\\d{5})-[^\\/]*\\/?$/;
  let pending = false;
  const check = () => {
    pending = false;
    if (window.__gvBrowse !== null || !document.body) return;
    const root = document.querySelector('.md-content') || document.body;
    let shown = 0;
    for (const a of root.querySelectorAll('a[href]')) {
      const m = re.exec(new URL(a.href, location.href).pathname);
      if (!m || !a.checkVisibility()) continue;
      if (bits[parseInt(m[1], 10) - 1] !== '1') return;
      shown++;
    }
    if (shown > 0) window.__gvBrowse = {ms: performance.now(), shown};
  };
  const schedule = () => { if (!pending) { pending = true; requestAnimationFrame(check); } };
  new MutationObserver(schedule).observe(document, {childList: true, subtree: true, attributes: true});
  document.addEventListener('DOMContentLoaded', schedule);
}
"""


def _bytes(requests) -> int:
    """Bytes transferred (headers and body) for finished requests."""
    total = 0
    for r in requests:
        try:
            s = r.sizes()
        except Exception:  # a request without a response (aborted): nothing was transferred
            continue
        total += max(s.get("responseBodySize", 0), 0) + max(s.get("responseHeadersSize", 0), 0)
    return total


class Browser:
    """Headless Chromium through Playwright, one fresh context (empty cache) per measurement."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()

    def _page(self):
        context = self.browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(BROWSER_TIMEOUT_MS)
        page.started = []
        page.finished = []
        page.third_party = []
        page.on("request", lambda r: page.started.append(r))
        page.on("requestfinished", lambda r: page.finished.append(r))
        page.on("requestfailed", lambda r: page.finished.append(r))
        page.on("request", lambda r: page.third_party.append(r.url)
                if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        return context, page

    @staticmethod
    def _settle(page, quiet_ms: int = 500) -> None:
        """Wait until no request is in flight and none has started for quiet_ms.

        Not `wait_for_load_state("networkidle")`: Playwright treats that state as reached for good once the
        page first got there, so after the first result it returned at once and missed the requests still
        running (a search box that shows its first result before the other nine would look lighter)."""
        deadline = time.monotonic() + BROWSER_TIMEOUT_MS / 1000
        seen, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)  # lets Playwright deliver the request events
            if len(page.started) != seen or len(page.finished) < len(page.started):
                seen, since = len(page.started), time.monotonic()
            elif time.monotonic() - since >= quiet_ms / 1000:
                return

    def weight(self, url: str) -> dict:
        """Everything the browser loads when it opens a page, until the network is idle."""
        context, page = self._page()
        try:
            page.goto(url, wait_until="networkidle")
            return {"bytes": _bytes(page.finished), "requests": len(page.finished),
                    "third_party": page.third_party}
        finally:
            context.close()

    def search_ui(self, home: str, query: str) -> dict:
        """Type the query into the search box of a settled page; ms until the first result is visible."""
        context, page = self._page()
        try:
            page.goto(home, wait_until="networkidle")
            box = page.locator(SEARCH_INPUT).first
            if page.locator(SEARCH_INPUT).count() == 0:
                return {"missing": "de pagina heeft geen zoekvak"}
            page.evaluate(_SEARCH_WATCH.replace("SELECTOR", json.dumps(RESULT_SELECTOR)))
            loaded = len(page.finished)
            box.click()
            box.fill(query)  # the whole query at once: one input event, so the first result is for all of it
            box.press("End")  # a key up, for search boxes that listen to keys
            try:
                page.wait_for_function("window.__gvSearch.result !== null")
            except Exception:
                return {"failed": f"geen zoekresultaat binnen {BROWSER_TIMEOUT_MS // 1000} s na het typen"}
            self._settle(page)
            t = page.evaluate("window.__gvSearch")
            # The search's bytes: everything fetched for search (an index loaded with the page included)
            # and everything fetched once the visitor started.
            search = [r for i, r in enumerate(page.finished) if i >= loaded or SEARCH_URL.search(r.url)]
            return {"ms": round(t["result"] - t["input"], 1), "bytes": _bytes(search), "requests": len(search),
                    "third_party": page.third_party}
        finally:
            context.close()

    def search_api(self, home: str, query: str) -> dict:
        """Pagefind's JS API on a settled page: import, search, the first result's data."""
        context, page = self._page()
        try:
            page.goto(home, wait_until="networkidle")
            loaded = len(page.finished)
            r = page.evaluate(_PAGEFIND_API, [query, BROWSER_TIMEOUT_MS])
            if r.get("timeout"):
                return {"failed": f"Pagefind gaf binnen {BROWSER_TIMEOUT_MS // 1000} s geen resultaat"}
            self._settle(page)
            search = [x for i, x in enumerate(page.finished) if i >= loaded or SEARCH_URL.search(x.url)]
            return {"ms": round(r["ms"], 1), "bytes": _bytes(search), "results": r["count"],
                    "first_title": r["title"], "third_party": page.third_party}
        finally:
            context.close()

    def browse(self, url: str, tagged_bits: str) -> dict:
        """Open the tag view; ms from navigation until only cases with the tag are shown."""
        context, page = self._page()
        try:
            page.add_init_script(f"({_BROWSE_WATCH})({json.dumps(tagged_bits)})")
            page.goto(url, wait_until="load")
            try:
                page.wait_for_function("window.__gvBrowse !== null", timeout=20_000)
            except Exception:
                has_filter = page.evaluate(
                    "() => !!document.querySelector('.md-content form, .md-content input[type=checkbox]')")
                return {"missing" if not has_filter else "failed":
                        "de pagina toonde binnen 20 s geen lijst met alleen voorbeelden met deze tag"
                        + ("" if has_filter else " (geen filter op de pagina)")}
            page.wait_for_load_state("networkidle")
            t = page.evaluate("window.__gvBrowse")
            return {"ms": round(t["ms"], 1), "shown": t["shown"], "bytes": _bytes(page.finished),
                    "requests": len(page.finished), "third_party": page.third_party}
        finally:
            context.close()


def _attempt(measurement, *args) -> dict:
    """A browser measurement; an error becomes a failed figure with its reason instead of ending the run."""
    try:
        return measurement(*args)
    except Exception as e:  # noqa: BLE001 - any browser error is reported in the table
        return {"failed": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"}


def _median(measurement, *args) -> dict:
    """SEARCH_RUNS attempts of a browser measurement; the run with the median time, or the first failure.

    One run of a figure of a few hundred milliseconds on a shared 2-core machine is mostly noise."""
    runs = [_attempt(measurement, *args) for _ in range(SEARCH_RUNS)]
    bad = [r for r in runs if "ms" not in r]
    if bad:
        return bad[0]
    return {**sorted(runs, key=lambda r: r["ms"])[len(runs) // 2], "runs_ms": [r["ms"] for r in runs]}


# ---------------------------------------------------------------------------
# one size


@dataclass
class Figure:
    value: float | None
    unit: str  # "s", "ms", "bytes", "x"
    budget: float | None = None  # the figure must be <= budget
    note: str = ""  # why there is no value, or what was counted
    extra: dict = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.value is None:
            return "FAIL" if self.extra.get("failed") else "n/a"
        if self.budget is None:
            return "-"
        return "PASS" if self.value <= self.budget else "FAIL"

    def as_json(self) -> dict:
        return {"value": self.value, "unit": self.unit, "budget": self.budget, "status": self.status,
                "note": self.note, **self.extra}


def _search_budget(n: int) -> tuple[float, float]:
    return SEARCH_BUDGETS[1_000] if n <= 1_000 else SEARCH_BUDGETS[10_000]


def _load() -> float | None:
    """The machine's load average over the last minute: other work slows every figure down."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _say(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def measure(n: int, work: Path, words: Words, browser: Browser | None, browser_reason: str | None,
            seed: int) -> dict[str, Figure]:
    figs: dict[str, Figure] = {}
    _say(f"{n} voorbeelden: schrijven")
    cases = work / "cases"
    tags = write_library(cases, n, words, seed)
    slugs = sorted(tags)

    _say(f"{n}: goedvoorbeeld check")
    exe = Path(sys.executable).with_name("goedvoorbeeld")
    check_cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "goedvoorbeeld.cli"]
    r = run([*check_cmd, "check", str(cases)], cwd=work)
    if r.returncode != 0:
        raise SystemExit(f"bench: de gegenereerde bibliotheek is niet geldig:\n{r.output[-3000:]}")
    figs["check_s"] = Figure(round(r.seconds, 3), "s", CHECK_BUDGET_10K_S,
                             "wall time of `goedvoorbeeld check`, Python start included",
                             {"cpu_seconds": r.cpu_seconds, "loadavg": _load()})
    figs["check_cpu_s"] = Figure(r.cpu_seconds, "s", None, "CPU time (user + system) of the same command: "
                                 "less sensitive than wall time to other work on the machine")

    # The two builds take turns, BUILD_RUNS times each: the speed of this machine drifts over minutes, and a
    # single build of each, one after the other, measured the drift as much as the builds.
    real = make_project(work / "real", cases)
    plain = make_plain_project(work / "plain", cases)
    mk = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", "site"]
    hook_runs: list[Run] = []
    plain_runs: list[Run] = []
    runs = BUILD_RUNS_LARGE if n >= 10_000 else BUILD_RUNS
    for i in range(runs):
        _say(f"{n}: build (hook) {i + 1}/{runs}")
        rb = run(mk, cwd=real, sample_memory=True)
        if rb.returncode != 0:
            raise SystemExit(f"bench: de build faalde:\n{rb.output[-3000:]}")
        hook_runs.append(rb)
        _say(f"{n}: plain Material build {i + 1}/{runs}")
        rp = run([*mk[:4], "-q", "-f", "mkdocs.yml", "-d", "site"], cwd=plain, sample_memory=True)
        if rp.returncode != 0:
            raise SystemExit(f"bench: de kale Material-build faalde:\n{rp.output[-3000:]}")
        plain_runs.append(rp)
    rb = sorted(hook_runs, key=lambda r: r.seconds)[(runs - 1) // 2]  # the median run (the lower one of two)
    rp = sorted(plain_runs, key=lambda r: r.seconds)[(runs - 1) // 2]
    rb.peak_tree_bytes = max(r.peak_tree_bytes for r in hook_runs)
    rb.peak_process_bytes = max(r.peak_process_bytes for r in hook_runs)
    figs["build_s"] = Figure(round(rb.seconds, 2), "s", None, "`mkdocs build --strict`, search indexing included "
                             f"(median of {runs}, taking turns with the plain build)",
                             {"cpu_seconds": rb.cpu_seconds, "runs_s": [round(r.seconds, 2) for r in hook_runs]})
    figs["plain_build_s"] = Figure(round(rp.seconds, 2), "s", None,
                                   f"plain Material, same Markdown, no hook, its search plugin on (median of {runs})",
                                   {"cpu_seconds": rp.cpu_seconds, "loadavg": _load(),
                                    "runs_s": [round(r.seconds, 2) for r in plain_runs]})
    figs["build_ratio"] = Figure(round(rb.seconds / rp.seconds, 2), "x", BUILD_RATIO_BUDGET, "build / plain build")
    figs["build_peak_memory"] = Figure(rb.peak_tree_bytes, "bytes", MEMORY_BUDGET_BYTES,
                                       "resident memory of the build's whole process tree (sampled every 50 ms)",
                                       {"largest_process_bytes": rb.peak_process_bytes,
                                        "plain_build_peak_bytes": rp.peak_tree_bytes})

    site = real / "site"
    pages = {"home": "", "case": f"voorbeelden/{slugs[0]}/", "voorbeelden": "voorbeelden/", "top5": "top-5/"}
    for name, path in pages.items():
        w = page_weight(site, path)
        figs[f"weight_{name}"] = Figure(w["bytes"], "bytes", None,
                                        "HTML + stylesheets + scripts it names, on disk, uncompressed",
                                        {"gzip_bytes": w["gzip_bytes"], "files": w["files"],
                                         "external": w["external"]})

    browser_figs = ["browser_weight_home", "browser_weight_case", "browser_weight_voorbeelden",
                    "browser_weight_top5", "search_ms",
                    "search_bytes", "search_api_ms", "search_api_bytes", "browse_ms", "browse_bytes"]
    if browser is None:
        for key in browser_figs:
            figs[key] = Figure(None, "ms" if key.endswith("_ms") else "bytes", note=browser_reason or "")
        return figs

    base, server = serve(site)
    try:
        for name, path in pages.items():
            _say(f"{n}: browser, {name}")
            w = _attempt(browser.weight, base + path)
            if "failed" in w:
                figs[f"browser_weight_{name}"] = Figure(None, "bytes", None, w["failed"], {"failed": True})
                continue
            figs[f"browser_weight_{name}"] = Figure(
                w["bytes"], "bytes", None, "everything the browser loads until the network is idle",
                {"requests": w["requests"], "third_party": w["third_party"]})
        ms_budget, bytes_budget = _search_budget(n)
        _say(f"{n}: browser, search box")
        s = _median(browser.search_ui, base, QUERY)
        if "missing" in s or "failed" in s:
            why, failed = s.get("missing") or s["failed"], {"failed": True} if "failed" in s else {}
            figs["search_ms"] = Figure(None, "ms", ms_budget, why, failed)
            figs["search_bytes"] = Figure(None, "bytes", bytes_budget, why, failed)
        else:
            figs["search_ms"] = Figure(s["ms"], "ms", ms_budget, f"typing '{QUERY}' into the search box "
                                       "of a settled home page until the first result is visible (median of "
                                       f"{SEARCH_RUNS} runs)", {"runs_ms": s["runs_ms"]})
            figs["search_bytes"] = Figure(s["bytes"], "bytes", bytes_budget, "every search request, index "
                                          "included", {"requests": s["requests"], "third_party": s["third_party"]})
        if (site / "pagefind" / "pagefind.js").exists():
            _say(f"{n}: browser, Pagefind API")
            a = _median(browser.search_api, base, QUERY)
        else:
            a = {"missing": "de site heeft geen Pagefind-index (pagefind/pagefind.js ontbreekt)"}
        if "missing" in a or "failed" in a:
            why, failed = a.get("missing") or a["failed"], {"failed": True} if "failed" in a else {}
            figs["search_api_ms"] = Figure(None, "ms", None, why, failed)
            figs["search_api_bytes"] = Figure(None, "bytes", None, why, failed)
        else:
            # A diagnostic without a budget: the search budget is the search box's (above); this is
            # Pagefind alone, loaded cold in one go from import to the first result, nothing loaded on intent.
            figs["search_api_ms"] = Figure(a["ms"], "ms", None,
                                           "Pagefind JS API: import, search, first result's data() "
                                           f"(median of {SEARCH_RUNS} runs)", {"results": a["results"],
                                           "first_title": a["first_title"], "runs_ms": a["runs_ms"]})
            figs["search_api_bytes"] = Figure(a["bytes"], "bytes", None, "Pagefind files fetched")
        _say(f"{n}: browser, /voorbeelden/?tag={TAG}")
        bits = "".join("1" if TAG in tags[s] else "0" for s in slugs)
        b = _attempt(browser.browse, base + f"voorbeelden/?tag={TAG}", bits)
        if "ms" in b:
            figs["browse_ms"] = Figure(b["ms"], "ms", None, "from navigation until only cases with the tag "
                                       "are shown", {"shown": b["shown"]})
            figs["browse_bytes"] = Figure(b["bytes"], "bytes", None, "everything loaded until the network "
                                          "is idle", {"requests": b["requests"], "third_party": b["third_party"]})
        else:
            why = b.get("missing") or b.get("failed")
            failed = {"failed": True} if "failed" in b else {}
            figs["browse_ms"] = Figure(None, "ms", None, why, failed)
            figs["browse_bytes"] = Figure(None, "bytes", None, why, failed)
    finally:
        server.shutdown()
    figs.update(measure_preview(n, real, browser))
    return figs


# ---------------------------------------------------------------------------
# the contributor's preview (issue 12): `goedvoorbeeld serve`, an open tab, a saved file


def _preview_budget(budgets: dict[int, float], n: int) -> float | None:
    fits = [size for size in budgets if n <= size]
    return budgets[min(fits)] if fits else None


def _save(path: Path, text: str) -> float:
    """Write a case file in one step (as editors that write a copy and rename it do); the moment it is there."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return time.perf_counter()


def _top_tags(tags_yml: Path) -> tuple[list[str], int]:
    """The tags with the highest weights, as many as a case may have, and their sum: the highest score there is."""
    vocab = yaml.safe_load(tags_yml.read_text(encoding="utf-8"))
    weights = {t: v["weight"] for g in vocab["groups"].values() for t, v in g["tags"].items()}
    top = sorted(weights, key=lambda t: (-weights[t], t))[: vocab.get("max_tags", 5)]
    return top, sum(weights[t] for t in top)


def _order(score: int, added: str, slug: str) -> tuple:
    """A case's place in the ranking rule's order (`ranking._sort_key`): score, then the newest, then the slug."""
    return -score, -dt.date.fromisoformat(added).toordinal(), slug


def measure_preview(n: int, real: Path, browser: Browser | None) -> dict[str, Figure]:
    """`goedvoorbeeld serve` on the library of this size, a Chromium tab open on a page; seconds from the
    file write until the tab's DOM shows the new text (the preview reloads the tab), the median of
    PREVIEW_EDITS edits; and a full rebuild without search index (what `mkdocs serve` did on every save)."""
    figs: dict[str, Figure] = {}
    _say(f"{n}: full rebuild without search index (the old preview's every save)")
    r = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site-rebuild"], cwd=real,
            extra_env={"GV_SKIP_SEARCH_INDEX": "1"})
    figs["preview_full_rebuild_s"] = Figure(round(r.seconds, 2) if r.returncode == 0 else None, "s", None,
                                            "`mkdocs build` without search index: what `mkdocs serve` did on "
                                            "every save (one run)", {"cpu_seconds": r.cpu_seconds})
    shutil.rmtree(real / "site-rebuild", ignore_errors=True)
    body_budget = _preview_budget(PREVIEW_BODY_BUDGET_S, n)
    ranking_budget = _preview_budget(PREVIEW_RANKING_BUDGET_S, n) if n >= min(PREVIEW_RANKING_BUDGET_S) else None
    if browser is None:
        figs["preview_body_s"] = Figure(None, "s", body_budget, "needs Chromium")
        figs["preview_ranking_s"] = Figure(None, "s", ranking_budget, "needs Chromium")
        return figs
    exe = Path(sys.executable).with_name("goedvoorbeeld")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    _say(f"{n}: goedvoorbeeld serve")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe), "serve", "--port", str(port)], cwd=real, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(line.rstrip("\n") for line in proc.stdout), daemon=True).start()
    base = f"http://127.0.0.1:{port}/goed-voorbeeld/"
    try:
        while not any(line.startswith("Klaar") for line in lines):
            if proc.poll() is not None or time.perf_counter() - started > 3600:
                why = "de voorbeeldweergave startte niet: " + " / ".join(lines[-5:])
                return {**figs, "preview_body_s": Figure(None, "s", body_budget, why, {"failed": True}),
                        "preview_ranking_s": Figure(None, "s", ranking_budget, why, {"failed": True})}
            time.sleep(0.1)
        figs["preview_start_s"] = Figure(round(time.perf_counter() - started, 2), "s", None,
                                         "`goedvoorbeeld serve` from start until it serves the site (one full build)")
        records = json.loads((real / "site" / "data" / "cases.json").read_text(encoding="utf-8"))
        records = records["cases"] if isinstance(records, dict) else records
        five = [r["slug"] for r in json.loads((real / "site" / "data" / "top-5.json").read_text(encoding="utf-8"))]
        others = [r["slug"] for r in records if r["slug"] not in five]
        top, best = _top_tags(real / "cases" / "tags.yml")
        # The ranking edit gives a case the highest score there is. At 10,000 cases a dozen have it already and
        # the newest of them come first, so only an eligible case that then stands before the first of the five
        # becomes number 1 (and a later edit's case still passes all but the earlier edits' cases).
        first = next(r for r in records if r["slug"] == five[0])
        eligible = [r["slug"] for r in records if r["slug"] not in five and r.get("eligible")
                    and _order(best, r["added"], r["slug"]) < _order(first["score"], first["added"], first["slug"])]
        run_id = time.time_ns() % 1_000_000  # new words in every run: the tab must not find them before the edit

        def body_edit(k: int) -> tuple[str, str, str]:
            slug = others[k * 7 % len(others)]
            text = (real / "cases" / f"{slug}.md").read_text(encoding="utf-8")
            marker = f"meetzin{k}x{n}r{run_id}"
            return slug, text.replace("## Aanpak\n\n", f"## Aanpak\n\nEen nieuwe {marker} hier.\n\n", 1), marker

        def ranking_edit(k: int) -> tuple[str, str, str]:
            slug = eligible[k * 11 % len(eligible)]
            text = (real / "cases" / f"{slug}.md").read_text(encoding="utf-8")
            marker = f"Rangtitel{k}x{n}r{run_id}"
            text = re.sub(r"^title: .*$", f'title: "{marker} nu bovenaan"', text, count=1, flags=re.M)
            text = re.sub(r"^tags: .*$", f"tags: [{', '.join(top)}]", text, count=1, flags=re.M)
            return slug, text, marker

        def timed(page_of, edit) -> dict:
            runs = []
            for k in range(PREVIEW_EDITS):
                slug, text, marker = edit(k)
                context, tab = browser._page()
                try:
                    tab.goto(base + page_of(slug), wait_until="load")
                    tab.wait_for_timeout(500)  # the page's script has opened its long poll
                    if tab.get_by_text(marker).count():
                        return {"failed": f"'{marker}' stond al op de pagina voor de wijziging"}
                    start = _save(real / "cases" / f"{slug}.md", text)
                    tab.get_by_text(marker).first.wait_for(timeout=BROWSER_TIMEOUT_MS)
                    runs.append(time.perf_counter() - start)
                except Exception as e:  # noqa: BLE001 - reported in the table
                    return {"failed": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"}
                finally:
                    context.close()
            return {"s": sorted(runs)[len(runs) // 2], "runs_s": [round(x, 3) for x in runs]}

        _say(f"{n}: preview, text edits on a case page")
        b = timed(lambda slug: f"voorbeelden/{slug}/", body_edit)
        _say(f"{n}: preview, ranking edits on /top-5/")
        k = (timed(lambda slug: "top-5/", ranking_edit) if eligible
             else {"failed": "geen voorbeeld buiten de vijf komt met de hoogste score bij de vijf"})
        for key, result, budget, what in (
                ("preview_body_s", b, body_budget, "a text edit in a case until its open tab shows it"),
                ("preview_ranking_s", k, ranking_budget, "a title and tag edit (changes the ranking) until the "
                                                         "open /top-5/ tab shows it")):
            if "s" in result:
                figs[key] = Figure(round(result["s"], 3), "s", budget, f"{what} (median of {PREVIEW_EDITS} edits, "
                                   "from the file write until the DOM shows the new text)", {"runs_s": result["runs_s"]})
            else:
                figs[key] = Figure(None, "s", budget, result["failed"], {"failed": True})
        if any("Traceback" in line for line in lines):  # the preview must never show one: keep it to read
            figs["preview_body_s"].extra["traceback"] = lines[-40:]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return figs


# ---------------------------------------------------------------------------
# across sizes, the table and bench.json

LABELS = {
    "check_s": "check",
    "check_cpu_s": "check, CPU time",
    "build_s": "build",
    "plain_build_s": "plain Material build",
    "build_ratio": "build / plain",
    "build_growth": "build(10,000) / build(1,000)",
    "build_peak_memory": "peak memory of the build",
    "weight_home": "home page (HTML+CSS+JS on disk)",
    "weight_case": "case page (HTML+CSS+JS on disk)",
    "weight_voorbeelden": "/voorbeelden/ first view (HTML+CSS+JS on disk)",
    "weight_top5": "/top-5/ (HTML+CSS+JS on disk)",
    "browser_weight_home": "home page, all the browser loads",
    "browser_weight_case": "case page, all the browser loads",
    "browser_weight_voorbeelden": "/voorbeelden/, all the browser loads",
    "browser_weight_top5": "/top-5/, all the browser loads",
    "weight_growth_home": "home page weight, largest / smallest size",
    "weight_growth_case": "case page weight, largest / smallest size",
    "weight_growth_voorbeelden": "/voorbeelden/ weight, largest / smallest size",
    "weight_growth_top5": "/top-5/ weight, largest / smallest size",
    "browser_weight_growth_home": "home page, all loaded, largest / smallest size",
    "browser_weight_growth_case": "case page, all loaded, largest / smallest size",
    "browser_weight_growth_voorbeelden": "/voorbeelden/, all loaded, largest / smallest size",
    "browser_weight_growth_top5": "/top-5/, all loaded, largest / smallest size",
    "search_ms": f"search box: '{QUERY}' to first result",
    "search_bytes": "search box: bytes transferred",
    "search_api_ms": "Pagefind JS API: search + first result",
    "search_api_bytes": "Pagefind JS API: bytes transferred",
    "browse_ms": f"/voorbeelden/?tag={TAG} until results shown",
    "browse_bytes": f"/voorbeelden/?tag={TAG}: bytes transferred",
    "preview_full_rebuild_s": "preview baseline: full rebuild without search (old `mkdocs serve`)",
    "preview_start_s": "preview: `goedvoorbeeld serve` until it serves",
    "preview_body_s": "preview: text edit until the open case tab shows it",
    "preview_ranking_s": "preview: ranking edit until the open /top-5/ tab shows it",
}


def cross_figures(results: dict[int, dict[str, Figure]]) -> None:
    """Figures that compare sizes, stored with the largest size."""
    sizes = sorted(results)
    big = results[sizes[-1]]
    if 1_000 in results and 10_000 in results:
        big_b, small_b = results[10_000]["build_s"].value, results[1_000]["build_s"].value
        results[10_000]["build_growth"] = Figure(round(big_b / small_b, 2), "x", GROWTH_BUDGET,
                                                 "build time at 10,000 / at 1,000")
    for size in sizes:
        results[size].setdefault("build_growth", Figure(None, "x", GROWTH_BUDGET, "needs sizes 1,000 and 10,000"))
    for name in ("home", "case", "voorbeelden", "top5"):
        for kind in ("weight", "browser_weight"):
            key = f"{kind}_{name}"
            growth = f"weight_growth_{name}" if kind == "weight" else f"browser_weight_growth_{name}"
            for size in sizes:
                results[size][growth] = Figure(None, "x", WEIGHT_GROWTH_BUDGET, "needs two sizes")
            first, last = results[sizes[0]][key].value, big[key].value
            if len(sizes) > 1 and first and last:
                big[growth] = Figure(round(last / first, 3), "x", WEIGHT_GROWTH_BUDGET,
                                     f"{key} at {sizes[-1]:,} / at {sizes[0]:,}")
            elif len(sizes) > 1:
                big[growth] = Figure(None, "x", WEIGHT_GROWTH_BUDGET, results[sizes[0]][key].note or "no value")


def _show(f: Figure) -> str:
    if f.value is None:
        return "n/a" if f.status == "n/a" else "FAIL"
    v = f.value
    if f.unit == "bytes":
        text = f"{v / 1024 ** 3:.2f} GB" if v >= 1024 ** 3 else f"{v / 1024 ** 2:.1f} MB" if v >= 1024 ** 2 \
            else f"{v / 1024:.0f} KB"
    elif f.unit == "s":
        text = f"{v:.2f} s"
    elif f.unit == "ms":
        text = f"{v:.0f} ms"
    else:
        text = f"{v:.2f}×"
    return text + ("" if f.status == "-" else f" {f.status}")


def _budget(f: Figure) -> str:
    if f.budget is None:
        return "–"
    if f.unit == "bytes":
        return f"≤ {f.budget / 1024 ** 3:.0f} GB" if f.budget >= 1024 ** 3 else f"≤ {f.budget / 1024:.0f} KB"
    return f"≤ {f.budget:g} {f.unit}" if f.unit != "x" else f"≤ {f.budget:g}×"


def table(results: dict[int, dict[str, Figure]]) -> str:
    sizes = sorted(results)
    keys = list(dict.fromkeys(k for s in sizes for k in results[s]))
    keys = [k for k in LABELS if k in keys] + [k for k in keys if k not in LABELS]
    head = "| figure | " + " | ".join(f"{s:,} cases" for s in sizes) + " |"
    lines = [head, "|---|" + "---|" * len(sizes)]
    for k in keys:
        cells = []
        for s in sizes:
            f = results[s].get(k)
            cells.append("" if f is None else _show(f) + (f" ({_budget(f)})" if f.budget is not None and
                                                          f.value is not None else ""))
        lines.append(f"| {LABELS.get(k, k)} | " + " | ".join(cells) + " |")
    notes = sorted({f"- {LABELS.get(k, k)}: {results[s][k].status}, {results[s][k].note}"
                    for s in sizes for k in results[s]
                    if results[s][k].value is None and results[s][k].note})
    return "\n".join(lines + ([""] + notes if notes else []))


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        import mkdocs
        import material

        info["mkdocs"] = mkdocs.__version__
        info["material"] = getattr(material, "__version__", "?")
    except ImportError:
        pass
    try:
        info["loadavg_at_start"] = os.getloadavg()
    except OSError:
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark Goed Voorbeeld at several library sizes.")
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated numbers of cases (default: %(default)s)")
    ap.add_argument("--out", default="bench.json", help="where to write the figures (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=SEED, help="random seed of the synthetic libraries")
    ap.add_argument("--keep", metavar="DIR", help="build in DIR and keep it, instead of a temporary folder")
    ap.add_argument("--no-browser", action="store_true", help="skip the measurements in Chromium")
    args = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    words = Words.load()
    reason = "--no-browser" if args.no_browser else browser_missing()
    browser = None if reason else Browser()
    info = machine()
    results: dict[int, dict[str, Figure]] = {}
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gv-bench-"))
    try:
        for n in sizes:
            work = root / f"n{n}"
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            results[n] = measure(n, work, words, browser, reason, args.seed)
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        if browser is not None:
            browser.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    cross_figures(results)
    text = table(results)
    print(text)
    failed = [f"{LABELS.get(k, k)} at {s:,}" for s in results for k, f in results[s].items() if f.status == "FAIL"]
    print("\nAll figures within budget." if not failed else f"\nOver budget: {'; '.join(failed)}.")
    out = {"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "machine": info,
           "query": QUERY, "tag": TAG, "seed": args.seed,
           "sizes": {str(n): {k: f.as_json() for k, f in results[n].items()} for n in results},
           "table": text}
    Path(args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
