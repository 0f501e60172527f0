"""The faults of real life at the edges, through the running bot with its outbox thread: Slack answers 429
with Retry-After, then 500, then hangs past the client's time-out; the mail relay is down and comes back
on the same port. Every message and e-mail arrives once, nothing is marked failed, no error is logged, and
`status` and `help` are answered in their acknowledgement all along.

Back-offs are in the bot's clock, which the test moves (Slack's Retry-After is one second of it); the
stand-in's timestamps stay real, just behind the clock, as the outbox's history search expects."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import logging
from collections import Counter
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from sqlalchemy import select

from config.settings import Settings
from devtools.localslack.conversations import direct_channel
from devtools.localslack.server import SlackStandIn
from participation.outbox.items import Kind
from participation.storage.models import NetworkGuest, NetworkRecord, OutboxItem, utcnow
from tests.conftest import COORDINATOR, SIGNING_SECRET
from tests.support.clock import Clock
from tests.support.network import CHANNEL, MEMBERS
from tests.support.running import RunningBot, eventually, is_working, texts
from tests.support.smtp import SmtpServer, running_smtp

CLIENT_TIMEOUT = 1  # the outbox's Slack client gives up after a second; the hang lasts two
MEETINGS = ('15.6.2027 13:00-15:00 "Kesäkokous"', '17.6.2027 9:00-10:00 "Aamukokous"')
MAILED = 5  # four members with an address and one guest, per meeting


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with running_smtp() as server:
        yield server


@pytest.fixture
def faulty_bot(settings: Settings, standin: SlackStandIn, smtp: SmtpServer) -> Iterator[RunningBot]:
    standin.channels[CHANNEL] = [*MEMBERS, standin.bot_user_id]
    configured = settings.model_copy(
        update={"smtp_host": smtp.host, "smtp_port": smtp.port, "smtp_starttls": False}
    )
    clock = Clock(utcnow() + dt.timedelta(seconds=5))  # items written now are due at once
    running = RunningBot.start(configured, standin, SIGNING_SECRET, now=clock)
    with running.runtime.db.session() as session:
        network = session.get(NetworkRecord, "osallisuusverkosto")
        assert network is not None
        network.channel_id = CHANNEL
        network.guests.append(
            NetworkGuest(email="kokemus@example.org", name="Kokemus", language="sv", added_by=COORDINATOR)
        )
    client = WebClient(token="xoxb-test-token", base_url=configured.slack_api_url, timeout=CLIENT_TIMEOUT)
    running.runtime.start_background(client)
    yield running
    running.stop()


def _later(bot: RunningBot, seconds: float) -> None:
    """Let the bot's clock pass (back-offs fall due) and wake the outbox thread."""
    clock = bot.runtime.now
    assert isinstance(clock, Clock)
    clock.advance(seconds=seconds)
    assert bot.runtime.background is not None
    bot.runtime.background.kick()


def _answered_at_once(bot: RunningBot) -> None:
    """`status` and `help` come back in the acknowledgement itself, whatever the outbox is going through."""
    for text in ("status", "help"):
        response = bot.command("UEN00001", text)
        assert response.status_code == 200
        answer = response.json()
        assert not is_working(answer) and texts(answer)
    assert texts(bot.command("UEN00001", "status").json()).startswith("Participation Plan")


def _posts(standin: SlackStandIn) -> int:
    return len(standin.calls_to("chat.postMessage"))


def _statuses(bot: RunningBot) -> Counter[str]:
    with bot.runtime.db.session() as session:
        return Counter(session.scalars(select(OutboxItem.status)))


def _posted_keys(standin: SlackStandIn) -> Counter[str]:
    """Each outbox key among the messages Slack kept, counted (not the calls: a refused one kept none)."""
    channels = {direct_channel(str(call.args["channel"])) for call in standin.calls_to("chat.postMessage")}
    return Counter(
        message["metadata"]["event_payload"]["key"]
        for channel in channels
        for message in standin.messages(channel)
        if "metadata" in message
    )


def _message_ids(smtp: SmtpServer) -> Counter[str]:
    return Counter(
        str(email.message_from_bytes(received.content, policy=email.policy.default)["Message-ID"])
        for received in smtp.received
    )


def test_nothing_is_lost_or_doubled_and_commands_are_answered_meanwhile(
    faulty_bot: RunningBot, smtp: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    standin = faulty_bot.standin
    smtp.stop()  # the mail relay is down from the start
    standin.fail_next("chat.postMessage", 429, retry_after=1)
    for meeting in MEETINGS:  # two announcements in the channel, ten invitations by e-mail
        created = texts(faulty_bot.reply(COORDINATOR, f"meeting new osallisuusverkosto {meeting}"))
        assert created.startswith("Kokous #")
    for member in ("USV00001", "UEN00001"):
        faulty_bot.click(member, "meeting_rsvp_yes", "1")
    assert faulty_bot.runtime.background is not None
    assert faulty_bot.runtime.background.remind(1) == 2  # two reminders by direct message
    eventually(lambda: _posts(standin) >= 1)  # Slack: 429, slow down for a second
    _answered_at_once(faulty_bot)

    before = _posts(standin)
    standin.fail_next("chat.postMessage", 500)
    _later(faulty_bot, 2)
    eventually(lambda: _posts(standin) > before and _statuses(faulty_bot)["sending"] == 0)
    _answered_at_once(faulty_bot)

    before = _posts(standin)
    standin.delay_next("chat.postMessage", CLIENT_TIMEOUT + 1)  # hangs, and posts after the client gave up
    _later(faulty_bot, 10 * 60)
    eventually(lambda: _posts(standin) > before, timeout=10)
    _answered_at_once(faulty_bot)
    eventually(lambda: _statuses(faulty_bot)["sending"] == 0, timeout=10)

    smtp.start()  # the relay is back, on the same port
    total = sum(_statuses(faulty_bot).values())
    _later(faulty_bot, 60 * 60)  # every back-off so far has run out
    eventually(lambda: _statuses(faulty_bot)["sent"] == total, timeout=10)

    assert _statuses(faulty_bot) == Counter({"sent": total})
    with faulty_bot.runtime.db.session() as session:
        keys = set(session.scalars(select(OutboxItem.key).where(OutboxItem.kind == Kind.MESSAGE)))
    posted = _posted_keys(standin)
    assert set(posted) == keys and set(posted.values()) == {1}  # each message once
    assert len(keys) == len(MEETINGS) + 2  # two announcements, two reminders
    shared = [call.args["files"] for call in standin.calls_to("files.completeUploadExternal")]
    assert len(shared) == len(MEETINGS) and len(set(map(str, shared))) == len(shared)  # each .ics once
    message_ids = _message_ids(smtp)
    assert len(message_ids) == MAILED * len(MEETINGS) and set(message_ids.values()) == {1}
    assert total == len(keys) + len(shared) + len(message_ids)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
