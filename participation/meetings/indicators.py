"""The plan's indicator "network meetings arranged: 3–4 per year", computed from the meetings held.

Held means ended and not cancelled; the year is the meeting's calendar year in Helsinki time. Every
network must reach the range; until the year is over, the figure is shown but not judged. A year the bot
holds no meetings for is "not yet reported": the meetings may have been kept before the bot.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from participation.meetings.networks import configured_networks
from participation.meetings.texts import network_name
from participation.plan.progress import Progress, State
from participation.storage.models import Meeting


def held_per_network(session: Session, year: int, now: dt.datetime, zone: dt.tzinfo) -> dict[str, int]:
    counts = dict.fromkeys(configured_networks(), 0)
    window_start = dt.datetime(year, 1, 1, tzinfo=zone) - dt.timedelta(days=1)
    window_end = dt.datetime(year + 1, 1, 1, tzinfo=zone) + dt.timedelta(days=1)
    query = select(Meeting).where(
        Meeting.status == "scheduled",
        Meeting.ends_at <= now,
        Meeting.starts_at >= window_start,
        Meeting.starts_at < window_end,
    )
    for meeting in session.scalars(query):
        if meeting.starts_at.astimezone(zone).year == year and meeting.network_id in counts:
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
    counts = held_per_network(session, year, now, zone)
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
