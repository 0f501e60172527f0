"""The functions APScheduler runs. Jobs are stored in the database by reference (`schedules.jobs:name`)
with plain arguments, so they survive a restart; the running process installs its Runtime here for them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schedules.background import Background

log = logging.getLogger(__name__)
_background: Background | None = None


def install(background: Background | None) -> None:
    global _background
    _background = background


def current() -> Background:
    if _background is None:
        raise RuntimeError("no scheduler is running in this process")
    return _background


def meeting_reminder(meeting_id: int) -> None:
    background = current()
    queued = background.remind(meeting_id)
    log.info("meeting %s: %s reminder(s) queued", meeting_id, queued)


def deliver() -> None:
    current().deliver()
