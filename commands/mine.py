"""`mine [year]`: the indicators a person owns, their state for the year, and a button to confirm each;
the App Home tab shows the same list above the dashboard."""

from __future__ import annotations

from commands.context import Invocation
from commands.marks import state_mark
from participation import numbers
from participation.confirmations.actions import OPEN_ACTION
from participation.dashboard import IndicatorView, StatusError, StatusView, build_status
from participation.i18n import Gettext, date_text
from participation.messages import Button, Context, Header, Part, Reply, Section, notice
from participation.plan.progress import State

MINE_MAX = 45


def mine(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    year = numbers.year(args[0]) if len(args) == 1 else None
    if len(args) > 1 or (args and year is None):
        return notice(_("Use: `/osallisuus mine` or `/osallisuus mine 2024`."), error=True)
    try:
        with invocation.db.session() as session:
            view = build_status(
                session,
                invocation.language,
                invocation.now(),
                invocation.zone,
                year,
            )
    except StatusError as error:
        return notice(str(error), error=True)
    reply = Reply([Header(_("Your indicators")), Context(deadline_line(view, _))])
    reply.parts += own_parts(view, invocation.user_id, _, MINE_MAX)
    return reply


def own_indicators(view: StatusView, user_id: str) -> list[IndicatorView]:
    """A person's indicators, the ones still missing first, otherwise in the plan's order."""
    own = [i for p in view.priorities for m in p.measures for i in m.indicators if user_id in i.owners]
    return sorted(own, key=lambda indicator: indicator.state == State.CONFIRMED)


def own_parts(view: StatusView, user_id: str, _: Gettext, limit: int) -> list[Part]:
    own = own_indicators(view, user_id)
    if not own:
        return [
            Section(
                _(
                    "You own no indicators. A coordinator names the owners with "
                    "`/osallisuus owner <indicator> @person`."
                )
            )
        ]
    parts: list[Part] = []
    for indicator in own[:limit]:
        button = None
        if not indicator.computed:
            label = _("Confirm…") if indicator.state != State.CONFIRMED else _("Correct…")
            button = Button(
                label, OPEN_ACTION, f"{indicator.id}:{view.year}", primary=indicator.state != State.CONFIRMED
            )
        text = f"{state_mark(indicator)} *{indicator.text}*\n{indicator.display} · `{indicator.id}`"
        parts.append(Section(text, button))
    if len(own) > limit:
        parts.append(Context(_("{count} more are not shown here.").format(count=len(own) - limit)))
    missing = sum(i.state != State.CONFIRMED for i in own)
    parts.insert(
        0,
        Context(
            _("{missing} of your {total} indicators are not yet confirmed for {year}.").format(
                missing=missing, total=len(own), year=view.year
            )
        ),
    )
    return parts


def deadline_line(view: StatusView, _: Gettext) -> str:
    coming = view.next_deadline
    if coming is None:
        return _("Reporting year {year} · no reporting deadlines ahead.").format(year=view.year)
    return _(
        "Reporting year {year} · next deadline: {deadline} on {date} (working days left: {days})"
    ).format(
        year=view.year,
        deadline=coming.title,
        date=date_text(coming.due, view.language),
        days=coming.working_days_left,
    )
