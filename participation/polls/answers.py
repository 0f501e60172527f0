"""Answers: a first click, a change through the answer's token, a comment. Each is refused, changing
nothing, when the poll is unknown, closed, or was not sent to the person, or the token is not one the bot
made for this person's latest answer.

Anonymity is kept by what is written, not by promise. `poll_recipients` says who was asked, whether they
answered and how many times they changed something, never what. What was answered is only counted:
`poll_tallies` has a row per rating with the number of answers, and every click updates all five rows of
the poll in one statement (the rows it does not change by zero), so no row's position, write order or
PostgreSQL row version tells which rating the last click gave. Comments are in `poll_comments` under
random keys, with no user and no time, written again in a random order on every save. What a person
answered is carried only in their own message, in a signed token (`polls.tokens`) that goes back through
the interaction's response URL, never through the outbox table; nothing logged names a person together
with a rating.

Every change first takes the open poll's row with an UPDATE: on PostgreSQL that row lock puts concurrent
answers to the same poll in line, on SQLite the write lock does, and its WHERE refuses a poll that has
closed in the meantime. A first answer then claims the person's "answered" flag with a conditional
UPDATE, so a double click records one answer, whichever database; a change moves the person's answer
version on with a conditional UPDATE from the token's version, so an old message (or the same one
replayed) cannot take an answer off the count twice. A click costs the same few statements however many
answers the poll has; a comment's save costs one more statement per comment the poll has.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import CursorResult, case, delete, insert, select, update
from sqlalchemy.orm import Session

from participation.polls.scale import RATINGS
from participation.polls.tokens import Signer, Token
from participation.storage.models import Poll, PollComment, PollRecipient, PollTally

_shuffle = secrets.SystemRandom().shuffle


class Outcome(StrEnum):
    RECORDED = "recorded"  # a first answer
    CHANGED = "changed"  # an answer or comment changed through its token
    ALREADY_ANSWERED = "already_answered"  # a first-answer button after an answer: nothing changes
    NOT_ASKED = "not_asked"
    CLOSED = "closed"
    UNKNOWN = "unknown"  # no such poll, or a token the bot did not make, or an older message's token


@dataclass(frozen=True)
class Answered:
    outcome: Outcome
    token: str = ""
    rating: int = 0
    comment: str | None = None


def new_key() -> str:
    return secrets.token_urlsafe(16)


def answer(
    session: Session, signer: Signer, poll_id: int, user_id: str, token: str, rating: int, now: dt.datetime
) -> Answered:
    """A click on a rating: a first answer without a token, a change with one."""
    version = _open_for(session, poll_id, user_id, now)
    if isinstance(version, Outcome):
        return Answered(version)
    if token:
        return _change(session, signer, poll_id, user_id, version, token, rating)
    claimed = _moved_on(session, poll_id, user_id, PollRecipient.answered.is_(False), answered=True)
    if not claimed:
        return Answered(Outcome.ALREADY_ANSWERED)
    count(session, poll_id, {rating: 1})
    mine = Token(poll_id, rating, version + 1)
    return Answered(Outcome.RECORDED, token=signer.sign(user_id, mine), rating=rating)


def _change(
    session: Session, signer: Signer, poll_id: int, user_id: str, version: int, text: str, rating: int
) -> Answered:
    old = signer.read(user_id, text)
    if old is None or old.poll_id != poll_id or old.version != version:
        return Answered(Outcome.UNKNOWN)
    comment = _comment_of(session, old)
    if old.rating == rating:  # the same button again: nothing to change
        return Answered(Outcome.CHANGED, token=text, rating=rating, comment=comment)
    if not _moved_on(session, poll_id, user_id, PollRecipient.answer_version == version):
        return Answered(Outcome.UNKNOWN)
    count(session, poll_id, {old.rating: -1, rating: 1})
    mine = Token(poll_id, rating, version + 1, old.comment_key)
    return Answered(Outcome.CHANGED, token=signer.sign(user_id, mine), rating=rating, comment=comment)


def set_comment(
    session: Session,
    signer: Signer,
    poll_id: int,
    user_id: str,
    text: str,
    comment: str | None,
    now: dt.datetime,
) -> Answered:
    """Add, change or (empty) remove the person's comment; the poll's comments are written again in a
    random order, so the order they are kept in says nothing of when each was written."""
    version = _open_for(session, poll_id, user_id, now)
    if isinstance(version, Outcome):
        return Answered(version)
    old = signer.read(user_id, text)
    if old is None or old.poll_id != poll_id or old.version != version:
        return Answered(Outcome.UNKNOWN)
    if not _moved_on(session, poll_id, user_id, PollRecipient.answer_version == version):
        return Answered(Outcome.UNKNOWN)
    query = select(PollComment.key, PollComment.text).where(PollComment.poll_id == poll_id)
    comments: dict[str, str] = dict(list(session.execute(query).tuples()))
    key = old.comment_key or new_key()
    comments.pop(key, None)
    if comment:
        comments[key] = comment
    rewrite_comments(session, poll_id, comments)
    mine = Token(poll_id, old.rating, version + 1, key if comment else "")
    return Answered(Outcome.CHANGED, token=signer.sign(user_id, mine), rating=old.rating, comment=comment)


def comment_state(
    session: Session, signer: Signer, poll_id: int, user_id: str, text: str, now: dt.datetime
) -> tuple[Outcome | None, str | None]:
    """Whether this person may comment through this token now (None if so), and the comment so far."""
    poll = session.get(Poll, poll_id)
    if poll is None:
        return Outcome.UNKNOWN, None
    version = _version(session, poll_id, user_id)
    if version is None:
        return Outcome.NOT_ASKED, None
    if poll.status != "open" or poll.closes_at <= now:
        return Outcome.CLOSED, None
    token = signer.read(user_id, text)
    if token is None or token.poll_id != poll_id or token.version != version:
        return Outcome.UNKNOWN, None
    return None, _comment_of(session, token)


def count(session: Session, poll_id: int, changes: dict[int, int]) -> None:
    """Add to the poll's counts, touching all five of its rows: a poll without rows (made before they
    were) gets them first."""
    by = case(*((PollTally.rating == r, n) for r, n in changes.items()), else_=0)
    touched = session.execute(
        quiet(update(PollTally).where(PollTally.poll_id == poll_id).values(answers=PollTally.answers + by))
    )
    if rows(touched) == 0:
        session.execute(insert(PollTally), tally_rows(poll_id, changes))


def tally_rows(poll_id: int, counts: dict[int, int]) -> list[dict[str, int]]:
    """A poll's five rows, in rating order, with these counts."""
    return [{"poll_id": poll_id, "rating": r, "answers": max(0, counts.get(r, 0))} for r in RATINGS]


def rewrite_comments(session: Session, poll_id: int, comments: dict[str, str]) -> None:
    """Write the poll's comments again in a random order."""
    shuffled = [{"key": key, "poll_id": poll_id, "text": text} for key, text in comments.items()]
    _shuffle(shuffled)
    session.execute(delete(PollComment).where(PollComment.poll_id == poll_id))
    if shuffled:
        session.execute(insert(PollComment), shuffled)


def _open_for(session: Session, poll_id: int, user_id: str, now: dt.datetime) -> int | Outcome:
    """The person's answer version, with the poll locked for them; or why they cannot change it now."""
    if session.get(Poll, poll_id) is None:
        return Outcome.UNKNOWN
    version = _version(session, poll_id, user_id)
    if version is None:
        return Outcome.NOT_ASKED
    locked = session.execute(
        quiet(
            update(Poll)
            .where(Poll.id == poll_id, Poll.status == "open", Poll.closes_at > now)
            .values(status="open")
        )
    )
    return version if rows(locked) == 1 else Outcome.CLOSED


def _version(session: Session, poll_id: int, user_id: str) -> int | None:
    query = select(PollRecipient.answer_version).where(
        PollRecipient.poll_id == poll_id, PollRecipient.slack_user_id == user_id
    )
    return session.scalar(query)


def _moved_on(session: Session, poll_id: int, user_id: str, condition: Any, **values: Any) -> bool:
    """The person's answer version one on, if `condition` still holds for their row."""
    moved = session.execute(
        quiet(
            update(PollRecipient)
            .where(PollRecipient.poll_id == poll_id, PollRecipient.slack_user_id == user_id, condition)
            .values(answer_version=PollRecipient.answer_version + 1, **values)
        )
    )
    return rows(moved) == 1


def _comment_of(session: Session, token: Token) -> str | None:
    if not token.comment_key:
        return None
    query = select(PollComment.text).where(
        PollComment.poll_id == token.poll_id, PollComment.key == token.comment_key
    )
    return session.scalar(query)


def quiet(statement: Any) -> Any:
    """A bulk UPDATE that leaves the session's loaded objects alone: callers read back what they need."""
    return statement.execution_options(synchronize_session=False)


def rows(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount)
