"""The GitHub files, checked offline: they cannot run here, so every check that can be made without GitHub is.

Every file in .github/workflows/ is covered, whoever wrote it: it must match GitHub's workflow schema (as
shipped by check-jsonschema), zizmor must find nothing of high severity, actions must be pinned to a full
commit, and every `goedvoorbeeld` command and `make` target a workflow runs must exist with those options.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml

from goedvoorbeeld.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return str(found)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict):
    for job in (workflow.get("jobs") or {}).values():
        yield from job.get("steps") or []


def run_scripts(path: Path) -> list[str]:
    return [s["run"] for s in steps(load(path)) if "run" in s]


_SEPARATORS = {";", "&&", "||", "|", "&", "(", ")", "((", "))", ";;"}
_KEYWORDS = {"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "exec", "time"}


def simple_commands(script: str) -> list[list[str]]:
    """The simple commands of a shell script, as word lists (redirections and assignments removed)."""
    script = script.replace("\\\n", " ")
    commands: list[list[str]] = []
    for line in script.split("\n"):
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        try:
            tokens = list(lexer)
        except ValueError:  # an unbalanced quote inside $(...) and the like: skip the line
            continue
        current: list[str] = []
        skip = False
        for i, tok in enumerate(tokens):
            if skip:
                skip = False
                continue
            if tok in _SEPARATORS:
                commands.append(current)
                current = []
            elif set(tok) <= set("<>&|") and ("<" in tok or ">" in tok):
                skip = not tok.endswith("&") or tok in (">&", "<&")
                if current and current[-1].isdigit() and i and tokens[i - 1] == current[-1]:
                    current.pop()  # the '2' of '2>'
            elif not current and (tok in _KEYWORDS or re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", tok)):
                continue
            else:
                current.append(tok)
        commands.append(current)
    return [c for c in commands if c]


def calls(program: str) -> list[tuple[Path, list[str]]]:
    """Every call of a program in a workflow: (workflow, arguments after the program name)."""
    out = []
    for path in WORKFLOWS:
        for script in run_scripts(path):
            for words in simple_commands(script):
                if Path(words[0]).name == program:
                    out.append((path, words[1:]))
    return out


def test_there_are_workflows_to_check():
    names = {p.name for p in WORKFLOWS}
    assert {"check.yml", "publish.yml", "from-issue.yml"} <= names


def test_the_shell_parser_finds_commands_and_their_arguments():
    script = ('rc=0\nif .venv/bin/goedvoorbeeld check --strict "$X" 2>&1 > out.txt; then echo ok; fi\n'
              'make test && make build \\\n  || exit 1\nx=$(goedvoorbeeld forms --check)\n# goedvoorbeeld no\n')
    words = simple_commands(script)
    assert [".venv/bin/goedvoorbeeld", "check", "--strict", "$X"] in words
    assert ["make", "test"] in words and ["make", "build"] in words
    assert ["goedvoorbeeld", "forms", "--check"] in words
    assert not any("no" in w for w in words)


def test_workflows_match_the_github_workflow_schema():
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                             *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_high_severity():
    result = subprocess.run([tool("zizmor"), "--offline", "--format", "json", str(ROOT / ".github" / "workflows")],
                            capture_output=True, text=True, cwd=ROOT)
    findings = json.loads(result.stdout)
    high = [f"{f['ident']} in {f['locations'][0]['symbolic']['key']}: {f['desc']}"
            for f in findings if f["determinations"]["severity"] == "High"]
    assert not high, "\n".join(high)


def test_zizmor_sees_a_template_injection_so_the_audit_is_real(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on:\n  issues:\n    types: [opened]\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n", encoding="utf-8")
    result = subprocess.run([tool("zizmor"), "--offline", "--format", "json", str(bad)],
                            capture_output=True, text=True, cwd=tmp_path)
    idents = {f["ident"] for f in json.loads(result.stdout) if f["determinations"]["severity"] == "High"}
    assert "template-injection" in idents


def test_actions_are_pinned_to_a_full_commit_with_the_version_in_a_comment():
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", text, re.MULTILINE):
            ref, rest = m.group(1), m.group(2)
            if ref.startswith("./"):
                continue
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned to a commit"
            assert re.search(r"#\s*v\d", rest), f"{path.name}: {ref} has no version comment"


def test_workflows_grant_no_write_access_at_the_top_and_checkouts_keep_no_credentials():
    for path in WORKFLOWS:
        workflow = load(path)
        top = workflow.get("permissions")
        assert isinstance(top, dict), f"{path.name}: set 'permissions: {{}}' at the top; grant more per job"
        assert "write" not in top.values(), f"{path.name}: grant write access per job, not to the whole workflow"
        for step in steps(workflow):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert (step.get("with") or {}).get("persist-credentials") is False, path.name


def test_issue_text_never_reaches_a_shell_script_directly():
    for path in WORKFLOWS:
        for script in run_scripts(path):
            assert "github.event.issue" not in script and "github.event.comment" not in script, path.name
            assert "github.event.pull_request.title" not in script and "head_ref" not in script, path.name


def test_every_goedvoorbeeld_command_the_workflows_run_exists_with_those_options():
    found = calls("goedvoorbeeld")
    assert found, "the workflows should run the checker"
    for path, args in found:
        assert args and args[0] in main.commands, f"{path.name}: goedvoorbeeld {' '.join(args)}: unknown command"
        command = main.commands[args[0]]
        try:
            command.make_context(args[0], list(args[1:]))
        except click.UsageError as e:
            pytest.fail(f"{path.name}: goedvoorbeeld {' '.join(args)}: {e.format_message()}")


def test_every_make_target_the_workflows_run_exists():
    found = calls("make")
    assert found, "the workflows should use the Makefile"
    targets = sorted({a for _, args in found for a in args if not a.startswith("-") and "=" not in a})
    for target in targets:
        result = subprocess.run(["make", "-n", "--no-print-directory", "-C", str(ROOT), target],
                                capture_output=True, text=True)
        assert result.returncode == 0, f"make {target}: {result.stderr}"


def test_pull_requests_are_checked_strictly_with_annotations_and_a_strict_build():
    words = [" ".join(a) for p, a in calls("goedvoorbeeld") if p.name == "check.yml"]
    assert any(w.startswith("check") and "--strict" in w and "--format github" in w for w in words)
    make = {a[0] for p, a in calls("make") if p.name == "check.yml" and a}
    assert {"build", "test"} <= make  # `make build` is `mkdocs build --strict`
    # `make build` is `goedvoorbeeld build`: mkdocs build --strict into a temporary folder, swapped in on success
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "mkdocs build --strict" in makefile or "\t$(BIN)/goedvoorbeeld build\n" in makefile
    on = load(ROOT / ".github/workflows/check.yml")[True]  # YAML 1.1 reads the key 'on' as True
    assert "pull_request" in on


def test_publishing_deploys_only_after_a_successful_build():
    workflow = load(ROOT / ".github/workflows/publish.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    deploy = next(j for j in jobs.values() if any("deploy-pages" in s.get("uses", "") for s in j["steps"]))
    build_name = next(n for n, j in jobs.items() if any("upload-pages-artifact" in s.get("uses", "")
                                                       for s in j["steps"]))
    assert deploy["needs"] in (build_name, [build_name])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_issue_workflow_runs_only_for_the_label_of_the_form():
    from goedvoorbeeld.contribute.issueform import LABEL

    workflow = load(ROOT / ".github/workflows/from-issue.yml")
    assert set(workflow[True]["issues"]["types"]) <= {"labeled", "edited"}
    job = next(iter(workflow["jobs"].values()))
    assert f"'{LABEL}'" in job["if"]
    assert any(a and a[0] == "from-issue" and "--report" in a for p, a in calls("goedvoorbeeld")
               if p.name == "from-issue.yml")


def test_issue_form_and_chooser_match_githubs_schemas():
    folder = ROOT / ".github" / "ISSUE_TEMPLATE"
    for schema, name in (("vendor.github-issue-forms", "nieuw-voorbeeld.yml"),
                         ("vendor.github-issue-config", "config.yml")):
        result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, str(folder / name)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_hook_runs_the_checker_on_case_files():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "goedvoorbeeld-check")
    program, command, *rest = shlex.split(hook["entry"])
    assert program == "goedvoorbeeld" and command in main.commands
    main.commands[command].make_context(command, rest)
    files = re.compile(hook["files"])
    assert files.search("cases/open-raad.md") and not files.search("cases/tags.yml")
    assert not files.search("docs/index.md")


def test_pull_request_template_has_a_dutch_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) >= 3
    assert any("goedvoorbeeld check" in b for b in boxes)


def _step(workflow: str, step_id: str) -> dict:
    return next(s for s in steps(load(ROOT / ".github" / "workflows" / workflow)) if s.get("id") == step_id)


def _run_step(step: dict, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """Run a step's script as GitHub runs it on Linux (bash -e -o pipefail), with the env the step sets."""
    import os

    script = cwd / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    full = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd, env=full,
                          capture_output=True, text=True)


@pytest.mark.parametrize("fixture, rc", [("geldig-raadsinformatie.md", "0"), ("ontbrekende-aanpak.md", "1")])
def test_the_issue_step_writes_the_case_or_the_comment(tmp_path, fixture, rc):
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "out").write_text("", encoding="utf-8")
    step = _step("from-issue.yml", "write")
    assert step["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"  # the body arrives only as data
    body = (ROOT / "tests" / "fixtures" / "issue-forms" / fixture).read_text(encoding="utf-8")
    result = _run_step(step, tmp_path, {"ISSUE_BODY": body, "RUNNER_TEMP": str(tmp_path),
                                        "GITHUB_OUTPUT": str(tmp_path / "out")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out").read_text(encoding="utf-8") == f"rc={rc}\n"
    assert (tmp_path / "reactie.md").exists() == (rc == "1")
    written = sorted(set(p.name for p in (tmp_path / "cases").glob("*.md")) -
                     set(p.name for p in (ROOT / "cases").glob("*.md")))
    assert written == (["raadsinformatie-van-voorbeeldstad-als-open-data.md"] if rc == "0" else [])


def test_shell_syntax_in_the_issue_text_stays_text(tmp_path):
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    (tmp_path / "out").write_text("", encoding="utf-8")
    body = ("### Titel\n\n$(touch pwned-1) `touch pwned-2` \"; touch pwned-3; echo \"\n\n"
            "### Samenvatting\n\n'$(touch pwned-4)' && touch pwned-5 || touch pwned-6\n")
    result = _run_step(_step("from-issue.yml", "write"), tmp_path,
                       {"ISSUE_BODY": body, "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "out")})
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("pwned-*"))
    assert (tmp_path / "out").read_text(encoding="utf-8") == "rc=1\n"  # the checker rejects it, as data
    assert "$(touch pwned-1)" in (tmp_path / "issue.md").read_text(encoding="utf-8")
