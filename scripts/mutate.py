"""Mutation testing of the pure modules (`make mutate`, `make mutate MODULE=ranking`).

mutmut 3 (configured in pyproject.toml, [tool.mutmut]) copies the project into `mutants/` (never
committed), makes small changes ("mutants") to the modules listed there and runs, for each mutant, the fast
in-process tests that call the changed function. A mutant no test notices "survives". This script runs one
module at a time, in the order given, and prints a table per module:

    module  mutants  killed  survived  no tests  timeout  other  score

score = killed (timeouts included: the change made the tests hang) / the mutants checked; "other" counts
mutmut's remaining verdicts (suspicious, skipped, segfault). A module whose mutants were never run says so.
Survivors that change no behaviour are listed, with the reason, in tests/mutants-equivalent.md.

mutmut 3 makes no mutants of module-level tables and dataclasses, so `schema.py` goes to cosmic-ray instead
(the optional extra `mutate`): it copies the project into `.cosmic-ray/project/` (never committed; made anew
each run), mutates the file there one change at a time and runs COSMIC_RAY's test selection against each
change, under `nice`, one at a time. Its config and session file stay in `.cosmic-ray/`; the row it prints
has the same columns ("no tests" is always 0: the whole selection runs for every mutant).
"""

from __future__ import annotations

import json
import os
import re
import shutil
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
# Modules mutmut cannot reach -> the fast in-process tests cosmic-ray runs against each of their mutants (the
# file of tests written for the module first: `pytest -x` stops at the first failure).
COSMIC_RAY = {"schema": ["tests/test_mutants_schema.py", "tests/test_cases.py"]}
CR_WORK = ROOT / ".cosmic-ray"  # the project's copy, config and session (ignored by git)
CR_COPY = ("src", "tests", "cases", "hooks", "docs", "scripts", "mkdocs.yml", "pyproject.toml")
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


def cosmic_ray(module: str) -> tuple[Counter, list[str], str]:
    """Run cosmic-ray over one module in a copy of the project: (counts, survivors, note when it could not)."""
    print(f"== cosmic-ray: {module}", flush=True)
    work = CR_WORK / module
    shutil.rmtree(work, ignore_errors=True)
    project = work / "project"
    for name in CR_COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    config, session = work / "config.toml", work / "session.sqlite"
    tests = " ".join(COSMIC_RAY[module])
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "src/goedvoorbeeld/{MODULES[module].replace(".", "/")}.py"\n'
        "timeout = 300.0\n"
        "excluded-modules = []\n"
        f'test-command = "nice -n 10 {sys.executable} -m pytest -x -q -p no:cacheprovider {tests}"\n'
        "\n[cosmic-ray.distributor]\n"
        'name = "local"\n', encoding="utf-8")
    # the copy's sources come first on the path: the editable install points at this checkout's src/
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(project / "src"),
                                                                    os.environ.get("PYTHONPATH")]))}
    tool = str(Path(sys.executable).parent / "cosmic-ray")
    for step in (["init", str(config), str(session)], ["baseline", str(config)],
                 ["exec", str(config), str(session)]):
        done = subprocess.run([tool, *step], cwd=project, env=env, check=False, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            why = "the tests fail without any mutant" if step[0] == "baseline" else \
                f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"
            return Counter(), [], f"{module}: cosmic-ray {step[0]} failed ({why})"
    dump = subprocess.run([tool, "dump", str(session)], cwd=project, env=env, capture_output=True, text=True,
                          check=True).stdout
    counts: Counter = Counter()
    survived: list[str] = []
    for line in dump.splitlines():
        item, result = json.loads(line)
        verdict = cosmic_verdict(result)
        counts[verdict] += 1
        if verdict == "survived":
            (m,) = item["mutations"]
            change = [d[1:].strip() for d in result["diff"].splitlines() if d.startswith("+") and
                      not d.startswith("+++")]
            survived.append(f"{module}.py:{m['start_pos'][0]}:{m['start_pos'][1]} {m['operator_name']} "
                            f"#{m['occurrence']}: {' / '.join(change)}")
    return counts, sorted(survived, key=lambda s: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", s)]), ""


def cosmic_verdict(result: dict | None) -> str:
    """cosmic-ray's outcome of one mutant in mutmut's words (a timeout is reported as killed, output 'timeout')."""
    if result is None or result["worker_outcome"] in ("no-test", "skipped"):
        return "not checked"
    if result["test_outcome"] == "killed":
        return "timeout" if result.get("output") == "timeout" else "killed"
    return result["test_outcome"]  # survived, or incompetent (counted as other)


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
    notes, cosmic = [], {}
    for module in modules:
        if module in COSMIC_RAY:
            cosmic[module] = cosmic_ray(module)
            notes += [cosmic[module][2]] if cosmic[module][2] else []
        elif note := run(module, children):
            notes.append(note)
    counts = results() if set(modules) - set(cosmic) else {}
    counts.update({module: found[0] for module, found in cosmic.items()})
    print(table(counts, modules))
    for note in notes:
        print(note)
    for module in modules:
        for name in cosmic[module][1] if module in cosmic else survivors(module):
            print(f"survived: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
