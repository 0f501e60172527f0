"""What the dispatcher hands a transport: neutral, composed in the recipient's language, ready to draw.

The transport (Slack's lives in `bot/transport.py`) is the only part that knows how a reply looks on the
wire. It raises `SendError` to say whether trying again later may help; anything else it raises counts
as passing trouble.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from participation.messages import Reply


@dataclass(frozen=True)
class OutgoingMessage:
    key: str  # the outbox key: the transport marks the message with it, to find it again after a crash
    to: str  # a user id (a direct message), a channel id or a direct-message id
    reply: Reply
    language: str
    thread: str | None = None
    in_doubt: bool = False  # an earlier attempt may have posted it: look before posting again
    since: dt.datetime | None = None  # no copy of it can be older than this


@dataclass(frozen=True)
class FilePart:
    filename: str
    content: bytes
    title: str


@dataclass(frozen=True)
class OutgoingFile:
    """One message sharing a file, or several: `more` are shared in the same message, after the first."""

    key: str
    to: str
    filename: str
    content: bytes
    title: str
    comment: str | None
    language: str
    more: tuple[FilePart, ...] = ()

    def parts(self) -> tuple[FilePart, ...]:
        return (FilePart(self.filename, self.content, self.title), *self.more)


@dataclass(frozen=True)
class LegacySlackItem:
    """An item queued by a version that stored Slack's own JSON; sent as it was stored."""

    key: str
    kind: str
    payload: dict[str, Any]
    in_doubt: bool
    since: dt.datetime | None


class SendError(Exception):
    """A failed attempt, with what the transport knows about trying again."""

    def __init__(
        self, error: str, *, retry: bool, retry_after: float | None = None, rate_limited: bool = False
    ) -> None:
        super().__init__(error)
        self.retry = retry
        self.retry_after = retry_after
        self.rate_limited = rate_limited


class Transport(Protocol):
    def post(self, message: OutgoingMessage) -> dict[str, Any]: ...

    def share(self, file: OutgoingFile) -> dict[str, Any]: ...

    def send_legacy(self, item: LegacySlackItem) -> dict[str, Any]: ...

    def find(self, key: str, to: str, thread: str | None, since: dt.datetime) -> dict[str, Any] | None:
        """Where the message with this key was posted, if it was: how a crash in doubt is settled."""
        ...
