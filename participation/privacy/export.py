"""`osallisuus person export`: everything the bot holds about a person, as plain JSON-ready data.

Rows are found through the columns in `personal.py` and given whole, with every column (a confirmation
with its value and evidence, an RSVP with its answer). Poll answers never appear: nothing in them leads
to a person; only `poll_recipients` (asked, answered) does.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import String, cast, func, inspect, or_, select
from sqlalchemy.orm import Session

from participation.privacy.personal import MENTIONING, PERSONAL, PersonalColumn, Subject
from participation.storage.models import Base, Person


def subject(session: Session, who: str) -> Subject:
    """The person `who` names, a Slack user id or an e-mail address, with the other identity the
    directory knows for them, so that one export finds both their Slack data and their e-mails."""
    who = who.strip()
    if "@" in who:
        emails = {who.lower()}
        users = set(
            session.scalars(select(Person.slack_user_id).where(func.lower(Person.email) == who.lower()))
        )
    else:
        users = {who}
        emails = {
            e.lower() for e in session.scalars(select(Person.email).where(Person.slack_user_id == who)) if e
        }
    return Subject(frozenset(users), frozenset(emails))


def holding(
    session: Session, person: Subject, columns: Iterable[PersonalColumn]
) -> list[tuple[PersonalColumn, Base]]:
    """The rows whose column (of `columns`) holds the person's id or address, with that column."""
    found = []
    for personal in columns:
        values = person.values(personal.holds)
        if not values:
            continue
        column = personal.column if personal.holds == "user" else func.lower(personal.column)
        for row in session.scalars(select(personal.column.class_).where(column.in_(values))):
            found.append((personal, row))
    return found


def personal_rows(session: Session, person: Subject) -> list[tuple[str, Base]]:
    """Each row holding something of the person, with its table name; a row once, however many of its
    columns name them."""
    found: dict[tuple[str, Any], Base] = {}
    for personal, row in holding(session, person, PERSONAL):
        found[(personal.table, inspect(row).identity)] = row
    for row in _mentioning(session, person):
        found[(str(row.__tablename__), inspect(row).identity)] = row
    return [(table, row) for (table, _), row in found.items()]


def _mentioning(session: Session, person: Subject) -> list[Base]:
    """Rows whose JSON or key mentions the person: matched roughly in SQL, exactly in Python."""
    words = [*person.users, *person.emails]
    if not words:
        return []
    rows: list[Base] = []
    for model, names in MENTIONING.items():
        columns = [getattr(model, name) for name in names]
        texts = [func.lower(cast(column, String)) for column in columns]
        rough = or_(*(text.contains(word.lower()) for text in texts for word in words))
        for row in session.scalars(select(model).where(rough)):
            if any(person.mentioned(getattr(row, name)) for name in names):
                rows.append(row)
    return rows


def export(session: Session, who: str) -> dict[str, Any]:
    """What the bot holds about `who`, table by table; empty lists where it holds nothing."""
    person = subject(session, who)
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for table, row in personal_rows(session, person):
        tables[table].append(_plain(row))
    for rows in tables.values():
        rows.sort(key=lambda row: str(row.get("id", "")))
    return {
        "person": {"slack_user_ids": sorted(person.users), "emails": sorted(person.emails)},
        "tables": dict(sorted(tables.items())),
    }


def _plain(row: Base) -> dict[str, Any]:
    values = {column.key: getattr(row, column.key) for column in inspect(row).mapper.column_attrs}
    return {key: _json(value) for key, value in values.items()}


def _json(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
