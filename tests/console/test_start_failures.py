"""What an operator sees when the database or Slack cannot be reached at start, or Slack refuses the
token: one clear line (or one line per retry), no traceback, and a non-zero exit code."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from devtools.localslack.server import SlackStandIn


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # free, and nothing listens there once the probe closes


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from console.main import main; main()", *args],
        env={**os.environ, "START_RETRY_SECONDS": "2", "PORT": str(_closed_port()), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _slack(standin: SlackStandIn, token: str = "xoxb-start") -> dict[str, str]:  # noqa: S107 - made up
    standin.token = "xoxb-start"  # the one token the stand-in accepts
    return {
        "SLACK_BOT_TOKEN": token,
        "SLACK_SIGNING_SECRET": "start-secret",
        "SLACK_API_URL": standin.api_url,
    }


def _unreachable_database() -> str:
    return f"postgresql://bot:db-password@127.0.0.1:{_closed_port()}/osallisuus"


def _lines(output: str, text: str) -> list[str]:
    return [line for line in output.splitlines() if text in line]


def test_serve_waits_for_an_unreachable_database_then_stops_in_one_line(
    standin: SlackStandIn, tmp_path: Path
) -> None:
    done = _run(["serve"], {**_slack(standin), "DATABASE_URL": _unreachable_database()}, tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert _lines(done.stderr, "database unreachable") and all(
        "trying again" in line for line in _lines(done.stderr, "database unreachable")[:-1]
    )
    [last] = _lines(done.stderr, "cannot start")
    assert "database unreachable" in last and "Connection refused" in last and "giving up" in last
    assert "db-password" not in done.stderr


def test_serve_stops_at_once_when_slack_refuses_the_token(
    standin: SlackStandIn, empty_database_url: str, tmp_path: Path
) -> None:
    env = {**_slack(standin, token="xoxb-revoked"), "DATABASE_URL": empty_database_url}
    done = _run(["serve"], env, tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    [line] = _lines(done.stderr, "cannot start")
    assert "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in line
    assert not _lines(done.stderr, "trying again")  # a refused token does not get better by waiting
    assert "xoxb-revoked" not in done.stderr
    assert [refusal.error for refusal in standin.refusals] == ["invalid_auth"]  # asked once, no more
    standin.refusals.clear()  # expected here: the fixture fails a test on any other refusal


def test_serve_waits_for_an_unreachable_slack_then_stops_in_one_line(
    empty_database_url: str, tmp_path: Path
) -> None:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-start",
        "SLACK_SIGNING_SECRET": "start-secret",
        "SLACK_API_URL": f"http://127.0.0.1:{_closed_port()}/api/",
        "DATABASE_URL": empty_database_url,
    }
    done = _run(["serve"], env, tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert _lines(done.stderr, "Slack unreachable")
    [last] = _lines(done.stderr, "cannot start")
    assert "Slack unreachable" in last and "giving up" in last


@pytest.mark.parametrize(
    "args", [["status"], ["plan", "list"], ["report", "--format", "md"], ["migrate"]], ids=" ".join
)
def test_console_commands_say_an_unreachable_database_in_one_line(args: list[str], tmp_path: Path) -> None:
    done = _run(args, {"DATABASE_URL": _unreachable_database()}, tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("Error: database unreachable: ") and done.stderr.count("\n") == 1
    assert "db-password" not in done.stderr
