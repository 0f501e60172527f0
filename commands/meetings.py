"""`meetings plan <network> <year>`: a year's meetings proposed at once, edited and confirmed in one form.

Nothing is created until the coordinator confirms; then all the meetings are created in one transaction,
so a refused date leaves the whole year as it was. The form and its answers: meetings_plan_form.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.meeting import coordinators_only
from commands.meeting_refusals import refusal_text
from commands.meetings_plan_form import plan_form
from participation import numbers
from participation.i18n import date_text
from participation.meetings.networks import NetworkConfig, network_config
from participation.meetings.planner import parse_blackouts, propose
from participation.meetings.service import MeetingRefused, Refusal
from participation.meetings.texts import network_name
from participation.messages import Reply, notice
from participation.storage.models import Meeting, NetworkRecord


def meetings(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    year = numbers.year(args[2]) if len(args) == 3 else None
    if year is None or args[0].lower() != "plan":
        return notice(
            _(
                "Use: `/osallisuus meetings plan <network> <year>`, for example "
                "`/osallisuus meetings plan osallisuusverkosto 2027`."
            ),
            error=True,
        )
    if not invocation.is_coordinator:
        return coordinators_only(_)
    config = network_config(args[1])
    if config is None:
        return notice(
            refusal_text(MeetingRefused(Refusal.UNKNOWN_NETWORK, network=args[1]), invocation), error=True
        )
    today = invocation.today()
    if not today.year <= year <= today.year + 5:
        return notice(
            _("Plan this year or one of the next five: {first}–{last}.").format(
                first=today.year, last=today.year + 5
            ),
            error=True,
        )
    with invocation.db.session() as session:
        network = session.get(NetworkRecord, config.id)
        if network is None or not network.channel_id:  # refused before the form, not after its answers
            return notice(
                refusal_text(MeetingRefused(Refusal.NOT_LINKED, network=config.id), invocation), error=True
            )
        booked = _booked(session, config.id, year, invocation)
    target = invocation.settings.meetings_per_year
    if len(booked) >= target:
        return notice(_booked_text(invocation, config, year, booked, target))
    blackouts = parse_blackouts(invocation.settings.meeting_blackouts)  # checked when the settings load
    dates = propose(year, target, config.weekday, blackouts, today + dt.timedelta(days=1), booked)
    if not dates:
        return notice(
            _("No dates are left in {year} that avoid weekends, holidays and the blackout periods.").format(
                year=year
            ),
            error=True,
        )
    return Reply(form=plan_form(invocation, config, year, dates, booked))


def _booked(session: Session, network_id: str, year: int, invocation: Invocation) -> list[dt.date]:
    """The days of the network's scheduled meetings in `year`, held or coming: they count to the target."""
    zone = invocation.zone
    starts = session.scalars(
        select(Meeting.starts_at).where(
            Meeting.network_id == network_id,
            Meeting.status == "scheduled",
            Meeting.starts_at >= dt.datetime(year, 1, 1, tzinfo=zone),
            Meeting.starts_at < dt.datetime(year + 1, 1, 1, tzinfo=zone),
        )
    )
    return sorted(start.astimezone(zone).date() for start in starts)


def _booked_text(
    invocation: Invocation, config: NetworkConfig, year: int, booked: list[dt.date], target: int
) -> str:
    _ = invocation._
    return _(
        "{network} already has {count} meetings in {year} ({dates}); the target is {target}. Nothing to "
        "plan: `/osallisuus meeting new` adds one more."
    ).format(
        network=network_name(config.id, invocation.language),
        count=len(booked),
        year=year,
        dates=", ".join(date_text(day, invocation.language) for day in booked),
        target=target,
    )
