"""The jobs the database says should exist. Each kind of scheduled work has a planner: a function that
reads the database and returns the jobs it wants, with ids that start with the planner's prefix.
`Background.sync` makes APScheduler's stored jobs match, so a change (a moved meeting, a confirmed
indicator) only has to commit and call `Runtime.changed()`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from config.settings import Settings


@dataclass(frozen=True)
class PlannedJob:
    id: str  # "<prefix>:<what>", stable for the same piece of work
    run_date: dt.datetime
    func: Callable[..., None]  # a module-level function, stored by reference
    args: tuple[Any, ...] = ()


Planner = Callable[[Session, Settings, dt.datetime], list[PlannedJob]]


@dataclass(frozen=True)
class JobKind:
    """A kind of scheduled work. `missed`, if given, names the jobs that fell due while the bot was down
    and still matter beyond APScheduler's grace period; they run once at start, so they must be
    idempotent (their sending goes through outbox keys)."""

    prefix: str
    planner: Planner
    missed: Planner | None = None


def planned_jobs(
    kinds: list[JobKind], session: Session, settings: Settings, now: dt.datetime
) -> list[PlannedJob]:
    """Every wanted job still in the future; one a planner wants in the past is left to the grace period."""
    wanted = []
    for kind in kinds:
        for job in kind.planner(session, settings, now):
            if not job.id.startswith(kind.prefix + ":"):
                raise ValueError(f"job {job.id!r} does not carry its planner's prefix {kind.prefix!r}")
            if job.run_date > now:
                wanted.append(job)
    return wanted


def missed_jobs(
    kinds: list[JobKind], session: Session, settings: Settings, now: dt.datetime
) -> list[PlannedJob]:
    """The jobs each kind wants run now because their time came while the bot was not running."""
    return [job for kind in kinds if kind.missed is not None for job in kind.missed(session, settings, now)]
