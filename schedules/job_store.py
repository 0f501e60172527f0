"""APScheduler's side of planning: its stores (the jobs in the database, the catch-up runs in memory),
and how the planners' jobs become stored jobs, so `Background` only decides when to plan."""

from __future__ import annotations

import datetime as dt
import logging

from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.util import obj_to_ref
from sqlalchemy.engine import Engine

from participation.jobs import JobSpec
from participation.storage.models import utcnow
from schedules.registry import PREFIXES, job_function

log = logging.getLogger(__name__)


def new_scheduler(engine: Engine, grace_seconds: int) -> BackgroundScheduler:
    return BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine), "memory": MemoryJobStore()},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": grace_seconds,
        },
        timezone=dt.UTC,
    )


def store_planned(scheduler: BackgroundScheduler, wanted: dict[str, JobSpec]) -> None:
    """Make the stored jobs `wanted` (by id): add and move jobs, drop the ones no longer wanted.

    A stored job that is already due (missed while the bot was down) is left alone: APScheduler runs it
    once within the grace period, and what it sends is deduplicated by the outbox. A stored job whose
    function is not the one the registry names now (a job function moved) is replaced.
    """
    due = utcnow()  # APScheduler's clock, which is the wall clock
    for job in scheduler.get_jobs(jobstore="default"):
        missed = job.next_run_time is not None and job.next_run_time <= due
        if job.id.startswith(PREFIXES) and job.id not in wanted and not missed:
            remove(scheduler, job.id)  # it may have just run (and so be gone): that is no error
    for planned in wanted.values():
        func = job_function(planned)
        existing = scheduler.get_job(planned.id, jobstore="default")
        if (
            existing is not None
            and existing.func_ref == obj_to_ref(func)
            and (
                existing.next_run_time is None
                or existing.next_run_time <= due
                or (existing.next_run_time == planned.run_at and tuple(existing.args) == planned.args)
            )
        ):
            continue
        scheduler.add_job(
            func,
            "date",
            run_date=planned.run_at,
            args=list(planned.args),
            id=planned.id,
            jobstore="default",
            replace_existing=True,
        )


def run_missed(scheduler: BackgroundScheduler, missed: list[JobSpec], grace_seconds: int) -> None:
    """Run `missed` once, now. A missed job still stored and within the grace period is left to the
    store, which runs it once; one past it would only be skipped there, so it is dropped from the store
    and run here instead."""
    grace = dt.timedelta(seconds=grace_seconds)
    for job in missed:
        stored = scheduler.get_job(job.id, jobstore="default")
        if stored is not None and stored.next_run_time is not None:
            if stored.next_run_time > utcnow() - grace:
                continue
            remove(scheduler, job.id)
        scheduler.add_job(
            job_function(job),
            args=list(job.args),
            id=f"catch-up:{job.id}",
            jobstore="memory",
            replace_existing=True,
        )


def remove(scheduler: BackgroundScheduler, job_id: str) -> None:
    try:
        scheduler.remove_job(job_id, jobstore="default")
    except JobLookupError:
        log.debug("job %s: already gone", job_id)
