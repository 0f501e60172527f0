"""A reminder run for a whole city's owners: 10,000 people, each reminded in their own language.

Measured on the old design: the job asked Slack for every owner's language while holding its write
transaction, and on SQLite it failed with `database is locked` and sent nothing. Now the job writes
neutral items in a few statements, and the language is looked up when each message is sent. The test
proves that no Slack call happens while the job's transaction is open, by watching the job thread's
transactions on the engine and every call that reaches the Slack stand-in.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, func, select
from sqlalchemy.engine import Connection

from bot.app import web_client
from bot.transport import SlackTransport
from devtools.localslack.server import Call
from participation.confirmations.lookup import indicators_of
from participation.plan.progress import active_plan
from participation.storage.models import IndicatorOwner, OutboxItem, Person
from schedules import jobs
from schedules.background import Background
from schedules.deadline_jobs import deadline_reminder
from tests.participation.confirmations.plans import move_report_2024
from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot, texts

OWNERS = 10_000
LOCALES = {"fi": "fi-FI", "sv": "sv-SE", "en": "en-GB"}
# The reminder's first words in each language, as the catalogues have them.
OPENING = {"fi": "on määräaikana", "sv": "ska vara klar", "en": "is due on"}


def _owner(number: int) -> str:
    return f"UOWN{number:05d}"


def _language(number: int) -> str:
    return ("fi", "sv", "en")[number % 3]


def _many_owners(bot: RunningBot) -> None:
    """10,000 people in the directory, each the owner of one indicator the plan has not had confirmed."""
    synced = dt.datetime.now(dt.UTC)
    with bot.runtime.db.session() as session:
        plan = active_plan(session)
        assert plan is not None
        indicators = [i for i in indicators_of(session, plan) if not i.computed]
        session.add_all(
            Person(slack_user_id=_owner(n), name=f"Owner {n}", locale=LOCALES[_language(n)], synced_at=synced)
            for n in range(OWNERS)
        )
        session.add_all(
            IndicatorOwner(
                indicator_id=indicators[n % len(indicators)].id, slack_user_id=_owner(n), source="chat"
            )
            for n in range(OWNERS)
        )


@contextmanager
def _watching(bot: RunningBot) -> Iterator[list[Call]]:
    """The Slack calls made while the job thread had a database transaction open."""
    engine = bot.runtime.db.engine
    job_thread = threading.get_ident()
    open_transactions: list[int] = []
    during: list[Call] = []

    def began(connection: Connection) -> None:
        if threading.get_ident() == job_thread:
            open_transactions.append(1)

    def ended(connection: Connection) -> None:
        if threading.get_ident() == job_thread and open_transactions:
            open_transactions.pop()

    def called(call: Call) -> None:
        if open_transactions:
            during.append(call)

    event.listen(engine, "begin", began)
    event.listen(engine, "commit", ended)
    event.listen(engine, "rollback", ended)
    bot.standin.listeners.append(called)
    try:
        yield during
    finally:
        bot.standin.listeners.remove(called)
        for name, hook in (("begin", began), ("commit", ended), ("rollback", ended)):
            event.remove(engine, name, hook)


def test_a_reminder_run_for_ten_thousand_owners_completes_in_their_languages(
    report_bot: RunningBot, january: Clock
) -> None:
    move_report_2024(report_bot, dt.date(2025, 1, 8))
    _many_owners(report_bot)
    january.set(helsinki(2024, 12, 18, 9))
    background = Background(report_bot.runtime, SlackTransport(web_client(report_bot.runtime)))
    jobs.install(background)
    try:
        with _watching(report_bot) as during:
            deadline_reminder("report-2024", 10)
        assert during == []  # the job itself never waited on Slack
        with report_bot.runtime.db.session() as session:
            queued = session.scalar(select(func.count()).where(OutboxItem.key.like("deadline:report-2024:%")))
        assert queued == OWNERS

        while background.dispatcher.run_once(limit=500):
            pass
    finally:
        jobs.install(None)

    for number in (0, 1, 2, 4_999, 9_998, 9_999):
        [message] = report_bot.standin.messages(f"D{_owner(number)}")
        assert OPENING[_language(number)] in texts(message)
    with report_bot.runtime.db.session() as session:
        statuses = dict(
            session.execute(
                select(OutboxItem.status, func.count())
                .where(OutboxItem.key.like("deadline:report-2024:%"))
                .group_by(OutboxItem.status)
            )
            .tuples()
            .all()
        )
    assert statuses == {"sent": OWNERS}
    posted = report_bot.standin.calls_to("chat.postMessage")
    assert len({call.args["channel"] for call in posted}) == OWNERS
