"""`osallisuus serve` as an operator starts it, in a process of its own, for the tests that need the
real gunicorn master and worker (start-up, logs, stopping)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.ports import free_port

__all__ = ["free_port", "start_serve"]


def start_serve(env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    """`osallisuus serve` with this environment added to the test's (HTTP only: no Socket Mode token),
    its output and errors in one text pipe."""
    environment = {**os.environ, **env}
    environment.pop("SLACK_APP_TOKEN", None)
    return subprocess.Popen(
        [sys.executable, "-c", "from console.main import main; main()", "serve"],
        env=environment,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
