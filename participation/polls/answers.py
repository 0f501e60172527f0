"""Answers: a first click, a change through the answer's token, a comment. Each is refused, changing
nothing, when the poll is unknown, closed, or was not sent to the person.

Anonymity is kept by what is written, not by promise. `poll_recipients` says who was asked and whether
they answered, never what. `poll_answers` holds the ratings under random tokens, with no user and no
time; every new answer rewrites the poll's answers in a random order (and the close gives them fresh
tokens, see `polls.service.close`), so neither the rows' order nor a token in an old message leads back
to a person. The message carrying a token goes back through the interaction's response URL, never
through the outbox table, and nothing logged names a person together with a rating.

Every change first takes the open poll's row with an UPDATE: on PostgreSQL that row lock puts concurrent
answers to the same poll in line, on SQLite the write lock does, and its WHERE refuses a poll that has
closed in the meantime. A first answer then claims the person's "answered" flag with a conditional
UPDATE, so a double click records one answer, whichever database.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import CursorResult, delete, insert, select, update
from sqlalchemy.orm import Session

from participation.storage.models import Poll, PollAnswer, PollRecipient

_shuffle = secrets.SystemRandom().shuffle


class Outcome(StrEnum):
    RECORDED = "recorded"  # a first answer
    CHANGED = "changed"  # an answer or comment changed through its token
    ALREADY_ANSWERED = "already_answered"  # a first-answer button after an answer: nothing changes
    NOT_ASKED = "not_asked"
    CLOSED = "closed"
    UNKNOWN = "unknown"  # no such poll, or a token the poll does not have: forged or stale


@dataclass(frozen=True)
class Answered:
    outcome: Outcome
    token: str = ""
    rating: int = 0
    comment: str | None = None


def new_token() -> str:
    return secrets.token_urlsafe(24)


def answer(
    session: Session, poll_id: int, user_id: str, token: str, rating: int, now: dt.datetime
) -> Answered:
    """A click on a rating: a first answer without a token, a change with one."""
    refused = _check(session, poll_id, user_id, now)
    if refused is not None:
        return Answered(refused)
    if token:
        return _change(session, poll_id, token, rating=rating)
    claimed = rows(
        session.execute(
            quiet(
                update(PollRecipient)
                .where(
                    PollRecipient.poll_id == poll_id,
                    PollRecipient.slack_user_id == user_id,
                    PollRecipient.answered.is_(False),
                )
                .values(answered=True)
            )
        )
    )
    if claimed != 1:
        return Answered(Outcome.ALREADY_ANSWERED)
    token = new_token()
    answers = answers_of(session, poll_id)
    answers.append({"token": token, "poll_id": poll_id, "rating": rating, "comment": None})
    rewrite(session, poll_id, answers)
    return Answered(Outcome.RECORDED, token=token, rating=rating)


def set_comment(
    session: Session, poll_id: int, user_id: str, token: str, comment: str | None, now: dt.datetime
) -> Answered:
    refused = _check(session, poll_id, user_id, now)
    if refused is not None:
        return Answered(refused)
    return _change(session, poll_id, token, comment=comment or None)


def _check(session: Session, poll_id: int, user_id: str, now: dt.datetime) -> Outcome | None:
    """Why this person cannot change this poll now, if they cannot; else the poll is locked for them."""
    if session.get(Poll, poll_id) is None:
        return Outcome.UNKNOWN
    if not _asked(session, poll_id, user_id):
        return Outcome.NOT_ASKED
    locked = session.execute(
        quiet(
            update(Poll)
            .where(Poll.id == poll_id, Poll.status == "open", Poll.closes_at > now)
            .values(status="open")
        )
    )
    return None if rows(locked) == 1 else Outcome.CLOSED


def _asked(session: Session, poll_id: int, user_id: str) -> bool:
    query = select(PollRecipient.id).where(
        PollRecipient.poll_id == poll_id, PollRecipient.slack_user_id == user_id
    )
    return session.scalar(query) is not None


def _change(session: Session, poll_id: int, token: str, **values: Any) -> Answered:
    mine = (PollAnswer.poll_id == poll_id, PollAnswer.token == token)
    if rows(session.execute(quiet(update(PollAnswer).where(*mine).values(**values)))) != 1:
        return Answered(Outcome.UNKNOWN)
    rating, comment = session.execute(select(PollAnswer.rating, PollAnswer.comment).where(*mine)).one()
    return Answered(Outcome.CHANGED, token=token, rating=rating, comment=comment)


def answers_of(session: Session, poll_id: int) -> list[dict[str, Any]]:
    found = session.execute(
        select(PollAnswer.token, PollAnswer.rating, PollAnswer.comment).where(PollAnswer.poll_id == poll_id)
    )
    return [{"token": t, "poll_id": poll_id, "rating": r, "comment": c} for t, r, c in found]


def rewrite(session: Session, poll_id: int, answers: list[dict[str, Any]]) -> None:
    """Write the poll's answers again in a random order, so their storage order is not answering order."""
    _shuffle(answers)
    session.execute(delete(PollAnswer).where(PollAnswer.poll_id == poll_id))
    if answers:
        session.execute(insert(PollAnswer), answers)


def quiet(statement: Any) -> Any:
    """A bulk UPDATE that leaves the session's loaded objects alone: callers read back what they need."""
    return statement.execution_options(synchronize_session=False)


def rows(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount)


def comment_state(
    session: Session, poll_id: int, user_id: str, token: str, now: dt.datetime
) -> tuple[Outcome | None, str | None]:
    """Whether this person may comment through this token now (None if so), and the comment so far."""
    poll = session.get(Poll, poll_id)
    if poll is None:
        return Outcome.UNKNOWN, None
    if not _asked(session, poll_id, user_id):
        return Outcome.NOT_ASKED, None
    if poll.status != "open" or poll.closes_at <= now:
        return Outcome.CLOSED, None
    row = session.execute(
        select(PollAnswer.comment).where(PollAnswer.poll_id == poll_id, PollAnswer.token == token)
    ).first()
    return (None, row[0]) if row is not None else (Outcome.UNKNOWN, None)
