"""A restart after a missed poll opening: the poll opens once, with nothing logged as an error. The stored
job (inside its grace period) and the start-up catch-up name the same work; only one of them runs it."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from sqlalchemy import func, select

from bot.app import web_client
from participation.storage.models import Poll, utcnow
from tests.conftest import COORDINATOR
from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot, eventually


def _polls(bot: RunningBot) -> int:
    with bot.runtime.db.session() as session:
        return session.scalar(select(func.count()).select_from(Poll)) or 0


def _waiting(scheduler: BaseScheduler) -> list[str]:
    """The poll openings still to run: the stored job, and a catch-up of it."""
    return [job.id for job in scheduler.get_jobs() if job.id.endswith("poll-open:1")]


def test_a_missed_poll_opening_runs_once_after_a_restart_without_an_error(
    network_bot: RunningBot, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    network_bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 15.3.2027 13:00 "Maanantaikokous"')
    first = network_bot.runtime.start_background(web_client(network_bot.runtime))
    first.changed()
    network_bot.runtime.stop_background()  # the bot goes down before the meeting ends

    # While it was down the meeting ended and the stored job's time passed (an hour ago, inside the grace).
    store = SQLAlchemyJobStore(engine=network_bot.runtime.db.engine)
    job = store.lookup_job("poll-open:1")
    assert job is not None
    job.next_run_time = utcnow() - dt.timedelta(hours=1)
    store.update_job(job)
    clock.set(helsinki(2027, 3, 15, 16, 30))

    caplog.set_level(logging.INFO)
    second = network_bot.runtime.start_background(web_client(network_bot.runtime))
    eventually(lambda: _polls(network_bot) == 1 and not _waiting(second.scheduler), timeout=10)
    network_bot.runtime.stop_background()  # waits for a job still running

    runs = [r for r in caplog.records if r.name == "schedules.poll_jobs" and "meeting 1:" in r.getMessage()]
    assert [r.getMessage() for r in runs] == ["meeting 1: poll 1 opened"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert _polls(network_bot) == 1
