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
from collections.abc import Callable, Iterable

from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.blocks import message_text, render
from config.settings import Settings
from participation.confirmations.lookup import indicators_of
from participation.confirmations.roles import owners_of
from participation.deadlines.calendar import deadline_by_id, passed, reminder_at, year_of
from participation.deadlines.texts import reminder_reply, summary_reply
from participation.i18n import translator
from participation.outbox.items import Kind, enqueue, slack_message
from participation.plan.progress import active_plan, latest_confirmations
from participation.plan.schema import ReportingDeadline
from participation.storage.models import OutboxItem, PlanRecord

log = logging.getLogger(__name__)
LanguageOf = Callable[[str], str]


def reminder_key(deadline_id: str, indicator_key: str, owner: str, offset: int) -> str:
    return f"deadline:{deadline_id}:{indicator_key}:{owner}:{offset}"


def summary_key(deadline_id: str, coordinator: str) -> str:
    return f"deadline-summary:{deadline_id}:{coordinator}"


def send_reminders(
    session: Session,
    settings: Settings,
    deadline_id: str,
    offset: int,
    now: dt.datetime,
    language_of: LanguageOf,
) -> int:
    """Queue one direct message per owner and unconfirmed indicator; the number queued."""
    found = _open_deadline(session, deadline_id, settings, now)
    if found is None or not is_latest_due(found[1], offset, settings, now):
        return 0
    plan, deadline = found
    year = year_of(deadline)
    confirmed = latest_confirmations(session, plan.id, year)
    wanted = {
        reminder_key(deadline.id, indicator.key, owner, offset): (indicator, owner)
        for indicator in indicators_of(session, plan)
        if not indicator.computed and indicator.id not in confirmed
        for owner in owners_of(indicator)
    }
    queued = 0
    for key in sorted(set(wanted) - _existing(session, wanted)):
        indicator, owner = wanted[key]
        language = language_of(owner)
        _ = translator(language)
        reply = reminder_reply(indicator, deadline, year, now.astimezone(settings.zone).date(), language)
        payload = slack_message(owner, message_text(reply), render(reply, _))
        queued += enqueue(session, key, Kind.SLACK_MESSAGE, payload, not_before=now)
    return queued


def is_latest_due(deadline: ReportingDeadline, offset: int, settings: Settings, now: dt.datetime) -> bool:
    """Whether `offset` is a configured reminder and no later one has fallen due yet."""
    if offset not in settings.deadline_reminder_days:
        return False  # the setting changed since the job was planned
    later = [o for o in settings.deadline_reminder_days if o < offset]
    return not any(reminder_at(deadline.due, o, settings.zone) <= now for o in later)


def send_summary(
    session: Session,
    settings: Settings,
    deadline_id: str,
    now: dt.datetime,
    coordinators: Iterable[str],
    language_of: LanguageOf,
) -> int:
    """On the due day only: one message per coordinator with what is missing and whose it is."""
    found = _open_deadline(session, deadline_id, settings, now)
    if found is None or now.astimezone(settings.zone).date() != found[1].due:
        return 0
    _plan, deadline = found
    queued = 0
    for coordinator in sorted(set(coordinators)):
        key = summary_key(deadline.id, coordinator)
        if _existing(session, [key]):
            continue
        language = language_of(coordinator)
        reply = summary_reply(session, deadline, now, settings.zone, language)
        payload = slack_message(coordinator, message_text(reply), render(reply, translator(language)))
        queued += enqueue(session, key, Kind.SLACK_MESSAGE, payload, not_before=now)
    return queued


def coordinators(settings: Settings, client: WebClient) -> list[str]:
    """The coordinators by id and by user group; a group Slack cannot list is logged and skipped."""
    users = set(settings.coordinator_users)
    for group in settings.coordinator_groups:
        try:
            users |= set(client.usergroups_users_list(usergroup=group).get("users") or [])
        except Exception:
            log.warning("could not read coordinator group %s", group)
    return sorted(users)


def _open_deadline(
    session: Session, deadline_id: str, settings: Settings, now: dt.datetime
) -> tuple[PlanRecord, ReportingDeadline] | None:
    """The active plan's deadline, unless it is gone from the plan or has passed."""
    plan = active_plan(session)
    deadline = deadline_by_id(plan, deadline_id) if plan is not None else None
    if plan is None or deadline is None or passed(deadline, now.astimezone(settings.zone).date()):
        return None
    return plan, deadline


def _existing(session: Session, keys: Iterable[str]) -> set[str]:
    wanted = list(keys)
    if not wanted:
        return set()
    return set(session.scalars(select(OutboxItem.key).where(OutboxItem.key.in_(wanted))))
