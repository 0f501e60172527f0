"""After a failed attempt: whether to try again, and when.

Retry what time may cure (rate limits, 5xx, time-outs, lost connections, SMTP trouble), not the rest.
The transport says which is which for Slack (`SendError`); anything unforeseen counts as passing, since
retrying it costs a few attempts while failing it at once could lose a message to a glitch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from participation.outbox.compose import PermanentError
from participation.outbox.outgoing import SendError

FIRST_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class Failure:
    """What went wrong with one attempt, and whether trying again later could help."""

    error: str
    retry: bool
    retry_after: float | None = None
    rate_limited: bool = False


def classify(error: Exception) -> Failure:
    """Retry what time may cure (rate limits, 5xx, time-outs, lost connections, SMTP trouble), not the rest.

    Anything unforeseen counts as passing: retrying it costs a few attempts, while failing it at once
    could lose a message to a glitch; the attempt limit still ends it.
    """
    if isinstance(error, PermanentError):
        return Failure(str(error), retry=False)
    if isinstance(error, SendError):
        return Failure(str(error), error.retry, error.retry_after, error.rate_limited)
    return Failure(f"{type(error).__name__}: {error}", retry=True)


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """Slack's Retry-After when it gave one; otherwise 30 s doubled per attempt, at most an hour."""
    if retry_after is not None:
        return timedelta(seconds=retry_after)
    doubled: timedelta = FIRST_BACKOFF * 2 ** max(attempts - 1, 0)
    return min(doubled, MAX_BACKOFF)
