"""Nothing a request sets in its context outlives it: the server runs the next request on the same
thread, and a value left behind (who asks, as the replay guard read them; the dashboard's revision)
would answer that request with another one's."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from typing import Any

from bot.request_ids import with_request_ids

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
