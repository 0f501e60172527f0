"""Who a Slack user is to the bot: the language to speak with them, and whether they coordinate.

Both come from the database, never from Slack, so answering a person never waits on Slack: the language
is their own choice (`/osallisuus lang`), else their Slack locale as the directory has it, else
DEFAULT_LANGUAGE; a coordinator is named in COORDINATORS, or is in one of its user groups as the
directory sync last found them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from config.settings import Settings
from participation import directory
from participation.directory.read import WhoRow, who_of
from participation.storage import revisions
from participation.storage.db import Database

# Who asks, as the request's first statement already read it (bot.replay on PostgreSQL): (user, row).
_READ: ContextVar[tuple[str, WhoRow] | None] = ContextVar("who_read_with_the_guard", default=None)


def read_already(user_id: str, row: WhoRow) -> None:
    """Keep what the request's first statement read of `user_id`, for this request's first `who`, inside
    `one_request` (the replay guard's scope of the request)."""
    _READ.set((user_id, row))


@contextmanager
def one_request() -> Iterator[None]:
    """Around a request's handling up to its ack: what `read_already` kept is gone after it, whichever
    thread runs the next request (an HTTP server's, or a caller's own, such as the terminal shell's).
    Bolt's listener threads and the work after the ack run in copies of the context made within it."""
    token = _READ.set(None)
    try:
        yield
    finally:
        _READ.reset(token)


class People:
    def __init__(self, settings: Settings, db: Database) -> None:
        self._settings = settings
        self._db = db

    def who(self, user_id: str) -> tuple[str, bool]:
        """The person's language and whether they coordinate, in one short read (one round trip), or
        none when the request's first statement read it already; that is taken once, as a person's
        language may change within the request (`/osallisuus lang`)."""
        read = _READ.get()
        if read is not None and read[0] == user_id:
            _READ.set(None)
            revisions.note_read(self._db.engine, read[1][3])
            return who_of(read[1], user_id, self._settings.default_language, self._settings.coordinator_users)
        return self._db.read(
            lambda session: directory.who(
                session, user_id, self._settings.default_language, self._settings.coordinator_users
            )
        )
