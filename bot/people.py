"""Who a Slack user is to the bot: the language to speak with them, and whether they coordinate.

Both come from the database, never from Slack, so answering a person never waits on Slack: the language
is their own choice (`/osallisuus lang`), else their Slack locale as the directory has it, else
DEFAULT_LANGUAGE; a coordinator is named in COORDINATORS, or is in one of its user groups as the
directory sync last found them.
"""

from __future__ import annotations

from config.settings import Settings
from participation import directory
from participation.directory.read import WhoRow, who_of
from participation.storage import revisions
from participation.storage.db import Database


class People:
    def __init__(self, settings: Settings, db: Database) -> None:
        self._settings = settings
        self._db = db

    def who(self, user_id: str, read: WhoRow | None = None) -> tuple[str, bool]:
        """The person's language and whether they coordinate, in one short read (one round trip), or
        none when the request's first statement read it already (`read`, bot.replay)."""
        if read is not None:
            revisions.note_read(self._db.engine, read[3])
            return who_of(read, user_id, self._settings.default_language, self._settings.coordinator_users)
        return self._db.read(
            lambda session: directory.who(
                session, user_id, self._settings.default_language, self._settings.coordinator_users
            )
        )
