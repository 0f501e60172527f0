"""`status`: the dashboard of the whole plan, one priority in full, or one indicator with its history.

The dashboard shows per priority and measure a traffic light (🟢 all confirmed, 🟡 some missing, 🔴 some
missing after the reporting deadline has passed), the share confirmed, the next deadline, the owners who
are late, the next meeting and the latest satisfaction figure. It stays small (two sections per priority)
so it fits Slack's 50-block limit whatever the plan holds; the indicators of a priority come with
`status N`. The year shown by default is the one the next reporting deadline asks for. This module reads
what was asked; commands/status_dashboard.py draws the answer.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.history import indicator_reply
from commands.status_dashboard import overview_reply, priority_reply
from participation import numbers
from participation.dashboard import StatusError, build_status
from participation.dashboard.cache import kept
from participation.i18n import Gettext
from participation.messages import Reply, notice

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")


def status(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    try:
        priority, year, indicator = _parse_args(args, _)
        if indicator is not None:
            return indicator_reply(invocation, indicator, year, unknown=_did_not_understand(indicator, _))
        now = invocation.now()
        key = (
            "status",
            now.astimezone(invocation.zone).date(),
            invocation.language,
            str(invocation.zone),
            priority,
            year,
        )
        with invocation.db.session() as session:
            return kept(session, key, now, lambda: _dashboard(session, invocation, now, priority, year))
    except StatusError as error:
        return notice(str(error), error=True)


def _dashboard(
    session: Session, invocation: Invocation, now: dt.datetime, priority: int | None, year: int | None
) -> Reply:
    """The overview or one priority; the same for everyone asking in the language on the day, so kept
    (participation.dashboard.cache) until the dashboard's data changes."""
    _ = invocation._
    view = build_status(session, invocation.language, now, invocation.zone, year)
    if priority is None:
        return overview_reply(view, _)
    chosen = next((p for p in view.priorities if p.number == priority), None)
    if chosen is None:
        numbers = ", ".join(str(p.number) for p in view.priorities)
        return notice(
            _("There is no priority {number}. The priorities are {numbers}.").format(
                number=priority, numbers=numbers
            ),
            error=True,
        )
    return priority_reply(view, chosen, _)


def _parse_args(args: list[str], _: Gettext) -> tuple[int | None, int | None, str | None]:
    priority = year = indicator = None
    for arg in args:
        if len(arg) == 4 and (number := numbers.year(arg)) is not None:
            year = number
        elif len(arg) <= 2 and (number := numbers.bounded(arg, 0, 99)) is not None:
            priority = number
        elif indicator is None and priority is None and _SLUG.match(arg.strip("`").lower()):
            indicator = arg.strip("`").lower()
        else:
            raise StatusError(_did_not_understand(arg, _))
    return priority, year, indicator


def _did_not_understand(arg: str, _: Gettext) -> str:
    return _(
        "I did not understand {arg!r}. Try `/osallisuus status`, `/osallisuus status 2`, "
        "`/osallisuus status 2 2024` or `/osallisuus status <indicator id>`."
    ).format(arg=arg)
