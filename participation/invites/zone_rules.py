"""A time zone's changes of UTC offset as yearly rules, the only kind Outlook's time-zone structure can
hold, checked year by year against the zoneinfo data. Arithmetic on zoneinfo alone, kept apart from the
iCalendar library: ics.py writes these rules down as a VTIMEZONE."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo

_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Change:
    """A change of UTC offset: when (UTC) and what clocks read on either side of it."""

    at: datetime
    offset_from: timedelta
    offset_to: timedelta
    daylight: bool
    name: str


@dataclass(frozen=True)
class YearlyRule:
    """A change that recurs each year on the nth (or last, week -1) weekday of a month at a wall-clock time,
    the only kind of rule Outlook's time-zone structure can hold. The clock time is read before the change,
    as RFC 5545 reads a VTIMEZONE's DTSTART against TZOFFSETFROM."""

    month: int
    week: int
    weekday: int
    clock: time
    offset_from: timedelta
    offset_to: timedelta
    daylight: bool
    name: str

    def onset(self, year: int) -> datetime:
        return datetime.combine(_nth_weekday(year, self.month, self.week, self.weekday), self.clock)

    def change_in(self, year: int) -> Change:
        at = (self.onset(year) - self.offset_from).replace(tzinfo=UTC)
        return Change(at, self.offset_from, self.offset_to, self.daylight, self.name)


@lru_cache(maxsize=64)
def yearly_rules(zone: ZoneInfo, first_year: int, last_year: int) -> tuple[YearlyRule, ...] | None:
    """The zone's changes in the first year as yearly rules, provided they give exactly the zone's changes
    in every year of the range; None otherwise. An empty tuple means a zone without changes."""
    rules = tuple(_rule_from(change) for change in _changes(zone, first_year))
    for year in range(first_year, last_year + 1):
        if _changes(zone, year) != tuple(sorted((rule.change_in(year) for rule in rules), key=_when)):
            return None
    return rules


def utc_offset(zone: ZoneInfo, moment: datetime) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    if offset is None:
        raise ValueError(f"{zone.key} gives no UTC offset")
    return offset


def _when(change: Change) -> datetime:
    return change.at


def _rule_from(change: Change) -> YearlyRule:
    onset = (change.at + change.offset_from).replace(tzinfo=None)
    days_in_month = calendar.monthrange(onset.year, onset.month)[1]
    week = -1 if onset.day > days_in_month - 7 else (onset.day + 6) // 7
    return YearlyRule(
        onset.month,
        week,
        onset.weekday(),
        onset.time(),
        change.offset_from,
        change.offset_to,
        change.daylight,
        change.name,
    )


def _changes(zone: ZoneInfo, year: int) -> tuple[Change, ...]:
    """Every change of offset in a year, found day by day and then to the second."""
    days_in_year = 366 if calendar.isleap(year) else 365
    start = datetime(year, 1, 1, tzinfo=UTC)
    days = [start + timedelta(days=n) for n in range(days_in_year + 1)]
    instants = [
        _first_second_of(zone, before, after)
        for before, after in pairwise(days)
        if utc_offset(zone, before) != utc_offset(zone, after)
    ]
    return tuple(_change_at(zone, instant) for instant in instants)


def _first_second_of(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """The first second at which `after`'s offset is in use; tzdata changes fall on whole seconds."""
    target = utc_offset(zone, after)
    low, high = int(before.timestamp()), int(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if utc_offset(zone, datetime.fromtimestamp(middle, UTC)) == target:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def _change_at(zone: ZoneInfo, instant: datetime) -> Change:
    local = instant.astimezone(zone)
    return Change(
        instant,
        utc_offset(zone, instant - _SECOND),
        utc_offset(zone, instant),
        bool(local.dst()),
        local.tzname() or "",
    )


def _nth_weekday(year: int, month: int, week: int, weekday: int) -> date:
    if week > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)
