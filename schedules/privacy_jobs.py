"""The daily purge of personal data, as APScheduler runs it (stored by reference, no arguments)."""

from __future__ import annotations

import logging

from participation.privacy.retention import purge
from schedules.jobs import current

log = logging.getLogger(__name__)


def purge_personal_data() -> None:
    background = current()
    runtime = background.runtime
    with background.db.session() as session:
        purged = purge(session, runtime.settings, runtime.now())
    log.info(
        "personal data purged: %s outbox bodies, %s people, %s audit entries",
        purged.outbox_bodies,
        purged.people,
        purged.audit_entries,
    )
    background.changed()  # plans the next night's purge
