"""The daily purge's place in the schedule: every night at 03:30 local time, when no one is working."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from config.settings import Settings
from participation.jobs import PRIVACY_PURGE, JobSpec

PURGE_TIME = dt.time(3, 30)


def plan_purge(session: Session, settings: Settings, now: dt.datetime) -> list[JobSpec]:
    """The next 03:30 after `now`: after each run the next sync plans the night after."""
    local = now.astimezone(settings.zone)
    at = dt.datetime.combine(local.date(), PURGE_TIME, tzinfo=settings.zone)
    if at <= local:
        at = dt.datetime.combine(local.date() + dt.timedelta(days=1), PURGE_TIME, tzinfo=settings.zone)
    return [JobSpec(PRIVACY_PURGE, "daily", at.astimezone(dt.UTC))]
