"""Finnish holidays, their eves and working days, checked against dates known from the calendar and, over
many years, against the holidays package read directly."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from participation.workdays import (
    finnish_holidays,
    is_holiday,
    is_holiday_eve,
    is_working_day,
    previous_working_day,
    working_days_after,
    working_days_before,
)

# The package's calendar read directly, with no cache of ours in between: the oracle for the properties.
ORACLE = holidays.country_holidays("FI", years=range(2022, 2043))
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2040, 12, 31))

HOLIDAYS_2027 = {
    date(2027, 1, 1): "Uudenvuodenpäivä",
    date(2027, 1, 6): "Loppiainen",
    date(2027, 3, 26): "Pitkäperjantai",
    date(2027, 3, 28): "Pääsiäispäivä",
    date(2027, 3, 29): "Toinen pääsiäispäivä",
    date(2027, 5, 1): "Vappu",
    date(2027, 5, 6): "Helatorstai",
    date(2027, 5, 16): "Helluntaipäivä",
    date(2027, 6, 25): "Juhannusaatto",
    date(2027, 6, 26): "Juhannuspäivä",
    date(2027, 11, 6): "Pyhäinpäivä",
    date(2027, 12, 6): "Itsenäisyyspäivä",
    date(2027, 12, 24): "Jouluaatto",
    date(2027, 12, 25): "Joulupäivä",
    date(2027, 12, 26): "Tapaninpäivä",
}


def test_the_2027_holidays_are_the_finnish_calendar_with_finnish_names() -> None:
    assert finnish_holidays(2027) == HOLIDAYS_2027
    assert list(finnish_holidays(2027)) == sorted(HOLIDAYS_2027)


def test_a_caller_changing_the_holidays_does_not_change_them_for_others() -> None:
    finnish_holidays(2027).clear()
    assert finnish_holidays(2027) == HOLIDAYS_2027
    assert is_holiday(date(2027, 12, 6))


@pytest.mark.parametrize("year", range(2024, 2041))
def test_every_year_has_the_two_eves_finns_take_off(year: int) -> None:
    names = finnish_holidays(year)
    midsummer_eve = next(day for day, name in names.items() if name == "Juhannusaatto")
    assert midsummer_eve.isoweekday() == 5 and date(year, 6, 19) <= midsummer_eve <= date(year, 6, 25)
    assert names[date(year, 12, 24)] == "Jouluaatto"
    assert len(names) == 15


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 3, 25), False),  # Maundy Thursday: a working day
        (date(2027, 3, 26), True),  # Good Friday
        (date(2027, 3, 29), True),  # Easter Monday
        (date(2027, 3, 30), False),
        (date(2027, 4, 30), False),  # Vappu eve
        (date(2027, 5, 1), True),
        (date(2027, 6, 24), False),
        (date(2027, 6, 25), True),  # Midsummer Eve, listed by the package
        (date(2027, 12, 5), False),
        (date(2027, 12, 6), True),
        (date(2027, 12, 31), False),
    ],
)
def test_is_holiday(day: date, expected: bool) -> None:
    assert is_holiday(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 1, 5), True),  # before Epiphany
        (date(2027, 3, 25), True),  # before Good Friday
        (date(2027, 3, 24), False),
        (date(2027, 4, 29), False),
        (date(2027, 4, 30), True),  # Vappu eve
        (date(2027, 5, 5), True),  # before Ascension Day
        (date(2027, 6, 24), True),  # before Midsummer Eve
        (date(2027, 6, 25), True),  # Midsummer Eve itself
        (date(2028, 12, 5), True),  # before Independence Day, a Tuesday that year
        (date(2028, 12, 4), False),
        (date(2028, 12, 7), False),
        (date(2027, 12, 23), True),  # before Christmas Eve
        (date(2027, 12, 24), True),  # Christmas Eve itself
        (date(2027, 12, 31), True),  # before New Year's Day of the next year
        (date(2027, 12, 30), False),
    ],
)
def test_is_holiday_eve(day: date, expected: bool) -> None:
    assert is_holiday_eve(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 4, 30), True),  # an eve is still a working day
        (date(2027, 12, 31), True),
        (date(2027, 3, 26), False),  # Good Friday
        (date(2027, 12, 6), False),  # Independence Day, a Monday
        (date(2027, 12, 24), False),  # Christmas Eve, a Friday
        (date(2027, 6, 25), False),  # Midsummer Eve
        (date(2027, 3, 27), False),  # Saturday
        (date(2027, 3, 28), False),  # Sunday
        (date(2027, 3, 30), True),
    ],
)
def test_is_working_day(day: date, expected: bool) -> None:
    assert is_working_day(day) is expected


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (date(2027, 3, 1), 1, date(2027, 2, 26)),  # Monday -> the Friday before
        (date(2027, 3, 3), 1, date(2027, 3, 2)),
        (date(2027, 3, 2), 2, date(2027, 2, 26)),  # across a weekend
        (date(2027, 3, 27), 1, date(2027, 3, 25)),  # a Saturday counts from Friday, a holiday
        (date(2027, 3, 30), 1, date(2027, 3, 25)),  # after Easter: the Thursday before Good Friday
        (date(2027, 3, 30), 2, date(2027, 3, 24)),
        (date(2027, 4, 6), 5, date(2027, 3, 30)),
        (date(2027, 12, 7), 1, date(2027, 12, 3)),  # after Independence Day on a Monday
        (date(2027, 12, 27), 1, date(2027, 12, 23)),  # after Christmas
        (date(2028, 1, 3), 1, date(2027, 12, 31)),  # into the previous year
        (date(2027, 1, 7), 2, date(2027, 1, 4)),  # Epiphany on Wednesday
    ],
)
def test_working_days_before(day: date, count: int, expected: date) -> None:
    assert working_days_before(day, count) == expected


@pytest.mark.parametrize("count", [0, -1])
def test_working_days_before_needs_at_least_one_day(count: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        working_days_before(date(2027, 3, 1), count)


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (date(2027, 2, 26), 1, date(2027, 3, 1)),  # Friday -> the Monday after
        (date(2027, 2, 26), 2, date(2027, 3, 2)),  # across a weekend
        (date(2027, 3, 2), 2, date(2027, 3, 4)),
        (date(2027, 3, 27), 1, date(2027, 3, 30)),  # a Saturday of Easter: Tuesday after Easter Monday
        (date(2027, 3, 25), 2, date(2027, 3, 31)),  # Maundy Thursday: over the Easter holidays
        (date(2027, 12, 23), 1, date(2027, 12, 27)),  # over Christmas
        (date(2027, 12, 31), 1, date(2028, 1, 3)),  # into the next year
        (date(2027, 1, 5), 1, date(2027, 1, 7)),  # over Epiphany on Wednesday
        (date(2027, 3, 30), 5, date(2027, 4, 6)),
    ],
)
def test_working_days_after(day: date, count: int, expected: date) -> None:
    assert working_days_after(day, count) == expected


@pytest.mark.parametrize("count", [0, -1])
def test_working_days_after_needs_at_least_one_day(count: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        working_days_after(date(2027, 3, 1), count)


def _oracle_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in ORACLE


@given(DAYS)
def test_holidays_and_eves_are_the_packages(day: date) -> None:
    assert is_holiday(day) is (day in ORACLE)
    assert is_holiday_eve(day) is (day + timedelta(days=1) in ORACLE)
    assert is_working_day(day) is _oracle_working_day(day)


@given(DAYS, st.integers(min_value=1, max_value=40))
def test_working_days_before_counts_exactly_that_many_working_days(day: date, count: int) -> None:
    result = working_days_before(day, count)
    assert result < day
    assert _oracle_working_day(result)
    between = (result + timedelta(days=offset) for offset in range((day - result).days))
    assert sum(_oracle_working_day(other) for other in between) == count


@given(DAYS, st.integers(min_value=1, max_value=40))
def test_working_days_after_counts_exactly_that_many_working_days(day: date, count: int) -> None:
    result = working_days_after(day, count)
    assert result > day
    assert _oracle_working_day(result)
    between = (day + timedelta(days=offset) for offset in range(1, (result - day).days + 1))
    assert sum(_oracle_working_day(other) for other in between) == count
    assert working_days_before(result, count) <= day


@given(DAYS)
def test_previous_working_day_is_the_nearest_one_before(day: date) -> None:
    result = previous_working_day(day)
    assert result == working_days_before(day, 1)
    assert _oracle_working_day(result)
    assert not any(_oracle_working_day(result + timedelta(days=n)) for n in range(1, (day - result).days))
