"""Meta-tests that keep the documentation honest: every setting, classifier, connector and command
is in README.md; every classifier and connector has tests; the quick start is two commands, and CI
runs the same test command the README gives."""
from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

import pytest

from connectors import CONNECTORS
from models import CLASSIFIERS
from moderator.cli import build_parser
from moderator.settings import AccountSettings, SchoolSettings, Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
QUICK_START_COMMANDS = ["bash scripts/demo", "bash scripts/test"]


def section(markdown: str, heading: str) -> str:
    """The text under a level-2 heading, up to the next level-2 heading."""
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert match, f"README.md has no '## {heading}' section"
    return match.group(1)


def code_lines(markdown: str) -> list[str]:
    """Non-empty, non-comment lines inside fenced code blocks."""
    lines, inside = [], False
    for line in markdown.splitlines():
        if line.strip().startswith("```"):
            inside = not inside
            continue
        if inside and line.strip() and not line.strip().startswith("#"):
            lines.append(line.strip())
    return lines


FACTORIES = {"load_classifier", "build_connector", "connector_class"}


def _uses(path: Path) -> tuple[set[str], set[str]]:
    """The modules a test file imports, and the names it builds through a registry factory."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: set[str] = set()
    built: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call):
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if func in FACTORIES and node.args and isinstance(node.args[0], ast.Constant):
                built.add(node.args[0].value)
    return modules, built


def modules_testing(name: str, target: str) -> list[str]:
    """Test modules that exercise the registered ``name`` (implemented at ``module:attr``): they
    import its module, or build it by name through the registry. A name merely quoted somewhere
    (``"x"`` is in many files) does not count."""
    module = target.partition(":")[0]
    found = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        if path.name == "test_docs.py":
            continue
        modules, built = _uses(path)
        if module in modules or name in built:
            found.append(path.name)
    return found


def subcommands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:  # argparse has no public way to list subcommands
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    raise AssertionError("moderator's parser has no subcommands")


@pytest.mark.parametrize("model,field", [
    (model.__name__, field) for model in (Settings, SchoolSettings, AccountSettings) for field in model.model_fields
])
def test_every_setting_is_documented_in_the_readme(model, field):
    assert f"`{field}`" in README, f"{model}.{field} is not described in README.md (name it as `{field}`)"


@pytest.mark.parametrize("name", sorted(CLASSIFIERS))
def test_every_classifier_is_documented_and_tested(name):
    assert f"`{name}`" in README, f"classifier {name!r} is not described in README.md's Classifiers section"
    assert modules_testing(name, CLASSIFIERS[name]), f"no tests/test_*.py loads classifier {name!r} or imports its module"


@pytest.mark.parametrize("name", sorted(CONNECTORS))
def test_every_connector_is_documented_and_tested(name):
    assert f"`{name}`" in README, f"connector {name!r} is not described in README.md's Connectors section"
    assert modules_testing(name, CONNECTORS[name]), f"no tests/test_*.py builds connector {name!r} or imports its module"


def test_a_name_merely_quoted_does_not_count_as_a_test(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text('PLATFORMS = ["x", "facebook"]\n\ndef test_nothing():\n    assert "x" in PLATFORMS\n', "utf-8")
    assert _uses(sample) == (set(), set())
    sample.write_text('from connectors.x import XConnector\nfrom models import load_classifier\n'
                      'def test_it():\n    load_classifier("embedded-onnx")\n', "utf-8")
    modules, built = _uses(sample)
    assert "connectors.x" in modules and built == {"embedded-onnx"}


@pytest.mark.parametrize("command", subcommands())
def test_every_cli_command_is_in_the_readme(command):
    assert re.search(rf"\bmoderator (--config \S+ )?{re.escape(command)}\b", README), (
        f"`moderator {command}` is not mentioned in README.md"
    )


def test_the_quick_start_is_exactly_two_commands():
    assert code_lines(section(README, "Quick start")) == QUICK_START_COMMANDS
    for command in QUICK_START_COMMANDS:
        script = ROOT / command.split()[-1]
        assert script.is_file(), f"{command}: {script} does not exist"


def test_ci_runs_the_readmes_test_command():
    test_command = next(c for c in code_lines(section(README, "Quick start")) if "test" in c)
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.strip().startswith("#")]
    assert test_command in ci_lines, f".ci/run does not run the README's test command {test_command!r}"


def test_ci_runs_the_tests_again_with_the_clock_a_year_ahead():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_lines = [line.strip() for line in ci.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert "bash scripts/test --clock-ahead -m 'not slow'" in ci_lines, ".ci/run does not run the clock-ahead check"
    assert re.search(r"^APT_PACKAGES=\(.*\bdatefudge\b", ci, re.M), ".ci/run does not install datefudge"
    readme_commands = code_lines(section(README, "Running the tests"))
    assert any(c.startswith("bash scripts/test --clock-ahead") for c in readme_commands), (
        "README.md's 'Running the tests' does not give the clock-ahead command"
    )
    script = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert "DATEFUDGE=" in script and "365 * 86400" in script and "MODERATOR_TEST_CLOCK_AHEAD" in script


LAYOUT_DIRS = ("moderator", "moderator/people", "moderator/read", "moderator/judge", "moderator/act",
               "moderator/record", "moderator/documents", "moderator/console", "moderator/cli", "connectors", "connectors/fakes", "models", "benchmarks",
               "scripts")


def _layout_entries() -> set[str]:
    """Paths named in README.md's "Project layout" tree (indentation gives the folder)."""
    entries: set[str] = set()
    stack: list[tuple[int, str]] = []
    block = re.search(r"```\n(.*?)```", section(README, "Project layout"), re.S)
    assert block, "README.md's Project layout has no code block"
    for raw in block.group(1).splitlines():
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip())
        name = raw.strip().split()[0]
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1] if stack else ""
        for part in name.split(","):
            path = (parent + part).rstrip("/") if part else ""
            if path:
                entries.add(path)
        if name.endswith("/"):
            stack.append((indent, parent + name))
    return entries


def test_the_project_layout_in_the_readme_matches_the_folders():
    entries = _layout_entries()
    missing = sorted(e for e in entries if not (ROOT / e).exists())
    assert missing == [], f"README.md's Project layout names paths that do not exist: {missing}"
    unlisted = []
    for folder in LAYOUT_DIRS:
        for path in sorted((ROOT / folder).glob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if path.name != "__init__.py" and rel not in entries:
                unlisted.append(rel)
    assert unlisted == [], f"README.md's Project layout does not list: {unlisted}"
