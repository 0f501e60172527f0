"""A poll click's cost in SQL statements does not grow with the answers already given: the first answer
and a change each take the same statements on a poll with no answers as on one with 200 (counted on the
bot's own engine around one signed click, the work after the acknowledgement included). Before Step 7
every click read and wrote again all of the poll's answers. The six: the person's language, the poll,
their answer version, the poll's row lock, the claim (or the version moved on), the five counts. The
replay guard's statement, the same for every signed request (and its purge, at most once a minute, by
the clock), is left out: it belongs to the request, not to the click (bot/replay.py)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert

from devtools.localslack.payloads import block_actions, signed_headers
from devtools.localslack.server import SlackStandIn
from participation.storage.models import PollRecipient
from tests.participation.polls.support import (
    change,
    click,
    hold_meeting,
    open_poll,
    ratings,
    token_of,
    twenty_members,
)
from tests.support.clock import Clock
from tests.support.running import RunningBot

MORE = [f"UX{n:05d}" for n in range(1, 203)]


def _statements(bot: RunningBot, request: Callable[[], Any]) -> list[str]:
    """The statements the request runs, the directory's own background thread and the replay guard
    left out."""
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not threading.current_thread().name.startswith("directory") and "seen_requests" not in statement:
            statements.append(statement)

    engine = bot.runtime.db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        request()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return statements


def test_a_click_costs_the_same_statements_after_200_answers(
    network_bot: RunningBot, standin: SlackStandIn, clock: Clock
) -> None:
    for user in MORE:
        standin.add_user(user, user, locale="fi-FI")
    twenty_members(network_bot)
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    with network_bot.runtime.db.session() as session:
        session.execute(
            insert(PollRecipient), [{"poll_id": 1, "slack_user_id": user, "answered": False} for user in MORE]
        )
    first, last = MORE[0], MORE[-1]
    tokens: dict[str, str] = {}

    def answer(user: str, rating: int) -> None:
        tokens[user] = token_of(click(network_bot, user, rating))

    def changed(user: str, rating: int) -> None:
        tokens[user] = token_of(change(network_bot, user, tokens[user], rating))

    at_start = _statements(network_bot, lambda: answer(first, 3))
    change_at_start = _statements(network_bot, lambda: changed(first, 4))
    for number, user in enumerate(MORE[1:-1]):
        answer(user, 1 + number % 5)
    assert len(ratings(network_bot)) == 201
    after = _statements(network_bot, lambda: answer(last, 2))
    change_after = _statements(network_bot, lambda: changed(last, 5))

    assert after == at_start and change_after == change_at_start
    assert len(at_start) <= 6 and len(change_at_start) <= 6
    assert len(ratings(network_bot)) == 202


def test_a_clicks_acknowledgement_waits_on_no_statement(
    network_bot: RunningBot, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """Every statement of a click, the replay guard's included, runs on the threads after the ack: the
    burst of a whole network answering is acknowledged as fast as a bare app acknowledges it. A replay
    of the same click is then found out there, and counts nothing."""
    user = twenty_members(network_bot)[0]
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    body, content_type = block_actions(
        user, {"action_id": "poll_answer_4", "value": "1::4"}, network_bot.standin.response_url()
    )
    headers = signed_headers(network_bot.secret, body)
    threads: list[str] = []

    def seen(*_args: Any) -> None:
        threads.append(threading.current_thread().name)

    event.listen(Engine, "before_cursor_execute", seen)  # the guard's own engine (PostgreSQL) too
    try:
        assert network_bot.post(body, content_type, headers).status_code == 200
        with caplog.at_level(logging.INFO, logger="bot.replay"):
            replayed = network_bot.post(body, content_type, headers)
    finally:
        event.remove(Engine, "before_cursor_execute", seen)

    assert replayed.status_code == 200 and replayed.text == ""
    assert threads and {name.split("_")[0] for name in threads} <= {"after-ack", "directory"}
    assert ratings(network_bot) == [4]
    assert [r.getMessage() for r in caplog.records if r.name == "bot.replay"] == [
        "a replayed Slack request was acknowledged and ignored"
    ]
