"""Replay protection: a signed Slack request is carried out once, on whichever replica it reaches.

Slack's signature proves who sent a request, not that it is new: anyone who saw one could send it again
while its timestamp is accepted (five minutes either way of the server's clock), and Slack itself sends an
event again, newly signed, when the first delivery was not acknowledged in time (`X-Slack-Retry-Num`).
So each request leaves a row in `seen_requests`, keyed by the event's `event_id` or else by the signature
(an HMAC of timestamp and body); on PostgreSQL one `INSERT … ON CONFLICT DO NOTHING` per request tells
new from seen, atomically across replicas, and the same statement reads who asks (their language, whether
they coordinate, the dashboard's revision: bot.people), so a request's answer starts with one round trip
in all; on SQLite (one process) memory decides and the row follows
after the ack (see `SeenRequests`). A request seen before is acknowledged with an empty answer,
so that Slack does not try again, and nothing else happens.

A click (`block_actions`) is acknowledged with an empty answer whether it is new or seen, so its
decision waits until after the ack: the listener's work asks `carried_out_once` first. A burst of clicks
then acknowledges without a database round trip each, as a bare app does; every action listener is a
`bot.listeners.reply.button`, which asks.

Rows are kept for KEEP, which covers the signature window and Slack's last event retry; at most once a
PURGE_EVERY each process deletes older ones by the index on `seen_at`, after the ack.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, BoltRequest, BoltResponse
from sqlalchemy import Dialect, Table, bindparam, create_engine, delete, event, select

from bot.runtime import Runtime
from participation.directory.read import WHO_COLUMNS, WhoRow
from participation.storage.db import RECYCLE_SECONDS, Database, again_if_dropped
from participation.storage.dialects import dialect_insert
from participation.storage.models import SeenRequest

log = logging.getLogger(__name__)
KEEP = dt.timedelta(minutes=10)  # a timestamp up to 5 minutes ahead is accepted for 10; retries end by then
PURGE_EVERY = dt.timedelta(minutes=1)

# The row of a request seen need not wait for the disk before the ack: should PostgreSQL itself crash in
# the moment after, the request is merely forgotten, and only a replay in that moment would be carried
# out again. So the guard has its own few connections, set so once when each opens; everything the
# request then does is committed on the bot's engine as usual. They run in autocommit: the INSERT alone
# is atomic, and one round trip (no BEGIN and COMMIT around it).
_NO_WAIT = {"options": "-c synchronous_commit=off"}

Middleware = Callable[[BoltRequest, BoltResponse, Callable[[], Any]], Any]
_ONCE = "replay_guard_once"  # the decision left for after the ack, in the request's context
_WHO = "replay_guard_who"  # (user id, WhoRow): who asks, as the guard's statement read them
Seen = tuple[bool, WhoRow | None]  # new or not; who asks, when the same statement read them


def request_key(req: BoltRequest) -> str | None:
    """What makes the request itself: its event id (the same on Slack's retries), else its signature.
    None for a request without either (Socket Mode's interactions come over the app's own connection)."""
    body = req.body if isinstance(req.body, dict) else {}
    event_id = body.get("event_id")
    if isinstance(event_id, str) and event_id:
        return f"event:{event_id}"
    signature = req.headers.get("x-slack-signature") or []
    return f"signature:{signature[0]}" if signature and signature[0] else None


class SeenRequests:
    """What was seen in the last KEEP. On PostgreSQL, which replicas share, the row's insert decides,
    atomically. On SQLite, one process by rule, the decision is made in memory (an insert before the ack
    would wait on every write transaction of a burst, and SQLite's busy wait sleeps), and the rows are
    written after the ack, those of a burst together, so a restart still knows what was seen before it.
    The statements are built once and run on a bare connection: they are the whole cost of a request
    that the bot answers from what it kept."""

    def __init__(
        self, db: Database, now: Callable[[], dt.datetime], later: Callable[[Callable[[], None]], None]
    ) -> None:
        self._db, self._now, self._later = db, now, later
        self._lock = threading.Lock()
        self._next_purge = now() + PURGE_EVERY
        table = SeenRequest.__table__
        assert isinstance(table, Table)
        kept = dialect_insert(db.engine.dialect.name)(table).on_conflict_do_nothing(index_elements=["digest"])
        self._keep_all = kept
        self._insert = kept.returning(table.c.digest)  # a row back only when new (rowcount is -1 on psycopg)
        # The second attempt after a dropped connection: the first may have inserted the row before the
        # connection went, and then the row holds this attempt's own instant, which no other request has.
        again = dialect_insert(db.engine.dialect.name)(table)
        self._insert_again = again.on_conflict_do_update(
            index_elements=["digest"],
            set_={"seen_at": again.excluded.seen_at},
            where=table.c.seen_at == again.excluded.seen_at,
        ).returning(table.c.digest)
        self._purge = delete(table).where(table.c.seen_at < bindparam("before"))
        self._local: dict[str, dt.datetime] | None = None
        self._unwritten: list[dict[str, Any]] = []
        self._shared = db.engine
        self._insert_who: _DriverSql | None = None  # PostgreSQL's: SQLite's guard decides in memory
        if db.engine.dialect.name == "postgresql":
            self._insert_who = _insert_reading_who(self._insert, table, db.engine.dialect)
            self._shared = create_engine(
                db.engine.url,
                pool_size=2,
                pool_recycle=RECYCLE_SECONDS,
                isolation_level="AUTOCOMMIT",
                connect_args=_NO_WAIT,
            )
            event.listen(db.engine, "engine_disposed", lambda _engine: self._shared.dispose())
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as connection:
                rows = connection.execute(select(table.c.digest, table.c.seen_at))
                self._local = {str(digest): seen_at for digest, seen_at in rows}

    def first_time(self, key: str, user_id: str | None = None) -> Seen:
        """Remember `key`; False when it was already remembered, here or on another replica. On
        PostgreSQL the same round trip reads who `user_id` is, for the request's answer."""
        digest = hashlib.sha256(key.encode()).hexdigest()
        now = self._now()
        if self._local is None:
            return self._remember(digest, now, user_id)
        with self._lock:
            if digest in self._local:
                return False, None
            self._local[digest] = now
            self._unwritten.append({"digest": digest, "seen_at": now})
            first = len(self._unwritten) == 1
        if first:  # one write after the ack takes what arrived meanwhile too
            self._later(self._write)
        return True, None

    def _write(self) -> None:
        with self._lock:
            rows, self._unwritten = self._unwritten, []
        if rows:
            now = rows[-1]["seen_at"]
            with self._db.engine.begin() as connection:
                if self._purge_due(now):
                    connection.execute(self._purge, {"before": now - KEEP})
                connection.execute(self._keep_all, rows)

    def _remember(self, digest: str, now: dt.datetime, user_id: str | None) -> Seen:
        row = {"digest": digest, "seen_at": now}
        who = self._insert_who
        first = (who, {**row, "user": user_id}) if user_id and who else (self._insert, row)
        tries = [first, (self._insert_again, row)]  # the second without the person: who reads it

        def attempt() -> Any:
            statement, parameters = tries.pop(0)
            with self._shared.connect() as connection:
                if isinstance(statement, _DriverSql):
                    given = {**statement.defaults, **parameters, "seen_at": now.astimezone(dt.UTC)}
                    return connection.exec_driver_sql(statement.sql, given).first()
                return connection.execute(statement, parameters).first()

        found = again_if_dropped(attempt)
        if not tries and self._shared is not self._db.engine:
            # The server dropped the guard's connection, so the bot's too (a restart, a fail-over): its
            # pool is made anew now, before the request's work meets one of them.
            self._db.engine.dispose()
        if self._purge_due(now):  # old rows go after the ack, not in front of it
            self._later(lambda: self._purge_now(now))
        if found is None or found[0] is None:
            return False, None
        return True, (tuple(found[1:]) if user_id and len(found) > 1 else None)

    def _purge_now(self, now: dt.datetime) -> None:
        with self._shared.begin() as connection:
            connection.execute(self._purge, {"before": now - KEEP})

    def _purge_due(self, now: dt.datetime) -> bool:
        """At most once a PURGE_EVERY; what memory holds is trimmed at the same moment."""
        with self._lock:
            if now < self._next_purge:
                return False
            self._next_purge = now + PURGE_EVERY
            if self._local is not None:
                self._local = {d: at for d, at in self._local.items() if at >= now - KEEP}
            return True


def replay_guard(runtime: Runtime) -> Middleware:
    """Bolt middleware (after Bolt's own signature check) that lets each request through once."""
    seen = SeenRequests(runtime.db, runtime.now, runtime.after_ack)

    def _once(req: BoltRequest, resp: BoltResponse, next: Callable[[], Any]) -> Any:
        key = request_key(req)
        if key is None:
            return next()
        user_id = req.context.user_id
        if _acknowledged_alike(req):
            req.context[_ONCE] = _Decision(
                lambda: keep_who(req.context, seen.first_time(key, user_id)), _retried(req)
            )
            return next()
        if keep_who(req.context, seen.first_time(key, user_id)):
            return next()
        _ignored(_retried(req))
        return BoltResponse(status=200, body="")

    return _once


@dataclass(frozen=True)
class _DriverSql:
    """A statement compiled once, with the values of its own constants (the dashboard's area name)."""

    sql: str
    defaults: dict[str, Any]


def _insert_reading_who(insert: Any, table: Table, dialect: Dialect) -> _DriverSql:
    """The guard's INSERT with the person who asks read in the same statement: one round trip for the
    guard and the who-lookup that starts every answer (bot.people); the digest column is NULL when the
    request is not new. SQLAlchemy cannot key an INSERT inside a CTE for its statement cache and would
    compile it anew for every request (1.5 ms), so it is compiled once and sent as the driver's SQL."""
    named = {"digest": bindparam("digest"), "seen_at": bindparam("seen_at", type_=table.c.seen_at.type)}
    seen = insert.values(named).cte("seen")
    compiled = select(select(seen.c.digest).scalar_subquery(), *WHO_COLUMNS).compile(dialect=dialect)
    return _DriverSql(compiled.string, dict(compiled.params))


def keep_who(context: BoltContext, seen: Seen) -> bool:
    """Whether the request is new; who asks, when read with it, is kept in the request's own context."""
    new, who = seen
    if new and who is not None and context.user_id:
        context[_WHO] = (context.user_id, who)
    return new


def who_read(context: BoltContext, user_id: str) -> WhoRow | None:
    """Who `user_id` is, as the guard's statement read them for this request; taken once, since their
    language may change within the request (`/osallisuus lang`), after which they are read again."""
    found = context.pop(_WHO, None)
    return found[1] if isinstance(found, tuple) and found[0] == user_id else None


def carried_out_once(context: BoltContext) -> bool:
    """After a click's ack: whether its work is to be done (it was not seen before). Asked once per
    request; later asks get the same answer. True for a request the guard decided before its ack."""
    decision = context.get(_ONCE)
    return decision() if isinstance(decision, _Decision) else True


class _Decision:
    def __init__(self, decide: Callable[[], bool], retried: bool) -> None:
        self._decide, self._retried = decide, retried
        self._lock = threading.Lock()
        self._first: bool | None = None

    def __call__(self) -> bool:
        with self._lock:
            if self._first is None:
                self._first = self._decide()
                if not self._first:
                    _ignored(self._retried)
            return self._first


def _acknowledged_alike(req: BoltRequest) -> bool:
    """A click: its acknowledgement is empty, new or seen, so nothing is told by deciding after it."""
    return isinstance(req.body, dict) and req.body.get("type") == "block_actions"


def _retried(req: BoltRequest) -> bool:
    return bool(req.headers.get("x-slack-retry-num"))


def _ignored(retried: bool) -> None:
    log.info("a %s Slack request was acknowledged and ignored", "retried" if retried else "replayed")
