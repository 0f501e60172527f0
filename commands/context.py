"""What every subcommand is given: who asks, in which language, and how to reach the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from i18n import Gettext, translator
from storage.db import Database


@dataclass(frozen=True)
class Invocation:
    user_id: str
    language: str
    db: Database
    zone: ZoneInfo
    is_coordinator: bool
    now: Callable[[], dt.datetime]

    @property
    def _(self) -> Gettext:
        return translator(self.language)

    def today(self) -> dt.date:
        return self.now().astimezone(self.zone).date()
