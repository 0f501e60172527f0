"""The periods of every year when nobody should be asked to meet (the MEETING_BLACKOUTS setting, by
default July and the Christmas weeks). Read here, beside the settings, so a bad setting is refused when
the settings load; the meeting planner (participation/meetings/planner.py) uses them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PART = re.compile(r"([0-9]{2})-([0-9]{2})\.\.([0-9]{2})-([0-9]{2})")
# Leap year, so that a blackout may start or end on 29 February.
_LEAP_YEAR = 2024


@dataclass(frozen=True)
class Blackout:
    """A period of every year, both ends included, with no meetings; it may wrap the year end."""

    start: tuple[int, int]
    end: tuple[int, int]

    def contains(self, day: date) -> bool:
        """Whether `day` falls in the period, whichever year it is in."""
        month_day = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= month_day <= self.end
        return month_day >= self.start or month_day <= self.end


class BlackoutError(ValueError):
    """A blackout setting that cannot be read; the message names the part at fault for the coordinator."""


def parse_blackouts(text: str) -> tuple[Blackout, ...]:
    """Read a setting like "07-01..07-31,12-18..01-06"; an empty setting means no blackouts."""
    if not text.strip():
        return ()
    return tuple(_parse_blackout(part.strip()) for part in text.split(","))


def _parse_blackout(part: str) -> Blackout:
    """One "MM-DD..MM-DD" period; a date that no year has (07-32, 02-30) is as wrong as a typo."""
    match = _PART.fullmatch(part)
    if match is None:
        raise BlackoutError(f"'{part}' is not MM-DD..MM-DD")
    start_month, start_day, end_month, end_day = (int(group) for group in match.groups())
    if not (_is_month_day(start_month, start_day) and _is_month_day(end_month, end_day)):
        raise BlackoutError(f"'{part}' is not MM-DD..MM-DD")
    return Blackout((start_month, start_day), (end_month, end_day))


def _is_month_day(month: int, day: int) -> bool:
    """Whether the month and day exist in some year."""
    try:
        date(_LEAP_YEAR, month, day)
    except ValueError:
        return False
    return True
