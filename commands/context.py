"""What every subcommand is given: who asks, where, in which language, and the parts it may use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

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
    # Only `commands/interactions/poll_answer.py` still uses Slack through this (chat.update after a
    # comment); it is moving to `bot/`, and then `client` and `slack()` go. Nothing else may use them.
    client: WebClient | None = None
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

    def slack(self) -> WebClient:
        if self.client is None:
            raise RuntimeError("this command needs Slack")
        return self.client
