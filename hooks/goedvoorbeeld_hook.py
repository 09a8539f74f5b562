"""MkDocs hook for Goed Voorbeeld: forwards every MkDocs event to one build object.

All logic lives in the `goedvoorbeeld` package (`goedvoorbeeld.engines.mkdocs.build`). A fresh `MkDocsBuild`
is made for every run, and its `on_config` builds the state afresh, because `mkdocs serve` imports this module
once and reuses it. ProperDocs runs this same hook (it answers `import mkdocs` with itself).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from goedvoorbeeld.engines.mkdocs.build import MkDocsBuild

build = MkDocsBuild()  # holds nothing until on_config; replaced at every start


def on_startup(*, command: str, dirty: bool) -> None:
    global build
    build = MkDocsBuild(command)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return build.on_config(config)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return build.on_files(files, config=config)


def on_nav(nav, *, config: MkDocsConfig, files: Files):
    return build.on_nav(nav, config=config, files=files)


def on_env(env, *, config: MkDocsConfig, files: Files):
    return build.on_env(env, config=config, files=files)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return build.on_page_markdown(markdown, page=page, config=config, files=files)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return build.on_page_content(html, page=page, config=config, files=files)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return build.on_post_page(output, page=page, config=config)


def on_post_build(*, config: MkDocsConfig) -> None:
    build.on_post_build(config=config)


def on_build_error(*, error: Exception) -> None:
    build.on_build_error(error=error)
