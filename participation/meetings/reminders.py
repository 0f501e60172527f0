"""The reminder one working day before a meeting, to those who said they will attend."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.settings import Settings
from participation.i18n import translator
from participation.jobs import MEETING_REMINDER, JobSpec
from participation.meetings.texts import details
from participation.messages import Reply, Section
from participation.outbox.items import Kind, enqueue_many, message
from participation.storage.models import Meeting
from participation.workdays import previous_working_day

REMINDER_TIME = dt.time(9, 0)
REMINDER = "meeting.reminder"  # to each person attending; written when it is sent


def reminder_at(meeting: Meeting, zone: dt.tzinfo) -> dt.datetime:
    """09:00 Helsinki time on the working day before the meeting's day (Friday for a Monday meeting)."""
    day = previous_working_day(meeting.starts_at.astimezone(zone).date())
    return dt.datetime.combine(day, REMINDER_TIME, tzinfo=zone).astimezone(dt.UTC)


def plan_reminders(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    """One reminder job per coming meeting; a cancelled or moved meeting's old job is dropped by sync."""
    return [
        JobSpec(MEETING_REMINDER, str(meeting.id), reminder_at(meeting, settings.zone), (meeting.id,))
        for meeting in upcoming(session, now)
    ]


def upcoming(session: Session, now: dt.datetime) -> list[Meeting]:
    query = select(Meeting).where(Meeting.status == "scheduled", Meeting.starts_at > now)
    return list(session.scalars(query))


def send_reminders(session: Session, settings: Settings, meeting_id: int, now: dt.datetime) -> int:
    """Queue the reminders; the key names the meeting's time, so a moved meeting is reminded again."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.status != "scheduled" or meeting.starts_at <= now:
        return 0
    people = sorted(rsvp.slack_user_id for rsvp in meeting.rsvps if rsvp.attending)
    items = [
        (
            f"reminder:{meeting.id}:{meeting.starts_at.isoformat()}:{user}",
            Kind.MESSAGE,
            message(user, REMINDER, {"meeting": meeting.id}),
        )
        for user in people
    ]
    return enqueue_many(session, items)


def reminder_reply(meeting: Meeting, language: str, settings: Settings) -> Reply:
    _ = translator(language)
    return Reply(
        [
            Section(_("Reminder: you are coming to this meeting tomorrow or on the next working day.")),
            Section("\n".join(details(meeting, language, settings.zone))),
        ]
    )
