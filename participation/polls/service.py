"""Opening, reminding and closing polls. Each step is one transaction with everything it sends: the poll
and its recipients with one question per person in the outbox (keyed by poll and person, so never two),
a reminder per person who has not answered, the result for the channel once.

The poll opens with its five counts at zero (`poll_tallies`), so that no row is made by a click. The close
also gives the comments fresh keys in a fresh order: the keys that people's messages carry then match
nothing, so even a copy of someone's message cannot be matched to their comment.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from config.settings import Settings
from participation.outbox.items import Kind, enqueue, message
from participation.polls.answers import new_key, quiet, rewrite_comments, rows, tally_rows
from participation.polls.recipients import Person, meeting_recipients
from participation.storage.models import (
    AuditEntry,
    Meeting,
    NetworkRecord,
    Poll,
    PollComment,
    PollRecipient,
    PollTally,
)
from participation.workdays import working_days_after

log = logging.getLogger(__name__)
BOT = "osallisuusbotti"
QUESTION = "poll.question"  # the 1–5 question (or its reminder) to one person
RESULT = "poll.result"  # the result, once closed


@dataclass(frozen=True)
class Draft:
    """A poll to open: what it is about, who is asked, and where its result goes."""

    kind: str
    title: str
    event_date: dt.date
    result_channel: str
    created_by: str
    meeting_id: int | None = None
    network_id: str | None = None


def remind_at(opened_at: dt.datetime, zone: dt.tzinfo, working_days: int) -> dt.datetime:
    """The same time of day, `working_days` working days after the poll opened."""
    local = opened_at.astimezone(zone)
    day = working_days_after(local.date(), working_days)
    return dt.datetime.combine(day, local.time(), tzinfo=zone).astimezone(dt.UTC)


def closes_at(opened_at: dt.datetime, zone: dt.tzinfo, days: int) -> dt.datetime:
    """The same time of day `days` later in Helsinki, across a change to or from summer time."""
    return (opened_at.astimezone(zone) + dt.timedelta(days=days)).astimezone(dt.UTC)


# --- opening -----------------------------------------------------------------------------------------


def open_poll(
    session: Session, settings: Settings, draft: Draft, people: list[Person], now: dt.datetime
) -> Poll:
    """The poll, its recipients and one question per person in the outbox, keyed by poll and person."""
    poll = Poll(
        kind=draft.kind,
        meeting_id=draft.meeting_id,
        network_id=draft.network_id,
        title=draft.title[:200],
        event_date=draft.event_date,
        result_channel=draft.result_channel,
        status="open",
        opened_at=now,
        remind_at=remind_at(now, settings.zone, settings.poll_reminder_working_days),
        closes_at=closes_at(now, settings.zone, settings.poll_open_days),
        min_answers=settings.poll_min_answers,
        created_by=draft.created_by,
    )
    session.add(poll)
    session.flush()
    session.execute(insert(PollTally), tally_rows(poll.id, {}))
    for person in {person.user_id: person for person in people}.values():
        session.add(PollRecipient(poll_id=poll.id, slack_user_id=person.user_id, answered=False))
        _ask(session, poll, person.user_id, reminder=False)
    session.add(
        AuditEntry(
            actor=draft.created_by,
            action="poll.open",
            entity=f"poll:{poll.id}",
            before=None,
            after={"kind": poll.kind, "title": poll.title, "event_date": poll.event_date.isoformat()},
        )
    )
    return poll


def _ask(session: Session, poll: Poll, user_id: str, reminder: bool) -> bool:
    """The question, written in the person's language when it is sent."""
    key = f"poll-{'remind' if reminder else 'ask'}:{poll.id}:{user_id}"
    args = {"poll": poll.id, "reminder": reminder}
    return enqueue(session, key, Kind.MESSAGE, message(user_id, QUESTION, args))


def open_meeting_poll(
    session: Session,
    settings: Settings,
    meeting_id: int,
    now: dt.datetime,
) -> Poll | None:
    """The poll after a meeting; None if the meeting was cancelled, has not ended or already has one.

    The meeting's row is locked first (PostgreSQL), so two runs at once (a catch-up beside the stored
    job, two replicas) take turns, and the second finds the first one's poll instead of a unique key."""
    meeting = session.get(Meeting, meeting_id, with_for_update=True)
    if meeting is None or meeting.status != "scheduled" or meeting.ends_at > now:
        return None
    if session.scalar(select(Poll.id).where(Poll.meeting_id == meeting_id)) is not None:
        return None
    people = meeting_recipients(session, meeting, settings.default_language)
    if not people:
        log.info("meeting %s: nobody to ask, no poll", meeting_id)
        return None
    network = session.get(NetworkRecord, meeting.network_id)
    draft = Draft(
        kind="meeting",
        title=meeting.title,  # none for a meeting without one: shown in each reader's language
        event_date=meeting.starts_at.astimezone(settings.zone).date(),
        result_channel=(network.channel_id if network else None) or meeting.created_by,
        created_by=BOT,
        meeting_id=meeting.id,
        network_id=meeting.network_id,
    )
    return open_poll(session, settings, draft, people, now)


# --- reminding and closing ---------------------------------------------------------------------------


def remind(session: Session, settings: Settings, poll_id: int, now: dt.datetime) -> int:
    """One reminder to each person who has not answered; the outbox key makes it one, whatever reruns."""
    poll = session.get(Poll, poll_id)
    if poll is None or poll.status != "open" or poll.closes_at <= now:
        return 0
    waiting = session.scalars(
        select(PollRecipient.slack_user_id).where(
            PollRecipient.poll_id == poll_id, PollRecipient.answered.is_(False)
        )
    )
    return sum(_ask(session, poll, user_id, reminder=True) for user_id in waiting)


def close(session: Session, settings: Settings, poll_id: int, now: dt.datetime) -> bool:
    """Close the poll when its time has come, give its comments fresh keys, and post the result once."""
    closed = session.execute(
        quiet(
            update(Poll)
            .where(Poll.id == poll_id, Poll.status == "open", Poll.closes_at <= now)
            .values(status="closed", closed_at=now)
        )
    )
    if rows(closed) != 1:
        return False
    kept = session.scalars(select(PollComment.text).where(PollComment.poll_id == poll_id))
    rewrite_comments(session, poll_id, {new_key(): text for text in kept})
    poll = session.get(Poll, poll_id)
    assert poll is not None
    session.refresh(poll)
    _post_result(session, poll)
    return True


def _post_result(session: Session, poll: Poll) -> None:
    """The result for the channel (in DEFAULT_LANGUAGE), or for the coordinator in theirs; once."""
    channel = poll.result_channel or poll.created_by
    enqueue(session, f"poll-result:{poll.id}", Kind.MESSAGE, message(channel, RESULT, {"poll": poll.id}))
