"""The two bulk jobs: queueing a deadline's reminders for 10,000 owners, and dispatching direct messages
from the outbox to the local Slack stand-in, run in a process of its own (`devtools.localslack.process`)
so that answering for Slack takes no time from the dispatcher's interpreter.

Both run on a fresh database with the bundled plans and 10,000 owners of the active plan's unconfirmed
indicators, as `tests/participation/deadlines/test_many_owners.py` sets them up. The reminder job runs at
09:00 ten working days before the active plan's first deadline, as the scheduler would run it.
"""

from __future__ import annotations

import datetime as dt
import time

from slack_sdk import WebClient

from bot.runtime import Runtime, prepare
from bot.transport import SlackTransport
from config.settings import Settings
from devtools.bench.load import settled
from participation.confirmations.lookup import indicators_of
from participation.deadlines.calendar import deadlines_of, reminder_at
from participation.deadlines.reminders import send_reminders
from participation.outbox.dispatcher import BATCH
from participation.plan.progress import active_plan
from participation.storage.models import IndicatorOwner, Person
from schedules.background import Background

OWNERS = 10_000
LOCALES = ("fi-FI", "sv-SE", "en-GB")
TIME_LIMIT = 120.0  # seconds the dispatch may take before it stops counting


def reminders_and_dispatch(settings: Settings, dms: int) -> tuple[float, float, int]:
    """Seconds to queue the reminders; then DMs per second dispatching the first `dms`; and how many
    reminders were queued."""
    runtime = prepare(settings)
    try:
        now = _fill(runtime, settings)
        runtime.now = lambda: now  # the scheduler's and the dispatcher's clock
        settled()  # the benchmark's own heap out of the collector's sight, as before every burst
        started = time.perf_counter()
        with runtime.db.session() as session:
            plan = active_plan(session)
            assert plan is not None
            queued = send_reminders(session, settings, deadlines_of(plan)[0].id, 10, now)
        queue_seconds = time.perf_counter() - started
        return queue_seconds, _dispatch(runtime, settings, dms), queued
    finally:
        runtime.db.dispose()


def _fill(runtime: Runtime, settings: Settings) -> dt.datetime:
    """10,000 owners of the active plan's indicators; the time the first deadline's reminder runs."""
    with runtime.db.session() as session:
        plan = active_plan(session)
        assert plan is not None, "the bundled plans have an active one"
        indicators = [i for i in indicators_of(session, plan) if not i.computed]
        deadline = deadlines_of(plan)[0]
        synced = dt.datetime.now(dt.UTC)
        session.add_all(
            Person(slack_user_id=_owner(n), name=f"Owner {n}", locale=LOCALES[n % 3], synced_at=synced)
            for n in range(OWNERS)
        )
        session.add_all(
            IndicatorOwner(
                indicator_id=indicators[n % len(indicators)].id, slack_user_id=_owner(n), source="chat"
            )
            for n in range(OWNERS)
        )
    return reminder_at(deadline.due, 10, settings.zone) + dt.timedelta(minutes=1)


def _dispatch(runtime: Runtime, settings: Settings, dms: int) -> float:
    """Items per second for the first `dms` due items (of the 10,000), with the bot's own dispatcher
    (not started: this loop runs its rounds as the outbox thread does, in batches of its size,
    `BATCH`), bounded in time."""
    token, _secret = settings.require_slack()
    client = WebClient(token=token, base_url=settings.slack_api_url, timeout=10)
    dispatcher = Background(runtime, SlackTransport(client)).dispatcher
    sent = 0
    started = time.perf_counter()
    while sent < dms and time.perf_counter() - started < TIME_LIMIT:
        done = dispatcher.run_once(limit=min(BATCH, dms - sent))
        if done == 0:
            time.sleep(0.01)  # nothing due right now: items waiting for their time
        sent += done
    return sent / (time.perf_counter() - started)


def _owner(number: int) -> str:
    return f"UOWN{number:05d}"
