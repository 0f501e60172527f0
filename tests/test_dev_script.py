"""`./dev osallisuus ARGS` reaches the console command in `.venv`, as the README's terminal section says.

The script runs in a copy of the checkout's files with a ready-made `.venv` whose `osallisuus` prints its
arguments: nothing is installed, and what is checked is that the arguments arrive unchanged."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _checkout(tmp_path: Path) -> Path:
    for name in ("dev", "requirements-dev.lock", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool, body in (("python", "exit 0"), ("osallisuus", 'printf "osallisuus %s\\n" "$*"')):
        (bin_dir / tool).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / tool).chmod(0o755)
    installed = (ROOT / "requirements-dev.lock").read_bytes() + (ROOT / "pyproject.toml").read_bytes()
    (tmp_path / ".venv" / ".installed").write_text(hashlib.sha256(installed).hexdigest() + "\n")
    return tmp_path


def test_dev_forwards_to_the_console_command(tmp_path: Path) -> None:
    checkout = _checkout(tmp_path)
    ran = subprocess.run(
        ["bash", "dev", "osallisuus", "status", "2", "--format", "json"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "osallisuus status 2 --format json\n"


def test_the_readme_says_how_to_reach_the_console_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    terminal = readme.split("## In a terminal", 1)[1].split("\n## ", 1)[0]
    assert "`.venv/bin/osallisuus`" in terminal and "./dev osallisuus status 2" in terminal
