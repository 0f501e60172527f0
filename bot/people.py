"""Who a Slack user is to the bot: the language to speak with them, and whether they coordinate.

Slack is asked at most once an hour per person (users.info, usergroups.users.list); a person's own
choice (`/osallisuus lang`) is read from the database every time, so it takes effect at once.
"""

from __future__ import annotations

import logging
import time
from threading import Lock
from typing import TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from config.settings import Settings
from participation.i18n import supported
from participation.storage.db import Database
from participation.storage.models import UserPreference

log = logging.getLogger(__name__)
TTL_SECONDS = 3600.0
_V = TypeVar("_V")


class People:
    def __init__(self, settings: Settings, db: Database) -> None:
        self._settings = settings
        self._db = db
        self._locales: dict[str, tuple[float, str | None]] = {}
        self._groups: dict[str, tuple[float, frozenset[str]]] = {}
        self._lock = Lock()

    def language(self, user_id: str, client: WebClient) -> str:
        with self._db.session() as session:
            preference = session.get(UserPreference, user_id)
            if preference is not None:
                return preference.language
        return supported(self._locale(user_id, client)) or self._settings.default_language

    def is_coordinator(self, user_id: str, client: WebClient) -> bool:
        if user_id in self._settings.coordinator_users:
            return True
        return any(user_id in self._group(group, client) for group in self._settings.coordinator_groups)

    def _locale(self, user_id: str, client: WebClient) -> str | None:
        cached = self._cached(self._locales, user_id)
        if cached is not None:
            return cached[1]
        locale = None
        try:
            response = client.users_info(user=user_id, include_locale=True)
            locale = (response.get("user") or {}).get("locale")
        except (SlackApiError, SlackClientError, OSError) as error:
            log.warning("users.info failed for %s: %s", user_id, type(error).__name__)
        with self._lock:
            self._locales[user_id] = (time.monotonic(), locale)
        return locale

    def _group(self, group_id: str, client: WebClient) -> frozenset[str]:
        cached = self._cached(self._groups, group_id)
        if cached is not None:
            return cached[1]
        members: frozenset[str] = frozenset()
        try:
            response = client.usergroups_users_list(usergroup=group_id)
            members = frozenset(response.get("users") or [])
        except (SlackApiError, SlackClientError, OSError) as error:
            log.warning("usergroups.users.list failed for %s: %s", group_id, type(error).__name__)
            return members
        with self._lock:
            self._groups[group_id] = (time.monotonic(), members)
        return members

    def _cached(self, cache: dict[str, tuple[float, _V]], key: str) -> tuple[float, _V] | None:
        with self._lock:
            entry = cache.get(key)
        if entry is None or time.monotonic() - entry[0] > TTL_SECONDS:
            return None
        return entry
