"""What a `status` answered from the kept dashboard costs on PostgreSQL, counted on the wire: every
message the bot's connections send that waits for the server's answer (a simple `Query`, or the `Sync`
that ends a statement sent with parameters) is a round trip. Before, a kept `status` took 12: a
pre-ping, BEGIN, the statement and COMMIT for each of the replay guard's INSERT, the who-lookup and the
dashboard's revision. Then 2: the guard's INSERT alone in autocommit, and the who-lookup that reads the
revision too (participation.storage.revisions.note). Now 1: the guard's INSERT reads who asks, and the
revision, in the same statement (bot/replay.py, bot/people.py).

Without the pre-ping, a connection the server dropped is found by the error it gives: the work that can
run twice is tried once more on a new connection (participation.storage.db.again_if_dropped), so a
restart of PostgreSQL costs no one an answer and does not turn /healthz red. The replay guard's second
try knows the row its first try wrote by the instant in it: the request is carried out once, and a
replay is still refused."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.pool import Pool

from config.settings import Settings
from devtools.localslack.payloads import signed_headers, slash_command
from devtools.localslack.server import SlackStandIn
from tests.conftest import SIGNING_SECRET
from tests.support.running import RunningBot, texts

USER = "UEN00001"
KEPT_ROUND_TRIPS = 1


class Wire:
    """A libpq trace of every connection opened while it listens, one file each."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="wire-"))
        self.connections: list[tuple[Any, Path]] = []

    def connected(self, dbapi_connection: Any, _record: Any) -> None:
        pgconn = getattr(dbapi_connection, "pgconn", None)
        if pgconn is None:
            return
        path = self.folder / f"{len(self.connections)}.trace"
        pgconn.trace(os.open(path, os.O_WRONLY | os.O_CREAT))
        self.connections.append((pgconn, path))

    def round_trips(self) -> int:
        """Messages sent so far that wait for an answer, on every traced connection."""
        lines: list[str] = []
        for pgconn, path in self.connections:
            pgconn.untrace()  # flushes what libpq buffered
            lines += path.read_text().splitlines()
            pgconn.trace(os.open(path, os.O_WRONLY | os.O_TRUNC))
        return sum(1 for line in lines if "\tF\t" in line and line.split("\t")[3] in {"Query", "Sync"})


@pytest.fixture
def pg_bot(
    settings: Settings, standin: SlackStandIn, database_kind: str
) -> Iterator[tuple[RunningBot, Wire]]:
    if database_kind != "postgresql":
        pytest.skip("round trips and dropped connections are PostgreSQL's")
    wire = Wire()
    event.listen(Pool, "connect", wire.connected)
    running = RunningBot.start(settings, standin, SIGNING_SECRET)
    try:
        yield running, wire
    finally:
        running.stop()
        event.remove(Pool, "connect", wire.connected)


def _quiet(bot: RunningBot) -> None:
    """The directory's refresh after an answer runs on its own thread: let it finish before counting."""
    assert bot.runtime.directory is not None
    bot.runtime.directory.wait_idle()


def test_a_kept_status_takes_one_round_trip(pg_bot: tuple[RunningBot, Wire]) -> None:
    bot, wire = pg_bot
    first = texts(bot.reply(USER, "status"))
    bot.reply(USER, "status")
    _quiet(bot)
    wire.round_trips()
    assert texts(bot.reply(USER, "status")) == first
    _quiet(bot)
    assert wire.round_trips() == KEPT_ROUND_TRIPS


def _drop_connections(database_url: str) -> int:
    """What a restart or a fail-over of PostgreSQL does to the bot: every connection it holds is gone."""
    admin = create_engine(database_url.rpartition("/")[0] + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            dropped = connection.execute(
                text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :name"),
                {"name": database_url.rpartition("/")[2]},
            ).scalar()
    finally:
        admin.dispose()
    return int(dropped or 0)


def test_replays_status_and_healthz_after_postgresql_dropped_every_connection(
    pg_bot: tuple[RunningBot, Wire], database_url: str
) -> None:
    bot, _wire = pg_bot
    first = texts(bot.reply(USER, "status"))
    note, content_type = slash_command(USER, "note before the restart", bot.standin.response_url())
    headers = signed_headers(bot.secret, note)
    bot.post(note, content_type, headers)
    bot.command(USER, "lang sv")
    answers = len(bot.standin.calls_to("response_url"))
    assert _drop_connections(database_url) >= 2  # the guard's connection and the bot's

    # The guard's first statement meets the dropped connection: tried again, the request is still a replay.
    replayed = bot.post(note, content_type, headers)
    assert replayed.status_code == 200 and replayed.text == ""
    assert len(bot.standin.calls_to("response_url")) == answers
    # The who-lookup's likewise: answered, in the language chosen before.
    again = texts(bot.reply(USER, "status"))
    assert again != first and "indikatorer bekräftade" in again

    assert _drop_connections(database_url) >= 1
    assert requests.get(f"{bot.url}/healthz", timeout=10).status_code == 200


def test_a_request_whose_row_was_written_before_the_connection_dropped_is_carried_out_once(
    pg_bot: tuple[RunningBot, Wire], database_url: str
) -> None:
    """The guard's INSERT commits, then the connection drops before its answer arrives: the second
    attempt finds the row with its own instant and carries the request out; a replay is still refused."""
    bot, _wire = pg_bot
    dropped: list[int] = []

    def drop_after_the_first_insert(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        """The row is in; the server drops the connection, and the client learns it from its next use."""
        if "INSERT INTO seen_requests" in statement and not dropped:
            dropped.append(_drop_connections(database_url))
            cursor.connection.execute("SELECT 1")

    body, content_type = slash_command(USER, "status", bot.standin.response_url())
    headers = signed_headers(bot.secret, body)
    event.listen(Engine, "after_cursor_execute", drop_after_the_first_insert)
    try:
        answered = bot.post(body, content_type, headers)
    finally:
        event.remove(Engine, "after_cursor_execute", drop_after_the_first_insert)
    assert dropped and dropped[0] >= 1
    assert answered.status_code == 200 and "indicators confirmed" in texts(answered.json())
    replayed = bot.post(body, content_type, headers)
    assert replayed.status_code == 200 and replayed.text == ""
