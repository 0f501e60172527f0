"""The daily purge: each kind of personal data is kept only as long as it is needed (README "Personal
data"). Running it twice the same day changes nothing the second time.

- A sent or failed outbox item's body (addresses, texts, an e-mail's whole message) is blanked
  `OUTBOX_RETENTION_DAYS` after it was sent or written. The row and its key stay, so an item already sent
  can never be queued, and sent, again.
- A person deleted in Slack is dropped from the directory (`people`, `channel_members`,
  `user_preferences`) `DIRECTORY_RETENTION_DAYS` after the purge first saw them gone.
- An audit entry names who did it until `AUDIT_RETENTION_DAYS` after the end of the plan period it falls
  in (or after its own date, outside every plan). Then its actor, and any Slack id or e-mail address in
  its before and after, are replaced by "removed"; what was done, and when, stays.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import String, cast, delete, null, or_, select, update
from sqlalchemy.orm import Session

from config.settings import Settings
from participation.privacy.personal import replace
from participation.storage.models import (
    AuditEntry,
    ChannelMember,
    OutboxItem,
    Person,
    PlanRecord,
    UserPreference,
)

REMOVED = "removed"
_IDENTITIES = re.compile(r"(?<![\w.@-])(?:[UW][A-Z0-9]{6,}|[^\s@<>\"',;]+@[^\s@<>\"',;]+\.\w+)(?![\w@])")


@dataclass(frozen=True)
class Purged:
    outbox_bodies: int
    people: int
    audit_entries: int


def purge(session: Session, settings: Settings, now: dt.datetime) -> Purged:
    return Purged(
        purge_outbox(session, now - dt.timedelta(days=settings.outbox_retention_days)),
        purge_directory(session, now, dt.timedelta(days=settings.directory_retention_days)),
        purge_audit(session, now, dt.timedelta(days=settings.audit_retention_days)),
    )


def purge_outbox(session: Session, before: dt.datetime) -> int:
    """Blank the bodies of items sent, or given up, before `before`; pending items are left to send."""
    done = or_(
        (OutboxItem.status == "sent") & (OutboxItem.sent_at < before),
        (OutboxItem.status == "failed") & (OutboxItem.created_at < before),
    )
    blanked = session.execute(
        update(OutboxItem)
        .where(done, or_(cast(OutboxItem.payload, String) != "{}", OutboxItem.result.is_not(None)))
        .values(payload={}, result=null())
        .execution_options(synchronize_session=False)
    )
    return int(getattr(blanked, "rowcount", 0) or 0)


def purge_directory(session: Session, now: dt.datetime, keep: dt.timedelta) -> int:
    """Note when someone is first seen deleted (and forget that if they come back); drop them later."""
    session.execute(update(Person).where(Person.deleted, Person.left_at.is_(None)).values(left_at=now))
    session.execute(update(Person).where(~Person.deleted, Person.left_at.is_not(None)).values(left_at=None))
    gone = list(session.scalars(select(Person.slack_user_id).where(Person.left_at <= now - keep)))
    if gone:
        for model in (ChannelMember, UserPreference, Person):
            session.execute(delete(model).where(model.slack_user_id.in_(gone)))
    return len(gone)


def purge_audit(session: Session, now: dt.datetime, keep: dt.timedelta) -> int:
    periods = [(p.period_start, p.period_end) for p in session.scalars(select(PlanRecord))]
    count = 0
    stale = select(AuditEntry).where(AuditEntry.actor != REMOVED, AuditEntry.at < now - keep)
    for entry in session.scalars(stale):
        if _kept_until(entry.at.date(), periods) + keep >= now.date():
            continue
        entry.actor = REMOVED
        entry.before = replace(entry.before, _IDENTITIES, REMOVED)
        entry.after = replace(entry.after, _IDENTITIES, REMOVED)
        count += 1
    return count


def _kept_until(day: dt.date, periods: list[tuple[dt.date, dt.date]]) -> dt.date:
    """The end of the latest plan period `day` falls in, or `day` itself outside every period."""
    return max((end for start, end in periods if start <= day <= end), default=day)
