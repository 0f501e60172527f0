"""What a reminder run costs in SQL statements: the same few whatever the number of owners, plus one
INSERT per `BATCH` of reminders. A count of statements, not a timing: it is the same on every machine."""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import delete, event, func, select

from bot.app import web_client
from bot.transport import SlackTransport
from participation.confirmations.lookup import indicators_of
from participation.outbox.items import BATCH
from participation.plan.progress import active_plan
from participation.storage.models import IndicatorOwner, OutboxItem, Person
from schedules import jobs
from schedules.background import Background
from schedules.deadline_jobs import deadline_reminder
from tests.participation.confirmations.plans import move_report_2024
from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot

OURS = "deadline:report-2024:%:UCOST%"


def _add_owners(bot: RunningBot, numbers: range) -> None:
    """People in the directory, each the owner of one of the plan's indicators that people confirm."""
    synced = dt.datetime.now(dt.UTC)
    with bot.runtime.db.session() as session:
        plan = active_plan(session)
        assert plan is not None
        indicators = [i for i in indicators_of(session, plan) if not i.computed]
        for n in numbers:
            user = f"UCOST{n:05d}"
            session.add(Person(slack_user_id=user, name=f"Owner {n}", locale="fi-FI", synced_at=synced))
            session.add(IndicatorOwner(indicator_id=indicators[n % len(indicators)].id, slack_user_id=user))


@contextmanager
def _counting(bot: RunningBot) -> Iterator[list[str]]:
    """The SQL statements this thread sends while the block runs."""
    me = threading.get_ident()
    sent: list[str] = []

    def executing(*args: object) -> None:
        if threading.get_ident() == me:
            sent.append(str(args[2]))

    event.listen(bot.runtime.db.engine, "before_cursor_execute", executing)
    try:
        yield sent
    finally:
        event.remove(bot.runtime.db.engine, "before_cursor_execute", executing)


def _run(bot: RunningBot) -> tuple[int, int]:
    """The reminder job as APScheduler runs it: (statements sent, our reminders in the outbox after)."""
    with _counting(bot) as sent:
        deadline_reminder("report-2024", 10)
    with bot.runtime.db.session() as session:
        queued = session.scalar(select(func.count()).where(OutboxItem.key.like(OURS)))
    return len(sent), queued or 0


def test_a_reminder_run_costs_one_more_statement_per_batch_not_per_owner(
    report_bot: RunningBot, january: Clock
) -> None:
    move_report_2024(report_bot, dt.date(2025, 1, 8))
    january.set(helsinki(2024, 12, 18, 9))
    jobs.install(Background(report_bot.runtime, SlackTransport(web_client(report_bot.runtime))))
    try:
        _add_owners(report_bot, range(100))
        few, queued = _run(report_bot)
        assert queued == 100
        with report_bot.runtime.db.session() as session:
            session.execute(delete(OutboxItem).where(OutboxItem.key.like("deadline:%")))
        _add_owners(report_bot, range(100, 2_500))
        many, queued = _run(report_bot)
        assert queued == 2_500
        again, queued = _run(report_bot)  # a second run writes nothing, in as few statements
    finally:
        jobs.install(None)
    assert queued == 2_500
    extra_batches = math.ceil(2_500 / BATCH) - math.ceil(100 / BATCH)
    assert many - few <= extra_batches
    assert again <= many


def test_sending_reminders_costs_the_same_statements_for_a_batch_of_10_or_50(
    report_bot: RunningBot, january: Clock
) -> None:
    """Each reminder is written at send time from the plan's indicator; a batch reads the plan and its
    indicators once, not once per reminder."""
    move_report_2024(report_bot, dt.date(2025, 1, 8))
    january.set(helsinki(2024, 12, 18, 9))
    background = Background(report_bot.runtime, SlackTransport(web_client(report_bot.runtime)))
    jobs.install(background)
    try:
        _add_owners(report_bot, range(60))
        assert _run(report_bot)[1] == 60
    finally:
        jobs.install(None)
    costs = []
    for size in (10, 50):
        with _counting(report_bot) as sent:
            done = background.dispatcher.run_round(limit=size)
        assert done.sent == size
        costs.append(len(sent))
    assert costs[0] == costs[1]
    posted = report_bot.standin.calls_to("chat.postMessage")
    assert len([call for call in posted if call.args["channel"].startswith("UCOST")]) == 60
