"""The calendar files put each meeting at the right hour in every client, summer and winter, and carry what a
member sees: the place, the link, the agenda, a reminder, and updates and cancellations of the same meeting.

Parsing back with icalendar resolves TZID=Europe/Helsinki through its own zoneinfo, as Google Calendar and
Thunderbird do. Outlook goes by the VTIMEZONE in the file instead, so the VTIMEZONE is also read on its own
(`to_tz(lookup_tzid=False)`) and must give the same instants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from participation.invites.ics import Attendee, Invite, feed_ics, invite_ics
from tests.participation.invites import (
    AGENDA,
    AINO,
    EMMA,
    HELSINKI,
    LINK,
    ORGANIZER_EMAIL,
    ORGANIZER_NAME,
    SUMMER_START,
    SVEN,
    WINTER_START,
    make_invite,
)

SEASONS = pytest.mark.parametrize(
    ("start", "local_text", "offset"),
    [
        pytest.param(SUMMER_START, "20270608T130000", timedelta(hours=3), id="summer"),
        pytest.param(WINTER_START, "20270216T130000", timedelta(hours=2), id="winter"),
    ],
)


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def only_event(calendar: icalendar.Calendar) -> icalendar.Event:
    (event,) = calendar.walk("VEVENT")
    return event


def unfolded_lines(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def vtimezone_tz(calendar: icalendar.Calendar) -> tzinfo:
    """The zone as a client knows it from the file alone."""
    (vtimezone,) = calendar.walk("VTIMEZONE")
    zone: tzinfo = vtimezone.to_tz(lookup_tzid=False)
    return zone


def utc_by_vtimezone(calendar: icalendar.Calendar, name: str) -> datetime:
    local: datetime = only_event(calendar).decoded(name).replace(tzinfo=None)
    return local.replace(tzinfo=vtimezone_tz(calendar)).astimezone(UTC)


def test_request_is_a_calendar_with_method_before_the_event() -> None:
    data = invite_ics(make_invite(), HELSINKI)
    text = data.decode("utf-8")
    calendar = parse(data)

    assert text.index("METHOD:REQUEST") < text.index("BEGIN:VEVENT")
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert "Osallisuusbotti" in str(calendar["PRODID"])
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")


@SEASONS
def test_meeting_keeps_its_instant_in_summer_and_winter(
    start: datetime, local_text: str, offset: timedelta
) -> None:
    invite = make_invite(starts_at=start, ends_at=start + timedelta(hours=2))
    data = invite_ics(invite, HELSINKI)
    event = only_event(parse(data))

    assert f"DTSTART;TZID=Europe/Helsinki:{local_text}" in unfolded_lines(data)
    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert event.decoded("DTSTART").astimezone(UTC) == start
    assert event.decoded("DTEND").astimezone(UTC) == start + timedelta(hours=2)
    assert event.decoded("DTSTART").utcoffset() == offset


@SEASONS
def test_vtimezone_alone_places_the_meeting_right(
    start: datetime, local_text: str, offset: timedelta
) -> None:
    calendar = parse(invite_ics(make_invite(starts_at=start, ends_at=start + timedelta(hours=2)), HELSINKI))

    assert utc_by_vtimezone(calendar, "DTSTART") == start
    assert utc_by_vtimezone(calendar, "DTEND") == start + timedelta(hours=2)
    assert start.astimezone(vtimezone_tz(calendar)).utcoffset() == offset


def test_vtimezone_has_helsinki_rules_as_outlook_reads_them() -> None:
    (vtimezone,) = parse(invite_ics(make_invite(), HELSINKI)).walk("VTIMEZONE")
    (daylight,) = vtimezone.walk("DAYLIGHT")
    (standard,) = vtimezone.walk("STANDARD")

    assert str(vtimezone["TZID"]) == "Europe/Helsinki"
    for observance, month, clock, before, after, name in (
        (daylight, 3, (3, 0), 2, 3, "EEST"),
        (standard, 10, (4, 0), 3, 2, "EET"),
    ):
        rule = observance["RRULE"]
        assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTH"] == [month] and rule["BYDAY"] == ["-1SU"]
        start = observance.decoded("DTSTART")
        assert (start.month, start.weekday(), (start.hour, start.minute)) == (month, 6, clock)
        assert observance.decoded("TZOFFSETFROM") == timedelta(hours=before)
        assert observance.decoded("TZOFFSETTO") == timedelta(hours=after)
        assert str(observance["TZNAME"]) == name
        assert "RDATE" not in observance


@pytest.mark.parametrize(
    ("moment", "offset"),
    [
        (datetime(2027, 3, 28, 0, 59, 59, tzinfo=UTC), 2),
        (datetime(2027, 3, 28, 1, 0, 0, tzinfo=UTC), 3),
        (datetime(2027, 10, 31, 0, 59, 59, tzinfo=UTC), 3),
        (datetime(2027, 10, 31, 1, 0, 0, tzinfo=UTC), 2),
    ],
)
def test_vtimezone_changes_clocks_at_the_right_second(moment: datetime, offset: int) -> None:
    """icalendar 6.3.2's own Timezone.from_tzinfo gets the spring change an hour late; this one must not."""
    calendar = parse(invite_ics(make_invite(), HELSINKI))

    assert moment.astimezone(vtimezone_tz(calendar)).utcoffset() == timedelta(hours=offset)


@pytest.mark.parametrize("zone_name", ["America/New_York", "Australia/Sydney", "Europe/London"])
def test_vtimezone_is_right_for_other_zones_too(zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    starts = [datetime(2027, month, 10, 12, tzinfo=UTC) for month in range(1, 13)]
    calendar = parse(
        feed_ics(
            [make_invite(uid=str(s), starts_at=s, ends_at=s + timedelta(hours=1)) for s in starts], "x", zone
        )
    )
    mapped = vtimezone_tz(calendar)

    assert [s.astimezone(mapped).utcoffset() for s in starts] == [
        s.astimezone(zone).utcoffset() for s in starts
    ]


def test_zone_without_summer_time_gets_a_single_standard_observance() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    calendar = parse(invite_ics(make_invite(), tokyo))
    (vtimezone,) = calendar.walk("VTIMEZONE")

    assert vtimezone.walk("DAYLIGHT") == []
    (standard,) = vtimezone.walk("STANDARD")
    assert standard.decoded("TZOFFSETTO") == standard.decoded("TZOFFSETFROM") == timedelta(hours=9)
    assert utc_by_vtimezone(calendar, "DTSTART") == SUMMER_START


def test_zone_with_irregular_changes_falls_back_to_utc_times() -> None:
    """Morocco's clocks follow Ramadan, which no yearly rule can describe."""
    data = invite_ics(make_invite(), ZoneInfo("Africa/Casablanca"))
    calendar = parse(data)

    assert calendar.walk("VTIMEZONE") == []
    assert "DTSTART:20270608T100000Z" in unfolded_lines(data)
    assert only_event(calendar).decoded("DTSTART") == SUMMER_START


def test_identity_and_people() -> None:
    data = invite_ics(make_invite(sequence=4), HELSINKI)
    event = only_event(parse(data))

    assert str(event["UID"]) == "meeting-12@osallisuusbotti"
    assert event.decoded("SEQUENCE") == 4
    assert "DTSTAMP:20270520T081500Z" in unfolded_lines(data)
    organizer = event["ORGANIZER"]
    assert str(organizer) == f"mailto:{ORGANIZER_EMAIL}"
    assert organizer.params["CN"] == ORGANIZER_NAME
    attendees = as_list(event["ATTENDEE"])
    assert [str(a) for a in attendees] == [f"mailto:{p.email}" for p in (AINO, SVEN, EMMA)]
    assert [a.params["CN"] for a in attendees] == ["Virtanen, Aino", "Sven Åström", EMMA.email]
    for attendee in attendees:
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "TRUE"
        assert attendee.params["CUTYPE"] == "INDIVIDUAL"


def test_place_link_and_agenda_with_special_characters() -> None:
    data = invite_ics(make_invite(), HELSINKI)
    event = only_event(parse(data))

    assert str(event["LOCATION"]) == "Kallion kirjasto, Viides linja 11"
    assert str(event["URL"]) == LINK
    assert str(event["DESCRIPTION"]) == f"{AGENDA}\n{LINK}"
    assert r"DESCRIPTION:a\, b\; c\nrivi 2 äöå\nhttps://" in data.decode("utf-8").replace("\r\n ", "")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["TRANSP"]) == "OPAQUE"


def test_online_only_meeting_shows_the_link_as_its_location() -> None:
    event = only_event(parse(invite_ics(make_invite(place=None), HELSINKI)))

    assert str(event["LOCATION"]) == LINK
    assert str(event["URL"]) == LINK


def test_meeting_without_link_or_agenda_leaves_them_out() -> None:
    in_person = only_event(parse(invite_ics(make_invite(online_url=None), HELSINKI)))
    bare = only_event(parse(invite_ics(make_invite(online_url=None, agenda=None), HELSINKI)))

    assert "URL" not in in_person
    assert str(in_person["DESCRIPTION"]) == AGENDA
    assert "DESCRIPTION" not in bare


def test_long_lines_fold_at_75_octets_without_splitting_letters() -> None:
    agenda = "Äänestys, yhteenveto ja jatko; måndag ÅÄÖ " * 12
    data = invite_ics(make_invite(agenda=agenda), HELSINKI)
    lines = data.split(b"\r\n")

    assert any(line.startswith(b" ") for line in lines)
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # raises UnicodeDecodeError if a fold split a letter's bytes
    assert str(only_event(parse(data))["DESCRIPTION"]) == f"{agenda}\n{LINK}"


@pytest.mark.parametrize("minutes", [30, 15])
def test_reminder_before_the_meeting(minutes: int) -> None:
    data = invite_ics(make_invite(alarm_minutes=minutes), HELSINKI)
    (alarm,) = only_event(parse(data)).walk("VALARM")

    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-minutes)
    assert f"TRIGGER:-PT{minutes}M" in unfolded_lines(data)
    assert str(alarm["DESCRIPTION"]) == "Osallisuustyöpaja – kevät"


def test_update_is_the_same_meeting_with_a_higher_sequence() -> None:
    first = only_event(parse(invite_ics(make_invite(), HELSINKI)))
    moved_start = SUMMER_START + timedelta(days=1, hours=1)
    moved = make_invite(
        sequence=1,
        starts_at=moved_start,
        ends_at=moved_start + timedelta(hours=2),
        stamp=datetime(2027, 5, 25, 12, 0, tzinfo=UTC),
    )
    calendar = parse(invite_ics(moved, HELSINKI))
    second = only_event(calendar)

    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(second["UID"]) == str(first["UID"])
    assert second.decoded("SEQUENCE") > first.decoded("SEQUENCE")
    assert second.decoded("DTSTAMP") > first.decoded("DTSTAMP")
    assert second.decoded("DTSTART").astimezone(UTC) == moved_start


def test_cancellation() -> None:
    data = invite_ics(make_invite(sequence=2, cancelled=True), HELSINKI)
    text = data.decode("utf-8")
    calendar = parse(data)
    event = only_event(calendar)

    assert text.index("METHOD:CANCEL") < text.index("BEGIN:VEVENT")
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("SEQUENCE") == 2
    assert str(event["UID"]) == "meeting-12@osallisuusbotti"
    assert event.walk("VALARM") == []
    assert "BEGIN:VALARM" not in text
    assert len(as_list(event["ATTENDEE"])) == 3
    assert "ORGANIZER" in event


def test_feed_lists_every_meeting_and_marks_the_cancelled_one() -> None:
    invites = [
        make_invite(uid="meeting-1@osallisuusbotti"),
        make_invite(
            uid="meeting-2@osallisuusbotti", starts_at=WINTER_START, ends_at=WINTER_START + timedelta(hours=1)
        ),
        make_invite(uid="meeting-3@osallisuusbotti", sequence=3, cancelled=True),
    ]
    data = feed_ics(invites, "Osallisuus – Sotepe", HELSINKI)
    text = data.decode("utf-8")
    calendar = parse(data)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}

    assert text.index("METHOD:PUBLISH") < text.index("BEGIN:VEVENT")
    assert str(calendar["X-WR-CALNAME"]) == "Osallisuus – Sotepe"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Helsinki"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in unfolded_lines(data)
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert sorted(events) == [
        "meeting-1@osallisuusbotti",
        "meeting-2@osallisuusbotti",
        "meeting-3@osallisuusbotti",
    ]
    assert [str(events[uid]["STATUS"]) for uid in sorted(events)] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert events["meeting-2@osallisuusbotti"].decoded("DTSTART").astimezone(UTC) == WINTER_START
    assert "ATTENDEE" not in text and "mailto:" not in text


def test_feed_over_many_years_has_one_vtimezone_right_for_all() -> None:
    starts = [datetime(year, month, 3, 9, tzinfo=UTC) for year in (2026, 2030, 2034) for month in (1, 7)]
    invites = [
        make_invite(uid=f"m{n}", starts_at=s, ends_at=s + timedelta(hours=1)) for n, s in enumerate(starts)
    ]
    calendar = parse(feed_ics(invites, "Osallisuus", HELSINKI))
    mapped = vtimezone_tz(calendar)

    for event in calendar.walk("VEVENT"):
        local = event.decoded("DTSTART").replace(tzinfo=None)
        assert local.replace(tzinfo=mapped).astimezone(UTC) == event.decoded("DTSTART").astimezone(UTC)
    assert [s.astimezone(mapped).utcoffset() for s in starts] == [timedelta(hours=h) for h in (2, 3) * 3]


def test_empty_feed_is_still_a_calendar() -> None:
    calendar = parse(feed_ics([], "Osallisuus", HELSINKI))

    assert str(calendar["METHOD"]) == "PUBLISH"
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"starts_at": datetime(2027, 6, 8, 13, 0)}, "starts_at must be timezone-aware"),
        ({"stamp": datetime(2027, 5, 20, 8, 15)}, "stamp must be timezone-aware"),
        ({"ends_at": SUMMER_START}, "ends_at must be after starts_at"),
        ({"alarm_minutes": -5}, "cannot be negative"),
    ],
)
def test_invite_refuses_what_would_land_wrong(changes: dict[str, Any], complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        make_invite(**changes)


def helsinki_local_times() -> st.SearchStrategy[datetime]:
    """Whole seconds: iCalendar has no finer times, and meetings are set to the minute anyway."""
    moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2035, 12, 31, 22))
    return moments.map(lambda moment: moment.replace(microsecond=0))


@settings(max_examples=150, deadline=None)
@given(local=helsinki_local_times(), minutes=st.integers(min_value=15, max_value=8 * 60))
def test_any_helsinki_time_survives_the_round_trip(local: datetime, minutes: int) -> None:
    earlier, later = local.replace(tzinfo=HELSINKI, fold=0), local.replace(tzinfo=HELSINKI, fold=1)
    assume(earlier.utcoffset() == later.utcoffset())  # not in the hour that is skipped or repeated
    start = earlier.astimezone(UTC)
    invite: Invite = make_invite(
        starts_at=start, ends_at=start + timedelta(minutes=minutes), attendees=(Attendee("a@example.fi"),)
    )
    calendar = parse(invite_ics(invite, HELSINKI))

    assert only_event(calendar).decoded("DTSTART").astimezone(UTC) == start
    assert utc_by_vtimezone(calendar, "DTSTART") == start
