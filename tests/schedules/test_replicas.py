"""Two replicas on one PostgreSQL database, the leader killed with SIGKILL while 1,000 sends are due and
scheduled jobs keep falling due: every message reaches Slack exactly once (counted at the Slack stand-in
by outbox key), every job runs exactly once, and the other replica takes over the jobs."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select, update

from devtools.localslack.server import SlackStandIn
from participation.outbox.items import Kind, enqueue_many
from participation.storage.db import Database
from participation.storage.models import OutboxItem, utcnow
from tests.participation.outbox.say import say
from tests.support.replica import ROOT, environment

ITEMS, JOBS = 1000, 20
Launch = Callable[[str], subprocess.Popen[str]]


@pytest.fixture
def launch(database_url: str, standin: SlackStandIn, tmp_path: Path) -> Iterator[Launch]:
    """Start a replica as a process of its own, its log in tmp_path/<name>.log."""
    started: list[subprocess.Popen[str]] = []
    env = environment(database_url, standin.api_url, OUTBOX_LEASE_SECONDS="4", LEADER_POLL_SECONDS="0.5")

    def start(name: str) -> subprocess.Popen[str]:
        log = (tmp_path / f"{name}.log").open("w")
        command = [sys.executable, "-m", "tests.support.replica"]
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, text=True)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def _wait(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _queue(db: Database, standin: SlackStandIn, due: dt.datetime) -> None:
    users = [f"UREP{n:05d}" for n in range(ITEMS)]
    for user in users:
        standin.add_user(user, user, locale="fi-FI")
    with db.session() as session:
        enqueue_many(session, [(f"replica:{user}", Kind.MESSAGE, say(user, "Hei")) for user in users])
        session.execute(update(OutboxItem).values(next_attempt_at=due))


def _schedule(db: Database, first: dt.datetime) -> None:
    """JOBS jobs, one a second from `first`, so that some fall due after the kill: each logs its run (for
    a meeting that does not exist, so it queues nothing)."""
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=db.engine)}, timezone=dt.UTC
    )
    scheduler.start(paused=True)
    for n in range(JOBS):
        run_at = first + dt.timedelta(seconds=n)
        scheduler.add_job(
            "schedules.jobs:meeting_reminder", "date", run_date=run_at, args=[9000 + n], id=f"probe:{n}"
        )
    scheduler.shutdown()


def _job_runs(*logs: Path) -> Counter[str]:
    lines = [line for log in logs for line in log.read_text().splitlines()]
    return Counter(line.split()[2] for line in lines if line.startswith("schedules.jobs meeting 9"))


def test_two_replicas_send_each_item_once_and_run_each_job_once_when_the_leader_is_killed(
    database_kind: str, db: Database, standin: SlackStandIn, launch: Launch, tmp_path: Path
) -> None:
    if database_kind != "postgresql":
        pytest.skip("several replicas need PostgreSQL; SQLite serves one process")
    start = utcnow()
    _queue(db, standin, due=start + dt.timedelta(seconds=5))
    _schedule(db, first=start + dt.timedelta(seconds=4))
    leader_log, other_log = tmp_path / "leader.log", tmp_path / "other.log"

    leader = launch("leader")
    _wait(lambda: "this replica leads" in leader_log.read_text(), 30, "the first replica to lead")
    other = launch("other")
    _wait(lambda: "replica started" in other_log.read_text(), 30, "the second replica")
    assert "this replica leads" not in other_log.read_text()

    _wait(lambda: len(standin.calls_to("chat.postMessage")) >= ITEMS // 5, 60, "the sending to start")
    leader.kill()  # SIGKILL: no clean-up, its claims and its lock's session simply end
    leader.wait(timeout=10)

    def done() -> bool:
        with db.session() as session:
            sent = session.scalar(select(func.count()).where(OutboxItem.status == "sent"))
        return sent == ITEMS and sum(_job_runs(leader_log, other_log).values()) >= JOBS

    _wait(done, 120, "every item sent and every job run")
    assert "this replica leads" in other_log.read_text()
    time.sleep(1)  # a second run of anything would show now
    other.terminate()
    assert other.wait(timeout=30) == 0

    posts = Counter(
        (call.args.get("metadata") or {}).get("event_payload", {}).get("key")
        for call in standin.calls_to("chat.postMessage")
    )
    assert posts == Counter({f"replica:UREP{n:05d}": 1 for n in range(ITEMS)})
    assert _job_runs(leader_log, other_log) == Counter({str(9000 + n) + ":": 1 for n in range(JOBS)})
    assert "Traceback" not in other_log.read_text()
    assert _job_runs(other_log), "the replica that took over ran none of the jobs due after the kill"
