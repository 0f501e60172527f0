"""Finnish working days, so that meetings and reminders never land on a day nobody is at work.

The calendar is the `holidays` package's Finland calendar (public holidays only). It already lists the two
eves that Finns take off as a matter of course, Midsummer Eve (juhannusaatto) and Christmas Eve
(jouluaatto), so they count as holidays here too. Any other day before a holiday (e.g. Vappu eve, 30 April)
is a *holiday eve*: a working day, but a poor one for a meeting because many people are away.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

__all__ = [
    "finnish_holidays",
    "is_holiday",
    "is_holiday_eve",
    "is_working_day",
    "previous_working_day",
    "working_days_after",
    "working_days_before",
]

# Names in Finnish whatever the server's locale: without an explicit language the package guesses one
# from LANG/LC_ALL, which would make the names depend on where the bot happens to run.
_LANGUAGE = "fi"
_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> Mapping[date, str]:
    """One year's holidays, built once: the package's calendar is slow to build and asked for every day.
    The package is imported here, at the first question: it loads every country's calendar, which would
    otherwise be a tenth of a second of every start."""
    import holidays

    calendar = holidays.country_holidays("FI", years=year, language=_LANGUAGE)
    return MappingProxyType({day: str(name) for day, name in sorted(calendar.items())})


def finnish_holidays(year: int) -> dict[date, str]:
    """The public holidays of `year` with their Finnish names, in date order.

    A fresh dict each time, so that a caller changing it cannot corrupt the shared cache.
    """
    return dict(_holidays_of(year))


def is_holiday(day: date) -> bool:
    """Whether `day` is a public holiday (Midsummer Eve and Christmas Eve included)."""
    return day in _holidays_of(day.year)


def is_holiday_eve(day: date) -> bool:
    """Whether `day` is the day before a public holiday (31 December looks into the next year).

    The package's own eves qualify too, since each is followed by its holiday; a holiday followed by
    another holiday (Christmas Day) is an eve as well, though it is of course also a holiday.
    """
    return is_holiday(day + _ONE_DAY)


def is_working_day(day: date) -> bool:
    """Whether `day` is Monday to Friday and not a public holiday; eves of holidays are working days."""
    return day.isoweekday() <= 5 and not is_holiday(day)


def working_days_before(day: date, count: int) -> date:
    """The date `count` working days before `day`, `day` itself not counted.

    Used to send things "n working days before" a meeting, so a Monday meeting's 1-day reminder goes out
    on the Friday before, and one after Easter on the Thursday before Good Friday.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    current = day
    for _ in range(count):
        current = _previous_working_day_from(current)
    return current


def working_days_after(day: date, count: int) -> date:
    """The date `count` working days after `day`, `day` itself not counted.

    Used to wait "n working days" after something: two working days after a Friday is the Tuesday, and
    after Maundy Thursday the Wednesday after Easter.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    current = day
    for _ in range(count):
        current = _next_working_day_from(current)
    return current


def previous_working_day(day: date) -> date:
    """The last working day before `day`."""
    return working_days_before(day, 1)


def _previous_working_day_from(day: date) -> date:
    """The nearest working day strictly before `day`; Finland never has more than a few days off in a row."""
    current = day - _ONE_DAY
    while not is_working_day(current):
        current -= _ONE_DAY
    return current


def _next_working_day_from(day: date) -> date:
    """The nearest working day strictly after `day`."""
    current = day + _ONE_DAY
    while not is_working_day(current):
        current += _ONE_DAY
    return current
