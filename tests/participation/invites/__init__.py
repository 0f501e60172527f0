"""A meeting as the planner would hand it over, shared by the invitation tests."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from participation.invites.ics import Attendee, Invite

HELSINKI = ZoneInfo("Europe/Helsinki")
SUMMER_START = datetime(2027, 6, 8, 10, 0, tzinfo=UTC)  # 13:00 in Helsinki (EEST, +03:00)
WINTER_START = datetime(2027, 2, 16, 11, 0, tzinfo=UTC)  # 13:00 in Helsinki (EET, +02:00)
AGENDA = "a, b; c\nrivi 2 äöå"
LINK = (
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_Osallisuus%40thread.v2/0?context=%7b%22Tid%22%7d"
)
ORGANIZER_EMAIL = "osallisuusbotti@hel.fi"
ORGANIZER_NAME = "Osallisuusbotti – Sotepe"
AINO = Attendee("aino.virtanen@example.fi", "Virtanen, Aino")
SVEN = Attendee("sven.lindqvist@example.fi", "Sven Åström")
EMMA = Attendee("emma@example.com")


def make_invite(**changes: Any) -> Invite:
    invite = Invite(
        uid="meeting-12@osallisuusbotti",
        sequence=0,
        title="Osallisuustyöpaja – kevät",
        starts_at=SUMMER_START,
        ends_at=SUMMER_START + timedelta(hours=2),
        place="Kallion kirjasto, Viides linja 11",
        online_url=LINK,
        agenda=AGENDA,
        organizer_email=ORGANIZER_EMAIL,
        organizer_name=ORGANIZER_NAME,
        attendees=(AINO, SVEN, EMMA),
        stamp=datetime(2027, 5, 20, 8, 15, tzinfo=UTC),
    )
    return dataclasses.replace(invite, **changes)
