"""The yearly planner: proposes the dates of a network's meetings, spread over the year.

Coordinators set how many meetings a network has (3–4 is usual), on which weekday, and the periods when
nobody should be asked to meet (by default July and the Christmas weeks). The planner only proposes:
coordinators confirm or move the dates, so the rules here aim at a sensible first draft, never a refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum

from config.blackouts import Blackout, BlackoutError, parse_blackouts
from participation.workdays import is_holiday, is_holiday_eve

__all__ = ["Blackout", "BlackoutError", "Unavailable", "parse_blackouts", "propose", "unavailable"]

# Gaps tried in turn: four weeks apart if the year allows, closer only when it must to fit them all.
_GAPS_IN_DAYS = (28, 21, 14, 7)
# No date is proposed this close to a meeting already booked: the booked one holds its part of the year.
_BOOKED_CLEARANCE = timedelta(days=28)


class Unavailable(StrEnum):
    """Why a day cannot have a meeting, so the bot can tell a coordinator who picked it."""

    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    HOLIDAY_EVE = "holiday_eve"
    BLACKOUT = "blackout"


def unavailable(day: date, blackouts: Sequence[Blackout]) -> Unavailable | None:
    """The first reason, in the order of `Unavailable`, why `day` cannot have a meeting; None if it can."""
    if day.isoweekday() > 5:
        return Unavailable.WEEKEND
    if is_holiday(day):
        return Unavailable.HOLIDAY
    if is_holiday_eve(day):
        return Unavailable.HOLIDAY_EVE
    if any(blackout.contains(day) for blackout in blackouts):
        return Unavailable.BLACKOUT
    return None


def propose(
    year: int,
    count: int,
    weekday: int,
    blackouts: Sequence[Blackout],
    not_before: date | None = None,
    booked: Sequence[date] = (),
) -> list[date]:
    """Up to `count` meeting dates in `year` on ISO `weekday`, spread evenly over the year's available days.

    The available days (from `not_before` on) are split into `count` equal parts and each meeting goes on
    the usable date nearest the middle of its part, at least four weeks from the next where the year
    allows. Fewer usable dates than `count` (late in the year, heavy blackouts) gives all of them.

    Meetings already `booked` in the year count towards `count`: only the missing ones are proposed, and
    none within four weeks of a booked one, so they fill the parts of the year that have no meeting.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    if not 1 <= weekday <= 5:
        raise ValueError(f"weekday must be 1 (Monday) to 5 (Friday), not {weekday}")
    count -= len(booked)
    if count < 1:
        return []
    available = [
        day
        for day in _available_days(year, blackouts, not_before)
        if all(abs(day - other) >= _BOOKED_CLEARANCE for other in booked)
    ]
    candidates = [day for day in available if day.isoweekday() == weekday]
    if len(candidates) <= count:
        return candidates
    targets = [available[(2 * part + 1) * len(available) // (2 * count)] for part in range(count)]
    for gap in _GAPS_IN_DAYS:
        chosen = _closest_plan(candidates, targets, timedelta(days=gap))
        if chosen is not None:
            return chosen
    raise AssertionError("unreachable: distinct dates on one weekday are always a week apart")


def _available_days(year: int, blackouts: Sequence[Blackout], not_before: date | None) -> list[date]:
    """The days of `year`, from `not_before` on, when a meeting could be held on any weekday."""
    first = date(year, 1, 1) if not_before is None else max(date(year, 1, 1), not_before)
    days = (first + timedelta(days=offset) for offset in range((date(year, 12, 31) - first).days + 1))
    return [day for day in days if unavailable(day, blackouts) is None]


# A plan so far: its total distance from the targets in days, then its dates; comparing plans as tuples
# prefers the smaller distance and, on a tie, the earlier dates.
_Plan = tuple[int, tuple[date, ...]]


def _closest_plan(candidates: list[date], targets: list[date], gap: timedelta) -> list[date] | None:
    """The increasing dates, at least `gap` apart, nearest in total to the targets; None if none fit.

    Taking each target's nearest date on its own can pick one date twice or two dates a week apart when
    usable dates are scarce; choosing them together keeps the nearest dates whenever those are fine.
    """
    ending_at: list[_Plan | None] = [(_distance(day, targets[0]), (day,)) for day in candidates]
    for target in targets[1:]:
        ending_at = [_extend(ending_at, candidates, day, target, gap) for day in candidates]
    plans = [plan for plan in ending_at if plan is not None]
    return list(min(plans)[1]) if plans else None


def _extend(
    ending_at: list[_Plan | None], candidates: list[date], day: date, target: date, gap: timedelta
) -> _Plan | None:
    """The best plan whose next meeting is on `day`: the best earlier plan ending at least `gap` before."""
    earlier = [
        plan
        for plan, last in zip(ending_at, candidates, strict=True)
        if plan is not None and last <= day - gap
    ]
    if not earlier:
        return None
    distance, dates = min(earlier)
    return distance + _distance(day, target), (*dates, day)


def _distance(day: date, target: date) -> int:
    """How many days `day` is from `target`, either way."""
    return abs((day - target).days)
