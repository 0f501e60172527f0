"""The poll jobs APScheduler runs (stored by reference, with the meeting's or poll's id as the only
argument). Each does its work in one transaction, then lets the scheduler plan what follows (the
reminder and close of a new poll) and the outbox send what was queued."""

from __future__ import annotations

import logging

from participation.polls import service
from schedules.jobs import current

log = logging.getLogger(__name__)


def open_meeting_poll(meeting_id: int) -> None:
    background = current()
    runtime = background.runtime
    with background.db.session() as session:
        poll = service.open_meeting_poll(session, runtime.settings, meeting_id, runtime.now())
        poll_id = poll.id if poll is not None else None
    log.info("meeting %s: poll %s opened", meeting_id, poll_id)
    background.changed()


def remind_poll(poll_id: int) -> None:
    background = current()
    runtime = background.runtime
    with background.db.session() as session:
        queued = service.remind(session, runtime.settings, poll_id, runtime.now())
    log.info("poll %s: %s reminder(s) queued", poll_id, queued)
    background.kick()


def close_poll(poll_id: int) -> None:
    background = current()
    runtime = background.runtime
    with background.db.session() as session:
        closed = service.close(session, runtime.settings, poll_id, runtime.now())
    log.info("poll %s: %s", poll_id, "closed" if closed else "not closed (not open or not yet due)")
    background.changed()
