"""The dispatcher's statements, one per batch rather than one per item: claim, settle sent, release.

A batch of due items is claimed in a single WITH due AS (SELECT … LIMIT n) UPDATE … RETURNING, which
moves them from pending to sending under a lease, and counts the attempt. Only rows still claimable are
taken, so two dispatchers never claim the same item; on PostgreSQL the inner SELECT also skips rows
another dispatcher has locked (FOR UPDATE SKIP LOCKED) rather than queue behind it. SQLite takes one
writer at a time anyway.

Claimable: pending and due, or 'sending' under a lease that has expired (its dispatcher died with it;
replicas on PostgreSQL). Taking over counts another attempt, so the transport looks the message up
before posting it again. The lease's end also marks whose claim it is: a takeover's ends later, so the
dispatcher that lost an item gives back nothing that is no longer its own.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, true, update
from sqlalchemy.orm import Session

from participation.storage.models import OutboxItem

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


def claimable(now: datetime) -> ColumnElement[bool]:
    """Due and pending, or claimed under a lease that ran out."""
    return or_(and_(OutboxItem.status == PENDING, OutboxItem.next_attempt_at <= now), _lapsed(now))


def _lapsed(now: datetime | None) -> ColumnElement[bool]:
    """In 'sending' with its lease run out by `now` (NULL: claimed before leases existed); any, if None."""
    if now is None:
        return OutboxItem.status == SENDING
    return and_(
        OutboxItem.status == SENDING, or_(OutboxItem.lease_until.is_(None), OutboxItem.lease_until <= now)
    )


def claim(
    session: Session,
    now: datetime,
    limit: int,
    only: Collection[int] | None = None,
    lease: datetime | None = None,
) -> list[OutboxItem]:
    """Take up to `limit` claimable items (of `only`, when given), oldest due first, until `lease`, and
    stamp their first claim.

    While an item is not yet sent its `result` holds `{"claimed_at": …}`, the time of its first claim: no
    message for it can be older, which is where a search for it starts.
    """
    due = (
        select(OutboxItem.id)
        .where(claimable(now))
        .order_by(OutboxItem.next_attempt_at, OutboxItem.id)
        .limit(limit)
    )
    if only is not None:
        due = due.where(OutboxItem.id.in_(list(only)))
    chosen = due.cte("due")
    if session.get_bind().dialect.name == "postgresql":
        # Materialized, so the choice is made once: inlined, PostgreSQL may run it again for every row
        # and so take more than `limit`.
        chosen = due.with_for_update(skip_locked=True).cte("due").prefix_with("MATERIALIZED")
    statement = (
        update(OutboxItem)
        .where(OutboxItem.id.in_(select(chosen.c.id)), claimable(now))
        .values(status=SENDING, attempts=OutboxItem.attempts + 1, lease_until=lease or now)
        .returning(OutboxItem)
        .execution_options(synchronize_session=False)
    )
    items = sorted(session.scalars(statement), key=lambda item: (item.next_attempt_at, item.id))
    first = [item for item in items if "claimed_at" not in (item.result or {})]
    if first:
        stamp = {"claimed_at": now.isoformat()}
        session.execute(update(OutboxItem), [{"id": item.id, "result": stamp} for item in first])
        for item in first:
            session.expunge(item)  # keep the stamp out of the identity map's idea of a change
            item.result = stamp
    return items


def mark_sent(session: Session, now: datetime, results: list[tuple[int, dict[str, Any]]]) -> None:
    """Settle the sent items of a batch in one statement."""
    if results:
        rows = [
            {"id": item_id, "status": SENT, "sent_at": now, "result": result, "lease_until": None}
            for item_id, result in results
        ]
        session.execute(update(OutboxItem), rows)


def release(
    session: Session, item_ids: list[int], now: datetime | None = None, lease: datetime | None = None
) -> None:
    """Back to pending: due at `now` after a crash, or, without `now`, as it was before a claim that was
    never tried (a round stopped by a rate limit), and then the claim's attempt is given back too. With
    `lease`, only the items still held under that lease (not taken over since)."""
    if not item_ids:
        return
    values: dict[str, Any] = {"status": PENDING, "lease_until": None}
    if now is not None:
        values["next_attempt_at"] = now
    else:
        values["attempts"] = OutboxItem.attempts - 1
    held = OutboxItem.lease_until == lease if lease is not None else true()
    session.execute(
        update(OutboxItem)
        .where(OutboxItem.id.in_(item_ids), OutboxItem.status == SENDING, held)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def sending(now: datetime | None) -> Any:
    """The items left in 'sending' whose lease has run out by `now` (no live dispatcher holds them), or,
    with None, all of them (a process that knows it is the only one)."""
    return select(OutboxItem).where(_lapsed(now))


def next_due(session: Session) -> datetime | None:
    """When the earliest item becomes claimable (pending and due, or a lease runs out), in the past when
    one is now; None when none waits."""
    when: ColumnElement[datetime] = case(
        (OutboxItem.status == PENDING, OutboxItem.next_attempt_at), else_=OutboxItem.lease_until
    )
    return session.scalar(select(func.min(when)).where(OutboxItem.status.in_([PENDING, SENDING])))
