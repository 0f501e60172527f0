"""Reporting deadlines as data, read from the stored plan, and the days and times that follow from them.

A deadline reports on a span of the plan's period; "confirmed for that period" means confirmed for the
reporting year in which the span ends (`covers.end.year`): the yearly report 2024 asks for 2024, and the
final report of 2023–2025 asks for 2025, the year whose figures close the period. A deadline has passed
once its due day is over (Helsinki time): the due day itself still counts as in time.
"""

from __future__ import annotations

import datetime as dt

from participation.plan.progress import reporting_year
from participation.plan.schema import ReportingDeadline
from participation.storage.models import PlanRecord
from participation.workdays import is_working_day, working_days_before

SEND_AT = dt.time(9, 0)


def deadlines_of(plan: PlanRecord) -> list[ReportingDeadline]:
    """The plan's deadlines, earliest first; the document was validated when the plan was imported."""
    found = [
        ReportingDeadline.model_validate(item) for item in plan.document.get("reporting_deadlines") or []
    ]
    return sorted(found, key=lambda deadline: (deadline.due, deadline.id))


def deadline_by_id(plan: PlanRecord, deadline_id: str) -> ReportingDeadline | None:
    return next((d for d in deadlines_of(plan) if d.id == deadline_id), None)


def year_of(deadline: ReportingDeadline) -> int:
    return deadline.covers.end.year


def passed(deadline: ReportingDeadline, today: dt.date) -> bool:
    return today > deadline.due


def next_deadline(plan: PlanRecord, today: dt.date) -> ReportingDeadline | None:
    return next((d for d in deadlines_of(plan) if not passed(d, today)), None)


def focus_year(plan: PlanRecord, today: dt.date) -> int:
    """The year people are asked about now: the next deadline's, else this year within the plan."""
    coming = next_deadline(plan, today)
    year = year_of(coming) if coming is not None else today.year
    return reporting_year(plan, year)


def overdue_in(plan: PlanRecord, year: int, today: dt.date) -> ReportingDeadline | None:
    """A deadline asking for `year` that has passed, if any: what is still missing for it is late."""
    return next((d for d in deadlines_of(plan) if year_of(d) == year and passed(d, today)), None)


def reminder_at(due: dt.date, offset: int, zone: dt.tzinfo) -> dt.datetime:
    """09:00 Helsinki time, `offset` Finnish working days before the due day."""
    return dt.datetime.combine(working_days_before(due, offset), SEND_AT, tzinfo=zone).astimezone(dt.UTC)


def summary_at(due: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """09:00 on the due day itself, whatever day of the week it is."""
    return dt.datetime.combine(due, SEND_AT, tzinfo=zone).astimezone(dt.UTC)


def working_days_left(today: dt.date, due: dt.date) -> int:
    """Working days from tomorrow up to and including the due day (0 on the day itself)."""
    days, current = 0, today
    while current < due:
        current += dt.timedelta(days=1)
        days += is_working_day(current)
    return days
