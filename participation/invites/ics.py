"""iCalendar files for meetings: one invitation or cancellation (RFC 5546 REQUEST/CANCEL) or a feed members
subscribe to.

Event times are written as Helsinki wall-clock times with a TZID, so a member sees the hour the meeting was
agreed at, and a VTIMEZONE beside them tells clients without their own time-zone database how that maps to
UTC. The VTIMEZONE is written with yearly RRULEs derived from the zoneinfo data and checked against it year
by year. icalendar's Timezone.from_tzinfo is not used: in icalendar 6.3.2 it lists every change as an RDATE
(Outlook builds its time-zone rule from RRULE; without one it takes the month and weekday of a single
DTSTART, and the first STANDARD it writes is a made-up 1 January one) and it dates the start of summer time
an hour late, as its own parser confirms. When a zone's changes cannot be written as yearly rules for the
years at hand, times are written in UTC instead, which every client reads right."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import ModuleType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from participation.invites.zone_rules import YearlyRule, utc_offset, yearly_rules
from participation.text import single_line


def _lazy(name: str) -> ModuleType:
    """The module, run at the first use of one of its names (importlib's LazyLoader): the worker's start
    needs this module's names, not the calendar library behind them, until a feed or an invitation is
    written (icalendar with dateutil is a few hundredths of a second of the start)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


if TYPE_CHECKING:
    import icalendar
else:
    icalendar = _lazy("icalendar")

PRODID = "-//Helsingin kaupunki//Osallisuusbotti//FI"
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_FEED_REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str | None = None


@dataclass(frozen=True)
class Invite:
    uid: str
    sequence: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str | None
    online_url: str | None
    agenda: str | None
    organizer_email: str
    organizer_name: str
    attendees: tuple[Attendee, ...]
    stamp: datetime
    cancelled: bool = False
    alarm_minutes: int = 30

    def __post_init__(self) -> None:
        """Refuse what would otherwise put the meeting at a wrong hour, or nowhere, in members' calendars."""
        moments = {"starts_at": self.starts_at, "ends_at": self.ends_at, "stamp": self.stamp}
        for label, moment in moments.items():
            if moment.utcoffset() is None:
                raise ValueError(f"{label} must be timezone-aware")
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if self.sequence < 0 or self.alarm_minutes < 0:
            raise ValueError("sequence and alarm_minutes cannot be negative")


def invite_ics(invite: Invite, zone: ZoneInfo) -> bytes:
    """The calendar object of an iMIP e-mail: everything a client needs to add, update or remove the
    meeting and to let the member answer the organizer."""
    vtimezone = _vtimezone_for(zone, [invite])
    ical = _calendar("CANCEL" if invite.cancelled else "REQUEST")
    if vtimezone is not None:
        ical.add_component(vtimezone)
    event = _event(invite, zone, local=vtimezone is not None)
    _add_people(event, invite)
    if not invite.cancelled:
        event.add_component(_alarm(invite))
    ical.add_component(event)
    return bytes(ical.to_ical(sorted=False))


def feed_ics(invites: Sequence[Invite], calendar_name: str, zone: ZoneInfo) -> bytes:
    """A feed clients poll: cancelled meetings stay in it, marked, so subscribers see them go away. It names
    no people, since anyone with the address can read it."""
    vtimezone = _vtimezone_for(zone, invites) if invites else None
    ical = _calendar("PUBLISH")
    ical.add("name", calendar_name)
    ical.add("x-wr-calname", calendar_name)
    ical.add("x-wr-timezone", zone.key)
    ical.add("refresh-interval", icalendar.vDuration(_FEED_REFRESH), parameters={"VALUE": "DURATION"})
    ical.add("x-published-ttl", icalendar.vDuration(_FEED_REFRESH))
    if vtimezone is not None:
        ical.add_component(vtimezone)
    for invite in invites:
        ical.add_component(_event(invite, zone, local=vtimezone is not None))
    return bytes(ical.to_ical(sorted=False))


def _calendar(method: str) -> icalendar.Calendar:
    ical = icalendar.Calendar()
    ical.add("prodid", PRODID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("method", method)
    return ical


def _event(invite: Invite, zone: ZoneInfo, local: bool) -> icalendar.Event:
    clock = zone if local else UTC
    event = icalendar.Event()
    event.add("uid", invite.uid)
    event.add("sequence", invite.sequence)
    event.add("dtstamp", invite.stamp.astimezone(UTC))
    event.add("dtstart", invite.starts_at.astimezone(clock))
    event.add("dtend", invite.ends_at.astimezone(clock))
    event.add("summary", invite.title)
    _add_place(event, invite)
    event.add("status", "CANCELLED" if invite.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _add_place(event: icalendar.Event, invite: Invite) -> None:
    """The link also goes into LOCATION (when there is no room) and DESCRIPTION, because several clients
    never show URL."""
    location = invite.place or invite.online_url
    if location:
        event.add("location", location)
    if invite.online_url:
        event.add("url", invite.online_url)
    description = "\n".join(part for part in (invite.agenda, invite.online_url) if part)
    if description:
        event.add("description", description)


def _add_people(event: icalendar.Event, invite: Invite) -> None:
    organizer = icalendar.vCalAddress(f"mailto:{invite.organizer_email}")
    organizer.params["CN"] = single_line(invite.organizer_name)
    event.add("organizer", organizer)
    for attendee in invite.attendees:
        address = icalendar.vCalAddress(f"mailto:{attendee.email}")
        address.params["CN"] = single_line(attendee.name or "") or attendee.email
        address.params["CUTYPE"] = "INDIVIDUAL"
        address.params["ROLE"] = "REQ-PARTICIPANT"
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
        event.add("attendee", address)


def _alarm(invite: Invite) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(minutes=-invite.alarm_minutes))
    alarm.add("description", invite.title)
    return alarm


def _vtimezone_for(zone: ZoneInfo, invites: Sequence[Invite]) -> icalendar.Timezone | None:
    """Covers from the year before the first meeting, so every meeting falls after an observance's onset,
    to the year after the last one."""
    first = min(invite.starts_at.astimezone(zone).year for invite in invites) - 1
    last = max(invite.ends_at.astimezone(zone).year for invite in invites) + 1
    rules = yearly_rules(zone, first, last)
    if rules is None:
        return None
    vtimezone = icalendar.Timezone()
    vtimezone.add("tzid", zone.key)
    for rule in rules:
        vtimezone.add_component(_ruled_observance(rule, first))
    if not rules:
        vtimezone.add_component(_fixed_observance(zone, first))
    return vtimezone


def _ruled_observance(rule: YearlyRule, first_year: int) -> icalendar.Component:
    observance = icalendar.TimezoneDaylight() if rule.daylight else icalendar.TimezoneStandard()
    observance.add("dtstart", rule.onset(first_year))
    observance.add("rrule", {"freq": "yearly", "bymonth": rule.month, "byday": _byday(rule)})
    _add_offsets(observance, rule.offset_from, rule.offset_to, rule.name)
    return observance


def _fixed_observance(zone: ZoneInfo, year: int) -> icalendar.Component:
    """A zone that keeps one offset through all the years at hand: one STANDARD observance, no rule."""
    start = datetime(year, 1, 1)
    local = start.replace(tzinfo=zone)
    observance = icalendar.TimezoneStandard()
    observance.add("dtstart", start)
    offset = utc_offset(zone, local)
    _add_offsets(observance, offset, offset, local.tzname() or "")
    return observance


def _add_offsets(observance: icalendar.Component, before: timedelta, after: timedelta, name: str) -> None:
    observance.add("tzoffsetfrom", before)
    observance.add("tzoffsetto", after)
    if name:
        observance.add("tzname", name)


def _byday(rule: YearlyRule) -> str:
    return f"{rule.week}{_WEEKDAYS[rule.weekday]}"
