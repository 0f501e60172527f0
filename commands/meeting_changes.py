"""The meeting changes themselves and what they reply, apart from how they were asked for: the one-line
command and its form both check here before the ack, and change here after it (commands/working.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.parsing import local_datetime
from participation.meetings import service
from participation.meetings.service import MeetingDraft, MeetingRefused, Refusal
from participation.meetings.texts import details, meeting_title
from participation.messages import Reply, Section, notice
from participation.storage.models import Meeting


def create_meeting(invocation: Invocation, draft: MeetingDraft) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        created = service.create(session, invocation.settings, draft, invocation.user_id, invocation.now())
        lines = details(created, invocation.language, invocation.zone)
        meeting_id = created.id
    invocation.on_commit()
    return Reply(
        [
            Section(_("Meeting #{id} created. Invitations are on their way.").format(id=meeting_id)),
            Section("\n".join(lines)),
        ]
    )


def _ends_at(
    session: Session, invocation: Invocation, meeting_id: int, starts_at: dt.datetime, end: dt.time | None
) -> dt.datetime:
    """The new end: the time given, or the meeting's length kept."""
    found = session.get(Meeting, meeting_id)
    if found is None:
        raise MeetingRefused(Refusal.NO_SUCH_MEETING, meeting_id=meeting_id)
    if end is not None:
        return local_datetime(starts_at.date(), end, invocation.zone)
    return starts_at + (found.ends_at - found.starts_at)


def check_move(invocation: Invocation, meeting_id: int, starts_at: dt.datetime, end: dt.time | None) -> None:
    with invocation.db.session() as session:
        ends_at = _ends_at(session, invocation, meeting_id, starts_at, end)
        service.check_move(session, meeting_id, starts_at, ends_at, invocation.now())


def move_meeting(
    invocation: Invocation, meeting_id: int, starts_at: dt.datetime, end: dt.time | None
) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        ends_at = _ends_at(session, invocation, meeting_id, starts_at, end)
        moved = service.move(
            session,
            invocation.settings,
            meeting_id,
            starts_at,
            ends_at,
            invocation.user_id,
            invocation.now(),
        )
        lines = details(moved, invocation.language, invocation.zone)
    invocation.on_commit()
    return Reply(
        [
            Section(_("Meeting #{id} moved. Updated invitations are on their way.").format(id=meeting_id)),
            Section("\n".join(lines)),
        ]
    )


def check_cancel(invocation: Invocation, meeting_id: int) -> None:
    with invocation.db.session() as session:
        service.check_cancel(session, meeting_id, invocation.now())


def cancel_meeting(invocation: Invocation, meeting_id: int) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        cancelled = service.cancel(
            session, invocation.settings, meeting_id, invocation.user_id, invocation.now()
        )
        title = meeting_title(cancelled, invocation.language)
    invocation.on_commit()
    return notice(
        _("Meeting #{id} {title} is cancelled. The members are told.").format(id=meeting_id, title=title)
    )
