"""Anonymous in fact: after twenty members have answered, changed and commented, nothing in the
database, the outbox or the log ties a person to an answer or a comment; the order things are kept in
says nothing of the order they were given; and the close cuts the last tie (the comment's key in each
person's own message)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import MetaData, inspect, select, text

from devtools.localslack.server import SlackStandIn
from participation.storage.models import PollComment
from tests.participation.polls.support import (
    change,
    click,
    close_poll,
    comments,
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
COMMENTS = [
    "Selkeä esityslista",
    "För lång paus",
    "Good slides",
    "Liian lyhyt",
    "Trevligt",
    "Hyvä kahvi",
    "Bra diskussion",
    "Too many slides",
    "Kiitos",
    "Tack",
    "More breaks please",
    "Hyvät tilat",
]


def _every_row(bot: RunningBot) -> dict[str, list[str]]:
    """Every table's rows as text, as anyone reading the database would see them."""
    metadata = MetaData()
    metadata.reflect(bot.runtime.db.engine)
    found: dict[str, list[str]] = {}
    with bot.runtime.db.engine.connect() as connection:
        for table in metadata.sorted_tables:
            found[table.name] = [repr(tuple(row)) for row in connection.execute(select(table))]
    return found


def _stored(bot: RunningBot, query: str) -> list[object]:
    """A column in the order the database keeps the rows (no ORDER BY: insertion order on SQLite)."""
    with bot.runtime.db.engine.connect() as connection:
        return [row[0] for row in connection.execute(text(query))]


def _comment(bot: RunningBot, user: str, token: str, comment: str) -> None:
    view = {"type": "modal", "callback_id": "poll_comment_form", "private_metadata": f"1:{token}::"}
    bot.submit(user, view, {"comment": {"type": "plain_text_input", "value": comment}})


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
    for user in members[:3]:
        tokens[user] = token_of(change(network_bot, user, tokens[user], 5))
    for user, comment in zip(members, COMMENTS, strict=False):
        _comment(network_bot, user, tokens[user], comment)
    deliver(network_bot)

    engine = network_bot.runtime.db.engine
    columns = {
        table: {c["name"] for c in inspect(engine).get_columns(table)}
        for table in ("poll_tallies", "poll_comments", "poll_recipients")
    }
    assert columns == {  # counts, and comments under random keys: no user, no time, no rating by a person
        "poll_tallies": {"poll_id", "rating", "answers"},
        "poll_comments": {"key", "poll_id", "text"},
        "poll_recipients": {"id", "poll_id", "slack_user_id", "answered", "answer_version"},
    }
    assert "poll_answers" not in inspect(engine).get_table_names()
    rows = _every_row(network_bot)
    secrets = [*tokens.values(), *COMMENTS]
    elsewhere = [(table, row) for table, found in rows.items() if table != "poll_comments" for row in found]
    assert [(table, row) for table, row in elsewhere if any(secret in row for secret in secrets)] == []
    assert not any(token in row for row in rows["poll_comments"] for token in tokens.values())
    assert not any(user in row for row in rows["poll_comments"] for user in members)
    records = [record.getMessage() for record in caplog.records]
    assert [r for r in records if any(user in r or tokens[user] in r for user in members)] == []

    # the comments are kept in an order that is not the order they were written in (1 in 12! by chance),
    # the counts in the order of their ratings, made when the poll opened
    assert _stored(network_bot, "SELECT text FROM poll_comments") != COMMENTS
    assert sorted(_stored(network_bot, "SELECT text FROM poll_comments")) == sorted(COMMENTS)
    assert _stored(network_bot, "SELECT rating FROM poll_tallies") == [1, 2, 3, 4, 5]
    if engine.dialect.name == "postgresql":  # every click writes all five counts: one row version for all
        assert len(set(_stored(network_bot, "SELECT xmin::text FROM poll_tallies"))) == 1

    with network_bot.runtime.db.session() as session:
        keys = set(session.scalars(select(PollComment.key)))
    close_poll(network_bot, clock)
    with network_bot.runtime.db.session() as session:
        kept = set(session.scalars(select(PollComment.key)))
    assert len(kept) == 12 and kept.isdisjoint(keys)  # old messages' comment keys now match nothing
    assert comments(network_bot) == sorted(COMMENTS)
    assert ratings(network_bot) == sorted([5, 5, 5, *GIVEN[3:]])
