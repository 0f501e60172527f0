"""Anonymous in fact: after twenty members have answered, changed and commented, nothing in the
database, the outbox or the log ties a person to an answer, and the close cuts the last tie (the token
in each person's own message)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import MetaData, inspect, select, text

from devtools.localslack.server import SlackStandIn
from participation.storage.models import PollAnswer
from tests.participation.polls.support import (
    change,
    click,
    close_poll,
    hold_meeting,
    open_poll,
    ratings,
    token_of,
    twenty_members,
)
from tests.support.clock import Clock
from tests.support.network import deliver
from tests.support.running import RunningBot

GIVEN = [1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 1, 3, 5, 2, 4, 4, 2, 5, 3, 1]
COMMENTS = ["Selkeä esityslista", "För lång paus", "Good slides", "Liian lyhyt", "Trevligt"]


def _every_row(bot: RunningBot) -> dict[str, list[str]]:
    """Every table's rows as text, as anyone reading the database would see them."""
    metadata = MetaData()
    metadata.reflect(bot.runtime.db.engine)
    found: dict[str, list[str]] = {}
    with bot.runtime.db.engine.connect() as connection:
        for table in metadata.sorted_tables:
            found[table.name] = [repr(tuple(row)) for row in connection.execute(select(table))]
    return found


def _stored_order(bot: RunningBot) -> list[int]:
    """The answers in the order the database keeps them (no ORDER BY: insertion order on SQLite)."""
    with bot.runtime.db.engine.connect() as connection:
        return [int(row[0]) for row in connection.execute(text("SELECT rating FROM poll_answers"))]


def test_nothing_stored_or_logged_ties_a_person_to_an_answer(
    network_bot: RunningBot, standin: SlackStandIn, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    members = twenty_members(network_bot)
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    caplog.set_level(logging.INFO)
    tokens = {
        user: token_of(click(network_bot, user, rating)) for user, rating in zip(members, GIVEN, strict=True)
    }
    assert _stored_order(network_bot) != GIVEN  # rewritten in a random order on every answer
    for user in members[:3]:
        change(network_bot, user, tokens[user], 5)
    for user, comment in zip(members, COMMENTS, strict=False):
        view = {
            "type": "modal",
            "callback_id": "poll_comment_form",
            "private_metadata": f"1:{tokens[user]}::",
        }
        network_bot.submit(user, view, {"comment": {"type": "plain_text_input", "value": comment}})
    deliver(network_bot)

    columns = {
        table: {c["name"] for c in inspect(network_bot.runtime.db.engine).get_columns(table)}
        for table in ("poll_answers", "poll_recipients")
    }
    assert columns == {
        "poll_answers": {"token", "poll_id", "rating", "comment"},
        "poll_recipients": {"id", "poll_id", "slack_user_id", "answered"},
    }
    rows = _every_row(network_bot)
    secrets = [*tokens.values(), *COMMENTS]
    elsewhere = [(table, row) for table, found in rows.items() if table != "poll_answers" for row in found]
    assert [(table, row) for table, row in elsewhere if any(secret in row for secret in secrets)] == []
    assert not any(user in row for row in rows["poll_answers"] for user in members)
    records = [record.getMessage() for record in caplog.records]
    assert [r for r in records if any(user in r or tokens[user] in r for user in members)] == []

    close_poll(network_bot, clock)
    with network_bot.runtime.db.session() as session:
        kept = set(session.scalars(select(PollAnswer.token)))
    assert len(kept) == 20 and kept.isdisjoint(tokens.values())  # old messages' tokens now match nothing
    assert ratings(network_bot) == sorted([5, 5, 5, *GIVEN[3:]])
