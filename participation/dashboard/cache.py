"""The dashboard's answers kept per process: building one costs five reads and about 4 ms of CPU, and with
several requests at once they queue for the interpreter. Kept answers are checked with one statement, the
dashboard's revision number (participation.storage.revisions): every transaction that changes a table
the dashboard reads raises it before it commits, on whichever replica it runs.

An answer is kept under its revision and a key the caller gives (the Helsinki date, the language, the
command's arguments: everything else it depends on). What time alone changes is in the key or bounds
the answer: the date (deadlines, "working days left", the reporting year) is in the key, and an answer
expires at the earliest future instant its data names, a meeting's start or end or a poll's closing
time. Only answers for the newest revision seen are kept, at most `SIZE` of them, the least recently
used going first.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine, bindparam, func, select
from sqlalchemy.orm import Session

from participation.storage import revisions
from participation.storage.models import Meeting, Poll, UTCDateTime

SIZE = 64
T = TypeVar("T")


@dataclass
class _Kept:
    revision: int = -1
    answers: OrderedDict[Hashable, tuple[Any, dt.datetime | None]] = field(default_factory=OrderedDict)


_kept: weakref.WeakKeyDictionary[Engine, _Kept] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def kept(session: Session, key: Hashable, now: dt.datetime, build: Callable[[], T]) -> T:
    """The answer kept for `key` if the dashboard's data has not changed since, else `build()`'s, kept."""
    if revisions.changing(session):
        return build()  # this transaction's own changes may yet be rolled back
    revision = revisions.current(session)
    engine = session.get_bind()
    if revision is None or not isinstance(engine, Engine):
        return build()
    with _lock:
        found = _kept.get(engine)
        if found is not None and found.revision == revision and key in found.answers:
            answer, until = found.answers[key]
            if until is None or now < until:
                found.answers.move_to_end(key)
                return answer  # type: ignore[no-any-return]
    answer = build()
    until = next_change(session, now)
    with _lock:
        found = _kept.setdefault(engine, _Kept())
        if revision < found.revision:
            return answer  # read before another request saw a newer revision: not worth keeping
        if revision > found.revision:
            found.revision, found.answers = revision, OrderedDict()
        found.answers[key] = (answer, until)
        found.answers.move_to_end(key)
        while len(found.answers) > SIZE:
            found.answers.popitem(last=False)
    return answer


def kept_count(engine: Engine) -> int:
    """How many answers this process keeps for the engine's database (tests check the bound)."""
    with _lock:
        found = _kept.get(engine)
        return 0 if found is None else len(found.answers)


_NOW = bindparam("now", type_=UTCDateTime())
# Built once: the statement keeps its SQL cache key, so each use only binds the time.
_NEXT_CHANGE = select(
    select(func.min(Meeting.starts_at))
    .where(Meeting.status == "scheduled", Meeting.starts_at > _NOW)
    .scalar_subquery(),
    select(func.min(Meeting.ends_at))
    .where(Meeting.status == "scheduled", Meeting.ends_at > _NOW)
    .scalar_subquery(),
    select(func.min(Poll.closes_at)).where(Poll.status != "closed", Poll.closes_at > _NOW).scalar_subquery(),
)


def next_change(session: Session, now: dt.datetime) -> dt.datetime | None:
    """The earliest future instant at which the dashboard changes by time alone: a scheduled meeting
    starts (the next meeting) or ends (it is held), or a poll not yet closed reaches its closing time."""
    row = session.execute(_NEXT_CHANGE, {"now": now}).one()
    return min((instant for instant in row if instant is not None), default=None)
