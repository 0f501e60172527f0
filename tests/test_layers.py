"""The layers are checked, not only written down: `lint-imports` (run by `./dev test`) keeps the contracts
in pyproject.toml, and fails when a domain module reaches for Slack or for the bot. Cycles between
modules are checked here with grimp, the import graph import-linter itself uses."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "web", "commands", "schedules", "config", "console", "participation", "devtools")


def _contract_names() -> dict[str, str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {contract["id"]: contract["name"] for contract in config["tool"]["importlinter"]["contracts"]}


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command in `tree`, finding the packages there and nowhere else."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    env = {**os.environ, "PYTHONPATH": str(tree), "COLUMNS": "300", "NO_COLOR": "1"}
    return subprocess.run(
        [command, "--config", "pyproject.toml", "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _copy_tree(target: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def _add_line(module: Path, line: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")


def _broken(output: str) -> set[str]:
    return {name for name in _contract_names().values() if re.search(re.escape(name) + r"\s+BROKEN", output)}


def test_the_tree_keeps_every_contract() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _broken(result.stdout) == set()
    assert f"Contracts: {len(_contract_names())} kept, 0 broken." in result.stdout


def test_a_domain_module_that_imports_slack_or_the_bot_fails_the_check(tmp_path: Path) -> None:
    tree = _copy_tree(tmp_path)
    _add_line(tree / "participation" / "plan" / "progress.py", "import slack_sdk")
    _add_line(tree / "participation" / "polls" / "results.py", "from bot import app")
    result = _lint_imports(tree)
    names = _contract_names()
    assert result.returncode != 0
    assert {names["no-slack"], names["domain"], names["layers"]} <= _broken(result.stdout)
    assert "participation.plan.progress -> slack_sdk" in result.stdout
    assert "participation.polls.results -> bot" in result.stdout


def test_commands_that_import_the_bot_and_settings_that_import_the_domain_fail(tmp_path: Path) -> None:
    tree = _copy_tree(tmp_path)
    _add_line(tree / "commands" / "help.py", "import bot.blocks")
    _add_line(tree / "config" / "logs.py", "import participation.i18n")
    result = _lint_imports(tree)
    names = _contract_names()
    assert result.returncode != 0
    assert {names["commands"], names["config"], names["layers"]} <= _broken(result.stdout)


def test_a_package_cycle_in_the_domain_fails(tmp_path: Path) -> None:
    tree = _copy_tree(tmp_path)
    _add_line(tree / "participation" / "workdays" / "__init__.py", "import participation.meetings.planner")
    result = _lint_imports(tree)
    assert result.returncode != 0
    assert _broken(result.stdout) == {_contract_names()["acyclic"]}


def module_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every group of our modules that import each other round in a circle (Tarjan's strongly connected
    components), however the imports are spelled: at the top, inside a function or under TYPE_CHECKING."""
    ours = sorted(m for m in graph.modules if m.split(".")[0] in PACKAGES)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported.split(".")[0] not in PACKAGES:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in ours:
        if module not in index:
            visit(module)
    return cycles


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert module_cycles(_graph()) == []


def test_a_circle_of_imports_is_found() -> None:
    """The check above would say nothing if it could not see a cycle: this one is the shape the history
    and status commands had before (status imported history inside a function)."""
    graph = _graph()
    graph.add_import(importer="commands.history", imported="commands.status")
    assert module_cycles(graph) == [["commands.history", "commands.status"]]
