"""What the command line reads from `mkdocs.yml`: the one reader of that file outside the build engine.

The build itself gets its configuration from the engine (MkDocs or ProperDocs); commands such as `rank` and
`build` read the few settings they need here, before any engine is started.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

# The engines that can build the site: name -> the Python module run as `python -m <module> build`.
# ProperDocs is a maintained fork of MkDocs 1.6 that reads the same mkdocs.yml, hook and theme.
ENGINES: dict[str, str] = {"mkdocs": "mkdocs", "properdocs": "properdocs"}
DEFAULT_ENGINE = "mkdocs"


class ConfigError(Exception):
    """A setting in mkdocs.yml that cannot be used; the message is Dutch and names the setting."""


class _Loader(yaml.SafeLoader):
    """Safe YAML that skips MkDocs' own tags such as !!python/name and !ENV instead of failing on them."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(mkdocs_yml: Path) -> dict:
    """The top level of mkdocs.yml as a dict; {} when the file is missing or not YAML."""
    try:
        data = yaml.load(Path(mkdocs_yml).read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def site_url_of(mkdocs_yml: Path) -> str:
    """`site_url` from mkdocs.yml, or "" when there is none."""
    value = read_settings(mkdocs_yml).get("site_url")
    return value if isinstance(value, str) else ""


def engine_of(mkdocs_yml: Path) -> str:
    """The engine set in mkdocs.yml (`extra.goedvoorbeeld.engine`), or the default."""
    extra = read_settings(mkdocs_yml).get("extra")
    settings = extra.get("goedvoorbeeld") if isinstance(extra, dict) else None
    value = settings.get("engine", DEFAULT_ENGINE) if isinstance(settings, dict) else DEFAULT_ENGINE
    return check_engine(value, f"{Path(mkdocs_yml).name}: extra.goedvoorbeeld.engine")


def check_engine(value: object, where: str) -> str:
    """`value` if it names a known engine; otherwise a ConfigError that lists the engines."""
    if value not in ENGINES:
        known = ", ".join(f"'{name}'" for name in ENGINES)
        raise ConfigError(f"{where}: onbekende bouwmachine '{value}'; kies uit {known}")
    return value  # type: ignore[return-value]


def running_engine() -> str:
    """The engine that runs this process: ProperDocs answers imports of `mkdocs` with itself."""
    return "properdocs" if "properdocs" in sys.modules else "mkdocs"
