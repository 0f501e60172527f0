"""Reminders to owners before a reporting deadline, and the coordinators' summary on the day.

Everything is decided when the job runs, not when it was planned: a deadline that has passed, an
indicator confirmed since, an owner removed since, all mean no message. Each message has an outbox key
(deadline, indicator, owner, offset; or deadline and coordinator), so a job run twice, or run again
after a restart, sends nothing the second time. Of several reminders that fell due while the bot was
down, only the latest is sent: one message saying "1 working day left" beats three at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from sqlalchemy.orm import Session

from config.settings import Settings
from participation.confirmations.lookup import owners_to_ask
from participation.deadlines.calendar import deadline_by_id, passed, reminder_at, year_of
from participation.outbox.items import Kind, enqueue_many, message
from participation.plan.progress import active_plan, latest_confirmations
from participation.plan.schema import ReportingDeadline
from participation.storage.models import PlanRecord

log = logging.getLogger(__name__)
REMINDER = "deadline.reminder"  # to an owner, for one indicator
SUMMARY = "deadline.summary"  # to a coordinator, on the due day


def reminder_key(deadline_id: str, indicator_key: str, owner: str, offset: int) -> str:
    return f"deadline:{deadline_id}:{indicator_key}:{owner}:{offset}"


def summary_key(deadline_id: str, coordinator: str) -> str:
    return f"deadline-summary:{deadline_id}:{coordinator}"


def send_reminders(
    session: Session, settings: Settings, deadline_id: str, offset: int, now: dt.datetime
) -> int:
    """Queue one direct message per owner and unconfirmed indicator, in one batch; the number queued.

    Nothing here asks who the owners are beyond the database: their language is looked up when each
    message is sent, so a run for a whole city's owners is a few statements long: the plan, its
    confirmations, the owners in one narrow query, and one INSERT per `BATCH` of reminders.
    """
    found = _open_deadline(session, deadline_id, settings, now)
    if found is None or not is_latest_due(found[1], offset, settings, now):
        return 0
    plan, deadline = found
    confirmed = latest_confirmations(session, plan.id, year_of(deadline))
    args: dict[int, dict[str, str]] = {}  # one arguments dict per indicator, shared by its owners
    items = [
        (
            reminder_key(deadline.id, key, owner, offset),
            Kind.MESSAGE,
            message(owner, REMINDER, args.setdefault(indicator, {"deadline": deadline.id, "indicator": key})),
        )
        for indicator, key, owner in owners_to_ask(session, plan)
        if indicator not in confirmed
    ]
    return enqueue_many(session, sorted(items, key=lambda item: item[0]), not_before=now)


def is_latest_due(deadline: ReportingDeadline, offset: int, settings: Settings, now: dt.datetime) -> bool:
    """Whether `offset` is a configured reminder and no later one has fallen due yet."""
    if offset not in settings.deadline_reminder_days:
        return False  # the setting changed since the job was planned
    later = [o for o in settings.deadline_reminder_days if o < offset]
    return not any(reminder_at(deadline.due, o, settings.zone) <= now for o in later)


def send_summary(
    session: Session, settings: Settings, deadline_id: str, now: dt.datetime, coordinators: Iterable[str]
) -> int:
    """On the due day only: one message per coordinator with what is missing and whose it is."""
    found = _open_deadline(session, deadline_id, settings, now)
    if found is None or now.astimezone(settings.zone).date() != found[1].due:
        return 0
    deadline = found[1]
    items = [
        (summary_key(deadline.id, user), Kind.MESSAGE, message(user, SUMMARY, {"deadline": deadline.id}))
        for user in sorted(set(coordinators))
    ]
    return enqueue_many(session, items, not_before=now)


def _open_deadline(
    session: Session, deadline_id: str, settings: Settings, now: dt.datetime
) -> tuple[PlanRecord, ReportingDeadline] | None:
    """The active plan's deadline, unless it is gone from the plan or has passed."""
    plan = active_plan(session)
    deadline = deadline_by_id(plan, deadline_id) if plan is not None else None
    if plan is None or deadline is None or passed(deadline, now.astimezone(settings.zone).date()):
        return None
    return plan, deadline
