"""The poll's scheduled work: the opening after the meeting, one reminder to those who have not answered,
the close. Jobs are planned in APScheduler's database store, follow a moved or cancelled meeting, and a
job that fell due while the bot was down runs once when it is back."""

from __future__ import annotations

import time

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

from bot.app import web_client
from devtools.localslack.server import SlackStandIn
from participation.storage.models import Poll, utcnow
from schedules import poll_jobs
from tests.conftest import COORDINATOR
from tests.participation.polls.support import (
    LANGUAGE,
    MEETING,
    answered,
    click,
    close_poll,
    hold_meeting,
    open_poll,
    outbox_keys,
    poll_messages,
    run_job,
    twenty_members,
)
from tests.support.clock import Clock, helsinki
from tests.support.network import CHANNEL, deliver
from tests.support.running import RunningBot, texts

REMINDER = {
    "fi": "Muistutus: toivomme vielä palautettasi",
    "sv": "En påminnelse: vi vill gärna ännu ha din respons",
    "en": "A reminder: we would still like your feedback",
}


def _poll_jobs(bot: RunningBot) -> dict[str, object]:
    store = SQLAlchemyJobStore(engine=bot.runtime.db.engine)
    return {job.id: job.next_run_time for job in store.get_all_jobs() if job.id.startswith("poll-")}


def test_jobs_follow_the_meeting_then_the_poll(network_bot: RunningBot, clock: Clock) -> None:
    background = network_bot.runtime.start_background(web_client(network_bot.runtime))
    try:
        network_bot.reply(COORDINATOR, MEETING)
        assert _poll_jobs(network_bot) == {"poll-open:1": helsinki(2027, 3, 16, 15, 30)}
        network_bot.reply(COORDINATOR, "meeting move 1 25.3.2027 13:00-14:30")  # Maundy Thursday
        assert _poll_jobs(network_bot) == {"poll-open:1": helsinki(2027, 3, 25, 15)}
        clock.set(helsinki(2027, 3, 25, 15))
        run_job(network_bot, poll_jobs.open_meeting_poll, 1)
        network_bot.runtime.changed()
        # Reminder two working days later, over Easter: Wednesday 31.3 at the same time; close a week later.
        assert _poll_jobs(network_bot) == {
            "poll-remind:1": helsinki(2027, 3, 31, 15),
            "poll-close:1": helsinki(2027, 4, 1, 15),
        }
        network_bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 14.9.2027 13:00 "Syksy"')
        network_bot.reply(COORDINATOR, "meeting cancel 2")
        assert "poll-open:2" not in _poll_jobs(network_bot)
        close_poll(network_bot, clock)
        network_bot.runtime.changed()
        assert _poll_jobs(network_bot) == {}
    finally:
        background.stop()


def test_those_attending_are_asked_or_if_nobody_said_yes_every_member_who_did_not_decline(
    network_bot: RunningBot, clock: Clock
) -> None:
    network_bot.reply(COORDINATOR, MEETING)
    network_bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 17.3.2027 13:00-15:00 "Toinen"')
    network_bot.click("USV00001", "meeting_rsvp_no", "1")
    network_bot.click("UFI00001", "meeting_rsvp_yes", "2")
    network_bot.click("UEN00001", "meeting_rsvp_no", "2")
    network_bot.standin.wait_for("response_url", 3)
    clock.set(helsinki(2027, 3, 17, 15, 30))
    open_poll(network_bot, 1)
    open_poll(network_bot, 2)
    assert outbox_keys(network_bot, "poll-ask:1:") == [
        "poll-ask:1:UCOORD01",
        "poll-ask:1:UEN00001",
        "poll-ask:1:UFI00001",
    ]
    assert outbox_keys(network_bot, "poll-ask:2:") == ["poll-ask:2:UFI00001"]


def test_the_reminder_goes_once_to_those_who_have_not_answered(
    network_bot: RunningBot, standin: SlackStandIn, clock: Clock
) -> None:
    members = twenty_members(network_bot)
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    for user in members[:8]:
        click(network_bot, user, 4)
    clock.set(helsinki(2027, 3, 18, 15, 30))
    run_job(network_bot, poll_jobs.remind_poll, 1)
    run_job(network_bot, poll_jobs.remind_poll, 1)  # a rerun (a restart, say) sends nothing more
    deliver(network_bot)
    waiting = members[8:]
    assert outbox_keys(network_bot, "poll-remind:") == sorted(f"poll-remind:1:{user}" for user in waiting)
    for user in members:
        messages = poll_messages(network_bot, user)
        assert len(messages) == (2 if user in waiting else 1)
        if user in waiting:
            assert REMINDER[LANGUAGE[user]] in texts(messages[-1])
            assert [b["value"] for b in messages[-1]["blocks"][2]["elements"]] == [
                f"1::{n}" for n in range(1, 6)
            ]
    click(network_bot, waiting[0], 5)  # the reminder's buttons record an answer like the question's
    assert answered(network_bot) == set(members[:8]) | {waiting[0]}
    close_poll(network_bot, clock)
    run_job(network_bot, poll_jobs.remind_poll, 1)
    assert len(outbox_keys(network_bot, "poll-remind:")) == len(waiting)


def _wait(condition: object, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():  # type: ignore[operator]
        time.sleep(0.1)


def test_a_restart_between_sending_and_closing_sends_and_closes_once(
    network_bot: RunningBot, clock: Clock
) -> None:
    runtime = network_bot.runtime
    network_bot.reply(COORDINATOR, MEETING)
    first = runtime.start_background(web_client(runtime))
    first.stop()  # the bot goes down before the meeting ends
    runtime.background = None
    clock.set(helsinki(2027, 3, 16, 16))  # the poll's time passed while it was down
    second = runtime.start_background(web_client(runtime))
    try:
        _wait(lambda: all(poll_messages(network_bot, user) for user in ("UFI00001", "USV00001", "UEN00001")))
        for user, rating in (("UFI00001", 5), ("USV00001", 4), ("UEN00001", 4)):
            click(network_bot, user, rating)
    finally:
        second.stop()
        runtime.background = None
    clock.set(helsinki(2027, 3, 24, 9))  # down again past the close; the close job is also due at once
    third = runtime.start_background(web_client(runtime))
    third.scheduler.add_job(
        "schedules.poll_jobs:close_poll",
        "date",
        run_date=utcnow(),
        args=[1],
        id="poll-close:1",
        jobstore="default",
        replace_existing=True,
    )
    try:
        _wait(lambda: any("Vastauksia" in texts(m) for m in network_bot.standin.messages(CHANNEL)))
        time.sleep(1)
    finally:
        third.stop()
        runtime.background = None
    fourth = runtime.start_background(web_client(runtime))
    time.sleep(1)
    fourth.stop()
    results = [texts(m) for m in network_bot.standin.messages(CHANNEL) if "Vastauksia" in texts(m)]
    assert len(results) == 1 and "Vastauksia: 3/4 (75 %)" in results[0] and "*4,33*" in results[0]
    for user in ("UFI00001", "USV00001", "UEN00001", "UCOORD01"):
        assert len(poll_messages(network_bot, user)) == 1
    with runtime.db.session() as session:
        poll = session.get(Poll, 1)
        assert poll is not None and poll.status == "closed"
