"""Opening, reminding and closing polls. Each step is one transaction with everything it sends: the poll
and its recipients with one question per person in the outbox (keyed by poll and person, so never two),
a reminder per person who has not answered, the result for the channel once.

The close also gives the answers fresh tokens in a fresh order: the tokens that people's messages carry
then match nothing, so even a copy of someone's message cannot be matched to their answer.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.blocks import render
from config.settings import Settings
from participation.i18n import translator
from participation.outbox.items import Kind, enqueue, slack_message
from participation.polls.answers import answers_of, new_token, quiet, rewrite, rows
from participation.polls.messages import question
from participation.polls.recipients import Person, meeting_recipients
from participation.polls.results import result_reply
from participation.storage.models import AuditEntry, Meeting, NetworkRecord, Poll, PollRecipient
from participation.workdays import working_days_after

log = logging.getLogger(__name__)
BOT = "osallisuusbotti"


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
    for person in {person.user_id: person for person in people}.values():
        session.add(PollRecipient(poll_id=poll.id, slack_user_id=person.user_id, answered=False))
        _ask(session, poll, person, settings, reminder=False)
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


def _ask(session: Session, poll: Poll, person: Person, settings: Settings, reminder: bool) -> bool:
    reply = question(poll, person.language, settings.zone, reminder=reminder)
    key = f"poll-{'remind' if reminder else 'ask'}:{poll.id}:{person.user_id}"
    payload = slack_message(person.user_id, reply.summary, render(reply, translator(person.language)))
    return enqueue(session, key, Kind.SLACK_MESSAGE, payload)


def open_meeting_poll(
    session: Session,
    settings: Settings,
    meeting_id: int,
    now: dt.datetime,
    language_of: Callable[[str], str],
) -> Poll | None:
    """The poll after a meeting; None if the meeting was cancelled, has not ended or already has one."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.status != "scheduled" or meeting.ends_at > now:
        return None
    if session.scalar(select(Poll.id).where(Poll.meeting_id == meeting_id)) is not None:
        return None
    people = meeting_recipients(session, meeting, settings.default_language, language_of)
    if not people:
        log.info("meeting %s: nobody to ask, no poll", meeting_id)
        return None
    network = session.get(NetworkRecord, meeting.network_id)
    draft = Draft(
        kind="meeting",
        title=meeting.title,
        event_date=meeting.starts_at.astimezone(settings.zone).date(),
        result_channel=(network.channel_id if network else None) or meeting.created_by,
        created_by=BOT,
        meeting_id=meeting.id,
        network_id=meeting.network_id,
    )
    return open_poll(session, settings, draft, people, now)


# --- reminding and closing ---------------------------------------------------------------------------


def remind(
    session: Session, settings: Settings, poll_id: int, now: dt.datetime, language_of: Callable[[str], str]
) -> int:
    """One reminder to each person who has not answered; the outbox key makes it one, whatever reruns."""
    poll = session.get(Poll, poll_id)
    if poll is None or poll.status != "open" or poll.closes_at <= now:
        return 0
    waiting = session.scalars(
        select(PollRecipient.slack_user_id).where(
            PollRecipient.poll_id == poll_id, PollRecipient.answered.is_(False)
        )
    )
    return sum(
        _ask(session, poll, Person(user_id, language_of(user_id)), settings, reminder=True)
        for user_id in waiting
    )


def close(
    session: Session, settings: Settings, poll_id: int, now: dt.datetime, language_of: Callable[[str], str]
) -> bool:
    """Close the poll when its time has come, give its answers fresh tokens, and post the result once."""
    closed = session.execute(
        quiet(
            update(Poll)
            .where(Poll.id == poll_id, Poll.status == "open", Poll.closes_at <= now)
            .values(status="closed", closed_at=now)
        )
    )
    if rows(closed) != 1:
        return False
    answers = answers_of(session, poll_id)
    for item in answers:
        item["token"] = new_token()
    rewrite(session, poll_id, answers)
    poll = session.get(Poll, poll_id)
    assert poll is not None
    session.refresh(poll)
    _post_result(session, settings, poll, language_of)
    return True


def _post_result(session: Session, settings: Settings, poll: Poll, language_of: Callable[[str], str]) -> None:
    channel = poll.result_channel or poll.created_by
    direct = channel[:1] in ("U", "W")
    language = language_of(channel) if direct else settings.default_language
    reply = result_reply(session, poll, language, settings.zone)
    payload = slack_message(channel, reply.summary, render(reply, translator(language)))
    enqueue(session, f"poll-result:{poll.id}", Kind.SLACK_MESSAGE, payload)
