"""The plan's indicators "feedback from network participants / on training, satisfaction at least 4",
computed from the polls of a year.

The figure is the average over every answer of the year's closed polls (a poll with many answers weighs
more than one with few), the year being the event's date. A poll past its closing time counts even if
its close job has not yet run. A poll with fewer answers than its minimum is left out, as it is from
every other result: were it counted, the yearly figure before and after its close would give away the
sum of its few answers. A year with no poll to count is "not yet reported".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from participation.i18n import translator
from participation.plan.progress import Progress, State
from participation.storage.models import Poll, PollTally

PollCounts = list[tuple[int, int, int]]  # per poll: its minimum of answers, its answers, their sum


def satisfaction_progress(
    session: Session,
    year: int,
    kind: str,
    now: dt.datetime,
    zone: dt.tzinfo,
    language: str,
    target_min: float | None,
) -> Progress:
    """`kind` is "meeting" (network satisfaction) or "training" (training satisfaction). `zone` is not
    needed: an event's date is stored as the Helsinki date already."""
    polls = polls_of_year(session, year, now).get(kind, [])
    return progress_of_polls(polls, language, target_min)


def polls_of_year(session: Session, year: int, now: dt.datetime) -> dict[str, PollCounts]:
    """Every poll that counts for the year, of both kinds, in one query: the dashboard asks once
    however many indicators are computed from polls."""
    query = (
        select(
            Poll.kind,
            Poll.id,
            Poll.min_answers,
            func.coalesce(func.sum(PollTally.answers), 0),
            func.coalesce(func.sum(PollTally.answers * PollTally.rating), 0),
        )
        .outerjoin(PollTally, PollTally.poll_id == Poll.id)
        .where(
            Poll.event_date >= dt.date(year, 1, 1),
            Poll.event_date <= dt.date(year, 12, 31),
            or_(Poll.status == "closed", Poll.closes_at <= now),
        )
        .group_by(Poll.kind, Poll.id, Poll.min_answers)
    )
    polls: dict[str, PollCounts] = {}
    for kind, _id, minimum, answers, total in session.execute(query):
        polls.setdefault(kind, []).append((int(minimum), int(answers), int(total)))
    return polls


def progress_of_polls(polls: PollCounts, language: str, target_min: float | None) -> Progress:
    """The figure of one kind's polls of a year (see the module's docstring)."""
    _ = translator(language)
    if not polls:
        return Progress(State.NOT_REPORTED)
    counted = [(answers, total) for minimum, answers, total in polls if answers >= minimum]
    if not counted:
        return Progress(State.NOT_REPORTED, comment=_("too few answers to show"))
    answers = sum(count for count, _total in counted)
    average = sum(total for _count, total in counted) / answers
    comment = _("Answers: {answers}, polls: {polls}").format(answers=answers, polls=len(counted))
    met = None if target_min is None else average >= target_min
    return Progress(State.CONFIRMED, value=round(average, 2), comment=comment, met=met)
