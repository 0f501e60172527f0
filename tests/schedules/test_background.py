"""Scheduled work lives in the database: reminders are scheduled per meeting, survive a restart and run
once; what they send goes only to members who said they will attend."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import event, update

from bot.app import web_client
from bot.transport import SlackTransport
from participation.messages import notice
from participation.outbox.dispatcher import BATCH
from participation.outbox.items import Kind, enqueue_many, fixed_reply
from participation.storage.models import Meeting, OutboxItem, Rsvp, utcnow
from schedules.background import DELIVERY_SECONDS, Background
from tests.conftest import COORDINATOR
from tests.support.clock import Clock, helsinki
from tests.support.network import CHANNEL
from tests.support.running import RunningBot, texts


def _meeting_with_answers(bot: RunningBot) -> None:
    bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 15.3.2027 13:00 "Maanantaikokous"')
    bot.click("USV00001", "meeting_rsvp_yes", "1")
    bot.click("UEN00001", "meeting_rsvp_no", "1")
    bot.standin.wait_for("response_url", 2)


def _jobs(bot: RunningBot) -> dict[str, object]:
    """The stored jobs but the nightly purge, which is always there (tests/participation/privacy)."""
    store = SQLAlchemyJobStore(engine=bot.runtime.db.engine)
    return {job.id: job.next_run_time for job in store.get_all_jobs() if job.id != "privacy-purge:daily"}


def test_a_reminder_is_scheduled_for_the_working_day_before(network_bot: RunningBot) -> None:
    background = network_bot.runtime.start_background(web_client(network_bot.runtime))
    try:
        _meeting_with_answers(network_bot)
        network_bot.runtime.changed()
        # Monday 15.3.2027 -> Friday 12.3.2027 09:00 Helsinki; the poll 30 minutes after the meeting ends.
        assert _jobs(network_bot) == {
            "meeting-reminder:1": helsinki(2027, 3, 12, 9),
            "poll-open:1": helsinki(2027, 3, 15, 15, 30),
        }
        network_bot.reply(COORDINATOR, "meeting move 1 30.3.2027 13:00")  # Tuesday after Easter Monday
        assert _jobs(network_bot) == {
            "meeting-reminder:1": helsinki(2027, 3, 25, 9),  # Thursday
            "poll-open:1": helsinki(2027, 3, 30, 15, 30),
        }
        network_bot.reply(COORDINATOR, "meeting cancel 1")
        assert _jobs(network_bot) == {}
    finally:
        background.stop()


def test_a_stored_job_whose_function_changed_is_replaced(network_bot: RunningBot) -> None:
    """Jobs are stored by reference; if a job function moves, the next sync stores the registry's one."""
    background = network_bot.runtime.start_background(web_client(network_bot.runtime))
    try:
        _meeting_with_answers(network_bot)
        background.scheduler.add_job(
            "schedules.poll_jobs:close_poll",
            "date",
            run_date=helsinki(2027, 3, 12, 9),
            args=[1],
            id="meeting-reminder:1",
            jobstore="default",
            replace_existing=True,
        )
        background.sync()
        store = SQLAlchemyJobStore(engine=network_bot.runtime.db.engine)
        stored = {job.id: (job.func_ref, job.next_run_time, tuple(job.args)) for job in store.get_all_jobs()}
        assert stored["meeting-reminder:1"] == (
            "schedules.jobs:meeting_reminder",
            helsinki(2027, 3, 12, 9),
            (1,),
        )
    finally:
        background.stop()


def test_reminders_go_to_those_attending_in_their_language_once(network_bot: RunningBot) -> None:
    _meeting_with_answers(network_bot)
    background = Background(network_bot.runtime, SlackTransport(web_client(network_bot.runtime)))
    assert background.remind(1) == 1
    assert background.remind(1) == 0
    background.deliver()
    dms = [c for c in network_bot.standin.calls_to("chat.postMessage") if c.args["channel"].startswith("U")]
    assert len(dms) == 1 and dms[0].args["channel"] == "USV00001"
    assert "Maanantaikokous" in texts(dms[0].args) and "Påminnelse" in texts(dms[0].args)


def test_a_reminder_that_fell_due_while_the_bot_was_down_runs_once_after_restart(
    network_bot: RunningBot, clock: Clock
) -> None:
    _meeting_with_answers(network_bot)
    first = network_bot.runtime.start_background(web_client(network_bot.runtime))
    soon = utcnow().timestamp() + 1.0
    first.scheduler.add_job(
        "schedules.jobs:meeting_reminder",
        "date",
        run_date=utcnow().fromtimestamp(soon),
        args=[1],
        id="meeting-reminder:1",
        jobstore="default",
        replace_existing=True,
    )
    first.stop()  # the bot goes down before the job's time
    network_bot.runtime.background = None
    time.sleep(1.5)
    second = network_bot.runtime.start_background(web_client(network_bot.runtime))
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(
            c.args["channel"] == "USV00001" for c in network_bot.standin.calls_to("chat.postMessage")
        ):
            time.sleep(0.1)
        sent = [
            c for c in network_bot.standin.calls_to("chat.postMessage") if c.args["channel"] == "USV00001"
        ]
        assert len(sent) == 1
        with network_bot.runtime.db.session() as session:
            assert session.get(Meeting, 1) is not None
            assert len(session.query(Rsvp).all()) == 2
    finally:
        second.stop()
    assert CHANNEL


def test_delivery_goes_on_while_batches_come_back_full(network_bot: RunningBot) -> None:
    """Two batches and 20 due messages are sent in one delivery, batch after batch with no wait between:
    three rounds of the dispatcher, the last one not full, then it stops."""
    many = 2 * BATCH + 20
    items = [(f"many:{n}", Kind.MESSAGE, fixed_reply(f"UMANY{n:05d}", notice(str(n)))) for n in range(many)]
    with network_bot.runtime.db.session() as session:
        enqueue_many(session, items)
    background = Background(network_bot.runtime, SlackTransport(web_client(network_bot.runtime)))
    claims: list[str] = []

    def count_claims(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "UPDATE outbox SET status" in statement and "RETURNING" in statement:
            claims.append(statement)

    event.listen(network_bot.runtime.db.engine, "before_cursor_execute", count_claims)
    try:
        assert background.deliver() == many
    finally:
        event.remove(network_bot.runtime.db.engine, "before_cursor_execute", count_claims)

    assert len(claims) == 3
    assert (
        len([c for c in network_bot.standin.calls_to("chat.postMessage") if "UMANY" in c.args["channel"]])
        == many
    )


def _queue(bot: RunningBot, prefix: str, count: int) -> None:
    items = [
        (f"{prefix}:{n}", Kind.MESSAGE, fixed_reply(f"U{prefix.upper()}{n:04d}", notice(str(n))))
        for n in range(count)
    ]
    with bot.runtime.db.session() as session:
        enqueue_many(session, items)


def test_the_outbox_thread_does_not_sleep_while_items_are_due(network_bot: RunningBot) -> None:
    """Counted, not timed: with items due the thread's next sleep is zero; once all are sent it sleeps
    until the next item falls due, and at most DELIVERY_SECONDS."""
    background = Background(network_bot.runtime, SlackTransport(web_client(network_bot.runtime)))
    assert background.idle_seconds() == DELIVERY_SECONDS  # nothing queued
    _queue(network_bot, "due", BATCH + 10)
    assert background.idle_seconds() == 0
    assert background.deliver() == BATCH + 10
    assert background.rounds == 2  # BATCH and 10: the second batch was not full, so no third round
    assert background.idle_seconds() == DELIVERY_SECONDS

    _queue(network_bot, "later", 1)
    with network_bot.runtime.db.session() as session:
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.key == "later:0")
            .values(next_attempt_at=network_bot.runtime.now() + dt.timedelta(seconds=5))
        )
    assert background.idle_seconds() == 5
    assert background.deliver() == 0  # not due yet: nothing is sent early


def test_after_slack_says_slow_down_the_outbox_waits_its_retry_after(network_bot: RunningBot) -> None:
    background = Background(network_bot.runtime, SlackTransport(web_client(network_bot.runtime)))
    _queue(network_bot, "limited", 3)
    network_bot.standin.fail_next("chat.postMessage", 429, retry_after=7)
    sent = background.deliver()
    assert sent < 3  # the round stopped at Slack's 429
    assert background.idle_seconds() == 7  # then waits what Slack asked, although items are due
    assert background.rounds == 1
