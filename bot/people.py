"""Who a Slack user is to the bot: the language to speak with them, and whether they coordinate.

Both come from the database, never from Slack, so answering a person never waits on Slack: the language
is their own choice (`/osallisuus lang`), else their Slack locale as the directory has it, else
DEFAULT_LANGUAGE; a coordinator is named in COORDINATORS, or is in one of its user groups as the
directory sync last found them.
"""

from __future__ import annotations

from sqlalchemy import String, bindparam, select

from config.settings import Settings
from participation import directory
from participation.i18n import supported
from participation.storage.db import Database
from participation.storage.models import Person, UserPreference

_USER = bindparam("user", type_=String())
# Built once: a statement object keeps its SQL cache key, so each use only binds the user.
_WHO = select(
    select(UserPreference.language).where(UserPreference.slack_user_id == _USER).scalar_subquery(),
    select(Person.locale).where(Person.slack_user_id == _USER).scalar_subquery(),
    select(Person.coordinator).where(Person.slack_user_id == _USER).scalar_subquery(),
)


class People:
    def __init__(self, settings: Settings, db: Database) -> None:
        self._settings = settings
        self._db = db

    def who(self, user_id: str) -> tuple[str, bool]:
        """The person's language and whether they coordinate, in one statement: every command asks it
        before it does anything else, so it is a part of every answer's time."""
        with self._db.session() as session:
            language, locale, coordinator = session.execute(_WHO, {"user": user_id}).one()
        language = language or supported(locale) or self._settings.default_language
        return language, user_id in set(self._settings.coordinator_users) or bool(coordinator)

    def language(self, user_id: str) -> str:
        with self._db.session() as session:
            return directory.language_of(session, user_id, self._settings.default_language)

    def coordinators(self) -> list[str]:
        with self._db.session() as session:
            return directory.coordinator_ids(session, self._settings.coordinator_users)
