"""The messages the bot starts itself, written when they are sent, in the recipient's language then.

The outbox stores a message by name with plain arguments (`outbox.items.message`); the dispatcher calls
`compose` with the language of the recipient it has just looked up. A composer answers None when there
is nothing to say any more (the meeting was deleted, the deadline left the plan): the item is settled
without a message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, joinedload

from config.settings import Settings
from participation.deadlines.calendar import deadline_by_id, year_of
from participation.deadlines.texts import reminder_reply, summary_reply
from participation.i18n import translator
from participation.meetings.notify import announcement
from participation.meetings.reminders import reminder_reply as meeting_reminder_reply
from participation.messages import Reply, notice
from participation.plan.progress import active_plan, current_plan
from participation.polls.messages import question
from participation.polls.results import result_reply
from participation.storage.models import IndicatorRecord, Meeting, Poll

Args = dict[str, Any]
Composer = Callable[[Session, Settings, Args, str, dt.datetime], Reply | None]

MEETING_ANNOUNCEMENT = "meeting.announcement"
MEETING_REMINDER = "meeting.reminder"
POLL_QUESTION = "poll.question"
POLL_RESULT = "poll.result"
DEADLINE_REMINDER = "deadline.reminder"
DEADLINE_SUMMARY = "deadline.summary"
DELIVERY_FAILED = "outbox.failed"


def compose(
    session: Session, settings: Settings, name: str, args: Args, language: str, now: dt.datetime
) -> Reply | None:
    composer = COMPOSERS.get(name)
    if composer is None:
        raise ValueError(f"no message is called {name!r}")
    return composer(session, settings, args, language, now)


def _announcement(
    session: Session, settings: Settings, args: Args, language: str, _now: dt.datetime
) -> Reply | None:
    meeting = session.get(Meeting, int(args["meeting"]))
    return None if meeting is None else announcement(meeting, str(args["change"]), language, settings)


def _meeting_reminder(
    session: Session, settings: Settings, args: Args, language: str, _now: dt.datetime
) -> Reply | None:
    meeting = session.get(Meeting, int(args["meeting"]))
    return None if meeting is None else meeting_reminder_reply(meeting, language, settings)


def _poll_question(
    session: Session, settings: Settings, args: Args, language: str, _now: dt.datetime
) -> Reply | None:
    poll = session.get(Poll, int(args["poll"]))
    return (
        None if poll is None else question(poll, language, settings.zone, reminder=bool(args.get("reminder")))
    )


def _poll_result(
    session: Session, settings: Settings, args: Args, language: str, _now: dt.datetime
) -> Reply | None:
    poll = session.get(Poll, int(args["poll"]))
    return None if poll is None else result_reply(session, poll, language, settings.zone)


def _deadline_reminder(
    session: Session, settings: Settings, args: Args, language: str, now: dt.datetime
) -> Reply | None:
    plan = current_plan(session)  # once per batch: the dispatcher composes a batch in one session
    deadline = deadline_by_id(plan, str(args["deadline"])) if plan is not None else None
    if plan is None or deadline is None:
        return None
    indicator = _indicators(session, plan.id).get(str(args["indicator"]))
    if indicator is None:
        return None
    today = now.astimezone(settings.zone).date()
    return reminder_reply(indicator, deadline, year_of(deadline), today, language)


def _deadline_summary(
    session: Session, settings: Settings, args: Args, language: str, now: dt.datetime
) -> Reply | None:
    plan = active_plan(session)
    deadline = deadline_by_id(plan, str(args["deadline"])) if plan is not None else None
    return None if deadline is None else summary_reply(session, deadline, now, settings.zone, language)


def _delivery_failed(
    _session: Session, _settings: Settings, args: Args, language: str, _now: dt.datetime
) -> Reply:
    _ = translator(language)
    return notice(
        _("I could not send {what} after {attempts} attempts: {error}").format(
            what=args["what"], attempts=args["attempts"], error=args["error"]
        )
    )


def _indicators(session: Session, plan_id: str) -> dict[str, IndicatorRecord]:
    """The plan's indicators by key, with their measures, in one statement per unit of work: the
    dispatcher composes a whole batch of reminders in one session, one statement per item was half of
    its time. Forgotten when the session writes or its transaction ends, as `current_plan` is."""
    memo: dict[str, dict[str, IndicatorRecord]] = session.info.setdefault(_INDICATORS, {})
    if session.new or session.dirty or session.deleted:
        memo.clear()
    if plan_id not in memo:
        query = (
            select(IndicatorRecord)
            .where(IndicatorRecord.plan_id == plan_id)
            .options(joinedload(IndicatorRecord.measure))
        )
        memo[plan_id] = {indicator.key: indicator for indicator in session.scalars(query)}
    return memo[plan_id]


_INDICATORS = "participation.notices.indicators"


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, *_args: object) -> None:
    session.info.pop(_INDICATORS, None)


COMPOSERS: dict[str, Composer] = {
    MEETING_ANNOUNCEMENT: _announcement,
    MEETING_REMINDER: _meeting_reminder,
    POLL_QUESTION: _poll_question,
    POLL_RESULT: _poll_result,
    DEADLINE_REMINDER: _deadline_reminder,
    DEADLINE_SUMMARY: _deadline_summary,
    DELIVERY_FAILED: _delivery_failed,
}
