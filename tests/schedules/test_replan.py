"""The leader's tick re-plans only when something the planners read changed (the revision number moved),
plus a full re-plan every REPLAN_SECONDS as a safety net: a quiet tick costs one SELECT, not the planners.
Counted in planner runs over ticks, not in time."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import event

from bot.app import web_client
from participation.storage.models import Meeting
from schedules.background import REPLAN_SECONDS
from schedules.registry import planned_jobs
from tests.conftest import COORDINATOR
from tests.schedules.test_background import _jobs
from tests.support.clock import helsinki
from tests.support.running import RunningBot


def test_a_quiet_tick_plans_nothing_and_a_change_on_another_replica_is_planned_on_the_next(
    network_bot: RunningBot,
) -> None:
    background = network_bot.runtime.start_background(web_client(network_bot.runtime))
    try:
        network_bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 15.3.2027 13:00 "Maanantaikokous"')
        planned = background.plans
        for _ in range(10):
            background.tick()
        assert background.plans == planned  # ten quiet ticks (50 s): nothing planned again

        with network_bot.runtime.db.session() as session:  # another replica moves the meeting
            meeting = session.get(Meeting, 1)
            assert meeting is not None
            meeting.starts_at += dt.timedelta(days=7)
            meeting.ends_at += dt.timedelta(days=7)
        background.tick()
        assert background.plans == planned + 1
        assert _jobs(network_bot)["poll-open:1"] == helsinki(2027, 3, 22, 15, 30)
        background.tick()
        assert background.plans == planned + 1
    finally:
        background.stop()


def test_the_safety_net_plans_again_every_few_minutes(network_bot: RunningBot) -> None:
    background = network_bot.runtime.start_background(web_client(network_bot.runtime))
    try:
        planned = background.plans
        every = round(REPLAN_SECONDS / network_bot.runtime.settings.leader_poll_seconds)
        for _ in range(3 * every):
            background.tick()
        assert background.plans == planned + 3
    finally:
        background.stop()


def test_the_revision_covers_every_table_the_planners_read(network_bot: RunningBot) -> None:
    """What `planned_jobs` reads must be watched by the revision, or a change there would wait for the
    safety net."""
    from participation.storage.models import Base
    from participation.storage.revisions import WATCHED

    db = network_bot.runtime.db
    statements: list[str] = []

    planner = threading.get_ident()

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if threading.get_ident() == planner:  # not the work other threads of the bot do meanwhile
            statements.append(statement.lower())

    network_bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 15.3.2027 13:00 "Maanantaikokous"')
    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        with db.session() as session:
            planned_jobs(session, network_bot.runtime.settings, network_bot.runtime.now())
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    read = {
        name
        for name in Base.metadata.tables
        if any(f" {name} " in s or f' "{name}" ' in s or s.endswith(f" {name}") for s in statements)
    }
    assert read and read <= set(WATCHED), read - set(WATCHED)
