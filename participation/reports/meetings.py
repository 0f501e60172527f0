"""The network meetings part of the report: the meetings held, their polls' results where they may be
shown, and the meetings held per network and year against the plan's 3–4 a year.

A poll's average is shown only once the poll has closed with at least its `min_answers` answers, as
everywhere else in the bot: with fewer, one person's answer could be told from the average.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from participation.meetings.indicators import held_per_network
from participation.meetings.texts import meeting_title, network_name
from participation.plan.schema import Computation
from participation.storage.models import IndicatorRecord, Meeting, PlanRecord, Poll, PollTally

DEFAULT_MEETINGS = (3.0, 4.0)
DEFAULT_SATISFACTION = 4.0


@dataclass(frozen=True)
class MeetingRow:
    """A meeting held. `average` is None unless its poll has closed with at least `min_answers` answers."""

    day: dt.date
    network: str
    title: str
    poll: str  # "none", "open", "few" or "shown"
    answers: int
    average: float | None


@dataclass(frozen=True)
class NetworkYear:
    network: str
    year: int
    held: int


def targets(session: Session, plan: PlanRecord) -> tuple[float, float, float]:
    """The plan's own targets for meetings a year and satisfaction, where the plan has the indicators."""
    rows = session.scalars(
        select(IndicatorRecord).where(
            IndicatorRecord.plan_id == plan.id, IndicatorRecord.computed.is_not(None)
        )
    )
    low, high, satisfaction = (*DEFAULT_MEETINGS, DEFAULT_SATISFACTION)
    for row in rows:
        if row.computed == Computation.NETWORK_MEETINGS and row.target_min is not None:
            low, high = row.target_min, row.target_max if row.target_max is not None else row.target_min
        if row.computed == Computation.NETWORK_SATISFACTION and row.target_min is not None:
            satisfaction = row.target_min
    return low, high, satisfaction


def meetings_held(
    session: Session, years: tuple[int, ...], now: dt.datetime, zone: dt.tzinfo, language: str
) -> tuple[MeetingRow, ...]:
    """Every meeting held in the years (ended, not cancelled) with its poll's result where it may be shown."""
    window = (
        dt.datetime(years[0], 1, 1, tzinfo=zone) - dt.timedelta(days=1),
        dt.datetime(years[-1] + 1, 1, 1, tzinfo=zone) + dt.timedelta(days=1),
    )
    held = [
        m
        for m in session.scalars(
            select(Meeting)
            .where(
                Meeting.status == "scheduled",
                Meeting.ends_at <= now,
                Meeting.starts_at >= window[0],
                Meeting.starts_at < window[1],
            )
            .order_by(Meeting.starts_at, Meeting.id)
        )
        if m.starts_at.astimezone(zone).year in years
    ]
    polls = {
        p.meeting_id: p
        for p in session.scalars(
            select(Poll).where(Poll.meeting_id.in_([m.id for m in held]), Poll.kind == "meeting")
        )
    }
    figures = {
        poll_id: (int(count), float(total or 0))
        for poll_id, count, total in session.execute(
            select(
                PollTally.poll_id, func.sum(PollTally.answers), func.sum(PollTally.answers * PollTally.rating)
            )
            .where(PollTally.poll_id.in_([p.id for p in polls.values()]))
            .group_by(PollTally.poll_id)
        ).tuples()
    }
    rows = []
    for meeting in held:
        poll = polls.get(meeting.id)
        count, total = figures.get(poll.id, (0, 0.0)) if poll else (0, 0.0)
        state, average = _poll_state(poll, count, total, now)
        rows.append(
            MeetingRow(
                day=meeting.starts_at.astimezone(zone).date(),
                network=network_name(meeting.network_id, language),
                title=meeting_title(meeting, language),
                poll=state,
                answers=count,
                average=average,
            )
        )
    return tuple(rows)


def _poll_state(poll: Poll | None, count: int, total: float, now: dt.datetime) -> tuple[str, float | None]:
    if poll is None:
        return "none", None
    if poll.status != "closed" and poll.closes_at > now:
        return "open", None
    if count < poll.min_answers or count == 0:
        return "few", None
    return "shown", round(total / count, 2)


def held_per_year(
    session: Session, years: tuple[int, ...], now: dt.datetime, zone: dt.tzinfo, language: str
) -> tuple[NetworkYear, ...]:
    """Meetings held per network and year; a year with no meeting recorded at all is left out, since the
    bot cannot tell a year without meetings from one kept before it."""
    rows = []
    for year in years:
        counts = held_per_network(session, year, now, zone)
        if any(counts.values()):
            rows += [NetworkYear(network_name(n, language), year, held) for n, held in counts.items()]
    return tuple(rows)
