"""Owners set in chat. A plan file's owners come with the import; a coordinator adds or removes owners
here, and every change is audited with the owners before and after."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from participation.confirmations.roles import owners_of
from participation.storage.models import AuditEntry, IndicatorOwner, IndicatorRecord


def add_owners(
    session: Session, indicator: IndicatorRecord, users: list[str], actor: str, now: dt.datetime
) -> list[str]:
    """The users who were not owners yet and now are."""
    before = owners_of(indicator)
    added = [user for user in dict.fromkeys(users) if user not in before]
    for user in added:
        indicator.owners.append(IndicatorOwner(slack_user_id=user, source="chat"))
    _audit(session, indicator, "owner.add", before, actor, now, changed=bool(added))
    return added


def remove_owners(
    session: Session, indicator: IndicatorRecord, users: list[str], actor: str, now: dt.datetime
) -> list[str]:
    """The users who were owners and no longer are; a plan file's owner returns at its next import."""
    before = owners_of(indicator)
    removed = [user for user in dict.fromkeys(users) if user in before]
    indicator.owners = [owner for owner in indicator.owners if owner.slack_user_id not in removed]
    _audit(session, indicator, "owner.remove", before, actor, now, changed=bool(removed))
    return removed


def _audit(
    session: Session,
    indicator: IndicatorRecord,
    action: str,
    before: list[str],
    actor: str,
    now: dt.datetime,
    changed: bool,
) -> None:
    if not changed:
        return
    session.flush()
    session.add(
        AuditEntry(
            at=now,
            actor=actor,
            action=action,
            entity=f"indicator:{indicator.key}",
            before={"owners": before},
            after={"owners": sorted(owners_of(indicator))},
        )
    )
