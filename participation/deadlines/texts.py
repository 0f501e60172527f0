"""What an owner's reminder and the coordinators' summary say, in the reader's language."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from participation.confirmations.actions import confirm_buttons
from participation.confirmations.roles import mentions
from participation.dashboard import build_status, localized
from participation.deadlines.calendar import working_days_left, year_of
from participation.i18n import date_text, translator
from participation.messages import Actions, Context, Header, Reply, Section
from participation.plan.progress import State
from participation.plan.schema import ReportingDeadline
from participation.storage.models import IndicatorRecord

LINE_MAX = 110


def reminder_reply(
    indicator: IndicatorRecord, deadline: ReportingDeadline, year: int, today: dt.date, language: str
) -> Reply:
    _ = translator(language)
    due = _(
        "⏰ *{deadline}* is due on {date} (working days left: {days}). "
        "This indicator of yours is not yet confirmed for {year}:"
    ).format(
        deadline=deadline.title.get(language),
        date=date_text(deadline.due, language),
        days=working_days_left(today, deadline.due),
        year=year,
    )
    measure = localized(indicator.measure.title, language)
    return Reply(
        [
            Section(due),
            Section(f"*{localized(indicator.text, language)}*\n{_cut(measure)} · `{indicator.key}`"),
            Actions(confirm_buttons(indicator, year, _)),
            Context(_("You get this as the indicator's owner. `/osallisuus mine` lists all of yours.")),
        ]
    )


def summary_reply(
    session: Session, deadline: ReportingDeadline, now: dt.datetime, zone: dt.tzinfo, language: str
) -> Reply:
    """Every indicator still missing for the deadline's year, with its owners: whose it is to chase."""
    _ = translator(language)
    year = year_of(deadline)
    view = build_status(session, language, now, zone, year)
    missing = [
        i for p in view.priorities for m in p.measures for i in m.indicators if i.state != State.CONFIRMED
    ]
    reply = Reply([Header(_("Due today: {deadline}").format(deadline=deadline.title.get(language)))])
    if not missing:
        reply.parts.append(
            Section(_("Every indicator is confirmed for {year}. Nothing is missing.").format(year=year))
        )
        return reply
    reply.parts.append(
        Section(
            _("{missing} of {total} indicators are still missing for {year}:").format(
                missing=len(missing), total=view.total, year=year
            )
        )
    )
    lines = []
    for indicator in missing:
        whose = _("computed by the bot") if indicator.computed else mentions(indicator.owners, _("no owner"))
        lines.append(f"• {_cut(indicator.text)} `{indicator.id}` — {whose}")
    reply.parts.append(Section("\n".join(lines)))
    reply.parts.append(
        Context(
            _("`/osallisuus status` shows the plan; `/osallisuus owner <indicator> @person` sets an owner.")
        )
    )
    return reply


def _cut(text: str) -> str:
    return text if len(text) <= LINE_MAX else text[: LINE_MAX - 1] + "…"
