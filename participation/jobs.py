"""Scheduled work, as the domain asks for it: a planner reads the database and returns job
specifications — what kind of work, for what, when, with which plain arguments. It never names the
function that will do the work: the scheduler's registry (schedules/registry.py) maps each kind to its
planner and its job function, so the domain needs nothing of the scheduler."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from config.settings import Settings

# The kinds of scheduled work. A job's id starts with its kind and is stored in the apscheduler_jobs
# table, so these names must not change (or the stored jobs need a migration).
MEETING_REMINDER = "meeting-reminder"  # key: meeting id
DEADLINE_REMINDER = "deadline-reminder"  # key: "<deadline>:<working days before>"
DEADLINE_SUMMARY = "deadline-summary"  # key: deadline id
POLL_OPEN = "poll-open"  # key: meeting id
POLL_REMIND = "poll-remind"  # key: poll id
POLL_CLOSE = "poll-close"  # key: poll id
PRIVACY_PURGE = "privacy-purge"  # key: "daily"


@dataclass(frozen=True)
class JobSpec:
    """One piece of scheduled work. The same work always gets the same id, "<kind>:<key>", so planning
    it again moves or keeps the stored job instead of adding another."""

    kind: str
    key: str
    run_at: dt.datetime
    args: tuple[Any, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.key}"


Planner = Callable[[Session, Settings, dt.datetime], list[JobSpec]]
