"""Mutation testing of the pure modules (`make mutate`, `make mutate MODULE=ranking`).

mutmut 3 (configured in pyproject.toml, [tool.mutmut]) copies the project into `mutants/` (never
committed), makes small changes ("mutants") to the modules listed there and runs, for each mutant, the fast
in-process tests that call the changed function. A mutant no test notices "survives". This script runs one
module at a time, in the order given, and prints a table per module:

    module  mutants  killed  survived  no tests  timeout  other  score

score = killed (timeouts included: the change made the tests hang) / the mutants checked; "other" counts
mutmut's remaining verdicts (suspicious, skipped, segfault). A module whose mutants were never run says so.
Survivors that change no behaviour are listed, with the reason, in tests/mutants-equivalent.md.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# short name -> the module's place in the package (tool.mutmut's only_mutate in pyproject.toml lists the files)
MODULES = {"ranking": "rank.ranking", "related": "rank.related", "selections": "rank.selections",
           "vocabulary": "check.vocabulary", "schema": "check.schema", "source": "check.source",
           "simple_yaml": "check.simple_yaml", "safety": "check.safety"}
SHORT = {path: name for name, path in MODULES.items()}
MUTMUT = [sys.executable, "-m", "mutmut"]
# a mutant's name: goedvoorbeeld.<package>.<module>.x_<function>__mutmut_<n> (or xǁClassǁmethod__mutmut_<n>)
LINE = re.compile(r"^\s*goedvoorbeeld\.([\w.]+?)\.(x\S+):\s*(.+?)\s*$")


def run(module: str, children: str) -> str:
    """Run the mutants of one module; returns a note when mutmut could not (empty when it ran)."""
    print(f"== mutmut: {module}", flush=True)
    done = subprocess.run([*MUTMUT, "run", "--max-children", children, f"goedvoorbeeld.{MODULES[module]}.*"], cwd=ROOT,
                          check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if "nothing matches" in done.stderr:  # mutmut 3 skips module-level constants and decorated functions
        return f"{module}: mutmut makes no mutants of this module (only constants and decorated code)"
    if done.returncode != 0:
        return f"{module}: mutmut failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}"
    return ""


def results() -> dict[str, Counter]:
    out = subprocess.run([*MUTMUT, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True,
                         check=False).stdout
    counts: dict[str, Counter] = {}
    for line in out.splitlines():
        m = LINE.match(line)
        if m:
            counts.setdefault(SHORT.get(m.group(1), m.group(1)), Counter())[m.group(3)] += 1
    return counts


def survivors(module: str) -> list[str]:
    out = subprocess.run([*MUTMUT, "results"], cwd=ROOT, capture_output=True, text=True, check=False).stdout
    return [m.group(0).strip().split(":")[0] for line in out.splitlines()
            if (m := LINE.match(line)) and SHORT.get(m.group(1)) == module and m.group(3) == "survived"]


def table(counts: dict[str, Counter], modules: list[str]) -> str:
    rows = ["| module | mutants | killed | survived | no tests | timeout | other | score |",
            "|---|---|---|---|---|---|---|---|"]
    for module in modules:
        c = counts.get(module, Counter())
        checked = sum(c.values()) - c["not checked"]
        if not checked:
            rows.append(f"| `{module}.py` | not run | | | | | | |")
            continue
        killed = c["killed"] + c["timeout"]
        other = checked - killed - c["survived"] - c["no tests"]
        rows.append(f"| `{module}.py` | {checked} | {c['killed']} | {c['survived']} | {c['no tests']} | "
                    f"{c['timeout']} | {other} | {100 * killed / checked:.1f} % |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    modules = [m.removesuffix(".py") for m in argv] or list(MODULES)
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        print(f"unknown module(s): {', '.join(unknown)}; choose from {', '.join(MODULES)}", file=sys.stderr)
        return 2
    children = os.environ.get("MUTATE_CHILDREN", "1")
    notes = [note for module in modules if (note := run(module, children))]
    counts = results()
    print(table(counts, modules))
    for note in notes:
        print(note)
    for module in modules:
        for name in survivors(module):
            print(f"survived: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
