"""Recording an RSVP. Two quick clicks by the same person arrive as two requests at once, so the answer
is written as one upsert: whichever click lands last wins, and neither fails on the unique key."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from participation.storage.models import Rsvp


def record_rsvp(session: Session, meeting_id: int, user_id: str, attending: bool, at: dt.datetime) -> None:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Rsvp).values(
        meeting_id=meeting_id, slack_user_id=user_id, attending=attending, answered_at=at
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[Rsvp.meeting_id, Rsvp.slack_user_id],
            set_={"attending": attending, "answered_at": at},
        )
    )
