"""The functions APScheduler runs. Jobs are stored in the database by reference (`schedules.jobs:name`)
with plain arguments, so they survive a restart; the running process installs its Background here for
them. The job functions see it only as a `Runner`, so this module needs nothing of schedules.background
(which imports the registry, which imports the job functions)."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from participation.storage.db import Database

log = logging.getLogger(__name__)


class Runner(Protocol):
    """What a job needs of the running Background: the runtime (settings, clock), the database, and
    ways to send and replan."""

    runtime: Any

    @property
    def db(self) -> Database: ...

    def remind(self, meeting_id: int) -> int: ...

    def deliver(self) -> int: ...

    def kick(self) -> None: ...

    def changed(self) -> None: ...


_runner: Runner | None = None


def install(runner: Runner | None) -> None:
    global _runner
    _runner = runner


def current() -> Runner:
    if _runner is None:
        raise RuntimeError("no scheduler is running in this process")
    return _runner


def meeting_reminder(meeting_id: int) -> None:
    background = current()
    queued = background.remind(meeting_id)
    log.info("meeting %s: %s reminder(s) queued", meeting_id, queued)


def deliver() -> None:
    current().deliver()
