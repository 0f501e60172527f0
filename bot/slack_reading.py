"""Reading lists from Slack's Web API: page by page with the cursor, waiting out rate limits.

Slack answers a busy method with HTTP 429 and a `Retry-After` header; the page is asked again after
that wait (bounded, so a bad header cannot stall a thread for long). Any other failure is the caller's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

PAGE = 200  # Slack's recommended page size for users.list and conversations.members
MAX_PAGES = 10_000  # a cursor that never ends must not keep a thread forever
MAX_WAIT = 30.0  # the longest Retry-After honoured, in seconds
ATTEMPTS = 6  # tries per page while Slack keeps saying 429

Sleep = Callable[[float], None]


def call(method: Callable[..., SlackResponse], sleep: Sleep = time.sleep, **args: Any) -> SlackResponse:
    """One Web API call, asked again after Slack's `Retry-After` while it answers 429."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return method(**args)
        except SlackApiError as error:
            if error.response.status_code != 429 or attempt == ATTEMPTS:
                raise
            sleep(retry_after(error.response.headers))
    raise AssertionError("unreachable")  # pragma: no cover


def pages(
    method: Callable[..., SlackResponse], key: str, sleep: Sleep = time.sleep, **args: Any
) -> list[Any]:
    """Every item under `key` across all pages (`limit`, `cursor`, `response_metadata.next_cursor`)."""
    items: list[Any] = []
    cursor = ""
    for _page in range(MAX_PAGES):
        response = call(method, sleep, limit=PAGE, **args, **({"cursor": cursor} if cursor else {}))
        items += list(response.get(key) or [])
        cursor = str((response.get("response_metadata") or {}).get("next_cursor") or "")
        if not cursor:
            return items
    raise SlackClientError(f"more than {MAX_PAGES} pages of {key}")


def retry_after(headers: dict[str, Any] | Any) -> float:
    """Slack's `Retry-After` in seconds, bounded to MAX_WAIT; one second when missing or unreadable."""
    found = {str(name).lower(): value for name, value in dict(headers or {}).items()}
    value = found.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        seconds = float(value) if value is not None else 1.0
    except (TypeError, ValueError):
        seconds = 1.0
    return min(max(seconds, 0.0), MAX_WAIT)


def failure(error: Exception) -> str:
    """A short reason for the log, without a traceback: Slack's error code, or the exception's kind."""
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or f"HTTP {error.response.status_code}")
    return type(error).__name__


def definitive(error: Exception) -> bool:
    """Slack answered, and said no (`ok: false` with HTTP 200): asking again would not change it."""
    return isinstance(error, SlackApiError) and error.response.status_code == 200
