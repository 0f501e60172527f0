"""The plan's indicator "network meetings arranged: 3–4 per year", computed from the meetings held.

Held means ended and not cancelled; the year is the meeting's calendar year in Helsinki time. Every
network must reach the range; until the year is over, the figure is shown but not judged. A year the bot
holds no meetings for is "not yet reported": the meetings may have been kept before the bot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from participation.meetings.networks import configured_networks
from participation.meetings.texts import network_name
from participation.plan.progress import Progress, State
from participation.storage.models import Meeting


def held_per_network(session: Session, year: int, now: dt.datetime, zone: dt.tzinfo) -> dict[str, int]:
    meetings = session.scalars(select(Meeting).where(_held_around(year, now, zone)))
    return _count_held(meetings, year, now, zone)


class NextMeeting(NamedTuple):
    """What the dashboard shows of the next meeting."""

    title: str
    network_id: str
    starts_at: dt.datetime
    ends_at: dt.datetime


def held_and_next(
    session: Session, year: int, now: dt.datetime, zone: dt.tzinfo
) -> tuple[dict[str, int], NextMeeting | None]:
    """The meetings held per network in the year and the next meeting ahead, in one query of plain rows
    (the dashboard reads them on every `status`): the dashboard shows both. A held meeting has ended, so
    it never starts after `now`."""
    ahead = (
        select(Meeting.id)
        .where(Meeting.status == "scheduled", Meeting.starts_at > now)
        .order_by(Meeting.starts_at)
        .limit(1)
        .scalar_subquery()
    )
    query = select(Meeting.title, Meeting.network_id, Meeting.starts_at, Meeting.ends_at).where(
        or_(_held_around(year, now, zone), Meeting.id == ahead)
    )
    meetings = [NextMeeting(*row) for row in session.execute(query)]
    coming = [meeting for meeting in meetings if meeting.starts_at > now]
    return _count_held(meetings, year, now, zone), min(coming, key=lambda m: m.starts_at, default=None)


def _held_around(year: int, now: dt.datetime, zone: dt.tzinfo) -> ColumnElement[bool]:
    """Held meetings starting near the year: a day's margin each side, the year read in `zone` later."""
    window_start = dt.datetime(year, 1, 1, tzinfo=zone) - dt.timedelta(days=1)
    window_end = dt.datetime(year + 1, 1, 1, tzinfo=zone) + dt.timedelta(days=1)
    return and_(
        Meeting.status == "scheduled",
        Meeting.ends_at <= now,
        Meeting.starts_at >= window_start,
        Meeting.starts_at < window_end,
    )


def _count_held(
    meetings: Iterable[Meeting | NextMeeting], year: int, now: dt.datetime, zone: dt.tzinfo
) -> dict[str, int]:
    counts = dict.fromkeys(configured_networks(), 0)
    for meeting in meetings:
        held = meeting.ends_at <= now and meeting.starts_at.astimezone(zone).year == year
        if held and meeting.network_id in counts:
            counts[meeting.network_id] += 1
    return counts


def network_meetings_progress(
    session: Session,
    year: int,
    now: dt.datetime,
    zone: dt.tzinfo,
    language: str,
    low: float | None,
    high: float | None,
) -> Progress:
    return progress_of_held(held_per_network(session, year, now, zone), year, now, zone, language, low, high)


def progress_of_held(
    counts: dict[str, int],
    year: int,
    now: dt.datetime,
    zone: dt.tzinfo,
    language: str,
    low: float | None,
    high: float | None,
) -> Progress:
    if not any(counts.values()):
        return Progress(State.NOT_REPORTED)  # no records is a gap to report, not a count of zero
    year_over = now.astimezone(zone).year > year
    text = " · ".join(f"{network_name(network, language)} {count}" for network, count in counts.items())
    met = None
    if year_over:
        met = all(
            (low is None or count >= low) and (high is None or count <= high) for count in counts.values()
        )
    return Progress(State.CONFIRMED, value=text, met=met)
