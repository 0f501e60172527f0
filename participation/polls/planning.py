"""The scheduled work of polls, planned from the database like the meeting reminders:

- `poll-open:<meeting>` at the meeting's end plus POLL_DELAY_MINUTES, for every meeting that has no poll
  yet (a moved meeting moves its job, a cancelled one loses it);
- `poll-remind:<poll>` at the poll's reminder time, while it is open and the reminder comes before the close;
- `poll-close:<poll>` at its closing time.

Each kind also names its missed work, run once when the bot starts: a poll that should have opened
within the last POLL_OPEN_DAYS, a reminder whose time has come while its poll is open, a poll past its
closing time. All three are idempotent (a meeting has one poll, the outbox keys send a reminder once, a
closed poll is not closed again), so running one twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.settings import Settings
from participation.jobs import POLL_CLOSE, POLL_OPEN, POLL_REMIND, JobSpec
from participation.storage.models import Meeting, Poll


def plan_poll_openings(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    delay = dt.timedelta(minutes=settings.poll_delay_minutes)
    return _openings(session, settings, after=now - delay)


def missed_poll_openings(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    delay = dt.timedelta(minutes=settings.poll_delay_minutes)
    since = now - delay - dt.timedelta(days=settings.poll_open_days)
    return [job for job in _openings(session, settings, after=since) if job.run_at <= now]


def _openings(session: Session, settings: Settings, after: dt.datetime) -> list[JobSpec]:
    """A job per meeting still to be held or ended after `after`, that has no poll yet."""
    delay = dt.timedelta(minutes=settings.poll_delay_minutes)
    polled = select(Poll.meeting_id).where(Poll.meeting_id.is_not(None))
    query = select(Meeting).where(
        Meeting.status == "scheduled", Meeting.ends_at > after, Meeting.id.not_in(polled)
    )
    return [
        JobSpec(POLL_OPEN, str(meeting.id), meeting.ends_at + delay, (meeting.id,))
        for meeting in session.scalars(query)
    ]


def plan_poll_reminders(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    return [
        JobSpec(POLL_REMIND, str(poll.id), poll.remind_at, (poll.id,))
        for poll in _open_polls(session)
        if poll.remind_at < poll.closes_at
    ]


def missed_poll_reminders(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    return [
        JobSpec(POLL_REMIND, str(poll.id), poll.remind_at, (poll.id,))
        for poll in _open_polls(session)
        if poll.remind_at <= now < poll.closes_at
    ]


def plan_poll_closes(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    return [JobSpec(POLL_CLOSE, str(poll.id), poll.closes_at, (poll.id,)) for poll in _open_polls(session)]


def missed_poll_closes(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    return [job for job in plan_poll_closes(session, settings, now) if job.run_at <= now]


def _open_polls(session: Session) -> list[Poll]:
    return list(session.scalars(select(Poll).where(Poll.status == "open").order_by(Poll.id)))
