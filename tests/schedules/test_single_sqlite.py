"""SQLite serves one process: a second `osallisuus serve` on the same file says so in one line and exits,
rather than run every scheduled job a second time beside the first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from schedules.leader import single_process
from tests.support.replica import environment


def test_a_second_serve_on_the_same_sqlite_file_refuses_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/osallisuus.db"
    first = single_process(url)  # as the running `serve` holds it
    assert first is not None
    env = environment(url, "http://127.0.0.1:9/api/")  # Slack is never reached
    serve = [sys.executable, "-c", "from console.main import cli; cli(['serve'])"]
    second = subprocess.run(serve, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    first.close()

    assert second.returncode != 0
    [line] = second.stderr.strip().splitlines()
    assert "another osallisuus process already serves" in line and "PostgreSQL" in line
    again = single_process(url)  # free again once the first has gone
    assert again is not None
    again.close()
