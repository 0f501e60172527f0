"""What every subcommand is given: who asks, where, in which language, and the parts it may use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from config.settings import Settings
from participation.i18n import Gettext, translator
from participation.storage.db import Database


@dataclass(frozen=True)
class Invocation:
    user_id: str
    language: str
    db: Database
    settings: Settings
    is_coordinator: bool
    now: Callable[[], dt.datetime]
    channel_id: str | None = None
    on_commit: Callable[[], None] = lambda: None
    bot_user_id: str | None = None  # the bot's own Slack user, to find it among a channel's members

    @property
    def _(self) -> Gettext:
        return translator(self.language)

    @property
    def zone(self) -> ZoneInfo:
        return self.settings.zone

    def today(self) -> dt.date:
        return self.now().astimezone(self.zone).date()
