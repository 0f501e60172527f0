"""Every kind of scheduled work in one table: the domain's planner that says which jobs should exist,
the planner of the work missed while the bot was down (if any), and the job function that does it.
The planners return plain `JobSpec`s; only here do they meet the functions APScheduler stores by
reference. `Background.sync` makes the stored jobs what `planned_jobs` says, so a change (a moved
meeting, a confirmed indicator) only has to commit and call `Runtime.changed()`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from config.settings import Settings
from participation import jobs as kinds
from participation.deadlines.planning import (
    missed_reminder_jobs,
    missed_summary_jobs,
    plan_reminder_jobs,
    plan_summary_jobs,
)
from participation.jobs import JobSpec, Planner
from participation.meetings.reminders import plan_reminders
from participation.polls.planning import (
    missed_poll_closes,
    missed_poll_openings,
    missed_poll_reminders,
    plan_poll_closes,
    plan_poll_openings,
    plan_poll_reminders,
)
from participation.privacy.planning import plan_purge
from schedules.deadline_jobs import deadline_reminder, deadline_summary
from schedules.jobs import meeting_reminder
from schedules.poll_jobs import close_poll, open_meeting_poll, remind_poll
from schedules.privacy_jobs import purge_personal_data


@dataclass(frozen=True)
class JobKind:
    """A kind of scheduled work. `missed`, if given, names the jobs that fell due while the bot was down
    and still matter beyond APScheduler's grace period; they run once at start, so they must be
    idempotent (their sending goes through outbox keys)."""

    kind: str
    planner: Planner
    run: Callable[..., None]  # a module-level function: APScheduler stores it by reference
    missed: Planner | None = None


JOB_KINDS: list[JobKind] = [
    JobKind(kinds.MEETING_REMINDER, plan_reminders, meeting_reminder),
    JobKind(kinds.DEADLINE_REMINDER, plan_reminder_jobs, deadline_reminder, missed_reminder_jobs),
    JobKind(kinds.DEADLINE_SUMMARY, plan_summary_jobs, deadline_summary, missed_summary_jobs),
    JobKind(kinds.POLL_OPEN, plan_poll_openings, open_meeting_poll, missed_poll_openings),
    JobKind(kinds.POLL_REMIND, plan_poll_reminders, remind_poll, missed_poll_reminders),
    JobKind(kinds.POLL_CLOSE, plan_poll_closes, close_poll, missed_poll_closes),
    JobKind(kinds.PRIVACY_PURGE, plan_purge, purge_personal_data),
]
_BY_KIND = {kind.kind: kind for kind in JOB_KINDS}
PREFIXES = tuple(kind.kind + ":" for kind in JOB_KINDS)


def job_function(job: JobSpec) -> Callable[..., None]:
    """The function that runs a job of this kind."""
    return _BY_KIND[job.kind].run


def planned_jobs(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    """Every wanted job still in the future; one a planner wants in the past is left to the grace period."""
    wanted = []
    for kind in JOB_KINDS:
        for job in _checked(kind, kind.planner(session, settings, now)):
            if job.run_at > now:
                wanted.append(job)
    return wanted


def missed_jobs(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    """The jobs each kind wants run now because their time came while the bot was not running."""
    return [
        job
        for kind in JOB_KINDS
        if kind.missed is not None
        for job in _checked(kind, kind.missed(session, settings, now))
    ]


def _checked(kind: JobKind, jobs: list[JobSpec]) -> list[JobSpec]:
    """A planner plans its own kind only: another kind's job would run the wrong function."""
    for job in jobs:
        if job.kind != kind.kind:
            raise ValueError(f"job {job.id!r} is not of its planner's kind {kind.kind!r}")
    return jobs
