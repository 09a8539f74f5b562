"""The package shows the pipeline: subpackages in order, no import circles, no step importing a later one.

Every import counts: at module level, inside functions and under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "goedvoorbeeld"
# The pipeline's steps in order; a step may import its own and earlier steps only.
# `config` (reading mkdocs.yml) and `dutch_click` (click in Dutch) serve every step; `cli` is the edge and may
# import anything.
ORDER = ("config", "dutch_click", "check", "rank", "contribute", "site", "engines", "cli")


def module_name(path: Path, root: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path, known: set[str]) -> set[str]:
    """Modules of the package that `path` imports, anywhere in the file."""
    me = module_name(path, root)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:  # `a.b.c` where `c` is a function: the module is `a.b`
                name = name.rpartition(".")[0]
            if name and name != me and name.startswith(root.name + ".") and not _is_package(name, known):
                found.add(name)
    return found


def _is_package(name: str, known: set[str]) -> bool:
    return any(other.startswith(name + ".") for other in known)


def graph(root: Path) -> dict[str, set[str]]:
    files = sorted(root.rglob("*.py"))
    known = {module_name(f, root) for f in files}
    return {module_name(f, root): imports_of(f, root, known) for f in files}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in edges.get(v, ()):
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def step(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    return ORDER.index(top) if top in ORDER else -1


def test_every_module_sits_in_a_step_of_the_pipeline():
    loose = [m for m in graph(PACKAGE) if m != "goedvoorbeeld" and step(m) < 0]
    assert loose == []


def test_the_package_has_no_import_circles():
    assert circles(graph(PACKAGE)) == []


def test_no_step_imports_a_later_one():
    wrong = sorted(f"{m} -> {i}" for m, targets in graph(PACKAGE).items() for i in targets if step(i) > step(m))
    assert wrong == []


def test_the_walk_finds_a_made_up_circle_and_a_backwards_import(tmp_path):
    root = tmp_path / "goedvoorbeeld"
    for rel, text in {
        "__init__.py": "",
        "check/__init__.py": "",
        "check/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..site.b import B\n",
        "site/__init__.py": "",
        "site/b.py": "def f():\n    from goedvoorbeeld.check import a\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    edges = graph(root)
    assert edges["goedvoorbeeld.check.a"] == {"goedvoorbeeld.site.b"}
    assert edges["goedvoorbeeld.site.b"] == {"goedvoorbeeld.check.a"}
    assert circles(edges) == [["goedvoorbeeld.check.a", "goedvoorbeeld.site.b"]]
    assert step("goedvoorbeeld.site.b") > step("goedvoorbeeld.check.a")


def test_the_facts_of_the_site_import_no_renderer():
    renderers = {m for m in graph(PACKAGE) if m.startswith("goedvoorbeeld.site.") and m not in FACTS}
    for facts in FACTS:
        assert graph(PACKAGE)[facts] & renderers == set(), facts


# Modules of the site that hold facts, not HTML: what pages, feed and data are made from.
FACTS = ("goedvoorbeeld.site.facts", "goedvoorbeeld.site.search")
