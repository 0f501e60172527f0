"""The scheduled jobs for reporting deadlines: a reminder job per deadline and offset at 09:00 on its
working day, a summary job at 09:00 on the due day, and what to run at start-up for the ones that fell
due while the bot was down (APScheduler's own grace period is hours; a reminder matters for days)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from config.settings import Settings
from participation.deadlines.calendar import deadlines_of, passed, reminder_at, summary_at
from participation.jobs import DEADLINE_REMINDER, DEADLINE_SUMMARY, JobSpec
from participation.plan.progress import active_plan
from participation.plan.schema import ReportingDeadline


def plan_reminder_jobs(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    return [
        JobSpec(
            DEADLINE_REMINDER,
            f"{deadline.id}:{offset}",
            reminder_at(deadline.due, offset, settings.zone),
            (deadline.id, offset),
        )
        for deadline in _open_deadlines(session, settings, now)
        for offset in settings.deadline_reminder_days
    ]


def plan_summary_jobs(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    return [
        JobSpec(DEADLINE_SUMMARY, deadline.id, summary_at(deadline.due, settings.zone), (deadline.id,))
        for deadline in _open_deadlines(session, settings, now)
    ]


def missed_reminder_jobs(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    """Per open deadline, the latest reminder whose time has come: it may not have gone out yet."""
    missed = []
    for deadline in _open_deadlines(session, settings, now):
        due = [
            o for o in settings.deadline_reminder_days if reminder_at(deadline.due, o, settings.zone) <= now
        ]
        if due:
            offset = min(due)
            at = reminder_at(deadline.due, offset, settings.zone)
            missed.append(JobSpec(DEADLINE_REMINDER, f"{deadline.id}:{offset}", at, (deadline.id, offset)))
    return missed


def missed_summary_jobs(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    """The summary, if today is a due day and its 09:00 has passed."""
    today = now.astimezone(settings.zone).date()
    return [
        job
        for job in plan_summary_jobs(session, settings, now)
        if job.run_at <= now and job.run_at.astimezone(settings.zone).date() == today
    ]


def _open_deadlines(session: Session, settings: Settings, now: dt.datetime) -> list[ReportingDeadline]:
    plan = active_plan(session)
    if plan is None:
        return []
    today = now.astimezone(settings.zone).date()
    return [deadline for deadline in deadlines_of(plan) if not passed(deadline, today)]
