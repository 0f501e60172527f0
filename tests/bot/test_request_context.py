"""Nothing a request sets in its context outlives it: the server runs the next request on the same
thread, and a value left behind (the dashboard's revision, who asks) would answer that request with
another one's."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import BoltContext

from bot.people import People
from bot.replay import keep_who, who_read
from bot.request_ids import with_request_ids
from config.settings import Settings
from participation.storage.db import Database

LEFT: contextvars.ContextVar[str | None] = contextvars.ContextVar("left_by_a_request", default=None)


def _app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    seen = LEFT.get()
    LEFT.set(environ["PATH_INFO"])
    start_response("200 OK", [])
    return [str(seen).encode()]


def test_a_request_sees_nothing_an_earlier_one_on_its_thread_set() -> None:
    served = with_request_ids(_app)
    headers: list[tuple[str, str]] = []

    def start(_status: str, given: list[tuple[str, str]], _exc: Any = None) -> None:
        headers.extend(given)

    assert b"".join(served({"PATH_INFO": "/first"}, start)) == b"None"
    assert b"".join(served({"PATH_INFO": "/second"}, start)) == b"None"
    assert LEFT.get() is None
    assert [name for name, _ in headers] == ["X-Request-Id", "X-Request-Id"]


def test_who_the_replay_guard_read_is_taken_once_and_only_for_that_person(settings: Settings) -> None:
    """The guard's statement reads who asks (PostgreSQL) into the request's own Bolt context: the
    request's first `who` takes it; a later one in the same request (after `/osallisuus lang`, say),
    or one for somebody else, reads the database."""
    db = Database(settings.database_url)
    try:
        people = People(settings, db)
        context = BoltContext(user_id="UEN00001")
        assert keep_who(context, (True, ("sv", None, False, None)))
        assert who_read(context, "UOTHER001") is None
        context = BoltContext(user_id="UEN00001")
        keep_who(context, (True, ("sv", None, False, None)))
        read = who_read(context, "UEN00001")
        assert read is not None and people.who("UEN00001", read) == ("sv", False)
        assert who_read(context, "UEN00001") is None
        assert people.who("UEN00001") == (settings.default_language, False)  # from the database
    finally:
        db.dispose()
