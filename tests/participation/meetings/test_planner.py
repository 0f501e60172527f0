"""The yearly meeting planner: blackout settings, why a day is unavailable, and the proposed dates, both
on hand-checked years and, over many random settings, against an oracle built from the holidays package."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.meetings.planner import (
    Blackout,
    BlackoutError,
    Unavailable,
    parse_blackouts,
    propose,
    unavailable,
)

DEFAULT_BLACKOUTS = parse_blackouts("07-01..07-31,12-18..01-06")
ORACLE = holidays.country_holidays("FI", years=range(2023, 2042))


def _dates(*isoformats: str) -> list[date]:
    return [date.fromisoformat(text) for text in isoformats]


# --- blackouts -------------------------------------------------------------------------------------------


def test_parse_blackouts_reads_the_default_setting() -> None:
    expected = (Blackout((7, 1), (7, 31)), Blackout((12, 18), (1, 6)))
    assert parse_blackouts("07-01..07-31,12-18..01-06") == expected


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_setting_has_no_blackouts(text: str) -> None:
    assert parse_blackouts(text) == ()


def test_spaces_around_the_parts_are_allowed() -> None:
    assert parse_blackouts(" 02-29..03-01 , 10-05..10-05 ") == (
        Blackout((2, 29), (3, 1)),
        Blackout((10, 5), (10, 5)),
    )


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("07-32..08-01", "07-32..08-01"),
        ("07-01..07-31,02-30..03-01", "02-30..03-01"),
        ("13-01..13-02", "13-01..13-02"),
        ("00-10..01-10", "00-10..01-10"),
        ("7-1..7-31", "7-1..7-31"),
        ("07-01-07-31", "07-01-07-31"),
        ("07-01..07-31,", ""),
        ("07-01..07-31, summer", "summer"),
        ("07/01..07/31", "07/01..07/31"),
        ("٠٧-٠١..07-31", "٠٧-٠١..07-31"),  # digits, but not ASCII ones
        ("07-01..٠٧-٣١", "07-01..٠٧-٣١"),
    ],
)
def test_a_bad_part_is_named_in_the_error(text: str, bad: str) -> None:
    with pytest.raises(BlackoutError) as caught:
        parse_blackouts(text)
    assert str(caught.value) == f"'{bad}' is not MM-DD..MM-DD"
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 6, 30), False),
        (date(2027, 7, 1), True),
        (date(2027, 7, 31), True),
        (date(2027, 8, 1), False),
        (date(2027, 12, 17), False),
        (date(2027, 12, 18), True),
        (date(2027, 12, 31), True),
        (date(2028, 1, 1), True),
        (date(2028, 1, 6), True),
        (date(2028, 1, 7), False),
    ],
)
def test_blackouts_include_both_ends_and_may_wrap_the_year(day: date, expected: bool) -> None:
    assert any(blackout.contains(day) for blackout in DEFAULT_BLACKOUTS) is expected


def test_a_one_day_blackout() -> None:
    (blackout,) = parse_blackouts("02-29..02-29")
    assert blackout.contains(date(2028, 2, 29))
    assert not blackout.contains(date(2028, 2, 28))
    assert not blackout.contains(date(2028, 3, 1))


# --- unavailable days ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 3, 27), Unavailable.WEEKEND),
        (date(2027, 12, 5), Unavailable.WEEKEND),  # the eve of Independence Day, but a Sunday
        (date(2027, 11, 6), Unavailable.WEEKEND),  # All Saints' Day is always a Saturday
        (date(2027, 3, 25), Unavailable.HOLIDAY_EVE),  # Maundy Thursday
        (date(2027, 3, 26), Unavailable.HOLIDAY),  # Good Friday
        (date(2027, 3, 29), Unavailable.HOLIDAY),  # Easter Monday
        (date(2027, 3, 30), None),
        (date(2027, 4, 29), None),
        (date(2027, 4, 30), Unavailable.HOLIDAY_EVE),  # Vappu eve
        (date(2027, 6, 24), Unavailable.HOLIDAY_EVE),
        (date(2027, 6, 25), Unavailable.HOLIDAY),  # Midsummer Eve
        (date(2028, 12, 5), Unavailable.HOLIDAY_EVE),
        (date(2028, 12, 6), Unavailable.HOLIDAY),  # Independence Day
        (date(2027, 7, 14), Unavailable.BLACKOUT),
        (date(2027, 12, 20), Unavailable.BLACKOUT),
        (date(2027, 12, 24), Unavailable.HOLIDAY),  # a holiday before it is a blackout day
        (date(2027, 12, 31), Unavailable.HOLIDAY_EVE),
        (date(2028, 1, 4), Unavailable.BLACKOUT),
        (date(2028, 1, 10), None),
    ],
)
def test_why_a_day_is_unavailable(day: date, expected: Unavailable | None) -> None:
    assert unavailable(day, DEFAULT_BLACKOUTS) is expected


def test_without_blackouts_summer_is_available() -> None:
    assert unavailable(date(2027, 7, 14), ()) is None
    assert unavailable(date(2027, 12, 20), ()) is None


def test_the_reasons_are_stable_strings() -> None:
    assert [reason.value for reason in Unavailable] == ["weekend", "holiday", "holiday_eve", "blackout"]


# --- proposals on hand-checked settings ------------------------------------------------------------------


def test_vappu_eve_is_skipped_for_the_friday_before() -> None:
    # Open only 23.4.–30.4.2027: Fridays 23.4. and 30.4., the latter being Vappu eve.
    blackouts = parse_blackouts("01-01..04-22,05-01..12-31")
    assert propose(2027, 1, 5, blackouts) == [date(2027, 4, 23)]
    assert propose(2027, 2, 5, blackouts) == [date(2027, 4, 23)]  # fewer than asked, no error


def test_good_friday_is_never_proposed() -> None:
    # Open 19.3.–2.4.2027; available days 19., 22.–24., 30.–31.3., 1.–2.4.: the middle one is 30.3.,
    # and of the Fridays 19.3., (26.3. Good Friday) and 2.4. the nearest to it is 2.4.
    blackouts = parse_blackouts("01-01..03-18,04-03..12-31")
    assert propose(2027, 1, 5, blackouts) == [date(2027, 4, 2)]
    assert propose(2027, 3, 5, blackouts) == _dates("2027-03-19", "2027-04-02")
    assert propose(2027, 1, 1, blackouts) == [date(2027, 3, 22)]  # Easter Monday is out


def test_the_nearest_date_to_the_middle_of_the_available_days() -> None:
    # Only September 2027 (a wrapping blackout): 22 working days, the middle (index 11) is Thursday 16.9.
    september = parse_blackouts("10-01..08-31")
    assert propose(2027, 1, 3, september) == [date(2027, 9, 15)]
    assert propose(2027, 1, 4, september) == [date(2027, 9, 16)]
    assert propose(2027, 1, 5, september) == [date(2027, 9, 17)]
    assert propose(2027, 1, 1, september) == [date(2027, 9, 13)]  # 3 days before, not 4 after


def test_four_weeks_apart_wins_over_the_nearest_dates_when_the_year_allows() -> None:
    # Two parts of September: middles 8.9. and 23.9. The nearest Wednesdays, 8.9. and 22.9., are only
    # two weeks apart, while 1.9. and 29.9. are four.
    september = parse_blackouts("10-01..08-31")
    assert propose(2027, 2, 3, september) == _dates("2027-09-01", "2027-09-29")
    # Mondays 6.–27.9. span only three weeks: as far apart as fits.
    assert propose(2027, 2, 1, september) == _dates("2027-09-06", "2027-09-27")


def test_late_in_the_year_the_meetings_come_closer_but_all_fit() -> None:
    proposed = propose(2027, 4, 3, DEFAULT_BLACKOUTS, not_before=date(2027, 11, 1))
    assert proposed == _dates("2027-11-03", "2027-11-17", "2027-12-01", "2027-12-15")


def test_nothing_fits_after_the_last_usable_day() -> None:
    assert propose(2027, 4, 3, DEFAULT_BLACKOUTS, not_before=date(2027, 12, 16)) == []
    assert propose(2027, 4, 3, DEFAULT_BLACKOUTS, not_before=date(2028, 1, 1)) == []
    assert propose(2027, 4, 3, parse_blackouts("01-01..12-31")) == []


def test_not_before_in_an_earlier_year_changes_nothing() -> None:
    assert propose(2027, 4, 3, DEFAULT_BLACKOUTS, not_before=date(2026, 5, 5)) == propose(
        2027, 4, 3, DEFAULT_BLACKOUTS
    )


@pytest.mark.parametrize("year", range(2025, 2041))
@pytest.mark.parametrize("weekday", range(1, 6))
def test_four_meetings_in_a_typical_year(year: int, weekday: int) -> None:
    first, second, third, fourth = propose(year, 4, weekday, DEFAULT_BLACKOUTS)
    assert first.month == 2
    assert second.month in (4, 5)
    assert date(year, 8, 15) <= third <= date(year, 9, 30)
    assert fourth.month == 11


@pytest.mark.parametrize("year", range(2025, 2041))
@pytest.mark.parametrize("weekday", range(1, 6))
def test_three_meetings_in_a_typical_year(year: int, weekday: int) -> None:
    first, second, third = propose(year, 3, weekday, DEFAULT_BLACKOUTS)
    assert first.month in (2, 3)
    assert second.month in (5, 6)
    assert third.month == 10


@pytest.mark.parametrize(("count", "weekday"), [(0, 3), (-1, 3), (4, 0), (4, 6), (4, 7)])
def test_nonsense_settings_are_refused(count: int, weekday: int) -> None:
    with pytest.raises(ValueError, match="must be"):
        propose(2027, count, weekday, DEFAULT_BLACKOUTS)


# --- properties ------------------------------------------------------------------------------------------

LEAP_DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31))


def _blackout(start: date, end: date) -> Blackout:
    return Blackout((start.month, start.day), (end.month, end.day))


BLACKOUTS = st.lists(st.builds(_blackout, LEAP_DAYS, LEAP_DAYS), max_size=4)
Plan = tuple[int, int, int, list[Blackout], date | None]


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    year = draw(st.integers(min_value=2024, max_value=2040))
    count = draw(st.integers(min_value=1, max_value=6))
    weekday = draw(st.integers(min_value=1, max_value=5))
    blackouts = draw(BLACKOUTS)
    offset = st.integers(min_value=-40, max_value=400).map(lambda days: date(year, 1, 1) + timedelta(days))
    not_before = draw(st.none() | offset)
    return year, count, weekday, blackouts, not_before


def _days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year, 12, 31) - first).days + 1)]


def _blacked_out(blackouts: Sequence[Blackout]) -> set[tuple[int, int]]:
    """The (month, day) pairs in the blackouts, found by walking each period day by day in a leap year."""
    pairs: set[tuple[int, int]] = set()
    for blackout in blackouts:
        day = date(2024, *blackout.start)
        pairs.add((day.month, day.day))
        while (day.month, day.day) != blackout.end:
            day = day + timedelta(days=1) if (day.month, day.day) != (12, 31) else date(2024, 1, 1)
            pairs.add((day.month, day.day))
    return pairs


def _usable(year: int, weekday: int, blackouts: Sequence[Blackout], not_before: date | None) -> list[date]:
    return [
        day
        for day in _days_of(year)
        if day.isoweekday() == weekday
        and (not_before is None or day >= not_before)
        and unavailable(day, blackouts) is None
    ]


def _nearest(days: list[date], middle: date) -> date:
    """The day nearest `middle`; of two as near, the earlier."""
    return min(days, key=lambda day: (abs((day - middle).days), day))


def _greedy_fits(usable: list[date], count: int, gap: int) -> bool:
    """Whether `count` of the dates fit `gap` days apart; taking the earliest that fits each time is best."""
    taken: list[date] = []
    for day in usable:
        if not taken or (day - taken[-1]).days >= gap:
            taken.append(day)
    return len(taken) >= count


@settings(max_examples=300, deadline=None)
@given(plans())
def test_every_proposed_date_is_usable(plan: Plan) -> None:
    year, count, weekday, blackouts, not_before = plan
    proposed = propose(year, count, weekday, blackouts, not_before)
    blacked_out = _blacked_out(blackouts)
    for day in proposed:
        assert day.year == year
        assert day.isoweekday() == weekday
        assert day.weekday() < 5
        assert day not in ORACLE
        assert day + timedelta(days=1) not in ORACLE
        assert (day.month, day.day) not in blacked_out
        assert not_before is None or day >= not_before
    assert all(earlier < later for earlier, later in pairwise(proposed))
    assert len(set(proposed)) == len(proposed)


@settings(max_examples=300, deadline=None)
@given(plans())
def test_as_many_dates_as_asked_whenever_they_fit(plan: Plan) -> None:
    year, count, weekday, blackouts, not_before = plan
    usable = _usable(year, weekday, blackouts, not_before)
    proposed = propose(year, count, weekday, blackouts, not_before)
    assert set(proposed) <= set(usable)
    assert len(proposed) == min(count, len(usable))


@settings(max_examples=300, deadline=None)
@given(plans())
def test_four_weeks_apart_whenever_they_fit(plan: Plan) -> None:
    year, count, weekday, blackouts, not_before = plan
    usable = _usable(year, weekday, blackouts, not_before)
    proposed = propose(year, count, weekday, blackouts, not_before)
    if len(usable) > count and _greedy_fits(usable, count, 28):
        assert all((later - earlier).days >= 28 for earlier, later in pairwise(proposed))


@settings(max_examples=300, deadline=None)
@given(plans())
def test_the_dates_nearest_the_middles_when_they_are_far_enough_apart(
    plan: Plan,
) -> None:
    year, count, weekday, blackouts, not_before = plan
    usable = _usable(year, weekday, blackouts, not_before)
    available = [
        day
        for day in _days_of(year)
        if (not_before is None or day >= not_before) and unavailable(day, blackouts) is None
    ]
    if len(usable) <= count:
        return
    middles = [available[(2 * part + 1) * len(available) // (2 * count)] for part in range(count)]
    nearest = [_nearest(usable, middle) for middle in middles]
    if all((later - earlier).days >= 28 for earlier, later in pairwise(nearest)):
        assert propose(year, count, weekday, blackouts, not_before) == nearest


def test_booked_meetings_count_towards_the_target_and_keep_their_part_of_the_year() -> None:
    blackouts = parse_blackouts("07-01..07-31,12-20..12-31")
    booked = [date(2027, 3, 16), date(2027, 9, 14)]
    proposed = propose(2027, 4, 2, blackouts, booked=booked)
    assert len(proposed) == 2
    assert all(abs((day - other).days) >= 28 for day in proposed for other in booked)
    assert propose(2027, 2, 2, blackouts, booked=booked) == []
    assert propose(2027, 4, 2, blackouts, booked=[*booked, date(2027, 5, 4), date(2027, 11, 9)]) == []
