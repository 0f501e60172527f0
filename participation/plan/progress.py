"""How far each indicator is: the latest confirmation for a reporting year, read against the target."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar, cast

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from participation.plan.schema import IndicatorKind
from participation.storage.models import (
    Confirmation,
    IndicatorRecord,
    MeasureRecord,
    PlanRecord,
    PriorityRecord,
)


class State(StrEnum):
    CONFIRMED = "confirmed"
    NOT_REPORTED = "not_reported"


@dataclass(frozen=True)
class Progress:
    state: State
    value: bool | float | str | None = None
    comment: str | None = None
    met: bool | None = None
    confirmed_by: str | None = None


def active_plan(session: Session) -> PlanRecord | None:
    return session.scalar(select(PlanRecord).where(PlanRecord.active.is_(True)))


def current_plan(session: Session) -> PlanRecord | None:
    """The active plan, read once per unit of work: a command that looks the plan up and then builds
    the dashboard asks the database once. Any change in the session reads it again."""
    return _remembered(session, _PLAN, lambda: active_plan(session))


def plan_tree(session: Session, plan: PlanRecord) -> list[PriorityRecord]:
    """The plan's priorities with their measures, indicators and owners, retired ones included, in one
    statement and the plan's order; `plan.priorities` is filled with them. Read once per unit of work,
    like `current_plan`, so the dashboard costs the same statements whatever the plan's size."""

    def load() -> list[PriorityRecord]:
        query = (
            select(PriorityRecord)
            .where(PriorityRecord.plan_id == plan.id)
            .order_by(PriorityRecord.number)
            .options(
                joinedload(PriorityRecord.measures)
                .joinedload(MeasureRecord.indicators)
                .joinedload(IndicatorRecord.owners)
            )
            .execution_options(populate_existing=True)
        )
        priorities = list(session.scalars(query).unique())
        set_committed_value(plan, "priorities", priorities)
        return priorities

    return _remembered(session, (_TREE, plan.id), load)


_PLAN, _TREE = "participation.plan.current", "participation.plan.tree"
_T = TypeVar("_T")


def _remembered(session: Session, key: Hashable, load: Callable[[], _T]) -> _T:
    memo = session.info.setdefault(_MEMO, {})
    if session.new or session.dirty or session.deleted:
        memo.clear()  # a change not yet flushed: read it back as a query would, after flushing it
    if key not in memo:
        memo[key] = load()
    return cast(_T, memo[key])


_MEMO = "participation.plan.memo"


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, *_args: object) -> None:
    """What was read may differ once the session wrote or its transaction ended."""
    session.info.pop(_MEMO, None)


def reporting_year(plan: PlanRecord, today_year: int) -> int:
    """The year a status speaks of by default: this year, kept inside the plan's period."""
    return max(plan.period_start.year, min(today_year, plan.period_end.year))


def latest_confirmations(session: Session, plan_id: str, year: int) -> dict[int, Confirmation]:
    """The confirmation that counts for each indicator: the newest one, since corrections add rows."""
    newest = (
        select(func.max(Confirmation.id))
        .join(IndicatorRecord)
        .where(IndicatorRecord.plan_id == plan_id, Confirmation.year == year)
        .group_by(Confirmation.indicator_id)
    )
    rows = session.scalars(select(Confirmation).where(Confirmation.id.in_(newest)))
    return {row.indicator_id: row for row in rows}


def progress_of(indicator: IndicatorRecord, confirmation: Confirmation | None) -> Progress:
    if confirmation is None:
        return Progress(State.NOT_REPORTED)
    value = _value(indicator.kind, confirmation)
    return Progress(
        State.CONFIRMED,
        value=value,
        comment=confirmation.value_text if indicator.kind != IndicatorKind.YEARLY_REVIEW else None,
        met=_met(indicator, value),
        confirmed_by=confirmation.confirmed_by,
    )


def _value(kind: str, confirmation: Confirmation) -> bool | float | str | None:
    if kind in (IndicatorKind.YES_NO, IndicatorKind.YEARLY_REVIEW):
        return confirmation.value_bool
    if confirmation.value_number is not None:
        return confirmation.value_number
    return confirmation.value_text


def _met(indicator: IndicatorRecord, value: bool | float | str | None) -> bool | None:
    if isinstance(value, bool):
        return value
    if not isinstance(value, int | float) or indicator.target_min is None:
        return None
    if indicator.target_max is not None and value > indicator.target_max:
        return False
    return value >= indicator.target_min
