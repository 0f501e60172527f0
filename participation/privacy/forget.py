"""`osallisuus person forget`: remove what the bot holds about a person, and keep the plan's record.

Rows only about the person are deleted; in rows that are part of the record (a confirmation, a comment,
a highlight, an audit entry) the person becomes a pseudonym, fresh and random for each forgetting, so
nothing computes it back from their id. Outbox items to them lose their body, and a pending one is not
sent; each item keeps its key (with the pseudonym in it), so nothing already sent goes out again. The
forgetting is audited under the pseudonym, and the audit entry names no one.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter

from sqlalchemy.orm import Session

from participation.privacy.export import holding, personal_rows, subject
from participation.privacy.personal import MENTIONING, PERSONAL, Subject, replace
from participation.storage.models import AuditEntry, OutboxItem

FORGOTTEN = "recipient forgotten"


def pseudonym() -> str:
    return "forgotten-" + secrets.token_hex(6)


def forget(session: Session, who: str, actor: str, now: dt.datetime) -> tuple[str, dict[str, int]]:
    """Forget `who` (a Slack user id or an e-mail address): the pseudonym given, and per table how many
    rows were deleted or changed. Forgetting someone the bot knows nothing of changes nothing."""
    person = subject(session, who)
    alias = pseudonym()
    counts: Counter[str] = Counter()
    if person.users or person.emails:
        _delete(session, person, counts)
        _pseudonymise(session, person, alias, counts)
        _rewrite(session, person, alias, counts)
    if counts:
        session.add(
            AuditEntry(
                at=now, actor=actor, action="person.forget", entity=f"person:{alias}", after=dict(counts)
            )
        )
    return alias, dict(counts)


def _delete(session: Session, person: Subject, counts: Counter[str]) -> None:
    gone: set[int] = set()
    for personal, row in holding(session, person, (p for p in PERSONAL if p.forget == "delete")):
        if id(row) not in gone:
            gone.add(id(row))
            session.delete(row)
            counts[f"{personal.table} deleted"] += 1
    session.flush()


def _pseudonymise(session: Session, person: Subject, alias: str, counts: Counter[str]) -> None:
    for personal, row in holding(session, person, (p for p in PERSONAL if p.forget == "pseudonymise")):
        setattr(row, personal.name, alias)
        counts[f"{personal.table} pseudonymised"] += 1
    session.flush()


def _rewrite(session: Session, person: Subject, alias: str, counts: Counter[str]) -> None:
    """The person's id and address inside outbox items and audit entries become the pseudonym."""
    pattern = person.pattern
    for table, row in personal_rows(session, person):
        if isinstance(row, OutboxItem) and _addressed(row, person):
            if row.status == "pending":
                row.status, row.last_error = "failed", FORGOTTEN
            row.payload, row.result = {}, None
        for name in MENTIONING.get(type(row), ()):
            setattr(row, name, replace(getattr(row, name), pattern, alias))
        counts[f"{table} pseudonymised"] += 1
    session.flush()


def _addressed(item: OutboxItem, person: Subject) -> bool:
    to = item.payload.get("to") if isinstance(item.payload, dict) else None
    recipients = to if isinstance(to, list) else [to]
    return any(str(r) in person.users or str(r).lower() in person.emails for r in recipients if r)
