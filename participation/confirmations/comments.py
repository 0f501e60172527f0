"""A coordinator's comment on an indicator the bot computes itself, for a reporting year. Comments are
added, never edited, and audited like everything else."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from participation.storage.models import AuditEntry, IndicatorComment, IndicatorRecord

COMMENT_MAX = 2000


def add_comment(
    session: Session, indicator: IndicatorRecord, year: int, text: str, author: str, now: dt.datetime
) -> IndicatorComment:
    comment = IndicatorComment(indicator_id=indicator.id, year=year, text=text, author=author, written_at=now)
    session.add(comment)
    session.flush()
    session.add(
        AuditEntry(
            at=now,
            actor=author,
            action="comment.add",
            entity=f"indicator:{indicator.key}:{year}",
            before=None,
            after={"id": comment.id, "year": year, "text": text, "author": author},
        )
    )
    return comment
