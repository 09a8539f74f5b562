"""Pagefind reads only a `search_copy` of each searchable page (site/search.py): its index must be the one
Pagefind makes of the full pages.

The careful path is Pagefind's own run over the whole built site; the fast path is what the build wrote into
the site (Pagefind over the copies the hook kept while MkDocs wrote the pages). Pagefind writes the `nr`
filter in an order of its own, so the filter files (and the two files that name their hash) differ between
any two runs; every other file must be the same byte for byte, those two the same once the hashes are set
aside.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

import pytest

from goedvoorbeeld.site.search import OUTPUT, IndexPart, pagefind_command, search_copy

BODY = '<div data-pagefind-body data-pagefind-filter="soort:hulp">'
PAGE = ('<!doctype html>\n<html lang="nl">\n  <head><meta charset="utf-8"><title>Titel - Goed Voorbeeld</title>'
        '<link rel="stylesheet" href="x.css"></head>\n<body><nav><div class="menu"><div>menu</div></div></nav>'
        '<main>{body}</main><footer><div>voet</div></footer></body></html>')


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _without_filter_hashes(files: dict[str, bytes]) -> dict[str, bytes]:
    """The index files with the filter files left out and their hashes blanked where other files name them."""
    hashes = [name.split("/")[-1].split(".")[0].encode() for name in files if name.startswith("filter/")]
    out = {}
    for name, data in files.items():
        if name.startswith("filter/"):
            continue
        if name.endswith(".pf_meta"):
            data = gzip.decompress(data)
            for h in hashes:
                data = data.replace(h, b"FILTER")
            name = "pagefind.pf_meta"
        elif name == "pagefind-entry.json":
            entry = json.loads(data)
            for lang in entry["languages"].values():
                lang.pop("hash")
            data = json.dumps(entry, sort_keys=True).encode()
        out[name] = data
    return out


@pytest.fixture(scope="module")
def full_page_index(built_fixture_site, tmp_path_factory) -> Path:
    """Pagefind over the full pages of the built fixture site (as before copies), into a folder of its own."""
    site = built_fixture_site.site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not p.relative_to(site).as_posix().startswith("voorbeelden/")
                   and "data-pagefind-body" in p.read_text(encoding="utf-8"))
    out = tmp_path_factory.mktemp("volledig")
    subprocess.run(pagefind_command(out, IndexPart(OUTPUT), pages, source=site), check=True, capture_output=True)
    return out / OUTPUT


def test_index_of_copies_is_index_of_full_pages(built_fixture_site, full_page_index):
    built = _files(built_fixture_site.site / OUTPUT)
    careful = _files(full_page_index)
    assert any(n.startswith("fragment/") for n in built) and any(n.startswith("index/") for n in built)
    assert sum(n.startswith("filter/") for n in built) == sum(n.startswith("filter/") for n in careful) == 2
    assert _without_filter_hashes(built) == _without_filter_hashes(careful)


def test_build_leaves_no_copies(built_fixture_site):
    site = built_fixture_site.site
    assert not [p.name for p in site.parent.iterdir() if ".zoeken-" in p.name]


def test_copy_of_a_built_page_is_smaller_and_keeps_body_and_title(built_fixture_site):
    html = (built_fixture_site.site / "voorbeelden" / "open-raad-testdorp" / "index.html").read_text(encoding="utf-8")
    copy = search_copy(html)
    assert len(copy) < len(html) * 0.8
    start = html.index("<div data-pagefind-body")
    assert copy.startswith(html[:html.index("<head")])
    assert re.search(r"<title>.*?</title>", html, re.S).group(0) in copy
    assert html[start:start + 2000] in copy
    assert "md-footer" in html and "md-footer" not in copy


def test_copy_ends_at_the_matching_div():
    body = BODY + '<div class="a"><div>tekst</div></div><p>meer</p></div>'
    copy = search_copy(PAGE.format(body=body))
    assert copy.endswith(f"<body>{body}</body></html>")
    assert "<title>Titel - Goed Voorbeeld</title>" in copy and "menu" not in copy and "voet" not in copy


@pytest.mark.parametrize("inside", ["<!-- <div> -->", "<script>let x = '</div>'</script>",
                                    "<template><div></template>", "<style>div{}</style>",
                                    "<textarea></div></textarea>", '<span data-pagefind-meta="title">x</span>'])
def test_copy_keeps_the_whole_page_when_the_end_is_uncertain(inside):
    page = PAGE.format(body=BODY + f"<p>a</p>{inside}</div>")
    assert search_copy(page) == page


@pytest.mark.parametrize("page", [
    PAGE.format(body="<div>geen index</div>"),  # no data-pagefind-body
    PAGE.format(body=BODY + "<div>nooit gesloten</div>"),  # no end
    PAGE.format(body=BODY + "</div>" + BODY + "</div>"),  # two bodies
    PAGE.format(body=BODY + "</div><div data-pagefind-filter=\"x:y\"></div>"),  # a filter outside the body
    PAGE.format(body=BODY + "</div>").replace("<title>Titel - Goed Voorbeeld</title>", ""),  # no title
])
def test_copy_keeps_the_whole_page_when_pagefind_reads_more(page):
    assert search_copy(page) == page
