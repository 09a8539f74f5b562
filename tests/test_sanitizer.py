"""Defence in depth: with the checker switched off, hostile case bodies still cannot run a script.

A temporary project uses the TEST-ONLY hook `tests/hooks/unchecked_hook.py`
(the real hook, minus the checker's verdict). Then:
- with the rendered-HTML check of the real hook on, the build refuses every hostile body;
- with only the sanitizer left, the site builds, and headless Chromium shows that
  nothing runs, no dialog opens and no request leaves 127.0.0.1.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import make_project, serve
from goedvoorbeeld.check.safety import verify_html
from goedvoorbeeld.site.pages import sanitize

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "fixtures" / "hostile"

# The catalogue's hostile bodies (their front matter is valid, so the unchecked hook publishes them).
BODIES = sorted(
    p.name for p in HOSTILE.glob("*.md")
    if p.name.startswith(("html-", "body-link-", "body-autolink-", "attribute-list-", "image-reference-"))
    and p.name not in ("html-allowlist.md", "body-link-external.md")
)
HARMLESS_SCRIPTLESS = ("body-link-protocol-relative.md",)  # refused by the checker, but no script


def unchecked_project(dest: Path, *, rendered_check: bool):
    project = make_project(dest)
    for name in BODIES:
        shutil.copy(HOSTILE / name, project.cases / name)
    shutil.copy(HERE / "hooks" / "unchecked_hook.py", project.root / "hooks" / "unchecked_hook.py")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - hooks/goedvoorbeeld_hook.py", "  - hooks/unchecked_hook.py")
    config = config.replace("\nextra:\n", f"\nextra:\n  unchecked:\n    rendered_check: {str(rendered_check).lower()}\n")
    assert "unchecked_hook.py" in config and "rendered_check" in config
    (project.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def sanitized_site(tmp_path_factory):
    project = unchecked_project(tmp_path_factory.mktemp("unchecked") / "project", rendered_check=False)
    project.build()
    url, server = serve(project.site)
    yield project, url
    server.shutdown()


def test_rendered_html_check_refuses_what_the_checker_let_through(tmp_path):
    project = unchecked_project(tmp_path / "project", rendered_check=True)
    result = project.build(check=False)
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in out
    assert re.search(r"cases/[a-z-]+\.md:\d+:\d+: error GV20[567]: na omzetting naar HTML: ", out), out


def test_verify_html_names_what_is_outside_the_allowlist():
    found = verify_html(
        '<p onclick="x">a</p><script>1</script><a href="java&#x09;script:alert(1)">b</a>'
        '<img src="https://t.example/p.png"><td style="color:red">c</td><th style="text-align: left;">d</th>'
        '<!-- c --><a href="//evil.example/">e</a>'
    )
    assert [(f.code, f.message) for f in found] == [
        ("GV205", "HTML-attribuut 'onclick' op <p> is niet toegestaan"),
        ("GV205", "HTML-element <script> is niet toegestaan"),
        ("GV206", "link 'java\tscript:alert(1)' is niet toegestaan; alleen http://, https:// en mailto:"),
        ("GV207", "afbeelding 'https://t.example/p.png' staat niet in cases/"),
        ("GV205", "HTML-attribuut 'style' op <td> is niet toegestaan"),
        ("GV205", "HTML-commentaar (<!-- -->) is niet toegestaan"),
        ("GV206", "link '//evil.example/' is niet toegestaan; alleen http://, https:// en mailto:"),
    ]
    assert verify_html('<h2 id="aanpak">Aanpak</h2><p><a href="https://x.nl" title="t">x</a>'
                       '<img src="../foto.png" alt="f"><abbr title="a">b</abbr></p>') == []


def test_sanitizer_alone_leaves_no_script_handler_or_third_party_image():
    dirty = ('<p onmouseover="x" style="color:red">a<script>alert(1)</script></p>'
             '<a href="javascript:alert(1)">j</a><a href="https://x.nl">x</a>'
             '<img src="https://tracker.example/p.png" alt="t"><svg onload="alert(1)"></svg>'
             '<iframe srcdoc="<script>alert(1)</script>"></iframe>')
    clean = sanitize(dirty)
    assert verify_html(clean) == []
    assert 'href="https://x.nl" rel="noopener noreferrer"' in clean


STATE_JS = """() => {
    const body = document.querySelector('.gv-body');
    const handlers = [...document.querySelectorAll('*')].flatMap(
        el => [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + '@' + a.name));
    return {
        pwned: window.__pwned === undefined ? null : String(window.__pwned),
        handlers,
        bodyTags: [...body.querySelectorAll('*')].map(el => el.tagName.toLowerCase()),
        styled: [...body.querySelectorAll('[style]')].length,
        hrefs: [...body.querySelectorAll('a[href]')].map(a => [a.getAttribute('href'), a.rel]),
        srcs: [...body.querySelectorAll('img')].map(i => i.getAttribute('src')),
    };
}"""
FORBIDDEN = {"script", "iframe", "svg", "object", "embed", "style", "form", "link", "meta", "base", "frame"}


def test_no_script_runs_in_the_browser(sanitized_site, page):
    """Every hostile page in one browser tab: no dialog, no payload, no handler, no third-party request."""
    project, url = sanitized_site
    local = url.rstrip("/")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for name in BODIES:
        page.requests.clear()
        page.goto(f"{url}voorbeelden/{name[:-3]}/", wait_until="load")
        title = page.title()
        state = page.evaluate(STATE_JS)
        assert dialogs == [], name
        assert state["pwned"] is None, name
        assert "pwned" not in title and title.endswith("Goed Voorbeeld"), (name, title)
        assert state["handlers"] == [], name
        assert not set(state["bodyTags"]) & FORBIDDEN, (name, state["bodyTags"])
        assert state["styled"] == 0, name
        for src in state["srcs"]:  # an image may stay, but only from this site
            assert src is None or not re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", src, re.I), (name, src)
        for href, rel in state["hrefs"]:
            assert not re.match(r"\s*(javascript|data|file|vbscript):", href, re.I), (name, href)
            if href.startswith(("http:", "https:", "//")):
                assert rel == "noopener noreferrer", (name, href)
        outside = [r for r in page.requests if not r.startswith(local)]
        assert outside == [], (name, outside)
    assert len(BODIES) >= 15
