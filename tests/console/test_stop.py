"""Stopping `osallisuus serve` as an orchestrator does, with SIGTERM, while a message is on its way to
Slack: the send finishes and is recorded, and the process exits cleanly."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from sqlalchemy import select

from devtools.localslack.server import SlackStandIn
from participation.outbox.items import Kind, enqueue
from participation.storage.db import Database
from participation.storage.models import OutboxItem
from tests.participation.outbox.say import say
from tests.support.serving import free_port, start_serve


def _status(db: Database) -> str:
    with db.session() as session:
        return session.scalars(select(OutboxItem.status).where(OutboxItem.key == "stop:1")).one()


def test_sigterm_lets_the_send_in_flight_finish(
    database_url: str, standin: SlackStandIn, tmp_path: Path
) -> None:
    standin.token = "xoxb-stop"
    standin.delay_next("chat.postMessage", 3.0)  # the send is still in flight when the signal comes
    db = Database(database_url)
    with db.session() as session:
        enqueue(session, "stop:1", Kind.MESSAGE, say("CLOCAL", "Kokous alkaa pian."))
    env = {
        "SLACK_BOT_TOKEN": "xoxb-stop",
        "SLACK_SIGNING_SECRET": "stop-secret",
        "SLACK_API_URL": standin.api_url,
        "DATABASE_URL": database_url,
        "PORT": str(free_port()),
    }
    process = start_serve(env, tmp_path)
    try:
        deadline = time.monotonic() + 60
        while _status(db) == "pending" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _status(db) == "sending", "the outbox never started sending"
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        db.dispose()
    assert process.returncode == 0, output
    assert "Traceback" not in output
    assert _status(Database(database_url)) == "sent"
    [sent] = standin.calls_to("chat.postMessage")
    assert sent.args["channel"] == "CLOCAL" and "Kokous alkaa pian." in sent.args["text"]


def test_the_image_gives_the_graceful_stop_its_time() -> None:
    """The Dockerfile says to stop with SIGTERM, and its documented grace period outlasts gunicorn's."""
    import re

    from bot.server import GRACEFUL_SECONDS

    dockerfile = (Path(__file__).parents[2] / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^STOPSIGNAL SIGTERM$", dockerfile, re.MULTILINE)
    timeouts = {int(value) for value in re.findall(r"--stop-timeout (\d+)", dockerfile)}
    graces = {int(value) for value in re.findall(r"stop_grace_period: (\d+)s", dockerfile)}
    assert timeouts and graces and all(value > GRACEFUL_SECONDS for value in timeouts | graces)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"--stop-timeout {min(timeouts)}" in readme
