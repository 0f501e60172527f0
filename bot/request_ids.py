"""Each HTTP request gets an id that every log line written while handling it carries (config/logs.py).

The web layer sets it for the request's thread; Bolt runs a listener in its own thread pool after the
acknowledgement, so that pool copies the submitting thread's context into each task, id included.
The id goes back in the `X-Request-Id` response header, which gunicorn's access line picks up; an id
sent by a load balancer in that header is kept, so its logs and ours can be matched.
"""

from __future__ import annotations

import contextvars
import re
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

from config.logs import REQUEST_ID, REQUEST_ID_HEADER

P = ParamSpec("P")
T = TypeVar("T")
_GIVEN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_ENVIRON_KEY = "HTTP_" + REQUEST_ID_HEADER.upper().replace("-", "_")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class ContextThreadPool(ThreadPoolExecutor):
    """A thread pool whose tasks run in the context they were submitted from."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        context = contextvars.copy_context()
        return super().submit(lambda: context.run(fn, *args, **kwargs))


def listener_pool() -> ContextThreadPool:
    return ContextThreadPool(max_workers=5, thread_name_prefix="bolt-listener")  # Bolt's default size


def with_request_ids(app: WSGIApp) -> WSGIApp:
    """Each request in a context of its own: what it sets (its id, the dashboard's revision as its
    who-lookup read it) is gone with it, never seen by the next request on the same thread."""

    def isolated(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        return contextvars.copy_context().run(handle, environ, start_response)

    def handle(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        given = environ.get(_ENVIRON_KEY, "")
        request_id = given if _GIVEN.match(given) else uuid.uuid4().hex[:16]
        token = REQUEST_ID.set(request_id)

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            return start_response(status, [*headers, (REQUEST_ID_HEADER, request_id)], exc_info)

        try:
            return app(environ, start)
        finally:
            REQUEST_ID.reset(token)

    return isolated
