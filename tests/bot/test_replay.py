"""A signed request is carried out once: sent again within Slack's five minutes, as it was or as Slack's
own retry of an event, it is acknowledged and does nothing."""

from __future__ import annotations

import logging
import time

import pytest
from sqlalchemy import func, select

from config.settings import Settings
from devtools.localslack.payloads import block_actions, event_callback, signed_headers, slash_command
from devtools.localslack.server import SlackStandIn
from participation.storage.models import AuditEntry, Highlight, Rsvp, SeenRequest
from tests.conftest import COORDINATOR, SIGNING_SECRET
from tests.support.clock import Clock
from tests.support.running import RunningBot

AUTHOR = "UFI00001"
NOTE = 'note 3 "Nuorisoneuvosto vieraili lautakunnassa"'


def _count(bot: RunningBot, model: type) -> int:
    with bot.runtime.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_replayed_note_writes_nothing_and_answers_nothing(
    network_bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    body, content_type = slash_command(AUTHOR, NOTE, network_bot.standin.response_url())
    headers = signed_headers(network_bot.secret, body)
    assert network_bot.post(body, content_type, headers).status_code == 200
    written = (_count(network_bot, Highlight), _count(network_bot, AuditEntry))
    assert written[0] == 1
    answers = len(network_bot.standin.calls_to("response_url"))

    with caplog.at_level(logging.INFO, logger="bot.replay"):
        again = network_bot.post(body, content_type, headers)

    assert again.status_code == 200 and again.text == ""
    assert (_count(network_bot, Highlight), _count(network_bot, AuditEntry)) == written
    assert len(network_bot.standin.calls_to("response_url")) == answers
    [line] = [r for r in caplog.records if r.name == "bot.replay"]
    assert line.levelno == logging.INFO and AUTHOR not in line.getMessage()


def test_a_replayed_click_does_nothing(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, 'meeting new osallisuusverkosto 16.3.2027 13:00-15:00 "Kevään kokous"')
    action = {"action_id": "meeting_rsvp_yes", "value": "1", "text": {"type": "plain_text", "text": "yes"}}
    body, content_type = block_actions("USV00001", action, network_bot.standin.response_url())
    headers = signed_headers(network_bot.secret, body)
    assert network_bot.post(body, content_type, headers).status_code == 200
    network_bot.click("USV00001", "meeting_rsvp_no", "1")  # changes their mind
    answers = len(network_bot.standin.calls_to("response_url"))

    assert network_bot.post(body, content_type, headers).status_code == 200

    with network_bot.runtime.db.session() as session:
        assert [(r.slack_user_id, r.attending) for r in session.scalars(select(Rsvp))] == [
            ("USV00001", False)
        ]
    assert len(network_bot.standin.calls_to("response_url")) == answers


def test_slacks_retry_of_an_event_is_not_carried_out_twice(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    event = {"type": "app_home_opened", "user": "UEN00001", "channel": "D1", "tab": "home"}
    body, content_type = event_callback(event, event_id="Ev0RETRIED1")
    assert bot.post(body, content_type).status_code == 200
    bot.standin.wait_for("views.publish", count=1)

    # Slack's retry: the same event, signed anew a moment later, with its retry number.
    retry = signed_headers(bot.secret, body, timestamp=int(time.time()) + 1)
    with caplog.at_level(logging.INFO, logger="bot.replay"):
        assert bot.post(body, content_type, {**retry, "X-Slack-Retry-Num": "1"}).status_code == 200
    assert [r.getMessage() for r in caplog.records if r.name == "bot.replay"] == [
        "a retried Slack request was acknowledged and ignored"
    ]
    bot.event(event)  # the tab opened again: a new event with its own id

    bot.standin.wait_for("views.publish", count=2)
    assert len(bot.standin.calls_to("views.publish")) == 2


def test_what_was_seen_is_forgotten_after_ten_minutes(network_bot: RunningBot, clock: Clock) -> None:
    network_bot.reply(AUTHOR, "help")
    network_bot.reply(AUTHOR, "help")
    assert _count(network_bot, SeenRequest) == 2
    clock.advance(minutes=11)
    network_bot.reply(AUTHOR, "help")
    assert _count(network_bot, SeenRequest) == 1


def test_a_request_seen_before_a_restart_is_refused_after_it(
    settings: Settings, standin: SlackStandIn
) -> None:
    """On SQLite the decision is made in memory and the row written after the ack: a restart reads the
    rows back. On PostgreSQL the row decides in the first place."""
    first = RunningBot.start(settings, standin, SIGNING_SECRET)
    body, content_type = slash_command(AUTHOR, "help", standin.response_url())
    headers = signed_headers(SIGNING_SECRET, body)
    assert first.post(body, content_type, headers).text != ""
    first.stop()

    again = RunningBot.start(settings, standin, SIGNING_SECRET)
    try:
        replayed = again.post(body, content_type, headers)
    finally:
        again.stop()
    assert replayed.status_code == 200 and replayed.text == ""
