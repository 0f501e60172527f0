"""A clock the tests move by hand, for the domain's idea of "now" (Slack's signatures still use real time)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.current = start.astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.current

    def set(self, moment: dt.datetime) -> None:
        self.current = moment.astimezone(dt.UTC)

    def advance(self, **delta: float) -> None:
        self.current += dt.timedelta(**delta)


def helsinki(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)
