"""scripts/mutate.py reads cosmic-ray's results of schema.py into the same row as mutmut's modules."""

from __future__ import annotations

import importlib.util
from collections import Counter

from conftest import ROOT

spec = importlib.util.spec_from_file_location("mutate", ROOT / "scripts" / "mutate.py")
mutate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mutate)


def result(test_outcome: str | None, worker_outcome: str = "normal", output: str = "") -> dict:
    return {"worker_outcome": worker_outcome, "test_outcome": test_outcome, "output": output, "diff": ""}


def test_cosmic_ray_outcomes_get_mutmut_s_names_and_a_timeout_counts_as_killed():
    verdicts = [mutate.cosmic_verdict(r) for r in (
        result("killed", output="1 failed"), result("killed", output="timeout"), result("survived"),
        result("incompetent", "exception"), result(None, "no-test"), result(None, "skipped"), None)]
    assert verdicts == ["killed", "timeout", "survived", "incompetent", "not checked", "not checked", "not checked"]
    counts = Counter(verdicts)
    assert mutate.table({"schema": counts}, ["schema"]).splitlines()[-1] == \
        "| `schema.py` | 4 | 1 | 1 | 0 | 1 | 1 | 50.0 % |"


def test_every_test_file_cosmic_ray_runs_exists():
    """A missing file would make cosmic-ray's baseline fail before any mutant is tried."""
    files = [path for paths in mutate.COSMIC_RAY.values() for path in paths]
    assert "tests/test_mutants_schema.py" in files
    assert [path for path in files if not (ROOT / path).is_file()] == []
