"""The dashboard's read model: what `status`, `mine`, the App Home tab, the reminders' summary and the
report show of the plan for one reporting year, built by `participation.dashboard.build`. Plain data, in
the reader's language, with no idea of how it is drawn."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel

from participation.plan.progress import State


class TargetView(BaseModel):
    min: float | None = None
    max: float | None = None


class IndicatorView(BaseModel):
    id: str
    text: str
    texts: dict[str, str]
    kind: str
    target: TargetView | None
    computed: str | None
    state: State
    value: bool | float | str | None
    display: str
    met: bool | None
    owners: list[str]


class Light(StrEnum):
    """A measure's or a priority's traffic light for the reporting year."""

    CONFIRMED = "confirmed"  # every indicator confirmed
    MISSING = "missing"  # some missing, the deadline not passed yet
    OVERDUE = "overdue"  # some missing after the deadline
    EMPTY = "empty"  # no indicators to confirm


class MeasureView(BaseModel):
    id: str
    scope: str
    title: str
    indicators: list[IndicatorView]
    confirmed: int = 0
    total: int = 0
    light: Light = Light.EMPTY
    late_owners: list[str] = []


class PriorityView(BaseModel):
    number: int
    id: str
    title: str
    confirmed: int
    total: int
    measures: list[MeasureView]
    light: Light = Light.EMPTY


class DeadlineView(BaseModel):
    id: str
    title: str
    due: dt.date
    year: int
    working_days_left: int


class StatusView(BaseModel):
    plan_id: str
    plan_title: str
    plan_status: str
    period_start: dt.date
    period_end: dt.date
    year: int
    language: str
    confirmed: int
    total: int
    priorities: list[PriorityView]
    next_deadline: DeadlineView | None = None
    overdue: DeadlineView | None = None
    late_owners: list[str] = []
    next_meeting: str | None = None
    satisfaction: str | None = None
    # The plan's period is over (today is after `period_end`): its deadlines are behind it, and the
    # readers are pointed to its report and to `later_plans`, the ids of plans that go on after it.
    period_ended: bool = False
    later_plans: list[str] = []


class StatusError(Exception):
    """The status cannot be shown as asked; the message is for the user, in their language."""
