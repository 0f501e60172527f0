"""The jobs APScheduler runs for reporting deadlines, stored by reference with plain arguments."""

from __future__ import annotations

import logging

from participation.deadlines.reminders import send_reminders, send_summary
from schedules.jobs import current

log = logging.getLogger(__name__)


def deadline_reminder(deadline_id: str, offset: int) -> None:
    background = current()
    runtime = background.runtime
    with background.db.session() as session:
        queued = send_reminders(
            session, runtime.settings, deadline_id, offset, runtime.now(), background.language
        )
    log.info("deadline %s, %s working days before: %s reminder(s) queued", deadline_id, offset, queued)
    background.kick()


def deadline_summary(deadline_id: str) -> None:
    background = current()
    runtime = background.runtime
    people = runtime.people.coordinators()  # from the directory: no Slack call in the job
    with background.db.session() as session:
        queued = send_summary(
            session, runtime.settings, deadline_id, runtime.now(), people, background.language
        )
    log.info("deadline %s: %s summary message(s) queued", deadline_id, queued)
    background.kick()
