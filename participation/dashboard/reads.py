"""The dashboard's reads of what changes between requests, as plain rows: building an ORM object for
every confirmation took a quarter of a `status` answer's time, and the dashboard only reads them.

Each statement is built once: it keeps its SQL cache key, so a request only binds the plan and year.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Integer, String, bindparam, func, select
from sqlalchemy.orm import Session

from participation.storage.models import Confirmation, IndicatorRecord, PlanRecord

_NEWEST = (
    select(func.max(Confirmation.id))
    .join(IndicatorRecord, IndicatorRecord.id == Confirmation.indicator_id)
    .where(
        IndicatorRecord.plan_id == bindparam("plan", type_=String()),
        Confirmation.year == bindparam("year", type_=Integer()),
    )
    .group_by(Confirmation.indicator_id)
)
_LATEST = select(
    Confirmation.indicator_id,
    Confirmation.value_bool,
    Confirmation.value_number,
    Confirmation.value_text,
    Confirmation.confirmed_by,
).where(Confirmation.id.in_(_NEWEST.scalar_subquery()))


def latest_values(session: Session, plan_id: str, year: int) -> dict[int, Confirmation]:
    """The confirmation that counts for each indicator (the newest: corrections add rows), as rows with
    the attributes the progress rules read (`plan.progress.progress_of`), not as ORM objects."""
    rows = session.execute(_LATEST, {"plan": plan_id, "year": year})
    return {row.indicator_id: cast(Confirmation, row) for row in rows}


def later_plans(session: Session, plan: PlanRecord) -> list[str]:
    """The plans whose period goes on after `plan`'s ends, first starting first: where to go next once
    the active plan's period is over."""
    query = (
        select(PlanRecord.id)
        .where(PlanRecord.period_end > plan.period_end, PlanRecord.id != plan.id)
        .order_by(PlanRecord.period_start, PlanRecord.id)
    )
    return list(session.scalars(query))
