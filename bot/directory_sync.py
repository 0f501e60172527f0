"""Keeping the directory of people and channels from Slack: at start-up (and every few hours), on Slack's
member and user events, and lazily for a person who talks to the bot while their entry is stale.

Slack is read first and the database written after, in one short transaction: no transaction ever waits
on Slack, and a failed read leaves the stored directory as it was (one log line, no traceback).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import select

from bot.slack_reading import Sleep, call, definitive, failure, pages
from config.settings import Settings
from participation import directory
from participation.directory import PersonInfo
from participation.storage.db import Database
from participation.storage.models import NetworkRecord, utcnow

log = logging.getLogger(__name__)
MAX_AGE = dt.timedelta(hours=24)  # a person older than this is read again after they talk to the bot
# How long a person found fresh is not looked up again: the check after every answer would otherwise be a
# database session per request. Short beside MAX_AGE, so another replica's reading is soon seen.
RECHECK = dt.timedelta(minutes=10)
FRESH_KEPT = 10_000  # people whose freshness is remembered, at most
RESYNC_SECONDS = 6 * 3600  # user groups send no events the bot subscribes to: read them again this often
SLACK_FAILURES = (SlackApiError, SlackClientError, OSError)
_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def person_info(user: dict[str, Any]) -> PersonInfo:
    """A Slack user object (users.list, users.info, user_change, team_join) as the directory keeps it."""
    user_id = str(user.get("id") or "")
    profile = user.get("profile") or {}
    name = profile.get("real_name") or user.get("real_name") or user.get("name") or user_id
    return PersonInfo(
        user_id=user_id,
        name=str(name),
        email=profile.get("email") or None,
        locale=user.get("locale") or None,
        is_bot=bool(user.get("is_bot")) or user_id == "USLACKBOT",
        deleted=bool(user.get("deleted")),
    )


class DirectorySync:
    def __init__(
        self,
        client: WebClient,
        db: Database,
        settings: Settings,
        now: Callable[[], dt.datetime] = utcnow,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.client, self.db, self.settings, self.now, self.sleep = client, db, settings, now, sleep
        self.bot_user_id: str | None = None
        self.first_sync = threading.Event()  # set once the start-up sync has finished, well or not
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._pending: set[str] = set()
        self._fresh_until: dict[str, dt.datetime] = {}
        self._lock = threading.Lock()
        self._refresher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="directory")

    # --- the whole workspace ----------------------------------------------------------------------

    def sync_all(self) -> bool:
        """Everyone in the workspace, the members of the networks' channels and of the bot's own
        channels, and the coordinators in COORDINATORS' user groups; False if Slack could not be read."""
        try:
            users = pages(self.client.users_list, "members", self.sleep, include_locale=True)
            bot = self._bot()
            channels = self._linked_channels() | self._channels_of_bot(bot)
            members = {channel: self._members(channel) for channel in sorted(channels)}
            coordinators = self._group_members()
        except SLACK_FAILURES as error:
            log.warning("directory sync failed, the stored directory stays as it was: %s", failure(error))
            return False
        people = [person_info(user) for user in users if user.get("id")]
        now = self.now()
        with self.db.session() as session:
            directory.store_people(session, people, now)
            for channel, ids in members.items():
                directory.set_channel_members(session, channel, ids, now)
            directory.set_coordinators(session, coordinators)
        log.info("directory synced: %s people, %s channels", len(people), len(members))
        return True

    def start(self) -> None:
        """Sync now and then every RESYNC_SECONDS, in a thread of its own: serving does not wait."""
        self._stopping.clear()
        self._thread = threading.Thread(target=self._sync_forever, name="directory-sync", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        self._refresher.shutdown(wait=True, cancel_futures=True)

    def _sync_forever(self) -> None:
        while not self._stopping.is_set():
            try:
                self.sync_all()
            except Exception:
                log.exception("directory sync failed")
            finally:
                self.first_sync.set()
            self._stopping.wait(RESYNC_SECONDS)

    # --- one person, one channel ------------------------------------------------------------------

    def refresh_person(self, user_id: str) -> bool:
        try:
            user = call(self.client.users_info, self.sleep, user=user_id, include_locale=True).get("user")
        except SLACK_FAILURES as error:
            log.warning("could not refresh a person in the directory: %s", failure(error))
            return False
        self.store(user or {})
        return True

    def refresh_channel(self, channel_id: str) -> bool:
        try:
            members = self._members(channel_id)
        except SLACK_FAILURES as error:
            log.warning("could not refresh channel %s in the directory: %s", channel_id, failure(error))
            return False
        with self.db.session() as session:
            directory.set_channel_members(session, channel_id, members, self.now())
        return True

    def refresh_later(self, user_id: str) -> None:
        """After a person was answered: read them again in the background if they are unknown or stale."""
        with self._lock:
            if not user_id or user_id in self._pending or self._stopping.is_set():
                return
            if self.now() < self._fresh_until.get(user_id, _NEVER):
                return
            self._pending.add(user_id)
        try:
            self._refresher.submit(self._refresh_if_stale, user_id)
        except RuntimeError:  # shut down meanwhile
            self._done(user_id)

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Until every refresh asked for so far is done (one worker, so they run in order)."""
        self._refresher.submit(lambda: None).result(timeout)

    def _refresh_if_stale(self, user_id: str) -> None:
        try:
            now = self.now()
            with self.db.session() as session:
                stale = directory.stale_or_unknown(session, [user_id], now, MAX_AGE)
            if not stale:
                self._fresh(user_id, now + RECHECK)
            elif self.refresh_person(user_id):
                self._fresh(user_id, now + MAX_AGE)
        except Exception:
            log.exception("directory refresh failed")
        finally:
            self._done(user_id)

    def _fresh(self, user_id: str, until: dt.datetime) -> None:
        with self._lock:
            if len(self._fresh_until) >= FRESH_KEPT:
                self._fresh_until.clear()
            self._fresh_until[user_id] = until

    def _done(self, user_id: str) -> None:
        with self._lock:
            self._pending.discard(user_id)

    # --- Slack's events ---------------------------------------------------------------------------

    def store(self, user: dict[str, Any]) -> None:
        """A user object Slack sent (user_change, team_join) or gave (users.info)."""
        if user.get("id"):
            with self.db.session() as session:
                directory.store_people(session, [person_info(user)], self.now())

    def joined(self, channel_id: str, user_id: str, bot_user_id: str | None) -> None:
        """Someone joined a channel. When it is the bot, the channel's members are read: from now on
        the bot hears of every change."""
        with self.db.session() as session:
            directory.add_channel_member(session, channel_id, user_id, self.now())
            unknown = directory.stale_or_unknown(session, [user_id], self.now(), MAX_AGE)
        if user_id == bot_user_id:
            self.refresh_channel(channel_id)
        elif unknown:
            self.refresh_person(user_id)

    def left(self, channel_id: str, user_id: str, bot_user_id: str | None) -> None:
        """Someone left. When it is the bot, the channel's members are forgotten: it hears no more."""
        with self.db.session() as session:
            if user_id == bot_user_id:
                directory.set_channel_members(session, channel_id, [], self.now())
            else:
                directory.remove_channel_member(session, channel_id, user_id)

    # --- reading Slack ----------------------------------------------------------------------------

    def _bot(self) -> str:
        self.bot_user_id = str(call(self.client.auth_test, self.sleep).get("user_id") or "")
        return self.bot_user_id

    def _linked_channels(self) -> set[str]:
        with self.db.session() as session:
            return {channel for channel in session.scalars(select(NetworkRecord.channel_id)) if channel}

    def _channels_of_bot(self, bot: str) -> set[str]:
        found = pages(
            self.client.users_conversations,
            "channels",
            self.sleep,
            user=bot,
            types="public_channel,private_channel",
            exclude_archived=True,
        )
        return {str(channel.get("id")) for channel in found if channel.get("id")}

    def _members(self, channel_id: str) -> list[str]:
        """The channel's members; none when Slack says the bot cannot see it (not in it, or gone)."""
        try:
            found = pages(self.client.conversations_members, "members", self.sleep, channel=channel_id)
            return [str(user) for user in found]
        except SlackApiError as error:
            if not definitive(error):
                raise
            log.info("channel %s cannot be read (%s): no members kept", channel_id, failure(error))
            return []

    def _group_members(self) -> set[str]:
        found: set[str] = set()
        for group in sorted(self.settings.coordinator_groups):
            found |= set(self._group(group))
        return found

    def _group(self, group_id: str) -> Iterable[str]:
        try:
            return call(self.client.usergroups_users_list, self.sleep, usergroup=group_id).get("users") or []
        except SlackApiError as error:
            if not definitive(error):
                raise
            log.warning("coordinator group %s cannot be read: %s", group_id, failure(error))
            return []
