"""Nothing a request sets in its context outlives it: the server runs the next request on the same
thread, and a value left behind (who asks, as the replay guard read them; the dashboard's revision)
would answer that request with another one's."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from typing import Any

from bot.people import People, one_request, read_already
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


def test_who_the_replay_guard_read_is_gone_after_the_request(settings: Settings) -> None:
    """The guard's statement reads who asks (PostgreSQL); the request's first `who` takes that, and once
    the request is acknowledged nothing of it is left for a later request on the same thread, as the
    terminal shell runs them one after another on its own."""
    db = Database(settings.database_url)
    try:
        people = People(settings, db)
        with one_request():
            read_already("UEN00001", ("sv", None, False, None))
            assert people.who("UEN00001") == ("sv", False)
            read_already("UEN00001", ("sv", None, False, None))
        assert people.who("UEN00001") == (settings.default_language, False)  # from the database
    finally:
        db.dispose()
