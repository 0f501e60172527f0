"""Revision numbers: one row per area in `revisions`, raised once by every transaction that changed a
table the area shows, in the same transaction, just before it commits. A process that keeps something
built from those tables (the dashboard's answers, participation.dashboard.cache) reads the number in one
statement and knows whether what it kept is still current, whichever replica wrote.

No writer has to remember it: the session's events see every ORM change (`after_flush`: new, changed
and deleted objects) and every DML statement run through a session (`do_orm_execute`: ORM-enabled bulk
INSERT, UPDATE and DELETE, and Core ones), and mark the areas of the tables they touch. Tables are named
as strings, so a table added later only needs its name here. A statement sent on a bare connection, or
as SQL text, is not seen: no code of the bot writes a watched table that way.

What is watched is exactly what the dashboard reads, and no more: each raise takes the area's row lock
until the commit, so a table written by every click would put all clicks in one line. The answers to
polls (`poll_answers`, `poll_recipients`, and any per-click tally) are therefore not watched: the
dashboard counts only polls whose closing time has passed, and those take no more answers; a poll's
closing time is when the dashboard's answers expire anyway (participation.dashboard.cache). Of `polls`
only the columns the dashboard reads, and `closed_at` the close sets, count: an answer's lock takes the
poll's row with an UPDATE that sets nothing new (`status` to "open"), which must not raise the number.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, String, bindparam, event, insert, select, update
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.orm.attributes import instance_state

from participation.storage.models import Revision

DASHBOARD = "dashboard"
_EVERY: frozenset[str] = frozenset()  # no column list: any change of the table counts

# table name -> (area, the columns whose change counts; empty for every column). Poll answers and any
# per-click tally are left out on purpose (see above); network names come from config/networks.yaml.
WATCHED: dict[str, tuple[str, frozenset[str]]] = {
    "plans": (DASHBOARD, _EVERY),
    "priorities": (DASHBOARD, _EVERY),
    "measures": (DASHBOARD, _EVERY),
    "indicators": (DASHBOARD, _EVERY),
    "indicator_owners": (DASHBOARD, _EVERY),
    "confirmations": (DASHBOARD, _EVERY),
    "meetings": (DASHBOARD, _EVERY),
    "polls": (DASHBOARD, frozenset({"kind", "event_date", "closes_at", "closed_at", "min_answers"})),
}

_CHANGED = "participation.revisions.changed"
_READ = select(Revision.number).where(Revision.area == bindparam("area", type_=String()))
_RAISE = (
    update(Revision)
    .where(Revision.area == bindparam("which", type_=String()))
    .values(number=Revision.number + 1)
)


# The dashboard's number as a request's first statement read it (see `note`): (engine, number).
_NOTED: ContextVar[tuple[Engine, int] | None] = ContextVar("dashboard_revision_noted", default=None)
# The dashboard's number as a column of another statement: the who-lookup that starts every request
# reads it too, so a kept answer costs that one statement (participation.directory.read).
DASHBOARD_NUMBER = select(Revision.number).where(Revision.area == DASHBOARD).scalar_subquery()


def current(session: Session, area: str = DASHBOARD) -> int | None:
    """The area's number as this transaction sees it; None without a row (a schema made without Alembic).
    The dashboard's number noted by this request's first statement is taken instead of a read, once:
    it is at most as new as anything read after it, so nothing kept under it is newer than it says."""
    noted = _NOTED.get()
    if area == DASHBOARD and noted is not None and noted[0] is session.get_bind():
        _NOTED.set(None)
        return noted[1]
    number = session.execute(_READ, {"area": area}).scalar()
    return None if number is None else int(number)


def note(session: Session, number: int | None) -> None:
    """Keep the dashboard's number read by the request's first statement for the request's first
    `current`. It lives in the request's context: Bolt's listeners, and the work after their ack, each
    run in a copy of their own (bot.request_ids.ContextThreadPool), so it never outlives the request."""
    bind = session.get_bind()
    note_read(bind if isinstance(bind, Engine) else None, number)


def note_read(engine: Engine | None, number: int | None) -> None:
    """As `note`, for a number read outside the engine's sessions (the replay guard's statement, on its
    own connections to the same database): `engine` is the one whose sessions take it."""
    _NOTED.set(None if number is None or engine is None else (engine, int(number)))


def changing(session: Session) -> bool:
    """Whether this transaction has changed a watched table, or holds changes not yet flushed: what it
    reads then may never be committed, so it must not be kept for others."""
    return bool(session.info.get(_CHANGED)) or bool(session.new or session.dirty or session.deleted)


def install(sessions: sessionmaker[Session]) -> None:
    """Watch the sessions this factory makes."""
    event.listen(sessions, "after_flush", _flushed)
    event.listen(sessions, "do_orm_execute", _executed)
    event.listen(sessions, "before_commit", _raise)
    event.listen(sessions, "after_rollback", _forget)


def _mark(session: Session, areas: Iterable[str]) -> None:
    session.info.setdefault(_CHANGED, set()).update(areas)


def _flushed(session: Session, _context: Any) -> None:
    """Still sees the flush's new, dirty and deleted objects and their attributes' history."""
    areas = {area for obj in session.new | session.deleted for area in _areas_of(obj, None)}
    areas |= {area for obj in session.dirty for area in _areas_of(obj, _changed_columns(obj))}
    if areas:
        _mark(session, areas)


def _areas_of(obj: object, columns: set[str] | None) -> list[str]:
    mapper = instance_state(obj).mapper
    found = []
    for table in mapper.tables:
        watched = WATCHED.get(table.name)
        if watched is not None and _counts(watched[1], columns):
            found.append(watched[0])
    return found


def _changed_columns(obj: object) -> set[str]:
    state = instance_state(obj)
    return {
        column.name
        for attr in state.mapper.column_attrs
        if state.attrs[attr.key].history.has_changes()
        for column in attr.columns
    }


def _counts(watched: frozenset[str], columns: Iterable[str] | None) -> bool:
    """None for columns: a whole row came or went, or what changed cannot be told."""
    if columns is None or not watched:
        return True
    return bool(watched.intersection(columns))


def _executed(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    statement: Any = state.statement
    watched = WATCHED.get(getattr(statement.table, "name", ""))
    if watched is None:
        return
    columns = _set_columns(statement, state.parameters) if state.is_update else None
    if _counts(watched[1], columns):
        _mark(state.session, [watched[0]])


def _set_columns(statement: Any, parameters: Any) -> set[str] | None:
    """The columns an UPDATE sets: its VALUES, or the keys of the rows of a bulk UPDATE by primary key;
    None when they cannot be told (then it counts)."""
    values = getattr(statement, "_values", None)  # SQLAlchemy keeps no public name for them
    if values:
        return {str(getattr(column, "name", column)) for column in values}
    rows = parameters if isinstance(parameters, list) else [parameters] if parameters else []
    return {str(key) for row in rows for key in row} or None


def _raise(session: Session) -> None:
    """Raise each changed area's number once, in the committing transaction, after its last flush."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    areas = session.info.pop(_CHANGED, None)
    if not areas:
        return
    _NOTED.set(None)  # this request's own change makes the number it noted old
    connection = session.connection()
    for area in sorted(areas):
        if connection.execute(_RAISE, {"which": area}).rowcount == 0:
            connection.execute(insert(Revision).values(area=area, number=1))


def _forget(session: Session) -> None:
    session.info.pop(_CHANGED, None)
